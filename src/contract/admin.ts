/**
 * The admin page's contract with its resolvers (issue #4): payload schemas (zod, validated on the server) and the
 * views the resolvers answer. The Custom UI imports the types only (`import type`), so nothing here reaches the
 * browser bundle unless the UI imports a value on purpose.
 */
import { z } from 'zod';
import { oversize } from './limits';
import type { Result, ResultErrorCode } from './results';
import type { AdminAction } from '../domain/authorization';
import { OPTIONAL_MODULES, type OptionalModule, type PresetId, type ProfileConfig } from '../domain/profile-config';
import { PROCESS_CODES, type ProcessCode } from '../domain/profile/processes';
import type { ServiceDeliveryPolicy } from '../domain/policy';
import { policyFieldLabel, policySchema } from '../domain/policy';
import type { PolicyIssue } from '../domain/policy';
import { ROLE_CODES, type RoleCode } from '../domain/roles';
import type { SodValidation, SodException } from '../domain/sod';
import type { FieldSlot, ProjectMapping, RecordSlot, SetupPlan, SetupStep } from '../domain/setup-plan';

// ---------------------------------------------------------------------------------------------------------------
// Views

export interface Person { accountId: string; displayName: string; accountType?: string }

/** One line of a work product's audit trail (D23): who did what when. */
export interface AuditEntry { at: string; actor: string; action: string; summary: string; version: number | null }

/** The metadata of a stored version of a work product (D23). */
export interface VersionMeta { version: number; status: string; createdBy: string; createdAt: string; approvedBy: string | null; approvedAt: string | null }

export interface DraftMeta { revision: number; baseVersion: number | null; updatedBy: string; updatedAt: string }

/**
 * IN.1.1, IN.1.2, GO.3.1: a training or competence record of one person, part of WP.08's evidence (ROL-22, IN-14).
 * Each is stored on its own (GO-12: recorded directly, not as a new approved version of the list).
 */
export interface TrainingRecord {
  id: string;
  accountId: string;
  kind: 'training' | 'competence';
  title: string;
  /** YYYY-MM-DD */
  completedOn: string;
  notes: string;
  task: 'IN.1.1' | 'IN.1.2' | 'GO.3.1';
  recordedBy: string;
  recordedAt: string;
}

export interface RoleAssignmentInput { accountId: string; roles: RoleCode[]; practitionerAreas?: string[] }
/** D4, D27: a ROL-06 override; `selfGranted` when the person it concerns granted it as the only Jira administrator. */
export interface StoredOverride { rule: 'ROL-06'; accountId: string; justification: string; grantedBy: string; grantedAt: string; selfGranted?: boolean }

/**
 * WP.08 content: assignments and SoD overrides (approved through drafts). `training` holds the records that versions
 * before issue #11 kept inside the list; they are still shown (`RoleListView.training`), no new ones are added here.
 */
export interface RoleListContent { assignments: RoleAssignmentInput[]; overrides: StoredOverride[]; training: TrainingRecord[] }

export interface RoleListView {
  current: (VersionMeta & { content: RoleListContent; validation: SodValidation }) | null;
  draft: (DraftMeta & { content: Pick<RoleListContent, 'assignments' | 'overrides'>; validation: SodValidation }) | null;
  /** D4: accepted ROL-06 overrides of the current version, listed for the conformance report (D27: self-granted flagged). */
  exceptions: SodException[];
  /** Training and competence records (IN.1.1, IN.1.2, GO.3.1), newest recorded first, at most `TRAINING_LIST_LIMIT`. */
  training: TrainingRecord[];
  /** More records are stored than `training` lists (the oldest are left out of the page, not deleted). */
  trainingMore: boolean;
  history: AuditEntry[];
}

export interface PolicyView {
  current: (VersionMeta & { content: ServiceDeliveryPolicy }) | null;
  draft: (DraftMeta & { content: ServiceDeliveryPolicy; issues: PolicyIssue[] }) | null;
  /** What a new draft starts from when there is no policy yet (D8, D9, D10 defaults). */
  defaults: ServiceDeliveryPolicy;
  /** WP.14 annual review: true when the current policy's review date has passed. */
  reviewOverdue: boolean;
  history: AuditEntry[];
  /** The statuses of the incident issue type's workflow (every project set up), for the pause-status picker (D10). */
  jiraStatuses: string[];
}

export interface ConfigView {
  current: (VersionMeta & { content: ProfileConfig }) | null;
  /** What applies now (the stored config or the default). */
  effective: ProfileConfig;
  preset: PresetId | 'custom';
}

export interface SetupProject { id: string; key: string; name: string; projectTypeKey: string }

/** The outcome of each step of the last run on a project: the report a failure leaves behind. */
export interface SetupRunReport {
  projectKey: string;
  startedAt: string;
  startedBy: string;
  finishedAt: string | null;
  steps: Array<{ id: string; title: string; status: 'done' | 'failed'; message: string; at: string }>;
}

export interface SetupView {
  projects: SetupProject[];
  mappings: ProjectMapping[];
  lastRuns: SetupRunReport[];
}

export type Permissions = Record<AdminAction, { allowed: boolean; reason: string | null }>;

/**
 * The governance work products a manager works on (D28): the role list (WP.08) and the policy (WP.14), with what the
 * viewer may do. The global page (`globalPage.*`) answers this; the admin page answers it with setup and mapping.
 */
export interface GovernanceView {
  viewer: { accountId: string; displayName: string; isJiraAdmin: boolean; roles: RoleCode[] };
  permissions: Permissions;
  roles: RoleListView;
  policy: PolicyView;
  /** Display names of every account the view mentions. */
  people: Person[];
  /** The sandbox/Jira clock's "today" in the site's terms (YYYY-MM-DD, UTC), for date defaults. */
  today: string;
}

/** The admin page's view: the governance view plus what only a Jira administrator does (setup, mapping, D28). */
export interface AdminPageView extends GovernanceView {
  config: ConfigView;
  setup: SetupView;
}

export interface SetupPlanView { project: SetupProject; plan: SetupPlan; lastRun: SetupRunReport | null }
export interface SetupStepResult { step: { id: string; title: string; status: 'done' | 'skipped'; message: string }; next: SetupPlanView }
export interface SetupFinishResult { mapping: ProjectMapping; setup: SetupView }

export type { SetupStep, RecordSlot, FieldSlot, ProjectMapping, SetupPlan, OptionalModule, ProcessCode, RoleCode };

// ---------------------------------------------------------------------------------------------------------------
// Payloads (every resolver parses its payload with one of these; errors name the field)

const accountId = z.string().trim().min(1, 'must name an account').max(128);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const revision = z.number().int().nonnegative();

/**
 * The size of a whole payload part against Forge's value limit (limits.ts): refused up front, naming the largest
 * field, instead of failing in storage.
 */
function fitsStorage<T extends Record<string, unknown>>(what: string, path: readonly string[]) {
  return (value: T, ctx: z.RefinementCtx): void => {
    const over = oversize(value, what);
    if (over) ctx.addIssue({ code: 'custom', path: [...path, ...(over.field ? [over.field] : [])], message: over.message });
  };
}

/** ROL-07 (D5): practitioner areas are written in capitals (CO, IN, RE); "in" means IN. Which areas exist is the domain's rule. */
const practitionerArea = z.string().trim().min(1, 'must name an area').max(20).transform((a) => a.toUpperCase());

/**
 * A policy draft as the editor sends it. Only input that cannot be read as a policy is refused (GO.2.1: a draft may
 * have issues; checkPolicy lists them and approval needs none), and the refusal names each field by its label
 * ("First response target for High priority must be a number of minutes"), not by its path.
 */
const policyDraft = z.unknown().transform((value, ctx) => {
  const parsed = policySchema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    ctx.addIssue({ code: 'custom', message: `${policyFieldLabel(issue.path)}: ${issue.message}.`, params: { labelled: true } });
  }
  return z.NEVER;
});

export const payloads = {
  'adminPage.load': z.object({}).strict(),
  'admin.searchUsers': z.object({ query: z.string().trim().min(1, 'type at least one character').max(100) }).strict(),
  'config.save': z.object({
    processes: z.object(Object.fromEntries(PROCESS_CODES.map((c) => [c, z.boolean()])) as Record<ProcessCode, z.ZodBoolean>).strict(),
    modules: z.object(Object.fromEntries(OPTIONAL_MODULES.map((m) => [m, z.boolean()])) as Record<OptionalModule, z.ZodBoolean>).strict(),
    expectedVersion: z.number().int().positive().nullable(),
  }).strict(),
  'setup.plan': z.object({ projectKey: z.string().trim().min(1).max(20) }).strict(),
  'setup.runStep': z.object({ projectKey: z.string().trim().min(1).max(20), stepId: z.string().min(1).max(120) }).strict(),
  'setup.finish': z.object({ projectKey: z.string().trim().min(1).max(20) }).strict(),
  'roles.saveDraft': z.object({
    assignments: z.array(z.object({
      accountId,
      roles: z.array(z.enum(ROLE_CODES)).max(ROLE_CODES.length),
      practitionerAreas: z.array(practitionerArea).max(10).optional(),
    }).strict()).max(200),
    overrides: z.array(z.object({ accountId, justification: z.string().max(2000) }).strict()).max(50),
    expectedRevision: revision.nullable(),
  }).strict().superRefine((p, ctx) => fitsStorage('The list of assigned roles', [])({ assignments: p.assignments, overrides: p.overrides }, ctx)),
  'roles.approve': z.object({ revision }).strict(),
  'roles.discardDraft': z.object({ revision }).strict(),
  'roles.recordTraining': z.object({
    accountId,
    kind: z.enum(['training', 'competence']),
    title: z.string().trim().min(3, 'must say what the training or competence is').max(200),
    completedOn: isoDate,
    notes: z.string().max(2000),
    task: z.enum(['IN.1.1', 'IN.1.2', 'GO.3.1']),
  }).strict(),
  'policy.saveDraft': z.object({ policy: policyDraft.superRefine(fitsStorage('The policy draft', [])), expectedRevision: revision.nullable() }).strict(),
  'policy.approve': z.object({ revision }).strict(),
  'policy.discardDraft': z.object({ revision }).strict(),
  'policy.importIcs': z.object({ text: z.string().min(1, 'the calendar file is empty').max(1_000_000, 'the calendar file is larger than 1 MB') }).strict(),
} as const;

/**
 * The global page's functions (D28): the same governance actions as the admin page's, answered with the governance
 * view. Same payload schemas, so both pages refuse the same input the same way.
 */
export const globalPagePayloads = {
  'globalPage.load': payloads['adminPage.load'],
  'globalPage.searchUsers': payloads['admin.searchUsers'],
  'globalPage.roles.saveDraft': payloads['roles.saveDraft'],
  'globalPage.roles.approve': payloads['roles.approve'],
  'globalPage.roles.discardDraft': payloads['roles.discardDraft'],
  'globalPage.roles.recordTraining': payloads['roles.recordTraining'],
  'globalPage.policy.saveDraft': payloads['policy.saveDraft'],
  'globalPage.policy.approve': payloads['policy.approve'],
  'globalPage.policy.discardDraft': payloads['policy.discardDraft'],
  'globalPage.policy.importIcs': payloads['policy.importIcs'],
} as const;

export type GlobalPageFunctionKey = keyof typeof globalPagePayloads;

/** What each global page resolver answers. */
export interface GlobalPageAnswers {
  'globalPage.load': GovernanceView;
  'globalPage.searchUsers': Person[];
  'globalPage.roles.saveDraft': GovernanceView;
  'globalPage.roles.approve': GovernanceView;
  'globalPage.roles.discardDraft': GovernanceView;
  'globalPage.roles.recordTraining': GovernanceView;
  'globalPage.policy.saveDraft': GovernanceView;
  'globalPage.policy.approve': GovernanceView;
  'globalPage.policy.discardDraft': GovernanceView;
  'globalPage.policy.importIcs': Answers['policy.importIcs'];
}

export type AdminFunctionKey = keyof typeof payloads;
export type Payload<K extends AdminFunctionKey> = z.infer<(typeof payloads)[K]>;

/** What each admin resolver answers. */
export interface Answers {
  'adminPage.load': AdminPageView;
  'admin.searchUsers': Person[];
  'config.save': AdminPageView;
  'setup.plan': SetupPlanView;
  'setup.runStep': SetupStepResult;
  'setup.finish': SetupFinishResult;
  'roles.saveDraft': AdminPageView;
  'roles.approve': AdminPageView;
  'roles.discardDraft': AdminPageView;
  'roles.recordTraining': AdminPageView;
  'policy.saveDraft': AdminPageView;
  'policy.approve': AdminPageView;
  'policy.discardDraft': AdminPageView;
  'policy.importIcs': { holidays: Array<{ date: string; name: string }>; skipped: Array<{ line: number; reason: string }> };
}

/**
 * The transport of every admin resolver: refusals are answers, not exceptions, so the admin sees the server's exact
 * reason (a thrown error reaches Custom UI as a generic invoke failure on Forge). The UI unwraps this.
 */
export type AdminErrorCode = ResultErrorCode;
export type AdminResult<T> = Result<T>;
