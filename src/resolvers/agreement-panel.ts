import type { AgreementFunctionKey } from '../contract/agreement';
import type { FunctionKey } from '../contract/functions';
import { Refusal } from '../domain/refusal';
import {
  agreementsList, discardAgreementDraftOf, organizationsForPicker, peopleForPicker, recordAgreementReviewOf, recordPartySignOffOf, saveAgreementDraftOf, signAgreementOf,
  type AgreementCall,
} from '../relationship/agreements';
import type { Access, Call, Implementations } from './surface';

/**
 * Customer and supplier agreements (issue #14; WP.03, WP.21): the agreement part of the issue panel and the
 * "Agreements" tab of the service team's page. Drafted and changed by the Relationship Manager or the Service Manager
 * (RE.2.1, RE.2.5); signed by the parties the agreement lists, MGT and SM for themselves and the customer's or
 * supplier's sign-off recorded by the RM or SM (RE.2.2, ROL-12). Every action reads the issue as the caller, so Jira
 * refuses one they may not see; editing also needs Edit issues.
 */

const onIssue = (rule: Access['rule'], required: Array<'BROWSE_PROJECTS' | 'EDIT_ISSUES'>): Access => ({ rule, jira: { scope: 'issue', required } });

function callOf(call: Call<FunctionKey>): AgreementCall {
  const issue = call.surface.issue;
  if (!issue?.id) throw new Refusal('invalid-input', 'The issue panel context names no issue.');
  const c = call.caller;
  return { issue: { id: issue.id, key: issue.key }, caller: { accountId: c.accountId, displayName: c.displayName, accountType: c.accountType, roles: c.roles, rolesConfigured: c.rolesConfigured }, now: call.now };
}

export const agreementFunctions: Implementations<AgreementFunctionKey> = {
  'agreement.saveDraft': { access: onIssue('agreement.edit', ['BROWSE_PROJECTS', 'EDIT_ISSUES']), handler: async (call) => saveAgreementDraftOf(callOf(call), call.payload) },
  'agreement.discardDraft': { access: onIssue('agreement.edit', ['BROWSE_PROJECTS', 'EDIT_ISSUES']), handler: async (call) => discardAgreementDraftOf(callOf(call), call.payload) },
  'agreement.recordReview': { access: onIssue('agreement.edit', ['BROWSE_PROJECTS']), handler: async (call) => recordAgreementReviewOf(callOf(call), call.payload) },
  'agreement.signOff': { access: onIssue('agreement.sign', ['BROWSE_PROJECTS']), handler: async (call) => signAgreementOf(callOf(call), call.payload) },
  'agreement.recordPartySignOff': { access: onIssue('agreement.sign', ['BROWSE_PROJECTS']), handler: async (call) => recordPartySignOffOf(callOf(call), call.payload) },
  // Pickers of the editor: the JSM organizations (D18) and people (D12 contacts, the owner); staff only (D26).
  'agreement.organizations': { access: { rule: 'agreement.edit', jira: 'read-as-user' }, handler: async () => organizationsForPicker() },
  'agreement.people': { access: { rule: 'agreement.edit', jira: 'read-as-user' }, handler: async (call) => peopleForPicker(call.payload.query) },
  // D26: the list is the service team's (every customer's agreements).
  'globalPage.agreements.list': { access: { rule: 'staff', jira: { scope: 'global', required: [] } }, handler: async (call) => agreementsList(call.now) },
};
