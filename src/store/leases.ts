import { readRow, writeRow, type Versioned } from './versioned-entity';

/**
 * Claims with an owner and a lease (ADR 010). A run that wants to do something that must happen once (send a message,
 * escalate, run the scan) claims it: the claim names the run (`owner`) and holds until `leaseUntil`. Another run that
 * finds a live claim of someone else leaves the work alone; one that finds an expired claim (its owner crashed or
 * gave up) takes it over with a conditional write, so of two runs taking over at once exactly one wins. The owner
 * renews its lease before each step it takes, conditionally, so a run that lost its claim learns it before acting.
 */
export interface Leased extends Versioned { owner: string; leaseUntil: number }

/** Thrown by a step of a run whose claim someone else took over (its lease had run out). */
export class LeaseLostError extends Error {
  constructor(what: string) { super(`${what}: another run took over this claim; it finishes the work.`); this.name = 'LeaseLostError'; }
}

export type ClaimOutcome<T extends Leased> =
  | { status: 'claimed'; row: T; resumed: boolean }
  | { status: 'busy'; row: T }
  | { status: 'finished'; row: T };

/**
 * Claims `key` for `owner` until `now + leaseMs`. A new row is created from `initial`; an existing one is answered
 * `finished` when `isFinished` says so, `busy` while another owner's lease runs, and otherwise taken over (a crashed
 * or released claim), keeping what it recorded so far (`resumed`).
 */
export async function claim<T extends Leased>(entity: string, key: string, owner: string, now: number, leaseMs: number, initial: Omit<T, 'rev' | 'owner' | 'leaseUntil'>, isFinished: (row: T) => boolean): Promise<ClaimOutcome<T>> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const current = await readRow<T>(entity, key);
    if (!current) {
      const created = await writeRow<T>(entity, key, null, { ...initial, owner, leaseUntil: now + leaseMs } as Omit<T, 'rev'>);
      if (created) return { status: 'claimed', row: created, resumed: false };
      continue;
    }
    if (isFinished(current)) return { status: 'finished', row: current };
    if (current.owner !== owner && current.leaseUntil > now) return { status: 'busy', row: current };
    const { rev: _rev, ...rest } = current;
    void _rev;
    const taken = await writeRow<T>(entity, key, current.rev, { ...rest, owner, leaseUntil: now + leaseMs } as Omit<T, 'rev'>);
    if (taken) return { status: 'claimed', row: taken, resumed: true };
  }
  const row = await readRow<T>(entity, key);
  if (!row) throw new Error(`Claim ${entity}/${key} could not be read back.`);
  return isFinished(row) ? { status: 'finished', row } : { status: 'busy', row };
}

/** Writes the owner's next version of its claimed row (renewing the lease); throws LeaseLostError if it lost the claim. */
export async function advance<T extends Leased>(entity: string, key: string, held: T, now: number, leaseMs: number, change: (row: T) => Omit<T, 'rev' | 'owner' | 'leaseUntil'>): Promise<T> {
  const { rev: _rev, owner: _owner, leaseUntil: _lease, ...rest } = { ...held, ...change(held) };
  void _rev; void _owner; void _lease;
  const next = await writeRow<T>(entity, key, held.rev, { ...rest, owner: held.owner, leaseUntil: now + leaseMs } as Omit<T, 'rev'>);
  if (!next) throw new LeaseLostError(`${entity}/${key}`);
  return next;
}

/** Gives the claim up at once (a step failed): the next run takes it over without waiting for the lease. */
export async function release<T extends Leased>(entity: string, key: string, held: T): Promise<void> {
  const { rev: _rev, ...rest } = held;
  void _rev;
  await writeRow<T>(entity, key, held.rev, { ...rest, leaseUntil: 0 } as Omit<T, 'rev'>).catch(() => null);
}
