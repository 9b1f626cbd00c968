/**
 * Incident reports (issue #5 item 8) over the sandbox's bridge endpoint, as the project page calls them: fixture
 * incidents created over Jira's REST API, their evaluation in app storage replaced with hand-made IncidentState
 * values (written through the app's own store with the real Forge SDK, so the fixture cannot drift from what the app
 * stores), and `reports.incidents` asked for the figures, which must equal the ones computed by hand below.
 */
import { incidentRowsCsv } from '../../src/domain/incident/report';
import type { IncidentState, SlaCycleState } from '../../src/domain/incident/state';
import { fixtureIncidentState, type CycleInput, type StateInput } from '../fixtures/incident-state';
import type { IncidentReportsView } from '../../src/contract/reports';
import type { Result } from '../../src/contract/results';
import { loadRecord, RECORD_ENTITY, saveEvaluation } from '../../src/store/incident-records';
import { kvs } from '@forge/kvs';
import { actAsForgeRuntime } from './forge-globals';
import { call, withSandbox } from './harness';

type ReportsResult = Result<IncidentReportsView>;
type TeamView = Extract<IncidentReportsView, { audience: 'team' }>;
/** A snapshot mark above any the app's own runs write, so the fixture stays what the test wrote. */
const FIXTURE_MARK = '999999999999999:999999999';

jest.setTimeout(120_000);

type Env = Awaited<ReturnType<typeof withSandbox>>;
const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;

/** The demo seed is dated a month before the fixtures, so the fixtures are the only evaluated incidents of the period. */
const SEEDED_AT = '2027-02-01T09:00:00.000Z';
const FIXTURES_FROM = '2027-03-01T08:00:00.000Z';
const PROJECT_CONTEXT = { moduleKey: 'sd-project-page', extension: { project: { id: '10000', key: 'SD' } } };


type Fixture = Omit<StateInput, 'evaluatedAfter'> & { name: string };

const FR = (stopAfter: number, stopReason: SlaCycleState['stopReason'], met: boolean): CycleInput => ({ metric: 'firstResponse', index: 1, startAfter: 0, stopAfter, stopReason, elapsedMs: stopAfter, met });
const RES = (index: number, startAfter: number, stopAfter: number | null, elapsedMs: number, met: boolean | null): CycleInput => ({ metric: 'resolution', index, startAfter, stopAfter, stopReason: stopAfter === null ? null : 'resolved', elapsedMs, met });

const MAIL = 'Reports test: mail';
const WEB = 'Reports test: web';

/**
 * The fixture, one incident per line, created at the sandbox clock's day shown (times after creation):
 *
 * name  day    prio      services    CIs                 sec  first response        resolution cycles                 esc
 * A     Mar 1  High      mail        rt-mx-01            -    +30m reply ✓          #1 +3h (3h) ✓                     -
 * B     Mar 2  Critical  mail, web   rt-mx-01, rt-web-01 ✓    +10m transition ✓     #1 +2h (2h) ✗, #2 +3h..+4h (1h) ✓ ✓
 * C     Mar 2  High      web         -                   -    +50m reply ✗          #1 open (1h so far)               ✓
 * D     Mar 3  Low       mail        -                   -    stopped by the resolution (no response) ✓   #1 +1h (1h) ✓   -
 * E     Mar 3  (its sd-state holds an incident part this app cannot read: not yet evaluated)
 */
const FIXTURES: Record<'A' | 'B' | 'C' | 'D', Fixture> = {
  A: { name: 'A', priority: 'High', services: [MAIL], cis: ['rt-mx-01'], cycles: [FR(30 * MIN, 'reply', true), RES(1, 0, 3 * H, 3 * H, true)] },
  B: { name: 'B', priority: 'Critical', services: [MAIL, WEB], cis: ['rt-mx-01', 'rt-web-01'], security: true, escalated: true, cycles: [FR(10 * MIN, 'transition', true), RES(1, 0, 2 * H, 2 * H, false), RES(2, 3 * H, 4 * H, 1 * H, true)] },
  C: { name: 'C', priority: 'High', services: [WEB], cis: [], escalated: true, cycles: [FR(50 * MIN, 'reply', false), RES(1, 0, null, 1 * H, null)] },
  D: { name: 'D', priority: 'Low', services: [MAIL], cis: [], cycles: [FR(1 * H, 'resolved', true), RES(1, 0, 1 * H, 1 * H, true)] },
};

function stateFor(f: Fixture, createdAt: number): IncidentState {
  return fixtureIncidentState(createdAt, { ...f, evaluatedAfter: 5 * H });
}

describe('reports.incidents on the project page', () => {
  let env: Env;
  let base: string;
  const keys: Record<string, string> = {};
  const written: Record<string, unknown> = {};
  const ids: Record<string, string> = {};

  const settle = async (): Promise<void> => { expect((await call(base, 'POST', '/sandbox/events/settle')).status).toBe(200); };
  const advance = async (ms: number): Promise<void> => { expect((await call(base, 'POST', '/sandbox/clock', { body: { advanceMs: ms } })).status).toBe(200); };

  async function report(payload: unknown, user = 'sofia', context: unknown = PROJECT_CONTEXT): Promise<ReportsResult> {
    const res = await call(base, 'POST', '/sandbox/bridge', { user, body: { type: 'invoke', payload: { functionKey: 'reports.incidents', payload }, context } });
    const body = res.body as { ok: boolean; result?: ReportsResult; error?: { message: string } };
    if (!body.ok || !body.result) throw new Error(`bridge failed: ${JSON.stringify(body)}`);
    return body.result;
  }

  async function data(payload: unknown): Promise<TeamView> {
    const r = await report(payload);
    if (!r.ok) throw new Error(`reports.incidents refused: ${r.error.code} ${r.error.message}`);
    if (r.data.audience !== 'team') throw new Error('Sofia (SM) got a customer’s report');
    return r.data;
  }

  /** Creates an incident as Sofia, lets the app's trigger store its own evaluation, then replaces it with ours. */
  async function createWithState(name: string, state: (createdAt: number) => unknown): Promise<void> {
    const res = await call(base, 'POST', '/rest/api/3/issue', { user: 'sofia', body: { fields: { project: { key: 'SD' }, issuetype: { name: 'Incident' }, summary: `Reports fixture ${name}` } } });
    expect(res.status).toBe(201);
    const { id, key } = res.body as { id: string; key: string };
    keys[name] = key;
    ids[key] = id;
    await settle(); // the trigger's evaluation lands first; ours below must win
    const issue = await call(base, 'GET', `/rest/api/3/issue/${key}?fields=created`, { user: 'sofia' });
    const createdAt = Date.parse((issue.body as { fields: { created: string } }).fields.created);
    expect(Number.isFinite(createdAt)).toBe(true);
    const value = state(createdAt);
    await actAsForgeRuntime(base);
    const record = { issueId: id, issueKey: key, projectKey: 'SD', mark: FIXTURE_MARK, evaluatedAt: createdAt + 5 * H, trackedSince: new Date(createdAt).toISOString(), createdAt, dueAt: Number.MAX_SAFE_INTEGER };
    // An evaluation this app version cannot read is stored as it is (the store would refuse to write it).
    if (name === 'E') await kvs.entity(RECORD_ENTITY).set(id, { ...record, rev: 99, state: value });
    else expect(await saveEvaluation({ ...record, state: value as IncidentState }, () => false)).toMatchObject({ stored: true });
    written[key] = value;
  }

  const incidentState = (f: Fixture) => (createdAt: number) => stateFor(f, createdAt);

  beforeAll(async () => {
    env = await withSandbox({ startAt: SEEDED_AT });
    base = env.sandbox.url;
    expect((await call(base, 'POST', '/sandbox/clock', { body: { now: FIXTURES_FROM } })).status).toBe(200);
    await createWithState('A', incidentState(FIXTURES.A)); // Mar 1
    await advance(DAY);
    await createWithState('B', incidentState(FIXTURES.B)); // Mar 2
    await createWithState('C', incidentState(FIXTURES.C));
    await advance(DAY);
    await createWithState('D', incidentState(FIXTURES.D)); // Mar 3
    await createWithState('E', () => ({ written: 'by a later app version', cycles: 'unknown' }));
    await settle();
  });
  afterAll(async () => { await env?.stop(); });

  it('the stored fixture is what the test wrote (no trigger or scan overwrote it)', async () => {
    await actAsForgeRuntime(base);
    for (const [key, value] of Object.entries(written)) {
      const got = key === keys.E ? ((await kvs.entity<{ state: unknown }>(RECORD_ENTITY).get(ids[key]!))?.state) : (await loadRecord(ids[key]!))?.state;
      expect({ key, value: got }).toEqual({ key, value });
    }
  });

  it('answers the hand-computed figures for 2027-03-01 .. 2027-03-03, by day', async () => {
    const view = await data({ from: '2027-03-01', to: '2027-03-03', bucket: 'day' });
    const { report: r } = view;
    const [A, B, C, D, E] = (['A', 'B', 'C', 'D', 'E'] as const).map((n) => keys[n]!);
    expect(view).toMatchObject({ project: { key: 'SD' }, from: '2027-03-01', to: '2027-03-03', bucket: 'day', filter: { service: null, priority: null }, incidentTypes: ['Incident'] });
    expect(r.period).toEqual({ from: Date.UTC(2027, 2, 1), to: Date.UTC(2027, 2, 4) });

    // Rows: A, B, C, D (E is not evaluated); opened 4; resolved A, B, D = 3.
    expect(r.rows.map((row) => row.key)).toEqual([A, B, C, D]);
    expect({ incidents: r.incidents, opened: r.opened, resolved: r.resolved }).toEqual({ incidents: 4, opened: 4, resolved: 3 });

    // MET-04 MTTR: A 3h, B 2h + 1h = 3h, D 1h → mean (3 + 3 + 1) / 3 = 7/3 h; median 3h.
    expect(r.mttr).toMatchObject({ count: 3, excluded: 0, meanMs: (7 * H) / 3, medianMs: 3 * H });
    // MET-05: A 30m, B 10m, C 50m (D had no response) → mean 90 / 3 = 30m, median 30m; within target A ✓ B ✓ C ✗ = 2/3.
    expect(r.firstResponse).toMatchObject({ count: 3, meanMs: 30 * MIN, medianMs: 30 * MIN, withinTarget: { numerator: 2, denominator: 3 } });
    // MET-01: closed A (all ✓), B (cycle 1 ✗), D (all ✓) → 2/3; per priority Critical 0/1, High 1/1 (C still open), Low 1/1.
    expect(r.slaAttainment.items).toEqual({ numerator: 2, denominator: 3, percent: 200 / 3 });
    expect(r.slaAttainment.byPriority.map((p) => [p.priority, p.items.numerator, p.items.denominator])).toEqual([['Critical', 0, 1], ['High', 1, 1], ['Low', 1, 1]]);
    // MET-07: opened A, B, C, D; escalated B, C → 2/4 = 50%.
    expect(r.escalation.overall).toEqual({ numerator: 2, denominator: 4, percent: 50 });
    // MET-06: Mar 1 A; Mar 2 B, C; Mar 3 D.
    expect(r.volume).toEqual([{ bucket: '2027-03-01', count: 1 }, { bucket: '2027-03-02', count: 2 }, { bucket: '2027-03-03', count: 1 }]);
    expect(r.byCategory.rows).toEqual([
      { key: 'Service', counts: [1, 1, 1], total: 3 }, // A; C; D
      { key: 'Information security', counts: [0, 1, 0], total: 1 }, // B
    ]);
    expect(r.byCi.rows).toEqual([
      { key: 'rt-mx-01', counts: [1, 1, 0], total: 2 }, // A, B
      { key: 'rt-web-01', counts: [0, 1, 0], total: 1 }, // B
      { key: null, counts: [0, 1, 1], total: 2 }, // C, D
    ]);
    expect(view.services).toEqual([MAIL, WEB]);
    // The priorities of the policy's scheme (3-level here) and those the incidents carry (Low), ranked, not folded.
    expect(view.priorities).toEqual(['Critical', 'High', 'Normal', 'Low']);
    expect(view.timeZone).toBe('UTC');

    // Not yet evaluated: E (unreadable state), and the seeded incidents still open, which no event has evaluated.
    const seededOpen = await call(base, 'GET', `/rest/api/3/search/jql?${new URLSearchParams({ jql: 'project = SD AND issuetype = Incident AND resolved IS EMPTY AND created < "2027-03-01"', maxResults: '100' })}`, { user: 'sofia' });
    const seededKeys = (seededOpen.body as { issues: Array<{ key: string }> }).issues.map((i) => i.key);
    expect(seededKeys.length).toBeGreaterThan(0);
    expect([...r.notEvaluated.keys].sort()).toEqual([E, ...seededKeys].sort());
    expect(view.notEvaluated).toBe(r.notEvaluated.count);

    const csv = incidentRowsCsv(r).split('\r\n');
    expect(csv[0]).toBe('key,priority,service,opened,resolved,time to resolve (business h),first response (business min),met all targets,escalated,security');
    expect(csv[2]).toMatch(new RegExp(`^${B},Critical,${MAIL}; ${WEB},2027-03-02T08:00:\\d\\d\\.\\d{3}Z,2027-03-02T12:00:\\d\\d\\.\\d{3}Z,3,10,no,yes,yes$`));
  });

  it('filters on a service an incident names among several, and on priority', async () => {
    const web = await data({ from: '2027-03-01', to: '2027-03-03', bucket: 'day', service: WEB });
    // B (mail, web) and C (web): MTTR B 3h; first response 10m and 50m → mean = median = 30m, within 1/2; escalated 2/2.
    expect(web.report.rows.map((row) => row.key)).toEqual([keys.B, keys.C]);
    expect(web.report.mttr).toMatchObject({ count: 1, meanMs: 3 * H });
    expect(web.report.firstResponse).toMatchObject({ count: 2, meanMs: 30 * MIN, medianMs: 30 * MIN, withinTarget: { numerator: 1, denominator: 2 } });
    expect(web.report.escalation.overall).toEqual({ numerator: 2, denominator: 2, percent: 100 });
    expect(web.services).toEqual([MAIL, WEB]); // the lists are of the period, before the filter
    expect(web.filter).toEqual({ service: WEB, priority: null });

    const high = await data({ from: '2027-03-01', to: '2027-03-03', bucket: 'week', priority: 'High' });
    // A and C; 2027-03-01 is a Monday: one ISO week.
    expect(high.report.rows.map((row) => row.key)).toEqual([keys.A, keys.C]);
    expect(high.report.volume).toEqual([{ bucket: '2027-W09', count: 2 }]);
  });

  it('an empty period answers zeros and nulls, not an error', async () => {
    const later = await data({ from: '2027-04-01', to: '2027-04-30', bucket: 'month', service: MAIL });
    expect(later.report).toMatchObject({ incidents: 0, opened: 0, rows: [], mttr: { count: 0, meanMs: null }, slaAttainment: { items: { percent: null } } });
    expect(later.report.volume).toEqual([{ bucket: '2027-04', count: 0 }]);
  });

  it('refuses malformed payloads naming the field, and calls from another surface', async () => {
    const cases: Array<[unknown, string]> = [
      [{ from: '2027-02-30', to: '2027-03-03', bucket: 'day' }, 'from'],
      [{ from: '2027-03-01', to: '3 March', bucket: 'day' }, 'to'],
      [{ from: '2027-03-03', to: '2027-03-01', bucket: 'day' }, 'to: must not be before from'],
      [{ from: '2026-01-01', to: '2027-03-01', bucket: 'day' }, 'to: the period may span at most 366 days'],
      [{ from: '2027-03-01', to: '2027-03-03', bucket: 'year' }, 'bucket'],
      [{ from: '2027-03-01', to: '2027-03-03', bucket: 'day', service: '' }, 'service'],
      [{ from: '2027-03-01', to: '2027-03-03', bucket: 'day', customer: 'x' }, 'customer'],
      [{ to: '2027-03-03', bucket: 'day' }, 'from'],
    ];
    for (const [payload, field] of cases) {
      const r = await report(payload);
      expect({ payload, r }).toMatchObject({ payload, r: { ok: false, error: { code: 'invalid-input', message: expect.stringContaining(field) } } });
    }
    const fromPanel = await report({ from: '2027-03-01', to: '2027-03-03', bucket: 'day' }, 'sofia', { moduleKey: 'sd-issue-panel', extension: { issue: { id: '1', key: 'SD-1' }, project: { id: '10000', key: 'SD' } } });
    expect(fromPanel).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('sd-project-page') } });
    const noProject = await report({ from: '2027-03-01', to: '2027-03-03', bucket: 'day' }, 'sofia', { moduleKey: 'sd-project-page', extension: {} });
    expect(noProject).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('project') } });
  });

  it('filters on Low, which is reported as Low', async () => {
    const low = await data({ from: '2027-03-01', to: '2027-03-03', bucket: 'day', priority: 'Low' });
    expect(low.report.rows.map((row) => [row.key, row.priority])).toEqual([[keys.D, 'Low']]);
    expect(low.report.slaAttainment.byPriority.map((p) => p.priority)).toEqual(['Low']);
  });

  it('D26: a customer gets their own incidents and whether their targets were met, never the team’s metrics', async () => {
    // One of Carla's own incidents (seeded, reported by her) gets an evaluation that was escalated and missed its first response.
    const search = async (jql: string) => ((await call(base, 'GET', `/rest/api/3/search/jql?${new URLSearchParams({ jql, fields: 'created', maxResults: '100' })}`, { user: 'carla' })).body as { issues: Array<{ id: string; key: string; fields: { created: string } }> }).issues;
    const carlas = await search('project = SD AND issuetype = Incident ORDER BY created ASC');
    // Her oldest open one (the demo's closed history lies before the period).
    const open = await search('project = SD AND issuetype = Incident AND resolved IS EMPTY ORDER BY created ASC');
    expect(open.length).toBeGreaterThan(0);
    const own = open[0]!;
    const createdAt = Date.parse(own.fields.created);
    await actAsForgeRuntime(base);
    const stored = await saveEvaluation({
      issueId: own.id, issueKey: own.key, projectKey: 'SD', mark: FIXTURE_MARK, evaluatedAt: createdAt + 5 * H, trackedSince: new Date(createdAt).toISOString(), createdAt, dueAt: Number.MAX_SAFE_INTEGER,
      state: stateFor({ name: 'carla', priority: 'High', services: [MAIL], cis: ['rt-mx-01'], escalated: true, cycles: [FR(50 * MIN, 'reply', false), RES(1, 0, 2 * H, 2 * H, true)] }, createdAt),
    }, () => false);
    expect(stored).toMatchObject({ stored: true });

    const r = await report({ from: '2027-01-01', to: '2027-03-03', bucket: 'month' }, 'carla');
    if (!r.ok) throw new Error(`refused: ${r.error.message}`);
    expect(r.data.audience).toBe('customer');
    const view = r.data;
    const keysSeen = [...view.report.rows.map((row) => row.key), ...view.report.notEvaluated.keys];
    // Only incidents she reported: none of the fixtures Sofia raised.
    expect(keysSeen).toContain(own.key);
    expect(keysSeen.every((k) => carlas.some((c) => c.key === k))).toBe(true);
    for (const f of ['A', 'B', 'C', 'D', 'E']) expect(keysSeen).not.toContain(keys[f]);
    // Her targets and whether they were met; no escalation rate, no CI or classification breakdown, no flags per incident.
    expect(view.report.rows.find((row) => row.key === own.key)).toEqual(expect.objectContaining({ key: own.key, priority: 'High', metAllTargets: 'no' }));
    const json = JSON.stringify(view);
    for (const internal of ['escalation', 'escalated', 'byCi', 'byCategory', 'securityIncident', 'rt-mx-01']) expect(json).not.toContain(internal);
    expect(view.report.firstResponse.withinTarget).toMatchObject({ numerator: 0, denominator: 1 });
  });

  it('the figures come from the app’s evaluations, not from the issue property anyone may write', async () => {
    const before = await data({ from: '2027-03-01', to: '2027-03-03', bucket: 'day' });
    // Priya (an agent with Edit issues) rewrites A's property: another priority and service, no clocks.
    const forged = { schemaVersion: 2, kind: 'incident', breached: 'no', paused: 'no', incident: { priority: { value: 'Low' }, classification: { services: ['Forged service'] }, sla: { cycles: [] } } };
    expect((await call(base, 'PUT', `/rest/api/3/issue/${keys.A}/properties/sd-state`, { user: 'priya', body: forged })).status).toBeLessThan(300);
    const after = await data({ from: '2027-03-01', to: '2027-03-03', bucket: 'day' });
    expect(after.report.rows).toEqual(before.report.rows);
    expect(after.services).not.toContain('Forged service');
  });
});
