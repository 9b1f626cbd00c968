/**
 * Who may do what with feedback (ROL-11/12; wired into src/domain/access.ts `mayCall`):
 * - `feedback.record`: any member of the service team records an entry (RE.2.3, RE-10: nothing is lost);
 * - `feedback.handle`: the Relationship Manager or the Service Manager acknowledge, investigate, answer, escalate
 *   and close (RE.2.3);
 * - `approach.edit`: the RM or SM draft the customer experience approach and record the customer's and supplier's
 *   agreement to it (GO.2.3);
 * - `approach.approve`: Management approves it (GO.2.3, GO-09).
 */
import type { AuthorizationDecision } from '../authorization';
import type { RoleCode } from '../roles';

export const FEEDBACK_RULES = ['feedback.record', 'feedback.handle', 'approach.edit', 'approach.approve'] as const;
export type FeedbackRule = (typeof FEEDBACK_RULES)[number];

const TEAM: readonly RoleCode[] = ['SM', 'CM', 'IM', 'RM', 'MGT', 'PT'];

export function isFeedbackRule(rule: string): rule is FeedbackRule {
  return (FEEDBACK_RULES as readonly string[]).includes(rule);
}

export function feedbackDecision(rule: FeedbackRule, c: { roles: readonly RoleCode[]; rolesConfigured: boolean; accountType: string }): AuthorizationDecision {
  const holds = (roles: readonly RoleCode[]) => c.roles.some((r) => roles.includes(r));
  switch (rule) {
    case 'feedback.record':
      return holds(TEAM) || (!c.rolesConfigured && c.accountType === 'atlassian') ? { allowed: true } : { allowed: false, rule: 'RE.2.3', message: 'Only a member of the service team records feedback in the log; customers send theirs through the portal (RE.2.3).' };
    case 'feedback.handle':
      return holds(['RM', 'SM']) ? { allowed: true } : { allowed: false, rule: 'RE.2.3', message: 'Only the Relationship Manager or the Service Manager acknowledge, investigate, answer, escalate and close feedback (RE.2.3).' };
    case 'approach.edit':
      return holds(['RM', 'SM']) ? { allowed: true } : { allowed: false, rule: 'GO.2.3', message: 'Only the Relationship Manager or the Service Manager draft the customer experience approach and record the customer’s and supplier’s agreement to it (GO.2.3).' };
    case 'approach.approve':
      return holds(['MGT']) ? { allowed: true } : { allowed: false, rule: 'GO.2.3', message: 'Only Management (MGT) approves the customer experience approach (GO.2.3).' };
  }
}
