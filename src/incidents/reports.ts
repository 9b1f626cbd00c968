import type { IncidentReportsPayload, IncidentReportsView } from '../contract/reports';
import { seesTeamFigures, type Caller } from '../domain/access';
import { customerIncidentReport, incidentReport, mapStoredIncidents, reportPriorities, type ReportIncident, type StoredIncident } from '../domain/incident/report';
import { inPeriod, type Period } from '../domain/metrics';
import { PRIORITY_SCHEMES } from '../domain/priority-matrix';
import { Refusal } from '../domain/refusal';
import { isTimeZone, localDaysPeriod } from '../domain/zoned-days';
import { jiraInstantOrNull } from '../jira/incident-snapshot';
import { JiraRequestError, searchReportIssues } from '../jira/issues';
import { loadRecords } from '../store/incident-records';
import { incidentIssueTypesOf, loadIncidentRules } from '../store/rules';

/**
 * Incident reports on the project page (issue #5 item 8; REQUIREMENTS §7 MET-01, MET-04..07; D22). Which incidents:
 * those of the period Jira lets the viewer see (asUser). What the app knows of each (priority, clocks, escalations,
 * services): its evaluation in app storage, never the issue property, which any Jira editor can write.
 * The period's days and the buckets are the service's local days (the policy's service-hours zone).
 * D26: a viewer outside the service team (a customer) gets only the incidents they reported, without the team's
 * metrics; the server decides, whatever the page asks.
 */

/** More incidents than this in one report is refused (choose a shorter period) rather than silently cut. */
export const MAX_INCIDENTS = 5000;
const DAY_MS = 86_400_000;

function jqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const isoDay = (t: number): string => new Date(t).toISOString().slice(0, 10);

/**
 * The JQL of a period. Jira reads JQL dates in the searching user's time zone (UTC−12 … UTC+14), so the search is
 * one day wider on each side than the UTC period and the domain places every incident exactly. Besides the incidents
 * created or resolved from the period on, the unresolved ones created earlier are read too: their first response may
 * fall in the period, and one the app has not evaluated is reported as such.
 */
export function incidentReportJql(projectKey: string, incidentTypes: readonly string[], period: Period): string {
  const after = jqlString(isoDay(period.from - DAY_MS));
  const before = jqlString(isoDay(period.to + DAY_MS));
  return `project = ${jqlString(projectKey)} AND issuetype in (${incidentTypes.map(jqlString).join(', ')}) AND (created >= ${after} OR resolved >= ${after} OR resolved IS EMPTY) AND created < ${before} ORDER BY created ASC`;
}

const isoOrAsIs = (s: string): string => { const t = jiraInstantOrNull(s); return t !== null ? new Date(t).toISOString() : s; };

async function readIncidents(jql: string, reporter: string | null): Promise<StoredIncident[]> {
  const out: StoredIncident[] = [];
  let nextPageToken: string | undefined;
  do {
    let page: Awaited<ReturnType<typeof searchReportIssues>>;
    try {
      page = await searchReportIssues(jql, nextPageToken);
    } catch (e) {
      if (e instanceof JiraRequestError && e.status === 400) throw new Refusal('refused', `Jira refused the incident search: ${e.messages.join(' ') || 'no details'} Is the project's incident issue type mapped (Apps → Service delivery profile → Setup)?`);
      throw e;
    }
    const records = await loadRecords(page.issues.map((i) => i.id));
    for (const issue of page.issues) {
      if (reporter !== null && issue.fields.reporter?.accountId !== reporter) continue;
      out.push({
        key: issue.key,
        createdAt: isoOrAsIs(issue.fields.created),
        priorityName: issue.fields.priority?.name ?? null,
        resolvedAt: issue.fields.resolutiondate ? isoOrAsIs(issue.fields.resolutiondate) : null,
        state: records.get(issue.id)?.state ?? null,
      });
    }
    if (out.length > MAX_INCIDENTS) throw new Refusal('refused', `The period holds more than ${MAX_INCIDENTS} incidents; choose a shorter period.`);
    nextPageToken = page.nextPageToken;
  } while (nextPageToken);
  return out;
}

function seenIn(records: readonly ReportIncident[], period: Period, scheme: readonly string[]): { services: string[]; priorities: string[] } {
  const services = new Set<string>();
  const priorities = new Set<string>();
  for (const r of records) {
    if (!(inPeriod(r.openedAt, period) || inPeriod(r.resolvedAt, period) || inPeriod(r.firstResponseAt, period))) continue;
    for (const s of r.services) services.add(s);
    priorities.add(r.priority);
  }
  const sorted = (set: Set<string>): string[] => [...set].sort((a, b) => a.localeCompare(b));
  return { services: sorted(services), priorities: reportPriorities(scheme, priorities) };
}

export type ReportViewer = Pick<Caller, 'accountId' | 'roles' | 'rolesConfigured' | 'accountType' | 'isJiraAdmin'>;

export async function incidentReports(projectKey: string, p: IncidentReportsPayload, viewer: ReportViewer, now: number): Promise<IncidentReportsView> {
  const team = seesTeamFigures(viewer);
  const [rules, incidentTypes] = await Promise.all([loadIncidentRules(now), incidentIssueTypesOf(projectKey)]);
  const { policy } = rules.policy;
  const zone = policy.serviceHours.timeZone;
  const timeZone = isTimeZone(zone) ? zone : 'UTC';
  const period: Period = localDaysPeriod(timeZone, p.from, p.to);
  const stored = await readIncidents(incidentReportJql(projectKey, incidentTypes, period), team ? null : viewer.accountId);
  const { records, notEvaluated } = mapStoredIncidents(stored);
  const report = incidentReport(records, {
    period,
    bucket: p.bucket,
    timeZone,
    filter: { ...(p.service !== undefined ? { service: p.service } : {}), ...(p.priority !== undefined ? { priority: p.priority } : {}) },
    notEvaluated,
  });
  const base = {
    project: { key: projectKey }, from: p.from, to: p.to, bucket: p.bucket, timeZone,
    filter: { service: p.service ?? null, priority: p.priority ?? null },
    ...seenIn(records, period, PRIORITY_SCHEMES[policy.priorityMatrix.scheme]), notEvaluated: report.notEvaluated.count, incidentTypes,
    generatedAt: new Date(now).toISOString(),
  };
  return team ? { ...base, audience: 'team', report } : { ...base, audience: 'customer', report: customerIncidentReport(report) };
}
