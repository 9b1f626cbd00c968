/**
 * Who is calling and who people are (ADR 011): the caller's identity and Jira permissions, display names, user search.
 * Everything here runs asUser: Jira answers for the person the resolver acts for.
 */
import { route } from '@forge/api';
import { z } from 'zod';
import { jiraGet, type Actor } from './client';
import { permissionsSchema, projectSchema, userSchema } from './schemas';

export interface JiraUser { accountId: string; displayName: string; accountType?: string }

/** The calling user (GET /myself). */
export async function getMyself(): Promise<JiraUser> {
  const me = await jiraGet('user', route`/rest/api/3/myself`, userSchema);
  return { accountId: me.accountId, displayName: me.displayName, ...(me.accountType ? { accountType: me.accountType } : {}) };
}

/** Where a Jira permission is asked about: the site (global permissions), a project, or an issue. */
export type PermissionScope = { kind: 'global' } | { kind: 'project'; projectKey: string } | { kind: 'issue'; issueKey: string };

/** Which of `permissions` the calling user holds in `scope` (GET /mypermissions). */
export async function getMyPermissions(permissions: readonly string[], scope: PermissionScope): Promise<Set<string>> {
  const params = new URLSearchParams({ permissions: permissions.join(',') });
  if (scope.kind === 'project') params.set('projectKey', scope.projectKey);
  if (scope.kind === 'issue') params.set('issueKey', scope.issueKey);
  const answer = await jiraGet('user', route`/rest/api/3/mypermissions?${params}`, permissionsSchema);
  return new Set(Object.entries(answer.permissions).filter(([, p]) => p.havePermission).map(([k]) => k));
}

const bulkUsers = z.object({ values: z.array(userSchema.extend({ accountType: z.string().optional() }).passthrough()) }).passthrough();

/** Display names of accounts (GET /user/bulk, 90 ids a call); unknown ids are left out. */
/** `as`: 'user' from a resolver (the viewer's own view of people), 'app' from a trigger or the scan (no viewer). */
export async function getUsers(ids: Iterable<string>, as: 'user' | 'app' = 'user'): Promise<JiraUser[]> {
  const unique = [...new Set([...ids].filter((id) => id.length > 0))];
  const out: JiraUser[] = [];
  for (let i = 0; i < unique.length; i += 90) {
    const params = new URLSearchParams();
    for (const id of unique.slice(i, i + 90)) params.append('accountId', id);
    const page = await jiraGet(as, route`/rest/api/3/user/bulk?${params}`, bulkUsers);
    for (const u of page.values) out.push({ accountId: u.accountId, displayName: u.displayName, ...(u.accountType ? { accountType: u.accountType } : {}) });
  }
  return out;
}

const searchResult = z.array(userSchema.extend({ accountType: z.string().optional(), active: z.boolean().optional() }).passthrough());

/** Active people (no app accounts) matching a query, for pickers. */
export async function searchPeople(query: string): Promise<JiraUser[]> {
  const found = await jiraGet('user', route`/rest/api/3/user/search?${new URLSearchParams({ query, maxResults: '20' })}`, searchResult);
  return found.filter((u) => u.accountType !== 'app' && u.active !== false).map((u) => ({ accountId: u.accountId, displayName: u.displayName, ...(u.accountType ? { accountType: u.accountType } : {}) }));
}

const permittedUsers = z.array(userSchema.extend({ accountType: z.string().optional(), active: z.boolean().optional() }).passthrough());

/**
 * The site's Jira administrators (D27: who may grant a separation-of-duty override): the active people holding the
 * global "Administer Jira" permission, by `GET /user/permission/search?permissions=ADMINISTER` ("Find users with
 * permissions", an array of users). Jira takes the users in the range `startAt`..`startAt + maxResults` up to the
 * thousandth user and answers those of them who hold the permission, so one page of 1,000 covers every user it
 * considers (a very small entity has far fewer). Calling it needs Administer Jira: `actor` is `user` when the caller
 * is a Jira administrator, else `app`.
 */
export async function listJiraAdministrators(actor: Actor = 'user'): Promise<JiraUser[]> {
  const params = new URLSearchParams({ permissions: 'ADMINISTER', startAt: '0', maxResults: '1000' });
  const found = await jiraGet(actor, route`/rest/api/3/user/permission/search?${params}`, permittedUsers);
  return found.filter((u) => u.accountType !== 'app' && u.active !== false).map((u) => ({ accountId: u.accountId, displayName: u.displayName, ...(u.accountType ? { accountType: u.accountType } : {}) }));
}

/** A project as the user sees it. */
export async function getProject(key: string): Promise<{ id: string; key: string; name: string }> {
  const p = await jiraGet('user', route`/rest/api/3/project/${key}`, projectSchema);
  return { id: p.id, key: p.key, name: p.name };
}

const statusNames = z.array(z.object({ name: z.string() }).passthrough());

const projectStatuses = z.array(z.object({ id: z.string(), name: z.string(), statuses: z.array(z.object({ name: z.string() }).passthrough()) }).passthrough());

/**
 * The status names of one issue type's workflow in a project (GET /rest/api/3/project/{key}/statuses), sorted; empty
 * when the project does not have that issue type.
 */
export async function listIssueTypeStatusNames(projectKey: string, issueTypeId: string): Promise<string[]> {
  const types = await jiraGet('user', route`/rest/api/3/project/${projectKey}/statuses`, projectStatuses);
  const names = types.filter((t) => t.id === issueTypeId).flatMap((t) => t.statuses.map((s) => s.name));
  return [...new Set(names)].sort((a, b) => a.localeCompare(b));
}

/** The site's workflow status names, sorted and unique. */
export async function listStatusNames(): Promise<string[]> {
  const statuses = await jiraGet('user', route`/rest/api/3/status`, statusNames);
  return [...new Set(statuses.map((s) => s.name))].sort((a, b) => a.localeCompare(b));
}
