/**
 * Issue #13: configuration records (WP.02; CO.1.4, CO-11) and the service control procedures (WP.17; CO.1.2, CO.1.3)
 * on the service team's page. Carlos (Control Manager) adds an item beside the demo's records, edits it and reads its
 * history; he saves a draft of a new version of the design, build, test and deployment procedure in force, which
 * Sofia (Service Manager) and then Max (Management) approve — one approval is not enough. No text overlaps at 1,280 and 1,440 px; screens are attached in light and dark.
 */
import { expect, test, type FrameLocator, type Page } from '@playwright/test';
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

async function frameOf(page: Page) {
  const handle = await page.locator('[data-testid=app-frame]').elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('The app frame is not there.');
  return frame;
}

/** Picks an option of an Atlaskit select by typing its label and pressing Enter, as a keyboard user does. */
async function pick(page: Page, app: FrameLocator, inputId: string, label: string): Promise<void> {
  await app.locator(`#${inputId}`).focus();
  await page.keyboard.type(label);
  await page.keyboard.press('Enter');
}

test.describe.serial('configuration records and procedures on the service team’s page', () => {
  test('Carlos (Control Manager) adds a configuration item, edits it and opens its history', async ({ page, request }, testInfo) => {
    const carlos = await userNamed(request, 'Carlos');
    const app = await openServiceDelivery(page, carlos);
    await app.getByTestId('sd-global-tab-configuration').click();
    // The site keeps records already (the demo's mail relays among them); Carlos adds the new mail gateway.
    await expect(app.getByTestId('sd-config-row-mail-relay-mx1')).toBeVisible();
    await expect(app.getByTestId('sd-config-row-mail-gateway-gw1')).toHaveCount(0);

    await app.getByTestId('sd-config-add').click();
    await app.getByTestId('sd-config-name').fill('Mail gateway GW1');
    await expect(app.getByTestId('sd-config-id')).toHaveValue('mail-gateway-gw1');
    await pick(page, app, 'sd-config-service', 'Managed e-mail');
    await pick(page, app, 'sd-config-kind', 'Hardware');
    await pick(page, app, 'sd-config-owner', 'Carlos');
    await app.getByTestId('sd-config-location').fill('Rack 4, Lisbon');
    await app.getByTestId('sd-config-save').click();
    await expect(app.getByTestId('sd-config-done')).toHaveText('Stored “Mail gateway GW1” as version 1.');
    const row = app.getByTestId('sd-config-row-mail-gateway-gw1');
    await expect(row).toContainText('Managed e-mail');
    await expect(row).toContainText('Carlos Ibáñez');
    await expect(app.getByTestId('sd-config-version-mail-gateway-gw1')).toHaveText('1 · stored');

    await app.getByTestId('sd-config-edit-mail-gateway-gw1').click();
    await expect(app.getByTestId('sd-config-id')).toHaveAttribute('readonly', '');
    await app.getByTestId('sd-config-location').fill('Rack 5, Lisbon');
    await app.getByTestId('sd-config-save').click();
    await expect(app.getByTestId('sd-config-done')).toHaveText('Saved “Mail gateway GW1” as version 2.');
    await expect(app.getByTestId('sd-config-version-mail-gateway-gw1')).toHaveText('2 · updated');
    await expect(row).toContainText('Changed location.');

    await app.getByTestId('sd-config-history-mail-gateway-gw1').click();
    const versions = app.getByTestId('sd-config-version-row');
    await expect(versions).toHaveCount(2);
    await expect(versions.nth(0)).toContainText('Updated');
    await expect(versions.nth(0)).toContainText('Rack 5, Lisbon');
    await expect(versions.nth(1)).toContainText('Stored');
    await expect(versions.nth(1)).toContainText('Rack 4, Lisbon');

    await attachScreens(page, testInfo, 'Service delivery — configuration records (Carlos)', async () => {
      const again = page.frameLocator('[data-testid=app-frame]');
      await expect(again.getByTestId('sd-global')).toBeVisible();
      await again.getByTestId('sd-global-tab-configuration').click();
      await expect(again.getByTestId('sd-config-row-mail-gateway-gw1')).toBeVisible();
    });
    await expectNoOverlapAtWidths(page, async () => overlappingText(await frameOf(page), '[data-testid=sd-global]'));
  });

  test('Tom (Practitioner) reads the records but may not add one', async ({ page, request }) => {
    const tom = await userNamed(request, 'Tom');
    const app = await openServiceDelivery(page, tom);
    await app.getByTestId('sd-global-tab-configuration').click();
    await expect(app.getByTestId('sd-config-row-mail-gateway-gw1')).toBeVisible();
    await expect(app.getByTestId('sd-config-add')).toHaveCount(0);
    await expect(app.getByTestId('sd-config-readonly')).toContainText('Only the Control Manager or Management');
  });

  test('Carlos saves the procedure draft; Sofia (Service Manager) and then Max (Management) approve it', async ({ page, request }, testInfo) => {
    const carlos = await userNamed(request, 'Carlos');
    let app = await openServiceDelivery(page, carlos);
    await app.getByTestId('sd-global-tab-procedures').click();
    const wp17 = 'sd-proc-WP17';
    // The site works to version 1, approved by Sofia and Max; Carlos proposes a change to it as a draft.
    await expect(app.getByTestId(`${wp17}-status`)).toHaveText('Approved · version 1');
    await expect(app.getByTestId(`${wp17}-in-force`)).toContainText('Version 1 is in force');
    await expect(app.getByTestId(`${wp17}-needed`)).toHaveText('Save a draft to propose changes; the draft then needs approval again.');
    await expect(app.getByTestId(`${wp17}-emergency`)).not.toHaveValue('');
    await app.getByTestId(`${wp17}-emergency`).fill('Emergency changes are approved by the Control Manager or the Service Manager and reviewed within two working days.');
    await app.getByTestId(`${wp17}-save`).click();
    await expect(app.getByTestId(`${wp17}-done`)).toHaveText('Draft saved.');
    await expect(app.getByTestId(`${wp17}-status`)).toHaveText('Draft of version 2');
    await expect(app.getByTestId(`${wp17}-needed`)).toHaveText('Needs the Service Manager’s and Management’s approval.');
    await expect(app.getByTestId(`${wp17}-approve-CM`)).toHaveCount(0);

    const sofia = await userNamed(request, 'Sofia');
    app = await openServiceDelivery(page, sofia);
    await app.getByTestId('sd-global-tab-procedures').click();
    await app.getByTestId(`${wp17}-approve-SM`).click();
    await expect(app.getByTestId(`${wp17}-needed`)).toHaveText('Still needs Management’s approval.');
    await expect(app.getByTestId(`${wp17}-signoffs`)).toContainText('Approved as Service Manager by Sofia Martins');
    await expect(app.getByTestId(`${wp17}-status`)).toHaveText('Draft of version 2');
    await expect(app.getByTestId(`${wp17}-in-force`)).toContainText('Version 1 is in force');

    const max = await userNamed(request, 'Max');
    app = await openServiceDelivery(page, max);
    await app.getByTestId('sd-global-tab-procedures').click();
    await app.getByTestId(`${wp17}-approve-MGT`).click();
    await expect(app.getByTestId(`${wp17}-status`)).toHaveText('Updated · version 2');
    await expect(app.getByTestId(`${wp17}-in-force`)).toContainText('Version 2 is in force');
    await expect(app.getByTestId(`${wp17}-in-force`)).toContainText('Sofia Martins (Service Manager) and Max Bauer (Management)');
    await expect(app.getByTestId(`${wp17}-emergency`)).toHaveValue(/reviewed within two working days/);
    await expect(app.getByTestId(`${wp17}-version-1`)).toContainText('Version 1 · Approved');

    await attachScreens(page, testInfo, 'Service delivery — procedures (Max)', async () => {
      const again = page.frameLocator('[data-testid=app-frame]');
      await expect(again.getByTestId('sd-global')).toBeVisible();
      await again.getByTestId('sd-global-tab-procedures').click();
      await expect(again.getByTestId(`${wp17}-status`)).toBeVisible();
    });
    await expectNoOverlapAtWidths(page, async () => overlappingText(await frameOf(page), '[data-testid=sd-global]'));
  });
});
