import type { Database as Db } from 'better-sqlite3';
import { z } from 'zod';
import { fieldErrors, jiraError } from '../http';
import { nextId } from '../store/db';
import { CUSTOM_FIELD_TYPES, Formatter, SYSTEM_FIELDS, jiraDateTime } from './format';
import { ORGANIZATIONS_FIELD_TYPE, organizationsString, readOrganizationsInput, renderOrganizationsValue } from './organizations';
import { Permissions, type Principal } from './principal';
import { Rows, type ChangeItem, type CustomFieldRow, type IssueRow, type ProjectRow, type UserRow, type WorkflowTransition } from './rows';

/** A product event as the sandbox emits it; the events module turns it into Forge trigger invocations. */
export interface SiteEvent {
  eventType: 'avi:jira:created:issue' | 'avi:jira:updated:issue' | 'avi:jira:commented:issue';
  actorAccountId: string;
  payload: Record<string, unknown>;
}

export interface SiteHooks {
  /** Runs the workflow validators configured on a transition; the first refusal wins. */
  runValidators(validatorKeys: string[], args: { issue: { id: string; key: string }; transition: { id: string; name: string; from: { id: string }; to: { id: string } } }): Promise<{ result: true } | { result: false; errorMessage: string }>;
  emit(event: SiteEvent): void;
  now(): number;
}

const MAX_PROPERTY_CHARS = 32768;
const SCHEME_ID_OFFSET = 10000;
const SIMPLE_WORKFLOW = 'Simple workflow';
const NOT_FOUND_ISSUE = 'Issue does not exist or you do not have permission to see it.';

const idOrKeyRef = z.object({ id: z.union([z.string(), z.number()]).optional(), key: z.string().optional() }).passthrough();
const idOrNameRef = z.object({ id: z.union([z.string(), z.number()]).optional(), name: z.string().optional() }).passthrough();
const accountRef = z.object({ accountId: z.string() }).passthrough();
const adfDoc = z.object({ type: z.literal('doc'), version: z.number(), content: z.array(z.unknown()) }).passthrough();

export class JiraSite {
  readonly rows: Rows;
  readonly perms: Permissions;
  readonly fmt: Formatter;

  constructor(readonly db: Db, public base: string, private readonly hooks: SiteHooks) {
    this.rows = new Rows(db);
    this.perms = new Permissions(this.rows);
    this.fmt = new Formatter(base, this.rows);
  }

  now(): number { return this.hooks.now(); }

  viewer(p: Principal): UserRow { return p.user; }

  // ---------------------------------------------------------------- lookups with Jira's permission behaviour

  /** An issue the principal may see, or 404 exactly as Jira answers for a missing one. */
  visibleIssue(p: Principal, idOrKey: string): { issue: IssueRow; project: ProjectRow } {
    const issue = this.rows.issue(idOrKey);
    if (!issue) throw jiraError(404, NOT_FOUND_ISSUE);
    const project = this.rows.projectById(issue.project_id);
    if (!this.perms.canSeeIssue(p, issue, project)) throw jiraError(404, NOT_FOUND_ISSUE);
    return { issue, project };
  }

  /** An issue whatever the caller may see (for the site's own actions, e.g. an approval's transition). */
  issueOf(idOrKey: string): { issue: IssueRow; project: ProjectRow } {
    const issue = this.rows.issue(idOrKey);
    if (!issue) throw jiraError(404, NOT_FOUND_ISSUE);
    return { issue, project: this.rows.projectById(issue.project_id) };
  }

  visibleProject(p: Principal, idOrKey: string): ProjectRow {
    const project = this.rows.project(idOrKey);
    if (!project || !this.perms.canBrowseProject(p, project)) throw jiraError(404, `No project could be found with key '${idOrKey}'.`);
    return project;
  }

  // ---------------------------------------------------------------- issue type schemes

  /**
   * The sandbox gives every project its own issue type scheme (as Jira does for a company-managed project whose
   * issue types an admin has edited); the scheme's items are the project's issue types (project_issue_types).
   * Its id is derived from the project id (project 10000 → scheme 20000), so ids of the two never coincide and a
   * client that confuses them fails here as on Jira. There is no shared default scheme: an issue type created
   * with POST /issuetype belongs to no project until it is added to a scheme.
   */
  issueTypeSchemeOf(project: ProjectRow): { id: string; project: ProjectRow } {
    return { id: String(Number(project.id) + SCHEME_ID_OFFSET), project };
  }

  issueTypeScheme(id: string): { id: string; project: ProjectRow } | undefined {
    if (!/^\d+$/.test(id)) return undefined;
    const project = this.rows.projects().find((x) => Number(x.id) + SCHEME_ID_OFFSET === Number(id));
    return project ? this.issueTypeSchemeOf(project) : undefined;
  }

  issueTypeSchemes(): { id: string; project: ProjectRow }[] {
    return this.rows.projects().map((x) => this.issueTypeSchemeOf(x)).sort((a, b) => Number(a.id) - Number(b.id));
  }

  /**
   * PUT /rest/api/3/issuetypescheme/{id}/issuetype: appends issue types to a scheme; all or nothing. An issue type
   * already in the scheme fails the whole call (400), as the reference says. Each added type gets a workflow:
   * the one it already has in another project (a shared workflow scheme), else "Simple workflow", else the
   * workflow of the project's first issue type.
   */
  addIssueTypesToScheme(p: Principal, schemeId: string, body: unknown): void {
    if (!this.perms.canAdminister(p)) throw jiraError(403, 'You are not authorized to perform this action. Administrator privileges are required.');
    const scheme = this.issueTypeScheme(schemeId);
    if (!scheme) throw jiraError(404, `The issue type scheme with ID '${schemeId}' was not found.`);
    const parsed = z.object({ issueTypeIds: z.array(z.string()).min(1) }).strict().safeParse(body);
    if (!parsed.success) throw fieldErrors(400, { issueTypeIds: 'Provide a non-empty list of issue type IDs.' });
    const ids = parsed.data.issueTypeIds;
    for (const id of ids) if (!this.rows.issueType(id)) throw jiraError(404, `The issue type with ID '${id}' was not found.`);
    const current = new Set(this.rows.projectIssueTypes(scheme.project.id).map((t) => t.id));
    const again = ids.filter((id, i) => current.has(id) || ids.indexOf(id) !== i);
    if (again.length) throw jiraError(400, `The issue type${again.length > 1 ? 's' : ''} ${again.map((id) => `'${id}'`).join(', ')} ${again.length > 1 ? 'are' : 'is'} already in the issue type scheme.`);
    this.db.transaction(() => {
      const max = (this.db.prepare('SELECT MAX(position) AS m FROM project_issue_types WHERE project_id = ?').get(scheme.project.id) as { m: number | null }).m ?? -1;
      ids.forEach((id, i) => this.db.prepare('INSERT INTO project_issue_types(project_id, issue_type_id, workflow, position) VALUES (?, ?, ?, ?)').run(scheme.project.id, id, this.workflowForAddedType(scheme.project, id), max + 1 + i));
    })();
  }

  private workflowForAddedType(project: ProjectRow, issueTypeId: string): string {
    const names = this.rows.workflowNames();
    return this.rows.workflowUsedFor(issueTypeId)
      ?? (names.includes(SIMPLE_WORKFLOW) ? SIMPLE_WORKFLOW : undefined)
      ?? this.rows.projectIssueTypes(project.id)[0]?.workflow
      ?? names[0]!;
  }

  // ---------------------------------------------------------------- issue bean

  issueBean(p: Principal, issue: IssueRow, opts: { fields?: string[]; expand?: string[]; properties?: string[]; defaultFields: string } ): Record<string, unknown> {
    const viewer = p.user;
    const wanted = resolveFieldSelection(opts.fields, opts.defaultFields, this.allFieldIds());
    const all = this.renderFields(p, issue, viewer, wanted);
    const bean: Record<string, unknown> = { expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations', id: String(issue.id), self: `${this.base}/rest/api/3/issue/${issue.id}`, key: issue.key };
    if (Object.keys(all).length > 0 || wanted.size > 0) bean.fields = all;
    if (opts.properties && opts.properties.length) {
      const props: Record<string, unknown> = {};
      const wantAll = opts.properties.includes('*all');
      for (const row of this.rows.properties(issue.id)) if (wantAll || opts.properties.includes(row.key)) props[row.key] = JSON.parse(row.value) as unknown;
      bean.properties = props;
    }
    if (opts.expand?.includes('changelog')) {
      const entries = this.rows.changelog(issue.id).map((c) => this.fmt.changelogEntry(c, viewer)).reverse();
      bean.changelog = { startAt: 0, maxResults: entries.length, total: entries.length, histories: entries };
    }
    if (opts.expand?.includes('names')) {
      const names: Record<string, string> = {};
      for (const f of SYSTEM_FIELDS) names[f.id] = f.name;
      for (const f of this.rows.customFields()) names[f.id] = f.name;
      bean.names = names;
    }
    return bean;
  }

  allFieldIds(): string[] { return [...SYSTEM_FIELDS.map((f) => f.id), ...this.rows.customFields().map((f) => f.id)]; }

  private renderFields(p: Principal, issue: IssueRow, viewer: UserRow, wanted: Set<string>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const put = (id: string, value: () => unknown): void => { if (wanted.has(id)) out[id] = value(); };
    const project = this.rows.projectById(issue.project_id);
    put('summary', () => issue.summary);
    put('description', () => (issue.description ? JSON.parse(issue.description) as unknown : null));
    put('issuetype', () => this.fmt.issueType(this.rows.issueType(issue.issue_type_id)!));
    put('project', () => this.fmt.projectRef(project));
    put('status', () => this.fmt.status(this.rows.status(issue.status_id)));
    put('priority', () => (issue.priority_id ? this.fmt.priority(this.rows.priority(issue.priority_id)!) : null));
    put('resolution', () => (issue.resolution_id ? this.fmt.resolution(this.rows.resolution(issue.resolution_id)!) : null));
    put('resolutiondate', () => (issue.resolution_date ? jiraDateTime(issue.resolution_date) : null));
    put('reporter', () => this.fmt.userRef(issue.reporter_id, viewer));
    put('assignee', () => this.fmt.userRef(issue.assignee_id, viewer));
    put('creator', () => this.fmt.userRef(issue.creator_id, viewer));
    put('created', () => jiraDateTime(issue.created));
    put('updated', () => jiraDateTime(issue.updated));
    put('statuscategorychangedate', () => jiraDateTime(issue.status_category_changed));
    put('labels', () => JSON.parse(issue.labels) as string[]);
    put('comment', () => {
      const comments = this.visibleComments(p, issue, project).map((c) => this.fmt.comment(c, viewer));
      return { comments, self: `${this.base}/rest/api/3/issue/${issue.id}/comment`, maxResults: comments.length, total: comments.length, startAt: 0 };
    });
    put('issuelinks', () => this.renderLinks(p, issue));
    const custom = JSON.parse(issue.custom) as Record<string, unknown>;
    for (const f of this.rows.customFields()) put(f.id, () => this.renderCustomValue(f, custom[f.id], viewer));
    return out;
  }

  visibleComments(p: Principal, issue: IssueRow, project: ProjectRow) {
    const internalVisible = this.perms.canSeeInternalComments(p, project);
    return this.rows.comments(issue.id).filter((c) => internalVisible || c.is_public === 1);
  }

  private renderLinks(p: Principal, issue: IssueRow): unknown[] {
    const out: unknown[] = [];
    for (const link of this.rows.linksOf(issue.id)) {
      const type = this.rows.linkType(link.type_id)!;
      const otherId = link.inward_issue_id === issue.id ? link.outward_issue_id : link.inward_issue_id;
      const other = this.rows.issueById(otherId);
      if (!this.perms.canSeeIssue(p, other)) continue;
      const ref = {
        id: String(other.id), key: other.key, self: `${this.base}/rest/api/3/issue/${other.id}`,
        fields: { summary: other.summary, status: this.fmt.status(this.rows.status(other.status_id)), priority: other.priority_id ? this.fmt.priority(this.rows.priority(other.priority_id)!) : null, issuetype: this.fmt.issueType(this.rows.issueType(other.issue_type_id)!) },
      };
      const side = link.inward_issue_id === issue.id ? 'outwardIssue' : 'inwardIssue';
      out.push({ id: String(link.id), self: `${this.base}/rest/api/3/issueLink/${link.id}`, type: this.fmt.linkType(type), [side]: ref });
    }
    return out;
  }

  private renderCustomValue(f: CustomFieldRow, value: unknown, viewer: UserRow): unknown {
    // JSM answers a request shared with nobody as an empty list, not null.
    if (f.type === ORGANIZATIONS_FIELD_TYPE && (value === undefined || value === null)) return [];
    if (value === undefined || value === null) return null;
    const option = (id: unknown) => { const o = this.rows.fieldOption(String(id)); return o ? { self: `${this.base}/rest/api/3/customFieldOption/${o.id}`, value: o.value, id: o.id } : null; };
    switch (f.type) {
      case 'com.atlassian.jira.plugin.system.customfieldtypes:select': return option(value);
      case 'com.atlassian.jira.plugin.system.customfieldtypes:multiselect':
      case 'com.atlassian.jira.plugin.system.customfieldtypes:multicheckboxes': return (value as unknown[]).map(option);
      case 'com.atlassian.jira.plugin.system.customfieldtypes:userpicker': return this.fmt.userRef(String(value), viewer);
      case 'com.atlassian.jira.plugin.system.customfieldtypes:multiuserpicker': return (value as string[]).map((a) => this.fmt.userRef(a, viewer));
      case ORGANIZATIONS_FIELD_TYPE: return renderOrganizationsValue(this.db, this.base, value, viewer);
      default: return value;
    }
  }

  // ---------------------------------------------------------------- field input (create / edit)

  /** Turns REST `fields` input into stored column values, collecting Jira-shaped per-field errors. */
  private readFieldInput(fields: Record<string, unknown>, project: ProjectRow, mode: 'create' | 'edit', errors: Record<string, string>): Partial<Omit<IssueRow, 'custom'>> & { custom?: Record<string, unknown> } {
    const out: Partial<Omit<IssueRow, 'custom'>> & { custom?: Record<string, unknown> } = {};
    const custom: Record<string, unknown> = {};
    for (const [id, raw] of Object.entries(fields)) {
      switch (id) {
        case 'project':
          if (mode === 'edit') errors.project = "Field 'project' cannot be set. It is not on the appropriate screen, or unknown.";
          break;
        case 'issuetype': {
          if (mode === 'edit') { errors.issuetype = 'Changing the issue type is not supported by the sandbox; move the issue in Jira instead.'; break; }
          const ref = idOrNameRef.safeParse(raw);
          const types = this.rows.projectIssueTypes(project.id);
          const type = ref.success ? types.find((t) => (ref.data.id !== undefined && t.id === String(ref.data.id)) || (ref.data.name !== undefined && t.name.toLowerCase() === ref.data.name.toLowerCase())) : undefined;
          if (!type) errors.issuetype = 'Specify an issue type';
          else out.issue_type_id = type.id;
          break;
        }
        case 'summary':
          if (typeof raw !== 'string' || raw.trim() === '') errors.summary = 'You must specify a summary of the issue.';
          else if (raw.length > 255) errors.summary = 'Summary must be less than 255 characters.';
          else out.summary = raw;
          break;
        case 'description':
          if (raw === null) out.description = null;
          else if (!adfDoc.safeParse(raw).success) errors.description = 'Operation value must be an Atlassian Document (see the Atlassian Document Format).';
          else out.description = JSON.stringify(raw);
          break;
        case 'priority': {
          const ref = idOrNameRef.safeParse(raw);
          const pr = ref.success ? this.rows.priorities().find((x) => (ref.data.id !== undefined && x.id === String(ref.data.id)) || (ref.data.name !== undefined && x.name.toLowerCase() === ref.data.name.toLowerCase())) : undefined;
          if (!pr) errors.priority = 'The priority selected is invalid.';
          else out.priority_id = pr.id;
          break;
        }
        case 'assignee':
        case 'reporter': {
          if (raw === null) { if (id === 'assignee') out.assignee_id = null; else errors.reporter = 'Reporter is required.'; break; }
          const ref = accountRef.safeParse(raw);
          const user = ref.success ? this.rows.user(ref.data.accountId) : undefined;
          if (!user || user.account_type === 'app') errors[id] = `Specify a valid value for ${id}`;
          else if (id === 'assignee') {
            if (!this.perms.isAgent({ kind: 'user', user }, project)) errors.assignee = `User '${user.display_name}' cannot be assigned issues.`;
            else out.assignee_id = user.account_id;
          } else out.reporter_id = user.account_id;
          break;
        }
        case 'labels':
          if (!Array.isArray(raw) || !raw.every((l) => typeof l === 'string' && l.length > 0 && !/\s/.test(l))) errors.labels = 'Labels must be a list of strings without spaces.';
          else out.labels = JSON.stringify([...new Set(raw as string[])]);
          break;
        default: {
          const f = this.rows.customField(id);
          if (!f) { errors[id] = `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`; break; }
          const parsed = this.readCustomValue(f, raw);
          if ('error' in parsed) errors[id] = parsed.error;
          else custom[id] = parsed.value;
        }
      }
    }
    if (Object.keys(custom).length) out.custom = custom;
    return out;
  }

  private readCustomValue(f: CustomFieldRow, raw: unknown): { value: unknown } | { error: string } {
    if (raw === null) return { value: null };
    const findOption = (v: unknown) => {
      const ref = z.object({ id: z.union([z.string(), z.number()]).optional(), value: z.string().optional() }).safeParse(v);
      if (!ref.success) return undefined;
      return this.rows.fieldOptions(f.id).find((o) => o.disabled === 0 && ((ref.data.id !== undefined && o.id === String(ref.data.id)) || (ref.data.value !== undefined && o.value === ref.data.value)));
    };
    switch (f.type) {
      case 'com.atlassian.jira.plugin.system.customfieldtypes:select': {
        const o = findOption(raw);
        return o ? { value: o.id } : { error: `Option value '${JSON.stringify(raw)}' is not valid` };
      }
      case 'com.atlassian.jira.plugin.system.customfieldtypes:multiselect':
      case 'com.atlassian.jira.plugin.system.customfieldtypes:multicheckboxes': {
        if (!Array.isArray(raw)) return { error: 'Specify the value as a list of options' };
        const ids: string[] = [];
        for (const v of raw) { const o = findOption(v); if (!o) return { error: `Option value '${JSON.stringify(v)}' is not valid` }; ids.push(o.id); }
        return { value: ids };
      }
      case 'com.atlassian.jira.plugin.system.customfieldtypes:textfield':
      case 'com.atlassian.jira.plugin.system.customfieldtypes:url':
        if (typeof raw !== 'string') return { error: 'Operation value must be a string' };
        return raw.length > 255 ? { error: 'Text fields accept at most 255 characters.' } : { value: raw };
      case 'com.atlassian.jira.plugin.system.customfieldtypes:textarea':
        return adfDoc.safeParse(raw).success ? { value: raw } : { error: 'Operation value must be an Atlassian Document (see the Atlassian Document Format).' };
      case 'com.atlassian.jira.plugin.system.customfieldtypes:float':
        return typeof raw === 'number' && Number.isFinite(raw) ? { value: raw } : { error: 'Operation value must be a number' };
      case 'com.atlassian.jira.plugin.system.customfieldtypes:datetime':
        return typeof raw === 'string' && !Number.isNaN(Date.parse(raw)) ? { value: jiraDateTime(Date.parse(raw)) } : { error: "Invalid date format. Please enter the date in the format \"yyyy-MM-dd'T'HH:mm:ss.SSSZ\"." };
      case 'com.atlassian.jira.plugin.system.customfieldtypes:datepicker':
        return typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? { value: raw } : { error: 'Invalid date format. Please enter the date in the format "yyyy-MM-dd".' };
      case 'com.atlassian.jira.plugin.system.customfieldtypes:userpicker': {
        const ref = accountRef.safeParse(raw);
        return ref.success && this.rows.user(ref.data.accountId) ? { value: ref.data.accountId } : { error: 'Specify a valid user' };
      }
      case 'com.atlassian.jira.plugin.system.customfieldtypes:multiuserpicker': {
        if (!Array.isArray(raw)) return { error: 'Specify the value as a list of users' };
        const ids: string[] = [];
        for (const v of raw) { const ref = accountRef.safeParse(v); if (!ref.success || !this.rows.user(ref.data.accountId)) return { error: 'Specify a valid user' }; ids.push(ref.data.accountId); }
        return { value: ids };
      }
      case ORGANIZATIONS_FIELD_TYPE:
        return readOrganizationsInput(this.db, raw);
      case 'com.atlassian.jira.plugin.system.customfieldtypes:labels':
        return Array.isArray(raw) && raw.every((l) => typeof l === 'string' && !/\s/.test(l)) ? { value: raw } : { error: 'Labels must be a list of strings without spaces.' };
      default:
        return { error: `Field type ${f.type} is not supported by the sandbox.` };
    }
  }

  /** Jira's `update` verbs: `set` for any field, `add`/`remove` for labels. */
  private mergeUpdate(fields: Record<string, unknown>, update: Record<string, unknown> | undefined, current: IssueRow | undefined, errors: Record<string, string>): Record<string, unknown> {
    if (!update) return fields;
    const merged = { ...fields };
    for (const [id, ops] of Object.entries(update)) {
      if (!Array.isArray(ops)) { errors[id] = 'The update must be a list of operations.'; continue; }
      if (id in merged) { errors[id] = `Field '${id}' cannot be both in 'fields' and in 'update'.`; continue; }
      for (const op of ops) {
        const o = z.record(z.string(), z.unknown()).safeParse(op);
        if (!o.success) { errors[id] = 'Each operation must be an object.'; continue; }
        if ('set' in o.data) merged[id] = o.data.set;
        else if (id === 'labels' && ('add' in o.data || 'remove' in o.data)) {
          const base = (merged.labels as string[] | undefined) ?? (current ? (JSON.parse(current.labels) as string[]) : []);
          merged.labels = 'add' in o.data ? [...base, String(o.data.add)] : base.filter((l) => l !== String(o.data.remove));
        } else errors[id] = `Operation '${Object.keys(o.data)[0] ?? ''}' is not supported for field '${id}'.`;
      }
    }
    return merged;
  }

  // ---------------------------------------------------------------- mutations

  /** `viaPortal`: JSM's portal API raises it; that API has already checked the caller is a customer of the service desk. */
  createIssue(p: Principal, body: unknown, opts: { viaPortal?: boolean } = {}): { id: string; key: string; self: string } {
    const parsed = z.object({ fields: z.record(z.string(), z.unknown()), update: z.record(z.string(), z.unknown()).optional(), properties: z.array(z.object({ key: z.string(), value: z.unknown() })).optional() }).passthrough().safeParse(body);
    if (!parsed.success) throw jiraError(400, "The request body must be an object with 'fields'.");
    const errors: Record<string, string> = {};
    const fields = this.mergeUpdate(parsed.data.fields, parsed.data.update, undefined, errors);
    const projRef = idOrKeyRef.safeParse(fields.project);
    const project = projRef.success ? (projRef.data.id !== undefined ? this.rows.project(String(projRef.data.id)) : projRef.data.key ? this.rows.project(projRef.data.key) : undefined) : undefined;
    if (!project || !this.perms.canBrowseProject(p, project)) throw fieldErrors(400, { project: 'Specify a valid project ID or key' });
    if (!opts.viaPortal && !this.perms.canCreate(p, project)) throw fieldErrors(400, { project: 'You do not have permission to create issues in this project.' });
    const input = this.readFieldInput(fields, project, 'create', errors);
    if (!('summary' in fields)) errors.summary = 'You must specify a summary of the issue.';
    if (!('issuetype' in fields)) errors.issuetype = 'Specify an issue type';
    for (const prop of parsed.data.properties ?? []) this.checkProperty(prop.key, prop.value, errors);
    if (Object.keys(errors).length) throw fieldErrors(400, errors);

    const now = this.now();
    const workflow = this.rows.workflowOf(project.id, input.issue_type_id!)!;
    const priorityDefault = this.rows.priorities().find((x) => x.is_default === 1);
    const created = this.db.transaction(() => {
      const number = (this.db.prepare('SELECT next_issue_number FROM projects WHERE id = ?').get(project.id) as { next_issue_number: number }).next_issue_number;
      this.db.prepare('UPDATE projects SET next_issue_number = ? WHERE id = ?').run(number + 1, project.id);
      const id = nextId(this.db, 'issue');
      const key = `${project.key}-${number}`;
      this.db.prepare(`INSERT INTO issues (id, key, project_id, issue_type_id, status_id, priority_id, resolution_id, summary, description, reporter_id, assignee_id, creator_id, labels, custom, created, updated, resolution_date, status_category_changed)
        VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`).run(
        id, key, project.id, input.issue_type_id, workflow.initial, input.priority_id ?? priorityDefault?.id ?? null, input.summary, input.description ?? null,
        input.reporter_id ?? (p.kind === 'user' ? p.user.account_id : null), input.assignee_id ?? null, p.user.account_id, input.labels ?? '[]', JSON.stringify(input.custom ?? {}), now, now, now);
      for (const prop of parsed.data.properties ?? []) this.db.prepare('INSERT INTO issue_properties(issue_id, key, value) VALUES (?, ?, ?)').run(id, prop.key, JSON.stringify(prop.value));
      return { id, key };
    })();
    const issue = this.rows.issueById(created.id);
    this.hooks.emit({ eventType: 'avi:jira:created:issue', actorAccountId: p.user.account_id, payload: this.eventIssuePayload(issue) });
    return { id: String(created.id), key: created.key, self: `${this.base}/rest/api/3/issue/${created.id}` };
  }

  editIssue(p: Principal, idOrKey: string, body: unknown): void {
    const { issue, project } = this.visibleIssue(p, idOrKey);
    if (!this.perms.canEdit(p, project)) throw jiraError(403, 'You do not have permission to edit issues in this project.');
    const parsed = z.object({ fields: z.record(z.string(), z.unknown()).optional(), update: z.record(z.string(), z.unknown()).optional(), properties: z.array(z.object({ key: z.string(), value: z.unknown() })).optional() }).passthrough().safeParse(body);
    if (!parsed.success) throw jiraError(400, "The request body must be an object with 'fields' or 'update'.");
    const errors: Record<string, string> = {};
    const fields = this.mergeUpdate(parsed.data.fields ?? {}, parsed.data.update, issue, errors);
    const input = this.readFieldInput(fields, project, 'edit', errors);
    for (const prop of parsed.data.properties ?? []) this.checkProperty(prop.key, prop.value, errors);
    if (Object.keys(errors).length) throw fieldErrors(400, errors);
    const items = this.db.transaction(() => {
      const current = this.rows.issueById(issue.id);
      const changes = this.applyChanges(current, input);
      for (const prop of parsed.data.properties ?? []) this.writeProperty(issue.id, prop.key, prop.value);
      if (changes.length) this.recordChange(issue.id, p.user.account_id, changes);
      return changes;
    })();
    if (items.length) this.emitUpdated(p, issue.id, items);
  }

  /** Writes changed columns and returns the changelog items, as Jira records them. */
  private applyChanges(current: IssueRow, input: ReturnType<JiraSite['readFieldInput']>): ChangeItem[] {
    const items: ChangeItem[] = [];
    const sets: string[] = [];
    const values: unknown[] = [];
    const col = (column: keyof IssueRow, field: string, next: string | null | undefined, fromString: (v: string | null) => string | null): void => {
      if (next === undefined) return;
      const prev = current[column] as string | null;
      if (prev === next) return;
      sets.push(`${column} = ?`);
      values.push(next);
      items.push({ field, fieldtype: 'jira', fieldId: field, from: column === 'summary' || column === 'description' ? null : prev, fromString: fromString(prev), to: column === 'summary' || column === 'description' ? null : next, toString: fromString(next) });
    };
    col('summary', 'summary', input.summary, (v) => v);
    col('description', 'description', input.description, (v) => (v ? adfToText(JSON.parse(v) as unknown) : null));
    col('priority_id', 'priority', input.priority_id, (v) => (v ? this.rows.priority(v)?.name ?? v : null));
    col('assignee_id', 'assignee', input.assignee_id, (v) => (v ? this.rows.user(v)?.display_name ?? v : null));
    col('reporter_id', 'reporter', input.reporter_id, (v) => (v ? this.rows.user(v)?.display_name ?? v : null));
    col('labels', 'labels', input.labels, (v) => (v ? (JSON.parse(v) as string[]).join(' ') : null));
    if (input.custom) {
      const custom = JSON.parse(current.custom) as Record<string, unknown>;
      let changed = false;
      for (const [id, value] of Object.entries(input.custom)) {
        const prev = custom[id] ?? null;
        if (JSON.stringify(prev) === JSON.stringify(value)) continue;
        const f = this.rows.customField(id)!;
        items.push({ field: f.name, fieldtype: 'custom', fieldId: id, from: stringOrNull(prev), fromString: this.customString(f, prev), to: stringOrNull(value), toString: this.customString(f, value) });
        if (value === null) delete custom[id]; else custom[id] = value;
        changed = true;
      }
      if (changed) { sets.push('custom = ?'); values.push(JSON.stringify(custom)); }
    }
    if (sets.length) {
      sets.push('updated = ?');
      values.push(this.now());
      this.db.prepare(`UPDATE issues SET ${sets.join(', ')} WHERE id = ?`).run(...values, current.id);
    }
    return items;
  }

  private customString(f: CustomFieldRow, v: unknown): string | null {
    if (v === null || v === undefined) return null;
    if (f.type.endsWith(':select')) return this.rows.fieldOption(String(v))?.value ?? String(v);
    if (f.type.endsWith(':multiselect') || f.type.endsWith(':multicheckboxes')) return (v as string[]).map((id) => this.rows.fieldOption(id)?.value ?? id).join(',');
    if (f.type.endsWith(':textarea')) return adfToText(v);
    // Jira's changelog names people: account ids in from/to, display names in fromString/toString.
    if (f.type.endsWith(':userpicker')) return this.rows.user(String(v))?.display_name ?? String(v);
    if (f.type.endsWith(':multiuserpicker')) return (v as string[]).map((a) => this.rows.user(a)?.display_name ?? a).join(', ');
    if (f.type === ORGANIZATIONS_FIELD_TYPE) return organizationsString(this.db, v);
    return typeof v === 'string' ? v : JSON.stringify(v);
  }

  private recordChange(issueId: number, authorId: string, items: ChangeItem[]): number {
    const id = nextId(this.db, 'changelog');
    this.db.prepare('INSERT INTO changelog(id, issue_id, author_id, created, items) VALUES (?, ?, ?, ?, ?)').run(id, issueId, authorId, this.now(), JSON.stringify(items));
    return id;
  }

  private emitUpdated(p: Principal, issueId: number, items: ChangeItem[]): void {
    const issue = this.rows.issueById(issueId);
    const latest = this.rows.changelog(issueId).at(-1);
    this.hooks.emit({ eventType: 'avi:jira:updated:issue', actorAccountId: p.user.account_id, payload: { ...this.eventIssuePayload(issue), changelog: { id: String(latest?.id ?? ''), items } } });
  }

  availableTransitions(issue: IssueRow, project: ProjectRow): WorkflowTransition[] {
    const wf = this.rows.workflowOf(project.id, issue.issue_type_id);
    if (!wf) return [];
    const current = this.rows.status(issue.status_id).name.toLowerCase();
    return wf.def.transitions.filter((t) => (t.from === null || t.from.some((f) => f.toLowerCase() === current)) && t.to.toLowerCase() !== current);
  }

  listTransitions(p: Principal, idOrKey: string): Record<string, unknown> {
    const { issue, project } = this.visibleIssue(p, idOrKey);
    const transitions = this.perms.canTransition(p, project) ? this.availableTransitions(issue, project) : [];
    return {
      expand: 'transitions',
      transitions: transitions.map((t) => ({ id: t.id, name: t.name, to: this.fmt.status(this.rows.statusByName(t.to)!), hasScreen: false, isGlobal: t.from === null, isInitial: false, isAvailable: true, isConditional: false, isLooped: false })),
    };
  }

  /**
   * `byApproval`: JSM performs an approval's configured transition as the approver who answered it (servicedesk.ts);
   * the approver need not hold the transition permission, and the validators run as for anyone else.
   */
  async doTransition(p: Principal, idOrKey: string, body: unknown, opts: { byApproval?: boolean } = {}): Promise<void> {
    const { issue, project } = opts.byApproval ? this.issueOf(idOrKey) : this.visibleIssue(p, idOrKey);
    const parsed = z.object({ transition: z.object({ id: z.union([z.string(), z.number()]) }).passthrough(), fields: z.record(z.string(), z.unknown()).optional(), update: z.record(z.string(), z.unknown()).optional() }).passthrough().safeParse(body);
    if (!parsed.success) throw jiraError(400, "The request body must name a transition: { \"transition\": { \"id\": \"…\" } }.");
    if (!opts.byApproval && !this.perms.canTransition(p, project)) throw jiraError(403, 'You do not have permission to transition this issue.');
    const id = String(parsed.data.transition.id);
    const transition = this.availableTransitions(issue, project).find((t) => t.id === id);
    if (!transition) throw jiraError(400, `Transition id '${id}' is not valid for this issue.`);
    const errors: Record<string, string> = {};
    const { resolution: resolutionInput, ...otherFields } = parsed.data.fields ?? {};
    const input = this.readFieldInput(otherFields, project, 'edit', errors);
    let resolutionId: string | undefined;
    if (resolutionInput !== undefined) {
      const ref = idOrNameRef.safeParse(resolutionInput);
      const r = ref.success ? this.rows.resolutions().find((x) => (ref.data.id !== undefined && x.id === String(ref.data.id)) || (ref.data.name !== undefined && x.name.toLowerCase() === ref.data.name.toLowerCase())) : undefined;
      if (!r) errors.resolution = 'The resolution selected is invalid.'; else resolutionId = r.id;
    }
    const commentOps = (parsed.data.update?.comment ?? []) as unknown[];
    const comments = commentOps.map((op) => z.object({ add: z.object({ body: adfDoc, properties: z.array(z.object({ key: z.string(), value: z.unknown() })).optional() }).passthrough() }).safeParse(op));
    if (comments.some((c) => !c.success)) errors.comment = 'Comment body must be an Atlassian Document.';
    if (Object.keys(errors).length) throw fieldErrors(400, errors);

    const to = this.rows.statusByName(transition.to)!;
    const from = this.rows.status(issue.status_id);
    if (transition.validators.length) {
      const verdict = await this.hooks.runValidators(transition.validators, { issue: { id: String(issue.id), key: issue.key }, transition: { id: transition.id, name: transition.name, from: { id: from.id }, to: { id: to.id } } });
      if (!verdict.result) throw jiraError(400, verdict.errorMessage);
    }
    const items = this.db.transaction(() => {
      const current = this.rows.issueById(issue.id);
      if (current.status_id !== issue.status_id) throw jiraError(409, 'The issue changed while the transition was validated; reload it and try again.');
      const changes = this.applyChanges(current, input);
      const now = this.now();
      const fromCat = from.category_key;
      const nextResolution = to.category_key === 'done' ? (resolutionId ?? current.resolution_id ?? this.rows.resolutions()[0]?.id ?? null) : null;
      changes.push({ field: 'status', fieldtype: 'jira', fieldId: 'status', from: from.id, fromString: from.name, to: to.id, toString: to.name });
      if (nextResolution !== current.resolution_id) {
        changes.push({ field: 'resolution', fieldtype: 'jira', fieldId: 'resolution', from: current.resolution_id, fromString: current.resolution_id ? this.rows.resolution(current.resolution_id)?.name ?? null : null, to: nextResolution, toString: nextResolution ? this.rows.resolution(nextResolution)?.name ?? null : null });
      }
      this.db.prepare('UPDATE issues SET status_id = ?, resolution_id = ?, resolution_date = ?, updated = ?, status_category_changed = ? WHERE id = ?').run(
        to.id, nextResolution, nextResolution ? (current.resolution_date ?? now) : null, now, fromCat !== to.category_key ? now : current.status_category_changed, issue.id);
      this.recordChange(issue.id, p.user.account_id, changes);
      return changes;
    })();
    this.emitUpdated(p, issue.id, items);
    // The whole `add` bean goes through, so `properties` (JSM's sd.public.comment internal flag) applies here too.
    for (const c of comments) if (c.success) this.addComment(p, issue.key, c.data.add);
  }

  addComment(p: Principal, idOrKey: string, body: unknown): Record<string, unknown> {
    const { issue, project } = this.visibleIssue(p, idOrKey);
    const parsed = z.object({
      body: z.unknown(),
      properties: z.array(z.object({ key: z.string(), value: z.unknown() })).optional(),
      visibility: z.unknown().optional(),
    }).passthrough().safeParse(body);
    if (!parsed.success) throw jiraError(400, 'The request body must be an object with a comment body.');
    if (!adfDoc.safeParse(parsed.data.body).success) throw fieldErrors(400, { comment: 'Comment body can not be empty!' });
    if (!this.perms.canComment(p, issue, project)) throw jiraError(403, 'You do not have permission to comment on this issue.');
    // JSM convention: an internal note carries the comment property sd.public.comment = { internal: true }.
    const internalProp = parsed.data.properties?.find((x) => x.key === 'sd.public.comment');
    const internal = z.object({ internal: z.boolean() }).safeParse(internalProp?.value).data?.internal === true;
    if (internal && !this.perms.canSeeInternalComments(p, project)) throw jiraError(403, 'Only agents can add internal comments.');
    const now = this.now();
    const id = this.db.transaction(() => {
      const cid = nextId(this.db, 'comment');
      this.db.prepare('INSERT INTO comments(id, issue_id, author_id, body, is_public, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?)').run(cid, issue.id, p.user.account_id, JSON.stringify(parsed.data.body), internal ? 0 : 1, now, now);
      this.db.prepare('UPDATE issues SET updated = ? WHERE id = ?').run(now, issue.id);
      return cid;
    })();
    const comment = this.rows.comment(id)!;
    const bean = this.fmt.comment(comment, p.user);
    this.hooks.emit({ eventType: 'avi:jira:commented:issue', actorAccountId: p.user.account_id, payload: { ...this.eventIssuePayload(this.rows.issueById(issue.id)), comment: { ...bean, author: { accountId: comment.author_id }, updateAuthor: { accountId: comment.author_id } } } });
    return bean;
  }

  listComments(p: Principal, idOrKey: string, startAt: number, maxResults: number, orderBy: string | undefined): Record<string, unknown> {
    const { issue, project } = this.visibleIssue(p, idOrKey);
    let comments = this.visibleComments(p, issue, project);
    if (orderBy === '-created' || orderBy === '-created,-id') comments = [...comments].reverse();
    const page = comments.slice(startAt, startAt + maxResults).map((c) => this.fmt.comment(c, p.user));
    return { startAt, maxResults, total: comments.length, comments: page };
  }

  changelog(p: Principal, idOrKey: string, startAt: number, maxResults: number): Record<string, unknown> {
    const { issue } = this.visibleIssue(p, idOrKey);
    const all = this.rows.changelog(issue.id);
    const values = all.slice(startAt, startAt + maxResults).map((c) => this.fmt.changelogEntry(c, p.user));
    return { self: `${this.base}/rest/api/3/issue/${issue.key}/changelog?maxResults=${maxResults}&startAt=${startAt}`, maxResults, startAt, total: all.length, isLast: startAt + maxResults >= all.length, values };
  }

  // ---------------------------------------------------------------- entity properties

  private checkProperty(key: string, value: unknown, errors: Record<string, string>): void {
    if (key.length === 0 || key.length > 255) errors.key = 'The property key must be between 1 and 255 characters long.';
    if (value === undefined) errors.value = 'The property value must be valid JSON.';
    else if (JSON.stringify(value).length > MAX_PROPERTY_CHARS) errors.value = `The property value cannot be longer than ${MAX_PROPERTY_CHARS} characters.`;
  }

  private writeProperty(issueId: number, key: string, value: unknown): boolean {
    const existed = this.db.prepare('SELECT 1 FROM issue_properties WHERE issue_id = ? AND key = ?').get(issueId, key) !== undefined;
    this.db.prepare('INSERT INTO issue_properties(issue_id, key, value) VALUES (?, ?, ?) ON CONFLICT(issue_id, key) DO UPDATE SET value = excluded.value').run(issueId, key, JSON.stringify(value));
    return !existed;
  }

  listProperties(p: Principal, idOrKey: string): Record<string, unknown> {
    const { issue } = this.visibleIssue(p, idOrKey);
    return { keys: this.rows.properties(issue.id).map((r) => ({ self: `${this.base}/rest/api/3/issue/${issue.id}/properties/${encodeURIComponent(r.key)}`, key: r.key })) };
  }

  getProperty(p: Principal, idOrKey: string, key: string): Record<string, unknown> {
    const { issue } = this.visibleIssue(p, idOrKey);
    const row = this.rows.properties(issue.id).find((r) => r.key === key);
    if (!row) throw jiraError(404, `The property with key '${key}' does not exist.`);
    return { key, value: JSON.parse(row.value) as unknown };
  }

  /** Returns true when the property was created (201) rather than replaced (200). */
  putProperty(p: Principal, idOrKey: string, key: string, value: unknown): boolean {
    const { issue, project } = this.visibleIssue(p, idOrKey);
    if (!this.perms.canEdit(p, project)) throw jiraError(403, 'You do not have permission to edit issues in this project.');
    const errors: Record<string, string> = {};
    this.checkProperty(key, value, errors);
    if (Object.keys(errors).length) throw jiraError(400, Object.values(errors));
    return this.db.transaction(() => this.writeProperty(issue.id, key, value))();
  }

  deleteProperty(p: Principal, idOrKey: string, key: string): void {
    const { issue, project } = this.visibleIssue(p, idOrKey);
    if (!this.perms.canEdit(p, project)) throw jiraError(403, 'You do not have permission to edit issues in this project.');
    const res = this.db.prepare('DELETE FROM issue_properties WHERE issue_id = ? AND key = ?').run(issue.id, key);
    if (res.changes === 0) throw jiraError(404, `The property with key '${key}' does not exist.`);
  }

  // ---------------------------------------------------------------- links

  createLink(p: Principal, body: unknown): void {
    const parsed = z.object({ type: idOrNameRef, inwardIssue: idOrKeyRef, outwardIssue: idOrKeyRef, comment: z.object({ body: adfDoc }).passthrough().optional() }).passthrough().safeParse(body);
    if (!parsed.success) throw jiraError(400, 'The request body must name a link type, an inward issue and an outward issue.');
    const t = parsed.data.type;
    const type = this.rows.linkTypes().find((x) => (t.id !== undefined && x.id === String(t.id)) || (t.name !== undefined && x.name.toLowerCase() === t.name.toLowerCase()));
    if (!type) throw jiraError(404, `No issue link type with name '${t.name ?? t.id ?? ''}' found.`);
    const ref = (r: z.infer<typeof idOrKeyRef>) => String(r.key ?? r.id ?? '');
    const inward = this.visibleIssue(p, ref(parsed.data.inwardIssue));
    const outward = this.visibleIssue(p, ref(parsed.data.outwardIssue));
    if (!this.perms.isAgent(p, inward.project) || !this.perms.isAgent(p, outward.project)) throw jiraError(403, 'You do not have the permission to link issues.');
    const exists = this.db.prepare('SELECT 1 FROM issue_links WHERE type_id = ? AND inward_issue_id = ? AND outward_issue_id = ?').get(type.id, inward.issue.id, outward.issue.id);
    if (!exists) {
      this.db.transaction(() => {
        this.db.prepare('INSERT INTO issue_links(id, type_id, inward_issue_id, outward_issue_id) VALUES (?, ?, ?, ?)').run(nextId(this.db, 'issuelink'), type.id, inward.issue.id, outward.issue.id);
        const now = this.now();
        this.db.prepare('UPDATE issues SET updated = ? WHERE id IN (?, ?)').run(now, inward.issue.id, outward.issue.id);
      })();
    }
    if (parsed.data.comment) this.addComment(p, inward.issue.key, { body: parsed.data.comment.body });
  }

  getLink(p: Principal, id: string): Record<string, unknown> {
    const link = /^\d+$/.test(id) ? this.rows.link(Number(id)) : undefined;
    if (!link) throw jiraError(404, `No issue link with id '${id}' exists.`);
    const inward = this.rows.issueById(link.inward_issue_id);
    const outward = this.rows.issueById(link.outward_issue_id);
    if (!this.perms.canSeeIssue(p, inward) || !this.perms.canSeeIssue(p, outward)) throw jiraError(404, `No issue link with id '${id}' exists.`);
    const ref = (i: IssueRow) => ({ id: String(i.id), key: i.key, self: `${this.base}/rest/api/3/issue/${i.id}`, fields: { summary: i.summary, status: this.fmt.status(this.rows.status(i.status_id)) } });
    return { id: String(link.id), self: `${this.base}/rest/api/3/issueLink/${link.id}`, type: this.fmt.linkType(this.rows.linkType(link.type_id)!), inwardIssue: ref(inward), outwardIssue: ref(outward) };
  }

  deleteLink(p: Principal, id: string): void {
    this.getLink(p, id);
    this.db.prepare('DELETE FROM issue_links WHERE id = ?').run(Number(id));
  }

  // ---------------------------------------------------------------- Forge product-event payloads

  /** The issue part of Forge's issue events (https://developer.atlassian.com/platform/forge/events-reference/jira/). */
  eventIssuePayload(issue: IssueRow): Record<string, unknown> {
    const project = this.rows.projectById(issue.project_id);
    return {
      issue: {
        id: String(issue.id),
        key: issue.key,
        fields: {
          summary: issue.summary,
          issuetype: this.fmt.issueType(this.rows.issueType(issue.issue_type_id)!),
          creator: issue.creator_id ? { accountId: issue.creator_id } : null,
          created: jiraDateTime(issue.created),
          project: this.fmt.projectRef(project),
          reporter: issue.reporter_id ? { accountId: issue.reporter_id } : null,
          assignee: issue.assignee_id ? { accountId: issue.assignee_id } : null,
          updated: jiraDateTime(issue.updated),
          status: this.fmt.status(this.rows.status(issue.status_id)),
        },
      },
    };
  }

  customFieldInfo(f: CustomFieldRow): Record<string, unknown> { return this.fmt.customField(f); }
  customFieldTypes(): string[] { return Object.keys(CUSTOM_FIELD_TYPES); }
}

/** Jira's `fields` parameter: ids, `*all`, `*navigable`, and `-id` to exclude. */
export function resolveFieldSelection(requested: string[] | undefined, defaultSpec: string, allIds: string[]): Set<string> {
  const spec = requested && requested.length ? requested : defaultSpec.split(',');
  const out = new Set<string>();
  for (const raw of spec.map((s) => s.trim()).filter(Boolean)) {
    if (raw === '*all' || raw === '*navigable') allIds.filter((id) => raw === '*all' || id !== 'comment').forEach((id) => out.add(id));
  }
  for (const raw of spec.map((s) => s.trim()).filter(Boolean)) {
    if (raw.startsWith('-')) out.delete(raw.slice(1));
    else if (!raw.startsWith('*') && raw !== 'id' && raw !== 'key' && allIds.includes(raw)) out.add(raw);
  }
  return out;
}

function stringOrNull(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Plain text of an ADF document (for changelog strings and JQL text search). */
export function adfToText(node: unknown): string {
  if (!node || typeof node !== 'object') return '';
  const n = node as { type?: string; text?: string; content?: unknown[] };
  if (n.type === 'text') return n.text ?? '';
  if (n.type === 'hardBreak') return '\n';
  const inner = (n.content ?? []).map(adfToText).join(n.type === 'doc' ? '\n' : '');
  return inner;
}
