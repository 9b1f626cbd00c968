/** Shapes of the sandbox control API and the parts of Jira Cloud REST v3 the shell reads. */

/** A user as GET /sandbox/users returns it; roles come as codes or as `{ code, name }`. */
export interface SandboxUserWire {
  accountId: string;
  displayName: string;
  emailAddress: string;
  apiToken: string;
  accountType: 'atlassian' | 'customer';
  roles?: Array<string | { code: string; name?: string }>;
  title?: string;
  organization?: string | null;
  isJiraAdmin?: boolean;
  /** The user's Jira profile: IANA time zone ("Europe/London") and Jira locale ("en_GB"). */
  timeZone?: string;
  locale?: string;
}

/** A sandbox user as the shell uses it (roles normalised to codes). */
export interface SandboxUser {
  accountId: string;
  displayName: string;
  emailAddress: string;
  apiToken: string;
  accountType: 'atlassian' | 'customer';
  /** ISO/IEC TR 29110 role codes, e.g. "SM". */
  roles: string[];
  title: string;
  isJiraAdmin: boolean;
  /** Where every instant the shell shows is put: the profile's zone and locale (UTC and en_US when unknown). */
  timeZone: string;
  locale: string;
}

export interface SandboxClock {
  now: string;
  offsetMs: number;
}

export interface JiraErrorBody {
  errorMessages?: string[];
  errors?: Record<string, string>;
}

export interface AdfNode {
  type: string;
  text?: string;
  content?: AdfNode[];
  attrs?: Record<string, unknown>;
}

export interface AdfDoc extends AdfNode {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

export interface JiraUserRef {
  accountId?: string;
  displayName?: string;
  emailAddress?: string;
}

export interface JiraStatusCategory {
  key?: string;
  name?: string;
  colorName?: string;
}

export interface JiraStatus {
  id?: string;
  name: string;
  statusCategory?: JiraStatusCategory;
}

export interface JiraNamedIcon {
  id?: string;
  name: string;
  iconUrl?: string;
}

export interface JiraProject {
  id: string;
  key: string;
  name: string;
  projectTypeKey?: string;
  description?: string;
  lead?: JiraUserRef;
}

export interface JiraProjectPage {
  values: JiraProject[];
  isLast?: boolean;
  startAt?: number;
  maxResults?: number;
  total?: number;
}

export interface JiraIssueFields {
  summary?: string;
  status?: JiraStatus;
  priority?: JiraNamedIcon | null;
  issuetype?: JiraNamedIcon;
  reporter?: JiraUserRef | null;
  assignee?: JiraUserRef | null;
  created?: string;
  updated?: string;
  description?: AdfDoc | null;
  labels?: string[];
  project?: JiraProject;
  /** Custom fields by id, e.g. JSM's Organizations (`[{ id, name }]`). */
  [customFieldId: string]: unknown;
}

export interface JiraIssue {
  id: string;
  key: string;
  fields: JiraIssueFields;
}

export interface JiraSearchResult {
  issues: JiraIssue[];
  nextPageToken?: string;
  isLast?: boolean;
}

export interface JiraComment {
  id: string;
  author?: JiraUserRef;
  body?: AdfDoc | null;
  created?: string;
  updated?: string;
  jsdPublic?: boolean;
}

export interface JiraCommentPage {
  comments: JiraComment[];
  total?: number;
}

/** A JSM approval (GET /rest/servicedeskapi/request/{key}/approval). */
export interface JsmApproval {
  id: string;
  name: string;
  finalDecision: 'pending' | 'approved' | 'declined';
  canAnswerApproval: boolean;
  approvers: Array<{ approver: { accountId: string; displayName: string }; approverDecision: string }>;
}

export interface JiraTransition {
  id: string;
  name: string;
  to?: JiraStatus;
}

export interface JiraChangelogItem {
  field: string;
  fromString?: string | null;
  toString?: string | null;
}

export interface JiraChangelogEntry {
  id: string;
  author?: JiraUserRef;
  created?: string;
  items: JiraChangelogItem[];
}

export interface JiraChangelogPage {
  values?: JiraChangelogEntry[];
  histories?: JiraChangelogEntry[];
}

export type ModuleKey = 'sd-issue-panel' | 'sd-admin-page' | 'sd-project-page' | 'sd-portal-request' | 'sd-portal-home' | 'sd-global-page';

export interface FrameGrant {
  frameToken: string;
  src: string;
}
