/**
 * Service performance reports (WP.19; RE.2.4; MET-26; D21, D26) through the sandbox: the aggregates follow incidents
 * as the app evaluates them (duplicate and reordered events included), a rebuild from Jira gives the same figures as
 * the incremental updates, a report goes Draft → Approved → Shared, a Practitioner cannot approve, and a customer of
 * another organization sees nothing. Resolvers are invoked as demo users over the bridge, as the Custom UI does.
 */
import { kvs, WhereConditions } from '@forge/kvs';
import type { PerformanceAnswers } from '../../src/contract/performance';
import type { Result } from '../../src/contract/results';
import type { AgreementContent } from '../../src/domain/agreement/content';
import { defaultPolicy } from '../../src/domain/policy';
import { saveApprovedAgreementVersion } from '../../src/store/agreement-versions';
import { saveEvaluation } from '../../src/store/incident-records';
import { BUCKET_ENTITY, LOCATOR_ENTITY, recordEvaluationAggregate } from '../../src/store/performance-aggregates';
import { fixtureIncidentState } from '../fixtures/incident-state';
import { actAsForgeRuntime } from './forge-globals';
import { call, withSandbox } from './harness';
import { HOUR, MIN, incidentDriver } from './incident-driver';

jest.setTimeout(180_000);

type Env = Awaited<ReturnType<typeof withSandbox>>;
type Key = keyof PerformanceAnswers;
const FIXTURE_MARK = '999999999999999:999999999';
const MARCH = { fromDay: '2027-03-01', toDay: '2027-03-31' };
const AGREEMENT = 'SD-900';
const TEXTS = { commentary: 'A steady month.', previousActions: [], proposedActions: [{ text: 'Add a second mail relay', status: 'open' as const, note: '' }] };

const GLOBAL = { moduleKey: 'sd-global-page', extension: {} };
const PORTAL = { moduleKey: 'sd-portal-home', extension: {} };

describe('service performance reports (WP.19)', () => {
  let env: Env;
  let base: string;
  let driver: ReturnType<typeof incidentDriver>;

  async function invoke<K extends Key>(user: string, key: K, payload: unknown, context = key.startsWith('portalHome') ? PORTAL : GLOBAL): Promise<Result<PerformanceAnswers[K]>> {
    const res = await call(base, 'POST', '/sandbox/bridge', { user, body: { type: 'invoke', payload: { functionKey: key, payload }, context } });
    const body = res.body as { ok: boolean; result?: Result<PerformanceAnswers[K]> };
    if (!body.ok || !body.result) throw new Error(`bridge failed for ${key}: ${JSON.stringify(body)}`);
    return body.result;
  }
  async function data<K extends Key>(user: string, key: K, payload: unknown): Promise<PerformanceAnswers[K]> {
    const r = await invoke(user, key, payload);
    if (!r.ok) throw new Error(`${key} as ${user} refused: ${r.error.code} ${r.error.message}`);
    return r.data;
  }
  const figures = async (agreement: string | null) => (await data('sofia', 'globalPage.performance.compute', { agreement, ...MARCH })).figures;
  const stable = (f: Awaited<ReturnType<typeof figures>>) => ({ ...f, computedAt: '' });

  beforeAll(async () => {
    env = await withSandbox({ startAt: '2027-02-01T09:00:00.000Z' });
    base = env.sandbox.url;
    driver = incidentDriver(base);
    expect((await call(base, 'POST', '/sandbox/clock', { body: { now: '2027-03-02T09:00:00.000Z' } })).status).toBe(200);
  });
  afterAll(async () => { await env?.stop(); });

  let first: { id: string; key: string };

  it('follows incidents as they are evaluated, once each under duplicate and reordered events', async () => {
    await driver.eventMode({ duplicate: true, reorder: true });
    first = await driver.create('Mail queue stuck', 'High', 'High');
    await driver.create('Webmail slow', 'Medium', 'Medium');
    await driver.settle();
    let f = await figures(null);
    expect(f.incidents).toMatchObject({ total: 2, resolved: 0, open: 2 });
    expect(f.byService).toEqual([{ service: 'Managed e-mail', incidents: 2, breached: 0 }]);
    const responseOpen = f.attainment.filter((a) => a.metric === 'firstResponse').reduce((n, a) => n + a.open, 0);
    expect(responseOpen).toBe(2);

    // The team answers the first one (Critical: 15 min) within 5 minutes: its first-response clock stops, met.
    await driver.advance(5 * MIN);
    await driver.comment(first.key, 'priya', 'We are looking into the mail queue.');
    await driver.settle();
    f = await figures(null);
    const fr = f.attainment.filter((a) => a.metric === 'firstResponse');
    expect(fr.reduce((n, a) => n + a.met, 0)).toBe(1);
    expect(fr.reduce((n, a) => n + a.open, 0)).toBe(1);
    expect(f.incidents.total).toBe(2);
    expect(f.meanFirstResponseMs).toBeGreaterThan(0);
    await driver.eventMode({ duplicate: false, reorder: false });
  });

  it('files an incident under the agreement its clocks run on, and moves it when that changes', async () => {
    const third = await driver.create('Calendar sync failing', 'High', 'Medium');
    await actAsForgeRuntime(base);
    const policy = defaultPolicy('2027-01-01');
    const content: AgreementContent = {
      kind: 'customer', party: { organizationId: '1', name: 'Northwind Traders' }, services: ['Managed e-mail'], serviceHours: { ...policy.serviceHours, timeZone: 'America/New_York' },
      targets: policy.targets, priorityMatrix: null, contacts: [], owners: { provider: '', party: 'Carla Jones' },
      keyDates: { start: '2027-01-01', end: null, reviewOn: '2027-04-01', reviewIntervalMonths: 3 }, approvers: ['SM', 'CUS'], feasibility: '', terms: '',
    };
    await saveApprovedAgreementVersion({ issueId: '900', issueKey: AGREEMENT, title: 'Northwind service agreement', version: 1, approvedAt: Date.parse('2027-01-15T00:00:00Z'), content });
    const createdAt = Date.parse('2027-03-02T09:20:00.000Z');
    const state = fixtureIncidentState(createdAt, { priority: 'High', services: ['Managed e-mail'], cis: [], evaluatedAfter: HOUR, cycles: [
      { metric: 'firstResponse', index: 1, startAfter: 0, stopAfter: 30 * MIN, stopReason: 'reply', elapsedMs: 30 * MIN, met: true },
      { metric: 'resolution', index: 1, startAfter: 0, stopAfter: 2 * HOUR, stopReason: 'resolved', elapsedMs: 2 * HOUR, met: true },
    ] });
    const record = { issueId: third.id, issueKey: third.key, projectKey: 'SD', mark: FIXTURE_MARK, evaluatedAt: createdAt + HOUR, trackedSince: new Date(createdAt).toISOString(), createdAt, dueAt: Number.MAX_SAFE_INTEGER,
      state: { ...state, sla: { ...state.sla, agreement: { issueKey: AGREEMENT, title: 'Northwind service agreement', version: 1 } } } };
    const saved = await saveEvaluation(record, () => false);
    expect(saved.stored).toBe(true);
    // What the pipeline does after storing an evaluation, twice (a duplicate delivery).
    await recordEvaluationAggregate({ ...record });
    await recordEvaluationAggregate({ ...record });

    const northwind = await figures(AGREEMENT);
    expect(northwind.agreement).toEqual({ issueKey: AGREEMENT, title: 'Northwind service agreement', version: 1 });
    expect(northwind.period.timeZone).toBe('America/New_York');
    expect(northwind.incidents).toMatchObject({ total: 1, resolved: 1 });
    expect(northwind.mttrMs).toBe(2 * HOUR);
    const all = await figures(null);
    expect(all.incidents.total).toBe(3);
    const list = await data('sofia', 'globalPage.performance.list', {});
    // Besides the demo's customer agreements.
    expect(list.agreements.map((a) => a.issueKey)).toContain(AGREEMENT);
  });

  it('rebuilds from Jira to the same figures as the incremental updates', async () => {
    const before = await figures(null);
    const northwind = await figures(AGREEMENT);
    await actAsForgeRuntime(base);
    for (const entity of [BUCKET_ENTITY, LOCATOR_ENTITY]) {
      const q = entity === BUCKET_ENTITY ? kvs.entity(entity).query().index('by-day').where(WhereConditions.greaterThan(-1)) : kvs.entity(entity).query().index('issueId');
      const page = await q.limit(100).getMany();
      for (const r of page.results) await kvs.entity(entity).delete(r.key);
    }
    expect((await figures(null)).incidents.total).toBe(0);

    expect((await invoke('tom', 'globalPage.performance.rebuild', {})).ok).toBe(false);
    let progress = await data('rachel', 'globalPage.performance.rebuild', { restart: true });
    for (let i = 0; i < 20 && progress.status !== 'done'; i++) progress = await data('rachel', 'globalPage.performance.rebuild', {});
    expect(progress.status).toBe('done');
    expect(progress.incidents).toBeGreaterThanOrEqual(3);
    expect(progress.jiraCalls).toBeLessThanOrEqual(progress.pages);
    expect(stable(await figures(null))).toEqual(stable(before));
    expect(stable(await figures(AGREEMENT))).toEqual(stable(northwind));
  });

  it('goes Draft → Approved → Shared by the RM and SM; a Practitioner cannot approve; another customer sees nothing', async () => {
    const scope = { agreement: AGREEMENT, ...MARCH };
    expect((await invoke('tom', 'globalPage.performance.saveDraft', { scope, texts: TEXTS, expectedRevision: null })).ok).toBe(false);
    const draft = await data('rachel', 'globalPage.performance.saveDraft', { scope, texts: TEXTS, expectedRevision: null });
    expect(draft.status).toBe('Draft');
    expect(draft.draft?.content.figures.incidents.total).toBe(1);
    expect(draft.draft?.content.proposedActions).toEqual(TEXTS.proposedActions);
    const edited = await data('rachel', 'globalPage.performance.saveDraft', { scope, texts: { ...TEXTS, commentary: 'Steady; one mail incident.' }, expectedRevision: draft.draft!.revision });
    expect(edited.draft?.content.commentary).toBe('Steady; one mail incident.');

    const refused = await invoke('tom', 'globalPage.performance.approve', { id: draft.id, revision: edited.draft!.revision });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('Relationship Manager or the Service Manager') });
    // Not yet approved: nothing to share.
    expect((await invoke('sofia', 'globalPage.performance.share', { id: draft.id, expectedVersion: 1 })).ok).toBe(false);

    const approved = await data('sofia', 'globalPage.performance.approve', { id: draft.id, revision: edited.draft!.revision });
    expect(approved).toMatchObject({ status: 'Approved', draft: null, current: { version: 1, approvedBy: 'Sofia Martins' } });
    const shared = await data('rachel', 'globalPage.performance.share', { id: draft.id, expectedVersion: 1 });
    expect(shared.status).toBe('Shared');
    expect(shared.current?.content.sharedWith).toMatchObject({ organizationId: '1', organizationName: 'Northwind Traders', by: 'Rachel Green' });
    expect(shared.history.map((h) => h.action)).toEqual(['shared', 'approved', 'draft-saved', 'draft-saved']);
    const list = await data('tom', 'globalPage.performance.list', {});
    expect(list.reports.find((r) => r.id === draft.id)).toMatchObject({ status: 'Shared', version: 2 });
    expect(list.permissions).toEqual({ draft: false, approve: false, share: false, rebuild: false });

    // April's report starts from the action items March's proposed (WP.19: the status of previous action items).
    const april = await data('rachel', 'globalPage.performance.compute', { agreement: AGREEMENT, fromDay: '2027-04-01', toDay: '2027-04-30' });
    expect(april.saved).toBeNull();
    expect(april.previousActions).toEqual(TEXTS.proposedActions);

    // An all-agreements report has no customer to share it with.
    const all = await data('sofia', 'globalPage.performance.saveDraft', { scope: { agreement: null, ...MARCH }, texts: TEXTS, expectedRevision: null });
    await data('sofia', 'globalPage.performance.approve', { id: all.id, revision: all.draft!.revision });
    const noOrg = await invoke('sofia', 'globalPage.performance.share', { id: all.id, expectedVersion: 1 });
    expect(noOrg.ok).toBe(false);

    // Chen (Globex) is not of Northwind: no report, and the id answers as if there were none (D26).
    expect(await data('chen', 'portalHome.performance.list', {})).toEqual({ reports: [] });
    const peek = await invoke('chen', 'portalHome.performance.load', { id: draft.id });
    expect(peek.ok).toBe(false);
    if (!peek.ok) expect(peek.error.message).toBe('There is no report shared with your organization under this id.');
    // The team's functions refuse a customer.
    expect((await invoke('chen', 'globalPage.performance.list', {})).ok).toBe(false);
  });
});
