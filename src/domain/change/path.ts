/**
 * The path of one service change request (D16, CO.1–CO.3), from its Jira snapshot and the evidence the app recorded
 * (ADR 014). Pure: time and everything read are parameters. The gates themselves are those of change-rules.ts
 * (`missingFor`); this module says which gate each step and each Jira status stands for, adds what the change panel
 * and the workflow validator both need (CO-06 for an emergency approval, D17 at approval and scheduling, the service
 * design of CO-08), and turns the gates' findings into words with people's names.
 */
import {
  approvalAuthority, checkSchedule, DEFAULT_CHANGE_RULES_POLICY, missingFor,
  type ApprovalStep, type ChangeFacts, type ChangeRulesPolicy, type ChangeSchedule, type ChangeStatus, type ChangeType, type MissingItem, type RecordedApproval, type ScheduleFinding,
} from '../change-rules';
import { ROLES, rolesHeldBy, type RoleAssignment, type RoleCode } from '../roles';
import { FIELD_SPECS } from '../setup-plan';
import { mayApproveChange } from '../sod';
import { NEW_SERVICE_LABEL, type ChangeSnapshot, type PersonFact } from './snapshot';

export type { MissingItem };

/** The steps of the three paths, in path order (contract: CHANGE_STEPS). */
export type PathStep = 'evaluate' | 'design' | 'build' | 'test' | 'deploy-approval' | 'deploy' | 'review' | 'close';
/** An approval step a person decides in the panel: CO.2.1, CO.2.3, CO.3.2. */
export type DecisionStep = 'evaluate' | 'design' | 'deploy';

export const STEP_LABELS: Readonly<Record<PathStep, string>> = {
  evaluate: 'Approval', design: 'Service design approved', build: 'Built', test: 'Tested', 'deploy-approval': 'Approved to deploy',
  deploy: 'Deployed', review: 'Reviewed', close: 'Closed',
};

export const DECISION_STEP_LABELS: Readonly<Record<DecisionStep, string>> = {
  evaluate: 'approval of the request', design: 'approval of the service design', deploy: 'approval to deploy',
};

/** D16: the steps on each type's path. Design, build and test may be recorded on an emergency change, but do not gate it. */
export const PATH_STEPS: Readonly<Record<ChangeType, readonly PathStep[]>> = {
  Normal: ['evaluate', 'design', 'build', 'test', 'deploy-approval', 'deploy', 'review', 'close'],
  Emergency: ['evaluate', 'deploy', 'review', 'close'],
  'Pre-approved': ['evaluate', 'deploy', 'close'],
};

export const PATH_TEXT: Readonly<Record<ChangeType, string>> = {
  Normal: 'Assessed before it is built: approval, service design, build, a passing test, approval to deploy, deployment on the schedule, then a review.',
  Emergency: 'Deploys on one approval by the Control Manager or the Service Manager; the documentation is completed afterwards and it cannot close without its post-implementation review.',
  'Pre-approved': 'Approved at creation by its designated template; it is still placed on the schedule and deployed in a window.',
};

/**
 * The change type of a record (CHG-01): the site's option through the mapping's aliases and the wizard's defaults (JSM's
 * "Standard" is pre-approved, D15); null for an empty or unknown option. The one reading of a Change type value.
 */
export function changeTypeOf(value: string | null, aliases: Readonly<Record<string, string>> = {}): ChangeType | null {
  if (!value || !value.trim()) return null;
  const lower = value.trim().toLowerCase();
  const site = Object.entries(aliases).find(([k]) => k.trim().toLowerCase() === lower)?.[1];
  const mapped = site ?? FIELD_SPECS.changeType.aliases[lower] ?? value.trim();
  return (['Normal', 'Emergency', 'Pre-approved'] as const).find((t) => t.toLowerCase() === mapped.trim().toLowerCase()) ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// The evidence, as the change record holds it (src/store/change-records.ts), in the domain's own terms

export interface DecisionFact {
  id: string;
  step: DecisionStep;
  decision: 'approved' | 'rejected';
  by: PersonFact;
  role: RoleCode;
  at: string;
  reason: string | null;
  via: 'app' | 'jsm';
}

export interface ChangeEvidence {
  decisions: readonly DecisionFact[];
  design: { approvedBy: PersonFact; at: string } | null;
  build: { by: PersonFact; at: string; status: 'Initial' | 'Final' } | null;
  testReport: { outcome: 'pass' | 'fail'; publishedAt: string; performedBy: PersonFact } | null;
  deployment: { by: PersonFact; at: string; complete: boolean } | null;
  review: { by: PersonFact; at: string; emergencyJustified: boolean | null } | null;
  template: { id: string; name: string } | null;
}

export interface ChangeEnvironment {
  /** The approved role list (WP.08); null before one exists. */
  roles: readonly RoleAssignment[] | null;
  policy?: ChangeRulesPolicy;
  /** WP.09 approved (CO.1.5 → CO.3.4). */
  secureComponentProcedureApproved: boolean;
  /** The designated pre-approved templates by id (D15). */
  designatedTemplates: ReadonlySet<string>;
  /** The schedule (WP.12) with the other changes on it, for D17; null when none is kept yet. */
  schedule: ChangeSchedule | null;
  /** WP.03 approved (CO.3.2 input). Agreements arrive with the service relationship process; until then the policy stands for it. */
  customerAgreementApproved: boolean;
  /** CO-06: the configuration records (WP.02) that exist; a label naming none of them does not count. Absent: not checked. */
  knownConfigurationItems?: ReadonlySet<string>;
}

const SIGN_OFF_ROLES: readonly RoleCode[] = ['CUS', 'SUP'];

/** D7's people of the change, from Jira's fields and history and from who recorded the build and the deployment. */
function peopleOf(s: ChangeSnapshot, e: ChangeEvidence): { requesterId: string | null; builderIds: string[]; deployerIds: string[]; requesterIds: string[] } {
  const builderIds = [...new Set([...s.builderIds, ...(e.build ? [e.build.by.accountId] : [])])];
  const deployerIds = [...new Set([...s.deployerIds, ...(e.deployment ? [e.deployment.by.accountId] : [])])];
  return { requesterId: s.reporter?.accountId ?? s.requesterIds[0] ?? null, builderIds, deployerIds, requesterIds: s.requesterIds };
}

/** The facts change-rules.ts decides on. D7 counts every requester, builder and deployer the history knows. */
export function changeFactsOf(s: ChangeSnapshot, e: ChangeEvidence, type: ChangeType, env: ChangeEnvironment): ChangeFacts {
  const people = peopleOf(s, e);
  const approvals: RecordedApproval[] = e.decisions
    .filter((d): d is DecisionFact & { step: ApprovalStep } => d.step !== 'design')
    .map((d) => ({ step: d.step, accountId: d.by.accountId, role: d.role, decision: d.decision, at: d.at }));
  const missingRequestFields: string[] = [];
  if (!s.plans.businessImpact) missingRequestFields.push('business impact');
  if (!s.plans.implementation) missingRequestFields.push('implementation plan');
  const cis = s.cis.filter((c) => c !== NEW_SERVICE_LABEL && (!env.knownConfigurationItems || env.knownConfigurationItems.has(c)));
  const facts: ChangeFacts = {
    key: s.key, type, status: 'Draft', requesterId: people.requesterId, builderIds: people.builderIds, deployerIds: people.deployerIds,
    approvals, missingRequestFields, affectedCis: cis, newService: s.cis.includes(NEW_SERVICE_LABEL), affectedServices: s.services,
    backOutPlan: s.plans.backOut, risk: null,
    serviceDesignApproved: designApproved(s, e, type, env).approved,
    built: e.build !== null,
    testReport: e.testReport ? { published: true, outcome: e.testReport.outcome } : null,
    customerAgreementApproved: env.customerAgreementApproved,
    secureComponentProcedureApproved: env.secureComponentProcedureApproved,
    plannedDeployment: s.plannedStart !== null && s.plannedEnd !== null ? { start: s.plannedStart, end: s.plannedEnd } : null,
    deployment: e.deployment ? { configurationRecordUpdated: e.deployment.complete, catalogueUpdated: 'not-affected' } : null,
    review: e.review ? { by: e.review.by.accountId, at: e.review.at, emergencyJustified: e.review.emergencyJustified } : null,
    template: e.template ? { templateId: e.template.id, designated: env.designatedTemplates.has(e.template.id) } : null,
  };
  return { ...facts, status: statusOf(facts, type, env) };
}

/** CO.2.3: the latest counted design decision is an approval by a Control Manager who is not barred by D7. */
function designApproved(s: ChangeSnapshot, e: ChangeEvidence, type: ChangeType, env: ChangeEnvironment): { approved: boolean; notCounted: Array<{ decision: DecisionFact; reasons: string[] }> } {
  const people = peopleOf(s, e);
  const notCounted: Array<{ decision: DecisionFact; reasons: string[] }> = [];
  const counted = e.decisions.filter((d) => d.step === 'design' && !SIGN_OFF_ROLES.includes(d.role)).filter((d) => {
    const reasons = barred(d.by.accountId, [d.role], type, 'design', people, env);
    if (reasons.length) notCounted.push({ decision: d, reasons });
    return reasons.length === 0;
  });
  const last = counted.slice().sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).at(-1);
  return { approved: last?.decision === 'approved', notCounted };
}

/** The furthest status the evidence supports (D3: evidence, not order), or Rejected. */
function statusOf(facts: ChangeFacts, type: ChangeType, env: ChangeEnvironment): ChangeStatus {
  const options = { policy: env.policy ?? DEFAULT_CHANGE_RULES_POLICY };
  const probe = { ...facts, status: 'Draft' as ChangeStatus };
  const authority = approvalAuthority(type, 'evaluate');
  if (authority) {
    const counted = facts.approvals.filter((a) => a.step === 'evaluate' && authority.roles.includes(a.role) && mayApproveChange({
      approverId: a.accountId, approverRoles: [a.role], changeType: type, step: 'evaluate', requiredRoles: authority.roles, authorityRule: authority.rule,
      requesterId: facts.requesterId, builderIds: facts.builderIds, deployerIds: facts.deployerIds,
    }).allowed).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    if (counted.at(-1)?.decision === 'rejected') return 'Rejected';
  }
  let reached: ChangeStatus = 'Draft';
  for (const status of ['Approved', 'Built', 'Tested', 'Approved & Updated', 'Deployed', 'Reviewed'] as const) {
    if (!PATH_STATUS_ON(type, status)) continue;
    const evidenceOnly = missingFor(probe, status, options).filter((m) => !INPUT_RULES.has(m.rule));
    if (evidenceOnly.length === 0) reached = status;
    else break;
  }
  return reached;
}

/** Rules of a step's own inputs (documentation, schedule, procedures) rather than of its evidence. */
const INPUT_RULES = new Set(['WP.11', 'CO-06', 'CHG-19', 'CO-09', 'CO-07', 'D17']);
const PATH_STATUS_ON = (type: ChangeType, status: ChangeStatus): boolean => (type === 'Normal' ? true : type === 'Emergency' ? !['Built', 'Tested', 'Approved & Updated'].includes(status) : ['Approved', 'Deployed'].includes(status));

// ---------------------------------------------------------------------------------------------------------------
// Who decides (ROL-11, D7)

/** The roles that decide each step of each type (ROL-11; D16). CO.2.3's design approval is the Control Manager's. */
export function decidingRoles(type: ChangeType, step: DecisionStep): { roles: readonly RoleCode[]; rule: string } | null {
  if (step === 'design') return type === 'Pre-approved' ? null : { roles: ['CM'], rule: 'CO.2.3' };
  const a = approvalAuthority(type, step);
  return a ? { roles: a.roles, rule: a.rule } : null;
}

function barred(accountId: string, roles: readonly RoleCode[], type: ChangeType, step: DecisionStep, people: ReturnType<typeof peopleOf>, _env: ChangeEnvironment): string[] {
  const authority = decidingRoles(type, step);
  const reasons: string[] = [];
  if (!authority) return [`a ${type.toLowerCase()} change has no ${DECISION_STEP_LABELS[step]}`];
  if (!roles.some((r) => authority.roles.includes(r))) reasons.push(`only ${rolesInWords(authority.roles)} decides the ${DECISION_STEP_LABELS[step]} of a ${type.toLowerCase()} change`);
  if (people.requesterIds.includes(accountId) || people.requesterId === accountId) reasons.push('requested this change');
  if (people.builderIds.includes(accountId)) reasons.push('built this change');
  if (people.deployerIds.includes(accountId)) reasons.push('will deploy this change');
  return reasons;
}

export function rolesInWords(roles: readonly RoleCode[]): string {
  const names = roles.map((r) => `the ${ROLES[r].name}`);
  return names.length <= 1 ? (names[0] ?? 'nobody') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

export interface DecideQuestion { accountId: string; roles: readonly RoleCode[]; step: DecisionStep }

/** May this person decide this step of this change (ROL-11, D7)? The reasons are in words, for a refusal. */
export function mayDecide(s: ChangeSnapshot, e: ChangeEvidence, type: ChangeType, q: DecideQuestion, env: ChangeEnvironment): { allowed: true } | { allowed: false; reasons: string[] } {
  const people = peopleOf(s, e);
  const reasons = barred(q.accountId, q.roles, type, q.step, people, env);
  return reasons.length ? { allowed: false, reasons } : { allowed: true };
}

/** Who may decide the pending step, and who may not and why (the panel's "who may approve"). */
export function approversOf(s: ChangeSnapshot, e: ChangeEvidence, type: ChangeType, step: DecisionStep, env: ChangeEnvironment, names: ReadonlyMap<string, string>): { rule: string; eligible: PersonFact[]; excluded: Array<{ person: PersonFact; reason: string }>; signOffs: string[]; why: string } | null {
  const authority = decidingRoles(type, step);
  if (!authority) return null;
  const people = peopleOf(s, e);
  const holders = (env.roles ?? []).filter((a) => a.roles.some((r) => authority.roles.includes(r)));
  const eligible: PersonFact[] = [];
  const excluded: Array<{ person: PersonFact; reason: string }> = [];
  for (const h of holders) {
    const person = { accountId: h.accountId, displayName: names.get(h.accountId) ?? h.accountId };
    const reasons = barred(h.accountId, rolesHeldBy([h], h.accountId).map((r) => r.code), type, step, people, env);
    if (reasons.length) excluded.push({ person, reason: `${person.displayName} ${reasons.join(' and ')}` });
    else eligible.push(person);
  }
  const policy = env.policy ?? DEFAULT_CHANGE_RULES_POLICY;
  const signOffs = type === 'Normal' && step !== 'design' ? policy.signOffs[step].map((r) => (r === 'CUS' ? "the customer's sign-off" : "the supplier's sign-off")) : [];
  return {
    rule: `${capitalise(rolesInWords(authority.roles))} who did not request, build or deploy this change`,
    eligible, excluded, signOffs, why: `${authority.rule}, D7, ROL-11`,
  };
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

// ---------------------------------------------------------------------------------------------------------------
// Gates: what each step needs, and which gate a Jira status stands for

/**
 * The Jira status a transition enters → the step it completes (by the status's name; any other done status closes).
 * "In build" starts the build, so it needs the approved service design (CO-08); "In test" needs the built change.
 */
export function stepForStatus(name: string, category: 'new' | 'indeterminate' | 'done'): PathStep | 'reject' | null {
  const n = name.trim().toLowerCase();
  if (n === 'approved') return 'evaluate';
  if (n === 'rejected' || n === 'declined') return 'reject';
  if (n === 'in build' || n === 'implementing') return 'design';
  if (n === 'in test' || n === 'testing') return 'build';
  if (n === 'ready to deploy' || n === 'approved & updated' || n === 'scheduled') return 'deploy-approval';
  if (n === 'deployed' || n === 'implemented') return 'deploy';
  if (n === 'reviewed' || n === 'in review' || n === 'post-implementation review') return 'review';
  if (category === 'done') return 'close';
  return null;
}

const STAGE_WORDS: Readonly<Record<PathStep, string>> = {
  evaluate: 'Approved', design: 'Being built', build: 'Being tested', test: 'Tested', 'deploy-approval': 'Approved to deploy', deploy: 'Deployed', review: 'Reviewed', close: 'Closed',
};

/** What the change's Jira status says about where it stands, in words. */
export function stageLabel(name: string, category: 'new' | 'indeterminate' | 'done'): string {
  const step = stepForStatus(name, category);
  if (step === 'reject') return 'Rejected';
  if (step === null) return category === 'new' ? 'Not yet approved' : category === 'done' ? 'Closed' : 'In progress';
  return STAGE_WORDS[step];
}

const GATE_STATUS: Readonly<Record<Exclude<PathStep, 'design'>, ChangeStatus>> = {
  evaluate: 'Approved', build: 'Built', test: 'Tested', 'deploy-approval': 'Approved & Updated', deploy: 'Deployed', review: 'Reviewed', close: 'Closed',
};

export interface GateInput { snapshot: ChangeSnapshot; evidence: ChangeEvidence; type: ChangeType | null; env: ChangeEnvironment }

/**
 * What is missing before the change may complete `step` (or be rejected). Empty = it may. The same list refuses the
 * Jira transition (validator) and fills the panel's "Before the next step".
 */
export function missingForStep(input: GateInput, step: PathStep | 'reject'): MissingItem[] {
  const { snapshot: s, evidence: e, type, env } = input;
  if (!type) return [{ rule: 'CHG-01', what: 'a change type (Normal, Emergency or Pre-approved) on the request' }];
  const facts = changeFactsOf(s, e, type, env);
  const options = { policy: env.policy ?? DEFAULT_CHANGE_RULES_POLICY, ...(env.schedule ? { schedule: env.schedule } : {}) };
  if (step === 'reject') return missingFor(facts, 'Rejected', options);
  if (step === 'design') {
    if (type !== 'Normal') return [];
    const missing = missingFor(facts, 'Approved', options);
    if (!facts.serviceDesignApproved) missing.push({ rule: 'CO-08', what: 'the service design approved by a Control Manager who did not request, build or deploy the change (CO.2.3, D7)' });
    return missing;
  }
  // The deployment's outputs (configuration records updated, CO-11) are written by the app when the change arrives in
  // Deployed; entering it needs everything before it.
  const probe = step === 'deploy' && !facts.deployment ? { ...facts, deployment: { configurationRecordUpdated: true, catalogueUpdated: 'not-affected' as const } } : facts;
  const missing = missingFor(probe, GATE_STATUS[step], options);
  if (step === 'evaluate') {
    // CO-06 holds for every approval, an emergency one too: what it touches is known before it is approved.
    if (type === 'Emergency' && facts.affectedCis.length === 0 && !facts.newService) {
      missing.push({ rule: 'CO-06', what: 'at least one configuration item the change touches, or "new service"' });
    }
    // D17: a normal (or pre-approved) change planned outside a window or inside a freeze is refused at approval too.
    if (type !== 'Emergency' && facts.plannedDeployment && env.schedule) {
      for (const r of scheduleFindings(s, type, env).refusals) missing.push({ rule: 'D17', what: scheduleFindingWords(r, env.schedule, type) });
    }
  }
  return dedupe(missing);
}

function dedupe(items: MissingItem[]): MissingItem[] {
  const seen = new Set<string>();
  return items.filter((m) => {
    const k = `${m.rule}|${m.what}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** D17 for the change as planned: refusals (Normal, Pre-approved) and warnings (Emergency, overlaps). */
export function scheduleFindings(s: ChangeSnapshot, type: ChangeType, env: ChangeEnvironment): { refusals: ScheduleFinding[]; warnings: ScheduleFinding[] } {
  if (s.plannedStart === null || s.plannedEnd === null || !env.schedule) return { refusals: [], warnings: [] };
  const check = checkSchedule({ changeKey: s.key, type, serviceIds: s.services, start: s.plannedStart, end: s.plannedEnd }, env.schedule);
  return { refusals: check.refusals, warnings: check.warnings };
}

/**
 * A schedule finding in words, without instants (the panel shows the planned slot in the viewer's zone): the period
 * by its name. The gate's own text (with instants in UTC) stays the assessor's reference in change-rules.ts.
 */
export function scheduleFindingWords(f: ScheduleFinding, schedule: ChangeSchedule, type: ChangeType): string {
  const period = f.periodId ? schedule.periods.find((p) => p.id === f.periodId) : undefined;
  const warned = type === 'Emergency' ? ' Warned, not refused, for an emergency change.' : '';
  switch (f.kind) {
    case 'freeze': return `planned inside the freeze “${period?.name ?? 'freeze'}”.${warned}`;
    case 'outside-window': return `planned outside every change or maintenance window.${warned}`;
    case 'invalid-interval': return 'the planned end must be after the planned start.';
    case 'overlap': return `planned at an overlapping time with ${f.changeKey ?? 'another change'}.`;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The path as the panel draws it

export interface PathStepState { step: PathStep; state: 'done' | 'current' | 'todo' | 'rejected' | 'not-on-path'; at: string | null; by: PersonFact | null }

function latestDecision(e: ChangeEvidence, step: DecisionStep): DecisionFact | undefined {
  return e.decisions.filter((d) => d.step === step && !SIGN_OFF_ROLES.includes(d.role)).slice().sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).at(-1);
}

/** Each step of the path with its state; the first step not done is `current`. */
export function pathOf(input: GateInput): { steps: PathStepState[]; next: PathStep | null; rejected: boolean } {
  const { evidence: e, type } = input;
  const facts = type ? changeFactsOf(input.snapshot, e, type, input.env) : null;
  const rejected = facts?.status === 'Rejected';
  const onPath = type ? PATH_STEPS[type] : PATH_STEPS.Normal;
  const doneAt = (step: PathStep): { at: string | null; by: PersonFact | null } | null => {
    if (!facts || !type) return null;
    const status = facts.status;
    const order: ChangeStatus[] = ['Draft', 'Approved', 'Built', 'Tested', 'Approved & Updated', 'Deployed', 'Reviewed', 'Closed'];
    const reached = (x: ChangeStatus) => status !== 'Rejected' && order.indexOf(status) >= order.indexOf(x);
    switch (step) {
      case 'evaluate': {
        if (type === 'Pre-approved') return facts.template?.designated ? { at: null, by: null } : null;
        const d = latestDecision(e, 'evaluate');
        return reached('Approved') && d ? { at: d.at, by: d.by } : null;
      }
      case 'design': return facts.serviceDesignApproved && e.design ? { at: e.design.at, by: e.design.approvedBy } : null;
      case 'build': return e.build ? { at: e.build.at, by: e.build.by } : null;
      case 'test': return e.testReport?.outcome === 'pass' ? { at: e.testReport.publishedAt, by: e.testReport.performedBy } : null;
      case 'deploy-approval': { const d = latestDecision(e, 'deploy'); return reached('Approved & Updated') && d ? { at: d.at, by: d.by } : null; }
      case 'deploy': return e.deployment ? { at: e.deployment.at, by: e.deployment.by } : null;
      case 'review': return e.review ? { at: e.review.at, by: e.review.by } : null;
      case 'close': return input.snapshot.status.category === 'done' && !rejected && missingForStep(input, 'close').length === 0 ? { at: null, by: null } : null;
    }
  };
  let next: PathStep | null = null;
  const steps: PathStepState[] = (['evaluate', 'design', 'build', 'test', 'deploy-approval', 'deploy', 'review', 'close'] as const).map((step) => {
    const done = doneAt(step);
    if (!onPath.includes(step)) return { step, state: done ? 'done' : 'not-on-path', at: done?.at ?? null, by: done?.by ?? null };
    if (rejected && step === 'evaluate') return { step, state: 'rejected', at: latestDecision(e, 'evaluate')?.at ?? null, by: latestDecision(e, 'evaluate')?.by ?? null };
    if (done) return { step, state: 'done', at: done.at, by: done.by };
    if (!rejected && next === null) { next = step; return { step, state: 'current', at: null, by: null }; }
    return { step, state: 'todo', at: null, by: null };
  });
  return { steps, next, rejected };
}

// ---------------------------------------------------------------------------------------------------------------
// Words

const ROLE_CODE_GROUP = /\s*\((?:CM|SM|IM|RM|PT|MGT|CUS|SUP)\)/g;
const ID_GROUP = /\s*\((?:[A-Z]{1,4}[-.]?\d+(?:\.\d+)*(?:,\s*)?|emergency documentation completed afterwards,\s*)+\)/g;

/**
 * A gate's finding in words: rule ids and role codes go to `why` (the assessor's line), account ids become names.
 * The domain's own texts stay the assessor's reference (change-rules.ts); this is how people read them.
 */
export function inWords(item: MissingItem, names: ReadonlyMap<string, string>): { label: string; why: string } {
  const ids = new Set<string>([item.rule]);
  for (const m of item.what.matchAll(/\b(?:[A-Z]{1,4}[-.]\d+(?:\.\d+)*|D\d+)\b/g)) ids.add(m[0]);
  let label = item.what.replace(/emergency documentation completed afterwards, D16/g, 'to complete the emergency change\'s documentation');
  label = label.replace(ID_GROUP, '').replace(ROLE_CODE_GROUP, '');
  for (const [id, name] of names) if (id) label = label.split(id).join(name);
  label = label.replace(/\s+\./g, '.').replace(/\s{2,}/g, ' ').trim();
  return { label: capitalise(label), why: [...ids].join(', ') };
}
