/**
 * The Jira reads of the change reports (issue #13 "Reports"), as the viewer (asUser: the figures cover the changes
 * Jira lets them see): one paginated search over the project's change issues with their status, change type,
 * links and status history, and the raising instant of linked incidents (MET-36's window). The app's own record of
 * each change comes from app storage, never from here.
 */
import { route } from '@forge/api';
import { z } from 'zod';
import { jiraGet } from './client';
import { jiraInstantOrNull } from './incident-snapshot';

/** Jira writes offsets as +0000; the report reads ISO 8601 (as it is when unreadable, the domain then drops it). */
function iso(s: string): string {
  const t = jiraInstantOrNull(s);
  return t === null ? s : new Date(t).toISOString();
}

const linkedIssue = z.object({
  id: z.string(),
  key: z.string(),
  fields: z.object({ issuetype: z.object({ name: z.string() }).passthrough().optional() }).passthrough().optional(),
}).passthrough();
const linkSchema = z.object({
  type: z.object({ name: z.string(), inward: z.string(), outward: z.string() }).passthrough(),
  inwardIssue: linkedIssue.optional(),
  outwardIssue: linkedIssue.optional(),
}).passthrough();
const historySchema = z.object({
  created: z.string(),
  items: z.array(z.object({ field: z.string(), toString: z.string().nullable().optional() }).passthrough()),
}).passthrough();

const changeIssueSchema = z.object({
  id: z.string(),
  key: z.string(),
  fields: z.object({
    summary: z.string().nullable().optional(),
    created: z.string(),
    resolutiondate: z.string().nullable().optional(),
    status: z.object({ name: z.string(), statusCategory: z.object({ key: z.string() }).passthrough() }).passthrough(),
    issuelinks: z.array(linkSchema).optional(),
  }).passthrough(),
  changelog: z.object({ histories: z.array(historySchema) }).passthrough().optional(),
}).passthrough();
const changePageSchema = z.object({ issues: z.array(changeIssueSchema), nextPageToken: z.string().optional(), isLast: z.boolean().optional() }).passthrough();

export interface ChangeReportIssue {
  id: string;
  key: string;
  summary: string;
  created: string;
  resolutiondate: string | null;
  statusName: string;
  /** Jira's status category key: `new`, `indeterminate` or `done`. */
  statusCategory: string;
  /** The change type option's value as the site names it; null when not set (or the site has no such field). */
  changeTypeValue: string | null;
  /** When the issue entered which status (Jira's changelog, as returned with the search). */
  statusHistory: Array<{ at: string; to: string }>;
  /** Links as seen from the change: the words from its side and the other issue. */
  links: Array<{ phrase: string; otherId: string; otherKey: string; otherIssueType: string | null }>;
}

function optionValue(raw: unknown): string | null {
  const parsed = z.object({ value: z.string() }).passthrough().safeParse(raw);
  return parsed.success ? parsed.data.value : null;
}

/**
 * One page (≤ 100) of the change issues of a report: Jira's own fields, the change type field (`changeTypeField`,
 * when the site has one), links and the changelog. A JQL Jira refuses (400) throws JiraRequestError.
 */
export async function searchChangeReportIssues(jql: string, changeTypeField: string | null, nextPageToken: string | undefined): Promise<{ issues: ChangeReportIssue[]; nextPageToken: string | undefined }> {
  const fields = ['summary', 'created', 'resolutiondate', 'status', 'issuelinks', ...(changeTypeField ? [changeTypeField] : [])];
  const params = new URLSearchParams({ jql, fields: fields.join(','), expand: 'changelog', maxResults: '100' });
  if (nextPageToken) params.set('nextPageToken', nextPageToken);
  const page = await jiraGet('user', route`/rest/api/3/search/jql?${params}`, changePageSchema);
  const issues = page.issues.map((i): ChangeReportIssue => ({
    id: i.id,
    key: i.key,
    summary: i.fields.summary ?? '',
    created: iso(i.fields.created),
    resolutiondate: i.fields.resolutiondate ? iso(i.fields.resolutiondate) : null,
    statusName: i.fields.status.name,
    statusCategory: i.fields.status.statusCategory.key,
    changeTypeValue: changeTypeField ? optionValue((i.fields as Record<string, unknown>)[changeTypeField]) : null,
    statusHistory: (i.changelog?.histories ?? []).flatMap((h) => h.items.filter((it) => it.field === 'status' && it.toString).map((it) => ({ at: iso(h.created), to: it.toString ?? '' }))),
    links: (i.fields.issuelinks ?? []).flatMap((l) => {
      // Jira lists a link on an issue from its side: `outwardIssue` = this issue [outward words] that one.
      const other = l.outwardIssue ?? l.inwardIssue;
      if (!other) return [];
      return [{ phrase: l.outwardIssue ? l.type.outward : l.type.inward, otherId: other.id, otherKey: other.key, otherIssueType: other.fields?.issuetype?.name ?? null }];
    }),
  }));
  return { issues, nextPageToken: page.isLast === true ? undefined : page.nextPageToken };
}

const createdPageSchema = z.object({
  issues: z.array(z.object({ id: z.string(), key: z.string(), fields: z.object({ created: z.string() }).passthrough() }).passthrough()),
  nextPageToken: z.string().optional(),
  isLast: z.boolean().optional(),
}).passthrough();

/** When each of the given issues (by id) was raised, as the viewer sees them: key → Jira's `created`. 100 ids a search. */
export async function createdOfIssues(ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100).filter((id) => /^\d+$/.test(id));
    if (chunk.length === 0) continue;
    let nextPageToken: string | undefined;
    do {
      const params = new URLSearchParams({ jql: `id in (${chunk.join(', ')})`, fields: 'created', maxResults: '100' });
      if (nextPageToken) params.set('nextPageToken', nextPageToken);
      const page = await jiraGet('user', route`/rest/api/3/search/jql?${params}`, createdPageSchema);
      for (const issue of page.issues) out.set(issue.key, iso(issue.fields.created));
      nextPageToken = page.isLast === true ? undefined : page.nextPageToken;
    } while (nextPageToken);
  }
  return out;
}
