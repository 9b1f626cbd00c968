/**
 * The admin page (issue #4) as a Jira admin uses it: the setup wizard on a fresh plain Jira site and on a JSM
 * project, the role list with separation of duties, and the server refusing what the page would not offer.
 * The app runs unmodified in the sandbox; what the wizard built is read back over the Jira REST API.
 */
import { expect, test, type APIRequestContext, type Frame, type Page } from '@playwright/test';
import { attachScreens, expectNoOverlapAtWidths, overlappingText } from './layout';
import { actAs, basicAuth, getAs, luminanceIn, openAdminPage, userNamed, type SandboxUser } from './sandbox';

interface ProjectWithTypes { key: string; issueTypes: Array<{ id: string; name: string }> }
interface FieldBean { id: string; name: string; custom: boolean; schema?: { custom?: string } }

const RECORD_TYPES = ['Incident', 'Service change request', 'Customer agreement', 'Supplier agreement'];
const PROFILE_FIELDS = [
  'Impact', 'Urgency', 'Change type', 'Affected services', 'Impacted CIs', 'Planned start', 'Planned end', 'Root cause', 'Major incident', 'Information security incident',
  // A change request's content (issue #13).
  'Implementation plan', 'Test plan', 'Back-out plan', 'Business impact', 'Builder', 'Deployer',
];

/** The admin page's frame, for measuring its text boxes. */
async function adminFrame(page: Page): Promise<Frame> {
  const frame = await (await page.locator('[data-testid=app-frame]').elementHandle())?.contentFrame();
  if (!frame) throw new Error('The app frame is not there.');
  return frame;
}

async function projectTypes(request: APIRequestContext, admin: SandboxUser, key: string): Promise<string[]> {
  const { status, body } = await getAs<ProjectWithTypes>(request, admin, `/rest/api/3/project/${key}?expand=issueTypes`);
  expect(status).toBe(200);
  return body.issueTypes.map((t) => t.name);
}

async function customFields(request: APIRequestContext, admin: SandboxUser): Promise<FieldBean[]> {
  const { status, body } = await getAs<FieldBean[]>(request, admin, '/rest/api/3/field');
  expect(status).toBe(200);
  return body.filter((f) => f.custom);
}

/** An admin resolver called directly over the sandbox's bridge endpoint, as the Custom UI's invoke would. */
async function invokeAs(request: APIRequestContext, user: SandboxUser, functionKey: string, payload: unknown): Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }> {
  const response = await request.post('/sandbox/bridge', {
    headers: { Authorization: basicAuth(user) },
    data: { type: 'invoke', payload: { functionKey, payload }, context: { moduleKey: 'sd-admin-page', extension: {} } },
  });
  expect(response.ok()).toBeTruthy();
  const body = (await response.json()) as { ok: boolean; result?: { ok: boolean; data?: unknown; error?: { code: string; message: string } } };
  expect(body.ok, 'the bridge call itself succeeds; the refusal is in its result').toBe(true);
  return body.result!;
}

test.describe('on a fresh plain Jira site', () => {
  test.use({ baseURL: process.env.E2E_PLAIN_BASE_URL });

  test('the wizard shows its plan, stops on a Jira failure with a report, resumes, and a second run has nothing to do', async ({ page, request }) => {
    const sofia = await userNamed(request, 'Sofia');
    expect(await projectTypes(request, sofia, 'OPS')).toEqual(['Task']);
    expect(await customFields(request, sofia)).toEqual([]);

    const app = await openAdminPage(page, sofia);
    await expect(app.getByTestId('sd-setup-no-mappings')).toBeVisible();
    await expect(app.getByTestId('sd-setup-project')).toHaveValue('OPS');
    await app.getByTestId('sd-setup-detect').click();

    // The plan first; nothing is changed until Run.
    await expect(app.getByTestId('sd-setup-plan')).toBeVisible();
    for (const slot of ['incident', 'service-change-request', 'customer-agreement', 'supplier-agreement']) {
      await expect(app.getByTestId(`sd-setup-slot-${slot}`)).toContainText('Create');
    }
    await expect(app.getByTestId('sd-setup-field-impact')).toContainText('Create');
    const stepCount = await app.getByTestId('sd-setup-steps').locator('li').count();
    expect(stepCount).toBeGreaterThan(10);
    await expect(app.getByTestId('sd-setup-run')).toHaveText(`Run setup (${stepCount} steps)`);
    expect(await projectTypes(request, sofia, 'OPS')).toEqual(['Task']);

    // Jira fails when the wizard creates its first field; the issue types before it are done.
    const fault = await request.post('/sandbox/faults', { data: { method: 'POST', path: '/rest/api/3/field', status: 503, message: 'Jira is temporarily unavailable.', times: 1 } });
    expect(fault.status()).toBe(201);
    await app.getByTestId('sd-setup-run').click();
    await expect(app.getByTestId('sd-setup-error')).toBeVisible({ timeout: 60_000 });
    await expect(app.getByTestId('sd-setup-error-step')).toHaveText('Create the field "Impact" (select list)');
    await expect(app.getByTestId('sd-admin-error')).toContainText('Jira answered 503: Jira is temporarily unavailable.');
    const typesAfterFailure = await projectTypes(request, sofia, 'OPS');
    expect(typesAfterFailure).toEqual(expect.arrayContaining(RECORD_TYPES));
    expect(await customFields(request, sofia)).toEqual([]);

    // Nothing is lost on reload: the run report says where it stopped, and Resume continues from there.
    await page.reload();
    await expect(app.getByTestId('sd-admin')).toBeVisible();
    await expect(app.getByTestId('sd-setup-last-run')).toContainText('Create the field "Impact" (select list)');
    await expect(app.getByTestId('sd-setup-last-run')).toContainText('Jira is temporarily unavailable.');
    await app.getByTestId('sd-setup-resume-last').click();
    await expect(app.getByTestId('sd-setup-done')).toBeVisible({ timeout: 60_000 });
    await expect(app.getByTestId('sd-setup-done')).toContainText('OPS is set up');
    await expect(app.getByTestId('sd-setup-mapping-OPS')).toBeVisible();

    // Issue #12 §7: the wizard's runs are in the History tab, in words.
    await app.getByTestId('sd-admin-tab-history').click();
    const run = app.locator('[data-testid=sd-history-row][data-kind=setup]').filter({ hasText: 'Project OPS' });
    await expect(run.first()).toContainText('Setup wizard run');
    await expect(run.first()).toContainText(/\d+ steps? done/);
    await expect(run.first()).not.toContainText('step(s)');
    await app.getByTestId('sd-admin-tab-setup').click();

    // Read back over the Jira REST API: every record type is in the project, every field exists once, with its options.
    expect(await projectTypes(request, sofia, 'OPS')).toEqual(expect.arrayContaining([...RECORD_TYPES, 'Problem', 'Service request']));
    const fields = await customFields(request, sofia);
    expect(fields.map((f) => f.name).sort()).toEqual([...PROFILE_FIELDS].sort());
    const impact = fields.find((f) => f.name === 'Impact')!;
    expect(impact.schema?.custom).toBe('com.atlassian.jira.plugin.system.customfieldtypes:select');
    const contexts = await getAs<{ values: Array<{ id: string }> }>(request, sofia, `/rest/api/3/field/${impact.id}/context`);
    const options = await getAs<{ values: Array<{ value: string }> }>(request, sofia, `/rest/api/3/field/${impact.id}/context/${contexts.body.values[0]!.id}/option`);
    expect(options.body.values.map((o) => o.value)).toEqual(['High', 'Medium', 'Low']);

    // A second run reports nothing to do and creates nothing.
    await app.getByTestId('sd-setup-detect').click();
    await expect(app.getByTestId('sd-setup-nothing-to-do')).toContainText('Nothing to do: OPS already has every record type and field the profile needs.');
    await expect(app.getByTestId('sd-setup-run')).toHaveCount(0);
    expect((await customFields(request, sofia)).length).toBe(PROFILE_FIELDS.length);
  });
});

test.describe('on a fresh plain Jira site, with the keyboard', () => {
  test.use({ baseURL: process.env.E2E_PLAIN_BASE_URL });

  test('a Jira admin builds and approves the first role list by keyboard while no Service Manager exists (D4)', async ({ page, request }) => {
    const sofia = await userNamed(request, 'Sofia');
    const rachel = await userNamed(request, 'Rachel');
    const carlos = await userNamed(request, 'Carlos');
    const app = await openAdminPage(page, sofia);
    await app.getByTestId('sd-admin-tab-roles').click();
    await expect(app.getByTestId('sd-roles-empty')).toBeVisible();

    const picker = app.getByTestId('sd-roles-add-person');
    for (const [person, role] of [[rachel, 'SM'], [carlos, 'CM']] as const) {
      await picker.focus();
      await page.keyboard.type(person.displayName.split(' ')[0]!);
      await expect(app.getByTestId(`sd-person-option-${person.accountId}`)).toHaveAttribute('aria-selected', 'true');
      await page.keyboard.press('Enter');
      await expect(app.getByTestId(`sd-roles-person-${person.accountId}`)).toBeVisible();
      await app.getByTestId(`sd-roles-role-${person.accountId}-${role}`).focus();
      await page.keyboard.press('Space');
      await expect(app.getByTestId(`sd-roles-role-${person.accountId}-${role}`)).toBeChecked();
    }
    await expect(app.getByTestId('sd-roles-findings-ok')).toBeVisible();
    await app.getByTestId('sd-roles-save').focus();
    await page.keyboard.press('Enter');
    await expect(app.getByTestId('sd-roles-done')).toContainText('Draft saved (revision 1)');
    await app.getByTestId('sd-roles-approve').focus();
    await page.keyboard.press('Enter');
    await expect(app.getByTestId('sd-roles-done')).toContainText('Approved: version 1');
    await expect(app.getByTestId('sd-admin-role-SM')).toContainText('Rachel Green');
    await expect(app.getByTestId('sd-admin-role-CM')).toContainText('Carlos Ibáñez');
    // Now that a Service Manager exists, she approves the next list, not the Jira admin.
    await expect(app.getByTestId('sd-roles-approve-reason')).toContainText('Only the Service Manager approves the list of assigned roles');
  });

  test('the only Jira admin grants her own override: saved as self-granted, approved by the Service Manager and flagged as a finding (D27)', async ({ page, request }) => {
    const sofia = await userNamed(request, 'Sofia');
    const rachel = await userNamed(request, 'Rachel');
    const app = await openAdminPage(page, sofia);
    await app.getByTestId('sd-admin-tab-roles').click();
    await expect(app.getByTestId('sd-admin-role-SM')).toContainText('Rachel Green');

    const picker = app.getByTestId('sd-roles-add-person');
    await picker.focus();
    await page.keyboard.type('Sofia');
    await expect(app.getByTestId(`sd-person-option-${sofia.accountId}`)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await app.getByTestId(`sd-roles-role-${sofia.accountId}-CM`).check();
    await app.getByTestId(`sd-roles-role-${sofia.accountId}-IM`).check();
    await expect(app.getByTestId('sd-roles-refusals')).toContainText('ROL-06');
    // The page says up front who may grant an override that concerns oneself.
    await expect(app.getByTestId(`sd-roles-override-note-${sofia.accountId}`)).toContainText('another Jira administrator must grant it');

    await app.getByTestId(`sd-roles-override-${sofia.accountId}`).fill('Three people until the new hire in May: I cover change control and incidents.');
    await expect(app.getByTestId('sd-roles-live-exceptions')).toContainText('Self-granted');
    await app.getByTestId('sd-roles-save').click();
    await expect(app.getByTestId('sd-roles-done')).toContainText('Draft saved');

    await expect(app.getByTestId('sd-roles-approve-reason')).toContainText('Only the Service Manager approves');

    // Rachel, the Service Manager, approves it. She is not a Jira admin, so Jira does not open the admin page for her;
    // she approves on the global page "Service delivery" in the Apps menu (D28).
    await page.goto('/');
    await actAs(page, rachel);
    await page.getByTestId('nav-global').click();
    const home = page.frameLocator('[data-testid=app-frame]');
    await expect(home.getByTestId('sd-global')).toBeVisible();
    await home.getByTestId('sd-roles-approve').click();
    await expect(home.getByTestId('sd-roles-done')).toContainText('Approved: version 2');
    await expect(home.getByTestId(`sd-sod-exception-${sofia.accountId}`)).toHaveAttribute('data-self-granted', 'true');

    const again = await openAdminPage(page, sofia);
    await again.getByTestId('sd-admin-tab-roles').click();
    await expect(again.getByTestId('sd-roles-current-status')).toContainText('Version 2');
    const exception = again.getByTestId(`sd-sod-exception-${sofia.accountId}`);
    await expect(exception).toHaveAttribute('data-self-granted', 'true');
    await expect(exception).toContainText('Self-granted');
    await expect(exception).toContainText('their own override, as the only Jira administrator');
    // Issue #12 §2, §3: the instant it was granted is shown in the viewer's zone and locale, never as a raw timestamp.
    await expect(exception).not.toContainText(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    await expect(again.getByTestId('sd-sod-self-granted-finding')).toContainText('a finding for the conformance review');
    await expect(again.getByTestId('sd-sod-exceptions')).not.toContainText(sofia.accountId);
  });
});

test.describe('on the demo service provider (JSM project SD, project OPS)', () => {
  test('the demo site starts set up: the wizard has nothing left to do on SD, which reuses its Incident and Change types', async ({ page, request }) => {
    const sofia = await userNamed(request, 'Sofia');
    const app = await openAdminPage(page, sofia);
    // The seed ran the app's wizard on SD (sandbox/seed/demo-setup.ts): SD is mapped and the plan is empty.
    await expect(app.getByTestId('sd-setup-mapping-SD')).toContainText('Incident');
    await expect(app.getByTestId('sd-setup-mapping-SD')).toContainText('Change');
    await app.getByTestId('sd-setup-project').selectOption('SD');
    await app.getByTestId('sd-setup-detect').click();
    await expect(app.getByTestId('sd-setup-nothing-to-do')).toContainText('SD already has every record type and field the profile needs');
    await expect(app.getByTestId('sd-setup-run')).toHaveCount(0);
    await expect(app.getByTestId('sd-setup-slot-incident')).toContainText('Reuse');
    await expect(app.getByTestId('sd-setup-slot-service-change-request')).toContainText('Reuse');
    await expect(app.getByTestId('sd-setup-field-changeType')).toContainText('"Standard" counts as Pre-approved');
    await expect(app.getByTestId('sd-setup-field-rootCause')).toContainText('Root cause');
    // JSM's own change plan field is reused under its JSM name; the people of a change are user pickers (issue #13).
    await expect(app.getByTestId('sd-setup-field-backoutPlan')).toContainText('Reuse');
    await expect(app.getByTestId('sd-setup-field-backoutPlan')).toContainText('Backout plan');
    await expect(app.getByTestId('sd-setup-field-builder')).toContainText('user picker');
    await attachScreens(page, test.info(), 'Admin page — setup on the demo site', async () => {
      const again = page.frameLocator('[data-testid=app-frame]');
      await expect(again.getByTestId('sd-admin')).toBeVisible();
    });
    await expectNoOverlapAtWidths(page, async () => overlappingText(await adminFrame(page), '[data-testid=sd-admin]'));

    const types = await getAs<Array<{ name: string }>>(request, sofia, '/rest/api/3/issuetype');
    expect(types.body.filter((t) => t.name === 'Incident')).toHaveLength(1);
    expect(types.body.filter((t) => t.name === 'Service change request')).toHaveLength(0);
    expect(await projectTypes(request, sofia, 'SD')).toEqual(['Incident', 'Change', 'Problem', 'Service request', 'Customer agreement', 'Supplier agreement']);
  });

  test('switching to the Entry preset explains what is switched off, and is recorded', async ({ page, request }) => {
    const sofia = await userNamed(request, 'Sofia');
    const app = await openAdminPage(page, sofia);
    await app.getByTestId('sd-admin-tab-processes').click();
    await expect(app.getByTestId('sd-config-status')).toContainText('Not saved yet: the default (Basic) applies.');
    await app.getByTestId('sd-config-preset-entry').click();
    await expect(app.getByTestId('sd-config-preset')).toContainText('Entry');
    await expect(app.getByTestId('sd-config-process-CO')).not.toBeChecked();
    await expect(app.getByTestId('sd-config-notices')).toContainText('Service control (CO) is off: change requests are not gated.');
    await app.getByTestId('sd-config-save').click();
    await expect(app.getByTestId('sd-config-done')).toContainText('Saved as version 1.');
    await expect(app.getByTestId('sd-config-status')).toContainText('Version 1 · recorded by Sofia Martins');
    await expect(app.getByTestId('sd-config-status')).toContainText('preset Entry');

    // A single switch makes it a custom mix, which is allowed (GEN-03); back to Basic for the tests that follow.
    await app.getByTestId('sd-config-process-CO').click({ force: true });
    await expect(app.getByTestId('sd-config-preset')).toContainText('Custom');
    await app.getByTestId('sd-config-preset-basic').click();
    await app.getByTestId('sd-config-save').click();
    await expect(app.getByTestId('sd-config-status')).toContainText('Version 2');
    await expect(app.getByTestId('sd-config-status')).toContainText('preset Basic');
  });

  test('the policy with an edited matrix cell cannot be approved while required parts are empty; filled in, the Service Manager approves it', async ({ page, request }) => {
    const sofia = await userNamed(request, 'Sofia');
    const app = await openAdminPage(page, sofia);
    await app.getByTestId('sd-admin-tab-policy').click();
    await expect(app.getByTestId('sd-policy-status')).toContainText('No policy approved yet');
    await expect(app.getByTestId('sd-policy-save')).toBeDisabled();

    await app.getByTestId('sd-matrix-try-impact').selectOption('Medium');
    await app.getByTestId('sd-matrix-try-urgency').selectOption('Medium');
    await expect(app.getByTestId('sd-matrix-try-result')).toContainText('Medium impact × Medium urgency → Normal');
    await app.getByTestId('sd-matrix-cell-Medium-Medium').selectOption('High');
    await expect(app.getByTestId('sd-matrix-try-result')).toContainText('Medium impact × Medium urgency → High');
    await expect(app.getByTestId('sd-policy-unsaved')).toBeVisible();
    await app.getByTestId('sd-policy-save').click();
    await expect(app.getByTestId('sd-policy-done')).toContainText('Draft saved (revision 1)');
    // Issue #12 §2: one count of open issues, the same in the heading and in the reason approval is blocked.
    const heading = ((await app.getByTestId('sd-policy-issues-title').textContent()) ?? '').trim();
    const open = /^(\d+) open issues? to fix before approval$/.exec(heading)?.[1];
    expect(open, heading).toBeDefined();
    await expect(app.getByTestId('sd-policy-approve-reason')).toContainText(`${open} ${open === '1' ? 'issue' : 'issues'} must be fixed before approval`);
    await expect(app.getByTestId('sd-policy-save')).toBeDisabled();

    // Approval needs the objectives and the information security measures (GO.2.1, GO-08).
    await expect(app.getByTestId('sd-policy-approve')).toBeDisabled();
    await expect(app.getByTestId('sd-policy-approve-reason')).toContainText('must be fixed before approval');
    const approvalIssues = app.getByTestId('sd-policy-issues');
    await expect(approvalIssues).toContainText('GO-08');
    await expect(approvalIssues).toContainText('Objectives');

    await app.getByTestId('sd-security-confidentiality').fill('Customer data is encrypted at rest and in transit; access by named accounts only.');
    await app.getByTestId('sd-security-integrity').fill('Every production change goes through the change process.');
    await app.getByTestId('sd-security-availability').fill('Nightly backups, restore tested every quarter.');
    await app.getByTestId('sd-policy-objectives').fill('Restore customer services within the agreed targets; review every major incident.');
    await app.getByTestId('sd-policy-save').click();
    await expect(app.getByTestId('sd-policy-done')).toContainText('Draft saved (revision 2)');
    await expect(app.getByTestId('sd-policy-approve')).toBeEnabled();
    await app.getByTestId('sd-policy-approve').click();
    await expect(app.getByTestId('sd-policy-done')).toContainText('Approved: version 1 of the policy applies now.');
    await expect(app.getByTestId('sd-policy-status')).toContainText('Version 1 · Approved · approved by Sofia Martins');
    await expect(app.getByTestId('sd-policy-draft-status')).toHaveText('No pending draft.');

    // After a reload the approved matrix is what the page shows.
    await page.reload();
    await app.getByTestId('sd-admin-tab-policy').click();
    await expect(app.getByTestId('sd-matrix-cell-Medium-Medium')).toHaveValue('High');
  });

  test('Control Manager and Incident Manager in one person is refused naming ROL-06; with a justified override it is saved and listed as an SoD exception', async ({ page, request }) => {
    const sofia = await userNamed(request, 'Sofia');
    const carlos = await userNamed(request, 'Carlos');
    const app = await openAdminPage(page, sofia);
    await app.getByTestId('sd-admin-tab-roles').click();
    await expect(app.getByTestId('sd-roles-current-status')).toContainText('Version 1');

    const im = app.getByTestId(`sd-roles-role-${carlos.accountId}-IM`);
    await expect(app.getByTestId(`sd-roles-role-${carlos.accountId}-CM`)).toBeChecked();
    await im.check();
    await expect(app.getByTestId('sd-roles-unsaved')).toBeVisible();
    await expect(app.getByTestId('sd-roles-refusals')).toContainText('ROL-06');
    await expect(app.getByTestId('sd-roles-refusals')).toContainText('Carlos Ibáñez');

    // The server refuses the list as it stands and names the rule.
    await app.getByTestId('sd-roles-save').click();
    await expect(app.getByTestId('sd-admin-error')).toContainText('ROL-06');
    await expect(app.getByTestId('sd-roles-draft-status')).toContainText('No pending draft');

    // An override with a justification turns the refusal into a recorded exception (D4).
    const justification = 'Two-person team until March: Carlos covers incidents while Ines is on parental leave.';
    await app.getByTestId(`sd-roles-override-${carlos.accountId}`).fill(justification);
    await expect(app.getByTestId('sd-roles-refusals')).toHaveCount(0);
    await expect(app.getByTestId('sd-roles-live-exceptions')).toContainText('Carlos Ibáñez');
    await app.getByTestId('sd-roles-save').click();
    await expect(app.getByTestId('sd-roles-done')).toContainText('Draft saved');
    await expect(app.getByTestId('sd-roles-draft-status')).toContainText('Draft revision 1 (based on version 1)');

    await app.getByTestId('sd-roles-approve').click();
    await expect(app.getByTestId('sd-roles-done')).toContainText('Approved: version 2');
    await expect(app.getByTestId('sd-roles-current-status')).toContainText('Version 2');
    await expect(app.getByTestId('sd-admin-role-IM')).toContainText('Carlos Ibáñez');
    const exception = app.getByTestId(`sd-sod-exception-${carlos.accountId}`);
    await expect(exception).toContainText('Carlos Ibáñez');
    await expect(exception).toContainText(justification);
    await expect(exception).toContainText('Sofia Martins');

    // The history says who assigned what when.
    await app.getByTestId('sd-admin-tab-history').click();
    await expect(app.getByTestId('sd-admin-panel-history')).toContainText('Assigned IM to Carlos Ibáñez');
  });

  test('in Jira’s dark theme the admin page follows it: dark surface, light text, through the design tokens', async ({ page, request }) => {
    const sofia = await userNamed(request, 'Sofia');
    await page.goto('/');
    await page.getByLabel('Theme').selectOption('dark');
    const app = await openAdminPage(page, sofia);
    const frame = page.frames().find((f) => f.url().includes('colorMode=dark'));
    expect(frame, 'the admin frame is granted in dark mode').toBeDefined();
    await expect.poll(() => frame!.evaluate<string | null>('document.documentElement.getAttribute("data-color-mode")')).toBe('dark');
    // The page is dark and its text light.
    const luminance = (selector: string, property: 'color' | 'backgroundColor') => luminanceIn(frame!, selector, property);
    await expect.poll(() => luminance('body', 'backgroundColor')).toBeLessThan(0.05);
    expect(await luminance('#sd-admin-title', 'color')).toBeGreaterThan(0.5);
    await app.getByTestId('sd-admin-tab-roles').click();
    await expect(app.getByTestId('sd-admin-role-SM')).toContainText('Sofia Martins');
  });

  test('a non-admin calling the setup and role resolvers directly is refused and nothing changes; malformed payloads name the field', async ({ request }) => {
    const sofia = await userNamed(request, 'Sofia');
    const priya = await userNamed(request, 'Priya');
    expect(priya.isJiraAdmin).toBe(false);
    const load = async () => (await invokeAs(request, sofia, 'adminPage.load', {})).data as { roles: { current: { version: number } | null; draft: unknown }; setup: { lastRuns: unknown[] } };
    const before = await load();
    const typesBefore = await getAs<unknown[]>(request, sofia, '/rest/api/3/issuetype');

    const setup = await invokeAs(request, priya, 'setup.runStep', { projectKey: 'OPS', stepId: 'issuetype:create:incident' });
    expect(setup).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Only a Jira administrator runs the project setup') } });
    const plan = await invokeAs(request, priya, 'setup.plan', { projectKey: 'OPS' });
    expect(plan).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const roles = await invokeAs(request, priya, 'roles.saveDraft', { assignments: [{ accountId: priya.accountId, roles: ['SM'] }], overrides: [], expectedRevision: null });
    expect(roles).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('GO.1.2') } });
    const approve = await invokeAs(request, priya, 'roles.approve', { revision: 1 });
    expect(approve).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const after = await load();
    expect(after.roles).toEqual(before.roles);
    expect(after.setup.lastRuns).toEqual(before.setup.lastRuns);
    expect((await getAs<unknown[]>(request, sofia, '/rest/api/3/issuetype')).body).toEqual(typesBefore.body);

    const badRole = await invokeAs(request, sofia, 'roles.saveDraft', { assignments: [{ accountId: priya.accountId, roles: ['BOSS'] }], overrides: [], expectedRevision: null });
    expect(badRole).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('assignments.0.roles.0') } });
    const noProject = await invokeAs(request, sofia, 'setup.runStep', { stepId: 'issuetype:create:incident' });
    expect(noProject).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('projectKey') } });
    expect((await load()).roles).toEqual(before.roles);
  });
});
