/**
 * Change reports (issue #13 "Reports") over the sandbox's bridge endpoint, as the project page calls them: fixture
 * changes and incidents created over Jira's REST API (the change type in Jira's own field, links in Jira), what the
 * app recorded of each change (decisions, deployment, review) written through the app's own store with the real Forge
 * SDK, and `reports.changes` asked for the figures, which must equal the ones computed by hand below. The seeded
 * changes of the demo site (a month before the fixtures) show the fallback on Jira's status for a change the app
 * recorded nothing of, beside the outcomes the app recorded (the fallback on Jira's history is a unit test's).
 */
import type { ChangeReportsView } from '../../src/contract/change-reports';
import type { Result } from '../../src/contract/results';
import { changeReportCsv, changeRowsCsv } from '../../src/domain/change-report';
import { updateChangeRecord, type ChangeRecordContent } from '../../src/store/change-records';
import { actAsForgeRuntime } from './forge-globals';
import { call, withSandbox } from './harness';

jest.setTimeout(120_000);

type Env = Awaited<ReturnType<typeof withSandbox>>;
const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;

const SEEDED_AT = '2027-02-01T09:00:00.000Z';
const FIXTURES_FROM = '2027-03-01T08:00:00.000Z';
const PROJECT_CONTEXT = { moduleKey: 'sd-project-page', extension: { project: { id: '10000', key: 'SD' } } };
const CHANGE_TYPE_FIELD = 'customfield_10012';
const person = (key: string) => ({ accountId: `demo-${key}`, displayName: key });

/**
 * The fixture (created on Mar 1 08:00 unless said; what the app recorded, relative to the change's creation):
 *
 * name  type        record                                             links
 * N1    Normal      approved +1 h; deployed +26 h; review successful    -
 * N2    Normal      deployed +2 h; review failed                        relates to incident I1 (raised Mar 2 08:00: after the deployment)
 * E1    Emergency   deployed +4 h; review backed out                    causes incident I2
 * E2    Emergency   rejected +1 h                                       -
 * S1    Standard    none (stays in Draft: pre-approved, never waits)    -
 * N3    Normal      none (Draft, raised Mar 2)                          -
 * U1    (no type)   none (Draft, raised Mar 2)                          -
 */
describe('reports.changes on the project page', () => {
  let env: Env;
  let base: string;
  const keys: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const created: Record<string, number> = {};

  const settle = async (): Promise<void> => { expect((await call(base, 'POST', '/sandbox/events/settle')).status).toBe(200); };
  const advance = async (ms: number): Promise<void> => { expect((await call(base, 'POST', '/sandbox/clock', { body: { advanceMs: ms } })).status).toBe(200); };

  async function report(payload: unknown, user = 'sofia', context: unknown = PROJECT_CONTEXT): Promise<Result<ChangeReportsView>> {
    const res = await call(base, 'POST', '/sandbox/bridge', { user, body: { type: 'invoke', payload: { functionKey: 'reports.changes', payload }, context } });
    const body = res.body as { ok: boolean; result?: Result<ChangeReportsView>; error?: { message: string } };
    if (!body.ok || !body.result) throw new Error(`bridge failed: ${JSON.stringify(body)}`);
    return body.result;
  }

  async function data(payload: unknown, user = 'sofia'): Promise<ChangeReportsView> {
    const r = await report(payload, user);
    if (!r.ok) throw new Error(`reports.changes refused: ${r.error.code} ${r.error.message}`);
    return r.data;
  }

  async function create(name: string, issueType: 'Change' | 'Incident', changeType?: string): Promise<void> {
    const fields: Record<string, unknown> = { project: { key: 'SD' }, issuetype: { name: issueType }, summary: `Change reports fixture ${name}` };
    if (changeType) fields[CHANGE_TYPE_FIELD] = { value: changeType };
    const res = await call(base, 'POST', '/rest/api/3/issue', { user: 'sofia', body: { fields } });
    expect({ name, status: res.status, body: res.body }).toMatchObject({ status: 201 });
    const { id, key } = res.body as { id: string; key: string };
    keys[name] = key;
    ids[name] = id;
    const issue = await call(base, 'GET', `/rest/api/3/issue/${key}?fields=created`, { user: 'sofia' });
    created[name] = Date.parse((issue.body as { fields: { created: string } }).fields.created.replace(/(\d{2})(\d{2})$/, '$1:$2'));
  }

  async function record(name: string, change: (c: ChangeRecordContent, at: (ms: number) => string) => ChangeRecordContent): Promise<void> {
    await actAsForgeRuntime(base);
    const at = (ms: number): string => new Date(created[name]! + ms).toISOString();
    const r = await updateChangeRecord({ issueId: ids[name]!, issueKey: keys[name]!, projectKey: 'SD' }, (c) => change(c, at));
    expect(r.written).toBe(true);
  }

  const decision = (step: 'evaluate', outcome: 'approved' | 'rejected', at: string) => ({
    id: `${step}-${at}`, step, decision: outcome, by: person('carlos'), role: 'CM', at, reason: outcome === 'rejected' ? 'No back-out plan.' : null, via: 'app' as const, recordedBy: null, how: null,
  });
  const deployment = (at: string) => ({ by: person('priya'), at, configurationVersions: [], complete: true });
  const review = (outcome: 'successful' | 'failed' | 'backed-out', at: string) => ({ by: person('carlos'), at, outcome, emergencyJustified: null, notes: null });

  async function link(typeName: string, inwardKey: string, outwardKey: string): Promise<void> {
    const res = await call(base, 'POST', '/rest/api/3/issueLink', { user: 'sofia', body: { type: { name: typeName }, inwardIssue: { key: inwardKey }, outwardIssue: { key: outwardKey } } });
    expect(res.status).toBe(201);
  }

  beforeAll(async () => {
    env = await withSandbox({ startAt: SEEDED_AT });
    base = env.sandbox.url;
    expect((await call(base, 'POST', '/sandbox/clock', { body: { now: FIXTURES_FROM } })).status).toBe(200);
    await create('N1', 'Change', 'Normal');
    await create('N2', 'Change', 'Normal');
    await create('E1', 'Change', 'Emergency');
    await create('E2', 'Change', 'Emergency');
    await create('S1', 'Change', 'Standard');
    await settle();
    await record('N1', (c, at) => ({ ...c, decisions: [decision('evaluate', 'approved', at(H))], deployment: deployment(at(26 * H)), review: review('successful', at(30 * H)) }));
    await record('N2', (c, at) => ({ ...c, deployment: deployment(at(2 * H)), review: review('failed', at(5 * H)) }));
    await record('E1', (c, at) => ({ ...c, deployment: deployment(at(4 * H)), review: review('backed-out', at(6 * H)) }));
    await record('E2', (c, at) => ({ ...c, decisions: [decision('evaluate', 'rejected', at(H))] }));
    await advance(DAY);
    await create('N3', 'Change', 'Normal');
    await create('U1', 'Change');
    await create('I1', 'Incident');
    await create('I2', 'Incident');
    await settle();
    // Seen from the change: N2 "relates to" I1; E1 "causes" I2 (Jira's Causes link: I2 "is caused by" E1).
    await link('Relates', keys.N2!, keys.I1!);
    await link('Causes', keys.E1!, keys.I2!);
    await settle();
  });
  afterAll(async () => { await env?.stop(); });

  it('answers the hand-computed figures for 2027-03-01 .. 2027-03-03', async () => {
    const view = await data({ from: '2027-03-01', to: '2027-03-03' });
    const r = view.report;
    expect(view).toMatchObject({ project: { key: 'SD' }, from: '2027-03-01', to: '2027-03-03', timeZone: 'UTC', changeIssueTypes: ['Change'], changeTypeField: true });
    expect(r.period).toEqual({ from: Date.UTC(2027, 2, 1), to: Date.UTC(2027, 2, 4) });
    const fixtures = ['N1', 'N2', 'E1', 'E2', 'S1', 'N3', 'U1'].map((n) => keys[n]!);
    expect([...r.rows.map((row) => row.key)].sort()).toEqual([...fixtures].sort());

    // Raised: 7; emergency E1 E2 → 2/7; "Standard" is pre-approved; U1 has no type and counts as Normal.
    expect(r.overall.raised).toBe(7);
    expect(r.overall.emergencyShare).toEqual({ numerator: 2, denominator: 7, percent: 200 / 7 });
    expect(r.byType.map((t) => [t.type, t.raised])).toEqual([['normal', 4], ['emergency', 2], ['pre-approved', 1]]);
    expect(r.typeNotSet).toBe(1);
    // Where they stand: N1 successful, N2 failed, E1 backed out, E2 rejected, S1 N3 U1 in progress.
    expect(r.overall.outcomes).toEqual({ successful: 1, failed: 1, 'backed-out': 1, rejected: 1, cancelled: 0, 'not-recorded': 0, 'in-progress': 3 });
    expect(r.overall.rejected).toEqual({ numerator: 1, denominator: 7, percent: 100 / 7 });
    // MET-35: implemented N1 N2 E1, all reviewed: successful 1 of 3; failed or backed out 2 of 3.
    expect(r.overall.successRate).toEqual({ numerator: 1, denominator: 3, percent: 100 / 3 });
    expect(r.overall.failedRate).toEqual({ numerator: 2, denominator: 3, percent: 200 / 3 });
    // Lead time (calendar): N1 26 h, N2 2 h, E1 4 h → mean 32/3 h, median 4 h.
    expect(r.overall.leadTime).toMatchObject({ count: 3, meanMs: (32 * H) / 3, medianMs: 4 * H });
    // MET-36: N2 (I1 raised 22 h after its deployment, linked) and E1 (causes I2) of the 3 implemented.
    expect(r.overall.causedIncidents).toEqual({ numerator: 2, denominator: 3, percent: 200 / 3 });
    const row = (name: string) => r.rows.find((x) => x.key === keys[name]);
    expect(row('N2')).toMatchObject({ outcome: 'failed', outcomeSource: 'app', causedIncidents: [keys.I1], leadTimeMs: 2 * H });
    expect(row('E1')).toMatchObject({ type: 'emergency', outcome: 'backed-out', causedIncidents: [keys.I2] });
    expect(row('S1')).toMatchObject({ type: 'pre-approved', typeKnown: true, outcome: 'in-progress', outcomeSource: 'jira' });
    expect(row('U1')).toMatchObject({ type: 'normal', typeKnown: false });

    // The backlog awaiting approval now (Mar 2 08:00): N3 and U1 (just raised), not the pre-approved S1 nor the rejected E2.
    const backlog = r.backlog.rows.map((b) => b.key);
    expect(backlog).toEqual(expect.arrayContaining([keys.N3, keys.U1]));
    for (const n of ['S1', 'E2', 'N1']) expect(backlog).not.toContain(keys[n]);
    expect(r.backlog.rows.find((b) => b.key === keys.N3)?.ageMs).toBeLessThan(H);

    const csv = changeRowsCsv(r).split('\r\n');
    expect(csv).toContain(`${keys.N2},Change reports fixture N2,Normal,Draft,Failed,app record,${new Date(created.N2!).toISOString()},${new Date(created.N2! + 2 * H).toISOString()},2,${keys.I1}`);
    expect(changeReportCsv(r).split('\r\n')).toContain('Emergency share,all,28.57,%,2,7');
  });

  it('reads what Jira alone knows of the seeded changes the app recorded nothing of, and the app’s record where there is one', async () => {
    const view = await data({ from: '2027-01-15', to: '2027-02-01' });
    const row = (key: string) => view.report.rows.find((r) => r.key === key);
    const backlog = view.report.backlog.rows.map((b) => b.key);
    // SD-8 and SD-17, of which the app recorded nothing: Jira's status, in progress as Jira says, not deployed; both
    // still wait for their approval.
    for (const key of ['SD-8', 'SD-17']) {
      expect(row(key)).toMatchObject({ type: 'normal', status: 'Awaiting approval', outcome: 'in-progress', outcomeSource: 'jira', deployedAt: null, leadTimeMs: null });
      expect(backlog).toContain(key);
    }
    // November's patching, raised from the pre-approved template and deployed through the app, closed in Jira with no
    // review recorded: completed, its outcome not recorded (read from Jira's done status), deployed as the app recorded
    // it (2 days 4 hours after it was raised); never in the backlog (pre-approved).
    expect(row('SD-10')).toMatchObject({ summary: 'Monthly patching of web servers (November)', type: 'pre-approved', status: 'Closed', outcome: 'not-recorded', outcomeSource: 'jira', leadTimeMs: 52 * H });
    expect(backlog).not.toContain('SD-10');
    // What the app recorded decides where it did: SD-14 rejected by the Control Manager, SD-16 deployed 5 hours after it was raised.
    expect(row('SD-14')).toMatchObject({ status: 'Rejected', outcome: 'rejected', outcomeSource: 'app' });
    expect(row('SD-16')).toMatchObject({ type: 'emergency', status: 'Deployed', outcome: 'in-progress', outcomeSource: 'app', leadTimeMs: 5 * H });
    expect(view.report.overall.successRate.denominator).toBe(0);

    // October's patching completed the full process: its review recorded in the app says successful.
    const october = await data({ from: '2026-12-15', to: '2027-01-14' });
    expect(october.report.rows.find((r) => r.key === 'SD-13')).toMatchObject({ type: 'normal', status: 'Closed', outcome: 'successful', outcomeSource: 'app', leadTimeMs: 7 * DAY });
    expect(october.report.overall.successRate).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('D26: a customer is refused the team’s change figures; every one of the service team reads them', async () => {
    const carla = await report({ from: '2027-03-01', to: '2027-03-03' }, 'carla');
    expect(carla).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('service team') } });
    expect(JSON.stringify(carla)).not.toContain(keys.N1);
    for (const user of ['rachel', 'priya', 'max']) {
      const r = await report({ from: '2027-03-01', to: '2027-03-03' }, user);
      expect({ user, ok: r.ok }).toEqual({ user, ok: true });
    }
    // The project page tells the UI whether to offer the change reports at all.
    const teamFigures = async (user: string): Promise<unknown> => {
      const res = await call(base, 'POST', '/sandbox/bridge', { user, body: { type: 'invoke', payload: { functionKey: 'projectPage.load', payload: {} }, context: PROJECT_CONTEXT } });
      return (res.body as { result: { ok: boolean; data?: { teamFigures: boolean } } }).result.data?.teamFigures;
    };
    expect(await teamFigures('carla')).toBe(false);
    expect(await teamFigures('rachel')).toBe(true);
  });

  it('refuses malformed payloads naming the field, and calls from another surface', async () => {
    const cases: Array<[unknown, string]> = [
      [{ from: '2027-02-30', to: '2027-03-03' }, 'from'],
      [{ from: '2027-03-03', to: '2027-03-01' }, 'to: must not be before from'],
      [{ from: '2026-01-01', to: '2027-03-01' }, 'to: the period may span at most 366 days'],
      [{ from: '2027-03-01', to: '2027-03-03', bucket: 'day' }, 'bucket'],
    ];
    for (const [payload, field] of cases) {
      const r = await report(payload);
      expect({ payload, r }).toMatchObject({ payload, r: { ok: false, error: { code: 'invalid-input', message: expect.stringContaining(field) } } });
    }
    const fromPanel = await report({ from: '2027-03-01', to: '2027-03-03' }, 'sofia', { moduleKey: 'sd-issue-panel', extension: { issue: { id: '1', key: 'SD-1' }, project: { id: '10000', key: 'SD' } } });
    expect(fromPanel).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('sd-project-page') } });
  });

  it('an empty period answers nulls, not an error, and still shows the backlog', async () => {
    const view = await data({ from: '2026-06-01', to: '2026-06-30' });
    expect(view.report).toMatchObject({ rows: [], overall: { raised: 0, emergencyShare: { percent: null }, successRate: { percent: null }, leadTime: { meanMs: null } } });
    expect(view.report.backlog.count).toBeGreaterThan(0);
  });
});
