import { z } from 'zod';
import { Router, fieldErrors, jiraError, noContent, ok, type Reply } from '../http';
import { nextId } from '../store/db';
import { CUSTOM_FIELD_TYPES, SYSTEM_FIELDS } from './format';
import type { Notifications } from './notifications';
import type { Principal } from './principal';
import { Search, searchBodySchema } from './search';
import { ORGANIZATIONS_FIELD_TYPE } from './organizations';
import { serviceDeskRoutes } from './servicedesk';
import type { JiraSite } from './site';

/** What a REST handler sees: who is calling, the query string, and the parsed JSON body (undefined when empty). */
export interface RestCtx { p: Principal; query: URLSearchParams; body: unknown }

const list = (v: string | null): string[] | undefined => (v === null ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean));
const intParam = (q: URLSearchParams, name: string, dflt: number, max = 5000): number => {
  const raw = q.get(name);
  if (raw === null) return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw jiraError(400, `The value '${raw}' is invalid for the parameter '${name}'.`);
  return Math.min(n, max);
};

/** Custom field types whose values are options of a context (select lists and checkboxes). */
const OPTION_FIELD_TYPES = [':select', ':multiselect', ':multicheckboxes'];

/** Jira's offset pagination (PageBean): `startAt`, `maxResults`, `total`, `isLast`, `values`. */
function pageOf<T>(query: URLSearchParams, dflt: number, max: number, all: T[]): { maxResults: number; startAt: number; total: number; isLast: boolean; values: T[] } {
  const startAt = intParam(query, 'startAt', 0);
  const maxResults = Math.max(1, intParam(query, 'maxResults', dflt, max));
  const values = all.slice(startAt, startAt + maxResults);
  return { maxResults, startAt, total: all.length, isLast: startAt + values.length >= all.length, values };
}

/** The Jira Cloud platform REST API v3 subset the app uses. Paths, status codes and JSON shapes follow Atlassian's reference. */
export function jiraRoutes(site: JiraSite, search: Search, notifications: Notifications): Router<RestCtx> {
  const r = new Router<RestCtx>();
  const { rows, fmt, perms, db } = site;
  const requireAdmin = (p: Principal): void => { if (!perms.canAdminister(p)) throw jiraError(403, 'You are not authorized to perform this action. Administrator privileges are required.'); };

  // users
  r.add('GET', '/rest/api/3/myself', ({ p }) => ok({ ...fmt.user(p.user, p.user), groups: { size: 0, items: [] }, applicationRoles: { size: 1, items: [] }, expand: 'groups,applicationRoles' }));
  r.add('GET', '/rest/api/3/user', ({ p, query }) => {
    const id = query.get('accountId');
    if (!id) throw jiraError(400, 'The accountId query parameter needs to be provided.');
    const u = rows.user(id);
    if (!u) throw jiraError(404, `Specified user does not exist or you do not have required permissions`);
    return ok(fmt.user(u, p.user));
  });
  r.add('GET', '/rest/api/3/user/search', ({ p, query }) => {
    const q = (query.get('query') ?? '').toLowerCase();
    const id = query.get('accountId');
    if (!q && !id) throw jiraError(400, "One of 'query' or 'accountId' query parameters needs to be provided.");
    const start = intParam(query, 'startAt', 0);
    const max = intParam(query, 'maxResults', 50, 1000);
    const found = rows.users().filter((u) => u.account_type !== 'app' && (id ? u.account_id === id : u.display_name.toLowerCase().includes(q) || (u.email ?? '').toLowerCase().startsWith(q)));
    return ok(found.slice(start, start + max).map((u) => fmt.user(u, p.user)));
  });
  r.add('GET', '/rest/api/3/user/bulk', ({ p, query }) => {
    const ids = query.getAll('accountId');
    if (!ids.length) throw jiraError(400, "The 'accountId' query parameter is required.");
    const found = ids.map((id) => rows.user(id)).filter((u): u is NonNullable<typeof u> => u !== undefined);
    return ok({ self: `${site.base}/rest/api/3/user/bulk`, maxResults: 200, startAt: 0, total: found.length, isLast: true, values: found.map((u) => fmt.user(u, p.user)) });
  });
  r.add('GET', '/rest/api/3/users/search', ({ p, query }) => {
    const start = intParam(query, 'startAt', 0);
    const max = intParam(query, 'maxResults', 50, 1000);
    return ok(rows.users().slice(start, start + max).map((u) => fmt.user(u, p.user)));
  });
  r.add('GET', '/rest/api/3/mypermissions', ({ p, query }) => {
    const wanted = list(query.get('permissions'));
    if (!wanted) throw jiraError(400, "The 'permissions' query parameter is required.");
    const projectRef = query.get('projectKey') ?? query.get('projectId');
    const issueRef = query.get('issueKey') ?? query.get('issueId');
    // Jira answers 404 when the project or issue does not exist or the caller may not see it (no existence leak).
    const issue = issueRef ? site.visibleIssue(p, issueRef).issue : undefined;
    const project = issue ? rows.projectById(issue.project_id) : projectRef ? site.visibleProject(p, projectRef) : undefined;
    const have = perms.permissionKeys(p, project, issue);
    const out: Record<string, unknown> = {};
    for (const key of wanted) {
      if (!(key in have)) throw jiraError(400, `Unrecognized permission '${key}'.`);
      out[key] = { id: key, key, name: key.replace(/_/g, ' ').toLowerCase(), type: key === 'ADMINISTER' ? 'GLOBAL' : 'PROJECT', description: '', havePermission: have[key] };
    }
    return ok({ permissions: out });
  });
  // "Find users with permissions": Jira takes the users in the range startAt..startAt+maxResults (up to the thousandth
  // user) and answers those of them who hold every permission asked, in the project or issue when one is named; so a
  // page usually holds fewer users than maxResults. The caller needs Administer Jira, or Administer Projects for a
  // named project.
  r.add('GET', '/rest/api/3/user/permission/search', ({ p, query }) => {
    const wanted = list(query.get('permissions'));
    if (!wanted?.length) throw jiraError(400, "The 'permissions' query parameter is required.");
    const projectRef = query.get('projectKey') ?? query.get('projectId');
    const issueRef = query.get('issueKey') ?? query.get('issueId');
    const issue = issueRef ? site.visibleIssue(p, issueRef).issue : undefined;
    const project = issue ? rows.projectById(issue.project_id) : projectRef ? site.visibleProject(p, projectRef) : undefined;
    const mine = perms.permissionKeys(p, project, issue);
    if (!mine.ADMINISTER && !(project && mine.ADMINISTER_PROJECTS)) throw jiraError(403, 'You are not authorized to perform this action. Administrator privileges are required.');
    for (const key of wanted) if (!(key in mine)) throw jiraError(400, `Unrecognized permission '${key}'.`);
    const start = intParam(query, 'startAt', 0);
    const max = Math.max(1, intParam(query, 'maxResults', 50, 1000));
    const q = (query.get('query') ?? '').toLowerCase();
    const id = query.get('accountId');
    const range = rows.users().slice(0, 1000).slice(start, start + max);
    const holds = (u: (typeof range)[number]): boolean => {
      const have = perms.permissionKeys({ kind: 'user', user: u }, project, issue);
      return wanted.every((key) => have[key] === true);
    };
    const matches = (u: (typeof range)[number]): boolean => (id ? u.account_id === id : !q || u.display_name.toLowerCase().includes(q) || (u.email ?? '').toLowerCase().startsWith(q));
    return ok(range.filter((u) => u.account_type !== 'app' && matches(u) && holds(u)).map((u) => fmt.user(u, p.user)));
  });

  // projects
  r.add('GET', '/rest/api/3/project/search', ({ p, query }) => {
    const start = intParam(query, 'startAt', 0);
    const max = intParam(query, 'maxResults', 50, 100);
    const keys = list(query.get('keys'));
    const visible = rows.projects().filter((x) => perms.canBrowseProject(p, x) && (!keys || keys.includes(x.key)));
    const page = visible.slice(start, start + max);
    return ok({ self: `${site.base}/rest/api/3/project/search?startAt=${start}&maxResults=${max}`, maxResults: max, startAt: start, total: visible.length, isLast: start + page.length >= visible.length, values: page.map((x) => fmt.project(x, p.user)) });
  });
  r.add('GET', '/rest/api/3/project', ({ p }) => ok(rows.projects().filter((x) => perms.canBrowseProject(p, x)).map((x) => fmt.project(x, p.user))));
  r.add('GET', '/rest/api/3/project/:projectIdOrKey', ({ p }, { projectIdOrKey }) => ok(fmt.project(site.visibleProject(p, projectIdOrKey!), p.user)));
  r.add('GET', '/rest/api/3/project/:projectIdOrKey/statuses', ({ p }, { projectIdOrKey }) => {
    const project = site.visibleProject(p, projectIdOrKey!);
    return ok(rows.projectIssueTypes(project.id).map((t) => {
      const wf = rows.workflowOf(project.id, t.id)!;
      const names = new Set<string>([rows.status(wf.initial).name, ...wf.def.transitions.map((x) => x.to)]);
      return { self: `${site.base}/rest/api/3/issuetype/${t.id}`, id: t.id, name: t.name, subtask: t.subtask === 1, statuses: [...names].map((n) => fmt.status(rows.statusByName(n)!)) };
    }));
  });

  // issue types
  r.add('GET', '/rest/api/3/issuetype', () => ok(rows.issueTypes().map((t) => fmt.issueType(t))));
  r.add('GET', '/rest/api/3/issuetype/project', ({ p, query }) => {
    const projectId = query.get('projectId');
    if (!projectId) throw jiraError(400, "The 'projectId' query parameter is required.");
    const project = site.visibleProject(p, projectId);
    return ok(rows.projectIssueTypes(project.id).map((t) => fmt.issueType(t)));
  });
  r.add('GET', '/rest/api/3/issuetype/:id', (_c, { id }) => {
    const t = rows.issueType(id!);
    if (!t) throw jiraError(404, 'The issue type selected is invalid.');
    return ok(fmt.issueType(t));
  });
  r.add('POST', '/rest/api/3/issuetype', ({ p, body }) => {
    requireAdmin(p);
    const parsed = z.object({ name: z.string().min(1).max(60), description: z.string().optional(), type: z.enum(['standard', 'subtask']).optional(), hierarchyLevel: z.number().int().optional() }).strict().safeParse(body);
    if (!parsed.success) throw fieldErrors(400, zodErrors(parsed.error));
    if (rows.issueTypes().some((t) => t.name.toLowerCase() === parsed.data.name.toLowerCase())) throw fieldErrors(409, { name: 'An issue type with this name already exists.' });
    const id = String(nextId(db, 'issuetype', 10100));
    const subtask = parsed.data.type === 'subtask' ? 1 : 0;
    db.prepare('INSERT INTO issue_types(id, name, description, subtask, hierarchy_level) VALUES (?, ?, ?, ?, ?)').run(id, parsed.data.name, parsed.data.description ?? '', subtask, subtask ? -1 : parsed.data.hierarchyLevel ?? 0);
    return ok(fmt.issueType(rows.issueType(id)!), 201);
  });

  // issue type schemes (admin only, as on Jira). One scheme per project: JiraSite.issueTypeSchemeOf.
  const idList = (query: URLSearchParams, name: string): string[] => query.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean).map((v) => {
    if (!/^\d+$/.test(v)) throw jiraError(400, `The value '${v}' is invalid for the parameter '${name}'.`);
    return v;
  });
  r.add('GET', '/rest/api/3/issuetypescheme', ({ p, query }) => {
    requireAdmin(p);
    const ids = idList(query, 'id');
    const schemes = site.issueTypeSchemes().filter((x) => !ids.length || ids.includes(x.id));
    return ok(pageOf(query, 50, 50, schemes.map((x) => fmt.issueTypeScheme(x))));
  });
  r.add('GET', '/rest/api/3/issuetypescheme/project', ({ p, query }) => {
    requireAdmin(p);
    const projectIds = idList(query, 'projectId');
    if (!projectIds.length) throw jiraError(400, "The 'projectId' query parameter is required.");
    const schemes = site.issueTypeSchemes().filter((x) => projectIds.includes(x.project.id));
    return ok(pageOf(query, 50, 50, schemes.map((x) => ({ issueTypeScheme: fmt.issueTypeScheme(x), projectIds: [x.project.id] }))));
  });
  r.add('GET', '/rest/api/3/issuetypescheme/mapping', ({ p, query }) => {
    requireAdmin(p);
    const ids = idList(query, 'issueTypeSchemeId');
    const items = site.issueTypeSchemes().filter((x) => !ids.length || ids.includes(x.id))
      .flatMap((x) => rows.projectIssueTypes(x.project.id).map((t) => ({ issueTypeSchemeId: x.id, issueTypeId: t.id })));
    return ok(pageOf(query, 50, 50, items));
  });
  r.add('PUT', '/rest/api/3/issuetypescheme/:issueTypeSchemeId/issuetype', ({ p, body }, { issueTypeSchemeId }) => { site.addIssueTypesToScheme(p, issueTypeSchemeId!, body); return noContent(); });

  // fields
  r.add('GET', '/rest/api/3/field', () => ok([...SYSTEM_FIELDS.map((f) => fmt.systemField(f)), ...rows.customFields().map((f) => fmt.customField(f))]));
  r.add('POST', '/rest/api/3/field', ({ p, body }) => {
    requireAdmin(p);
    const parsed = z.object({ name: z.string().min(1).max(255), description: z.string().optional(), type: z.string(), searcherKey: z.string().optional() }).strict().safeParse(body);
    if (!parsed.success) throw fieldErrors(400, zodErrors(parsed.error));
    // JSM's "Organizations" field is locked: it exists once on a JSM site and cannot be created.
    const type = parsed.data.type === ORGANIZATIONS_FIELD_TYPE ? undefined : CUSTOM_FIELD_TYPES[parsed.data.type];
    if (!type) throw fieldErrors(400, { type: `Custom field type '${parsed.data.type}' is not supported.` });
    if (parsed.data.searcherKey && parsed.data.searcherKey !== type.searcher) throw fieldErrors(400, { searcherKey: `Searcher '${parsed.data.searcherKey}' is not valid for the field type '${parsed.data.type}'.` });
    const id = `customfield_${nextId(db, 'customfield')}`;
    db.prepare('INSERT INTO custom_fields(id, name, description, type, searcher_key) VALUES (?, ?, ?, ?, ?)').run(id, parsed.data.name, parsed.data.description ?? '', parsed.data.type, type.searcher);
    return ok(fmt.customField(rows.customField(id)!), 201);
  });
  // Each custom field has one global context in the sandbox; its id is the field's number.
  const contextOf = (fieldId: string, contextId?: string) => {
    const f = rows.customField(fieldId);
    if (!f) throw jiraError(404, `The custom field was not found.`);
    const cid = fieldId.replace('customfield_', '');
    if (contextId !== undefined && contextId !== cid) throw jiraError(404, 'The context was not found.');
    return { f, cid };
  };
  r.add('GET', '/rest/api/3/field/:fieldId/context', ({ p }, { fieldId }) => {
    requireAdmin(p);
    const { f, cid } = contextOf(fieldId!);
    return ok({ maxResults: 50, startAt: 0, total: 1, isLast: true, values: [{ id: cid, name: `Default Configuration Scheme for ${f.name}`, description: '', isGlobalContext: true, isAnyIssueType: true }] });
  });
  r.add('GET', '/rest/api/3/field/:fieldId/context/:contextId/option', ({ p, query }, { fieldId, contextId }) => {
    requireAdmin(p);
    const { f } = contextOf(fieldId!, contextId);
    return ok(pageOf(query, 100, 1000, rows.fieldOptions(f.id).map((o) => ({ id: o.id, value: o.value, disabled: o.disabled === 1 }))));
  });
  r.add('POST', '/rest/api/3/field/:fieldId/context/:contextId/option', ({ p, body }, { fieldId, contextId }) => {
    requireAdmin(p);
    const { f } = contextOf(fieldId!, contextId);
    if (!OPTION_FIELD_TYPES.some((t) => f.type.endsWith(t))) throw jiraError(400, 'Options can only be added to select list fields.');
    const parsed = z.object({ options: z.array(z.object({ value: z.string().min(1).max(255), disabled: z.boolean().optional() }).strict()).min(1).max(1000) }).strict().safeParse(body);
    if (!parsed.success) throw fieldErrors(400, zodErrors(parsed.error));
    const existing = rows.fieldOptions(f.id);
    for (const o of parsed.data.options) if (existing.some((e) => e.value === o.value)) throw jiraError(400, `The option '${o.value}' already exists.`);
    const created = db.transaction(() => parsed.data.options.map((o, i) => {
      const id = String(nextId(db, 'fieldoption'));
      db.prepare('INSERT INTO field_options(id, field_id, value, disabled, position) VALUES (?, ?, ?, ?, ?)').run(id, f.id, o.value, o.disabled ? 1 : 0, existing.length + i);
      return { id, value: o.value, disabled: o.disabled ?? false };
    }))();
    return ok({ options: created });
  });
  // Jira's "Update custom field options (context)": each option named by id; value and/or disabled changed.
  r.add('PUT', '/rest/api/3/field/:fieldId/context/:contextId/option', ({ p, body }, { fieldId, contextId }) => {
    requireAdmin(p);
    const { f } = contextOf(fieldId!, contextId);
    const parsed = z.object({ options: z.array(z.object({ id: z.string().min(1), value: z.string().min(1).max(255).optional(), disabled: z.boolean().optional() }).strict()).min(1).max(1000) }).strict().safeParse(body);
    if (!parsed.success) throw fieldErrors(400, zodErrors(parsed.error));
    const existing = rows.fieldOptions(f.id);
    for (const o of parsed.data.options) {
      if (!existing.some((e) => e.id === o.id)) throw jiraError(400, `The option with id '${o.id}' does not exist in this context.`);
      if (o.value !== undefined && existing.some((e) => e.id !== o.id && e.value === o.value)) throw jiraError(400, `The option '${o.value}' already exists.`);
    }
    const updated = db.transaction(() => parsed.data.options.map((o) => {
      const was = existing.find((e) => e.id === o.id)!;
      const value = o.value ?? was.value;
      const disabled = o.disabled ?? was.disabled === 1;
      db.prepare('UPDATE field_options SET value = ?, disabled = ? WHERE id = ? AND field_id = ?').run(value, disabled ? 1 : 0, o.id, f.id);
      return { id: o.id, value, disabled };
    }))();
    return ok({ options: updated });
  });

  // priorities, statuses, resolutions, link types
  r.add('GET', '/rest/api/3/priority', () => ok(rows.priorities().map((x) => fmt.priority(x))));
  r.add('GET', '/rest/api/3/priority/search', ({ query }) => {
    const all = rows.priorities();
    const start = intParam(query, 'startAt', 0);
    const max = intParam(query, 'maxResults', 50, 100);
    const page = all.slice(start, start + max);
    return ok({ self: `${site.base}/rest/api/3/priority/search`, maxResults: max, startAt: start, total: all.length, isLast: start + page.length >= all.length, values: page.map((x) => fmt.priority(x)) });
  });
  r.add('GET', '/rest/api/3/priority/:id', (_c, { id }) => { const x = rows.priority(id!); if (!x) throw jiraError(404, `The priority with id '${id}' does not exist.`); return ok(fmt.priority(x)); });
  r.add('GET', '/rest/api/3/status', () => ok(rows.statuses().map((s) => fmt.status(s))));
  r.add('GET', '/rest/api/3/status/:idOrName', (_c, { idOrName }) => {
    const s = rows.statuses().find((x) => x.id === idOrName || x.name.toLowerCase() === idOrName!.toLowerCase());
    if (!s) throw jiraError(404, `The status with ID '${idOrName}' does not exist.`);
    return ok(fmt.status(s));
  });
  r.add('GET', '/rest/api/3/resolution', () => ok(rows.resolutions().map((x) => fmt.resolution(x))));
  r.add('GET', '/rest/api/3/issueLinkType', () => ok({ issueLinkTypes: rows.linkTypes().map((t) => fmt.linkType(t)) }));

  // issues
  r.add('POST', '/rest/api/3/issue', ({ p, body }) => ok(site.createIssue(p, body), 201));
  // Create metadata (GET /rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes[/{issueTypeId}]): what the create
  // screen of a project and issue type has. The sandbox has no screens: every custom field (all have a global context)
  // is on every create screen, after Jira's system fields. Without the create permission Jira returns no data.
  const createTypes = (p: Principal, projectIdOrKey: string) => {
    const project = site.visibleProject(p, projectIdOrKey);
    return { project, types: perms.canCreate(p, project) ? rows.projectIssueTypes(project.id).filter((t) => t.subtask !== 1) : [] };
  };
  r.add('GET', '/rest/api/3/issue/createmeta/:projectIdOrKey/issuetypes', ({ p, query }, { projectIdOrKey }) => {
    const page = pageOf(query, 50, 200, createTypes(p, projectIdOrKey!).types.map((t) => fmt.issueType(t)));
    return ok({ maxResults: page.maxResults, startAt: page.startAt, total: page.total, issueTypes: page.values });
  });
  r.add('GET', '/rest/api/3/issue/createmeta/:projectIdOrKey/issuetypes/:issueTypeId', ({ p, query }, { projectIdOrKey, issueTypeId }) => {
    const { project, types } = createTypes(p, projectIdOrKey!);
    const type = types.find((t) => t.id === issueTypeId);
    if (!type && types.length) throw jiraError(404, `The issue type with id '${issueTypeId}' is not used by project ${project.key}.`);
    const system = (id: string, extra: Record<string, unknown> = {}) => {
      const f = SYSTEM_FIELDS.find((x) => x.id === id)!;
      return { required: false, schema: f.schema, name: f.name, key: f.id, fieldId: f.id, hasDefaultValue: false, operations: ['set'], ...extra };
    };
    const fields = !type ? [] : [
      system('issuetype', { required: true, allowedValues: [fmt.issueType(type)] }),
      system('project', { required: true, allowedValues: [{ self: `${site.base}/rest/api/3/project/${project.id}`, id: project.id, key: project.key, name: project.name, projectTypeKey: project.project_type_key }] }),
      system('summary', { required: true }),
      system('description'),
      system('reporter', { required: true, hasDefaultValue: true, autoCompleteUrl: `${site.base}/rest/api/3/user/search?query=` }),
      system('assignee', { autoCompleteUrl: `${site.base}/rest/api/3/user/assignable/search?project=${project.key}&query=` }),
      system('priority', { hasDefaultValue: true, allowedValues: rows.priorities().map((x) => fmt.priority(x)), defaultValue: ((d) => (d ? fmt.priority(d) : undefined))(rows.priorities().find((x) => x.is_default === 1)) }),
      system('labels', { autoCompleteUrl: `${site.base}/rest/api/1.0/labels/suggest?query=` }),
      ...rows.customFields().map((f) => {
        const meta = fmt.customField(f);
        const options = OPTION_FIELD_TYPES.some((t) => f.type.endsWith(t))
          ? { allowedValues: rows.fieldOptions(f.id).filter((o) => o.disabled === 0).map((o) => ({ self: `${site.base}/rest/api/3/customFieldOption/${o.id}`, value: o.value, id: o.id })) }
          : {};
        return { required: false, schema: meta.schema, name: f.name, key: f.id, fieldId: f.id, hasDefaultValue: false, operations: ['set'], ...options };
      }),
    ];
    const page = pageOf(query, 50, 200, fields);
    return ok({ maxResults: page.maxResults, startAt: page.startAt, total: page.total, fields: page.values });
  });
  r.add('GET', '/rest/api/3/issue/:issueIdOrKey', ({ p, query }, { issueIdOrKey }) => {
    const { issue } = site.visibleIssue(p, issueIdOrKey!);
    return ok(site.issueBean(p, issue, { fields: list(query.get('fields')), expand: list(query.get('expand')), properties: list(query.get('properties')), defaultFields: '*all' }));
  });
  r.add('PUT', '/rest/api/3/issue/:issueIdOrKey', ({ p, body }, { issueIdOrKey }) => { site.editIssue(p, issueIdOrKey!, body); return noContent(); });
  r.add('GET', '/rest/api/3/issue/:issueIdOrKey/transitions', ({ p }, { issueIdOrKey }) => ok(site.listTransitions(p, issueIdOrKey!)));
  r.add('POST', '/rest/api/3/issue/:issueIdOrKey/transitions', async ({ p, body }, { issueIdOrKey }) => { await site.doTransition(p, issueIdOrKey!, body); return noContent(); });
  r.add('GET', '/rest/api/3/issue/:issueIdOrKey/comment', ({ p, query }, { issueIdOrKey }) => ok(site.listComments(p, issueIdOrKey!, intParam(query, 'startAt', 0), intParam(query, 'maxResults', 5000), query.get('orderBy') ?? undefined)));
  r.add('POST', '/rest/api/3/issue/:issueIdOrKey/comment', ({ p, body }, { issueIdOrKey }) => ok(site.addComment(p, issueIdOrKey!, body), 201));
  // Jira queues an e-mail; the sandbox stores it in its outbox (GET /sandbox/notifications).
  r.add('POST', '/rest/api/3/issue/:issueIdOrKey/notify', ({ p, body }, { issueIdOrKey }) => { notifications.send(p, issueIdOrKey!, body); return noContent(); });
  r.add('GET', '/rest/api/3/issue/:issueIdOrKey/changelog', ({ p, query }, { issueIdOrKey }) => ok(site.changelog(p, issueIdOrKey!, intParam(query, 'startAt', 0), intParam(query, 'maxResults', 100, 100))));
  r.add('GET', '/rest/api/3/issue/:issueIdOrKey/properties', ({ p }, { issueIdOrKey }) => ok(site.listProperties(p, issueIdOrKey!)));
  r.add('GET', '/rest/api/3/issue/:issueIdOrKey/properties/:propertyKey', ({ p }, { issueIdOrKey, propertyKey }) => ok(site.getProperty(p, issueIdOrKey!, propertyKey!)));
  r.add('PUT', '/rest/api/3/issue/:issueIdOrKey/properties/:propertyKey', ({ p, body }, { issueIdOrKey, propertyKey }): Reply => {
    if (body === undefined) throw jiraError(400, 'The property value must be valid JSON and cannot be empty.');
    const created = site.putProperty(p, issueIdOrKey!, propertyKey!, body);
    return { status: created ? 201 : 200 };
  });
  r.add('DELETE', '/rest/api/3/issue/:issueIdOrKey/properties/:propertyKey', ({ p }, { issueIdOrKey, propertyKey }) => { site.deleteProperty(p, issueIdOrKey!, propertyKey!); return noContent(); });
  r.add('POST', '/rest/api/3/issueLink', ({ p, body }): Reply => { site.createLink(p, body); return { status: 201 }; });
  r.add('GET', '/rest/api/3/issueLink/:linkId', ({ p }, { linkId }) => ok(site.getLink(p, linkId!)));
  r.add('DELETE', '/rest/api/3/issueLink/:linkId', ({ p }, { linkId }) => { site.deleteLink(p, linkId!); return noContent(); });

  // search (enhanced JQL search; the old /search answers 410 as on Jira Cloud since 2025)
  r.add('GET', '/rest/api/3/search/jql', ({ p, query }) => {
    const maxRaw = query.get('maxResults');
    return ok(search.run(p, {
      jql: query.get('jql') ?? '',
      nextPageToken: query.get('nextPageToken') ?? undefined,
      maxResults: maxRaw === null ? undefined : intParam(query, 'maxResults', 50),
      fields: list(query.get('fields')),
      expand: list(query.get('expand')),
      properties: list(query.get('properties')),
    }));
  });
  r.add('POST', '/rest/api/3/search/jql', ({ p, body }) => {
    const parsed = searchBodySchema.safeParse(body ?? {});
    if (!parsed.success) throw jiraError(400, parsed.error.issues.map((i) => i.code === 'unrecognized_keys' ? `Unrecognized field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')} in the request body.` : `${i.path.join('.') || 'body'}: ${i.message}`));
    const d = parsed.data;
    return ok(search.run(p, { jql: d.jql ?? '', nextPageToken: d.nextPageToken ?? undefined, maxResults: d.maxResults, fields: d.fields, expand: (typeof d.expand === 'string' ? d.expand.split(',') : d.expand)?.map((e) => e.trim()).filter(Boolean), properties: d.properties }));
  });
  const gone = (): Reply => { throw jiraError(410, 'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046'); };
  r.add('GET', '/rest/api/3/search', gone);
  r.add('POST', '/rest/api/3/search', gone);

  // Jira Service Management's customer API (portal): sandbox/jira/servicedesk.ts
  serviceDeskRoutes(site, r);
  return r;
}

function zodErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') for (const k of issue.keys) out[k] = `Field '${k}' is not recognised.`;
    else out[issue.path.join('.') || 'body'] = issue.message;
  }
  return out;
}
