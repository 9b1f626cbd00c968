/**
 * The change part of the issue panel (issue #13): what `issuePanel.load` answers for a service change request
 * (WP.11), and the payloads of the panel's change actions. The Custom UI imports this through `@contract/change`.
 * Evidence (approvals, design, build, test report, deployment, review) lives in app storage; Jira's status follows
 * (ADR 014). Every text is in words; clause ids go in `why` lines only.
 */
import { z } from 'zod';
import type { LinkView, PersonRef } from './incident';

export type { LinkView, PersonRef };

export const CHANGE_TYPE_VALUES = ['Normal', 'Emergency', 'Pre-approved'] as const;
export type ChangeTypeValue = (typeof CHANGE_TYPE_VALUES)[number];

/** The steps of the three paths (D16), in path order. */
export const CHANGE_STEPS = ['evaluate', 'design', 'build', 'test', 'deploy-approval', 'deploy', 'review', 'close'] as const;
export type ChangeStep = (typeof CHANGE_STEPS)[number];

/** A step of this change's path, as the panel draws it (done, where it stands, still to come). */
export interface PathStepView {
  step: ChangeStep;
  /** "Approval", "Service design approved", "Built", "Tested", "Approved to deploy", "Deployed", "Reviewed", "Closed". */
  label: string;
  state: 'done' | 'current' | 'todo' | 'rejected' | 'not-on-path';
  /** When and by whom it was done (done steps). */
  at: string | null;
  by: PersonRef | null;
}

/** One thing still missing before the next step, in words; `why` holds the rule ids for the assessor. */
export interface MissingView { label: string; why: string }

/** A recorded decision on an approval step. `counted: false` says why it does not count (e.g. D7). */
export interface DecisionView {
  step: 'evaluate' | 'design' | 'deploy';
  stepLabel: string;
  decision: 'approved' | 'rejected';
  by: PersonRef;
  /** The role it was given in, in words ("Control Manager", "Customer"). */
  role: string;
  at: string;
  reason: string | null;
  /** JSM's own approval (servicedeskapi) rather than the app's panel. */
  via: 'app' | 'jsm';
  /** For a customer or supplier sign-off recorded by staff: who recorded it and how it was given. */
  recordedBy: PersonRef | null;
  how: string | null;
  counted: boolean;
  notCountedBecause: string | null;
}

/** Who may approve the pending step, and who may not and why (D7, ROL-11). */
export interface ApproversView {
  step: 'evaluate' | 'design' | 'deploy';
  stepLabel: string;
  /** In words: "A Control Manager who did not request, build or deploy this change". */
  rule: string;
  eligible: PersonRef[];
  excluded: Array<{ person: PersonRef; reason: string }>;
  /** Customer / supplier sign-offs the step also needs, in words. */
  signOffs: string[];
  why: string;
}

export type ScheduleFindingKind = 'outside-window' | 'freeze' | 'overlap' | 'conflict' | 'invalid-interval' | 'not-scheduled';

export interface ScheduleFindingView {
  kind: ScheduleFindingKind;
  /** A refusal stops the step (Normal, Pre-approved); a warning is shown and, for an emergency, recorded. */
  severity: 'refusal' | 'warning';
  message: string;
  /** The other change of an overlap or conflict. */
  otherKey: string | null;
}

export interface ConfigurationItemRef {
  id: string;
  name: string;
  kind: string | null;
  service: string | null;
  /** The current version of its configuration record (CO-06: the version the evaluation saw). */
  version: number | null;
  /** False when the label names no configuration record. */
  known: boolean;
}

export interface TestReportView {
  summary: string;
  outcome: 'pass' | 'fail';
  levels: string;
  errors: string | null;
  performedBy: PersonRef;
  publishedAt: string;
}

export interface ChangeSection {
  /** D26: customers never see a change's internals; a non-team viewer gets `audience: 'customer'` and nulls. */
  audience: 'team' | 'customer';
  now: string;
  type: ChangeTypeValue | null;
  /** "Normal change", "Emergency change", "Pre-approved change", or "Change type not set". */
  typeLabel: string;
  /** One sentence on how this type is handled (D16), in words. */
  pathText: string;
  path: PathStepView[];
  /** The Jira status and what it means on the path. */
  stage: { statusName: string; label: string };
  /** What the change still needs before its next step; null when finished or rejected. */
  next: { label: string; missing: MissingView[] } | null;
  /** CHG-11: the same matrix as incidents. */
  priority: { value: string | null; impact: string | null; urgency: string | null; jiraPriority: string | null; text: string; syncPending: boolean };
  requester: PersonRef | null;
  builder: PersonRef | null;
  deployer: PersonRef | null;
  decisions: DecisionView[];
  approvers: ApproversView | null;
  rejection: { by: PersonRef; at: string; reason: string } | null;
  schedule: {
    plannedStart: string | null;
    plannedEnd: string | null;
    findings: ScheduleFindingView[];
    /** Warnings recorded for an emergency change (D17). */
    recorded: Array<{ at: string; message: string }>;
    /** The schedule version the findings were checked against, in words ("version 3, Approved"). */
    scheduleVersion: string | null;
  };
  services: string[];
  configurationItems: ConfigurationItemRef[];
  newService: boolean;
  plans: { implementation: boolean; test: boolean; backOut: boolean; businessImpact: boolean };
  evidence: {
    design: { approvedBy: PersonRef; at: string; procedureVersion: number | null } | null;
    build: { by: PersonRef; at: string; status: 'Initial' | 'Final'; notes: string | null } | null;
    testReport: TestReportView | null;
    deployment: { by: PersonRef; at: string; configurationVersions: Array<{ id: string; version: number }> } | null;
    review: { by: PersonRef; at: string; outcome: 'successful' | 'failed' | 'backed-out'; emergencyJustified: boolean | null; notes: string | null } | null;
  };
  template: { id: string; name: string } | null;
  /** Designated templates qualified by this change (shown on a completed normal change). */
  designatedAs: Array<{ id: string; name: string; designatedAt: string }>;
  links: { incidents: LinkView[]; problems: LinkView[]; changes: LinkView[] };
  procedures: { designBuildTestDeploy: string | null; secureComponent: string | null };
  actions: Record<ChangeActionId, { allowed: boolean; reason: string | null }>;
  why: string;
}

export const CHANGE_ACTIONS = ['decide', 'recordSignOff', 'recordBuild', 'publishTestReport', 'schedule', 'setConfigurationItems', 'recordReview', 'designateTemplate'] as const;
export type ChangeActionId = (typeof CHANGE_ACTIONS)[number];

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max.toLocaleString('en')} characters`);
const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be a date and time');

export const changePayloads = {
  /** CO.2.1 (evaluate), CO.2.3 (design), CO.3.2 (deploy): the caller's own decision. A rejection needs its reason. */
  'change.decide': z.object({
    step: z.enum(['evaluate', 'design', 'deploy']),
    decision: z.enum(['approved', 'rejected']),
    reason: text(2000).optional(),
  }).strict().refine((p) => p.decision === 'approved' || p.reason !== undefined, { message: 'Reason: a rejection must say why.', path: ['reason'], params: { labelled: true } }),
  /** ROL-11: the customer's or supplier's sign-off, as given (e-mail, meeting, phone), recorded by the service team. */
  'change.recordSignOff': z.object({
    step: z.enum(['evaluate', 'design', 'deploy']),
    party: z.enum(['CUS', 'SUP']),
    name: text(200),
    how: text(200),
    decision: z.enum(['approved', 'rejected']),
  }).strict(),
  /** CO.2.4: the built change (WP.13 Initial). */
  'change.recordBuild': z.object({ notes: text(4000).optional() }).strict(),
  /** CO.3.1: the published test report (WP.20) with its pass/fail outcome. */
  'change.publishTestReport': z.object({
    summary: text(4000),
    outcome: z.enum(['pass', 'fail']),
    levels: text(500),
    errors: text(4000).optional(),
  }).strict(),
  /** CO.2.2: place the change on the schedule (writes Planned start / Planned end after the D17 check). */
  'change.schedule': z.object({ plannedStart: instant, plannedEnd: instant }).strict()
    .refine((p) => Date.parse(p.plannedEnd) > Date.parse(p.plannedStart), { message: 'Planned end: must be after the planned start.', path: ['plannedEnd'], params: { labelled: true } }),
  /** CO-06: the configuration items the change touches (records of WP.02), or a new service. */
  'change.setConfigurationItems': z.object({
    ids: z.array(z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a configuration item id')).max(50, 'at most 50 configuration items'),
    newService: z.boolean(),
  }).strict(),
  /** CO.3.5: the post-deployment (post-implementation) review. */
  'change.recordReview': z.object({
    outcome: z.enum(['successful', 'failed', 'backed-out']),
    emergencyJustified: z.boolean().optional(),
    notes: text(4000).optional(),
  }).strict(),
  /** D15, CHG-06: designate this completed normal change's kind as a pre-approved template. */
  'change.designateTemplate': z.object({
    name: text(120),
    businessApprover: text(200),
    agreedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)'),
  }).strict(),
} as const;

export type ChangeFunctionKey = keyof typeof changePayloads;
export type ChangePayload<K extends ChangeFunctionKey> = z.input<(typeof changePayloads)[K]>;

/** Every change action answers the fresh change section (the panel replaces its view with it). */
export type ChangeAnswers = { [K in ChangeFunctionKey]: { message: string; section: ChangeSection } };

// ---------------------------------------------------------------------------------------------------------------
// Pre-approved templates on the project page (D15)

export interface ChangeTemplateView {
  id: string;
  name: string;
  description: string;
  qualifiedBy: string;
  controlManager: PersonRef;
  businessApprover: string;
  agreedOn: string;
  designatedAt: string;
  services: string[];
  configurationItems: string[];
}

export const changeTemplatePayloads = {
  'changeTemplates.list': z.object({}).strict(),
  /** Raise a pre-approved change from a designated template: created Approved by that designation, still scheduled. */
  'changeTemplates.raise': z.object({ templateId: text(80), summary: text(240).optional(), plannedStart: instant.optional(), plannedEnd: instant.optional() }).strict(),
} as const;

export interface ChangeTemplateAnswers {
  'changeTemplates.list': { templates: ChangeTemplateView[]; mayRaise: boolean; reason: string | null };
  'changeTemplates.raise': { key: string; message: string };
}
export type ChangeTemplatePayloadOf<K extends keyof typeof changeTemplatePayloads> = z.infer<(typeof changeTemplatePayloads)[K]>;
