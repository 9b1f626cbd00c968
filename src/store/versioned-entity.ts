import { Filter, FilterConditions, kvs } from '@forge/kvs';
import { isConditionFailure } from './kvs-errors';

/**
 * Compare-and-set on one custom-entity row (ADR 010). Every row carries `rev` (an integer bumped by every write);
 * a write names the `rev` it read and fails without effect when another write came first. Forge storage offers
 * conditions only on custom entities in transactions, so every conditional write here is a one-operation
 * transaction.
 */
export interface Versioned { rev: number }

export async function readRow<T extends Versioned>(entity: string, key: string): Promise<T | null> {
  return (await kvs.entity<T>(entity).get(key)) ?? null;
}

/** Writes `next` (its `rev` set to the expected one + 1) if the row is still at `expected` (null: must not exist). */
export async function writeRow<T extends Versioned>(entity: string, key: string, expected: number | null, next: Omit<T, 'rev'>): Promise<T | null> {
  const value = { ...next, rev: (expected ?? 0) + 1 } as T;
  const conditions = expected === null
    ? new Filter<T>().and('rev', FilterConditions.notExists())
    : new Filter<T>().and('rev', FilterConditions.equalTo(expected));
  try {
    await kvs.transact().set(key, value, { entityName: entity, conditions }).execute();
    return value;
  } catch (e) {
    if (isConditionFailure(e)) return null;
    throw e;
  }
}

/** Deletes the row if it is still at `expected`; false when someone else wrote it meanwhile. */
export async function deleteRow<T extends Versioned>(entity: string, key: string, expected: number): Promise<boolean> {
  try {
    await kvs.transact().delete(key, { entityName: entity, conditions: new Filter<T>().and('rev', FilterConditions.equalTo(expected)) }).execute();
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/**
 * Read-modify-write until it lands: `change` gets the row as it is (null: absent) and answers the next value, or
 * `undefined` to write nothing. Answers what was written (or the row as it stood when `change` declined).
 */
export async function updateRow<T extends Versioned>(entity: string, key: string, change: (current: T | null) => Omit<T, 'rev'> | undefined, attempts = 8): Promise<{ written: boolean; row: T | null }> {
  for (let i = 0; i < attempts; i++) {
    const current = await readRow<T>(entity, key);
    const next = change(current);
    if (next === undefined) return { written: false, row: current };
    const written = await writeRow<T>(entity, key, current ? current.rev : null, next);
    if (written) return { written: true, row: written };
  }
  throw new Error(`Storage row ${entity}/${key} kept changing under ${attempts} attempts to update it; try again.`);
}
