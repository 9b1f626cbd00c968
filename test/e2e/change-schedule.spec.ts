/**
 * Issue #13: the change schedule (WP.12) on the service team's page. The demo site works to an approved schedule
 * (version 2); Carlos (Control Manager) adds a freeze, saves it (version 3, "Updated"), approves it (version 4,
 * "Approved", D21), sees the month calendar with the freeze shaded and the planned change as a bar, switches to the
 * week view and downloads the .ics. No text overlaps at 1,280 and 1,440 px.
 */
import { expect, test, type Frame, type FrameLocator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { attachScreens, expectNoOverlapAtWidths, overlappingText } from './layout';
import { actAs, userNamed, type SandboxUser } from './sandbox';

async function openServiceDelivery(page: Page, user: SandboxUser): Promise<FrameLocator> {
  await page.goto('/');
  await actAs(page, user);
  await page.getByTestId('nav-global').click();
  await expect(page).toHaveURL(/\/apps\/service-delivery$/);
  const app = page.frameLocator('[data-testid=app-frame]');
  await expect(app.getByTestId('sd-global')).toBeVisible();
  return app;
}

async function frameOf(page: Page): Promise<Frame> {
  const handle = await page.locator('[data-testid=app-frame]').elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('The app frame is not there.');
  return frame;
}

test('Carlos (Control Manager) adds a freeze to the approved schedule, saves and approves it, reads it by month and week, and downloads it', async ({ page, request }, testInfo) => {
  const carlos = await userNamed(request, 'Carlos');
  const app = await openServiceDelivery(page, carlos);
  await app.getByTestId('sd-global-tab-schedule').click();
  await expect(app.getByTestId('sd-sch-month')).toBeVisible();
  // The site works to the approved schedule (version 2, approved by Sofia): nothing to approve.
  await expect(app.getByTestId('sd-sch-status')).toContainText('Version 2');
  await expect(app.getByTestId('sd-sch-status')).toContainText('Approved');
  await expect(app.getByTestId('sd-sch-approval')).toContainText('Approved by Sofia');
  await expect(app.getByTestId('sd-sch-approve')).toHaveCount(0);
  await expect(app.getByTestId('sd-sch-item-2')).toContainText('Year-end freeze');

  // A planned change is a bar on the calendar, a link to the issue.
  const waf = app.locator('[data-testid^=sd-sch-change-]', { hasText: 'Add WAF rule' });
  await expect(waf).toBeVisible();
  await expect(waf).toHaveAttribute('href', /\/browse\/SD-8$/);
  const frozenDays = app.locator('[data-testid^=sd-sch-day-][data-frozen=true]');
  const frozenBefore = await frozenDays.count();

  await app.getByTestId('sd-sch-add').click();
  await app.getByTestId('sd-sch-name').fill('Year-end close');
  await app.getByTestId('sd-sch-keep').click();
  await app.getByTestId('sd-sch-save').click();
  // A freeze needs its reason, said in words naming the field.
  await expect(app.getByTestId('sd-admin-error')).toContainText('Period 4 “Year-end close”: Reason is required for a freeze');
  await app.getByTestId('sd-sch-item-3').getByRole('button', { name: 'Edit' }).click();
  await app.getByTestId('sd-sch-reason').fill('Our customers close their books');
  await app.getByTestId('sd-sch-keep').click();
  await app.getByTestId('sd-sch-save').click();
  await expect(app.getByTestId('sd-sch-done')).toHaveText('Saved as version 3 (Updated).');
  await expect(app.getByTestId('sd-sch-status')).toContainText('Version 3');
  await expect(app.getByTestId('sd-sch-status')).toContainText('Updated');
  await expect(app.getByTestId('sd-sch-approval')).toContainText('Last approved: version 2, by Sofia');
  await expect(app.getByTestId('sd-sch-approval')).toContainText('this version awaits approval');

  await app.getByTestId('sd-sch-approve').click();
  await expect(app.getByTestId('sd-sch-done')).toHaveText('Version 4 approved.');
  await expect(app.getByTestId('sd-sch-status')).toContainText('Approved');
  await expect(app.getByTestId('sd-sch-approval')).toContainText('Approved by Carlos');

  // The month: the new freeze shades today (more days frozen than before) and shows as a bar; the change is still there.
  await expect.poll(() => frozenDays.count()).toBeGreaterThan(frozenBefore);
  await expect(app.locator('[data-testid^=sd-sch-period-]', { hasText: 'Year-end close' }).first()).toBeVisible();
  await expect(waf).toBeVisible();
  await expect(app.getByTestId('sd-sch-legend')).toContainText('Emergency change');
  const frame = await frameOf(page);
  await expectNoOverlapAtWidths(page, () => overlappingText(frame, '[data-testid=sd-schedule]'));
  await attachScreens(page, testInfo, 'Change schedule, month', async () => {
    const again = page.frameLocator('[data-testid=app-frame]');
    await expect(again.getByTestId('sd-global')).toBeVisible();
    await again.getByTestId('sd-global-tab-schedule').click();
    await expect(again.getByTestId('sd-sch-month')).toBeVisible();
  });

  // The week, by keyboard: the freeze is shaded in today's column.
  const week = page.frameLocator('[data-testid=app-frame]');
  await week.getByTestId('sd-global-tab-schedule').click();
  await week.getByTestId('sd-sch-view-week').focus();
  await page.keyboard.press('Enter');
  await expect(week.getByTestId('sd-sch-week')).toBeVisible();
  // The new period's id is the editor's (p-…), the seeded ones are named (evening-window, …).
  await expect(week.locator('[data-testid^=sd-sch-wv-period-p-]').first()).toBeVisible();
  await expectNoOverlapAtWidths(page, async () => overlappingText(await frameOf(page), '[data-testid=sd-schedule]'));
  await testInfo.attach('Change schedule, week (light)', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

  const [download] = await Promise.all([page.waitForEvent('download'), week.getByTestId('sd-sch-ics').click()]);
  expect(download.suggestedFilename()).toMatch(/^change-schedule-\d{4}-\d{2}-\d{2}\.ics$/);
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(text).toContain('SUMMARY:Freeze (key business event): Year-end close');
});

test('Tom (Practitioner) reads the schedule but is offered no way to edit or approve it', async ({ page, request }) => {
  const tom = await userNamed(request, 'Tom');
  const app = await openServiceDelivery(page, tom);
  await app.getByTestId('sd-global-tab-schedule').click();
  await expect(app.getByTestId('sd-sch-month')).toBeVisible();
  await expect(app.getByTestId('sd-sch-periods')).toContainText('The Control Manager or the Service Manager keep this schedule.');
  await expect(app.getByTestId('sd-sch-add')).toHaveCount(0);
  await expect(app.getByTestId('sd-sch-approve')).toHaveCount(0);
});
