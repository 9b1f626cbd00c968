import { Filter, FilterConditions, Sort, kvs } from '@forge/kvs';
import { z } from 'zod';
import { changeVersionSummary, describeItemChange, itemContentSchema, recordStatusOf, type ItemContent, type ItemVersion, type RecordStatus } from '../domain/configuration/item';
import { Refusal } from '../domain/refusal';
import { isConditionFailure } from './kvs-errors';
import { ConflictError, type Write } from './work-product-store';

/**
 * Configuration records (WP.02; CO.1.4, CO-11, D23) in Forge storage, one custom-entity row each (manifest.yml):
 *   `config-item`          key = item id: the current version (content, version, who/when/summary/change): the row
 *                          every write is conditioned on (optimistic concurrency);
 *   `config-item-version`  key = `<id>#<000001>`: each version, never overwritten nor deleted (D23);
 *   `config-item-change`   key = `<id>#<change key>`: the one version a deployed change wrote (CO-11), created with a
 *                          not-exists condition in the same transaction as the version, so a change writes it once
 *                          whoever calls, however often and however concurrently.
 */
export const ITEM_ENTITY = 'config-item';
export const ITEM_VERSION_ENTITY = 'config-item-version';
export const ITEM_CHANGE_ENTITY = 'config-item-change';

interface ItemRow {
  id: string; name: string; service: string; kind: string; status: string; version: number;
  content: ItemContent; updatedAt: string; updatedBy: string; summary: string; changeKey: string | null;
}
interface VersionRow { ciId: string; version: number; recordStatus: RecordStatus; content: ItemContent; by: string; at: string; summary: string; changeKey: string | null }
interface ChangeRow { ciId: string; changeKey: string; version: number; at: string }

const itemRowSchema = z.object({
  id: z.string(), name: z.string(), service: z.string(), kind: z.string(), status: z.string(), version: z.number().int().positive(),
  content: itemContentSchema, updatedAt: z.string(), updatedBy: z.string(), summary: z.string(), changeKey: z.string().nullable(),
}).passthrough();
const versionRowSchema = z.object({
  ciId: z.string(), version: z.number().int().positive(), recordStatus: z.enum(['stored', 'updated']), content: itemContentSchema,
  by: z.string(), at: z.string(), summary: z.string(), changeKey: z.string().nullable(),
}).passthrough();

const versionKey = (id: string, version: number): string => `${id}#${String(version).padStart(6, '0')}`;
const changeRowKey = (id: string, changeKey: string): string => `${id}#${changeKey}`;

/** An item as it stands: its current content and version, and its last change (who, when, what, which change). */
export interface ConfigurationItemState {
  content: ItemContent;
  version: number;
  recordStatus: RecordStatus;
  updatedAt: string;
  updatedBy: string;
  summary: string;
  /** CO-11: the change whose deployment wrote the current version, if one did. */
  changeKey: string | null;
}

function stateOf(row: z.infer<typeof itemRowSchema>): ConfigurationItemState {
  return { content: row.content, version: row.version, recordStatus: recordStatusOf(row.version), updatedAt: row.updatedAt, updatedBy: row.updatedBy, summary: row.summary, changeKey: row.changeKey };
}

function parseRow(key: string, raw: unknown): z.infer<typeof itemRowSchema> | null {
  const parsed = itemRowSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  console.error(`configuration item ${key} is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ')}`);
  return null;
}

async function readItem(id: string): Promise<z.infer<typeof itemRowSchema> | null> {
  const raw = await kvs.entity<ItemRow>(ITEM_ENTITY).get(id);
  return raw ? parseRow(id, raw) : null;
}

/** Every item (active and retired), by name; `service` narrows to one service. */
export async function listConfigurationItems(filter: { service?: string } = {}): Promise<ConfigurationItemState[]> {
  const out: ConfigurationItemState[] = [];
  let cursor: string | undefined;
  do {
    const base = kvs.entity<ItemRow>(ITEM_ENTITY).query();
    let q = filter.service !== undefined ? base.index('by-service', { partition: [filter.service] }) : base.index('by-name');
    q = q.sort(Sort.ASC).limit(100);
    if (cursor) q = q.cursor(cursor);
    const page = await q.getMany();
    for (const { key, value } of page.results) {
      const row = parseRow(key, value);
      if (row) out.push(stateOf(row));
    }
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** The named items as they stand (for the change panel: their current versions); unknown ids are left out. */
export async function loadConfigurationItems(ids: readonly string[]): Promise<Map<string, ConfigurationItemState>> {
  const unique = [...new Set(ids)];
  const rows = await Promise.all(unique.map((id) => readItem(id)));
  const out = new Map<string, ConfigurationItemState>();
  rows.forEach((row, i) => { if (row) out.set(unique[i] as string, stateOf(row)); });
  return out;
}

/** Every version of an item, oldest first (D23: each one readable); empty when there is no such item. */
export async function loadConfigurationItemHistory(id: string): Promise<ItemVersion[]> {
  const out: ItemVersion[] = [];
  let cursor: string | undefined;
  do {
    let q = kvs.entity<VersionRow>(ITEM_VERSION_ENTITY).query().index('by-item', { partition: [id] }).sort(Sort.ASC).limit(100);
    if (cursor) q = q.cursor(cursor);
    const page = await q.getMany();
    for (const { key, value } of page.results) {
      const parsed = versionRowSchema.safeParse(value);
      if (!parsed.success) { console.error(`configuration item version ${key} is malformed`); continue; }
      const v = parsed.data;
      out.push({ id: v.ciId, version: v.version, recordStatus: v.recordStatus, content: v.content, by: v.by, at: v.at, summary: v.summary, changeKey: v.changeKey });
    }
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

interface Written { row: ItemRow; version: VersionRow }

function nextRows(current: z.infer<typeof itemRowSchema> | null, content: ItemContent, by: string, at: string, summary: string, changeKey: string | null): Written {
  const version = (current?.version ?? 0) + 1;
  const row: ItemRow = { id: content.id, name: content.name, service: content.service, kind: content.kind, status: content.status, version, content, updatedAt: at, updatedBy: by, summary, changeKey };
  return { row, version: { ciId: content.id, version, recordStatus: recordStatusOf(version), content, by, at, summary, changeKey } };
}

/** The head write, conditioned on the version the writer read (null: the item must not exist). */
function headCondition(expected: number | null) {
  return expected === null ? new Filter<ItemRow>().and('version', FilterConditions.notExists()) : new Filter<ItemRow>().and('version', FilterConditions.equalTo(expected));
}

/**
 * Stores a new item (`expectedVersion` null: version 1, "stored") or a new version of one (`expectedVersion` = the
 * version the editor read: "updated"). Every edit is a new version (D23); someone else's edit meanwhile is a conflict.
 * Retiring is an edit with status "retired".
 */
export async function saveConfigurationItem(input: ItemContent, expectedVersion: number | null, actor: string, at: number): Promise<{ state: ConfigurationItemState; history: ItemVersion }> {
  const content = itemContentSchema.parse(input);
  const current = await readItem(content.id);
  if (expectedVersion === null && current) {
    throw new ConflictError(`A configuration item with the identifier "${content.id}" exists already ("${current.content.name}", version ${current.version}). Choose another identifier, or edit that item.`);
  }
  if (expectedVersion !== null && !current) throw new Refusal('refused', `There is no configuration item "${content.id}" to edit; reload the page.`);
  if (current && current.version !== expectedVersion) {
    throw new ConflictError(`${current.updatedBy === actor ? 'You' : 'Someone else'} saved version ${current.version} of "${current.content.name}" meanwhile (you edited version ${expectedVersion ?? 'none'}). Reload the page to see it, then apply your change again.`);
  }
  const when = new Date(at).toISOString();
  const { row, version } = nextRows(current, content, actor, when, describeItemChange(current?.content ?? null, content), null);
  try {
    await kvs.transact()
      .set(content.id, row, { entityName: ITEM_ENTITY, conditions: headCondition(expectedVersion) })
      .set(versionKey(content.id, version.version), version, { entityName: ITEM_VERSION_ENTITY, conditions: new Filter<VersionRow>().and('version', FilterConditions.notExists()) })
      .execute();
  } catch (e) {
    if (isConditionFailure(e)) throw new ConflictError(`Someone else saved "${content.name}" while you were editing it. Reload the page to see their change, then apply yours again.`);
    throw e;
  }
  return { state: stateOf(itemRowSchema.parse(row)), history: { id: content.id, ...version, content } };
}

export interface ChangeVersionOutcome {
  /** Items that got a new version naming the change now. */
  written: Array<{ id: string; version: number }>;
  /** Items the change had already written a version of (an earlier or concurrent call): left as they are. */
  already: Array<{ id: string; version: number }>;
  /** Ids that name no configuration item. */
  missing: string[];
}

async function recordOne(id: string, changeKey: string, by: string, at: string, summary: string | undefined): Promise<{ kind: 'written' | 'already' | 'missing'; version: number }> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const claimed = await kvs.entity<ChangeRow>(ITEM_CHANGE_ENTITY).get(changeRowKey(id, changeKey));
    if (claimed) return { kind: 'already', version: claimed.version };
    const current = await readItem(id);
    if (!current) return { kind: 'missing', version: 0 };
    const { row, version } = nextRows(current, current.content, by, at, changeVersionSummary(changeKey, summary), changeKey);
    try {
      await kvs.transact()
        .set(id, row, { entityName: ITEM_ENTITY, conditions: headCondition(current.version) })
        .set(versionKey(id, version.version), version, { entityName: ITEM_VERSION_ENTITY, conditions: new Filter<VersionRow>().and('version', FilterConditions.notExists()) })
        .set(changeRowKey(id, changeKey), { ciId: id, changeKey, version: version.version, at } satisfies ChangeRow, { entityName: ITEM_CHANGE_ENTITY, conditions: new Filter<ChangeRow>().and('ciId', FilterConditions.notExists()) })
        .execute();
      return { kind: 'written', version: version.version };
    } catch (e) {
      // Another write came first: the same change (then the claim is there on the next read) or another edit (retry).
      if (!isConditionFailure(e)) throw e;
    }
  }
  throw new Error(`Configuration item ${id} kept changing under eight attempts to record ${changeKey} on it; try again.`);
}

/**
 * CO-11, CO.3.4: a deployed change writes a new version of every affected item, naming the change. Idempotent: for
 * one (item, change) exactly one version is ever written, however often or concurrently this is called.
 */
export async function recordChangeVersions(input: { changeKey: string; ciIds: readonly string[]; by: string; at: number; summary?: string }): Promise<ChangeVersionOutcome> {
  const at = new Date(input.at).toISOString();
  const ids = [...new Set(input.ciIds)];
  const results = await Promise.all(ids.map((id) => recordOne(id, input.changeKey, input.by, at, input.summary)));
  const out: ChangeVersionOutcome = { written: [], already: [], missing: [] };
  results.forEach((r, i) => {
    const id = ids[i] as string;
    if (r.kind === 'missing') out.missing.push(id);
    else out[r.kind].push({ id, version: r.version });
  });
  return out;
}

/** The items a change wrote versions of (CO-11), with those versions. */
export async function itemsWrittenByChange(changeKey: string): Promise<Array<{ id: string; version: number; at: string }>> {
  const out: Array<{ id: string; version: number; at: string }> = [];
  let cursor: string | undefined;
  do {
    let q = kvs.entity<ChangeRow>(ITEM_CHANGE_ENTITY).query().index('by-change', { partition: [changeKey] }).limit(100);
    if (cursor) q = q.cursor(cursor);
    const page = await q.getMany();
    for (const { value } of page.results) out.push({ id: value.ciId, version: value.version, at: value.at });
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/**
 * The writes that record an item with its whole history directly (for the sandbox's demo seed, so that seeded records
 * have exactly the layout the app writes): one version per entry, oldest first, with the change rows of CO-11.
 */
export function seedItemWrites(history: ReadonlyArray<{ content: ItemContent; by: string; at: number; summary?: string; changeKey?: string }>): Write[] {
  const writes: Write[] = [];
  let current: z.infer<typeof itemRowSchema> | null = null;
  for (const h of history) {
    const content = itemContentSchema.parse(h.content);
    const at = new Date(h.at).toISOString();
    const summary = h.changeKey ? changeVersionSummary(h.changeKey, h.summary) : h.summary ?? describeItemChange(current?.content ?? null, content);
    const { row, version } = nextRows(current, content, h.by, at, summary, h.changeKey ?? null);
    writes.push({ key: versionKey(content.id, version.version), value: version, entityName: ITEM_VERSION_ENTITY });
    if (h.changeKey) writes.push({ key: changeRowKey(content.id, h.changeKey), value: { ciId: content.id, changeKey: h.changeKey, version: version.version, at } satisfies ChangeRow, entityName: ITEM_CHANGE_ENTITY });
    current = itemRowSchema.parse(row);
  }
  if (current) writes.push({ key: current.id, value: current, entityName: ITEM_ENTITY });
  return writes;
}
