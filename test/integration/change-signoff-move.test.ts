/**
 * Issue #13, ADR 014 (Jira's status follows the evidence): the approval to deploy needs the Control Manager's decision
 * and the customer's sign-off (CO.3.2, ROL-11). When the sign-off is recorded last, recording it completes the gate and
 * the change moves to "Ready to deploy" like any other action that completes a step; without the Control Manager's
 * decision the sign-off alone moves nothing.
 */
import { windowStart } from '../../sandbox/seed/demo-changes';
import { changeDriver } from './change-driver';
import { call, withSandbox } from './harness';

jest.setTimeout(90_000);

const HOUR = 3_600_000;

describe('the customer’s sign-off completing the approval to deploy (CO.3.2)', () => {
  let env: Awaited<ReturnType<typeof withSandbox>>;
  let c: ReturnType<typeof changeDriver>;
  let now: number;
  beforeAll(async () => {
    env = await withSandbox();
    c = changeDriver(env.sandbox.url);
    now = Date.parse(((await call(env.sandbox.url, 'GET', '/sandbox/clock')).body as { now: string }).now);
  });
  afterAll(async () => { await env.stop(); });

  async function tested(summary: string, slot: number): Promise<string> {
    const start = windowStart(now, HOUR, slot);
    const { key } = await c.create(summary, { by: 'tom', planned: { start: new Date(start).toISOString(), end: new Date(start + HOUR).toISOString() } });
    // The demo site's own back-out plan field is JSM's "Backout plan" (the driver fills a "Back-out plan" of its own).
    const fields = (await call(env.sandbox.url, 'GET', '/rest/api/3/field', { user: 'sofia' })).body as Array<{ id: string; name: string }>;
    const backout = fields.find((f) => f.name === 'Backout plan')?.id ?? '';
    const doc = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Restore the snapshot.' }] }] };
    expect((await call(env.sandbox.url, 'PUT', `/rest/api/3/issue/${key}`, { user: 'tom', body: { fields: { [backout]: doc } } })).status).toBe(204);
    await c.settle();
    const ok = async (r: { ok: boolean; error?: { message: string } }) => { if (!r.ok) throw new Error(r.error?.message); };
    await ok(await c.act(key, 'carlos', 'change.decide', { step: 'evaluate', decision: 'approved' }));
    await ok(await c.act(key, 'carlos', 'change.decide', { step: 'design', decision: 'approved' }));
    await ok(await c.act(key, 'priya', 'change.recordBuild', {}));
    await ok(await c.act(key, 'priya', 'change.publishTestReport', { summary: 'Mail flows through both nodes.', outcome: 'pass', levels: 'Mail flow test' }));
    expect(await c.status(key)).toBe('In test');
    return key;
  }

  const signOff = { step: 'deploy', party: 'CUS', name: 'Carla Jones (Northwind Traders)', how: 'By e-mail', decision: 'approved' };

  it('the Control Manager approves first, the customer’s sign-off recorded last moves the change to Ready to deploy', async () => {
    const key = await tested('Sign-off last (move test)', 0);
    const approved = await c.act(key, 'carlos', 'change.decide', { step: 'deploy', decision: 'approved' });
    expect(approved.ok).toBe(true);
    expect(await c.status(key)).toBe('In test');
    const signed = await c.act(key, 'carlos', 'change.recordSignOff', signOff);
    if (!signed.ok) throw new Error(signed.error.message);
    expect(signed.data.message).toContain('It is now “Ready to deploy”');
    expect(await c.status(key)).toBe('Ready to deploy');
  });

  it('the sign-off alone, before the Control Manager’s decision, moves nothing', async () => {
    const key = await tested('Sign-off first (move test)', 1);
    const signed = await c.act(key, 'carlos', 'change.recordSignOff', signOff);
    if (!signed.ok) throw new Error(signed.error.message);
    expect(signed.data.message).not.toContain('It is now');
    expect(await c.status(key)).toBe('In test');
    const approved = await c.act(key, 'carlos', 'change.decide', { step: 'deploy', decision: 'approved' });
    if (!approved.ok) throw new Error(approved.error.message);
    expect(await c.status(key)).toBe('Ready to deploy');
  });
});
