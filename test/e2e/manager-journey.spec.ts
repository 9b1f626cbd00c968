/**
 * Issue #12 §6 (D28): managers who are not Jira administrators do their governance work on the global page "Service
 * delivery" (Apps menu). Sofia (Service Manager) drafts the policy there, Max (Management) completes the draft with her
 * (GO.2.1 is the SM's with MGT) but may not approve it, Sofia approves it (GO.2.2), Carlos (Control Manager) reads who
 * holds each role, and Carla (a customer) has no way in. Screens are attached in light and dark; no text overlaps at
 * 1,280 and 1,440 px.
 */
import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { attachScreens, expectNoOverlapAtWidths, overlappingText } from './layout';
import { actAs, userNamed, type SandboxUser } from './sandbox';

/** Opens "Apps → Service delivery" from the shell's top navigation, as `user`, and answers the app's frame. */
async function openServiceDelivery(page: Page, user: SandboxUser): Promise<FrameLocator> {
  await page.goto('/');
  await actAs(page, user);
  await page.getByTestId('nav-global').click();
  await expect(page).toHaveURL(/\/apps\/service-delivery$/);
  const app = page.frameLocator('[data-testid=app-frame]');
  await expect(app.getByTestId('sd-global')).toBeVisible();
  return app;
}

async function frameOf(page: Page) {
  const handle = await page.locator('[data-testid=app-frame]').elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('The app frame is not there.');
  return frame;
}

test.describe.serial('a manager’s home: the global page “Service delivery”', () => {
  test('Sofia (Service Manager) drafts a policy change; the page counts its open issues once and saves the draft with them', async ({ page, request }, testInfo) => {
    const sofia = await userNamed(request, 'Sofia');
    const app = await openServiceDelivery(page, sofia);
    await expect(app.getByTestId('sd-global-viewer')).toContainText('Sofia Martins · Service Manager');
    await expect(app.getByTestId('sd-admin-role-SM')).toContainText('Sofia Martins');

    await app.getByTestId('sd-global-tab-policy').click();
    await expect(app.getByTestId('sd-policy-save')).toBeDisabled();
    await expect(app.getByTestId('sd-policy-save-reason')).toBeVisible();

    // A negative target is a draft's issue, not a reason to refuse the draft.
    await app.getByTestId('sd-targets-High-first').fill('-5');
    const issues = app.getByTestId('sd-policy-issues');
    await expect(issues).toContainText('First response target for High priority must not be negative');
    await expect(issues).not.toContainText('targets.High');
    await app.getByTestId('sd-policy-objectives').fill('Restore customer services within the agreed targets; review every major incident.');
    await app.getByTestId('sd-security-confidentiality').fill('');
    await app.getByTestId('sd-policy-save').click();
    await expect(app.getByTestId('sd-policy-done')).toContainText('Draft saved');
    await expect(app.getByTestId('sd-policy-save')).toBeDisabled();

    // One count: the heading and the approval reason say the same number.
    const title = (await app.getByTestId('sd-policy-issues-title').textContent()) ?? '';
    const count = /^(\d+) open issues? to fix before approval$/.exec(title.trim())?.[1];
    expect(count, `heading "${title}"`).toBeDefined();
    await expect(app.getByTestId('sd-policy-approve-reason')).toHaveText(`${count} ${count === '1' ? 'issue' : 'issues'} must be fixed before approval (listed above).`);
    await expect(app.getByTestId('sd-policy-issue-list').locator('li')).toHaveCount(Number(count));

    // She fixes the target herself; the information security measures are left for Max.
    await app.getByTestId('sd-targets-High-first').fill('30');
    await app.getByTestId('sd-policy-save').click();
    await expect(app.getByTestId('sd-policy-done')).toContainText('Draft saved');

    await attachScreens(page, testInfo, 'Service delivery — policy draft (Sofia)', async () => {
      const again = page.frameLocator('[data-testid=app-frame]');
      await expect(again.getByTestId('sd-global')).toBeVisible();
      await again.getByTestId('sd-global-tab-policy').click();
      await expect(again.getByTestId('sd-policy-draft-status')).toContainText('saved by Sofia Martins');
    });
    await expectNoOverlapAtWidths(page, async () => overlappingText(await frameOf(page), '[data-testid=sd-global]'));
  });

  test('Max (Management, not a Jira admin) opens the page, completes the draft with her, and may not approve it', async ({ page, request }, testInfo) => {
    const max = await userNamed(request, 'Max');
    expect(max.isJiraAdmin).toBe(false);
    const app = await openServiceDelivery(page, max);
    await expect(app.getByTestId('sd-global-viewer')).toContainText('Max Bauer · Management');

    await app.getByTestId('sd-global-tab-policy').click();
    await expect(app.getByTestId('sd-policy-draft-status')).toContainText('saved by Sofia Martins');
    await app.getByTestId('sd-security-confidentiality').fill('Customer data is encrypted at rest and in transit; access by named accounts only.');
    await app.getByTestId('sd-security-integrity').fill('Every production change goes through the change process.');
    await app.getByTestId('sd-security-availability').fill('Nightly backups, restore tested every quarter.');
    await app.getByTestId('sd-policy-save').click();
    await expect(app.getByTestId('sd-policy-done')).toContainText('Draft saved');
    await expect(app.getByTestId('sd-policy-issues-title')).toHaveText('Ready for approval: no open issues');
    await expect(app.getByTestId('sd-policy-approve')).toBeDisabled();
    await expect(app.getByTestId('sd-policy-approve-reason')).toContainText('Only the Service Manager approves the service delivery policy');

    await attachScreens(page, testInfo, 'Service delivery — policy ready for approval (Max)', async () => {
      const again = page.frameLocator('[data-testid=app-frame]');
      await expect(again.getByTestId('sd-global')).toBeVisible();
      await again.getByTestId('sd-global-tab-policy').click();
      await expect(again.getByTestId('sd-policy-draft-status')).toContainText('saved by Max Bauer');
    });
    await expectNoOverlapAtWidths(page, async () => overlappingText(await frameOf(page), '[data-testid=sd-global]'));
  });

  test('Sofia approves the policy on the same page; the history records both drafts and the approval', async ({ page, request }) => {
    const sofia = await userNamed(request, 'Sofia');
    const app = await openServiceDelivery(page, sofia);
    await app.getByTestId('sd-global-tab-policy').click();
    await expect(app.getByTestId('sd-policy-approve')).toBeEnabled();
    await app.getByTestId('sd-policy-approve').click();
    await expect(app.getByTestId('sd-policy-done')).toContainText(/Approved: version \d+ of the policy applies now\./);
    await expect(app.getByTestId('sd-policy-status')).toContainText('approved by Sofia Martins');
    await expect(app.getByTestId('sd-policy-status')).not.toContainText(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);

    await app.getByTestId('sd-global-tab-history').click();
    const rows = app.getByTestId('sd-history-row');
    await expect(rows.filter({ hasText: 'Max Bauer' }).first()).toContainText('Draft saved');
    await expect(rows.first()).toContainText('Sofia Martins');
  });

  test('Carlos (Control Manager) sees who holds each role, read-only for the list itself', async ({ page, request }, testInfo) => {
    const carlos = await userNamed(request, 'Carlos');
    const app = await openServiceDelivery(page, carlos);
    await expect(app.getByTestId('sd-admin-role-SM')).toContainText('Sofia Martins');
    await expect(app.getByTestId('sd-admin-role-CM')).toContainText('Carlos Ibáñez');
    await expect(app.getByTestId('sd-admin-role-MGT')).toContainText('Max Bauer');
    await expect(app.getByTestId('sd-roles-read-only')).toContainText('edit the list of assigned roles');
    await expect(app.getByTestId('sd-roles-editor')).toHaveCount(0);

    // A manager records training (ROL-22) with Jira's own pickers: a select for the person and the task.
    await app.locator('#sd-training-person').fill('Tom');
    await app.locator('#sd-training-person').press('Enter');
    await app.getByTestId('sd-training-title').fill('Change advisory basics');
    await app.locator('#sd-training-task').fill('Keep the people');
    await app.locator('#sd-training-task').press('Enter');
    await app.getByTestId('sd-training-save').click();
    await expect(app.getByTestId('sd-training-done')).toContainText('Recorded “Change advisory basics” for Tom Becker');
    const row = app.getByTestId('sd-training-list').locator('tr', { hasText: 'Change advisory basics' });
    await expect(row).toContainText('Keep the people involved competent');
    await expect(row).toContainText('Why? IN.1.2');
    await attachScreens(page, testInfo, 'Service delivery — roles (Carlos)', async () => {
      await expect(page.frameLocator('[data-testid=app-frame]').getByTestId('sd-admin-role-SM')).toContainText('Sofia Martins');
    });
    await expectNoOverlapAtWidths(page, async () => overlappingText(await frameOf(page), '[data-testid=sd-global]'));

    // The Control Manager drafts policy changes too (CO.1.1); a draft he thinks better of is discarded, after a confirmation.
    const home = page.frameLocator('[data-testid=app-frame]');
    await home.getByTestId('sd-global-tab-policy').click();
    await home.getByTestId('sd-policy-objectives').fill('A thought of the Control Manager, to be discarded.');
    await home.getByTestId('sd-policy-save').click();
    await expect(home.getByTestId('sd-policy-done')).toContainText('Draft saved');
    await home.getByTestId('sd-policy-discard').click();
    await home.getByTestId('sd-policy-discard-confirm').click();
    await expect(home.getByTestId('sd-policy-done')).toHaveText('Draft discarded.');
    await expect(home.getByTestId('sd-policy-draft-status')).toContainText('No pending draft.');
  });

  test('Carla (customer) has no Service delivery entry, and the page refuses her in words', async ({ page, request }) => {
    const carla = await userNamed(request, 'Carla');
    await page.goto('/');
    await actAs(page, carla);
    await expect(page.getByTestId('nav-global')).toBeHidden();
    await page.goto('/apps/service-delivery');
    await expect(page.locator('main')).toContainText('portal customer');
    await expect(page.locator('[data-testid=app-frame]')).toHaveCount(0);
  });
});
