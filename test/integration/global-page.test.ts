/**
 * Issue #12 §6 (D28): the global page "Service delivery" is the service team's home. Managers who are not Jira
 * administrators open it and do their governance duties there, authorized on the server by the same rules as the admin
 * page; a customer is refused in words. And §2: a policy draft with issues saves, approval is what is blocked, and
 * what cannot be read is refused naming the field by its label. The app runs unmodified in the sandbox; resolvers are
 * invoked as demo users over the bridge endpoint, as the Custom UI's invoke does.
 */
import type { GlobalPageAnswers, GlobalPageFunctionKey, GovernanceView } from '../../src/contract/admin';
import type { Result } from '../../src/contract/results';
import { defaultPolicy } from '../../src/domain/policy';
import { demoAccountId } from '../../sandbox/seed/demo';
import { data as adminData, invoke as adminInvoke } from './admin-calls';
import { call, withSandbox } from './harness';

type Env = Awaited<ReturnType<typeof withSandbox>>;

// Several resolver calls each, on a machine shared with other test runs.
jest.setTimeout(60_000);

async function invoke<K extends GlobalPageFunctionKey>(base: string, user: string, key: K, payload: unknown, moduleKey = 'sd-global-page'): Promise<Result<GlobalPageAnswers[K]>> {
  const res = await call(base, 'POST', '/sandbox/bridge', { user, body: { type: 'invoke', payload: { functionKey: key, payload }, context: { moduleKey, extension: {} } } });
  const body = res.body as { ok: boolean; result?: Result<GlobalPageAnswers[K]>; error?: { message: string } };
  if (!body.ok || !body.result) throw new Error(`bridge failed for ${key}: ${JSON.stringify(body)}`);
  return body.result;
}

async function data<K extends GlobalPageFunctionKey>(base: string, user: string, key: K, payload: unknown): Promise<GlobalPageAnswers[K]> {
  const r = await invoke(base, user, key, payload);
  if (!r.ok) throw new Error(`${key} as ${user} refused: ${r.error.code} ${r.error.message}`);
  return r.data;
}

const allowed = (view: GovernanceView) => Object.entries(view.permissions).filter(([, d]) => d.allowed).map(([k]) => k).sort();

describe('the global page "Service delivery" (D28)', () => {
  let env: Env;
  let base: string;
  beforeAll(async () => { env = await withSandbox(); base = env.sandbox.url; });
  afterAll(async () => { await env.stop(); });

  it('opens for Max (Management) and Carlos (Control Manager), who are not Jira administrators, with their duties', async () => {
    const max = await data(base, 'max', 'globalPage.load', {});
    expect(max.viewer).toMatchObject({ displayName: 'Max Bauer', isJiraAdmin: false, roles: ['MGT'] });
    expect(allowed(max)).toEqual(['admin.view', 'policy.edit', 'roles.edit', 'training.record']);
    expect(max.roles.current?.content.assignments.length).toBeGreaterThan(0);
    expect(max).not.toHaveProperty('setup');
    expect(max).not.toHaveProperty('config');

    const carlos = await data(base, 'carlos', 'globalPage.load', {});
    expect(allowed(carlos)).toEqual(['admin.view', 'policy.edit', 'training.record']);
    expect(carlos.roles.current?.content.assignments.find((a) => a.accountId === demoAccountId('sofia'))?.roles).toEqual(['SM']);

    // A practitioner reads the roles and the policy, and may do nothing else.
    const tom = await data(base, 'tom', 'globalPage.load', {});
    expect(tom.policy.current ?? tom.policy.defaults).toBeTruthy();
    expect(allowed(tom)).toEqual(['admin.view']);
  });

  it('refuses Carla (customer) and Sam (supplier) in words, on the server', async () => {
    for (const user of ['carla', 'sam']) {
      const r = await invoke(base, user, 'globalPage.load', {});
      expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('This page is for the service team') } });
    }
    const draft = await invoke(base, 'carla', 'globalPage.policy.saveDraft', { policy: defaultPolicy('2026-12-04'), expectedRevision: null });
    expect(draft).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('authorizes each action by the governance rules: Max drafts, only the Service Manager approves', async () => {
    const start = await data(base, 'max', 'globalPage.load', {});
    const list = (start.roles.current?.content.assignments ?? []).map((a) => ({ accountId: a.accountId, roles: [...a.roles] }));
    const withTomAsRm = list.map((a) => (a.accountId === demoAccountId('tom') ? { ...a, roles: ['PT', 'RM'], practitionerAreas: ['IN'] } : a));
    // GO.1.2 is performed by the SM with MGT: Max proposes the change...
    const drafted = await data(base, 'max', 'globalPage.roles.saveDraft', { assignments: withTomAsRm, overrides: [], expectedRevision: null });
    const revision = drafted.roles.draft!.revision;
    // ...but approving is the Service Manager's (D6), whatever page asks.
    const refused = await invoke(base, 'max', 'globalPage.roles.approve', { revision });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Only the Service Manager approves the list of assigned roles') } });
    const approved = await data(base, 'sofia', 'globalPage.roles.approve', { revision });
    expect(approved.roles.current?.content.assignments.find((a) => a.accountId === demoAccountId('tom'))?.roles).toEqual(['PT', 'RM']);
    expect(approved.roles.draft).toBeNull();

    // Carlos (CM) may not edit the role list, only read it.
    const byCarlos = await invoke(base, 'carlos', 'globalPage.roles.saveDraft', { assignments: list, overrides: [], expectedRevision: null });
    expect(byCarlos).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('edit the list of assigned roles') } });

    // Put the list back (the Service Manager edits and approves).
    const back = await data(base, 'sofia', 'globalPage.roles.saveDraft', { assignments: list, overrides: [], expectedRevision: null });
    await data(base, 'sofia', 'globalPage.roles.approve', { revision: back.roles.draft!.revision });
  });

  it('keeps setup and mapping on the admin page: the global page has no setup function, and its functions answer only its own frame', async () => {
    const setupFromGlobal = await call(base, 'POST', '/sandbox/bridge', { user: 'max', body: { type: 'invoke', payload: { functionKey: 'setup.plan', payload: { projectKey: 'SD' } }, context: { moduleKey: 'sd-global-page', extension: {} } } });
    expect(JSON.stringify(setupFromGlobal.body)).toMatch(/answers the sd-admin-page module only/);
    const globalFromAdmin = await invoke(base, 'sofia', 'globalPage.load', {}, 'sd-admin-page');
    expect(globalFromAdmin).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('answers the sd-global-page module only') } });
  });
});

describe('policy drafts keep the editor’s promise (issue #12 §2)', () => {
  let env: Env;
  let base: string;
  beforeAll(async () => { env = await withSandbox(); base = env.sandbox.url; });
  afterAll(async () => { await env.stop(); });

  it('a draft with a negative target saves; approval is refused naming the field by its label', async () => {
    const view = await adminData(base, 'sofia', 'adminPage.load', {});
    const policy = structuredClone(view.policy.draft?.content ?? view.policy.current?.content ?? view.policy.defaults);
    policy.targets.High = { ...policy.targets.High!, firstResponseMinutes: -5 };
    const saved = await adminData(base, 'sofia', 'policy.saveDraft', { policy, expectedRevision: view.policy.draft?.revision ?? null });
    expect(saved.policy.draft?.content.targets.High?.firstResponseMinutes).toBe(-5);
    expect(saved.policy.draft?.issues).toContainEqual(expect.objectContaining({ path: 'targets.High.firstResponseMinutes', message: 'First response target for High priority must not be negative (it is -5).' }));
    expect(saved.policy.history[0]?.summary).toMatch(/\b1 open issue\b|\d+ open issues/);

    const refused = await adminInvoke(base, 'sofia', 'policy.approve', { revision: saved.policy.draft!.revision });
    expect(refused).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('First response target for High priority must not be negative') } });
    expect(refused.ok ? '' : refused.error.message).not.toContain('targets.High');

    // The same on the global page, for the Service Manager who is not a Jira administrator there.
    const globalSaved = await data(base, 'max', 'globalPage.policy.saveDraft', { policy, expectedRevision: saved.policy.draft!.revision });
    expect(globalSaved.policy.draft?.updatedBy).toBe(demoAccountId('max'));
  });

  it('only input that cannot be read as a policy is refused, and the refusal names the field by its label, not its path', async () => {
    const view = await adminData(base, 'sofia', 'adminPage.load', {});
    const policy = structuredClone(view.policy.draft?.content ?? view.policy.current?.content ?? view.policy.defaults) as unknown as { targets: { High: { firstResponseMinutes: unknown } } };
    policy.targets.High.firstResponseMinutes = 'soon';
    const refused = await adminInvoke(base, 'sofia', 'policy.saveDraft', { policy, expectedRevision: view.policy.draft?.revision ?? null });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input', message: 'This cannot be saved: First response target for High priority: must be a number of minutes.' } });
  });

  it('offers only the incident workflow’s statuses as pause statuses once a project is set up', async () => {
    let view = await adminData(base, 'sofia', 'adminPage.load', {});
    if (!view.setup.mappings.some((m) => m.issueTypes.incident)) {
      // A bare site: the site's statuses, since no incident workflow is known yet. Then the wizard sets up SD.
      expect(view.policy.jiraStatuses).toEqual(expect.arrayContaining(['Deployed']));
      let plan = await adminData(base, 'sofia', 'setup.plan', { projectKey: 'SD' });
      while (plan.plan.steps.length > 0) plan = (await adminData(base, 'sofia', 'setup.runStep', { projectKey: 'SD', stepId: plan.plan.steps[0]!.id })).next;
      await adminData(base, 'sofia', 'setup.finish', { projectKey: 'SD' });
      view = await adminData(base, 'sofia', 'adminPage.load', {});
    }
    const incident = view.setup.mappings.find((m) => m.issueTypes.incident)!;
    const types = (await call(base, 'GET', `/rest/api/3/project/${incident.projectKey}/statuses`, { user: 'sofia' })).body as Array<{ id: string; statuses: Array<{ name: string }> }>;
    const incidentStatuses = types.find((t) => t.id === incident.issueTypes.incident!.id)!.statuses.map((s) => s.name).sort();
    expect([...view.policy.jiraStatuses].sort()).toEqual([...new Set(incidentStatuses)].sort());
    const others = types.filter((t) => t.id !== incident.issueTypes.incident!.id).flatMap((t) => t.statuses.map((s) => s.name)).filter((n) => !incidentStatuses.includes(n));
    expect(others.length).toBeGreaterThan(0);
    for (const n of others) expect(view.policy.jiraStatuses).not.toContain(n);
    // And the History tab's source: the wizard's run is there.
    expect(view.setup.lastRuns.some((r) => r.projectKey === 'SD')).toBe(true);
  });
});
