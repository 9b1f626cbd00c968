/**
 * The project page's incident reports (`reports.incidents`): the payload schema and what it answers. The Custom UI
 * imports these through `@contract/reports`.
 */
import { z } from 'zod';
import { REPORT_BUCKETS, type CustomerIncidentReport, type IncidentReport, type ReportBucket } from '../domain/incident/report';

/** A year and a day: a leap year plus the inclusive end. */
export const MAX_PERIOD_DAYS = 366;
const DAY_MS = 86_400_000;

/** A calendar date `YYYY-MM-DD` as the UTC midnight it starts at; null when it is no real date. */
export function utcDate(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === text ? t : null;
}

const dateSchema = z.string().refine((s) => utcDate(s) !== null, 'must be a calendar date written YYYY-MM-DD');
const filterValue = z.string().trim().min(1, 'must not be empty').max(255, 'must be at most 255 characters');

/**
 * Periods are whole local days in the service's time zone (the policy's service hours): `from` and `to` are both
 * included, i.e. `[from 00:00, to + 1 day 00:00)` in that zone.
 */
export const incidentReportsPayload = z.object({
  /** First day of the period (the service's local day), included. */
  from: dateSchema,
  /** Last day of the period (the service's local day), included. */
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

interface ReportsViewBase {
  project: { key: string };
  from: string;
  to: string;
  bucket: ReportBucket;
  /** The service's IANA time zone: the period's days and the buckets are its local days. */
  timeZone: string;
  filter: { service: string | null; priority: string | null };
  /** Services of the period's incidents before the filter (for the filter list), sorted. */
  services: string[];
  /** The priorities of the policy's scheme and of the period's incidents, ranked (Critical, High, Normal, Low, others). */
  priorities: string[];
  /** Incidents of the period the app holds no evaluation of yet (it has not seen them). */
  notEvaluated: number;
  /** The issue type names searched. */
  incidentTypes: string[];
  generatedAt: string;
}

/**
 * The figures and the per-incident rows (`report.rows`); `report.notEvaluated` lists the incidents not yet evaluated.
 * The service team gets every figure; a customer (D26) their own service without the team's metrics.
 */
export type IncidentReportsView =
  | (ReportsViewBase & { audience: 'team'; report: IncidentReport })
  | (ReportsViewBase & { audience: 'customer'; report: CustomerIncidentReport });

export type { CustomerIncidentReport, CustomerIncidentRow, IncidentReport, IncidentRow, ReportBucket, Trend } from '../domain/incident/report';
export { incidentReportCsv, incidentRowsCsv, suggestedBucket } from '../domain/incident/report';
