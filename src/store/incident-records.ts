import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { incidentStateSchema, type IncidentState } from '../domain/incident/state';
import { isKeyConflict } from './kvs-errors';
import { readRow, updateRow, writeRow, deleteRow, type Versioned } from './versioned-entity';
import type { Leased } from './leases';

/**
 * What the app knows about each incident, in app storage (ADR 010): the authority every rule reads, where the issue
 * property is only an index the app writes.
 * - `incident-record`: the latest evaluation (priority, clocks, escalations, messages …), its snapshot mark and
 *   instant. A write never replaces an evaluation of a newer snapshot (monotonic, conditional on `rev`).
 * - `incident-facts`: what people recorded (D12 confirmation, D13 major incident manager and report); each fact is
 *   written once, conditionally, so of two people at the same instant exactly one wins.
 * - `incident-work`: work a run started and has not finished (an owner and a lease): the five-minute scan finishes
 *   what a failed or crashed run left.
 */

// ---------------------------------------------------------------------------------------------------------------
// Evaluations

export const RECORD_ENTITY = 'incident-record';

export interface IncidentRecord extends Versioned {
  issueId: string;
  issueKey: string;
  projectKey: string;
  /** The order of the Jira snapshot evaluated (`snapshotMark`): a later change of the issue has a greater mark. */
  mark: string;
  evaluatedAt: number;
  /** When the app started tracking the incident (IN-10: history before it sends no standard messages). */
  trackedSince: string;
  createdAt: number;
  /**
   * When something is next due on the incident (a breach to mark, an escalation threshold, an escalation crossed and
   * not yet done), epoch ms; a large number when nothing is. The five-minute scan finds what is due by this index
   * (`by-due`), so no property a Jira user can edit decides what gets escalated.
   */
  dueAt: number;
  state: IncidentState;
}

/** True when `a` is an evaluation of a newer snapshot than `b` (or of the same one at a later instant). */
export function isNewerEvaluation(a: Pick<IncidentRecord, 'mark' | 'evaluatedAt'>, b: Pick<IncidentRecord, 'mark' | 'evaluatedAt'>): boolean {
  return a.mark > b.mark || (a.mark === b.mark && a.evaluatedAt > b.evaluatedAt);
}

export async function loadRecord(issueId: string): Promise<IncidentRecord | null> {
  const row = await readRow<IncidentRecord>(RECORD_ENTITY, issueId);
  if (!row) return null;
  return incidentStateSchema.safeParse(row.state).success ? row : null;
}

export type SaveOutcome = { stored: true; record: IncidentRecord } | { stored: false; record: IncidentRecord | null; reason: 'newer' | 'unchanged' };

/**
 * Stores an evaluation unless the stored one is of a newer snapshot (an evaluation of an older snapshot, from a late
 * or overlapping run, never replaces it) or says the same. The first evaluation's `trackedSince` is kept.
 */
export async function saveEvaluation(candidate: Omit<IncidentRecord, 'rev'>, same: (a: IncidentState, b: IncidentState) => boolean): Promise<SaveOutcome> {
  let reason: 'newer' | 'unchanged' = 'unchanged';
  const { written, row } = await updateRow<IncidentRecord>(RECORD_ENTITY, candidate.issueId, (current) => {
    if (current && isNewerEvaluation(current, candidate)) { reason = 'newer'; return undefined; }
    const next = { ...candidate, trackedSince: current?.trackedSince ?? candidate.trackedSince };
    if (current && current.mark === candidate.mark && current.dueAt === candidate.dueAt && current.trackedSince === next.trackedSince && same(current.state, candidate.state)) { reason = 'unchanged'; return undefined; }
    return next;
  });
  return written && row ? { stored: true, record: row } : { stored: false, record: row, reason };
}

/** Rows of an entity whose indexed instant is at or before `now`, oldest first, at most `limit` (100 a query). */
async function rowsUpTo<T>(entity: string, index: string, now: number, limit: number): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    let q = kvs.entity<T>(entity).query().index(index).where(WhereConditions.lessThanEqualTo(now)).limit(Math.min(100, limit - out.length));
    if (cursor) q = q.cursor(cursor);
    const page = await q.getMany();
    out.push(...page.results.map((r) => r.value));
    cursor = page.nextCursor;
  } while (cursor && out.length < limit);
  return out;
}

/** Evaluations due at `now` (their `dueAt` passed), oldest first, at most `limit`. */
export function dueRecords(now: number, limit: number): Promise<IncidentRecord[]> {
  return rowsUpTo<IncidentRecord>(RECORD_ENTITY, 'by-due', now, limit);
}

/** Evaluations of many incidents at once (reports): 25 keys a call; missing ones are left out. */
export async function loadRecords(issueIds: readonly string[]): Promise<Map<string, IncidentRecord>> {
  const out = new Map<string, IncidentRecord>();
  for (let i = 0; i < issueIds.length; i += 25) {
    const chunk = issueIds.slice(i, i + 25);
    const res = await kvs.batchGet<IncidentRecord>(chunk.map((key) => ({ key, entityName: RECORD_ENTITY })));
    for (const item of res.successfulKeys) {
      const value = item.value as IncidentRecord | undefined;
      if (value && incidentStateSchema.safeParse(value.state).success) out.set(item.key, value);
    }
  }
  return out;
}

const WATCHING_SINCE_KEY = 'app:watching-since';

/**
 * The instant this app version first processed an incident. An incident created after it is tracked from its
 * creation, whatever order its events arrive in; one created before (adopted) from its first evaluation.
 */
export async function watchingSince(now: number): Promise<number> {
  const stored = await kvs.get<number>(WATCHING_SINCE_KEY);
  if (typeof stored === 'number') return stored;
  try { await kvs.set(WATCHING_SINCE_KEY, now, { keyPolicy: 'FAIL_IF_EXISTS' }); return now; } catch (e) {
    if (!isKeyConflict(e)) throw e;
    const winner = await kvs.get<number>(WATCHING_SINCE_KEY);
    return typeof winner === 'number' ? winner : now;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Facts people record

export const FACTS_ENTITY = 'incident-facts';

const iso = z.string();
/** `confirmedByName`: the confirming party's name when the issue does not name them (a customer contact, D12). */
export const confirmationSchema = z.object({ confirmedBy: z.string(), confirmedByName: z.string().optional(), confirmedAt: iso, how: z.string().optional(), recordedBy: z.string().optional() }).strict();
export const managerSchema = z.object({ accountId: z.string(), displayName: z.string(), namedAt: iso }).strict();
export const reportSchema = z.object({ publishedAt: iso, publishedBy: z.string(), commentId: z.string().nullable() }).strict();

export const incidentFactsSchema = z.object({
  closure: confirmationSchema.optional(),
  majorIncidentManager: managerSchema.optional(),
  majorIncidentReport: reportSchema.optional(),
}).strict();
export type IncidentFacts = z.infer<typeof incidentFactsSchema>;
export type FactName = keyof IncidentFacts;

interface FactsRow extends Versioned { issueId: string; closure?: unknown; majorIncidentManager?: unknown; majorIncidentReport?: unknown }

const factsOf = (row: Partial<FactsRow> | null | undefined): IncidentFacts => {
  const parsed = incidentFactsSchema.safeParse({ closure: row?.closure, majorIncidentManager: row?.majorIncidentManager, majorIncidentReport: row?.majorIncidentReport });
  return parsed.success ? parsed.data : {};
};

/** The recorded facts; an incident whose facts an earlier version kept (`incident-facts:<id>`) reads those. */
export async function loadFacts(issueId: string): Promise<IncidentFacts> {
  const row = await readRow<FactsRow>(FACTS_ENTITY, issueId);
  if (row) return factsOf(row);
  const legacy = await kvs.get<unknown>(`incident-facts:${issueId}`);
  const parsed = incidentFactsSchema.safeParse(legacy ?? {});
  return parsed.success ? parsed.data : {};
}

/**
 * Records one fact once: answers `{ recorded: true }` when this call wrote it, or the fact as someone else recorded
 * it first (the caller tells the person who won). Facts an earlier version kept are carried into the row.
 */
export async function recordFactOnce<N extends FactName>(issueId: string, name: N, value: NonNullable<IncidentFacts[N]>): Promise<{ recorded: true; facts: IncidentFacts } | { recorded: false; existing: NonNullable<IncidentFacts[N]>; facts: IncidentFacts }> {
  const legacy = await loadFacts(issueId);
  const { written, row } = await updateRow<FactsRow>(FACTS_ENTITY, issueId, (current) => {
    const facts = current ? factsOf(current) : legacy;
    if (facts[name] !== undefined) return undefined;
    return { issueId, ...facts, [name]: value };
  });
  const facts = row ? factsOf(row) : legacy;
  if (written) return { recorded: true, facts };
  const existing = facts[name];
  if (existing === undefined) throw new Error(`The ${name} of issue ${issueId} could not be recorded; try again.`);
  return { recorded: false, existing: existing as NonNullable<IncidentFacts[N]>, facts };
}

/** Replaces a fact this run recorded (e.g. the report's comment id, once the comment is posted). */
export async function setFact<N extends FactName>(issueId: string, name: N, value: NonNullable<IncidentFacts[N]>): Promise<void> {
  await updateRow<FactsRow>(FACTS_ENTITY, issueId, (current) => ({ issueId, ...factsOf(current), [name]: value }));
}

/** Takes back a fact this run recorded and could not complete (nothing else was done with it). */
export async function clearFact(issueId: string, name: FactName): Promise<void> {
  await updateRow<FactsRow>(FACTS_ENTITY, issueId, (current) => {
    if (!current) return undefined;
    const facts: Partial<IncidentFacts> = { ...factsOf(current) };
    delete facts[name];
    return { issueId, ...facts };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Work a run has not finished

export const WORK_ENTITY = 'incident-work';
/** A trigger's own run (Forge stops it after 25 s): its mark is taken over after this long. */
export const WORK_LEASE_MS = 60_000;

export interface WorkRow extends Leased {
  issueId: string;
  issueKey: string;
  projectKey: string;
  /** When the work first became pending. */
  since: number;
  attempts: number;
  lastError: string;
}

export interface IssueRef { issueId: string; issueKey: string; projectKey: string }

/** Marks the incident as being worked on by `owner` (the latest run owns it); the mark stays until a run finishes. */
export async function markWork(ref: IssueRef, owner: string, now: number): Promise<WorkRow> {
  const { row } = await updateRow<WorkRow>(WORK_ENTITY, ref.issueId, (current) => ({
    issueId: ref.issueId, issueKey: ref.issueKey, projectKey: ref.projectKey, owner, leaseUntil: now + WORK_LEASE_MS, since: current?.since ?? now, attempts: current?.attempts ?? 0, lastError: current?.lastError ?? '',
  }));
  if (!row) throw new Error(`Could not mark ${ref.issueKey} as pending.`);
  return row;
}

/** Takes over a mark found by the scan (expired or released); null when someone else took it first. */
export async function takeWork(row: WorkRow, owner: string, now: number): Promise<WorkRow | null> {
  const { rev: _rev, ...rest } = row;
  void _rev;
  return writeRow<WorkRow>(WORK_ENTITY, row.issueId, row.rev, { ...rest, owner, leaseUntil: now + WORK_LEASE_MS });
}

/** The owner finished everything: the mark goes, unless another run marked the incident meanwhile (its run finishes it). */
export async function finishWork(issueId: string, owner: string): Promise<boolean> {
  const row = await readRow<WorkRow>(WORK_ENTITY, issueId);
  if (!row || row.owner !== owner) return false;
  return deleteRow<WorkRow>(WORK_ENTITY, issueId, row.rev);
}

/**
 * The owner could not finish: the mark is handed on at once for the next scan, or, after repeated failures (Jira
 * refusing the same thing every time), after a pause so one broken record does not cost every scan.
 */
export async function failWork(issueId: string, owner: string, message: string, now: number): Promise<void> {
  const row = await readRow<WorkRow>(WORK_ENTITY, issueId);
  if (!row || row.owner !== owner) return;
  const attempts = row.attempts + 1;
  const { rev: _rev, ...rest } = row;
  void _rev;
  await writeRow<WorkRow>(WORK_ENTITY, issueId, row.rev, { ...rest, attempts, lastError: message.slice(0, 500), leaseUntil: attempts >= 3 ? now + Math.min(2 ** (attempts - 3), 12) * 5 * 60_000 : 0 });
}

/** Marks due for a scan: released or with an expired lease, oldest lease first (at most `limit`). */
export function dueWork(now: number, limit: number): Promise<WorkRow[]> {
  return rowsUpTo<WorkRow>(WORK_ENTITY, 'by-lease', now, limit);
}
