import { JqlSyntaxError, positionAt, type SourcePosition } from './errors';

/**
 * JQL lexer. Follows the Jira grammar closely enough for the error messages to match:
 * - `AND` may also be written `&`/`&&`, `OR` as `|`/`||`, `NOT` as `!`;
 * - unquoted strings run until whitespace or one of `"'(),=!<>~&|`;
 * - the characters `{ } * / % + ^ $ # @ ? ; [ ]` are reserved outside quotes (brackets are allowed only in
 *   field references such as `cf[10010]` or `issue.property[key].path`);
 * - quoted strings ("…" or '…') and unquoted strings accept the escapes \" \' \\ \t \n \r \  and \uXXXX.
 */
export type TokenKind = 'word' | 'string' | 'lparen' | 'rparen' | 'comma' | 'op' | 'not' | 'and' | 'or' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Unescaped text (for `word`/`string`), operator symbol for `op`, raw text otherwise. */
  value: string;
  /** Raw source text of the token. */
  raw: string;
  pos: SourcePosition;
}

const STOP_CHARS = new Set([' ', '\t', '\n', '\r', '\f', '"', "'", '(', ')', ',', '=', '!', '<', '>', '~', '&', '|']);
const RESERVED_CHARS = new Set(['{', '}', '*', '/', '%', '+', '^', '$', '#', '@', '?', ';', '[', ']']);
const BRACKETED_FIELD_PREFIX = /^(issue\.property|cf)$/i;

function isWhitespace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
}

function reservedCharError(text: string, offset: number, c: string): JqlSyntaxError {
  const code = c.charCodeAt(0).toString(16).padStart(4, '0');
  return new JqlSyntaxError(
    `The character '${c}' is a reserved JQL character. You must enclose it in a string or use the escape '\\u${code}' instead.`,
    positionAt(text, offset),
  );
}

/** Reads an escape sequence starting at `text[i] === '\\'`; returns the decoded text and the next index. */
function readEscape(text: string, i: number): { value: string; next: number } {
  const c = text[i + 1];
  switch (c) {
    case '"': case "'": case '\\': case ' ': return { value: c, next: i + 2 };
    case 't': return { value: '\t', next: i + 2 };
    case 'n': return { value: '\n', next: i + 2 };
    case 'r': return { value: '\r', next: i + 2 };
    case 'u': {
      const hex = text.slice(i + 2, i + 6);
      if (/^[0-9a-fA-F]{4}$/.test(hex)) return { value: String.fromCharCode(parseInt(hex, 16)), next: i + 6 };
      break;
    }
    default: break;
  }
  const seq = c === undefined ? '\\' : `\\${c}`;
  throw new JqlSyntaxError(`The escape sequence '${seq}' is illegal.`, positionAt(text, i));
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, value: string, start: number, end: number): void => {
    tokens.push({ kind, value, raw: text.slice(start, end), pos: positionAt(text, start) });
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (isWhitespace(c)) { i++; continue; }
    const start = i;
    const two = text.slice(i, i + 2);
    if (c === '(') { push('lparen', c, i, i + 1); i++; continue; }
    if (c === ')') { push('rparen', c, i, i + 1); i++; continue; }
    if (c === ',') { push('comma', c, i, i + 1); i++; continue; }
    if (two === '!=' || two === '!~' || two === '<=' || two === '>=') { push('op', two, i, i + 2); i += 2; continue; }
    if (c === '=' || c === '<' || c === '>' || c === '~') { push('op', c, i, i + 1); i++; continue; }
    if (c === '!') { push('not', c, i, i + 1); i++; continue; }
    if (two === '&&' || two === '||') { push(c === '&' ? 'and' : 'or', two, i, i + 2); i += 2; continue; }
    if (c === '&') { push('and', c, i, i + 1); i++; continue; }
    if (c === '|') { push('or', c, i, i + 1); i++; continue; }
    if (c === '"' || c === "'") {
      let value = '';
      i++;
      let closed = false;
      while (i < text.length) {
        const d = text[i] as string;
        if (d === c) { closed = true; i++; break; }
        if (d === '\\') { const e = readEscape(text, i); value += e.value; i = e.next; continue; }
        if (d === '\n' || d === '\r') {
          throw new JqlSyntaxError(`The quoted string '${value}' contains an illegal newline character.`, positionAt(text, start));
        }
        value += d;
        i++;
      }
      if (!closed) throw new JqlSyntaxError(`The quoted string '${value}' has not been completed.`, positionAt(text, start));
      push('string', value, start, i);
      continue;
    }
    if (RESERVED_CHARS.has(c)) throw reservedCharError(text, i, c);
    // Unquoted string.
    let value = '';
    while (i < text.length) {
      const d = text[i] as string;
      if (STOP_CHARS.has(d)) break;
      if (d === '\\') { const e = readEscape(text, i); value += e.value; i = e.next; continue; }
      if (d === '[' && BRACKETED_FIELD_PREFIX.test(value)) {
        const close = text.indexOf(']', i);
        if (close < 0) throw reservedCharError(text, i, d);
        value += text.slice(i, close + 1);
        i = close + 1;
        continue;
      }
      if (RESERVED_CHARS.has(d)) throw reservedCharError(text, i, d);
      value += d;
      i++;
    }
    push('word', value, start, i);
  }
  tokens.push({ kind: 'eof', value: '', raw: '', pos: positionAt(text, text.length) });
  return tokens;
}
