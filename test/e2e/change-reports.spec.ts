/**
 * Change reports on the project page (issue #13 "Reports") as the service team uses them: open the project's
 * "Service delivery" page, switch from the incident reports to "Changes", read the key figures, charts and tables,
 * and download the CSV. The demo site's seeded changes show Jira's status standing in where the app recorded no
 * outcome; one emergency change is added over Jira's REST API with what the app recorded of it (deployed, backed out, through the app's own
 * store and the real Forge SDK) and a link saying it caused an incident, so the figures move by known amounts whatever
 * else the site holds. A customer never sees them.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type APIRequestContext, type Download, type Page } from '@playwright/test';
import type { ChangeReportsView } from '../../src/contract/change-reports';
import { updateChangeRecord } from '../../src/store/change-records';
import { actAsForgeRuntime } from '../integration/forge-globals';
import { attachScreens, expectNoOverlapAtWidths, overlappingText } from './layout';
import { actAs, basicAuth, getAs, userNamed, type SandboxUser } from './sandbox';

const DAY = 86_400_000;
const PROJECT_CONTEXT = { moduleKey: 'sd-project-page', extension: { project: { id: '10000', key: 'SD' } } };

/** `reports.changes` called over the sandbox's bridge endpoint, as the Custom UI's invoke would. */
async function changeReportAs(request: APIRequestContext, user: SandboxUser, payload: unknown): Promise<{ ok: boolean; data?: ChangeReportsView; error?: { code: string; message: string } }> {
  const response = await request.post('/sandbox/bridge', {
    headers: { Authorization: basicAuth(user) },
    data: { type: 'invoke', payload: { functionKey: 'reports.changes', payload }, context: PROJECT_CONTEXT },
  });
  expect(response.ok()).toBeTruthy();
  const body = (await response.json()) as { ok: boolean; result?: { ok: boolean; data?: ChangeReportsView; error?: { code: string; message: string } } };
  expect(body.ok, 'the bridge call itself succeeds; a refusal is in its result').toBe(true);
  return body.result!;
}

/** A percentage as the page writes it: at most one decimal, no trailing zero ("37.5", "40"). */
function shown(numerator: number, denominator: number): string {
  const fixed = ((numerator * 100) / denominator).toFixed(1);
  return `${fixed.replace(/\.0$/, '')}%`;
}

async function text(download: Download): Promise<string> {
  const path = await download.path();
  if (!path) throw new Error('The download has no file.');
  return (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
}

async function appFrame(page: Page) {
  const frame = await (await page.locator('[data-testid=app-frame]').elementHandle())?.contentFrame();
  if (!frame) throw new Error('The app frame is not there.');
  return frame;
}

async function openChanges(page: Page, user: SandboxUser) {
  await page.goto('/');
  await actAs(page, user);
  await page.getByRole('link', { name: 'Acme Managed Services', exact: true }).click();
  await page.getByRole('link', { name: 'Service delivery', exact: true }).click();
  await expect(page).toHaveURL(/\/projects\/SD\/app$/);
  const app = page.frameLocator('[data-testid=app-frame]');
  // The incident reports open first, as before; the change reports are a tab beside them.
  await expect(app.getByTestId('sd-reports').getByRole('heading', { name: 'Incident reports' })).toBeVisible();
  await app.getByRole('tab', { name: 'Changes' }).click();
  const changes = app.getByTestId('sd-change-reports');
  await expect(changes.getByRole('heading', { name: 'Change reports' })).toBeVisible();
  await expect(changes.getByTestId('sd-change-reports-result')).toBeVisible();
  return { app, changes };
}

/** Creates an issue of SD as `user` over Jira's REST API; answers its id and key. */
async function createIssue(request: APIRequestContext, user: SandboxUser, fields: Record<string, unknown>): Promise<{ id: string; key: string }> {
  const res = await request.post('/rest/api/3/issue', { headers: { Authorization: basicAuth(user), Accept: 'application/json' }, data: { fields: { project: { key: 'SD' }, ...fields } } });
  expect(res.status(), `create ${JSON.stringify(fields)}`).toBe(201);
  return (await res.json()) as { id: string; key: string };
}

test('Rachel switches to Changes, reads the figures, sees an emergency change backed out and the incident it caused, and downloads the CSV', async ({ page, request, baseURL }, testInfo) => {
  const rachel = await userNamed(request, 'Rachel');
  const sofia = await userNamed(request, 'Sofia');
  const { changes } = await openChanges(page, rachel);

  // Opens on the last 30 days, shown at once. Days are the service's (UTC); take tomorrow in too, so a change raised
  // now is in the period whatever Rachel's own zone (New York) calls today.
  const from = await changes.getByLabel('From').inputValue();
  const to = await changes.getByLabel('To (included)').inputValue();
  expect((Date.parse(to) - Date.parse(from)) / DAY + 1).toBe(30);
  await expect(changes.getByTestId('sd-change-reports-scope')).toContainText(`SD · ${from} to ${to}`);
  const until = new Date(Date.parse(to) + DAY).toISOString().slice(0, 10);
  const period = { from, to: until };

  // What the server counts before the fixture (other journeys may have raised changes on this site already).
  const before = await changeReportAs(request, rachel, period);
  expect(before.ok).toBe(true);
  const b = before.data!.report.overall;

  // The fixture: an emergency change, deployed at once and backed out (recorded in the app), that caused an incident.
  const fields = (await getAs<Array<{ id: string; name: string }>>(request, sofia, '/rest/api/3/field')).body;
  const changeTypeField = fields.find((f) => f.name === 'Change type')?.id;
  expect(changeTypeField, 'the demo site has a Change type field').toBeTruthy();
  const change = await createIssue(request, sofia, { issuetype: { name: 'Change' }, summary: 'Change reports e2e: hotfix rolled back', [changeTypeField!]: { value: 'Emergency' } });
  const incident = await createIssue(request, sofia, { issuetype: { name: 'Incident' }, summary: 'Change reports e2e: checkout errors after the hotfix' });
  const linked = await request.post('/rest/api/3/issueLink', { headers: { Authorization: basicAuth(sofia) }, data: { type: { name: 'Causes' }, inwardIssue: { key: change.key }, outwardIssue: { key: incident.key } } });
  expect(linked.status()).toBe(201);
  expect((await request.post('/sandbox/events/settle')).ok()).toBeTruthy();
  const created = (await getAs<{ fields: { created: string } }>(request, sofia, `/rest/api/3/issue/${change.key}?fields=created`)).body.fields.created;
  const at = new Date(Date.parse(created.replace(/(\d{2})(\d{2})$/, '$1:$2'))).toISOString();
  await actAsForgeRuntime(baseURL!);
  const person = { accountId: sofia.accountId, displayName: sofia.displayName };
  const written = await updateChangeRecord({ issueId: change.id, issueKey: change.key, projectKey: 'SD' }, (c) => ({
    ...c,
    decisions: [{ id: 'e2e-evaluate', step: 'evaluate', decision: 'approved', by: person, role: 'SM', at, reason: null, via: 'app', recordedBy: null, how: null }],
    deployment: { by: person, at, configurationVersions: [], complete: true },
    review: { by: person, at, outcome: 'backed-out', emergencyJustified: true, notes: 'Rolled back: checkout errors.' },
  }));
  expect(written.written).toBe(true);

  await changes.getByLabel('To (included)').fill(until);
  await changes.getByTestId('sd-change-reports-show').click();
  await expect(changes.getByTestId('sd-change-reports-scope')).toContainText(`SD · ${from} to ${until} · ${b.raised + 1} changes raised`);

  // The figures move by the fixture: one more emergency change raised, one more implemented, reviewed as backed out,
  // having caused an incident.
  await expect(changes.getByTestId('sd-change-reports-kpi-raised-value')).toHaveText(String(b.raised + 1));
  await expect(changes.getByTestId('sd-change-reports-kpi-emergency-value')).toHaveText(shown(b.emergencyShare.numerator + 1, b.emergencyShare.denominator + 1));
  await expect(changes.getByTestId('sd-change-reports-kpi-success-value')).toHaveText(shown(b.successRate.numerator, b.successRate.denominator + 1));
  await expect(changes.getByTestId('sd-change-reports-kpi-caused-value')).toHaveText(shown(b.causedIncidents.numerator + 1, b.causedIncidents.denominator + 1));
  await expect(changes.getByTestId('sd-change-reports-kpi-lead-time')).toBeVisible();
  await expect(changes.getByTestId('sd-change-reports-kpi-backlog')).toBeVisible();

  const row = (key: string) => changes.locator(`[data-testid=sd-change-reports-row][data-key="${key}"]`);
  await expect(row(change.key)).toContainText('Emergency');
  await expect(row(change.key).getByTestId('sd-change-reports-outcome')).toHaveText('Backed out');
  await expect(row(change.key)).toContainText(incident.key);
  // The seeded November patching: raised from the pre-approved template and deployed through the app, then closed in
  // Jira with no review recorded: its outcome read from Jira's status, its lead time from the app's deployment.
  const patching = changes.locator('[data-testid=sd-change-reports-row]', { hasText: 'Monthly patching of web servers (November)' });
  await expect(patching).toContainText('Pre-approved');
  await expect(patching).toContainText('Closed');
  await expect(patching.getByTestId('sd-change-reports-outcome')).toContainText('Completed, outcome not recorded');
  await expect(patching.getByTestId('sd-change-reports-outcome')).toContainText('from Jira’s status');
  await expect(patching).toContainText('2.2 days');
  // The seeded WAF rule and DNS move, of which the app recorded nothing, still await approval as Jira says.
  await expect(changes.locator('[data-testid=sd-change-reports-backlog-row]', { hasText: 'Add WAF rule to shed bot traffic on checkout' })).toContainText('Awaiting approval');
  await expect(changes.locator('[data-testid=sd-change-reports-backlog-row]', { hasText: 'Move the customer DNS zones to the new provider' })).toContainText('Awaiting approval');

  // Charts: per type and outcome, success rate, the type mix with the emergency share.
  await expect(changes.getByTestId('sd-change-reports-outcomes-bar')).toHaveCount(3);
  await expect(changes.getByTestId('sd-change-reports-success-bar')).toHaveCount(4);
  await expect(changes.getByTestId('sd-change-reports-mix').getByRole('img')).toHaveAttribute('aria-label', new RegExp(`emergency changes ${shown(b.emergencyShare.numerator + 1, b.emergencyShare.denominator + 1)}`));
  // No clause or decision ids in headings or labels; they sit in the muted "Why?" line.
  await expect(changes.getByRole('heading', { name: /D\d|MET-|RPT-|CHG-/ })).toHaveCount(0);
  await expect(changes.getByTestId('sd-change-reports-why')).toContainText('MET-35');

  // Nothing overlaps at the acceptance widths.
  const frame = await appFrame(page);
  await expectNoOverlapAtWidths(page, () => overlappingText(frame, '[data-testid=sd-change-reports]'));
  await attachScreens(page, testInfo, 'Change reports', async () => {
    const again = page.frameLocator('[data-testid=app-frame]');
    if (!(await again.getByTestId('sd-change-reports').isVisible())) await again.getByRole('tab', { name: 'Changes' }).click();
    await expect(again.getByTestId('sd-change-reports-result')).toBeVisible();
  });

  // The CSV: one row per change, in words.
  const reports = page.frameLocator('[data-testid=app-frame]').getByTestId('sd-change-reports');
  if ((await reports.getByLabel('To (included)').inputValue()) !== until) {
    await reports.getByLabel('To (included)').fill(until);
    await reports.getByTestId('sd-change-reports-show').click();
  }
  await expect(reports.locator(`[data-testid=sd-change-reports-row][data-key="${change.key}"]`)).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), reports.getByTestId('sd-change-reports-csv-changes').click()]);
  expect(download.suggestedFilename()).toBe(`changes-SD-${from}-to-${until}.csv`);
  const lines = (await text(download)).split('\r\n');
  expect(lines[0]).toBe('key,summary,type,status,outcome,outcome from,raised,deployed,lead time (calendar h),incidents caused');
  expect(lines).toEqual(expect.arrayContaining([
    expect.stringMatching(new RegExp(`^${change.key},Change reports e2e: hotfix rolled back,Emergency,[^,]+,Backed out,app record,[^,]+,[^,]+,0,${incident.key}$`)),
    expect.stringMatching(/^SD-\d+,Monthly patching of web servers \(November\),Pre-approved,Closed,"Completed, outcome not recorded",Jira status,[^,]+,[^,]+,52,$/),
  ]));
  const [summary] = await Promise.all([page.waitForEvent('download'), reports.getByTestId('sd-change-reports-csv-summary').click()]);
  expect(summary.suggestedFilename()).toBe(`change-report-SD-${from}-to-${until}.csv`);
  expect((await text(summary)).split('\r\n')[0]).toBe('metric,group,value,unit,numerator,denominator');
});

test('an empty period says so and still lists what waits for approval; a period the wrong way round is caught', async ({ page, request }) => {
  const { changes } = await openChanges(page, await userNamed(request, 'Sofia'));
  await changes.getByLabel('From').fill('2020-01-01');
  await changes.getByLabel('To (included)').fill('2020-01-31');
  await changes.getByTestId('sd-change-reports-show').click();
  await expect(changes.getByTestId('sd-change-reports-empty')).toHaveText('No changes in this period.');
  await expect(changes.locator('[data-testid=sd-change-reports-backlog-row]', { hasText: 'Add WAF rule to shed bot traffic on checkout' })).toBeVisible();

  await changes.getByLabel('From').fill('2020-02-10');
  await changes.getByLabel('To (included)').fill('2020-02-01');
  await changes.getByTestId('sd-change-reports-show').click();
  await expect(changes.getByTestId('sd-change-reports-period-problem')).toHaveText('The last day must not be before the first day.');
  await expect(changes.getByLabel('To (included)')).toBeFocused();
});

test('D26: a customer (Carla) never sees the change reports: not on the page, and the server refuses them', async ({ page, request }) => {
  const carla = await userNamed(request, 'Carla');
  // As in JSM, a customer never opens Jira's project pages: she is sent to the help center.
  await page.goto('/');
  await actAs(page, carla);
  await page.goto('/projects/SD/app');
  await expect(page).toHaveURL(/\/servicedesk\/customer\/portals$/);
  // The help center shows the app's customer part only (the portal subheader), never the project page.
  await expect(page.locator('[data-testid=portal-subheader] [data-testid=app-frame]')).toBeVisible();
  await expect(page.locator('[data-testid=app-frame][data-module-key=sd-project-page]')).toHaveCount(0);
  // Asked directly, the server refuses her in words, with no figure in the answer.
  const refused = await changeReportAs(request, carla, { from: '2020-01-01', to: '2020-01-31' });
  expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('service team') } });
  expect(refused.data).toBeUndefined();
});
