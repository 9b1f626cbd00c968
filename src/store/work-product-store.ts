import { randomUUID } from 'node:crypto';
import { Filter, FilterConditions, Sort, kvs } from '@forge/kvs';
import type { z } from 'zod';
import { Refusal } from '../domain/refusal';
import { isValueTooLarge } from './kvs-errors';

/**
 * Versioned work products in Forge storage (D23: unique id, version, status, author, approvals with who/when, an
 * audit trail; nothing is deleted, a superseded version stays readable).
 *
 * Layout per document id (e.g. `WP.08`, `WP.14`, `config`):
 *   entity `wp-head`, key = doc id     { docId, version, draftRevision, status, updatedAt }: the one row every write
 *                                      is conditioned on (optimistic concurrency: two admins cannot silently overwrite
 *                                      each other);
 *   key `doc:<id>:v:<000001>`          each approved/recorded version, never overwritten;
 *   key `doc:<id>:draft`               the pending draft, if any;
 *   entity `audit-event`               one row per action, queried by document and time.
 * Every change is one KVS transaction: the head (conditional), the version or draft, and the audit row.
 */

export const HEAD_ENTITY = 'wp-head';
export const AUDIT_ENTITY = 'audit-event';

export interface Head { docId: string; version: number; draftRevision: number; status: string; updatedAt: string }

export interface StoredVersion<C> {
  docId: string;
  workProduct: string;
  version: number;
  status: string;
  content: C;
  createdBy: string;
  createdAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
}

export interface StoredDraft<C> { docId: string; revision: number; baseVersion: number | null; content: C; updatedBy: string; updatedAt: string }

export interface AuditRow { workProduct: string; at: number; actor: string; action: string; summary: string; version: number }

export interface AuditRecord { at: string; actor: string; action: string; summary: string; version: number | null }

/** Someone else changed the document since the caller read it. */
export class ConflictError extends Refusal {
  constructor(message: string) { super('conflict', message); this.name = 'ConflictError'; }
}

/** The caller's request does not fit the document's state (no draft, wrong revision, …). */
export class DocumentStateError extends Refusal {
  constructor(message: string) { super('refused', message); this.name = 'DocumentStateError'; }
}

export const versionKey = (docId: string, version: number): string => `doc:${docId}:v:${String(version).padStart(6, '0')}`;
export const draftKey = (docId: string): string => `doc:${docId}:draft`;

/** One write of a transaction, in the shape the sandbox seed can also apply directly. */
export interface Write { key: string; value: unknown; entityName?: string }

/** One audit-trail row of a document (D23), for a transaction of this store or of a record kept beside it (training.ts). */
export function auditWrite(docId: string, row: Omit<AuditRow, 'workProduct'>): Write {
  return { key: `${docId}#${String(row.at).padStart(15, '0')}#${randomUUID().slice(0, 8)}`, value: { workProduct: docId, ...row }, entityName: AUDIT_ENTITY };
}

/**
 * The writes that create version 1 of a document directly (used by the sandbox seed, so that seeded data has
 * exactly the layout the app writes).
 */
export function initialVersionWrites<C>(docId: string, v: Omit<StoredVersion<C>, 'docId' | 'version'>, summary: string): Write[] {
  const at = Date.parse(v.approvedAt ?? v.createdAt);
  return [
    { key: docId, value: { docId, version: 1, draftRevision: 0, status: v.status, updatedAt: v.approvedAt ?? v.createdAt } satisfies Head, entityName: HEAD_ENTITY },
    { key: versionKey(docId, 1), value: { docId, version: 1, ...v } satisfies StoredVersion<C> },
    auditWrite(docId, { at, actor: v.approvedBy ?? v.createdBy, action: 'approved', summary, version: 1 }),
  ];
}

async function readHead(docId: string): Promise<Head | null> {
  const head = await kvs.entity<Head>(HEAD_ENTITY).get(docId);
  return head ?? null;
}

function parseStored<T>(what: string, schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`The stored ${what} is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/**
 * Applies the writes atomically, conditioned on the head still being what the caller read. A value over Forge's size
 * limit is answered in words (the payload schemas check the limits first; this is the last line).
 */
async function commit(type: Pick<DocumentType<unknown>, 'docId' | 'title'>, expected: Head | null, next: Head, writes: Write[], deletes: string[] = []): Promise<void> {
  const docId = type.docId;
  const tx = kvs.transact();
  const condition = expected
    ? new Filter<Head>().and('version', FilterConditions.equalTo(expected.version)).and('draftRevision', FilterConditions.equalTo(expected.draftRevision))
    : new Filter<Head>().and('version', FilterConditions.notExists());
  tx.set(docId, next, { entityName: HEAD_ENTITY, conditions: condition });
  for (const w of writes) {
    if (w.entityName) tx.set(w.key, w.value, { entityName: w.entityName });
    else tx.set(w.key, w.value);
  }
  for (const key of deletes) tx.delete(key);
  try {
    await tx.execute();
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'CONDITIONAL_CHECK_FAILED' || /condition/i.test(e instanceof Error ? e.message : '')) {
      throw new ConflictError('Someone else changed this work product while you were editing it. Reload the page to see their change, then apply yours again.');
    }
    if (isValueTooLarge(e)) {
      throw new Refusal('invalid-input', `The ${type.title} is too large to store: Forge storage keeps at most 240 KB in one value. Shorten its longest texts or remove entries, then save again.`);
    }
    throw e;
  }
}

export interface DocumentType<C> { docId: string; workProduct: string; schema: z.ZodType<C>; title: string }

export interface DocumentState<C> { head: Head | null; current: StoredVersion<C> | null; draft: StoredDraft<C> | null }

/** Reads the head, the current version and the draft of a document. */
export async function loadDocument<C>(type: DocumentType<C>): Promise<DocumentState<C>> {
  const head = await readHead(type.docId);
  if (!head) return { head: null, current: null, draft: null };
  const [rawVersion, rawDraft] = await Promise.all([
    head.version > 0 ? kvs.get<StoredVersion<unknown>>(versionKey(type.docId, head.version)) : Promise.resolve(undefined),
    head.draftRevision > 0 ? kvs.get<StoredDraft<unknown>>(draftKey(type.docId)) : Promise.resolve(undefined),
  ]);
  const current = rawVersion ? { ...rawVersion, content: parseStored(`${type.title} version ${head.version}`, type.schema, rawVersion.content) } : null;
  const draft = rawDraft && rawDraft.revision === head.draftRevision ? { ...rawDraft, content: parseStored(`${type.title} draft`, type.schema, rawDraft.content) } : null;
  return { head, current, draft };
}

/** Reads one stored version (superseded ones stay readable, D23). */
export async function loadVersion<C>(type: DocumentType<C>, version: number): Promise<StoredVersion<C> | null> {
  const raw = await kvs.get<StoredVersion<unknown>>(versionKey(type.docId, version));
  return raw ? { ...raw, content: parseStored(`${type.title} version ${version}`, type.schema, raw.content) } : null;
}

/** `extra`: writes of a record kept beside the document, committed in the same transaction (e.g. an index row). */
interface Change { actor: string; now: number; summary: string; extra?: readonly Write[] }

/** Saves (creates or replaces) the pending draft. `expectedRevision` is the draft revision the caller edited (null: none). */
export async function saveDraft<C>(type: DocumentType<C>, content: C, expectedRevision: number | null, change: Change): Promise<StoredDraft<C>> {
  const state = await loadDocument(type);
  const have = state.draft ? state.draft.revision : null;
  if (have !== expectedRevision) {
    throw new ConflictError(have === null
      ? `The draft of the ${type.title} you edited was approved or discarded meanwhile. Reload the page.`
      : `${state.draft?.updatedBy ?? 'Someone'} saved draft revision ${have} of the ${type.title} at ${state.draft?.updatedAt ?? '?'} while you were editing. Reload the page to see it.`);
  }
  const at = new Date(change.now).toISOString();
  const revision = (state.head?.draftRevision ?? 0) + 1;
  const draft: StoredDraft<C> = { docId: type.docId, revision, baseVersion: state.head && state.head.version > 0 ? state.head.version : null, content, updatedBy: change.actor, updatedAt: at };
  const head: Head = { docId: type.docId, version: state.head?.version ?? 0, draftRevision: revision, status: state.head?.status ?? 'Draft', updatedAt: at };
  await commit(type, state.head, head, [{ key: draftKey(type.docId), value: draft }, auditWrite(type.docId, { at: change.now, actor: change.actor, action: 'draft-saved', summary: change.summary, version: head.version }), ...(change.extra ?? [])]);
  return draft;
}

function requireDraft<C>(type: DocumentType<C>, state: DocumentState<C>, revision: number): StoredDraft<C> {
  if (!state.draft) throw new DocumentStateError(`There is no draft of the ${type.title} to act on; it may have been approved or discarded meanwhile. Reload the page.`);
  if (state.draft.revision !== revision) {
    throw new ConflictError(`The draft of the ${type.title} changed (now revision ${state.draft.revision} by ${state.draft.updatedBy}); review the latest revision before acting on it. Reload the page.`);
  }
  return state.draft;
}

/**
 * Makes the draft the next version. `finalise` turns the draft content into the version content (e.g. carries
 * over what is recorded directly on the current version) and may refuse by throwing.
 */
export async function approveDraft<C>(type: DocumentType<C>, revision: number, status: (previous: StoredVersion<C> | null) => string, finalise: (draft: C, current: StoredVersion<C> | null) => C, change: Change): Promise<StoredVersion<C>> {
  const state = await loadDocument(type);
  const draft = requireDraft(type, state, revision);
  const at = new Date(change.now).toISOString();
  const version = (state.head?.version ?? 0) + 1;
  const stored: StoredVersion<C> = {
    docId: type.docId, workProduct: type.workProduct, version, status: status(state.current), content: finalise(draft.content, state.current),
    createdBy: draft.updatedBy, createdAt: draft.updatedAt, approvedBy: change.actor, approvedAt: at,
  };
  const head: Head = { docId: type.docId, version, draftRevision: state.head?.draftRevision ?? revision, status: stored.status, updatedAt: at };
  await commit(type, state.head, head, [
    { key: versionKey(type.docId, version), value: stored },
    auditWrite(type.docId, { at: change.now, actor: change.actor, action: 'approved', summary: change.summary, version }),
    ...(change.extra ?? []),
  ], [draftKey(type.docId)]);
  return stored;
}

export async function discardDraft<C>(type: DocumentType<C>, revision: number, change: Change): Promise<void> {
  const state = await loadDocument(type);
  requireDraft(type, state, revision);
  const head: Head = { ...(state.head as Head), updatedAt: new Date(change.now).toISOString() };
  await commit(type, state.head, head, [auditWrite(type.docId, { at: change.now, actor: change.actor, action: 'draft-discarded', summary: change.summary, version: head.version }), ...(change.extra ?? [])], [draftKey(type.docId)]);
}

/**
 * Records a new version directly, without a draft (the profile configuration, the project mapping).
 * `expectedVersion` guards against a concurrent change (null: the document must not exist yet). The version carries
 * only the approval it is given (D23, D27): none unless `change.approval` names one; nothing is copied from the
 * version before.
 */
export async function recordVersion<C>(type: DocumentType<C>, expectedVersion: number | null, status: string, content: (current: StoredVersion<C> | null) => C, change: Change & { action: string; approval?: { by: string; at: string } }): Promise<StoredVersion<C>> {
  const state = await loadDocument(type);
  const have = state.current ? state.current.version : null;
  if (have !== expectedVersion) {
    throw new ConflictError(`The ${type.title} changed meanwhile (now version ${have ?? 'none'}). Reload the page and apply your change again.`);
  }
  const at = new Date(change.now).toISOString();
  const version = (state.head?.version ?? 0) + 1;
  const stored: StoredVersion<C> = {
    docId: type.docId, workProduct: type.workProduct, version, status, content: content(state.current),
    createdBy: change.actor, createdAt: at, approvedBy: change.approval?.by ?? null, approvedAt: change.approval?.at ?? null,
  };
  const head: Head = { docId: type.docId, version, draftRevision: state.head?.draftRevision ?? 0, status, updatedAt: at };
  await commit(type, state.head, head, [
    { key: versionKey(type.docId, version), value: stored },
    auditWrite(type.docId, { at: change.now, actor: change.actor, action: change.action, summary: change.summary, version }),
  ]);
  return stored;
}

/** The audit trail of a document, newest first. */
export async function auditTrail(docId: string, limit = 100): Promise<AuditRecord[]> {
  const page = await kvs.entity<AuditRow>(AUDIT_ENTITY).query().index('by-work-product', { partition: [docId] }).sort(Sort.DESC).limit(limit).getMany();
  return page.results.map(({ value }) => ({ at: new Date(value.at).toISOString(), actor: value.actor, action: value.action, summary: value.summary, version: value.version > 0 ? value.version : null }));
}
