import Resolver from '@forge/resolver';
import { route } from '@forge/api';
import { z } from 'zod';
import { recordKindOf, type RecordKind } from '../domain/record-kind';
import { rolesHeldBy } from '../domain/roles';
import { jiraGet } from '../jira/client';
import { projectSchema, searchPageSchema, userSchema } from '../jira/schemas';
import { loadRoleList } from '../store/documents';
import { issueExtensionSchema, noPayload, parseInput, projectExtensionSchema, requireAccountId, type ResolverRequest } from './context';
import type { IssuePanelView, ProjectPageView } from './views';
import { defineAdminResolvers } from './admin';
import { defineReportResolvers } from './reports';
import { defineIncidentResolvers, loadIncidentFor } from './incident';
import { loadIncidentRules } from '../store/incident-store';
import { now } from '../incidents/service';

/**
 * One resolver function serves every Custom UI surface. Reads on behalf of the viewer go asUser(), so nobody
 * sees through the app what Jira would hide from them. Each surface makes one invoke per render.
 */
const resolver = new Resolver();

async function myself(): Promise<{ accountId: string; displayName: string; accountType?: string | undefined }> {
  return jiraGet('user', route`/rest/api/3/myself`, userSchema);
}

/**
 * issuePanel.load: at most two Jira REST calls (the viewer, and the issue with its changelog and comments, which
 * an incident's live clocks are replayed from) plus storage reads (rules, the incident's recorded facts).
 */
resolver.define('issuePanel.load', async (req: ResolverRequest): Promise<IssuePanelView> => {
  parseInput('payload', noPayload, req.payload);
  const accountId = requireAccountId(req.context);
  const extension = parseInput('context.extension', issueExtensionSchema, req.context.extension);
  const at = now();
  const [me, rules] = await Promise.all([myself(), loadIncidentRules(at)]);
  const viewer = { accountId, displayName: me.displayName, accountType: me.accountType ?? 'atlassian' };
  const { loaded, kind, incident } = await loadIncidentFor(extension.issue.key, extension.project.key, viewer, rules, at);
  const s = loaded.snapshot;
  return {
    issue: {
      id: s.id, key: s.key, summary: s.summary,
      issueType: { id: loaded.issueTypeId || (extension.issue.typeId ?? ''), name: loaded.issueType },
      status: { name: s.status.name, categoryKey: s.status.category },
      priority: s.priority !== null ? { name: s.priority } : null,
    },
    kind,
    viewer: { accountId, displayName: me.displayName, roles: rolesHeldBy(rules.roles ?? [], accountId).map((r) => ({ code: r.code, name: r.name })) },
    rolesConfigured: rules.roles !== null,
    incident: incident?.section ?? null,
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
defineReportResolvers(resolver);
defineIncidentResolvers(resolver);

export const resolverHandler = resolver.getDefinitions();
