import type { z } from 'zod';
import { APPROACH_DOC_ID, approachContentSchema, approvalRefusal, describeApproachChange, type ApproachContent, type PartySignOff } from '../domain/feedback/approach';
import { Refusal } from '../domain/refusal';
import {
  approveDraft, discardDraft, DocumentStateError, initialVersionWrites, loadDocument, loadVersion, saveDraft,
  type DocumentState, type DocumentType, type StoredVersion, type Write,
} from './work-product-store';

/**
 * The customer experience approach (WP.04; GO.2.3, GO-09) as a versioned work product of work-product-store.ts
 * (docId 'WP.04', D23: versions, audit trail, nothing deleted). The customer's and the supplier's agreement are part of
 * the draft's content: recording one saves the draft again (a new revision, conditioned on the one the caller saw), and
 * editing the text starts the draft without them, so Management approves exactly the text the parties agreed to.
 */
export const APPROACH_DOCUMENT: DocumentType<ApproachContent> = {
  docId: APPROACH_DOC_ID, workProduct: APPROACH_DOC_ID, schema: approachContentSchema as z.ZodType<ApproachContent>, title: 'customer experience approach (WP.04)',
};

interface Change { actor: string; now: number }

export async function loadApproach(): Promise<DocumentState<ApproachContent>> {
  return loadDocument(APPROACH_DOCUMENT);
}

/** Every version, newest first (D23). */
export async function loadApproachVersions(upTo: number): Promise<Array<StoredVersion<ApproachContent>>> {
  const versions = await Promise.all(Array.from({ length: upTo }, (_, i) => loadVersion(APPROACH_DOCUMENT, upTo - i)));
  return versions.filter((v): v is StoredVersion<ApproachContent> => v !== null);
}

/** The approved version in force (GO-09: RE.2.3 runs only when there is one). */
export async function approachInForce(): Promise<StoredVersion<ApproachContent> | null> {
  return (await loadApproach()).current;
}

/** GO.2.3: saves the draft's text and targets; a saved text starts without the parties' agreement. */
export async function saveApproachDraft(content: Pick<ApproachContent, 'sections' | 'targets'>, expectedRevision: number | null, change: Change): Promise<void> {
  const state = await loadApproach();
  const before = state.draft?.content ?? state.current?.content ?? null;
  const next: ApproachContent = { sections: content.sections, targets: content.targets, signOffs: [] };
  await saveDraft(APPROACH_DOCUMENT, next, expectedRevision, { ...change, summary: `Draft saved${state.current ? ` (based on version ${state.current.version})` : ''}: ${describeApproachChange(before, next)}` });
}

/** GO.2.3: records the customer's or the supplier's agreement to draft `revision` (how it was given, by whom). */
export async function recordApproachSignOff(revision: number, signOff: Omit<PartySignOff, 'recordedBy' | 'at'>, change: Change): Promise<void> {
  const state = await loadApproach();
  if (!state.draft) throw new DocumentStateError('There is no draft of the customer experience approach to agree to; it may have been approved or discarded meanwhile. Reload the page.');
  if (state.draft.revision !== revision) throw new DocumentStateError(`The draft of the customer experience approach changed (now revision ${state.draft.revision}); reload the page and record the agreement on the latest text.`);
  if (state.draft.content.signOffs.some((s) => s.party === signOff.party)) throw new Refusal('refused', `The ${signOff.party === 'CUS' ? 'customer' : 'supplier'}’s agreement is already recorded on this draft.`);
  const at = new Date(change.now).toISOString();
  const next: ApproachContent = { ...state.draft.content, signOffs: [...state.draft.content.signOffs, { ...signOff, recordedBy: change.actor, at }] };
  await saveDraft(APPROACH_DOCUMENT, next, revision, { ...change, summary: `Recorded the agreement of ${signOff.party === 'CUS' ? 'the customer' : 'the supplier'} (${signOff.name}, by ${signOff.how}) (GO.2.3).` });
}

/** GO.2.3: Management approves draft `revision`; refused until the customer and the supplier agreed to it. */
export async function approveApproach(revision: number, change: Change): Promise<StoredVersion<ApproachContent>> {
  const state = await loadApproach();
  if (state.draft && state.draft.revision === revision) {
    const refusal = approvalRefusal(state.draft.content.signOffs);
    if (refusal) throw new Refusal('refused', refusal);
  }
  return approveDraft(APPROACH_DOCUMENT, revision, () => 'Approved', (draft) => draft, { ...change, summary: 'Approved by Management with the customer’s and the supplier’s agreement (GO.2.3).' });
}

export async function discardApproachDraft(revision: number, change: Change): Promise<void> {
  await discardDraft(APPROACH_DOCUMENT, revision, { ...change, summary: 'Draft discarded.' });
}

/** The writes that record version 1 approved (the sandbox demo seed): the layout the app writes. */
export function seedApprovedApproachWrites(content: ApproachContent, draftedBy: string, approvedBy: string, approvedAt: string): Write[] {
  return initialVersionWrites<ApproachContent>(APPROACH_DOC_ID, { workProduct: APPROACH_DOC_ID, status: 'Approved', content, createdBy: draftedBy, createdAt: content.signOffs[0]?.at ?? approvedAt, approvedBy, approvedAt }, 'Approved by Management with the customer’s and the supplier’s agreement (GO.2.3).');
}
