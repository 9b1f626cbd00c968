/**
 * Incident reports on the project page (issue #5 item 8) as the Service Manager uses them: open the project's
 * "Service delivery" page, show a report, read the key figures and charts, filter on a service, and download the
 * CSV exports. Two incidents are prepared over Jira's REST API, their evaluation in app storage replaced with
 * hand-written states (through the app's own store and the real Forge SDK), under a service name only they use, so
 * the figures are known whatever else the demo site holds.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type APIRequestContext, type Download } from '@playwright/test';
import type { IncidentState } from '../../src/domain/incident/state';
import { saveEvaluation } from '../../src/store/incident-records';
import { fixtureIncidentState, type CycleInput } from '../fixtures/incident-state';
import { actAsForgeRuntime } from '../integration/forge-globals';
import { actAs, basicAuth, userNamed, type SandboxUser } from './sandbox';

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
const SERVICE = `E2E reports ${Date.now().toString(36)}`;


function incidentState(createdAt: number, o: { priority: string; security: boolean; escalated: boolean; cycles: CycleInput[] }): IncidentState {
  return fixtureIncidentState(createdAt, { ...o, services: [SERVICE], cis: ['e2e-ci-01'], evaluatedAfter: 6 * H });
}

/** A snapshot mark above any the app's own runs write, so the fixture stays what the test wrote. */
const FIXTURE_MARK = '999999999999999:999999999';

/** Creates an incident as `user`, lets the app's trigger evaluate it, then writes the fixture's state over it. */
async function incidentWithState(request: APIRequestContext, baseURL: string, user: SandboxUser, summary: string, state: (createdAt: number) => IncidentState): Promise<string> {
  const headers = { Authorization: basicAuth(user), Accept: 'application/json' };
  const created = await request.post('/rest/api/3/issue', { headers, data: { fields: { project: { key: 'SD' }, issuetype: { name: 'Incident' }, summary } } });
  expect(created.status(), 'create the fixture incident').toBe(201);
  const { id, key } = (await created.json()) as { id: string; key: string };
  expect((await request.post('/sandbox/events/settle')).ok()).toBeTruthy();
  const issue = (await (await request.get(`/rest/api/3/issue/${key}?fields=created`, { headers })).json()) as { fields: { created: string } };
  const createdAt = Date.parse(issue.fields.created.replace(/(\d{2})(\d{2})$/, '$1:$2'));
  await actAsForgeRuntime(baseURL);
  const saved = await saveEvaluation({ issueId: id, issueKey: key, projectKey: 'SD', mark: FIXTURE_MARK, evaluatedAt: createdAt + 6 * H, trackedSince: new Date(createdAt).toISOString(), createdAt, dueAt: Number.MAX_SAFE_INTEGER, state: state(createdAt) }, () => false);
  expect(saved.stored, 'store the fixture evaluation').toBe(true);
  return key;
}

async function text(download: Download): Promise<string> {
  const path = await download.path();
  if (!path) throw new Error('The download has no file.');
  return readFile(path, 'utf8');
}

const utcDay = (t: number): string => new Date(t).toISOString().slice(0, 10);

test('the Service Manager shows an incident report on the project page and downloads it as CSV', async ({ page, request, baseURL }) => {
  const sofia = await userNamed(request, 'Sofia');
  const clock = (await (await request.get('/sandbox/clock')).json()) as { now: string };
  const now = Date.parse(clock.now);

  // X: High, first response 20 min (met), resolved after 2 business hours (met).
  // Y: Critical, security, first response 40 min (missed), resolved after 4 business hours (met), escalated.
  const x = await incidentWithState(request, baseURL!, sofia, 'Reports e2e: X', (t) => incidentState(t, {
    priority: 'High', security: false, escalated: false,
    cycles: [
      { metric: 'firstResponse', index: 1, startAfter: 0, stopAfter: 20 * MIN, stopReason: 'reply', elapsedMs: 20 * MIN, met: true },
      { metric: 'resolution', index: 1, startAfter: 0, stopAfter: 2 * H, stopReason: 'resolved', elapsedMs: 2 * H, met: true },
    ],
  }));
  const y = await incidentWithState(request, baseURL!, sofia, 'Reports e2e: Y', (t) => incidentState(t, {
    priority: 'Critical', security: true, escalated: true,
    cycles: [
      { metric: 'firstResponse', index: 1, startAfter: 0, stopAfter: 40 * MIN, stopReason: 'transition', elapsedMs: 40 * MIN, met: false },
      { metric: 'resolution', index: 1, startAfter: 0, stopAfter: 4 * H, stopReason: 'resolved', elapsedMs: 4 * H, met: true },
    ],
  }));

  // Through the shell: the project, then its "Service delivery" page.
  await page.goto('/');
  await actAs(page, sofia);
  await page.getByRole('link', { name: 'Acme Managed Services', exact: true }).click();
  await page.getByRole('link', { name: 'Service delivery', exact: true }).click();
  await expect(page).toHaveURL(/\/projects\/SD\/app$/);
  const app = page.frameLocator('[data-testid=app-frame]');
  await expect(app.getByTestId('sd-project')).toBeVisible();
  const reports = app.getByTestId('sd-reports');
  await expect(reports.getByRole('heading', { name: 'Incident reports' })).toBeVisible();
  await expect(reports.getByTestId('sd-reports-idle')).toBeVisible();
  await expect(reports.getByText('Periods are whole days in UTC', { exact: false })).toBeVisible();

  // The period: the last 30 days of the sandbox clock, and tomorrow (the fixtures resolve hours after now).
  const from = utcDay(now - 29 * DAY);
  const to = utcDay(now + DAY);
  await reports.getByLabel('From').fill(from);
  await reports.getByLabel('To (included)').fill(to);
  await reports.getByLabel('Trend by').selectOption('day');
  await reports.getByTestId('sd-reports-show').click();
  await expect(reports.getByTestId('sd-reports-result')).toBeVisible();
  await expect(reports.getByTestId('sd-reports-kpi-mttr')).toBeVisible();

  // Only the two fixtures name this service: filter on it, and show again from the keyboard.
  await reports.getByLabel('Service').selectOption(SERVICE);
  await reports.getByTestId('sd-reports-show').focus();
  await page.keyboard.press('Enter');
  await expect(reports.getByTestId('sd-reports-scope')).toContainText(`service ${SERVICE}`);
  await expect(reports.getByTestId('sd-reports-scope')).toContainText('2 incidents');

  // MTTR (2 h + 4 h) / 2 = 3 h; first response (20 + 40) / 2 = 30 min, 1 of 2 within target;
  // SLA attainment: X met all, Y missed its first response → 1/2 = 50 %; escalation 1 of 2 = 50 %.
  await expect(reports.getByTestId('sd-reports-kpi-mttr-value')).toHaveText('3 business h');
  await expect(reports.getByTestId('sd-reports-kpi-mttr')).toContainText('Median 3 h · 2 incidents resolved');
  await expect(reports.getByTestId('sd-reports-kpi-first-response-value')).toHaveText('30 business min');
  await expect(reports.getByTestId('sd-reports-kpi-first-response')).toContainText('50% within target (1/2)');
  await expect(reports.getByTestId('sd-reports-kpi-sla-value')).toHaveText('50%');
  await expect(reports.getByTestId('sd-reports-kpi-escalation-value')).toHaveText('50%');

  // Charts: one bar per day of the period; attainment bars per priority (Critical 0 %, High 100 %); both labelled.
  const days = Math.round((Date.parse(to) - Date.parse(from)) / DAY) + 1;
  await expect(reports.getByTestId('sd-reports-volume-bar')).toHaveCount(days);
  await expect(reports.getByTestId('sd-reports-volume').getByRole('img')).toHaveAttribute('aria-label', /2 incidents opened over \d+ days/);
  await expect(reports.getByTestId('sd-reports-attainment-bar')).toHaveCount(2);
  await expect(reports.getByTestId('sd-reports-attainment').getByRole('img')).toHaveAttribute('aria-label', 'Bar chart: SLA attainment for 2 priorities: Critical 0%, High 100%.');
  await expect(reports.getByTestId('sd-reports-by-category').getByRole('row', { name: /Information security/ })).toContainText('1');
  await expect(reports.getByTestId('sd-reports-by-ci').getByRole('row', { name: /e2e-ci-01/ })).toBeVisible();

  // The CSV exports: file names with the project and the period, the header rows, the figures.
  const [rowsDownload] = await Promise.all([page.waitForEvent('download'), reports.getByTestId('sd-reports-csv-incidents').click()]);
  expect(rowsDownload.suggestedFilename()).toBe(`incidents-SD-${from}-to-${to}.csv`);
  const rows = (await text(rowsDownload)).replace(/^\uFEFF/, '').split('\r\n');
  expect(rows[0]).toBe('key,priority,service,opened,resolved,time to resolve (business h),first response (business min),met all targets,escalated,security');
  expect(rows.slice(1, 3)).toEqual([
    expect.stringMatching(new RegExp(`^${x},High,${SERVICE},[^,]+,[^,]+,2,20,yes,no,no$`)),
    expect.stringMatching(new RegExp(`^${y},Critical,${SERVICE},[^,]+,[^,]+,4,40,no,yes,yes$`)),
  ]);

  const [summaryDownload] = await Promise.all([page.waitForEvent('download'), reports.getByTestId('sd-reports-csv-summary').click()]);
  expect(summaryDownload.suggestedFilename()).toBe(`incident-report-SD-${from}-to-${to}.csv`);
  const summary = (await text(summaryDownload)).replace(/^\uFEFF/, '').split('\r\n');
  expect(summary[0]).toBe('metric,bucket,group,value,unit,numerator,denominator');
  expect(summary).toEqual(expect.arrayContaining([`Filter: service,,,${SERVICE},,,`, 'MTTR mean,,,3,business h,,2', 'SLA attainment,,all,50,%,1,2', 'Escalation rate,,all,50,%,1,2']));
});

test('an empty period says so, and a period the wrong way round is caught before asking the server', async ({ page, request }) => {
  const sofia = await userNamed(request, 'Sofia');
  await page.goto('/');
  await actAs(page, sofia);
  await page.goto('/projects/SD/app');
  const reports = page.frameLocator('[data-testid=app-frame]').getByTestId('sd-reports');
  await expect(reports).toBeVisible();

  await reports.getByLabel('From').fill('2020-01-01');
  await reports.getByLabel('To (included)').fill('2020-01-31');
  await reports.getByTestId('sd-reports-show').click();
  await expect(reports.getByTestId('sd-reports-empty')).toHaveText('No incidents in this period.');

  await reports.getByLabel('From').fill('2020-02-10');
  await reports.getByLabel('To (included)').fill('2020-02-01');
  await reports.getByTestId('sd-reports-show').click();
  await expect(reports.getByTestId('sd-reports-period-problem')).toHaveText('The last day must not be before the first day.');
  await expect(reports.getByLabel('To (included)')).toBeFocused();
  await expect(reports.getByLabel('To (included)')).toHaveAttribute('aria-invalid', 'true');
});
