/**
 * Issue #5 acceptance in Chromium: people work incidents in the sandbox's Jira shell (transitions, replies,
 * internal notes, the header clock) and read the app's issue panel; the five-minute scan runs on demand.
 * The clock only moves forward, so the spec reseeds the demo site when it is done (the seed is relative to now).
 */
import { expect, test, type APIRequestContext, type FrameLocator, type Page } from '@playwright/test';
import { actAs, basicAuth, sandboxUsers, userNamed, type SandboxUser } from './sandbox';

const F = { impact: 'customfield_10010', urgency: 'customfield_10011', services: 'customfield_10013' };

async function createIncident(request: APIRequestContext, summary: string, impact: string, urgency: string): Promise<string> {
  const priya = await userNamed(request, 'Priya');
  const carla = await userNamed(request, 'Carla');
  const res = await request.post('/rest/api/3/issue', {
    headers: { Authorization: basicAuth(priya) },
    data: { fields: { project: { key: 'SD' }, issuetype: { name: 'Incident' }, summary, reporter: { accountId: carla.accountId }, [F.impact]: { value: impact }, [F.urgency]: { value: urgency }, [F.services]: [{ value: 'Managed e-mail' }] } },
  });
  expect(res.status(), await res.text()).toBe(201);
  await request.post('/sandbox/events/settle');
  return ((await res.json()) as { key: string }).key;
}

async function openIssue(page: Page, user: SandboxUser, key: string): Promise<FrameLocator> {
  await page.goto('/');
  await actAs(page, user);
  await page.goto(`/browse/${key}`);
  await expect(page.getByTestId('issue-key')).toHaveText(key);
  const panel = page.frameLocator('[data-testid=app-frame]');
  await expect(panel.getByTestId('sd-incident')).toBeVisible();
  return panel;
}

/** The shell refreshes the panel after its own actions; this waits for the app's triggers too, then reloads. */
async function reloadPanel(page: Page, request: APIRequestContext, key: string): Promise<FrameLocator> {
  await request.post('/sandbox/events/settle');
  await page.reload();
  await expect(page.getByTestId('issue-key')).toHaveText(key);
  const panel = page.frameLocator('[data-testid=app-frame]');
  await expect(panel.getByTestId('sd-incident')).toBeVisible();
  return panel;
}

test.describe('incidents (IN.2, D8–D14) in the issue panel', () => {
  test.afterAll(async ({ request }) => {
    await request.post('/sandbox/events/mode', { data: { duplicate: false, reorder: false } });
    await request.post('/sandbox/reset');
  });

  test('a Critical incident shows a 4 h clock; 4 h 1 min later the scan escalates it exactly once, with duplicated events and two runs; IM and SM are notified', async ({ page, request }) => {
    await request.post('/sandbox/events/mode', { data: { duplicate: true } });
    const key = await createIncident(request, 'All mailboxes bounce inbound mail', 'High', 'High');
    const ines = await userNamed(request, 'Ines');
    const sofia = await userNamed(request, 'Sofia');
    let panel = await openIssue(page, ines, key);
    await expect(panel.getByTestId('sd-incident-priority')).toHaveText('Critical');
    const resolution = panel.getByTestId('sd-clock-resolution');
    await expect(resolution).toHaveAttribute('data-state', 'running');
    await expect(resolution.getByTestId('sd-clock-target')).toContainText('4 h');

    await page.getByTestId('clock-advance-4h1m').click();
    await expect(page.locator('[data-flag-id=clock]')).toContainText('Sandbox clock advanced +4 h 1 min');
    for (let i = 0; i < 2; i++) expect((await request.post('/sandbox/scheduled/sd-sla-scan/run')).ok()).toBeTruthy();
    await request.post('/sandbox/events/mode', { data: { duplicate: false } });

    panel = await reloadPanel(page, request, key);
    await expect(panel.getByTestId('sd-clock-resolution')).toHaveAttribute('data-state', 'breached');
    await expect(panel.getByTestId('sd-escalation')).toHaveCount(1);
    const outbox = (await (await request.get(`/sandbox/notifications?issueKey=${key}`)).json()) as { notifications: Array<{ to: string[]; toNames: string[] }> };
    expect(outbox.notifications).toHaveLength(1);
    // Every Incident Manager and Service Manager of the role list (an earlier spec may have made Carlos an IM too).
    const managers = (await sandboxUsers(request)).filter((u) => u.roles.includes('IM') || u.roles.includes('SM')).map((u) => u.accountId);
    expect(managers).toEqual(expect.arrayContaining([ines.accountId, sofia.accountId]));
    expect(outbox.notifications[0]?.to.sort()).toEqual(managers.sort());
    // The escalation note is an internal comment on the issue, shown to agents.
    await expect(page.locator('[data-testid^="comment-"][data-internal="true"]').filter({ hasText: 'Escalated to management' })).toHaveCount(1);
  });

  test('the customer sees her incident as a customer: her clocks and the messages sent to her, no escalation or internal work; she confirms the resolution', async ({ page, request }) => {
    const key = await createIncident(request, 'Customer view: invoices bounce', 'High', 'High');
    const priya = await userNamed(request, 'Priya');
    const carla = await userNamed(request, 'Carla');
    const move = async (name: string) => {
      const list = (await (await request.get(`/rest/api/3/issue/${key}/transitions`, { headers: { Authorization: basicAuth(priya) } })).json()) as { transitions: Array<{ id: string; name: string }> };
      const t = list.transitions.find((x) => x.name === name);
      expect(t, `transition ${name}`).toBeDefined();
      expect((await request.post(`/rest/api/3/issue/${key}/transitions`, { headers: { Authorization: basicAuth(priya) }, data: { transition: { id: t!.id } } })).status()).toBe(204);
      await request.post('/sandbox/events/settle');
    };
    await move('Start work');
    await request.post('/sandbox/clock', { data: { advanceMs: 4 * 3_600_000 + 60_000 } });
    expect((await request.post('/sandbox/scheduled/sd-sla-scan/run')).ok()).toBeTruthy();
    await move('Resolve');

    // The service team sees the escalation; Carla, the customer who reported it, does not (D26).
    let panel = await openIssue(page, priya, key);
    await expect(panel.getByTestId('sd-escalation')).toHaveCount(1);
    panel = await openIssue(page, carla, key);
    await expect(panel.getByTestId('sd-incident')).toHaveAttribute('data-audience', 'customer');
    await expect(panel.getByTestId('sd-clock-resolution')).toBeVisible();
    await expect(panel.getByTestId('sd-communication')).toHaveCount(2); // working on it, service restored
    await expect(panel.getByTestId('sd-escalations')).toHaveCount(0);
    await expect(panel.getByTestId('sd-incident-links')).toHaveCount(0);
    await expect(panel.getByTestId('sd-incident-services')).toHaveCount(0);
    await expect(panel.getByTestId('sd-action-changes')).toHaveCount(0);
    // Her own view (D26): where her incident stands, not the team's closure checklist.
    await expect(panel.getByTestId('sd-closure-item')).toHaveCount(0);
    await expect(panel.getByTestId('sd-customer-standing')).toContainText('We have restored the service');

    // Her own action: confirming the resolution, from the keyboard.
    await panel.getByTestId('sd-confirm-submit').focus();
    await page.keyboard.press('Enter');
    await expect(panel.getByTestId('sd-customer-standing')).toContainText('You confirmed that the service is restored');
    await expect(panel.getByTestId('sd-closure-confirmation')).toContainText('Confirmed by Carla Jones');
  });

  test('the incident panel renders with one invoke', async ({ page, request }) => {
    const key = await createIncident(request, 'Mail archive search times out', 'Medium', 'Medium');
    const invokes: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/sandbox/bridge') && (r.postData() ?? '').includes('"invoke"')) invokes.push(r.postData() ?? '');
    });
    const panel = await openIssue(page, await userNamed(request, 'Tom'), key);
    await expect(panel.getByTestId('sd-clock-resolution')).toBeVisible();
    await expect(panel.getByTestId('sd-closure')).toBeVisible();
    await page.waitForTimeout(1500);
    expect(invokes.filter((b) => b.includes('issuePanel.load'))).toHaveLength(1);
    expect(invokes).toHaveLength(1);
  });

  test('a public reply by an agent stops the first-response clock; an internal note and the customer’s own comment do not', async ({ page, request }) => {
    const key = await createIncident(request, 'Shared calendar not syncing', 'Medium', 'High');
    const carla = await userNamed(request, 'Carla');
    const priya = await userNamed(request, 'Priya');
    let panel = await openIssue(page, priya, key);
    await expect(panel.getByTestId('sd-clock-firstResponse')).toHaveAttribute('data-state', 'running');

    await page.getByTestId('comment-input').fill('Checking the sync service logs.');
    await page.getByTestId('add-internal-note').click();
    panel = await reloadPanel(page, request, key);
    await expect(panel.getByTestId('sd-clock-firstResponse')).toHaveAttribute('data-state', 'running');

    await openIssue(page, carla, key);
    await page.getByTestId('comment-input').fill('It still does not work for our sales team.');
    await page.getByTestId('reply-customer').click();
    await expect(page.locator('[data-testid^="comment-"]').filter({ hasText: 'sales team' })).toBeVisible();

    panel = await openIssue(page, priya, key);
    await expect(panel.getByTestId('sd-clock-firstResponse')).toHaveAttribute('data-state', 'running');
    await page.getByTestId('comment-input').fill('We found the cause and are fixing it now.');
    await page.getByTestId('reply-customer').click();
    panel = await reloadPanel(page, request, key);
    await expect(panel.getByTestId('sd-clock-firstResponse')).toHaveAttribute('data-state', 'met');
  });

  test('"Waiting for customer" pauses the resolution clock; the remaining time is unchanged when it resumes', async ({ page, request }) => {
    const key = await createIncident(request, 'Mailbox quota warnings', 'Medium', 'High');
    const priya = await userNamed(request, 'Priya');
    await openIssue(page, priya, key);
    await page.getByTestId('transition-Start work').click();
    await reloadPanel(page, request, key);
    await page.getByTestId('transition-Wait for customer').click();
    let panel = await reloadPanel(page, request, key);
    const clock = panel.getByTestId('sd-clock-resolution');
    await expect(clock).toHaveAttribute('data-state', 'paused');
    const remaining = await clock.getByTestId('sd-clock-remaining').textContent();
    expect(remaining).toMatch(/left/);

    await page.getByTestId('clock-advance-1h').click();
    panel = await reloadPanel(page, request, key);
    await expect(panel.getByTestId('sd-clock-resolution').getByTestId('sd-clock-remaining')).toHaveText(remaining ?? '');

    await page.getByTestId('transition-Start work').click();
    panel = await reloadPanel(page, request, key);
    await expect(panel.getByTestId('sd-clock-resolution')).toHaveAttribute('data-state', 'running');
    // Same minutes left as when it paused (the running clock counts down from there).
    const resumed = (await panel.getByTestId('sd-clock-resolution').getByTestId('sd-clock-remaining').textContent()) ?? '';
    const minutes = (t: string) => Number(/(\d+) h/.exec(t)?.[1] ?? 0) * 60 + Number(/(\d+) min/.exec(t)?.[1] ?? 0);
    expect(Math.abs(minutes(resumed) - minutes(remaining ?? ''))).toBeLessThanOrEqual(1);
  });

  test('raising urgency mid-way re-prioritises and keeps the time already spent', async ({ page, request }) => {
    const key = await createIncident(request, 'Webmail slow for one office', 'Medium', 'High');
    const ines = await userNamed(request, 'Ines');
    let panel = await openIssue(page, ines, key);
    await expect(panel.getByTestId('sd-incident-priority')).toHaveText('High');
    await page.getByTestId('clock-advance-1h').click();
    const edit = await request.put(`/rest/api/3/issue/${key}`, { headers: { Authorization: basicAuth(ines) }, data: { fields: { [F.impact]: { value: 'High' } } } });
    expect(edit.status()).toBe(204);
    panel = await reloadPanel(page, request, key);
    await expect(panel.getByTestId('sd-incident-priority')).toHaveText('Critical');
    await expect(panel.getByTestId('sd-incident-derivation')).toHaveText('Impact High × Urgency High → Critical');
    const clock = panel.getByTestId('sd-clock-resolution');
    await expect(clock.getByTestId('sd-clock-target')).toContainText('4 h');
    // One hour of the High clock was spent: under Critical's 4 h, about 3 h are left.
    await expect(clock.getByTestId('sd-clock-remaining')).toContainText(/^(2 h 5\d min|3 h)/);
  });

  test('closing without confirmation is refused naming what is missing; a Critical incident also needs a root cause and a linked change request', async ({ page, request }) => {
    const key = await createIncident(request, 'Outbound relay queueing mail', 'High', 'High');
    const priya = await userNamed(request, 'Priya');
    await openIssue(page, priya, key);
    await page.getByTestId('transition-Start work').click();
    await reloadPanel(page, request, key);
    await page.getByTestId('transition-Resolve').click();
    const panel = await reloadPanel(page, request, key);
    await page.getByTestId('transition-Close').click();
    await expect(page.getByTestId('transition-error')).toContainText('a recorded confirmation by an affected party');
    await expect(page.getByTestId('transition-error')).toContainText('a root cause');
    await expect(page.getByTestId('transition-error')).toContainText('a linked service change request');

    await expect(panel.locator('[data-testid=sd-closure-item][data-id=confirmation]')).toHaveAttribute('data-done', 'false');
    // The channel is an Atlaskit select; "By e-mail" is its first choice.
    await expect(panel.getByTestId('sd-confirm-how')).toHaveAttribute('data-value', 'e-mail');
    await panel.getByTestId('sd-confirm-submit').click();
    await expect(panel.locator('[data-testid=sd-closure-item][data-id=confirmation]')).toHaveAttribute('data-done', 'true');

    await page.getByTestId('transition-Close').click();
    await expect(page.getByTestId('transition-error')).not.toContainText('confirmation by an affected party');
    await expect(page.getByTestId('transition-error')).toContainText('a root cause (significant impact: priority Critical');

    await panel.getByTestId('sd-raise-change-permanent').click();
    await panel.getByTestId('sd-raise-change-dialog-confirm').click();
    await expect(panel.getByTestId('sd-action-done')).toContainText(/SD-\d+/);
    await expect(panel.locator('[data-testid=sd-closure-item][data-id=change-request]')).toHaveAttribute('data-done', 'true');
    await page.getByTestId('transition-Close').click();
    await expect(page.getByTestId('transition-error')).toContainText('a root cause');
    await expect(page.getByTestId('transition-error')).not.toContainText('change request');
  });
});
