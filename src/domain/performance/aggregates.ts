/**
 * Service performance aggregates (WP.19; RE.2.4; MET-26; D22; ADR 015): what one incident contributes to the
 * performance reports, and how a contribution merges into the per-day bucket that holds it. Pure: the store
 * (src/store/performance-aggregates.ts) reads and writes the buckets conditionally; the rules live here.
 *
 * A contribution is taken from the incident's stored evaluation (ADR 010): each SLA cycle's outcome and the business
 * time its clock ran (`elapsedMs`: on the calendar of the agreement the incident was evaluated on, pauses excluded,
 * D22), its priority, services, and whether it is resolved, major or a security incident. A bucket holds the entries
 * of the incidents created on one UTC day under one agreement (and one of a few shards), keyed by issue id, so a
 * month of reports is tens of storage reads. Merging is idempotent and monotonic (MET-26): the incident's entry is
 * replaced, never added twice, and an entry of an older evaluation never replaces one of a newer evaluation.
 */
import type { IncidentState } from '../incident/state';

/** A cycle's outcome: still running, met its target, breached it. */
export type CycleOutcome = 'open' | 'met' | 'breached';

export interface CycleContribution {
  metric: 'firstResponse' | 'resolution';
  outcome: CycleOutcome;
  /** Business time the clock ran (pauses excluded), ms (D22). */
  elapsedMs: number;
  targetMs: number;
}

/** What one incident contributes to the reports (the domain's shape; stored compactly, see `StoredEntry`). */
export interface Contribution {
  issueId: string;
  issueKey: string;
  projectKey: string;
  /** Epoch ms of the incident's creation. */
  createdAt: number;
  /** The agreement whose clocks the incident runs on (D18), or null: the policy's defaults. */
  agreement: string | null;
  priority: string | null;
  services: string[];
  cycles: CycleContribution[];
  resolved: boolean;
  major: boolean;
  security: boolean;
  /** The evaluation's order (the snapshot mark, then the instant evaluated): a newer one replaces an older one. */
  mark: string;
  evaluatedAt: number;
}

/** The evaluation an aggregate is taken from: the stored incident record's fields it needs. */
export interface EvaluatedIncident {
  issueId: string;
  issueKey: string;
  projectKey: string;
  createdAt: number;
  mark: string;
  evaluatedAt: number;
  state: IncidentState;
}

export function outcomeOf(c: Pick<IncidentState['sla']['cycles'][number], 'met' | 'breached'>): CycleOutcome {
  if (c.breached || c.met === false) return 'breached';
  return c.met === true ? 'met' : 'open';
}

/** The contribution of an evaluated incident. */
export function contributionOf(r: EvaluatedIncident): Contribution {
  const s = r.state;
  return {
    issueId: r.issueId, issueKey: r.issueKey, projectKey: r.projectKey, createdAt: r.createdAt,
    agreement: s.sla.agreement?.issueKey ?? null,
    priority: s.priority.value,
    services: [...s.classification.services],
    cycles: s.sla.cycles.map((c) => ({ metric: c.metric, outcome: outcomeOf(c), elapsedMs: Math.round(c.elapsedMs), targetMs: Math.round(c.targetMs) })),
    // Resolved when its last resolution clock stopped at a resolution (a reopened incident runs a new, open cycle).
    resolved: (() => { const last = [...s.sla.cycles].reverse().find((c) => c.metric === 'resolution'); return last !== undefined && last.stopReason === 'resolved' && last.stop !== null; })(),
    major: s.classification.majorIncident,
    security: s.classification.securityIncident,
    mark: r.mark, evaluatedAt: r.evaluatedAt,
  };
}

/** True when `a` comes from a newer evaluation than `b` (same order as incident-records' isNewerEvaluation). */
export function isNewer(a: Pick<Contribution, 'mark' | 'evaluatedAt'>, b: Pick<Contribution, 'mark' | 'evaluatedAt'>): boolean {
  return a.mark > b.mark || (a.mark === b.mark && a.evaluatedAt > b.evaluatedAt);
}

// ---------------------------------------------------------------------------------------------------------------
// Buckets

/** The agreement key of incidents without one (the policy's defaults). */
export const NO_AGREEMENT = '-';
/** Shards of one (agreement, day): spreads a busy day over a few rows; each shard grows overflow rows as it fills. */
export const SHARDS = 4;
/** A bucket row is full beyond this many characters of JSON (Forge storage keeps at most 240 KB a value). */
export const BUCKET_CHAR_LIMIT = 160_000;

const DAY_MS = 86_400_000;
/** Days since 1970-01-01 (UTC) of an instant: the bucket's day, the range the reports query. */
export const dayNumberOf = (t: number): number => Math.floor(t / DAY_MS);

/** A small stable hash of the issue id (FNV-1a), for its shard. */
export function shardOf(issueId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < issueId.length; i++) { h ^= issueId.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return h % SHARDS;
}

/** The group of rows an incident's entry belongs in: (agreement, created day, shard). Its rows are `<group>:<n>`. */
export function groupOf(c: Pick<Contribution, 'agreement' | 'createdAt' | 'issueId'>): string {
  return `${c.agreement ?? NO_AGREEMENT}:${String(dayNumberOf(c.createdAt))}:${String(shardOf(c.issueId))}`;
}
export const rowKeyOf = (group: string, n: number): string => `${group}:${String(n)}`;

/** One incident's entry in a bucket, compact (a bucket holds thousands). */
export interface StoredEntry {
  k: string; j: string; c: number; p: string | null; s: string[];
  /** Cycles: [0 first response / 1 resolution, 0 open / 1 met / 2 breached, elapsed ms, target ms]. */
  y: Array<[0 | 1, 0 | 1 | 2, number, number]>;
  /** Flags: 1 resolved, 2 major, 4 security. */
  f: number;
  m: string; v: number;
}

export interface BucketContent {
  agreement: string;
  day: number;
  group: string;
  entries: Record<string, StoredEntry>;
}

const OUTCOMES: readonly CycleOutcome[] = ['open', 'met', 'breached'];

export function toEntry(c: Contribution): StoredEntry {
  return {
    k: c.issueKey, j: c.projectKey, c: c.createdAt, p: c.priority, s: c.services,
    y: c.cycles.map((y) => [y.metric === 'firstResponse' ? 0 : 1, OUTCOMES.indexOf(y.outcome) as 0 | 1 | 2, y.elapsedMs, y.targetMs]),
    f: (c.resolved ? 1 : 0) | (c.major ? 2 : 0) | (c.security ? 4 : 0),
    m: c.mark, v: c.evaluatedAt,
  };
}

export function fromEntry(issueId: string, agreement: string, e: StoredEntry): Contribution {
  return {
    issueId, issueKey: e.k, projectKey: e.j, createdAt: e.c, agreement: agreement === NO_AGREEMENT ? null : agreement, priority: e.p, services: e.s,
    cycles: e.y.map(([m, o, el, t]) => ({ metric: m === 0 ? 'firstResponse' : 'resolution', outcome: OUTCOMES[o] ?? 'open', elapsedMs: el, targetMs: t })),
    resolved: (e.f & 1) !== 0, major: (e.f & 2) !== 0, security: (e.f & 4) !== 0, mark: e.m, evaluatedAt: e.v,
  };
}

const sameEntry = (a: StoredEntry, b: StoredEntry): boolean => JSON.stringify(a) === JSON.stringify(b);

export type MergeResult = { changed: false; reason: 'newer' | 'unchanged' } | { changed: true; bucket: BucketContent };

/**
 * Puts contributions in a bucket (MET-26): each incident's entry is replaced, never added twice; one from an older
 * evaluation than the stored one is ignored; the same one twice changes nothing. Pure: the caller writes the result
 * conditionally on the row it read.
 */
export function mergeIntoBucket(bucket: BucketContent, contributions: readonly Contribution[]): MergeResult {
  const entries = { ...bucket.entries };
  let changed = false;
  let newer = false;
  for (const c of contributions) {
    const have = entries[c.issueId];
    if (have && isNewer({ mark: have.m, evaluatedAt: have.v }, c)) { newer = true; continue; }
    const next = toEntry(c);
    if (have && sameEntry(have, next)) continue;
    entries[c.issueId] = next;
    changed = true;
  }
  return changed ? { changed: true, bucket: { ...bucket, entries } } : { changed: false, reason: newer ? 'newer' : 'unchanged' };
}

/** Takes an incident's entry out of a bucket (it moved to another agreement) unless a newer evaluation put it there. */
export function removeFromBucket(bucket: BucketContent, issueId: string, upTo: Pick<Contribution, 'mark' | 'evaluatedAt'>): BucketContent | null {
  const have = bucket.entries[issueId];
  if (!have || isNewer({ mark: have.m, evaluatedAt: have.v }, upTo)) return null;
  const entries = { ...bucket.entries };
  delete entries[issueId];
  return { ...bucket, entries };
}

export function emptyBucket(group: string): BucketContent {
  const [agreement = NO_AGREEMENT, day = '0'] = group.split(':');
  return { agreement, day: Number(day), group, entries: {} };
}

/** Whether a bucket has no room for one more entry of about this size. */
export function bucketFull(bucket: BucketContent, extraChars = 400): boolean {
  return JSON.stringify(bucket).length + extraChars > BUCKET_CHAR_LIMIT;
}

/** Every contribution held in buckets (an incident found in two, e.g. mid-move, counts once: its newest entry). */
export function contributionsOf(buckets: readonly BucketContent[]): Contribution[] {
  const out = new Map<string, Contribution>();
  for (const b of buckets) {
    for (const [id, e] of Object.entries(b.entries)) {
      const c = fromEntry(id, b.agreement, e);
      const have = out.get(id);
      if (!have || isNewer(c, have)) out.set(id, c);
    }
  }
  return [...out.values()];
}
