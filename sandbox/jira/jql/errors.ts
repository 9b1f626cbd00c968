/**
 * Errors raised while reading a JQL string. Jira reports syntax errors one at a time, prefixed with
 * "Error in the JQL Query:" and suffixed with a 1-based "(line L, character C)" when the error has a position.
 */
export interface SourcePosition {
  /** 0-based offset in the JQL string. */
  offset: number;
  /** 1-based line. */
  line: number;
  /** 1-based character within the line. */
  column: number;
}

export function positionAt(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') { line++; lineStart = i + 1; }
  }
  return { offset, line, column: offset - lineStart + 1 };
}

/** A syntax error: rendered as Jira's "Error in the JQL Query: … (line L, character C)". */
export class JqlSyntaxError extends Error {
  constructor(readonly detail: string, readonly position: SourcePosition | null) {
    super(`Error in the JQL Query: ${detail}${position ? ` (line ${position.line}, character ${position.column})` : ''}`);
    this.name = 'JqlSyntaxError';
  }
}

/** A well-formed query that the engine refuses outright (e.g. history operators); rendered verbatim. */
export class JqlRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JqlRefusal';
  }
}
