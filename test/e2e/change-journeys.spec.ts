/**
 * Issue #13's acceptance, change control walked in the sandbox's Jira shell by the people who do it:
 * 1. a Normal change from draft to reviewed by the right people (Tom requests, Carlos decides, Priya builds and
 *    tests, Tom deploys with Jira's own button, Carlos reviews), the configuration record's new version naming it;
 * 2. an Emergency change deployed on one approval (the Service Manager's) and refused closure until reviewed;
 * 3. a pre-approved designation refused before a full normal run and accepted after, then a change raised from it;
 * 4. a Normal change refused in the year-end freeze, and an Emergency one warned there with the warning recorded.
 *
 * Every journey raises its own changes (REST, as the requester), so none depends on another's order; they share the
 * demo sandbox (sandbox/seed/demo.ts, demo-changes.ts: windows Tuesdays and Thursdays 20:00–23:00 Lisbon, the
 * "Year-end freeze" from a week after the clock's day). Light and dark screenshots of the change panel go to the HTML
 * report, and no text in the panel overlaps at 1,280 and 1,440 px.
 */
import { expect, test, type APIRequestContext, type FrameLocator, type Page, type TestInfo } from '@playwright/test';
import { freezeOf, windowStart } from '../../sandbox/seed/demo-changes';
import { attachScreens, expectNoOverlapAtWidths, overlappingText } from './layout';
import { actAs, basicAuth, getAs, userNamed, type SandboxUser } from './sandbox';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type FieldName = 'Change type' | 'Impact' | 'Urgency' | 'Affected services' | 'Impacted CIs' | 'Planned start' | 'Planned end'
  | 'Business impact' | 'Implementation plan' | 'Backout plan' | 'Test plan' | 'Builder' | 'Deployer';

/** The site's field ids by name (GET /rest/api/3/field), as an integrator would look them up. */
async function fieldIds(request: APIRequestContext, user: SandboxUser): Promise<Record<FieldName, string>> {
  const { status, body } = await getAs<Array<{ id: string; name: string }>>(request, user, '/rest/api/3/field');
  expect(status, 'GET /rest/api/3/field').toBe(200);
  const names: FieldName[] = ['Change type', 'Impact', 'Urgency', 'Affected services', 'Impacted CIs', 'Planned start', 'Planned end', 'Business impact', 'Implementation plan', 'Backout plan', 'Test plan', 'Builder', 'Deployer'];
  return Object.fromEntries(names.map((n) => {
    const id = body.find((f) => f.name === n)?.id;
    if (!id) throw new Error(`The site has no field "${n}".`);
    return [n, id];
  })) as Record<FieldName, string>;
}

/** The sandbox clock's instant (fixed when the sandbox started). */
async function clockNow(request: APIRequestContext): Promise<number> {
  const res = await request.get('/sandbox/clock');
  expect(res.ok(), 'GET /sandbox/clock').toBeTruthy();
  return Date.parse(((await res.json()) as { now: string }).now);
}

const doc = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const jiraTime = (t: number) => new Date(t).toISOString().replace('Z', '+0000');

interface NewChange {
  summary: string;
  type: 'Normal' | 'Emergency';
  services: string[];
  cis: string[];
  slot?: { start: number; end: number };
  /** Business impact, implementation, test and back-out plans. */
  documented: boolean;
  builder?: SandboxUser;
  deployer?: SandboxUser;
}

/** Raises a change request as `user` through Jira's REST API (the shell's Create dialog posts the same). */
async function raiseChange(request: APIRequestContext, user: SandboxUser, c: NewChange): Promise<string> {
  const f = await fieldIds(request, user);
  const fields: Record<string, unknown> = {
    project: { key: 'SD' }, issuetype: { name: 'Change' }, summary: c.summary,
    [f['Change type']]: { value: c.type }, [f.Impact]: { value: 'Medium' }, [f.Urgency]: { value: c.type === 'Emergency' ? 'High' : 'Medium' },
    [f['Affected services']]: c.services.map((value) => ({ value })), [f['Impacted CIs']]: c.cis,
  };
  if (c.slot) Object.assign(fields, { [f['Planned start']]: jiraTime(c.slot.start), [f['Planned end']]: jiraTime(c.slot.end) });
  if (c.documented) {
    Object.assign(fields, {
      [f['Business impact']]: doc('Customers’ mail is delayed while the relay runs out of memory at peak.'),
      [f['Implementation plan']]: doc('Drain the node, apply the change, put it back behind the load balancer.'),
      [f['Test plan']]: doc('Send test mail through the node from the staging relay; watch the bounce rate for an hour.'),
      [f['Backout plan']]: doc('Re-image the node from the snapshot taken before the change.'),
    });
  }
  if (c.builder) fields[f.Builder] = { accountId: c.builder.accountId };
  if (c.deployer) fields[f.Deployer] = { accountId: c.deployer.accountId };
  const res = await request.post('/rest/api/3/issue', { headers: { Authorization: basicAuth(user) }, data: { fields } });
  expect(res.status(), await res.text()).toBe(201);
  await request.post('/sandbox/events/settle');
  return ((await res.json()) as { key: string }).key;
}

/** Opens the change in the shell as the person acting now, and answers the app's panel once the change part drew. */
async function openChange(page: Page, request: APIRequestContext, key: string): Promise<FrameLocator> {
  await request.post('/sandbox/events/settle');
  await page.goto(`/browse/${key}`);
  await expect(page.getByTestId('issue-key')).toHaveText(key);
  const panel = page.frameLocator('[data-testid=app-frame]');
  await expect(panel.getByTestId('sd-issue-key')).toHaveText(key);
  await expect(panel.getByTestId('sd-change')).toBeVisible();
  return panel;
}

async function actingAs(page: Page, user: SandboxUser): Promise<void> {
  if (!page.url().startsWith('http')) await page.goto('/');
  await actAs(page, user);
}

const step = (panel: FrameLocator, id: string) => panel.locator(`[data-testid=sd-change-step][data-step=${id}]`);

/** Opens an action's form in the panel. */
async function openAction(panel: FrameLocator, id: string): Promise<void> {
  await panel.getByTestId(`sd-change-action-${id}`).click();
  await expect(panel.getByTestId(`sd-change-form-${id}`)).toBeVisible();
}

/** Submits with `button` and waits for the server's "Done" with the fresh view; answers what it said. */
async function expectDone(panel: FrameLocator, id: string, button = 'sd-change-form-submit'): Promise<string> {
  await panel.getByTestId(button).click();
  const done = panel.getByTestId('sd-change-action-done');
  await expect(done.or(panel.getByTestId('sd-change-form-error'))).toBeVisible();
  if (await panel.getByTestId('sd-change-form-error').isVisible()) throw new Error(`${id} was refused: ${await panel.getByTestId('sd-change-form-error').innerText()}`);
  await expect(panel.getByTestId(`sd-change-form-${id}`)).toHaveCount(0);
  return done.innerText();
}

async function approve(panel: FrameLocator, reason?: string): Promise<string> {
  await openAction(panel, 'decide');
  if (reason) await panel.getByTestId('sd-change-reason').fill(reason);
  return expectDone(panel, 'decide', 'sd-change-approve');
}

/** Presses one of Jira's transition buttons in the shell's issue view; answers the refusal shown, or null. */
async function pressJira(page: Page, name: string): Promise<string | null> {
  const before = await page.getByTestId('issue-status').innerText();
  await page.getByTestId(`transition-${name}`).click();
  const error = page.getByTestId('transition-error');
  await expect(async () => {
    const refused = await error.isVisible();
    const moved = (await page.getByTestId('issue-status').innerText()) !== before;
    expect(refused || moved, `“${name}” answered`).toBeTruthy();
  }).toPass();
  return (await error.isVisible()) ? error.innerText() : null;
}

/** Jira's status of the change (the shell's header shows it after its own transitions; panel actions move it behind it). */
async function expectStatus(request: APIRequestContext, key: string, name: string): Promise<void> {
  const sofia = await userNamed(request, 'Sofia');
  await expect.poll(() => jiraStatus(request, sofia, key), { message: `${key} is “${name}” in Jira` }).toBe(name);
}

async function jiraStatus(request: APIRequestContext, user: SandboxUser, key: string): Promise<string> {
  const { body } = await getAs<{ fields: { status: { name: string } } }>(request, user, `/rest/api/3/issue/${key}?fields=status`);
  return body.fields.status.name;
}

/** Light and dark screenshots of the change panel, then the overlap check inside the panel frame at 1,280 and 1,440 px. */
async function capture(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const ready = async () => {
    await expect(page.frameLocator('[data-testid=app-frame]').getByTestId('sd-change')).toBeVisible();
  };
  await attachScreens(page, testInfo, name, ready);
  await ready();
  const frame = await (await page.locator('[data-testid=app-frame]').elementHandle())?.contentFrame();
  expect(frame, 'the panel frame').toBeTruthy();
  await expectNoOverlapAtWidths(page, () => overlappingText(frame!, '[data-testid=sd-panel]'));
}

/** Next Tuesday's or Thursday's evening window (20:00–23:00 Lisbon) before the year-end freeze, two hours of it. */
async function windowSlot(request: APIRequestContext, nth = 0): Promise<{ start: number; end: number }> {
  const now = await clockNow(request);
  const start = windowStart(now, HOUR, nth);
  expect(start + 2 * HOUR, 'the window is before the freeze').toBeLessThanOrEqual(freezeOf(now).start);
  return { start, end: start + 2 * HOUR };
}

test.describe('change control, walked by the right people', () => {
  test('a Normal change from draft to reviewed: Tom requests, Carlos decides, Priya builds and tests, Tom deploys, Carlos reviews', async ({ page, request }, testInfo) => {
    test.slow();
    const [tom, carlos, priya] = await Promise.all(['Tom', 'Carlos', 'Priya'].map((n) => userNamed(request, n))) as [SandboxUser, SandboxUser, SandboxUser];
    const slot = await windowSlot(request, 0);
    const key = await raiseChange(request, tom, {
      summary: 'Add memory to mail relay MX-1 (journey 1)', type: 'Normal', services: ['Managed e-mail'], cis: ['mail-relay-mx1'], slot, documented: true, builder: priya, deployer: tom,
    });

    // Tom, the requester: the request waits for its approval, and he may not give it (D7).
    await actingAs(page, tom);
    let panel = await openChange(page, request, key);
    await expect(panel.getByTestId('sd-change-type')).toHaveText('Normal change');
    await expect(step(panel, 'evaluate')).toHaveAttribute('data-state', 'current');
    await expect(panel.getByTestId('sd-change-approvers')).toContainText('The Control Manager who did not request, build or deploy this change');
    await expect(panel.getByTestId('sd-change-action-decide')).toHaveCount(0);
    await expect(panel.getByTestId('sd-change-action-decide-reason')).toContainText('requested this change');
    await capture(page, testInfo, '1.1 Tom’s draft, waiting for approval');

    // Carlos approves the request in the panel: Jira's status follows.
    await actingAs(page, carlos);
    panel = await openChange(page, request, key);
    await expect(panel.getByTestId('sd-change-planned-start')).not.toContainText('Not');
    await expect(panel.locator('[data-testid=sd-change-finding][data-severity=refusal]')).toHaveCount(0);
    expect(await approve(panel)).toContain('Approved');
    await expect(step(panel, 'evaluate')).toHaveAttribute('data-state', 'done');
    await expectStatus(request, key, 'Approved');

    // Carlos approves the service design: the build may start.
    await expect(panel.getByTestId('sd-change-approvers')).toHaveAttribute('data-step', 'design');
    expect(await approve(panel)).toContain('In build');
    await expect(step(panel, 'design')).toHaveAttribute('data-state', 'done');
    await expectStatus(request, key, 'In build');

    // Priya records the build and publishes a passing test report.
    await actingAs(page, priya);
    panel = await openChange(page, request, key);
    await openAction(panel, 'recordBuild');
    await panel.getByTestId('sd-change-build-notes').fill('32 GB added and burnt in overnight.');
    expect(await expectDone(panel, 'recordBuild')).toContain('In test');
    await expect(step(panel, 'build')).toHaveAttribute('data-state', 'done');
    await expectStatus(request, key, 'In test');
    await openAction(panel, 'publishTestReport');
    await panel.getByTestId('sd-change-test-summary').fill('The relay took twice the peak load in staging without swapping.');
    await panel.getByTestId('sd-change-test-outcome-choice-pass').check();
    await panel.getByTestId('sd-change-test-levels').fill('Load test, mail flow test');
    expect(await expectDone(panel, 'publishTestReport')).toContain('pass');
    await expect(step(panel, 'test')).toHaveAttribute('data-state', 'done');
    await expect(panel.getByTestId('sd-change-test-outcome')).toHaveText('Pass');
    await capture(page, testInfo, '1.2 built and tested');

    // Carlos approves the deployment and records the customer's sign-off (Carla, by e-mail).
    await actingAs(page, carlos);
    panel = await openChange(page, request, key);
    await expect(panel.getByTestId('sd-change-approvers')).toHaveAttribute('data-step', 'deploy');
    await approve(panel);
    await openAction(panel, 'recordSignOff');
    await panel.getByTestId('sd-change-party-CUS').check();
    await panel.getByTestId('sd-change-signoff-name').fill('Carla Jones (Northwind Traders)');
    await panel.getByTestId('sd-change-signoff-how').fill('By e-mail');
    // The sign-off completes the approval to deploy: Jira's status follows.
    const signed = await expectDone(panel, 'recordSignOff');
    expect(signed).toContain('Carla Jones');
    expect(signed).toContain('It is now “Ready to deploy”');
    await expectStatus(request, key, 'Ready to deploy');
    panel = await openChange(page, request, key);
    await expect(page.getByTestId('issue-status')).toHaveText('Ready to deploy');
    await expect(step(panel, 'deploy-approval')).toHaveAttribute('data-state', 'done');
    await expect(panel.getByTestId('sd-change-evidence-build')).toContainText('Final');
    const ciBefore = await panel.locator('[data-testid=sd-change-ci][data-id=mail-relay-mx1]').innerText();
    const versionBefore = Number(/version (\d+)/.exec(ciBefore)?.[1]);
    expect(versionBefore, 'the current version of mail-relay-mx1').toBeGreaterThan(0);

    // Tom deploys with Jira's own "Deploy" button; the app records the deployment and the configuration record's new version.
    await actingAs(page, tom);
    await openChange(page, request, key);
    expect(await pressJira(page, 'Deploy')).toBeNull();
    await expect(page.getByTestId('issue-status')).toHaveText('Deployed');
    panel = await openChange(page, request, key);
    await expect(step(panel, 'deploy')).toHaveAttribute('data-state', 'done');
    await expect(panel.getByTestId('sd-change-evidence-deploy')).toContainText(tom.displayName);
    await expect(panel.getByTestId('sd-change-evidence-deploy')).toContainText(`mail-relay-mx1 version ${versionBefore + 1}`);

    // Carlos records the review: the change is reviewed.
    await actingAs(page, carlos);
    panel = await openChange(page, request, key);
    await openAction(panel, 'recordReview');
    await panel.getByTestId('sd-change-review-outcome-successful').check();
    await panel.getByTestId('sd-change-review-notes').fill('No incident followed; mail flow normal at peak.');
    expect(await expectDone(panel, 'recordReview')).toContain('Reviewed');
    await expectStatus(request, key, 'Reviewed');

    // The path: every step up to the review done; the decisions say who, in which role.
    panel = await openChange(page, request, key);
    for (const s of ['evaluate', 'design', 'build', 'test', 'deploy-approval', 'deploy', 'review']) await expect(step(panel, s)).toHaveAttribute('data-state', 'done');
    const decisions = panel.getByTestId('sd-change-decision');
    for (const s of ['evaluate', 'design', 'deploy']) {
      const d = panel.locator(`[data-testid=sd-change-decision][data-step=${s}][data-decision=approved][data-counted=true]`).filter({ hasText: '(Control Manager)' });
      await expect(d).toHaveCount(1);
      await expect(d).toContainText(carlos.displayName);
    }
    await expect(decisions.filter({ hasText: 'Carla Jones' })).toContainText('Customer');
    await expect(decisions.filter({ hasText: 'Carla Jones' })).toContainText('By e-mail');
    await capture(page, testInfo, '1.3 deployed and reviewed');

    // The configuration record of mail-relay-mx1 on the service team's page: its newest version names the change (CO-11).
    await page.getByTestId('nav-global').click();
    await expect(page).toHaveURL(/\/apps\/service-delivery$/);
    const app = page.frameLocator('[data-testid=app-frame]');
    await app.getByTestId('sd-global-tab-configuration').click();
    await app.getByTestId('sd-config-history-mail-relay-mx1').click();
    const newest = app.getByTestId('sd-config-version-row').first();
    await expect(newest).toContainText(String(versionBefore + 1));
    await expect(newest).toContainText(`Change ${key}`);
    await expect(newest).toContainText(tom.displayName);
  });

  test('an Emergency change deployed on one approval, refused closure until reviewed and documented', async ({ page, request }, testInfo) => {
    test.slow();
    const [ines, sofia, priya, carlos] = await Promise.all(['Ines', 'Sofia', 'Priya', 'Carlos'].map((n) => userNamed(request, n))) as [SandboxUser, SandboxUser, SandboxUser, SandboxUser];
    const key = await raiseChange(request, ines, { summary: 'Roll back the mail relay configuration (journey 2)', type: 'Emergency', services: ['Managed e-mail'], cis: ['mail-relay-config'], documented: false });

    // Sofia, the Service Manager, approves it alone in the panel (D16: one approval by the CM or the SM).
    await actingAs(page, sofia);
    let panel = await openChange(page, request, key);
    await expect(panel.getByTestId('sd-change-type')).toHaveText('Emergency change');
    await expect(step(panel, 'design')).toHaveAttribute('data-state', 'not-on-path');
    await approve(panel);
    await expect(step(panel, 'evaluate')).toHaveAttribute('data-state', 'done');
    await expect(panel.locator('[data-testid=sd-change-decision][data-step=evaluate][data-counted=true]')).toContainText('Service Manager');
    await expectStatus(request, key, 'Approved');

    // Priya deploys it with Jira's "Deploy (emergency)": no design, build or test gate before it.
    await actingAs(page, priya);
    await openChange(page, request, key);
    expect(await pressJira(page, 'Deploy (emergency)')).toBeNull();
    await expect(page.getByTestId('issue-status')).toHaveText('Deployed');

    // Closing it now is refused by the workflow validator, in words: the post-implementation review is missing.
    const refusal = await pressJira(page, 'Close');
    expect(refusal).toMatch(/post-implementation (emergency )?review/i);
    await expect(page.getByTestId('issue-status')).toHaveText('Deployed');
    panel = await openChange(page, request, key);
    await expect(step(panel, 'deploy')).toHaveAttribute('data-state', 'done');
    await expect(step(panel, 'review')).toHaveAttribute('data-state', 'current');
    await capture(page, testInfo, '2.1 emergency deployed, review due');

    // Carlos records the review: the emergency was justified.
    await actingAs(page, carlos);
    panel = await openChange(page, request, key);
    await openAction(panel, 'recordReview');
    await panel.getByTestId('sd-change-review-outcome-successful').check();
    await panel.getByTestId('sd-change-review-justified-yes').check();
    await expectDone(panel, 'recordReview');
    await expect(panel.getByTestId('sd-change-emergency-justified')).toContainText('Yes');
    await expect(step(panel, 'review')).toHaveAttribute('data-state', 'done');

    // Still not closable while the documentation completed afterwards is missing (D16).
    await page.reload();
    await expect(page.getByTestId('transition-Close')).toBeVisible();
    const stillRefused = await pressJira(page, 'Close');
    expect(stillRefused).toMatch(/business impact|implementation plan|back-out plan|documentation/i);

    // Ines completes the documentation (business impact, implementation and back-out plans); then Close succeeds.
    const f = await fieldIds(request, ines);
    const edit = await request.put(`/rest/api/3/issue/${key}`, {
      headers: { Authorization: basicAuth(ines) },
      data: { fields: {
        [f['Business impact']]: doc('No inbound mail for any customer until the configuration was rolled back.'),
        [f['Implementation plan']]: doc('Restored relay.conf from the last known good backup and restarted the relay.'),
        [f['Backout plan']]: doc('Put the faulty relay.conf back (kept in the configuration repository).'),
      } },
    });
    expect(edit.status(), await edit.text()).toBe(204);
    await request.post('/sandbox/events/settle');
    await page.reload();
    await expect(page.getByTestId('transition-Close')).toBeVisible();
    expect(await pressJira(page, 'Close')).toBeNull();
    await expect(page.getByTestId('issue-status')).toHaveText('Closed');
    panel = await openChange(page, request, key);
    await expect(step(panel, 'close')).toHaveAttribute('data-state', 'done');
    await capture(page, testInfo, '2.2 emergency reviewed, documented and closed');
  });

  test('a pre-approved designation refused before a full normal run and accepted after; Tom raises a change from it', async ({ page, request }, testInfo) => {
    test.slow();
    const [tom, carlos, priya] = await Promise.all(['Tom', 'Carlos', 'Priya'].map((n) => userNamed(request, n))) as [SandboxUser, SandboxUser, SandboxUser];

    // Refused: the demo's disk replacement is ready to deploy, not through its path (CO.2.1 NOTE 3).
    const disks = await changeKeyNamed(request, carlos, 'Replace the disks of backup server BK-1');
    await actingAs(page, carlos);
    let panel = await openChange(page, request, disks);
    await openAction(panel, 'designateTemplate');
    await panel.getByTestId('sd-change-template-name').fill('Backup disk replacement');
    await panel.getByTestId('sd-change-template-approver').fill('Max Bauer (Managing Director)');
    await panel.getByTestId('sd-change-form-submit').click();
    await expect(panel.getByTestId('sd-change-form-error')).toContainText('cannot be designated a pre-approved change yet. Still needed:');
    await expect(panel.getByTestId('sd-change-form-error')).toContainText(/deploy|review/i);

    // A change of the kind walks the full normal path, by the right people.
    const slot = await windowSlot(request, 1);
    const key = await raiseChange(request, tom, {
      summary: 'Rotate the TLS certificate of mail relay MX-2 (journey 3)', type: 'Normal', services: ['Managed e-mail'], cis: ['mail-relay-mx2'], slot, documented: true, builder: priya, deployer: tom,
    });
    await walkToReviewed(page, request, key, { cm: carlos, builder: priya, deployer: tom });

    // Accepted now, naming the Control Manager and the business approver.
    await actingAs(page, carlos);
    panel = await openChange(page, request, key);
    const name = `Mail relay certificate rotation ${key}`;
    await openAction(panel, 'designateTemplate');
    await panel.getByTestId('sd-change-template-name').fill(name);
    await panel.getByTestId('sd-change-template-approver').fill('Max Bauer (Managing Director)');
    expect(await expectDone(panel, 'designateTemplate')).toContain('is now a pre-approved change');
    await expect(panel.getByTestId('sd-change-designated')).toContainText(name);
    await capture(page, testInfo, '3.1 designated from the reviewed change');

    // On the project page the template is listed; Tom raises a change from it, approved by its designation.
    await actingAs(page, tom);
    await page.goto('/projects/SD/app');
    const app = page.frameLocator('[data-testid=app-frame]');
    await expect(app.getByTestId('sd-change-templates').getByRole('heading', { name: 'Pre-approved changes' })).toBeVisible();
    const row = app.getByTestId('sd-template-row').filter({ hasText: name });
    await expect(row).toHaveCount(1);
    await row.getByTestId('sd-template-raise').click();
    await expect(app.getByTestId('sd-template-raise-form')).toBeVisible();
    await app.getByTestId('sd-template-raise-submit').click();
    await expect(app.getByTestId('sd-template-raised')).toContainText('approved by its designation');
    const raised = (await app.getByTestId('sd-template-raised-key').innerText()).trim();
    expect(raised).toMatch(/^SD-\d+$/);
    await expectStatus(request, raised, 'Approved');
    panel = await openChange(page, request, raised);
    await expect(panel.getByTestId('sd-change-type')).toHaveText('Pre-approved change');
    await expect(step(panel, 'evaluate')).toHaveAttribute('data-state', 'done');
    await expect(panel.getByTestId('sd-change-template')).toContainText(name);
    await capture(page, testInfo, '3.2 raised from the template, approved by it');
  });

  test('a Normal change refused in the freeze, an Emergency one warned there and the warning recorded', async ({ page, request }, testInfo) => {
    test.slow();
    const [carlos, ines] = await Promise.all(['Carlos', 'Ines'].map((n) => userNamed(request, n))) as [SandboxUser, SandboxUser];

    // The demo's DNS migration is planned inside the year-end freeze: Carlos's approval is refused, the status stays.
    const dns = await changeKeyNamed(request, carlos, 'Move the customer DNS zones');
    await actingAs(page, carlos);
    let panel = await openChange(page, request, dns);
    await expect(panel.locator('[data-testid=sd-change-finding][data-kind=freeze][data-severity=refusal]')).toContainText('Year-end freeze');
    await openAction(panel, 'decide');
    await panel.getByTestId('sd-change-approve').click();
    await expect(panel.getByTestId('sd-change-form-error')).toContainText('inside the freeze “Year-end freeze”');
    await expectStatus(request, dns, 'Awaiting approval');
    await expect(step(panel, 'evaluate')).toHaveAttribute('data-state', 'current');
    await capture(page, testInfo, '4.1 normal change refused in the freeze');

    // An emergency change placed inside the freeze with the panel's schedule action: accepted, warned, recorded.
    const key = await raiseChange(request, ines, { summary: 'Replace a failed disk of backup server BK-1 (journey 4)', type: 'Emergency', services: ['Backup & restore'], cis: ['backup-server'], documented: false });
    panel = await openChange(page, request, key);
    const freeze = freezeOf(await clockNow(request));
    const inside = freeze.start + 2 * DAY + 10 * HOUR;
    await openAction(panel, 'schedule');
    await typeDateTime(panel, 'Planned start', inside, carlos);
    await typeDateTime(panel, 'Planned end', inside + 2 * HOUR, carlos);
    const said = await expectDone(panel, 'schedule');
    expect(said).toContain('Year-end freeze');
    expect(said).toContain('(recorded)');
    await expect(panel.getByTestId('sd-change-recorded-warnings')).toContainText('inside the freeze “Year-end freeze”');
    await expect(panel.locator('[data-testid=sd-change-finding][data-kind=freeze]')).toHaveAttribute('data-severity', 'warning');
    await capture(page, testInfo, '4.2 emergency change warned in the freeze');
  });
});

async function changeKeyNamed(request: APIRequestContext, user: SandboxUser, summary: string): Promise<string> {
  const jql = encodeURIComponent('project = SD AND issuetype = Change ORDER BY created DESC');
  const { status, body } = await getAs<{ issues: Array<{ key: string; fields: { summary: string } }> }>(request, user, `/rest/api/3/search/jql?jql=${jql}&fields=summary&maxResults=100`);
  expect(status).toBe(200);
  const key = body.issues.find((i) => i.fields.summary.startsWith(summary))?.key;
  if (!key) throw new Error(`The seed has no change "${summary}".`);
  return key;
}

/** Types an instant into the panel's date and time pickers, in the viewer's zone and locale (their Jira profile). */
async function typeDateTime(panel: FrameLocator, label: string, at: number, viewer: SandboxUser): Promise<void> {
  const zone = viewer.timeZone ?? 'UTC';
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  const locale = (viewer.locale ?? 'en-US').replace('_', '-');
  const day = new Intl.DateTimeFormat(locale, { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric' }).format(new Date(at));
  const date = panel.getByLabel(`${label}, date`);
  await date.click();
  await date.pressSequentially(day);
  await date.press('Enter');
  const time = panel.getByLabel(`${label}, time`);
  await time.click();
  await time.pressSequentially(`${parts.hour}:${parts.minute}`);
  await time.press('Enter');
}

/** The full normal path through the panel and Jira's buttons, by the right people (used by the designation journey). */
async function walkToReviewed(page: Page, request: APIRequestContext, key: string, who: { cm: SandboxUser; builder: SandboxUser; deployer: SandboxUser }): Promise<void> {
  await actingAs(page, who.cm);
  let panel = await openChange(page, request, key);
  await approve(panel);
  await expect(panel.getByTestId('sd-change-approvers')).toHaveAttribute('data-step', 'design');
  await approve(panel);
  await actingAs(page, who.builder);
  panel = await openChange(page, request, key);
  await openAction(panel, 'recordBuild');
  await expectDone(panel, 'recordBuild');
  await openAction(panel, 'publishTestReport');
  await panel.getByTestId('sd-change-test-summary').fill('The new certificate is served and trusted by every client we test with.');
  await panel.getByTestId('sd-change-test-outcome-choice-pass').check();
  await panel.getByTestId('sd-change-test-levels').fill('TLS handshake tests');
  await expectDone(panel, 'publishTestReport');
  await actingAs(page, who.cm);
  panel = await openChange(page, request, key);
  await approve(panel);
  await openAction(panel, 'recordSignOff');
  await panel.getByTestId('sd-change-signoff-name').fill('Carla Jones (Northwind Traders)');
  await panel.getByTestId('sd-change-signoff-how').fill('By e-mail');
  await expectDone(panel, 'recordSignOff');
  await expectStatus(request, key, 'Ready to deploy');
  await actingAs(page, who.deployer);
  await openChange(page, request, key);
  expect(await pressJira(page, 'Deploy')).toBeNull();
  await actingAs(page, who.cm);
  panel = await openChange(page, request, key);
  await expect(panel.getByTestId('sd-change-evidence-deploy')).toHaveAttribute('data-present', 'true');
  await openAction(panel, 'recordReview');
  await panel.getByTestId('sd-change-review-outcome-successful').check();
  await expectDone(panel, 'recordReview');
  await expectStatus(request, key, 'Reviewed');
}
