import { kvs } from '@forge/kvs';
import { catalogueContentSchema, type CatalogueContent } from '../domain/catalogue/content';
import {
  approveDraft, discardDraft, initialVersionWrites, loadDocument, loadVersion, saveDraft, type DocumentState, type DocumentType, type StoredDraft, type StoredVersion, type Write,
} from './work-product-store';

/**
 * The service catalogues (WP.10; RE-05: one or more), each a versioned work product (D23) with document id
 * `WP.10:<id>`: Draft → Approved (version 1) → Updated (every later version). Beside them:
 *   key `catalogue:register`            { ids }: every catalogue id, in the order they were created;
 *   key `catalogue:change:<issueKey>`   { issueId, issueKey, catalogueIds }: the drafts a service change request carries
 *                                       (RE.1.3 NOTE), so that its deployment publishes them (CO.3.4) with one read.
 */

export const REGISTER_KEY = 'catalogue:register';
export const changeIndexKey = (issueKey: string): string => `catalogue:change:${issueKey}`;

export interface CatalogueChangeIndex { issueId: string; issueKey: string; catalogueIds: string[] }

export function catalogueDocument(id: string): DocumentType<CatalogueContent> {
  return { docId: `WP.10:${id}`, workProduct: 'WP.10', schema: catalogueContentSchema, title: 'service catalogue (WP.10)' };
}

export async function listCatalogueIds(): Promise<string[]> {
  const raw = await kvs.get<{ ids?: unknown }>(REGISTER_KEY);
  return Array.isArray(raw?.ids) ? raw.ids.filter((x): x is string => typeof x === 'string') : [];
}

async function register(id: string): Promise<void> {
  const ids = await listCatalogueIds();
  if (!ids.includes(id)) await kvs.set(REGISTER_KEY, { ids: [...ids, id] });
}

export interface CatalogueState extends DocumentState<CatalogueContent> { id: string }

/** Every catalogue: its head, approved version and draft. */
export async function loadCatalogues(): Promise<CatalogueState[]> {
  const ids = await listCatalogueIds();
  return Promise.all(ids.map(async (id) => ({ id, ...(await loadDocument(catalogueDocument(id))) })));
}

export async function loadCatalogue(id: string): Promise<CatalogueState> {
  return { id, ...(await loadDocument(catalogueDocument(id))) };
}

export async function loadCatalogueVersion(id: string, version: number): Promise<StoredVersion<CatalogueContent> | null> {
  return loadVersion(catalogueDocument(id), version);
}

interface Change { actor: string; now: number; summary: string }

export async function saveCatalogueDraft(id: string, content: CatalogueContent, expectedRevision: number | null, change: Change): Promise<StoredDraft<CatalogueContent>> {
  const draft = await saveDraft(catalogueDocument(id), content, expectedRevision, change);
  await register(id);
  return draft;
}

/** D23: the first approved version is "Approved", every later one "Updated". */
export async function approveCatalogueDraft(id: string, revision: number, change: Change): Promise<StoredVersion<CatalogueContent>> {
  return approveDraft(catalogueDocument(id), revision, (previous) => (previous ? 'Updated' : 'Approved'), (draft) => draft, change);
}

export async function discardCatalogueDraft(id: string, revision: number, change: Change): Promise<void> {
  await discardDraft(catalogueDocument(id), revision, change);
}

export async function loadChangeIndex(issueKey: string): Promise<CatalogueChangeIndex | null> {
  const raw = await kvs.get<CatalogueChangeIndex>(changeIndexKey(issueKey));
  return raw && typeof raw.issueId === 'string' && Array.isArray(raw.catalogueIds) ? raw : null;
}

/** Remembers that a draft of this catalogue names the change (idempotent). */
export async function indexCatalogueChange(ref: { issueId: string; issueKey: string }, catalogueId: string): Promise<void> {
  const current = await loadChangeIndex(ref.issueKey);
  if (current?.catalogueIds.includes(catalogueId)) return;
  await kvs.set(changeIndexKey(ref.issueKey), { issueId: ref.issueId, issueKey: ref.issueKey, catalogueIds: [...(current?.catalogueIds ?? []), catalogueId] } satisfies CatalogueChangeIndex);
}

/** The writes of an approved catalogue as version 1 (the sandbox seed writes exactly the layout the app writes). */
export function seedCatalogueWrites(id: string, content: CatalogueContent, by: string, approver: string, at: string): Write[] {
  return [
    ...initialVersionWrites(catalogueDocument(id).docId, { workProduct: 'WP.10', status: 'Approved', content, createdBy: by, createdAt: at, approvedBy: approver, approvedAt: at }, `Approved the service catalogue “${content.name}” (RE.1.2).`),
    { key: REGISTER_KEY, value: { ids: [id] } },
  ];
}
