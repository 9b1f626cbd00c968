import { kvs, WhereConditions } from '@forge/kvs';

/**
 * The change schedule's index of planned changes (D17, WP.12): one row per change with a planned slot, written by the
 * trigger from the change as Jira has it, so the change panel finds the changes planned at the same time without a
 * Jira search (its budget is two Jira calls). An index, like the issue property: rewritten from Jira at every event.
 */
export const CHANGE_SLOT_ENTITY = 'change-slot';

export interface ChangeSlot {
  issueId: string;
  issueKey: string;
  projectKey: string;
  start: number;
  end: number;
  services: string[];
  cis: string[];
  status: string;
}

export async function saveChangeSlot(slot: ChangeSlot): Promise<void> {
  const current = await kvs.entity<ChangeSlot>(CHANGE_SLOT_ENTITY).get(slot.issueId);
  if (current && JSON.stringify(current) === JSON.stringify(slot)) return;
  await kvs.entity<ChangeSlot>(CHANGE_SLOT_ENTITY).set(slot.issueId, slot);
}

export async function removeChangeSlot(issueId: string): Promise<void> {
  if (await kvs.entity<ChangeSlot>(CHANGE_SLOT_ENTITY).get(issueId)) await kvs.entity<ChangeSlot>(CHANGE_SLOT_ENTITY).delete(issueId);
}

/** The planned changes whose slot overlaps [from, to), at most 500 (a small team's schedule). */
export async function changeSlotsOverlapping(range: { from: number; to: number }): Promise<ChangeSlot[]> {
  const out: ChangeSlot[] = [];
  let cursor: string | undefined;
  do {
    let q = kvs.entity<ChangeSlot>(CHANGE_SLOT_ENTITY).query().index('by-start').where(WhereConditions.lessThan(range.to)).limit(100);
    if (cursor) q = q.cursor(cursor);
    const page = await q.getMany();
    out.push(...page.results.map((r) => r.value).filter((s) => s.end > range.from));
    cursor = page.nextCursor;
  } while (cursor && out.length < 500);
  return out;
}

export function changeSlotWrites(slot: ChangeSlot): Array<{ key: string; value: unknown; entityName: string }> {
  return [{ key: slot.issueId, value: slot, entityName: CHANGE_SLOT_ENTITY }];
}
