import { agentTest, escalationRecipients, evaluateIncident, type IncidentContext } from '../../../src/domain/incident/evaluate';
import { incidentIndexOf, sameIncidentState, sameIndex } from '../../../src/domain/incident/issue-index';
import { changeTypeForIncidentChange, confirmationChannel, confirmingParty, problemRefusal, publishMajorIncidentReportRefusal, raiseChangeRefusal, recordConfirmationRefusal, recordRootCauseRefusal, takeMajorIncidentRefusal } from '../../../src/domain/incident/actions';
import { confirmationRefusal } from '../../../src/domain/incident/confirmation';
import { escalationText, formatDuration, formatInstant, majorIncidentReport, peopleText, personText, renderStandardMessage, thresholdLabel } from '../../../src/domain/incident/messages';
import { jiraPriorityFor, profilePriorityOf } from '../../../src/domain/incident/priority-names';
import type { HistoryEntry, IncidentSnapshot } from '../../../src/domain/incident/snapshot';
import { incidentStateSchema } from '../../../src/domain/incident/state';
import { incidentTimeline } from '../../../src/domain/incident/timeline';
import { describeBlockers, DEFAULT_CLOSED_STATUS_NAMES, isClosingStatus } from '../../../src/domain/incident-closure';
import { classifyIncident, defaultPolicy } from '../../../src/domain/policy';
import type { RoleAssignment } from '../../../src/domain/roles';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.parse('2026-12-01T10:00:00Z');

const ROLES: RoleAssignment[] = [
  { accountId: 'sofia', roles: ['SM'] }, { accountId: 'ines', roles: ['IM'] }, { accountId: 'priya', roles: ['PT'] }, { accountId: 'carla', roles: ['CUS'] },
];
const staff = (id: string) => ({ accountId: id, accountType: 'atlassian' as const, displayName: id });
const customer = (id: string) => ({ accountId: id, accountType: 'customer' as const, displayName: id });

function snapshot(over: Partial<IncidentSnapshot> = {}, fields: Partial<IncidentSnapshot['fields']> = {}): IncidentSnapshot {
  return {
    id: '10100', key: 'SD-42', summary: 'Mail down', projectKey: 'SD', createdAt: T0, reporter: customer('carla'), assignee: { accountId: 'priya', displayName: 'Priya Nair' },
    status: { name: 'Open', category: 'new' }, priority: 'Normal', resolution: null, history: [], comments: [], links: [],
    ...over,
    fields: { impact: 'High', urgency: 'High', services: ['Managed e-mail'], cis: [], rootCause: null, majorIncident: false, securityIncident: false, organizations: [], ...fields },
  };
}

function ctx(now: number, over: Partial<IncidentContext> = {}): IncidentContext {
  return {
    policy: { policy: defaultPolicy('2026-12-01'), version: null }, roles: ROLES, escalationsDone: [], communicationsDone: [], trackedSince: T0,
    majorIncidentManager: null, majorIncidentReport: null, now, ...over,
  };
}

const status = (id: string, at: number, by: string, from: string, to: string): HistoryEntry => ({ id, at, author: staff(by), items: [{ field: 'status', from: null, fromString: from, to: null, toString: to }] });
const resolve = (id: string, at: number, by: string, from: string): HistoryEntry => ({ id, at, author: staff(by), items: [
  { field: 'status', from: null, fromString: from, to: null, toString: 'Resolved' }, { field: 'resolution', from: null, fromString: null, to: '10000', toString: 'Done' },
] });
const priority = (id: string, at: number, from: string, to: string): HistoryEntry => ({ id, at, author: { accountId: 'app', accountType: 'app' }, items: [{ field: 'priority', from: null, fromString: from, to: null, toString: to }] });
/** A person's (or the app's) change of one field, e.g. urgency Medium → High; `field` is what the Jira reader names it. */
const change = (id: string, at: number, author: HistoryEntry['author'], field: string, from: string | null, to: string | null): HistoryEntry => ({ id, at, author, items: [{ field, from: null, fromString: from, to: null, toString: to }] });
const APP = { accountId: 'app', accountType: 'app' as const };
/** The shipped D8 matrix as the timeline's classifier. */
const d8 = (impact: string | null, urgency: string | null): string | null => { const r = classifyIncident(defaultPolicy('2026-12-01'), 1, impact, urgency); return r.ok ? r.priority : null; };
const priorityEvents = (s: IncidentSnapshot) => incidentTimeline(s, agentTest(ROLES), 'Normal', d8).filter((e) => e.type === 'created' || e.type === 'priorityChanged');
const evaluateAt = (s: IncidentSnapshot, now: number, over: Partial<IncidentContext> = {}, confirmation: { confirmedBy: string } | null = null) => evaluateIncident(s, ctx(now, over), DEFAULT_CLOSED_STATUS_NAMES, confirmation);

describe('IN.2.2 / D8 classification', () => {
  it('derives Critical from High impact × High urgency and says how; the Jira priority should follow', () => {
    const ev = evaluateAt(snapshot(), T0 + MIN);
    expect(ev.state.priority).toMatchObject({ value: 'Critical', derived: true, source: 'policy', missing: [] });
    expect(ev.state.priority.text).toBe('High impact × High urgency → Critical (D8 default matrix; no policy approved yet)');
    expect(ev.desiredPriority).toBe('Critical');
  });

  it('cites the approved policy version when there is one', () => {
    const ev = evaluateAt(snapshot({ priority: 'Critical' }), T0, { policy: { policy: defaultPolicy('2026-12-01'), version: 3 } });
    expect(ev.state.priority.text).toBe('High impact × High urgency → Critical (policy matrix v3)');
    expect(ev.desiredPriority).toBeNull();
  });

  it('D25: a restored incident keeps in Jira the priority it was handled under, even if its impact is lowered afterwards', () => {
    const history = [priority('1', T0 + 40_000, 'Normal', 'Critical'), resolve('2', T0 + HOUR, 'priya', 'Open'), change('3', T0 + 2 * HOUR, staff('ines'), 'impact', 'High', 'Low')];
    const ev = evaluateAt(snapshot({ priority: 'Critical', resolution: 'Done', status: { name: 'Resolved', category: 'done' }, history }, { impact: 'Low' }), T0 + 3 * HOUR);
    expect(ev.state.priority.value).toBe('Normal');
    expect(ev.replay.resolution[0]).toMatchObject({ priority: 'Critical', stop: T0 + HOUR });
    expect(ev.desiredPriority).toBeNull();
  });

  it('flags a missing urgency instead of guessing, and leaves the Jira priority alone', () => {
    const ev = evaluateAt(snapshot({}, { urgency: null }), T0);
    expect(ev.state.priority).toMatchObject({ value: 'Normal', derived: false, source: 'none', missing: ['urgency'] });
    expect(ev.desiredPriority).toBeNull();
  });

  it('reads a plain site\'s priority names as the profile\'s and picks the site\'s name to set', () => {
    expect(profilePriorityOf('Highest')).toBe('Critical');
    expect(profilePriorityOf('Medium')).toBe('Normal');
    expect(profilePriorityOf('Odd')).toBe('Odd');
    expect(jiraPriorityFor('Critical', ['Highest', 'High', 'Medium', 'Low', 'Lowest'])).toBe('Highest');
    expect(jiraPriorityFor('Critical', ['Critical', 'High'])).toBe('Critical');
    expect(jiraPriorityFor('Normal', ['P1'])).toBeNull();
  });

  it('IN.2.1 NOTE: keeps the information security class; D13 names why an incident is significant', () => {
    const policy = { ...defaultPolicy('2026-12-01'), significantImpact: { priorities: ['Critical' as const], majorIncidentFlag: true, vitalServices: ['Web hosting'] } };
    const ev = evaluateAt(snapshot({}, { impact: 'Low', urgency: 'Low', securityIncident: true, majorIncident: true, services: ['Web hosting'] }), T0, { policy: { policy, version: 2 } });
    expect(ev.state.classification).toMatchObject({ securityIncident: true, significant: true, significantReasons: ['flagged Major incident', 'affects vital service Web hosting'] });
    const normal = evaluateAt(snapshot({}, { impact: 'Low', urgency: 'Low' }), T0);
    expect(normal.state.classification.significant).toBe(false);
  });
});

describe('D9–D11 SLA clocks from the Jira history', () => {
  const critical = (over: Partial<IncidentSnapshot> = {}) => snapshot({ priority: 'Critical', ...over });

  it('a Critical incident runs a 4 h resolution clock (24×7) and a 15 min first-response clock', () => {
    const ev = evaluateAt(critical(), T0 + HOUR);
    const [fr, res] = ev.state.sla.cycles;
    expect(fr).toMatchObject({ metric: 'firstResponse', targetMs: 15 * MIN, breached: true });
    expect(res).toMatchObject({ metric: 'resolution', targetMs: 4 * HOUR, dueAt: '2026-12-01T14:00:00.000Z', breached: false });
    expect(ev.index).toMatchObject({ nextDeadline: '2026-12-01T14:00:00.000Z', breached: 'yes', paused: 'no' });
  });

  it('D11: a public reply by an agent stops the first-response clock; an internal note and the customer\'s own comment do not', () => {
    const comments = [
      { id: '1', at: T0 + 2 * MIN, author: staff('priya'), public: false },
      { id: '2', at: T0 + 3 * MIN, author: customer('carla'), public: true },
    ];
    const before = evaluateAt(critical({ comments }), T0 + 10 * MIN);
    expect(before.replay.firstResponse[0]).toMatchObject({ stop: null, running: true });
    const after = evaluateAt(critical({ comments: [...comments, { id: '3', at: T0 + 9 * MIN, author: staff('priya'), public: true }] }), T0 + 10 * MIN);
    expect(after.replay.firstResponse[0]).toMatchObject({ stop: T0 + 9 * MIN, stopReason: 'reply', met: true });
  });

  it('D11: a reply by a staff member who is no agent (the Control Manager) does not count', () => {
    const ev = evaluateAt(critical({ comments: [{ id: '9', at: T0 + MIN, author: staff('carlos'), public: true }] }), T0 + 5 * MIN);
    expect(ev.replay.firstResponse[0]?.stop).toBeNull();
    // Without an approved role list, any Jira staff account is an agent.
    expect(agentTest(null)(staff('carlos'))).toBe(true);
    expect(agentTest(null)(customer('carla'))).toBe(false);
  });

  it('D10: "Waiting for customer" pauses the resolution clock; the remaining time is unchanged when it resumes', () => {
    const history = [status('1', T0 + 5 * MIN, 'priya', 'Open', 'In progress'), status('2', T0 + HOUR, 'priya', 'In progress', 'Waiting for customer')];
    const paused = evaluateAt(critical({ history, status: { name: 'Waiting for customer', category: 'indeterminate' } }), T0 + 2 * HOUR);
    const res = paused.replay.resolution[0]!;
    expect(res).toMatchObject({ pausedNow: true, elapsedMs: HOUR, remainingMs: 3 * HOUR, dueAt: null });
    expect(paused.index.paused).toBe('yes');
    const later = evaluateAt(critical({ history, status: { name: 'Waiting for customer', category: 'indeterminate' } }), T0 + 5 * HOUR);
    expect(later.replay.resolution[0]?.remainingMs).toBe(3 * HOUR);
    const resumed = evaluateAt(critical({ history: [...history, status('3', T0 + 5 * HOUR, 'priya', 'Waiting for customer', 'In progress')], status: { name: 'In progress', category: 'indeterminate' } }), T0 + 5 * HOUR);
    expect(resumed.replay.resolution[0]).toMatchObject({ remainingMs: 3 * HOUR, dueAt: T0 + 8 * HOUR, pausedNow: false });
  });

  it('D10/D25 carry-over: urgency raised Medium → High by a person after 1 h makes it Critical at that instant and keeps the time already spent', () => {
    // High impact × Medium urgency = High until Ines raises the urgency; the app's write of "Critical" 40 s later changes nothing.
    const history = [change('7', T0 + HOUR, staff('ines'), 'urgency', 'Medium', 'High'), priority('8', T0 + HOUR + 40_000, 'High', 'Critical')];
    const comments = [{ id: '1', at: T0 + 20 * MIN, author: staff('priya'), public: true }];
    const s = snapshot({ priority: 'Critical', history, comments });
    const ev = evaluateAt(s, T0 + 3 * HOUR);
    expect(ev.replay.resolution[0]).toMatchObject({ priority: 'Critical', elapsedMs: 3 * HOUR, remainingMs: HOUR, dueAt: T0 + 4 * HOUR });
    // The first response stopped under High and keeps High's 30 min goal.
    expect(ev.replay.firstResponse[0]).toMatchObject({ priority: 'High', stop: T0 + 20 * MIN, met: true });
    expect(priorityEvents(s)).toEqual([
      { id: 'created', type: 'created', at: T0, status: 'Open', category: 'new', priority: 'High' },
      { id: 'changelog:7:priority', type: 'priorityChanged', at: T0 + HOUR, to: 'Critical' },
    ]);
    // Had the app's write been refused, Jira would still say "High": the clocks are the same.
    const refused = evaluateAt(snapshot({ priority: 'High', history: history.slice(0, 1), comments }), T0 + 3 * HOUR);
    expect(refused.replay).toEqual(ev.replay);
    expect(refused.desiredPriority).toBe('Critical');
  });

  it('D10: a reopen starts a new resolution cycle and keeps the first', () => {
    const history = [resolve('1', T0 + HOUR, 'priya', 'Open'), { id: '2', at: T0 + 2 * HOUR, author: customer('carla'), items: [
      { field: 'status', from: null, fromString: 'Resolved', to: null, toString: 'In progress' }, { field: 'resolution', from: '10000', fromString: 'Done', to: null, toString: null },
    ] }];
    const ev = evaluateAt(critical({ history, status: { name: 'In progress', category: 'indeterminate' } }), T0 + 3 * HOUR);
    expect(ev.replay.resolution.map((c) => [c.index, c.met, c.elapsedMs])).toEqual([[1, true, HOUR], [2, null, HOUR]]);
  });

  it('duplicate, reordered histories give the same stored state', () => {
    const h = [status('1', T0 + 5 * MIN, 'priya', 'Open', 'In progress'), priority('2', T0 + 6 * MIN, 'Normal', 'Critical')];
    const a = evaluateAt(snapshot({ history: h, status: { name: 'In progress', category: 'indeterminate' }, priority: 'Critical' }), T0 + HOUR);
    const b = evaluateAt(snapshot({ history: [h[1]!, h[0]!, h[1]!], status: { name: 'In progress', category: 'indeterminate' }, priority: 'Critical' }), T0 + HOUR);
    expect(b.state).toEqual(a.state);
    expect(b.index).toEqual(a.index);
    expect(incidentStateSchema.safeParse(a.state).success).toBe(true);
  });

  it('a state re-evaluated later while nothing happened is not worth a write; a breach is', () => {
    const s = snapshot({ priority: 'Critical', status: { name: 'In progress', category: 'indeterminate' }, history: [status('1', T0 + MIN, 'priya', 'Open', 'In progress')] });
    const at = (t: number) => evaluateAt(s, t).state;
    expect(sameIncidentState(at(T0 + HOUR), at(T0 + 2 * HOUR))).toBe(true);
    expect(sameIncidentState(at(T0 + HOUR), at(T0 + 5 * HOUR))).toBe(false);
    // The index property follows: the same while nothing happens, rewritten once a breach is to show.
    expect(sameIndex(incidentIndexOf(at(T0 + HOUR)), incidentIndexOf(at(T0 + 2 * HOUR)))).toBe(true);
    expect(sameIndex(incidentIndexOf(at(T0 + HOUR)), incidentIndexOf(at(T0 + 5 * HOUR)))).toBe(false);
  });

  it('D26: the index property holds what a customer may see only: no escalation, no manager, no internal classification', () => {
    const ev = evaluateAt(snapshot({ priority: 'Critical' }), T0 + 5 * HOUR);
    const withEverything = { ...ev.state, escalations: [{ key: 'resolution#1:management', metric: 'resolution' as const, cycle: 1, thresholdId: 'management', afterMs: 4 * HOUR, priority: 'Critical', crossedAt: new Date(T0 + 4 * HOUR).toISOString(), escalatedAt: new Date(T0 + 4 * HOUR).toISOString(), notified: ['ines'] }],
      majorIncidentManager: { accountId: 'ines', displayName: 'Ines Kowalski', namedAt: new Date(T0).toISOString() } };
    const index = JSON.stringify(incidentIndexOf(withEverything));
    expect(index).not.toMatch(/escalat|notified|majorIncident|securityIncident|significant|Ines/i);
    expect(incidentIndexOf(withEverything)).toMatchObject({ schemaVersion: 2, kind: 'incident', breached: 'yes', incident: { priority: { value: ev.state.priority.value } } });
  });
});

describe('D25 the priority from creation on is the matrix\'s, not Jira\'s default', () => {
  // The default policy's service hours (Mon–Fri 09:00–17:00) in Europe/Berlin; Wednesday 2 December 2026, 02:00 CET.
  const base = defaultPolicy('2026-12-01');
  const berlin = { policy: { ...base, serviceHours: { ...base.serviceHours, timeZone: 'Europe/Berlin' } }, version: null };
  const NIGHT = Date.parse('2026-12-02T02:00:00+01:00');
  const night = (over: Partial<IncidentSnapshot> = {}) => snapshot({ createdAt: NIGHT, ...over });

  it('a High × High incident created at 02:00, outside service hours, is Critical from creation: the app\'s write 40 s later shifts nothing', () => {
    const s = night({ priority: 'Critical', history: [priority('1', NIGHT + 40_000, 'Normal', 'Critical')] });
    const ev = evaluateAt(s, NIGHT + 10 * MIN, { policy: berlin, trackedSince: NIGHT });
    const [fr, res] = ev.state.sla.cycles;
    expect(fr).toMatchObject({ metric: 'firstResponse', priority: 'Critical', dueAt: '2026-12-02T01:15:00.000Z' }); // 02:15 CET
    expect(res).toMatchObject({ metric: 'resolution', priority: 'Critical', dueAt: '2026-12-02T05:00:00.000Z' }); // 06:00 CET
    expect(priorityEvents(s)).toEqual([{ id: 'created', type: 'created', at: NIGHT, status: 'Open', category: 'new', priority: 'Critical' }]);
    expect(ev.desiredPriority).toBeNull();
  });

  it('the same incident whose priority Jira refused to take (still "Normal") runs the same clocks, and is breached at 02:31 without a reply', () => {
    const written = evaluateAt(night({ priority: 'Critical', history: [priority('1', NIGHT + 40_000, 'Normal', 'Critical')] }), NIGHT + 31 * MIN, { policy: berlin });
    const refused = evaluateAt(night({ priority: 'Normal' }), NIGHT + 31 * MIN, { policy: berlin });
    expect(refused.state.sla.cycles).toEqual(written.state.sla.cycles);
    expect(refused.state.sla.cycles[0]).toMatchObject({ metric: 'firstResponse', priority: 'Critical', dueAt: '2026-12-02T01:15:00.000Z', breached: true, breachAt: '2026-12-02T01:15:00.000Z' });
    expect(refused.index.breached).toBe('yes');
    expect(refused.desiredPriority).toBe('Critical');
  });

  it('without an impact, the priority is the one a person set in Jira; the app\'s own priority changes are ignored', () => {
    const history = [change('1', T0 + 10 * MIN, staff('ines'), 'priority', 'Normal', 'Highest'), change('2', T0 + 20 * MIN, APP, 'priority', 'Highest', 'Low')];
    const s = snapshot({ priority: 'Low', history }, { impact: null });
    expect(priorityEvents(s)).toEqual([
      { id: 'created', type: 'created', at: T0, status: 'Open', category: 'new', priority: 'Normal' },
      { id: 'changelog:1:priority', type: 'priorityChanged', at: T0 + 10 * MIN, to: 'Critical' },
    ]);
    const ev = evaluateAt(s, T0 + HOUR);
    expect(ev.replay.resolution[0]).toMatchObject({ priority: 'Critical', elapsedMs: HOUR, dueAt: T0 + 4 * HOUR });
    expect(ev.desiredPriority).toBeNull();
  });

  it('while the matrix gives a priority, a person\'s change of Jira\'s priority field is no override (the policy has no override setting)', () => {
    const s = snapshot({ priority: 'Normal', history: [priority('1', T0 + 40_000, 'Normal', 'Critical'), change('2', T0 + HOUR, staff('ines'), 'priority', 'Critical', 'Normal')] });
    expect(priorityEvents(s).map((e) => e.type)).toEqual(['created']);
    const ev = evaluateAt(s, T0 + 2 * HOUR);
    expect(ev.replay.resolution[0]).toMatchObject({ priority: 'Critical', dueAt: T0 + 4 * HOUR });
    expect(ev.desiredPriority).toBe('Critical');
  });

  it('a history delivered in any order, or twice, gives the same replay: impact at creation is what its first change changed from', () => {
    const history = [
      change('11', T0 + HOUR, staff('ines'), 'impact', 'Low', 'Medium'),
      priority('12', T0 + HOUR + 40_000, 'Normal', 'High'),
      status('13', T0 + 90 * MIN, 'priya', 'Open', 'In progress'),
      change('14', T0 + 2 * HOUR, staff('ines'), 'impact', 'Medium', 'High'),
      priority('15', T0 + 2 * HOUR + 40_000, 'High', 'Critical'),
    ];
    const s = snapshot({ priority: 'Critical', status: { name: 'In progress', category: 'indeterminate' }, history });
    const shuffled = snapshot({ priority: 'Critical', status: { name: 'In progress', category: 'indeterminate' }, history: [history[3]!, history[4]!, history[0]!, history[2]!, history[1]!, history[3]!] });
    const a = evaluateAt(s, T0 + 3 * HOUR), b = evaluateAt(shuffled, T0 + 3 * HOUR);
    expect(b.replay.firstResponse).toEqual(a.replay.firstResponse);
    expect(b.replay.resolution).toEqual(a.replay.resolution);
    expect(b.state).toEqual(a.state);
    // Low × High = Normal at creation, Medium × High = High at 11:00, High × High = Critical at 12:00.
    expect(priorityEvents(shuffled)).toEqual([
      { id: 'created', type: 'created', at: T0, status: 'Open', category: 'new', priority: 'Normal' },
      { id: 'changelog:11:priority', type: 'priorityChanged', at: T0 + HOUR, to: 'High' },
      { id: 'changelog:14:priority', type: 'priorityChanged', at: T0 + 2 * HOUR, to: 'Critical' },
    ]);
    expect(a.replay.resolution[0]).toMatchObject({ priority: 'Critical', elapsedMs: 3 * HOUR, dueAt: T0 + 4 * HOUR });
    // Priya started work at 11:30, under High: its 30 min goal judges the whole wait (carry-over, D10).
    expect(a.replay.firstResponse[0]).toMatchObject({ priority: 'High', stop: T0 + 90 * MIN, stopReason: 'transition', met: false });
  });

  it('a record first seen already resolved, its Jira priority still "Normal", gets the matrix\'s Critical written; not when Jira has it already', () => {
    const resolved = (jiraPriority: string) => snapshot({ priority: jiraPriority, resolution: 'Done', status: { name: 'Resolved', category: 'done' }, history: [resolve('1', T0 + 2 * HOUR, 'priya', 'Open')] });
    const late = evaluateAt(resolved('Normal'), T0 + 3 * HOUR, { trackedSince: null });
    expect(late.replay.resolution[0]).toMatchObject({ priority: 'Critical', stop: T0 + 2 * HOUR, met: true });
    expect(late.desiredPriority).toBe('Critical');
    expect(evaluateAt(resolved('Critical'), T0 + 3 * HOUR).desiredPriority).toBeNull();
    // A plain Jira site names Critical "Highest" (priority-names.ts).
    expect(evaluateAt(resolved('Highest'), T0 + 3 * HOUR).desiredPriority).toBeNull();
  });
});

describe('D14 escalation decisions', () => {
  const s = snapshot({ priority: 'Critical', status: { name: 'In progress', category: 'indeterminate' }, history: [status('1', T0 + MIN, 'priya', 'Open', 'In progress')] });

  it('the 4 h threshold of a Critical incident is pending once crossed, and only then', () => {
    expect(evaluateAt(s, T0 + 4 * HOUR - MIN).pendingEscalations).toEqual([]);
    const ev = evaluateAt(s, T0 + 4 * HOUR + MIN);
    expect(ev.pendingEscalations).toMatchObject([{ key: 'resolution#1:management', crossedAt: T0 + 4 * HOUR, priority: 'Critical' }]);
    expect(ev.index.nextDeadline).toBe('2026-12-01T14:00:00.000Z');
  });

  it('once done it is not pending again, and the next deadline moves on', () => {
    const done = [{ key: 'resolution#1:management', metric: 'resolution' as const, cycle: 1, thresholdId: 'management', afterMs: 4 * HOUR, priority: 'Critical', crossedAt: '2026-12-01T14:00:00.000Z', escalatedAt: '2026-12-01T14:01:00.000Z', notified: ['ines', 'sofia'] }];
    const ev = evaluateAt(s, T0 + 4 * HOUR + 2 * MIN, { escalationsDone: done });
    expect(ev.pendingEscalations).toEqual([]);
    expect(ev.index).toMatchObject({ escalated: 'yes', nextDeadline: null });
    expect(ev.state.escalations).toEqual(done);
  });

  it('a cycle resolved before the scan saw the crossing is not escalated', () => {
    const resolved = snapshot({ priority: 'Critical', resolution: 'Done', status: { name: 'Resolved', category: 'done' }, history: [resolve('1', T0 + 4 * HOUR + MIN, 'priya', 'Open')] });
    expect(evaluateAt(resolved, T0 + 4 * HOUR + 3 * MIN).pendingEscalations).toEqual([]);
  });

  it('notifies every Incident Manager and Service Manager of the role list', () => {
    expect(escalationRecipients(ROLES)).toEqual(['ines', 'sofia']);
    expect(escalationRecipients(null)).toEqual([]);
  });
});

describe('IN.2.3–IN.2.5 standard communications (IN-10)', () => {
  it('calls for "investigating" when an agent starts work, "restored" at the resolution and "closed" at closure, once each', () => {
    const history = [status('1', T0 + MIN, 'priya', 'Open', 'In progress'), status('2', T0 + 2 * MIN, 'priya', 'In progress', 'Waiting for customer'), status('3', T0 + 3 * MIN, 'priya', 'Waiting for customer', 'In progress'), resolve('4', T0 + HOUR, 'priya', 'In progress'), status('5', T0 + 2 * HOUR, 'priya', 'Resolved', 'Closed')];
    const ev = evaluateAt(snapshot({ priority: 'Critical', resolution: 'Done', status: { name: 'Closed', category: 'done' }, history }), T0 + 3 * HOUR);
    expect(ev.dueCommunications.map((c) => c.key)).toEqual(['incident-investigating#1', 'incident-restored#1', 'incident-closed#1']);
    const sent = ev.dueCommunications.map((c) => ({ key: c.key, event: c.event, cycle: c.cycle, at: new Date(c.at).toISOString(), commentId: null }));
    expect(evaluateAt(snapshot({ priority: 'Critical', resolution: 'Done', status: { name: 'Closed', category: 'done' }, history }), T0 + 3 * HOUR, { communicationsDone: sent }).dueCommunications).toEqual([]);
  });

  it('history from before the app first saw the incident sends nothing', () => {
    const history = [resolve('4', T0 + HOUR, 'priya', 'Open')];
    const ev = evaluateAt(snapshot({ resolution: 'Done', status: { name: 'Resolved', category: 'done' }, history }), T0 + 3 * HOUR, { trackedSince: T0 + 2 * HOUR });
    expect(ev.dueCommunications).toEqual([]);
  });

  it('fills the policy template with the incident\'s facts, times in the service time zone', () => {
    const policy = { ...defaultPolicy('2026-12-01'), serviceHours: { ...defaultPolicy('2026-12-01').serviceHours, timeZone: 'Europe/Berlin' } };
    const s = snapshot({ priority: 'Critical' });
    const ev = evaluateIncident(s, { ...ctx(T0), policy: { policy, version: 1 } }, DEFAULT_CLOSED_STATUS_NAMES, null);
    const msg = renderStandardMessage('incident-escalated', s, ev, policy, { threshold: thresholdLabel({ thresholdId: 'management', afterMs: 4 * HOUR, metric: 'resolution' }) });
    expect(msg.subject).toBe('[SD-42] Escalated to management (4 h resolution time): Mail down');
    // Issue #12: the label once said "4 h resolution management escalation", so the mail read "escalation escalation".
    expect(msg.body).toContain('has passed the 4 h resolution time escalation threshold');
    expect(msg.body).not.toMatch(/escalation escalation/);
    expect(msg.body).toContain('Resolution due: 2026-12-01 15:00 Europe/Berlin');
    expect(msg.body).toContain('Handled by: Priya Nair');
    expect(formatDuration(90 * MIN)).toBe('1 h 30 min');
    expect(formatInstant(null, 'UTC')).toContain('not set');
  });
});

describe('IN.2.5 / D12 / D13 closure', () => {
  it('lists a resolution and a confirmation for an ordinary incident', () => {
    const ev = evaluateAt(snapshot({}, { impact: 'Low', urgency: 'Low' }), T0);
    expect(ev.closure.filter((c) => !c.done).map((c) => c.id)).toEqual(['resolution', 'confirmation']);
    expect(describeBlockers('Incident SD-42', ev.closure.filter((c) => !c.done).map((c) => ({ rule: c.rule, what: c.label }))))
      .toBe('Incident SD-42 cannot be closed yet. Missing: a resolution (IN.2.5); a recorded confirmation by an affected party (the reporter or the customer contact) (D12).');
  });

  it('a Critical incident also needs a root cause and a linked service change request', () => {
    const resolved = { resolution: 'Done', priority: 'Critical', status: { name: 'Resolved', category: 'done' as const } };
    const ev = evaluateAt(snapshot(resolved), T0, {}, { confirmedBy: 'carla' });
    expect(ev.closure.filter((c) => !c.done).map((c) => c.id)).toEqual(['root-cause', 'change-request']);
    expect(ev.closure.find((c) => c.id === 'root-cause')?.label).toContain('significant impact: priority Critical');
    const link = { id: '1', label: 'relates to', other: { key: 'SD-9', summary: 'Fix relay', issueType: 'Change', status: 'Draft', statusCategory: 'new' as const, kind: 'service-change-request' as const } };
    const done = evaluateAt(snapshot({ ...resolved, links: [link] }, { rootCause: 'Expired relay certificate' }), T0, {}, { confirmedBy: 'carla' });
    expect(done.closure.every((c) => c.done)).toBe(true);
  });

  it('says when the site has no Root cause field yet, instead of asking for something nobody can fill in', () => {
    const ev = evaluateAt(snapshot({ priority: 'Critical', missingFields: ['rootCause'] }), T0);
    expect(ev.closure.find((c) => c.id === 'root-cause')).toMatchObject({ label: 'a root cause (significant impact: priority Critical)', hint: expect.stringContaining('this site has no "Root cause" field yet: run the setup wizard') });
  });

  it('D13: a major incident needs its one named manager and its report', () => {
    const ev = evaluateAt(snapshot({}, { majorIncident: true }), T0);
    expect(ev.closure.map((c) => c.id)).toEqual(expect.arrayContaining(['major-incident-manager', 'major-incident-report']));
    const text = majorIncidentReport(snapshot({}, { majorIncident: true }), ev, defaultPolicy('2026-12-01'));
    expect(text).toContain('Major-incident report for SD-42: Mail down');
    expect(text).toContain('Major incident manager: not named');
  });

  it('only the WP.18 "Closed" status closes (or "Done" of a plain workflow), not "Resolved"', () => {
    expect(isClosingStatus('closed ')).toBe(true);
    expect(isClosingStatus('Done')).toBe(true);
    expect(isClosingStatus('Resolved')).toBe(false);
    expect(isClosingStatus('Geschlossen', ['Geschlossen'])).toBe(true);
  });

  it('D12: only the reporter confirms, by themselves in Jira or through an agent who says how', () => {
    const facts = { reporterId: 'carla', affectedParties: [], recorderIsAgent: true, resolved: true };
    expect(confirmationRefusal({ recordedBy: 'priya', confirmedBy: 'carla', how: 'e-mail' }, facts)).toBeNull();
    expect(confirmationRefusal({ recordedBy: 'carla', confirmedBy: 'carla', how: 'in Jira' }, { ...facts, recorderIsAgent: false })).toBeNull();
    expect(confirmationRefusal({ recordedBy: 'priya', confirmedBy: 'tom', how: 'e-mail' }, facts)).toContain('Only an affected party');
    expect(confirmationRefusal({ recordedBy: 'chen', confirmedBy: 'carla', how: 'e-mail' }, { ...facts, recorderIsAgent: false })).toContain('someone who works incidents');
    expect(confirmationRefusal({ recordedBy: 'priya', confirmedBy: 'carla', how: 'e-mail' }, { ...facts, resolved: false })).toContain('not resolved yet');
  });
});

describe('who may act on an incident from the panel (D6, D12, D13, INC-24)', () => {
  const agent = { accountId: 'priya', isAgent: true, roles: new Set(['PT'] as const) };
  const im = { accountId: 'ines', isAgent: true, roles: new Set(['IM'] as const) };
  const cm = { accountId: 'carlos', isAgent: false, roles: new Set(['CM'] as const) };
  const reporter = { accountId: 'carla', isAgent: false, roles: new Set(['CUS'] as const) };
  const facts = { reporterId: 'carla', contacts: [] as string[], resolved: true, confirmed: false, majorIncident: true, manager: null, reportPublished: false };

  it('D12: a customer contact of the agreement confirms for themselves; another customer may not', () => {
    const contact = { accountId: 'olga', isAgent: false, roles: new Set(['CUS'] as const) };
    const withContact = { ...facts, contacts: ['olga'] };
    expect(confirmingParty(contact, withContact)).toBe('olga');
    expect(recordConfirmationRefusal(contact, withContact, confirmationChannel(contact, withContact, 'e-mail'))).toBeNull();
    expect(confirmationChannel(contact, withContact, 'e-mail')).toBe('in Jira');
    expect(confirmingParty(contact, facts)).toBe('carla');
    expect(recordConfirmationRefusal(contact, facts, 'in Jira')).toContain('someone who works incidents');
    expect(confirmingParty(agent, withContact)).toBe('carla');
  });

  it('D12: the reporter confirms in Jira, an agent records it with the channel, others may not; once only', () => {
    expect(recordConfirmationRefusal(reporter, facts, confirmationChannel(reporter, facts, 'e-mail'))).toBeNull();
    expect(confirmationChannel(reporter, facts, 'e-mail')).toBe('in Jira');
    expect(recordConfirmationRefusal(agent, facts, 'phone')).toBeNull();
    expect(recordConfirmationRefusal(cm, facts, 'phone')).toContain('someone who works incidents');
    expect(recordConfirmationRefusal(agent, { ...facts, confirmed: true }, 'phone')).toContain('already');
    expect(recordConfirmationRefusal(agent, { ...facts, resolved: false }, 'phone')).toContain('not resolved yet');
  });

  it('agents raise change requests; a Control Manager who is no agent does not', () => {
    expect(raiseChangeRefusal(agent)).toBeNull();
    expect(raiseChangeRefusal(cm)).toContain('Only the people who work incidents');
    expect(raiseChangeRefusal(cm)).not.toContain('(PT, IM, SM)');
  });

  it('D13: an Incident Manager takes a major incident, once; the report follows restoration, by its manager', () => {
    expect(takeMajorIncidentRefusal(agent, facts)).toContain('INC-24');
    expect(takeMajorIncidentRefusal(im, facts)).toBeNull();
    const managed = { ...facts, manager: { accountId: 'ines', displayName: 'Ines Kowalski' } };
    expect(takeMajorIncidentRefusal(im, managed)).toContain('Ines Kowalski manages');
    expect(takeMajorIncidentRefusal(im, { ...facts, majorIncident: false })).toContain('not flagged as a major incident');
    expect(publishMajorIncidentReportRefusal(im, managed)).toBeNull();
    expect(publishMajorIncidentReportRefusal(agent, managed)).toContain('major incident manager');
    expect(publishMajorIncidentReportRefusal(im, { ...managed, resolved: false })).toContain('INC-21');
    expect(publishMajorIncidentReportRefusal(im, { ...managed, reportPublished: true })).toContain('published');
  });
});

describe('issue #12: the panel speaks in words and names people with their own roles', () => {
  it('names each person notified with their own role, never a role beside someone else\'s name', () => {
    // Before: "notified the Service Manager, Ines Kowalski" (Ines is the Incident Manager).
    const text = peopleText([{ name: 'Ines Kowalski', roles: ['Incident Manager'] }, { name: null, roles: ['Service Manager'] }]);
    expect(text).toBe('Ines Kowalski (Incident Manager) and the Service Manager');
    expect(personText({ name: 'Sofia Rossi', roles: ['Service Manager'] })).toBe('Sofia Rossi (Service Manager)');
  });

  it('says an escalation in words', () => {
    expect(escalationText({ thresholdId: 'management', afterMs: 4 * HOUR, metric: 'resolution' })).toBe('Escalated to management after 4 h of resolution time');
  });

  it('refusals are words first, with the clause ids at the end for the Why line', () => {
    const agent = { accountId: 'priya', isAgent: true, roles: new Set<'PT'>(['PT']) };
    const cm = { accountId: 'carlos', isAgent: false, roles: new Set<'CM'>(['CM']) };
    const missing = recordRootCauseRefusal(agent, { mapped: false, projectKey: 'SD' });
    expect(missing).toContain('This site has no Root cause field for project SD');
    expect(missing).toContain('A Jira administrator');
    expect(recordRootCauseRefusal(agent, { mapped: true, projectKey: 'SD' })).toBeNull();
    expect(recordRootCauseRefusal(cm, { mapped: true, projectKey: 'SD' })).toMatch(/^Only the people who work incidents.*\(D11, D13\)$/);
    expect(problemRefusal(agent, false)).toContain('Problem management is not switched on');
    expect(problemRefusal(agent, true)).toBeNull();
    for (const t of [takeMajorIncidentRefusal(cm, { reporterId: 'carla', contacts: [], resolved: false, confirmed: false, majorIncident: true, manager: null, reportPublished: false })]) {
      expect(t).toMatch(/\. \([A-Z0-9.,\s-]+\)$/);
    }
  });
});

describe('issue #12: a change raised from an incident has a change type (CHG-01..CHG-04)', () => {
  it('the mitigation of a Critical or major incident is an Emergency change; everything else is Normal', () => {
    expect(changeTypeForIncidentChange('mitigation', { priority: 'Critical', majorIncident: false })).toBe('Emergency');
    expect(changeTypeForIncidentChange('mitigation', { priority: 'Normal', majorIncident: true })).toBe('Emergency');
    expect(changeTypeForIncidentChange('mitigation', { priority: 'High', majorIncident: false })).toBe('Normal');
    expect(changeTypeForIncidentChange('permanent-fix', { priority: 'Critical', majorIncident: true })).toBe('Normal');
  });
});
