import { Filter, FilterConditions, WhereConditions, kvs } from '@forge/kvs';
import type { z } from 'zod';
import { approvedAgreementStatus, maySignAgreement, missingAgreementSignOffs, type AgreementSignOff, type AgreementStatus, type SignOffChannel } from '../domain/agreement/approval';
import { agreementContentSchema, type AgreementApproverRole, type AgreementContent } from '../domain/agreement/content';
import { Refusal } from '../domain/refusal';
import type { RoleCode } from '../domain/roles';
import { approvedAgreementVersionWrite } from './agreement-versions';
import { isConditionFailure } from './kvs-errors';
import {
  approveDraft, auditWrite, discardDraft, DocumentStateError, initialVersionWrites, loadDocument, saveDraft,
  type DocumentState, type DocumentType, type StoredVersion, type Write,
} from './work-product-store';

/**
 * Customer and supplier agreements (WP.03, WP.21; RE.2.1, RE.2.2, RE.2.5, RE-09; D18, D23) in app storage. Each
 * agreement issue is a versioned work product of work-product-store.ts, docId `agreement:<issueId>`: the pending draft
 * (RE.2.1), the approved versions ("Approved" the first, "Updated" the later ones, RE.2.5), the audit trail. Changing
 * an approved agreement saves a draft; the approved version stays in force until the draft is signed by every party it
 * lists (RE-09); every version stays readable (D23).
 *
 * Beside it:
 *   entity `agreement-signoff`  one row per party per draft revision (and one per person signing for MGT/SM), created
 *                               once each (not-exists conditions), as src/store/procedures.ts does;
 *   entity `agreement`          the register: one row per agreement, rewritten in the same transaction as every change
 *                               of its document, so the list of all agreements, their conflicts (D19) and the review
 *                               reminders (D18) read one query (100 agreements a page);
 *   entity `agreement-version`  every approved version, written in the approving transaction (agreement-versions.ts).
 */
export const AGREEMENT_ENTITY = 'agreement';
export const AGREEMENT_SIGNOFF_ENTITY = 'agreement-signoff';

export const agreementDocId = (issueId: string): string => `agreement:${issueId}`;

export const agreementDocument = (issueId: string): DocumentType<AgreementContent> => ({
  docId: agreementDocId(issueId), workProduct: 'WP.03', schema: agreementContentSchema as z.ZodType<AgreementContent>, title: 'agreement',
});

/** What the list, the conflicts and the reminders need of one version (the full content is in the document). */
export type AgreementSummary = Pick<AgreementContent, 'kind' | 'party' | 'services' | 'targets' | 'keyDates' | 'approvers'>;

export interface AgreementRow {
  issueId: string;
  issueKey: string;
  /** The issue's summary when last written. */
  title: string;
  updatedAt: string;
  status: AgreementStatus;
  /** The approved version in force (0: none yet). */
  version: number;
  draftRevision: number | null;
  approved: { version: number; approvedAt: string; content: AgreementSummary } | null;
  draft: { revision: number; content: AgreementSummary; updatedBy: string; updatedAt: string } | null;
  /** Each approved version with the draft revision it was signed on (its sign-offs), oldest first. */
  versions: Array<{ version: number; revision: number; status: AgreementStatus; approvedAt: string }>;
  /** Display names of the people the agreement names (contacts, owner, signers), kept so the panel asks Jira nothing. */
  people: Record<string, string>;
  /** D18: the last review recorded (YYYY-MM-DD); an approval counts as a review. */
  lastReviewedOn: string | null;
  /** Agreements through Jira's REST API: the last content read from the description, and what was wrong with it. */
  imported: { fingerprint: string; at: string; problems: string[] } | null;
}

const summaryOf = (c: AgreementContent): AgreementSummary => ({ kind: c.kind, party: c.party, services: c.services, targets: c.targets, keyDates: c.keyDates, approvers: c.approvers });

interface SignOffRow { docId: string; revision: number; kind: 'role' | 'person'; role: string; by: string; at: string; how: SignOffChannel | null; givenBy: string | null }

const signOffKey = (docId: string, revision: number, kind: 'role' | 'person', who: string): string => `${docId}#${String(revision).padStart(6, '0')}#${kind}#${who}`;

export async function loadAgreementRow(issueId: string): Promise<AgreementRow | null> {
  return (await kvs.entity<AgreementRow>(AGREEMENT_ENTITY).get(issueId)) ?? null;
}

/** Every agreement's register row (at most 1,000; one query a hundred), by issue key. */
export async function listAgreementRows(): Promise<AgreementRow[]> {
  const out: AgreementRow[] = [];
  let cursor: string | undefined;
  do {
    let q = kvs.entity<AgreementRow>(AGREEMENT_ENTITY).query().index('by-updated').limit(100);
    if (cursor) q = q.cursor(cursor);
    const page = await q.getMany();
    out.push(...page.results.map((r) => r.value));
    cursor = page.nextCursor;
  } while (cursor && out.length < 1000);
  return out.sort((a, b) => a.issueKey.localeCompare(b.issueKey, undefined, { numeric: true }));
}

/** The sign-offs of one draft revision, in the order the content lists its approvers. */
export async function agreementSignOffsOf(issueId: string, revision: number, approvers?: readonly AgreementApproverRole[]): Promise<AgreementSignOff[]> {
  const page = await kvs.entity<SignOffRow>(AGREEMENT_SIGNOFF_ENTITY).query().index('by-draft', { partition: [agreementDocId(issueId)] }).where(WhereConditions.equalTo(revision)).limit(20).getMany();
  const rows = page.results.map((r) => r.value).filter((v) => v.kind === 'role');
  const order = approvers ?? ['MGT', 'SM', 'CUS', 'SUP'];
  return [...rows]
    .sort((a, b) => order.indexOf(a.role as AgreementApproverRole) - order.indexOf(b.role as AgreementApproverRole))
    .map((r) => ({ role: r.role as AgreementApproverRole, by: r.by, at: r.at, how: r.how, givenBy: r.givenBy }));
}

export interface AgreementState {
  issueId: string;
  document: DocumentState<AgreementContent>;
  row: AgreementRow | null;
  /** The sign-offs the pending draft has so far (empty without a draft). */
  signOffs: AgreementSignOff[];
}

export async function loadAgreement(issueId: string): Promise<AgreementState> {
  const [document, row] = await Promise.all([loadDocument(agreementDocument(issueId)), loadAgreementRow(issueId)]);
  const signOffs = document.draft ? await agreementSignOffsOf(issueId, document.draft.revision, document.draft.content.approvers) : [];
  return { issueId, document, row, signOffs };
}

export interface IssueNames { issueId: string; issueKey: string; title: string }

function nextRow(issue: IssueNames, before: AgreementRow | null, at: string, patch: Partial<AgreementRow>): Write {
  const base: AgreementRow = before ?? {
    issueId: issue.issueId, issueKey: issue.issueKey, title: issue.title, updatedAt: at, status: 'Draft', version: 0, draftRevision: null,
    approved: null, draft: null, versions: [], people: {}, lastReviewedOn: null, imported: null,
  };
  const row: AgreementRow = { ...base, issueKey: issue.issueKey, title: issue.title, updatedAt: at, ...patch };
  return { key: issue.issueId, value: row, entityName: AGREEMENT_ENTITY };
}

interface Change { actor: string; now: number; summary: string }

/**
 * RE.2.1 / RE.2.5: saves the draft (a new one when the agreement is approved: the approved version stays in force).
 * `people` adds display names to the register; `imported` records a description's content (REST path).
 */
export async function saveAgreementDraft(issue: IssueNames, content: AgreementContent, expectedRevision: number | null, change: Change & { people?: Record<string, string>; imported?: AgreementRow['imported'] }): Promise<AgreementState> {
  const type = agreementDocument(issue.issueId);
  const state = await loadAgreement(issue.issueId);
  const at = new Date(change.now).toISOString();
  const revision = (state.document.head?.draftRevision ?? 0) + 1;
  const row = nextRow(issue, state.row, at, {
    status: state.row?.status ?? 'Draft', draftRevision: revision,
    draft: { revision, content: summaryOf(content), updatedBy: change.actor, updatedAt: at },
    people: { ...(state.row?.people ?? {}), ...(change.people ?? {}) },
    ...(change.imported !== undefined ? { imported: change.imported } : {}),
  });
  await saveDraft(type, content, expectedRevision, { ...change, extra: [row] });
  return loadAgreement(issue.issueId);
}

/** Records what was wrong with a description's content (the panel shows why nothing was drafted). */
export async function recordImportProblems(issue: IssueNames, imported: NonNullable<AgreementRow['imported']>): Promise<void> {
  const before = await loadAgreementRow(issue.issueId);
  const row = nextRow(issue, before, imported.at, { imported, updatedAt: before?.updatedAt ?? imported.at });
  await kvs.entity<AgreementRow>(AGREEMENT_ENTITY).set(row.key, row.value as AgreementRow);
}

export async function discardAgreementDraft(issue: IssueNames, revision: number, change: Change): Promise<AgreementState> {
  const state = await loadAgreement(issue.issueId);
  const row = nextRow(issue, state.row, new Date(change.now).toISOString(), { draftRevision: null, draft: null });
  await discardDraft(agreementDocument(issue.issueId), revision, { ...change, extra: [row] });
  return loadAgreement(issue.issueId);
}

/** D18: records that the agreement was reviewed on `on` (YYYY-MM-DD), with an audit row. */
export async function recordAgreementReview(issue: IssueNames, on: string, change: Change): Promise<void> {
  const before = await loadAgreementRow(issue.issueId);
  const row = nextRow(issue, before, new Date(change.now).toISOString(), { lastReviewedOn: on });
  const trail = auditWrite(agreementDocId(issue.issueId), { at: change.now, actor: change.actor, action: 'reviewed', summary: change.summary, version: before?.version ?? 0 });
  await kvs.transact().set(row.key, row.value, { entityName: AGREEMENT_ENTITY }).set(trail.key, trail.value, { entityName: trail.entityName! }).execute();
}

export interface Signer { accountId: string; roles: readonly RoleCode[] }

/**
 * RE.2.2, ROL-12: one listed party signs the draft `revision` (MGT, SM: the signer; CUS, SUP: recorded by the RM or SM
 * with how it was given). `approvable` is asked before anything is written and refuses with its words (RE-08, SLM-08,
 * SLM-09). When every listed party has signed, the draft becomes the next version, written with its approved-version
 * row and the register in one transaction. Answers the approved version, if this sign-off completed it.
 */
export async function signAgreement(
  issue: IssueNames, revision: number, role: AgreementApproverRole, signer: Signer,
  given: { how: SignOffChannel | null; givenBy: string | null }, now: number,
  approvable: (content: AgreementContent) => string | null, people: Record<string, string> = {},
): Promise<{ approved: StoredVersion<AgreementContent> | null; signOffs: AgreementSignOff[] }> {
  const type = agreementDocument(issue.issueId);
  const docId = type.docId;
  const state = await loadAgreement(issue.issueId);
  const draft = state.document.draft;
  if (!draft) throw new DocumentStateError('There is no draft of this agreement to sign; it may have been approved or discarded meanwhile. Reload the page.');
  if (draft.revision !== revision) throw new DocumentStateError(`The draft of this agreement changed (now revision ${String(draft.revision)}); read the latest draft before signing it. Reload the page.`);
  const refuse = (signOffs: readonly AgreementSignOff[]) => {
    const d = maySignAgreement(draft.content.approvers, signer, role, signOffs);
    if (!d.allowed) throw new Refusal(d.code, `${d.message} (${d.rule})`);
  };
  refuse(state.signOffs);
  const why = approvable(draft.content);
  if (why !== null) throw new Refusal('refused', why);

  const at = new Date(now).toISOString();
  const base = { docId, revision, role, by: signer.accountId, at, how: given.how, givenBy: given.givenBy };
  const roleWords = role === 'MGT' ? 'Management' : role === 'SM' ? 'the Service Manager' : role === 'CUS' ? 'the customer' : 'the supplier';
  const summary = role === 'CUS' || role === 'SUP'
    ? `Recorded the sign-off of ${roleWords}${given.givenBy ? ` (${given.givenBy})` : ''} by ${given.how ?? 'an unstated channel'} on draft revision ${String(revision)} (RE.2.2).`
    : `Signed draft revision ${String(revision)} as ${roleWords} (RE.2.2).`;
  const trail = auditWrite(docId, { at: now, actor: signer.accountId, action: 'signed-off', summary, version: state.document.head?.version ?? 0 });
  const notExists = new Filter<SignOffRow>().and('docId', FilterConditions.notExists());
  try {
    let tx = kvs.transact().set(signOffKey(docId, revision, 'role', role), { ...base, kind: 'role' } satisfies SignOffRow, { entityName: AGREEMENT_SIGNOFF_ENTITY, conditions: notExists });
    if (role === 'MGT' || role === 'SM') tx = tx.set(signOffKey(docId, revision, 'person', signer.accountId), { ...base, kind: 'person' } satisfies SignOffRow, { entityName: AGREEMENT_SIGNOFF_ENTITY, conditions: notExists });
    await tx.set(trail.key, trail.value, { entityName: trail.entityName! }).execute();
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    refuse(await agreementSignOffsOf(issue.issueId, revision, draft.content.approvers));
    throw new Refusal('conflict', 'Another sign-off was recorded at the same moment. Reload the page.');
  }

  const signOffs = await agreementSignOffsOf(issue.issueId, revision, draft.content.approvers);
  if (missingAgreementSignOffs(draft.content.approvers, signOffs).length > 0) {
    if (Object.keys(people).length) {
      const row = nextRow(issue, state.row, state.row?.updatedAt ?? at, { people: { ...(state.row?.people ?? {}), ...people } });
      await kvs.entity<AgreementRow>(AGREEMENT_ENTITY).set(row.key, row.value as AgreementRow);
    }
    return { approved: null, signOffs };
  }
  const previous = state.document.current;
  const version = (state.document.head?.version ?? 0) + 1;
  const status = approvedAgreementStatus(previous ? previous.version : null);
  const versionRow = approvedAgreementVersionWrite({ issueId: issue.issueId, issueKey: issue.issueKey, title: issue.title, version, approvedAt: now, content: draft.content });
  const row = nextRow(issue, state.row, at, {
    status, version, draftRevision: null, draft: null,
    approved: { version, approvedAt: at, content: summaryOf(draft.content) },
    versions: [...(state.row?.versions ?? []), { version, revision, status, approvedAt: at }],
    people: { ...(state.row?.people ?? {}), ...people },
    lastReviewedOn: at.slice(0, 10),
  });
  try {
    const approved = await approveDraft(type, revision, () => status, (d) => d, {
      actor: signer.accountId, now, summary: `Approved as version ${String(version)} (${status}) with the sign-offs of ${signOffs.map((s) => s.role).join(', ')} (RE.2.2).`,
      extra: [versionRow, row],
    });
    return { approved, signOffs };
  } catch (e) {
    // Another party's sign-off completed the approval at the same moment: the draft is the version now.
    const after = await loadDocument(type);
    if (!after.draft && after.current && after.current.version > (state.document.head?.version ?? 0)) return { approved: after.current, signOffs };
    throw e;
  }
}

/**
 * The writes that record version 1 of an agreement, approved with the given sign-offs (every party the content lists),
 * for the sandbox's demo seed: exactly the layout the app writes (document, sign-offs of draft revision 1, the
 * approved-version row the SLA engine reads, the register row). `people`: display names for the panel.
 */
export function seedApprovedAgreementWrites(issue: IssueNames, content: AgreementContent, draftedBy: string, signOffs: readonly AgreementSignOff[], people: Record<string, string> = {}): Write[] {
  const last = signOffs[signOffs.length - 1];
  const parsed = agreementContentSchema.safeParse(content);
  if (!parsed.success) throw new Error(`${issue.issueKey}: the seeded agreement content is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  if (!last || missingAgreementSignOffs(content.approvers, signOffs).length > 0) throw new Error(`${issue.issueKey} needs the sign-offs of ${content.approvers.join(', ')} to be seeded as approved.`);
  const docId = agreementDocId(issue.issueId);
  const approvedAt = last.at;
  const signOffWrites: Write[] = signOffs.flatMap((s) => {
    const base = { docId, revision: 1, role: s.role, by: s.by, at: s.at, how: s.how, givenBy: s.givenBy };
    return [
      { key: signOffKey(docId, 1, 'role', s.role), value: { ...base, kind: 'role' } satisfies SignOffRow, entityName: AGREEMENT_SIGNOFF_ENTITY },
      ...(s.role === 'MGT' || s.role === 'SM' ? [{ key: signOffKey(docId, 1, 'person', s.by), value: { ...base, kind: 'person' } satisfies SignOffRow, entityName: AGREEMENT_SIGNOFF_ENTITY }] : []),
    ];
  });
  const head = initialVersionWrites<AgreementContent>(docId, { workProduct: 'WP.03', status: 'Approved', content, createdBy: draftedBy, createdAt: signOffs[0]!.at, approvedBy: last.by, approvedAt }, `Approved as version 1 (Approved) with the sign-offs of ${signOffs.map((s) => s.role).join(', ')} (RE.2.2).`);
  // The head's draft revision is the one signed, as after an approval through the app.
  const headWrite = head[0]!;
  head[0] = { ...headWrite, value: { ...(headWrite.value as Record<string, unknown>), draftRevision: 1 } };
  const row = nextRow(issue, null, approvedAt, {
    status: 'Approved', version: 1, draftRevision: null, approved: { version: 1, approvedAt, content: summaryOf(content) },
    versions: [{ version: 1, revision: 1, status: 'Approved', approvedAt }], people, lastReviewedOn: approvedAt.slice(0, 10),
  });
  return [...head, ...signOffWrites, approvedAgreementVersionWrite({ ...issue, version: 1, approvedAt: Date.parse(approvedAt), content }), row];
}
