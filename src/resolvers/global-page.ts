import type { GlobalPageFunctionKey } from '../contract/admin';
import { parseIcsHolidays } from '../domain/sla/ics';
import { searchPeople } from '../jira/users';
import { approvePolicy, approveRoles, discardPolicyDraft, discardRolesDraft, recordTraining, savePolicyDraft, saveRolesDraft } from '../admin/governance';
import { governanceView } from '../admin/view';
import { governanceCaller as callerOf, governedBy as by } from './governance-access';
import type { Implementations } from './surface';

/**
 * The global page's functions (D28, jira:globalPage "Service delivery"): the service team's home, where managers who
 * are not Jira administrators do their governance work. Every action is the admin page's, authorized by the same rule
 * of src/domain/authorization.ts on the server (D6); only setup and mapping stay on the admin page. The page opens for
 * every licensed member of staff (`staff`), never for a customer or a supplier (D26).
 */

type GlobalKey = GlobalPageFunctionKey;

export const globalPageFunctions: Implementations<GlobalKey> = {
  'globalPage.load': { access: by('staff'), handler: async (call) => governanceView(callerOf(call), call.now) },
  'globalPage.searchUsers': { access: by('roles.edit'), handler: async (call) => searchPeople(call.payload.query) },
  'globalPage.roles.saveDraft': { access: by('roles.edit'), handler: async (call) => governanceView(await saveRolesDraft(call.payload, callerOf(call), call.clock), call.clock()) },
  'globalPage.roles.approve': { access: by('roles.approve'), handler: async (call) => governanceView(await approveRoles(call.payload, callerOf(call), call.clock), call.clock()) },
  'globalPage.roles.discardDraft': { access: by('roles.edit'), handler: async (call) => governanceView(await discardRolesDraft(call.payload, callerOf(call), call.clock), call.clock()) },
  'globalPage.roles.recordTraining': { access: by('training.record'), handler: async (call) => governanceView(await recordTraining(call.payload, callerOf(call), call.clock), call.clock()) },
  'globalPage.policy.saveDraft': { access: by('policy.edit'), handler: async (call) => governanceView(await savePolicyDraft(call.payload, callerOf(call), call.clock), call.clock()) },
  'globalPage.policy.approve': { access: by('policy.approve'), handler: async (call) => governanceView(await approvePolicy(call.payload, callerOf(call), call.clock), call.clock()) },
  'globalPage.policy.discardDraft': { access: by('policy.edit'), handler: async (call) => governanceView(await discardPolicyDraft(call.payload, callerOf(call), call.clock), call.clock()) },
  'globalPage.policy.importIcs': { access: by('policy.edit'), handler: async (call) => parseIcsHolidays(call.payload.text) },
};
