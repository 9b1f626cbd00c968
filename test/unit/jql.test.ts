import { compileJql, parseJql, type JqlAlias, type JqlContext, type JqlIssue } from '../../sandbox/jira/jql';
import { fromWallTime, toWallTime } from '../../sandbox/jira/jql/dates';

// ------------------------------------------------------------------ fixture
// Site clock: Monday 2026-03-30 12:00 in Berlin (CEST, UTC+2). Berlin switched from CET to CEST on Sunday 2026-03-29
// at 02:00 local (01:00Z), so "the 29th" in Berlin runs from 2026-03-28T23:00Z to 2026-03-29T22:00Z.
const NOW = Date.UTC(2026, 2, 30, 10, 0);
const utc = (iso: string): number => Date.parse(iso);

const catalog: JqlContext['catalog'] = {
  projects: [
    { id: '10000', key: 'SD', name: 'Service Desk' },
    { id: '10001', key: 'OPS', name: 'Operations' },
  ],
  issueTypes: [{ id: '10100', name: 'Incident' }, { id: '10101', name: 'Service Request' }, { id: '10102', name: 'Task' }],
  statuses: [
    { id: '1', name: 'Open' }, { id: '3', name: 'In Progress' }, { id: '10002', name: 'Waiting for customer' },
    { id: '5', name: 'Resolved' }, { id: '6', name: 'Closed' },
  ],
  priorities: [
    { id: '1', name: 'Highest' }, { id: '2', name: 'High' }, { id: '3', name: 'Medium' }, { id: '4', name: 'Low' }, { id: '5', name: 'Lowest' },
  ],
  users: [
    { accountId: 'acc-alice', displayName: 'Alice Admin', emailAddress: 'alice@example.com' },
    { accountId: 'acc-bob', displayName: 'Bob Agent', emailAddress: 'bob@example.com' },
    { accountId: 'acc-carol', displayName: 'Carol Customer' },
  ],
};

const aliases: Record<string, JqlAlias> = {
  sdKind: { propertyKey: 'sd-state', path: 'kind', type: 'string' },
  sdNextDeadline: { propertyKey: 'sd-state', path: 'nextDeadline', type: 'date' },
  sdScore: { propertyKey: 'sd-state', path: 'metrics.score', type: 'number' },
  sdOwner: { propertyKey: 'sd-state', path: 'owner', type: 'user' },
  sdNote: { propertyKey: 'sd-state', path: 'note', type: 'text' },
};

const baseCtx: JqlContext = { now: NOW, timeZone: 'Europe/Berlin', currentAccountId: 'acc-alice', aliases, catalog };

const TYPES: Record<string, string> = { Incident: '10100', 'Service Request': '10101', Task: '10102' };
const STATUSES: Record<string, [string, JqlIssue['statusCategoryKey']]> = {
  Open: ['1', 'new'], 'In Progress': ['3', 'indeterminate'], 'Waiting for customer': ['10002', 'indeterminate'], Resolved: ['5', 'done'], Closed: ['6', 'done'],
};
const PRIORITIES: Record<string, string> = { Highest: '1', High: '2', Medium: '3', Low: '4', Lowest: '5' };

function issue(id: number, key: string, type: string, status: string, priority: string | null, reporter: string, assignee: string | null,
  summary: string, labels: string[], created: string, extra: { updated?: string; resolved?: string; state?: Record<string, unknown> } = {}): JqlIssue {
  const project = key.startsWith('SD-') ? catalog.projects[0]! : catalog.projects[1]!;
  const [statusId, statusCategoryKey] = STATUSES[status]!;
  return {
    id: String(id), key, projectId: project.id, projectKey: project.key, projectName: project.name,
    issueTypeId: TYPES[type]!, issueTypeName: type, statusId, statusName: status, statusCategoryKey,
    priorityId: priority === null ? null : PRIORITIES[priority]!, priorityName: priority,
    reporterAccountId: `acc-${reporter}`, assigneeAccountId: assignee === null ? null : `acc-${assignee}`,
    summary, labels,
    created: utc(created), updated: utc(extra.updated ?? created) + (extra.updated ? 0 : 3_600_000),
    resolutionDate: extra.resolved ? utc(extra.resolved) : null,
    properties: extra.state ? { 'sd-state': extra.state } : {},
  };
}

const ISSUES: JqlIssue[] = [
  issue(10001, 'SD-1', 'Incident', 'Open', 'High', 'carol', null, 'Printer on floor 3 is jammed', ['hardware', 'Urgent'], '2026-03-28T22:30:00Z',
    { state: { kind: 'incident', nextDeadline: '2026-03-30T09:00:00Z', metrics: { score: 7 }, owner: 'acc-bob', note: 'Customer called twice' } }),
  issue(10002, 'SD-2', 'Service Request', 'In Progress', 'Medium', 'carol', 'bob', 'Request a new laptop', [], '2026-03-28T23:30:00Z',
    { state: { kind: 'request', nextDeadline: '2026-04-02T12:00:00+02:00', metrics: { score: 3 } } }),
  issue(10003, 'SD-3', 'Incident', 'Waiting for customer', 'Highest', 'alice', 'alice', 'Email delivery delayed', ['email'], '2026-03-29T01:30:00Z',
    { state: { kind: 'incident', nextDeadline: '2026-03-29T12:00:00Z', owner: 'acc-alice' } }),
  issue(10004, 'SD-4', 'Task', 'Resolved', 'Low', 'bob', 'bob', 'Replace printer toner', ['hardware'], '2026-03-29T21:30:00Z',
    { resolved: '2026-03-30T08:00:00Z' }),
  issue(10005, 'SD-5', 'Incident', 'Closed', null, 'carol', null, 'VPN drops every hour', ['network', 'urgent'], '2026-03-29T22:30:00Z',
    { resolved: '2026-03-30T09:30:00Z', state: { kind: 'incident', metrics: { score: '12' } } }),
  issue(10006, 'SD-6', 'Service Request', 'Open', 'Medium', 'carol', 'alice', 'Access to shared drive', [], '2026-03-30T08:00:00Z',
    { state: { kind: 'request' } }),
  issue(10009, 'SD-7', 'Incident', 'In Progress', 'High', 'alice', 'bob', 'Printer driver crash', ['hardware'], '2026-03-20T10:00:00Z',
    { updated: '2026-03-30T09:50:00Z' }),
  issue(10010, 'SD-8', 'Task', 'Open', 'Lowest', 'bob', null, 'Update onboarding docs', [], '2026-02-01T10:00:00Z'),
  issue(10007, 'OPS-1', 'Task', 'Open', 'Medium', 'alice', 'bob', 'Rotate certificates', ['security'], '2026-03-01T09:00:00Z'),
  issue(10008, 'OPS-2', 'Incident', 'Closed', 'Highest', 'bob', 'alice', 'Database failover', [], '2026-03-10T09:00:00Z',
    { resolved: '2026-03-11T09:00:00Z', state: { kind: 'incident', nextDeadline: 'not a date' } }),
  issue(10011, 'OPS-3', 'Task', 'In Progress', 'Low', 'alice', null, 'Printer fleet inventory', [], '2026-03-30T09:59:00Z'),
  issue(10012, 'OPS-10', 'Task', 'Open', 'Medium', 'alice', 'alice', 'Patch servers', [], '2025-12-24T12:00:00Z'),
];

function compile(jql: string, ctx: Partial<JqlContext> = {}) {
  return compileJql(jql, { ...baseCtx, ...ctx });
}

/** Matching keys in result order. */
function search(jql: string, ctx: Partial<JqlContext> = {}, issues: JqlIssue[] = ISSUES): string[] {
  const c = compile(jql, ctx);
  if (!c.ok) throw new Error(`unexpected JQL error: ${c.errorMessages.join(' | ')}`);
  return issues.filter(c.filter).sort(c.compare).map((i) => i.key);
}

/** Matching keys as a set (sorted for comparison). */
function matches(jql: string, ctx: Partial<JqlContext> = {}): string[] {
  return search(jql, ctx).sort();
}
const set = (...keys: string[]): string[] => [...keys].sort();

function errors(jql: string, ctx: Partial<JqlContext> = {}): string[] {
  const c = compile(jql, ctx);
  if (c.ok) throw new Error(`expected an error for: ${jql}`);
  return c.errorMessages;
}

// ------------------------------------------------------------------ tests

describe('JQL: system fields', () => {
  it('matches project by key, id, name, case-insensitively', () => {
    const sd = set('SD-1', 'SD-2', 'SD-3', 'SD-4', 'SD-5', 'SD-6', 'SD-7', 'SD-8');
    expect(matches('project = SD')).toEqual(sd);
    expect(matches('project = sd')).toEqual(sd);
    expect(matches('project = 10000')).toEqual(sd);
    expect(matches('project = "service desk"')).toEqual(sd);
    expect(matches('project != SD')).toEqual(set('OPS-1', 'OPS-2', 'OPS-3', 'OPS-10'));
    expect(matches('project in (SD, "Operations")')).toHaveLength(12);
    expect(matches('project not in (SD)')).toEqual(set('OPS-1', 'OPS-2', 'OPS-3', 'OPS-10'));
  });

  it('matches issue type, status and status category by name or id', () => {
    expect(matches('issuetype = Incident AND project = OPS')).toEqual(['OPS-2']);
    expect(matches('type = 10101')).toEqual(set('SD-2', 'SD-6'));
    expect(matches('status = "in progress"')).toEqual(set('SD-2', 'SD-7', 'OPS-3'));
    expect(matches('status = 10002')).toEqual(['SD-3']);
    expect(matches('statusCategory = Done')).toEqual(set('SD-4', 'SD-5', 'OPS-2'));
    expect(matches('statusCategory = 3')).toEqual(set('SD-4', 'SD-5', 'OPS-2'));
    expect(matches('statusCategory = indeterminate')).toEqual(set('SD-2', 'SD-3', 'SD-7', 'OPS-3'));
    expect(matches('statusCategory in ("To Do", 4)')).toHaveLength(9);
    expect(matches('statusCategory != new')).toEqual(set('SD-2', 'SD-3', 'SD-4', 'SD-5', 'SD-7', 'OPS-2', 'OPS-3'));
  });

  it('compares priorities by rank (the catalog lists the highest first)', () => {
    expect(matches('priority = High')).toEqual(set('SD-1', 'SD-7'));
    expect(matches('priority > Medium')).toEqual(set('SD-1', 'SD-3', 'SD-7', 'OPS-2'));
    expect(matches('priority <= Low')).toEqual(set('SD-4', 'SD-8', 'OPS-3'));
    expect(matches('priority is EMPTY')).toEqual(['SD-5']);
    // != never matches an EMPTY field
    expect(matches('priority != Medium')).toEqual(set('SD-1', 'SD-3', 'SD-4', 'SD-7', 'SD-8', 'OPS-2', 'OPS-3'));
  });

  it('matches keys and ids, and compares keys within a project by number', () => {
    expect(matches('key = sd-3')).toEqual(['SD-3']);
    expect(matches('issuekey in (SD-1, 10012)')).toEqual(set('SD-1', 'OPS-10'));
    expect(matches('id = 10004')).toEqual(['SD-4']);
    expect(matches('key > SD-5')).toEqual(set('SD-6', 'SD-7', 'SD-8'));
    // OPS-10 is not <= OPS-3 (numbers, not strings), and SD issues are not in range at all
    expect(matches('key <= OPS-3')).toEqual(set('OPS-1', 'OPS-2', 'OPS-3'));
    expect(matches('project = SD AND key not in (SD-1, SD-2)')).toHaveLength(6);
  });

  it('matches users by account id, email, display name and currentUser()', () => {
    expect(matches('assignee = currentUser()')).toEqual(set('SD-3', 'SD-6', 'OPS-2', 'OPS-10'));
    expect(matches('assignee = acc-bob')).toEqual(set('SD-2', 'SD-4', 'SD-7', 'OPS-1'));
    expect(matches('assignee = "bob@example.com"')).toEqual(set('SD-2', 'SD-4', 'SD-7', 'OPS-1'));
    expect(matches('assignee = "Bob Agent"')).toEqual(set('SD-2', 'SD-4', 'SD-7', 'OPS-1'));
    expect(matches('reporter = currentUser() AND assignee = currentUser()')).toEqual(set('SD-3', 'OPS-10'));
    expect(matches('assignee = currentUser()', { currentAccountId: null })).toEqual([]);
  });

  it('has Jira EMPTY semantics: IS EMPTY, = EMPTY, IN (EMPTY, …), and negations skip empty fields', () => {
    const unassigned = set('SD-1', 'SD-5', 'SD-8', 'OPS-3');
    expect(matches('assignee is EMPTY')).toEqual(unassigned);
    expect(matches('assignee IS NULL')).toEqual(unassigned);
    expect(matches('assignee = EMPTY')).toEqual(unassigned);
    expect(matches('assignee is not empty')).toHaveLength(8);
    expect(matches('assignee in (EMPTY, acc-bob)')).toEqual(set(...unassigned, 'SD-2', 'SD-4', 'SD-7', 'OPS-1'));
    const alicesOnly = set('SD-3', 'SD-6', 'OPS-2', 'OPS-10');
    expect(matches('assignee != acc-bob')).toEqual(alicesOnly);
    expect(matches('NOT assignee = acc-bob')).toEqual(alicesOnly);
    expect(matches('assignee not in (acc-bob)')).toEqual(alicesOnly);
    expect(matches('NOT assignee is EMPTY')).toHaveLength(8);
  });

  it('searches summary with ~ and !~ (case-insensitive words, prefix wildcard, phrases)', () => {
    const printers = set('SD-1', 'SD-4', 'SD-7', 'OPS-3');
    expect(matches('summary ~ printer')).toEqual(printers);
    expect(matches('summary ~ PRINTER')).toEqual(printers);
    expect(matches('summary ~ "print*"')).toEqual(printers);
    expect(matches('summary ~ print')).toEqual([]);
    expect(matches('summary ~ "toner printer"')).toEqual(['SD-4']);
    expect(matches('summary ~ "\\"toner printer\\""')).toEqual([]);
    expect(matches('summary ~ "\\"printer toner\\""')).toEqual(['SD-4']);
    expect(matches('project = OPS AND summary !~ printer')).toEqual(set('OPS-1', 'OPS-2', 'OPS-10'));
  });

  it('matches labels case-insensitively as a multi-valued field', () => {
    expect(matches('labels = urgent')).toEqual(set('SD-1', 'SD-5'));
    expect(matches('labels in (email, security)')).toEqual(set('SD-3', 'OPS-1'));
    // has labels, none of them "hardware"
    expect(matches('labels != hardware')).toEqual(set('SD-3', 'SD-5', 'OPS-1'));
    expect(matches('labels not in (hardware, URGENT)')).toEqual(set('SD-3', 'OPS-1'));
    expect(matches('labels is EMPTY')).toEqual(set('SD-2', 'SD-6', 'SD-8', 'OPS-2', 'OPS-3', 'OPS-10'));
  });
});

describe('JQL: dates', () => {
  it('interprets date literals at local midnight in the user zone, across the DST change', () => {
    // Berlin's 29 March: 2026-03-28T23:00Z (CET) .. 2026-03-29T22:00Z (CEST)
    expect(matches('created >= "2026-03-29" AND created < "2026-03-30"')).toEqual(set('SD-2', 'SD-3', 'SD-4'));
    expect(matches('created >= 2026-03-29 AND created < "2026/03/30"')).toEqual(set('SD-2', 'SD-3', 'SD-4'));
    // The same query for a UTC user selects a different day window
    expect(matches('created >= "2026-03-29" AND created < "2026-03-30"', { timeZone: 'UTC' })).toEqual(set('SD-3', 'SD-4', 'SD-5'));
  });

  it('interprets "yyyy/MM/dd HH:mm" and moves times in the spring-forward gap forward', () => {
    expect(matches('created >= "2026/03/29 03:00" AND project = SD')).toEqual(set('SD-3', 'SD-4', 'SD-5', 'SD-6'));
    // 02:30 does not exist on 29 March in Berlin: it is 03:30 CEST = 01:30Z, SD-3's creation instant
    expect(matches('created = "2026-03-29 02:30"')).toEqual(['SD-3']);
    expect(fromWallTime({ year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0, millisecond: 0 }, 'Europe/Berlin')).toBe(utc('2026-03-29T01:30:00Z'));
  });

  it('takes the earlier instant for ambiguous fall-back times and round-trips wall times', () => {
    expect(fromWallTime({ year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0, millisecond: 0 }, 'Europe/Berlin')).toBe(utc('2026-10-25T00:30:00Z'));
    expect(fromWallTime({ year: 2026, month: 10, day: 25, hour: 3, minute: 30, second: 0, millisecond: 0 }, 'Europe/Berlin')).toBe(utc('2026-10-25T02:30:00Z'));
    expect(toWallTime(utc('2026-10-25T01:30:00Z'), 'Europe/Berlin')).toMatchObject({ day: 25, hour: 2, minute: 30 });
  });

  it('evaluates relative periods against the sandbox clock as fixed durations', () => {
    expect(matches('created > -1d')).toEqual(set('SD-4', 'SD-5', 'SD-6', 'OPS-3'));
    expect(matches('created >= "-12h"')).toEqual(set('SD-5', 'SD-6', 'OPS-3'));
    expect(matches('created > "-1w 2d"')).toEqual(set('SD-1', 'SD-2', 'SD-3', 'SD-4', 'SD-5', 'SD-6', 'OPS-3'));
    expect(matches('updated >= -15m')).toEqual(set('SD-7', 'OPS-3'));
    expect(matches('created > -1d', { now: NOW + 86_400_000 })).toEqual([]);
  });

  it('evaluates now() and the start/end functions in the user zone', () => {
    expect(matches('sdNextDeadline <= now()')).toEqual(set('SD-1', 'SD-3'));
    expect(matches('created >= startOfDay()')).toEqual(set('SD-5', 'SD-6', 'OPS-3'));
    expect(matches('created >= startOfDay(-1) AND created < startOfDay()')).toEqual(set('SD-2', 'SD-3', 'SD-4'));
    expect(matches('created > endOfDay("-2d") AND created <= endOfDay(-1)')).toEqual(set('SD-2', 'SD-3', 'SD-4'));
    // weeks start on Sunday by default (Jira's en_US), on Monday when configured
    expect(matches('created >= startOfWeek()')).toEqual(set('SD-2', 'SD-3', 'SD-4', 'SD-5', 'SD-6', 'OPS-3'));
    expect(matches('created >= startOfWeek()', { weekStart: 'monday' })).toEqual(set('SD-5', 'SD-6', 'OPS-3'));
    expect(matches('created >= startOfMonth()')).toHaveLength(10);
    expect(matches('created >= startOfMonth("+14d")')).toEqual(set('SD-1', 'SD-2', 'SD-3', 'SD-4', 'SD-5', 'SD-6', 'SD-7', 'OPS-3'));
    expect(matches('created >= startOfMonth(-1)')).toHaveLength(11);
    expect(matches('created < startOfYear()')).toEqual(['OPS-10']);
  });

  it('treats a missing resolution date as EMPTY, also under NOT', () => {
    expect(matches('resolved is EMPTY')).toHaveLength(9);
    expect(matches('resolutiondate >= "2026-03-30"')).toEqual(set('SD-4', 'SD-5'));
    // NOT resolved < x is resolved >= x: unresolved issues do not match
    expect(matches('NOT resolved < "2026-03-30"')).toEqual(set('SD-4', 'SD-5'));
  });
});

describe('JQL: entity properties', () => {
  it('queries string properties by alias and by the long form', () => {
    expect(matches('sdKind = incident')).toEqual(set('SD-1', 'SD-3', 'SD-5', 'OPS-2'));
    expect(matches('SDKIND = incident')).toEqual(set('SD-1', 'SD-3', 'SD-5', 'OPS-2'));
    expect(matches('issue.property[sd-state].kind = request')).toEqual(set('SD-2', 'SD-6'));
    expect(matches('sdKind in (request, other)')).toEqual(set('SD-2', 'SD-6'));
    expect(matches('sdKind != incident')).toEqual(set('SD-2', 'SD-6'));
    expect(matches('sdKind is EMPTY')).toEqual(set('SD-4', 'SD-7', 'SD-8', 'OPS-1', 'OPS-3', 'OPS-10'));
  });

  it('queries number properties numerically (nested paths, numeric strings)', () => {
    expect(matches('sdScore > 5')).toEqual(set('SD-1', 'SD-5'));
    expect(matches('sdScore in (3, 7)')).toEqual(set('SD-1', 'SD-2'));
    expect(matches('issue.property[sd-state].metrics.score <= 3')).toEqual(['SD-2']);
  });

  it('queries date properties as instants; unparseable dates are EMPTY', () => {
    expect(matches('sdNextDeadline > "2026-04-01"')).toEqual(['SD-2']);
    expect(matches('issue.property[sd-state].nextDeadline < "2026-03-30 11:30"')).toEqual(set('SD-1', 'SD-3'));
    expect(matches('sdNextDeadline is not EMPTY')).toEqual(set('SD-1', 'SD-2', 'SD-3'));
  });

  it('queries user and text properties', () => {
    expect(matches('sdOwner = currentUser()')).toEqual(['SD-3']);
    expect(matches('sdOwner = "Bob Agent"')).toEqual(['SD-1']);
    expect(matches('sdNote ~ customer')).toEqual(['SD-1']);
  });

  it('matches nothing for property paths that are not indexed', () => {
    expect(matches('issue.property[sd-state].undeclared = x')).toEqual([]);
    expect(matches('issue.property[sd-state].undeclared is EMPTY')).toEqual([]);
    expect(matches('NOT issue.property[other].kind = incident')).toEqual([]);
  });
});

describe('JQL: boolean logic', () => {
  it('binds AND tighter than OR', () => {
    expect(matches('project = OPS OR priority = Highest AND status = "Waiting for customer"'))
      .toEqual(set('OPS-1', 'OPS-2', 'OPS-3', 'OPS-10', 'SD-3'));
    expect(matches('(project = OPS OR priority = Highest) AND status = "Waiting for customer"')).toEqual(['SD-3']);
  });

  it('binds NOT tighter than AND and supports !, &&, ||', () => {
    expect(matches('NOT project = SD AND priority = Medium')).toEqual(set('OPS-1', 'OPS-10'));
    expect(matches('! (project = SD OR assignee is EMPTY)')).toEqual(set('OPS-1', 'OPS-2', 'OPS-10'));
    expect(matches('project = SD && labels = email || key = OPS-1')).toEqual(set('SD-3', 'OPS-1'));
    expect(matches('NOT (project = SD AND NOT status = Open)')).toEqual(set('SD-1', 'SD-6', 'SD-8', 'OPS-1', 'OPS-2', 'OPS-3', 'OPS-10'));
  });

  it('accepts keywords and field names in any case, and escapes in strings', () => {
    expect(search('Project = sd and STATUS = open Order By KEY')).toEqual(['SD-1', 'SD-6', 'SD-8']);
    expect(matches("summary ~ 'printer' AND project IN (\"S\\u0044\")")).toEqual(set('SD-1', 'SD-4', 'SD-7'));
  });

  it('produces an AST with Jira precedence', () => {
    const q = parseJql('a = 1 OR b = 2 AND NOT c = 3 ORDER BY created');
    expect(q.where?.kind).toBe('or');
    if (q.where?.kind !== 'or') return;
    expect(q.where.clauses[1]?.kind).toBe('and');
    expect(q.orderBy).toEqual([{ field: expect.objectContaining({ name: 'created' }), direction: null }]);
  });
});

describe('JQL: ORDER BY', () => {
  it('defaults to key descending without ORDER BY', () => {
    expect(search('project in (SD, OPS)')).toEqual(['SD-8', 'SD-7', 'SD-6', 'SD-5', 'SD-4', 'SD-3', 'SD-2', 'SD-1', 'OPS-10', 'OPS-3', 'OPS-2', 'OPS-1']);
  });

  it('sorts keys by project then number', () => {
    expect(search('project = OPS ORDER BY key')).toEqual(['OPS-1', 'OPS-2', 'OPS-3', 'OPS-10']);
    expect(search('project = OPS ORDER BY issuekey DESC')).toEqual(['OPS-10', 'OPS-3', 'OPS-2', 'OPS-1']);
  });

  it('uses Jira default directions: created DESC unless ASC is given', () => {
    expect(search('project = SD ORDER BY created')).toEqual(['SD-6', 'SD-5', 'SD-4', 'SD-3', 'SD-2', 'SD-1', 'SD-7', 'SD-8']);
    expect(search('project = SD ORDER BY created ASC')).toEqual(['SD-8', 'SD-7', 'SD-1', 'SD-2', 'SD-3', 'SD-4', 'SD-5', 'SD-6']);
  });

  it('sorts priority highest first by default (DESC), lowest first with ASC', () => {
    expect(search('project = SD AND priority is not EMPTY ORDER BY priority')).toEqual(['SD-3', 'SD-7', 'SD-1', 'SD-6', 'SD-2', 'SD-4', 'SD-8']);
    expect(search('project = SD AND priority is not EMPTY ORDER BY priority ASC, key ASC')).toEqual(['SD-8', 'SD-4', 'SD-2', 'SD-6', 'SD-1', 'SD-7', 'SD-3']);
  });

  it('sorts by several fields, with ties broken by id descending', () => {
    // status in catalog order, then priority; OPS-1 and OPS-10 tie on both → id 10012 before 10007
    expect(search('project = OPS ORDER BY status, priority DESC')).toEqual(['OPS-10', 'OPS-1', 'OPS-3', 'OPS-2']);
    expect(search('project = OPS ORDER BY summary')).toEqual(['OPS-2', 'OPS-10', 'OPS-3', 'OPS-1']);
    expect(search('project = SD ORDER BY assignee, key')).toEqual(['SD-3', 'SD-6', 'SD-2', 'SD-4', 'SD-7', 'SD-1', 'SD-5', 'SD-8']);
  });

  it('puts EMPTY values last ascending and first descending', () => {
    expect(search('project = SD ORDER BY resolved')).toEqual(['SD-8', 'SD-7', 'SD-6', 'SD-3', 'SD-2', 'SD-1', 'SD-5', 'SD-4']);
    expect(search('project = SD ORDER BY resolved ASC')).toEqual(['SD-4', 'SD-5', 'SD-8', 'SD-7', 'SD-6', 'SD-3', 'SD-2', 'SD-1']);
  });

  it('sorts by aliased properties', () => {
    expect(search('sdNextDeadline is not EMPTY ORDER BY sdNextDeadline ASC')).toEqual(['SD-3', 'SD-1', 'SD-2']);
    expect(search('sdScore is not EMPTY ORDER BY sdScore DESC')).toEqual(['SD-5', 'SD-1', 'SD-2']);
  });

  it('gives the same order and pages whatever the input order', () => {
    const jql = 'project in (SD, OPS) ORDER BY project';
    const expected = ['OPS-10', 'OPS-3', 'OPS-2', 'OPS-1', 'SD-8', 'SD-7', 'SD-6', 'SD-5', 'SD-4', 'SD-3', 'SD-2', 'SD-1'];
    const shuffled = [...ISSUES].reverse();
    const rotated = [...ISSUES.slice(5), ...ISSUES.slice(0, 5)];
    for (const input of [ISSUES, shuffled, rotated]) {
      const all = search(jql, {}, input);
      expect(all).toEqual(expected);
      const pages = [all.slice(0, 5), all.slice(5, 10), all.slice(10)];
      expect(pages.flat()).toEqual(expected);
    }
  });
});

describe('JQL: bounded queries', () => {
  it('reports whether the query restricts the search', () => {
    const bounded = (jql: string): boolean => { const c = compile(jql); if (!c.ok) throw new Error(c.errorMessages.join()); return c.isBounded; };
    expect(bounded('')).toBe(false);
    expect(bounded('   ')).toBe(false);
    expect(bounded('ORDER BY created DESC')).toBe(false);
    expect(bounded('project = SD ORDER BY created')).toBe(true);
  });
});

describe('JQL: refusals with Jira messages', () => {
  it.each([
    ['foo = bar', "Field 'foo' does not exist or you do not have permission to view it."],
    ['duedate < now()', "Field 'duedate' does not exist or you do not have permission to view it."],
    ['project = NOPE', "The value 'NOPE' does not exist for the field 'project'."],
    ['project = 99999', "A value with ID '99999' does not exist for the field 'project'."],
    ['status = Nope', "The value 'Nope' does not exist for the field 'status'."],
    ['priority = Urgent', "The value 'Urgent' does not exist for the field 'priority'."],
    ['issuetype = Bug', "The value 'Bug' does not exist for the field 'issuetype'."],
    ['statusCategory = Finished', "The value 'Finished' does not exist for the field 'statusCategory'."],
    ['reporter = nobody', "The value 'nobody' does not exist for the field 'reporter'."],
    ['key = foo', "The issue key 'foo' for field 'key' is invalid."],
    ['key = HID-1', "An issue with key 'HID-1' does not exist for field 'key'."],
    ['project = AND', "Error in the JQL Query: Expecting either a value, list or function but got 'AND'. You must surround 'AND' in quotation marks to use it as a value. (line 1, character 11)"],
    ['project=%', "Error in the JQL Query: The character '%' is a reserved JQL character. You must enclose it in a string or use the escape '\\u0025' instead. (line 1, character 9)"],
    ['project = SD\nAND summary ~ a*b', "Error in the JQL Query: The character '*' is a reserved JQL character. You must enclose it in a string or use the escape '\\u002a' instead. (line 2, character 16)"],
    ['labels = select', "Error in the JQL Query: Expecting either a value, list or function but got 'select'. You must surround 'select' in quotation marks to use it as a value. (line 1, character 10)"],
    ['assignee in membersOf()', "Unable to find JQL function 'membersOf()'."],
    ['status WAS Open', "The operator 'was' is not supported by the 'status' field."],
    ['assignee CHANGED', "The operator 'changed' is not supported by the 'assignee' field."],
    ['project ~ SD', "The operator '~' is not supported by the 'project' field."],
    ['summary = "printer"', "The operator '=' is not supported by the 'summary' field."],
    ['status > Open', "The operator '>' is not supported by the 'status' field."],
    ['sdKind ~ inc', "The operator '~' is not supported by the 'sdKind' field."],
    ['sdScore = abc', "The value 'abc' for field 'sdScore' is invalid."],
    ['assignee = now()', "A value provided by the function 'now' is invalid for the field 'assignee'."],
    ['created > currentUser()', "A value provided by the function 'currentUser' is invalid for the field 'created'."],
    ['created > now(1)', "Function 'now' expected '0' arguments but got '1'."],
    ['created > startOfDay(1x)', "Duration for function 'startOfDay' should have the format (+/-)n(yMwdm), e.g -1M for 1 month earlier."],
    ['created > "2026-13-01"', "Date value '2026-13-01' for field 'created' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'."],
    ['updated > "2026-03-30T10:00"', "Date value '2026-03-30T10:00' for field 'updated' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'."],
    ['key = EMPTY', "The field 'key' does not support searching for EMPTY values."],
    ['assignee is acc-bob', "The operator 'is' only supports the EMPTY or NULL operand."],
    ['created < EMPTY', "The operator '<' does not support searching for EMPTY values."],
    ['summary ~ ""', "The field 'summary' does not support searching for an empty string."],
    ['project = SD ORDER BY foo', "Field 'foo' does not exist or you do not have permission to view it."],
    ['project = SD ORDER BY labels', "Not able to sort using field 'labels'."],
    ['(project = SD', "Error in the JQL Query: Expecting ')' before the end of the query."],
    ['summary ~ "abc', "Error in the JQL Query: The quoted string 'abc' has not been completed. (line 1, character 11)"],
    ['project = SD project = OPS', "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'project'. (line 1, character 14)"],
    ['project =', 'Error in the JQL Query: Expecting either a value, list or function before the end of the query.'],
    ['project = SD AND', 'Error in the JQL Query: Expecting a field name at the end of the query.'],
    ['project = SD ORDER created', "Error in the JQL Query: Expecting 'by' but got 'created'. (line 1, character 20)"],
  ])('%s', (jql, message) => {
    expect(errors(jql)).toEqual([message]);
  });

  it('refuses function arguments and the operator-less clause', () => {
    expect(errors('assignee in membersOf("jira-users")')).toEqual(["Unable to find JQL function 'membersOf(jira-users)'."]);
    expect(errors('project SD')[0]).toMatch(/^Error in the JQL Query: Expecting operator but got 'SD'\. The valid operators are .* \(line 1, character 9\)$/);
  });

  it('refuses unsupported text-search syntax instead of approximating it', () => {
    expect(errors('summary ~ "pr?nter"')[0]).toMatch(/^The text query 'pr\?nter' for the field 'summary'/);
    expect(errors('summary ~ "*inter"')[0]).toMatch(/^The text query/);
  });

  it('refuses relational comparison with an issue id (cannot be resolved without the issue)', () => {
    expect(errors('key < 10005')[0]).toMatch(/issue id/);
  });

  it('reports every validation error of the query', () => {
    expect(errors('project = NOPE AND status = Nope OR foo = 1')).toEqual([
      "The value 'NOPE' does not exist for the field 'project'.",
      "The value 'Nope' does not exist for the field 'status'.",
      "Field 'foo' does not exist or you do not have permission to view it.",
    ]);
  });

  it('treats projects missing from the (permission-filtered) catalog as non-existent', () => {
    const hidden = { ...catalog, projects: catalog.projects.filter((p) => p.key !== 'OPS') };
    expect(errors('project = OPS', { catalog: hidden })).toEqual(["The value 'OPS' does not exist for the field 'project'."]);
  });
});
