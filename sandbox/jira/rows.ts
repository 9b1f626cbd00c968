import type { Database as Db } from 'better-sqlite3';

export interface UserRow {
  account_id: string; display_name: string; email: string | null; api_token: string | null; account_type: 'atlassian' | 'customer' | 'app';
  time_zone: string; locale: string; active: number; is_site_admin: number; title: string; organization: string | null;
}
export interface ProjectRow { id: string; key: string; name: string; project_type_key: string; lead_account_id: string | null; description: string; next_issue_number: number }
export interface StatusRow { id: string; name: string; category_key: 'new' | 'indeterminate' | 'done'; description: string }
export interface IssueTypeRow { id: string; name: string; description: string; subtask: number; hierarchy_level: number; avatar_id: number }
export interface PriorityRow { id: string; name: string; description: string; status_color: string; position: number; is_default: number }
export interface ResolutionRow { id: string; name: string; description: string }
export interface CustomFieldRow { id: string; name: string; description: string; type: string; searcher_key: string | null }
export interface FieldOptionRow { id: string; field_id: string; value: string; disabled: number; position: number }
export interface IssueRow {
  id: number; key: string; project_id: string; issue_type_id: string; status_id: string; priority_id: string | null; resolution_id: string | null;
  summary: string; description: string | null; reporter_id: string | null; assignee_id: string | null; creator_id: string | null;
  labels: string; custom: string; created: number; updated: number; resolution_date: number | null; status_category_changed: number;
}
export interface CommentRow { id: number; issue_id: number; author_id: string; body: string; is_public: number; created: number; updated: number }
export interface ChangelogRow { id: number; issue_id: number; author_id: string | null; created: number; items: string }
export interface LinkTypeRow { id: string; name: string; inward: string; outward: string }
export interface IssueLinkRow { id: number; type_id: string; inward_issue_id: number; outward_issue_id: number }

export interface WorkflowTransition { id: string; name: string; from: string[] | null; to: string; validators: string[] }
export interface WorkflowDefinition { transitions: WorkflowTransition[] }

export interface ChangeItem { field: string; fieldtype: 'jira' | 'custom'; fieldId: string; from: string | null; fromString: string | null; to: string | null; toString: string | null }

/** Typed, prepared lookups over the store. */
export class Rows {
  constructor(readonly db: Db) {}
  user(accountId: string): UserRow | undefined { return this.db.prepare('SELECT * FROM users WHERE account_id = ?').get(accountId) as UserRow | undefined; }
  userByEmail(email: string): UserRow | undefined { return this.db.prepare('SELECT * FROM users WHERE lower(email) = lower(?)').get(email) as UserRow | undefined; }
  users(): UserRow[] { return this.db.prepare('SELECT * FROM users ORDER BY display_name').all() as UserRow[]; }
  project(idOrKey: string): ProjectRow | undefined { return this.db.prepare('SELECT * FROM projects WHERE id = ? OR upper(key) = upper(?)').get(idOrKey, idOrKey) as ProjectRow | undefined; }
  projectById(id: string): ProjectRow { return this.db.prepare('SELECT * FROM projects WHERE id = ?').get(id) as ProjectRow; }
  projects(): ProjectRow[] { return this.db.prepare('SELECT * FROM projects ORDER BY key').all() as ProjectRow[]; }
  projectRoles(projectId: string, accountId: string): string[] {
    return (this.db.prepare('SELECT role FROM project_roles WHERE project_id = ? AND account_id = ?').all(projectId, accountId) as { role: string }[]).map((r) => r.role);
  }
  status(id: string): StatusRow { return this.db.prepare('SELECT * FROM statuses WHERE id = ?').get(id) as StatusRow; }
  statusByName(name: string): StatusRow | undefined { return this.db.prepare('SELECT * FROM statuses WHERE lower(name) = lower(?)').get(name) as StatusRow | undefined; }
  statuses(): StatusRow[] { return this.db.prepare('SELECT * FROM statuses ORDER BY CAST(id AS INTEGER)').all() as StatusRow[]; }
  issueType(id: string): IssueTypeRow | undefined { return this.db.prepare('SELECT * FROM issue_types WHERE id = ?').get(id) as IssueTypeRow | undefined; }
  issueTypes(): IssueTypeRow[] { return this.db.prepare('SELECT * FROM issue_types ORDER BY CAST(id AS INTEGER)').all() as IssueTypeRow[]; }
  projectIssueTypes(projectId: string): (IssueTypeRow & { workflow: string })[] {
    return this.db.prepare('SELECT t.*, p.workflow FROM project_issue_types p JOIN issue_types t ON t.id = p.issue_type_id WHERE p.project_id = ? ORDER BY p.position').all(projectId) as (IssueTypeRow & { workflow: string })[];
  }
  workflowNames(): string[] { return (this.db.prepare('SELECT name FROM workflows ORDER BY rowid').all() as { name: string }[]).map((r) => r.name); }
  /** The workflow an issue type has in the first project (by id) that uses it, if any. */
  workflowUsedFor(issueTypeId: string): string | undefined {
    return (this.db.prepare('SELECT workflow FROM project_issue_types WHERE issue_type_id = ? ORDER BY CAST(project_id AS INTEGER) LIMIT 1').get(issueTypeId) as { workflow: string } | undefined)?.workflow;
  }
  workflowOf(projectId: string, issueTypeId: string): { name: string; initial: string; def: WorkflowDefinition } | undefined {
    const row = this.db.prepare('SELECT w.name, w.initial_status_id, w.definition FROM project_issue_types p JOIN workflows w ON w.name = p.workflow WHERE p.project_id = ? AND p.issue_type_id = ?')
      .get(projectId, issueTypeId) as { name: string; initial_status_id: string; definition: string } | undefined;
    return row ? { name: row.name, initial: row.initial_status_id, def: JSON.parse(row.definition) as WorkflowDefinition } : undefined;
  }
  priority(id: string): PriorityRow | undefined { return this.db.prepare('SELECT * FROM priorities WHERE id = ?').get(id) as PriorityRow | undefined; }
  priorities(): PriorityRow[] { return this.db.prepare('SELECT * FROM priorities ORDER BY position').all() as PriorityRow[]; }
  resolution(id: string): ResolutionRow | undefined { return this.db.prepare('SELECT * FROM resolutions WHERE id = ?').get(id) as ResolutionRow | undefined; }
  resolutions(): ResolutionRow[] { return this.db.prepare('SELECT * FROM resolutions ORDER BY CAST(id AS INTEGER)').all() as ResolutionRow[]; }
  customFields(): CustomFieldRow[] { return this.db.prepare('SELECT * FROM custom_fields ORDER BY CAST(substr(id, 13) AS INTEGER)').all() as CustomFieldRow[]; }
  customField(id: string): CustomFieldRow | undefined { return this.db.prepare('SELECT * FROM custom_fields WHERE id = ?').get(id) as CustomFieldRow | undefined; }
  fieldOptions(fieldId: string): FieldOptionRow[] { return this.db.prepare('SELECT * FROM field_options WHERE field_id = ? ORDER BY position').all(fieldId) as FieldOptionRow[]; }
  fieldOption(id: string): FieldOptionRow | undefined { return this.db.prepare('SELECT * FROM field_options WHERE id = ?').get(id) as FieldOptionRow | undefined; }
  issue(idOrKey: string): IssueRow | undefined {
    return (/^\d+$/.test(idOrKey)
      ? this.db.prepare('SELECT * FROM issues WHERE id = ?').get(Number(idOrKey))
      : this.db.prepare('SELECT * FROM issues WHERE key = ?').get(idOrKey.toUpperCase())) as IssueRow | undefined;
  }
  issueById(id: number): IssueRow { return this.db.prepare('SELECT * FROM issues WHERE id = ?').get(id) as IssueRow; }
  comments(issueId: number): CommentRow[] { return this.db.prepare('SELECT * FROM comments WHERE issue_id = ? ORDER BY created, id').all(issueId) as CommentRow[]; }
  comment(id: number): CommentRow | undefined { return this.db.prepare('SELECT * FROM comments WHERE id = ?').get(id) as CommentRow | undefined; }
  changelog(issueId: number): ChangelogRow[] { return this.db.prepare('SELECT * FROM changelog WHERE issue_id = ? ORDER BY created, id').all(issueId) as ChangelogRow[]; }
  properties(issueId: number): { key: string; value: string }[] { return this.db.prepare('SELECT key, value FROM issue_properties WHERE issue_id = ? ORDER BY key').all(issueId) as { key: string; value: string }[]; }
  linkTypes(): LinkTypeRow[] { return this.db.prepare('SELECT * FROM link_types ORDER BY CAST(id AS INTEGER)').all() as LinkTypeRow[]; }
  linkType(id: string): LinkTypeRow | undefined { return this.db.prepare('SELECT * FROM link_types WHERE id = ?').get(id) as LinkTypeRow | undefined; }
  linksOf(issueId: number): IssueLinkRow[] { return this.db.prepare('SELECT * FROM issue_links WHERE inward_issue_id = ? OR outward_issue_id = ? ORDER BY id').all(issueId, issueId) as IssueLinkRow[]; }
  /** JSM's "Organizations" fields (type `com.atlassian.servicedesk:sd-customer-organizations`); a JSM site has one. */
  organizationFieldIds(): string[] {
    return (this.db.prepare("SELECT id FROM custom_fields WHERE type = 'com.atlassian.servicedesk:sd-customer-organizations'").all() as { id: string }[]).map((r) => r.id);
  }
  /** The JSM customer organizations an account belongs to (ids as JSM answers them: strings). */
  organizationIdsOf(accountId: string): string[] {
    return (this.db.prepare('SELECT organization_id AS id FROM sd_organization_members WHERE account_id = ? ORDER BY organization_id').all(accountId) as { id: number }[]).map((r) => String(r.id));
  }
  /** The organizations a request is shared with: the ids held in its Organizations field (stored as strings). */
  sharedOrganizationIds(issue: IssueRow): string[] {
    const custom = JSON.parse(issue.custom) as Record<string, unknown>;
    return this.organizationFieldIds().flatMap((f) => (Array.isArray(custom[f]) ? (custom[f] as unknown[]).map(String) : []));
  }
  link(id: number): IssueLinkRow | undefined { return this.db.prepare('SELECT * FROM issue_links WHERE id = ?').get(id) as IssueLinkRow | undefined; }
}
