import type { DecisionFact } from '../domain/change/path';
import { rolesHeldBy, type RoleCode } from '../domain/roles';
import { getRequestApprovals } from '../jira/jsm-approvals';
import type { IncidentRules } from '../store/rules';

/**
 * JSM's own approvals of a change request (servicedeskapi), where the project uses them: each approver's decision as
 * the app's decision fact, in the role the approver holds in the role list (ROL-11), so D7 and the gates judge it like
 * a decision given in the panel. Null-safe: a project without JSM approvals answers none.
 */
export async function jsmDecisions(issueKey: string, rules: IncidentRules): Promise<DecisionFact[]> {
  const approvals = await getRequestApprovals(issueKey, 'app').catch((e: unknown) => {
    console.warn(`${issueKey}: JSM's approvals could not be read: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  });
  const out: DecisionFact[] = [];
  for (const a of approvals ?? []) {
    for (const who of a.approvers) {
      if (who.decision === 'pending') continue;
      const held = rolesHeldBy(rules.roles ?? [], who.accountId).map((r) => r.code);
      const role: RoleCode = held.includes('CM') ? 'CM' : held.includes('SM') ? 'SM' : held[0] ?? 'PT';
      out.push({
        id: `jsm-${a.id}-${who.accountId}`, step: 'evaluate', decision: who.decision === 'approved' ? 'approved' : 'rejected', by: { accountId: who.accountId, displayName: who.accountId },
        role, at: a.completedDate ?? a.createdDate ?? new Date(0).toISOString(), reason: who.decision === 'declined' ? 'Declined in JSM' : null, via: 'jsm',
      });
    }
  }
  return out;
}

