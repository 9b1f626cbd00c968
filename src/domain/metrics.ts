/**
 * Service metrics (REQUIREMENTS §7.1, MET-01..MET-41) computed from flat records, per D22: the formulas are the
 * "(derived)" ones of §7.1, and MTTR counts business time on the agreement's calendar, excluding pauses.
 *
 * Pure and deterministic: no clock, no I/O. The reporting period and the bucketing function are parameters, so
 * time zones stay outside the domain. Nothing is rounded here (the UI rounds); an average or a percentage over
 * an empty set is `null`, never NaN.
 *
 * Which period an incident or change counts in (one rule for every metric, so reports agree with each other):
 * - a metric about a *duration or an outcome* counts the record in the period in which the measured interval
 *   ended: MTTR, SLA attainment and CSAT by `resolvedAt`; first response by `firstResponseAt`; change success
 *   and failure by `deployedAt`;
 * - a metric about *arrivals* counts the record in the period in which it was opened/created: incident volume,
 *   escalation rate (a cohort: escalations that happen later still count for the period the incident opened
 *   in), emergency change ratio.
 * Periods are half-open: `from <= t < to` (epoch ms).
 *
 * The records are flat on purpose: the SLA replay (D10, `src/domain/sla/`) and the Jira readers map onto them;
 * this module imports neither.
 */

// ---------------------------------------------------------------------------------------------------------
// Input records
// ---------------------------------------------------------------------------------------------------------

export type TargetKind = 'first-response' | 'resolution';
export const TARGET_KINDS: readonly TargetKind[] = ['first-response', 'resolution'];

/**
 * One SLA target of one cycle (D10: every resolution cycle keeps its own target). `met: null` = still running and
 * not yet breached; a running clock past its target is `met: false` (a breach is a breach whether or not it runs on).
 */
export interface TargetOutcome {
  readonly kind: TargetKind;
  readonly met: boolean | null;
}

/** One incident (WP.18), as the metrics need it. */
export interface IncidentMetricRecord {
  readonly id: string;
  readonly priority: string;
  readonly service?: string;
  readonly customer?: string;
  readonly category?: string;
  readonly ci?: string;
  /** Epoch ms. */
  readonly openedAt: number;
  /** End of the last resolution cycle (resolved/restored); null while the incident is open (also after a reopen). */
  readonly resolvedAt: number | null;
  /** D22: business time on the agreement's calendar, pauses excluded, summed over all resolution cycles. */
  readonly resolutionBusinessMs: number | null;
  /** D11: first agent response. */
  readonly firstResponseAt: number | null;
  /** Business time from opening to the first response, pauses excluded. */
  readonly firstResponseBusinessMs: number | null;
  /** Every target of every cycle; an empty list = the incident is not under an agreement. */
  readonly targets: readonly TargetOutcome[];
  /** D14 / INC-12: escalated to management at least once. */
  readonly escalated: boolean;
  /**
   * MET-15 survey score 1..5. `undefined` = no survey was sent; `null` = surveyed, no answer. The difference
   * feeds the response rate (BRM-05: surveys must be representative).
   */
  readonly csat?: number | null;
}

export type ChangeType = 'pre-approved' | 'emergency' | 'normal';
export const CHANGE_TYPES: readonly ChangeType[] = ['pre-approved', 'emergency', 'normal'];
export type ChangeOutcome = 'successful' | 'failed' | 'backed-out';

/** One service change request (WP.14 / §4.1), as the metrics need it. */
export interface ChangeMetricRecord {
  readonly id: string;
  readonly type: ChangeType;
  readonly createdAt: number;
  /** When the deployment was carried out (also when it then failed or was backed out); null = not implemented. */
  readonly deployedAt: number | null;
  /** null = implemented, outcome not yet recorded (e.g. review pending). */
  readonly outcome: ChangeOutcome | null;
  readonly service?: string;
}

// ---------------------------------------------------------------------------------------------------------
// Periods, filters, shared result shapes
// ---------------------------------------------------------------------------------------------------------

/** Half-open reporting period `[from, to)`, epoch ms. */
export interface Period {
  readonly from: number;
  readonly to: number;
}

/** One value or a list of accepted values. `undefined` or an empty list = no restriction. Matching is exact. */
export type FilterValue = string | readonly string[];

/** §7 "filterable by service, customer, priority, period and (where applicable) CI". */
export interface IncidentFilter {
  readonly priority?: FilterValue;
  readonly service?: FilterValue;
  readonly customer?: FilterValue;
  readonly category?: FilterValue;
  readonly ci?: FilterValue;
}

export interface ChangeFilter {
  readonly service?: FilterValue;
}

/** numerator ÷ denominator × 100; `percent` is null when the denominator is 0. */
export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
  readonly percent: number | null;
}

export interface DurationStats {
  /** Samples averaged. */
  readonly count: number;
  /** Records in the population whose duration is missing or invalid (null, negative, not finite): left out, not hidden. */
  readonly excluded: number;
  readonly meanMs: number | null;
  /** Middle value; with an even count, the mean of the two middle values. */
  readonly medianMs: number | null;
  readonly minMs: number | null;
  readonly maxMs: number | null;
}

export function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, percent: denominator === 0 ? null : (numerator * 100) / denominator };
}

export function inPeriod(instant: number | null | undefined, period: Period): boolean {
  return typeof instant === 'number' && instant >= period.from && instant < period.to;
}

function assertPeriod(period: Period): void {
  if (!Number.isFinite(period.from) || !Number.isFinite(period.to) || period.from > period.to) {
    throw new RangeError(`Invalid reporting period [${period.from}, ${period.to}): from and to must be finite and from <= to.`);
  }
}

function accepts(filter: FilterValue | undefined, value: string | undefined): boolean {
  if (filter === undefined) return true;
  if (typeof filter === 'string') return value === filter;
  if (filter.length === 0) return true;
  return value !== undefined && filter.includes(value);
}

export function matchesIncidentFilter(incident: IncidentMetricRecord, filter: IncidentFilter = {}): boolean {
  return accepts(filter.priority, incident.priority)
    && accepts(filter.service, incident.service)
    && accepts(filter.customer, incident.customer)
    && accepts(filter.category, incident.category)
    && accepts(filter.ci, incident.ci);
}

export function matchesChangeFilter(change: ChangeMetricRecord, filter: ChangeFilter = {}): boolean {
  return accepts(filter.service, change.service);
}

function isDuration(ms: number | null | undefined): ms is number {
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Mean, median, min, max of durations. Values are summed in ascending order so the result does not depend on
 * the input order; the mean is clamped to [min, max] against floating-point drift (mathematically it lies there).
 */
export function durationStats(values: readonly number[], excluded = 0): DurationStats {
  if (values.length === 0) return { count: 0, excluded, meanMs: null, medianMs: null, minMs: null, maxMs: null };
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const min = sorted[0] as number;
  const max = sorted[n - 1] as number;
  let sum = 0;
  for (const v of sorted) sum += v;
  const mean = Math.min(max, Math.max(min, sum / n));
  const mid = Math.floor(n / 2);
  const median = n % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { count: n, excluded, meanMs: mean, medianMs: median, minMs: min, maxMs: max };
}

function select(incidents: readonly IncidentMetricRecord[], period: Period, filter: IncidentFilter | undefined, at: (i: IncidentMetricRecord) => number | null): IncidentMetricRecord[] {
  assertPeriod(period);
  return incidents.filter((i) => matchesIncidentFilter(i, filter) && inPeriod(at(i), period));
}

// ---------------------------------------------------------------------------------------------------------
// MET-04 MTTR
// ---------------------------------------------------------------------------------------------------------

/**
 * MET-04 + D22 Mean time to resolve: mean (and median) of `resolutionBusinessMs` over the incidents **resolved**
 * in the period (`resolvedAt` in the period). D22 replaces MET-04's wall-clock "resolved − opened" with business
 * time on the agreement's calendar, pauses excluded, summed over resolution cycles.
 */
export function meanTimeToResolve(incidents: readonly IncidentMetricRecord[], period: Period, filter?: IncidentFilter): DurationStats {
  const resolved = select(incidents, period, filter, (i) => i.resolvedAt);
  const values = resolved.map((i) => i.resolutionBusinessMs).filter(isDuration);
  return durationStats(values, resolved.length - values.length);
}

// ---------------------------------------------------------------------------------------------------------
// MET-05 First response time
// ---------------------------------------------------------------------------------------------------------

export interface FirstResponseStats extends DurationStats {
  /** First-response targets met ÷ first-response targets decided, over the same incidents. */
  readonly withinTarget: Ratio;
}

/**
 * MET-05 (+ MET-03 "% within target", D22) First response time: mean/median of `firstResponseBusinessMs` over the
 * incidents whose first response (D11) happened in the period; `withinTarget` = their first-response targets
 * met ÷ their first-response targets decided (an incident without an agreement has no target and is left out
 * of that ratio, not of the mean).
 */
export function firstResponseTime(incidents: readonly IncidentMetricRecord[], period: Period, filter?: IncidentFilter): FirstResponseStats {
  const responded = select(incidents, period, filter, (i) => i.firstResponseAt);
  const values = responded.map((i) => i.firstResponseBusinessMs).filter(isDuration);
  let met = 0;
  let decided = 0;
  for (const i of responded) {
    for (const t of i.targets) {
      if (t.kind !== 'first-response' || t.met === null) continue;
      decided += 1;
      if (t.met) met += 1;
    }
  }
  return { ...durationStats(values, responded.length - values.length), withinTarget: ratio(met, decided) };
}

// ---------------------------------------------------------------------------------------------------------
// MET-01 SLA attainment
// ---------------------------------------------------------------------------------------------------------

export interface AttainmentCell {
  /** MET-01: items that met all their targets ÷ items whose outcome is decided (all targets decided, or one missed). */
  readonly items: Ratio;
  /** Per target kind: targets met ÷ targets decided (every cycle's target counts). */
  readonly byKind: Readonly<Record<TargetKind, Ratio>>;
  /** Items resolved in the period with a target still running (`met: null`) and none missed: left out of `items`. */
  readonly undecided: number;
}

export interface SlaAttainment extends AttainmentCell {
  /** One cell per priority present in the population, in code-unit order of the priority name. */
  readonly byPriority: ReadonlyArray<{ readonly priority: string } & AttainmentCell>;
}

function attainmentCell(items: readonly IncidentMetricRecord[]): AttainmentCell {
  let metAll = 0;
  let withTargets = 0;
  let undecided = 0;
  const kinds: Record<TargetKind, { met: number; decided: number }> = {
    'first-response': { met: 0, decided: 0 },
    resolution: { met: 0, decided: 0 },
  };
  for (const i of items) {
    if (i.targets.length === 0) continue;
    for (const t of i.targets) {
      if (t.met === null) continue;
      kinds[t.kind].decided += 1;
      if (t.met) kinds[t.kind].met += 1;
    }
    // A missed target decides the item (it did not meet all its targets), whether or not another still runs.
    const missed = i.targets.some((t) => t.met === false);
    if (!missed && i.targets.some((t) => t.met === null)) {
      undecided += 1;
      continue;
    }
    withTargets += 1;
    if (!missed) metAll += 1;
  }
  return {
    items: ratio(metAll, withTargets),
    byKind: {
      'first-response': ratio(kinds['first-response'].met, kinds['first-response'].decided),
      resolution: ratio(kinds.resolution.met, kinds.resolution.decided),
    },
    undecided,
  };
}

/**
 * MET-01 (D22) SLA attainment %: incidents that met **all** their SLA targets (first response and every
 * resolution cycle) ÷ incidents with targets that closed in the period × 100, overall and per priority; "closed"
 * = `resolvedAt` in the period (the end of the last resolution cycle, when the resolution target is decided).
 * Incidents without targets (no agreement) are outside both numerator and denominator. Also per target kind:
 * targets met ÷ targets decided.
 */
export function slaAttainment(incidents: readonly IncidentMetricRecord[], period: Period, filter?: IncidentFilter): SlaAttainment {
  const closed = select(incidents, period, filter, (i) => i.resolvedAt);
  const priorities = [...new Set(closed.filter((i) => i.targets.length > 0).map((i) => i.priority))].sort(compareStrings);
  return {
    ...attainmentCell(closed),
    byPriority: priorities.map((priority) => ({ priority, ...attainmentCell(closed.filter((i) => i.priority === priority)) })),
  };
}

// ---------------------------------------------------------------------------------------------------------
// MET-07 Escalation rate
// ---------------------------------------------------------------------------------------------------------

export interface EscalationRate {
  /** Escalated ÷ opened in the period. */
  readonly overall: Ratio;
  /** Per priority present among the opened incidents (004 App D "types of escalated calls"), code-unit order. */
  readonly byPriority: ReadonlyArray<{ readonly priority: string; readonly rate: Ratio }>;
}

/**
 * MET-07 (D22) Escalation rate: incidents escalated to management (INC-12, D14) ÷ incidents opened in the
 * period × 100. Cohort by opening: an incident opened in the period and escalated later still counts here.
 */
export function escalationRate(incidents: readonly IncidentMetricRecord[], period: Period, filter?: IncidentFilter): EscalationRate {
  const opened = select(incidents, period, filter, (i) => i.openedAt);
  const rateOf = (set: readonly IncidentMetricRecord[]): Ratio => ratio(set.filter((i) => i.escalated).length, set.length);
  const priorities = [...new Set(opened.map((i) => i.priority))].sort(compareStrings);
  return {
    overall: rateOf(opened),
    byPriority: priorities.map((priority) => ({ priority, rate: rateOf(opened.filter((i) => i.priority === priority)) })),
  };
}

// ---------------------------------------------------------------------------------------------------------
// MET-06 Incident volume
// ---------------------------------------------------------------------------------------------------------

/** Maps an instant to the key of its bucket (day, week, month…) in whatever time zone the caller chose. */
export type BucketOf = (instant: number) => string;

/** A count per value of a dimension; `key: null` = the field is not set on the record. */
export interface KeyCount {
  readonly key: string | null;
  readonly count: number;
}

export interface VolumeBreakdown {
  readonly count: number;
  readonly byPriority: readonly KeyCount[];
  readonly byService: readonly KeyCount[];
  readonly byCategory: readonly KeyCount[];
  readonly byCi: readonly KeyCount[];
}

export interface IncidentVolume extends VolumeBreakdown {
  /** One entry per bucket, each with the same breakdowns, for trend lines. */
  readonly buckets: ReadonlyArray<{ readonly bucket: string } & VolumeBreakdown>;
}

export interface IncidentVolumeOptions {
  /** Default `utcDay`. */
  readonly bucketOf?: BucketOf;
  /**
   * The buckets to list, in this order, including empty ones (e.g. `bucketsInPeriod(period, bucketOf)`). Buckets
   * that hold incidents but are not in the list are appended in code-unit order. Without the list, only
   * non-empty buckets appear, in code-unit order of their keys (the UTC helpers' keys sort chronologically).
   */
  readonly bucketKeys?: readonly string[];
  readonly filter?: IncidentFilter;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** UTC calendar day, `YYYY-MM-DD`. */
export function utcDay(instant: number): string {
  const d = new Date(instant);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** UTC month, `YYYY-MM`. */
export function utcMonth(instant: number): string {
  const d = new Date(instant);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}`;
}

/** ISO 8601 week in UTC, `GGGG-Www` (week-numbering year; weeks start on Monday; week 1 holds the first Thursday). */
export function utcIsoWeek(instant: number): string {
  const dayStart = Math.floor(instant / DAY_MS) * DAY_MS;
  const weekday = (new Date(dayStart).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(dayStart + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const ordinal = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS) + 1;
  return `${pad(year, 4)}-W${pad(Math.floor((ordinal - 1) / 7) + 1, 2)}`;
}

/**
 * The distinct bucket keys that intersect the period, in chronological order, for zero-filled trend lines.
 * Samples `from`, every `stepMs` after it, and `to − 1`; correct for contiguous buckets at least `stepMs` long
 * (the default, one hour, suits local days, weeks and months in any time zone, DST included).
 */
export function bucketsInPeriod(period: Period, bucketOf: BucketOf, stepMs: number = HOUR_MS): string[] {
  assertPeriod(period);
  if (!(Number.isFinite(stepMs) && stepMs > 0)) throw new RangeError(`stepMs must be a positive finite number, got ${stepMs}.`);
  const keys: string[] = [];
  const seen = new Set<string>();
  const add = (t: number): void => {
    const k = bucketOf(t);
    if (!seen.has(k)) {
      seen.add(k);
      keys.push(k);
    }
  };
  if (period.from === period.to) return keys;
  for (let t = period.from; t < period.to; t += stepMs) add(t);
  add(period.to - 1);
  return keys;
}

function countBy(items: readonly IncidentMetricRecord[], key: (i: IncidentMetricRecord) => string | undefined): KeyCount[] {
  const counts = new Map<string | null, number>();
  for (const i of items) {
    const k = key(i) ?? null;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([k, count]) => ({ key: k, count }))
    .sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : compareStrings(a.key, b.key)));
}

function breakdown(items: readonly IncidentMetricRecord[]): VolumeBreakdown {
  return {
    count: items.length,
    byPriority: countBy(items, (i) => i.priority),
    byService: countBy(items, (i) => i.service),
    byCategory: countBy(items, (i) => i.category),
    byCi: countBy(items, (i) => i.ci),
  };
}

/**
 * MET-06 (D22) Incident volume: count of incidents **opened** in the period, per bucket (`bucketOf(openedAt)`)
 * and by priority, service, category and CI (004 App D "profile throughout day, week, month, year").
 * Breakdown lists are in code-unit order of the key, unset (`null`) last.
 */
export function incidentVolume(incidents: readonly IncidentMetricRecord[], period: Period, options: IncidentVolumeOptions = {}): IncidentVolume {
  const bucketOf = options.bucketOf ?? utcDay;
  const opened = select(incidents, period, options.filter, (i) => i.openedAt);
  const groups = new Map<string, IncidentMetricRecord[]>();
  for (const i of opened) {
    const b = bucketOf(i.openedAt);
    const group = groups.get(b);
    if (group) group.push(i);
    else groups.set(b, [i]);
  }
  const listed = [...new Set(options.bucketKeys ?? [])];
  const listedSet = new Set(listed);
  const extra = [...groups.keys()].filter((k) => !listedSet.has(k)).sort(compareStrings);
  return {
    ...breakdown(opened),
    buckets: [...listed, ...extra].map((bucket) => ({ bucket, ...breakdown(groups.get(bucket) ?? []) })),
  };
}

// ---------------------------------------------------------------------------------------------------------
// MET-15 Customer satisfaction
// ---------------------------------------------------------------------------------------------------------

export type CsatScore = 1 | 2 | 3 | 4 | 5;
export const CSAT_SCORES: readonly CsatScore[] = [1, 2, 3, 4, 5];
/**
 * MET-15 "satisfied response": a score of 4 or 5 on the 1..5 scale (the usual top-two-box CSAT convention;
 * §7.1 names "satisfied responses" without defining them, so this is the product's definition under D22).
 */
export const CSAT_SATISFIED_MIN: CsatScore = 4;

export interface CsatStats {
  /** Incidents resolved in the period (after the filter). */
  readonly resolved: number;
  /** Of those, surveyed (`csat` not undefined). */
  readonly surveyed: number;
  /** Answers ÷ surveyed (BRM-05: is the survey representative?). */
  readonly responseRate: Ratio;
  /** Answers that are not an integer 1..5: left out of every figure below. */
  readonly invalid: number;
  /** Mean score over the valid answers; null without answers. */
  readonly meanScore: number | null;
  readonly distribution: Readonly<Record<CsatScore, number>>;
  /** Satisfied answers (score ≥ CSAT_SATISFIED_MIN) ÷ valid answers. */
  readonly satisfied: Ratio;
}

function isCsatScore(score: number): score is CsatScore {
  return Number.isInteger(score) && score >= 1 && score <= 5;
}

/**
 * MET-15 (D22) Customer satisfaction over the incidents **resolved** in the period that have a survey answer:
 * satisfied responses ÷ survey responses × 100 (satisfied = 4–5, see CSAT_SATISFIED_MIN), the mean score, and
 * the distribution over 1..5.
 */
export function customerSatisfaction(incidents: readonly IncidentMetricRecord[], period: Period, filter?: IncidentFilter): CsatStats {
  const resolved = select(incidents, period, filter, (i) => i.resolvedAt);
  const surveyed = resolved.filter((i) => i.csat !== undefined);
  const answers = surveyed.map((i) => i.csat).filter((s): s is number => typeof s === 'number');
  const valid = answers.filter(isCsatScore);
  const distribution: Record<CsatScore, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  let sum = 0;
  for (const s of valid) {
    distribution[s] += 1;
    sum += s;
  }
  return {
    resolved: resolved.length,
    surveyed: surveyed.length,
    responseRate: ratio(answers.length, surveyed.length),
    invalid: answers.length - valid.length,
    meanScore: valid.length === 0 ? null : sum / valid.length,
    distribution,
    satisfied: ratio(valid.filter((s) => s >= CSAT_SATISFIED_MIN).length, valid.length),
  };
}

// ---------------------------------------------------------------------------------------------------------
// MET-35 (and RPT-17) Changes
// ---------------------------------------------------------------------------------------------------------

export interface ChangeMetrics {
  /** Changes created in the period, per type (RPT-17 "number of change requests"). */
  readonly created: number;
  readonly createdByType: Readonly<Record<ChangeType, number>>;
  /** RPT-17 "% emergency": emergency ÷ created in the period. */
  readonly emergencyRatio: Ratio;
  /** Changes implemented (deployed) in the period. */
  readonly implemented: number;
  /** Implemented in the period, outcome not yet recorded: outside the two rates below. */
  readonly awaitingOutcome: number;
  readonly outcomes: Readonly<Record<ChangeOutcome, number>>;
  /** Successful ÷ implemented with a recorded outcome. */
  readonly successRate: Ratio;
  /** MET-35: (failed + backed-out) ÷ implemented with a recorded outcome. successRate + failedRate = 100%. */
  readonly failedRate: Ratio;
}

/**
 * MET-35 (D22) Rate of failed changes / changes backed out: (failed + backed-out) ÷ implemented × 100, where
 * implemented = `deployedAt` in the period and only changes with a recorded outcome are in the denominator (an
 * unassessed deployment is reported as `awaitingOutcome`, not silently counted as a success). Change success rate
 * is the complement. Emergency change ratio (RPT-17): emergency ÷ changes created in the period.
 */
export function changeMetrics(changes: readonly ChangeMetricRecord[], period: Period, filter?: ChangeFilter): ChangeMetrics {
  assertPeriod(period);
  const mine = changes.filter((c) => matchesChangeFilter(c, filter));
  const created = mine.filter((c) => inPeriod(c.createdAt, period));
  const createdByType: Record<ChangeType, number> = { 'pre-approved': 0, emergency: 0, normal: 0 };
  for (const c of created) createdByType[c.type] += 1;
  const implemented = mine.filter((c) => inPeriod(c.deployedAt, period));
  const outcomes: Record<ChangeOutcome, number> = { successful: 0, failed: 0, 'backed-out': 0 };
  let awaitingOutcome = 0;
  for (const c of implemented) {
    if (c.outcome === null) awaitingOutcome += 1;
    else outcomes[c.outcome] += 1;
  }
  const assessed = implemented.length - awaitingOutcome;
  return {
    created: created.length,
    createdByType,
    emergencyRatio: ratio(createdByType.emergency, created.length),
    implemented: implemented.length,
    awaitingOutcome,
    outcomes,
    successRate: ratio(outcomes.successful, assessed),
    failedRate: ratio(outcomes.failed + outcomes['backed-out'], assessed),
  };
}
