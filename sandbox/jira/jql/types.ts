/** The public types of the sandbox JQL engine (re-exported by `./index`). */

/** The view of an issue the engine evaluates against. */
export interface JqlIssue {
  /** Numeric string, e.g. "10001". */
  id: string;
  /** "SD-12" */
  key: string;
  projectId: string; projectKey: string; projectName: string;
  issueTypeId: string; issueTypeName: string;
  statusId: string; statusName: string; statusCategoryKey: 'new' | 'indeterminate' | 'done';
  priorityId: string | null; priorityName: string | null;
  reporterAccountId: string | null; assigneeAccountId: string | null;
  summary: string;
  labels: string[];
  /** Epoch milliseconds. */
  created: number; updated: number; resolutionDate: number | null;
  /** Issue entity properties: propertyKey -> JSON value. */
  properties: Record<string, unknown>;
  /** Custom field values as stored (`customfield_10014` -> value), for the date-time, user picker and Organizations custom fields JQL searches. */
  custom?: Record<string, unknown>;
}

/** An indexed entity property (manifest `jira:entityProperty` value with a `searchAlias`). */
export interface JqlAlias { propertyKey: string; path: string; type: 'number' | 'string' | 'text' | 'user' | 'date' }

/** What exists on the site and is visible to the searching user, for validation. Orders matter for sorting:
 *  `priorities` highest first; `statuses` and `issueTypes` in their configured sequence. */
export interface JqlCatalog {
  projects: Array<{ id: string; key: string; name: string }>;
  issueTypes: Array<{ id: string; name: string }>;
  statuses: Array<{ id: string; name: string }>;
  priorities: Array<{ id: string; name: string }>;
  users: Array<{ accountId: string; displayName: string; emailAddress?: string }>;
  /** Custom fields (id `customfield_N`, name, Jira type key); date-time and user picker ones are searchable by name or `cf[N]`. */
  customFields?: Array<{ id: string; name: string; type: string }>;
  /** JSM customer organizations the searcher may name, for JSM's "Organizations" field (by id or name). */
  organizations?: Array<{ id: string; name: string }>;
}

export interface JqlContext {
  /** Epoch ms: the sandbox clock (the engine never reads Date.now()). */
  now: number;
  /** IANA zone of the searching user; used for date literals and startOfDay() etc. */
  timeZone: string;
  currentAccountId: string | null;
  /** searchAlias -> indexed entity property. */
  aliases: Record<string, JqlAlias>;
  catalog: JqlCatalog;
  /** First day of the week for startOfWeek()/endOfWeek(). Jira takes it from the user's locale; default 'sunday'
   *  (Jira's default en_US locale). */
  weekStart?: 'sunday' | 'monday';
}

export type CompiledJql =
  | { ok: true; filter: (issue: JqlIssue) => boolean; compare: (a: JqlIssue, b: JqlIssue) => number; isBounded: boolean }
  | { ok: false; errorMessages: string[] };
