/**
 * Issue #14, feedback, in Chromium: Carla (customer) sends a complaint from the portal's Feedback tab and rates a
 * resolved incident in the portal request view; Rachel (Relationship Manager) acknowledges and answers the complaint
 * on the service team's page (the approach was approved beforehand: GO-09); Carla then reads the answer in the portal.
 */
import { expect, test, type APIRequestContext, type FrameLocator, type Page } from '@playwright/test';
import { attachScreens } from './layout';
import { actAs, basicAuth, userNamed, type SandboxUser } from './sandbox';

async function invoke(request: APIRequestContext, user: SandboxUser, functionKey: string, payload: unknown): Promise<unknown> {
  const res = await request.post('/sandbox/bridge', { headers: { Authorization: basicAuth(user) }, data: { type: 'invoke', payload: { functionKey, payload }, context: { moduleKey: 'sd-global-page', extension: {} } } });
  const body = (await res.json()) as { ok: boolean; result?: { ok: boolean; data?: unknown; error?: { message: string } } };
  if (!body.ok || !body.result?.ok) throw new Error(`${functionKey}: ${JSON.stringify(body)}`);
  return body.result.data;
}

/** GO.2.3 beforehand: Rachel drafts the approach, records the customer's and the supplier's agreement; Max approves. */
async function approveApproach(request: APIRequestContext): Promise<void> {
  const rachel = await userNamed(request, 'Rachel');
  const max = await userNamed(request, 'Max');
  const view = (await invoke(request, rachel, 'globalPage.feedback.load', {})) as { approach: { starter: { sections: Record<string, string> } } };
  await invoke(request, rachel, 'globalPage.feedback.approach.saveDraft', { sections: view.approach.starter.sections, targets: { acknowledgeDays: 2, answerDays: 10 }, expectedRevision: null });
  await invoke(request, rachel, 'globalPage.feedback.approach.recordSignOff', { revision: 1, party: 'CUS', name: 'Carla Jones', how: 'e-mail' });
  await invoke(request, rachel, 'globalPage.feedback.approach.recordSignOff', { revision: 2, party: 'SUP', name: 'Sam Okafor', how: 'meeting' });
  await invoke(request, max, 'globalPage.feedback.approach.approve', { revision: 3 });
}

/** An incident Carla reported, resolved by Priya (REST). */
async function resolvedIncident(request: APIRequestContext): Promise<string> {
  const priya = await userNamed(request, 'Priya');
  const carla = await userNamed(request, 'Carla');
  const headers = { Authorization: basicAuth(priya) };
  const created = await request.post('/rest/api/3/issue', { headers, data: { fields: {
    project: { key: 'SD' }, issuetype: { name: 'Incident' }, summary: 'Shared calendar not syncing', reporter: { accountId: carla.accountId },
    customfield_10010: { value: 'Medium' }, customfield_10011: { value: 'Medium' },
  } } });
  expect(created.status()).toBe(201);
  const { key } = (await created.json()) as { key: string };
  await request.post('/sandbox/events/settle');
  for (const name of ['Start work', 'Resolve']) {
    const list = (await (await request.get(`/rest/api/3/issue/${key}/transitions`, { headers })).json()) as { transitions: Array<{ id: string; name: string }> };
    const t = list.transitions.find((x) => x.name === name)!;
    expect((await request.post(`/rest/api/3/issue/${key}/transitions`, { headers, data: { transition: { id: t.id } } })).status()).toBe(204);
    await request.post('/sandbox/events/settle');
  }
  return key;
}

async function portalFeedback(page: Page): Promise<FrameLocator> {
  await page.goto('/servicedesk/customer/portals');
  const app = page.frameLocator('[data-testid=portal-subheader] [data-testid=app-frame]');
  await app.getByTestId('sd-portal-tab-feedback').click();
  await expect(app.getByTestId('sd-portal-feedback')).toBeVisible();
  return app;
}

test.describe.serial('feedback: the customer complains and rates, the Relationship Manager answers', () => {
  test.afterAll(async ({ request }) => { await request.post('/sandbox/reset'); });

  test('Carla complains from the portal and rates a resolved request; Rachel answers; Carla reads the answer', async ({ page, request }, testInfo) => {
    await approveApproach(request);
    const key = await resolvedIncident(request);
    const carla = await userNamed(request, 'Carla');
    const rachel = await userNamed(request, 'Rachel');

    // Carla sends a complaint from the help center's Feedback tab.
    await page.goto('/');
    await actAs(page, carla);
    let portal = await portalFeedback(page);
    await portal.getByLabel('Kind').selectOption('complaint');
    await portal.getByLabel('Your message').fill('Nobody told us the calendar outage was fixed.');
    await portal.getByLabel('About your request').fill(key);
    await portal.getByTestId('sd-portal-feedback-send').click();
    await expect(portal.getByTestId('sd-portal-feedback-done')).toContainText('Thank you');
    const entry = portal.locator('[data-testid^=sd-portal-feedback-FB-]').first();
    await expect(entry).toContainText('Received');
    const id = ((await entry.getAttribute('data-testid')) ?? '').replace('sd-portal-feedback-', '');

    // She rates the resolved request in the portal request view.
    await page.goto(`/servicedesk/customer/portal/1/${key}`);
    const module = page.frameLocator('[data-testid=portal-module] [data-testid=app-frame]');
    await expect(module.getByTestId('sd-satisfaction')).toBeVisible();
    await module.getByTestId('sd-satisfaction-score-4').check();
    await module.getByLabel('Comment (optional)').fill('Fixed well, but tell us next time.');
    await module.getByTestId('sd-satisfaction-send').click();
    await expect(module.getByTestId('sd-satisfaction-mine')).toContainText('4 of 5');
    await attachScreens(page, testInfo, 'Portal request rated', async () => {
      await expect(page.frameLocator('[data-testid=portal-module] [data-testid=app-frame]').getByTestId('sd-satisfaction-mine')).toBeVisible();
    });

    // Rachel acknowledges and answers on the service team's page.
    await page.goto('/');
    await actAs(page, rachel);
    await page.getByTestId('nav-global').click();
    const app = page.frameLocator('[data-testid=app-frame]');
    await app.getByTestId('sd-global-tab-feedback').click();
    await expect(app.getByTestId(`sd-feedback-row-${id}`)).toContainText('Complaint');
    await app.getByTestId(`sd-feedback-open-${id}`).click();
    const detail = app.getByTestId(`sd-feedback-detail-${id}`);
    await expect(detail).toContainText('Nobody told us the calendar outage was fixed.');
    await detail.getByLabel('Next step', { exact: true }).selectOption('acknowledged');
    await detail.getByTestId('sd-feedback-step-save').click();
    await expect(app.getByTestId('sd-feedback-done')).toContainText(`Acknowledged receipt recorded on ${id}`);
    const again = app.getByTestId(`sd-feedback-detail-${id}`);
    await again.getByLabel('Next step', { exact: true }).selectOption('answered');
    await again.getByLabel('Response to the sender').fill('Sorry: from now on we tell you as soon as a service is restored.');
    await again.getByTestId('sd-feedback-step-save').click();
    await expect(app.getByTestId(`sd-feedback-row-${id}`)).toContainText('Answered');
    // The theme switch reloads the page (on its first tab): open the Feedback tab again each time.
    await attachScreens(page, testInfo, 'Feedback log', async () => {
      const fresh = page.frameLocator('[data-testid=app-frame]');
      await fresh.getByTestId('sd-global-tab-feedback').click();
      await expect(fresh.getByTestId('sd-feedback-log')).toBeVisible();
    });

    // Carla reads the answer in the portal.
    await page.goto('/');
    await actAs(page, carla);
    portal = await portalFeedback(page);
    await expect(portal.getByTestId(`sd-portal-feedback-answer-${id}`)).toContainText('as soon as a service is restored');
    await expect(portal.getByTestId(`sd-portal-feedback-${id}`)).toContainText('Answered');
    await attachScreens(page, testInfo, 'Portal feedback', async () => {
      const fresh = await portalFeedback(page);
      await expect(fresh.getByTestId(`sd-portal-feedback-answer-${id}`)).toBeVisible();
    });
  });
});
