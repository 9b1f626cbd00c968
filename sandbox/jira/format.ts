import type { CommentRow, CustomFieldRow, IssueTypeRow, PriorityRow, ProjectRow, ResolutionRow, Rows, StatusRow, UserRow, ChangelogRow, ChangeItem, LinkTypeRow } from './rows';

/** Jira's date-time format: `2026-11-22T10:15:30.123+0000` (always UTC in the sandbox). */
export function jiraDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

const STATUS_CATEGORIES = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
} as const;

export const SYSTEM_FIELDS: Array<{ id: string; name: string; schema?: { type: string; system: string; items?: string }; orderable: boolean; navigable: boolean; searchable: boolean; clauseNames: string[] }> = [
  { id: 'summary', name: 'Summary', schema: { type: 'string', system: 'summary' }, orderable: true, navigable: true, searchable: true, clauseNames: ['summary'] },
  { id: 'description', name: 'Description', schema: { type: 'string', system: 'description' }, orderable: true, navigable: true, searchable: true, clauseNames: ['description'] },
  { id: 'issuetype', name: 'Issue Type', schema: { type: 'issuetype', system: 'issuetype' }, orderable: true, navigable: true, searchable: true, clauseNames: ['issuetype', 'type'] },
  { id: 'project', name: 'Project', schema: { type: 'project', system: 'project' }, orderable: false, navigable: true, searchable: true, clauseNames: ['project'] },
  { id: 'status', name: 'Status', schema: { type: 'status', system: 'status' }, orderable: false, navigable: true, searchable: true, clauseNames: ['status'] },
  { id: 'priority', name: 'Priority', schema: { type: 'priority', system: 'priority' }, orderable: true, navigable: true, searchable: true, clauseNames: ['priority'] },
  { id: 'resolution', name: 'Resolution', schema: { type: 'resolution', system: 'resolution' }, orderable: true, navigable: true, searchable: true, clauseNames: ['resolution'] },
  { id: 'resolutiondate', name: 'Resolved', schema: { type: 'datetime', system: 'resolutiondate' }, orderable: false, navigable: true, searchable: true, clauseNames: ['resolutiondate', 'resolved'] },
  { id: 'reporter', name: 'Reporter', schema: { type: 'user', system: 'reporter' }, orderable: true, navigable: true, searchable: true, clauseNames: ['reporter'] },
  { id: 'assignee', name: 'Assignee', schema: { type: 'user', system: 'assignee' }, orderable: true, navigable: true, searchable: true, clauseNames: ['assignee'] },
  { id: 'creator', name: 'Creator', schema: { type: 'user', system: 'creator' }, orderable: false, navigable: true, searchable: true, clauseNames: ['creator'] },
  { id: 'created', name: 'Created', schema: { type: 'datetime', system: 'created' }, orderable: false, navigable: true, searchable: true, clauseNames: ['created', 'createdDate'] },
  { id: 'updated', name: 'Updated', schema: { type: 'datetime', system: 'updated' }, orderable: false, navigable: true, searchable: true, clauseNames: ['updated', 'updatedDate'] },
  { id: 'labels', name: 'Labels', schema: { type: 'array', items: 'string', system: 'labels' }, orderable: true, navigable: true, searchable: true, clauseNames: ['labels'] },
  { id: 'comment', name: 'Comment', schema: { type: 'comments-page', system: 'comment' }, orderable: true, navigable: false, searchable: true, clauseNames: ['comment'] },
  { id: 'issuelinks', name: 'Linked Issues', schema: { type: 'array', items: 'issuelinks', system: 'issuelinks' }, orderable: true, navigable: true, searchable: true, clauseNames: ['issueLink'] },
  { id: 'statuscategorychangedate', name: 'Status Category Changed', schema: { type: 'datetime', system: 'statuscategorychangedate' }, orderable: false, navigable: true, searchable: true, clauseNames: ['statusCategoryChangedDate'] },
];

/** Custom field types the sandbox supports, by Jira's type key. */
export const CUSTOM_FIELD_TYPES: Record<string, { schemaType: string; items?: string; searcher: string }> = {
  'com.atlassian.jira.plugin.system.customfieldtypes:select': { schemaType: 'option', searcher: 'com.atlassian.jira.plugin.system.customfieldtypes:multiselectsearcher' },
  'com.atlassian.jira.plugin.system.customfieldtypes:multiselect': { schemaType: 'array', items: 'option', searcher: 'com.atlassian.jira.plugin.system.customfieldtypes:multiselectsearcher' },
  // Checkboxes: several options like a multi-select (same value shape `[{ value }]`), Jira's searcher for it is multiselectsearcher.
  'com.atlassian.jira.plugin.system.customfieldtypes:multicheckboxes': { schemaType: 'array', items: 'option', searcher: 'com.atlassian.jira.plugin.system.customfieldtypes:multiselectsearcher' },
  'com.atlassian.jira.plugin.system.customfieldtypes:textfield': { schemaType: 'string', searcher: 'com.atlassian.jira.plugin.system.customfieldtypes:textsearcher' },
  'com.atlassian.jira.plugin.system.customfieldtypes:textarea': { schemaType: 'string', searcher: 'com.atlassian.jira.plugin.system.customfieldtypes:textsearcher' },
  'com.atlassian.jira.plugin.system.customfieldtypes:float': { schemaType: 'number', searcher: 'com.atlassian.jira.plugin.system.customfieldtypes:exactnumber' },
  'com.atlassian.jira.plugin.system.customfieldtypes:datetime': { schemaType: 'datetime', searcher: 'com.atlassian.jira.plugin.system.customfieldtypes:datetimerange' },
  'com.atlassian.jira.plugin.system.customfieldtypes:datepicker': { schemaType: 'date', searcher: 'com.atlassian.jira.plugin.system.customfieldtypes:daterange' },
  'com.atlassian.jira.plugin.system.customfieldtypes:userpicker': { schemaType: 'user', searcher: 'com.atlassian.jira.plugin.system.customfieldtypes:userpickergroupsearcher' },
  'com.atlassian.jira.plugin.system.customfieldtypes:multiuserpicker': { schemaType: 'array', items: 'user', searcher: 'com.atlassian.jira.plugin.system.customfieldtypes:userpickergroupsearcher' },
  'com.atlassian.jira.plugin.system.customfieldtypes:url': { schemaType: 'string', searcher: 'com.atlassian.jira.plugin.system.customfieldtypes:exacttextsearcher' },
  'com.atlassian.jira.plugin.system.customfieldtypes:labels': { schemaType: 'array', items: 'string', searcher: 'com.atlassian.jira.plugin.system.customfieldtypes:labelsearcher' },
  // JSM's locked "Organizations" field (sandbox/jira/organizations.ts): JSM creates it; POST /field refuses the type.
  'com.atlassian.servicedesk:sd-customer-organizations': { schemaType: 'array', items: 'sd-customerorganization', searcher: 'com.atlassian.servicedesk:sd-customer-organizations-searcher' },
};

export class Formatter {
  constructor(public base: string, private readonly rows: Rows) {}

  avatarUrls(seed: string): Record<string, string> {
    const u = `${this.base}/shell/avatar.svg?seed=${encodeURIComponent(seed)}`;
    return { '48x48': u, '24x24': u, '16x16': u, '32x32': u };
  }

  /** A user bean as Jira returns it; the email is shown only to site admins and to the user (privacy setting "only you and admins"). */
  user(u: UserRow, viewer?: UserRow): Record<string, unknown> {
    const showEmail = viewer && (viewer.account_id === u.account_id || viewer.is_site_admin === 1 || viewer.account_type === 'app');
    return {
      self: `${this.base}/rest/api/3/user?accountId=${encodeURIComponent(u.account_id)}`,
      accountId: u.account_id,
      accountType: u.account_type,
      ...(showEmail && u.email ? { emailAddress: u.email } : {}),
      avatarUrls: this.avatarUrls(u.account_id),
      displayName: u.display_name,
      active: u.active === 1,
      timeZone: u.time_zone,
      locale: u.locale,
    };
  }

  userRef(accountId: string | null, viewer?: UserRow): Record<string, unknown> | null {
    if (!accountId) return null;
    const u = this.rows.user(accountId);
    return u ? this.user(u, viewer) : null;
  }

  statusCategory(key: StatusRow['category_key']): Record<string, unknown> {
    const c = STATUS_CATEGORIES[key];
    return { self: `${this.base}/rest/api/3/statuscategory/${c.id}`, ...c };
  }

  status(s: StatusRow): Record<string, unknown> {
    return { self: `${this.base}/rest/api/3/status/${s.id}`, description: s.description, iconUrl: `${this.base}/shell/status.svg`, name: s.name, id: s.id, statusCategory: this.statusCategory(s.category_key) };
  }

  issueType(t: IssueTypeRow): Record<string, unknown> {
    return { self: `${this.base}/rest/api/3/issuetype/${t.id}`, id: t.id, description: t.description, iconUrl: `${this.base}/shell/issuetype.svg?name=${encodeURIComponent(t.name)}`, name: t.name, subtask: t.subtask === 1, avatarId: t.avatar_id, hierarchyLevel: t.hierarchy_level };
  }

  priority(p: PriorityRow): Record<string, unknown> {
    return { self: `${this.base}/rest/api/3/priority/${p.id}`, statusColor: p.status_color, description: p.description, iconUrl: `${this.base}/shell/priority.svg?name=${encodeURIComponent(p.name)}`, name: p.name, id: p.id, isDefault: p.is_default === 1 };
  }

  resolution(r: ResolutionRow): Record<string, unknown> {
    return { self: `${this.base}/rest/api/3/resolution/${r.id}`, id: r.id, description: r.description, name: r.name };
  }

  projectRef(p: ProjectRow): Record<string, unknown> {
    return { self: `${this.base}/rest/api/3/project/${p.id}`, id: p.id, key: p.key, name: p.name, projectTypeKey: p.project_type_key, simplified: false, avatarUrls: this.avatarUrls(p.key) };
  }

  project(p: ProjectRow, viewer?: UserRow): Record<string, unknown> {
    return {
      expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
      ...this.projectRef(p),
      description: p.description,
      lead: this.userRef(p.lead_account_id, viewer),
      issueTypes: this.rows.projectIssueTypes(p.id).map((t) => this.issueType(t)),
      assigneeType: 'UNASSIGNED',
      style: 'classic',
      isPrivate: false,
      properties: {},
    };
  }

  /**
   * The issue type scheme bean (IssueTypeScheme of the REST reference). The sandbox has one scheme per project
   * (as a company-managed project gets when its issue types are edited); see JiraSite.issueTypeSchemeOf.
   */
  issueTypeScheme(scheme: { id: string; project: ProjectRow }): Record<string, unknown> {
    return { id: scheme.id, name: `${scheme.project.key}: ${scheme.project.name} Issue Type Scheme`, description: `Issue types of project ${scheme.project.key}.`, isDefault: false };
  }

  customField(f: CustomFieldRow): Record<string, unknown> {
    const t = CUSTOM_FIELD_TYPES[f.type];
    const num = Number(f.id.replace('customfield_', ''));
    return {
      id: f.id, key: f.id, name: f.name, untranslatedName: f.name, custom: true, orderable: true, navigable: true, searchable: true,
      clauseNames: [`cf[${num}]`, f.name],
      schema: { type: t?.schemaType ?? 'any', ...(t?.items ? { items: t.items } : {}), custom: f.type, customId: num },
    };
  }

  systemField(f: (typeof SYSTEM_FIELDS)[number]): Record<string, unknown> {
    return { id: f.id, key: f.id, name: f.name, custom: false, orderable: f.orderable, navigable: f.navigable, searchable: f.searchable, clauseNames: f.clauseNames, ...(f.schema ? { schema: f.schema } : {}) };
  }

  comment(c: CommentRow, viewer?: UserRow): Record<string, unknown> {
    const author = this.userRef(c.author_id, viewer);
    return {
      self: `${this.base}/rest/api/3/issue/${c.issue_id}/comment/${c.id}`,
      id: String(c.id),
      author,
      body: JSON.parse(c.body) as unknown,
      updateAuthor: author,
      created: jiraDateTime(c.created),
      updated: jiraDateTime(c.updated),
      jsdPublic: c.is_public === 1,
    };
  }

  changelogEntry(c: ChangelogRow, viewer?: UserRow): Record<string, unknown> {
    return { id: String(c.id), author: this.userRef(c.author_id, viewer), created: jiraDateTime(c.created), items: JSON.parse(c.items) as ChangeItem[] };
  }

  linkType(t: LinkTypeRow): Record<string, unknown> {
    return { id: t.id, name: t.name, inward: t.inward, outward: t.outward, self: `${this.base}/rest/api/3/issueLinkType/${t.id}` };
  }
}
