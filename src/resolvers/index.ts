import Resolver from '@forge/resolver';
import { route } from '@forge/api';
import { z } from 'zod';
import { recordKindOf, type RecordKind } from '../domain/record-kind';
import { rolesHeldBy } from '../domain/roles';
import { jiraGet } from '../jira/client';
import { issueSummarySchema, projectSchema, searchPageSchema, userSchema } from '../jira/schemas';
import { loadRoleList } from '../store/documents';
import { issueExtensionSchema, noPayload, parseInput, projectExtensionSchema, requireAccountId, type ResolverRequest } from './context';
import type { IssuePanelView, ProjectPageView } from './views';
import { defineAdminResolvers } from './admin';

/**
 * One resolver function serves every Custom UI surface. Reads on behalf of the viewer go asUser(), so nobody
 * sees through the app what Jira would hide from them. Each surface makes one invoke per render.
 */
const resolver = new Resolver();

async function myself(): Promise<{ accountId: string; displayName: string }> {
  return jiraGet('user', route`/rest/api/3/myself`, userSchema);
}

/** issuePanel.load: at most two Jira REST calls (the issue, the viewer) plus one storage read. */
resolver.define('issuePanel.load', async (req: ResolverRequest): Promise<IssuePanelView> => {
  parseInput('payload', noPayload, req.payload);
  const accountId = requireAccountId(req.context);
  const extension = parseInput('context.extension', issueExtensionSchema, req.context.extension);
  const [issue, viewer, roleList] = await Promise.all([
    jiraGet('user', route`/rest/api/3/issue/${extension.issue.key}?fields=summary,issuetype,status,priority`, issueSummarySchema),
    myself(),
    loadRoleList(),
  ]);
  const category = issue.fields.status.statusCategory.key;
  return {
    issue: {
      id: issue.id, key: issue.key, summary: issue.fields.summary,
      issueType: { id: issue.fields.issuetype.id, name: issue.fields.issuetype.name },
      status: { name: issue.fields.status.name, categoryKey: category === 'undefined' ? 'new' : category },
      priority: issue.fields.priority ? { name: issue.fields.priority.name } : null,
    },
    kind: recordKindOf(issue.fields.issuetype.name),
    viewer: { accountId, displayName: viewer.displayName, roles: rolesHeldBy(roleList?.assignments ?? [], accountId).map((r) => ({ code: r.code, name: r.name })) },
    rolesConfigured: roleList !== null,
  };
});

resolver.define('projectPage.load', async (req: ResolverRequest): Promise<ProjectPageView> => {
  parseInput('payload', noPayload, req.payload);
  const accountId = requireAccountId(req.context);
  const extension = parseInput('context.extension', projectExtensionSchema, req.context.extension);
  const jql = `project = "${extension.project.key}" AND statusCategory != Done`;
  const [project, viewer, roleList, open] = await Promise.all([
    jiraGet('user', route`/rest/api/3/project/${extension.project.key}`, projectSchema),
    myself(),
    loadRoleList(),
    countOpenByIssueType(jql),
  ]);
  const openByKind = [...open.entries()]
    .map(([issueType, count]) => ({ kind: recordKindOf(issueType) as RecordKind, issueType, open: count }))
    .sort((a, b) => b.open - a.open || a.issueType.localeCompare(b.issueType));
  return {
    project: { id: project.id, key: project.key, name: project.name },
    openByKind,
    viewer: { accountId, displayName: viewer.displayName, roles: rolesHeldBy(roleList?.assignments ?? [], accountId).map((r) => ({ code: r.code, name: r.name })) },
  };
});

async function countOpenByIssueType(jql: string): Promise<Map<string, number>> {
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

defineAdminResolvers(resolver);

export const resolverHandler = resolver.getDefinitions();
