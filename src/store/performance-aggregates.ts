import { kvs, WhereConditions } from '@forge/kvs';
import {
  BUCKET_CHAR_LIMIT, bucketFull, contributionOf, dayNumberOf, emptyBucket, groupOf, isNewer, mergeIntoBucket, NO_AGREEMENT, removeFromBucket, rowKeyOf, toEntry,
  type BucketContent, type Contribution, type EvaluatedIncident,
} from '../domain/performance/aggregates';
import { readRow, updateRow, type Versioned } from './versioned-entity';

/**
 * Service performance aggregates in app storage (WP.19, MET-26, ADR 015). Entity `perf-bucket`: one row per
 * (agreement, created day (UTC), shard, overflow n) holding the compact entries of the incidents created that day
 * (src/domain/performance/aggregates.ts); a month of one agreement is a few index queries. Entity `perf-locator`: per
 * incident, the row holding its entry and the evaluation it came from, so an update goes straight to its row, an
 * older evaluation is turned away before any bucket is touched, and an incident whose agreement changed leaves its
 * old row. Every write is conditional on the row's `rev` (versioned-entity.ts): concurrent writers both land.
 */

export const BUCKET_ENTITY = 'perf-bucket';
export const LOCATOR_ENTITY = 'perf-locator';

export interface BucketRow extends BucketContent, Versioned {}
interface LocatorRow extends Versioned { issueId: string; row: string; mark: string; evaluatedAt: number }

const groupOfRow = (row: string): string => row.slice(0, row.lastIndexOf(':'));

/**
 * Puts contributions of one group into its rows: each incident's own row when it has one, else the first row of the
 * group with room. Answers where each landed (issue id → row key).
 */
async function placeInGroup(group: string, items: ReadonlyArray<{ c: Contribution; row: string | null }>): Promise<Map<string, string>> {
  const landed = new Map<string, string>();
  const byRow = new Map<string, Contribution[]>();
  const homeless: Contribution[] = [];
  for (const { c, row } of items) {
    if (row && groupOfRow(row) === group) byRow.set(row, [...(byRow.get(row) ?? []), c]);
    else homeless.push(c);
  }
  for (const [row, cs] of byRow) {
    await updateRow<BucketRow>(BUCKET_ENTITY, row, (current) => {
      const merged = mergeIntoBucket(current ?? emptyBucket(group), cs);
      return merged.changed ? merged.bucket : undefined;
    });
    for (const c of cs) landed.set(c.issueId, row);
  }
  let pending = homeless;
  for (let n = 0; pending.length > 0 && n < 1000; n++) {
    const row = rowKeyOf(group, n);
    const placed: Contribution[] = [];
    await updateRow<BucketRow>(BUCKET_ENTITY, row, (current) => {
      placed.length = 0;
      let bucket: BucketContent = current ?? emptyBucket(group);
      let changed = false;
      for (const c of pending) {
        // An entry already here (a retried or concurrent update) is replaced in place; a new one needs room.
        if (!bucket.entries[c.issueId] && bucketFull(bucket)) continue;
        const merged = mergeIntoBucket(bucket, [c]);
        if (merged.changed) { bucket = merged.bucket; changed = true; }
        placed.push(c);
      }
      return changed ? bucket : undefined;
    });
    for (const c of placed) landed.set(c.issueId, row);
    pending = pending.filter((c) => !landed.has(c.issueId));
  }
  return landed;
}

/**
 * Records contributions (MET-26): idempotent (an incident's entry is replaced, never added twice), monotonic (an
 * older evaluation never replaces a newer one, under duplicate and reordered updates) and safe under concurrent
 * writers. The pipeline calls it with one incident after saving its evaluation; the rebuild with a page of them.
 */
export async function recordContributions(contributions: readonly Contribution[]): Promise<void> {
  if (contributions.length === 0) return;
  const locators = await loadLocators(contributions.map((c) => c.issueId));
  const fresh = contributions.filter((c) => {
    const at = locators.get(c.issueId);
    return !at || !isNewer({ mark: at.mark, evaluatedAt: at.evaluatedAt }, c);
  });
  const groups = new Map<string, Array<{ c: Contribution; row: string | null }>>();
  for (const c of fresh) {
    const group = groupOf(c);
    groups.set(group, [...(groups.get(group) ?? []), { c, row: locators.get(c.issueId)?.row ?? null }]);
  }
  for (const [group, items] of groups) {
    const landed = await placeInGroup(group, items);
    for (const { c } of items) {
      const row = landed.get(c.issueId);
      if (!row) continue;
      const before = locators.get(c.issueId);
      const outcome = await updateRow<LocatorRow>(LOCATOR_ENTITY, c.issueId, (current) => {
        if (current && isNewer({ mark: current.mark, evaluatedAt: current.evaluatedAt }, c)) return undefined;
        if (current && current.row === row && current.mark === c.mark && current.evaluatedAt === c.evaluatedAt) return undefined;
        return { issueId: c.issueId, row, mark: c.mark, evaluatedAt: c.evaluatedAt };
      });
      const now = outcome.row;
      // The incident moved (its agreement changed): its entry leaves the old row.
      if (before && before.row !== row && now?.row === row) await removeEntry(before.row, c);
      // A newer evaluation placed it elsewhere meanwhile: this one's entry goes.
      if (now && now.row !== row) await removeEntry(row, c);
    }
  }
}

async function removeEntry(row: string, upTo: Contribution): Promise<void> {
  await updateRow<BucketRow>(BUCKET_ENTITY, row, (current) => (current ? removeFromBucket(current, upTo.issueId, upTo) ?? undefined : undefined));
}

async function loadLocators(issueIds: readonly string[]): Promise<Map<string, LocatorRow>> {
  const out = new Map<string, LocatorRow>();
  const unique = [...new Set(issueIds)];
  if (unique.length === 1) {
    const row = await readRow<LocatorRow>(LOCATOR_ENTITY, unique[0]!);
    if (row) out.set(row.issueId, row);
    return out;
  }
  for (let i = 0; i < unique.length; i += 25) {
    const res = await kvs.batchGet<LocatorRow>(unique.slice(i, i + 25).map((key) => ({ key, entityName: LOCATOR_ENTITY })));
    for (const item of res.successfulKeys) if (item.value) out.set(item.key, item.value as LocatorRow);
  }
  return out;
}

/**
 * The buckets of incidents created in a range of instants (UTC days, one either side for the zones), of one agreement
 * (its issue key, or null for the incidents under no agreement) or of all (`'all'`). Answers the buckets and how many
 * storage queries it took.
 */
export async function loadBuckets(agreement: string | null | 'all', from: number, to: number): Promise<{ buckets: BucketContent[]; queries: number }> {
  const lo = dayNumberOf(from) - 1;
  const hi = dayNumberOf(to) + 1;
  const out: BucketContent[] = [];
  let cursor: string | undefined;
  let queries = 0;
  do {
    const base = kvs.entity<BucketRow>(BUCKET_ENTITY).query();
    let q = (agreement === 'all' ? base.index('by-day') : base.index('by-agreement-day', { partition: [agreement ?? NO_AGREEMENT] }))
      .where(WhereConditions.between(lo, hi)).limit(20); // rows are up to 160 KB: 20 a page keeps a page a few MB
    if (cursor) q = q.cursor(cursor);
    const page = await q.getMany();
    queries += 1;
    out.push(...page.results.map((r) => r.value));
    cursor = page.nextCursor;
  } while (cursor);
  return { buckets: out, queries };
}

/**
 * Buckets as the sandbox's bulk seed writes them (benchmarks): the rows and locators the app would have written for
 * these contributions, in rows numbered from `firstRow` (so a later batch never overwrites an earlier one's rows).
 */
export function bucketSeedWrites(contributions: readonly Contribution[], firstRow = 0): Array<{ key: string; value: unknown; entityName: string }> {
  const rows = new Map<string, BucketRow>();
  const open = new Map<string, { key: string; chars: number }>();
  const writes: Array<{ key: string; value: unknown; entityName: string }> = [];
  let next = firstRow;
  for (const c of contributions) {
    const group = groupOf(c);
    const entry = toEntry(c);
    const chars = JSON.stringify(entry).length + c.issueId.length + 6;
    let at = open.get(group);
    if (!at || at.chars + chars + 400 > BUCKET_CHAR_LIMIT) {
      at = { key: rowKeyOf(group, next++), chars: 200 };
      open.set(group, at);
      rows.set(at.key, { ...emptyBucket(group), rev: 1 });
    }
    rows.get(at.key)!.entries[c.issueId] = entry;
    at.chars += chars;
    writes.push({ key: c.issueId, value: { issueId: c.issueId, row: at.key, mark: c.mark, evaluatedAt: c.evaluatedAt, rev: 1 } satisfies LocatorRow, entityName: LOCATOR_ENTITY });
  }
  for (const [key, value] of rows) writes.push({ key, value, entityName: BUCKET_ENTITY });
  return writes;
}

/** The pipeline's one call after an evaluation is stored (or found unchanged): the incident's aggregate entry follows. */
export async function recordEvaluationAggregate(record: EvaluatedIncident): Promise<void> {
  await recordContributions([contributionOf(record)]);
}

/** The rebuild's progress (a resumable run: each call does a slice and saves where it got to). */
export interface RebuildRun {
  status: 'running' | 'done';
  jql: string;
  nextPageToken: string | null;
  pages: number;
  incidents: number;
  notEvaluated: number;
  jiraCalls: number;
  startedAt: string;
  startedBy: string;
  finishedAt: string | null;
}

const REBUILD_KEY = 'perf:rebuild';

export async function loadRebuildRun(): Promise<RebuildRun | null> {
  return (await kvs.get<RebuildRun>(REBUILD_KEY)) ?? null;
}

export async function saveRebuildRun(run: RebuildRun): Promise<void> {
  await kvs.set(REBUILD_KEY, run);
}
