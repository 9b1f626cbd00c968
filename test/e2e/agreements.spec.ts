/**
 * Customer agreements in the issue panel (issue #14; WP.03, RE.2.1, RE.2.2): Rachel, the Relationship Manager, drafts a
 * master agreement in the panel of a new "Customer agreement" issue and records the customer's sign-off; Sofia, the
 * Service Manager, signs it, and version 1 is in force. An agreement shows no (meaningless) priority.
 */
import { expect, test, type Page } from '@playwright/test';
import { attachScreens } from './layout';
import { actAs, basicAuth, userNamed } from './sandbox';

async function openIssue(page: Page, key: string) {
  await page.goto(`/browse/${key}`);
  await expect(page.getByTestId('issue-key')).toHaveText(key);
  const panel = page.frameLocator('[data-testid=app-frame]');
  await expect(panel.getByTestId('sd-issue-key')).toHaveText(key);
  return panel;
}

test('Rachel drafts an agreement in its panel, records the customer’s sign-off, and Sofia’s signature approves it', async ({ page, request }, testInfo) => {
  const rachel = await userNamed(request, 'Rachel');
  const sofia = await userNamed(request, 'Sofia');
  const created = await request.post('/rest/api/3/issue', {
    headers: { Authorization: basicAuth(rachel), Accept: 'application/json' },
    data: { fields: { project: { key: 'SD' }, issuetype: { name: 'Customer agreement' }, summary: 'Master service agreement, all customers' } },
  });
  expect(created.status(), 'Rachel creates the agreement issue').toBe(201);
  const { key } = (await created.json()) as { key: string };
  expect((await request.post('/sandbox/events/settle')).ok()).toBeTruthy();

  await page.goto('/');
  await actAs(page, rachel);
  let panel = await openIssue(page, key);
  await expect(panel.getByTestId('sd-record-kind')).toHaveAttribute('data-kind', 'customer-agreement');
  await expect(panel.getByTestId('sd-agreement')).toBeVisible();
  await expect(panel.getByTestId('sd-priority'), 'an agreement has no priority of its own').toHaveCount(0);

  await panel.getByTestId('sd-agr-edit').click();
  const editor = panel.getByTestId('sd-agreement-editor');
  await expect(editor).toBeVisible();
  await expect(panel.getByTestId('sd-agr-party')).toHaveValue('__all__');
  await panel.getByTestId('sd-agr-service-Managed e-mail').check();
  await panel.getByTestId('sd-agr-owner-party').fill('Carla Jones');
  await panel.getByTestId('sd-agr-feasibility').fill('Two engineers on call; last quarter every High incident was resolved within its target.');
  await panel.getByTestId('sd-agr-save').click();

  const draft = panel.getByTestId('sd-agr-draft');
  await expect(draft).toBeVisible();
  await expect(panel.getByTestId('sd-agr-needed')).toHaveText('Needs the sign-off of the Service Manager and the customer.');
  await expect(panel.getByTestId('sd-agr-draft-content-services')).toHaveText('Managed e-mail');
  await attachScreens(page, testInfo, 'agreement-draft', async () => { await expect(panel.getByTestId('sd-agr-needed')).toBeVisible(); });

  // The customer signed by e-mail; Rachel records it.
  await panel.getByTestId('sd-agr-given-CUS').fill('Carla Jones');
  await panel.getByTestId('sd-agr-how-CUS').selectOption('e-mail');
  await panel.getByTestId('sd-agr-record-CUS-button').click();
  await expect(panel.getByTestId('sd-agr-needed')).toHaveText('Needs the sign-off of the Service Manager.');

  await actAs(page, sofia);
  panel = await openIssue(page, key);
  await panel.getByTestId('sd-agr-sign-SM').click();
  await expect(panel.getByTestId('sd-agreement')).toHaveAttribute('data-status', 'Approved');
  await expect(panel.getByTestId('sd-agr-status')).toContainText('Version 1 is in force.');
  const signOffs = panel.getByTestId('sd-agr-current').getByTestId('sd-agr-signoffs');
  await expect(signOffs).toContainText('Customer: Carla Jones by e-mail, recorded by Rachel Green');
  await expect(signOffs).toContainText('Service Manager: Sofia Martins');
  await attachScreens(page, testInfo, 'agreement-approved', async () => { await expect(panel.getByTestId('sd-agr-current')).toBeVisible(); });

  // The service team's page lists it with its status and next review.
  await page.getByTestId('nav-global').click();
  await expect(page).toHaveURL(/\/apps\/service-delivery$/);
  const home = page.frameLocator('[data-testid=app-frame]');
  await home.getByTestId('sd-global-tab-agreements').click();
  const row = home.getByTestId(`sd-agreement-row-${key}`);
  await expect(row).toContainText('Master service agreement, all customers');
  await expect(row.getByTestId('sd-agreement-status')).toContainText('Approved version 1');
  await expect(row.getByTestId('sd-agreement-review')).toContainText('Next review');
});
