/**
 * Issue #13, D17 at scheduling through the change panel's "schedule" action: the slot is checked against the schedule
 * around the new slot, not around the change's current one. A change planned for the first time is checked against
 * the windows and the freeze of the day it is planned for (the demo's "Year-end freeze" starts a week after the
 * clock's day; windows are Tuesdays and Thursdays 20:00–23:00 Lisbon, sandbox/seed/demo-changes.ts).
 */
import { freezeOf, windowStart } from '../../sandbox/seed/demo-changes';
import { changeDriver } from './change-driver';
import { call, withSandbox } from './harness';

jest.setTimeout(90_000);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('scheduling a change through the panel (D17)', () => {
  let env: Awaited<ReturnType<typeof withSandbox>>;
  let c: ReturnType<typeof changeDriver>;
  let now: number;
  beforeAll(async () => {
    env = await withSandbox();
    c = changeDriver(env.sandbox.url);
    now = Date.parse(((await call(env.sandbox.url, 'GET', '/sandbox/clock')).body as { now: string }).now);
  });
  afterAll(async () => { await env.stop(); });

  const iso = (t: number) => new Date(t).toISOString();

  it('an emergency change planned for the first time inside the freeze is warned of the freeze, and the warning recorded', async () => {
    const { key } = await c.create('Emergency disk swap (schedule test)', { by: 'ines', type: 'Emergency', documented: false, cis: ['backup-server'] });
    const inside = freezeOf(now).start + 2 * DAY + 10 * HOUR;
    const r = await c.act(key, 'carlos', 'change.schedule', { plannedStart: iso(inside), plannedEnd: iso(inside + 2 * HOUR) });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.data.message).toContain('inside the freeze “Year-end freeze”');
    expect(r.data.section.schedule.recorded.map((w) => w.message).join(' ')).toContain('inside the freeze “Year-end freeze”');
    expect(r.data.section.schedule.findings).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'freeze', severity: 'warning' })]));
  });

  it('a normal change planned for the first time in a change window is accepted without a window warning', async () => {
    const { key } = await c.create('Normal change into a window (schedule test)', { by: 'tom' });
    const start = windowStart(now, HOUR);
    const r = await c.act(key, 'tom', 'change.schedule', { plannedStart: iso(start), plannedEnd: iso(start + HOUR) });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.data.message).not.toMatch(/outside every change or maintenance window/);
    expect(r.data.section.schedule.plannedStart).toBe(iso(start));
  });

  it('a normal change rescheduled from a window into the freeze is refused naming the freeze, its slot unchanged', async () => {
    const start = windowStart(now, HOUR);
    const { key } = await c.create('Normal change moved into the freeze (schedule test)', { by: 'tom', planned: { start: iso(start), end: iso(start + HOUR) } });
    const inside = windowStart(freezeOf(now).start, 0);
    const r = await c.act(key, 'tom', 'change.schedule', { plannedStart: iso(inside), plannedEnd: iso(inside + HOUR) });
    expect(r).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('inside the freeze “Year-end freeze”') } });
    expect((await c.section(key)).schedule.plannedStart).toBe(iso(start));
  });
});
