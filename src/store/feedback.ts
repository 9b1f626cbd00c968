import { Filter, FilterConditions, Sort, WhereConditions, kvs } from '@forge/kvs';
import { z } from 'zod';
import { feedbackFigures, type FeedbackFigures, type Score } from '../domain/feedback/figures';
import { feedbackEntrySchema, feedbackId, statusOf, stepSummary, type FeedbackEntry, type FeedbackStep } from '../domain/feedback/log';
import type { Rating } from '../domain/feedback/satisfaction';
import { Refusal } from '../domain/refusal';
import { isConditionFailure } from './kvs-errors';
import { auditWrite, type Write } from './work-product-store';

export type { FeedbackFigures };

/**
 * The feedback log (WP.06; RE.2.3, RE-10) and the satisfaction ratings given at closure, in Forge storage (custom
 * entities of manifest.yml):
 *   `feedback-log`    key 'WP.06': { seq, status, updatedAt } — the last number allocated and the log's status
 *                     (Maintained until the first entry, then Updated, RE-10); every new entry is conditioned on
 *                     `seq`, so two people recording at the same moment get FB-7 and FB-8, never the same number;
 *   `feedback-entry`  key = the entry id (FB-n): the entry with its handling steps, appended only (D23), each write
 *                     conditioned on the entry's `revision`; every write has its row in the audit trail (`audit-event`,
 *                     work product 'WP.06');
 *   `satisfaction`    key = `<issueId>#<rater>`: one rating per rater and incident; rating again replaces it and keeps the
 *                     earlier ones in `history` (nothing deleted), with an audit row.
 */
export const LOG_ENTITY = 'feedback-log';
export const ENTRY_ENTITY = 'feedback-entry';
export const SATISFACTION_ENTITY = 'satisfaction';
const LOG_KEY = 'WP.06';

interface LogRow { seq: number; status: string; updatedAt: string }
interface EntryRow { id: string; seq: number; kind: string; status: string; organizationId: string; submittedBy: string; receivedAt: number; revision: number; entry: FeedbackEntry }
interface SatisfactionRow { issueId: string; issueKey: string; rater: string; score: number; comment: string; at: number; organizationId: string; history: Rating[] }

const scoreSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
const ratingSchema = z.object({ rater: z.string(), score: scoreSchema, comment: z.string(), at: z.string() });
const satisfactionRowSchema = z.object({
  issueId: z.string(), issueKey: z.string(), rater: z.string(), score: scoreSchema, comment: z.string(), at: z.number(), organizationId: z.string(), history: z.array(ratingSchema),
}).passthrough();

function parseEntry(key: string, raw: unknown): { entry: FeedbackEntry; revision: number } | null {
  const row = raw as Partial<EntryRow> | undefined;
  const parsed = feedbackEntrySchema.safeParse(row?.entry);
  if (!parsed.success || typeof row?.revision !== 'number') { console.error(`feedback entry ${key} is malformed`); return null; }
  return { entry: parsed.data as FeedbackEntry, revision: row.revision };
}

const rowOf = (entry: FeedbackEntry, revision: number): EntryRow => ({
  id: entry.id, seq: entry.seq, kind: entry.kind, status: statusOf(entry), organizationId: entry.organization?.id ?? '', submittedBy: entry.submittedBy ?? '',
  receivedAt: Date.parse(entry.receivedAt), revision, entry,
});

/** The log's status (RE-10): "Maintained" before anything is recorded, "Updated" since, with when. */
export async function loadLogStatus(): Promise<{ status: 'Maintained' | 'Updated'; updatedAt: string | null; count: number }> {
  const row = await kvs.entity<LogRow>(LOG_ENTITY).get(LOG_KEY);
  return row ? { status: row.seq > 0 ? 'Updated' : 'Maintained', updatedAt: row.updatedAt, count: row.seq } : { status: 'Maintained', updatedAt: null, count: 0 };
}

export type NewEntry = Omit<FeedbackEntry, 'id' | 'seq' | 'steps' | 'recordedAt'>;

/**
 * RE-10: records a new entry under the next number (FB-1, FB-2, …). Always accepted (GO-09 holds back only the
 * handling). Concurrent calls each get their own number: the allocation is conditioned on the last number read.
 */
export async function recordFeedback(fields: NewEntry, now: number): Promise<FeedbackEntry> {
  const at = new Date(now).toISOString();
  for (let attempt = 0; attempt < 10; attempt++) {
    const head = await kvs.entity<LogRow>(LOG_ENTITY).get(LOG_KEY);
    const seq = (head?.seq ?? 0) + 1;
    const entry: FeedbackEntry = { ...fields, id: feedbackId(seq), seq, recordedAt: at, steps: [] };
    const trail = auditWrite(LOG_KEY, { at: now, actor: fields.recordedBy, action: 'feedback-recorded', summary: `Recorded ${entry.id}, a ${entry.kind} from ${entry.from === 'customer' ? 'a customer' : 'a supplier'}${entry.organization ? ` (${entry.organization.name})` : ''} (RE-10).`, version: 0 });
    try {
      await kvs.transact()
        .set(LOG_KEY, { seq, status: 'Updated', updatedAt: at } satisfies LogRow, {
          entityName: LOG_ENTITY,
          conditions: head ? new Filter<LogRow>().and('seq', FilterConditions.equalTo(head.seq)) : new Filter<LogRow>().and('seq', FilterConditions.notExists()),
        })
        .set(entry.id, rowOf(entry, 1), { entityName: ENTRY_ENTITY, conditions: new Filter<EntryRow>().and('id', FilterConditions.notExists()) })
        .set(trail.key, trail.value, { entityName: trail.entityName! })
        .execute();
      return entry;
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
      // Someone took this number meanwhile: take the next one.
    }
  }
  throw new Refusal('conflict', 'Many people are recording feedback at this moment; send it again.');
}

export async function loadFeedbackEntry(id: string): Promise<{ entry: FeedbackEntry; revision: number } | null> {
  const raw = await kvs.entity<EntryRow>(ENTRY_ENTITY).get(id);
  return raw ? parseEntry(id, raw) : null;
}

/**
 * RE.2.3: appends one handling step to an entry, conditioned on the revision the caller decided on (`check` refuses by
 * answering words). Nothing earlier is changed.
 */
export async function recordStep(id: string, step: FeedbackStep, text: string, actor: string, now: number, check: (entry: FeedbackEntry) => string | null): Promise<FeedbackEntry> {
  const found = await loadFeedbackEntry(id);
  if (!found) throw new Refusal('invalid-input', `There is no feedback entry ${id}.`);
  const refusal = check(found.entry);
  if (refusal) throw new Refusal('refused', refusal);
  const at = new Date(now).toISOString();
  const entry: FeedbackEntry = { ...found.entry, steps: [...found.entry.steps, { step, by: actor, at, text: text.trim() }] };
  const trail = auditWrite(LOG_KEY, { at: now, actor, action: `feedback-${step}`, summary: stepSummary(id, step), version: 0 });
  try {
    await kvs.transact()
      .set(id, rowOf(entry, found.revision + 1), { entityName: ENTRY_ENTITY, conditions: new Filter<EntryRow>().and('revision', FilterConditions.equalTo(found.revision)) })
      .set(trail.key, trail.value, { entityName: trail.entityName! })
      .execute();
  } catch (e) {
    if (isConditionFailure(e)) throw new Refusal('conflict', `Someone else recorded a step on ${id} at the same moment. Reload the page to see it.`);
    throw e;
  }
  return entry;
}

async function collect<T>(page: (cursor: string | undefined) => Promise<{ results: Array<{ key: string; value: T }>; nextCursor?: string }>, max: number): Promise<Array<{ key: string; value: T }>> {
  const out: Array<{ key: string; value: T }> = [];
  let cursor: string | undefined;
  do {
    const p = await page(cursor);
    out.push(...p.results);
    cursor = p.nextCursor;
  } while (cursor && out.length < max);
  return out.slice(0, max);
}

/** The log, newest interaction first (at most `max` entries). */
export async function listFeedback(max = 1000): Promise<FeedbackEntry[]> {
  const rows = await collect<EntryRow>((cursor) => {
    let q = kvs.entity<EntryRow>(ENTRY_ENTITY).query().index('by-received').where(WhereConditions.greaterThan(-1)).sort(Sort.DESC).limit(100);
    if (cursor) q = q.cursor(cursor);
    return q.getMany();
  }, max);
  return rows.map((r) => parseEntry(r.key, r.value)?.entry).filter((e): e is FeedbackEntry => e !== undefined);
}

/** D26: the entries one portal customer sent themselves, newest first. */
export async function listFeedbackSentBy(accountId: string, max = 200): Promise<FeedbackEntry[]> {
  const rows = await collect<EntryRow>((cursor) => {
    let q = kvs.entity<EntryRow>(ENTRY_ENTITY).query().index('by-submitter', { partition: [accountId] }).sort(Sort.DESC).limit(100);
    if (cursor) q = q.cursor(cursor);
    return q.getMany();
  }, max);
  return rows.map((r) => parseEntry(r.key, r.value)?.entry).filter((e): e is FeedbackEntry => e !== undefined);
}

// ------------------------------------------------------------------ satisfaction at closure

const satisfactionKey = (issueId: string, rater: string): string => `${issueId}#${rater}`;

export interface StoredRating extends Rating { issueId: string; issueKey: string; organizationId: string | null; history: Rating[] }

function ratingOf(row: z.infer<typeof satisfactionRowSchema>): StoredRating {
  return { issueId: row.issueId, issueKey: row.issueKey, rater: row.rater, score: row.score, comment: row.comment, at: new Date(row.at).toISOString(), organizationId: row.organizationId || null, history: row.history };
}

/** The ratings given on one incident (one per rater), oldest first. */
export async function loadRatings(issueId: string): Promise<StoredRating[]> {
  const page = await kvs.entity<SatisfactionRow>(SATISFACTION_ENTITY).query().index('by-issue', { partition: [issueId] }).limit(20).getMany();
  return page.results.flatMap(({ key, value }) => {
    const parsed = satisfactionRowSchema.safeParse(value);
    if (!parsed.success) { console.error(`satisfaction ${key} is malformed`); return []; }
    return [ratingOf(parsed.data)];
  }).sort((a, b) => a.at.localeCompare(b.at));
}

/** Records (or replaces) one rater's rating of an incident; the replaced rating stays in its history (D23). */
export async function saveRating(r: { issueId: string; issueKey: string; rater: string; score: Score; comment: string; organizationId: string | null }, now: number): Promise<StoredRating> {
  const key = satisfactionKey(r.issueId, r.rater);
  const raw = await kvs.entity<SatisfactionRow>(SATISFACTION_ENTITY).get(key);
  const before = raw ? satisfactionRowSchema.safeParse(raw) : null;
  const previous = before?.success ? ratingOf(before.data) : null;
  const row: SatisfactionRow = {
    issueId: r.issueId, issueKey: r.issueKey, rater: r.rater, score: r.score, comment: r.comment.trim(), at: now, organizationId: r.organizationId ?? '',
    history: previous ? [...previous.history, { rater: previous.rater, score: previous.score, comment: previous.comment, at: previous.at }] : [],
  };
  const trail = auditWrite(`satisfaction:${r.issueKey}`, { at: now, actor: r.rater, action: previous ? 'rating-replaced' : 'rated', summary: `Rated the service on ${r.issueKey} ${r.score} of 5${previous ? ` (was ${previous.score})` : ''}.`, version: 0 });
  try {
    await kvs.transact()
      .set(key, row, { entityName: SATISFACTION_ENTITY, conditions: raw ? new Filter<SatisfactionRow>().and('at', FilterConditions.equalTo(raw.at)) : new Filter<SatisfactionRow>().and('issueId', FilterConditions.notExists()) })
      .set(trail.key, trail.value, { entityName: trail.entityName! })
      .execute();
  } catch (e) {
    if (isConditionFailure(e)) throw new Refusal('conflict', 'Your rating was changed in another window at the same moment. Reload and rate again.');
    throw e;
  }
  return { ...r, comment: row.comment, at: new Date(now).toISOString(), history: row.history };
}

// ------------------------------------------------------------------ figures for the performance reports (WP.19)

/**
 * The feedback figures of a period (instants, `to` exclusive) for the given customer organizations (null: all): the
 * ratings given in it, and the compliments, complaints and comments received in it (`open`: complaints of the period
 * not closed yet). Read from app storage only (no Jira call).
 */
export async function loadFeedbackFigures(period: { from: number; to: number }, organizationIds: readonly string[] | null): Promise<FeedbackFigures> {
  const orgs = organizationIds ? new Set(organizationIds) : null;
  const inOrgs = (id: string | null | undefined) => orgs === null || (id ? orgs.has(id) : false);
  const last = Math.max(period.from, period.to - 1);
  const [ratingRows, entryRows] = await Promise.all([
    collect<SatisfactionRow>((cursor) => {
      let q = kvs.entity<SatisfactionRow>(SATISFACTION_ENTITY).query().index('by-at').where(WhereConditions.between(period.from, last)).limit(100);
      if (cursor) q = q.cursor(cursor);
      return q.getMany();
    }, 100_000),
    collect<EntryRow>((cursor) => {
      let q = kvs.entity<EntryRow>(ENTRY_ENTITY).query().index('by-received').where(WhereConditions.between(period.from, last)).limit(100);
      if (cursor) q = q.cursor(cursor);
      return q.getMany();
    }, 100_000),
  ]);
  const ratings = ratingRows.map((r) => satisfactionRowSchema.safeParse(r.value)).flatMap((p) => (p.success && p.data.at < period.to && inOrgs(p.data.organizationId) ? [{ score: p.data.score }] : []));
  const entries = entryRows.map((r) => parseEntry(r.key, r.value)?.entry).filter((e): e is FeedbackEntry => e !== undefined && Date.parse(e.receivedAt) < period.to && inOrgs(e.organization?.id))
    .map((e) => ({ kind: e.kind, closed: statusOf(e) === 'closed' }));
  return feedbackFigures(ratings, entries);
}

/** The writes of seeded entries (the sandbox demo seed), in the layout the app writes; `seq` continues from 1. */
export function seedFeedbackWrites(entries: readonly FeedbackEntry[], ratings: ReadonlyArray<Omit<StoredRating, 'history'>>): Write[] {
  const last = entries.reduce((m, e) => Math.max(m, e.seq), 0);
  const updatedAt = entries.map((e) => e.recordedAt).sort().at(-1) ?? new Date(0).toISOString();
  return [
    ...(entries.length ? [{ key: LOG_KEY, value: { seq: last, status: 'Updated', updatedAt } satisfies LogRow, entityName: LOG_ENTITY }] : []),
    ...entries.map((e) => ({ key: e.id, value: rowOf(e, 1), entityName: ENTRY_ENTITY })),
    ...ratings.map((r) => ({ key: satisfactionKey(r.issueId, r.rater), value: { issueId: r.issueId, issueKey: r.issueKey, rater: r.rater, score: r.score, comment: r.comment, at: Date.parse(r.at), organizationId: r.organizationId ?? '', history: [] } satisfies SatisfactionRow, entityName: SATISFACTION_ENTITY })),
  ];
}
