/**
 * The issue operations the app performs on Jira, each named for what it does (ADR 011): read an incident with its
 * history, search, write the app's issue index property, set the priority, comment, notify, create and link issues.
 * Nothing outside src/jira calls Jira's REST API (eslint keeps it so); every call here goes through client.ts
 * (zod-checked answers, 429/5xx retried with backoff).
 */
import { route } from '@forge/api';
import { z } from 'zod';
import { adfFromText } from './adf';
import { JiraRequestError, jiraFetch, jiraGet, jiraGetOrNull, type Actor } from './client';
import { incidentBeanSchema, incidentQuery, ORGANIZATIONS_FIELD, type IncidentBean, type IncidentFieldIds } from './incident-snapshot';
import { searchPageSchema, statusSchema } from './schemas';

/** The app's issue entity property (ADR 005, ADR 010): an index and display copy, never read as input. */
export const ISSUE_INDEX_PROPERTY = 'sd-state';

// ---------------------------------------------------------------------------------------------------------------
// Reading

/** One incident with everything an evaluation needs (fields, changelog, comments, links), for `who`; null when it does not exist (any more) or `who` may not see it. */
export async function getIncidentBeanOrNull(key: string, who: Actor, fieldIds: IncidentFieldIds | null): Promise<IncidentBean | null> {
  const q = incidentQuery(fieldIds);
  return jiraGetOrNull(who, route`/rest/api/3/issue/${key}?fields=${q.fields}&expand=${q.expand}&properties=${ISSUE_INDEX_PROPERTY}`, incidentBeanSchema);
}

const fullPageSchema = z.object({
  issues: z.array(z.unknown()),
  nextPageToken: z.string().nullable().optional(),
  names: z.record(z.string(), z.string()).optional(),
}).passthrough();
export type FullSearchPage = z.infer<typeof fullPageSchema>;

/** Issues per page when fields, changelog and the index property are asked for (Jira's cap for such pages). */
export const FULL_PAGE_SIZE = 100;

/**
 * One page of /search/jql with everything an evaluation needs per issue (all fields, changelog, names, the index
 * property), so an issue found is evaluated without a read of its own.
 */
export async function searchFull(jql: string, nextPageToken: string | null): Promise<FullSearchPage> {
  const body: Record<string, unknown> = { jql, maxResults: FULL_PAGE_SIZE, fields: ['*all'], expand: 'changelog,names', properties: [ISSUE_INDEX_PROPERTY] };
  if (nextPageToken) body.nextPageToken = nextPageToken;
  const res = await jiraFetch('app', route`/rest/api/3/search/jql`, { method: 'POST', body });
  const parsed = fullPageSchema.safeParse(await res.json());
  if (!parsed.success) throw new Error(`Unexpected Jira search page: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

const refSchema = z.object({ id: z.string(), key: z.string(), fields: z.object({ project: z.object({ key: z.string() }).passthrough() }).passthrough() }).passthrough();
export interface IssueRef { id: string; key: string; projectKey: string }

/** One page of issue references (id, key, project) for a JQL query, asApp. */
export async function searchRefs(jql: string, nextPageToken: string | null, maxResults = FULL_PAGE_SIZE): Promise<{ refs: IssueRef[]; nextPageToken: string | null }> {
  const body: Record<string, unknown> = { jql, maxResults, fields: ['project'] };
  if (nextPageToken) body.nextPageToken = nextPageToken;
  const res = await jiraFetch('app', route`/rest/api/3/search/jql`, { method: 'POST', body });
  const page = z.object({ issues: z.array(z.unknown()), nextPageToken: z.string().nullable().optional() }).passthrough().parse(await res.json());
  const refs: IssueRef[] = [];
  for (const raw of page.issues) {
    const r = refSchema.safeParse(raw);
    if (r.success) refs.push({ id: r.data.id, key: r.data.key, projectKey: r.data.fields.project.key });
  }
  return { refs, nextPageToken: page.nextPageToken ?? null };
}

const reportIssueSchema = z.object({
  id: z.string(),
  key: z.string(),
  fields: z.object({
    created: z.string(),
    priority: z.object({ name: z.string() }).passthrough().nullable().optional(),
    resolutiondate: z.string().nullable().optional(),
    reporter: z.object({ accountId: z.string() }).passthrough().nullable().optional(),
  }).passthrough(),
}).passthrough();
export type ReportIssue = z.infer<typeof reportIssueSchema>;
const reportPageSchema = z.object({ issues: z.array(reportIssueSchema), nextPageToken: z.string().optional(), isLast: z.boolean().optional() }).passthrough();

/**
 * One page of the incidents a report covers, read as the viewer (asUser: they see the figures of the incidents Jira
 * lets them see). Only Jira's own fields; the app's evaluation of each comes from app storage. A JQL Jira refuses
 * (400) throws JiraRequestError.
 */
export async function searchReportIssues(jql: string, nextPageToken: string | undefined): Promise<{ issues: ReportIssue[]; nextPageToken: string | undefined }> {
  const params = new URLSearchParams({ jql, fields: 'created,priority,resolutiondate,reporter', maxResults: '100' });
  if (nextPageToken) params.set('nextPageToken', nextPageToken);
  const page = await jiraGet('user', route`/rest/api/3/search/jql?${params}`, reportPageSchema);
  return { issues: page.issues, nextPageToken: page.isLast === true ? undefined : page.nextPageToken };
}

/** Open issues of a JQL query counted by issue type name, as the viewer. */
export async function countByIssueType(jql: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let nextPageToken: string | undefined;
  do {
    const params = new URLSearchParams({ jql, fields: 'issuetype', maxResults: '100' });
    if (nextPageToken) params.set('nextPageToken', nextPageToken);
    const page = await jiraGet('user', route`/rest/api/3/search/jql?${params}`, searchPageSchema);
    for (const issue of page.issues) {
      const name = z.object({ issuetype: z.object({ name: z.string() }).passthrough() }).passthrough().safeParse(issue.fields).data?.issuetype.name ?? 'Unknown';
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    nextPageToken = page.nextPageToken;
  } while (nextPageToken);
  return counts;
}

/** A workflow status by id (the validator learns the target status of a transition). */
export async function getStatus(statusId: string): Promise<z.infer<typeof statusSchema>> {
  return jiraGet('app', route`/rest/api/3/status/${statusId}`, statusSchema);
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

/** Writes the app's index property (the one writer is src/incidents/issue-index.ts). */
export async function putIssueIndex(key: string, value: unknown): Promise<void> {
  await jiraFetch('app', route`/rest/api/3/issue/${key}/properties/${ISSUE_INDEX_PROPERTY}`, { method: 'PUT', body: value });
}

/**
 * Sets the priority under the first of `names` the site has (a plain site calls Critical "Highest"). Answers the name
 * set, or null when the site has none of them (Jira refused each with 400).
 */
export async function setPriorityByNames(key: string, names: readonly string[]): Promise<string | null> {
  for (const name of names) {
    try {
      await jiraFetch('app', route`/rest/api/3/issue/${key}`, { method: 'PUT', body: { fields: { priority: { name } } } });
      return name;
    } catch (e) {
      if (!(e instanceof JiraRequestError) || e.status !== 400) throw e;
    }
  }
  return null;
}

const createdComment = z.object({ id: z.string() }).passthrough();

/** Adds a comment as the app: `public` is customer-visible (JSM mails the customer), `internal` a JSM internal note. */
export async function addComment(key: string, text: string, visibility: 'public' | 'internal'): Promise<string> {
  const body = {
    body: adfFromText(text),
    ...(visibility === 'internal' ? { properties: [{ key: 'sd.public.comment', value: { internal: true } }] } : {}),
  };
  const res = await jiraFetch('app', route`/rest/api/3/issue/${key}/comment`, { method: 'POST', body });
  const parsed = createdComment.safeParse(await res.json());
  return parsed.success ? parsed.data.id : '';
}

/** Jira mails the given people about the issue (POST /issue/{key}/notify). */
export async function notifyUsers(key: string, subject: string, textBody: string, accountIds: readonly string[]): Promise<void> {
  await jiraFetch('app', route`/rest/api/3/issue/${key}/notify`, { method: 'POST', body: { subject, textBody, to: { users: accountIds.map((accountId) => ({ accountId })) } } });
}

const createdIssue = z.object({ id: z.string(), key: z.string() }).passthrough();

/** Creates an issue as the user (their Create issues permission applies). */
export async function createIssueAsUser(fields: Record<string, unknown>): Promise<{ id: string; key: string }> {
  const res = await jiraFetch('user', route`/rest/api/3/issue`, { method: 'POST', body: { fields } });
  return createdIssue.parse(await res.json());
}

/** Links two issues as the user: `inward` "relates to" `outward` for the Relates type. */
export async function linkIssuesAsUser(typeName: string, inwardKey: string, outwardKey: string): Promise<void> {
  await jiraFetch('user', route`/rest/api/3/issueLink`, { method: 'POST', body: { type: { name: typeName }, inwardIssue: { key: inwardKey }, outwardIssue: { key: outwardKey } } });
}

/** Edits fields of an issue as the user (their Edit issues permission applies; Jira refuses a field not on the screen). */
export async function editIssueAsUser(key: string, fields: Record<string, unknown>): Promise<void> {
  await jiraFetch('user', route`/rest/api/3/issue/${key}`, { method: 'PUT', body: { fields } });
}

/** A paragraph (textarea) field's value in REST v3: an Atlassian Document. */
export const paragraphValue = (text: string): unknown => adfFromText(text);

const fieldList = z.array(z.object({ id: z.string(), name: z.string() }).passthrough());

/** The id of the first custom field whose name is one of `names` (case-insensitive), or null when the site has none. */
export async function findFieldIdByNames(names: readonly string[]): Promise<string | null> {
  const fields = await jiraGet('user', route`/rest/api/3/field`, fieldList);
  for (const n of names) {
    const hit = fields.find((f) => f.id.startsWith('customfield_') && f.name.trim().toLowerCase() === n.trim().toLowerCase());
    if (hit) return hit.id;
  }
  return null;
}

const issueTypeBean = z.object({ key: z.string(), fields: z.object({ issuetype: z.object({ name: z.string() }).passthrough(), summary: z.string().optional() }).passthrough() }).passthrough();

/** Another issue's key and type, as the user sees it; null when it does not exist or they may not see it. */
export async function getIssueTypeAsUser(key: string): Promise<{ key: string; issueType: string; summary: string } | null> {
  const bean = await jiraGetOrNull('user', route`/rest/api/3/issue/${key}?fields=issuetype,summary`, issueTypeBean);
  return bean ? { key: bean.key, issueType: bean.fields.issuetype.name, summary: bean.fields.summary ?? '' } : null;
}

export { JiraRequestError };

const typedFieldList = z.array(z.object({ id: z.string(), name: z.string(), schema: z.object({ custom: z.string().optional() }).passthrough().optional() }).passthrough());

/** JSM's "Organizations" field id (by its custom type, else its name), read as the app; null on a site without JSM. */
export async function findOrganizationsFieldId(): Promise<string | null> {
  const fields = await jiraGet('app', route`/rest/api/3/field`, typedFieldList);
  const custom = fields.filter((f) => f.id.startsWith('customfield_'));
  const hit = custom.find((f) => f.schema?.custom === ORGANIZATIONS_FIELD.customType) ?? custom.find((f) => f.name.trim().toLowerCase() === ORGANIZATIONS_FIELD.name.toLowerCase());
  return hit?.id ?? null;
}
