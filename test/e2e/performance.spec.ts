/**
 * Issue #14: service performance reports (WP.19; RE.2.4; D21, D26). Rachel (Relationship Manager) opens the month's
 * report on the service team's page, writes the commentary and an action item and saves it as a Draft; Tom (a
 * Practitioner) can read it but not approve it; Sofia (Service Manager) approves it. The print layout (the browser's
 * print emulation) shows the report's tables without the tabs, controls or buttons. Chen, a customer, finds in the
 * portal's "Reports" tab only what was shared with his organization: nothing here.
 */
import { expect, test, type APIRequestContext, type FrameLocator, type Page } from '@playwright/test';
import { actAs, openServiceDeliveryTab, userNamed, type SandboxUser } from './sandbox';

async function openReports(page: Page, user: SandboxUser): Promise<FrameLocator> {
  const app = await openServiceDeliveryTab(page, user, 'performance');
  await expect(app.getByTestId('sd-perf-figures')).toBeVisible();
  return app;
}

test('Rachel drafts the month’s performance report, Tom cannot approve it, Sofia approves it; it prints as a clean document', async ({ page, request }, testInfo) => {
  const rachel = await userNamed(request, 'Rachel');
  let app = await openReports(page, rachel);
  await expect(app.getByTestId('sd-perf-status')).toContainText('Not saved');
  await expect(app.getByTestId('sd-perf-summary')).toContainText('Incidents opened');

  await app.getByTestId('sd-perf-commentary').fill('A steady month; mail was the busiest service.');
  await app.getByTestId('sd-perf-proposed-add').click();
  await app.getByTestId('sd-perf-proposed-text-0').fill('Add a second mail relay');
  await app.getByTestId('sd-perf-save').click();
  await expect(app.getByTestId('sd-perf-done')).toContainText('Draft saved (revision 1)');
  await expect(app.getByTestId('sd-perf-status')).toContainText('Draft');
  await expect(app.getByTestId('sd-perf-list')).toContainText('All agreements');
  // Rachel may approve too (RM or SM, RE.2.4); she leaves it to Sofia.
  await expect(app.getByTestId('sd-perf-approve')).toBeVisible();

  const tom = await userNamed(request, 'Tom');
  app = await openReports(page, tom);
  await expect(app.getByTestId('sd-perf-status')).toContainText('Draft');
  await expect(app.getByTestId('sd-perf-commentary-text')).toHaveText('A steady month; mail was the busiest service.');
  await expect(app.getByTestId('sd-perf-approve')).toHaveCount(0);
  await expect(app.getByTestId('sd-perf-save')).toHaveCount(0);
  await expect(app.getByTestId('sd-perf-workflow')).toContainText('Only the Relationship Manager or the Service Manager');

  const sofia = await userNamed(request, 'Sofia');
  app = await openReports(page, sofia);
  await app.getByTestId('sd-perf-approve').click();
  await expect(app.getByTestId('sd-perf-done')).toHaveText('Approved as version 1.');
  await expect(app.getByTestId('sd-perf-status')).toContainText('Approved');
  await expect(app.getByTestId('sd-perf-status')).toContainText('approved by Sofia Martins');
  await expect(app.getByTestId('sd-perf-proposed')).toContainText('Add a second mail relay — Open');
  // An all-agreements report has no customer to share with: no Share button.
  await expect(app.getByTestId('sd-perf-share')).toHaveCount(0);

  // CSV export.
  const downloading = page.waitForEvent('download');
  await app.getByTestId('sd-perf-csv').click();
  const csv = await downloading;
  expect(csv.suggestedFilename()).toMatch(/^performance-all-\d{4}-\d{2}\.csv$/);

  // The print layout: the report's tables, none of the page's tabs, controls or buttons.
  await testInfo.attach('performance-screen', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  await page.emulateMedia({ media: 'print' });
  await expect(app.getByTestId('sd-perf-report')).toBeVisible();
  await expect(app.getByTestId('sd-perf-attainment')).toBeVisible();
  await expect(app.getByTestId('sd-perf-summary')).toBeVisible();
  await expect(app.getByTestId('sd-perf-controls')).toBeHidden();
  await expect(app.getByTestId('sd-perf-workflow')).toBeHidden();
  await expect(app.getByTestId('sd-perf-print')).toBeHidden();
  await expect(app.getByTestId('sd-global-tab-performance')).toBeHidden();
  await expect(app.getByRole('tablist')).toBeHidden();
  await expect(app.locator('button:visible')).toHaveCount(0);
  await testInfo.attach('performance-print', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  await page.emulateMedia({ media: 'screen' });
  await expect(app.getByTestId('sd-perf-controls')).toBeVisible();
});

/** The month before the sandbox clock's, as YYYY-MM. */
async function lastMonth(request: APIRequestContext): Promise<string> {
  const now = new Date(((await (await request.get('/sandbox/clock')).json()) as { now: string }).now);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
  return d.toISOString().slice(0, 7);
}

async function chooseNorthwind(page: Page, app: FrameLocator, month: string): Promise<void> {
  await app.locator('#sd-perf-agreement').focus();
  await page.keyboard.press('ArrowDown');
  await app.getByRole('option', { name: /Northwind Traders service level agreement/ }).click();
  await app.getByTestId('sd-perf-month').fill(month);
  await expect(app.getByTestId('sd-perf-report')).toContainText('Northwind Traders service level agreement');
}

test('Northwind’s report of last month: Rachel drafts it, Sofia approves and shares it, Carla reads and prints it in the portal', async ({ page, request }) => {
  // The demo's history of closed incidents is evaluated by the scan (as on a site where the app was just installed).
  for (let i = 0; i < 6; i++) {
    const run = (await (await request.post('/sandbox/scheduled/sd-sla-scan/run')).json()) as { result?: { adopted: string[] } };
    if (!run.result?.adopted.length) break;
  }
  await request.post('/sandbox/events/settle');
  const month = await lastMonth(request);

  let app = await openReports(page, await userNamed(request, 'Rachel'));
  await chooseNorthwind(page, app, month);
  // The agreement's own targets: Northwind's High incidents are resolved within 4 hours, round the clock.
  await expect(app.getByTestId('sd-perf-attainment')).toContainText('High');
  await expect(app.getByTestId('sd-perf-summary')).not.toContainText('Incidents opened0');
  await app.getByTestId('sd-perf-commentary').fill('Mail and hosting ran within target but for two late first responses.');
  await app.getByTestId('sd-perf-save').click();
  await expect(app.getByTestId('sd-perf-done')).toContainText('Draft saved');

  app = await openReports(page, await userNamed(request, 'Sofia'));
  await chooseNorthwind(page, app, month);
  await app.getByTestId('sd-perf-approve').click();
  await expect(app.getByTestId('sd-perf-status')).toContainText('Approved');
  await app.getByTestId('sd-perf-share').click();
  await expect(app.getByTestId('sd-perf-status')).toContainText('Shared');

  const carla = await userNamed(request, 'Carla');
  await page.goto('/');
  await actAs(page, carla);
  await page.goto('/servicedesk/customer/portals');
  const portal = page.frameLocator('[data-testid=portal-subheader] [data-testid=app-frame]');
  await portal.getByTestId('sd-portal-tab-reports').click();
  await expect(portal.getByTestId('sd-portal-reports-list')).toContainText('Northwind Traders service level agreement');
  await portal.getByTestId('sd-portal-reports-list').getByRole('button').first().click();
  await expect(portal.getByTestId('sd-portal-report')).toContainText('Mail and hosting ran within target');
  await page.emulateMedia({ media: 'print' });
  await expect(portal.getByTestId('sd-portal-report')).toBeVisible();
  await expect(portal.getByTestId('sd-portal-report-print')).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
});

test('Chen (a customer) finds no report shared with his organization in the portal', async ({ page, request }) => {
  const chen = await userNamed(request, 'Chen');
  await page.goto('/');
  await actAs(page, chen);
  await page.goto('/servicedesk/customer/portals');
  const app = page.frameLocator('[data-testid=portal-subheader] [data-testid=app-frame]');
  await app.getByTestId('sd-portal-tab-reports').click();
  await expect(app.getByTestId('sd-portal-reports-none')).toHaveText('No service performance report has been shared with you yet.');
});
