/**
 * Incident reports on the project page (issue #5 item 8) as the Service Manager uses them: open the project's
 * "Service delivery" page, show a report, read the key figures and charts, filter on a service, and download the
 * CSV exports. Two incidents are prepared over Jira's REST API, their evaluation in app storage replaced with
 * hand-written states (through the app's own store and the real Forge SDK), under a service name only they use, so
 * the figures are known whatever else the demo site holds.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type APIRequestContext, type Download, type FrameLocator, type Page } from '@playwright/test';
import type { IncidentState } from '../../src/domain/incident/state';
import { saveEvaluation } from '../../src/store/incident-records';
import { fixtureIncidentState, type CycleInput } from '../fixtures/incident-state';
import { actAsForgeRuntime } from '../integration/forge-globals';
import { attachScreens, expectNoOverlapAtWidths, overlappingText } from './layout';
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


/** Picks an option of an Atlaskit select labelled `label` inside the app frame. */
async function choose(app: FrameLocator, scope: ReturnType<FrameLocator['getByTestId']>, label: string, option: string): Promise<void> {
  const field = scope.getByLabel(label, { exact: true });
  await expect(field).toBeAttached();
  // The Atlaskit select opens from its control (its input is a 1 px dummy when the list is not searchable).
  await scope.getByTestId(`sd-reports-${({ Service: 'service', Priority: 'priority', 'Trend by': 'bucket' } as Record<string, string>)[label]}`).click();
  await app.getByRole('option', { name: option, exact: true }).click();
}

async function appFrame(page: Page) {
  const frame = await (await page.locator('[data-testid=app-frame]').elementHandle())?.contentFrame();
  if (!frame) throw new Error('The app frame is not there.');
  return frame;
}

async function openReports(page: Page, user: SandboxUser) {
  await page.goto('/');
  await actAs(page, user);
  await page.goto('/projects/SD/app');
  const app = page.frameLocator('[data-testid=app-frame]');
  return { app, reports: app.getByTestId('sd-reports') };
}

test('the Service Manager sees the last 30 days at once, breaches as breaches, Low as Low, and downloads CSV', async ({ page, request, baseURL }, testInfo) => {
  const sofia = await userNamed(request, 'Sofia');

  // X: High, first response 20 min (met), resolved after 2 business hours (met).
  // Y: Critical, security, first response 40 min (missed), resolved after 4 business hours (met), escalated.
  // Z: Low, first response 1 h (met), resolved after 6 business hours (met).
  // W: High, no response yet and past its first-response target while both clocks still run (SD-5 on the demo site).
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
  const z = await incidentWithState(request, baseURL!, sofia, 'Reports e2e: Z', (t) => incidentState(t, {
    priority: 'Low', security: false, escalated: false,
    cycles: [
      { metric: 'firstResponse', index: 1, startAfter: 0, stopAfter: H, stopReason: 'reply', elapsedMs: H, met: true },
      { metric: 'resolution', index: 1, startAfter: 0, stopAfter: 6 * H, stopReason: 'resolved', elapsedMs: 6 * H, met: true },
    ],
  }));
  const w = await incidentWithState(request, baseURL!, sofia, 'Reports e2e: W', (t) => incidentState(t, {
    priority: 'High', security: false, escalated: false,
    cycles: [
      { metric: 'firstResponse', index: 1, startAfter: 0, stopAfter: null, stopReason: null, elapsedMs: 5 * H, met: false },
      { metric: 'resolution', index: 1, startAfter: 0, stopAfter: null, stopReason: null, elapsedMs: 1 * H, met: null },
    ],
  }));

  // Through the shell: the project, then its "Service delivery" page.
  await page.goto('/');
  await actAs(page, sofia);
  await page.getByRole('link', { name: 'Acme Managed Services', exact: true }).click();
  await page.getByRole('link', { name: 'Service delivery', exact: true }).click();
  await expect(page).toHaveURL(/\/projects\/SD\/app$/);
  const app = page.frameLocator('[data-testid=app-frame]');
  const reports = app.getByTestId('sd-reports');
  await expect(reports.getByRole('heading', { name: 'Incident reports' })).toBeVisible();

  // Opens on the last 30 days, shown at once (no "Show" pressed), by week so the trend tables read.
  await expect(reports.getByTestId('sd-reports-result')).toBeVisible();
  const from = await reports.getByLabel('From').inputValue();
  const to = await reports.getByLabel('To (included)').inputValue();
  expect((Date.parse(to) - Date.parse(from)) / DAY + 1).toBe(30);
  await expect(reports.getByTestId('sd-reports-scope')).toContainText(`SD · ${from} to ${to}`);
  await expect(reports.getByTestId('sd-reports-bucket')).toContainText('Week');
  await expect(reports.getByTestId('sd-reports-days')).toContainText('service’s (UTC)');
  // No clause or decision ids in headings or labels; they sit in the muted "Why?" line.
  await expect(reports.getByRole('heading', { name: /D\d|MET-|WP\./ })).toHaveCount(0);

  // The fixtures resolve hours after the sandbox's now: take tomorrow in too. Only the four fixtures name this
  // service: filter on it (an Atlaskit select) and show.
  const until = new Date(Date.parse(to) + DAY).toISOString().slice(0, 10);
  await reports.getByLabel('To (included)').fill(until);
  // The service list offers the services seen in the period shown: show the longer period first.
  await reports.getByTestId('sd-reports-show').click();
  await expect(reports.getByTestId('sd-reports-scope')).toContainText(until);
  await choose(app, reports, 'Service', SERVICE);
  await reports.getByTestId('sd-reports-show').click();
  await expect(reports.getByTestId('sd-reports-scope')).toContainText(`service ${SERVICE}`);
  await expect(reports.getByTestId('sd-reports-scope')).toContainText('4 incidents');

  // W breached its first response while its clocks still run: "Breached", not "Running".
  const row = (key: string) => reports.locator(`[data-testid=sd-reports-incident-row][data-key="${key}"]`);
  await expect(row(w).getByTestId('sd-reports-met')).toHaveText('Breached');
  await expect(row(y).getByTestId('sd-reports-met')).toHaveText('Breached');
  await expect(row(x).getByTestId('sd-reports-met')).toHaveText('Met');
  await expect(row(z)).toContainText('Low');

  // MTTR (2 h + 4 h + 6 h) / 3 = 4 h; all targets met: X and Z of the three resolved (Y missed) → 66.7 %.
  await expect(reports.getByTestId('sd-reports-kpi-mttr-value')).toHaveText('4 business h');
  await expect(reports.getByTestId('sd-reports-kpi-sla-value')).toHaveText('66.7%');
  await expect(reports.getByTestId('sd-reports-kpi-escalation-value')).toHaveText('25%');
  await expect(reports.getByTestId('sd-reports-attainment').getByRole('img')).toHaveAttribute('aria-label', 'Bar chart: targets met for 3 priorities: Critical 0%, High 100%, Low 100%.');

  // Nothing overlaps at the acceptance widths (measured in the frame), whatever the number of buckets.
  const frame = await appFrame(page);
  await expectNoOverlapAtWidths(page, () => overlappingText(frame, '[data-testid=sd-reports]'));
  await attachScreens(page, testInfo, 'Incident reports, last 30 days', async () => {
    await expect(app.getByTestId('sd-reports-result')).toBeVisible();
  });

  // The same period by day: 31 columns scroll inside their table, the first column stays put, nothing overlaps.
  const again = page.frameLocator('[data-testid=app-frame]').getByTestId('sd-reports');
  await again.getByLabel('To (included)').fill(until);
  await choose(app, again, 'Service', SERVICE);
  await choose(app, again, 'Trend by', 'Day');
  await again.getByTestId('sd-reports-show').click();
  await expect(again.getByTestId('sd-reports-volume-bar')).toHaveCount(31);
  const byDay = await appFrame(page);
  await expectNoOverlapAtWidths(page, () => overlappingText(byDay, '[data-testid=sd-reports]'));

  // Low is in the priority filter and filters.
  await choose(app, again, 'Priority', 'Low');
  await again.getByTestId('sd-reports-show').click();
  await expect(again.getByTestId('sd-reports-scope')).toContainText('priority Low');
  await expect(again.locator('[data-testid=sd-reports-incident-row]')).toHaveCount(1);
  await expect(row(z)).toBeVisible();

  // The CSV exports say "no" for a breach, and name the priority as it is.
  await choose(app, again, 'Priority', 'All priorities');
  await again.getByTestId('sd-reports-show').click();
  await expect(again.getByTestId('sd-reports-scope')).toContainText('4 incidents');
  const [rowsDownload] = await Promise.all([page.waitForEvent('download'), again.getByTestId('sd-reports-csv-incidents').click()]);
  expect(rowsDownload.suggestedFilename()).toBe(`incidents-SD-${from}-to-${until}.csv`);
  const rows = (await text(rowsDownload)).replace(/^\uFEFF/, '').split('\r\n');
  expect(rows[0]).toBe('key,priority,service,opened,resolved,time to resolve (business h),first response (business min),met all targets,escalated,security');
  expect(rows).toEqual(expect.arrayContaining([
    expect.stringMatching(new RegExp(`^${y},Critical,${SERVICE},[^,]+,[^,]+,4,40,no,yes,yes$`)),
    expect.stringMatching(new RegExp(`^${z},Low,${SERVICE},[^,]+,[^,]+,6,60,yes,no,no$`)),
    expect.stringMatching(new RegExp(`^${w},High,${SERVICE},[^,]+,,,,no,no,no$`)),
  ]));
});

test('a manager (Max, Management) reads the same team figures', async ({ page, request }) => {
  const max = await userNamed(request, 'Max');
  const { reports } = await openReports(page, max);
  await expect(reports.getByRole('heading', { name: 'Incident reports' })).toBeVisible();
  await expect(reports.getByTestId('sd-reports-result')).toBeVisible();
  await expect(reports.getByTestId('sd-reports-why')).toBeAttached();
});

test('SD-5, past its first-response target while its clocks run, reads Breached; customers follow theirs on the portal', async ({ page, request }, testInfo) => {
  // A quarter of an hour later SD-5 (Carla's, raised 40 minutes before the demo starts, its urgency raised 20 minutes
  // in) has gone past its 30-minute first-response target with no reply; the five-minute scan evaluates the incidents.
  expect((await request.post('/sandbox/clock', { data: { advanceMs: 15 * MIN } })).ok()).toBeTruthy();
  expect((await request.post('/sandbox/scheduled/sd-sla-scan/run')).ok()).toBeTruthy();
  const { app, reports } = await openReports(page, await userNamed(request, 'Ines'));
  await expect(reports.getByTestId('sd-reports-result')).toBeVisible();
  // Breached, not "Running" (issue #12): a missed target is missed while the clock still runs.
  await expect(reports.locator('[data-testid=sd-reports-incident-row][data-key="SD-5"]').getByTestId('sd-reports-met')).toHaveText('Breached');
  await attachScreens(page, testInfo, 'Incident reports', async () => {
    await expect(app.getByTestId('sd-reports-result')).toBeVisible();
  });

  // As in JSM, a customer never opens Jira's project pages: Carla is sent to the help center. What the reports
  // resolver answers her (her own incidents, no team metrics, D26) is proven in test/integration/incident-reports.
  await page.goto('/');
  await actAs(page, await userNamed(request, 'Carla'));
  await page.goto('/projects/SD/app');
  await expect(page).toHaveURL(/\/servicedesk\/customer\/portals$/);
  // The help center shows the app's customer part only (the portal subheader), never the project page.
  await expect(page.locator('[data-testid=portal-subheader] [data-testid=app-frame]')).toBeVisible();
  await expect(page.locator('[data-testid=app-frame][data-module-key=sd-project-page]')).toHaveCount(0);
});

test('an empty period says so, and a period the wrong way round is caught before asking the server', async ({ page, request }) => {
  const sofia = await userNamed(request, 'Sofia');
  // The default period ends on the sandbox's day (the server's clock) in Sofia's zone, not on the browser's day.
  const clock = await request.post('/sandbox/clock', { data: { advanceMs: DAY } });
  expect(clock.ok()).toBeTruthy();
  const now = ((await clock.json()) as { now: string }).now;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: sofia.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now));
  const { reports } = await openReports(page, sofia);
  await expect(reports.getByTestId('sd-reports-result')).toBeVisible();
  await expect(reports.getByLabel('To (included)')).toHaveValue(today);

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
