/**
 * The admin page's resolvers (issue #4), invoked as demo users over the sandbox's bridge endpoint — the way the
 * Custom UI calls them — against the unmodified app running in the Forge host.
 */
import { kvs } from '@forge/kvs';
import { classifyIncident, defaultPolicy, type ServiceDeliveryPolicy } from '../../src/domain/policy';
import type { AdminPageView, AdminResult, Answers, AdminFunctionKey } from '../../src/contract/admin';
import { POLICY } from '../../src/store/documents';
import { loadDocument } from '../../src/store/work-product-store';
import { demoAccountId } from '../../sandbox/seed/demo';
import { actAsForgeRuntime } from './forge-globals';
import { call, withSandbox } from './harness';

type Env = Awaited<ReturnType<typeof withSandbox>>;

async function invoke<K extends AdminFunctionKey>(base: string, user: string, key: K, payload: unknown, moduleKey = 'sd-admin-page'): Promise<AdminResult<Answers[K]>> {
  const res = await call(base, 'POST', '/sandbox/bridge', { user, body: { type: 'invoke', payload: { functionKey: key, payload }, context: { moduleKey, extension: {} } } });
  const body = res.body as { ok: boolean; result?: AdminResult<Answers[K]>; error?: { message: string } };
  if (!body.ok || !body.result) throw new Error(`bridge failed for ${key}: ${JSON.stringify(body)}`);
  return body.result;
}

async function data<K extends AdminFunctionKey>(base: string, user: string, key: K, payload: unknown): Promise<Answers[K]> {
  const r = await invoke(base, user, key, payload);
  if (!r.ok) throw new Error(`${key} as ${user} refused: ${r.error.code} ${r.error.message}`);
  return r.data;
}

const id = demoAccountId;

function currentAssignments(view: AdminPageView): Array<{ accountId: string; roles: string[] }> {
  return (view.roles.current?.content.assignments ?? []).map((a) => ({ accountId: a.accountId, roles: [...a.roles] }));
}

describe('admin resolvers on the demo site', () => {
  let env: Env;
  let base: string;
  beforeAll(async () => { env = await withSandbox(); base = env.sandbox.url; });
  afterAll(async () => { await env.stop(); });

  it('loads the admin view with the viewer’s Jira admin right, roles and what they may do', async () => {
    const sofia = await data(base, 'sofia', 'adminPage.load', {});
    expect(sofia.viewer).toMatchObject({ displayName: 'Sofia Martins', isJiraAdmin: true, roles: ['SM'] });
    expect(sofia.permissions['setup.run'].allowed).toBe(true);
    expect(sofia.permissions['policy.approve'].allowed).toBe(true);
    expect(sofia.roles.current).toMatchObject({ version: 1, status: 'Approved' });
    expect(sofia.people.find((p) => p.accountId === id('carlos'))?.displayName).toBe('Carlos Ibáñez');
    expect(sofia.setup.projects.map((p) => p.key)).toEqual(expect.arrayContaining(['SD', 'OPS']));

    const priya = await data(base, 'priya', 'adminPage.load', {});
    expect(priya.viewer).toMatchObject({ isJiraAdmin: false, roles: ['PT'] });
    expect(priya.permissions['setup.run']).toEqual({ allowed: false, reason: expect.stringMatching(/Jira administrator/i) });
    expect(priya.permissions['roles.approve'].allowed).toBe(false);
  });

  it('refuses a non-admin calling setup or role resolvers directly, and nothing changes', async () => {
    const typesBefore = (await call(base, 'GET', '/rest/api/3/issuetype', { user: 'sofia' })).body as unknown[];
    const fieldsBefore = (await call(base, 'GET', '/rest/api/3/field', { user: 'sofia' })).body as unknown[];
    const before = await data(base, 'sofia', 'adminPage.load', {});

    const plan = await data(base, 'sofia', 'setup.plan', { projectKey: 'OPS' });
    const firstStep = plan.plan.steps[0];
    expect(firstStep).toBeDefined();
    const attempts = await Promise.all([
      invoke(base, 'priya', 'setup.plan', { projectKey: 'OPS' }),
      invoke(base, 'priya', 'setup.runStep', { projectKey: 'OPS', stepId: firstStep!.id }),
      invoke(base, 'priya', 'setup.finish', { projectKey: 'OPS' }),
      invoke(base, 'priya', 'roles.saveDraft', { assignments: [{ accountId: id('priya'), roles: ['SM'] }], overrides: [], expectedRevision: null }),
      invoke(base, 'priya', 'roles.approve', { revision: 1 }),
      invoke(base, 'carla', 'roles.saveDraft', { assignments: [{ accountId: id('carla'), roles: ['SM'] }], overrides: [], expectedRevision: null }),
      invoke(base, 'priya', 'config.save', { processes: { GO: true, CO: false, RE: true, IN: true }, modules: { problem: false, 'service-request': true, configuration: false, continuity: false, 'improvement-register': false, 'on-call': false }, expectedVersion: null }),
      invoke(base, 'tom', 'policy.approve', { revision: 1 }),
    ]);
    for (const a of attempts) expect(a).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    expect(attempts[1]).toMatchObject({ error: { message: expect.stringMatching(/Jira administrator/i) } });

    expect(((await call(base, 'GET', '/rest/api/3/issuetype', { user: 'sofia' })).body as unknown[]).length).toBe(typesBefore.length);
    expect(((await call(base, 'GET', '/rest/api/3/field', { user: 'sofia' })).body as unknown[]).length).toBe(fieldsBefore.length);
    const after = await data(base, 'sofia', 'adminPage.load', {});
    expect(after.roles.current?.version).toBe(before.roles.current?.version);
    expect(after.roles.draft).toBeNull();
    expect(after.roles.history).toEqual(before.roles.history);
    expect(after.config.current).toEqual(before.config.current);
  });

  it('shows the admin view to the service team only, and answers nothing to a call from another surface (D6)', async () => {
    for (const customer of ['carla', 'sam']) {
      const refused = await invoke(base, customer, 'adminPage.load', {});
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('member of the service team') } });
    }
    expect(await invoke(base, 'priya', 'adminPage.load', {})).toMatchObject({ ok: true });
    const fromPanel = await invoke(base, 'sofia', 'adminPage.load', {}, 'sd-issue-panel');
    expect(fromPanel).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'adminPage.load answers the sd-admin-page module only, not sd-issue-panel.' } });
  });

  it('refuses malformed payloads and names the field', async () => {
    const badRole = await invoke(base, 'sofia', 'roles.saveDraft', { assignments: [{ accountId: id('tom'), roles: ['XX'] }], overrides: [], expectedRevision: null });
    expect(badRole).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('assignments.0.roles.0') } });
    const noStep = await invoke(base, 'sofia', 'setup.runStep', { projectKey: 'OPS' });
    expect(noStep).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('stepId') } });
    const extra = await invoke(base, 'sofia', 'setup.plan', { projectKey: 'OPS', force: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('force') } });
    const policy = defaultPolicy('2026-11-22') as unknown as Record<string, unknown>;
    const badPolicy = { ...policy, targets: { ...(policy.targets as object), Critical: { firstResponseMinutes: 15, resolutionMinutes: 'four hours', escalateAfterMinutes: 240, clock: '24x7' } } };
    const refused = await invoke(base, 'sofia', 'policy.saveDraft', { policy: badPolicy, expectedRevision: null });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('Resolution target for Critical priority: must be a number of minutes') } });
    const view = await data(base, 'sofia', 'adminPage.load', {});
    expect(view.roles.draft).toBeNull();
    expect(view.policy.draft).toBeNull();
  });

  it('refuses CM + IM in one person naming ROL-06, and saves it with a justified override listed as an SoD exception', async () => {
    const view = await data(base, 'sofia', 'adminPage.load', {});
    const assignments = currentAssignments(view).map((a) => (a.accountId === id('carlos') ? { ...a, roles: ['CM', 'IM'] } : a));

    const refused = await invoke(base, 'sofia', 'roles.saveDraft', { assignments, overrides: [], expectedRevision: null });
    expect(refused).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('ROL-06') } });
    if (!refused.ok) expect(refused.error.message).toContain('Carlos Ibáñez');
    expect((await data(base, 'sofia', 'adminPage.load', {})).roles.draft).toBeNull();

    const tooShort = await invoke(base, 'sofia', 'roles.saveDraft', { assignments, overrides: [{ accountId: id('carlos'), justification: 'small team' }], expectedRevision: null });
    expect(tooShort).toMatchObject({ ok: false, error: { message: expect.stringMatching(/ROL-06.*at least 20 characters/) } });

    const justification = 'Six people: Ines is on parental leave until March, Carlos covers incidents.';
    const saved = await data(base, 'sofia', 'roles.saveDraft', { assignments, overrides: [{ accountId: id('carlos'), justification }], expectedRevision: null });
    expect(saved.roles.draft).toMatchObject({ revision: 1, validation: { ok: true } });
    expect(saved.roles.draft?.validation.exceptions).toEqual([expect.objectContaining({ rule: 'ROL-06', accountId: id('carlos'), justification, grantedBy: id('sofia') })]);
    expect(saved.roles.current?.version).toBe(1);

    // Two admins editing the same draft: the second save, based on the old revision, is refused, not merged.
    const stale = await invoke(base, 'sofia', 'roles.saveDraft', { assignments, overrides: [{ accountId: id('carlos'), justification }], expectedRevision: null });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });

    // Max (MGT) may edit the list but only the Service Manager approves it.
    const maxApproves = await invoke(base, 'max', 'roles.approve', { revision: 1 });
    expect(maxApproves).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Service Manager') } });

    const approved = await data(base, 'sofia', 'roles.approve', { revision: 1 });
    expect(approved.roles.current).toMatchObject({ version: 2, status: 'Updated', approvedBy: id('sofia') });
    expect(approved.roles.draft).toBeNull();
    expect(approved.roles.exceptions).toEqual([expect.objectContaining({ rule: 'ROL-06', accountId: id('carlos'), justification, message: expect.stringContaining('Carlos Ibáñez') })]);
    const actions = approved.roles.history.map((h) => h.action);
    expect(actions.slice(0, 2)).toEqual(['approved', 'draft-saved']);
    expect(approved.roles.history[0]).toMatchObject({ actor: id('sofia'), version: 2, summary: expect.stringContaining('Assigned IM to Carlos Ibáñez') });
  });

  it('refuses a role list without a Service Manager (ROL-04)', async () => {
    const view = await data(base, 'sofia', 'adminPage.load', {});
    const withoutSm = currentAssignments(view).map((a) => ({ ...a, roles: a.roles.filter((r) => r !== 'SM') }));
    const refused = await invoke(base, 'sofia', 'roles.saveDraft', { assignments: withoutSm, overrides: [], expectedRevision: null });
    expect(refused).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('ROL-04') } });
  });

  it('records training on the current list (IN.1.1) directly, with who and when, without a new version of the list (GO-12)', async () => {
    const before = await data(base, 'sofia', 'adminPage.load', {});
    const v = before.roles.current!.version;
    const future = await invoke(base, 'ines', 'roles.recordTraining', { accountId: id('tom'), kind: 'training', title: 'Major incident handling', completedOn: '2099-01-01', notes: '', task: 'IN.1.1' });
    expect(future).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('completedOn') } });
    const after = await data(base, 'ines', 'roles.recordTraining', { accountId: id('tom'), kind: 'training', title: 'Major incident handling', completedOn: '2026-11-02', notes: 'Two-day course', task: 'IN.1.1' });
    expect(after.roles.current).toEqual(before.roles.current);
    expect(after.roles.training).toEqual([expect.objectContaining({ accountId: id('tom'), title: 'Major incident handling', recordedBy: id('ines'), task: 'IN.1.1' })]);
    expect(after.roles.history[0]).toMatchObject({ action: 'training-recorded', actor: id('ines'), version: v, summary: expect.stringContaining('Tom Becker') });
    const priya = await invoke(base, 'priya', 'roles.recordTraining', { accountId: id('tom'), kind: 'training', title: 'Anything', completedOn: '2026-11-02', notes: '', task: 'IN.1.1' });
    expect(priya).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('approving a policy with a changed matrix cell changes how the next incident is classified (D8)', async () => {
    const view = await data(base, 'sofia', 'adminPage.load', {});
    const start: ServiceDeliveryPolicy = view.policy.draft?.content ?? view.policy.current?.content ?? view.policy.defaults;
    await actAsForgeRuntime(base);
    const before = await loadDocument(POLICY);
    const previous = before.current ? classifyIncident(before.current.content, before.current.version, 'Medium', 'Medium') : classifyIncident(view.policy.defaults, 1, 'Medium', 'Medium');
    expect(previous).toMatchObject({ ok: true, priority: 'Normal' });

    const edited: ServiceDeliveryPolicy = {
      ...start,
      objectives: 'Restore customer services within the agreed targets; learn from every major incident.',
      informationSecurity: { confidentiality: 'Customer data is encrypted at rest and in transit.', integrity: 'Changes go through the change process.', availability: 'Daily backups, restore tested quarterly.' },
      priorityMatrix: { ...start.priorityMatrix, cells: { ...start.priorityMatrix.cells, Medium: { ...start.priorityMatrix.cells.Medium, Medium: 'High' } } },
    };
    const incomplete = { ...edited, informationSecurity: { ...edited.informationSecurity, availability: '' } };
    const draft1 = await data(base, 'carlos', 'policy.saveDraft', { policy: incomplete, expectedRevision: view.policy.draft?.revision ?? null });
    const rev1 = draft1.policy.draft!.revision;
    const notYet = await invoke(base, 'sofia', 'policy.approve', { revision: rev1 });
    expect(notYet).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('Information security, availability') } });
    expect(notYet.ok ? '' : notYet.error.message).toContain('GO-08');

    const draft2 = await data(base, 'carlos', 'policy.saveDraft', { policy: edited, expectedRevision: rev1 });
    const rev2 = draft2.policy.draft!.revision;
    const byCarlos = await invoke(base, 'carlos', 'policy.approve', { revision: rev2 });
    expect(byCarlos).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Service Manager') } });
    const approved = await data(base, 'sofia', 'policy.approve', { revision: rev2 });
    expect(approved.policy.current).toMatchObject({ status: before.current ? 'Updated' : 'Approved', approvedBy: id('sofia') });
    expect(approved.policy.draft).toBeNull();

    // The trigger's domain call, on the policy as stored.
    await actAsForgeRuntime(base);
    const stored = await loadDocument(POLICY);
    expect(stored.current?.content.priorityMatrix.cells.Medium.Medium).toBe('High');
    expect(classifyIncident(stored.current!.content, stored.current!.version, 'Medium', 'Medium')).toMatchObject({ ok: true, priority: 'High' });
    expect(classifyIncident(stored.current!.content, stored.current!.version, 'Low', 'Low')).toMatchObject({ ok: true, priority: 'Normal' });
    // Superseded versions stay readable (D23).
    expect(await kvs.get(`doc:WP.14:v:${String(stored.current!.version).padStart(6, '0')}`)).toBeDefined();

    // And the incident trigger reads it: a new Medium × Medium incident becomes High, citing the approved version.
    const created = await call(base, 'POST', '/rest/api/3/issue', { user: 'priya', body: { fields: {
      project: { key: 'SD' }, issuetype: { name: 'Incident' }, summary: 'Slow file share', reporter: { accountId: id('carla') },
      customfield_10010: { value: 'Medium' }, customfield_10011: { value: 'Medium' },
    } } });
    expect(created.status).toBe(201);
    await call(base, 'POST', '/sandbox/events/settle');
    const key = (created.body as { key: string }).key;
    const issue = await call(base, 'GET', `/rest/api/3/issue/${key}?fields=priority&properties=sd-state`, { user: 'sofia' });
    expect(issue.body).toMatchObject({
      fields: { priority: { name: 'High' } },
      properties: { 'sd-state': { incident: { priority: { value: 'High', text: `Medium impact × Medium urgency → High (policy matrix v${String(stored.current!.version)})` } } } },
    });
  });

  it('imports holidays from an ICS file', async () => {
    const ics = ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261225', 'SUMMARY:Christmas Day', 'END:VEVENT', 'BEGIN:VEVENT', 'DTSTART:20261224T090000Z', 'SUMMARY:Team lunch', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
    const out = await data(base, 'sofia', 'policy.importIcs', { text: ics });
    expect(out.holidays).toEqual([{ date: '2026-12-25', name: 'Christmas Day' }]);
    expect(out.skipped).toHaveLength(1);
  });
});

describe('admin resolvers on a fresh plain Jira site', () => {
  let env: Env;
  let base: string;
  beforeAll(async () => { env = await withSandbox({ seed: 'plain' }); base = env.sandbox.url; });
  afterAll(async () => { await env.stop(); });

  it('lets a Jira admin approve the first role list while no Service Manager exists (D4)', async () => {
    const view = await data(base, 'sofia', 'adminPage.load', {});
    expect(view.roles.current).toBeNull();
    expect(view.permissions['roles.approve'].allowed).toBe(true);
    const noSm = await invoke(base, 'sofia', 'roles.saveDraft', { assignments: [{ accountId: id('carlos'), roles: ['CM'] }], overrides: [], expectedRevision: null });
    expect(noSm).toMatchObject({ ok: false, error: { message: expect.stringContaining('ROL-04') } });
    const draft = await data(base, 'sofia', 'roles.saveDraft', { assignments: [{ accountId: id('rachel'), roles: ['SM'] }, { accountId: id('carlos'), roles: ['CM'] }], overrides: [], expectedRevision: null });
    const approved = await data(base, 'sofia', 'roles.approve', { revision: draft.roles.draft!.revision });
    expect(approved.roles.current).toMatchObject({ version: 1, status: 'Approved' });
    // Now that Rachel is the Service Manager, the Jira admin no longer approves.
    expect(approved.permissions['roles.approve']).toMatchObject({ allowed: false });
  });

  it('switches to the Entry preset (D2): recorded with who and what, the wizard stops planning the Problem type, a stale save is a conflict', async () => {
    const before = await data(base, 'sofia', 'adminPage.load', {});
    expect(before.config).toMatchObject({ current: null, preset: 'basic' });
    const basicPlan = await data(base, 'sofia', 'setup.plan', { projectKey: 'OPS' });
    expect(basicPlan.plan.issueTypes.map((t) => t.slot)).toContain('problem');

    const entry = { processes: { GO: true, CO: false, RE: true, IN: true }, modules: { problem: false, 'service-request': true, configuration: false, continuity: false, 'improvement-register': false, 'on-call': false } };
    const saved = await data(base, 'sofia', 'config.save', { ...entry, expectedVersion: null });
    expect(saved.config).toMatchObject({ preset: 'entry', current: { version: 1, createdBy: id('sofia') }, effective: entry });
    const entryPlan = await data(base, 'sofia', 'setup.plan', { projectKey: 'OPS' });
    expect(entryPlan.plan.issueTypes.map((t) => t.slot)).toEqual(['incident', 'service-change-request', 'customer-agreement', 'supplier-agreement', 'service-request']);

    const stale = await invoke(base, 'sofia', 'config.save', { ...entry, modules: { ...entry.modules, problem: true }, expectedVersion: null });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('Reload') } });

    // Back to Basic for the wizard run below: every optional record type is planned again.
    const basic = await data(base, 'sofia', 'config.save', { processes: { GO: true, CO: true, RE: true, IN: true }, modules: { problem: true, 'service-request': true, configuration: true, continuity: true, 'improvement-register': true, 'on-call': true }, expectedVersion: 1 });
    expect(basic.config).toMatchObject({ preset: 'basic', current: { version: 2 } });
  });

  it('runs the setup wizard step by step, then finds nothing to do', async () => {
    const plan = await data(base, 'sofia', 'setup.plan', { projectKey: 'OPS' });
    expect(plan.plan.nothingToDo).toBe(false);
    let next = plan;
    let steps = 0;
    while (!next.plan.nothingToDo) {
      const step = next.plan.steps[0]!;
      const r = await data(base, 'sofia', 'setup.runStep', { projectKey: 'OPS', stepId: step.id });
      expect(r.step).toMatchObject({ id: step.id, status: 'done' });
      next = r.next;
      steps++;
      expect(steps).toBeLessThan(60);
    }
    const finished = await data(base, 'sofia', 'setup.finish', { projectKey: 'OPS' });
    expect(Object.keys(finished.mapping.issueTypes)).toEqual(expect.arrayContaining(['incident', 'service-change-request', 'customer-agreement', 'supplier-agreement']));
    expect(finished.setup.mappings.map((m) => m.projectKey)).toEqual(['OPS']);
    expect(finished.setup.lastRuns[0]).toMatchObject({ projectKey: 'OPS', finishedAt: expect.any(String), steps: expect.arrayContaining([expect.objectContaining({ status: 'done' })]) });

    const project = (await call(base, 'GET', '/rest/api/3/project/OPS', { user: 'sofia' })).body as { issueTypes: Array<{ name: string }> };
    expect(project.issueTypes.map((t) => t.name)).toEqual(expect.arrayContaining(['Incident', 'Service change request', 'Customer agreement', 'Supplier agreement']));
    const again = await data(base, 'sofia', 'setup.plan', { projectKey: 'OPS' });
    expect(again.plan).toMatchObject({ nothingToDo: true, steps: [] });
  });
});
