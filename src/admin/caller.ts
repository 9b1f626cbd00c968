import type { Actor, AuthorizationFacts } from '../domain/authorization';
import { rolesHeldBy, type RoleCode } from '../domain/roles';
import type { RoleListContentStored } from '../store/role-list';
import { loadDocument, type DocumentState } from '../store/work-product-store';
import { ROLE_LIST } from '../store/documents';

/** Who is acting on the admin page: their 29110 roles, Jira's Administer answer, and WP.08 as read for this call. */
export interface AdminCaller { actor: Actor; displayName: string; facts: AuthorizationFacts; roleList: DocumentState<RoleListContentStored> }

export function adminCallerOf(identity: { accountId: string; displayName: string; isJiraAdmin: boolean }, roleList: DocumentState<RoleListContentStored>): AdminCaller {
  const assignments = roleList.current?.content.assignments ?? [];
  const roles: RoleCode[] = rolesHeldBy(assignments, identity.accountId).map((r) => r.code);
  return {
    actor: { accountId: identity.accountId, isJiraAdmin: identity.isJiraAdmin, roles },
    displayName: identity.displayName,
    facts: { serviceManagerAssigned: assignments.some((a) => a.roles.includes('SM')) },
    roleList,
  };
}

/** After a change of WP.08 the caller is the same person with Jira's same answer; only the role list is read again. */
export async function afterRoleListChange(caller: AdminCaller): Promise<AdminCaller> {
  return adminCallerOf({ accountId: caller.actor.accountId, displayName: caller.displayName, isJiraAdmin: caller.actor.isJiraAdmin }, await loadDocument(ROLE_LIST));
}
