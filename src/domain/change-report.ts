import { csvText, type CsvValue } from './incident/report';
import { changeMetrics, durationStats, inPeriod, ratio, type ChangeMetricRecord, type ChangeOutcome, type ChangeType, type DurationStats, type Period, type Ratio } from './metrics';
import { localDay } from './zoned-days';
import { changeTypeOf as profileChangeTypeOf } from './change/path';

/**
 * Change reports on the project page (issue #13 "Reports"; REQUIREMENTS §7 and §8.2): the service change requests
 * (WP.11) of a project mapped onto flat records, one report over a period, and its CSV exports. The formulas are the
 * "(derived)" ones of §7.1 (D22):
 * - RPT-17 (MET-38) number of change requests, per type and per outcome; % rejected; backlogs;
 * - CHG-09 / RPT-17 number and % of emergency changes: emergency ÷ changes raised in the period;
 * - MET-35 rate of failed changes / changes backed out: (failed + backed out) ÷ implemented with a recorded outcome;
 *   the success rate is its complement (successful ÷ the same denominator), so changes still in progress, changes
 *   whose outcome nobody recorded, rejected and cancelled ones are outside both rates;
 * - MET-36 incidents after a release: changes that caused incidents ÷ changes implemented in the period (definition
 *   at `causedIncidents` below);
 * - lead time: raised → deployed, in calendar time (not business time: a change's lead time runs over nights and
 *   weekends alike), mean and median, over the changes deployed in the period.
 *
 * Which period a change counts in follows metrics.ts: arrivals (raised, per type, emergency and rejected shares) by
 * `createdAt`; outcomes, lead time and caused incidents by the instant it was implemented. The backlog awaiting
 * approval is a snapshot at `now` (the report's generation), whatever the period.
 *
 * Pure and deterministic: no clock, no I/O; `now` and the period are parameters. Nothing is rounded except in CSV.
 */

// ---------------------------------------------------------------------------------------------------------
// Input: one change as the resolver reads it (Jira's fields and history, the app's record)
// ---------------------------------------------------------------------------------------------------------

export type StatusCategory = 'new' | 'indeterminate' | 'done';

/** One of the change's issue links, as seen from the change. */
export interface StoredChangeLink {
  /** The link's words from the change's side, e.g. "causes", "is caused by", "relates to". */
  readonly phrase: string;
  readonly otherKey: string;
  /** Whether the other issue is an incident (its issue type is mapped to the incident record, WP.18). */
  readonly otherIsIncident: boolean;
}

/** What the app recorded of a change (src/store/change-records.ts), as far as the report reads it. */
export interface StoredChangeEvidence {
  readonly decisions: ReadonlyArray<{ readonly step: string; readonly decision: 'approved' | 'rejected'; readonly at: string }>;
  readonly deployedAt: string | null;
  readonly review: { readonly outcome: ChangeOutcome; readonly at: string } | null;
  /** Raised from a designated pre-approved template (D15): approved at creation by that designation. */
  readonly fromTemplate: boolean;
}

export interface StoredChange {
  readonly key: string;
  readonly summary: string;
  /** ISO 8601 instants (Jira's `created`, `resolutiondate`). */
  readonly createdAt: string;
  readonly resolvedAt: string | null;
  readonly statusName: string;
  readonly statusCategory: StatusCategory;
  /** The change type field's option as the site names it ("Normal", "Emergency", "Standard"…); null when not set. */
  readonly changeTypeValue: string | null;
  /** Status changes from Jira's changelog: when the change entered which status. Any order. */
  readonly statusHistory: ReadonlyArray<{ readonly at: string; readonly to: string }>;
  readonly links: readonly StoredChangeLink[];
  /** The app's record; null when the app recorded nothing of this change (older changes). */
  readonly evidence: StoredChangeEvidence | null;
}

// ---------------------------------------------------------------------------------------------------------
// Mapping
// ---------------------------------------------------------------------------------------------------------

/**
 * Where a change stands (CO.3.5, RPT-17):
 * - `successful` / `failed` / `backed-out`: the outcome of its post-implementation review recorded in the app;
 * - `rejected`: its latest evaluation decision recorded in the app is a rejection; for a change the app recorded
 *   no decision of, a done status named like "Rejected" or "Declined";
 * - `cancelled`: a done status named like "Cancelled", "Withdrawn" or "Won't do";
 * - `not-recorded`: completed (a done status) with no review recorded: an older change, or one closed outside the app;
 * - `in-progress`: everything else.
 */
export const CHANGE_REPORT_OUTCOMES = ['successful', 'failed', 'backed-out', 'rejected', 'cancelled', 'not-recorded', 'in-progress'] as const;
export type ChangeReportOutcome = (typeof CHANGE_REPORT_OUTCOMES)[number];

/** Where the outcome comes from: the app's record (evidence), or Jira's status for a change without one. */
export type OutcomeSource = 'app' | 'jira';

/** MET-36: a linked incident raised within this time after the change was implemented counts as caused by it. */
export const CAUSED_INCIDENT_WINDOW_MS = 7 * 86_400_000;

export interface ReportChange {
  readonly key: string;
  readonly summary: string;
  readonly type: ChangeType;
  /** False when the change type was not set or not one the profile knows: counted as Normal (CHG-04). */
  readonly typeKnown: boolean;
  readonly statusName: string;
  readonly statusCategory: StatusCategory;
  readonly outcome: ChangeReportOutcome;
  readonly outcomeSource: OutcomeSource;
  readonly createdAt: number;
  /** When it was deployed: the app's deployment record, else the first move to a status named "Deployed" / "Implemented". */
  readonly deployedAt: number | null;
  /**
   * The instant that places it among the implemented changes of a period: `deployedAt`, else (reviewed without a known
   * deployment) the review, else (completed, not rejected or cancelled) Jira's resolution date. Null = not implemented.
   */
  readonly implementedAt: number | null;
  /** Calendar time raised → deployed; null when not deployed (or the instants are unreadable). */
  readonly leadTimeMs: number | null;
  /** MET-36: the incidents this change caused (keys, sorted). */
  readonly causedIncidents: readonly string[];
  /** Awaiting approval now (see `awaitsApproval`). */
  readonly awaitingApproval: boolean;
}

function instant(iso: string | null | undefined): number | null {
  if (typeof iso !== 'string') return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}


/**
 * CHG-01: the profile's change type of a site's option. The setup wizard's aliases of this site first (e.g. a JSM
 * site's "Standard" → "Pre-approved"), then the profile's own names and FIELD_SPECS' aliases. Null: not set or unknown.
 */
export function changeTypeOf(value: string | null, siteAliases: Readonly<Record<string, string>> = {}): ChangeType | null {
  const type = profileChangeTypeOf(value, siteAliases);
  return type ? (type.toLowerCase() as ChangeType) : null;
}

const DEPLOYED_STATUS = /^(deployed|implemented)$/i;
const REJECTED_STATUS = /reject|declin/i;
const CANCELLED_STATUS = /cancel|withdr|won.?t do/i;
const AWAITING_APPROVAL_STATUS = /approval/i;

/** MET-36: a link that says the change causes the other issue ("causes"), never one saying it is caused by it. */
export function saysCauses(phrase: string): boolean {
  return /\bcaus(e|es|ed|ing)\b/i.test(phrase) && !/\bcaused by\b/i.test(phrase);
}

function outcomeOf(c: StoredChange): { outcome: ChangeReportOutcome; source: OutcomeSource } {
  const ev = c.evidence;
  if (ev?.review) return { outcome: ev.review.outcome, source: 'app' };
  const evaluations = (ev?.decisions ?? []).filter((d) => d.step === 'evaluate').sort((a, b) => (instant(a.at) ?? 0) - (instant(b.at) ?? 0));
  const latest = evaluations[evaluations.length - 1];
  if (latest?.decision === 'rejected') return { outcome: 'rejected', source: 'app' };
  if (c.statusCategory === 'done') {
    if (!latest && REJECTED_STATUS.test(c.statusName)) return { outcome: 'rejected', source: 'jira' };
    if (CANCELLED_STATUS.test(c.statusName)) return { outcome: 'cancelled', source: 'jira' };
    return { outcome: 'not-recorded', source: 'jira' };
  }
  return { outcome: 'in-progress', source: ev ? 'app' : 'jira' };
}

/**
 * RPT-17 backlog: an open change (not done) still waiting for its approval: its status is in Jira's "new" category
 * (e.g. Draft, Awaiting approval) or is named for an approval ("Awaiting CAB approval"); the app recorded no
 * evaluation decision of it (approved or rejected), no approval of another step, no deployment and no review; and it
 * is not pre-approved (D15: approved at creation by its template's designation).
 */
export function awaitsApproval(c: StoredChange, type: ChangeType): boolean {
  if (c.statusCategory === 'done' || type === 'pre-approved' || c.evidence?.fromTemplate) return false;
  if (c.statusCategory !== 'new' && !AWAITING_APPROVAL_STATUS.test(c.statusName)) return false;
  const ev = c.evidence;
  if (!ev) return true;
  return !ev.decisions.some((d) => d.step === 'evaluate' || d.decision === 'approved') && ev.deployedAt === null && ev.review === null;
}

/**
 * One change as the report reads it, or null when Jira's `created` is unreadable. `incidentCreatedAt` gives the
 * raising instant of linked incidents (by key), for MET-36's window.
 *
 * MET-36 (D22) "changes that caused incidents": a change caused an incident when
 * (a) it is linked to the incident with a link that says the change causes it (Jira's "Causes" link: the change
 *     "causes" the incident, the incident "is caused by" the change), or
 * (b) it is linked to the incident by any other link (e.g. "relates to") and the incident was raised after the change
 *     was implemented and within CAUSED_INCIDENT_WINDOW_MS (7 calendar days) of it — 004's "incidents linked to a
 *     release in the period immediately after deployment".
 * An incident raised before the change (the incident a fix or mitigation was raised for) never counts through (b),
 * and a link saying the change "is caused by" the incident never counts.
 */
export function changeRecordOf(c: StoredChange, options: { siteAliases?: Readonly<Record<string, string>>; incidentCreatedAt?: ReadonlyMap<string, number> } = {}): ReportChange | null {
  const createdAt = instant(c.createdAt);
  if (createdAt === null) return null;
  const known = changeTypeOf(c.changeTypeValue, options.siteAliases);
  const type = known ?? 'normal';
  const { outcome, source } = outcomeOf(c);
  const history = c.statusHistory
    .map((h) => ({ at: instant(h.at), to: h.to }))
    .filter((h): h is { at: number; to: string } => h.at !== null)
    .sort((a, b) => a.at - b.at);
  const deployedAt = instant(c.evidence?.deployedAt) ?? history.find((h) => DEPLOYED_STATUS.test(h.to.trim()))?.at ?? null;
  const completed = outcome === 'successful' || outcome === 'failed' || outcome === 'backed-out' || outcome === 'not-recorded';
  const implementedAt = deployedAt ?? instant(c.evidence?.review?.at) ?? (completed ? instant(c.resolvedAt) : null);
  const leadTimeMs = deployedAt !== null && deployedAt >= createdAt ? deployedAt - createdAt : null;
  const caused = new Set<string>();
  for (const link of c.links) {
    if (!link.otherIsIncident || /\bcaused by\b/i.test(link.phrase)) continue;
    if (saysCauses(link.phrase)) { caused.add(link.otherKey); continue; }
    const raised = options.incidentCreatedAt?.get(link.otherKey);
    if (implementedAt !== null && raised !== undefined && raised >= implementedAt && raised < implementedAt + CAUSED_INCIDENT_WINDOW_MS) caused.add(link.otherKey);
  }
  return {
    key: c.key, summary: c.summary, type, typeKnown: known !== null, statusName: c.statusName, statusCategory: c.statusCategory,
    outcome, outcomeSource: source, createdAt, deployedAt, implementedAt, leadTimeMs,
    causedIncidents: [...caused].sort(compareKeys), awaitingApproval: awaitsApproval(c, type),
  };
}

/** Whether MET-36's window needs the raising instant of a link's other issue: an incident linked other than by "causes" / "is caused by". */
export function needsIncidentDate(link: Pick<StoredChangeLink, 'phrase' | 'otherIsIncident'>): boolean {
  return link.otherIsIncident && !saysCauses(link.phrase) && !/\bcaused by\b/i.test(link.phrase);
}

// ---------------------------------------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------------------------------------

/** The change types in the order the reports list them. */
export const REPORT_CHANGE_TYPES: readonly ChangeType[] = ['normal', 'emergency', 'pre-approved'];

export interface ChangeFigures {
  /** Changes raised in the period (RPT-17). */
  readonly raised: number;
  /** Where the changes raised in the period stand now. */
  readonly outcomes: Readonly<Record<ChangeReportOutcome, number>>;
  /** RPT-17 % rejected: rejected ÷ raised in the period. */
  readonly rejected: Ratio;
  /** Changes implemented in the period. */
  readonly implemented: number;
  /** Implemented in the period, no review recorded (in progress after deployment, or completed without one). */
  readonly awaitingOutcome: number;
  /** successful ÷ implemented in the period with a recorded outcome (successful, failed, backed out). */
  readonly successRate: Ratio;
  /** MET-35: (failed + backed out) ÷ the same. */
  readonly failedRate: Ratio;
  /** Lead time (calendar) of the changes deployed in the period. */
  readonly leadTime: DurationStats;
  /** MET-36: implemented changes of the period that caused at least one incident ÷ changes implemented in the period. */
  readonly causedIncidents: Ratio;
}

export interface ChangeTypeFigures extends ChangeFigures {
  readonly type: ChangeType;
}

export interface ChangeRow {
  readonly key: string;
  readonly summary: string;
  readonly type: ChangeType;
  readonly typeKnown: boolean;
  readonly status: string;
  readonly outcome: ChangeReportOutcome;
  readonly outcomeSource: OutcomeSource;
  readonly createdAt: number;
  readonly deployedAt: number | null;
  readonly leadTimeMs: number | null;
  readonly causedIncidents: readonly string[];
}

export interface BacklogRow {
  readonly key: string;
  readonly summary: string;
  readonly type: ChangeType;
  readonly status: string;
  readonly createdAt: number;
  /** now − raised. */
  readonly ageMs: number;
}

export interface ChangeReport {
  readonly period: Period;
  readonly timeZone: string;
  /** Every figure over all types, plus CHG-09 emergency share of the changes raised in the period. */
  readonly overall: ChangeFigures & { readonly emergencyShare: Ratio };
  /** The same figures per change type (Normal, Emergency, Pre-approved; always all three). */
  readonly byType: readonly ChangeTypeFigures[];
  /** Changes raised in the period whose change type is not set or unknown, counted as Normal (CHG-04). */
  readonly typeNotSet: number;
  /** Changes raised, implemented or reviewed in the period, oldest first. */
  readonly rows: readonly ChangeRow[];
  /** RPT-17 backlog awaiting approval at `asOf`, oldest first. */
  readonly backlog: { readonly asOf: number; readonly count: number; readonly age: DurationStats; readonly rows: readonly BacklogRow[] };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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

const emptyOutcomes = (): Record<ChangeReportOutcome, number> => ({ successful: 0, failed: 0, 'backed-out': 0, rejected: 0, cancelled: 0, 'not-recorded': 0, 'in-progress': 0 });

function metricRecord(c: ReportChange): ChangeMetricRecord {
  const reviewed = c.outcome === 'successful' || c.outcome === 'failed' || c.outcome === 'backed-out';
  return { id: c.key, type: c.type, createdAt: c.createdAt, deployedAt: c.implementedAt, outcome: reviewed ? c.outcome as ChangeOutcome : null };
}

function figures(changes: readonly ReportChange[], period: Period): ChangeFigures {
  const m = changeMetrics(changes.map(metricRecord), period);
  const raised = changes.filter((c) => inPeriod(c.createdAt, period));
  const outcomes = emptyOutcomes();
  for (const c of raised) outcomes[c.outcome] += 1;
  const implemented = changes.filter((c) => inPeriod(c.implementedAt, period));
  const deployed = changes.filter((c) => inPeriod(c.deployedAt, period));
  const leadTimes = deployed.map((c) => c.leadTimeMs).filter((ms): ms is number => ms !== null);
  return {
    raised: m.created,
    outcomes,
    rejected: ratio(outcomes.rejected, raised.length),
    implemented: m.implemented,
    awaitingOutcome: m.awaitingOutcome,
    successRate: m.successRate,
    failedRate: m.failedRate,
    leadTime: durationStats(leadTimes, deployed.length - leadTimes.length),
    causedIncidents: ratio(implemented.filter((c) => c.causedIncidents.length > 0).length, implemented.length),
  };
}

/** The change report of a period (figures over all types and per type, the rows, the backlog at `now`). */
export function changeReport(changes: readonly ReportChange[], options: { period: Period; timeZone?: string; now: number }): ChangeReport {
  const { period, now } = options;
  const overall = figures(changes, period); // also checks the period (changeMetrics)
  const emergencyShare = changeMetrics(changes.map(metricRecord), period).emergencyRatio;
  const byType = REPORT_CHANGE_TYPES.map((type) => ({ type, ...figures(changes.filter((c) => c.type === type), period) }));
  const rows = changes
    .filter((c) => inPeriod(c.createdAt, period) || inPeriod(c.implementedAt, period) || inPeriod(c.deployedAt, period))
    .sort((a, b) => a.createdAt - b.createdAt || compareKeys(a.key, b.key))
    .map((c): ChangeRow => ({
      key: c.key, summary: c.summary, type: c.type, typeKnown: c.typeKnown, status: c.statusName, outcome: c.outcome, outcomeSource: c.outcomeSource,
      createdAt: c.createdAt, deployedAt: c.deployedAt, leadTimeMs: c.leadTimeMs, causedIncidents: c.causedIncidents,
    }));
  const backlogRows = changes
    .filter((c) => c.awaitingApproval && c.createdAt <= now)
    .sort((a, b) => a.createdAt - b.createdAt || compareKeys(a.key, b.key))
    .map((c): BacklogRow => ({ key: c.key, summary: c.summary, type: c.type, status: c.statusName, createdAt: c.createdAt, ageMs: now - c.createdAt }));
  return {
    period,
    timeZone: options.timeZone ?? 'UTC',
    overall: { ...overall, emergencyShare },
    byType,
    typeNotSet: changes.filter((c) => inPeriod(c.createdAt, period) && !c.typeKnown).length,
    rows,
    backlog: { asOf: now, count: backlogRows.length, age: durationStats(backlogRows.map((r) => r.ageMs)), rows: backlogRows },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Words and CSV (RFC 4180, guarded against formula injection by csvText)
// ---------------------------------------------------------------------------------------------------------

export const CHANGE_TYPE_WORDS: Readonly<Record<ChangeType, string>> = { normal: 'Normal', emergency: 'Emergency', 'pre-approved': 'Pre-approved' };
export const CHANGE_OUTCOME_WORDS: Readonly<Record<ChangeReportOutcome, string>> = {
  successful: 'Successful', failed: 'Failed', 'backed-out': 'Backed out', rejected: 'Rejected', cancelled: 'Cancelled',
  'not-recorded': 'Completed, outcome not recorded', 'in-progress': 'In progress',
};

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const iso = (t: number | null): string => (t === null ? '' : new Date(t).toISOString());
const hoursOf = (ms: number | null): number | null => (ms === null ? null : ms / HOUR_MS);

export const CHANGE_CSV_HEADER = ['key', 'summary', 'type', 'status', 'outcome', 'outcome from', 'raised', 'deployed', 'lead time (calendar h)', 'incidents caused'] as const;
export const CHANGE_SUMMARY_CSV_HEADER = ['metric', 'group', 'value', 'unit', 'numerator', 'denominator'] as const;

/** The per-change CSV: the rows of the report, then the backlog awaiting approval (its own header). */
export function changeRowsCsv(report: Pick<ChangeReport, 'rows'>): string {
  return csvText([
    [...CHANGE_CSV_HEADER],
    ...report.rows.map((r): CsvValue[] => [
      r.key, r.summary, r.typeKnown ? CHANGE_TYPE_WORDS[r.type] : `${CHANGE_TYPE_WORDS[r.type]} (type not set)`, r.status, CHANGE_OUTCOME_WORDS[r.outcome],
      r.outcomeSource === 'app' ? 'app record' : 'Jira status', iso(r.createdAt), iso(r.deployedAt), hoursOf(r.leadTimeMs), r.causedIncidents.join('; '),
    ]),
  ]);
}

function ratioRow(metric: string, group: string, r: Ratio): CsvValue[] {
  return [metric, group, r.percent, '%', r.numerator, r.denominator];
}

function figureRows(f: ChangeFigures, group: string): CsvValue[][] {
  return [
    ['Changes raised', group, f.raised, 'changes', null, null],
    ...CHANGE_REPORT_OUTCOMES.map((o): CsvValue[] => [`Raised, now ${CHANGE_OUTCOME_WORDS[o].toLowerCase()}`, group, f.outcomes[o], 'changes', null, null]),
    ratioRow('Rejected share', group, f.rejected),
    ['Changes implemented', group, f.implemented, 'changes', null, null],
    ['Implemented, outcome not recorded yet', group, f.awaitingOutcome, 'changes', null, null],
    ratioRow('Success rate', group, f.successRate),
    ratioRow('Failed or backed out', group, f.failedRate),
    ['Lead time mean', group, hoursOf(f.leadTime.meanMs), 'calendar h', null, f.leadTime.count],
    ['Lead time median', group, hoursOf(f.leadTime.medianMs), 'calendar h', null, f.leadTime.count],
    ratioRow('Changes that caused incidents', group, f.causedIncidents),
  ];
}

/**
 * The summary CSV, one figure per row (`metric, group, value, unit, numerator, denominator`): the period (the
 * service's local days, end inclusive), the figures over all types and per type, and the backlog. Lead times in
 * calendar hours, their denominator the number of changes averaged; ratios in % with numerator and denominator.
 */
export function changeReportCsv(report: ChangeReport): string {
  const zone = report.timeZone;
  const rows: CsvValue[][] = [[...CHANGE_SUMMARY_CSV_HEADER]];
  rows.push(['Period start', '', localDay(zone, report.period.from), `date (${zone})`, null, null]);
  rows.push(['Period end (inclusive)', '', localDay(zone, Math.max(report.period.from, report.period.to - 1)), `date (${zone})`, null, null]);
  rows.push(...figureRows(report.overall, 'all'));
  rows.push(ratioRow('Emergency share', 'all', report.overall.emergencyShare));
  rows.push(['Type not set (counted as Normal)', 'all', report.typeNotSet, 'changes', null, null]);
  for (const t of report.byType) rows.push(...figureRows(t, CHANGE_TYPE_WORDS[t.type]));
  rows.push(['Awaiting approval', `as of ${iso(report.backlog.asOf)}`, report.backlog.count, 'changes', null, null]);
  rows.push(['Awaiting approval, mean age', '', report.backlog.age.meanMs === null ? null : report.backlog.age.meanMs / DAY_MS, 'calendar days', null, report.backlog.age.count]);
  rows.push(['Awaiting approval, oldest', '', report.backlog.age.maxMs === null ? null : report.backlog.age.maxMs / DAY_MS, 'calendar days', null, report.backlog.age.count]);
  for (const b of report.backlog.rows) rows.push(['Awaiting approval', b.key, b.ageMs / DAY_MS, 'calendar days', null, null]);
  return csvText(rows);
}
