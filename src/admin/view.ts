import type { AdminPageView, AuditEntry, GovernanceView, Person, RoleListView, SetupView, TrainingRecord } from '../contract/admin';
import { TRAINING_LIST_LIMIT } from '../contract/limits';
import { permissionsOf } from '../domain/authorization';
import { checkPolicy, defaultPolicy, isReviewOverdue } from '../domain/policy';
import { DEFAULT_PROFILE_CONFIG, presetOf, type ProfileConfig } from '../domain/profile-config';
import type { ProjectMapping } from '../domain/setup-plan';
import { validateRoleAssignments, type SodValidation } from '../domain/sod';
import { listProjects } from '../jira/setup';
import { getUsers, listIssueTypeStatusNames, listStatusNames } from '../jira/users';
import { POLICY, PROFILE_CONFIG, SITE_MAPPING } from '../store/documents';
import type { RoleListContentStored } from '../store/role-list';
import { lastSetupRuns } from '../store/runs';
import { listTraining } from '../store/training';
import { auditTrail, loadDocument, type DocumentState } from '../store/work-product-store';
import { ROLE_LIST } from '../store/documents';
import type { AdminCaller } from './caller';

/** The admin page's view (`adminPage.load` and every admin action's answer): one read of what the page shows. */

export const todayOf = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** Display names for the view, and for messages that would otherwise show account ids. */
export async function peopleNamed(ids: Iterable<string>): Promise<Person[]> {
  return getUsers(ids);
}

/** Replaces account ids in the domain's messages by display names, so the admin reads "Carlos Ibáñez holds …". */
export function humanise(text: string, people: readonly Person[]): string {
  let out = text;
  for (const p of people) out = out.split(p.accountId).join(p.displayName);
  return out;
}

function auditEntries(rows: Awaited<ReturnType<typeof auditTrail>>): AuditEntry[] {
  return rows.map((r) => ({ at: r.at, actor: r.actor, action: r.action, summary: r.summary, version: r.version }));
}

export function validationOf(content: Pick<RoleListContentStored, 'assignments' | 'overrides'>): SodValidation {
  return validateRoleAssignments(content.assignments, { overrides: content.overrides });
}

/**
 * Training records as the page lists them (IN.1.1, IN.1.2, GO.3.1): the stored rows and those an earlier WP.08
 * version kept inside the list (legacy), once each, newest recorded first, at most `TRAINING_LIST_LIMIT`.
 */
export async function trainingView(legacy: readonly TrainingRecord[]): Promise<{ training: TrainingRecord[]; trainingMore: boolean }> {
  const stored = await listTraining(TRAINING_LIST_LIMIT);
  const ids = new Set(stored.records.map((r) => r.id));
  const all = [...stored.records, ...legacy.filter((r) => !ids.has(r.id))].sort((a, b) => b.recordedAt.localeCompare(a.recordedAt) || a.id.localeCompare(b.id));
  return { training: all.slice(0, TRAINING_LIST_LIMIT), trainingMore: stored.more || all.length > TRAINING_LIST_LIMIT };
}

export async function setupView(): Promise<SetupView> {
  const [projects, mapping, runs] = await Promise.all([listProjects(), loadDocument(SITE_MAPPING), lastSetupRuns()]);
  return { projects, mappings: (mapping.current?.content.projects ?? []) as ProjectMapping[], lastRuns: runs };
}

/**
 * The statuses an incident can be in (the policy's pause-status picker, D10): those of the incident issue type's
 * workflow in every project set up for the profile, not the change workflow's (Deployed, Done…). Before any project
 * is set up there is no incident workflow to ask, and the site's statuses are offered.
 */
export async function incidentStatusNames(): Promise<string[]> {
  const mapping = await loadDocument(SITE_MAPPING);
  const incidentTypes = ((mapping.current?.content.projects ?? []) as ProjectMapping[]).flatMap((m) => (m.issueTypes.incident ? [{ projectKey: m.projectKey, issueTypeId: m.issueTypes.incident.id }] : []));
  if (incidentTypes.length === 0) return listStatusNames();
  const lists = await Promise.all(incidentTypes.map((t) => listIssueTypeStatusNames(t.projectKey, t.issueTypeId).catch(() => [] as string[])));
  return [...new Set(lists.flat())].sort((a, b) => a.localeCompare(b));
}

/** The admin page's view: the governance view (D28) plus the configuration and the setup (Jira admins only). */
export async function adminView(caller: AdminCaller, now: number): Promise<AdminPageView> {
  const [config, setup] = await Promise.all([loadDocument(PROFILE_CONFIG), setupView()]);
  const ids = [...(config.current ? [config.current.createdBy, config.current.approvedBy ?? ''] : []), ...setup.lastRuns.map((r) => r.startedBy)];
  const governance = await governanceView(caller, now, ids);
  const effective: ProfileConfig = config.current?.content ?? DEFAULT_PROFILE_CONFIG;
  const meta = <C>(v: NonNullable<DocumentState<C>['current']>) => ({ version: v.version, status: v.status, createdBy: v.createdBy, createdAt: v.createdAt, approvedBy: v.approvedBy, approvedAt: v.approvedAt });
  return {
    ...governance,
    config: { current: config.current ? { ...meta(config.current), content: config.current.content } : null, effective, preset: presetOf(effective) },
    setup,
  };
}

/**
 * The role list and the policy as a manager works on them (D28), with what the viewer may do: what the global page
 * shows, and the admin page's governance part. `alsoNamed`: accounts the caller's page mentions besides these.
 */
export async function governanceView(caller: AdminCaller, now: number, alsoNamed: readonly string[] = []): Promise<GovernanceView> {
  const today = todayOf(now);
  const roleList: DocumentState<RoleListContentStored> = caller.roleList;
  const [policy, rolesHistory, policyHistory, statuses, training] = await Promise.all([
    loadDocument(POLICY),
    auditTrail(ROLE_LIST.docId),
    auditTrail(POLICY.docId),
    incidentStatusNames(),
    trainingView(roleList.current?.content.training ?? []),
  ]);
  const meta = <C>(v: NonNullable<DocumentState<C>['current']>) => ({ version: v.version, status: v.status, createdBy: v.createdBy, createdAt: v.createdAt, approvedBy: v.approvedBy, approvedAt: v.approvedAt });
  const draftMeta = <C>(d: NonNullable<DocumentState<C>['draft']>) => ({ revision: d.revision, baseVersion: d.baseVersion, updatedBy: d.updatedBy, updatedAt: d.updatedAt });

  const currentValidation = roleList.current ? validationOf(roleList.current.content) : null;
  const draftValidation = roleList.draft ? validationOf(roleList.draft.content) : null;
  const roleHolders = roleList.current?.content.assignments ?? [];

  const ids = new Set<string>([caller.actor.accountId, ...alsoNamed.filter((id) => id !== '')]);
  for (const doc of [roleList, policy]) {
    for (const v of [doc.current, doc.draft]) {
      if (!v) continue;
      if ('createdBy' in v) { ids.add(v.createdBy); if (v.approvedBy) ids.add(v.approvedBy); }
      if ('updatedBy' in v) ids.add(v.updatedBy);
    }
  }
  for (const c of [roleList.current?.content, roleList.draft?.content]) {
    for (const a of c?.assignments ?? []) ids.add(a.accountId);
    for (const o of c?.overrides ?? []) { ids.add(o.accountId); ids.add(o.grantedBy); }
  }
  for (const r of training.training) { ids.add(r.accountId); ids.add(r.recordedBy); }
  for (const p of [policy.current?.content, policy.draft?.content]) for (const tpl of p?.preApprovedTemplates ?? []) { ids.add(tpl.controlManager); ids.add(tpl.businessApprover); }
  for (const r of [...rolesHistory, ...policyHistory]) ids.add(r.actor);
  const people = await peopleNamed(ids);
  const nameSod = (v: SodValidation): SodValidation => ({
    ok: v.ok,
    refusals: v.refusals.map((f) => ({ ...f, message: humanise(f.message, people) })),
    notices: v.notices.map((f) => ({ ...f, message: humanise(f.message, people) })),
    exceptions: v.exceptions.map((e) => ({ ...e, message: humanise(e.message, people) })),
  });

  const roles: RoleListView = {
    current: roleList.current && currentValidation ? { ...meta(roleList.current), content: roleList.current.content, validation: nameSod(currentValidation) } : null,
    draft: roleList.draft && draftValidation ? { ...draftMeta(roleList.draft), content: { assignments: roleList.draft.content.assignments, overrides: roleList.draft.content.overrides }, validation: nameSod(draftValidation) } : null,
    exceptions: currentValidation ? nameSod(currentValidation).exceptions : [],
    training: training.training,
    trainingMore: training.trainingMore,
    history: auditEntries(rolesHistory),
  };

  return {
    viewer: { accountId: caller.actor.accountId, displayName: caller.displayName, isJiraAdmin: caller.actor.isJiraAdmin, roles: [...caller.actor.roles] },
    permissions: Object.fromEntries(Object.entries(permissionsOf(caller.actor, caller.facts)).map(([k, d]) => [k, { allowed: d.allowed, reason: d.allowed ? null : d.message }])) as GovernanceView['permissions'],
    roles,
    policy: {
      current: policy.current ? { ...meta(policy.current), content: policy.current.content } : null,
      draft: policy.draft ? { ...draftMeta(policy.draft), content: policy.draft.content, issues: checkPolicy(policy.draft.content, { today, forApproval: false, roleHolders }) } : null,
      defaults: defaultPolicy(today),
      reviewOverdue: policy.current ? isReviewOverdue(policy.current.content, today) : false,
      history: auditEntries(policyHistory),
      jiraStatuses: statuses,
    },
    people,
    today,
  };
}
