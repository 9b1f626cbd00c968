import { z } from 'zod';
import { fieldErrors, jiraError } from '../http';
import { nextId } from '../store/db';
import type { Principal } from './principal';
import type { IssueRow, ProjectRow, UserRow } from './rows';
import type { JiraSite } from './site';

/**
 * "Send notification for issue" (`POST /rest/api/3/issue/{issueIdOrKey}/notify`). Jira queues an e-mail and
 * answers 204; the sandbox has no mail server, so it keeps every notification in the `notifications` table (its
 * outbox), readable with `GET /sandbox/notifications`, so tests and demos can show who would have been told what.
 *
 * Recipients are resolved as Jira does at send time: reporter and assignee from the issue, users as given. Someone
 * who could not receive the mail is dropped: an unknown or inactive account, the app account (it has no e-mail),
 * a user who may not see the issue (Jira mails nobody about an issue they cannot open), the caller (Jira refuses to
 * notify the calling user) and anyone failing `restrict`. The sandbox has no watchers, voters or groups, so those
 * recipients resolve to nobody. When nobody is left, the call answers 400 and nothing is stored.
 */

const userDetails = z.object({ accountId: z.string().min(1) }).passthrough();
// Jira's GroupName bean: a group is named by `name` or `groupId`.
const groupName = z.object({ name: z.string().optional(), groupId: z.string().optional() }).passthrough();
const permissionRef = z.object({ id: z.string().optional(), key: z.string().optional() }).passthrough()
  .refine((x) => x.id !== undefined || x.key !== undefined, { message: 'Either the id or the key of the permission must be specified.' });

/** Jira's Notification bean. Unknown top-level properties are allowed (the reference says "Additional Properties: any"). */
export const notificationSchema = z.object({
  subject: z.string().optional(),
  textBody: z.string().optional(),
  htmlBody: z.string().optional(),
  to: z.object({
    reporter: z.boolean().optional(),
    assignee: z.boolean().optional(),
    watchers: z.boolean().optional(),
    voters: z.boolean().optional(),
    users: z.array(userDetails).optional(),
    groups: z.array(groupName).optional(),
    groupIds: z.array(z.string()).optional(),
  }).passthrough().optional(),
  restrict: z.object({
    groups: z.array(groupName).optional(),
    groupIds: z.array(z.string()).optional(),
    permissions: z.array(permissionRef).optional(),
  }).passthrough().optional(),
}).passthrough();

/**
 * Legacy numeric ids of Jira's permissions (what `restrict.permissions[].id` carries) for the keys the sandbox
 * answers in /mypermissions; `BROWSE` is the old key that Atlassian's own example for this endpoint still uses.
 */
const PERMISSION_IDS: Record<string, string> = {
  '0': 'ADMINISTER', '10': 'BROWSE_PROJECTS', '11': 'CREATE_ISSUES', '12': 'EDIT_ISSUES', '13': 'ASSIGN_ISSUES', '14': 'RESOLVE_ISSUES',
  '15': 'ADD_COMMENTS', '18': 'CLOSE_ISSUES', '21': 'LINK_ISSUES', '23': 'ADMINISTER_PROJECTS', '46': 'TRANSITION_ISSUES',
};
const PERMISSION_ALIASES: Record<string, string> = { BROWSE: 'BROWSE_PROJECTS' };

interface NotificationRow {
  id: number; issue_id: number; issue_key: string; from_account_id: string; to_account_ids: string;
  subject: string; text_body: string | null; html_body: string | null; created: number;
}

/** One entry of `GET /sandbox/notifications`. */
export interface NotificationView {
  id: string; issueKey: string; from: string; to: string[]; toNames: string[]; subject: string; textBody: string | null; at: string;
}

export class Notifications {
  constructor(private readonly site: JiraSite) {}

  /** Handles POST /issue/{issueIdOrKey}/notify; returns the stored entry (the REST answer itself is an empty 204). */
  send(p: Principal, idOrKey: string, body: unknown): NotificationView {
    // Jira deserialises the body before it looks at the issue: a malformed body is a 400 whatever the issue.
    if (body === undefined) throw jiraError(400, 'No content to map due to end-of-input');
    const parsed = notificationSchema.safeParse(body);
    if (!parsed.success) throw fieldErrors(400, Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || 'notification', i.message])));
    const n = parsed.data;
    const { issue, project } = this.site.visibleIssue(p, idOrKey);

    const to = n.to ?? {};
    const asked = to.reporter === true || to.assignee === true || to.watchers === true || to.voters === true
      || (to.users?.length ?? 0) > 0 || (to.groups?.length ?? 0) > 0 || (to.groupIds?.length ?? 0) > 0;
    if (!asked) throw jiraError(400, 'No recipients were defined for notification.');

    const required = (n.restrict?.permissions ?? []).map((ref) => {
      const key = ref.key !== undefined ? (PERMISSION_ALIASES[ref.key] ?? ref.key) : PERMISSION_IDS[ref.id ?? ''];
      if (!key || !(key in this.site.perms.permissionKeys(p, project, issue))) throw fieldErrors(400, { restrict: `Unrecognized permission '${ref.key ?? ref.id ?? ''}'.` });
      return key;
    });
    const restrictedToGroups = (n.restrict?.groups?.length ?? 0) > 0 || (n.restrict?.groupIds?.length ?? 0) > 0;

    const { recipients, dropped } = this.resolve(p, issue, project, to, required, restrictedToGroups);
    if (!recipients.length) throw jiraError(400, `The notification has no valid recipient: ${dropped.join('; ')}.`);

    const row: NotificationRow = {
      id: nextId(this.site.db, 'notification'), issue_id: issue.id, issue_key: issue.key, from_account_id: p.user.account_id,
      to_account_ids: JSON.stringify(recipients.map((u) => u.account_id)),
      // The reference: "If this is not specified, then the subject is set to the issue key and summary."
      subject: n.subject ?? `${issue.key}: ${issue.summary}`,
      text_body: n.textBody ?? null, html_body: n.htmlBody ?? null, created: this.site.now(),
    };
    this.site.db.prepare('INSERT INTO notifications(id, issue_id, issue_key, from_account_id, to_account_ids, subject, text_body, html_body, created) VALUES (@id, @issue_id, @issue_key, @from_account_id, @to_account_ids, @subject, @text_body, @html_body, @created)').run(row);
    return this.view(row);
  }

  /** GET /sandbox/notifications: oldest first, for one issue key or all. */
  list(issueKey?: string): NotificationView[] {
    const rows = (issueKey === undefined
      ? this.site.db.prepare('SELECT * FROM notifications ORDER BY created, id').all()
      : this.site.db.prepare('SELECT * FROM notifications WHERE issue_key = ? ORDER BY created, id').all(issueKey.toUpperCase())) as NotificationRow[];
    return rows.map((r) => this.view(r));
  }

  private view(r: NotificationRow): NotificationView {
    const to = JSON.parse(r.to_account_ids) as string[];
    return {
      id: String(r.id), issueKey: r.issue_key, from: r.from_account_id, to,
      toNames: to.map((a) => this.site.rows.user(a)?.display_name ?? a),
      subject: r.subject, textBody: r.text_body, at: new Date(r.created).toISOString(),
    };
  }

  private resolve(
    p: Principal, issue: IssueRow, project: ProjectRow, to: NonNullable<z.infer<typeof notificationSchema>['to']>, required: string[], restrictedToGroups: boolean,
  ): { recipients: UserRow[]; dropped: string[] } {
    const dropped: string[] = [];
    const candidates: Array<{ accountId: string; as: string }> = [];
    if (to.reporter) { if (issue.reporter_id) candidates.push({ accountId: issue.reporter_id, as: 'the reporter' }); else dropped.push('the issue has no reporter'); }
    if (to.assignee) { if (issue.assignee_id) candidates.push({ accountId: issue.assignee_id, as: 'the assignee' }); else dropped.push('the issue is unassigned'); }
    if (to.watchers) dropped.push('the issue has no watchers in the sandbox');
    if (to.voters) dropped.push('the issue has no voters in the sandbox');
    if (to.groups?.length || to.groupIds?.length) dropped.push('the sandbox has no groups');
    for (const u of to.users ?? []) candidates.push({ accountId: u.accountId, as: `user ${u.accountId}` });

    const recipients: UserRow[] = [];
    for (const c of candidates) {
      if (recipients.some((r) => r.account_id === c.accountId)) continue;
      const user = this.site.rows.user(c.accountId);
      if (!user) { dropped.push(`${c.as} is not a known account`); continue; }
      const who: Principal = { kind: 'user', user };
      const reason = user.active !== 1 ? `${c.as} is inactive`
        : user.account_type === 'app' ? `${c.as} is an app account without e-mail`
        : user.account_id === p.user.account_id ? `${c.as} is the calling user`
        : !this.site.perms.canSeeIssue(who, issue, project) ? `${c.as} may not see ${issue.key}`
        : restrictedToGroups ? `${c.as} is in none of the restrict groups (the sandbox has no groups)`
        : required.some((key) => !this.site.perms.permissionKeys(who, project, issue)[key]) ? `${c.as} lacks a permission named in restrict`
        : null;
      if (reason) dropped.push(reason);
      else recipients.push(user);
    }
    return { recipients, dropped };
  }
}
