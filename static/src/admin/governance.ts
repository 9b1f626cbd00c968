/**
 * The role list and the policy as two pages work on them (D28): the admin page (`roles.*`, `policy.*`) and the global
 * page "Service delivery" (`globalPage.*`). The same components serve both; each page passes its own calls. The server
 * authorizes every call with the same rules (src/domain/authorization.ts), whichever page calls it.
 */
import type { Answers, GovernanceView, Payload, Person } from '@contract/admin';
import { callFunction } from '../api';
import { callAdmin } from './adminApi';
import type { PeopleIndex } from './format';

export type { GovernanceView };

export interface GovernanceCalls {
  searchUsers: (p: Payload<'admin.searchUsers'>) => Promise<Person[]>;
  saveRolesDraft: (p: Payload<'roles.saveDraft'>) => Promise<GovernanceView>;
  approveRoles: (p: Payload<'roles.approve'>) => Promise<GovernanceView>;
  discardRolesDraft: (p: Payload<'roles.discardDraft'>) => Promise<GovernanceView>;
  recordTraining: (p: Payload<'roles.recordTraining'>) => Promise<GovernanceView>;
  savePolicyDraft: (p: Payload<'policy.saveDraft'>) => Promise<GovernanceView>;
  approvePolicy: (p: Payload<'policy.approve'>) => Promise<GovernanceView>;
  discardPolicyDraft: (p: Payload<'policy.discardDraft'>) => Promise<GovernanceView>;
  importIcs: (p: Payload<'policy.importIcs'>) => Promise<Answers['policy.importIcs']>;
}

/** What the role and policy components receive: the governance part of the page's view and the page's calls. */
export interface GovernancePanelProps {
  view: GovernanceView;
  /** Replaces the governance part of the page's view with a fresher one (each action answers one). */
  onView: (view: GovernanceView) => void;
  /** Loads the view again (after a conflict); local edits stay. */
  reload: () => void;
  people: PeopleIndex;
  calls: GovernanceCalls;
}

export const adminCalls: GovernanceCalls = {
  searchUsers: (p) => callAdmin('admin.searchUsers', p),
  saveRolesDraft: (p) => callAdmin('roles.saveDraft', p),
  approveRoles: (p) => callAdmin('roles.approve', p),
  discardRolesDraft: (p) => callAdmin('roles.discardDraft', p),
  recordTraining: (p) => callAdmin('roles.recordTraining', p),
  savePolicyDraft: (p) => callAdmin('policy.saveDraft', p),
  approvePolicy: (p) => callAdmin('policy.approve', p),
  discardPolicyDraft: (p) => callAdmin('policy.discardDraft', p),
  importIcs: (p) => callAdmin('policy.importIcs', p),
};

export const globalPageCalls: GovernanceCalls = {
  searchUsers: (p) => callFunction('globalPage.searchUsers', p),
  saveRolesDraft: (p) => callFunction('globalPage.roles.saveDraft', p),
  approveRoles: (p) => callFunction('globalPage.roles.approve', p),
  discardRolesDraft: (p) => callFunction('globalPage.roles.discardDraft', p),
  recordTraining: (p) => callFunction('globalPage.roles.recordTraining', p),
  savePolicyDraft: (p) => callFunction('globalPage.policy.saveDraft', p),
  approvePolicy: (p) => callFunction('globalPage.policy.approve', p),
  discardPolicyDraft: (p) => callFunction('globalPage.policy.discardDraft', p),
  importIcs: (p) => callFunction('globalPage.policy.importIcs', p),
};
