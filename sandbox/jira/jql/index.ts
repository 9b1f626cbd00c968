/**
 * The sandbox's JQL engine: answers the subset of Jira Cloud JQL the app uses exactly like Jira, and refuses
 * everything else with Jira-shaped error messages rather than guessing.
 *
 * Pipeline: tokenizer (./tokenizer) -> recursive-descent parser producing an AST (./parser, ./ast) ->
 * validation against the catalog + compilation to a predicate and comparator (./compiler), with time-zone aware
 * date handling (./dates).
 */
import { JqlCompiler } from './compiler';
import { assertTimeZone } from './dates';
import { JqlRefusal, JqlSyntaxError } from './errors';
import { parseJql } from './parser';
import type { CompiledJql, JqlContext } from './types';

export type { CompiledJql, JqlAlias, JqlCatalog, JqlContext, JqlIssue } from './types';
export type {
  JqlAndClause, JqlClause, JqlEmptyOperand, JqlFieldRef, JqlFunctionOperand, JqlListOperand, JqlNotClause, JqlOperand, JqlOperator,
  JqlOrClause, JqlQuery, JqlSingleOperand, JqlSortItem, JqlTerminalClause, JqlValueOperand,
} from './ast';
export { JqlRefusal, JqlSyntaxError, type SourcePosition } from './errors';
export { parseJql } from './parser';
export { tokenize, type Token, type TokenKind } from './tokenizer';

/**
 * Compiles a JQL string for the searching user described by `ctx`.
 * Throws (a RangeError) only for a programming error in the context: an unknown IANA `timeZone`.
 */
export function compileJql(jql: string, ctx: JqlContext): CompiledJql {
  assertTimeZone(ctx.timeZone);
  let query;
  try {
    query = parseJql(typeof jql === 'string' ? jql : '');
  } catch (e) {
    if (e instanceof JqlSyntaxError || e instanceof JqlRefusal) return { ok: false, errorMessages: [e.message] };
    throw e;
  }
  const compiler = new JqlCompiler(ctx);
  const filter = query.where ? compiler.clause(query.where, false) : (): boolean => true;
  const compare = compiler.comparator(query.orderBy);
  if (compiler.errors.length) return { ok: false, errorMessages: [...compiler.errors] };
  return { ok: true, filter, compare, isBounded: query.where !== null };
}
