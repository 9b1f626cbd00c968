/**
 * Issue #11 as an attacker, a fault injector and a second person would try it (ADR 010): every observation of the
 * issue, written as its scenario, against the real sandbox (the unmodified app's trigger, scan, validator and
 * resolvers; Jira failures injected with POST /sandbox/faults; events duplicated and reordered; scans and resolver
 * calls run at the same time). Each asserts the end state a person would see and the outbox: nothing twice, nothing
 * lost.
 */
import { demoAccountId } from '../../sandbox/seed/demo';
import { claimLedger } from '../../src/store/ledger';
import { actAsForgeRuntime } from './forge-globals';
import { call, withSandbox } from './harness';
import { HOUR, MIN, F, incidentDriver } from './incident-driver';

jest.setTimeout(120_000);

type Env = Awaited<ReturnType<typeof withSandbox>>;

describe('trustworthy incident state (issue #11)', () => {
  let env: Env;
  let base: string;
  let d: ReturnType<typeof incidentDriver>;
  beforeAll(async () => {
    // Tuesday 2026-12-01 01:59 UTC: outside the default policy's service hours (Mon–Fri 09:00–17:00 UTC).
    env = await withSandbox({ startAt: '2026-12-01T01:59:00.000Z' });
    base = env.sandbox.url;
    d = incidentDriver(base);
    await d.scan(); // adopt the seeded incidents, so later scans report only what the tests do
  });
  afterAll(async () => { await env.stop(); });
  afterEach(async () => {
    await d.eventMode({ duplicate: false, reorder: false });
    await call(base, 'DELETE', '/sandbox/faults');
  });

  describe('1. the app’s truth is app storage; sd-state is an index it never trusts', () => {
    it('a closure confirmation Carlos writes into SD-3’s property does not let the incident close, and is overwritten', async () => {
      const forged = { schemaVersion: 1, kind: 'incident', closure: { confirmedBy: demoAccountId('carla'), confirmedAt: '2026-11-30T10:00:00.000Z', how: 'phone call' } };
      expect(await d.writeProperty('SD-3', 'carlos', forged)).toBeLessThan(300);
      const refused = await d.transition('SD-3', 'Close');
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain('a recorded confirmation by an affected party');
      expect((await d.panel('SD-3')).incident?.closure.confirmation).toBeNull();
      // The next evaluation (any event) writes the index from the app's own state: the forged part is gone.
      await d.comment('SD-3', 'priya', 'Still waiting for your confirmation.', { internal: true });
      expect(await d.property('SD-3')).not.toHaveProperty('closure');
    });

    it('a next deadline pushed to 2099 in the property does not stop the escalation of a Critical incident', async () => {
      const { key } = await d.create('Mail relay down (deadline forged)', 'High', 'High');
      const index = await d.property(key);
      expect(await d.writeProperty(key, 'priya', { ...index, nextDeadline: '2099-01-01T00:00:00.000Z' })).toBeLessThan(300);
      await d.advance(4 * HOUR + MIN);
      const run = await d.scan();
      expect(run.result?.escalated).toContainEqual({ key, escalation: 'resolution#1:management' });
      expect(await d.notificationsOf(key)).toHaveLength(1);
      expect((await d.property(key))?.nextDeadline).not.toBe('2099-01-01T00:00:00.000Z');
    });

    it('an escalation entry faked into the property is not taken as done: the incident is escalated, once', async () => {
      const { key } = await d.create('Mail relay down (escalation forged)', 'High', 'High');
      const index = await d.property(key);
      const fake = { key: 'resolution#1:management', metric: 'resolution', cycle: 1, thresholdId: 'management', afterMs: 4 * HOUR, priority: 'Critical', crossedAt: '2026-12-01T06:00:00.000Z', escalatedAt: '2026-12-01T06:00:00.000Z', notified: [] };
      expect(await d.writeProperty(key, 'priya', { ...index, escalated: 'yes', incident: { ...index?.incident, escalations: [fake] } })).toBeLessThan(300);
      await d.advance(4 * HOUR + MIN);
      await d.scan();
      await d.scan();
      expect(await d.notificationsOf(key)).toHaveLength(1);
      expect(await d.appComments(key, 'internal')).toHaveLength(1);
      expect((await d.panel(key)).incident?.escalations).toHaveLength(1);
      // The index the app wrote back holds no escalation at all (D26: customers read it).
      expect(JSON.stringify(await d.property(key))).not.toMatch(/escalat|notified/i);
    });
  });

  describe('2. state converges after a failure, without waiting for another Jira event', () => {
    it('a 503 on the trigger’s read while impact and urgency are raised: the next scan sets Critical, and escalates once after 4 h', async () => {
      const { key } = await d.create('Shared drive slow (raised later)', 'Medium', 'Medium');
      expect(await d.priority(key)).toBe('Normal');
      await d.fault({ method: 'GET', path: `/rest/api/3/issue/${key}`, times: 4 });
      expect(await d.edit(key, 'ines', { [F.impact]: { value: 'High' }, [F.urgency]: { value: 'High' } })).toBe(204);
      expect(await d.priority(key)).toBe('Normal'); // the trigger could not read the issue
      const repair = await d.scan();
      expect(repair.result?.repaired).toContain(key);
      expect(await d.priority(key)).toBe('Critical');
      expect((await d.property(key))?.incident?.priority.value).toBe('Critical');
      expect((await d.panel(key)).incident?.priority.syncPending).toBe(false);
      await d.advance(4 * HOUR + MIN);
      await d.scan();
      await d.scan();
      await d.scan();
      expect(await d.notificationsOf(key)).toHaveLength(1);
      expect((await d.panel(key)).incident?.escalations).toEqual([expect.objectContaining({ key: 'resolution#1:management' })]);
    });

    it('one 503 on the "Service restored" message: the next scan sends it, once', async () => {
      const { key } = await d.create('Printer queue stuck (restoration message)', 'Low', 'Low');
      await d.transition(key, 'Start work');
      await d.fault({ method: 'POST', path: `/rest/api/3/issue/${key}/comment`, times: 1 });
      expect((await d.transition(key, 'Resolve')).status).toBe(204);
      expect((await d.appComments(key, 'public')).filter((c) => c.includes('Service restored'))).toHaveLength(0);
      const run = await d.scan();
      expect(run.result?.repaired).toContain(key);
      await d.scan();
      expect((await d.appComments(key, 'public')).filter((c) => c.includes('Service restored'))).toHaveLength(1);
      expect((await d.property(key))?.incident?.communications.map((c) => c.key)).toEqual(['incident-investigating#1', 'incident-restored#1']);
    });

    it('when nothing is pending the scan makes one Jira search', async () => {
      await d.scan();
      const run = await d.scan();
      expect(run.result).toMatchObject({ adopted: [], repaired: [], due: [], failed: [], searchCalls: 1 });
      expect(run.jiraCalls).toBe(1);
    });
  });

  describe('3. overlapping runs act once; events in any order give the same end state', () => {
    it('three scans at the same time escalate once: one mail, one note', async () => {
      const { key } = await d.create('Backup target full (parallel scans)', 'High', 'High');
      await d.advance(4 * HOUR + MIN);
      const runs = await Promise.all([d.scan(), d.scan(), d.scan()]);
      expect(runs.every((r) => r.ok)).toBe(true);
      expect(runs.filter((r) => r.result?.escalated.some((e) => e.key === key))).toHaveLength(1);
      expect(await d.notificationsOf(key)).toHaveLength(1);
      expect(await d.appComments(key, 'internal')).toHaveLength(1);
    });

    it('a live claim of another run is left alone; a crashed run’s claim is taken over after its lease, and sent once', async () => {
      const created = await d.create('VPN gateway down (crashed claim)', 'High', 'High');
      await d.advance(4 * HOUR + MIN);
      // A scan claimed the escalation and died before notifying (its claim names it, with a one-minute lease).
      await actAsForgeRuntime(base);
      const at = await d.now();
      const record = { key: 'resolution#1:management', metric: 'resolution' as const, cycle: 1, thresholdId: 'management', afterMs: 4 * HOUR, priority: 'Critical', crossedAt: new Date(at - MIN).toISOString(), escalatedAt: new Date(at).toISOString(), notified: [demoAccountId('ines'), demoAccountId('sofia')] };
      expect((await claimLedger('esc', created.id, record.key, record, 'scan:crashed', at)).status).toBe('claimed');
      const whileLive = await d.scan();
      expect(whileLive.result?.failed).toContainEqual({ key: created.key, message: expect.stringContaining('being sent by another run') });
      expect(await d.notificationsOf(created.key)).toHaveLength(0);
      await d.advance(2 * MIN);
      const after = await d.scan();
      expect(after.result?.escalated).toContainEqual({ key: created.key, escalation: 'resolution#1:management' });
      await d.scan();
      expect(await d.notificationsOf(created.key)).toHaveLength(1);
      expect(await d.appComments(created.key, 'internal')).toHaveLength(1);
    });

    it('four parallel "Take this major incident" calls by two people: exactly one wins, the others are told who', async () => {
      // The demo site is set up: the wizard created the "Major incident" checkbox with its option when it was seeded.
      const fields = (await call(base, 'GET', '/rest/api/3/field', { user: 'sofia' })).body as Array<{ id: string; name: string }>;
      const fieldId = fields.find((f) => f.name === 'Major incident')!.id;
      const { key } = await d.create('Data centre cooling failure', 'Medium', 'Medium');
      expect(await d.edit(key, 'ines', { [fieldId]: [{ value: 'Major incident' }] })).toBe(204);
      const calls = await Promise.all(['ines', 'sofia', 'ines', 'sofia'].map((u) => d.act(key, u, 'incident.takeMajorIncident', {})));
      const winners = calls.filter((c) => c.ok);
      expect(winners).toHaveLength(1);
      const winner = winners[0]!.ok ? winners[0]!.data.manager.displayName : '';
      for (const c of calls.filter((x) => !x.ok)) expect(c).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining(winner) } });
      expect((await d.panel(key, 'ines')).incident?.majorIncident?.manager?.displayName).toBe(winner);
    });

    it('create → public reply → In progress → Resolved, delivered twice and in reverse order, ends as in order: Critical, Critical clocks, both messages once', async () => {
      const run = async (summary: string) => {
        const { key } = await d.create(summary, 'High', 'High', { wait: false });
        await d.comment(key, 'priya', 'We are on it.', { wait: false });
        await d.transition(key, 'Start work', 'priya', false);
        await d.transition(key, 'Resolve', 'priya', false);
        await d.settle();
        const view = await d.panel(key);
        return {
          key,
          priority: await d.priority(key),
          clocks: { fr: view.incident?.clocks.firstResponse?.targetMs, res: view.incident?.clocks.resolution?.targetMs, resPriority: view.incident?.clocks.resolution?.priority },
          messages: (await d.appComments(key, 'public')).map((c) => (c.includes('We are working on your incident') ? 'investigating' : c.includes('Service restored') ? 'restored' : 'other')),
          stored: (await d.property(key))?.incident?.communications.map((c) => c.key),
        };
      };
      const inOrder = await run('Webmail 500 errors (in order)');
      await d.eventMode({ duplicate: true, reorder: true });
      const shuffled = await run('Webmail 500 errors (duplicated, reordered)');
      expect(inOrder).toMatchObject({ priority: 'Critical', clocks: { fr: 15 * MIN, res: 4 * HOUR, resPriority: 'Critical' }, messages: ['investigating', 'restored'] });
      expect({ ...shuffled, key: '' }).toEqual({ ...inOrder, key: '' });
    });
  });

  describe('4. the priority at creation is the derived one (D25)', () => {
    it('a Critical incident created outside service hours with the priority write refused: due 15 min after creation, breached after 30 min without a reply', async () => {
      await d.advance(24 * HOUR - ((await d.now()) % (24 * HOUR)) + 2 * HOUR); // the next day, 02:00 UTC
      await d.fault({ method: 'PUT', path: '/rest/api/3/issue/SD-', times: 4 });
      const { key } = await d.create('Payment gateway rejects all cards', 'High', 'High');
      expect(await d.priority(key)).toBe('Normal'); // Jira refused the app's write (503 × 4)
      const view = await d.panel(key);
      const created = Date.parse(((await call(base, 'GET', `/rest/api/3/issue/${key}?fields=created`, { user: 'sofia' })).body as { fields: { created: string } }).fields.created.replace(/(\d{2})(\d{2})$/, '$1:$2'));
      const fr = view.incident?.clocks.firstResponse;
      expect(fr).toMatchObject({ priority: 'Critical', targetMs: 15 * MIN, clock: '24x7' });
      expect(Date.parse(fr!.dueAt!) - created).toBe(15 * MIN);
      await d.advance(31 * MIN);
      expect((await d.panel(key)).incident?.clocks.firstResponse).toMatchObject({ state: 'breached' });
    });
  });

  describe('5. separation of duty and authorization on the incident surfaces', () => {
    it('D26: a customer’s panel and the property they read show no escalation, no manager, no internal classification', async () => {
      const { key } = await d.create('Mailbox quota errors (customer view)', 'High', 'High');
      await d.advance(4 * HOUR + MIN);
      await d.scan();
      expect((await d.panel(key, 'ines')).incident?.escalations).toHaveLength(1);
      const carla = await d.panel(key, 'carla');
      expect(carla.incident).toMatchObject({ audience: 'customer', escalations: null, classification: null, links: null, majorIncident: null });
      expect(carla.incident?.closure.items.map((i) => i.id)).toEqual(['resolution', 'confirmation']);
      expect(carla.incident?.actions.takeMajorIncident.allowed).toBe(false);
      const asCarla = await d.property(key, 'carla');
      expect(asCarla).not.toBeNull();
      expect(JSON.stringify(asCarla)).not.toMatch(/escalat|notified|majorIncident|securityIncident|significant/i);
    });

    it('issuePanel.load and projectPage.load answer their own module only, and check its context', async () => {
      const wrong = await call(base, 'POST', '/sandbox/bridge', { user: 'ines', body: { type: 'invoke', payload: { functionKey: 'issuePanel.load', payload: {} }, context: { moduleKey: 'sd-project-page', extension: { project: { id: '10000', key: 'SD' } } } } });
      expect(wrong.body).toMatchObject({ ok: true, result: { ok: false, error: { code: 'forbidden', message: expect.stringContaining('sd-issue-panel') } } });
      const project = await call(base, 'POST', '/sandbox/bridge', { user: 'ines', body: { type: 'invoke', payload: { functionKey: 'projectPage.load', payload: {} }, context: { moduleKey: 'sd-issue-panel', extension: { issue: { id: '1', key: 'SD-1' }, project: { id: '10000', key: 'SD' } } } } });
      expect(project.body).toMatchObject({ ok: true, result: { ok: false, error: { code: 'forbidden', message: expect.stringContaining('sd-project-page') } } });
      const noIssue = await call(base, 'POST', '/sandbox/bridge', { user: 'ines', body: { type: 'invoke', payload: { functionKey: 'issuePanel.load', payload: {} }, context: { moduleKey: 'sd-issue-panel', extension: { project: { id: '10000', key: 'SD' } } } } });
      expect(noIssue.body).toMatchObject({ ok: true, result: { ok: false, error: { code: 'invalid-input', message: expect.stringContaining('issue') } } });
      // A customer opens the project page too, and its counts cover only what Jira lets her see: her own requests (D26).
      const customer = await call(base, 'POST', '/sandbox/bridge', { user: 'carla', body: { type: 'invoke', payload: { functionKey: 'projectPage.load', payload: {} }, context: { moduleKey: 'sd-project-page', extension: { project: { id: '10000', key: 'SD' } } } } });
      const page = (customer.body as { result: { ok: boolean; data?: { openByKind: Array<{ open: number }> } } }).result;
      expect(page.ok).toBe(true);
      const own = await call(base, 'GET', `/rest/api/3/search/jql?${new URLSearchParams({ jql: 'project = SD AND statusCategory != Done', maxResults: '100' })}`, { user: 'carla' });
      const ownOpen = (own.body as { issues: unknown[] }).issues.length;
      expect(page.data?.openByKind.reduce((n, k) => n + k.open, 0)).toBe(ownOpen);
    });

    it('a state-changing incident action checks the caller’s Jira permission on the issue, not only the role', async () => {
      // Carla can see her own incident but may not edit it; as a customer she is no agent either.
      const { key } = await d.create('Shared calendar missing (permissions)', 'Low', 'Low');
      await d.transition(key, 'Start work');
      await d.transition(key, 'Resolve');
      const raise = await d.act(key, 'carla', 'incident.raiseChange', { purpose: 'mitigation' });
      expect(raise).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      // Chen (another customer) may not see Carla's incident at all: Jira's answer decides.
      const chen = await d.act(key, 'chen', 'incident.recordConfirmation', { how: 'e-mail' });
      expect(chen).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Jira does not let you see') } });
      // The reporter confirms her own incident (Browse is all it needs).
      expect(await d.act(key, 'carla', 'incident.recordConfirmation', { how: 'e-mail' })).toMatchObject({ ok: true });
    });
  });
});
