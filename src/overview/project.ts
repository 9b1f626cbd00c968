import type { ProjectPageView } from '../contract/views';
import { seesTeamFigures, type Caller } from '../domain/access';
import { recordKindOf, type RecordKind } from '../domain/record-kind';
import { rolesHeldBy } from '../domain/roles';
import { countByIssueType } from '../jira/issues';
import { getProject } from '../jira/users';
import { loadIncidentRules } from '../store/rules';

/** The project page's overview: the project as the viewer sees it and its open records by kind. */
export async function projectOverview(projectKey: string, viewer: Pick<Caller, 'accountId' | 'roles' | 'rolesConfigured' | 'accountType' | 'isJiraAdmin'> & { displayName: string }, now: number): Promise<ProjectPageView> {
  const jql = `project = "${projectKey.replace(/"/g, '\\"')}" AND statusCategory != Done`;
  const [project, rules, open] = await Promise.all([getProject(projectKey), loadIncidentRules(now), countByIssueType(jql)]);
  const openByKind = [...open.entries()]
    .map(([issueType, count]) => ({ kind: recordKindOf(issueType, rules.issueTypes) as RecordKind, issueType, open: count }))
    .sort((a, b) => b.open - a.open || a.issueType.localeCompare(b.issueType));
  return {
    project,
    openByKind,
    now: new Date(now).toISOString(),
    teamFigures: seesTeamFigures(viewer),
    viewer: { accountId: viewer.accountId, displayName: viewer.displayName, roles: rolesHeldBy(rules.roles ?? [], viewer.accountId).map((r) => ({ code: r.code, name: r.name })) },
  };
}
