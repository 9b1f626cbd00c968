import { Filter, FilterConditions, kvs, Sort } from '@forge/kvs';
import { z } from 'zod';
import { trainingRecordSchema } from './role-list';
import { ROLE_LIST } from './documents';
import { auditWrite } from './work-product-store';

/**
 * Training and competence records (IN.1.1, IN.1.2, GO.3.1; ROL-22, IN-14): part of WP.08's evidence, recorded directly
 * (GO-12), not as a new approved version of the list. One custom-entity row per record (`training-record`, manifest.yml),
 * so a team's whole history fits however long it grows (the list used to be one KVS value of at most 240 KiB); each
 * recording writes its row and a row of WP.08's audit trail in one transaction. Records that versions before issue #11
 * kept inside WP.08 (`training` of the stored content) are not moved: the view reads them beside these.
 */

export const TRAINING_ENTITY = 'training-record';
const BY_RECORDED = 'by-recorded';
/** Forge answers at most 100 custom-entity rows per query page. */
const PAGE = 100;

export type TrainingRecordStored = z.infer<typeof trainingRecordSchema>;

/** Stores one record (its id is new: a second write of the same id fails instead of replacing it) and audits it on WP.08. */
export async function recordTraining(record: TrainingRecordStored, audit: { actor: string; now: number; summary: string; version: number }): Promise<void> {
  const row = trainingRecordSchema.parse(record);
  const trail = auditWrite(ROLE_LIST.docId, { at: audit.now, actor: audit.actor, action: 'training-recorded', summary: audit.summary, version: audit.version });
  await kvs.transact()
    .set(row.id, row, { entityName: TRAINING_ENTITY, conditions: new Filter<TrainingRecordStored>().and('id', FilterConditions.notExists()) })
    .set(trail.key, trail.value, { entityName: trail.entityName! })
    .execute();
}

/**
 * The stored records, newest recorded first, at most `limit`; `more` when older ones exist beyond it. Rows that do not
 * parse are skipped (and logged), so one bad row never hides the others.
 */
export async function listTraining(limit: number): Promise<{ records: TrainingRecordStored[]; more: boolean }> {
  const records: TrainingRecordStored[] = [];
  let cursor: string | undefined;
  let more = false;
  do {
    let query = kvs.entity<TrainingRecordStored>(TRAINING_ENTITY).query().index(BY_RECORDED).sort(Sort.DESC).limit(PAGE);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const { key, value } of page.results) {
      if (records.length >= limit) { more = true; break; }
      const parsed = trainingRecordSchema.safeParse(value);
      if (parsed.success) records.push(parsed.data);
      else console.error(`training record ${key} is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ')}`);
    }
    cursor = page.nextCursor;
  } while (cursor && !more);
  return { records, more };
}

/**
 * Moves records that an earlier WP.08 version kept inside the list to their own rows, unchanged (same id, so a second
 * import writes the same rows again). They were audited when recorded; the versions that hold them stay readable (D23).
 */
export async function importLegacyTraining(records: readonly TrainingRecordStored[]): Promise<void> {
  // Forge runs at most 25 operations in one transaction.
  for (let i = 0; i < records.length; i += 25) {
    const tx = kvs.transact();
    for (const r of records.slice(i, i + 25)) tx.set(r.id, trainingRecordSchema.parse(r), { entityName: TRAINING_ENTITY });
    await tx.execute();
  }
}
