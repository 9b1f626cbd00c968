import {
  functionDisplay, operandDisplay,
  type JqlClause, type JqlFieldRef, type JqlFunctionOperand, type JqlOperator, type JqlSortItem, type JqlTerminalClause, type JqlValueOperand,
} from './ast';
import { evalDateFunction, parseDateLiteral, parseIncrement, parseIsoInstant, type DateFunctionName } from './dates';
import type { JqlAlias, JqlContext, JqlIssue } from './types';

/**
 * Validates a parsed query against the catalog and compiles it to a predicate and a comparator.
 *
 * Semantics follow Jira Cloud:
 * - NOT is pushed down to the clauses by De Morgan's laws and operator inversion (`NOT a = x` is `a != x`,
 *   `NOT a < x` is `a >= x`), as Jira does before querying its index. Hence, like Jira, negative operators never
 *   match an issue whose field is EMPTY: `assignee != bob` and `NOT assignee = bob` both skip unassigned issues.
 * - `=`/`IN` match when any of the field's values is listed (labels are multi-valued); `!=`/`NOT IN` match when the
 *   field has values and none is listed. EMPTY/NULL may appear in `=`, `!=` and IN lists as well as after IS.
 * - All validation errors of the query are reported together, as Jira does; syntax errors stop at the first.
 */

type Scalar = string | number;
type Pred = (issue: JqlIssue) => boolean;
type RelOp = '<' | '<=' | '>' | '>=';
type Item = JqlValueOperand | JqlFunctionOperand;
type Comparator = (a: JqlIssue, b: JqlIssue) => number;

const NEVER: Pred = () => false;

const INVERSE: Record<JqlOperator, JqlOperator> = {
  '=': '!=', '!=': '=', '<': '>=', '>=': '<', '>': '<=', '<=': '>', '~': '!~', '!~': '~', in: 'not in', 'not in': 'in', is: 'is not', 'is not': 'is',
};

const EQUALITY: JqlOperator[] = ['=', '!=', 'in', 'not in'];
const EMPTINESS: JqlOperator[] = ['is', 'is not'];
const RELATIONAL: JqlOperator[] = ['<', '<=', '>', '>='];
const TEXT: JqlOperator[] = ['~', '!~'];
const ops = (...groups: JqlOperator[][]): ReadonlySet<JqlOperator> => new Set(groups.flat());

function isRelational(op: JqlOperator): op is RelOp {
  return op === '<' || op === '<=' || op === '>' || op === '>=';
}

function compareNumbers(op: RelOp, a: number, b: number): boolean {
  switch (op) {
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
  }
}

interface FieldSpec {
  /** The field name as the user wrote it (Jira echoes it in messages). */
  name: string;
  operators: ReadonlySet<JqlOperator>;
  /** The issue's values for equality and emptiness; `[]` is EMPTY. */
  values: (issue: JqlIssue) => Scalar[];
  /** Resolves one literal or function of `=`, `!=`, `IN`, `NOT IN` to comparable values; null after an error. */
  resolve?: (item: Item) => Scalar[] | null;
  /** Builds the predicate of `<`, `<=`, `>`, `>=`; null after an error. */
  relational?: (op: RelOp, item: Item) => Pred | null;
  /** Text searched by `~`. */
  text?: (issue: JqlIssue) => string[];
  /** A property path that is not indexed (not declared in the manifest): like Jira, it matches nothing. */
  unindexed?: boolean;
}

type FunctionResult = { kind: 'date'; value: number } | { kind: 'user'; accountIds: string[] };

const DATE_FUNCTIONS = new Set<string>(['startofday', 'endofday', 'startofweek', 'endofweek', 'startofmonth', 'endofmonth', 'startofyear', 'endofyear']);

const STATUS_CATEGORIES: Array<{ key: 'new' | 'indeterminate' | 'done'; id: string; name: string }> = [
  { key: 'new', id: '2', name: 'To Do' },
  { key: 'indeterminate', id: '4', name: 'In Progress' },
  { key: 'done', id: '3', name: 'Done' },
];

const DATE_FORMATS_HINT = "Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.";

const collator = new Intl.Collator('en', { sensitivity: 'base' });

/** Numeric-string ids compare as numbers. */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  return collator.compare(a, b);
}

function keyParts(key: string): { project: string; num: number } {
  const dash = key.lastIndexOf('-');
  return { project: key.slice(0, dash).toUpperCase(), num: Number(key.slice(dash + 1)) };
}

/** Walks `a.b.c` into a JSON value; arrays are multi-valued (each element indexed), as Jira indexes them. */
function propertyValues(issue: JqlIssue, alias: JqlAlias): unknown[] {
  let cur: unknown = issue.properties[alias.propertyKey];
  for (const seg of alias.path.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return [];
    cur = (cur as Record<string, unknown>)[seg];
  }
  if (cur === undefined || cur === null) return [];
  return Array.isArray(cur) ? cur.filter((v) => v !== null && v !== undefined) : [cur];
}

function typedPropertyValues(issue: JqlIssue, alias: JqlAlias): Scalar[] {
  const out: Scalar[] = [];
  for (const v of propertyValues(issue, alias)) {
    switch (alias.type) {
      case 'number': {
        const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
        if (Number.isFinite(n)) out.push(n);
        break;
      }
      case 'date': {
        const t = parseIsoInstant(v);
        if (t !== null) out.push(t);
        break;
      }
      case 'string':
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out.push(String(v));
        break;
      case 'text': case 'user':
        if (typeof v === 'string') out.push(v);
        break;
    }
  }
  return out;
}

const WORD_SPLIT = /[^\p{L}\p{N}]+/u;
const words = (s: string): string[] => s.toLowerCase().split(WORD_SPLIT).filter(Boolean);

/**
 * `~` text search: every term of the query must occur in the text as a word (case-insensitive); a term made of
 * several words ("e-mail", or a quoted "exact phrase") must occur as consecutive words; a trailing `*` makes the last
 * word a prefix. Jira also stems words and ignores stop words, which the sandbox does not; other Lucene syntax
 * (`?`, `~`, `^`, boolean operators, leading wildcards, +/- prefixes) is refused rather than approximated.
 */
function compileTextQuery(query: string, field: string): ((texts: string[]) => boolean) | { error: string } {
  const q = query.trim();
  if (!q) return { error: `The field '${field}' does not support searching for an empty string.` };
  const unsupported = { error: `The text query '${query}' for the field '${field}' uses search syntax that the Jira sandbox does not support.` };
  if (/[?~^:[\]{}\\!]|&&|\|\|/.test(q)) return unsupported;
  const terms: Array<{ words: string[]; prefix: boolean }> = [];
  const raw = q.match(/"[^"]*"|[^\s"]+/g) ?? [];
  for (const t of raw) {
    const phrase = t.startsWith('"');
    const body = phrase ? t.slice(1, -1) : t;
    if (!phrase && (/^(AND|OR|NOT)$/.test(body) || /^[+-]/.test(body))) return unsupported;
    const star = body.indexOf('*');
    if (star >= 0 && (phrase || star !== body.length - 1 || star === 0)) return unsupported;
    const w = words(star >= 0 ? body.slice(0, -1) : body);
    if (w.length) terms.push({ words: w, prefix: star >= 0 });
  }
  if (!terms.length) return { error: `The field '${field}' does not support searching for an empty string.` };
  return (texts) => texts.some((text) => {
    const doc = words(text);
    return terms.every((term) => doc.some((_, i) => term.words.every((w, j) => {
      const d = doc[i + j];
      if (d === undefined) return false;
      return term.prefix && j === term.words.length - 1 ? d.startsWith(w) : d === w;
    })));
  });
}

export class JqlCompiler {
  readonly errors: string[] = [];
  private readonly firstDayOfWeek: number;

  constructor(private readonly ctx: JqlContext) {
    this.firstDayOfWeek = ctx.weekStart === 'monday' ? 1 : 0;
  }

  private error(message: string): void {
    if (!this.errors.includes(message)) this.errors.push(message);
  }

  // ---------------------------------------------------------------- where clause

  clause(c: JqlClause, negated: boolean): Pred {
    switch (c.kind) {
      case 'and': case 'or': {
        const parts = c.clauses.map((x) => this.clause(x, negated));
        const conjunction = (c.kind === 'and') !== negated; // De Morgan
        return conjunction ? (i) => parts.every((p) => p(i)) : (i) => parts.some((p) => p(i));
      }
      case 'not': return this.clause(c.clause, !negated);
      case 'terminal': return this.terminal(c, negated);
    }
  }

  private terminal(c: JqlTerminalClause, negated: boolean): Pred {
    const spec = this.field(c.field);
    if (!spec) return NEVER;
    const written = c.operator;
    if (!spec.operators.has(written)) {
      this.error(`The operator '${written}' is not supported by the '${spec.name}' field.`);
      return NEVER;
    }
    const operand = c.operand;
    // Shape of the operand for the operator, checked on the operator as written.
    if (written === 'is' || written === 'is not') {
      if (operand.kind !== 'empty') { this.error(`The operator '${written}' only supports the EMPTY or NULL operand.`); return NEVER; }
    } else if (written === 'in' || written === 'not in') {
      if (operand.kind !== 'list' && operand.kind !== 'function') {
        this.error(`The operator '${written}' requires a list of values, e.g. (${operandDisplay(operand)}), but got '${operandDisplay(operand)}' for the field '${spec.name}'.`);
        return NEVER;
      }
    } else if (operand.kind === 'list') {
      this.error(`The operator '${written}' does not support the list value '${operandDisplay(operand)}' for the field '${spec.name}'.`);
      return NEVER;
    } else if (operand.kind === 'empty' && written !== '=' && written !== '!=') {
      this.error(`The operator '${written}' does not support searching for EMPTY values.`);
      return NEVER;
    }
    if (spec.unindexed) return NEVER;

    const op = negated ? INVERSE[written] : written;
    if (op === 'is') return (i) => spec.values(i).length === 0;
    if (op === 'is not') return (i) => spec.values(i).length > 0;

    if (op === '~' || op === '!~') {
      if (operand.kind === 'function') { this.functionValue(operand, spec.name, null); return NEVER; }
      if (operand.kind !== 'value' || !spec.text) return NEVER;
      const text = spec.text;
      const m = compileTextQuery(operand.value, spec.name);
      if (typeof m !== 'function') { this.error(m.error); return NEVER; }
      return op === '~' ? (i) => m(text(i)) : (i) => { const t = text(i); return t.length > 0 && !m(t); };
    }

    if (isRelational(op)) {
      if ((operand.kind !== 'value' && operand.kind !== 'function') || !spec.relational) return NEVER;
      return spec.relational(op, operand) ?? NEVER;
    }

    // =, !=, in, not in
    const items = operand.kind === 'list' ? operand.items : [operand];
    let hasEmpty = false;
    const wanted = new Set<Scalar>();
    let failed = false;
    for (const item of items) {
      if (item.kind === 'empty') {
        if (!spec.operators.has('is')) { this.error(`The field '${spec.name}' does not support searching for EMPTY values.`); failed = true; }
        hasEmpty = true;
        continue;
      }
      const resolved = spec.resolve ? spec.resolve(item) : null;
      if (resolved === null) { failed = true; continue; }
      for (const v of resolved) wanted.add(v);
    }
    if (failed) return NEVER;
    if (op === '=' || op === 'in') {
      return (i) => { const vs = spec.values(i); return vs.length === 0 ? hasEmpty : vs.some((v) => wanted.has(v)); };
    }
    return (i) => { const vs = spec.values(i); return vs.length > 0 && vs.every((v) => !wanted.has(v)); };
  }

  // ---------------------------------------------------------------- fields

  private field(ref: JqlFieldRef): FieldSpec | null {
    const name = ref.name;
    const { catalog } = this.ctx;
    switch (name.toLowerCase()) {
      case 'project':
        return this.constantField(name, catalog.projects.map((p) => ({ id: p.id, names: [p.key, p.name] })), (i) => i.projectId);
      case 'issuetype': case 'type':
        return this.constantField(name, catalog.issueTypes.map((t) => ({ id: t.id, names: [t.name] })), (i) => i.issueTypeId);
      case 'status':
        return this.constantField(name, catalog.statuses.map((s) => ({ id: s.id, names: [s.name] })), (i) => i.statusId);
      case 'priority': return this.priorityField(name);
      case 'statuscategory': return {
        name,
        operators: ops(EQUALITY, EMPTINESS),
        values: (i) => [i.statusCategoryKey],
        resolve: (item) => this.resolveConstant(item, name, STATUS_CATEGORIES.map((c) => ({ id: c.key, matchId: c.id, names: [c.key, c.name] }))),
      };
      case 'key': case 'issuekey': case 'id': case 'issue': return this.keyField(name);
      case 'reporter': return this.userField(name, (i) => i.reporterAccountId);
      case 'assignee': return this.userField(name, (i) => i.assigneeAccountId);
      case 'created': case 'createddate': return this.dateField(name, (i) => [i.created]);
      case 'updated': case 'updateddate': return this.dateField(name, (i) => [i.updated]);
      case 'resolutiondate': case 'resolved': return this.dateField(name, (i) => (i.resolutionDate === null ? [] : [i.resolutionDate]));
      case 'summary': return {
        name,
        operators: ops(TEXT, EMPTINESS),
        values: (i) => (i.summary ? [i.summary] : []),
        text: (i) => (i.summary ? [i.summary] : []),
      };
      case 'labels': return {
        name,
        operators: ops(EQUALITY, EMPTINESS),
        values: (i) => i.labels.map((l) => l.toLowerCase()),
        resolve: (item) => (item.kind === 'function' ? this.noFunction(item, name) : [item.value.toLowerCase()]),
      };
      default: break;
    }
    const custom = this.customField(name);
    if (custom !== undefined) return custom;
    const alias = this.aliasFor(name);
    if (alias === undefined) {
      this.error(`Field '${name}' does not exist or you do not have permission to view it.`);
      return null;
    }
    return this.propertyField(name, alias);
  }

  /**
   * A custom field by `cf[N]` or by its name (case-insensitive), as Jira resolves them. The sandbox compares date and
   * date-time custom fields (e.g. "Planned start" of a change) and searches user pickers (single and multi: `=`, `!=`,
   * `in`, `not in`, `is EMPTY`, with account ids, names, emails or currentUser()), as Jira's userpickergroupsearcher
   * does; other custom fields are refused in words. Undefined when the name is no custom field.
   */
  private customField(name: string): FieldSpec | null | undefined {
    const fields = this.ctx.catalog.customFields ?? [];
    const m = /^cf\[(\d+)\]$/i.exec(name);
    const field = m ? fields.find((f) => f.id === `customfield_${m[1]}`) : fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
    if (!field) return undefined;
    const short = field.type.slice(field.type.lastIndexOf(':') + 1);
    if (short === 'userpicker' || short === 'multiuserpicker') {
      const users = (i: JqlIssue): Scalar[] => {
        const v = i.custom?.[field.id];
        if (typeof v === 'string') return [v];
        return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
      };
      return { name, operators: ops(EQUALITY, EMPTINESS), values: users, resolve: (item) => this.resolveUsers(item, name, true) };
    }
    if (short === 'sd-customer-organizations') {
      // JSM's Organizations field: `=`, `!=`, `in`, `not in` by organization id or name, `is [not] EMPTY`.
      const orgs = (this.ctx.catalog.organizations ?? []).map((o) => ({ id: o.id, names: [o.name] }));
      const ids = (i: JqlIssue): Scalar[] => { const v = i.custom?.[field.id]; return Array.isArray(v) ? v.map(String) : []; };
      return { name, operators: ops(EQUALITY, EMPTINESS), values: ids, resolve: (item) => this.resolveConstant(item, name, orgs) };
    }
    if (short !== 'datetime' && short !== 'datepicker') {
      this.error(`The Jira sandbox searches custom date, date-time, user picker and Organizations fields only; '${name}' is a ${short} field.`);
      return null;
    }
    const values = (i: JqlIssue): number[] => {
      const v = i.custom?.[field.id];
      if (typeof v !== 'string') return [];
      const t = Date.parse(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
      return Number.isFinite(t) ? [t] : [];
    };
    return this.dateField(name, values);
  }

  /** Alias (case-insensitive) or long form `issue.property[key].path`; null = a long form that is not indexed. */
  private aliasFor(name: string): JqlAlias | null | undefined {
    const lower = name.toLowerCase();
    for (const [aliasName, alias] of Object.entries(this.ctx.aliases)) if (aliasName.toLowerCase() === lower) return alias;
    const m = /^issue\.property\[(.+)\]\.(.+)$/i.exec(name);
    if (!m) return undefined;
    const [, propertyKey, path] = m;
    return Object.values(this.ctx.aliases).find((a) => a.propertyKey === propertyKey && a.path === path) ?? null;
  }

  private resolveConstant(item: Item, field: string, entries: Array<{ id: string; matchId?: string; names: string[] }>): Scalar[] | null {
    if (item.kind === 'function') return this.noFunction(item, field);
    const v = item.value;
    const lower = v.toLowerCase();
    const asNumber = !item.quoted && /^\d+$/.test(v);
    const byId = entries.filter((e) => (e.matchId ?? e.id) === v);
    const byName = entries.filter((e) => e.names.some((n) => n.toLowerCase() === lower));
    const hits = asNumber ? (byId.length ? byId : byName) : (byName.length ? byName : byId);
    if (!hits.length) {
      this.error(asNumber ? `A value with ID '${v}' does not exist for the field '${field}'.` : `The value '${v}' does not exist for the field '${field}'.`);
      return null;
    }
    return hits.map((e) => e.id);
  }

  private constantField(name: string, entries: Array<{ id: string; names: string[] }>, get: (i: JqlIssue) => string): FieldSpec {
    return { name, operators: ops(EQUALITY, EMPTINESS), values: (i) => [get(i)], resolve: (item) => this.resolveConstant(item, name, entries) };
  }

  /** Priorities compare by rank: the catalog lists them highest first, and `priority > Medium` means "more urgent". */
  private priorityField(name: string): FieldSpec {
    const entries = this.ctx.catalog.priorities.map((p) => ({ id: p.id, names: [p.name] }));
    const rank = (id: string | null): number => (id === null ? -1 : this.ctx.catalog.priorities.findIndex((p) => p.id === id));
    return {
      name,
      operators: ops(EQUALITY, EMPTINESS, RELATIONAL),
      values: (i) => (i.priorityId === null ? [] : [i.priorityId]),
      resolve: (item) => this.resolveConstant(item, name, entries),
      relational: (op, item) => {
        const ids = this.resolveConstant(item, name, entries);
        if (!ids || ids.length === 0) return null;
        const target = rank(String(ids[0]));
        // A smaller index is a higher priority, so "greater than" compares indexes the other way round.
        return (i) => { const r = rank(i.priorityId); return r >= 0 && compareNumbers(op, target, r); };
      },
    };
  }

  private keyField(name: string): FieldSpec {
    const projects = new Set(this.ctx.catalog.projects.map((p) => p.key.toUpperCase()));
    const parse = (item: Item): { kind: 'id'; id: string } | { kind: 'key'; project: string; num: number } | null => {
      if (item.kind === 'function') { this.noFunction(item, name); return null; }
      const v = item.value.trim();
      if (/^\d+$/.test(v)) return { kind: 'id', id: String(Number(v)) };
      const m = /^([A-Za-z][A-Za-z0-9_]*)-(\d+)$/.exec(v);
      if (!m) { this.error(`The issue key '${item.value}' for field '${name}' is invalid.`); return null; }
      const project = (m[1] ?? '').toUpperCase();
      if (!projects.has(project)) { this.error(`An issue with key '${item.value}' does not exist for field '${name}'.`); return null; }
      return { kind: 'key', project, num: Number(m[2]) };
    };
    return {
      name,
      operators: ops(EQUALITY, RELATIONAL),
      values: (i) => { const k = keyParts(i.key); return [`key:${k.project}-${k.num}`, `id:${i.id}`]; },
      resolve: (item) => {
        const p = parse(item);
        if (!p) return null;
        return [p.kind === 'id' ? `id:${p.id}` : `key:${p.project}-${p.num}`];
      },
      relational: (op, item) => {
        const p = parse(item);
        if (!p) return null;
        if (p.kind === 'id') {
          // Jira resolves the id to its issue first; the engine sees no other issues, so it refuses instead of guessing.
          this.error(`The operator '${op}' is not supported with an issue id for the field '${name}' in the Jira sandbox; use an issue key.`);
          return null;
        }
        return (i) => { const k = keyParts(i.key); return k.project === p.project && compareNumbers(op, k.num, p.num); };
      },
    };
  }

  private resolveUsers(item: Item, field: string, strict: boolean): Scalar[] | null {
    if (item.kind === 'function') {
      const r = this.functionValue(item, field, 'user');
      return r && r.kind === 'user' ? r.accountIds : null;
    }
    const v = item.value;
    const lower = v.toLowerCase();
    const hits = this.ctx.catalog.users.filter((u) => u.accountId === v || u.emailAddress?.toLowerCase() === lower || u.displayName.toLowerCase() === lower);
    if (hits.length) return hits.map((u) => u.accountId);
    if (!strict) return [v];
    this.error(`The value '${v}' does not exist for the field '${field}'.`);
    return null;
  }

  private userField(name: string, get: (i: JqlIssue) => string | null): FieldSpec {
    return {
      name,
      operators: ops(EQUALITY, EMPTINESS),
      values: (i) => { const v = get(i); return v === null ? [] : [v]; },
      resolve: (item) => this.resolveUsers(item, name, true),
    };
  }

  private resolveDate(item: Item, field: string): number | null {
    if (item.kind === 'function') {
      const r = this.functionValue(item, field, 'date');
      return r && r.kind === 'date' ? r.value : null;
    }
    // An unquoted whole number is a Long operand: epoch milliseconds.
    if (!item.quoted && /^\d+$/.test(item.value)) return Number(item.value);
    const t = parseDateLiteral(item.value, this.ctx.timeZone, this.ctx.now);
    if (t === null) this.error(`Date value '${item.value}' for field '${field}' is invalid. ${DATE_FORMATS_HINT}`);
    return t;
  }

  private numericRelational(values: (i: JqlIssue) => Scalar[], target: (item: Item) => number | null): FieldSpec['relational'] {
    return (op, item) => {
      const t = target(item);
      if (t === null) return null;
      return (i) => values(i).some((v) => typeof v === 'number' && compareNumbers(op, v, t));
    };
  }

  private dateField(name: string, values: (i: JqlIssue) => number[]): FieldSpec {
    return {
      name,
      operators: ops(EQUALITY, EMPTINESS, RELATIONAL),
      values,
      resolve: (item) => { const t = this.resolveDate(item, name); return t === null ? null : [t]; },
      relational: this.numericRelational(values, (item) => this.resolveDate(item, name)),
    };
  }

  private propertyField(name: string, alias: JqlAlias | null): FieldSpec {
    if (alias === null) {
      return { name, operators: ops(EQUALITY, EMPTINESS, RELATIONAL, TEXT), values: () => [], unindexed: true };
    }
    const values = (i: JqlIssue): Scalar[] => typedPropertyValues(i, alias);
    switch (alias.type) {
      case 'number': {
        const num = (item: Item): number | null => {
          if (item.kind === 'function') { this.noFunction(item, name); return null; }
          const n = item.value.trim() === '' ? NaN : Number(item.value);
          if (!Number.isFinite(n)) { this.error(`The value '${item.value}' for field '${name}' is invalid.`); return null; }
          return n;
        };
        return {
          name, operators: ops(EQUALITY, EMPTINESS, RELATIONAL), values,
          resolve: (item) => { const n = num(item); return n === null ? null : [n]; },
          relational: this.numericRelational(values, num),
        };
      }
      case 'date':
        return {
          name, operators: ops(EQUALITY, EMPTINESS, RELATIONAL), values,
          resolve: (item) => { const t = this.resolveDate(item, name); return t === null ? null : [t]; },
          relational: this.numericRelational(values, (item) => this.resolveDate(item, name)),
        };
      case 'string':
        return {
          name, operators: ops(EQUALITY, EMPTINESS), values,
          resolve: (item) => (item.kind === 'function' ? this.noFunction(item, name) : [item.value]),
        };
      case 'user':
        return { name, operators: ops(EQUALITY, EMPTINESS), values, resolve: (item) => this.resolveUsers(item, name, false) };
      case 'text':
        return { name, operators: ops(TEXT, EMPTINESS), values, text: (i) => values(i).map(String) };
    }
  }

  // ---------------------------------------------------------------- functions

  /** Reports the right error for a function used where the field takes none; always null. */
  private noFunction(f: JqlFunctionOperand, field: string): null {
    this.functionValue(f, field, null);
    return null;
  }

  /** Evaluates now(), currentUser(), startOfDay() & co; `accepts` is what the field can take (null: nothing). */
  private functionValue(f: JqlFunctionOperand, field: string, accepts: 'date' | 'user' | null): FunctionResult | null {
    const lower = f.name.toLowerCase();
    const kind = lower === 'now' || DATE_FUNCTIONS.has(lower) ? 'date' : lower === 'currentuser' ? 'user' : null;
    if (kind === null) { this.error(`Unable to find JQL function '${functionDisplay(f)}'.`); return null; }
    if (kind !== accepts) { this.error(`A value provided by the function '${f.name}' is invalid for the field '${field}'.`); return null; }
    if (lower === 'now' || lower === 'currentuser') {
      if (f.args.length) { this.error(`Function '${f.name}' expected '0' arguments but got '${f.args.length}'.`); return null; }
      if (lower === 'now') return { kind: 'date', value: this.ctx.now };
      return { kind: 'user', accountIds: this.ctx.currentAccountId === null ? [] : [this.ctx.currentAccountId] };
    }
    const fn = lower as DateFunctionName;
    if (f.args.length > 1) { this.error(`Function '${f.name}' expected between '0' and '1' arguments but got '${f.args.length}'.`); return null; }
    const arg = f.args[0];
    const inc = arg === undefined ? null : parseIncrement(fn, arg);
    if (arg !== undefined && inc === null) {
      this.error(`Duration for function '${f.name}' should have the format (+/-)n(yMwdm), e.g -1M for 1 month earlier.`);
      return null;
    }
    return { kind: 'date', value: evalDateFunction(fn, inc, this.ctx.now, this.ctx.timeZone, this.firstDayOfWeek) };
  }

  // ---------------------------------------------------------------- order by

  /**
   * ORDER BY. Without one, results come newest key first (`key DESC`): Jira documents no default order for the REST
   * search; key descending is what it returns in practice. A field without ASC/DESC uses Jira's field default:
   * DESC for created, updated, resolutiondate and priority (highest first), ASC for everything else. EMPTY values
   * sort after all others in ascending order (first in descending), as in Jira. Remaining ties: issue id descending,
   * so pages are stable.
   */
  comparator(orderBy: JqlSortItem[] | null): Comparator {
    const items: JqlSortItem[] = orderBy ?? [{ field: { name: 'key', quoted: false, pos: { offset: 0, line: 1, column: 1 } }, direction: 'desc' }];
    const comparators: Comparator[] = [];
    for (const item of items) {
      const c = this.sortComparator(item);
      if (c) comparators.push(c);
    }
    return (a, b) => {
      for (const c of comparators) { const r = c(a, b); if (r !== 0) return r; }
      return compareIds(b.id, a.id);
    };
  }

  private sortComparator(item: JqlSortItem): Comparator | null {
    const name = item.field.name;
    const { catalog } = this.ctx;
    const by = (get: (i: JqlIssue) => Scalar | null, defaultDir: 'asc' | 'desc'): Comparator => {
      const sign = (item.direction ?? defaultDir) === 'desc' ? -1 : 1;
      return (a, b) => {
        const va = get(a);
        const vb = get(b);
        let r: number;
        if (va === null || vb === null) r = va === vb ? 0 : va === null ? 1 : -1;
        else if (typeof va === 'number' && typeof vb === 'number') r = va - vb;
        else r = collator.compare(String(va), String(vb));
        return sign * Math.sign(r);
      };
    };
    const indexIn = (list: Array<{ id: string }>, id: string | null): number | null => {
      if (id === null) return null;
      const idx = list.findIndex((x) => x.id === id);
      return idx < 0 ? list.length : idx;
    };
    const userName = (id: string | null): string | null => (id === null ? null : catalog.users.find((u) => u.accountId === id)?.displayName ?? id);
    switch (name.toLowerCase()) {
      case 'created': case 'createddate': return by((i) => i.created, 'desc');
      case 'updated': case 'updateddate': return by((i) => i.updated, 'desc');
      case 'resolutiondate': case 'resolved': return by((i) => i.resolutionDate, 'desc');
      case 'priority': return by((i) => { const idx = indexIn(catalog.priorities, i.priorityId); return idx === null ? null : catalog.priorities.length - idx; }, 'desc');
      case 'key': case 'issuekey': case 'issue': {
        const sign = item.direction === 'desc' ? -1 : 1;
        return (a, b) => {
          const ka = keyParts(a.key);
          const kb = keyParts(b.key);
          return sign * Math.sign(collator.compare(ka.project, kb.project) || ka.num - kb.num);
        };
      }
      case 'id': {
        const sign = item.direction === 'desc' ? -1 : 1;
        return (a, b) => sign * Math.sign(compareIds(a.id, b.id));
      }
      case 'status': return by((i) => indexIn(catalog.statuses, i.statusId), 'asc');
      case 'issuetype': case 'type': return by((i) => indexIn(catalog.issueTypes, i.issueTypeId), 'asc');
      case 'project': return by((i) => i.projectName, 'asc');
      case 'summary': return by((i) => i.summary, 'asc');
      case 'assignee': return by((i) => userName(i.assigneeAccountId), 'asc');
      case 'reporter': return by((i) => userName(i.reporterAccountId), 'asc');
      case 'labels': case 'statuscategory':
        this.error(`Not able to sort using field '${name}'.`);
        return null;
      default: break;
    }
    const custom = this.customField(name);
    if (custom !== undefined) return custom === null ? null : custom.resolve ? by((i) => userName((custom.values(i)[0] as string | undefined) ?? null), 'asc') : by((i) => custom.values(i)[0] ?? null, 'asc');
    const alias = this.aliasFor(name);
    if (alias === undefined) { this.error(`Field '${name}' does not exist or you do not have permission to view it.`); return null; }
    if (alias === null) return null; // not indexed: every issue is EMPTY, so it does not change the order
    return by((i) => typedPropertyValues(i, alias)[0] ?? null, 'asc');
  }
}
