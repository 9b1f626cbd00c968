import Resolver from '@forge/resolver';
import { z } from 'zod';
import { FUNCTIONS, type AnswerOf, type FunctionKey, type PayloadOf } from '../contract/functions';
import { MODULE_KEYS, SURFACE_OF, isUiModuleKey, type UiModuleKey } from '../contract/modules';
import type { Result, ResultErrorCode } from '../contract/results';
import { mayCall, type AccessRule, type Caller } from '../domain/access';
import { Refusal } from '../domain/refusal';
import { rolesHeldBy } from '../domain/roles';
import { JiraRequestError } from '../jira/client';
import { getMyPermissions, getMyself, type PermissionScope } from '../jira/users';
import { loadDocument, type DocumentState } from '../store/work-product-store';
import { ROLE_LIST } from '../store/documents';
import type { RoleListContentStored } from '../store/role-list';

/**
 * The one way a resolver function is declared (ADR 011). The contract (src/contract/functions.ts) fixes each
 * function's key, the surface (module) that calls it and its payload schema; here each function adds who may call
 * it — a 29110 rule (src/domain/access.ts) and the Jira permissions it needs, checked asUser — and its handler. The
 * registry does the rest the same way for every function: the caller's frame must be the declared module, the
 * module's context must name what it shows (issue, project), the payload must fit its schema, the caller must pass
 * both checks; and every answer is a Result (`{ ok, data | error }`, ADR 008) with one refusal type.
 */

export { Refusal };

export type JiraPermission = 'ADMINISTER' | 'BROWSE_PROJECTS' | 'CREATE_ISSUES' | 'EDIT_ISSUES' | 'LINK_ISSUES' | 'ADD_COMMENTS' | 'TRANSITION_ISSUES';

/**
 * The Jira side of "who may call". `read-as-user`: the function reads only what it shows, asUser, so Jira itself
 * refuses what the caller may not browse (no extra call). Otherwise one GET /mypermissions in the surface's scope:
 * every `required` permission must be held; `lookUp` ones are only learned (e.g. Administer for the admin rules).
 */
export type JiraAccess = 'read-as-user' | { scope: PermissionScope['kind']; required: readonly JiraPermission[]; lookUp?: readonly JiraPermission[] };

export interface Access { rule: AccessRule; jira: JiraAccess }

/** What the module's context names (`context.extension`, set by Jira, not by the browser). */
export interface SurfaceContext { issue: { id: string; key: string } | null; project: { id: string; key: string } | null }

export interface CallerInfo extends Caller {
  displayName: string;
  /** The Jira permissions looked up (required and `lookUp`) that the caller holds. */
  jira: ReadonlySet<string>;
  /** WP.08 as read for this call (head, current version, draft). */
  roleList: DocumentState<RoleListContentStored>;
}

export interface Call<K extends FunctionKey> {
  key: K;
  payload: PayloadOf<K>;
  caller: CallerInfo;
  surface: SurfaceContext;
  /** The instant the call started; handlers pass `clock` to what needs later instants. */
  now: number;
  clock: () => number;
}

export interface Implementation<K extends FunctionKey> {
  access: Access;
  handler: (call: Call<K>) => Promise<AnswerOf<K>>;
}

export type Implementations<K extends FunctionKey> = { [P in K]: Implementation<P> };

const issueExtension = z.object({
  issue: z.object({ id: z.string(), key: z.string().min(1) }).passthrough(),
  project: z.object({ id: z.string(), key: z.string().min(1) }).passthrough(),
}).passthrough();
/** jiraServiceManagement:portalRequestDetail: the request (its issue key, request type id) and the portal. */
const portalExtension = z.object({
  request: z.object({ key: z.string().regex(/^[A-Z][A-Z0-9_]*-\d+$/, 'must be an issue key'), typeId: z.union([z.string(), z.number()]).optional() }).passthrough(),
  portal: z.object({ id: z.union([z.string(), z.number()]) }).passthrough(),
}).passthrough();
const projectExtension = z.object({ project: z.object({ id: z.string(), key: z.string().min(1) }).passthrough() }).passthrough();

/** Each module's context (Forge's `context.extension`), checked before anything else. */
function surfaceOf(module: UiModuleKey, extension: unknown): SurfaceContext {
  const fail = (what: string, error: z.ZodError) => new Refusal('invalid-input', `The ${what} context is invalid: ${error.issues.map((i) => `context.extension.${i.path.join('.')}: ${i.message}`).join('; ')}`);
  if (module === MODULE_KEYS.issuePanel) {
    const p = issueExtension.safeParse(extension);
    if (!p.success) throw fail('issue panel', p.error);
    return { issue: { id: p.data.issue.id, key: p.data.issue.key }, project: { id: p.data.project.id, key: p.data.project.key } };
  }
  if (module === MODULE_KEYS.portalRequest) {
    const p = portalExtension.safeParse(extension);
    if (!p.success) throw fail('portal request', p.error);
    // The portal names the request by its key only. An issue key starts with its project's key; what the functions
    // read is read as the caller, so Jira itself refuses a request they may not see.
    const key = p.data.request.key;
    return { issue: { id: '', key }, project: { id: '', key: key.slice(0, key.lastIndexOf('-')) } };
  }
  if (module === MODULE_KEYS.projectPage) {
    const p = projectExtension.safeParse(extension);
    if (!p.success) throw fail('project page', p.error);
    return { issue: null, project: { id: p.data.project.id, key: p.data.project.key } };
  }
  return { issue: null, project: null };
}

function scopeOf(kind: PermissionScope['kind'], surface: SurfaceContext): PermissionScope {
  if (kind === 'issue' && surface.issue) return { kind: 'issue', issueKey: surface.issue.key };
  if (kind === 'project' && surface.project) return { kind: 'project', projectKey: surface.project.key };
  if (kind === 'global') return { kind: 'global' };
  throw new Refusal('invalid-input', `This function needs a ${kind} in its context.`);
}

const PERMISSION_WORDS: Readonly<Record<JiraPermission, string>> = {
  ADMINISTER: 'Administer Jira', BROWSE_PROJECTS: 'Browse projects', CREATE_ISSUES: 'Create issues', EDIT_ISSUES: 'Edit issues',
  LINK_ISSUES: 'Link issues', ADD_COMMENTS: 'Add comments', TRANSITION_ISSUES: 'Transition issues',
};

async function callerOf(accountId: string, access: Access, surface: SurfaceContext): Promise<CallerInfo> {
  const jira = access.jira;
  const wanted = jira === 'read-as-user' ? [] : [...new Set([...jira.required, ...(jira.lookUp ?? [])])];
  const [me, roleList, held] = await Promise.all([
    getMyself(),
    loadDocument(ROLE_LIST),
    jira !== 'read-as-user' && wanted.length ? getMyPermissions(wanted, scopeOf(jira.scope, surface)).catch((e: unknown) => {
      if (e instanceof JiraRequestError && e.status === 404) throw new Refusal('forbidden', 'Jira does not let you see this issue or project.');
      throw e;
    }) : Promise.resolve(new Set<string>()),
  ]);
  const assignments = roleList.current?.content.assignments ?? [];
  return {
    accountId, displayName: me.displayName, accountType: me.accountType ?? 'atlassian',
    roles: rolesHeldBy(assignments, accountId).map((r) => r.code), rolesConfigured: roleList.current !== null,
    isJiraAdmin: held.has('ADMINISTER'), serviceManagerAssigned: assignments.some((a) => a.roles.includes('SM')),
    jira: held, roleList,
  };
}

/** Labelled issues (a contract schema names the field in words, `params.labelled`) are shown as they are. */
function invalidInput(error: z.ZodError): string {
  const labelled = (i: z.core.$ZodIssue): boolean => i.code === 'custom' && (i as { params?: { labelled?: unknown } }).params?.labelled === true;
  if (error.issues.every(labelled)) return `This cannot be saved: ${error.issues.map((i) => i.message).join(' ')}`;
  return `The request is invalid: ${error.issues.map((i) => (labelled(i) ? i.message : `${i.path.length ? i.path.join('.') : 'payload'}: ${i.message}`)).join('; ')}`;
}

const codeOf = (e: unknown): ResultErrorCode => (e instanceof Refusal ? e.code : 'failed');

/** Runs one declared function for one request, answering its Result. */
export async function runFunction<K extends FunctionKey>(key: K, impl: Implementation<K>, req: { payload: unknown; context: Record<string, unknown> }, clock: () => number): Promise<Result<AnswerOf<K>>> {
  try {
    const declared = FUNCTIONS[key];
    const accountId = req.context.accountId;
    if (typeof accountId !== 'string' || !accountId) throw new Refusal('forbidden', 'This needs a signed-in Jira user.');
    const moduleKey = req.context.moduleKey;
    // A module showing the declared surface may call it (the portal request module shows the issue panel's).
    if (!isUiModuleKey(moduleKey) || SURFACE_OF[moduleKey] !== declared.module) {
      throw new Refusal('forbidden', `${key} answers the ${declared.module} module only, not ${String(moduleKey ?? 'an unknown module')}.`);
    }
    const surface = surfaceOf(moduleKey, req.context.extension);
    const parsed = (declared.payload as z.ZodType).safeParse(req.payload ?? {});
    if (!parsed.success) throw new Refusal('invalid-input', invalidInput(parsed.error));
    const caller = await callerOf(accountId, impl.access, surface);
    if (impl.access.jira !== 'read-as-user') {
      const missing = impl.access.jira.required.filter((p) => !caller.jira.has(p));
      if (missing.length) throw new Refusal('forbidden', `Jira does not give you the permission${missing.length > 1 ? 's' : ''} ${missing.map((p) => `“${PERMISSION_WORDS[p]}”`).join(' and ')} here, which this needs.`);
    }
    const decision = mayCall(impl.access.rule, caller);
    if (!decision.allowed) throw new Refusal('forbidden', decision.message);
    const now = clock();
    return { ok: true, data: await impl.handler({ key, payload: parsed.data as PayloadOf<K>, caller, surface, now, clock }) };
  } catch (e) {
    const code = codeOf(e);
    if (code === 'failed') console.error(`${key} failed`, e);
    return { ok: false, error: { code, message: e instanceof Error ? e.message : String(e) } };
  }
}

/** The app's one resolver: every function of the contract, each with its declared implementation. */
export function resolverOf(implementations: Implementations<FunctionKey>, clock: () => number): ReturnType<Resolver['getDefinitions']> {
  const resolver = new Resolver();
  for (const key of Object.keys(FUNCTIONS) as FunctionKey[]) {
    const impl = implementations[key] as Implementation<typeof key>;
    resolver.define(key, (req: { payload: unknown; context: Record<string, unknown> }) => runFunction(key, impl, req, clock));
  }
  return resolver.getDefinitions();
}
