/**
 * The change part of the issue panel (issue #13), as the Control Manager sees it in the sandbox's Jira shell: the type
 * and its path as a stepper, where the change stands (its Jira status and what that means), and what it still needs
 * before its next step; for an emergency change the same in its own path.
 *
 * The demo seed (sandbox/seed/demo.ts) holds SD changes in several states, e.g. "Restore mail relay configuration from
 * last known good" (Emergency, in build), and the pre-approved "Monthly web server patching" qualified by October's
 * patching. Its normal changes awaiting approval are documented in full, so the first test raises its own: a normal
 * change Tom requests without a configuration item and submits for approval. Carlos is the Control Manager.
 */
import { expect, test, type APIRequestContext, type FrameLocator, type Page } from '@playwright/test';
import { actAs, basicAuth, getAs, userNamed, type SandboxUser } from './sandbox';

async function changeKey(request: APIRequestContext, user: SandboxUser, summary: string): Promise<string> {
  const jql = encodeURIComponent('project = SD AND issuetype = Change ORDER BY created DESC');
  const { status, body } = await getAs<{ issues: Array<{ key: string; fields: { summary: string } }> }>(request, user, `/rest/api/3/search/jql?jql=${jql}&fields=summary&maxResults=100`);
  expect(status, 'change search as the Control Manager').toBe(200);
  const key = body.issues.find((i) => i.fields.summary.startsWith(summary))?.key;
  if (!key) throw new Error(`The seed has no change "${summary}".`);
  return key;
}

/** Tom raises a normal change over Jira's REST API, with no configuration item, and submits it for approval. */
async function raiseUndocumentedChange(request: APIRequestContext, tom: SandboxUser, summary: string): Promise<string> {
  const fields = (await getAs<Array<{ id: string; name: string }>>(request, tom, '/rest/api/3/field')).body;
  const id = (name: string) => {
    const f = fields.find((x) => x.name === name)?.id;
    if (!f) throw new Error(`The demo site has no field "${name}".`);
    return f;
  };
  const headers = { Authorization: basicAuth(tom), Accept: 'application/json' };
  const created = await request.post('/rest/api/3/issue', { headers, data: { fields: {
    project: { key: 'SD' }, issuetype: { name: 'Change' }, summary, [id('Change type')]: { value: 'Normal' }, [id('Affected services')]: [{ value: 'Web hosting' }],
  } } });
  expect(created.status(), 'Tom raises the change').toBe(201);
  const { key } = (await created.json()) as { key: string };
  const { body } = await getAs<{ transitions: Array<{ id: string; to: { name: string } }> }>(request, tom, `/rest/api/3/issue/${key}/transitions`);
  const submit = body.transitions.find((t) => t.to.name === 'Awaiting approval');
  expect(submit, 'Submit for approval is offered on a draft').toBeTruthy();
  const moved = await request.post(`/rest/api/3/issue/${key}/transitions`, { headers, data: { transition: { id: submit!.id } } });
  expect(moved.status(), 'Tom submits it for approval').toBe(204);
  expect((await request.post('/sandbox/events/settle')).ok()).toBeTruthy();
  return key;
}

async function openChange(page: Page, key: string): Promise<FrameLocator> {
  await page.goto(`/browse/${key}`);
  await expect(page.getByTestId('issue-key')).toHaveText(key);
  const panel = page.frameLocator('[data-testid=app-frame]');
  await expect(panel.getByTestId('sd-issue-key')).toHaveText(key);
  return panel;
}

test('Carlos, the Control Manager, sees a normal change’s path, where it stands and what it still needs before approval', async ({ page, request }) => {
  const carlos = await userNamed(request, 'Carlos');
  const key = await raiseUndocumentedChange(request, await userNamed(request, 'Tom'), 'Move the status page to the new CDN');
  await page.goto('/');
  await actAs(page, carlos);
  const panel = await openChange(page, key);

  const change = panel.getByTestId('sd-change');
  await expect(change).toBeVisible();
  await expect(change).toHaveAttribute('data-audience', 'team');
  await expect(panel.getByTestId('sd-change-type')).toHaveText('Normal change');
  await expect(panel.getByTestId('sd-change-path-text')).not.toBeEmpty();

  // The path as a stepper: the normal path's steps, one of them where the change stands (the approval).
  const steps = panel.getByTestId('sd-change-step');
  expect(await steps.count()).toBeGreaterThanOrEqual(6);
  await expect(panel.locator('[data-testid=sd-change-step][data-state=current]')).toHaveCount(1);
  await expect(panel.locator('[data-testid=sd-change-step][data-step=evaluate]')).toHaveAttribute('data-state', 'current');
  await expect(panel.getByTestId('sd-change-stage')).toContainText('Awaiting approval');

  // Before the next step: the approval, and what it still lacks in words (CO-06: no configuration item yet).
  await expect(panel.getByTestId('sd-change-next-label')).not.toBeEmpty();
  expect(await panel.getByTestId('sd-change-missing-item').count()).toBeGreaterThanOrEqual(1);

  // Who may approve; the panel's priority is the change part's own (the record facts do not repeat it).
  await expect(panel.getByTestId('sd-change-approvers')).toContainText(carlos.displayName);
  await expect(panel.getByTestId('sd-priority')).toHaveCount(0);
  await expect(panel.getByTestId('sd-change-actions')).toBeVisible();

  // Approving it now is refused in words, inside the form (the status stays); the form keeps its place.
  await panel.getByTestId('sd-change-action-decide').click();
  await panel.getByTestId('sd-change-approve').click();
  await expect(panel.getByTestId('sd-change-form-error')).not.toBeEmpty();
  await expect(panel.getByTestId('sd-change-form-decide')).toBeVisible();
  await expect(panel.getByTestId('sd-change-stage')).toContainText('Awaiting approval');
  await page.keyboard.press('Escape');
  await expect(panel.getByTestId('sd-change-form-decide')).toHaveCount(0);

  // Naming what the change touches (here: a new service): the server answers the fresh change view, shown at once.
  await panel.getByTestId('sd-change-action-setConfigurationItems').click();
  await expect(panel.getByTestId('sd-change-form-setConfigurationItems')).toBeVisible();
  await panel.getByTestId('sd-change-new-service-check').check();
  await panel.getByTestId('sd-change-form-submit').click();
  await expect(panel.getByTestId('sd-change-action-done')).toBeVisible();
  await expect(panel.getByTestId('sd-change-form-setConfigurationItems')).toHaveCount(0);
  await expect(panel.getByTestId('sd-change-new-service')).toBeVisible();

  // Words, not codes: no heading carries a clause id.
  for (const heading of await panel.locator('h1, h2, h3').allTextContents()) expect(heading).not.toMatch(/\((D\d+|[A-Z]{2,3}[-.]\d)/);
});

test('an emergency change shows its own path and type', async ({ page, request }) => {
  const carlos = await userNamed(request, 'Carlos');
  const key = await changeKey(request, carlos, 'Restore mail relay configuration');
  await page.goto('/');
  await actAs(page, carlos);
  const panel = await openChange(page, key);

  await expect(panel.getByTestId('sd-change-type')).toHaveText('Emergency change');
  // D16: an emergency change deploys on one approval; its documentation steps are not on its path before deployment.
  await expect(panel.locator('[data-testid=sd-change-step][data-step=design]')).toHaveAttribute('data-state', 'not-on-path');
  await expect(panel.locator('[data-testid=sd-change-step][data-step=review]')).not.toHaveAttribute('data-state', 'not-on-path');
  await expect(panel.locator('[data-testid=sd-change-step][data-state=current]')).toHaveCount(1);
  await expect(panel.getByTestId('sd-change-next')).toBeVisible();
});

test('the project page lists the pre-approved changes: the demo’s monthly patching, qualified by October’s', async ({ page, request }) => {
  const carlos = await userNamed(request, 'Carlos');
  const october = await changeKey(request, carlos, 'Monthly patching of web servers (October)');
  await page.goto('/');
  await actAs(page, carlos);
  await page.goto('/projects/SD/app');
  const app = page.frameLocator('[data-testid=app-frame]');
  const section = app.getByTestId('sd-change-templates');
  await expect(section.getByRole('heading', { name: 'Pre-approved changes' })).toBeVisible();
  await expect(app.getByTestId('sd-templates-empty')).toHaveCount(0);
  // Other journeys may designate templates of their own before this test runs: this one reads the demo's.
  const rows = app.locator('[data-testid=sd-template-row][data-id=monthly-web-server-patching]');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Monthly web server patching');
  await expect(rows.first()).toContainText('Services: Web hosting');
  await expect(rows.first()).toContainText(october);
  await expect(rows.first()).toContainText(carlos.displayName);
  await expect(rows.first()).toContainText('Max Bauer (Managing Director)');
});
