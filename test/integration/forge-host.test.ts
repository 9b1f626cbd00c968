import { call, withSandbox } from './harness';

/**
 * The Forge host of the sandbox running the app's real handlers (dist/backend, built from src/): product events,
 * workflow validators, resolvers over the bridge endpoint, scheduled triggers and the clock.
 */
interface Delivery { eventId: string; eventType: string; triggerKey: string; issueKey: string | null; ok: boolean; error?: string; payload: Record<string, unknown> }

describe('Forge host', () => {
  let env: Awaited<ReturnType<typeof withSandbox>>;
  let base: string;
  beforeAll(async () => { env = await withSandbox(); base = env.sandbox.url; });
  afterAll(async () => { await env?.stop(); });

  const deliveries = async (): Promise<Delivery[]> => {
    await call(base, 'POST', '/sandbox/events/settle');
    return ((await call(base, 'GET', '/sandbox/events')).body as { deliveries: Delivery[] }).deliveries;
  };
  const newIncident = async (summary: string) => {
    const res = await call(base, 'POST', '/rest/api/3/issue', { user: 'priya', body: { fields: { project: { key: 'SD' }, issuetype: { name: 'Incident' }, summary } } });
    expect(res.status).toBe(201);
    return res.body as { id: string; key: string };
  };

  it('listens on loopback and reports the Forge runtime it runs functions on', async () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await call(base, 'GET', '/healthz');
    const node = (health.body as { runtimeNode: string }).runtimeNode;
    expect(node).toMatch(/^v\d+\./);
    if (process.env.EXPECT_FORGE_NODE_MAJOR) expect(node.startsWith(`v${process.env.EXPECT_FORGE_NODE_MAJOR}.`)).toBe(true);
  });

  it('runs avi:jira:created:issue with Forge’s payload shape, and the handler records the work product', async () => {
    const created = await newIncident('Printer queue stuck at the Leeds office');
    const mine = (await deliveries()).filter((d) => d.issueKey === created.key);
    expect(mine).toHaveLength(1);
    const d = mine[0]!;
    expect(d).toMatchObject({ eventType: 'avi:jira:created:issue', triggerKey: 'sd-issue-events', ok: true });
    expect(d.payload).toMatchObject({
      eventType: 'avi:jira:created:issue',
      atlassianId: expect.stringMatching(/^712020:/),
      associatedUsers: [{ accountId: expect.any(String) }],
      issue: { id: created.id, key: created.key, fields: { summary: 'Printer queue stuck at the Leeds office', issuetype: { name: 'Incident' }, project: { key: 'SD' }, status: { name: 'Open' }, creator: { accountId: expect.any(String) }, created: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) } },
    });
    const prop = await call(base, 'GET', `/rest/api/3/issue/${created.key}/properties/sd-state`, { user: 'priya' });
    expect(prop.status).toBe(200);
    expect(prop.body).toMatchObject({ key: 'sd-state', value: { schemaVersion: 2, kind: 'incident', breached: 'no', paused: 'no', incident: { sla: { cycles: [{ metric: 'firstResponse' }, { metric: 'resolution' }] } } } });
  });

  it('delivers every event twice with the duplicate switch, and the stored state is the same', async () => {
    await call(base, 'POST', '/sandbox/events/mode', { body: { duplicate: true, reorder: true } });
    try {
      const created = await newIncident('Duplicate delivery check');
      await call(base, 'POST', `/rest/api/3/issue/${created.key}/comment`, { user: 'priya', body: { body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Looking into it.' }] }] } } });
      const mine = (await deliveries()).filter((d) => d.issueKey === created.key);
      const byType = (t: string) => mine.filter((d) => d.eventType === t);
      expect(byType('avi:jira:created:issue')).toHaveLength(2);
      expect(new Set(byType('avi:jira:created:issue').map((d) => d.eventId)).size).toBe(1);
      expect(byType('avi:jira:commented:issue')).toHaveLength(2);
      expect(byType('avi:jira:commented:issue')[0]!.payload).toMatchObject({ comment: { author: { accountId: expect.any(String) }, jsdPublic: true } });
      expect(mine.every((d) => d.ok)).toBe(true);
      const prop = await call(base, 'GET', `/rest/api/3/issue/${created.key}/properties/sd-state`, { user: 'priya' });
      // Twice delivered, in reverse order: still one first-response and one resolution cycle. Priya reported the
      // incident herself, so her comment is no first response (D11: not the reporter).
      const value = (prop.body as { value: { incident: { sla: { cycles: Array<{ metric: string; stopReason: string | null }> } } } }).value;
      expect(value).toMatchObject({ schemaVersion: 2, kind: 'incident' });
      expect(value.incident.sla.cycles.map((c) => [c.metric, c.stopReason])).toEqual([['firstResponse', null], ['resolution', null]]);
    } finally {
      await call(base, 'POST', '/sandbox/events/mode', { body: { duplicate: false, reorder: false } });
    }
  });

  it('refuses closing an incident without a recorded confirmation (D12), with the validator’s message, and changes nothing', async () => {
    // SD-3 is a seeded, resolved incident whose customer has not confirmed yet.
    const before = await call(base, 'GET', '/rest/api/3/issue/SD-3?fields=status,updated', { user: 'priya' });
    const changelogBefore = (await call(base, 'GET', '/rest/api/3/issue/SD-3/changelog', { user: 'priya' })).body as { total: number };
    const transitions = (await call(base, 'GET', '/rest/api/3/issue/SD-3/transitions', { user: 'priya' })).body as { transitions: Array<{ id: string; name: string }> };
    const close = transitions.transitions.find((t) => t.name === 'Close')!;
    const refused = await call(base, 'POST', '/rest/api/3/issue/SD-3/transitions', { user: 'priya', body: { transition: { id: close.id } } });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ errorMessages: [expect.stringContaining('Incident SD-3 cannot be closed yet. Still needed: a recorded confirmation by an affected party')], errors: {} });
    const after = await call(base, 'GET', '/rest/api/3/issue/SD-3?fields=status,updated', { user: 'priya' });
    expect(after.body).toEqual(before.body);
    expect(((await call(base, 'GET', '/rest/api/3/issue/SD-3/changelog', { user: 'priya' })).body as { total: number }).total).toBe(changelogBefore.total);

    // Once the confirmation is recorded (through the panel's action, into app storage), the same transition goes through.
    const recorded = await call(base, 'POST', '/sandbox/bridge', { user: 'priya', body: { type: 'invoke', payload: { functionKey: 'incident.recordConfirmation', payload: { how: 'phone' } }, context: { moduleKey: 'sd-issue-panel', extension: { issue: { id: '0', key: 'SD-3' }, project: { id: '10000', key: 'SD' } } } } });
    expect(recorded.body).toMatchObject({ ok: true, result: { ok: true } });
    const done = await call(base, 'POST', '/rest/api/3/issue/SD-3/transitions', { user: 'priya', body: { transition: { id: close.id } } });
    expect(done.status).toBe(204);
    const closed = await call(base, 'GET', '/rest/api/3/issue/SD-3?fields=status', { user: 'priya' });
    expect(closed.body).toMatchObject({ fields: { status: { name: 'Closed' } } });
  });

  it('invokes a resolver as a given user over the bridge endpoint, with that user’s Jira permissions', async () => {
    const panel = (user: string, key: string, id: string) => call(base, 'POST', '/sandbox/bridge', { user, body: { type: 'invoke', payload: { functionKey: 'issuePanel.load' }, context: { moduleKey: 'sd-issue-panel', extension: { issue: { id, key }, project: { id: '10000', key: 'SD' } } } } });
    const ines = await panel('ines', 'SD-1', '10000');
    expect(ines.body).toMatchObject({ ok: true, result: { ok: true, data: { issue: { key: 'SD-1', issueType: { name: 'Incident' } }, kind: 'incident', viewer: { displayName: 'Ines Kowalski', roles: [{ code: 'IM', name: 'Incident Manager' }] }, rolesConfigured: true } } });
    // Chen (Globex) may not read Northwind's incident: the resolver's asUser() read gets Jira's 404.
    const chen = await panel('chen', 'SD-1', '10000');
    expect(chen.body).toMatchObject({ ok: true, result: { ok: false, error: { code: 'forbidden', message: 'Jira does not let you see this issue.' } } });
    const bad = await call(base, 'POST', '/sandbox/bridge', { user: 'ines', body: { type: 'invoke', payload: { functionKey: 'issuePanel.load', payload: { surprise: 1 } }, context: { moduleKey: 'sd-issue-panel', extension: { issue: { id: '10000', key: 'SD-1' }, project: { id: '10000', key: 'SD' } } } } });
    expect(bad.body).toMatchObject({ ok: true, result: { ok: false, error: { code: 'invalid-input', message: expect.stringContaining('surprise') } } });
    const anonymous = await call(base, 'POST', '/sandbox/bridge', { body: { type: 'invoke', payload: { functionKey: 'issuePanel.load' } } });
    expect(anonymous.status).toBe(401);
  });

  it('serves the Custom UI with the bridge host injected before the app bundle', async () => {
    const frame = await call(base, 'POST', '/sandbox/frames', { user: 'ines', body: { moduleKey: 'sd-issue-panel', extension: { issue: { id: '10000', key: 'SD-1' }, project: { id: '10000', key: 'SD' } } } });
    expect(frame.status).toBe(200);
    const { src, frameToken } = frame.body as { src: string; frameToken: string };
    const html = await (await fetch(`${base}${src}`)).text();
    expect(html.indexOf('/shell/bridge-host.js')).toBeGreaterThan(-1);
    expect(html.indexOf('/shell/bridge-host.js')).toBeLessThan(html.indexOf('<script type="module"'));
    const ctx = await call(base, 'POST', '/sandbox/bridge', { headers: { 'x-forge-frame': frameToken }, body: { type: 'getContext' } });
    expect(ctx.body).toMatchObject({ ok: true, result: { moduleKey: 'sd-issue-panel', extension: { type: 'jira:issuePanel', issue: { key: 'SD-1' } }, accountId: expect.stringMatching(/^712020:/), timezone: 'Europe/Warsaw', locale: 'pl-PL' } });
  });

  it('runs the scheduled trigger on demand and on its interval of the sandbox clock', async () => {
    // The first run adopts the seeded incidents (the app has not evaluated them); the next finds nothing to do.
    const onDemand = await call(base, 'POST', '/sandbox/scheduled/sd-sla-scan/run');
    expect(onDemand.body).toMatchObject({ key: 'sd-sla-scan', ok: true, trigger: 'on-demand', result: { adopted: expect.arrayContaining(['SD-1', 'SD-2']) } });
    const again = await call(base, 'POST', '/sandbox/scheduled/sd-sla-scan/run');
    expect(again.body).toMatchObject({ ok: true, result: { adopted: [], repaired: [], due: [] } });

    const runsBefore = ((await call(base, 'GET', '/sandbox/scheduled')).body as { runs: unknown[] }).runs.length;
    await call(base, 'POST', '/sandbox/clock', { body: { advanceMs: 5 * 60_000 + 1000 } });
    await env.sandbox.scheduler.tick();
    const runs = ((await call(base, 'GET', '/sandbox/scheduled')).body as { runs: Array<{ trigger: string; result: { due: string[]; scannedAt: string } }> }).runs;
    expect(runs.length).toBe(runsBefore + 1);
    expect(runs.at(-1)).toMatchObject({ trigger: 'interval' });
    // Nothing came due in those five minutes.
    expect(runs.at(-1)!.result.due).toEqual([]);
    // The app's own clock (Date in the function runtime) follows the moved sandbox clock, not the wall clock.
    const sandboxNow = Date.parse(((await call(base, 'GET', '/sandbox/clock')).body as { now: string }).now);
    expect(Math.abs(Date.parse(runs.at(-1)!.result.scannedAt) - sandboxNow)).toBeLessThan(10_000);
    expect(sandboxNow - Date.now()).toBeGreaterThan(5 * 60_000);
  });

  it('moves the clock forward only', async () => {
    const before = Date.parse(((await call(base, 'GET', '/sandbox/clock')).body as { now: string }).now);
    const moved = await call(base, 'POST', '/sandbox/clock', { body: { advanceMs: 4 * 3_600_000 + 60_000 } });
    expect(Date.parse((moved.body as { now: string }).now) - before).toBeGreaterThanOrEqual(4 * 3_600_000 + 60_000);
    const back = await call(base, 'POST', '/sandbox/clock', { body: { now: '2020-01-01T00:00:00Z' } });
    expect(back.status).toBe(400);
    const junk = await call(base, 'POST', '/sandbox/clock', { body: { advance: 5 } });
    expect(junk.status).toBe(400);
  });
});
