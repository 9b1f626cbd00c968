/**
 * Issue #12 acceptance, the agent's path through an incident in the issue panel: raise (REST) → classify (impact and
 * urgency) → respond (a public comment) → escalate (the sandbox clock 4 h 1 min on, the scan run) → resolve → record
 * the root cause in the panel → the customer's confirmation (recorded by the agent) → close. Light and dark
 * screenshots of the panel at each major step go to the HTML report; no text inside the panel frame overlaps at
 * 1,280 and 1,440 px.
 */
import { expect, test, type APIRequestContext, type FrameLocator, type Page, type TestInfo } from '@playwright/test';
import { attachScreens, expectNoOverlapAtWidths, overlappingText } from './layout';
import { actAs, basicAuth, userNamed, type SandboxUser } from './sandbox';

const F = { impact: 'customfield_10010', urgency: 'customfield_10011', services: 'customfield_10013' };

async function ensureRootCauseField(request: APIRequestContext, admin: SandboxUser): Promise<void> {
  const fields = (await (await request.get('/rest/api/3/field', { headers: { Authorization: basicAuth(admin) } })).json()) as Array<{ name: string }>;
  if (fields.some((f) => f.name === 'Root cause' || f.name === 'Root cause (29110)')) return;
  const res = await request.post('/rest/api/3/field', {
    headers: { Authorization: basicAuth(admin) },
    data: { name: 'Root cause', type: 'com.atlassian.jira.plugin.system.customfieldtypes:textarea', searcherKey: 'com.atlassian.jira.plugin.system.customfieldtypes:textsearcher' },
  });
  expect(res.status(), await res.text()).toBe(201);
}

async function transition(request: APIRequestContext, user: SandboxUser, key: string, name: string): Promise<number> {
  const list = (await (await request.get(`/rest/api/3/issue/${key}/transitions`, { headers: { Authorization: basicAuth(user) } })).json()) as { transitions: Array<{ id: string; name: string }> };
  const t = list.transitions.find((x) => x.name === name);
  expect(t, `transition ${name}`).toBeDefined();
  const res = await request.post(`/rest/api/3/issue/${key}/transitions`, { headers: { Authorization: basicAuth(user) }, data: { transition: { id: t!.id } } });
  await request.post('/sandbox/events/settle');
  return res.status();
}

async function openPanel(page: Page, request: APIRequestContext, key: string): Promise<FrameLocator> {
  await request.post('/sandbox/events/settle');
  await page.goto(`/browse/${key}`);
  await expect(page.getByTestId('issue-key')).toHaveText(key);
  const panel = page.frameLocator('[data-testid=app-frame]');
  await expect(panel.getByTestId('sd-incident')).toBeVisible();
  await expect(panel.getByTestId('sd-incident-skeleton')).toHaveCount(0);
  return panel;
}

/** Screenshots in light and dark, then the overlap check inside the panel frame at both acceptance widths. */
async function capture(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const ready = async () => {
    await expect(page.frameLocator('[data-testid=app-frame]').getByTestId('sd-incident')).toBeVisible();
  };
  await attachScreens(page, testInfo, name, ready);
  await ready();
  const frame = await (await page.locator('[data-testid=app-frame]').elementHandle())?.contentFrame();
  expect(frame, 'the panel frame').toBeTruthy();
  await expectNoOverlapAtWidths(page, () => overlappingText(frame!, '[data-testid=sd-panel]'));
}

test.describe('an agent walks an incident from raise to close', () => {
  test.afterAll(async ({ request }) => {
    await request.post('/sandbox/reset');
  });

  test('Priya and Ines: raise → classify → respond → escalate → resolve → root cause → confirmation → close', async ({ page, request }, testInfo) => {
    test.slow();
    const [priya, ines, carla, sofia] = await Promise.all(['Priya', 'Ines', 'Carla', 'Sofia'].map((n) => userNamed(request, n)));
    await ensureRootCauseField(request, sofia!);

    // Raise: Carla's incident, entered by Priya; urgency still unknown.
    const created = await request.post('/rest/api/3/issue', {
      headers: { Authorization: basicAuth(priya!) },
      data: { fields: { project: { key: 'SD' }, issuetype: { name: 'Incident' }, summary: 'Inbound mail bounces for every mailbox', reporter: { accountId: carla!.accountId }, [F.impact]: { value: 'High' }, [F.services]: [{ value: 'Managed e-mail' }] } },
    });
    expect(created.status(), await created.text()).toBe(201);
    const key = ((await created.json()) as { key: string }).key;
    await page.goto('/');
    await actAs(page, priya!);
    let panel = await openPanel(page, request, key);
    await expect(panel.getByTestId('sd-incident-missing')).toContainText('Urgency is not set');
    // Words, not codes: the record is an "Incident"; the work product only in the quiet Why line.
    await expect(panel.getByTestId('sd-record-kind')).toContainText('Incident');
    await expect(panel.getByTestId('sd-record-kind').locator('span').first()).toHaveText('Incident');
    await capture(page, testInfo, '1 raised, not classified');

    // Classify: with the urgency the priority follows, stated once with both values.
    const edit = await request.put(`/rest/api/3/issue/${key}`, { headers: { Authorization: basicAuth(priya!) }, data: { fields: { [F.urgency]: { value: 'High' } } } });
    expect(edit.status()).toBe(204);
    panel = await openPanel(page, request, key);
    await expect(panel.getByTestId('sd-incident-priority')).toHaveText('Critical');
    await expect(panel.getByTestId('sd-incident-derivation')).toHaveText('Impact High × Urgency High → Critical');
    await expect(panel.getByTestId('sd-priority')).toHaveCount(0);

    // Respond: a public reply by an agent meets the first-response target.
    const reply = await request.post(`/rest/api/3/issue/${key}/comment`, {
      headers: { Authorization: basicAuth(priya!) },
      data: { body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'We are on it: the inbound relay rejects mail.' }] }] } },
    });
    expect(reply.status()).toBe(201);
    expect(await transition(request, priya!, key, 'Start work')).toBe(204);
    panel = await openPanel(page, request, key);
    await expect(panel.getByTestId('sd-clock-firstResponse')).toHaveAttribute('data-state', 'met');
    await capture(page, testInfo, '2 classified and answered');

    // Escalate: 4 h 1 min later the scan escalates to management, naming each person with their own role.
    await request.post('/sandbox/clock', { data: { advanceMs: 4 * 3_600_000 + 60_000 } });
    expect((await request.post('/sandbox/scheduled/sd-sla-scan/run')).ok()).toBeTruthy();
    await actAs(page, ines!);
    panel = await openPanel(page, request, key);
    const escalation = panel.getByTestId('sd-escalation');
    await expect(escalation).toHaveCount(1);
    await expect(escalation).toContainText('Escalated to management after 4 h of resolution time');
    await expect(escalation).toContainText('Incident Manager');
    await expect(escalation).not.toContainText('the Service Manager, Ines');
    await capture(page, testInfo, '3 escalated');

    // Resolve.
    expect(await transition(request, ines!, key, 'Resolve')).toBe(204);
    panel = await openPanel(page, request, key);
    await expect(panel.locator('[data-testid=sd-closure-item][data-id=root-cause]')).toHaveAttribute('data-done', 'false');

    // Root cause, recorded in the panel (Atlaskit modal dialog with a text area).
    await panel.getByTestId('sd-record-root-cause').click();
    const dialog = panel.getByTestId('sd-root-cause-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('sd-root-cause-dialog-field').fill('The inbound relay certificate expired overnight.');
    await dialog.getByTestId('sd-root-cause-dialog-confirm').click();
    await expect(panel.getByTestId('sd-action-done')).toContainText('The root cause is recorded');
    await expect(panel.getByTestId('sd-root-cause-value')).toHaveText('The inbound relay certificate expired overnight.');
    await expect(panel.locator('[data-testid=sd-closure-item][data-id=root-cause]')).toHaveAttribute('data-done', 'true');

    // The mitigation change, raised as an Emergency change (the mitigation of a Critical incident).
    await panel.getByTestId('sd-raise-change-mitigation').click();
    await expect(panel.getByTestId('sd-raise-change-dialog')).toContainText('An Emergency change request');
    await panel.getByTestId('sd-raise-change-dialog-confirm').click();
    await expect(panel.getByTestId('sd-action-done')).toContainText('as an Emergency change for the mitigation');
    await expect(panel.locator('[data-testid=sd-closure-item][data-id=change-request]')).toHaveAttribute('data-done', 'true');
    await capture(page, testInfo, '4 resolved, root cause and change');

    // The customer's confirmation, received by phone and recorded by the agent.
    await actAs(page, priya!);
    panel = await openPanel(page, request, key);
    await expect(panel.getByTestId('sd-confirm-how')).toBeVisible();
    await panel.getByTestId('sd-confirm-submit').click();
    await expect(panel.locator('[data-testid=sd-closure-item][data-id=confirmation]')).toHaveAttribute('data-done', 'true');
    await expect(panel.getByTestId('sd-closure-summary')).toHaveText('Everything closing needs is in place.');

    // Close: nothing blocks it any more.
    await page.getByTestId('transition-Close').click();
    await expect(page.getByTestId('transition-error')).toBeHidden();
    panel = await openPanel(page, request, key);
    await expect(panel.getByTestId('sd-status')).toHaveText('Closed');
    await capture(page, testInfo, '5 closed');
  });
});
