/**
 * Issue #13 against the sandbox: service change requests follow the three paths of D16, approvals obey ROL-11 and D7
 * whoever moves the issue (the panel or Jira's REST API), preconditions (D3) are said in words, and every refusal
 * leaves the status where it was.
 */
import { changeDriver } from './change-driver';
import { demoAccountId } from '../../sandbox/seed/demo';
import { call, withSandbox } from './harness';

describe('issue #13: change requests, their paths and approvals', () => {
  let env: Awaited<ReturnType<typeof withSandbox>>;
  let c: ReturnType<typeof changeDriver>;
  beforeAll(async () => { env = await withSandbox({ startAt: '2026-12-01T08:00:00.000Z' }); c = changeDriver(env.sandbox.url); });
  afterAll(async () => { await env.stop(); });

  it('SD-8 as observed: the practitioner who reported it cannot approve it, through the panel or through Jira', async () => {
    const { key } = await c.create('Replace the mail relay certificate (issue 13)', { by: 'tom', impact: 'High', urgency: 'High' });
    // CHG-11: the same matrix as incidents gives High × High → Critical.
    expect(await c.priority(key)).toBe('Critical');
    const refused = await c.act(key, 'tom', 'change.decide', { step: 'evaluate', decision: 'approved' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Control Manager') } });

    expect((await c.transition(key, 'Submit for approval', 'tom')).status).toBe(204);
    const byRest = await c.transition(key, 'Approve', 'tom');
    expect(byRest.status).toBe(400);
    expect(JSON.stringify(byRest.body)).toContain('cannot move to “Approved”');
    expect(JSON.stringify(byRest.body)).toContain('Control Manager who did not request, build or deploy the change');
    expect(await c.status(key)).toBe('Awaiting approval');
  });

  it('D7: the Control Manager may not approve a change they requested; the refusal says why', async () => {
    const { key } = await c.create('Rotate backup encryption keys (issue 13)', { by: 'carlos' });
    const out = await c.act(key, 'carlos', 'change.decide', { step: 'evaluate', decision: 'approved' });
    expect(out).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('you requested this change') } });
    expect(await c.status(key)).toBe('Draft');
    const section = await c.section(key, 'sofia');
    expect(section.approvers?.excluded).toEqual([{ person: expect.objectContaining({ displayName: 'Carlos Ibáñez' }), reason: 'Carlos Ibáñez requested this change' }]);
  });

  it('D3: an approval needs the request documented and a configuration item (CO-06); then it is recorded and the status follows', async () => {
    const { key } = await c.create('Upgrade the mail cluster (issue 13)', { by: 'tom', documented: false });
    const early = await c.act(key, 'carlos', 'change.decide', { step: 'evaluate', decision: 'approved' });
    expect(early.ok).toBe(false);
    if (early.ok) return;
    expect(early.error.message).toContain('the request field "business impact"');
    expect(early.error.message).toContain('at least one impacted configuration item');
    expect(await c.status(key)).toBe('Draft');

    const f = await c.fields();
    const doc = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
    expect(await c.edit(key, 'tom', { [f.businessImpact!]: doc('All mail.'), [f.implementation!]: doc('Rolling upgrade.'), [f.backOut!]: doc('Snapshot restore.') })).toBe(204);
    expect(await c.act(key, 'tom', 'change.setConfigurationItems', { ids: ['mail-relay-mx1'], newService: false })).toMatchObject({ ok: true });

    const approved = await c.act(key, 'carlos', 'change.decide', { step: 'evaluate', decision: 'approved' });
    if (!approved.ok) throw new Error(approved.error.message);
    expect(approved.data.message).toContain('It is now “Approved”');
    expect(await c.status(key)).toBe('Approved');
    const s = approved.data.section;
    expect(s.decisions).toEqual([expect.objectContaining({ step: 'evaluate', decision: 'approved', by: expect.objectContaining({ displayName: 'Carlos Ibáñez' }), role: 'Control Manager', counted: true })]);
    expect(s.next?.label).toBe('Service design approved');
    // CO-08: the build does not start before the service design is approved, by the panel or by Jira.
    const build = await c.transition(key, 'Start build', 'priya');
    expect(build.status).toBe(400);
    expect(JSON.stringify(build.body)).toContain('the service design approved');
    expect(await c.status(key)).toBe('Approved');
  });

  it('CO-05: a rejection keeps its reason and the request does not move on', async () => {
    const { key } = await c.create('Open the firewall for a vendor (issue 13)', { by: 'priya' });
    expect(await c.act(key, 'carlos', 'change.decide', { step: 'evaluate', decision: 'rejected' })).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('Reason') } });
    const rejected = await c.act(key, 'carlos', 'change.decide', { step: 'evaluate', decision: 'rejected', reason: 'No business case; use the VPN instead.' });
    if (!rejected.ok) throw new Error(rejected.error.message);
    expect(await c.status(key)).toBe('Rejected');
    expect(rejected.data.section.rejection).toMatchObject({ reason: 'No business case; use the VPN instead.', by: expect.objectContaining({ displayName: 'Carlos Ibáñez' }) });
    expect(await c.act(key, 'carlos', 'change.decide', { step: 'evaluate', decision: 'approved' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('rejected') } });
  });

  it('D15: a pre-approved designation is refused before the change completed the full normal path, saying what is missing', async () => {
    const { key } = await c.create('Add disk space to the mail store (issue 13)', { by: 'tom' });
    const out = await c.act(key, 'carlos', 'change.designateTemplate', { name: 'Add mail store disk', businessApprover: 'Max Bauer', agreedOn: '2026-12-01' });
    expect(out).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('cannot be designated a pre-approved change yet') } });
    if (out.ok) return;
    expect(out.error.message).toContain('is still "Draft"');
    expect(await c.act(key, 'tom', 'change.designateTemplate', { name: 'x', businessApprover: 'Max Bauer', agreedOn: '2026-12-01' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('D7 holds for JSM\'s own approval: the requester approving in JSM is refused, the Control Manager\'s approval moves it and is recorded', async () => {
    const approvals = async (key: string, user: string) => (await call(env.sandbox.url, 'GET', `/rest/servicedeskapi/request/${key}/approval`, { user })).body as { values: Array<{ id: string | number; finalDecision: string }> };
    const answer = async (key: string, user: string) => {
      const id = (await approvals(key, user)).values[0]?.id;
      return call(env.sandbox.url, 'POST', `/rest/servicedeskapi/request/${key}/approval/${String(id)}`, { user, body: { decision: 'approve' } });
    };
    const f = await c.fields();
    const approversField = (((await call(env.sandbox.url, 'GET', '/rest/api/3/field', { user: 'sofia' })).body as Array<{ id: string; name: string }>).find((x) => x.name === 'Approvers'))?.id ?? '';

    // Carlos requested it and is its JSM approver: approving it there is refused by the validator, in words.
    const own = await c.create('Carlos approves his own change in JSM (issue 13)', { by: 'carlos' });
    expect(await c.edit(own.key, 'carlos', { [approversField]: [{ accountId: demoAccountId('carlos') }] })).toBe(204);
    expect((await c.transition(own.key, 'Submit for approval', 'carlos')).status).toBe(204);
    const refused = await answer(own.key, 'carlos');
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('Carlos Ibáñez requested this change');
    expect(await c.status(own.key)).toBe('Awaiting approval');

    // Tom requested it; Carlos approves in JSM: the transition passes and the decision is kept as evidence.
    const tom = await c.create('Tom\'s change approved in JSM (issue 13)', { by: 'tom' });
    expect(await c.edit(tom.key, 'tom', { [approversField]: [{ accountId: demoAccountId('carlos') }] })).toBe(204);
    expect((await c.transition(tom.key, 'Submit for approval', 'tom')).status).toBe(204);
    expect((await answer(tom.key, 'carlos')).status).toBeLessThan(300);
    await c.settle();
    expect(await c.status(tom.key)).toBe('Approved');
    const section = await c.section(tom.key, 'sofia');
    expect(section.decisions).toEqual([expect.objectContaining({ step: 'evaluate', decision: 'approved', via: 'jsm', role: 'Control Manager', counted: true })]);
    expect(section.next?.label).toBe('Service design approved');
    void f;
  });

  it('D17: two changes touching the same configuration item at overlapping times are flagged in both panels, and the freeze refuses SD-17\'s approval', async () => {
    const a = await c.section('SD-8', 'carlos');
    const b = await c.section('SD-18', 'carlos');
    expect(a.schedule.findings).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'conflict', otherKey: 'SD-18', message: expect.stringContaining('configuration item waf-policy') })]));
    expect(b.schedule.findings).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'conflict', otherKey: 'SD-8' })]));
    const frozen = await c.act('SD-17', 'carlos', 'change.decide', { step: 'evaluate', decision: 'approved' });
    expect(frozen).toMatchObject({ ok: false, error: { message: expect.stringContaining('inside the freeze “Year-end freeze”') } });
    expect(await c.status('SD-17')).toBe('Awaiting approval');
  });

  it('the change panel makes at most two Jira REST calls per render (who is asking, and the issue; the changes planned at the same time come from app storage)', async () => {
    const stats = async () => ((await call(env.sandbox.url, 'GET', '/sandbox/stats')).body as { restCallsByApp: number }).restCallsByApp;
    for (const key of ['SD-8', 'SD-13', 'SD-16']) {
      const before = await stats();
      const view = await c.panel(key, 'carlos');
      expect(view.change).not.toBeNull();
      expect((await stats()) - before).toBeLessThanOrEqual(2);
    }
  });

  it('D26: a customer sees no change internals: Jira hides the change, and the actions refuse them', async () => {
    const { key } = await c.create('Internal change (issue 13)', { by: 'tom' });
    const team = await c.section(key, 'sofia');
    expect(team.audience).toBe('team');
    expect(team.requester?.displayName).toBe('Tom Becker');
    const customer = await c.panelResult(key, 'carla');
    if (customer.ok) {
      expect(customer.data.change?.audience).toBe('customer');
      expect(customer.data.change?.decisions).toEqual([]);
      expect(customer.data.change?.requester).toBeNull();
    } else expect(customer.error.code).toBe('forbidden');
    expect(await c.act(key, 'carla', 'change.recordBuild', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
