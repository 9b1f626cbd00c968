import { randomUUID } from 'node:crypto';
import type Resolver from '@forge/resolver';
import { route } from '@forge/api';
import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { authorize, permissionsOf, type Actor, type AuthorizationFacts } from '../domain/authorization';
import { checkPolicy, defaultPolicy, isReviewOverdue, type ServiceDeliveryPolicy } from '../domain/policy';
import { DEFAULT_PROFILE_CONFIG, presetOf, type ProfileConfig } from '../domain/profile-config';
import { describeRoleChanges, diffAssignments } from '../domain/role-changes';
import { rolesHeldBy, type RoleCode } from '../domain/roles';
import { planSetup, profileSlots, type ProjectMapping } from '../domain/setup-plan';
import { parseIcsHolidays } from '../domain/sla/ics';
import { stampOverrides, validateRoleAssignments, type SodValidation } from '../domain/sod';
import { jiraGet } from '../jira/client';
import { permissionsSchema, userSchema } from '../jira/schemas';
import { listProjects, readInventory, runSetupStep, SetupStepError } from '../jira/setup';
import { POLICY, PROFILE_CONFIG, ROLE_LIST, SITE_MAPPING } from '../store/documents';
import { STORAGE_KEYS } from '../store/keys';
import type { RoleListContentStored } from '../store/role-list';
import { approveDraft, auditTrail, ConflictError, discardDraft, DocumentStateError, loadDocument, recordVersion, saveDraft, type DocumentState } from '../store/work-product-store';
import { payloads, type AdminErrorCode, type AdminFunctionKey, type AdminPageView, type AdminResult, type Answers, type AuditEntry, type Payload, type Person, type RoleListView, type SetupPlanView, type SetupRunReport, type SetupView, type TrainingRecord } from './admin-contract';
import { requireAccountId, type ResolverRequest } from './context';
import { answer, parsePayload, RefusedError } from './results';

/**
 * The admin page's resolvers (issue #4). Each one: parse the payload (zod, errors name the field), find out who is
 * calling (Jira's ADMINISTER permission asUser, the 29110 roles from WP.08), authorize on the server (D6), then call
 * the domain and the store. Refusals are answered as `{ ok: false, error }` with the exact reason.
 */

/** The manifest's jira:adminPage module, the one surface the admin functions serve. */
const ADMIN_MODULE_KEY = 'sd-admin-page';


interface Caller { actor: Actor; displayName: string; facts: AuthorizationFacts; roleList: DocumentState<RoleListContentStored> }

const now = (): number => Date.now();
const todayOf = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** The caller's 29110 roles and the D4 facts, from a role list as read. */
function withRoleList(identity: Pick<Caller, 'displayName'> & { accountId: string; isJiraAdmin: boolean }, roleList: DocumentState<RoleListContentStored>): Caller {
  const assignments = roleList.current?.content.assignments ?? [];
  const roles: RoleCode[] = rolesHeldBy(assignments, identity.accountId).map((r) => r.code);
  return {
    actor: { accountId: identity.accountId, isJiraAdmin: identity.isJiraAdmin, roles },
    displayName: identity.displayName,
    facts: { serviceManagerAssigned: assignments.some((a) => a.roles.includes('SM')) },
    roleList,
  };
}

async function whoIsCalling(accountId: string): Promise<Caller> {
  const [me, perms, roleList] = await Promise.all([
    jiraGet('user', route`/rest/api/3/myself`, userSchema),
    jiraGet('user', route`/rest/api/3/mypermissions?permissions=ADMINISTER`, permissionsSchema),
    loadDocument(ROLE_LIST),
  ]);
  return withRoleList({ accountId, displayName: me.displayName, isJiraAdmin: perms.permissions.ADMINISTER?.havePermission === true }, roleList);
}

/** After a change of WP.08 the caller is the same person with Jira's same answer; only the role list is read again. */
async function afterRoleListChange(caller: Caller): Promise<Caller> {
  return withRoleList({ accountId: caller.actor.accountId, displayName: caller.displayName, isJiraAdmin: caller.actor.isJiraAdmin }, await loadDocument(ROLE_LIST));
}

// ---------------------------------------------------------------------------------------------------------------
// People: display names for the view, and for messages that would otherwise show account ids

const bulkUsers = z.object({ values: z.array(userSchema.extend({ accountType: z.string().optional() }).passthrough()) }).passthrough();

async function peopleNamed(ids: Iterable<string>): Promise<Person[]> {
  const unique = [...new Set([...ids].filter((id) => id.length > 0))];
  const out: Person[] = [];
  for (let i = 0; i < unique.length; i += 90) {
    const params = new URLSearchParams();
    for (const id of unique.slice(i, i + 90)) params.append('accountId', id);
    const page = await jiraGet('user', route`/rest/api/3/user/bulk?${params}`, bulkUsers);
    for (const u of page.values) out.push({ accountId: u.accountId, displayName: u.displayName, ...(u.accountType ? { accountType: u.accountType } : {}) });
  }
  return out;
}

/** Replaces account ids in the domain's messages by display names, so the admin reads "Carlos Ibáñez holds …". */
function humanise(text: string, people: readonly Person[]): string {
  let out = text;
  for (const p of people) out = out.split(p.accountId).join(p.displayName);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The view

function auditEntries(rows: Awaited<ReturnType<typeof auditTrail>>): AuditEntry[] {
  return rows.map((r) => ({ at: r.at, actor: r.actor, action: r.action, summary: r.summary, version: r.version }));
}

function validationOf(content: Pick<RoleListContentStored, 'assignments' | 'overrides'>): SodValidation {
  return validateRoleAssignments(content.assignments, { overrides: content.overrides });
}

/** The last setup run of every project (one key each). KVS key queries return at most 20 rows a page. */
async function lastRuns(): Promise<SetupRunReport[]> {
  const runs: SetupRunReport[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(STORAGE_KEYS.setupRun(''))).limit(20);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany<SetupRunReport>();
    runs.push(...page.results.map((r) => r.value));
    cursor = page.nextCursor;
  } while (cursor);
  return runs.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

const statusNames = z.array(z.object({ name: z.string() }).passthrough());

async function buildView(caller: Caller): Promise<AdminPageView> {
  const t = now();
  const today = todayOf(t);
  const [config, policy, mapping, projects, runs, rolesHistory, policyHistory, statuses] = await Promise.all([
    loadDocument(PROFILE_CONFIG),
    loadDocument(POLICY),
    loadDocument(SITE_MAPPING),
    listProjects(),
    lastRuns(),
    auditTrail(ROLE_LIST.docId),
    auditTrail(POLICY.docId),
    jiraGet('user', route`/rest/api/3/status`, statusNames),
  ]);
  const roleList = caller.roleList;
  const effective: ProfileConfig = config.current?.content ?? DEFAULT_PROFILE_CONFIG;
  const meta = <C>(v: NonNullable<DocumentState<C>['current']>) => ({ version: v.version, status: v.status, createdBy: v.createdBy, createdAt: v.createdAt, approvedBy: v.approvedBy, approvedAt: v.approvedAt });
  const draftMeta = <C>(d: NonNullable<DocumentState<C>['draft']>) => ({ revision: d.revision, baseVersion: d.baseVersion, updatedBy: d.updatedBy, updatedAt: d.updatedAt });

  const currentValidation = roleList.current ? validationOf(roleList.current.content) : null;
  const draftValidation = roleList.draft ? validationOf(roleList.draft.content) : null;
  const roleHolders = roleList.current?.content.assignments ?? [];

  const ids = new Set<string>([caller.actor.accountId]);
  for (const doc of [roleList, policy, config]) {
    for (const v of [doc.current, doc.draft]) {
      if (!v) continue;
      if ('createdBy' in v) { ids.add(v.createdBy); if (v.approvedBy) ids.add(v.approvedBy); }
      if ('updatedBy' in v) ids.add(v.updatedBy);
    }
  }
  for (const c of [roleList.current?.content, roleList.draft?.content]) {
    for (const a of c?.assignments ?? []) ids.add(a.accountId);
    for (const o of c?.overrides ?? []) { ids.add(o.accountId); ids.add(o.grantedBy); }
    for (const r of c?.training ?? []) { ids.add(r.accountId); ids.add(r.recordedBy); }
  }
  for (const p of [policy.current?.content, policy.draft?.content]) for (const tpl of p?.preApprovedTemplates ?? []) { ids.add(tpl.controlManager); ids.add(tpl.businessApprover); }
  for (const r of [...rolesHistory, ...policyHistory]) ids.add(r.actor);
  for (const r of runs) ids.add(r.startedBy);
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
    history: auditEntries(rolesHistory),
  };
  const setup: SetupView = { projects, mappings: (mapping.current?.content.projects ?? []) as ProjectMapping[], lastRuns: runs };

  return {
    viewer: { accountId: caller.actor.accountId, displayName: caller.displayName, isJiraAdmin: caller.actor.isJiraAdmin, roles: [...caller.actor.roles] },
    permissions: Object.fromEntries(Object.entries(permissionsOf(caller.actor, caller.facts)).map(([k, d]) => [k, { allowed: d.allowed, reason: d.allowed ? null : d.message }])) as AdminPageView['permissions'],
    config: { current: config.current ? { ...meta(config.current), content: config.current.content } : null, effective, preset: presetOf(effective) },
    setup,
    roles,
    policy: {
      current: policy.current ? { ...meta(policy.current), content: policy.current.content } : null,
      draft: policy.draft ? { ...draftMeta(policy.draft), content: policy.draft.content, issues: checkPolicy(policy.draft.content, { today, forApproval: false, roleHolders }) } : null,
      defaults: defaultPolicy(today),
      reviewOverdue: policy.current ? isReviewOverdue(policy.current.content, today) : false,
      history: auditEntries(policyHistory),
      jiraStatuses: [...new Set(statuses.map((s) => s.name))].sort((a, b) => a.localeCompare(b)),
    },
    people,
    today,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Setup wizard

async function wantedSlots() {
  const config = await loadDocument(PROFILE_CONFIG);
  const modules = (config.current?.content ?? DEFAULT_PROFILE_CONFIG).modules;
  return { slots: profileSlots({ problem: modules.problem, 'service-request': modules['service-request'] }) };
}

async function planView(projectKey: string): Promise<SetupPlanView> {
  const [inventory, wants] = await Promise.all([readInventory(projectKey), wantedSlots()]);
  const lastRun = (await kvs.get<SetupRunReport>(STORAGE_KEYS.setupRun(inventory.project.key))) ?? null;
  const { id, key, name, projectTypeKey } = inventory.project;
  return { project: { id, key, name, projectTypeKey }, plan: planSetup(inventory, wants), lastRun };
}

async function setupView(): Promise<SetupView> {
  const [projects, mapping, runs] = await Promise.all([listProjects(), loadDocument(SITE_MAPPING), lastRuns()]);
  return { projects, mappings: (mapping.current?.content.projects ?? []) as ProjectMapping[], lastRuns: runs };
}

// ---------------------------------------------------------------------------------------------------------------
// Handlers

type Handler<K extends AdminFunctionKey> = (payload: Payload<K>, caller: Caller) => Promise<Answers[K]>;

const ACTION_OF: Record<AdminFunctionKey, Parameters<typeof authorize>[0]> = {
  'adminPage.load': 'admin.view',
  'admin.searchUsers': 'roles.edit',
  'config.save': 'config.edit',
  'setup.plan': 'setup.run',
  'setup.runStep': 'setup.run',
  'setup.finish': 'setup.run',
  'roles.saveDraft': 'roles.edit',
  'roles.approve': 'roles.approve',
  'roles.discardDraft': 'roles.edit',
  'roles.recordTraining': 'training.record',
  'policy.saveDraft': 'policy.edit',
  'policy.approve': 'policy.approve',
  'policy.discardDraft': 'policy.edit',
  'policy.importIcs': 'policy.edit',
};

const searchResult = z.array(userSchema.extend({ accountType: z.string().optional(), active: z.boolean().optional() }).passthrough());

const handlers: { [K in AdminFunctionKey]: Handler<K> } = {
  'adminPage.load': async (_p, caller) => buildView(caller),

  'admin.searchUsers': async ({ query }) => {
    const found = await jiraGet('user', route`/rest/api/3/user/search?${new URLSearchParams({ query, maxResults: '20' })}`, searchResult);
    return found.filter((u) => u.accountType !== 'app' && u.active !== false).map((u) => ({ accountId: u.accountId, displayName: u.displayName, ...(u.accountType ? { accountType: u.accountType } : {}) }));
  },

  'config.save': async ({ processes, modules, expectedVersion }, caller) => {
    const before = (await loadDocument(PROFILE_CONFIG)).current?.content ?? DEFAULT_PROFILE_CONFIG;
    const after: ProfileConfig = { processes, modules };
    const changed = [
      ...Object.entries(after.processes).filter(([k, v]) => before.processes[k as keyof ProfileConfig['processes']] !== v).map(([k, v]) => `${k} ${v ? 'on' : 'off'}`),
      ...Object.entries(after.modules).filter(([k, v]) => before.modules[k as keyof ProfileConfig['modules']] !== v).map(([k, v]) => `${k} module ${v ? 'on' : 'off'}`),
    ];
    await recordVersion(PROFILE_CONFIG, expectedVersion, 'Recorded', () => after, { actor: caller.actor.accountId, now: now(), action: 'recorded', summary: changed.length ? `Switched ${changed.join(', ')} (D2, preset ${presetOf(after)}).` : `Saved unchanged (preset ${presetOf(after)}).` });
    return buildView(caller);
  },

  'setup.plan': async ({ projectKey }) => planView(projectKey),

  'setup.runStep': async ({ projectKey, stepId }, caller) => {
    const key = STORAGE_KEYS.setupRun(projectKey);
    const previous = await kvs.get<SetupRunReport>(key);
    const report: SetupRunReport = previous && previous.finishedAt === null
      ? previous
      : { projectKey, startedAt: new Date(now()).toISOString(), startedBy: caller.actor.accountId, finishedAt: null, steps: [] };
    const wants = await wantedSlots();
    try {
      const outcome = await runSetupStep(projectKey, stepId, wants);
      report.steps.push({ id: stepId, title: outcome.title, status: 'done', message: outcome.message, at: new Date(now()).toISOString() });
      await kvs.set(key, report);
      const inv = outcome.plan.mapping;
      return {
        step: { id: stepId, title: outcome.title, status: outcome.status, message: outcome.message },
        next: { project: { id: inv.projectId, key: inv.projectKey, name: inv.projectName, projectTypeKey: inv.projectTypeKey }, plan: outcome.plan, lastRun: report },
      };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      report.steps.push({ id: stepId, title: e instanceof SetupStepError ? e.title : stepId, status: 'failed', message, at: new Date(now()).toISOString() });
      await kvs.set(key, report);
      throw new RefusedError('failed', e instanceof SetupStepError ? message : `Step ${stepId} failed: ${message} Fix the cause and resume: the wizard re-reads the site and continues where it stopped.`);
    }
  },

  'setup.finish': async ({ projectKey }, caller) => {
    const view = await planView(projectKey);
    if (!view.plan.nothingToDo) {
      throw new RefusedError('refused', `Setup of ${view.project.key} is not complete: ${view.plan.steps.length} step(s) remain (${view.plan.steps.map((s) => s.title).join('; ')}). Run them first.`);
    }
    const mapping = view.plan.mapping;
    const state = await loadDocument(SITE_MAPPING);
    const others = (state.current?.content.projects ?? []).filter((p) => p.projectId !== mapping.projectId);
    await recordVersion(SITE_MAPPING, state.current?.version ?? null, 'Recorded', () => ({ projects: [...others, mapping as z.infer<typeof SITE_MAPPING.schema>['projects'][number]] }), {
      actor: caller.actor.accountId, now: now(), action: 'mapped', summary: `Mapped project ${mapping.projectKey}: ${Object.entries(mapping.issueTypes).map(([slot, t]) => `${slot} → ${t.name}`).join(', ')}.`,
    });
    const key = STORAGE_KEYS.setupRun(projectKey);
    const report = await kvs.get<SetupRunReport>(key);
    if (report && report.finishedAt === null) await kvs.set(key, { ...report, finishedAt: new Date(now()).toISOString() });
    return { mapping, setup: await setupView() };
  },

  'roles.saveDraft': async ({ assignments, overrides, expectedRevision }, caller) => {
    const t = now();
    const state = caller.roleList;
    const cleaned = assignments.filter((a) => a.roles.length > 0).map((a) => ({ accountId: a.accountId, roles: [...new Set(a.roles)], ...(a.practitionerAreas ? { practitionerAreas: a.practitionerAreas } : {}) }));
    const known = [...(state.draft?.content.overrides ?? []), ...(state.current?.content.overrides ?? [])];
    const stamped = stampOverrides(overrides, known, caller.actor.accountId, new Date(t).toISOString());
    const people = await peopleNamed([...cleaned.map((a) => a.accountId), ...stamped.map((o) => o.accountId)]);
    const unknown = [...new Set([...cleaned.map((a) => a.accountId), ...stamped.map((o) => o.accountId)])].filter((id) => !people.some((p) => p.accountId === id));
    if (unknown.length) throw new RefusedError('invalid-input', `assignments: no Jira user has the account id ${unknown.join(', ')}.`);
    const validation = validateRoleAssignments(cleaned, { overrides: stamped });
    if (!validation.ok) {
      throw new RefusedError('refused', `The list of assigned roles cannot be saved. ${validation.refusals.map((r) => `${r.rule}: ${humanise(r.message, people)}`).join(' ')}`);
    }
    const content = { assignments: cleaned, overrides: stamped, training: state.current?.content.training ?? [] };
    const summary = describeRoleChanges(diffAssignments(state.current?.content.assignments ?? [], cleaned), (id) => people.find((p) => p.accountId === id)?.displayName ?? id);
    await saveDraft(ROLE_LIST, content, expectedRevision, { actor: caller.actor.accountId, now: t, summary: `Draft: ${summary}${validation.exceptions.length ? ` SoD exception(s): ${validation.exceptions.map((e) => humanise(e.message, people)).join(' ')}` : ''}` });
    return buildView(await afterRoleListChange(caller));
  },

  'roles.approve': async ({ revision }, caller) => {
    const state = caller.roleList;
    const draft = state.draft;
    if (draft) {
      const validation = validationOf(draft.content);
      if (!validation.ok) throw new RefusedError('refused', `The draft breaks a rule and cannot be approved: ${validation.refusals.map((r) => `${r.rule}: ${r.message}`).join(' ')}`);
    }
    const people = await peopleNamed([...(draft?.content.assignments ?? []).map((a) => a.accountId), ...(state.current?.content.assignments ?? []).map((a) => a.accountId)]);
    const summary = describeRoleChanges(diffAssignments(state.current?.content.assignments ?? [], draft?.content.assignments ?? []), (id) => people.find((p) => p.accountId === id)?.displayName ?? id);
    await approveDraft(ROLE_LIST, revision, (prev) => (prev ? 'Updated' : 'Approved'), (d, current) => ({ ...d, training: current?.content.training ?? d.training }), {
      actor: caller.actor.accountId, now: now(), summary: `Approved (GO.1.2): ${summary}`,
    });
    return buildView(await afterRoleListChange(caller));
  },

  'roles.discardDraft': async ({ revision }, caller) => {
    await discardDraft(ROLE_LIST, revision, { actor: caller.actor.accountId, now: now(), summary: 'Draft discarded.' });
    return buildView(await afterRoleListChange(caller));
  },

  'roles.recordTraining': async (p, caller) => {
    const t = now();
    if (!caller.roleList.current) throw new RefusedError('refused', 'There is no approved list of assigned roles (WP.08) yet: approve one first, then record training on it (IN.1.1, IN.1.2).');
    if (p.completedOn > todayOf(t)) throw new RefusedError('invalid-input', `completedOn: ${p.completedOn} is in the future; record training once it has taken place.`);
    const [person] = await peopleNamed([p.accountId]);
    if (!person) throw new RefusedError('invalid-input', `accountId: no Jira user has the account id ${p.accountId}.`);
    const record: TrainingRecord = { id: `tr-${randomUUID()}`, ...p, title: p.title.trim(), recordedBy: caller.actor.accountId, recordedAt: new Date(t).toISOString() };
    await recordVersion(ROLE_LIST, caller.roleList.current.version, 'Updated', (c) => ({ ...(c?.content as RoleListContentStored), training: [...(c?.content.training ?? []), record] }), {
      actor: caller.actor.accountId, now: t, action: 'training-recorded', summary: `Recorded ${p.kind} "${record.title}" for ${person.displayName}, completed ${p.completedOn} (${p.task}).`,
    });
    return buildView(await afterRoleListChange(caller));
  },

  'policy.saveDraft': async ({ policy, expectedRevision }, caller) => {
    const state = await loadDocument(POLICY);
    const issues = checkPolicy(policy, { today: todayOf(now()), forApproval: false, roleHolders: caller.roleList.current?.content.assignments ?? [] });
    await saveDraft(POLICY, policy, expectedRevision, { actor: caller.actor.accountId, now: now(), summary: `Draft saved${state.current ? ` (based on version ${state.current.version})` : ''}; ${issues.length === 0 ? 'no open issues' : `${issues.length} open issue(s)`}.` });
    return buildView(caller);
  },

  'policy.approve': async ({ revision }, caller) => {
    const state = await loadDocument(POLICY);
    if (!state.draft) throw new DocumentStateError('There is no draft of the service delivery policy (WP.14) to approve; it may have been approved or discarded meanwhile. Reload the page.');
    const issues = checkPolicy(state.draft.content, { today: todayOf(now()), forApproval: true, roleHolders: caller.roleList.current?.content.assignments ?? [] });
    if (issues.length > 0) throw new RefusedError('refused', `The policy cannot be approved yet (GO.2.2): ${issues.map((i) => `${i.path}: ${i.message} (${i.rule})`).join(' ')}`);
    await approveDraft(POLICY, revision, (prev) => (prev ? 'Updated' : 'Approved'), (d) => d, { actor: caller.actor.accountId, now: now(), summary: `Approved by the Service Manager (GO.2.2); next review due ${state.draft.content.reviewDueOn}.` });
    return buildView(caller);
  },

  'policy.discardDraft': async ({ revision }, caller) => {
    await discardDraft(POLICY, revision, { actor: caller.actor.accountId, now: now(), summary: 'Draft discarded.' });
    return buildView(caller);
  },

  'policy.importIcs': async ({ text }) => parseIcsHolidays(text),
};

/** Storage errors of the admin's documents as answer codes (the rest: see results.ts). */
function storeErrorCode(e: unknown): AdminErrorCode | null {
  if (e instanceof ConflictError) return 'conflict';
  if (e instanceof DocumentStateError) return 'refused';
  return null;
}

/** Registers every admin function on the app's one resolver. */
export function defineAdminResolvers(resolver: Resolver): void {
  for (const key of Object.keys(payloads) as AdminFunctionKey[]) {
    resolver.define(key, async (req: ResolverRequest): Promise<AdminResult<Answers[typeof key]>> => answer(key, async () => {
      const accountId = requireAccountId(req.context);
      const payload = parsePayload(payloads[key], req.payload);
      // On Forge the context's moduleKey is the module that rendered the caller's frame: only Jira administrators
      // see the admin page, so an invoke from another surface (an issue panel) is refused before anything else.
      if (req.context.moduleKey !== ADMIN_MODULE_KEY) throw new RefusedError('forbidden', `${key} answers the admin page (${ADMIN_MODULE_KEY}) only, not ${String(req.context.moduleKey ?? 'an unknown module')}.`);
      const caller = await whoIsCalling(accountId);
      const decision = authorize(ACTION_OF[key], caller.actor, caller.facts);
      if (!decision.allowed) throw new RefusedError('forbidden', decision.message);
      const handler = handlers[key] as Handler<typeof key>;
      return handler(payload as Payload<typeof key>, caller);
    }, storeErrorCode));
  }
}

export type { ServiceDeliveryPolicy };
