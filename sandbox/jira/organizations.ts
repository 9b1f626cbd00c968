import type { Database as Db } from 'better-sqlite3';
import { z } from 'zod';
import { noContent, ok, type Reply, type Router } from '../http';
import { nextId } from '../store/db';
import { jiraDateTime } from './format';
import type { Principal } from './principal';
import type { ProjectRow, Rows, UserRow } from './rows';
import type { RestCtx } from './routes';
import type { JiraSite } from './site';

/**
 * JSM customer organizations (`/rest/servicedeskapi/organization`, `/servicedesk/{id}/organization`) and the
 * "Organizations" request field, with JSM Cloud's shapes, status codes and permissions, so jira.js's
 * ServiceDeskClient (getOrganizations, createOrganization, getOrganization, deleteOrganization,
 * getUsersInOrganization, addUsersToOrganization, removeUsersFromOrganization, getServiceDeskOrganizations,
 * addOrganization, removeOrganization) works unchanged.
 *
 * - Listing: anyone; agents (and the app) see every organization, customers only those they belong to. Filtering by
 *   `accountId` needs an agent (JSM: "a Service Desk agent license"), else 403.
 * - Creating, and adding/removing members: agents (JSM's default "Organization management" setting). Creating a name
 *   that exists (case-insensitive) answers the existing organization, as the reference says.
 * - Deleting: Jira administrators only; the organization disappears from every desk and request.
 * - A desk's organizations: that desk's agents.
 * Storage: `sd_organizations`, `sd_organization_members`, `sd_service_desk_organizations` (sandbox/store/db.ts).
 *
 * The request field (type `com.atlassian.servicedesk:sd-customer-organizations`, named "Organizations", as on every
 * JSM site) stores organization ids; issue beans render it as JSM does: an array of organization objects
 * `{ id, name, scimManaged, created, _links }`, `[]` when the request is shared with nobody. Input (create, edit) is an
 * array of organization ids (numbers, numeric strings or `{ id }`). A customer's new portal request is shared with
 * the customer's organization on that desk (see `defaultRequestOrganizations`).
 */

export const ORGANIZATIONS_FIELD_TYPE = 'com.atlassian.servicedesk:sd-customer-organizations';
/** JSM's searcher for the field (Jira's GET /field answers it as the field's searcher key). */
export const ORGANIZATIONS_SEARCHER = 'com.atlassian.servicedesk:sd-customer-organizations-searcher';

export interface OrganizationRow { id: number; name: string; created: number }

const MAX_NAME = 200;

/** JSM's error body (`errorMessage`, `i18nErrorMessage`). */
export class OrganizationError extends Error {
  constructor(readonly status: number, message: string, readonly i18nKey: string) { super(message); }
  reply(): Reply { return { status: this.status, body: { errorMessage: this.message, i18nErrorMessage: { i18nKey: this.i18nKey, parameters: [] } } }; }
}

// ---------------------------------------------------------------------------------------------- store (seeds use it)

export function organizationById(db: Db, id: number | string): OrganizationRow | undefined {
  if (!/^\d+$/.test(String(id))) return undefined;
  return db.prepare('SELECT * FROM sd_organizations WHERE id = ?').get(Number(id)) as OrganizationRow | undefined;
}

export function allOrganizations(db: Db): OrganizationRow[] {
  return db.prepare('SELECT * FROM sd_organizations ORDER BY id').all() as OrganizationRow[];
}

/** The organizations an account belongs to, by name (JSM's order for the portal's "Share with" list). */
export function organizationsOfAccount(db: Db, accountId: string): OrganizationRow[] {
  return db.prepare('SELECT o.* FROM sd_organizations o JOIN sd_organization_members m ON m.organization_id = o.id WHERE m.account_id = ? ORDER BY lower(o.name), o.id').all(accountId) as OrganizationRow[];
}

export function organizationsOfDesk(db: Db, serviceDeskId: string): OrganizationRow[] {
  return db.prepare('SELECT o.* FROM sd_organizations o JOIN sd_service_desk_organizations d ON d.organization_id = o.id WHERE d.service_desk_id = ? ORDER BY o.id').all(serviceDeskId) as OrganizationRow[];
}

export function createOrganization(db: Db, name: string, now: number): OrganizationRow {
  const existing = db.prepare('SELECT * FROM sd_organizations WHERE lower(name) = lower(?)').get(name) as OrganizationRow | undefined;
  if (existing) return existing;
  const id = nextId(db, 'sd-organization', 1);
  db.prepare('INSERT INTO sd_organizations(id, name, created) VALUES (?, ?, ?)').run(id, name, now);
  return organizationById(db, id)!;
}

export function addOrganizationMembers(db: Db, organizationId: number, accountIds: string[]): void {
  const ins = db.prepare('INSERT OR IGNORE INTO sd_organization_members(organization_id, account_id) VALUES (?, ?)');
  for (const a of accountIds) ins.run(organizationId, a);
}

export function addOrganizationToDesk(db: Db, serviceDeskId: string, organizationId: number): void {
  db.prepare('INSERT OR IGNORE INTO sd_service_desk_organizations(service_desk_id, organization_id) VALUES (?, ?)').run(serviceDeskId, organizationId);
}

/**
 * Seeds JSM's "Organizations" field (the one a JSM site has; `id` as the seed numbers it). Answers its id.
 */
export function seedOrganizationsField(db: Db, id: string): string {
  db.prepare('INSERT INTO custom_fields(id, name, description, type, searcher_key) VALUES (?, ?, ?, ?, ?)')
    .run(id, 'Organizations', 'Organizations the request is shared with (Jira Service Management).', ORGANIZATIONS_FIELD_TYPE, ORGANIZATIONS_SEARCHER);
  return id;
}

/**
 * Who a new portal request is shared with, when the request does not say: JSM shares a customer's request with their
 * organization when they belong to one organization of the desk; the sandbox keeps it simple and, when they belong to
 * several, picks the first by name. None when the customer belongs to no organization of the desk.
 */
export function defaultRequestOrganizations(db: Db, accountId: string, serviceDeskId: string): string[] {
  const onDesk = new Set(organizationsOfDesk(db, serviceDeskId).map((o) => o.id));
  const first = organizationsOfAccount(db, accountId).find((o) => onDesk.has(o.id));
  return first ? [String(first.id)] : [];
}

// ---------------------------------------------------------------------------------------------- DTOs

function friendly(ms: number, viewer: UserRow): string {
  return new Intl.DateTimeFormat(viewer.locale.replace('_', '-'), { dateStyle: 'medium', timeStyle: 'short', timeZone: viewer.time_zone }).format(ms);
}

/** JSM's OrganizationDTO (also each element of the "Organizations" field in an issue's `fields`). */
export function organizationDto(base: string, o: OrganizationRow, viewer: UserRow): Record<string, unknown> {
  return {
    id: String(o.id), name: o.name, scimManaged: false,
    created: { iso8601: jiraDateTime(o.created), jira: jiraDateTime(o.created), friendly: friendly(o.created, viewer), epochMillis: o.created },
    _links: { self: `${base}/rest/servicedeskapi/organization/${o.id}` },
  };
}

/** The field's value in an issue bean: the organizations still existing, in the stored order; `[]` when none. */
export function renderOrganizationsValue(db: Db, base: string, value: unknown, viewer: UserRow): Record<string, unknown>[] {
  const ids = Array.isArray(value) ? value.map(String) : [];
  return ids.map((id) => organizationById(db, id)).filter((o): o is OrganizationRow => o !== undefined).map((o) => organizationDto(base, o, viewer));
}

/** Reads the field's REST input: ids as numbers, numeric strings or `{ id }`; every one must exist. */
export function readOrganizationsInput(db: Db, raw: unknown): { value: string[] } | { error: string } {
  if (!Array.isArray(raw)) return { error: 'Specify the organizations as a list of organization ids, e.g. [1, 2].' };
  const ids: string[] = [];
  for (const v of raw) {
    const ref = z.union([z.number().int(), z.string().regex(/^\d+$/), z.object({ id: z.union([z.number().int(), z.string().regex(/^\d+$/)]) }).passthrough()]).safeParse(v);
    if (!ref.success) return { error: `'${JSON.stringify(v)}' is not an organization id.` };
    const id = String(typeof ref.data === 'object' ? ref.data.id : ref.data);
    if (!organizationById(db, id)) return { error: `The organization with id ${id} does not exist.` };
    if (!ids.includes(id)) ids.push(id);
  }
  return { value: ids };
}

/** Changelog text of the field: the organizations' names. */
export function organizationsString(db: Db, value: unknown): string | null {
  if (!Array.isArray(value)) return null;
  return value.map((id) => organizationById(db, String(id))?.name ?? String(id)).join(', ');
}

// ---------------------------------------------------------------------------------------------- REST

export interface OrganizationRouteHelpers {
  wrap: (fn: (ctx: RestCtx, params: Record<string, string | undefined>) => Reply | Promise<Reply>) => (ctx: RestCtx, params: Record<string, string | undefined>) => Promise<Reply>;
  paged: <T>(path: string, q: URLSearchParams, all: T[]) => Record<string, unknown>;
  userDto: (accountId: string | null, viewer: UserRow) => Record<string, unknown> | null;
  /** A desk the caller may use (agents and its customers), else JSM's 404. */
  desk: (p: Principal, ref: string) => { id: string; project: ProjectRow };
  /** Projects of every service desk. */
  deskProjects: () => ProjectRow[];
}

export function organizationRoutes(site: JiraSite, r: Router<RestCtx>, h: OrganizationRouteHelpers): void {
  const { db, perms } = site;
  const rows: Rows = site.rows;
  const base = (): string => site.base;
  /** An agent of any service desk (JSM's "agent license"), a Jira administrator, or the app. */
  const isAgent = (p: Principal): boolean => p.kind === 'app' || perms.canAdminister(p) || h.deskProjects().some((project) => perms.isAgent(p, project));
  const forbidden = (what: string) => new OrganizationError(403, `You do not have permission to ${what}.`, 'sd.organization.error.permission');
  const notFound = (id: string) => new OrganizationError(404, `The organization with id ${id} does not exist or you do not have permission to see it.`, 'sd.organization.error.not.found');
  const wrap = (fn: (ctx: RestCtx, params: Record<string, string | undefined>) => Reply | Promise<Reply>) => h.wrap(async (ctx, params) => {
    try { return await fn(ctx, params); } catch (e) { if (e instanceof OrganizationError) return e.reply(); throw e; }
  });
  /** An organization the caller may see: agents any, customers only their own (else 404, as for a missing one). */
  const visible = (p: Principal, ref: string | undefined): OrganizationRow => {
    const o = organizationById(db, ref ?? '');
    if (!o) throw notFound(ref ?? '');
    if (!isAgent(p) && !rows.organizationIdsOf(p.user.account_id).includes(String(o.id))) throw notFound(ref ?? '');
    return o;
  };
  const accountIdsBody = (body: unknown): string[] => {
    const parsed = z.object({ accountIds: z.array(z.string()).default([]), usernames: z.array(z.string()).optional() }).passthrough().safeParse(body ?? {});
    if (!parsed.success) throw new OrganizationError(400, "The body must hold 'accountIds': a list of account ids.", 'sd.organization.error.invalid.users');
    const unknown = parsed.data.accountIds.filter((a) => { const u = rows.user(a); return !u || u.account_type === 'app'; });
    if (unknown.length) throw new OrganizationError(400, `These account ids are not users of this site: ${unknown.join(', ')}.`, 'sd.organization.error.invalid.users');
    return [...new Set(parsed.data.accountIds)];
  };
  const organizationIdBody = (body: unknown): OrganizationRow => {
    const parsed = z.object({ organizationId: z.union([z.number().int(), z.string().regex(/^\d+$/)]) }).passthrough().safeParse(body ?? {});
    if (!parsed.success) throw new OrganizationError(400, "The body must hold 'organizationId': the id of an organization.", 'sd.organization.error.invalid.id');
    const o = organizationById(db, parsed.data.organizationId);
    if (!o) throw notFound(String(parsed.data.organizationId));
    return o;
  };
  const deskOfAgent = (p: Principal, ref: string) => {
    const d = h.desk(p, ref);
    if (!perms.isAgent(p, d.project)) throw forbidden("manage this service desk's organizations");
    return d;
  };
  const dto = (p: Principal, o: OrganizationRow) => organizationDto(base(), o, p.user);

  r.add('GET', '/rest/servicedeskapi/organization', wrap(({ p, query }) => {
    const accountId = query.get('accountId');
    if (accountId !== null && accountId !== '' && !isAgent(p)) throw forbidden('list the organizations of an account; only agents may');
    let list = isAgent(p) ? allOrganizations(db) : organizationsOfAccount(db, p.user.account_id).sort((a, b) => a.id - b.id);
    if (accountId) { const mine = new Set(rows.organizationIdsOf(accountId)); list = list.filter((o) => mine.has(String(o.id))); }
    return ok(h.paged('organization', query, list.map((o) => dto(p, o))));
  }));
  r.add('POST', '/rest/servicedeskapi/organization', wrap(({ p, body }) => {
    if (!isAgent(p)) throw forbidden('create organizations');
    const parsed = z.object({ name: z.string() }).passthrough().safeParse(body ?? {});
    const name = parsed.success ? parsed.data.name.trim() : '';
    if (name === '' || name.length > MAX_NAME) throw new OrganizationError(400, `The organization name must hold 1 to ${MAX_NAME} characters.`, 'sd.organization.error.name.invalid');
    const o = db.transaction(() => createOrganization(db, name, site.now()))();
    return ok(dto(p, o), 201);
  }));
  r.add('GET', '/rest/servicedeskapi/organization/:organizationId', wrap(({ p }, { organizationId }) => ok(dto(p, visible(p, organizationId)))));
  r.add('DELETE', '/rest/servicedeskapi/organization/:organizationId', wrap(({ p }, { organizationId }) => {
    if (!perms.canAdminister(p)) throw forbidden('delete organizations; only Jira administrators may');
    const o = organizationById(db, organizationId ?? '');
    if (!o) throw notFound(organizationId ?? '');
    db.transaction(() => {
      db.prepare('DELETE FROM sd_organization_members WHERE organization_id = ?').run(o.id);
      db.prepare('DELETE FROM sd_service_desk_organizations WHERE organization_id = ?').run(o.id);
      db.prepare('DELETE FROM sd_organizations WHERE id = ?').run(o.id);
    })();
    return noContent();
  }));
  r.add('GET', '/rest/servicedeskapi/organization/:organizationId/user', wrap(({ p, query }, { organizationId }) => {
    if (!isAgent(p)) throw forbidden("list an organization's users");
    const o = visible(p, organizationId);
    const members = (db.prepare('SELECT account_id FROM sd_organization_members WHERE organization_id = ? ORDER BY account_id').all(o.id) as { account_id: string }[]);
    return ok(h.paged(`organization/${o.id}/user`, query, members.map((m) => h.userDto(m.account_id, p.user)).filter((u) => u !== null)));
  }));
  r.add('POST', '/rest/servicedeskapi/organization/:organizationId/user', wrap(({ p, body }, { organizationId }) => {
    if (!isAgent(p)) throw forbidden('add users to organizations');
    const o = visible(p, organizationId);
    const ids = accountIdsBody(body);
    db.transaction(() => addOrganizationMembers(db, o.id, ids))();
    return noContent();
  }));
  r.add('DELETE', '/rest/servicedeskapi/organization/:organizationId/user', wrap(({ p, body }, { organizationId }) => {
    if (!isAgent(p)) throw forbidden('remove users from organizations');
    const o = visible(p, organizationId);
    const ids = accountIdsBody(body);
    const del = db.prepare('DELETE FROM sd_organization_members WHERE organization_id = ? AND account_id = ?');
    db.transaction(() => { for (const a of ids) del.run(o.id, a); })();
    return noContent();
  }));
  r.add('GET', '/rest/servicedeskapi/servicedesk/:serviceDeskId/organization', wrap(({ p, query }, { serviceDeskId }) => {
    const d = deskOfAgent(p, serviceDeskId!);
    const accountId = query.get('accountId');
    let list = organizationsOfDesk(db, d.id);
    if (accountId) { const mine = new Set(rows.organizationIdsOf(accountId)); list = list.filter((o) => mine.has(String(o.id))); }
    return ok(h.paged(`servicedesk/${d.id}/organization`, query, list.map((o) => dto(p, o))));
  }));
  r.add('POST', '/rest/servicedeskapi/servicedesk/:serviceDeskId/organization', wrap(({ p, body }, { serviceDeskId }) => {
    const d = deskOfAgent(p, serviceDeskId!);
    const o = organizationIdBody(body);
    addOrganizationToDesk(db, d.id, o.id);
    return noContent();
  }));
  r.add('DELETE', '/rest/servicedeskapi/servicedesk/:serviceDeskId/organization', wrap(({ p, body }, { serviceDeskId }) => {
    const d = deskOfAgent(p, serviceDeskId!);
    const parsed = z.object({ organizationId: z.union([z.number().int(), z.string().regex(/^\d+$/)]) }).passthrough().safeParse(body ?? {});
    if (!parsed.success) throw new OrganizationError(400, "The body must hold 'organizationId': the id of an organization.", 'sd.organization.error.invalid.id');
    // JSM: an organization not on the desk (or none at all) changes nothing and still answers 204.
    db.prepare('DELETE FROM sd_service_desk_organizations WHERE service_desk_id = ? AND organization_id = ?').run(d.id, Number(parsed.data.organizationId));
    return noContent();
  }));
}
