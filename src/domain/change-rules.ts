/**
 * Change rules (002 §7.1, CO.1–CO.3; REQUIREMENTS §4 CHG-xx, §2.2 CO-xx; DECISIONS D3, D7, D15–D17).
 *
 * - Change types and their type-specific paths (CHG-01..CHG-04, D16).
 * - `missingFor(facts, target)`: what is still missing before a change request (WP.11) may enter a status. The
 *   workflow validator refuses the transition with this list and the issue panel shows the same list. Order is not
 *   imposed (D3): a status needs the durable evidence of the steps before it on its path plus its own inputs.
 * - `validateTemplateDesignation`: a pre-approved template only after a normal change of the same kind completed
 *   the full process, naming the CM and the business approver (D15, CHG-06, CO.2.1 NOTE 3).
 * - `checkSchedule`: change windows, maintenance windows, freezes and other changes (D17, CHG-17, CHG-21).
 *
 * Time is passed in: instants are epoch milliseconds (schedule) or ISO-8601 strings with an offset (records).
 */
import type { MissingItem } from './incident-closure';
import { ROLES, type RoleCode } from './roles';
import { mayApproveChange } from './sod';

export type { MissingItem } from './incident-closure';

// ---------------------------------------------------------------------------------------------------------------
// Types and paths

/** CHG-01: the three change types of 002 §7.1. Normal is the fallback (CHG-04). */
export const CHANGE_TYPES = ['Pre-approved', 'Emergency', 'Normal'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

/** CHG-02..CHG-04: default description of each type (002 §7.1), maintained by CM with MGT (CHG-05, CO.1.1). */
export const CHANGE_TYPE_DEFINITIONS: Readonly<Record<ChangeType, { rule: string; text: string }>> = {
  'Pre-approved': { rule: 'CHG-02', text: 'Change to the service infrastructure with little or no organizational risk, identified by the Control Manager (CM) and agreed by the business.' },
  Emergency: { rule: 'CHG-03', text: 'Unplanned/unscheduled change, due to a potential or actual high impact event, that requires immediate remedial action / deployment.' },
  Normal: { rule: 'CHG-04', text: 'Change that does not fit the pre-approved or emergency criteria and, due to size, impact or risk, requires formal assessment prior to deployment.' },
};

/** Workflow statuses of a service change request. WP.11's own statuses are Draft, Approved, Rejected, Updated, "Approved & Updated". */
export const CHANGE_STATUSES = ['Draft', 'Approved', 'Rejected', 'Built', 'Tested', 'Approved & Updated', 'Deployed', 'Reviewed', 'Closed'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

/**
 * D16: the statuses of each type's path, in display order.
 * - Normal: Draft → Approved | Rejected → Built → Tested → Approved & Updated (deploy approved) → Deployed → Reviewed → Closed.
 * - Emergency: Draft → Approved (one CM or SM) | Rejected → Deployed → Reviewed (mandatory) → Closed; Built and Tested
 *   may be recorded but do not gate deployment (CHG-08 "follow the normal activities, usually faster").
 * - Pre-approved: created Approved from a designated template → Deployed → Closed (still scheduled).
 */
export const CHANGE_PATHS: Readonly<Record<ChangeType, readonly ChangeStatus[]>> = {
  Normal: ['Draft', 'Approved', 'Rejected', 'Built', 'Tested', 'Approved & Updated', 'Deployed', 'Reviewed', 'Closed'],
  Emergency: ['Draft', 'Approved', 'Rejected', 'Built', 'Tested', 'Deployed', 'Reviewed', 'Closed'],
  'Pre-approved': ['Approved', 'Deployed', 'Closed'],
};

/** For each status, the statuses whose evidence must exist before it (D16; D3: evidence, not order). */
const PREREQUISITES: Readonly<Record<ChangeType, Partial<Record<ChangeStatus, readonly ChangeStatus[]>>>> = {
  Normal: {
    Draft: [], Approved: [], Rejected: [],
    Built: ['Approved'],
    Tested: ['Approved', 'Built'],
    'Approved & Updated': ['Approved', 'Built', 'Tested'],
    Deployed: ['Approved', 'Built', 'Tested', 'Approved & Updated'],
    Reviewed: ['Approved', 'Built', 'Tested', 'Approved & Updated', 'Deployed'],
    Closed: ['Approved', 'Built', 'Tested', 'Approved & Updated', 'Deployed', 'Reviewed'],
  },
  Emergency: {
    Draft: [], Approved: [], Rejected: [],
    Built: ['Approved'],
    Tested: ['Approved', 'Built'],
    Deployed: ['Approved'],
    Reviewed: ['Approved', 'Deployed'],
    Closed: ['Approved', 'Deployed', 'Reviewed'],
  },
  'Pre-approved': { Approved: [], Deployed: ['Approved'], Closed: ['Approved', 'Deployed'] },
};

// ---------------------------------------------------------------------------------------------------------------
// Approval authority (ROL-11 matrix for changes)

/** 'evaluate' = CO.2.1 (Approved | Rejected), or the single emergency approval; 'deploy' = CO.3.2 approval to deploy. */
export type ApprovalStep = 'evaluate' | 'deploy';

export interface ApprovalAuthority { step: ApprovalStep; roles: readonly RoleCode[]; rule: string; description: string }

/**
 * Who approves each step (ROL-11, D16). Null when the type has no such step: a pre-approved change is approved by its
 * template at creation (D15), and an emergency change deploys on its one approval (D16).
 */
export function approvalAuthority(type: ChangeType, step: ApprovalStep): ApprovalAuthority | null {
  if (type === 'Normal') {
    return step === 'evaluate'
      ? { step, roles: ['CM'], rule: 'CO.2.1', description: 'evaluation of the service change request (Approved or Rejected)' }
      : { step, roles: ['CM'], rule: 'CO.3.2', description: 'approval to deploy after review of the test report' };
  }
  if (type === 'Emergency' && step === 'evaluate') {
    return { step, roles: ['CM', 'SM'], rule: 'D16', description: 'emergency approval (deployment may follow on this one approval)' };
  }
  return null;
}

/** Customer / supplier sign-offs next to the VSE's approval (ROL-11, ROL-12, D16 "where the agreement says so"). */
export type SignOffRole = 'CUS' | 'SUP';
export type ChangeRisk = 'low' | 'medium' | 'high';

export interface ChangeRulesPolicy {
  /** Sign-offs required per step of a Normal change; comes from the customer/supplier agreement (ROL-12). */
  signOffs: Readonly<Record<ApprovalStep, readonly SignOffRole[]>>;
  /** ROL-13: an extra, more senior approval of the evaluation per risk level (one of the roles listed). */
  seniorApprovalByRisk: Readonly<Partial<Record<ChangeRisk, readonly RoleCode[]>>>;
  /** CHG-19: a back-out plan is required for Normal (before approval) and Emergency (before closing) changes. */
  requireBackOutPlan: boolean;
}

/**
 * Shipped default: CO.2.1 needs the CM only (customer/supplier only where the agreement says so, D16); CO.3.2 needs
 * the CM plus the customer's sign-off (ROL-11 recommended default); no senior approval tier (GEN-01: no CAB assumed).
 */
export const DEFAULT_CHANGE_RULES_POLICY: ChangeRulesPolicy = {
  signOffs: { evaluate: [], deploy: ['CUS'] },
  seniorApprovalByRisk: {},
  requireBackOutPlan: true,
};

// ---------------------------------------------------------------------------------------------------------------
// Facts of one change request

export interface RecordedApproval {
  step: ApprovalStep;
  accountId: string;
  /** The role in which the person decided (recorded at the time). */
  role: RoleCode;
  decision: 'approved' | 'rejected';
  /** ISO-8601 instant. */
  at: string;
}

export interface ChangeFacts {
  key: string;
  type: ChangeType;
  status: ChangeStatus;
  requesterId: string | null;
  builderIds: readonly string[];
  deployerIds: readonly string[];
  approvals: readonly RecordedApproval[];
  /** WP.11 fields that are still empty, named as on the form (e.g. 'business impact'). */
  missingRequestFields: readonly string[];
  /** CO-06: impacted CIs (with their current version) or a request for a new service. */
  affectedCis: readonly string[];
  newService: boolean;
  /** Services affected, for schedule conflicts (D17). */
  affectedServices: readonly string[];
  backOutPlan: boolean;
  risk: ChangeRisk | null;
  /** WP.16 service design [Approved] (CO.2.3). */
  serviceDesignApproved: boolean;
  /** WP.13 service change, built [Initial] recorded (CO.2.4). */
  built: boolean;
  /** WP.20 service test report (CO.3.1). */
  testReport: { published: boolean; outcome: 'pass' | 'fail' | null } | null;
  /** WP.03 customer agreement [Approved] (CO.3.2 input). */
  customerAgreementApproved: boolean;
  /** WP.09 secure component procedure [Approved] (CO.1.5 → CO.3.4 input). */
  secureComponentProcedureApproved: boolean;
  /** The change's entry on the service change schedule (WP.12, CO.2.2), in epoch milliseconds. */
  plannedDeployment: { start: number; end: number } | null;
  /** CO.3.4 outputs. `catalogueUpdated: 'not-affected'` when the change does not touch the catalogue. */
  deployment: { configurationRecordUpdated: boolean; catalogueUpdated: boolean | 'not-affected' } | null;
  /** CO.3.5 post-deployment review; for an emergency change it must state whether the emergency was justified (CHG-08). */
  review: { by: string; at: string; emergencyJustified: boolean | null } | null;
  /** D15: the pre-approved template the change was created from. */
  template: { templateId: string; designated: boolean } | null;
}

export interface MissingForOptions {
  policy?: ChangeRulesPolicy;
  /** When given, schedule refusals (D17) are part of what is missing before Deployed. */
  schedule?: ChangeSchedule;
}

function roleLabel(roles: readonly RoleCode[]): string {
  return roles.map((r) => `${ROLES[r].name} (${r})`).join(' or ');
}

function latest<T extends { at: string }>(items: readonly T[]): T | undefined {
  return items.slice().sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).at(-1);
}

/**
 * The authority's decision on a step: only decisions by someone holding a required role and passing D7 count; the
 * latest such decision wins. Decisions that do not count are explained.
 */
function authorityDecision(facts: ChangeFacts, authority: ApprovalAuthority): { decision: RecordedApproval | undefined; notCounted: MissingItem[] } {
  const notCounted: MissingItem[] = [];
  const valid: RecordedApproval[] = [];
  for (const a of facts.approvals) {
    if (a.step !== authority.step || !authority.roles.includes(a.role)) continue;
    const verdict = mayApproveChange({
      approverId: a.accountId, approverRoles: [a.role], changeType: facts.type, step: a.step, requiredRoles: authority.roles, authorityRule: authority.rule,
      requesterId: facts.requesterId, builderIds: facts.builderIds, deployerIds: facts.deployerIds,
    });
    if (verdict.allowed) valid.push(a);
    else for (const r of verdict.reasons) notCounted.push({ rule: r.rule, what: `the ${a.decision === 'approved' ? 'approval' : 'rejection'} by ${a.accountId} does not count: ${r.message}` });
  }
  return { decision: latest(valid), notCounted };
}

function approvalEvidence(facts: ChangeFacts, step: ApprovalStep, policy: ChangeRulesPolicy): MissingItem[] {
  const authority = approvalAuthority(facts.type, step);
  if (!authority) return [];
  const missing: MissingItem[] = [];
  const { decision, notCounted } = authorityDecision(facts, authority);
  const rule = facts.type === 'Emergency' ? 'D16' : 'ROL-11';
  if (!decision) {
    missing.push({ rule, what: `the ${authority.description} by a ${roleLabel(authority.roles)} who did not request, build or deploy the change (${authority.rule}, D7)` });
    missing.push(...notCounted);
  } else if (decision.decision === 'rejected') {
    missing.push({ rule: authority.rule, what: `an approval: the latest decision is a rejection by ${decision.accountId} at ${decision.at}` });
  }
  if (facts.type === 'Normal') {
    // D16 / ROL-11: the customer and supplier sign-offs the agreement requires.
    for (const role of policy.signOffs[step]) {
      const last = latest(facts.approvals.filter((a) => a.step === step && a.role === role));
      const who = role === 'CUS' ? 'customer' : 'supplier';
      if (!last) missing.push({ rule: step === 'evaluate' ? 'D16' : 'ROL-11', what: `the ${who}'s (${role}) sign-off of the ${authority.description} (${authority.rule})` });
      else if (last.decision === 'rejected') missing.push({ rule: step === 'evaluate' ? 'D16' : 'ROL-11', what: `the ${who}'s (${role}) sign-off: ${last.accountId} rejected at ${last.at} (${authority.rule})` });
    }
    // ROL-13: higher risk needs a more senior approver.
    const senior = step === 'evaluate' && facts.risk ? policy.seniorApprovalByRisk[facts.risk] : undefined;
    if (senior && senior.length > 0) {
      const seniorAuthority: ApprovalAuthority = { step, roles: senior, rule: 'ROL-13', description: `senior approval for a ${facts.risk ?? ''}-risk change` };
      const s = authorityDecision(facts, seniorAuthority);
      if (!s.decision || s.decision.decision === 'rejected') {
        missing.push({ rule: 'ROL-13', what: `a senior approval by a ${roleLabel(senior)} for a ${facts.risk ?? ''}-risk change${s.decision ? ` (${s.decision.accountId} rejected at ${s.decision.at})` : ''}` });
        if (!s.decision) missing.push(...s.notCounted);
      }
    }
  }
  return missing;
}

/** Durable evidence that the step to `status` was done. */
function evidence(facts: ChangeFacts, status: ChangeStatus, policy: ChangeRulesPolicy): MissingItem[] {
  const missing: MissingItem[] = [];
  switch (status) {
    case 'Approved':
      if (facts.type === 'Pre-approved') {
        if (!facts.template) missing.push({ rule: 'D15', what: 'the pre-approved template the change is created from' });
        else if (!facts.template.designated) missing.push({ rule: 'D15', what: `a designated template: "${facts.template.templateId}" is not designated pre-approved (CHG-06)` });
      } else missing.push(...approvalEvidence(facts, 'evaluate', policy));
      break;
    case 'Rejected': {
      const authority = approvalAuthority(facts.type, 'evaluate');
      if (authority) {
        const { decision, notCounted } = authorityDecision(facts, authority);
        if (!decision || decision.decision !== 'rejected') {
          missing.push({ rule: authority.rule, what: `a rejection by a ${roleLabel(authority.roles)} who did not request, build or deploy the change (D7)` });
          if (!decision) missing.push(...notCounted);
        }
      }
      break;
    }
    case 'Built':
      if (facts.type === 'Normal' && !facts.serviceDesignApproved) missing.push({ rule: 'CO-08', what: 'an approved service design (WP.16, CO.2.3)' });
      if (!facts.built) missing.push({ rule: 'CO.2.4', what: 'the built service change (WP.13 [Initial])' });
      break;
    case 'Tested':
      if (!facts.testReport || !facts.testReport.published) missing.push({ rule: 'CO.3.1', what: 'a published service test report (WP.20)' });
      else if (facts.testReport.outcome !== 'pass') {
        missing.push({ rule: 'D16', what: facts.testReport.outcome === 'fail' ? 'a passing test: the published test report says "fail" (WP.20)' : 'the test outcome "pass" in the published test report (WP.20)' });
      }
      break;
    case 'Approved & Updated':
      missing.push(...approvalEvidence(facts, 'deploy', policy));
      break;
    case 'Deployed':
      if (!facts.deployment) missing.push({ rule: 'CO.3.4', what: 'the deployment record' });
      else {
        if (!facts.deployment.configurationRecordUpdated) missing.push({ rule: 'CO-11', what: 'the configuration record updated by the deployment (WP.02)' });
        if (facts.deployment.catalogueUpdated === false) missing.push({ rule: 'CO-11', what: 'the service catalogue updated by the deployment (WP.10)' });
      }
      break;
    case 'Reviewed':
      if (!facts.review) missing.push({ rule: facts.type === 'Emergency' ? 'CHG-08' : 'CO-12', what: facts.type === 'Emergency' ? 'the post-implementation emergency review (D16)' : 'the post-deployment review (CO.3.5)' });
      else if (facts.type === 'Emergency' && facts.review.emergencyJustified === null) missing.push({ rule: 'CHG-08', what: 'the review\'s verdict "was the emergency justified? yes/no"' });
      break;
    case 'Closed':
      if (facts.type === 'Emergency') missing.push(...requestDocumentation(facts, policy, 'D16'));
      break;
    case 'Draft':
      break;
  }
  return missing;
}

/** The request's documentation: WP.11 fields, CO-06 CI link, CHG-19 back-out plan. */
function requestDocumentation(facts: ChangeFacts, policy: ChangeRulesPolicy, rule: 'WP.11' | 'D16'): MissingItem[] {
  const missing: MissingItem[] = [];
  const suffix = rule === 'D16' ? ' (emergency documentation completed afterwards, D16)' : '';
  for (const field of facts.missingRequestFields) missing.push({ rule: 'WP.11', what: `the request field "${field}"${suffix}` });
  if (facts.affectedCis.length === 0 && !facts.newService) missing.push({ rule: 'CO-06', what: `at least one impacted configuration item with its current version, or "new service"${suffix}` });
  if (policy.requireBackOutPlan && !facts.backOutPlan) missing.push({ rule: 'CHG-19', what: `a back-out plan${suffix}` });
  return missing;
}

/** Inputs of the step itself, checked when entering it (they may legitimately change afterwards). */
function ownInputs(facts: ChangeFacts, status: ChangeStatus, options: MissingForOptions, policy: ChangeRulesPolicy): MissingItem[] {
  const missing: MissingItem[] = [];
  if (status === 'Approved' && facts.type === 'Normal') missing.push(...requestDocumentation(facts, policy, 'WP.11'));
  if (status === 'Approved & Updated' && !facts.customerAgreementApproved) missing.push({ rule: 'CO-09', what: 'an approved customer agreement (WP.03) to review the test report against (CO.3.2)' });
  if (status === 'Deployed') {
    if (!facts.secureComponentProcedureApproved) missing.push({ rule: 'CO-09', what: 'an approved secure component procedure (WP.09, CO.1.5) for the deployment (CO.3.4)' });
    if (facts.type !== 'Emergency') {
      if (!facts.plannedDeployment) missing.push({ rule: facts.type === 'Normal' ? 'CO-07' : 'D16', what: 'the planned deployment on the service change schedule (WP.12, CO.2.2)' });
      else if (options.schedule) {
        const check = checkSchedule({ changeKey: facts.key, type: facts.type, serviceIds: facts.affectedServices, ...facts.plannedDeployment }, options.schedule);
        for (const r of check.refusals) missing.push({ rule: r.rule, what: r.message });
      }
    }
  }
  return missing;
}

/**
 * D16: what is still missing before the change may enter `target`. Empty = the transition is allowed.
 * The list holds every missing item with its rule id, in path order.
 */
export function missingFor(facts: ChangeFacts, target: ChangeStatus, options: MissingForOptions = {}): MissingItem[] {
  const policy = options.policy ?? DEFAULT_CHANGE_RULES_POLICY;
  const path = CHANGE_PATHS[facts.type];
  const prerequisites = PREREQUISITES[facts.type][target];
  if (!path.includes(target) || !prerequisites) {
    return [{ rule: 'D16', what: `a status on the ${facts.type} path: "${target}" is not part of it (${path.join(' → ')})` }];
  }
  if (facts.status === 'Rejected' && target !== 'Rejected') {
    return [{ rule: 'CO-05', what: 'a new service change request: a rejected request does not move on' }];
  }
  if (target === 'Draft') return [];
  const missing: MissingItem[] = [];
  for (const step of [...prerequisites, target]) missing.push(...evidence(facts, step, policy));
  missing.push(...ownInputs(facts, target, options, policy));
  const seen = new Set<string>();
  return missing.filter((m) => {
    const k = `${m.rule}|${m.what}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function describeMissing(subject: string, target: ChangeStatus, missing: readonly MissingItem[]): string {
  if (missing.length === 0) return `${subject} may move to "${target}".`;
  return `${subject} cannot move to "${target}" yet. Missing: ${missing.map((m) => `${m.what} (${m.rule})`).join('; ')}.`;
}

// ---------------------------------------------------------------------------------------------------------------
// Pre-approved template designation (D15, CHG-06, CO.2.1 NOTE 3)

export interface TemplateDesignation {
  templateId: string;
  /** The kind of change the template stands for (e.g. "add disk space to a data table"). */
  kind: string;
  /** ISO-8601 instant of the designation. */
  designatedAt: string;
  /** The normal change of the same kind that completed the full process. */
  qualifyingChange: { kind: string; facts: ChangeFacts } | null;
  /** CHG-06 (b): the CM who identified the change as little or no risk. */
  controlManager: { accountId: string; roles: readonly RoleCode[] } | null;
  /** CHG-06 (c): who agreed for the business, and when. */
  businessApprover: { accountId: string; agreedAt: string } | null;
  /** CHG-06 (d): listed in the policy's change definitions (WP.14). */
  listedInPolicy: boolean;
}

export interface DesignationCheck { ok: boolean; missing: MissingItem[]; text: string }

function sameKind(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** D15: may this template be designated pre-approved? Explains every missing item. */
export function validateTemplateDesignation(d: TemplateDesignation, options: { policy?: ChangeRulesPolicy } = {}): DesignationCheck {
  const missing: MissingItem[] = [];
  const q = d.qualifyingChange;
  if (!q) {
    missing.push({ rule: 'D15', what: `a linked normal change of the kind "${d.kind}" that completed the full normal process (CHG-06, CO.2.1 NOTE 3)` });
  } else {
    const f = q.facts;
    if (f.type !== 'Normal') missing.push({ rule: 'D15', what: `a qualifying change of type Normal: ${f.key} is ${f.type} (CHG-06)` });
    if (!sameKind(q.kind, d.kind)) missing.push({ rule: 'D15', what: `a qualifying change of the same kind: ${f.key} is "${q.kind}", the template is "${d.kind}" (CHG-06)` });
    if (f.type === 'Normal') {
      const incomplete = missingFor(f, 'Reviewed', options.policy ? { policy: options.policy } : {});
      if (f.status !== 'Reviewed' && f.status !== 'Closed') missing.push({ rule: 'D15', what: `a completed qualifying change: ${f.key} is still "${f.status}" (CHG-06)` });
      for (const m of incomplete) missing.push({ rule: 'D15', what: `${f.key} completed the full normal process: ${m.what} (${m.rule})` });
      if (f.review && Date.parse(f.review.at) > Date.parse(d.designatedAt)) {
        missing.push({ rule: 'D15', what: `the qualifying change completed before the designation: ${f.key} was reviewed at ${f.review.at}, after ${d.designatedAt} (CHG-06)` });
      }
    }
  }
  if (!d.controlManager) missing.push({ rule: 'D15', what: 'the Control Manager (CM) who identified the change as little or no risk (CHG-02, CHG-06)' });
  else if (!d.controlManager.roles.includes('CM')) missing.push({ rule: 'D15', what: `a Control Manager: ${d.controlManager.accountId} does not hold the CM role (CHG-02, ROL-11)` });
  if (!d.businessApprover) missing.push({ rule: 'D15', what: 'the business approver who agreed to the designation, with the date (CHG-02, CHG-06)' });
  else if (d.controlManager && d.businessApprover.accountId === d.controlManager.accountId) {
    missing.push({ rule: 'D15', what: `a business approver other than the Control Manager: ${d.businessApprover.accountId} cannot both identify and agree for the business (CHG-02)` });
  }
  if (!d.listedInPolicy) missing.push({ rule: 'CHG-06', what: 'the template listed in the change definitions of the service delivery policy (WP.14, CHG-05)' });

  const ok = missing.length === 0;
  const text = ok && q && d.controlManager && d.businessApprover
    ? `Template "${d.templateId}" (${d.kind}) is designated pre-approved: qualified by ${q.facts.key}, which completed the full normal process; identified by ${d.controlManager.accountId} (CM); agreed by ${d.businessApprover.accountId} for the business on ${d.businessApprover.agreedAt} (D15, CHG-06).`
    : `Template "${d.templateId}" (${d.kind}) cannot be designated pre-approved yet. Missing: ${missing.map((m) => `${m.what} (${m.rule})`).join('; ')}.`;
  return { ok, missing, text };
}

// ---------------------------------------------------------------------------------------------------------------
// Change schedule conflicts (D17, CHG-17, CHG-21; WP.12)

/** Epoch milliseconds. Time zones stay with the caller: intervals are instants, half-open [start, end). */
export type Instant = number;
export interface ScheduleInterval { start: Instant; end: Instant }

export type SchedulePeriodKind = 'change-window' | 'maintenance-window' | 'freeze';

/** A period on the schedule (WP.12). No `serviceIds` (or empty) = applies to every service. */
export interface SchedulePeriod extends ScheduleInterval { id: string; name: string; kind: SchedulePeriodKind; serviceIds?: readonly string[] }
export interface ScheduledChange extends ScheduleInterval { changeKey: string; serviceIds: readonly string[] }
export interface ChangeSchedule { periods: readonly SchedulePeriod[]; changes: readonly ScheduledChange[] }

export interface PlannedChange extends ScheduleInterval { changeKey: string | null; type: ChangeType; serviceIds: readonly string[] }

export interface ScheduleFinding {
  rule: 'D17';
  refs: readonly string[];
  kind: 'invalid-interval' | 'outside-window' | 'freeze' | 'overlap';
  /** The conflicting part of the planned interval. */
  interval: ScheduleInterval;
  periodId?: string;
  changeKey?: string;
  message: string;
}

export interface ScheduleCheck { ok: boolean; refusals: ScheduleFinding[]; warnings: ScheduleFinding[] }

function iso(t: Instant): string {
  return new Date(t).toISOString();
}

function span(i: ScheduleInterval): string {
  return `${iso(i.start)}–${iso(i.end)}`;
}

function global(p: { serviceIds?: readonly string[] }): boolean {
  return !p.serviceIds || p.serviceIds.length === 0;
}

/** A window covers the change only if it applies to every service the change affects. */
function windowApplies(w: SchedulePeriod, services: readonly string[]): boolean {
  return global(w) || (services.length > 0 && services.every((s) => w.serviceIds?.includes(s)));
}

/** A freeze stops the change if it applies to any service the change affects. */
function freezeApplies(f: SchedulePeriod, services: readonly string[]): boolean {
  return global(f) || services.some((s) => f.serviceIds?.includes(s));
}

/** The parts of [start, end) not covered by the given intervals. */
function gaps(target: ScheduleInterval, cover: readonly ScheduleInterval[]): ScheduleInterval[] {
  const sorted = cover.filter((c) => c.end > target.start && c.start < target.end).slice().sort((a, b) => a.start - b.start);
  const out: ScheduleInterval[] = [];
  let cursor = target.start;
  for (const c of sorted) {
    if (c.start > cursor) out.push({ start: cursor, end: Math.min(c.start, target.end) });
    cursor = Math.max(cursor, c.end);
    if (cursor >= target.end) break;
  }
  if (cursor < target.end) out.push({ start: cursor, end: target.end });
  return out;
}

/**
 * D17: check a planned change against the schedule.
 * - Normal: outside every change/maintenance window, or overlapping a freeze (key business event) → refused, naming
 *   the uncovered time or the freeze (CHG-17, CHG-21).
 * - Emergency: the same findings are warnings, not refusals (D17; CHG-03 "unplanned/unscheduled").
 * - Pre-approved: follows the Normal rule (D16 "still recorded in the schedule"; CHG-17 applies to every change; a
 *   low-risk change still must not clash with a business-critical period).
 * - Any type: overlapping another scheduled change on the same service → warning.
 */
export function checkSchedule(planned: PlannedChange, schedule: ChangeSchedule): ScheduleCheck {
  const refusals: ScheduleFinding[] = [];
  const warnings: ScheduleFinding[] = [];
  const label = planned.changeKey ?? 'The change';
  if (!Number.isFinite(planned.start) || !Number.isFinite(planned.end) || planned.end <= planned.start) {
    refusals.push({ rule: 'D17', refs: ['CO.2.2'], kind: 'invalid-interval', interval: { start: planned.start, end: planned.end }, message: `${label}: the planned end must be after the planned start (D17).` });
    return { ok: false, refusals, warnings };
  }
  const emergency = planned.type === 'Emergency';
  const blocking: Array<{ finding: Omit<ScheduleFinding, 'message'>; text: string; ids: string }> = [];
  const windows = schedule.periods.filter((p) => p.kind !== 'freeze' && windowApplies(p, planned.serviceIds));
  for (const g of gaps(planned, windows)) {
    blocking.push({
      finding: { rule: 'D17', refs: ['CHG-17'], kind: 'outside-window', interval: g },
      text: windows.length === 0
        ? `${label} is planned ${span(planned)}, but the schedule has no change or maintenance window for it`
        : `${label} is planned ${span(planned)}; ${span(g)} is outside every change or maintenance window`,
      ids: 'D17, CHG-17',
    });
  }
  const freezes = schedule.periods
    .filter((p) => p.kind === 'freeze' && freezeApplies(p, planned.serviceIds) && p.start < planned.end && p.end > planned.start)
    .slice().sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
  for (const f of freezes) {
    blocking.push({
      finding: { rule: 'D17', refs: ['CHG-17', 'CHG-21'], kind: 'freeze', periodId: f.id, interval: { start: Math.max(f.start, planned.start), end: Math.min(f.end, planned.end) } },
      text: `${label} is planned ${span(planned)}, inside the freeze "${f.name}" (${f.id}, ${span(f)})`,
      ids: 'D17, CHG-21',
    });
  }
  for (const b of blocking) {
    if (emergency) warnings.push({ ...b.finding, message: `${b.text}. Warned, not refused, for an Emergency change (${b.ids}).` });
    else refusals.push({ ...b.finding, message: `${b.text} (${b.ids}).` });
  }

  const others = schedule.changes
    .filter((c) => c.changeKey !== planned.changeKey && c.start < planned.end && c.end > planned.start && c.serviceIds.some((s) => planned.serviceIds.includes(s)))
    .slice().sort((a, b) => a.start - b.start || (a.changeKey < b.changeKey ? -1 : 1));
  for (const c of others) {
    const shared = c.serviceIds.filter((s) => planned.serviceIds.includes(s));
    warnings.push({
      rule: 'D17', refs: ['CHG-17'], kind: 'overlap', changeKey: c.changeKey,
      interval: { start: Math.max(c.start, planned.start), end: Math.min(c.end, planned.end) },
      message: `${label} overlaps ${c.changeKey} (${span(c)}) on ${shared.join(', ')} (D17).`,
    });
  }
  return { ok: refusals.length === 0, refusals, warnings };
}
