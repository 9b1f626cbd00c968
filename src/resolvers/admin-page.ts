import type { FunctionKey } from '../contract/functions';
import { parseIcsHolidays } from '../domain/sla/ics';
import { searchPeople } from '../jira/users';
import { approvePolicy, approveRoles, discardPolicyDraft, discardRolesDraft, recordTraining, saveConfig, savePolicyDraft, saveRolesDraft } from '../admin/governance';
import { finishSetup, planView, runStep } from '../admin/setup';
import { adminView } from '../admin/view';
import { governanceCaller as adminCaller, governedBy as by } from './governance-access';
import type { Implementations } from './surface';

/**
 * The admin page's functions (issue #4, ADR 011). Who may call each is a rule of src/domain/authorization.ts, answered
 * from the caller's 29110 roles and Jira's Administer permission (looked up asUser for every call).
 */

type AdminKey = Extract<FunctionKey, 'adminPage.load' | 'admin.searchUsers' | `config.${string}` | `setup.${string}` | `roles.${string}` | `policy.${string}`>;

export const adminPageFunctions: Implementations<AdminKey> = {
  'adminPage.load': { access: by('admin.view'), handler: async (call) => adminView(adminCaller(call), call.now) },
  'admin.searchUsers': { access: by('roles.edit'), handler: async (call) => searchPeople(call.payload.query) },
  'config.save': { access: by('config.edit'), handler: async (call) => saveConfig(call.payload, adminCaller(call), call.clock) },
  'setup.plan': { access: by('setup.run'), handler: async (call) => planView(call.payload.projectKey) },
  'setup.runStep': { access: by('setup.run'), handler: async (call) => runStep(call.payload.projectKey, call.payload.stepId, adminCaller(call), call.clock) },
  'setup.finish': { access: by('setup.run'), handler: async (call) => finishSetup(call.payload.projectKey, adminCaller(call), call.clock) },
  'roles.saveDraft': { access: by('roles.edit'), handler: async (call) => adminView(await saveRolesDraft(call.payload, adminCaller(call), call.clock), call.clock()) },
  'roles.approve': { access: by('roles.approve'), handler: async (call) => adminView(await approveRoles(call.payload, adminCaller(call), call.clock), call.clock()) },
  'roles.discardDraft': { access: by('roles.edit'), handler: async (call) => adminView(await discardRolesDraft(call.payload, adminCaller(call), call.clock), call.clock()) },
  'roles.recordTraining': { access: by('training.record'), handler: async (call) => adminView(await recordTraining(call.payload, adminCaller(call), call.clock), call.clock()) },
  'policy.saveDraft': { access: by('policy.edit'), handler: async (call) => adminView(await savePolicyDraft(call.payload, adminCaller(call), call.clock), call.clock()) },
  'policy.approve': { access: by('policy.approve'), handler: async (call) => adminView(await approvePolicy(call.payload, adminCaller(call), call.clock), call.clock()) },
  'policy.discardDraft': { access: by('policy.edit'), handler: async (call) => adminView(await discardPolicyDraft(call.payload, adminCaller(call), call.clock), call.clock()) },
  'policy.importIcs': { access: by('policy.edit'), handler: async (call) => parseIcsHolidays(call.payload.text) },
};
