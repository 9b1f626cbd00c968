import type { Database as Db } from 'better-sqlite3';
import { nextId } from '../store/db';
import type { WorkflowDefinition } from '../jira/rows';
import { APP_ACCOUNT_ID, DEMO_USERS, demoAccountId, demoToken } from './demo';

/**
 * The "plain" seed (`npm start -- --seed plain`): a site as a team finds it right after installing the app on an
 * ordinary Jira, the starting point of the setup wizard (issue #4). The same demo people and API tokens as the demo
 * seed, Jira's default statuses, priorities, resolutions and link types, one "Simple workflow", and ONE business
 * project "OPS" with only the Task issue type: no ITSM issue types, no custom fields, no app data (no role list).
 */
const STATUSES: Array<[string, string, 'new' | 'indeterminate' | 'done']> = [['10000', 'To Do', 'new'], ['3', 'In Progress', 'indeterminate'], ['10001', 'Done', 'done']];

const SIMPLE_WORKFLOW: WorkflowDefinition = { transitions: [
  { id: '11', name: 'Start', from: ['To Do'], to: 'In Progress', validators: [] },
  { id: '21', name: 'Done', from: ['To Do', 'In Progress'], to: 'Done', validators: [] },
  { id: '31', name: 'Reopen', from: ['Done'], to: 'To Do', validators: [] },
] };

const DAY = 24 * 60 * 60_000;
export const PLAIN_PROJECT = { id: '10000', key: 'OPS', name: 'Operations' } as const;

export function seedPlain(db: Db, now: number): void {
  db.transaction(() => {
    const insUser = db.prepare('INSERT INTO users(account_id, display_name, email, api_token, account_type, time_zone, locale, active, is_site_admin, title, organization) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)');
    for (const u of DEMO_USERS) insUser.run(demoAccountId(u.key), u.name, u.email, demoToken(u.key), u.type, u.tz, u.locale, u.admin ? 1 : 0, u.title, u.org ?? null);
    insUser.run(APP_ACCOUNT_ID, 'Service Delivery 29110 (app)', null, null, 'app', 'UTC', 'en_US', 0, 'Forge app', null);

    for (const [id, name, cat] of STATUSES) db.prepare('INSERT INTO statuses(id, name, category_key) VALUES (?, ?, ?)').run(id, name, cat);
    db.prepare('INSERT INTO workflows(name, initial_status_id, definition) VALUES (?, ?, ?)').run('Simple workflow', '10000', JSON.stringify(SIMPLE_WORKFLOW));
    db.prepare('INSERT INTO issue_types(id, name, description) VALUES (?, ?, ?)').run('10002', 'Task', 'A small, distinct piece of work.');
    // Jira Cloud's defaults on a new site.
    const prios: Array<[string, string, string, number]> = [['1', 'Highest', '#d04437', 0], ['2', 'High', '#f15c75', 0], ['3', 'Medium', '#f79232', 1], ['4', 'Low', '#707070', 0], ['5', 'Lowest', '#999999', 0]];
    prios.forEach(([id, name, color, dflt], i) => db.prepare('INSERT INTO priorities(id, name, status_color, position, is_default) VALUES (?, ?, ?, ?, ?)').run(id, name, color, i, dflt));
    for (const [id, name] of [['10000', 'Done'], ['10001', "Won't Do"], ['10002', 'Duplicate'], ['10003', 'Cannot Reproduce']]) db.prepare('INSERT INTO resolutions(id, name) VALUES (?, ?)').run(id, name);
    for (const [id, name, inward, outward] of [['10000', 'Blocks', 'is blocked by', 'blocks'], ['10001', 'Cloners', 'is cloned by', 'clones'], ['10002', 'Duplicate', 'is duplicated by', 'duplicates'], ['10003', 'Relates', 'relates to', 'relates to']]) {
      db.prepare('INSERT INTO link_types(id, name, inward, outward) VALUES (?, ?, ?, ?)').run(id, name, inward, outward);
    }
    db.prepare("INSERT INTO id_sequences(name, next) VALUES ('issuetype', 10100)").run();

    const sofia = demoAccountId('sofia');
    db.prepare('INSERT INTO projects(id, key, name, project_type_key, lead_account_id, description) VALUES (?, ?, ?, ?, ?, ?)')
      .run(PLAIN_PROJECT.id, PLAIN_PROJECT.key, PLAIN_PROJECT.name, 'business', sofia, 'Operations work of Acme Cloud Services (a plain Jira business project).');
    db.prepare('INSERT INTO project_issue_types(project_id, issue_type_id, workflow, position) VALUES (?, ?, ?, ?)').run(PLAIN_PROJECT.id, '10002', 'Simple workflow', 0);
    const role = db.prepare('INSERT INTO project_roles(project_id, account_id, role) VALUES (?, ?, ?)');
    role.run(PLAIN_PROJECT.id, sofia, 'Administrators');
    for (const u of DEMO_USERS) if (u.type === 'atlassian' && u.key !== 'sofia') role.run(PLAIN_PROJECT.id, demoAccountId(u.key), 'Member');

    const adf = (text: string) => JSON.stringify({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
    const tasks: Array<[string, string, string, number]> = [
      ['Renew TLS certificates for customer portals', 'Certificates expire in 21 days.', 'carlos', 4 * DAY],
      ['Document the backup restore procedure', 'Write down how to restore a mailbox from the nightly backup.', 'priya', 2 * DAY],
    ];
    tasks.forEach(([summary, description, assignee, age], i) => {
      db.prepare(`INSERT INTO issues (id, key, project_id, issue_type_id, status_id, priority_id, resolution_id, summary, description, reporter_id, assignee_id, creator_id, labels, custom, created, updated, resolution_date, status_category_changed)
        VALUES (?, ?, ?, '10002', '10000', '3', NULL, ?, ?, ?, ?, ?, '[]', '{}', ?, ?, NULL, ?)`).run(nextId(db, 'issue'), `${PLAIN_PROJECT.key}-${i + 1}`, PLAIN_PROJECT.id, summary, adf(description), sofia, demoAccountId(assignee), sofia, now - age, now - age, now - age);
    });
    db.prepare('UPDATE projects SET next_issue_number = ? WHERE id = ?').run(tasks.length + 1, PLAIN_PROJECT.id);
  })();
}
