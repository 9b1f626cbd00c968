/**
 * Approving an agreement (RE.2.2, RE-09, ROL-11, ROL-12, SLM-04, SLM-08): the parties the agreement lists sign the
 * draft revision, each once. Management (MGT) and the Service Manager (SM) sign for themselves; the customer's (CUS) or
 * supplier's (SUP) sign-off is recorded by the Relationship Manager or the Service Manager with how it was given
 * (e-mail, signature, meeting), as the change panel records a customer's. A draft is signed only when it can be
 * approved (no issue of `checkAgreement` with `forApproval`, and for a customer agreement no conflict with an approved
 * underpinning agreement, SLM-08); when every listed party signed, the draft becomes the next version: "Approved" the
 * first time, "Updated" afterwards (RE.2.5). Changing an approved agreement makes a new draft, signed again (RE-09).
 */
import type { RoleCode } from '../roles';
import type { AgreementApproverRole } from './content';
import type { AgreementConflict } from './conflicts';
import type { AgreementIssue } from './check';

export const SIGN_OFF_CHANNELS = ['e-mail', 'signature', 'meeting'] as const;
export type SignOffChannel = (typeof SIGN_OFF_CHANNELS)[number];

export interface AgreementSignOff {
  role: AgreementApproverRole;
  /** The account that signed (MGT, SM) or recorded the other party's sign-off (CUS, SUP). */
  by: string;
  at: string;
  /** CUS/SUP: how the other party gave it, and who gave it (a name), as recorded. */
  how: SignOffChannel | null;
  givenBy: string | null;
}

export type AgreementStatus = 'Draft' | 'Approved' | 'Updated';

/** RE-09, WP.03/WP.21 status set: the first approved version is "Approved", later ones "Updated". */
export const approvedAgreementStatus = (previousVersion: number | null): AgreementStatus => (previousVersion === null ? 'Approved' : 'Updated');

export const APPROVER_WORDS: Readonly<Record<AgreementApproverRole, string>> = {
  MGT: 'Management', SM: 'the Service Manager', CUS: 'the customer', SUP: 'the supplier',
};

/** Who drafts (RE.2.1) and who records the other party's sign-off: the Relationship Manager or the Service Manager. */
export const AGREEMENT_EDITORS: readonly RoleCode[] = ['RM', 'SM'];

export type SignDecision = { allowed: true } | { allowed: false; rule: string; code: 'forbidden' | 'refused'; message: string };

/** Whether `signer` may give (MGT, SM) or record (CUS, SUP) the sign-off of `role` on a draft with `given` so far. */
export function maySignAgreement(approvers: readonly AgreementApproverRole[], signer: { accountId: string; roles: readonly RoleCode[] }, role: AgreementApproverRole, given: readonly AgreementSignOff[]): SignDecision {
  if (!approvers.includes(role)) {
    return { allowed: false, rule: 'ROL-12', code: 'refused', message: `This agreement does not list ${APPROVER_WORDS[role]} among its approving parties (${approvers.map((a) => APPROVER_WORDS[a]).join(', ') || 'none'}); change the draft to add them first.` };
  }
  if (given.some((s) => s.role === role)) return { allowed: false, rule: 'RE.2.2', code: 'refused', message: `The sign-off of ${APPROVER_WORDS[role]} is recorded already for this draft.` };
  if (role === 'CUS' || role === 'SUP') {
    if (!signer.roles.some((r) => AGREEMENT_EDITORS.includes(r))) {
      return { allowed: false, rule: 'RE.2.2', code: 'forbidden', message: `Only the Relationship Manager or the Service Manager records ${APPROVER_WORDS[role]}'s sign-off.` };
    }
    return { allowed: true };
  }
  if (!signer.roles.includes(role)) {
    return { allowed: false, rule: 'ROL-11', code: 'forbidden', message: `You do not hold the role of ${role === 'MGT' ? 'Management (MGT)' : 'Service Manager'}, so you cannot sign for it.` };
  }
  const mine = given.find((s) => (s.role === 'MGT' || s.role === 'SM') && s.by === signer.accountId);
  if (mine) return { allowed: false, rule: 'ROL-11', code: 'refused', message: `You signed this draft already as ${APPROVER_WORDS[mine.role]}; the other sign-off must come from another person.` };
  return { allowed: true };
}

/** The listed parties that have not signed yet, in the order listed. */
export function missingAgreementSignOffs(approvers: readonly AgreementApproverRole[], given: readonly AgreementSignOff[]): AgreementApproverRole[] {
  return approvers.filter((a) => !given.some((s) => s.role === a));
}

/** "Needs the sign-off of Management and the customer." */
export function neededInWords(approvers: readonly AgreementApproverRole[], given: readonly AgreementSignOff[]): string {
  const missing = missingAgreementSignOffs(approvers, given);
  if (approvers.length === 0) return 'No approving parties are listed yet.';
  if (missing.length === 0) return 'Every listed party signed.';
  const words = missing.map((m) => APPROVER_WORDS[m]);
  return `Needs the sign-off of ${words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] ?? ''}` : words[0] ?? ''}.`;
}

/**
 * Why the draft cannot be signed now (RE-08, SLM-09, ROL-12 through `issues`; SLM-08 through `blockingConflicts`), in
 * words, or null. `blockingConflicts` are the conflicts of a customer agreement's draft with approved underpinning
 * agreements; an underpinning agreement that is weaker may be approved, its conflict is recorded and shown (D19).
 */
export function approvalRefusal(issues: readonly AgreementIssue[], blockingConflicts: readonly AgreementConflict[]): string | null {
  const parts: string[] = [];
  if (issues.length > 0) parts.push(`This draft cannot be approved yet: ${issues.map((i) => i.message).join(' ')}`);
  if (blockingConflicts.length > 0) {
    const keys = [...new Set(blockingConflicts.map((c) => c.underpinning.issueKey))];
    parts.push(`This customer agreement promises more than the approved underpinning agreement${keys.length > 1 ? 's' : ''} ${keys.join(', ')} can deliver: ${blockingConflicts.map((c) => c.message).join(' ')} Change the targets of one of them first (SLM-08).`);
  }
  return parts.length ? parts.join(' ') : null;
}
