/**
 * Issue #13, the three paths end to end against the sandbox (clock on Tuesday 2026-12-01 08:00 UTC; the demo's change
 * windows are Tuesdays and Thursdays 20:00–23:00 Lisbon, the year-end freeze runs from 8 to 22 December): D7 for the
 * builder and the deployer, a normal change from request to closure with its configuration record updated by the
 * deployment (CO-11), an emergency change deployed on one approval and held at closing until reviewed, D15 designation
 * after a full normal run and a change raised from it, D17 at scheduling, and a deployment recorded once however its
 * events arrive.
 */
import { demoAccountId } from '../../sandbox/seed/demo';
import { changeDriver } from './change-driver';
import { call, withSandbox } from './harness';

const WINDOW = { start: '2026-12-01T20:00:00.000Z', end: '2026-12-01T21:00:00.000Z' };
const IN_FREEZE = { start: '2026-12-10T20:00:00.000Z', end: '2026-12-10T21:00:00.000Z' };

describe('issue #13: the three paths of D16 through the sandbox', () => {
  let env: Awaited<ReturnType<typeof withSandbox>>;
  let c: ReturnType<typeof changeDriver>;
  beforeAll(async () => { env = await withSandbox({ startAt: '2026-12-01T08:00:00.000Z' }); c = changeDriver(env.sandbox.url); });
  afterAll(async () => { await env.stop(); });

  const ok = async <T>(p: Promise<{ ok: true; data: T } | { ok: false; error: { message: string } }>): Promise<T> => {
    const r = await p;
    if (!r.ok) throw new Error(r.error.message);
    return r.data;
  };
  const userField = async (name: string) => (((await call(env.sandbox.url, 'GET', '/rest/api/3/field', { user: 'sofia' })).body as Array<{ id: string; name: string }>).find((f) => f.name === name))?.id ?? '';
  const itemVersion = async (id: string) => {
    const res = await call(env.sandbox.url, 'POST', '/sandbox/bridge', { user: 'carlos', body: { type: 'invoke', payload: { functionKey: 'globalPage.configuration.history', payload: { id } }, context: { moduleKey: 'sd-global-page', extension: { type: 'jira:globalPage' } } } });
    const result = (res.body as { result: { ok: boolean; data?: { versions: Array<{ version: number; changeKey: string | null }> } } }).result;
    return result.data?.versions ?? [];
  };

  it('D7: the builder and the deployer may not approve, even when the Builder field was emptied before', async () => {
    const builder = await userField('Builder');
    const deployer = await userField('Deployer');
    const { key } = await c.create('Builder is the Control Manager (issue 13)', { by: 'tom' });
    expect(await c.edit(key, 'tom', { [builder]: { accountId: demoAccountId('carlos') } })).toBe(204);
    expect(await c.edit(key, 'tom', { [builder]: null })).toBe(204);
    const refused = await c.act(key, 'carlos', 'change.decide', { step: 'evaluate', decision: 'approved' });
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining('you built this change') } });
    expect(await c.status(key)).toBe('Draft');

    const other = await c.create('Deployer is the Control Manager (issue 13)', { by: 'tom' });
    expect(await c.edit(other.key, 'tom', { [deployer]: { accountId: demoAccountId('carlos') } })).toBe(204);
    expect(await c.act(other.key, 'carlos', 'change.decide', { step: 'evaluate', decision: 'approved' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('you will deploy this change') } });
    expect(await c.status(other.key)).toBe('Draft');
  });

  it('a normal change from request to closure by the right people; the deployment writes a version of its configuration item naming it (CO-11)', async () => {
    const before = (await itemVersion('mail-relay-mx2')).length;
    const { key } = await c.create('Replace the power supply of MX-2 (issue 13)', { by: 'tom', cis: ['mail-relay-mx2'], planned: WINDOW });
    await ok(c.act(key, 'carlos', 'change.decide', { step: 'evaluate', decision: 'approved' }));
    expect(await c.status(key)).toBe('Approved');
    // No deploying straight away: a normal change has no emergency deployment (D16), and the refusal keeps its status.
    const jump = await c.transition(key, 'Deploy (emergency)', 'tom');
    expect(jump.status).toBe(400);
    expect(await c.status(key)).toBe('Approved');

    await ok(c.act(key, 'carlos', 'change.decide', { step: 'design', decision: 'approved' }));
    expect(await c.status(key)).toBe('In build');
    await ok(c.act(key, 'priya', 'change.recordBuild', { notes: 'New PSU fitted in the spare chassis.' }));
    expect(await c.status(key)).toBe('In test');
    // The approval to deploy needs a passing test report first (WP.20).
    expect(await c.act(key, 'carlos', 'change.decide', { step: 'deploy', decision: 'approved' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('test') } });
    await ok(c.act(key, 'priya', 'change.publishTestReport', { summary: 'Failover to MX-2 and back, mail flows.', outcome: 'pass', levels: 'Failover test' }));
    // The builder may not give the approval to deploy.
    expect(await c.act(key, 'priya', 'change.decide', { step: 'deploy', decision: 'approved' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const deployApproval = await ok(c.act(key, 'carlos', 'change.decide', { step: 'deploy', decision: 'approved' }));
    // The customer's sign-off is still missing, so Jira keeps the status and says why.
    expect(deployApproval.message).toContain('Jira kept its status');
    expect(await c.status(key)).toBe('In test');
    // The customer's sign-off completes the step: Jira's status follows to "Ready to deploy".
    await ok(c.act(key, 'carlos', 'change.recordSignOff', { step: 'deploy', party: 'CUS', name: 'Carla Jones', how: 'e-mail', decision: 'approved' }));
    expect(await c.status(key)).toBe('Ready to deploy');
    expect((await c.transition(key, 'Deploy', 'tom')).status).toBe(204);
    await c.settle();
    const deployed = await c.section(key, 'carlos');
    expect(deployed.evidence.deployment).toMatchObject({ by: expect.objectContaining({ displayName: 'Tom Becker' }), configurationVersions: [{ id: 'mail-relay-mx2', version: before + 1 }] });
    expect((await itemVersion('mail-relay-mx2')).find((v) => v.version === before + 1)?.changeKey).toBe(key);
    expect(deployed.evidence.build?.status).toBe('Final');

    // Closing waits for the review (CO-12).
    expect((await c.transition(key, 'Close', 'carlos')).status).toBe(400);
    await ok(c.act(key, 'carlos', 'change.recordReview', { outcome: 'successful', notes: 'No incident followed.' }));
    expect(await c.status(key)).toBe('Reviewed');
    expect((await c.transition(key, 'Close', 'carlos')).status).toBe(204);
    const closed = await c.section(key, 'carlos');
    expect(closed.path.map((p) => p.state)).toEqual(['done', 'done', 'done', 'done', 'done', 'done', 'done', 'done']);

    // D15: the completed normal change qualifies a pre-approved template, and a change raised from it is approved by it.
    const designated = await ok(c.act(key, 'carlos', 'change.designateTemplate', { name: 'Replace a relay power supply', businessApprover: 'Max Bauer', agreedOn: '2026-12-01' }));
    expect(designated.message).toContain('is now a pre-approved change');
    const list = await call(env.sandbox.url, 'POST', '/sandbox/bridge', { user: 'tom', body: { type: 'invoke', payload: { functionKey: 'changeTemplates.list', payload: {} }, context: { moduleKey: 'sd-project-page', extension: { type: 'jira:projectPage', project: { id: '10000', key: 'SD' } } } } });
    const templates = ((list.body as { result: { data: { templates: Array<{ id: string; name: string }> } } }).result.data.templates);
    const template = templates.find((t) => t.name === 'Replace a relay power supply');
    expect(template).toBeDefined();
    const raised = await call(env.sandbox.url, 'POST', '/sandbox/bridge', { user: 'tom', body: { type: 'invoke', payload: { functionKey: 'changeTemplates.raise', payload: { templateId: template?.id, plannedStart: WINDOW.start, plannedEnd: WINDOW.end } }, context: { moduleKey: 'sd-project-page', extension: { type: 'jira:projectPage', project: { id: '10000', key: 'SD' } } } } });
    const raisedKey = ((raised.body as { result: { ok: boolean; data: { key: string } } }).result.data.key);
    await c.settle();
    expect(await c.status(raisedKey)).toBe('Approved');
    const pre = await c.section(raisedKey, 'carlos');
    expect(pre.type).toBe('Pre-approved');
    expect(pre.template?.name).toBe('Replace a relay power supply');
    expect(pre.path.find((p) => p.step === 'evaluate')?.state).toBe('done');
  });

  it('an emergency change deploys on one approval and cannot close until reviewed and documented', async () => {
    const { key } = await c.create('Restore the relay routing table (issue 13)', { by: 'ines', type: 'Emergency', documented: false, cis: ['mail-relay-config'] });
    await ok(c.act(key, 'sofia', 'change.decide', { step: 'evaluate', decision: 'approved' }));
    expect(await c.status(key)).toBe('Approved');
    expect((await c.transition(key, 'Deploy (emergency)', 'priya')).status).toBe(204);
    await c.settle();
    const close = await c.transition(key, 'Close', 'ines');
    expect(close.status).toBe(400);
    expect(JSON.stringify(close.body)).toContain('post-implementation emergency review');
    expect(await c.status(key)).toBe('Deployed');
    // A review of an emergency change says whether the emergency was justified.
    expect(await c.act(key, 'ines', 'change.recordReview', { outcome: 'successful' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('justified') } });
    await ok(c.act(key, 'ines', 'change.recordReview', { outcome: 'successful', emergencyJustified: true }));
    const undocumented = await c.transition(key, 'Close', 'ines');
    expect(undocumented.status).toBe(400);
    expect(JSON.stringify(undocumented.body)).toContain('business impact');
    const f = await c.fields();
    const doc = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
    expect(await c.edit(key, 'ines', { [f.businessImpact!]: doc('Inbound mail for every customer.'), [f.implementation!]: doc('Restored from backup.'), [f.backOut!]: doc('Put the previous table back.') })).toBe(204);
    expect((await c.transition(key, 'Close', 'ines')).status).toBe(204);
  });

  it('D17: a normal change is refused a slot inside the freeze; an emergency change is warned and the warning recorded', async () => {
    const normal = await c.create('Rebalance the mail store (issue 13)', { by: 'tom', cis: ['mail-relay-mx1'] });
    const refused = await c.act(normal.key, 'tom', 'change.schedule', { plannedStart: IN_FREEZE.start, plannedEnd: IN_FREEZE.end });
    expect(refused).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('inside the freeze “Year-end freeze”') } });
    expect((await c.section(normal.key)).schedule.plannedStart).toBeNull();
    await ok(c.act(normal.key, 'tom', 'change.schedule', { plannedStart: WINDOW.start, plannedEnd: WINDOW.end }));
    expect((await c.section(normal.key)).schedule.plannedStart).toBe(WINDOW.start);

    const emergency = await c.create('Emergency patch during the freeze (issue 13)', { by: 'ines', type: 'Emergency', cis: ['firewall-edge'] });
    const warned = await ok(c.act(emergency.key, 'ines', 'change.schedule', { plannedStart: IN_FREEZE.start, plannedEnd: IN_FREEZE.end }));
    expect(warned.message).toContain('(recorded)');
    expect(warned.section.schedule.recorded).toEqual([expect.objectContaining({ message: expect.stringContaining('Year-end freeze') })]);
  });

  it('a deployment delivered twice and out of order, and seen again by the scan, writes one configuration record version', async () => {
    const { key } = await c.create('Swap the backup tape drive (issue 13)', { by: 'tom', type: 'Emergency', cis: ['backup-server'] });
    await ok(c.act(key, 'sofia', 'change.decide', { step: 'evaluate', decision: 'approved' }));
    const before = (await itemVersion('backup-server')).length;
    await c.eventMode({ duplicate: true, reorder: true });
    try {
      expect((await c.transition(key, 'Deploy (emergency)', 'tom')).status).toBe(204);
      await c.settle();
    } finally {
      await c.eventMode({ duplicate: false, reorder: false });
    }
    await c.scan();
    const after = await itemVersion('backup-server');
    expect(after.length).toBe(before + 1);
    expect(after.filter((v) => v.changeKey === key)).toHaveLength(1);
    expect((await c.section(key, 'carlos')).evidence.deployment?.configurationVersions).toEqual([{ id: 'backup-server', version: before + 1 }]);
  });
});
