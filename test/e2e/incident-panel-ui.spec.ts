/**
 * The incident part of the issue panel (issue #5 item 7), as a practitioner sees it in the sandbox's Jira shell:
 * the priority's derivation (D8), the SLA clocks counting down from the server's clock (D9–D11), the closure
 * checklist (IN.2.5, D12, D13) and an action with its refusal and its success.
 *
 * SD-1 is the seeded Critical incident "E-mail delivery down…": In progress, first response given after 9 minutes,
 * resolution clock running (24×7), not resolved, not confirmed.
 */
import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { actAs, luminanceIn, userNamed } from './sandbox';

async function openIncident(page: Page, key: string): Promise<FrameLocator> {
  await page.goto(`/browse/${key}`);
  await expect(page.getByTestId('issue-key')).toHaveText(key);
  const panel = page.frameLocator('[data-testid=app-frame]');
  await expect(panel.getByTestId('sd-issue-key')).toHaveText(key);
  return panel;
}

test.beforeEach(async ({ page, request }) => {
  const priya = await userNamed(request, 'Priya');
  await page.goto('/');
  await actAs(page, priya);
});

test('Priya sees how SD-1’s priority was derived, its SLA clocks counting down and what closing it still needs', async ({ page }) => {
  const panel = await openIncident(page, 'SD-1');
  await expect(panel.getByTestId('sd-incident')).toBeVisible();

  // D8: the priority stated once, with the impact and urgency values; the clause only in the quiet Why line.
  await expect(panel.getByTestId('sd-incident-priority')).toHaveText('Critical');
  await expect(panel.getByTestId('sd-incident-derivation')).toHaveText('Impact High × Urgency High → Critical');
  await expect(panel.getByText('Critical', { exact: true })).toHaveCount(1);
  await expect(panel.getByTestId('sd-priority')).toHaveCount(0);
  await expect(panel.getByTestId('sd-incident-missing')).toHaveCount(0);
  await expect(panel.getByTestId('sd-incident-significant')).toHaveText('Yes: priority Critical');
  // Words, not codes: no heading carries a clause id.
  for (const heading of await panel.locator('h1, h2, h3').allTextContents()) expect(heading).not.toMatch(/\((D\d+|[A-Z]{2,3}[-.]\d)/);

  // The first response was given; the resolution clock runs on 24×7 time.
  const firstResponse = panel.getByTestId('sd-clock-firstResponse');
  await expect(firstResponse).toHaveAttribute('data-state', 'met');
  await expect(firstResponse.getByTestId('sd-clock-remaining')).toHaveText(/^Met · answered after \d+ min$/);
  const resolution = panel.getByTestId('sd-clock-resolution');
  await expect(resolution).toHaveAttribute('data-state', 'running');
  await expect(resolution).toHaveAttribute('data-clock', '24x7');
  await expect(resolution.getByTestId('sd-clock-target')).toHaveText('Target 4 h, around the clock');
  const remaining = resolution.getByTestId('sd-clock-remaining');
  await expect(remaining).toHaveText(/^(\d+ h )?(\d+ min )?\d+ s left$/);
  // In the viewer's own zone, without a zone label (a 24×7 target does not depend on the service hours).
  await expect(resolution.getByTestId('sd-clock-due')).toHaveText(/^Due \d{1,2} \w+ \d{4}, \d{1,2}:\d{2}( [AaPp][Mm])?$/);

  // The countdown is live: it moves within a couple of seconds without a reload.
  const before = (await remaining.textContent()) ?? '';
  await expect(remaining).not.toHaveText(before, { timeout: 2500 });

  // IN.2.5, D12: neither the resolution nor the customer's confirmation is there yet.
  const closure = panel.getByTestId('sd-closure');
  await expect(closure.locator('[data-testid=sd-closure-item][data-id=resolution]')).toHaveAttribute('data-done', 'false');
  await expect(closure.locator('[data-testid=sd-closure-item][data-id=confirmation]')).toHaveAttribute('data-done', 'false');
  await expect(panel.getByTestId('sd-confirm-reason')).toContainText('not resolved yet');
  await expect(panel.getByTestId('sd-confirm-submit')).toHaveCount(0);

  await expect(panel.getByTestId('sd-escalations')).toBeVisible();
  await expect(panel.getByTestId('sd-incident-links').getByTestId('sd-incident-link').first()).toBeVisible();
});

test('raising a mitigation change: Jira’s refusal is shown as the server words it; then the change is raised and linked', async ({ page, request }) => {
  const panel = await openIncident(page, 'SD-1');
  const raise = panel.getByTestId('sd-raise-change-mitigation');
  await expect(raise).toBeEnabled();

  // Jira refuses the next issue creation.
  const fault = await request.post('/sandbox/faults', {
    data: { method: 'POST', path: '/rest/api/3/issue', status: 400, message: 'Summary is required (injected).', times: 1 },
  });
  expect(fault.ok(), 'POST /sandbox/faults').toBeTruthy();
  await raise.focus();
  await page.keyboard.press('Enter');
  // A confirmation first (Atlaskit modal dialog), saying which change type the mitigation of a Critical incident gets.
  const dialog = panel.getByTestId('sd-raise-change-dialog');
  await expect(dialog).toContainText('An Emergency change request (Change) for the mitigation of SD-1');
  await dialog.getByTestId('sd-raise-change-dialog-confirm').click();
  await expect(panel.getByTestId('sd-raise-change-dialog-error')).toContainText('Jira refused to create the change request: Summary is required (injected).');
  await expect(panel.getByTestId('sd-action-done')).toHaveCount(0);

  await dialog.getByTestId('sd-raise-change-dialog-confirm').click();
  await expect(dialog).toHaveCount(0);
  const done = panel.getByTestId('sd-action-done');
  await expect(done).toContainText('as an Emergency change for the mitigation, in Draft and linked to this incident');
  await expect(panel.getByTestId('sd-action-error')).toHaveCount(0);
  const key = (await done.getByTestId('sd-action-done-key').textContent()) ?? '';
  expect(key).toMatch(/^SD-\d+$/);
  // The panel reloaded: the new change is among the links.
  await expect(panel.locator(`[data-testid=sd-incident-link][data-key="${key}"]`)).toBeVisible();

  // The link opens the change in Jira (the host navigates, not the iframe).
  await done.getByTestId('sd-action-done-key').click();
  await expect(page).toHaveURL(new RegExp(`/browse/${key}$`));
  await expect(page.getByTestId('issue-key')).toHaveText(key);
  // A change is no incident: the panel shows no incident part.
  await expect(page.frameLocator('[data-testid=app-frame]').getByTestId('sd-issue-type')).toHaveText('Change');
  await expect(page.frameLocator('[data-testid=app-frame]').getByTestId('sd-incident')).toHaveCount(0);
});

test('in Jira’s dark theme the incident part follows it through the design tokens', async ({ page }) => {
  await page.getByLabel('Theme').selectOption('dark');
  const panel = await openIncident(page, 'SD-1');
  await expect(panel.getByTestId('sd-clock-resolution')).toBeVisible();
  const frame = page.frames().find((f) => f.url().includes('colorMode=dark'));
  expect(frame, 'the panel frame is granted in dark mode').toBeDefined();
  const luminance = (selector: string, property: 'color' | 'backgroundColor') => luminanceIn(frame!, selector, property);
  await expect.poll(() => luminance('body', 'backgroundColor')).toBeLessThan(0.05);
  expect(await luminance('[data-testid=sd-clock-resolution] [data-testid=sd-clock-remaining]', 'color')).toBeGreaterThan(0.5);
  expect(await luminance('[data-testid=sd-incident-derivation]', 'color')).toBeGreaterThan(0.4);
});

test('while the panel loads it shows a skeleton of its final layout, so the content does not push the page down', async ({ page }) => {
  // Hold the panel's first answer back until the skeleton has been measured.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/sandbox/bridge', async (route) => {
    if ((route.request().postData() ?? '').includes('issuePanel.load')) await held;
    await route.continue();
  });
  await page.goto('/browse/SD-1');
  const panel = page.frameLocator('[data-testid=app-frame]');
  await expect(panel.getByTestId('sd-loading')).toBeVisible();
  const heightOf = async () => (await page.getByTestId('app-frame').boundingBox())?.height ?? 0;
  await expect.poll(heightOf).toBeGreaterThan(800);
  const skeleton = await heightOf();
  release();
  await expect(panel.getByTestId('sd-incident')).toBeVisible();
  await expect(panel.getByTestId('sd-incident-skeleton')).toHaveCount(0);
  await expect(panel.getByTestId('sd-closure')).toBeVisible();
  // Before: a spinner of ~40 px, then ~1,000 px more. Now the content replaces a skeleton of about its own height.
  const loaded = await heightOf();
  expect(Math.abs(loaded - skeleton), `skeleton ${skeleton} px, loaded ${loaded} px`).toBeLessThan(loaded * 0.35);
});
