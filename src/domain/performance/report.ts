/**
 * The service performance report's figures (WP.19 "performance for the period"; RE.2.4; MET-26; D19, D22): for one
 * agreement (or all) and a period of local days in the agreement's zone. Pure: the caller passes the contributions
 * (src/domain/performance/aggregates.ts), the agreement's approved version, the changes, the feedback figures and the
 * D19 conflicts; time is a parameter.
 */
import type { Contribution, CycleOutcome } from './aggregates';

/** Structurally the feedback helper's `FeedbackFigures` (src/domain/feedback/figures.ts), kept local until merged. */
export interface FeedbackFiguresInput {
  ratings: { count: number; average: number | null; byScore: Record<1 | 2 | 3 | 4 | 5, number> };
  complaints: { received: number; open: number };
  compliments: number;
  comments: number;
}

/** A D19 conflict as the agreements helper reports it, in words (the reports only show it). */
export interface ConflictInput { summary: string; agreements: string[] }

/** What the change evidence (src/store/change-records.ts) says about one change, as the report needs it. */
export interface ChangeOutcomeInput {
  issueKey: string;
  /** When the change reached its outcome (deployed, reviewed or rejected), epoch ms; null: still in progress. */
  at: number | null;
  outcome: 'deployed' | 'failed' | 'backed-out' | 'rejected' | 'in-progress';
  emergency: boolean;
}

export interface ReportPeriod {
  /** Local days, both included (YYYY-MM-DD), in `timeZone`. */
  fromDay: string;
  toDay: string;
  timeZone: string;
  /** The half-open instant range of those days. */
  from: number;
  to: number;
}

export interface AttainmentRow {
  priority: string;
  metric: 'firstResponse' | 'resolution';
  /** The agreement's target in minutes (null: several agreements or none names one). */
  targetMinutes: number | null;
  met: number;
  breached: number;
  open: number;
  /** Met of those decided (met + breached), in percent with one decimal; null when none is decided. */
  percent: number | null;
}

export interface PerformanceFigures {
  period: ReportPeriod;
  agreement: { issueKey: string; title: string; version: number } | null;
  incidents: { total: number; resolved: number; open: number; major: number; security: number };
  attainment: AttainmentRow[];
  /** Mean business time to resolve (resolution cycles stopped at resolution), ms (D22); null when none. */
  mttrMs: number | null;
  /** Mean business time to the first response (first-response cycles stopped), ms; null when none. */
  meanFirstResponseMs: number | null;
  byService: Array<{ service: string; incidents: number; breached: number }>;
  byPriority: Array<{ priority: string; incidents: number; breached: number }>;
  /** D13 major incidents of the period (their keys and priority; no internal escalation details, D26). */
  majorIncidents: Array<{ issueKey: string; createdAt: string; priority: string | null; services: string[]; resolved: boolean }>;
  changes: { total: number; deployed: number; failed: number; rejected: number; emergency: number; inProgress: number } | null;
  feedback: FeedbackFiguresInput | null;
  conflicts: ConflictInput[];
  computedAt: string;
}

const PRIORITY_ORDER = ['Critical', 'High', 'Normal', 'Medium', 'Low'];
const byPriorityName = (a: string, b: string): number => {
  const ia = PRIORITY_ORDER.indexOf(a); const ib = PRIORITY_ORDER.indexOf(b);
  return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
};
const mean = (xs: readonly number[]): number | null => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : null);
const percent = (met: number, breached: number): number | null => (met + breached ? Math.round((1000 * met) / (met + breached)) / 10 : null);

export interface ReportInput {
  period: ReportPeriod;
  /** The agreement reported on, with its targets (minutes per priority); null: every incident, whatever its agreement. */
  agreement: { issueKey: string; title: string; version: number; targets: Partial<Record<string, { firstResponseMinutes: number; resolutionMinutes: number }>> } | null;
  contributions: readonly Contribution[];
  changes: readonly ChangeOutcomeInput[] | null;
  feedback: FeedbackFiguresInput | null;
  conflicts: readonly ConflictInput[];
  now: number;
}

/** The incidents a report counts: created in the period, under the agreement (when one is chosen). */
export function incidentsOfReport(input: Pick<ReportInput, 'period' | 'agreement' | 'contributions'>): Contribution[] {
  const { from, to } = input.period;
  return input.contributions.filter((c) => c.createdAt >= from && c.createdAt < to && (input.agreement === null || c.agreement === input.agreement.issueKey));
}

/** WP.19 performance for the period. */
export function performanceFigures(input: ReportInput): PerformanceFigures {
  const incidents = incidentsOfReport(input).sort((a, b) => a.createdAt - b.createdAt || a.issueKey.localeCompare(b.issueKey));
  const cells = new Map<string, { priority: string; metric: 'firstResponse' | 'resolution'; counts: Record<CycleOutcome, number>; targets: Set<number> }>();
  const services = new Map<string, { incidents: number; breached: number }>();
  const priorities = new Map<string, { incidents: number; breached: number }>();
  const resolutionTimes: number[] = [];
  const responseTimes: number[] = [];
  for (const c of incidents) {
    const priority = c.priority ?? 'No priority';
    const breached = c.cycles.some((y) => y.outcome === 'breached');
    for (const y of c.cycles) {
      const key = `${priority}|${y.metric}`;
      const cell = cells.get(key) ?? { priority, metric: y.metric, counts: { open: 0, met: 0, breached: 0 }, targets: new Set<number>() };
      cell.counts[y.outcome] += 1;
      cell.targets.add(y.targetMs);
      cells.set(key, cell);
      if (y.outcome !== 'open' && y.metric === 'firstResponse') responseTimes.push(y.elapsedMs);
    }
    // MTTR: the business time of the last resolution cycle of a resolved incident (D22).
    const lastResolution = [...c.cycles].reverse().find((y) => y.metric === 'resolution');
    if (c.resolved && lastResolution) resolutionTimes.push(lastResolution.elapsedMs);
    for (const s of c.services.length ? c.services : ['No service named']) {
      const row = services.get(s) ?? { incidents: 0, breached: 0 };
      row.incidents += 1; if (breached) row.breached += 1;
      services.set(s, row);
    }
    const p = priorities.get(priority) ?? { incidents: 0, breached: 0 };
    p.incidents += 1; if (breached) p.breached += 1;
    priorities.set(priority, p);
  }
  // Every target of the agreement gets a row, even one no incident of the period ran against.
  for (const [priority, t] of Object.entries(input.agreement?.targets ?? {})) {
    if (!t) continue;
    for (const metric of ['firstResponse', 'resolution'] as const) {
      const key = `${priority}|${metric}`;
      if (!cells.has(key)) cells.set(key, { priority, metric, counts: { open: 0, met: 0, breached: 0 }, targets: new Set() });
    }
  }
  const attainment: AttainmentRow[] = [...cells.values()].map((cell) => {
    const agreed = input.agreement?.targets[cell.priority];
    const fromAgreement = agreed ? (cell.metric === 'firstResponse' ? agreed.firstResponseMinutes : agreed.resolutionMinutes) : null;
    const only = cell.targets.size === 1 ? Math.round([...cell.targets][0]! / 60_000) : null;
    return { priority: cell.priority, metric: cell.metric, targetMinutes: fromAgreement ?? only, ...cell.counts, percent: percent(cell.counts.met, cell.counts.breached) };
  }).sort((a, b) => byPriorityName(a.priority, b.priority) || (a.metric === b.metric ? 0 : a.metric === 'firstResponse' ? -1 : 1));

  const changes = input.changes === null ? null : (() => {
    const inPeriod = input.changes.filter((c) => c.at === null || (c.at >= input.period.from && c.at < input.period.to));
    return {
      total: inPeriod.length,
      deployed: inPeriod.filter((c) => c.outcome === 'deployed').length,
      failed: inPeriod.filter((c) => c.outcome === 'failed' || c.outcome === 'backed-out').length,
      rejected: inPeriod.filter((c) => c.outcome === 'rejected').length,
      emergency: inPeriod.filter((c) => c.emergency).length,
      inProgress: inPeriod.filter((c) => c.outcome === 'in-progress').length,
    };
  })();

  return {
    period: input.period,
    agreement: input.agreement ? { issueKey: input.agreement.issueKey, title: input.agreement.title, version: input.agreement.version } : null,
    incidents: {
      total: incidents.length,
      resolved: incidents.filter((c) => c.resolved).length,
      open: incidents.filter((c) => !c.resolved).length,
      major: incidents.filter((c) => c.major).length,
      security: incidents.filter((c) => c.security).length,
    },
    attainment,
    mttrMs: mean(resolutionTimes),
    meanFirstResponseMs: mean(responseTimes),
    byService: [...services.entries()].map(([service, v]) => ({ service, ...v })).sort((a, b) => b.incidents - a.incidents || a.service.localeCompare(b.service)),
    byPriority: [...priorities.entries()].map(([priority, v]) => ({ priority, ...v })).sort((a, b) => byPriorityName(a.priority, b.priority)),
    majorIncidents: incidents.filter((c) => c.major).map((c) => ({ issueKey: c.issueKey, createdAt: new Date(c.createdAt).toISOString(), priority: c.priority, services: c.services, resolved: c.resolved })),
    changes,
    feedback: input.feedback,
    conflicts: [...input.conflicts],
    computedAt: new Date(input.now).toISOString(),
  };
}

/** The change evidence in the report's words: what became of the change, and when (CO.3.4, CO.3.5, D16). */
export function changeOutcomeOf(r: {
  issueKey: string;
  decisions: ReadonlyArray<{ decision: 'approved' | 'rejected'; at: string }>;
  deployment: { at: string; complete: boolean } | null;
  review: { at: string; outcome: 'successful' | 'failed' | 'backed-out'; emergencyJustified: boolean | null } | null;
  scheduleWarnings: readonly unknown[];
}): ChangeOutcomeInput {
  const emergency = r.review?.emergencyJustified !== null && r.review?.emergencyJustified !== undefined ? true : r.scheduleWarnings.length > 0;
  const rejected = r.decisions.find((d) => d.decision === 'rejected');
  if (r.review && r.review.outcome !== 'successful') return { issueKey: r.issueKey, at: Date.parse(r.review.at), outcome: r.review.outcome, emergency };
  if (r.deployment) return { issueKey: r.issueKey, at: Date.parse(r.deployment.at), outcome: 'deployed', emergency };
  if (rejected) return { issueKey: r.issueKey, at: Date.parse(rejected.at), outcome: 'rejected', emergency };
  return { issueKey: r.issueKey, at: null, outcome: 'in-progress', emergency };
}

/** The month's local days ("2026-11" → 2026-11-01 … 2026-11-30). */
export function monthDays(month: string): { fromDay: string; toDay: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { fromDay: `${month}-01`, toDay: `${month}-${String(last).padStart(2, '0')}` };
}

/** The report as CSV (one table per section, a blank line between), for a spreadsheet. */
export function figuresCsv(f: PerformanceFigures): string {
  const q = (v: unknown): string => { const s = v === null || v === undefined ? '' : String(v); return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; };
  const rows: unknown[][] = [
    ['Service performance report'], ['Agreement', f.agreement ? `${f.agreement.issueKey} ${f.agreement.title} (version ${String(f.agreement.version)})` : 'All agreements'],
    ['Period', `${f.period.fromDay} to ${f.period.toDay} (${f.period.timeZone})`], [],
    ['Incidents', 'Resolved', 'Open', 'Major', 'Security'], [f.incidents.total, f.incidents.resolved, f.incidents.open, f.incidents.major, f.incidents.security], [],
    ['Mean time to resolve (business minutes)', f.mttrMs === null ? '' : Math.round(f.mttrMs / 60_000)],
    ['Mean first response (business minutes)', f.meanFirstResponseMs === null ? '' : Math.round(f.meanFirstResponseMs / 60_000)], [],
    ['Priority', 'Target', 'Target minutes', 'Met', 'Breached', 'Open', 'Met %'],
    ...f.attainment.map((a) => [a.priority, a.metric === 'firstResponse' ? 'First response' : 'Resolution', a.targetMinutes, a.met, a.breached, a.open, a.percent]), [],
    ['Service', 'Incidents', 'Breached'], ...f.byService.map((s) => [s.service, s.incidents, s.breached]), [],
    ['Priority', 'Incidents', 'Breached'], ...f.byPriority.map((s) => [s.priority, s.incidents, s.breached]),
  ];
  if (f.changes) rows.push([], ['Changes', 'Deployed', 'Failed or backed out', 'Rejected', 'Emergency', 'In progress'], [f.changes.total, f.changes.deployed, f.changes.failed, f.changes.rejected, f.changes.emergency, f.changes.inProgress]);
  if (f.feedback) rows.push([], ['Ratings', 'Average rating', 'Complaints received', 'Complaints open', 'Compliments'], [f.feedback.ratings.count, f.feedback.ratings.average, f.feedback.complaints.received, f.feedback.complaints.open, f.feedback.compliments]);
  return rows.map((r) => r.map(q).join(',')).join('\n') + '\n';
}
