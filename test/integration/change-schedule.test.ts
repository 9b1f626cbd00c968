/**
 * Issue #13: the change schedule (WP.12) on the service team's page. D21 versions (saved "Initial", approved by the
 * CM or SM "Approved", edited "Updated"), refused in words for a Practitioner; the load answers the seeded change
 * with its planned dates, the D17 findings and the periods; the .ics export holds both. The app runs unmodified in
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

  const freeze = (from: number, name = 'Year-end close'): ScheduleContent['periods'][number] => ({
    id: 'year-end', name, kind: 'freeze', services: [], reason: 'Customers close their books',
    when: { repeat: 'once', start: new Date(from).toISOString(), end: new Date(from + 2 * DAY).toISOString() },
  });

  it('saves as Initial, approves as Approved (the CM, not a Practitioner), and an edit makes a new version Updated', async () => {
    const content: ScheduleContent = { periods: [freeze(now)] };
    const refusedSave = await invoke(base, 'tom', 'globalPage.schedule.save', { content, expectedVersion: null });
    expect(refusedSave).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Only the Control Manager or the Service Manager edit the change schedule') } });

    const initial = await data(base, 'carlos', 'globalPage.schedule.save', { content, expectedVersion: null });
    expect(initial).toMatchObject({ version: 1, status: 'Initial', approval: null });

    const refused = await invoke(base, 'tom', 'globalPage.schedule.approve', { expectedVersion: 1 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Only the Service Manager or the Control Manager approve the change schedule') } });
    const still = await data(base, 'tom', 'globalPage.schedule.load', { from: now - DAY, to: now + 3 * DAY, view: 'week' });
    expect(still.document).toMatchObject({ version: 1, status: 'Initial' });
    expect(still.permissions.edit.allowed).toBe(false);

    const approved = await data(base, 'carlos', 'globalPage.schedule.approve', { expectedVersion: 1 });
    expect(approved).toMatchObject({ version: 2, status: 'Approved', approval: { by: expect.any(String) } });
    const again = await invoke(base, 'carlos', 'globalPage.schedule.approve', { expectedVersion: 2 });
    expect(again).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('already approved') } });

    // Someone editing an old version is told so; the schedule is unchanged.
    const stale = await invoke(base, 'carlos', 'globalPage.schedule.save', { content: { periods: [freeze(now, 'Renamed')] }, expectedVersion: 1 });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const updated = await data(base, 'carlos', 'globalPage.schedule.save', { content: { periods: [freeze(now, 'Year-end close and audit')] }, expectedVersion: 2 });
    expect(updated).toMatchObject({ version: 3, status: 'Updated' });
    expect(updated.approvals).toHaveLength(1);
    expect(updated.history.map((h) => h.action)).toEqual(['updated', 'approved', 'created']);
  });

  it('refuses a freeze without a reason in words naming the field', async () => {
    const bad = { periods: [{ ...freeze(now), reason: null }] };
    const r = await invoke(base, 'carlos', 'globalPage.schedule.save', { content: bad, expectedVersion: 3 });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('Period 1 “Year-end close”: Reason is required for a freeze') } });
  });

  it('answers the seeded change with its planned dates, its findings in the freeze, and the .ics with both', async () => {
    const view = await data(base, 'tom', 'globalPage.schedule.load', { from: now - DAY, to: now + 3 * DAY, view: 'week' });
    expect(view.changesProblem).toBeNull();
    const waf = view.changes.find((c) => c.summary.startsWith('Add WAF rule'));
    expect(waf).toMatchObject({ changeType: 'Normal', services: ['Web hosting'], plannedEndSet: true });
    expect(waf!.plannedEnd - waf!.plannedStart).toBe(3_600_000);
    // Planned inside the year-end freeze and outside any window (there is none): refused for a Normal change (D17).
    expect(waf!.findings.map((f) => [f.kind, f.severity])).toEqual([['outside-window', 'refusal'], ['freeze', 'refusal']]);
    expect(waf!.findings[1]).toMatchObject({ periodName: 'Year-end close and audit', interval: { start: waf!.plannedStart, end: waf!.plannedEnd } });
    expect(view.periods).toEqual([expect.objectContaining({ name: 'Year-end close and audit', kind: 'freeze' })]);

    const ics = await data(base, 'tom', 'globalPage.schedule.exportIcs', { from: now - DAY, to: now + 3 * DAY });
    expect(ics.events).toBe(2);
    expect(ics.text).toContain('SUMMARY:Freeze (key business event): Year-end close and audit');
    expect(ics.text).toContain(`SUMMARY:${waf!.key}: Add WAF rule`);
  });

  it('refuses a customer the schedule (D26)', async () => {
    const r = await invoke(base, 'carla', 'globalPage.schedule.load', { from: now, to: now + DAY, view: 'week' });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
