/**
 * The service control procedures (CO.1.2, CO.1.3, CO.1.5; CO-13, CO-17): the design, build, test and deployment
 * procedure(s) (WP.17) and the secure component procedure (WP.09), each a versioned work product (Draft → Approved →
 * Updated, D23) approved by two roles together: WP.17 by the Service Manager and Management (CO.1.3), WP.09 by the
 * Control Manager and the Service Manager (CO.1.5). The Control Manager drafts both (CO.1.2, CO.1.5). Pure.
 */
import { z } from 'zod';
import { ROLES, type RoleCode } from '../roles';

export const PROCEDURE_IDS = ['WP.17', 'WP.09'] as const;
export type ProcedureId = (typeof PROCEDURE_IDS)[number];

export interface SectionDefinition { key: string; label: string; hint: string; starter: string }

export interface ProcedureDefinition {
  id: ProcedureId;
  /** The export name the change path reads (`loadProceduresInForce`). */
  slot: 'designBuildTestDeploy' | 'secureComponent';
  title: string;
  /** Who drafts (CO.1.2, CO.1.5). */
  editors: readonly RoleCode[];
  /** Who approves, all of them (CO.1.3: SM and MGT; CO.1.5: CM and SM). */
  approvers: readonly RoleCode[];
  rule: string;
  sections: readonly SectionDefinition[];
}

/** WP.17 (CO.1.2, CO.1.3, CO-17): the steps to design, build, test and deploy a service or part of one. */
const DESIGN_BUILD_TEST_DEPLOY: ProcedureDefinition = {
  id: 'WP.17', slot: 'designBuildTestDeploy', title: 'Design, build, test and deployment procedure', editors: ['CM'], approvers: ['SM', 'MGT'], rule: 'CO.1.3',
  sections: [
    { key: 'design', label: 'Design', hint: 'How a change is designed and whose approval the design needs.', starter: 'The builder writes a short service design for every Normal change: scope, components affected, risks and how they are reduced, resources and the senior responsible owner. The Control Manager and, where the agreement says so, the customer approve the design before building starts.' },
    { key: 'build', label: 'Build', hint: 'How a change is built and where the master copy is kept.', starter: 'The builder builds the change from the approved design in a non-production environment. The build and its procedure are kept as a master copy in the secure location of the secure component procedure, so that it can be restored or deployed again.' },
    { key: 'test', label: 'Test', hint: 'How a change is tested and the result recorded.', starter: 'Someone other than the builder tests the change against the performance criteria of the design and publishes a test report that says pass or fail for each criterion. A failed test sends the change back to build.' },
    { key: 'deployment', label: 'Deployment', hint: 'How a tested change is deployed and the records updated.', starter: 'The Control Manager approves the deployment once the test report passes. The deployer deploys in the planned window, checks the service works, then updates the configuration records and the service catalogue. If the deployment fails, the deployer follows the back-out plan.' },
    { key: 'changeRequest', label: 'Requesting a change', hint: 'How anyone asks for a change (the service change request method).', starter: 'Anyone asks for a change by raising a service change request in the service desk project, naming its purpose, the services and configuration items it touches, the date needed and the business impact. A request made by phone or in person is recorded by the Control Manager.' },
    { key: 'schedule', label: 'Updating the change schedule', hint: 'How approved changes are placed on the schedule.', starter: 'The Control Manager places every approved change on the change schedule, inside a change or maintenance window and outside key business events. The schedule is approved again when windows or freezes change.' },
    { key: 'emergency', label: 'Emergency changes', hint: 'When a change may skip steps, and what is done afterwards.', starter: 'An emergency change restores or protects a service that cannot wait for the normal path. It is deployed on the approval of the Control Manager or the Service Manager; its design, test evidence and records are completed afterwards, and it is not closed before its review.' },
    { key: 'removal', label: 'Removing a service or component', hint: 'How a service or a component is taken out of service.', starter: 'Removing a service or a component is a change like any other. After it is deployed, the configuration record of each removed component is marked retired (never deleted), and the service catalogue is updated.' },
  ],
};

/** WP.09 (CO.1.5): how authorised, tested change components are stored securely and accessed. */
const SECURE_COMPONENT: ProcedureDefinition = {
  id: 'WP.09', slot: 'secureComponent', title: 'Secure component procedure', editors: ['CM'], approvers: ['CM', 'SM'], rule: 'CO.1.5',
  sections: [
    { key: 'storage', label: 'What is stored, and where', hint: 'Only components that passed their tests at the required performance are stored.', starter: 'Only components that passed their tests at the performance level the design requires are stored. They are kept in the secured repository and artefact store of the team, with access limited to the Control Manager and the named deployers.' },
    { key: 'add', label: 'Adding a component', hint: 'The steps to add a component to the secure location.', starter: 'The builder attaches the published passing test report to the change; the Control Manager checks it and adds the component, named with its version and the change key.' },
    { key: 'move', label: 'Moving a component', hint: 'The steps to move a component between locations.', starter: 'A component is moved only through a change; the Control Manager records the old and the new location in its configuration record.' },
    { key: 'modify', label: 'Modifying a component', hint: 'The steps to replace or change a stored component.', starter: 'A stored component is never changed in place: a new version is built, tested and added; the earlier version stays stored until it is removed.' },
    { key: 'remove', label: 'Removing a component', hint: 'The steps to remove a component from the secure location.', starter: 'A component is removed only through an approved change; its configuration record is marked retired and the removal is recorded with the change key.' },
    { key: 'authorisation', label: 'Who authorises', hint: 'Authorisation is required to add, move, modify or remove a component.', starter: 'The Control Manager authorises every addition, move, modification and removal; the Service Manager is told of each removal.' },
  ],
};

export const PROCEDURES: Readonly<Record<ProcedureId, ProcedureDefinition>> = { 'WP.17': DESIGN_BUILD_TEST_DEPLOY, 'WP.09': SECURE_COMPONENT };

/** One sign-off of a draft (who, as which role, when). */
export interface SignOff { role: RoleCode; by: string; at: string }

const SECTION_LIMIT = 8000;

/** The content of a procedure version or draft: one text per section, and the sign-offs the version was given (D27). */
export function procedureContentSchema(def: ProcedureDefinition) {
  const sections = Object.fromEntries(def.sections.map((s) => [s.key, z.string().superRefine((value, ctx) => {
    if (value.length > SECTION_LIMIT) ctx.addIssue({ code: 'custom', message: `${s.label} may be at most ${SECTION_LIMIT} characters long (it has ${value.length}).`, params: { labelled: true } });
  })])) as Record<string, z.ZodType<string>>;
  return z.object({
    sections: z.object(sections).strict(),
    signOffs: z.array(z.object({ role: z.enum(['CM', 'CUS', 'IM', 'MGT', 'PT', 'RM', 'SM', 'SUP']), by: z.string(), at: z.string() }).strict()).default([]),
  }).strict();
}

export interface ProcedureContent { sections: Record<string, string>; signOffs: SignOff[] }

/** The shipped starting text: a new site starts with a draft to edit, not an empty page. */
export function starterContent(def: ProcedureDefinition): ProcedureContent {
  return { sections: Object.fromEntries(def.sections.map((s) => [s.key, s.starter])), signOffs: [] };
}

const roleName = (r: RoleCode): string => (r === 'MGT' ? 'Management' : `the ${ROLES[r].name}`);
const possessive = (r: RoleCode): string => (r === 'MGT' ? 'Management’s' : `the ${ROLES[r].name}’s`);
const joinAnd = (items: readonly string[]): string => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/** The approving roles still missing on a draft. */
export function missingSignOffs(def: ProcedureDefinition, given: readonly SignOff[]): RoleCode[] {
  return def.approvers.filter((r) => !given.some((s) => s.role === r));
}

/** "Needs the Service Manager’s and Management’s approval." (or "Still needs Management’s approval." after one sign-off). */
export function neededInWords(def: ProcedureDefinition, given: readonly SignOff[]): string {
  const missing = missingSignOffs(def, given);
  if (missing.length === 0) return 'Approved by everyone who must approve it.';
  return `${given.length ? 'Still needs' : 'Needs'} ${joinAnd(missing.map(possessive))} approval.`;
}

/**
 * `forbidden`: the person may not approve as this role at all; `refused`: they may, but this draft has that approval
 * already (the role signed, or the same person signed as the other role).
 */
export type SignOffDecision = { allowed: true } | { allowed: false; code: 'forbidden' | 'refused'; rule: string; message: string };

/**
 * May this person sign the draft as `role`? CO.1.3 / CO.1.5: the role must be one of the approvers and held by the
 * signer; each role signs once; one person gives one sign-off only, even when holding both roles (two sign-offs mean
 * two people).
 */
export function maySignOff(def: ProcedureDefinition, signer: { accountId: string; roles: readonly RoleCode[] }, role: RoleCode, given: readonly SignOff[]): SignOffDecision {
  if (!def.approvers.includes(role)) {
    return { allowed: false, code: 'forbidden', rule: def.rule, message: `The ${def.title.toLowerCase()} is approved by ${joinAnd(def.approvers.map(roleName))}, not by ${roleName(role)}.` };
  }
  if (!signer.roles.includes(role)) {
    return { allowed: false, code: 'forbidden', rule: def.rule, message: `You do not hold the role of ${ROLES[role].name} in the approved list of assigned roles, so you cannot approve as ${roleName(role)}.` };
  }
  const same = given.find((s) => s.role === role);
  if (same) return { allowed: false, code: 'refused', rule: def.rule, message: `${role === 'MGT' ? 'Management has' : `The ${ROLES[role].name} has`} already approved this draft.` };
  const mine = given.find((s) => s.by === signer.accountId);
  if (mine) {
    return { allowed: false, code: 'refused', rule: def.rule, message: `You already approved this draft as ${roleName(mine.role)}; the second approval must come from another person, even when you hold both roles (two approvals mean two people).` };
  }
  return { allowed: true };
}

/** The approving roles a person could still sign as on a draft. */
export function signableRoles(def: ProcedureDefinition, signer: { accountId: string; roles: readonly RoleCode[] }, given: readonly SignOff[]): RoleCode[] {
  return def.approvers.filter((r) => maySignOff(def, signer, r, given).allowed);
}

/**
 * Draft → Approved for the first version; a later version of WP.17 is Updated (CO.3.5 feeds updates). WP.09 knows only
 * Draft and Approved (Table 14, WP-00), so each of its versions is Approved.
 */
export function approvedStatus(def: ProcedureDefinition, previousVersion: number | null): 'Approved' | 'Updated' {
  return previousVersion !== null && def.id === 'WP.17' ? 'Updated' : 'Approved';
}

/** One section's words changed, for the audit summary ("Changed Design, Test."). */
export function describeSectionChange(def: ProcedureDefinition, before: Record<string, string> | null, after: Record<string, string>): string {
  if (!before) return 'First draft.';
  const changed = def.sections.filter((s) => (before[s.key] ?? '') !== (after[s.key] ?? '')).map((s) => s.label);
  return changed.length ? `Changed ${changed.join(', ')}.` : 'Saved unchanged.';
}
