/**
 * Issue #12 §1 and §4 in Chromium: a customer raises an incident on the JSM customer portal (the sandbox's help
 * center over /rest/servicedeskapi), follows it in "My requests", reads the app's portal module under the activity,
 * comments, and confirms the resolution there once an agent resolved it.
 */
import { expect, test, type APIRequestContext, type Frame, type Page } from '@playwright/test';
import { attachScreens, expectNoOverlapAtWidths, overlappingText } from './layout';
import { actAs, basicAuth, userNamed } from './sandbox';

async function moduleFrame(page: Page): Promise<Frame> {
  const handle = await page.locator('[data-testid=portal-module] [data-testid=app-frame]').elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('The portal module frame is not there.');
  return frame;
}

async function transition(request: APIRequestContext, key: string, name: string): Promise<void> {
  const priya = await userNamed(request, 'Priya');
  const headers = { Authorization: basicAuth(priya) };
  const list = (await (await request.get(`/rest/api/3/issue/${key}/transitions`, { headers })).json()) as { transitions: Array<{ id: string; name: string }> };
  const t = list.transitions.find((x) => x.name === name);
  expect(t, `transition ${name}`).toBeDefined();
  expect((await request.post(`/rest/api/3/issue/${key}/transitions`, { headers, data: { transition: { id: t!.id } } })).status()).toBe(204);
  await request.post('/sandbox/events/settle');
}

test.describe('JSM customer portal', () => {
  test.afterAll(async ({ request }) => { await request.post('/sandbox/reset'); });

  test('Carla raises an incident on the portal, follows it, comments, and confirms its resolution in the app’s module', async ({ page, request }, testInfo) => {
    const carla = await userNamed(request, 'Carla');
    await page.goto('/');
    await actAs(page, carla);
    // A customer lands on the help center, not on Jira's project pages.
    await expect(page).toHaveURL(/\/servicedesk\/customer\/portals$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Help center' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Projects' })).toBeHidden();

    await page.getByTestId('portal-SD').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Acme Managed Services' })).toBeVisible();
    await page.getByRole('link', { name: /Report an incident/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Report an incident' })).toBeVisible();

    // Sending the form empty names what is missing, in words, beside the field.
    await page.getByTestId('portal-submit').click();
    await expect(page.getByTestId('portal-form-errors')).toContainText('Summary: this field is required.');
    await expect(page.getByLabel('Summary')).toHaveAttribute('aria-invalid', 'true');

    await page.getByLabel('Summary').fill('Invoices cannot be sent from the portal');
    await page.getByLabel('Description').fill('Since 09:00 every invoice run fails with a timeout.');
    await page.getByLabel('Impact').selectOption({ label: 'High' });
    await page.getByLabel('Urgency').selectOption({ label: 'High' });
    await page.getByLabel('Web hosting').check();
    await page.getByTestId('portal-submit').click();

    await expect(page).toHaveURL(/\/servicedesk\/customer\/portal\/1\/SD-\d+$/);
    const key = (await page.getByTestId('portal-request-key').textContent())!.trim();
    await request.post('/sandbox/events/settle');

    // My requests lists it; opening it shows the request.
    await page.getByRole('link', { name: 'My requests' }).first().click();
    await expect(page.getByTestId(`my-request-${key}`)).toContainText('Invoices cannot be sent from the portal');
    await page.getByTestId(`my-request-${key}`).getByRole('link', { name: key }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Invoices cannot be sent from the portal' })).toBeVisible();
    await expect(page.getByTestId('portal-status')).toHaveText(/open/i);
    await expect(page.getByTestId('portal-details')).toContainText('High');
    // JSM shares a customer's request with their organization, and the portal says so.
    await expect(page.getByTestId('portal-shared-with')).toHaveText('Northwind Traders');

    // The app's module below the activity: the customer's view with its status and targets.
    const app = page.frameLocator('[data-testid=portal-module] [data-testid=app-frame]');
    await expect(app.getByTestId('sd-incident')).toHaveAttribute('data-audience', 'customer');
    await expect(app.getByTestId('sd-clock-resolution')).toBeVisible();
    // D18: her organization's agreement sets the targets, and the view names it.
    await expect(app.getByTestId('sd-clocks-basis')).toContainText('Targets of Northwind Traders service level agreement');

    // A comment, from the keyboard.
    await page.getByTestId('portal-comment-input').fill('Our finance team is blocked until this works.');
    await page.getByTestId('portal-comment-input').press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('portal-comments')).toContainText('Our finance team is blocked until this works.');

    // The agent resolves it (REST); Carla confirms the resolution in the module.
    await transition(request, key, 'Start work');
    await transition(request, key, 'Resolve');
    await page.reload();
    await expect(page.getByTestId('portal-status')).toHaveText(/resolved/i);
    await expect(app.getByTestId('sd-incident')).toHaveAttribute('data-audience', 'customer');

    await attachScreens(page, testInfo, 'Portal request view', async () => {
      await expect(app.getByTestId('sd-incident')).toBeVisible();
      await expect(page.getByTestId('portal-comments')).toContainText('finance team');
    });
    await expectNoOverlapAtWidths(page, () => overlappingText(page, 'main'));
    await expectNoOverlapAtWidths(page, async () => overlappingText(await moduleFrame(page)));

    await app.getByTestId('sd-confirm-submit').focus();
    await page.keyboard.press('Enter');
    // Her view says so in her words, with her name and the moment in her own zone; the confirm action is gone.
    await expect(app.getByTestId('sd-customer-standing')).toContainText('You confirmed that the service is restored');
    await expect(app.getByTestId('sd-closure-confirmation')).toContainText('Confirmed by Carla Jones');
    await expect(app.getByTestId('sd-confirm-submit')).toHaveCount(0);

    // The agent's panel names the same agreement, its issue and version, above the clocks.
    await actAs(page, await userNamed(request, 'Priya'));
    await page.goto(`/browse/${key}`);
    const panel = page.frameLocator('[data-testid=app-frame]');
    await expect(panel.getByTestId('sd-clocks-basis')).toContainText(/Targets of Northwind Traders service level agreement \(SD-\d+, version 1\)/);
  });

  test('Chen, a customer of another organization, cannot open Carla’s request on the portal', async ({ page, request }) => {
    const chen = await userNamed(request, 'Chen');
    await page.goto('/');
    await actAs(page, chen);
    await page.goto('/servicedesk/customer/portal/1/SD-1');
    await expect(page.getByRole('heading', { level: 1, name: 'Request not available' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('does not exist, or you do not have permission to see it');
    await expect(page.locator('[data-testid=app-frame]')).toHaveCount(0);
  });
});
