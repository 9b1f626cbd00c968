/**
 * Who may do what on the admin page (issue #4; D4, D6; GO.1.2, GO.2.1, GO.2.2, CO.1.1, IN.1.1/IN.1.2). Answered
 * on the server before any change; the UI uses the same answers only to hide what the viewer cannot do.
 */
import type { RoleCode } from './roles';

export const ADMIN_ACTIONS = ['admin.view', 'setup.run', 'config.edit', 'roles.edit', 'roles.approve', 'training.record', 'policy.edit', 'policy.approve'] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];

export interface Actor { accountId: string; isJiraAdmin: boolean; roles: readonly RoleCode[] }

/** Facts about the site the answer depends on. */
export interface AuthorizationFacts { serviceManagerAssigned: boolean }

export type AuthorizationDecision = { allowed: true } | { allowed: false; rule: string; message: string };

/** The manager roles of 002 Table 13 ("the appropriate manager", ROL-22); PT, CUS and SUP are not managers. */
const MANAGER_ROLES: readonly RoleCode[] = ['SM', 'CM', 'IM', 'RM', 'MGT'];

interface Rule {
  /** Roles that may do it (besides a Jira administrator when `jiraAdmin` is true). */
  roles: readonly RoleCode[];
  /** Jira administrators may always do it. */
  jiraAdmin: boolean;
  /** D4, ROL-04: a Jira administrator may do it only while no Service Manager is assigned (bootstrapping). */
  jiraAdminUntilServiceManager: boolean;
  rule: string;
  /** For `jiraAdminUntilServiceManager` rules, without the final full stop: the bootstrapping note is appended. */
  message: string;
}

/**
 * The rules, one per action. The messages name the action in plain words, who may do it and why; they are shown
 * as they are to the person refused.
 */
/** The service provider's own roles (002 §4.1): everyone but the customer and the supplier. */
const SERVICE_TEAM_ROLES: readonly RoleCode[] = ['SM', 'CM', 'IM', 'RM', 'MGT', 'PT'];

const RULES: Readonly<Record<AdminAction, Rule>> = {
  // D6: the page shows the role list, training records and the internal policy: the service team's, not a
  // customer's or supplier's, and not of someone who holds no role yet (a Jira administrator sets that up).
  'admin.view': { roles: SERVICE_TEAM_ROLES, jiraAdmin: true, jiraAdminUntilServiceManager: false, rule: 'D6', message: 'Only a Jira administrator or a member of the service team (a 29110 role other than Customer or Supplier) opens the service delivery profile (D6).' },
  // Setup creates issue types and fields on the site: a site configuration change, so a Jira administrator's (D1).
  'setup.run': { roles: [], jiraAdmin: true, jiraAdminUntilServiceManager: false, rule: 'D1', message: 'Only a Jira administrator runs the project setup, because it creates issue types and fields on the site (D1).' },
  // D2, GEN-03: which processes and modules are on is a site setting.
  'config.edit': { roles: [], jiraAdmin: true, jiraAdminUntilServiceManager: false, rule: 'D2', message: 'Only a Jira administrator switches processes and modules on or off (D2, GEN-03).' },
  // GO.1.2 is performed by SM with MGT; a Jira administrator keeps access so that the first SM can be entered (D4).
  'roles.edit': { roles: ['SM', 'MGT'], jiraAdmin: true, jiraAdminUntilServiceManager: false, rule: 'GO.1.2', message: 'Only a Jira administrator, the Service Manager or Management (MGT) edit the list of assigned roles (GO.1.2, D4).' },
  // GO.1.2, D4/ROL-04: the SM is the first role; until one is assigned, a Jira administrator approves the first list.
  'roles.approve': { roles: ['SM'], jiraAdmin: false, jiraAdminUntilServiceManager: true, rule: 'GO.1.2', message: 'Only the Service Manager approves the list of assigned roles (GO.1.2, D6)' },
  // ROL-22: "the appropriate manager" is responsible for training; IN.1.1, IN.1.2 and GO.3.1 record it in WP.08.
  'training.record': { roles: MANAGER_ROLES, jiraAdmin: true, jiraAdminUntilServiceManager: false, rule: 'ROL-22', message: 'Only a Jira administrator or a manager (Service Manager, Control Manager, Incident Manager, Relationship Manager or Management) records training and competence (ROL-22, IN.1.1, IN.1.2).' },
  // GO.2.1: SM with MGT draft the policy; CO.1.1/CHG-05: CM with MGT set the change definitions it holds.
  'policy.edit': { roles: ['SM', 'MGT', 'CM'], jiraAdmin: true, jiraAdminUntilServiceManager: false, rule: 'GO.2.1', message: 'Only a Jira administrator, the Service Manager, Management (MGT) or the Control Manager edit the service delivery policy (GO.2.1, CO.1.1).' },
  // GO.2.2: the SM approves the policy (GO-07); the same bootstrapping exception as for the role list (D4).
  'policy.approve': { roles: ['SM'], jiraAdmin: false, jiraAdminUntilServiceManager: true, rule: 'GO.2.2', message: 'Only the Service Manager approves the service delivery policy (GO.2.2, D6)' },
};

/**
 * D6: may this person do this on the admin page? Answered on the server before any change (the UI only hides).
 * `actor.roles` are the roles held in the current approved WP.08.
 */
export function authorize(action: AdminAction, actor: Actor, facts: AuthorizationFacts): AuthorizationDecision {
  const r = RULES[action];
  if (actor.roles.some((role) => r.roles.includes(role))) return { allowed: true };
  if (actor.isJiraAdmin && (r.jiraAdmin || (r.jiraAdminUntilServiceManager && !facts.serviceManagerAssigned))) return { allowed: true };
  if (!r.jiraAdminUntilServiceManager) return { allowed: false, rule: r.rule, message: r.message };
  const until = facts.serviceManagerAssigned ? '.' : '; no Service Manager is assigned yet, and until one is, a Jira administrator does it (D4, ROL-04).';
  return { allowed: false, rule: r.rule, message: `${r.message}${until}` };
}

/** Every admin action's answer for one person, for the page to show or hide its controls. */
export function permissionsOf(actor: Actor, facts: AuthorizationFacts): Record<AdminAction, AuthorizationDecision> {
  return Object.fromEntries(ADMIN_ACTIONS.map((a) => [a, authorize(a, actor, facts)])) as Record<AdminAction, AuthorizationDecision>;
}
