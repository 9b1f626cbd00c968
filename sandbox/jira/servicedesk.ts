import type { Database as Db } from 'better-sqlite3';
import { z } from 'zod';
import { HttpError, ok, type Reply, type Router } from '../http';
import { jiraDateTime } from './format';
import { defaultRequestOrganizations, organizationRoutes } from './organizations';
import { ROLE_CUSTOMERS, type Principal } from './principal';
import type { ChangeItem, IssueRow, ProjectRow, UserRow } from './rows';
import type { RestCtx } from './routes';
import { requestFeedbackRoutes } from './request-feedback';
import type { JiraSite } from './site';

/**
 * Jira Service Management's customer REST API (`/rest/servicedeskapi/...`), the subset a customer portal uses:
 * service desks, request types and their fields, raising a request, the caller's requests, one request, its
 * public comments and its status history. Paths, paging (`size/start/limit/isLastPage/values/_links`), DTOs and
 * the error body (`errorMessage`, `i18nErrorMessage`) follow Atlassian's servicedeskapi reference, so jira.js's
 * ServiceDeskClient works unchanged. A request is an ordinary issue of the service desk's project: raising one
 * goes through JiraSite.createIssue (same validation, same `avi:jira:created:issue` event), with the reporter the
 * customer. Customers see and raise requests only in service desks they are customers of, and only their own.
 */

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sd_service_desks (id TEXT PRIMARY KEY, project_id TEXT UNIQUE NOT NULL);
CREATE TABLE IF NOT EXISTS sd_request_types (
  id TEXT PRIMARY KEY, service_desk_id TEXT NOT NULL, name TEXT NOT NULL, description TEXT NOT NULL, help_text TEXT NOT NULL,
  issue_type_id TEXT NOT NULL, fields TEXT NOT NULL, position INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sd_requests (issue_id INTEGER PRIMARY KEY, request_type_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sd_approval_configs (
  project_id TEXT NOT NULL, issue_type_id TEXT NOT NULL, status_id TEXT NOT NULL, name TEXT NOT NULL, approvers_field_id TEXT NOT NULL,
  approve_transition TEXT NOT NULL, decline_transition TEXT NOT NULL, PRIMARY KEY (project_id, issue_type_id, status_id)
);
CREATE TABLE IF NOT EXISTS sd_approvals (
  id INTEGER PRIMARY KEY AUTOINCREMENT, issue_id INTEGER NOT NULL, status_id TEXT NOT NULL, entered_at INTEGER NOT NULL, name TEXT NOT NULL,
  final_decision TEXT NOT NULL DEFAULT 'pending', completed INTEGER, decisions TEXT NOT NULL DEFAULT '{}', approvers TEXT,
  UNIQUE (issue_id, status_id, entered_at)
);
`;

export function ensureServiceDeskSchema(db: Db): void { db.exec(SCHEMA); }

/** One field of a request type's form: a Jira field (system or custom), the label customers read, and whether it is required. */
export interface RequestTypeFieldDef { fieldId: string; name: string; description?: string; required: boolean }
export interface RequestTypeDef { name: string; description: string; helpText?: string; issueTypeName: string; fields: RequestTypeFieldDef[] }

interface RequestTypeRow { id: string; service_desk_id: string; name: string; description: string; help_text: string; issue_type_id: string; fields: string; position: number }

/**
 * Makes a project a service desk with the given request types (seeds call it). Custom fields may be named by their
 * field name (`name:Impact`), resolved here to the site's field id. Answers the service desk id.
 */
export function seedServiceDesk(db: Db, projectKey: string, types: RequestTypeDef[]): string {
  ensureServiceDeskSchema(db);
  const project = db.prepare('SELECT id FROM projects WHERE key = ?').get(projectKey) as { id: string } | undefined;
  if (!project) throw new Error(`seedServiceDesk: no project ${projectKey}.`);
  const count = (db.prepare('SELECT COUNT(*) AS n FROM sd_service_desks').get() as { n: number }).n;
  const deskId = String(count + 1);
  db.prepare('INSERT INTO sd_service_desks(id, project_id) VALUES (?, ?)').run(deskId, project.id);
  const base = (db.prepare('SELECT COUNT(*) AS n FROM sd_request_types').get() as { n: number }).n;
  types.forEach((t, i) => {
    const issueType = db.prepare('SELECT t.id FROM issue_types t JOIN project_issue_types p ON p.issue_type_id = t.id WHERE p.project_id = ? AND t.name = ?').get(project.id, t.issueTypeName) as { id: string } | undefined;
    if (!issueType) throw new Error(`seedServiceDesk: project ${projectKey} has no issue type ${t.issueTypeName}.`);
    const fields = t.fields.map((f) => {
      if (!f.fieldId.startsWith('name:')) return f;
      const cf = db.prepare('SELECT id FROM custom_fields WHERE name = ?').get(f.fieldId.slice(5)) as { id: string } | undefined;
      if (!cf) throw new Error(`seedServiceDesk: no custom field named ${f.fieldId.slice(5)}.`);
      return { ...f, fieldId: cf.id };
    });
    db.prepare('INSERT INTO sd_request_types(id, service_desk_id, name, description, help_text, issue_type_id, fields, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(String(base + i + 1), deskId, t.name, t.description, t.helpText ?? '', issueType.id, JSON.stringify(fields), i);
  });
  return deskId;
}

/**
 * JSM approvals (a service project's workflow status "configured for approval", as JSM's workflow editor sets it):
 * while a request of `issueTypeName` is in `statusName`, an approval is open with the people in the user-picker
 * field `approversFieldName` as approvers; one approver's decision settles it (JSM's default condition), and the
 * site then performs `approveTransition` or `declineTransition` as that approver, validators included.
 */
export interface ApprovalConfigDef { projectKey: string; issueTypeName: string; statusName: string; approversFieldName: string; approveTransition: string; declineTransition: string; name?: string }

export function configureApproval(db: Db, c: ApprovalConfigDef): void {
  ensureServiceDeskSchema(db);
  const project = db.prepare('SELECT id FROM projects WHERE key = ?').get(c.projectKey) as { id: string } | undefined;
  const type = db.prepare('SELECT id FROM issue_types WHERE name = ?').get(c.issueTypeName) as { id: string } | undefined;
  const status = db.prepare('SELECT id FROM statuses WHERE name = ?').get(c.statusName) as { id: string } | undefined;
  const field = db.prepare('SELECT id FROM custom_fields WHERE name = ?').get(c.approversFieldName) as { id: string } | undefined;
  if (!project || !type || !status || !field) throw new Error(`configureApproval: ${c.projectKey} / ${c.issueTypeName} / ${c.statusName} / ${c.approversFieldName} not found.`);
  db.prepare('INSERT OR REPLACE INTO sd_approval_configs(project_id, issue_type_id, status_id, name, approvers_field_id, approve_transition, decline_transition) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(project.id, type.id, status.id, c.name ?? `Approval for "${c.statusName}"`, field.id, c.approveTransition, c.declineTransition);
}

/**
 * Seeds an approval already answered (a seed's history, where the status moved without the API): the approval of
 * the request's last entry into `statusName`, decided by `approver` at `at`.
 */
export function seedApprovalDecision(db: Db, o: { issueKey: string; statusName: string; approver: string; decision: 'approved' | 'declined'; at: number }): void {
  ensureServiceDeskSchema(db);
  const issue = db.prepare('SELECT id, created, status_id FROM issues WHERE key = ?').get(o.issueKey) as { id: number; created: number } | undefined;
  const status = db.prepare('SELECT id FROM statuses WHERE name = ?').get(o.statusName) as { id: string } | undefined;
  if (!issue || !status) throw new Error(`seedApprovalDecision: ${o.issueKey} / ${o.statusName} not found.`);
  const history = db.prepare('SELECT created, items FROM changelog WHERE issue_id = ? ORDER BY created, id').all(issue.id) as { created: number; items: string }[];
  const entries = history.filter((c) => (JSON.parse(c.items) as ChangeItem[]).some((i) => i.field === 'status' && i.to === status.id)).map((c) => c.created);
  const enteredAt = entries.at(-1) ?? issue.created;
  const config = db.prepare('SELECT c.name FROM sd_approval_configs c JOIN issues i ON i.project_id = c.project_id AND i.issue_type_id = c.issue_type_id WHERE i.id = ? AND c.status_id = ?').get(issue.id, status.id) as { name: string } | undefined;
  if (!config) throw new Error(`seedApprovalDecision: "${o.statusName}" is not configured for approval on ${o.issueKey}.`);
  db.prepare('INSERT OR REPLACE INTO sd_approvals(issue_id, status_id, entered_at, name, final_decision, completed, decisions, approvers) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(issue.id, status.id, enteredAt, config.name, o.decision, o.at, JSON.stringify({ [o.approver]: o.decision }), JSON.stringify([o.approver]));
}

interface ApprovalConfigRow { project_id: string; issue_type_id: string; status_id: string; name: string; approvers_field_id: string; approve_transition: string; decline_transition: string }
interface ApprovalRow { id: number; issue_id: number; status_id: string; entered_at: number; name: string; final_decision: 'pending' | 'approved' | 'declined'; completed: number | null; decisions: string; approvers: string | null }

/** JSM's error body. */
class ServiceDeskError extends Error {
  constructor(readonly status: number, message: string, readonly i18nKey: string) { super(message); }
  reply(): Reply { return { status: this.status, body: { errorMessage: this.message, i18nErrorMessage: { i18nKey: this.i18nKey, parameters: [] } } }; }
}
const notFoundRequest = (ref: string) => new ServiceDeskError(404, `The request '${ref}' does not exist or you do not have permission to see it.`, 'sd.request.error.not.found');
const notFoundDesk = (ref: string) => new ServiceDeskError(404, `The service desk '${ref}' does not exist or you do not have permission to see it.`, 'sd.servicedesk.error.not.found');

const SELECT = 'com.atlassian.jira.plugin.system.customfieldtypes:select';
const MULTI = ['com.atlassian.jira.plugin.system.customfieldtypes:multiselect', 'com.atlassian.jira.plugin.system.customfieldtypes:multicheckboxes'];

export function serviceDeskRoutes(site: JiraSite, r: Router<RestCtx>): void {
  const { rows, perms, db, fmt } = site;
  const base = (): string => site.base;

  const wrap = (fn: (ctx: RestCtx, params: Record<string, string | undefined>) => Reply | Promise<Reply>) => async (ctx: RestCtx, params: Record<string, string | undefined>): Promise<Reply> => {
    ensureServiceDeskSchema(db);
    try { return await fn(ctx, params); } catch (e) {
      if (e instanceof ServiceDeskError) return e.reply();
      if (e instanceof HttpError) {
        // Jira's own validation (createIssue, addComment) speaks Jira's body; the portal API answers JSM's.
        const messages = [...e.body.errorMessages, ...Object.entries(e.body.errors).map(([k, v]) => `${labelOf(k)}: ${v}`)];
        return { status: e.status, body: { errorMessage: messages.join(' '), i18nErrorMessage: { i18nKey: 'sd.request.error', parameters: [] } } };
      }
      throw e;
    }
  };
  const labelOf = (fieldId: string): string => fieldId === 'summary' ? 'Summary' : fieldId === 'description' ? 'Description' : rows.customField(fieldId)?.name ?? fieldId;

  const int = (q: URLSearchParams, name: string, dflt: number, max: number): number => {
    const raw = q.get(name);
    if (raw === null || raw === '') return dflt;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new ServiceDeskError(400, `The value '${raw}' is invalid for the parameter '${name}'.`, 'sd.error.invalid.parameter');
    return Math.min(n, max);
  };
  const paged = <T>(path: string, q: URLSearchParams, all: T[], dfltLimit = 50): Record<string, unknown> => {
    const start = int(q, 'start', 0, 1_000_000);
    const limit = Math.max(1, int(q, 'limit', dfltLimit, 100));
    const values = all.slice(start, start + limit);
    const isLastPage = start + values.length >= all.length;
    const links: Record<string, string> = { self: `${base()}/rest/servicedeskapi/${path}`, base: base(), context: '' };
    if (!isLastPage) links.next = `${base()}/rest/servicedeskapi/${path}?start=${start + limit}&limit=${limit}`;
    if (start > 0) links.prev = `${base()}/rest/servicedeskapi/${path}?start=${Math.max(0, start - limit)}&limit=${limit}`;
    return { _expands: [], size: values.length, start, limit, isLastPage, _links: links, values };
  };
  const date = (ms: number, viewer: UserRow): Record<string, unknown> => ({
    iso8601: jiraDateTime(ms), jira: jiraDateTime(ms), epochMillis: ms,
    friendly: new Intl.DateTimeFormat(viewer.locale.replace('_', '-'), { dateStyle: 'medium', timeStyle: 'short', timeZone: viewer.time_zone }).format(ms),
  });
  const userDto = (accountId: string | null, viewer: UserRow): Record<string, unknown> | null => {
    const bean = fmt.userRef(accountId, viewer);
    if (!bean) return null;
    return {
      accountId: bean.accountId, ...(bean.emailAddress ? { emailAddress: bean.emailAddress } : {}), displayName: bean.displayName, active: bean.active, timeZone: bean.timeZone,
      _links: { jiraRest: bean.self, avatarUrls: bean.avatarUrls, self: bean.self },
    };
  };

  // ------------------------------------------------------------ service desks and request types
  const desks = (): { id: string; project: ProjectRow }[] => (db.prepare('SELECT id, project_id FROM sd_service_desks ORDER BY CAST(id AS INTEGER)').all() as { id: string; project_id: string }[])
    .map((d) => ({ id: d.id, project: rows.projectById(d.project_id) }));
  const isCustomer = (p: Principal, project: ProjectRow): boolean => p.kind === 'user' && rows.projectRoles(project.id, p.user.account_id).includes(ROLE_CUSTOMERS);
  const mayUseDesk = (p: Principal, project: ProjectRow): boolean => perms.isAgent(p, project) || isCustomer(p, project);
  const visibleDesks = (p: Principal) => desks().filter((d) => mayUseDesk(p, d.project));
  const desk = (p: Principal, ref: string) => {
    const d = desks().find((x) => x.id === ref || x.project.id === ref || x.project.key.toUpperCase() === ref.toUpperCase());
    if (!d || !mayUseDesk(p, d.project)) throw notFoundDesk(ref);
    return d;
  };
  const deskDto = (d: { id: string; project: ProjectRow }) => ({ id: d.id, projectId: d.project.id, projectName: d.project.name, projectKey: d.project.key, _links: { self: `${base()}/rest/servicedeskapi/servicedesk/${d.id}` } });
  const requestTypes = (deskId: string): RequestTypeRow[] => db.prepare('SELECT * FROM sd_request_types WHERE service_desk_id = ? ORDER BY position').all(deskId) as RequestTypeRow[];
  const requestType = (deskId: string, id: string): RequestTypeRow => {
    const t = requestTypes(deskId).find((x) => x.id === id);
    if (!t) throw new ServiceDeskError(404, `The request type '${id}' does not exist in this service desk.`, 'sd.requesttype.error.not.found');
    return t;
  };
  const typeDto = (t: RequestTypeRow) => ({
    _expands: ['field'], id: t.id, _links: { self: `${base()}/rest/servicedeskapi/servicedesk/${t.service_desk_id}/requesttype/${t.id}` },
    name: t.name, description: t.description, helpText: t.help_text, issueTypeId: t.issue_type_id, serviceDeskId: t.service_desk_id, portalId: t.service_desk_id, groupIds: [],
    icon: { id: '10000', _links: { iconUrls: fmt.avatarUrls(t.name) } },
  });
  const fieldDefs = (t: RequestTypeRow): RequestTypeFieldDef[] => JSON.parse(t.fields) as RequestTypeFieldDef[];
  const fieldDto = (f: RequestTypeFieldDef) => {
    const cf = f.fieldId.startsWith('customfield_') ? rows.customField(f.fieldId) : undefined;
    const options = cf ? rows.fieldOptions(cf.id).filter((o) => o.disabled === 0).map((o) => ({ value: o.id, label: o.value, children: [] })) : [];
    const jiraSchema = f.fieldId === 'summary' ? { type: 'string', system: 'summary' } : f.fieldId === 'description' ? { type: 'string', system: 'description' }
      : cf?.type === SELECT ? { type: 'option', custom: cf.type, customId: Number(cf.id.slice(12)) }
      : cf && MULTI.includes(cf.type) ? { type: 'array', items: 'option', custom: cf.type, customId: Number(cf.id.slice(12)) }
      : { type: 'string', custom: cf?.type, customId: cf ? Number(cf.id.slice(12)) : undefined };
    return { fieldId: f.fieldId, name: f.name, description: f.description ?? '', required: f.required, defaultValues: [], validValues: options, presetValues: [], jiraSchema, visible: true };
  };

  r.add('GET', '/rest/servicedeskapi/servicedesk', wrap(({ p, query }) => ok(paged('servicedesk', query, visibleDesks(p).map(deskDto)))));
  r.add('GET', '/rest/servicedeskapi/servicedesk/:serviceDeskId', wrap(({ p }, { serviceDeskId }) => ok(deskDto(desk(p, serviceDeskId!)))));
  r.add('GET', '/rest/servicedeskapi/servicedesk/:serviceDeskId/requesttype', wrap(({ p, query }, { serviceDeskId }) => {
    const d = desk(p, serviceDeskId!);
    const q = (query.get('searchQuery') ?? '').toLowerCase();
    return ok(paged(`servicedesk/${d.id}/requesttype`, query, requestTypes(d.id).filter((t) => !q || t.name.toLowerCase().includes(q)).map(typeDto)));
  }));
  r.add('GET', '/rest/servicedeskapi/servicedesk/:serviceDeskId/requesttype/:requestTypeId', wrap(({ p }, { serviceDeskId, requestTypeId }) => ok(typeDto(requestType(desk(p, serviceDeskId!).id, requestTypeId!)))));
  r.add('GET', '/rest/servicedeskapi/servicedesk/:serviceDeskId/requesttype/:requestTypeId/field', wrap(({ p }, { serviceDeskId, requestTypeId }) => {
    const d = desk(p, serviceDeskId!);
    const t = requestType(d.id, requestTypeId!);
    const agent = perms.isAgent(p, d.project);
    return ok({ requestTypeFields: fieldDefs(t).map(fieldDto), canRaiseOnBehalfOf: agent, canAddRequestParticipants: agent });
  }));

  // ------------------------------------------------------------ requests
  const requestTypeOf = (issue: IssueRow): RequestTypeRow | undefined => {
    const row = db.prepare('SELECT t.* FROM sd_requests r JOIN sd_request_types t ON t.id = r.request_type_id WHERE r.issue_id = ?').get(issue.id) as RequestTypeRow | undefined;
    if (row) return row;
    // An issue raised in Jira (not through the portal) shows as the desk's first request type of its issue type.
    const d = desks().find((x) => x.project.id === issue.project_id);
    return d ? requestTypes(d.id).find((t) => t.issue_type_id === issue.issue_type_id) : undefined;
  };
  /** A request the caller may see: an issue of a service desk, visible to them in Jira (customers: their own). */
  const visibleRequest = (p: Principal, ref: string): { issue: IssueRow; d: { id: string; project: ProjectRow } } => {
    const issue = rows.issue(ref);
    const d = issue ? desks().find((x) => x.project.id === issue.project_id) : undefined;
    if (!issue || !d || !perms.canSeeIssue(p, issue, d.project) || !mayUseDesk(p, d.project)) throw notFoundRequest(ref);
    return { issue, d };
  };
  const statusDto = (issue: IssueRow, viewer: UserRow) => {
    const s = rows.status(issue.status_id);
    return { status: s.name, statusCategory: s.category_key.toUpperCase(), statusDate: date(issue.status_category_changed, viewer) };
  };
  const requestDto = (p: Principal, issue: IssueRow, d: { id: string; project: ProjectRow }, expand: string[]): Record<string, unknown> => {
    const viewer = p.user;
    const t = requestTypeOf(issue);
    const defs = t ? fieldDefs(t) : [{ fieldId: 'summary', name: 'Summary', required: true }, { fieldId: 'description', name: 'Description', required: false }];
    const bean = site.issueBean(p, issue, { fields: defs.map((f) => f.fieldId), defaultFields: '' });
    const fields = (bean.fields ?? {}) as Record<string, unknown>;
    const requestFieldValues = defs.map((f) => {
      const v = fields[f.fieldId];
      const value = f.fieldId === 'description' ? (v ? adfToText(v) : null) : v ?? null;
      return { fieldId: f.fieldId, label: f.name, value, ...(f.fieldId === 'description' && typeof value === 'string' ? { renderedValue: { html: `<p>${escapeHtml(value)}</p>` } } : {}) };
    });
    const out: Record<string, unknown> = {
      _expands: ['participant', 'status', 'sla', 'requestType', 'serviceDesk', 'attachment', 'action', 'comment'],
      issueId: String(issue.id), issueKey: issue.key, requestTypeId: t?.id ?? null, serviceDeskId: d.id,
      createdDate: date(issue.created, viewer), reporter: userDto(issue.reporter_id, viewer), requestFieldValues, currentStatus: statusDto(issue, viewer),
      _links: { jiraRest: `${base()}/rest/api/2/issue/${issue.id}`, web: `${base()}/portal/${d.id}/${issue.key}`, self: `${base()}/rest/servicedeskapi/request/${issue.id}`, agent: `${base()}/browse/${issue.key}` },
    };
    if (expand.includes('requestType') && t) out.requestType = typeDto(t);
    if (expand.includes('serviceDesk')) out.serviceDesk = deskDto(d);
    return out;
  };

  r.add('POST', '/rest/servicedeskapi/request', wrap(({ p, body }) => {
    const parsed = z.object({
      serviceDeskId: z.union([z.string(), z.number()]).transform(String), requestTypeId: z.union([z.string(), z.number()]).transform(String),
      requestFieldValues: z.record(z.string(), z.unknown()).default({}), raiseOnBehalfOf: z.string().optional(), requestParticipants: z.array(z.string()).optional(), channel: z.string().optional(),
      isAdfRequest: z.boolean().optional(),
    }).passthrough().safeParse(body ?? {});
    if (!parsed.success) throw new ServiceDeskError(400, `The request is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}.`, 'sd.request.create.error.invalid');
    const { serviceDeskId, requestTypeId, requestFieldValues: values, raiseOnBehalfOf } = parsed.data;
    const d = desk(p, serviceDeskId);
    const t = requestType(d.id, requestTypeId);
    const agent = perms.isAgent(p, d.project);
    let reporter = p.kind === 'user' ? p.user.account_id : undefined;
    if (raiseOnBehalfOf !== undefined && raiseOnBehalfOf !== reporter) {
      if (!agent) throw new ServiceDeskError(403, 'You do not have permission to raise requests on behalf of other customers.', 'sd.request.create.error.onbehalf');
      const other = rows.user(raiseOnBehalfOf);
      if (!other || !isCustomer({ kind: 'user', user: other }, d.project)) throw new ServiceDeskError(400, `The customer '${raiseOnBehalfOf}' is not a customer of this service desk.`, 'sd.request.create.error.onbehalf.customer');
      reporter = other.account_id;
    }
    const defs = fieldDefs(t);
    const missing: string[] = [];
    const unknown = Object.keys(values).filter((k) => !defs.some((f) => f.fieldId === k));
    if (unknown.length) throw new ServiceDeskError(400, `The field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not on the request type '${t.name}'.`, 'sd.request.create.error.field.unknown');
    const fields: Record<string, unknown> = { project: { id: d.project.id }, issuetype: { id: t.issue_type_id } };
    for (const f of defs) {
      const v = values[f.fieldId];
      const empty = v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
      if (empty) { if (f.required) missing.push(f.name); continue; }
      // The portal API takes the description as text (or ADF with isAdfRequest), and option fields as {id} / {value} or a bare value.
      if (f.fieldId === 'description') fields.description = typeof v === 'string' ? textToAdf(v) : v;
      else fields[f.fieldId] = optionInput(f.fieldId, v);
    }
    if (missing.length) throw new ServiceDeskError(400, `${missing.join(', ')}: ${missing.length > 1 ? 'these fields are' : 'this field is'} required.`, 'sd.request.create.error.required');
    if (reporter !== p.user.account_id) fields.reporter = { accountId: reporter };
    // JSM shares the request with the customer's organization on this desk (organizations.ts; the first by name when
    // the customer belongs to several), in its "Organizations" field.
    const orgField = rows.organizationFieldIds()[0];
    const shareWith = reporter ? defaultRequestOrganizations(db, reporter, d.id) : [];
    if (orgField && shareWith.length) fields[orgField] = shareWith.map(Number);
    const created = site.createIssue(p, { fields }, { viaPortal: true });
    db.prepare('INSERT INTO sd_requests(issue_id, request_type_id) VALUES (?, ?)').run(Number(created.id), t.id);
    return ok(requestDto(p, rows.issueById(Number(created.id)), d, []), 201);
  }));
  const optionInput = (fieldId: string, v: unknown): unknown => {
    const cf = rows.customField(fieldId);
    if (!cf) return v;
    const one = (x: unknown): unknown => (typeof x === 'string' ? (rows.fieldOptions(cf.id).some((o) => o.id === x) ? { id: x } : { value: x }) : x);
    if (cf.type === SELECT) return one(v);
    if (MULTI.includes(cf.type)) return (Array.isArray(v) ? v : [v]).map(one);
    return v;
  };

  r.add('GET', '/rest/servicedeskapi/request', wrap(({ p, query }) => {
    const status = (query.get('requestStatus') ?? 'ALL_REQUESTS').toUpperCase();
    const deskRef = query.get('serviceDeskId');
    const typeRef = query.get('requestTypeId');
    const term = (query.get('searchTerm') ?? '').toLowerCase();
    const expand = (query.get('expand') ?? '').split(',').map((s) => s.trim());
    const inDesks = deskRef ? [desk(p, deskRef)] : visibleDesks(p);
    // JSM's requestOwnership (repeated or comma-separated): OWNED_REQUESTS (the default: what the caller raised),
    // ORGANIZATION (shared with `organizationId`, one of the caller's), ALL_ORGANIZATIONS (shared with any of theirs).
    const ownership = query.getAll('requestOwnership').flatMap((v) => v.split(',')).map((v) => v.trim().toUpperCase()).filter(Boolean);
    const mine = rows.organizationIdsOf(p.user.account_id);
    const orgRef = query.get('organizationId');
    if (ownership.includes('ORGANIZATION') && (!orgRef || !mine.includes(orgRef))) throw new ServiceDeskError(400, 'requestOwnership=ORGANIZATION needs organizationId: one of your organizations.', 'sd.request.error.organization');
    const wantOwned = ownership.length === 0 || ownership.includes('OWNED_REQUESTS') || ownership.includes('ALL_REQUESTS');
    const wantOrgs = ownership.includes('ALL_ORGANIZATIONS') ? mine : ownership.includes('ORGANIZATION') && orgRef ? [orgRef] : [];
    const out: Record<string, unknown>[] = [];
    for (const d of inDesks) {
      const issues = (wantOrgs.length === 0
        ? db.prepare('SELECT * FROM issues WHERE project_id = ? AND reporter_id = ? ORDER BY created DESC, id DESC').all(d.project.id, p.user.account_id) as IssueRow[]
        : db.prepare('SELECT * FROM issues WHERE project_id = ? ORDER BY created DESC, id DESC').all(d.project.id) as IssueRow[])
        .filter((i) => (wantOwned && i.reporter_id === p.user.account_id) || (wantOrgs.length > 0 && rows.sharedOrganizationIds(i).some((o) => wantOrgs.includes(o)) && perms.canSeeIssue(p, i, d.project)));
      for (const issue of issues) {
        const done = rows.status(issue.status_id).category_key === 'done';
        if ((status === 'OPEN_REQUESTS' && done) || (status === 'CLOSED_REQUESTS' && !done)) continue;
        if (typeRef && requestTypeOf(issue)?.id !== typeRef) continue;
        if (term && !issue.summary.toLowerCase().includes(term) && !issue.key.toLowerCase().includes(term)) continue;
        out.push(requestDto(p, issue, d, expand));
      }
    }
    return ok(paged('request', query, out));
  }));
  r.add('GET', '/rest/servicedeskapi/request/:issueIdOrKey', wrap(({ p, query }, { issueIdOrKey }) => {
    const { issue, d } = visibleRequest(p, issueIdOrKey!);
    return ok(requestDto(p, issue, d, (query.get('expand') ?? '').split(',').map((s) => s.trim())));
  }));
  r.add('GET', '/rest/servicedeskapi/request/:issueIdOrKey/status', wrap(({ p, query }, { issueIdOrKey }) => {
    const { issue } = visibleRequest(p, issueIdOrKey!);
    // Most recent first, as JSM lists a request's status history.
    const history: { status: string; at: number }[] = [];
    const changes = rows.changelog(issue.id).flatMap((c) => (JSON.parse(c.items) as { field: string; fromString: string | null; toString: string | null }[]).filter((i) => i.field === 'status').map((i) => ({ ...i, at: c.created })));
    history.push({ status: changes[0]?.fromString ?? rows.status(issue.status_id).name, at: issue.created });
    for (const c of changes) if (c.toString) history.push({ status: c.toString, at: c.at });
    const values = history.reverse().map((h) => {
      const s = rows.statusByName(h.status);
      return { status: h.status, statusCategory: (s?.category_key ?? 'indeterminate').toUpperCase(), statusDate: date(h.at, p.user) };
    });
    return ok(paged(`request/${issue.key}/status`, query, values));
  }));
  const commentDto = (c: { id: number; issue_id: number; author_id: string; body: string; is_public: number; created: number }, viewer: UserRow) => ({
    id: String(c.id), body: adfToText(JSON.parse(c.body)), public: c.is_public === 1, author: userDto(c.author_id, viewer), created: date(c.created, viewer),
    _links: { self: `${base()}/rest/servicedeskapi/request/${c.issue_id}/comment/${c.id}` },
  });
  r.add('GET', '/rest/servicedeskapi/request/:issueIdOrKey/comment', wrap(({ p, query }, { issueIdOrKey }) => {
    const { issue, d } = visibleRequest(p, issueIdOrKey!);
    const wantPublic = query.get('public') !== 'false';
    const wantInternal = query.get('internal') !== 'false';
    // Customers see public comments only (visibleComments applies JSM's rule); agents may filter either way.
    const comments = site.visibleComments(p, issue, d.project).filter((c) => (c.is_public === 1 ? wantPublic : wantInternal));
    return ok(paged(`request/${issue.key}/comment`, query, comments.map((c) => commentDto(c, p.user))));
  }));
  r.add('POST', '/rest/servicedeskapi/request/:issueIdOrKey/comment', wrap(({ p, body }, { issueIdOrKey }) => {
    const { issue, d } = visibleRequest(p, issueIdOrKey!);
    const parsed = z.object({ body: z.string(), public: z.boolean().default(true) }).passthrough().safeParse(body ?? {});
    if (!parsed.success || parsed.data.body.trim() === '') throw new ServiceDeskError(400, 'The comment body cannot be empty.', 'sd.comment.error.empty');
    if (!parsed.data.public && !perms.isAgent(p, d.project)) throw new ServiceDeskError(403, 'Only agents can add internal comments.', 'sd.comment.error.internal');
    const bean = site.addComment(p, issue.key, { body: textToAdf(parsed.data.body), ...(parsed.data.public ? {} : { properties: [{ key: 'sd.public.comment', value: { internal: true } }] }) });
    const row = rows.comment(Number(bean.id))!;
    return ok(commentDto(row, p.user), 201);
  }));

  approvalRoutes(site, r, { wrap, paged, date, userDto, visibleRequest });
  organizationRoutes(site, r, { wrap, paged, userDto, desk, deskProjects: () => desks().map((x) => x.project) });
  // JSM's satisfaction feedback of a request (issue #14): sandbox/jira/request-feedback.ts.
  requestFeedbackRoutes(site, r, { wrap, visibleRequest, fail: (status, message, key) => new ServiceDeskError(status, message, key) });
}

/**
 * The approval API of JSM (`/rest/servicedeskapi/request/{issueIdOrKey}/approval`): list (paged), one, answer.
 * Approvals open as the request enters a status configured for approval (each entry its own approval, read from
 * the history); a pending approval's approvers are the approvers field's current people, frozen when it completes.
 */
function approvalRoutes(site: JiraSite, r: Router<RestCtx>, h: {
  wrap: (fn: (ctx: RestCtx, params: Record<string, string | undefined>) => Reply | Promise<Reply>) => (ctx: RestCtx, params: Record<string, string | undefined>) => Promise<Reply>;
  paged: <T>(path: string, q: URLSearchParams, all: T[]) => Record<string, unknown>;
  date: (ms: number, viewer: UserRow) => Record<string, unknown>;
  userDto: (accountId: string | null, viewer: UserRow) => Record<string, unknown> | null;
  visibleRequest: (p: Principal, ref: string) => { issue: IssueRow; d: { id: string; project: ProjectRow } };
}): void {
  const { rows, db } = site;
  const configs = (issue: IssueRow): ApprovalConfigRow[] => db.prepare('SELECT * FROM sd_approval_configs WHERE project_id = ? AND issue_type_id = ?').all(issue.project_id, issue.issue_type_id) as ApprovalConfigRow[];
  const approversOf = (issue: IssueRow, c: ApprovalConfigRow): string[] => {
    const v = (JSON.parse(issue.custom) as Record<string, unknown>)[c.approvers_field_id];
    return typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  };
  /** When the issue entered each status: its creation (initial status), then every status change of its history. */
  const entries = (issue: IssueRow): { statusId: string; at: number }[] => {
    const changes = rows.changelog(issue.id).flatMap((c) => (JSON.parse(c.items) as ChangeItem[]).filter((i) => i.field === 'status').map((i) => ({ from: i.from, to: i.to, at: c.created })));
    const out = [{ statusId: changes[0]?.from ?? issue.status_id, at: issue.created }];
    for (const c of changes) if (c.to) out.push({ statusId: c.to, at: c.at });
    return out;
  };
  /** Opens the approvals the history calls for (idempotent) and answers the issue's approvals, oldest first. */
  const sync = (issue: IssueRow): { rows: ApprovalRow[]; configs: ApprovalConfigRow[] } => {
    const cs = configs(issue);
    if (cs.length) {
      const ins = db.prepare('INSERT OR IGNORE INTO sd_approvals(issue_id, status_id, entered_at, name) VALUES (?, ?, ?, ?)');
      for (const e of entries(issue)) { const c = cs.find((x) => x.status_id === e.statusId); if (c) ins.run(issue.id, c.status_id, e.at, c.name); }
    }
    return { rows: db.prepare('SELECT * FROM sd_approvals WHERE issue_id = ? ORDER BY entered_at, id').all(issue.id) as ApprovalRow[], configs: cs };
  };
  /** The approval can still be answered: pending, and the request is still in the status of this very entry. */
  const open = (issue: IssueRow, a: ApprovalRow): boolean => {
    if (a.final_decision !== 'pending' || issue.status_id !== a.status_id) return false;
    const last = entries(issue).at(-1);
    return last?.statusId === a.status_id && last.at === a.entered_at;
  };
  const approverIds = (issue: IssueRow, a: ApprovalRow, cs: ApprovalConfigRow[]): string[] => {
    if (a.approvers !== null) return JSON.parse(a.approvers) as string[];
    const c = cs.find((x) => x.status_id === a.status_id);
    return c ? approversOf(issue, c) : [];
  };
  const dto = (p: Principal, issue: IssueRow, a: ApprovalRow, cs: ApprovalConfigRow[]): Record<string, unknown> => {
    const decisions = JSON.parse(a.decisions) as Record<string, 'approved' | 'declined'>;
    const ids = approverIds(issue, a, cs);
    const me = p.kind === 'user' ? p.user.account_id : null;
    return {
      id: String(a.id), name: a.name, finalDecision: a.final_decision,
      canAnswerApproval: me !== null && ids.includes(me) && decisions[me] === undefined && open(issue, a),
      approvers: ids.map((accountId) => ({ approver: h.userDto(accountId, p.user), approverDecision: decisions[accountId] ?? 'pending' })).filter((x) => x.approver !== null),
      createdDate: h.date(a.entered_at, p.user),
      ...(a.completed !== null ? { completedDate: h.date(a.completed, p.user) } : {}),
      _links: { self: `${site.base}/rest/servicedeskapi/request/${issue.id}/approval/${a.id}` },
    };
  };
  /** Approvers see the request they are asked to approve, as JSM lets them (customers included). */
  const request = (p: Principal, ref: string): IssueRow => {
    try { return h.visibleRequest(p, ref).issue; } catch (e) {
      const issue = rows.issue(ref);
      if (!issue || p.kind !== 'user' || !desksHave(issue)) throw e;
      const { rows: list, configs: cs } = sync(issue);
      if (!list.some((a) => approverIds(issue, a, cs).includes(p.user.account_id))) throw e;
      return issue;
    }
  };
  const desksHave = (issue: IssueRow): boolean => db.prepare('SELECT 1 FROM sd_service_desks WHERE project_id = ?').get(issue.project_id) !== undefined;
  const approval = (issue: IssueRow, id: string | undefined): { a: ApprovalRow; cs: ApprovalConfigRow[] } => {
    const { rows: list, configs: cs } = sync(issue);
    const a = list.find((x) => String(x.id) === id);
    if (!a) throw new ServiceDeskError(404, `The approval '${id ?? ''}' does not exist on the request ${issue.key}.`, 'sd.approval.error.not.found');
    return { a, cs };
  };

  r.add('GET', '/rest/servicedeskapi/request/:issueIdOrKey/approval', h.wrap(({ p, query }, { issueIdOrKey }) => {
    const issue = request(p, issueIdOrKey!);
    const { rows: list, configs: cs } = db.transaction(() => sync(issue))();
    return ok(h.paged(`request/${issue.key}/approval`, query, list.map((a) => dto(p, issue, a, cs))));
  }));
  r.add('GET', '/rest/servicedeskapi/request/:issueIdOrKey/approval/:approvalId', h.wrap(({ p }, { issueIdOrKey, approvalId }) => {
    const issue = request(p, issueIdOrKey!);
    const { a, cs } = approval(issue, approvalId);
    return ok(dto(p, issue, a, cs));
  }));
  r.add('POST', '/rest/servicedeskapi/request/:issueIdOrKey/approval/:approvalId', h.wrap(async ({ p, body }, { issueIdOrKey, approvalId }) => {
    const issue = request(p, issueIdOrKey!);
    const parsed = z.object({ decision: z.enum(['approve', 'decline']) }).passthrough().safeParse(body ?? {});
    if (!parsed.success) throw new ServiceDeskError(400, "The decision must be 'approve' or 'decline'.", 'sd.approval.error.invalid.decision');
    const { a, cs } = approval(issue, approvalId);
    const me = p.kind === 'user' ? p.user.account_id : null;
    if (me === null || !approverIds(issue, a, cs).includes(me)) throw new ServiceDeskError(403, 'You are not an approver of this approval.', 'sd.approval.error.not.approver');
    const decisions = JSON.parse(a.decisions) as Record<string, string>;
    if (decisions[me] !== undefined || a.final_decision !== 'pending') throw new ServiceDeskError(400, 'This approval has already been answered.', 'sd.approval.error.already.answered');
    if (!open(issue, a)) throw new ServiceDeskError(400, `The request ${issue.key} is no longer in the status this approval was for.`, 'sd.approval.error.status.changed');
    const c = cs.find((x) => x.status_id === a.status_id)!;
    const decision = parsed.data.decision === 'approve' ? 'approved' : 'declined';
    const name = decision === 'approved' ? c.approve_transition : c.decline_transition;
    const t = site.availableTransitions(issue, rows.projectById(issue.project_id)).find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!t) throw new ServiceDeskError(400, `The workflow has no transition "${name}" from the request's status.`, 'sd.approval.error.transition');
    const approvers = approverIds(issue, a, cs);
    // The approver's decision is recorded first (the validators, reading the approval, see who answered while its
    // final decision is still pending), then the transition runs as the approver: a validator's refusal answers 400
    // with its message, the decision is taken back and the approval stays pending.
    db.prepare('UPDATE sd_approvals SET decisions = ? WHERE id = ?').run(JSON.stringify({ ...decisions, [me]: decision }), a.id);
    try {
      await site.doTransition(p, issue.key, { transition: { id: t.id } }, { byApproval: true });
    } catch (e) {
      db.prepare('UPDATE sd_approvals SET decisions = ? WHERE id = ?').run(a.decisions, a.id);
      throw e;
    }
    db.prepare('UPDATE sd_approvals SET final_decision = ?, completed = ?, approvers = ? WHERE id = ?').run(decision, site.now(), JSON.stringify(approvers), a.id);
    const done = db.prepare('SELECT * FROM sd_approvals WHERE id = ?').get(a.id) as ApprovalRow;
    return ok(dto(p, rows.issueById(issue.id), done, cs));
  }));
}

/** JSM's text form of a document: blocks (paragraphs, list items, headings) separated by a blank line. */
function adfToText(node: unknown): string {
  if (!node || typeof node !== 'object') return '';
  const n = node as { type?: string; text?: string; content?: unknown[] };
  if (n.type === 'text') return n.text ?? '';
  if (n.type === 'hardBreak') return '\n';
  const parts = (n.content ?? []).map(adfToText);
  const block = (n.content ?? []).some((c) => typeof c === 'object' && c !== null && !['text', 'hardBreak', 'mention', 'emoji', 'inlineCard'].includes((c as { type?: string }).type ?? ''));
  return block ? parts.filter((x) => x !== '').join('\n\n') : parts.join('');
}

function textToAdf(text: string): Record<string, unknown> {
  const paragraphs = text.split(/\n{2,}/).map((para) => ({
    type: 'paragraph',
    content: para.split('\n').flatMap((line, i) => [...(i > 0 ? [{ type: 'hardBreak' }] : []), ...(line ? [{ type: 'text', text: line }] : [])]),
  }));
  return { type: 'doc', version: 1, content: paragraphs };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * What JSM gives a `jiraServiceManagement:portalRequestDetail` module as `context.extension`: the request (issue key
 * and request type id) and the portal. Jira sets it, not the browser: the sandbox derives it from the request key
 * and answers undefined when the user may not see that request on the portal.
 */
export function portalRequestExtension(site: JiraSite, p: Principal, key: string): Record<string, unknown> | undefined {
  ensureServiceDeskSchema(site.db);
  const issue = site.rows.issue(key);
  if (!issue) return undefined;
  const desk = site.db.prepare('SELECT id FROM sd_service_desks WHERE project_id = ?').get(issue.project_id) as { id: string } | undefined;
  if (!desk || !site.perms.canSeeIssue(p, issue)) return undefined;
  const type = (site.db.prepare('SELECT request_type_id AS id FROM sd_requests WHERE issue_id = ?').get(issue.id) as { id: string } | undefined)
    ?? (site.db.prepare('SELECT id FROM sd_request_types WHERE service_desk_id = ? AND issue_type_id = ? ORDER BY position').get(desk.id, issue.issue_type_id) as { id: string } | undefined);
  return { request: { key: issue.key, typeId: type?.id ?? '' }, portal: { id: desk.id } };
}
