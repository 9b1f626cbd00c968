import { HttpException, Version3Client } from 'jira.js';
import { planSetup, profileSlots, FIELD_SLOTS, type SetupPlan, type SetupWants } from '../../src/domain/setup-plan';
import { listProjects, readInventory, runSetupStep, SetupStepError } from '../../src/jira/setup';
import { demoAccountId, demoToken } from '../../sandbox/seed/demo';
import { actAsForgeRuntime } from './forge-globals';
import { data } from './admin-calls';
import { call, emailOf, withSandbox } from './harness';

/**
 * The setup wizard's backend (issue #4) with the real @forge/api against the sandbox, this process playing the
 * Forge runtime as the admin (sofia) or a non-admin (priya). What it built is read back with jira.js, an ordinary
 * Jira client, as the admin would see it in Jira.
 */
const CF = 'com.atlassian.jira.plugin.system.customfieldtypes:';
const ALL: SetupWants = { slots: profileSlots({ problem: true, 'service-request': true }) };
const CORE: SetupWants = { slots: profileSlots({ problem: false, 'service-request': false }) };

const jiraAs = (base: string, userKey: string): Version3Client => new Version3Client({ host: base, authentication: { basic: { email: emailOf(userKey), apiToken: demoToken(userKey) } } });

/** The wizard as the UI drives it: the first step of the current plan, one call at a time, until nothing is left. */
async function runWizard(projectKey: string, wants: SetupWants): Promise<{ results: Array<{ id: string; status: string; title: string; message: string }>; plan: SetupPlan }> {
  let plan = planSetup(await readInventory(projectKey), wants);
  const results: Array<{ id: string; status: string; title: string; message: string }> = [];
  while (!plan.nothingToDo) {
    if (results.length > 40) throw new Error(`the wizard does not terminate: ${plan.steps.map((s) => s.id).join(', ')}`);
    const id = plan.steps[0]!.id;
    const out = await runSetupStep(projectKey, id, wants);
    results.push({ id, status: out.status, title: out.title, message: out.message });
    plan = out.plan;
  }
  return { results, plan };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try { await p; } catch (e) { return e; }
  throw new Error('expected a rejection');
}

describe('setup wizard on a plain Jira site', () => {
  let env: Awaited<ReturnType<typeof withSandbox>>;
  let base: string;
  const counts = async () => ({
    issueTypes: (await jiraAs(base, 'sofia').issueTypes.getIssueAllTypes()).length,
    fields: (await jiraAs(base, 'sofia').issueFields.getFields()).length,
    projectTypes: ((await jiraAs(base, 'sofia').projects.getProject({ projectIdOrKey: 'OPS' })).issueTypes ?? []).map((t) => t.name),
  });

  beforeAll(async () => {
    env = await withSandbox({ seed: 'plain' });
    base = env.sandbox.url;
  });
  afterAll(async () => { await env?.stop(); });

  it('starts from one business project with only Task and no custom fields', async () => {
    await actAsForgeRuntime(base, demoAccountId('sofia'));
    expect(await listProjects()).toEqual([{ id: '10000', key: 'OPS', name: 'Operations', projectTypeKey: 'business' }]);
    const inventory = await readInventory('OPS');
    expect(inventory.project).toEqual({ id: '10000', key: 'OPS', name: 'Operations', projectTypeKey: 'business', issueTypeIds: ['10002'] });
    expect(inventory.fields.filter((f) => f.custom)).toEqual([]);
    const plan = planSetup(inventory, ALL);
    expect(plan.issueTypes.every((t) => t.action === 'create')).toBe(true);
    expect(plan.fields.every((f) => f.action === 'create')).toBe(true);
    expect(plan.steps).toHaveLength(2 * ALL.slots.length + FIELD_SLOTS.length + 5);
  });

  it('refuses a non-admin with Jira’s 403 in a SetupStepError, and creates nothing', async () => {
    const before = await counts();
    await actAsForgeRuntime(base, demoAccountId('priya'));
    const plan = planSetup(await readInventory('OPS'), ALL);
    const error = await rejection(runSetupStep('OPS', plan.steps[0]!.id, ALL));
    expect(error).toBeInstanceOf(SetupStepError);
    const e = error as SetupStepError;
    expect(e).toMatchObject({ stepId: 'issuetype:create:incident', title: 'Create the issue type "Incident"', status: 403 });
    expect(e.message).toBe('Create the issue type "Incident" failed (step issuetype:create:incident). Jira answered 403: You are not authorized to perform this action. '
      + 'Administrator privileges are required. Nothing after this step was done; fix the cause and resume: the wizard re-reads the site and continues from here.');
    const fieldError = await rejection(runSetupStep('OPS', 'field:create:rootCause', ALL));
    expect(fieldError).toMatchObject({ status: 403 });
    expect(await counts()).toEqual(before);
  });

  it('resumes after a failure part-way: what was done stays, the next run continues, and the total is the first plan', async () => {
    await actAsForgeRuntime(base, demoAccountId('sofia'));
    const first = planSetup(await readInventory('OPS'), ALL);
    // Three steps as the admin, then the run breaks (here: a non-admin's session), then the admin runs it again.
    const done: string[] = [];
    for (const step of first.steps.slice(0, 3)) {
      const out = await runSetupStep('OPS', step.id, ALL);
      expect(out.status).toBe('done');
      done.push(step.id);
    }
    expect(done).toEqual(['issuetype:create:incident', 'issuetype:add:incident', 'issuetype:create:service-change-request']);
    await actAsForgeRuntime(base, demoAccountId('priya'));
    const broken = await rejection(runSetupStep('OPS', 'issuetype:add:service-change-request', ALL));
    expect(broken).toMatchObject({ stepId: 'issuetype:add:service-change-request', status: 403 });

    await actAsForgeRuntime(base, demoAccountId('sofia'));
    const resumed = planSetup(await readInventory('OPS'), ALL);
    expect(resumed.steps.map((s) => s.id)).toEqual(first.steps.slice(3).map((s) => s.id));
    expect(resumed.issueTypes.slice(0, 2)).toEqual([
      expect.objectContaining({ slot: 'incident', action: 'reuse' }),
      expect.objectContaining({ slot: 'service-change-request', action: 'add-to-project', issueTypeId: expect.any(String) }),
    ]);
    const rest = await runWizard('OPS', ALL);
    expect(rest.results.map((r) => r.id)).toEqual(first.steps.slice(3).map((s) => s.id));
    expect(rest.results.every((r) => r.status === 'done')).toBe(true);
    expect(rest.plan.nothingToDo).toBe(true);
    expect(rest.results.find((r) => r.id === 'field:options:changeType')).toMatchObject({ title: 'Add the options "Pre-approved", "Emergency" and "Normal" to "Change type"', message: expect.stringContaining('Pre-approved, Emergency, Normal') });
  });

  it('leaves the project with every record type and the fields with their options, as jira.js reads them back', async () => {
    const sofia = jiraAs(base, 'sofia');
    const project = await sofia.projects.getProject({ projectIdOrKey: 'OPS' });
    expect(project.issueTypes?.map((t) => t.name)).toEqual(['Task', 'Incident', 'Service change request', 'Customer agreement', 'Supplier agreement', 'Problem', 'Service request']);
    expect(project.issueTypes?.find((t) => t.name === 'Customer agreement')?.description).toContain('WP.03');

    const fields = await sofia.issueFields.getFields();
    const byName = new Map(fields.filter((f) => f.custom).map((f) => [f.name!, f]));
    expect([...byName.keys()].sort()).toEqual([
      'Affected services', 'Back-out plan', 'Builder', 'Business impact', 'Change type', 'Deployer', 'Impact', 'Impacted CIs', 'Implementation plan',
      'Information security incident', 'Major incident', 'Planned end', 'Planned start', 'Root cause', 'Test plan', 'Urgency',
    ]);
    // A change's people (issue #13, D7): single user pickers, as Jira types them.
    expect(byName.get('Builder')?.schema).toMatchObject({ type: 'user', custom: `${CF}userpicker` });
    expect(byName.get('Deployer')?.schema).toMatchObject({ type: 'user', custom: `${CF}userpicker` });
    expect(byName.get('Back-out plan')?.schema).toMatchObject({ custom: `${CF}textarea` });
    expect(byName.get('Impact')?.schema).toMatchObject({ type: 'option', custom: `${CF}select` });
    expect(byName.get('Affected services')?.schema).toMatchObject({ type: 'array', items: 'option', custom: `${CF}multiselect` });
    expect(byName.get('Impacted CIs')?.schema).toMatchObject({ type: 'array', items: 'string', custom: `${CF}labels` });
    expect(byName.get('Planned start')?.schema).toMatchObject({ type: 'datetime', custom: `${CF}datetime` });
    expect(byName.get('Root cause')?.schema).toMatchObject({ custom: `${CF}textarea` });
    expect(byName.get('Major incident')?.schema).toMatchObject({ type: 'array', items: 'option', custom: `${CF}multicheckboxes` });

    const optionsOf = async (name: string): Promise<string[]> => {
      const id = byName.get(name)!.id!;
      const context = (await sofia.issueCustomFieldContexts.getContextsForField({ fieldId: id })).values!.find((c) => c.isGlobalContext)!;
      return ((await sofia.issueCustomFieldOptions.getOptionsForContext({ fieldId: id, contextId: Number(context.id) })).values ?? []).map((o) => o.value);
    };
    expect(await optionsOf('Impact')).toEqual(['High', 'Medium', 'Low']);
    expect(await optionsOf('Urgency')).toEqual(['High', 'Medium', 'Low']);
    expect(await optionsOf('Change type')).toEqual(['Pre-approved', 'Emergency', 'Normal']);
    expect(await optionsOf('Major incident')).toEqual(['Major incident']);
    expect(await optionsOf('Information security incident')).toEqual(['Information security incident']);
    expect(await optionsOf('Affected services')).toEqual([]);

    // An agent can now record an incident in OPS with the profile's fields; the new type has the Simple workflow.
    const id = (n: string) => byName.get(n)!.id!;
    const created = await jiraAs(base, 'priya').issues.createIssue({ fields: {
      project: { key: 'OPS' }, issuetype: { name: 'Incident' }, summary: 'Mail relay rejects connections',
      [id('Impact')]: { value: 'High' }, [id('Urgency')]: { value: 'Medium' }, [id('Major incident')]: [{ value: 'Major incident' }],
      [id('Impacted CIs')]: ['mx-01'], [id('Planned start')]: '2026-11-21T10:00:00.000+0000',
    } });
    const issue = await jiraAs(base, 'priya').issues.getIssue({ issueIdOrKey: created.key, fields: ['status', id('Impact'), id('Major incident'), id('Impacted CIs')] });
    expect(issue.fields.status?.name).toBe('To Do');
    expect(issue.fields[id('Impact')]).toMatchObject({ value: 'High' });
    expect(issue.fields[id('Major incident')]).toEqual([expect.objectContaining({ value: 'Major incident' })]);
    expect(issue.fields[id('Impacted CIs')]).toEqual(['mx-01']);
  });

  it('a second full run executes no step, and the site keeps the same issue types and fields', async () => {
    await actAsForgeRuntime(base, demoAccountId('sofia'));
    const before = await counts();
    const plan = planSetup(await readInventory('OPS'), ALL);
    expect(plan).toMatchObject({ nothingToDo: true, steps: [], warnings: [] });
    expect(Object.keys(plan.mapping.issueTypes).sort()).toEqual([...ALL.slots].sort());
    expect(Object.keys(plan.mapping.fields).sort()).toEqual([...FIELD_SLOTS].sort());
    // Replaying every step id of a full setup (a double click, a second tab, a retry) does nothing.
    const everyStep = ALL.slots.flatMap((s) => [`issuetype:create:${s}`, `issuetype:add:${s}`]).concat(FIELD_SLOTS.flatMap((f) => [`field:create:${f}`, `field:options:${f}`]));
    for (const id of everyStep) {
      const out = await runSetupStep('OPS', id, ALL);
      expect(out.status).toBe('skipped');
      expect(out.message).toMatch(/^Already done/);
      expect(out.plan.nothingToDo).toBe(true);
    }
    expect(await counts()).toEqual(before);
    expect((await runWizard('OPS', ALL)).results).toEqual([]);
  });

  it('answers an unknown step id with a SetupStepError, not "already done"', async () => {
    const error = await rejection(runSetupStep('OPS', 'issuetype:delete:incident', ALL));
    expect(error).toBeInstanceOf(SetupStepError);
    expect((error as Error).message).toContain('There is no such setup step');
  });

  it('reseeds the plain site on reset (the seed kind the sandbox started with)', async () => {
    const reset = await call(base, 'POST', '/sandbox/reset');
    expect(reset.body).toMatchObject({ reset: true, seed: 'plain' });
    await actAsForgeRuntime(base, demoAccountId('sofia'));
    const plan = planSetup(await readInventory('OPS'), CORE);
    expect(plan.issueTypes.every((t) => t.action === 'create')).toBe(true);
    let caught: unknown;
    try { await jiraAs(base, 'sofia').projects.getProject({ projectIdOrKey: 'SD' }); } catch (e) { caught = e; }
    expect(caught).toBeInstanceOf(HttpException);
    expect((caught as HttpException).status).toBe(404);
  });
});

describe('the demo seed starts set up: the app\'s wizard has run on the JSM project SD', () => {
  let env: Awaited<ReturnType<typeof withSandbox>>;
  let base: string;
  beforeAll(async () => {
    env = await withSandbox();
    base = env.sandbox.url;
    await actAsForgeRuntime(base, demoAccountId('sofia'));
  });
  afterAll(async () => { await env?.stop(); });

  it('leaves the wizard nothing to do on SD, through the admin page as Sofia, and SD is mapped', async () => {
    const view = await data(base, 'sofia', 'setup.plan', { projectKey: 'SD' });
    expect(view.plan).toMatchObject({ nothingToDo: true, steps: [], warnings: [] });
    // The seed ran the wizard to its end (setup.finish): the run is recorded and SD's mapping is the site's.
    expect(view.lastRun).toMatchObject({ projectKey: 'SD', startedBy: demoAccountId('sofia'), finishedAt: expect.any(String) });
    expect(view.lastRun?.steps.map((s) => s.status).every((s) => s === 'done')).toBe(true);
    const setup = await data(base, 'sofia', 'adminPage.load', {});
    expect(JSON.stringify(setup)).toContain('"projectKey":"SD"');
  });

  it('has the Root cause field on SD\'s Incident, as the wizard creates it', async () => {
    const fields = await jiraAs(base, 'sofia').issueFields.getFields();
    const rootCause = fields.find((f) => f.name === 'Root cause');
    expect(rootCause?.schema).toMatchObject({ custom: `${CF}textarea` });
    const meta = await call(base, 'GET', '/rest/api/3/issue/createmeta/SD/issuetypes/10001', { user: 'priya' });
    expect(meta.status).toBe(200);
    expect((meta.body as { fields: Array<{ fieldId: string; name: string }> }).fields.map((f) => f.name)).toContain('Root cause');
  });

  it('reused Incident (10001), Change (10002) and the existing ITSM fields of SD instead of creating new ones', async () => {
    const inventory = await readInventory('SD');
    expect(inventory.project).toMatchObject({ key: 'SD', projectTypeKey: 'service_desk' });
    // The seed's "Standard" change type was kept (it counts as Pre-approved), not replaced.
    expect(inventory.options).toMatchObject({ customfield_10010: ['High', 'Medium', 'Low'], customfield_10012: ['Standard', 'Normal', 'Emergency'] });
    const plan = planSetup(inventory, ALL);
    expect(plan.nothingToDo).toBe(true);
    expect(plan.mapping.issueTypes).toMatchObject({
      incident: { id: '10001', name: 'Incident' }, 'service-change-request': { id: '10002', name: 'Change' },
      problem: { id: '10003', name: 'Problem' }, 'service-request': { id: '10004', name: 'Service request' },
    });
    expect(plan.mapping.fields).toMatchObject({
      impact: { id: 'customfield_10010', name: 'Impact' }, urgency: { id: 'customfield_10011', name: 'Urgency' }, changeType: { id: 'customfield_10012', name: 'Change type' },
      affectedServices: { id: 'customfield_10013' }, plannedStart: { id: 'customfield_10014' }, plannedEnd: { id: 'customfield_10015' },
      rootCause: { name: 'Root cause' }, majorIncident: { name: 'Major incident' },
      // JSM's change plans are reused (issue #13); what JSM lacks, the wizard created.
      implementationPlan: { id: 'customfield_10017', name: 'Implementation plan' }, backoutPlan: { id: 'customfield_10018', name: 'Backout plan' }, testPlan: { id: 'customfield_10019', name: 'Test plan' },
      businessImpact: { name: 'Business impact' }, builder: { name: 'Builder' }, deployer: { name: 'Deployer' },
    });
    expect(plan.mapping.optionAliases).toEqual({ changeType: { Standard: 'Pre-approved' } });
    const sofia = jiraAs(base, 'sofia');
    expect(((await sofia.projects.getProject({ projectIdOrKey: 'SD' })).issueTypes ?? []).map((t) => t.name)).toEqual(['Incident', 'Change', 'Problem', 'Service request', 'Customer agreement', 'Supplier agreement']);
    expect((await sofia.issueTypes.getIssueAllTypes()).filter((t) => t.name === 'Incident')).toHaveLength(1);
  });

  it('sets up the plain project OPS of the same site by adding the site’s types, not creating new ones', async () => {
    const typesBefore = (await jiraAs(base, 'sofia').issueTypes.getIssueAllTypes()).length;
    const plan = planSetup(await readInventory('OPS'), CORE);
    expect(plan.issueTypes.map((t) => [t.slot, t.action, t.issueTypeId])).toEqual([
      ['incident', 'add-to-project', '10001'], ['service-change-request', 'add-to-project', '10002'],
      ['customer-agreement', 'add-to-project', expect.any(String)], ['supplier-agreement', 'add-to-project', expect.any(String)],
    ]);
    expect(plan.fields.every((f) => f.action === 'reuse')).toBe(true);
    const run = await runWizard('OPS', CORE);
    expect(run.results.map((r) => r.id)).toEqual(CORE.slots.map((s) => `issuetype:add:${s}`));
    expect((await jiraAs(base, 'sofia').issueTypes.getIssueAllTypes()).length).toBe(typesBefore);
    // The Incident type brings the incident workflow it has in SD (a shared workflow scheme).
    const created = await jiraAs(base, 'tom').issues.createIssue({ fields: { project: { key: 'OPS' }, issuetype: { name: 'Incident' }, summary: 'Build agent offline' } });
    expect((await jiraAs(base, 'tom').issues.getIssue({ issueIdOrKey: created.key, fields: ['status'] })).fields.status?.name).toBe('Open');
  });

  it('sets SD up again after a reset', async () => {
    const reset = await call(base, 'POST', '/sandbox/reset');
    expect(reset.body).toMatchObject({ reset: true, seed: 'demo' });
    expect((await data(base, 'sofia', 'setup.plan', { projectKey: 'SD' })).plan.nothingToDo).toBe(true);
  });
});

describe('setup wizard when Jira fails (injected with POST /sandbox/faults)', () => {
  let env: Awaited<ReturnType<typeof withSandbox>>;
  let base: string;
  beforeAll(async () => {
    env = await withSandbox({ seed: 'plain' });
    base = env.sandbox.url;
    await actAsForgeRuntime(base, demoAccountId('sofia'));
  });
  afterAll(async () => { await env?.stop(); });

  it('retries a read that Jira answered 503, so the plan still comes', async () => {
    await call(base, 'POST', '/sandbox/faults', { body: { method: 'GET', path: '/rest/api/3/field', status: 503 } });
    const inventory = await readInventory('OPS');
    expect(inventory.fields.some((f) => f.id === 'summary')).toBe(true);
    expect((await call(base, 'GET', '/sandbox/faults')).body).toEqual({ faults: [] });
  });

  it('does not repeat a create that Jira answered 503 (it may have happened); the step fails with Jira’s words and the re-plan decides', async () => {
    const typesBefore = (await jiraAs(base, 'sofia').issueTypes.getIssueAllTypes()).length;
    await call(base, 'POST', '/sandbox/faults', { body: { method: 'POST', path: '/rest/api/3/issuetype', status: 503, message: 'Service unavailable.', times: 2 } });
    const error = await rejection(runSetupStep('OPS', 'issuetype:create:incident', ALL));
    expect(error).toMatchObject({ stepId: 'issuetype:create:incident', status: 503, jiraMessages: ['Service unavailable.'] });
    // One POST reached the fault (it is not retried); the second injected failure is still waiting.
    expect((await call(base, 'GET', '/sandbox/faults')).body).toMatchObject({ faults: [{ method: 'POST', hits: 1, times: 2 }] });
    expect((await jiraAs(base, 'sofia').issueTypes.getIssueAllTypes()).length).toBe(typesBefore);
    await call(base, 'DELETE', '/sandbox/faults');
    const resumed = await runSetupStep('OPS', 'issuetype:create:incident', ALL);
    expect(resumed.status).toBe('done');
    expect((await jiraAs(base, 'sofia').issueTypes.getIssueAllTypes()).filter((t) => t.name === 'Incident')).toHaveLength(1);
  });

  it('refuses a malformed fault with the field named', async () => {
    const res = await call(base, 'POST', '/sandbox/faults', { body: { method: 'PATCH', path: 'field', status: 200 } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('path: must start with /rest/');
    expect(JSON.stringify(res.body)).toContain('status');
  });
});
