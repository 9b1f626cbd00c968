import type { IssueRow, ProjectRow, Rows, UserRow } from './rows';

/**
 * Who a request acts as. Users come from HTTP Basic (email + API token) or from a Forge `asUser()` call;
 * the app acts through its own app account (Forge `asApp()`), which Jira grants the app's scopes on every project.
 */
export type Principal = { kind: 'user'; user: UserRow } | { kind: 'app'; user: UserRow };

export const ROLE_ADMINISTRATORS = 'Administrators';
export const ROLE_AGENTS = 'Service Desk Team';
export const ROLE_CUSTOMERS = 'Service Desk Customers';
/** Business (non-JSM) projects call their working members 'Member'. */
export const ROLE_MEMBERS = 'Member';

export class Permissions {
  constructor(private readonly rows: Rows) {}

  private roles(p: Principal, project: ProjectRow): string[] {
    return this.rows.projectRoles(project.id, p.user.account_id);
  }

  /** BROWSE_PROJECTS: any project role. Site admins administer Jira but browse by role like everyone else. */
  canBrowseProject(p: Principal, project: ProjectRow): boolean {
    if (p.kind === 'app') return true;
    return this.roles(p, project).length > 0;
  }

  /** Agents and admins work every issue of the project; customers only the requests they raised or that are shared with their organizations (JSM). */
  isAgent(p: Principal, project: ProjectRow): boolean {
    if (p.kind === 'app') return true;
    const roles = this.roles(p, project);
    return roles.includes(ROLE_AGENTS) || roles.includes(ROLE_ADMINISTRATORS) || roles.includes(ROLE_MEMBERS);
  }

  canSeeIssue(p: Principal, issue: IssueRow, project: ProjectRow = this.rows.projectById(issue.project_id)): boolean {
    if (!this.canBrowseProject(p, project)) return false;
    if (this.isAgent(p, project)) return true;
    if (issue.reporter_id === p.user.account_id) return true;
    // JSM: a request shared with an organization (its "Organizations" field) is visible to that organization's members.
    const shared = this.rows.sharedOrganizationIds(issue);
    return shared.length > 0 && this.rows.organizationIdsOf(p.user.account_id).some((id) => shared.includes(id));
  }

  canCreate(p: Principal, project: ProjectRow): boolean { return this.isAgent(p, project); }
  canEdit(p: Principal, project: ProjectRow): boolean { return this.isAgent(p, project); }
  canTransition(p: Principal, project: ProjectRow): boolean { return this.isAgent(p, project); }

  /** Customers may reply on their own requests; their comments are always customer-visible. */
  canComment(p: Principal, issue: IssueRow, project: ProjectRow = this.rows.projectById(issue.project_id)): boolean {
    return this.canSeeIssue(p, issue, project);
  }

  /** Internal comments are hidden from customers, as in Jira Service Management. */
  canSeeInternalComments(p: Principal, project: ProjectRow): boolean { return this.isAgent(p, project); }

  /** ADMINISTER (Jira administrators): create issue types and custom fields. The app holds it via manage:jira-configuration. */
  canAdminister(p: Principal): boolean { return p.kind === 'app' || p.user.is_site_admin === 1; }

  /** The permission keys of GET /rest/api/3/mypermissions the sandbox answers. */
  permissionKeys(p: Principal, project?: ProjectRow, issue?: IssueRow): Record<string, boolean> {
    const browse = project ? (issue ? this.canSeeIssue(p, issue, project) : this.canBrowseProject(p, project)) : this.rows.projects().some((pr) => this.canBrowseProject(p, pr));
    const agent = project ? browse && this.isAgent(p, project) : this.rows.projects().some((pr) => this.isAgent(p, pr));
    return {
      BROWSE_PROJECTS: browse,
      CREATE_ISSUES: agent,
      EDIT_ISSUES: agent,
      TRANSITION_ISSUES: agent,
      ASSIGN_ISSUES: agent,
      RESOLVE_ISSUES: agent,
      CLOSE_ISSUES: agent,
      ADD_COMMENTS: browse,
      LINK_ISSUES: agent,
      ADMINISTER_PROJECTS: p.kind === 'app' || (project ? this.roles(p, project).includes(ROLE_ADMINISTRATORS) : false),
      ADMINISTER: this.canAdminister(p),
    };
  }
}
