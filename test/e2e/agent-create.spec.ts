/**
 * Issue #12 §1 and §3 in Chromium: an agent creates an incident from the shell's top bar with Jira's Create dialog
 * (the fields of SD's create screen come from createmeta), opens it from the flag, and the app classifies it; every
 * instant the shell shows is in the acting user's own time zone (Priya: Asia/Kolkata, Carla: Europe/London).
 */
import { expect, test, type Locator } from '@playwright/test';
import { actAs, userNamed } from './sandbox';
import { attachScreens, expectNoOverlapAtWidths, overlappingText } from './layout';

/** A control of the dialog by its field label (a required field's label ends with "*"). */
const labelled = (dialog: Locator, name: string): Locator => dialog.getByLabel(new RegExp(`^${name}\\s*\\*?$`));

test('Priya creates an Incident with Impact High and Urgency High from the Create dialog, opens it, and the panel shows Critical', async ({ page, request }) => {
  const priya = await userNamed(request, 'Priya');
  await page.goto('/');
  await actAs(page, priya);
  const create = page.getByTestId('create-button');
  await expect(create).toBeVisible();
  await create.click();

  const dialog = page.getByRole('dialog', { name: 'Create' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('create-project')).toHaveValue('SD');
  await expect(labelled(dialog, 'Issue type')).toHaveValue('10001');
  await expect(labelled(dialog, 'Impact')).toBeVisible();
  await expect(labelled(dialog, 'Urgency')).toBeVisible();
  await expect(dialog.getByRole('group', { name: 'Affected services' })).toBeVisible();
  await test.info().attach('Create dialog (light)', { body: await page.screenshot(), contentType: 'image/png' });
  // Neither the dialog nor the top bar with its Create button has overlapping text at 1,280 and 1,440 px.
  await expectNoOverlapAtWidths(page, async () => [...await overlappingText(page, '[data-testid=create-dialog]'), ...await overlappingText(page, '.topbar')]);

  // Jira's own field error comes back beside its field (POST /rest/api/3/issue answers errors.summary).
  await expect(labelled(dialog, 'Summary')).toHaveAttribute('maxlength', '255');
  await dialog.getByTestId('create-submit').click();
  await expect(dialog.getByTestId('create-error-summary')).toHaveText('You must specify a summary of the issue.');
  await expect(labelled(dialog, 'Summary')).toBeFocused();

  await labelled(dialog, 'Summary').fill('Payroll exports fail for every customer');
  await labelled(dialog, 'Description').fill('The nightly payroll export stops with a timeout.');
  await labelled(dialog, 'Impact').selectOption({ label: 'High' });
  await labelled(dialog, 'Urgency').selectOption({ label: 'High' });
  await dialog.getByRole('group', { name: 'Affected services' }).getByLabel('Managed e-mail', { exact: true }).check();
  // JSM's Organizations field: the agent shares the incident with the customer organization it concerns.
  await dialog.getByRole('group', { name: 'Organizations' }).getByLabel('Globex', { exact: true }).check();
  await dialog.getByTestId('create-submit').click();
  await expect(dialog).toBeHidden();
  await expect(create).toBeFocused();

  const flag = page.getByTestId('create-flag');
  await expect(flag).toContainText('You\'ve created "SD-');
  const link = flag.getByTestId('create-flag-link');
  const key = ((await link.textContent()) ?? '').replace(/^View /, '');
  await request.post('/sandbox/events/settle');
  await link.click();
  await expect(page.getByTestId('issue-key')).toHaveText(key);
  await expect(page.getByTestId('issue-organizations')).toHaveText('Globex');
  const panel = page.frameLocator('[data-testid=app-frame]');
  await expect(panel.getByTestId('sd-incident-priority')).toHaveText('Critical');
  await attachScreens(page, test.info(), 'New incident created from the dialog', async () => {
    await expect(page.frameLocator('[data-testid=app-frame]').getByTestId('sd-incident-priority')).toHaveText('Critical');
  });
});

test('the Create dialog keeps focus inside, closes on Esc, and is not offered to customers', async ({ page, request }) => {
  const priya = await userNamed(request, 'Priya');
  await page.goto('/');
  await actAs(page, priya);
  await page.getByTestId('create-button').click();
  const dialog = page.getByRole('dialog', { name: 'Create' });
  await expect(labelled(dialog, 'Impact')).toBeVisible();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    // Evaluated in the page as source text: this project's Node typings have no DOM.
    expect(await page.evaluate<boolean>('Boolean(document.activeElement && document.activeElement.closest("[role=dialog]"))')).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('create-button')).toBeFocused();

  await actAs(page, await userNamed(request, 'Carla'));
  await expect(page.getByTestId('create-button')).toBeHidden();
});

test('the same instant reads as London time for Carla and Kolkata time for Priya, in the header and the issue details', async ({ page, request }) => {
  const issue = await request.get('/rest/api/3/issue/SD-1?fields=created', { headers: { Authorization: `Basic ${Buffer.from('priya@acme.example:ATATT-sandbox-priya').toString('base64')}` } });
  const created = ((await issue.json()) as { fields: { created: string } }).fields.created;
  const at = new Date(created.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  const hm = (timeZone: string, locale: string) => new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }).format(at);

  await page.goto('/');
  await actAs(page, await userNamed(request, 'Carla'));
  await expect(page.getByTestId('clock-now')).toContainText(/GMT|UTC/);
  await page.goto('/browse/SD-1');
  await expect(page.getByTestId('issue-key')).toHaveText('SD-1');
  await expect(page.getByTestId('issue-created')).toContainText(hm('Europe/London', 'en-GB'));

  await actAs(page, await userNamed(request, 'Priya'));
  await expect(page.getByTestId('clock-now')).toContainText(/IST|GMT\+5:30/);
  await expect(page.getByTestId('issue-key')).toHaveText('SD-1');
  await expect(page.getByTestId('issue-created')).toContainText(hm('Asia/Kolkata', 'en-IN'));
  expect(hm('Asia/Kolkata', 'en-IN')).not.toBe(hm('Europe/London', 'en-GB'));
});
