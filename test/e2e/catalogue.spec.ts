/**
 * Issue #14: the service catalogue (WP.10; RE.1.1, RE.1.2, SLM-02, D26) in Chromium. Rachel (Relationship Manager)
 * drafts a catalogue with one service on the service team's page, the editor telling her what approval still needs;
 * Sofia (Service Manager) approves and publishes it; Carla (a customer) reads the service in the help center's
 * "Services" tab, without the team's internal details. The policy (WP.14) is approved first through the app's own
 * function, as RE-06 asks.
 */
import { expect, test, type APIRequestContext, type FrameLocator, type Page } from '@playwright/test';
import { attachScreens } from './layout';
import { actAs, basicAuth, openServiceDeliveryTab, userNamed, type SandboxUser } from './sandbox';

async function invoke(request: APIRequestContext, user: SandboxUser, functionKey: string, payload: unknown): Promise<{ ok: boolean; data?: unknown; error?: { message: string } }> {
  const res = await request.post('/sandbox/bridge', {
    headers: { Authorization: basicAuth(user), 'content-type': 'application/json' },
    data: { type: 'invoke', payload: { functionKey, payload }, context: { moduleKey: 'sd-global-page', extension: { type: 'jira:globalPage' } } },
  });
  expect(res.ok(), `bridge ${functionKey}`).toBeTruthy();
  return ((await res.json()) as { result: { ok: boolean; data?: unknown; error?: { message: string } } }).result;
}

async function openServiceDelivery(page: Page, user: SandboxUser): Promise<FrameLocator> {
  const app = await openServiceDeliveryTab(page, user, 'catalogue');
  await expect(app.getByTestId('sd-cat')).toBeVisible();
  return app;
}

test.describe.serial('the service catalogue', () => {
  test.afterAll(async ({ request }) => { await request.post('/sandbox/reset'); });

  test('Rachel drafts a catalogue, Sofia approves it, Carla reads the service on the portal', async ({ page, request }, testInfo) => {
    const [rachel, sofia, carla] = await Promise.all([userNamed(request, 'Rachel'), userNamed(request, 'Sofia'), userNamed(request, 'Carla')]);
    // RE-06: the catalogue is drafted against the approved policy.
    const governance = (await invoke(request, sofia, 'globalPage.load', {})).data as { policy: { current: unknown; draft: { revision: number } | null; defaults: Record<string, unknown> } };
    if (!governance.policy.current) {
      const policy = { ...governance.policy.defaults, objectives: 'Keep our customers’ mail and sites running.', informationSecurity: { confidentiality: 'Least privilege.', integrity: 'Signed backups.', availability: 'Two sites.' } };
      const saved = await invoke(request, sofia, 'globalPage.policy.saveDraft', { policy, expectedRevision: governance.policy.draft?.revision ?? null });
      expect(saved.error?.message ?? 'saved').toBe('saved');
      const revision = (saved.data as { policy: { draft: { revision: number } } }).policy.draft.revision;
      expect((await invoke(request, sofia, 'globalPage.policy.approve', { revision })).error?.message ?? 'approved').toBe('approved');
    }

    const app = await openServiceDelivery(page, rachel);
    // The demo's approved catalogue is there; Rachel drafts a second one (RE-05: a VSE may keep several).
    await expect(app.getByTestId('sd-cat')).toContainText('Acme managed services');
    await app.getByTestId('sd-cat-new').click();
    await app.getByTestId('sd-cat-name').fill('Hosting services');
    await app.getByTestId('sd-cat-add-service').click();
    await app.getByTestId('sd-cat-service-name-0').fill('Cloud mailboxes');
    // The editor says, next to each field, what approval still needs.
    await expect(app.getByTestId('sd-cat-editor')).toContainText('Description is required.');
    await expect(app.getByTestId('sd-cat-editor-summary')).toContainText('to settle before approval');
    const service = app.getByTestId('sd-cat-edit-service-0');
    await service.getByLabel('Description').fill('Mailboxes with spam filtering, hosted by Acme.');
    await service.getByLabel('Service hours').fill('Mon–Fri 08:00–18:00 Europe/Lisbon');
    await app.getByTestId('sd-cat-service-measure-0-0').fill('Availability');
    await app.getByTestId('sd-cat-service-target-0-0').fill('99.9 % a month');
    await service.getByLabel('How to request it').fill('Raise a request on the portal.');
    await service.getByLabel('Contacts', { exact: true }).fill('service-desk@acme.example');
    await service.getByLabel('How complaints are handled').fill('Tell the Relationship Manager; answered within 5 working days.');
    await service.getByLabel('Suppliers it depends on').fill('NetHost Ltd');
    await service.getByLabel('Status').selectOption('Live');
    await expect(app.getByTestId('sd-cat-editor-summary')).toHaveText('Complete: this draft can be approved once saved.');
    await app.getByTestId('sd-cat-save').click();
    await expect(app.getByTestId('sd-cat-done')).toHaveText('Saved the draft of “Hosting services”.');
    await expect(app.getByTestId('sd-cat-hosting-services-draft')).toContainText('Draft saved by Rachel Green');
    await expect(app.getByTestId('sd-cat-hosting-services-services')).toContainText('Cloud mailboxes');
    await expect(app.getByTestId('sd-cat-hosting-services-services')).toContainText('Offered');
    await attachScreens(page, testInfo, 'catalogue-draft', async () => {
      await app.getByTestId('sd-global-tab-catalogue').click();
      await expect(app.getByTestId('sd-cat-hosting-services-services')).toContainText('Cloud mailboxes');
    });

    const sofiaApp = await openServiceDelivery(page, sofia);
    await sofiaApp.getByTestId('sd-cat-hosting-services-approve').click();
    await expect(sofiaApp.getByTestId('sd-cat-done')).toHaveText('Approved and published “Hosting services”.');
    await expect(sofiaApp.getByTestId('sd-cat-hosting-services-approval')).toContainText('approved by Sofia Martins');
    await expect(sofiaApp.getByTestId('sd-cat-field-sync')).toContainText('Cloud mailboxes');
    await sofiaApp.getByTestId('sd-cat-hosting-services-history').click();
    await expect(sofiaApp.getByTestId('sd-cat-hosting-services-audit')).toContainText('Sofia Martins');

    // Carla lands on the help center; the app's part under its header lists the service offered to her.
    await page.goto('/');
    await actAs(page, carla);
    await expect(page).toHaveURL(/\/servicedesk\/customer\/portals$/);
    const portal = page.frameLocator('[data-testid=portal-subheader] [data-testid=app-frame]');
    await expect(portal.getByTestId('sd-portal-tab-services')).toBeVisible();
    // The demo catalogue's four services (Backup & restore is offered to Northwind, Carla's organization) and the new one.
    await expect(portal.getByTestId('sd-portal-service')).toHaveCount(5);
    await expect(portal.getByTestId('sd-portal-catalogue')).toContainText('Backup & restore');
    const card = portal.getByTestId('sd-portal-service').filter({ hasText: 'Cloud mailboxes' });
    await expect(card).toHaveCount(1);
    await expect(card).toContainText('Cloud mailboxes');
    await expect(card).toContainText('Availability: 99.9 % a month');
    await expect(card).toContainText('Mon–Fri 08:00–18:00 Europe/Lisbon');
    await expect(portal.getByTestId('sd-portal-catalogue')).not.toContainText('NetHost');
    await attachScreens(page, testInfo, 'catalogue-portal', async () => { await expect(card).toContainText('Cloud mailboxes'); });
  });
});
