import type { SourcePosition } from './errors';

/** Abstract syntax tree of a JQL query, as produced by `parseJql`. */
export type JqlOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | '~' | '!~' | 'in' | 'not in' | 'is' | 'is not';

export interface JqlFieldRef {
  /** The field name as written (unescaped, original case). */
  name: string;
  quoted: boolean;
  pos: SourcePosition;
}

/** A single literal: `SD`, `"In Progress"`, `10001`, `-1d`. */
export interface JqlValueOperand {
  kind: 'value';
  value: string;
  /** Quoted literals are strings; unquoted all-digit literals are numbers to Jira (ids, epoch millis). */
  quoted: boolean;
  pos: SourcePosition;
}

/** `EMPTY` or `NULL`. */
export interface JqlEmptyOperand {
  kind: 'empty';
  keyword: string;
  pos: SourcePosition;
}

export interface JqlFunctionOperand {
  kind: 'function';
  /** Function name as written. */
  name: string;
  args: string[];
  pos: SourcePosition;
}

export type JqlSingleOperand = JqlValueOperand | JqlEmptyOperand | JqlFunctionOperand;

export interface JqlListOperand {
  kind: 'list';
  items: JqlSingleOperand[];
  pos: SourcePosition;
}

export type JqlOperand = JqlSingleOperand | JqlListOperand;

export interface JqlTerminalClause {
  kind: 'terminal';
  field: JqlFieldRef;
  operator: JqlOperator;
  operand: JqlOperand;
}

export interface JqlAndClause { kind: 'and'; clauses: JqlClause[] }
export interface JqlOrClause { kind: 'or'; clauses: JqlClause[] }
export interface JqlNotClause { kind: 'not'; clause: JqlClause }

export type JqlClause = JqlAndClause | JqlOrClause | JqlNotClause | JqlTerminalClause;

export interface JqlSortItem {
  field: JqlFieldRef;
  /** `null` when the query does not say: the field's default direction applies. */
  direction: 'asc' | 'desc' | null;
}

export interface JqlQuery {
  /** `null` for an empty query or one with only ORDER BY. */
  where: JqlClause | null;
  /** `null` when there is no ORDER BY. */
  orderBy: JqlSortItem[] | null;
}

/** Renders an operand the way Jira displays it in messages. */
export function operandDisplay(o: JqlOperand): string {
  switch (o.kind) {
    case 'value': return o.value;
    case 'empty': return o.keyword.toUpperCase();
    case 'function': return functionDisplay(o);
    case 'list': return `(${o.items.map(operandDisplay).join(', ')})`;
  }
}

export function functionDisplay(f: JqlFunctionOperand): string {
  return `${f.name}(${f.args.join(', ')})`;
}
