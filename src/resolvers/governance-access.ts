import type { FunctionKey } from '../contract/functions';
import type { AccessRule } from '../domain/access';
import { adminCallerOf, type AdminCaller } from '../admin/caller';
import type { Access, Call } from './surface';

/**
 * Who may call a governance function, the same on the admin page and the global page (D6, D28): a rule of
 * src/domain/access.ts, with Jira's Administer permission looked up (asUser) because the D4 bootstrapping rules
 * depend on it. One declaration, so the two pages cannot drift apart.
 */
export const governedBy = (rule: AccessRule): Access => ({ rule, jira: { scope: 'global', required: [], lookUp: ['ADMINISTER'] } });

/** The caller as the governance use cases see them: their Jira admin permission and their 29110 roles. */
export function governanceCaller(call: Call<FunctionKey>): AdminCaller {
  return adminCallerOf({ accountId: call.caller.accountId, displayName: call.caller.displayName, isJiraAdmin: call.caller.isJiraAdmin }, call.caller.roleList);
}
