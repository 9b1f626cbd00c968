import { randomUUID } from 'node:crypto';
import type { AdminPageView, Payload, TrainingRecord } from '../contract/admin';
import { checkPolicy } from '../domain/policy';
import { DEFAULT_PROFILE_CONFIG, presetOf, type ProfileConfig } from '../domain/profile-config';
import { Refusal } from '../domain/refusal';
import { describeRoleChanges, diffAssignments } from '../domain/role-changes';
import { grantOverrides, newGrants, reviewGrants, stampOverrides, validateRoleAssignments } from '../domain/sod';
import { listJiraAdministrators } from '../jira/users';
import { POLICY, PROFILE_CONFIG, ROLE_LIST } from '../store/documents';
import type { RoleListContentStored } from '../store/role-list';
import { importLegacyTraining, recordTraining as storeTraining } from '../store/training';
import { approveDraft, ConflictError, DocumentStateError, discardDraft, loadDocument, recordVersion, saveDraft, type StoredVersion } from '../store/work-product-store';
import { afterRoleListChange, type AdminCaller } from './caller';
import { adminView, humanise, peopleNamed, todayOf, validationOf } from './view';

/**
 * The governance work products the admin page edits (issue #4): the profile configuration (D2), the list of assigned
 * roles with its SoD checks, overrides and training (WP.08; D4, D5, GO.1.2, IN.1.1, IN.1.2) and the service delivery
 * policy (WP.14; GO.2.1, GO.2.2). The configuration answers the refreshed admin view; each governance action answers the
 * caller as it stands after the change (the role list read again when it changed), for the page that called it (the
 * admin page or the global page, D28) to answer its own view.
 */

type Clock = () => number;

export async function saveConfig({ processes, modules, expectedVersion }: Payload<'config.save'>, caller: AdminCaller, clock: Clock): Promise<AdminPageView> {
  const before = (await loadDocument(PROFILE_CONFIG)).current?.content ?? DEFAULT_PROFILE_CONFIG;
  const after: ProfileConfig = { processes, modules };
  const changed = [
    ...Object.entries(after.processes).filter(([k, v]) => before.processes[k as keyof ProfileConfig['processes']] !== v).map(([k, v]) => `${k} ${v ? 'on' : 'off'}`),
    ...Object.entries(after.modules).filter(([k, v]) => before.modules[k as keyof ProfileConfig['modules']] !== v).map(([k, v]) => `${k} module ${v ? 'on' : 'off'}`),
  ];
  await recordVersion(PROFILE_CONFIG, expectedVersion, 'Recorded', () => after, { actor: caller.actor.accountId, now: clock(), action: 'recorded', summary: changed.length ? `Switched ${changed.join(', ')} (D2, preset ${presetOf(after)}).` : `Saved unchanged (preset ${presetOf(after)}).` });
  return adminView(caller, clock());
}

export async function saveRolesDraft({ assignments, overrides, expectedRevision }: Payload<'roles.saveDraft'>, caller: AdminCaller, clock: Clock): Promise<AdminCaller> {
  const t = clock();
  const at = new Date(t).toISOString();
  const state = caller.roleList;
  const cleaned = assignments.filter((a) => a.roles.length > 0).map((a) => ({ accountId: a.accountId, roles: [...new Set(a.roles)], ...(a.practitionerAreas ? { practitionerAreas: [...new Set(a.practitionerAreas)] } : {}) }));
  const known = [...(state.draft?.content.overrides ?? []), ...(state.current?.content.overrides ?? [])];
  const grantor = { accountId: caller.actor.accountId, isJiraAdmin: caller.actor.isJiraAdmin };
  // D27: who the Jira administrators are matters only when an administrator grants an override of their own roles.
  const grantsOwn = grantor.isJiraAdmin && stampOverrides(overrides, known, grantor.accountId, at).some((o) => !known.includes(o) && o.accountId === grantor.accountId);
  const jiraAdmins = grantsOwn ? (await listJiraAdministrators('user')).map((u) => u.accountId) : [];
  const granted = grantOverrides(overrides, known, { by: grantor, at, jiraAdmins });
  const mentioned = [...cleaned.map((a) => a.accountId), ...granted.overrides.map((o) => o.accountId)];
  const people = await peopleNamed([...mentioned, grantor.accountId, ...jiraAdmins]);
  const unknown = [...new Set(mentioned)].filter((id) => !people.some((p) => p.accountId === id));
  if (unknown.length) throw new Refusal('invalid-input', `assignments: no Jira user has the account id ${unknown.join(', ')}.`);
  if (granted.refusals.length) {
    throw new Refusal('forbidden', `The list of assigned roles cannot be saved. ${granted.refusals.map((r) => `${r.rule}: ${humanise(r.message, people)}`).join(' ')}`);
  }
  const validation = validateRoleAssignments(cleaned, { overrides: granted.overrides });
  if (!validation.ok) {
    throw new Refusal('refused', `The list of assigned roles cannot be saved. ${validation.refusals.map((r) => `${r.rule}: ${humanise(r.message, people)}`).join(' ')}`);
  }
  // Training records are not part of a draft: approval keeps what the approved list holds (GO-12).
  const content = { assignments: cleaned, overrides: granted.overrides, training: [] };
  const summary = describeRoleChanges(diffAssignments(state.current?.content.assignments ?? [], cleaned), (id) => people.find((p) => p.accountId === id)?.displayName ?? id);
  await saveDraft(ROLE_LIST, content, expectedRevision, { actor: caller.actor.accountId, now: t, summary: `Draft: ${summary}${validation.exceptions.length ? ` SoD exception(s): ${validation.exceptions.map((e) => humanise(e.message, people)).join(' ')}` : ''}` });
  return await afterRoleListChange(caller);
}

export async function approveRoles({ revision }: Payload<'roles.approve'>, caller: AdminCaller, clock: Clock): Promise<AdminCaller> {
  const state = caller.roleList;
  // The draft as read for this call, when it is the revision to approve (another revision ends in a conflict below).
  const draft = state.draft && state.draft.revision === revision ? state.draft : null;
  const approvedOverrides = state.current?.content.overrides ?? [];
  const draftIds = (draft?.content.assignments ?? []).map((a) => a.accountId);
  const grantIds = (draft?.content.overrides ?? []).flatMap((o) => [o.accountId, o.grantedBy]);
  // D27: overrides the approved list does not hold yet are checked again against the Jira administrators of now
  // (the approver may be a Service Manager who is not one, D28: then the app asks Jira).
  const fresh = draft ? newGrants(draft.content.overrides, approvedOverrides) : [];
  const jiraAdmins = fresh.length ? (await listJiraAdministrators(caller.actor.isJiraAdmin ? 'user' : 'app')).map((u) => u.accountId) : null;
  const people = await peopleNamed([...draftIds, ...grantIds, ...(state.current?.content.assignments ?? []).map((a) => a.accountId), ...(jiraAdmins ?? [])]);
  const named = (text: string) => humanise(text, people);

  /** The rules, again, on exactly the draft that becomes the version (D5, D4, D27: whatever was stored). */
  const finalise = (d: RoleListContentStored, current: StoredVersion<RoleListContentStored> | null): RoleListContentStored => {
    const validation = validationOf(d);
    if (!validation.ok) throw new Refusal('refused', `The draft breaks a rule and cannot be approved: ${validation.refusals.map((r) => `${r.rule}: ${named(r.message)}`).join(' ')}`);
    const approved = current?.content.overrides ?? [];
    if (newGrants(d.overrides, approved).length > 0 && jiraAdmins === null) throw new ConflictError('The draft changed while it was being approved. Reload the page and review it again.');
    const reviewed = reviewGrants(d.overrides, approved, jiraAdmins ?? []);
    if (reviewed.refusals.length) throw new Refusal('refused', `The draft breaks a rule and cannot be approved: ${reviewed.refusals.map((r) => `${r.rule}: ${named(r.message)}`).join(' ')}`);
    // Records an earlier version kept inside the list now live one per row (imported below, before this runs).
    return { assignments: d.assignments, overrides: reviewed.overrides, training: [] };
  };
  if (draft) finalise(draft.content, state.current);

  // Training records that an earlier version kept inside WP.08 move to their own rows (same ids), so the next
  // version stays small; the earlier versions keep them too (D23).
  const legacy = state.current?.content.training ?? [];
  if (legacy.length) await importLegacyTraining(legacy);

  const summary = describeRoleChanges(diffAssignments(state.current?.content.assignments ?? [], draft?.content.assignments ?? []), (id) => people.find((p) => p.accountId === id)?.displayName ?? id);
  await approveDraft(ROLE_LIST, revision, (prev) => (prev ? 'Updated' : 'Approved'), finalise, {
    actor: caller.actor.accountId, now: clock(), summary: `Approved (GO.1.2): ${summary}`,
  });
  return await afterRoleListChange(caller);
}

export async function discardRolesDraft({ revision }: Payload<'roles.discardDraft'>, caller: AdminCaller, clock: Clock): Promise<AdminCaller> {
  await discardDraft(ROLE_LIST, revision, { actor: caller.actor.accountId, now: clock(), summary: 'Draft discarded.' });
  return await afterRoleListChange(caller);
}

/**
 * IN.1.1, IN.1.2, GO.3.1 (ROL-22): a training or competence record, stored on its own row and audited on WP.08.
 * GO-12: it updates the list directly; it is evidence of WP.08, not a new approved version of it.
 */
export async function recordTraining(p: Payload<'roles.recordTraining'>, caller: AdminCaller, clock: Clock): Promise<AdminCaller> {
  const t = clock();
  const current = caller.roleList.current;
  if (!current) throw new Refusal('refused', 'There is no approved list of assigned roles (WP.08) yet: approve one first, then record training on it (IN.1.1, IN.1.2).');
  if (p.completedOn > todayOf(t)) throw new Refusal('invalid-input', `completedOn: ${p.completedOn} is in the future; record training once it has taken place.`);
  const [person] = await peopleNamed([p.accountId]);
  if (!person) throw new Refusal('invalid-input', `accountId: no Jira user has the account id ${p.accountId}.`);
  const record: TrainingRecord = { id: `tr-${randomUUID()}`, ...p, title: p.title.trim(), recordedBy: caller.actor.accountId, recordedAt: new Date(t).toISOString() };
  await storeTraining(record, { actor: caller.actor.accountId, now: t, version: current.version, summary: `Recorded ${p.kind} "${record.title}" for ${person.displayName}, completed ${p.completedOn} (${p.task}).` });
  return caller;
}

export async function savePolicyDraft({ policy, expectedRevision }: Payload<'policy.saveDraft'>, caller: AdminCaller, clock: Clock): Promise<AdminCaller> {
  const state = await loadDocument(POLICY);
  const issues = checkPolicy(policy, { today: todayOf(clock()), forApproval: false, roleHolders: caller.roleList.current?.content.assignments ?? [] });
  await saveDraft(POLICY, policy, expectedRevision, { actor: caller.actor.accountId, now: clock(), summary: `Draft saved${state.current ? ` (based on version ${state.current.version})` : ''}; ${issues.length === 0 ? 'no open issues' : issues.length === 1 ? '1 open issue' : `${issues.length} open issues`}.` });
  return caller;
}

export async function approvePolicy({ revision }: Payload<'policy.approve'>, caller: AdminCaller, clock: Clock): Promise<AdminCaller> {
  const state = await loadDocument(POLICY);
  if (!state.draft) throw new DocumentStateError('There is no draft of the service delivery policy (WP.14) to approve; it may have been approved or discarded meanwhile. Reload the page.');
  const issues = checkPolicy(state.draft.content, { today: todayOf(clock()), forApproval: true, roleHolders: caller.roleList.current?.content.assignments ?? [] });
  if (issues.length > 0) throw new Refusal('refused', `The policy cannot be approved yet: ${issues.length === 1 ? 'one issue is' : `${issues.length} issues are`} open. ${issues.map((i) => i.message).join(' ')}`);
  await approveDraft(POLICY, revision, (prev) => (prev ? 'Updated' : 'Approved'), (d) => d, { actor: caller.actor.accountId, now: clock(), summary: `Approved by the Service Manager (GO.2.2); next review due ${state.draft.content.reviewDueOn}.` });
  return caller;
}

export async function discardPolicyDraft({ revision }: Payload<'policy.discardDraft'>, caller: AdminCaller, clock: Clock): Promise<AdminCaller> {
  await discardDraft(POLICY, revision, { actor: caller.actor.accountId, now: clock(), summary: 'Draft discarded.' });
  return caller;
}
