import {
  bucketsInPeriod,
  escalationRate,
  firstResponseTime,
  inPeriod,
  incidentVolume,
  meanTimeToResolve,
  slaAttainment,
  type BucketOf,
  type DurationStats,
  type EscalationRate,
  type FilterValue,
  type FirstResponseStats,
  type IncidentMetricRecord,
  type KeyCount,
  type Period,
  type Ratio,
  type SlaAttainment,
  type TargetOutcome,
} from '../metrics';
import { PRIORITIES } from '../priority-matrix';
import { localDay, localIsoWeek, localMonth } from '../zoned-days';
import type { IncidentState, SlaCycleState } from './state';

/**
 * Incident reports (issue #5 item 8; REQUIREMENTS §7 MET-01, MET-04..07; D22): the incidents of a project as the
 * app stored them (`sd-state.incident`, src/domain/incident/state.ts) mapped onto the flat records of
 * `metrics.ts`, one report over a period, and its CSV exports.
 *
 * Pure and deterministic: no clock, no I/O; the period is a parameter. Buckets are UTC days, ISO weeks and
 * months (the reporting periods are whole UTC days). Nothing is rounded except in the CSV text.
 *
 * Which instant places an incident in the period follows metrics.ts: MTTR and SLA attainment by the end of the
 * last resolution cycle, first response by the first response, volume and escalation rate by the opening.
 */

// ---------------------------------------------------------------------------------------------------------
// Mapping a stored incident onto a metric record
// ---------------------------------------------------------------------------------------------------------

/** One incident as the resolver reads it from Jira: its key, `created`, Jira priority and the app's stored state. */
export interface StoredIncident {
  readonly key: string;
  /** ISO 8601 instant. */
  readonly createdAt: string;
  /** The Jira priority's name; null when the issue has none. */
  readonly priorityName: string | null;
  /**
   * Jira's resolution date (ISO), when known. Used only to tell whether an incident the app has not evaluated
   * belongs to the period; the figures read the SLA cycles of the stored state, never this field.
   */
  readonly resolvedAt?: string | null;
  /** `sd-state.incident` as read and validated; null when absent or unreadable. */
  readonly state: IncidentState | null;
}

export const SECURITY_CATEGORY = 'Information security';
export const SERVICE_CATEGORY = 'Service';
/** The classification categories, in the order the reports list them (IN.2.1 NOTE: security incidents apart). */
export const REPORT_CATEGORIES: readonly string[] = [SERVICE_CATEGORY, SECURITY_CATEGORY];
/** The priority of an incident that has neither a derived (D8) nor a Jira priority. */
export const NO_PRIORITY = 'No priority';

/** A metric record that keeps what a report filters and lists on: every service and CI the incident names. */
export interface ReportIncident extends IncidentMetricRecord {
  readonly key: string;
  /** Every service the incident names (`service` is the first of them). */
  readonly services: readonly string[];
  /** Every CI the incident names (`ci` is the first of them). */
  readonly cis: readonly string[];
  readonly securityIncident: boolean;
}

/** An incident without a readable state: counted and listed as "not yet evaluated", never silently dropped. */
export interface NotEvaluatedIncident {
  readonly key: string;
  /** Epoch ms; null when Jira's `created` could not be read. */
  readonly openedAt: number | null;
  /** Epoch ms of Jira's resolution date; null when unresolved or unknown. */
  readonly resolvedAt: number | null;
}

export interface MappedIncidents {
  readonly records: ReportIncident[];
  readonly notEvaluated: NotEvaluatedIncident[];
}

function instant(iso: string | null | undefined): number | null {
  if (typeof iso !== 'string') return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

function byIndex(a: SlaCycleState, b: SlaCycleState): number {
  return a.index - b.index;
}

/**
 * One stored incident as a metric record, or null when it has no readable state (or no readable `created`):
 * - openedAt = Jira's `created`;
 * - resolvedAt = the stop of the last resolution cycle when that cycle is stopped; null while it runs (also after
 *   a reopen, which opens a new cycle) and when there is no resolution cycle;
 * - resolutionBusinessMs (D22: business time, pauses excluded) = the sum of `elapsedMs` over the stopped
 *   resolution cycles, when resolved; null otherwise;
 * - firstResponseAt / firstResponseBusinessMs from the first-response cycle when it stopped with a reply or a
 *   transition (D11); a cycle stopped by the resolution itself is no response;
 * - targets = every cycle's `met`: false once breached (also while the clock still runs), null while it runs within
 *   its target; escalated = at least one escalation (D14);
 * - priority = the derived priority (D8), else the Jira priority; service / ci = the first one named (all are
 *   kept for filtering); category = "Information security" for a security incident, else "Service".
 */
export function incidentRecordOf(stored: StoredIncident): ReportIncident | null {
  const { state } = stored;
  const openedAt = instant(stored.createdAt);
  if (state === null || openedAt === null) return null;
  const cycles = state.sla.cycles;
  const resolution = cycles.filter((c) => c.metric === 'resolution').sort(byIndex);
  const last = resolution[resolution.length - 1];
  const resolvedAt = last ? instant(last.stop) : null;
  let resolutionBusinessMs: number | null = null;
  if (resolvedAt !== null) {
    resolutionBusinessMs = 0;
    for (const c of resolution) if (c.stop !== null) resolutionBusinessMs += c.elapsedMs;
  }
  const first = cycles.filter((c) => c.metric === 'firstResponse').sort(byIndex)[0];
  const responded = first !== undefined && first.stop !== null && (first.stopReason === 'reply' || first.stopReason === 'transition');
  const firstResponseAt = responded ? instant(first.stop) : null;
  // A clock past its target is breached even while it still runs: the target is missed, not pending.
  const targets: TargetOutcome[] = cycles.map((c) => ({ kind: c.metric === 'firstResponse' ? 'first-response' : 'resolution', met: c.met ?? (c.breached ? false : null) }));
  const { services, cis, securityIncident } = state.classification;
  const priority = state.priority.value ?? (stored.priorityName !== null && stored.priorityName.trim() !== '' ? stored.priorityName : NO_PRIORITY);
  return {
    id: stored.key,
    key: stored.key,
    priority,
    ...(services[0] !== undefined ? { service: services[0] } : {}),
    ...(cis[0] !== undefined ? { ci: cis[0] } : {}),
    category: securityIncident ? SECURITY_CATEGORY : SERVICE_CATEGORY,
    openedAt,
    resolvedAt,
    resolutionBusinessMs,
    firstResponseAt,
    firstResponseBusinessMs: firstResponseAt !== null && first ? first.elapsedMs : null,
    targets,
    escalated: state.escalations.length > 0,
    services: [...services],
    cis: [...cis],
    securityIncident,
  };
}

/** Maps every stored incident; the ones without a readable state come back in `notEvaluated`, in input order. */
export function mapStoredIncidents(stored: readonly StoredIncident[]): MappedIncidents {
  const records: ReportIncident[] = [];
  const notEvaluated: NotEvaluatedIncident[] = [];
  for (const s of stored) {
    const record = incidentRecordOf(s);
    if (record) records.push(record);
    else notEvaluated.push({ key: s.key, openedAt: instant(s.createdAt), resolvedAt: instant(s.resolvedAt) });
  }
  return { records, notEvaluated };
}

// ---------------------------------------------------------------------------------------------------------
// Filters
// ---------------------------------------------------------------------------------------------------------

/** §7 filters. A multi-valued field (services, CIs) matches when the incident names any accepted value. */
export interface ReportFilter {
  readonly priority?: FilterValue;
  readonly service?: FilterValue;
  readonly ci?: FilterValue;
  readonly category?: FilterValue;
}

function accepted(filter: FilterValue | undefined): readonly string[] | null {
  if (filter === undefined) return null;
  if (typeof filter === 'string') return [filter];
  return filter.length === 0 ? null : filter;
}

function acceptsOne(filter: FilterValue | undefined, value: string | undefined): boolean {
  const list = accepted(filter);
  return list === null || (value !== undefined && list.includes(value));
}

function acceptsAny(filter: FilterValue | undefined, values: readonly string[]): boolean {
  const list = accepted(filter);
  return list === null || values.some((v) => list.includes(v));
}

export function matchesReportFilter(incident: ReportIncident, filter: ReportFilter = {}): boolean {
  return acceptsOne(filter.priority, incident.priority)
    && acceptsOne(filter.category, incident.category)
    && acceptsAny(filter.service, incident.services)
    && acceptsAny(filter.ci, incident.cis);
}

// ---------------------------------------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------------------------------------

export type ReportBucket = 'day' | 'week' | 'month';
export const REPORT_BUCKETS: readonly ReportBucket[] = ['day', 'week', 'month'];

/** The bucket of an instant: its local day, ISO week or month in the service's time zone. */
export function bucketFunction(bucket: ReportBucket, timeZone: string): BucketOf {
  switch (bucket) {
    case 'day': return (t) => localDay(timeZone, t);
    case 'week': return (t) => localIsoWeek(timeZone, t);
    case 'month': return (t) => localMonth(timeZone, t);
  }
}

/**
 * The bucket that keeps a trend readable for a period of `days` days: by day up to two weeks, by week up to about
 * four months (a 30-day period has 5 or 6 weeks), else by month.
 */
export function suggestedBucket(days: number): ReportBucket {
  if (days <= 14) return 'day';
  if (days <= 120) return 'week';
  return 'month';
}

/**
 * Priorities in the order people rank them: the profile's (Critical, High, Normal, Low), then any other name as it
 * is (a site's own priority is reported under its own name, never folded into another), "No priority" last.
 */
export function comparePriorities(a: string, b: string): number {
  const rank = (p: string): number => {
    if (p === NO_PRIORITY) return PRIORITIES.length + 1;
    const i = (PRIORITIES as readonly string[]).indexOf(p);
    return i === -1 ? PRIORITIES.length : i;
  };
  return rank(a) - rank(b) || compareStrings(a, b);
}

/** The priorities a report's filter offers: those of the policy's scheme and every one the incidents carry, ranked. */
export function reportPriorities(scheme: readonly string[], seen: Iterable<string>): string[] {
  return [...new Set([...scheme, ...seen])].sort(comparePriorities);
}

export interface IncidentReportOptions {
  /** Half-open `[from, to)`, epoch ms. */
  readonly period: Period;
  readonly bucket: ReportBucket;
  /** The service's IANA time zone (the policy's service hours), whose local days the buckets are; default UTC. */
  readonly timeZone?: string;
  readonly filter?: ReportFilter;
  /** The incidents without a readable state; those active in the period are counted (filters cannot apply: their classification is unknown). */
  readonly notEvaluated?: readonly NotEvaluatedIncident[];
}

/** Counts per bucket for one value of a dimension (`key: null` = the incident names none). */
export interface TrendRow {
  readonly key: string | null;
  /** Same order as `Trend.buckets`. */
  readonly counts: readonly number[];
  readonly total: number;
}

export interface Trend {
  readonly buckets: readonly string[];
  readonly rows: readonly TrendRow[];
}

/** One incident of the report, as the per-incident table and CSV list it. */
export interface IncidentRow {
  readonly key: string;
  readonly priority: string;
  readonly services: readonly string[];
  readonly cis: readonly string[];
  readonly category: string;
  readonly openedAt: number;
  readonly resolvedAt: number | null;
  readonly resolutionBusinessMs: number | null;
  readonly firstResponseBusinessMs: number | null;
  /** `none` = the incident has no SLA target (no agreement); `no` = a target was missed (also on a clock still running); `pending` = a target still runs within it and none was missed. */
  readonly metAllTargets: 'yes' | 'no' | 'pending' | 'none';
  readonly escalated: boolean;
  readonly securityIncident: boolean;
}

export interface IncidentReport {
  /** Who the report is for: the service team (every figure) or a customer (their own service, D26). */
  readonly audience: 'team';
  readonly period: Period;
  readonly bucket: ReportBucket;
  /** The time zone whose local days, weeks and months the buckets are. */
  readonly timeZone: string;
  readonly filter: ReportFilter;
  /** Incidents (after the filter) opened, first responded to, or resolved in the period: the rows. */
  readonly incidents: number;
  readonly opened: number;
  readonly resolved: number;
  /** MET-04 + D22, over the incidents resolved in the period. */
  readonly mttr: DurationStats;
  /** MET-05 (+ MET-03 % within target), over the incidents first responded to in the period. */
  readonly firstResponse: FirstResponseStats;
  /** MET-01, over the incidents with targets resolved in the period; overall, per target kind and per priority. */
  readonly slaAttainment: SlaAttainment;
  /** MET-07, cohort of the incidents opened in the period. */
  readonly escalation: EscalationRate;
  /** MET-06 incidents opened per bucket (every bucket of the period, empty ones included). */
  readonly volume: ReadonlyArray<{ readonly bucket: string; readonly count: number }>;
  /** MET-06 by classification category (both categories always listed). */
  readonly byCategory: Trend;
  /** MET-06 by CI: an incident naming several CIs counts once for each, so row totals can exceed `opened`. */
  readonly byCi: Trend;
  readonly rows: readonly IncidentRow[];
  /** Incidents active in the period (opened before its end, unresolved or resolved after its start) without a readable state. */
  readonly notEvaluated: { readonly count: number; readonly keys: readonly string[] };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function trendOf(buckets: readonly string[], perBucket: ReadonlyArray<readonly KeyCount[]>, always: readonly string[] = []): Trend {
  const keys = new Set<string | null>(always);
  for (const list of perBucket) for (const k of list) keys.add(k.key);
  const ordered = [...keys].sort((a, b) => {
    const ia = a === null ? -1 : always.indexOf(a);
    const ib = b === null ? -1 : always.indexOf(b);
    if (ia !== -1 || ib !== -1) return ia === -1 ? 1 : ib === -1 ? -1 : ia - ib;
    return a === null ? 1 : b === null ? -1 : compareStrings(a, b);
  });
  const rows = ordered.map((key) => {
    const counts = perBucket.map((list) => list.find((k) => k.key === key)?.count ?? 0);
    return { key, counts, total: counts.reduce((s, n) => s + n, 0) };
  });
  return { buckets: [...buckets], rows };
}

/** A missed target (breached, even on a clock that still runs) makes the answer "no"; only then may a running one make it pending. */
export function metAll(targets: readonly TargetOutcome[]): IncidentRow['metAllTargets'] {
  if (targets.length === 0) return 'none';
  if (targets.some((t) => t.met === false)) return 'no';
  return targets.some((t) => t.met === null) ? 'pending' : 'yes';
}

function rowOf(i: ReportIncident): IncidentRow {
  return {
    key: i.key, priority: i.priority, services: i.services, cis: i.cis, category: i.category ?? SERVICE_CATEGORY,
    openedAt: i.openedAt, resolvedAt: i.resolvedAt, resolutionBusinessMs: i.resolutionBusinessMs,
    firstResponseBusinessMs: i.firstResponseBusinessMs, metAllTargets: metAll(i.targets), escalated: i.escalated,
    securityIncident: i.securityIncident,
  };
}

/** Issue keys in project order ("SD-9" before "SD-10"). */
function compareKeys(a: string, b: string): number {
  const na = /-(\d+)$/.exec(a);
  const nb = /-(\d+)$/.exec(b);
  const pa = na ? a.slice(0, na.index) : a;
  const pb = nb ? b.slice(0, nb.index) : b;
  if (pa !== pb || !na || !nb) return compareStrings(a, b);
  return Number(na[1]) - Number(nb[1]);
}

/**
 * The incident report of a period: MET-04 MTTR, MET-05 first response (mean, median, % within target), MET-01
 * SLA attainment (overall, per priority), MET-07 escalation rate, MET-06 volume per bucket and by classification
 * and CI, the per-incident rows, and the count of incidents not yet evaluated. The filter applies to every
 * figure; service and CI match any of the values an incident names.
 */
export function incidentReport(records: readonly ReportIncident[], options: IncidentReportOptions): IncidentReport {
  const { period, bucket } = options;
  const filter = options.filter ?? {};
  const timeZone = options.timeZone ?? 'UTC';
  const bucketOf = bucketFunction(bucket, timeZone);
  const bucketKeys = bucketsInPeriod(period, bucketOf); // also checks the period
  const selected = records.filter((r) => matchesReportFilter(r, filter));

  const volume = incidentVolume(selected, period, { bucketOf, bucketKeys });
  // One copy of the incident per CI it names, so that each CI counts the incident (none named: one copy, no CI).
  const perCi = selected.flatMap((r): IncidentMetricRecord[] => (r.cis.length === 0 ? [{ ...r, ci: undefined }] : [...new Set(r.cis)].map((ci) => ({ ...r, ci }))));
  const ciVolume = incidentVolume(perCi, period, { bucketOf, bucketKeys });

  const rows = selected
    .filter((r) => inPeriod(r.openedAt, period) || inPeriod(r.resolvedAt, period) || inPeriod(r.firstResponseAt, period))
    .sort((a, b) => a.openedAt - b.openedAt || compareKeys(a.key, b.key))
    .map(rowOf);

  const inactive = (n: NotEvaluatedIncident): boolean => n.openedAt === null
    ? !inPeriod(n.resolvedAt, period)
    : n.openedAt >= period.to || (n.resolvedAt !== null && n.resolvedAt < period.from);
  const notEvaluated = (options.notEvaluated ?? []).filter((n) => !inactive(n)).map((n) => n.key).sort(compareKeys);

  const slaByPriority = slaAttainment(selected, period);
  const escalation = escalationRate(selected, period);
  return {
    audience: 'team',
    period,
    bucket,
    timeZone,
    filter,
    incidents: rows.length,
    opened: volume.count,
    resolved: selected.filter((r) => inPeriod(r.resolvedAt, period)).length,
    mttr: meanTimeToResolve(selected, period),
    firstResponse: firstResponseTime(selected, period),
    slaAttainment: { ...slaByPriority, byPriority: [...slaByPriority.byPriority].sort((a, b) => comparePriorities(a.priority, b.priority)) },
    escalation: { ...escalation, byPriority: [...escalation.byPriority].sort((a, b) => comparePriorities(a.priority, b.priority)) },
    volume: volume.buckets.map((b) => ({ bucket: b.bucket, count: b.count })),
    byCategory: trendOf(bucketKeys, volume.buckets.map((b) => b.byCategory), REPORT_CATEGORIES),
    byCi: trendOf(bucketKeys, ciVolume.buckets.map((b) => b.byCi)),
    rows,
    notEvaluated: { count: notEvaluated.length, keys: notEvaluated },
  };
}

// ---------------------------------------------------------------------------------------------------------
// A customer's report (D26)
// ---------------------------------------------------------------------------------------------------------

/** One incident as a customer's report lists it: no escalation, no security classification, no internal CIs. */
export type CustomerIncidentRow = Omit<IncidentRow, 'escalated' | 'securityIncident' | 'cis' | 'category'>;

/**
 * D26: a customer's report shows their own service (the incidents they may see, chosen by the caller) and whether
 * the customer-facing targets were met; never the team's metrics: no escalation rate, no breakdown by internal
 * classification or configuration item, no escalation or security flag per incident.
 */
export interface CustomerIncidentReport extends Omit<IncidentReport, 'audience' | 'escalation' | 'byCategory' | 'byCi' | 'rows'> {
  readonly audience: 'customer';
  readonly rows: readonly CustomerIncidentRow[];
}

export function customerIncidentReport(report: IncidentReport): CustomerIncidentReport {
  const { escalation: _escalation, byCategory: _byCategory, byCi: _byCi, rows, audience: _audience, ...shared } = report;
  return {
    ...shared,
    audience: 'customer',
    rows: rows.map(({ escalated: _e, securityIncident: _s, cis: _c, category: _k, ...row }) => row),
  };
}

// ---------------------------------------------------------------------------------------------------------
// CSV (RFC 4180, guarded against formula injection)
// ---------------------------------------------------------------------------------------------------------

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export type CsvValue = string | number | null | undefined;

/** A number in plain decimal notation, at most `decimals` places, no trailing zeros, no exponent. */
export function csvNumber(value: number, decimals = 2): string {
  if (!Number.isFinite(value)) return '';
  const fixed = value.toFixed(decimals);
  const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}

/**
 * One CSV field. Text that a spreadsheet would run as a formula (starting with = + - @, or a tab or carriage
 * return, OWASP "CSV injection") gets a leading single quote; then a field holding a comma, a double quote, CR or
 * LF is quoted with its double quotes doubled (RFC 4180 §2.6–2.7). Numbers are written as numbers, unguarded.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? csvNumber(value) : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Records joined with CRLF (RFC 4180 §2.1), the last one terminated too. */
export function csvText(rows: ReadonlyArray<readonly CsvValue[]>): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export const INCIDENT_CSV_HEADER = ['key', 'priority', 'service', 'opened', 'resolved', 'time to resolve (business h)', 'first response (business min)', 'met all targets', 'escalated', 'security'] as const;
export const CUSTOMER_INCIDENT_CSV_HEADER = INCIDENT_CSV_HEADER.slice(0, 8);
export const SUMMARY_CSV_HEADER = ['metric', 'bucket', 'group', 'value', 'unit', 'numerator', 'denominator'] as const;

const iso = (t: number | null): string => (t === null ? '' : new Date(t).toISOString());
const yesNo = (b: boolean): string => (b ? 'yes' : 'no');
const MET_TEXT: Readonly<Record<IncidentRow['metAllTargets'], string>> = { yes: 'yes', no: 'no', pending: 'pending', none: 'no targets' };

/** The per-incident CSV: one row per incident of the report; services joined with "; ". */
export function incidentRowsCsv(report: Pick<IncidentReport, 'rows'> | Pick<CustomerIncidentReport, 'rows' | 'audience'>): string {
  const all: ReadonlyArray<IncidentRow | CustomerIncidentRow> = report.rows;
  const rows = all.filter((r): r is IncidentRow => 'escalated' in r);
  if (('audience' in report && report.audience === 'customer') || rows.length !== all.length) {
    return csvText([
      [...CUSTOMER_INCIDENT_CSV_HEADER],
      ...all.map((r) => [r.key, r.priority, r.services.join('; '), iso(r.openedAt), iso(r.resolvedAt), r.resolutionBusinessMs === null ? null : r.resolutionBusinessMs / HOUR_MS, r.firstResponseBusinessMs === null ? null : r.firstResponseBusinessMs / MINUTE_MS, MET_TEXT[r.metAllTargets]]),
    ]);
  }
  return csvText([
    [...INCIDENT_CSV_HEADER],
    ...rows.map((r) => [
      r.key,
      r.priority,
      r.services.join('; '),
      iso(r.openedAt),
      iso(r.resolvedAt),
      r.resolutionBusinessMs === null ? null : r.resolutionBusinessMs / HOUR_MS,
      r.firstResponseBusinessMs === null ? null : r.firstResponseBusinessMs / MINUTE_MS,
      MET_TEXT[r.metAllTargets],
      yesNo(r.escalated),
      yesNo(r.securityIncident),
    ]),
  ]);
}

function filterText(value: FilterValue | undefined): string | null {
  const list = accepted(value);
  return list === null ? null : list.join('; ');
}

function ratioRow(metric: string, group: string, r: Ratio): CsvValue[] {
  return [metric, '', group, r.percent, '%', r.numerator, r.denominator];
}

/**
 * The summary CSV, one figure per row (`metric, bucket, group, value, unit, numerator, denominator`): the period
 * (UTC days, end inclusive), the filters, the counts, MTTR, first response, SLA attainment, escalation rate and
 * the volume trends. Durations in business hours (MTTR) and business minutes (first response), their
 * `denominator` the number of incidents averaged; ratios as a percentage with numerator and denominator. Values
 * are rounded to two decimal places; a figure over an empty set is an empty value.
 */
export function incidentReportCsv(report: IncidentReport | CustomerIncidentReport): string {
  const h = (ms: number | null): number | null => (ms === null ? null : ms / HOUR_MS);
  const min = (ms: number | null): number | null => (ms === null ? null : ms / MINUTE_MS);
  const rows: CsvValue[][] = [[...SUMMARY_CSV_HEADER]];
  const zone = report.timeZone;
  rows.push(['Period start', '', '', localDay(zone, report.period.from), `date (${zone})`, null, null]);
  rows.push(['Period end (inclusive)', '', '', localDay(zone, Math.max(report.period.from, report.period.to - 1)), `date (${zone})`, null, null]);
  rows.push(['Bucket', '', '', report.bucket, '', null, null]);
  for (const [name, value] of [['service', report.filter.service], ['priority', report.filter.priority], ['CI', report.filter.ci], ['category', report.filter.category]] as const) {
    const text = filterText(value);
    if (text !== null) rows.push([`Filter: ${name}`, '', '', text, '', null, null]);
  }
  rows.push(['Incidents in the period', '', '', report.incidents, 'incidents', null, null]);
  rows.push(['Incidents opened', '', '', report.opened, 'incidents', null, null]);
  rows.push(['Incidents resolved', '', '', report.resolved, 'incidents', null, null]);
  rows.push(['Not yet evaluated', '', '', report.notEvaluated.count, 'incidents', null, null]);
  rows.push(['MTTR mean', '', '', h(report.mttr.meanMs), 'business h', null, report.mttr.count]);
  rows.push(['MTTR median', '', '', h(report.mttr.medianMs), 'business h', null, report.mttr.count]);
  rows.push(['First response mean', '', '', min(report.firstResponse.meanMs), 'business min', null, report.firstResponse.count]);
  rows.push(['First response median', '', '', min(report.firstResponse.medianMs), 'business min', null, report.firstResponse.count]);
  rows.push(ratioRow('First response within target', 'all', report.firstResponse.withinTarget));
  rows.push(ratioRow('SLA attainment', 'all', report.slaAttainment.items));
  for (const p of report.slaAttainment.byPriority) rows.push(ratioRow('SLA attainment', p.priority, p.items));
  rows.push(ratioRow('Targets met: first response', 'all', report.slaAttainment.byKind['first-response']));
  rows.push(ratioRow('Targets met: resolution', 'all', report.slaAttainment.byKind.resolution));
  if (report.audience === 'customer') {
    for (const v of report.volume) rows.push(['Incidents opened', v.bucket, 'all', v.count, 'incidents', null, null]);
    return csvText(rows);
  }
  rows.push(ratioRow('Escalation rate', 'all', report.escalation.overall));
  for (const p of report.escalation.byPriority) rows.push(ratioRow('Escalation rate', p.priority, p.rate));
  for (const v of report.volume) rows.push(['Incidents opened', v.bucket, 'all', v.count, 'incidents', null, null]);
  for (const [metric, trend, none] of [['Incidents opened by classification', report.byCategory, 'none'], ['Incidents opened by CI', report.byCi, 'no CI']] as const) {
    for (const row of trend.rows) {
      trend.buckets.forEach((b, i) => rows.push([metric, b, row.key ?? none, row.counts[i] ?? 0, 'incidents', null, null]));
    }
  }
  return csvText(rows);
}
