import type Resolver from '@forge/resolver';
import { route } from '@forge/api';
import { z } from 'zod';
import {
  incidentReport,
  mapStoredIncidents,
  REPORT_BUCKETS,
  type ReportBucket,
  type ReportIncident,
  type StoredIncident,
} from '../domain/incident/report';
import { inPeriod, type Period } from '../domain/metrics';
import { jiraGet, JiraRequestError } from '../jira/client';
import { jiraInstantOrNull } from '../jira/incident-snapshot';
import { incidentIssueTypesOf } from '../store/incident-store';
import { ISSUE_STATE_PROPERTY, readIncidentState, readIssueState } from '../store/issue-state';
import { projectExtensionSchema, requireAccountId, ResolverInputError, type ResolverRequest } from './context';
import type { IncidentReportsView, ReportsErrorCode, ReportsResult } from './reports-contract';
import { answer, RefusedError } from './results';

export type { IncidentReportsView, ReportsErrorCode, ReportsResult };

/**
 * Incident reports on the project page (issue #5 item 8; REQUIREMENTS §7 MET-01, MET-04..07; D22).
 *
 * `reports.incidents` reads the project's incidents asUser (the viewer sees the figures of the incidents Jira
 * lets them see), with their `sd-state` property, and answers the report of src/domain/incident/report.ts.
 * Like the admin functions (ADR 008) it answers `{ ok: true, data }` or `{ ok: false, error: { code, message } }`,
 * so the page shows the server's own words (an invalid field is named).
 *
 * Periods are whole days in UTC: `from` and `to` are both included, i.e. `[from 00:00Z, to + 1 day 00:00Z)`.
 */

export const REPORTS_FUNCTION_KEY = 'reports.incidents';
/** The manifest's jira:projectPage module, the one surface the reports serve. */
const PROJECT_MODULE_KEY = 'sd-project-page';
/** A year and a day: a leap year plus the inclusive end. */
export const MAX_PERIOD_DAYS = 366;
/** More incidents than this in one report is refused (choose a shorter period) rather than silently cut. */
export const MAX_INCIDENTS = 5000;

const DAY_MS = 86_400_000;

function utcDate(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === text ? t : null;
}

const dateSchema = z.string().refine((s) => utcDate(s) !== null, 'must be a calendar date written YYYY-MM-DD');
const filterValue = z.string().trim().min(1, 'must not be empty').max(255, 'must be at most 255 characters');

export const incidentReportsPayload = z.object({
  /** First day of the period (UTC), included. */
  from: dateSchema,
  /** Last day of the period (UTC), included. */
  to: dateSchema,
  bucket: z.enum(REPORT_BUCKETS as [ReportBucket, ...ReportBucket[]]),
  /** Only incidents naming this service (among any others they name). */
  service: filterValue.optional(),
  /** Only incidents of this priority (the derived D8 priority, else the Jira priority). */
  priority: filterValue.optional(),
}).strict().superRefine((p, ctx) => {
  const from = utcDate(p.from);
  const to = utcDate(p.to);
  if (from === null || to === null) return;
  if (to < from) ctx.addIssue({ code: 'custom', path: ['to'], message: `must not be before from (${p.from})` });
  else if ((to - from) / DAY_MS + 1 > MAX_PERIOD_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `the period may span at most ${MAX_PERIOD_DAYS} days` });
});
export type IncidentReportsPayload = z.infer<typeof incidentReportsPayload>;


// ---------------------------------------------------------------------------------------------------------------
// Reading the incidents

/** Jira's date-time (`2027-03-01T09:00:00.000+0000`) as an ISO instant; an unreadable one stays as it is (the domain then lists the incident as not evaluated). */
const jiraDateTime = z.string().transform((s) => {
  const t = jiraInstantOrNull(s);
  return t !== null ? new Date(t).toISOString() : s;
});

const incidentIssueSchema = z.object({
  key: z.string(),
  fields: z.object({
    created: jiraDateTime,
    priority: z.object({ name: z.string() }).passthrough().nullable().optional(),
    resolutiondate: jiraDateTime.nullable().optional(),
  }).passthrough(),
  properties: z.record(z.string(), z.unknown()).optional(),
}).passthrough();

const incidentPageSchema = z.object({
  issues: z.array(incidentIssueSchema),
  nextPageToken: z.string().optional(),
  isLast: z.boolean().optional(),
}).passthrough();

function jqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function isoDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * The JQL of a period. Jira reads JQL dates in the searching user's time zone (UTC−12 … UTC+14), so the search
 * is one day wider on each side than the UTC period and the domain places every incident exactly. Besides the
 * incidents created or resolved from the period on, the unresolved ones created earlier are read too: their
 * first response may fall in the period, and one the app has not evaluated is reported as such.
 */
export function incidentReportJql(projectKey: string, incidentTypes: readonly string[], period: Period): string {
  const after = jqlString(isoDay(period.from - DAY_MS));
  const before = jqlString(isoDay(period.to + DAY_MS));
  return `project = ${jqlString(projectKey)} AND issuetype in (${incidentTypes.map(jqlString).join(', ')}) AND (created >= ${after} OR resolved >= ${after} OR resolved IS EMPTY) AND created < ${before} ORDER BY created ASC`;
}

/** The incident issue type names of the project: the setup wizard's mapping, else the default names. */

async function readIncidents(jql: string): Promise<StoredIncident[]> {
  const out: StoredIncident[] = [];
  let nextPageToken: string | undefined;
  do {
    const params = new URLSearchParams({ jql, fields: 'created,priority,resolutiondate', properties: ISSUE_STATE_PROPERTY, maxResults: '100' });
    if (nextPageToken) params.set('nextPageToken', nextPageToken);
    let page: z.infer<typeof incidentPageSchema>;
    try {
      page = await jiraGet('user', route`/rest/api/3/search/jql?${params}`, incidentPageSchema);
    } catch (e) {
      if (e instanceof JiraRequestError && e.status === 400) throw new RefusedError('refused', `Jira refused the incident search: ${e.messages.join(' ') || 'no details'} Is the project's incident issue type mapped (Apps → Service delivery profile → Setup)?`);
      throw e;
    }
    for (const issue of page.issues) {
      out.push({
        key: issue.key,
        createdAt: issue.fields.created,
        priorityName: issue.fields.priority?.name ?? null,
        resolvedAt: issue.fields.resolutiondate ?? null,
        state: readIncidentState(readIssueState(issue.properties?.[ISSUE_STATE_PROPERTY])),
      });
    }
    if (out.length > MAX_INCIDENTS) throw new RefusedError('refused', `The period holds more than ${MAX_INCIDENTS} incidents; choose a shorter period.`);
    nextPageToken = page.isLast === true ? undefined : page.nextPageToken;
  } while (nextPageToken);
  return out;
}

function seenIn(records: readonly ReportIncident[], period: Period): { services: string[]; priorities: string[] } {
  const services = new Set<string>();
  const priorities = new Set<string>();
  for (const r of records) {
    if (!(inPeriod(r.openedAt, period) || inPeriod(r.resolvedAt, period) || inPeriod(r.firstResponseAt, period))) continue;
    for (const s of r.services) services.add(s);
    priorities.add(r.priority);
  }
  const sorted = (set: Set<string>): string[] => [...set].sort((a, b) => a.localeCompare(b));
  return { services: sorted(services), priorities: sorted(priorities) };
}

// ---------------------------------------------------------------------------------------------------------------
// The function

function invalid(what: string, error: z.ZodError): ResolverInputError {
  return new ResolverInputError(`The request is invalid: ${error.issues.map((i) => `${i.path.length ? i.path.join('.') : what}: ${i.message}`).join('; ')}`);
}

async function incidentReports(req: ResolverRequest): Promise<IncidentReportsView> {
  requireAccountId(req.context);
  if (req.context.moduleKey !== PROJECT_MODULE_KEY) {
    throw new RefusedError('forbidden', `${REPORTS_FUNCTION_KEY} answers the project page (${PROJECT_MODULE_KEY}) only, not ${String(req.context.moduleKey ?? 'an unknown module')}.`);
  }
  const extension = projectExtensionSchema.safeParse(req.context.extension);
  if (!extension.success) throw invalid('context.extension', extension.error);
  const payload = incidentReportsPayload.safeParse(req.payload ?? {});
  if (!payload.success) throw invalid('payload', payload.error);
  const p = payload.data;
  const project = extension.data.project;
  const period: Period = { from: utcDate(p.from) as number, to: (utcDate(p.to) as number) + DAY_MS };

  const incidentTypes = await incidentIssueTypesOf(project.key);
  const stored = await readIncidents(incidentReportJql(project.key, incidentTypes, period));
  const { records, notEvaluated } = mapStoredIncidents(stored);
  const report = incidentReport(records, {
    period,
    bucket: p.bucket,
    filter: { ...(p.service !== undefined ? { service: p.service } : {}), ...(p.priority !== undefined ? { priority: p.priority } : {}) },
    notEvaluated,
  });
  return {
    project: { key: project.key },
    from: p.from,
    to: p.to,
    bucket: p.bucket,
    filter: { service: p.service ?? null, priority: p.priority ?? null },
    report,
    ...seenIn(records, period),
    notEvaluated: report.notEvaluated.count,
    incidentTypes,
    generatedAt: new Date().toISOString(),
  };
}

/** Registers `reports.incidents` on the app's one resolver. */
export function defineReportResolvers(resolver: Resolver): void {
  resolver.define(REPORTS_FUNCTION_KEY, async (req: ResolverRequest): Promise<ReportsResult> => answer(REPORTS_FUNCTION_KEY, () => incidentReports(req)));
}
