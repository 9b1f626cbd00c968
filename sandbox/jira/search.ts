import { createHash } from 'node:crypto';
import { z } from 'zod';
import { jiraError } from '../http';
import { compileJql, type JqlAlias, type JqlIssue } from './jql';
import type { Principal } from './principal';
import type { IssueRow } from './rows';
import type { JiraSite } from './site';
import { allOrganizations } from './organizations';

export interface SearchParams { jql: string; nextPageToken?: string; maxResults?: number; fields?: string[]; expand?: string[]; properties?: string[]; fieldsByKeys?: boolean; reconcileIssues?: number[] }

export const searchBodySchema = z.object({
  jql: z.string().optional(),
  nextPageToken: z.string().nullable().optional(),
  maxResults: z.number().int().optional(),
  fields: z.array(z.string()).optional(),
  expand: z.union([z.string(), z.array(z.string())]).optional(),
  properties: z.array(z.string()).max(5).optional(),
  fieldsByKeys: z.boolean().optional(),
  failFast: z.boolean().optional(),
  reconcileIssues: z.array(z.number()).max(50).optional(),
}).strict();

/** The enhanced search (`/rest/api/3/search/jql`): token paging, no `total`, `fields` defaulting to `id`. */
export class Search {
  constructor(private readonly site: JiraSite, private readonly aliases: Record<string, JqlAlias>) {}

  run(p: Principal, params: SearchParams): Record<string, unknown> {
    const { rows, perms } = this.site;
    const visibleProjects = rows.projects().filter((pr) => perms.canBrowseProject(p, pr));
    const compiled = compileJql(params.jql, {
      now: this.site.now(),
      timeZone: p.user.time_zone,
      currentAccountId: p.kind === 'user' ? p.user.account_id : null,
      aliases: this.aliases,
      catalog: {
        projects: visibleProjects.map((x) => ({ id: x.id, key: x.key, name: x.name })),
        issueTypes: rows.issueTypes().map((t) => ({ id: t.id, name: t.name })),
        statuses: rows.statuses().map((s) => ({ id: s.id, name: s.name })),
        priorities: rows.priorities().map((x) => ({ id: x.id, name: x.name })),
        users: rows.users().map((u) => ({ accountId: u.account_id, displayName: u.display_name, ...(u.email ? { emailAddress: u.email } : {}) })),
        customFields: rows.customFields().map((f) => ({ id: f.id, name: f.name, type: f.type })),
        // JSM customer organizations for `Organizations = …`: agents (and the app) name any, customers their own.
        organizations: allOrganizations(this.site.db)
          .filter((o) => p.kind === 'app' || rows.projects().some((pr) => perms.isAgent(p, pr)) || rows.organizationIdsOf(p.user.account_id).includes(String(o.id)))
          .map((o) => ({ id: String(o.id), name: o.name })),
      },
    });
    if (!compiled.ok) throw jiraError(400, compiled.errorMessages);
    if (!compiled.isBounded) throw jiraError(400, 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');

    const fieldsRequested = (params.fields ?? []).filter((f) => f !== 'id' && f !== 'key');
    const cap = fieldsRequested.length ? 100 : 5000;
    const maxResults = Math.max(1, Math.min(params.maxResults ?? 50, cap));
    const queryHash = createHash('sha1').update(params.jql).digest('hex').slice(0, 12);
    let offset = 0;
    if (params.nextPageToken) {
      const decoded = decodeToken(params.nextPageToken);
      if (!decoded || decoded.q !== queryHash) throw jiraError(400, 'The provided next page token is invalid or expired.');
      offset = decoded.o;
    }

    const matches: JqlIssue[] = [];
    const visible = this.visibleIssues(p);
    const toDoc = this.jqlView(visible);
    for (const issue of visible) {
      const doc = toDoc(issue);
      if (compiled.filter(doc)) matches.push(doc);
    }
    matches.sort(compiled.compare);
    const page = matches.slice(offset, offset + maxResults);
    const isLast = offset + page.length >= matches.length;
    const issues = page.map((doc) => this.site.issueBean(p, rows.issueById(Number(doc.id)), { fields: params.fields, expand: params.expand, properties: params.properties, defaultFields: 'id' }));
    // Jira answers expand=names once per page (`names` beside `issues`), not in every issue.
    let names: Record<string, string> | undefined;
    if (params.expand?.includes('names')) {
      names = {};
      for (const bean of issues) { Object.assign(names, bean.names as Record<string, string> | undefined); delete bean.names; }
    }
    return { issues, ...(names ? { names } : {}), ...(isLast ? {} : { nextPageToken: encodeToken({ o: offset + page.length, q: queryHash }) }), isLast };
  }

  private visibleIssues(p: Principal): IssueRow[] {
    const { rows, perms, db } = this.site;
    const out: IssueRow[] = [];
    for (const project of rows.projects()) {
      if (!perms.canBrowseProject(p, project)) continue;
      const all = db.prepare('SELECT * FROM issues WHERE project_id = ?').all(project.id) as IssueRow[];
      const agent = perms.isAgent(p, project);
      for (const issue of all) if (agent || issue.reporter_id === p.user.account_id) out.push(issue);
    }
    return out;
  }

  /**
   * The view of each issue the JQL engine evaluates against. Reference data and entity properties are read once
   * per search (not per issue), so a search over thousands of issues costs a few queries.
   */
  private jqlView(issues: IssueRow[]): (issue: IssueRow) => JqlIssue {
    const { rows, db } = this.site;
    const projects = new Map(rows.projects().map((x) => [x.id, x]));
    const statuses = new Map(rows.statuses().map((x) => [x.id, x]));
    const types = new Map(rows.issueTypes().map((x) => [x.id, x]));
    const priorities = new Map(rows.priorities().map((x) => [x.id, x]));
    const wanted = new Set(issues.map((i) => i.id));
    const properties = new Map<number, Record<string, unknown>>();
    for (const row of db.prepare('SELECT issue_id, key, value FROM issue_properties').iterate() as IterableIterator<{ issue_id: number; key: string; value: string }>) {
      if (!wanted.has(row.issue_id)) continue;
      const bag = properties.get(row.issue_id) ?? {};
      bag[row.key] = JSON.parse(row.value) as unknown;
      properties.set(row.issue_id, bag);
    }
    return (issue) => {
      const project = projects.get(issue.project_id)!;
      const status = statuses.get(issue.status_id)!;
      const type = types.get(issue.issue_type_id)!;
      const priority = issue.priority_id ? priorities.get(issue.priority_id) : undefined;
      return {
        id: String(issue.id), key: issue.key, projectId: project.id, projectKey: project.key, projectName: project.name,
        issueTypeId: type.id, issueTypeName: type.name, statusId: status.id, statusName: status.name, statusCategoryKey: status.category_key,
        priorityId: priority?.id ?? null, priorityName: priority?.name ?? null,
        reporterAccountId: issue.reporter_id, assigneeAccountId: issue.assignee_id, summary: issue.summary,
        labels: JSON.parse(issue.labels) as string[], custom: JSON.parse(issue.custom) as Record<string, unknown>, created: issue.created, updated: issue.updated, resolutionDate: issue.resolution_date, properties: properties.get(issue.id) ?? {},
      };
    };
  }
}

function encodeToken(t: { o: number; q: string }): string { return Buffer.from(JSON.stringify(t)).toString('base64url'); }
function decodeToken(s: string): { o: number; q: string } | null {
  try {
    const v = z.object({ o: z.number().int().nonnegative(), q: z.string() }).safeParse(JSON.parse(Buffer.from(s, 'base64url').toString('utf8')));
    return v.success ? v.data : null;
  } catch { return null; }
}
