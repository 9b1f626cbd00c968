/**
 * JSM's approval panel in the sandbox shell's issue view (issue #13): a change waiting in "Awaiting approval" shows
 * its approval and approvers to everyone on the team, and Approve / Decline only to the listed approver. An answer
 * either moves the change (JSM performs the transition as the approver) or shows the workflow validator's refusal,
 * leaving the change where it was.
 */
import { expect, test } from '@playwright/test';
import { actAs, userNamed } from './sandbox';

test.afterAll(async ({ request }) => { await request.post('/sandbox/reset'); });

test('the Control Manager answers the change approval of SD-8 in the issue view; a practitioner only sees it', async ({ page, request }) => {
  const tom = await userNamed(request, 'Tom');
  const carlos = await userNamed(request, 'Carlos');
  await page.goto('/');
  await actAs(page, tom);
  await page.goto('/browse/SD-8');
  const approvals = page.getByTestId('approvals');
  await expect(approvals).toContainText('Change approval: waiting for approval');
  await expect(approvals).toContainText('Carlos Ibáñez (pending)');
  await expect(page.getByTestId('approval-approve')).toHaveCount(0);

  await actAs(page, carlos);
  await page.goto('/browse/SD-8');
  await expect(page.getByTestId('issue-status')).toHaveText('Awaiting approval');
  await expect(page.getByTestId('approval-decline')).toBeVisible();
  await page.getByTestId('approval-approve').click();
  const refused = page.locator('[data-testid=approval-error]:not([hidden])');
  await expect(refused.or(page.getByTestId('issue-status').filter({ hasText: /^Approved$/ }))).toBeVisible();
  if (await refused.isVisible()) {
    // The app's workflow validator refused the approval's transition: the change stays, the approval stays open.
    await expect(refused).toContainText('The approval was refused:');
    await expect(page.getByTestId('issue-status')).toHaveText('Awaiting approval');
    await expect(page.getByTestId('approval-approve')).toBeEnabled();
  } else {
    await expect(approvals).toBeHidden();
    await page.locator('.history-details summary').click();
    await expect(page.locator('.history-entry').first()).toContainText('Carlos Ibáñez');
    await expect(page.locator('.history-entry').first()).toContainText('Awaiting approval → Approved');
  }
});
