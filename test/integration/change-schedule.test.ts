/**
 * Issue #13: the change schedule (WP.12) on the service team's page. D21 versions (saved "Initial", approved by the
 * CM or SM "Approved", edited "Updated"; the demo site starts at version 2 Approved, the first save's "Initial" is
 * covered by the unit tests), refused in words for a Practitioner; the load answers the seeded changes with their
 * planned dates (SD-8 in a window, SD-17 in the year-end freeze), the D17 findings and the periods; the .ics export
 * holds them all. The app runs unmodified in
 * the sandbox; resolvers are invoked as demo users over the bridge endpoint, as the Custom UI's invoke does.
 */
import type { Result } from '../../src/contract/results';
import type { ScheduleAnswers, ScheduleFunctionKey } from '../../src/contract/schedule';
import type { ScheduleContent } from '../../src/domain/schedule/schedule';
import { call, withSandbox } from './harness';

type Env = Awaited<ReturnType<typeof withSandbox>>;

jest.setTimeout(60_000);

async function invoke<K extends ScheduleFunctionKey>(base: string, user: string, key: K, payload: unknown): Promise<Result<ScheduleAnswers[K]>> {
  const res = await call(base, 'POST', '/sandbox/bridge', { user, body: { type: 'invoke', payload: { functionKey: key, payload }, context: { moduleKey: 'sd-global-page', extension: {} } } });
  const body = res.body as { ok: boolean; result?: Result<ScheduleAnswers[K]>; error?: { message: string } };
  if (!body.ok || !body.result) throw new Error(`bridge failed for ${key}: ${JSON.stringify(body)}`);
  return body.result;
}

async function data<K extends ScheduleFunctionKey>(base: string, user: string, key: K, payload: unknown): Promise<ScheduleAnswers[K]> {
  const r = await invoke(base, user, key, payload);
  if (!r.ok) throw new Error(`${key} as ${user} refused: ${r.error.code} ${r.error.message}`);
  return r.data;
}

const DAY = 86_400_000;

describe('the change schedule (WP.12; D17, D21)', () => {
  let env: Env;
  let base: string;
  let now: number;
  beforeAll(async () => {
    env = await withSandbox();
    base = env.sandbox.url;
    now = Date.parse(((await call(base, 'GET', '/sandbox/clock')).body as { now: string }).now);
  });
  afterAll(async () => { await env.stop(); });

  const renameFreeze = (content: ScheduleContent, name: string): ScheduleContent => ({
    periods: content.periods.map((x) => (x.kind === 'freeze' ? { ...x, name } : x)),
  });

  it('starts from the approved schedule; an edit is a new version Updated, approved again by the CM, not a Practitioner', async () => {
    // The site's schedule was saved (version 1, Initial) and approved by the Service Manager (version 2, Approved).
    const start = await data(base, 'tom', 'globalPage.schedule.load', { from: now - DAY, to: now + 3 * DAY, view: 'week' });
    expect(start.document).toMatchObject({ version: 2, status: 'Approved', approval: { by: expect.any(String) } });
    expect(start.document!.approvals).toHaveLength(1);
    expect(start.document!.history.map((h) => h.action)).toEqual(['approved', 'created']);
    const seeded = start.document!.content;
    expect(seeded.periods.map((x) => [x.name, x.kind])).toEqual([['Evening change window', 'change-window'], ['Saturday maintenance', 'maintenance-window'], ['Year-end freeze', 'freeze']]);

    const again = await invoke(base, 'carlos', 'globalPage.schedule.approve', { expectedVersion: 2 });
    expect(again).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('already approved') } });

    const content = renameFreeze(seeded, 'Year-end close and audit');
    const refusedSave = await invoke(base, 'tom', 'globalPage.schedule.save', { content, expectedVersion: 2 });
    expect(refusedSave).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Only the Control Manager or the Service Manager edit the change schedule') } });

    const updated = await data(base, 'carlos', 'globalPage.schedule.save', { content, expectedVersion: 2 });
    expect(updated).toMatchObject({ version: 3, status: 'Updated', approval: null });
    expect(updated.approvals).toHaveLength(1);
    expect(updated.history.map((h) => h.action)).toEqual(['updated', 'approved', 'created']);

    // Someone editing an old version is told so; the schedule is unchanged.
    const stale = await invoke(base, 'carlos', 'globalPage.schedule.save', { content: renameFreeze(seeded, 'Renamed'), expectedVersion: 2 });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const refused = await invoke(base, 'tom', 'globalPage.schedule.approve', { expectedVersion: 3 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Only the Service Manager or the Control Manager approve the change schedule') } });
    const still = await data(base, 'tom', 'globalPage.schedule.load', { from: now - DAY, to: now + 3 * DAY, view: 'week' });
    expect(still.document).toMatchObject({ version: 3, status: 'Updated', content: { periods: expect.arrayContaining([expect.objectContaining({ name: 'Year-end close and audit' })]) } });
    expect(still.permissions.edit.allowed).toBe(false);

    const approved = await data(base, 'carlos', 'globalPage.schedule.approve', { expectedVersion: 3 });
    expect(approved).toMatchObject({ version: 4, status: 'Approved', approval: { by: expect.any(String) } });
    expect(approved.approvals).toHaveLength(2);
    expect(approved.history.map((h) => h.action)).toEqual(['approved', 'updated', 'approved', 'created']);
  });

  it('refuses a freeze without a reason in words naming the field', async () => {
    const current = (await data(base, 'carlos', 'globalPage.schedule.load', { from: now, to: now + DAY, view: 'week' })).document!;
    const bad = { periods: current.content.periods.map((x) => (x.kind === 'freeze' ? { ...x, reason: null } : x)) };
    const r = await invoke(base, 'carlos', 'globalPage.schedule.save', { content: bad, expectedVersion: current.version });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('Period 3 “Year-end close and audit”: Reason is required for a freeze') } });
  });

  it('answers the seeded changes with their planned dates, the one in the freeze with its finding, and the .ics with all', async () => {
    const range = { from: now - DAY, to: now + 24 * DAY };
    const view = await data(base, 'tom', 'globalPage.schedule.load', { ...range, view: 'month' });
    expect(view.changesProblem).toBeNull();
    // SD-8 is planned in the next change window: no finding.
    const waf = view.changes.find((c) => c.summary.startsWith('Add WAF rule'));
    expect(waf).toMatchObject({ key: 'SD-8', changeType: 'Normal', services: ['Web hosting'], plannedEndSet: true, findings: [] });
    expect(waf!.plannedEnd - waf!.plannedStart).toBe(3_600_000);
    expect(view.periods.some((x) => x.kind === 'change-window' && x.start <= waf!.plannedStart && x.end >= waf!.plannedEnd)).toBe(true);
    // SD-17 is planned in a window inside the year-end freeze: refused for a Normal change (D17).
    const dns = view.changes.find((c) => c.summary.startsWith('Move the customer DNS'));
    expect(dns).toMatchObject({ key: 'SD-17', changeType: 'Normal', plannedEndSet: true });
    expect(dns!.findings.map((f) => [f.kind, f.severity])).toEqual([['freeze', 'refusal']]);
    expect(dns!.findings[0]).toMatchObject({ periodName: 'Year-end close and audit', interval: { start: dns!.plannedStart, end: dns!.plannedEnd } });
    expect(view.periods.filter((x) => x.kind === 'freeze')).toEqual([expect.objectContaining({ name: 'Year-end close and audit', kind: 'freeze' })]);

    const ics = await data(base, 'tom', 'globalPage.schedule.exportIcs', range);
    expect(ics.events).toBe(view.periods.length + view.changes.length);
    expect(ics.text).toContain('SUMMARY:Freeze (key business event): Year-end close and audit');
    expect(ics.text).toContain('SUMMARY:SD-8: Add WAF rule');
    expect(ics.text).toContain('SUMMARY:SD-17: Move the customer DNS');
  });

  it('refuses a customer the schedule (D26)', async () => {
    const r = await invoke(base, 'carla', 'globalPage.schedule.load', { from: now, to: now + DAY, view: 'week' });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
