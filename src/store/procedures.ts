import { Filter, FilterConditions, WhereConditions, kvs } from '@forge/kvs';
import type { z } from 'zod';
import { approvedStatus, maySignOff, starterContent, missingSignOffs, PROCEDURES, procedureContentSchema, type ProcedureContent, type ProcedureDefinition, type ProcedureId, type SignOff } from '../domain/configuration/procedures';
import { Refusal } from '../domain/refusal';
import type { RoleCode } from '../domain/roles';
import { isConditionFailure } from './kvs-errors';
import {
  approveDraft, auditWrite, discardDraft, DocumentStateError, initialVersionWrites, loadDocument, loadVersion, saveDraft,
  type DocumentState, type DocumentType, type StoredVersion, type Write,
} from './work-product-store';

/**
 * The service control procedures (WP.17, WP.09) as versioned work products of work-product-store.ts (Draft →
 * Approved → Updated, D23), approved by two roles together (CO.1.3: SM and MGT; CO.1.5: CM and SM). Each sign-off of a
 * draft is a row of `procedure-signoff` written once per role and once per person (not-exists conditions in one
 * transaction, with its audit row), so a role signs once and one person signs once, however the calls race. The last
 * sign-off makes the draft the next version, carrying exactly the sign-offs it was given (D27).
 */
export const SIGNOFF_ENTITY = 'procedure-signoff';

interface SignOffRow { docId: string; revision: number; kind: 'role' | 'person'; role: string; by: string; at: string }

const documentOf = (def: ProcedureDefinition): DocumentType<ProcedureContent> => ({
  docId: def.id, workProduct: def.id, schema: procedureContentSchema(def) as z.ZodType<ProcedureContent>, title: `${def.title.toLowerCase()} (${def.id})`,
});
const documentTypes: Record<ProcedureId, DocumentType<ProcedureContent>> = { 'WP.17': documentOf(PROCEDURES['WP.17']), 'WP.09': documentOf(PROCEDURES['WP.09']) };

export const procedureDocument = (id: ProcedureId): DocumentType<ProcedureContent> => documentTypes[id];

const rowKey = (docId: string, revision: number, kind: 'role' | 'person', who: string): string => `${docId}#${String(revision).padStart(6, '0')}#${kind}#${who}`;

/** The sign-offs given to one draft revision, in the order of the procedure's approvers. */
export async function signOffsOf(def: ProcedureDefinition, revision: number): Promise<SignOff[]> {
  const page = await kvs.entity<SignOffRow>(SIGNOFF_ENTITY).query().index('by-draft', { partition: [def.id] }).where(WhereConditions.equalTo(revision)).limit(20).getMany();
  const roles = page.results.map((r) => r.value).filter((v) => v.kind === 'role');
  return def.approvers.flatMap((role) => roles.filter((r) => r.role === role).map((r) => ({ role, by: r.by, at: r.at })));
}

export interface ProcedureState {
  def: ProcedureDefinition;
  document: DocumentState<ProcedureContent>;
  /** The sign-offs the pending draft has so far (empty without a draft). */
  signOffs: SignOff[];
}

export async function loadProcedure(id: ProcedureId): Promise<ProcedureState> {
  const def = PROCEDURES[id];
  const document = await loadDocument(procedureDocument(id));
  const signOffs = document.draft ? await signOffsOf(def, document.draft.revision) : [];
  return { def, document, signOffs };
}

/** Every version of a procedure, newest first (D23: superseded versions stay readable). */
export async function loadProcedureVersions(id: ProcedureId, upTo: number): Promise<Array<StoredVersion<ProcedureContent>>> {
  const versions = await Promise.all(Array.from({ length: upTo }, (_, i) => loadVersion(procedureDocument(id), upTo - i)));
  return versions.filter((v): v is StoredVersion<ProcedureContent> => v !== null);
}

interface Change { actor: string; now: number; summary: string }

/** CO.1.2, CO.1.5: saves the draft (its sections); a saved draft starts without sign-offs. */
export async function saveProcedureDraft(id: ProcedureId, sections: Record<string, string>, expectedRevision: number | null, change: Change): Promise<void> {
  await saveDraft(procedureDocument(id), { sections, signOffs: [] }, expectedRevision, change);
}

export async function discardProcedureDraft(id: ProcedureId, revision: number, change: Change): Promise<void> {
  await discardDraft(procedureDocument(id), revision, change);
}

/**
 * CO.1.3, CO.1.5: one approving role signs the draft `revision`. Refused (in words) when the role is not an approver,
 * the signer does not hold it, the role signed already, or the signer signed already as the other role. Answers
 * whether this sign-off completed the approval (the draft is now the next version).
 */
export async function signOffProcedure(id: ProcedureId, revision: number, role: RoleCode, signer: { accountId: string; roles: readonly RoleCode[] }, now: number): Promise<{ approved: StoredVersion<ProcedureContent> | null; signOffs: SignOff[] }> {
  const def = PROCEDURES[id];
  const type = procedureDocument(id);
  const state = await loadDocument(type);
  if (!state.draft) throw new DocumentStateError(`There is no draft of the ${def.title.toLowerCase()} to approve; it may have been approved or discarded meanwhile. Reload the page.`);
  if (state.draft.revision !== revision) throw new DocumentStateError(`The draft of the ${def.title.toLowerCase()} changed (now revision ${state.draft.revision}); review the latest text before approving it. Reload the page.`);
  const refuse = (given: readonly SignOff[]) => {
    const decision = maySignOff(def, signer, role, given);
    if (!decision.allowed) throw new Refusal(decision.code, `${decision.message} (${decision.rule})`);
  };
  refuse(await signOffsOf(def, revision));

  const at = new Date(now).toISOString();
  const base = { docId: id, revision, role, by: signer.accountId, at };
  const trail = auditWrite(id, { at: now, actor: signer.accountId, action: 'signed-off', summary: `Approved draft revision ${revision} as ${role === 'MGT' ? 'Management' : role === 'SM' ? 'the Service Manager' : 'the Control Manager'} (${def.rule}).`, version: state.head?.version ?? 0 });
  try {
    await kvs.transact()
      .set(rowKey(id, revision, 'role', role), { ...base, kind: 'role' } satisfies SignOffRow, { entityName: SIGNOFF_ENTITY, conditions: new Filter<SignOffRow>().and('docId', FilterConditions.notExists()) })
      .set(rowKey(id, revision, 'person', signer.accountId), { ...base, kind: 'person' } satisfies SignOffRow, { entityName: SIGNOFF_ENTITY, conditions: new Filter<SignOffRow>().and('docId', FilterConditions.notExists()) })
      .set(trail.key, trail.value, { entityName: trail.entityName! })
      .execute();
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    // Someone signed as this role meanwhile, or this person signed as the other role: say which.
    refuse(await signOffsOf(def, revision));
    throw new Refusal('conflict', 'Another approval was recorded at the same moment. Reload the page.');
  }

  const signOffs = await signOffsOf(def, revision);
  if (missingSignOffs(def, signOffs).length > 0) return { approved: null, signOffs };
  try {
    const approved = await approveDraft(type, revision, (prev) => approvedStatus(def, prev ? prev.version : null), (d) => ({ sections: d.sections, signOffs }), {
      actor: signer.accountId, now, summary: `Approved by ${signOffs.map((s) => (s.role === 'MGT' ? 'Management' : s.role)).join(' and ')} (${def.rule}).`,
    });
    return { approved, signOffs };
  } catch (e) {
    // The other approver's call completed the approval at the same moment: the draft is the version now.
    const after = await loadDocument(type);
    if (!after.draft && after.current && after.current.version > (state.head?.version ?? 0)) return { approved: after.current, signOffs };
    throw e;
  }
}

export interface ProcedureInForce { version: number; status: string; approvedAt: string | null }

/**
 * The approved versions in force (CO-09, CO-13): the change path refers to them (e.g. no deployment without an
 * approved secure component procedure). Null when a procedure has no approved version yet.
 */
export async function loadProceduresInForce(): Promise<{ designBuildTestDeploy: ProcedureInForce | null; secureComponent: ProcedureInForce | null }> {
  const [wp17, wp09] = await Promise.all([loadDocument(procedureDocument('WP.17')), loadDocument(procedureDocument('WP.09'))]);
  const inForce = (s: DocumentState<ProcedureContent>): ProcedureInForce | null => (s.current ? { version: s.current.version, status: s.current.status, approvedAt: s.current.approvedAt } : null);
  return { designBuildTestDeploy: inForce(wp17), secureComponent: inForce(wp09) };
}

/**
 * The writes that record version 1 of a procedure, approved with the given sign-offs (the shipped text unless
 * `sections` says otherwise), for the sandbox's demo seed: the layout the app writes.
 */
export function seedApprovedProcedureWrites(id: ProcedureId, draftedBy: string, signOffs: readonly SignOff[], sections?: Record<string, string>): Write[] {
  const def = PROCEDURES[id];
  const last = signOffs[signOffs.length - 1];
  if (!last || missingSignOffs(def, signOffs).length > 0) throw new Error(`${id} needs the sign-offs of ${def.approvers.join(' and ')} to be seeded as approved.`);
  const content: ProcedureContent = { sections: sections ?? starterContent(def).sections, signOffs: [...signOffs] };
  return initialVersionWrites<ProcedureContent>(id, { workProduct: id, status: 'Approved', content, createdBy: draftedBy, createdAt: signOffs[0]!.at, approvedBy: last.by, approvedAt: last.at }, `Approved by ${signOffs.map((s) => s.role).join(' and ')} (${def.rule}).`);
}
