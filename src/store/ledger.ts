import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { communicationStateSchema, escalationStateSchema, type CommunicationState, type EscalationState } from '../domain/incident/state';
import { advance, claim, release, type ClaimOutcome, type Leased } from './leases';

/**
 * The ledger of what the app sends about an incident (ADR 009, ADR 010): one row per escalation (D14) and per
 * standard message (IN-10), in the custom entity `ledger-entry`, keyed `<kind>:<issueId>:<key>`. A row is claimed with
 * an owner and a lease before anything is sent, each step is recorded when done, and `done` marks the end. A second
 * run finds a live claim and leaves it; a crashed or failed run's claim is taken over after its lease and resumed at
 * the first step not recorded, so nothing is sent twice and nothing is lost.
 */
export const LEDGER_ENTITY = 'ledger-entry';
/** Longer than one send (a notify and a comment), far shorter than the five minutes between scans. */
export const LEDGER_LEASE_MS = 60_000;

/** `review`: an agreement's review reminder (D18), keyed by its review date (src/relationship/agreements.ts). */
export type LedgerKind = 'esc' | 'comm' | 'review';

export interface LedgerRow<R> extends Leased {
  issueId: string;
  kind: LedgerKind;
  entryKey: string;
  claimedAt: string;
  steps: Record<string, string>;
  done: boolean;
  record: R;
}
export type EscalationRow = LedgerRow<EscalationState>;
export type CommunicationRow = LedgerRow<CommunicationState>;

export const ESCALATION_STEPS = ['notified', 'commented'] as const;
export const COMMUNICATION_STEPS = ['commented'] as const;

const rowKey = (kind: LedgerKind, issueId: string, key: string): string => `${kind}:${issueId}:${key}`;

export function claimLedger<R>(kind: LedgerKind, issueId: string, key: string, record: R, owner: string, now: number): Promise<ClaimOutcome<LedgerRow<R>>> {
  return claim<LedgerRow<R>>(LEDGER_ENTITY, rowKey(kind, issueId, key), owner, now, LEDGER_LEASE_MS,
    { issueId, kind, entryKey: key, claimedAt: new Date(now).toISOString(), steps: {}, done: false, record }, (row) => row.done);
}

/** Records a finished step (and renews the lease); `done` when it was the last one. Throws LeaseLostError if the claim was lost. */
export function recordStep<R>(held: LedgerRow<R>, step: string, now: number, patch: Partial<R> = {}, done = false): Promise<LedgerRow<R>> {
  return advance<LedgerRow<R>>(LEDGER_ENTITY, rowKey(held.kind, held.issueId, held.entryKey), held, now, LEDGER_LEASE_MS,
    (row) => ({ ...row, steps: { ...row.steps, [step]: new Date(now).toISOString() }, record: { ...row.record, ...patch }, done }));
}

/** Renews the lease right before a send; throws LeaseLostError if someone else holds the claim now. */
export function renewClaim<R>(held: LedgerRow<R>, now: number): Promise<LedgerRow<R>> {
  return advance<LedgerRow<R>>(LEDGER_ENTITY, rowKey(held.kind, held.issueId, held.entryKey), held, now, LEDGER_LEASE_MS, (row) => row);
}

/** Gives a claim up after a failed step, so the next run resumes it at once. */
export function releaseClaim<R>(held: LedgerRow<R>): Promise<void> {
  return release<LedgerRow<R>>(LEDGER_ENTITY, rowKey(held.kind, held.issueId, held.entryKey), held);
}

const rowSchema = <S extends z.ZodType>(record: S) => z.object({
  issueId: z.string(), kind: z.enum(['esc', 'comm']), entryKey: z.string(), claimedAt: z.string(), steps: z.record(z.string(), z.string()),
  done: z.boolean(), record, owner: z.string(), leaseUntil: z.number(), rev: z.number(),
}).passthrough();
const escalationRowSchema = rowSchema(escalationStateSchema);
const communicationRowSchema = rowSchema(communicationStateSchema);

export interface IncidentLedger { escalations: EscalationRow[]; communications: CommunicationRow[] }

/** Every ledger row of an incident (one indexed query a page). */
export async function ledgerOf(issueId: string): Promise<IncidentLedger> {
  const out: IncidentLedger = { escalations: [], communications: [] };
  let cursor: string | undefined;
  do {
    let q = kvs.entity<LedgerRow<unknown>>(LEDGER_ENTITY).query().index('by-issue', { partition: [issueId] }).limit(100);
    if (cursor) q = q.cursor(cursor);
    const page = await q.getMany();
    for (const { value } of page.results) {
      if (value.kind === 'esc') { const p = escalationRowSchema.safeParse(value); if (p.success) out.escalations.push(p.data as EscalationRow); }
      else { const p = communicationRowSchema.safeParse(value); if (p.success) out.communications.push(p.data as CommunicationRow); }
    }
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

export const doneRecords = <R>(rows: ReadonlyArray<LedgerRow<R>>): R[] => rows.filter((r) => r.done).map((r) => r.record);

// ---------------------------------------------------------------------------------------------------------------
// The ledger of earlier versions (plain keys `esc:<issueId>:<key>` / `comm:…`, FAIL_IF_EXISTS claims without a lease):
// read once, when this version first evaluates an incident, and carried over as finished rows.

const legacyEntry = <S extends z.ZodType>(record: S) => z.object({ claimedAt: z.string(), record, steps: z.record(z.string(), z.string()) }).passthrough();

async function legacyRows<S extends z.ZodType>(kind: LedgerKind, issueId: string, schema: S, steps: readonly string[]): Promise<Array<z.infer<S>>> {
  const out: Array<z.infer<S>> = [];
  let cursor: string | undefined;
  do {
    let q = kvs.query().where('key', WhereConditions.beginsWith(`${kind}:${issueId}:`)).limit(20);
    if (cursor) q = q.cursor(cursor);
    const page = await q.getMany<unknown>();
    for (const r of page.results) {
      const p = legacyEntry(schema).safeParse(r.value);
      if (p.success && steps.every((s) => (p.data.steps as Record<string, string>)[s] !== undefined)) out.push(p.data.record as z.infer<S>);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** What an earlier version recorded as sent for this incident (finished entries only). */
export async function legacyLedgerOf(issueId: string): Promise<{ escalations: EscalationState[]; communications: CommunicationState[] }> {
  const [escalations, communications] = await Promise.all([
    legacyRows('esc', issueId, escalationStateSchema, ESCALATION_STEPS),
    legacyRows('comm', issueId, communicationStateSchema, COMMUNICATION_STEPS),
  ]);
  return { escalations, communications };
}

/** Carries finished legacy entries into the ledger as finished rows (a row already there is left as it is). */
export async function carryOverLegacy(issueId: string, legacy: { escalations: readonly EscalationState[]; communications: readonly CommunicationState[] }, now: number): Promise<void> {
  const carry = async <R extends { key: string }>(kind: LedgerKind, records: readonly R[], steps: readonly string[]) => {
    for (const record of records) {
      const outcome = await claimLedger(kind, issueId, record.key, record, 'migration', now);
      if (outcome.status === 'claimed') {
        await advance<LedgerRow<R>>(LEDGER_ENTITY, rowKey(kind, issueId, record.key), outcome.row, now, 0, (row) => ({ ...row, steps: Object.fromEntries(steps.map((s) => [s, row.claimedAt])), done: true }));
      }
    }
  };
  await carry('esc', legacy.escalations, ESCALATION_STEPS);
  await carry('comm', legacy.communications, COMMUNICATION_STEPS);
}
