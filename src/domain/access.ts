/**
 * Who may call each function of the app's surfaces, in 29110 terms (D6: the server decides, the UI only hides). The
 * admin page's actions are the rules of authorization.ts; the rest are the service-team and incident rules below.
 * Each resolver function names one rule in its declaration (src/resolvers), besides the Jira permissions it needs.
 */
import { authorize, ADMIN_ACTIONS, type AdminAction, type AuthorizationDecision } from './authorization';
import { feedbackDecision, isFeedbackRule, type FeedbackRule } from './feedback/access';
import type { RoleCode } from './roles';

export const SURFACE_RULES = ['anyone', 'service-team', 'staff', 'agent', 'incident-manager', 'change-approver', 'control-manager', 'schedule.edit', 'schedule.approve'] as const;
/** Service control on the team's page (issue #13): configuration records and the procedures. */
export const CONFIGURATION_RULES = ['configuration.edit', 'procedures.edit', 'procedures.sign'] as const;
/** The service catalogue (issue #14, WP.10): drafted (RE.1.1) and approved/published (RE.1.2) by the RM or SM. */
export const CATALOGUE_RULES = ['catalogue.edit', 'catalogue.approve'] as const;
/** Customer and supplier agreements (issue #14): drafted by RM or SM (RE.2.1), signed by the parties listed (RE.2.2). */
export const AGREEMENT_RULES = ['agreement.edit', 'agreement.sign'] as const;
/** Service performance reports on the team's page (WP.19, issue #14): drafted, approved and shared by the RM or SM. */
export const PERFORMANCE_RULES = ['performance.draft', 'performance.approve'] as const;
export type SurfaceRule = (typeof SURFACE_RULES)[number] | (typeof CONFIGURATION_RULES)[number] | (typeof CATALOGUE_RULES)[number] | (typeof AGREEMENT_RULES)[number] | (typeof PERFORMANCE_RULES)[number];
export type AccessRule = AdminAction | SurfaceRule | FeedbackRule;

export interface Caller {
  accountId: string;
  /** The 29110 roles held in the approved role list (WP.08). */
  roles: readonly RoleCode[];
  /** Whether an approved role list exists; before it does, Jira staff accounts count as the service team. */
  rolesConfigured: boolean;
  /** Jira's account type: `atlassian` (staff), `customer` (JSM portal-only), `app`. */
  accountType: string;
  /** Jira's global Administer permission, when the function looked it up. */
  isJiraAdmin: boolean;
  /** D4: whether a Service Manager is assigned (a Jira admin bootstraps until one is). */
  serviceManagerAssigned: boolean;
}

/** The service provider's own roles (002 §4.1): everyone but the customer and the supplier. */
export const SERVICE_TEAM_ROLES: readonly RoleCode[] = ['SM', 'CM', 'IM', 'RM', 'MGT', 'PT'];
/** D11: the roles that work incidents. */
export const AGENT_ROLES: readonly RoleCode[] = ['PT', 'IM', 'SM'];

const holdsAny = (c: Caller, roles: readonly RoleCode[]) => c.roles.some((r) => roles.includes(r));
const staffBeforeRoles = (c: Caller) => !c.rolesConfigured && c.accountType === 'atlassian';

/** D26: is the caller one of the service team (else they see an incident as a customer does)? */
export function isServiceTeam(c: Pick<Caller, 'roles' | 'rolesConfigured' | 'accountType'>): boolean {
  return c.roles.some((r) => SERVICE_TEAM_ROLES.includes(r)) || (!c.rolesConfigured && c.accountType === 'atlassian');
}

/**
 * D26: who sees the service team's own work and figures (reports, the team's pages): the service team, and a Jira
 * administrator, who runs the site. Everyone else sees only what concerns them as a customer.
 */
export function seesTeamFigures(c: Pick<Caller, 'roles' | 'rolesConfigured' | 'accountType' | 'isJiraAdmin'>): boolean {
  return isServiceTeam(c) || c.isJiraAdmin;
}

/** D28: a licensed Jira user (not a portal customer) who holds no role other than Customer or Supplier's own, if any. */
export function isStaff(c: Pick<Caller, 'roles' | 'accountType'>): boolean {
  if (c.accountType !== 'atlassian') return false;
  return c.roles.length === 0 || c.roles.some((r) => SERVICE_TEAM_ROLES.includes(r));
}

export function mayCall(rule: AccessRule, c: Caller): AuthorizationDecision {
  if ((ADMIN_ACTIONS as readonly string[]).includes(rule)) {
    return authorize(rule as AdminAction, { accountId: c.accountId, isJiraAdmin: c.isJiraAdmin, roles: c.roles }, { serviceManagerAssigned: c.serviceManagerAssigned });
  }
  // Feedback (WP.04, WP.06; GO.2.3, RE.2.3): src/domain/feedback/access.ts.
  if (isFeedbackRule(rule)) return feedbackDecision(rule, c);
  switch (rule as SurfaceRule) {
    case 'anyone':
      return { allowed: true };
    case 'service-team':
      return seesTeamFigures(c) ? { allowed: true } : { allowed: false, rule: 'D26', message: 'This page shows the service team’s own work and figures; it is open to the service team (a 29110 role other than Customer or Supplier).' };
    case 'staff':
      // D28, D26: the global page is the service team's home; every licensed (non-customer) account may read the role
      // list and the policy there, but not one that holds only the Customer or Supplier role.
      return isStaff(c) || c.isJiraAdmin ? { allowed: true } : { allowed: false, rule: 'D26', message: 'This page is for the service team: it shows the list of assigned roles and the service delivery policy. Customers and suppliers follow their requests on the portal.' };
    case 'agent':
      return holdsAny(c, AGENT_ROLES) || staffBeforeRoles(c) ? { allowed: true } : { allowed: false, rule: 'D11', message: 'Only the people who work incidents (a Practitioner, the Incident Manager or the Service Manager) may do this.' };
    case 'incident-manager':
      return holdsAny(c, ['IM', 'SM']) ? { allowed: true } : { allowed: false, rule: 'INC-24', message: 'Only an Incident Manager (or the Service Manager) may do this.' };
    case 'change-approver':
      // ROL-11: CO.2.1, CO.2.3 and CO.3.2 are the Control Manager's; an emergency change may also be approved by the
      // Service Manager (D16). Which step a person may decide, and D7, are checked per change (src/domain/change).
      return holdsAny(c, ['CM', 'SM']) ? { allowed: true } : { allowed: false, rule: 'ROL-11', message: 'Only the Control Manager (or, for an emergency change, the Service Manager) decides on a service change request.' };
    case 'control-manager':
      return holdsAny(c, ['CM']) ? { allowed: true } : { allowed: false, rule: 'D15', message: 'Only the Control Manager may do this.' };
    case 'schedule.edit':
      // CO.2.2: the Control Manager schedules changes; the Service Manager keeps the schedule with them (D21).
      return holdsAny(c, ['CM', 'SM']) ? { allowed: true } : { allowed: false, rule: 'CO.2.2', message: 'Only the Control Manager or the Service Manager edit the change schedule (CO.2.2, D21).' };
    case 'schedule.approve':
      // D21: an SM or CM approval makes the current version "Approved".
      return holdsAny(c, ['SM', 'CM']) ? { allowed: true } : { allowed: false, rule: 'D21', message: 'Only the Service Manager or the Control Manager approve the change schedule (D21).' };
    // CO.1.4: the Control Manager with Management identify and record each service's components (WP.02).
    case 'configuration.edit':
      return holdsAny(c, ['CM', 'MGT']) ? { allowed: true } : { allowed: false, rule: 'CO.1.4', message: 'Only the Control Manager or Management (MGT) record and edit configuration items (CO.1.4).' };
    // CO.1.2, CO.1.5: the Control Manager drafts the procedures and the secure component procedure.
    case 'procedures.edit':
      return holdsAny(c, ['CM']) ? { allowed: true } : { allowed: false, rule: 'CO.1.2', message: 'Only the Control Manager drafts the service control procedures (CO.1.2, CO.1.5).' };
    // CO.1.3 (SM + MGT), CO.1.5 (CM + SM): which role signs which procedure is checked on the document itself.
    // D21: a performance report may be created in Draft by the RM or SM (and the rebuild of its aggregates started).
    case 'performance.draft':
      return holdsAny(c, ['RM', 'SM']) ? { allowed: true } : { allowed: false, rule: 'D21', message: 'Only the Relationship Manager or the Service Manager draft service performance reports (D21).' };
    // RE.2.4: the RM or SM approve the report and share it with the customer.
    case 'performance.approve':
      return holdsAny(c, ['RM', 'SM']) ? { allowed: true } : { allowed: false, rule: 'RE.2.4', message: 'Only the Relationship Manager or the Service Manager approve and share service performance reports (RE.2.4).' };
    case 'procedures.sign':
      return holdsAny(c, ['SM', 'MGT', 'CM']) ? { allowed: true } : { allowed: false, rule: 'CO.1.3', message: 'Only the Service Manager, Management (MGT) or the Control Manager approve the service control procedures (CO.1.3, CO.1.5).' };
    // RE.1.1: the Relationship Manager (or the Service Manager) drafts the service catalogue.
    case 'catalogue.edit':
      return holdsAny(c, ['RM', 'SM']) ? { allowed: true } : { allowed: false, rule: 'RE.1.1', message: 'Only the Relationship Manager or the Service Manager draft the service catalogue.' };
    // RE.1.2: the Service Manager or the Relationship Manager approve and publish it.
    case 'catalogue.approve':
      return holdsAny(c, ['SM', 'RM']) ? { allowed: true } : { allowed: false, rule: 'RE.1.2', message: 'Only the Service Manager or the Relationship Manager approve and publish the service catalogue.' };
    // RE.2.1, RE.2.5: the Relationship Manager or the Service Manager draft and change agreements.
    case 'agreement.edit':
      return holdsAny(c, ['RM', 'SM']) ? { allowed: true } : { allowed: false, rule: 'RE.2.1', message: 'Only the Relationship Manager or the Service Manager draft and change agreements (RE.2.1, RE.2.5).' };
    // RE.2.2, ROL-12: MGT and SM sign for themselves; the RM or SM record the customer's or supplier's sign-off. Which
    // party signs is checked on the agreement itself (src/domain/agreement/approval.ts).
    case 'agreement.sign':
      return holdsAny(c, ['MGT', 'SM', 'RM']) ? { allowed: true } : { allowed: false, rule: 'RE.2.2', message: 'Only the parties an agreement lists approve it: Management (MGT) and the Service Manager sign, and the Relationship Manager or the Service Manager record the customer’s or supplier’s sign-off (RE.2.2, ROL-12).' };
  }
}
