/**
 * Range (`where`) and filter conditions of Custom Entity Store queries and of
 * transaction conditions, as `@forge/kvs` encodes them:
 * `{ condition: 'BETWEEN', values: [a, b] }`, filters `{ and|or: [{ property, condition, values }] }`.
 */
import { badRequest } from './kvs-errors';
import { isRecord } from './kvs-validate';

export type RangeCondition =
  | 'BEGINS_WITH'
  | 'BETWEEN'
  | 'EQUAL_TO'
  | 'GREATER_THAN'
  | 'GREATER_THAN_EQUAL_TO'
  | 'LESS_THAN'
  | 'LESS_THAN_EQUAL_TO';

export type FilterCondition = RangeCondition | 'CONTAINS' | 'NOT_CONTAINS' | 'NOT_EQUAL_TO' | 'EXISTS' | 'NOT_EXISTS';

const RANGE_CONDITIONS: readonly RangeCondition[] = [
  'BEGINS_WITH',
  'BETWEEN',
  'EQUAL_TO',
  'GREATER_THAN',
  'GREATER_THAN_EQUAL_TO',
  'LESS_THAN',
  'LESS_THAN_EQUAL_TO',
];
const FILTER_CONDITIONS: readonly FilterCondition[] = [...RANGE_CONDITIONS, 'CONTAINS', 'NOT_CONTAINS', 'NOT_EQUAL_TO', 'EXISTS', 'NOT_EXISTS'];

export interface Clause<C extends FilterCondition = FilterCondition> {
  condition: C;
  values: unknown[];
}
export interface FilterClause extends Clause {
  property: string;
}
export interface FilterGroup {
  operator: 'and' | 'or';
  clauses: FilterClause[];
}

function checkArity(condition: FilterCondition, values: unknown[], where: string): void {
  const needed = condition === 'BETWEEN' ? 2 : 1;
  if (values.length !== needed) throw badRequest(`${where}: condition ${condition} takes ${needed} value(s)`);
  if (condition === 'EXISTS' || condition === 'NOT_EXISTS') return;
  for (const v of values) {
    if (v === null || v === undefined || (typeof v === 'object' && condition !== 'EQUAL_TO' && condition !== 'NOT_EQUAL_TO')) {
      throw badRequest(`${where}: condition ${condition} has an invalid value`);
    }
  }
}

export function parseRange(raw: unknown): Clause<RangeCondition> | undefined {
  if (raw === undefined) return undefined;
  if (!isRecord(raw)) throw badRequest('range must be an object { condition, values }');
  const condition = RANGE_CONDITIONS.find((c) => c === raw.condition);
  if (condition === undefined) throw badRequest(`range: unsupported condition ${String(raw.condition)}`);
  if (!Array.isArray(raw.values)) throw badRequest('range.values must be an array');
  const values: unknown[] = raw.values;
  checkArity(condition, values, 'range');
  return { condition, values };
}

export function parseFilterGroup(raw: unknown, where: string): FilterGroup | undefined {
  if (raw === undefined) return undefined;
  if (!isRecord(raw)) throw badRequest(`${where} must be an object { and: [...] } or { or: [...] }`);
  const keys = Object.keys(raw).filter((k) => raw[k] !== undefined);
  if (keys.length !== 1 || (keys[0] !== 'and' && keys[0] !== 'or')) {
    throw badRequest(`${where} must have exactly one of "and" or "or"`);
  }
  const operator = keys[0];
  const list = raw[operator];
  if (!Array.isArray(list) || list.length === 0) throw badRequest(`${where}.${operator} must be a non-empty array`);
  const clauses = list.map((item: unknown, i): FilterClause => {
    if (!isRecord(item)) throw badRequest(`${where}.${operator}[${i}] must be an object`);
    if (typeof item.property !== 'string' || item.property.length === 0) {
      throw badRequest(`${where}.${operator}[${i}].property must be a non-empty string`);
    }
    const condition = FILTER_CONDITIONS.find((c) => c === item.condition);
    if (condition === undefined) throw badRequest(`${where}.${operator}[${i}]: unsupported condition ${String(item.condition)}`);
    if (!Array.isArray(item.values)) throw badRequest(`${where}.${operator}[${i}].values must be an array`);
    const values: unknown[] = item.values;
    checkArity(condition, values, `${where}.${operator}[${i}]`);
    return { property: item.property, condition, values };
  });
  return { operator, clauses };
}

/** Orders two scalar values of the same kind; undefined when they are not comparable. */
export function compareScalars(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  return undefined;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Evaluates one clause against an attribute value (`undefined` = attribute absent). */
export function evaluateClause(actual: unknown, clause: Clause): boolean {
  const [first, second] = clause.values;
  switch (clause.condition) {
    case 'EXISTS':
      return actual !== undefined;
    case 'NOT_EXISTS':
      return actual === undefined;
    case 'EQUAL_TO':
      return actual !== undefined && deepEqual(actual, first);
    case 'NOT_EQUAL_TO':
      return actual === undefined || !deepEqual(actual, first);
    case 'CONTAINS':
    case 'NOT_CONTAINS': {
      let contains = false;
      if (typeof actual === 'string' && typeof first === 'string') contains = actual.includes(first);
      else if (Array.isArray(actual)) contains = actual.some((el) => deepEqual(el, first));
      return clause.condition === 'CONTAINS' ? contains : !contains;
    }
    case 'BEGINS_WITH':
      return typeof actual === 'string' && actual.startsWith(String(first));
    case 'BETWEEN': {
      const lo = compareScalars(actual, first);
      const hi = compareScalars(actual, second);
      return lo !== undefined && hi !== undefined && lo >= 0 && hi <= 0;
    }
    case 'GREATER_THAN': {
      const c = compareScalars(actual, first);
      return c !== undefined && c > 0;
    }
    case 'GREATER_THAN_EQUAL_TO': {
      const c = compareScalars(actual, first);
      return c !== undefined && c >= 0;
    }
    case 'LESS_THAN': {
      const c = compareScalars(actual, first);
      return c !== undefined && c < 0;
    }
    case 'LESS_THAN_EQUAL_TO': {
      const c = compareScalars(actual, first);
      return c !== undefined && c <= 0;
    }
  }
}

/** Evaluates a filter group against an entity value (`undefined` = item absent). */
export function evaluateFilterGroup(item: Record<string, unknown> | undefined, group: FilterGroup): boolean {
  const test = (c: FilterClause): boolean => evaluateClause(item === undefined ? undefined : item[c.property], c);
  return group.operator === 'and' ? group.clauses.every(test) : group.clauses.some(test);
}
