/**
 * The project page's change reports (`reports.changes`, issue #13): the payload schema and what it answers. The
 * Custom UI imports these through `@contract/change-reports`. The service team's figures only (D26): a customer is
 * refused on the server.
 */
import { z } from 'zod';
import type { ChangeReport } from '../domain/change-report';
import { MAX_PERIOD_DAYS, utcDate } from './reports';

const DAY_MS = 86_400_000;
const dateSchema = z.string().refine((s) => utcDate(s) !== null, 'must be a calendar date written YYYY-MM-DD');

/**
 * Periods are whole local days in the service's time zone (the policy's service hours): `from` and `to` are both
 * included, i.e. `[from 00:00, to + 1 day 00:00)` in that zone, as for the incident reports.
 */
export const changeReportsPayload = z.object({
  /** First day of the period (the service's local day), included. */
  from: dateSchema,
  /** Last day of the period (the service's local day), included. */
  to: dateSchema,
}).strict().superRefine((p, ctx) => {
  const from = utcDate(p.from);
  const to = utcDate(p.to);
  if (from === null || to === null) return;
  if (to < from) ctx.addIssue({ code: 'custom', path: ['to'], message: `must not be before from (${p.from})` });
  else if ((to - from) / DAY_MS + 1 > MAX_PERIOD_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `the period may span at most ${MAX_PERIOD_DAYS} days` });
});
export type ChangeReportsPayload = z.infer<typeof changeReportsPayload>;

export interface ChangeReportsView {
  project: { key: string };
  from: string;
  to: string;
  /** The service's IANA time zone: the period's days are its local days. */
  timeZone: string;
  /** The issue type names searched (the project's mapped change type, else the default names). */
  changeIssueTypes: string[];
  /** Whether the site has a change type field the report could read (else every change counts as Normal). */
  changeTypeField: boolean;
  generatedAt: string;
  report: ChangeReport;
}

export type { BacklogRow, ChangeFigures, ChangeReport, ChangeReportOutcome, ChangeRow, ChangeTypeFigures, OutcomeSource } from '../domain/change-report';
export type { ChangeType, Ratio, DurationStats } from '../domain/metrics';
export { CHANGE_OUTCOME_WORDS, CHANGE_REPORT_OUTCOMES, CHANGE_TYPE_WORDS, REPORT_CHANGE_TYPES, changeReportCsv, changeRowsCsv } from '../domain/change-report';
