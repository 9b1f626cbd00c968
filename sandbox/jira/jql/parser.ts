import type {
  JqlClause, JqlFieldRef, JqlFunctionOperand, JqlListOperand, JqlOperand, JqlOperator, JqlQuery, JqlSingleOperand, JqlSortItem,
} from './ast';
import { JqlRefusal, JqlSyntaxError } from './errors';
import { tokenize, type Token } from './tokenizer';

/**
 * Recursive-descent JQL parser.
 *
 *   query    := [or] [ORDER BY sort (',' sort)*] EOF
 *   or       := and (OR and)*
 *   and      := not (AND not)*
 *   not      := (NOT | '!') not | '(' or ')' | terminal
 *   terminal := field operator operand
 *   operand  := EMPTY | NULL | value | function | '(' single (',' single)* ')'
 *   function := word '(' [arg (',' arg)*] ')'
 *
 * Precedence is Jira's: NOT binds tighter than AND, which binds tighter than OR.
 */

/** Words the grammar uses; as values they must be quoted. */
const GRAMMAR_KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'order', 'by', 'asc', 'desc', 'was', 'changed', 'empty', 'null']);

/** Jira's reserved JQL words: unquoted they are rejected as values and field names. */
const RESERVED_WORDS = new Set([
  'abort', 'access', 'add', 'after', 'alias', 'all', 'alter', 'and', 'any', 'as', 'asc', 'audit', 'avg', 'before', 'begin',
  'between', 'boolean', 'break', 'by', 'byte', 'catch', 'cf', 'char', 'character', 'check', 'checkpoint', 'collate',
  'collation', 'column', 'commit', 'connect', 'continue', 'count', 'create', 'current', 'date', 'decimal', 'declare',
  'decrement', 'default', 'defaults', 'define', 'delete', 'delimiter', 'desc', 'difference', 'distinct', 'divide', 'do',
  'double', 'drop', 'else', 'empty', 'encoding', 'end', 'equals', 'escape', 'exclusive', 'exec', 'execute', 'exists',
  'explain', 'false', 'fetch', 'file', 'field', 'first', 'float', 'for', 'from', 'function', 'go', 'goto', 'grant',
  'greater', 'group', 'having', 'identified', 'if', 'immediate', 'in', 'increment', 'index', 'initial', 'inner', 'inout',
  'input', 'insert', 'int', 'integer', 'intersect', 'intersection', 'into', 'is', 'isempty', 'isnull', 'join', 'last',
  'left', 'less', 'like', 'limit', 'lock', 'long', 'max', 'min', 'minus', 'mode', 'modify', 'modulo', 'more', 'multiply',
  'next', 'noaudit', 'not', 'notin', 'nowait', 'null', 'number', 'object', 'of', 'on', 'option', 'or', 'order', 'outer',
  'output', 'power', 'previous', 'prior', 'privileges', 'public', 'raise', 'raw', 'remainder', 'rename', 'resource',
  'return', 'returns', 'right', 'row', 'rowid', 'rownum', 'rows', 'select', 'session', 'set', 'share', 'size', 'sqrt',
  'start', 'strict', 'string', 'subtract', 'sum', 'synonym', 'table', 'then', 'to', 'trans', 'transaction', 'trigger',
  'true', 'uid', 'union', 'unique', 'update', 'user', 'validate', 'values', 'view', 'when', 'whenever', 'where', 'while',
  'with',
]);

const VALID_OPERATORS = "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(ahead = 0): Token {
    const t = this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)];
    if (!t) throw new Error('token stream is empty');
    return t;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    return t;
  }

  private isWord(t: Token, word: string): boolean {
    return t.kind === 'word' && t.value.toLowerCase() === word;
  }

  private isAnd(t: Token): boolean { return t.kind === 'and' || this.isWord(t, 'and'); }
  private isOr(t: Token): boolean { return t.kind === 'or' || this.isWord(t, 'or'); }
  private isNot(t: Token): boolean { return t.kind === 'not' || this.isWord(t, 'not'); }

  private fail(detail: string, t: Token): never {
    throw new JqlSyntaxError(detail, t.kind === 'eof' ? null : t.pos);
  }

  parseQuery(): JqlQuery {
    let where: JqlClause | null = null;
    if (this.peek().kind !== 'eof' && !this.isWord(this.peek(), 'order')) where = this.parseOr();
    let orderBy: JqlSortItem[] | null = null;
    const t = this.peek();
    if (this.isWord(t, 'order')) {
      this.next();
      orderBy = this.parseOrderBy();
    } else if (t.kind !== 'eof') {
      this.fail(`Expecting either 'OR' or 'AND' but got '${t.raw}'.`, t);
    }
    const end = this.peek();
    if (end.kind !== 'eof') this.fail(`Expecting ',' or the end of the query but got '${end.raw}'.`, end);
    return { where, orderBy };
  }

  private parseOr(): JqlClause {
    const clauses = [this.parseAnd()];
    while (this.isOr(this.peek())) { this.next(); clauses.push(this.parseAnd()); }
    return clauses.length === 1 ? (clauses[0] as JqlClause) : { kind: 'or', clauses };
  }

  private parseAnd(): JqlClause {
    const clauses = [this.parseNot()];
    while (this.isAnd(this.peek())) { this.next(); clauses.push(this.parseNot()); }
    return clauses.length === 1 ? (clauses[0] as JqlClause) : { kind: 'and', clauses };
  }

  private parseNot(): JqlClause {
    const t = this.peek();
    if (this.isNot(t)) { this.next(); return { kind: 'not', clause: this.parseNot() }; }
    if (t.kind === 'lparen') {
      this.next();
      const inner = this.parseOr();
      const close = this.next();
      if (close.kind !== 'rparen') {
        if (close.kind === 'eof') this.fail("Expecting ')' before the end of the query.", close);
        this.fail(`Expecting ')' but got '${close.raw}'.`, close);
      }
      return inner;
    }
    return this.parseTerminal();
  }

  private parseField(): JqlFieldRef {
    const t = this.next();
    if (t.kind === 'string') return { name: t.value, quoted: true, pos: t.pos };
    if (t.kind === 'word') {
      const lower = t.value.toLowerCase();
      if (GRAMMAR_KEYWORDS.has(lower) || RESERVED_WORDS.has(lower)) {
        this.fail(`Expecting a field name but got '${t.raw}'. You must surround '${t.raw}' in quotation marks to use it as a field name.`, t);
      }
      return { name: t.value, quoted: false, pos: t.pos };
    }
    if (t.kind === 'eof') this.fail('Expecting a field name at the end of the query.', t);
    return this.fail(`Expecting a field name but got '${t.raw}'.`, t);
  }

  private parseTerminal(): JqlClause {
    const field = this.parseField();
    const operator = this.parseOperator(field);
    const operand = this.parseOperand();
    return { kind: 'terminal', field, operator, operand };
  }

  private parseOperator(field: JqlFieldRef): JqlOperator {
    const t = this.next();
    if (t.kind === 'op') return t.value as JqlOperator;
    if (t.kind === 'word') {
      const w = t.value.toLowerCase();
      if (w === 'in') return 'in';
      if (w === 'is') {
        if (this.isNot(this.peek())) { this.next(); return 'is not'; }
        return 'is';
      }
      if (w === 'not' && this.isWord(this.peek(), 'in')) { this.next(); return 'not in'; }
      if (w === 'was' || w === 'changed') {
        // History searches need the change log, which the sandbox does not index.
        throw new JqlRefusal(`The operator '${w}' is not supported by the '${field.name}' field.`);
      }
    }
    if (t.kind === 'eof') this.fail(`Expecting operator before the end of the query. ${VALID_OPERATORS}`, t);
    return this.fail(`Expecting operator but got '${t.raw}'. ${VALID_OPERATORS}`, t);
  }

  private valueExpected(t: Token): never {
    if (t.kind === 'eof') this.fail('Expecting either a value, list or function before the end of the query.', t);
    if (t.kind === 'word') {
      this.fail(`Expecting either a value, list or function but got '${t.raw}'. You must surround '${t.raw}' in quotation marks to use it as a value.`, t);
    }
    return this.fail(`Expecting either a value, list or function but got '${t.raw}'.`, t);
  }

  private parseOperand(): JqlOperand {
    const t = this.peek();
    if (t.kind === 'lparen') return this.parseList();
    return this.parseSingle();
  }

  private parseList(): JqlListOperand {
    const open = this.next();
    const items: JqlSingleOperand[] = [this.parseSingle()];
    for (;;) {
      const t = this.next();
      if (t.kind === 'rparen') break;
      if (t.kind === 'comma') { items.push(this.parseSingle()); continue; }
      if (t.kind === 'eof') this.fail("Expecting ')' before the end of the query.", t);
      this.fail(`Expecting ')' but got '${t.raw}'.`, t);
    }
    return { kind: 'list', items, pos: open.pos };
  }

  private parseSingle(): JqlSingleOperand {
    const t = this.peek();
    if (t.kind === 'string') { this.next(); return { kind: 'value', value: t.value, quoted: true, pos: t.pos }; }
    if (t.kind === 'word') {
      if (this.peek(1).kind === 'lparen') return this.parseFunction();
      const w = t.value.toLowerCase();
      if (w === 'empty' || w === 'null') { this.next(); return { kind: 'empty', keyword: t.value, pos: t.pos }; }
      if (GRAMMAR_KEYWORDS.has(w) || RESERVED_WORDS.has(w)) this.valueExpected(t);
      this.next();
      return { kind: 'value', value: t.value, quoted: false, pos: t.pos };
    }
    return this.valueExpected(t);
  }

  private parseFunction(): JqlFunctionOperand {
    const name = this.next();
    this.next(); // '('
    const args: string[] = [];
    if (this.peek().kind === 'rparen') { this.next(); return { kind: 'function', name: name.value, args, pos: name.pos }; }
    for (;;) {
      const a = this.next();
      if (a.kind !== 'word' && a.kind !== 'string') {
        if (a.kind === 'eof') this.fail("Expecting ')' before the end of the query.", a);
        this.fail(`Expecting a function argument but got '${a.raw}'.`, a);
      }
      args.push(a.value);
      const sep = this.next();
      if (sep.kind === 'rparen') break;
      if (sep.kind === 'comma') continue;
      if (sep.kind === 'eof') this.fail("Expecting ')' before the end of the query.", sep);
      this.fail(`Expecting ')' but got '${sep.raw}'.`, sep);
    }
    return { kind: 'function', name: name.value, args, pos: name.pos };
  }

  private parseOrderBy(): JqlSortItem[] {
    const by = this.next();
    if (!this.isWord(by, 'by')) {
      if (by.kind === 'eof') this.fail("Expecting 'by' before the end of the query.", by);
      this.fail(`Expecting 'by' but got '${by.raw}'.`, by);
    }
    const items: JqlSortItem[] = [];
    for (;;) {
      const field = this.parseField();
      let direction: 'asc' | 'desc' | null = null;
      const d = this.peek();
      if (this.isWord(d, 'asc') || this.isWord(d, 'desc')) { this.next(); direction = d.value.toLowerCase() as 'asc' | 'desc'; }
      items.push({ field, direction });
      if (this.peek().kind === 'comma') { this.next(); continue; }
      break;
    }
    return items;
  }
}

/** Parses JQL into an AST. Throws `JqlSyntaxError` (or `JqlRefusal` for history operators). */
export function parseJql(jql: string): JqlQuery {
  return new Parser(tokenize(jql)).parseQuery();
}
