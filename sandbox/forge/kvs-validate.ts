/**
 * Limits and validation of the sandboxed Forge KVS / Custom Entity Store,
 * after Forge's documented storage limits and error codes.
 */
import { KvsError, KvsErrorCode, badRequest } from './kvs-errors';

export const MAX_KEY_LENGTH = 500;
/** Forge's documented key regex, `/^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/` (the `-` there is literal). */
export const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
/** 240 KiB of JSON (UTF-8 bytes). */
export const MAX_VALUE_BYTES = 240 * 1024;
/** Nesting depth of a KVS value (a top-level object or array counts 1). */
export const MAX_DEPTH_KVS = 31;
/** Nesting depth of a custom entity value (the entity object itself counts 1). */
export const MAX_DEPTH_ENTITY = 32;
export const MAX_BATCH_ITEMS = 25;
export const MAX_TRANSACTION_OPERATIONS = 25;
/** Batch and transaction payload ceiling (4 MB). */
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;
export const DEFAULT_QUERY_LIMIT = 10;
export const MAX_QUERY_LIMIT = 20;
export const MAX_ENTITY_QUERY_LIMIT = 100;
export const MIN_ENTITY_NAME_LENGTH = 3;
export const MAX_ENTITY_NAME_LENGTH = 60;
const ENTITY_NAME_PATTERN = /^[a-zA-Z0-9:._-]+$/;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const FLOAT_MIN_MAGNITUDE = 1e-130;
const FLOAT_MAX_MAGNITUDE = 1e126; // Forge documents floats below 1e126 in magnitude

export type MetadataField = 'CREATED_AT' | 'UPDATED_AT' | 'EXPIRE_TIME';
const METADATA_FIELDS: readonly MetadataField[] = ['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME'];

export type AttributeType = 'string' | 'boolean' | 'float' | 'integer' | 'any';

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export type KeyFlavour = 'kvs' | 'entity';

export function validateKey(key: unknown, flavour: KeyFlavour): string {
  if (typeof key !== 'string') throw badRequest('key must be a string');
  if (key.length === 0) {
    throw flavour === 'entity'
      ? new KvsError(400, KvsErrorCode.EMPTY_KEY, 'Key cannot be empty.')
      : new KvsError(400, KvsErrorCode.KEY_TOO_SHORT, 'The provided key needs to be at least one character.');
  }
  if (key.length > MAX_KEY_LENGTH) {
    throw new KvsError(400, KvsErrorCode.KEY_TOO_LONG, `The provided key has exceeded the maximum ${MAX_KEY_LENGTH} characters.`);
  }
  if (!KEY_PATTERN.test(key)) {
    throw new KvsError(400, KvsErrorCode.INVALID_KEY, 'The provided key does not match the regex: /^(?!\\s+$)[a-zA-Z0-9:._\\s-#]+$/');
  }
  return key;
}

/** Depth of nested objects/arrays; stops counting once `limit` is exceeded. */
export function jsonDepth(v: unknown, limit: number): number {
  if (typeof v !== 'object' || v === null) return 0;
  if (limit <= 0) return 1;
  let deepest = 0;
  const children: unknown[] = Array.isArray(v) ? v : Object.values(v);
  for (const child of children) {
    const d = jsonDepth(child, limit - 1);
    if (d > deepest) deepest = d;
    if (deepest >= limit) break;
  }
  return 1 + deepest;
}

/** Validates a value to store and returns its JSON text. */
export function validateValue(value: unknown, maxDepth: number): string {
  if (value === undefined || value === null) throw badRequest('value is required and cannot be null');
  if (jsonDepth(value, maxDepth) > maxDepth) {
    throw new KvsError(400, KvsErrorCode.MAX_DEPTH, `The provided value has exceeded the maximum object depth (${maxDepth}) limit.`);
  }
  const text = JSON.stringify(value);
  if (Buffer.byteLength(text, 'utf8') > MAX_VALUE_BYTES) {
    throw new KvsError(400, KvsErrorCode.MAX_SIZE, `The provided value has exceeded the maximum size limit (${MAX_VALUE_BYTES} bytes).`);
  }
  return text;
}

const TTL_UNIT_MS: Record<string, number> = {
  SECONDS: 1000,
  MINUTES: 60 * 1000,
  HOURS: 60 * 60 * 1000,
  DAYS: 24 * 60 * 60 * 1000,
};

/** Returns the TTL in milliseconds, or undefined when none is given. */
export function parseTtl(ttl: unknown): number | undefined {
  if (ttl === undefined) return undefined;
  if (!isRecord(ttl)) throw badRequest('options.ttl must be an object { value, unit }');
  const { value, unit } = ttl;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw badRequest('options.ttl.value must be a positive integer');
  }
  const factor = typeof unit === 'string' ? TTL_UNIT_MS[unit] : undefined;
  if (factor === undefined) throw badRequest('options.ttl.unit must be one of SECONDS, MINUTES, HOURS, DAYS');
  return value * factor;
}

export function parseMetadataFields(v: unknown, where: string): Set<MetadataField> {
  const out = new Set<MetadataField>();
  if (v === undefined) return out;
  if (!Array.isArray(v)) throw badRequest(`${where} must be an array`);
  for (const f of v) {
    const field = METADATA_FIELDS.find((m) => m === f);
    if (field === undefined) throw badRequest(`${where} contains an unknown field: ${String(f)}`);
    out.add(field);
  }
  return out;
}

export function parseLimit(v: unknown, max: number): number {
  if (v === undefined) return Math.min(DEFAULT_QUERY_LIMIT, max);
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) {
    throw badRequest(`limit must be an integer between 1 and ${max}`);
  }
  return v;
}

export function checkRequestSize(body: unknown): void {
  const text = JSON.stringify(body) ?? '';
  if (Buffer.byteLength(text, 'utf8') > MAX_REQUEST_BYTES) {
    throw badRequest(`The request payload exceeds ${MAX_REQUEST_BYTES} bytes`);
  }
}

export function validateEntityName(name: unknown): string {
  if (typeof name !== 'string') throw badRequest('entityName must be a string');
  if (name.length < MIN_ENTITY_NAME_LENGTH) {
    throw new KvsError(400, KvsErrorCode.ENTITY_TYPE_TOO_SHORT, `The provided entity name needs to be at least ${MIN_ENTITY_NAME_LENGTH} characters.`);
  }
  if (name.length > MAX_ENTITY_NAME_LENGTH) {
    throw new KvsError(400, KvsErrorCode.ENTITY_TYPE_TOO_LARGE, `The provided entity name has exceeded the maximum ${MAX_ENTITY_NAME_LENGTH} characters.`);
  }
  if (!ENTITY_NAME_PATTERN.test(name)) {
    throw new KvsError(400, KvsErrorCode.INVALID_ENTITY_TYPE, `The provided entity name is invalid: ${name}`);
  }
  return name;
}

export function attributeMatchesType(value: unknown, type: AttributeType): boolean {
  switch (type) {
    case 'any':
      return value !== undefined;
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
    case 'float': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return false;
      const m = Math.abs(value);
      return m === 0 || (m >= FLOAT_MIN_MAGNITUDE && m < FLOAT_MAX_MAGNITUDE);
    }
  }
}

/** Checks an entity value against its declared attributes (strict: no undeclared attributes). */
export function validateEntityAttributes(
  entityName: string,
  attributes: ReadonlyMap<string, AttributeType>,
  value: unknown,
): void {
  if (!isRecord(value)) throw badRequest(`The value of entity ${entityName} must be an object of attributes`);
  for (const [name, attrValue] of Object.entries(value)) {
    const type = attributes.get(name);
    if (type === undefined) {
      throw new KvsError(400, KvsErrorCode.INVALID_ATTRIBUTE, `Attribute ${name} is not declared on entity ${entityName}`, {
        entityName,
        attribute: name,
      });
    }
    if (attrValue === null && type !== 'any') {
      throw new KvsError(400, KvsErrorCode.INVALID_ATTRIBUTE_TYPE, `Attribute ${name} of entity ${entityName} must be of type ${type}, got null`, {
        entityName,
        attribute: name,
        expected: type,
      });
    }
    if (!attributeMatchesType(attrValue, type)) {
      const got = Array.isArray(attrValue) ? 'array' : typeof attrValue;
      throw new KvsError(400, KvsErrorCode.INVALID_ATTRIBUTE_TYPE, `Attribute ${name} of entity ${entityName} must be of type ${type}, got ${got}`, {
        entityName,
        attribute: name,
        expected: type,
      });
    }
  }
}
