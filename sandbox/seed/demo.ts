import { createHash } from 'node:crypto';
import type { Database as Db } from 'better-sqlite3';
import { ROLES, type RoleCode } from '../../src/domain/roles';
import { approvedAssignments, approvedRoleListWrites, changeSlotWrites, incidentFactsWrites, type Write } from '../../src/store/seed';
import { nextId } from '../store/db';
import type { ForgeKvsStore } from '../forge/kvs';
import type { ChangeItem, UserRow, WorkflowDefinition } from '../jira/rows';
import { changeControlWrites, freezeOf, windowStart } from './demo-changes';
import { feedbackDemoWrites } from './demo-feedback';
import { demoAgreements, historyIncidents, relationshipWrites } from './demo-relationship';
import { configureApproval, seedApprovalDecision, seedServiceDesk } from '../jira/servicedesk';
import { addOrganizationMembers, addOrganizationToDesk, createOrganization, defaultRequestOrganizations, seedOrganizationsField } from '../jira/organizations';

export const CLOUD_ID = '8f1e3c52-7a9d-4b0e-9c61-2d5f0a7b1e29';
export const APP_ACCOUNT_ID = '557058:f3c2b1e0-29a0-4d6e-9b11-5e3d0c7a2910';

/**
 * The demo very small entity: "Acme Cloud Services", six staff in the eight 29110 roles, two customers of
 * different companies and a supplier contact; a JSM-style service project with incidents of every priority
 * (with realistic history: replies, internal notes, waiting for customer, a priority raised, a reopen) and
 * change requests in several states; and a plain Jira business project. Once the function runtime runs, the
 * sandbox sets SD up with the app's own setup wizard (demo-setup.ts), so the demo site starts fully set up.
 */
/** `tz` and `locale` are the account's Jira profile (GET /myself), as a team spread over several countries has them. */
interface DemoUser { key: string; name: string; title: string; email: string; type: 'atlassian' | 'customer'; tz: string; locale: string; roles: RoleCode[]; admin?: boolean; org?: string }

export const DEMO_USERS: DemoUser[] = [
  { key: 'sofia', name: 'Sofia Martins', title: 'Service Manager', email: 'sofia@acme.example', type: 'atlassian', tz: 'Europe/Lisbon', locale: 'pt_PT', roles: ['SM'], admin: true },
  { key: 'carlos', name: 'Carlos Ibáñez', title: 'Control Manager', email: 'carlos@acme.example', type: 'atlassian', tz: 'Europe/Madrid', locale: 'es_ES', roles: ['CM'] },
  { key: 'ines', name: 'Ines Kowalski', title: 'Incident Manager', email: 'ines@acme.example', type: 'atlassian', tz: 'Europe/Warsaw', locale: 'pl_PL', roles: ['IM'] },
  { key: 'rachel', name: 'Rachel Green', title: 'Relationship Manager', email: 'rachel@acme.example', type: 'atlassian', tz: 'America/New_York', locale: 'en_US', roles: ['RM'] },
  { key: 'max', name: 'Max Bauer', title: 'Managing Director', email: 'max@acme.example', type: 'atlassian', tz: 'Europe/Berlin', locale: 'de_DE', roles: ['MGT'] },
  { key: 'priya', name: 'Priya Nair', title: 'Service Engineer', email: 'priya@acme.example', type: 'atlassian', tz: 'Asia/Kolkata', locale: 'en_IN', roles: ['PT'] },
  { key: 'tom', name: 'Tom Becker', title: 'Service Engineer', email: 'tom@acme.example', type: 'atlassian', tz: 'Europe/Berlin', locale: 'de_DE', roles: ['PT'] },
  { key: 'carla', name: 'Carla Jones', title: 'IT Lead, Northwind Traders', email: 'carla@northwind.example', type: 'customer', tz: 'Europe/London', locale: 'en_GB', roles: ['CUS'], org: 'Northwind Traders' },
  { key: 'chen', name: 'Chen Wei', title: 'Operations, Globex', email: 'chen@globex.example', type: 'customer', tz: 'Asia/Singapore', locale: 'en_SG', roles: ['CUS'], org: 'Globex' },
  { key: 'sam', name: 'Sam Okafor', title: 'Account Manager, NetHost Ltd (supplier)', email: 'sam@nethost.example', type: 'customer', tz: 'Africa/Lagos', locale: 'en_NG', roles: ['SUP'], org: 'NetHost Ltd' },
];

export function demoAccountId(key: string): string {
  const u = DEMO_USERS.find((x) => x.key === key);
  if (!u) throw new Error(`no demo user ${key}`);
  const hex = createHash('sha1').update(`acme-demo:${key}`).digest('hex');
  return u.type === 'customer' ? `qm:${hex.slice(0, 8)}-${hex.slice(8, 12)}:${hex.slice(12, 36)}` : `712020:${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
export const demoToken = (key: string): string => `ATATT-sandbox-${key}`;

const STATUSES: Array<[string, string, 'new' | 'indeterminate' | 'done']> = [
  ['1', 'Open', 'new'], ['3', 'In progress', 'indeterminate'], ['10000', 'Waiting for customer', 'indeterminate'], ['10001', 'Pending', 'indeterminate'],
  ['5', 'Resolved', 'done'], ['6', 'Closed', 'done'], ['10002', 'Draft', 'new'], ['10003', 'Awaiting approval', 'new'], ['10004', 'Approved', 'indeterminate'],
  ['10005', 'Rejected', 'done'], ['10006', 'In build', 'indeterminate'], ['10007', 'In test', 'indeterminate'], ['10008', 'Ready to deploy', 'indeterminate'],
  ['10009', 'Deployed', 'indeterminate'], ['10010', 'Reviewed', 'indeterminate'], ['10011', 'To Do', 'new'], ['10012', 'Done', 'done'],
];

const V = ['sd-transition-validator'];
const WORKFLOWS: Record<string, { initial: string; def: WorkflowDefinition }> = {
  'SD Incident workflow': { initial: '1', def: { transitions: [
    { id: '11', name: 'Start work', from: ['Open', 'Waiting for customer', 'Pending'], to: 'In progress', validators: V },
    { id: '21', name: 'Wait for customer', from: ['In progress'], to: 'Waiting for customer', validators: V },
    { id: '31', name: 'Pending', from: ['In progress'], to: 'Pending', validators: V },
    { id: '41', name: 'Resolve', from: ['Open', 'In progress', 'Waiting for customer', 'Pending'], to: 'Resolved', validators: V },
    { id: '51', name: 'Close', from: ['Resolved'], to: 'Closed', validators: V },
    { id: '61', name: 'Reopen', from: ['Resolved', 'Closed'], to: 'In progress', validators: V },
  ] } },
  'SD Change workflow': { initial: '10002', def: { transitions: [
    { id: '11', name: 'Submit for approval', from: ['Draft'], to: 'Awaiting approval', validators: V },
    { id: '21', name: 'Approve', from: ['Awaiting approval'], to: 'Approved', validators: V },
    { id: '31', name: 'Reject', from: ['Awaiting approval'], to: 'Rejected', validators: V },
    { id: '41', name: 'Start build', from: ['Approved'], to: 'In build', validators: V },
    { id: '51', name: 'Submit for test', from: ['In build'], to: 'In test', validators: V },
    { id: '61', name: 'Approve deployment', from: ['In test'], to: 'Ready to deploy', validators: V },
    { id: '71', name: 'Deploy', from: ['Ready to deploy'], to: 'Deployed', validators: V },
    { id: '81', name: 'Review', from: ['Deployed'], to: 'Reviewed', validators: V },
    { id: '91', name: 'Back to draft', from: ['Rejected'], to: 'Draft', validators: V },
    // D16's emergency path: deployed on its approval alone, built and tested documented afterwards (the app's
    // validator refuses this transition for a change that is not an Emergency one).
    { id: '101', name: 'Deploy (emergency)', from: ['Approved'], to: 'Deployed', validators: V },
    // "Closed" is the change's done status (CO.3.5): from Reviewed, or from Deployed where no review is required
    // (the app's validator refuses closing an Emergency change before its post-implementation review).
    { id: '111', name: 'Close', from: ['Reviewed', 'Deployed'], to: 'Closed', validators: V },
  ] } },
  'Simple workflow': { initial: '10011', def: { transitions: [
    { id: '11', name: 'Start', from: ['To Do'], to: 'In progress', validators: [] },
    { id: '21', name: 'Done', from: ['To Do', 'In progress'], to: 'Done', validators: [] },
    { id: '31', name: 'Reopen', from: ['Done'], to: 'To Do', validators: [] },
  ] } },
};

const F = {
  impact: 'customfield_10010', urgency: 'customfield_10011', changeType: 'customfield_10012', services: 'customfield_10013', plannedStart: 'customfield_10014', plannedEnd: 'customfield_10015',
  // JSM's approvals field and the plan fields of its ITSM change request type (the wizard reuses the plans).
  approvers: 'customfield_10016', implementationPlan: 'customfield_10017', backoutPlan: 'customfield_10018', testPlan: 'customfield_10019',
  // The rest of a change request's content (WP.11) and its configuration items; the wizard reuses them by name.
  businessImpact: 'customfield_10020', builder: 'customfield_10021', deployer: 'customfield_10022', cis: 'customfield_10023',
  // JSM's locked "Organizations" field: the customer organizations a request is shared with (sandbox/jira/organizations.ts).
  organizations: 'customfield_10024',
} as const;
const SERVICES = ['Managed e-mail', 'Web hosting', 'Backup & restore', 'Service desk'];

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export function seedDemo(db: Db, kvs: ForgeKvsStore, now: number): void {
  let seeded: Record<string, { id: string; key: string }> = {};
  db.transaction(() => {
    const insUser = db.prepare('INSERT INTO users(account_id, display_name, email, api_token, account_type, time_zone, locale, active, is_site_admin, title, organization) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)');
    for (const u of DEMO_USERS) insUser.run(demoAccountId(u.key), u.name, u.email, demoToken(u.key), u.type, u.tz, u.locale, u.admin ? 1 : 0, u.title, u.org ?? null);
    insUser.run(APP_ACCOUNT_ID, 'Service Delivery 29110 (app)', null, null, 'app', 'UTC', 'en_US', 0, 'Forge app', null);

    for (const [id, name, cat] of STATUSES) db.prepare('INSERT INTO statuses(id, name, category_key) VALUES (?, ?, ?)').run(id, name, cat);
    for (const [name, wf] of Object.entries(WORKFLOWS)) db.prepare('INSERT INTO workflows(name, initial_status_id, definition) VALUES (?, ?, ?)').run(name, wf.initial, JSON.stringify(wf.def));
    const types: Array<[string, string, string]> = [
      ['10001', 'Incident', 'For system outages or incidents. Created by JSM.'], ['10002', 'Change', 'For system upgrades and alterations. Created by JSM.'],
      ['10003', 'Problem', 'Track underlying causes of incidents. Created by JSM.'], ['10004', 'Service request', 'Requests for help or information. Created by JSM.'],
      ['10005', 'Task', 'A small, distinct piece of work.'],
      // Issue #14 (D18): the agreements' issue types; the setup wizard finds and maps them.
      ['10006', 'Customer agreement', 'An agreement with a customer on the services and service levels (WP.03).'], ['10007', 'Supplier agreement', 'An agreement with a supplier that underpins the customer agreements (WP.21).'],
    ];
    for (const [id, name, desc] of types) db.prepare('INSERT INTO issue_types(id, name, description) VALUES (?, ?, ?)').run(id, name, desc);
    const prios: Array<[string, string, string, number]> = [['1', 'Critical', '#d04437', 0], ['2', 'High', '#f15c75', 0], ['3', 'Normal', '#f79232', 1], ['4', 'Low', '#707070', 0]];
    prios.forEach(([id, name, color, dflt], i) => db.prepare('INSERT INTO priorities(id, name, status_color, position, is_default) VALUES (?, ?, ?, ?, ?)').run(id, name, color, i, dflt));
    for (const [id, name] of [['10000', 'Done'], ['10001', "Won't do"], ['10002', 'Duplicate'], ['10003', 'Cannot reproduce']]) db.prepare('INSERT INTO resolutions(id, name) VALUES (?, ?)').run(id, name);
    for (const [id, name, inward, outward] of [['10000', 'Blocks', 'is blocked by', 'blocks'], ['10001', 'Cloners', 'is cloned by', 'clones'], ['10002', 'Duplicate', 'is duplicated by', 'duplicates'], ['10003', 'Relates', 'relates to', 'relates to'], ['10004', 'Causes', 'is caused by', 'causes']]) {
      db.prepare('INSERT INTO link_types(id, name, inward, outward) VALUES (?, ?, ?, ?)').run(id, name, inward, outward);
    }
    const sel = 'com.atlassian.jira.plugin.system.customfieldtypes:select';
    const fields: Array<[string, string, string, string[]]> = [
      [F.impact, 'Impact', sel, ['High', 'Medium', 'Low']],
      [F.urgency, 'Urgency', sel, ['High', 'Medium', 'Low']],
      [F.changeType, 'Change type', sel, ['Standard', 'Normal', 'Emergency']],
      [F.services, 'Affected services', 'com.atlassian.jira.plugin.system.customfieldtypes:multiselect', SERVICES],
      [F.plannedStart, 'Planned start', 'com.atlassian.jira.plugin.system.customfieldtypes:datetime', []],
      [F.plannedEnd, 'Planned end', 'com.atlassian.jira.plugin.system.customfieldtypes:datetime', []],
      [F.approvers, 'Approvers', 'com.atlassian.jira.plugin.system.customfieldtypes:multiuserpicker', []],
      [F.implementationPlan, 'Implementation plan', 'com.atlassian.jira.plugin.system.customfieldtypes:textarea', []],
      [F.backoutPlan, 'Backout plan', 'com.atlassian.jira.plugin.system.customfieldtypes:textarea', []],
      [F.testPlan, 'Test plan', 'com.atlassian.jira.plugin.system.customfieldtypes:textarea', []],
      [F.businessImpact, 'Business impact', 'com.atlassian.jira.plugin.system.customfieldtypes:textarea', []],
      [F.builder, 'Builder', 'com.atlassian.jira.plugin.system.customfieldtypes:userpicker', []],
      [F.deployer, 'Deployer', 'com.atlassian.jira.plugin.system.customfieldtypes:userpicker', []],
      [F.cis, 'Impacted CIs', 'com.atlassian.jira.plugin.system.customfieldtypes:labels', []],
    ];
    let optionId = 10100;
    for (const [id, name, type, options] of fields) {
      db.prepare('INSERT INTO custom_fields(id, name, type) VALUES (?, ?, ?)').run(id, name, type);
      options.forEach((value, i) => db.prepare('INSERT INTO field_options(id, field_id, value, position) VALUES (?, ?, ?, ?)').run(String(optionId++), id, value, i));
    }
    seedOrganizationsField(db, F.organizations);
    db.prepare("INSERT INTO id_sequences(name, next) VALUES ('customfield', 10100), ('fieldoption', ?), ('issuetype', 10100)").run(optionId);

    const sofia = demoAccountId('sofia');
    db.prepare('INSERT INTO projects(id, key, name, project_type_key, lead_account_id, description) VALUES (?, ?, ?, ?, ?, ?)').run('10000', 'SD', 'Acme Managed Services', 'service_desk', sofia, 'Service desk of Acme Cloud Services: incidents, changes, problems and requests for our customers.');
    db.prepare('INSERT INTO projects(id, key, name, project_type_key, lead_account_id, description) VALUES (?, ?, ?, ?, ?, ?)').run('10001', 'OPS', 'Internal Operations', 'business', sofia, 'Internal operations work of Acme Cloud Services (a plain Jira project).');
    const pit = db.prepare('INSERT INTO project_issue_types(project_id, issue_type_id, workflow, position) VALUES (?, ?, ?, ?)');
    pit.run('10000', '10001', 'SD Incident workflow', 0); pit.run('10000', '10002', 'SD Change workflow', 1); pit.run('10000', '10003', 'Simple workflow', 2); pit.run('10000', '10004', 'Simple workflow', 3);
    pit.run('10000', '10006', 'Simple workflow', 4); pit.run('10000', '10007', 'Simple workflow', 5);
    pit.run('10001', '10005', 'Simple workflow', 0);
    const role = db.prepare('INSERT INTO project_roles(project_id, account_id, role) VALUES (?, ?, ?)');
    role.run('10000', sofia, 'Administrators');
    for (const k of ['sofia', 'carlos', 'ines', 'rachel', 'max', 'priya', 'tom']) role.run('10000', demoAccountId(k), 'Service Desk Team');
    for (const k of ['carla', 'chen', 'sam']) role.run('10000', demoAccountId(k), 'Service Desk Customers');
    role.run('10001', sofia, 'Administrators');
    for (const k of ['carlos', 'priya', 'tom']) role.run('10001', demoAccountId(k), 'Member');

    seeded = seedIssues(db, now);
  })();

  const approvedAt = new Date(now - 30 * DAY).toISOString();
  applyWrites(kvs, now, approvedRoleListWrites(DEMO_USERS.map((u) => ({ accountId: demoAccountId(u.key), roles: u.roles })), demoAccountId('sofia'), approvedAt));
  // SD-4 was closed on Chen's confirmation (D12): recorded where the app keeps what people record, app storage.
  const signature = db.prepare("SELECT id FROM issues WHERE key = 'SD-4'").get() as { id: number };
  applyWrites(kvs, now, incidentFactsWrites(String(signature.id), { closure: { confirmedBy: demoAccountId('chen'), confirmedAt: new Date(now - 5 * DAY + 2 * HOUR).toISOString(), how: 'customer comment' } }));
  // Service control (issue #13): configuration records, procedures, the change schedule, the pre-approved register and the
  // evidence of the seeded changes, in the app's own layout (demo-changes.ts).
  const changeRows = db.prepare("SELECT i.id, i.key, i.summary FROM issues i JOIN issue_types t ON t.id = i.issue_type_id WHERE t.name = 'Change'").all() as Array<{ id: number; key: string; summary: string }>;
  const changeKey = (summary: string) => changeRows.find((r) => r.summary.startsWith(summary))?.key ?? '';
  const changeKeys = {
    octoberPatching: changeKey('Monthly patching of web servers (October)'), sshVendor: changeKey('Open SSH to the internet'), backupDisks: changeKey('Replace the disks'),
    firewallCve: changeKey('Emergency firmware update'), dnsMigration: changeKey('Move the customer DNS'), wafTuning: changeKey('Tune the WAF'),
  };
  const people = Object.fromEntries(DEMO_USERS.map((u) => [u.key, { accountId: demoAccountId(u.key), displayName: u.name }]));
  applyWrites(kvs, now, changeControlWrites(now, people, Object.fromEntries(changeRows.map((r) => [r.key, String(r.id)])), changeKeys));
  // Feedback (issue #14): log entries and a satisfaction rating, in the app's own layout (demo-feedback.ts).
  const backup = db.prepare("SELECT id, key, resolution_date FROM issues WHERE summary LIKE 'Nightly backup job failed%'").get() as { id: number; key: string; resolution_date: number | null };
  applyWrites(kvs, now, feedbackDemoWrites(now, { carla: demoAccountId('carla'), chen: demoAccountId('chen'), sam: demoAccountId('sam'), priya: demoAccountId('priya'), rachel: demoAccountId('rachel') }, { issueId: String(backup.id), issueKey: backup.key, resolvedAt: backup.resolution_date ?? now - DAY }));
  // Service relationship (issue #14): the catalogue, the approved agreements, the history's confirmations (demo-relationship.ts).
  applyWrites(kvs, now, relationshipWrites(now, people, seeded, historyIncidents(now)));
  // The schedule's index of planned changes, as the trigger writes it for every change with a planned slot.
  const planned = db.prepare("SELECT i.id, i.key, i.custom, s.name AS status, s.category_key AS category FROM issues i JOIN issue_types t ON t.id = i.issue_type_id JOIN statuses s ON s.id = i.status_id WHERE t.name = 'Change'").all() as Array<{ id: number; key: string; custom: string; status: string; category: string }>;
  for (const r of planned) {
    const custom = JSON.parse(r.custom) as Record<string, unknown>;
    const at = (v: unknown) => (typeof v === 'string' ? Date.parse(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : NaN);
    const start = at(custom[F.plannedStart]);
    const end = at(custom[F.plannedEnd]);
    if (!Number.isFinite(start) || !Number.isFinite(end) || r.category === 'done') continue;
    const services = ((custom[F.services] as string[] | undefined) ?? []).map((id) => (db.prepare('SELECT value FROM field_options WHERE id = ?').get(id) as { value: string }).value);
    applyWrites(kvs, now, changeSlotWrites({ issueId: String(r.id), issueKey: r.key, projectKey: 'SD', start, end, services, cis: (custom[F.cis] as string[] | undefined) ?? [], status: r.status }));
  }
  seedDemoPortal(db);
  seedDemoOrganizations(db, now);
  // JSM's change approval: "Awaiting approval" is configured for approval with the Approvers field (one approver decides).
  configureApproval(db, { projectKey: 'SD', issueTypeName: 'Change', statusName: 'Awaiting approval', approversFieldName: 'Approvers', approveTransition: 'Approve', declineTransition: 'Reject', name: 'Change approval' });
  // The changes past approval were approved by the Control Manager (their history's "Approved" step).
  for (const key of ['SD-9', 'SD-10', changeKeys.octoberPatching, changeKeys.backupDisks]) {
    const approved = db.prepare("SELECT c.created FROM changelog c JOIN issues i ON i.id = c.issue_id WHERE i.key = ? AND c.items LIKE '%\"toString\":\"Approved\"%' ORDER BY c.created LIMIT 1").get(key) as { created: number };
    seedApprovalDecision(db, { issueKey: key, statusName: 'Awaiting approval', approver: demoAccountId('carlos'), decision: 'approved', at: approved.created });
  }
  const rejected = db.prepare("SELECT c.created FROM changelog c JOIN issues i ON i.id = c.issue_id WHERE i.key = ? AND c.items LIKE '%\"toString\":\"Rejected\"%' ORDER BY c.created LIMIT 1").get(changeKeys.sshVendor) as { created: number };
  seedApprovalDecision(db, { issueKey: changeKeys.sshVendor, statusName: 'Awaiting approval', approver: demoAccountId('carlos'), decision: 'declined', at: rejected.created });
}

/** Writes documents to the sandbox's KVS with the app's own layout (work-product-store.ts). */
export function applyWrites(kvs: ForgeKvsStore, now: number, writes: Write[]): void {
  for (const w of writes) {
    const out = w.entityName
      ? kvs.handle('/api/v1/entity/set', { entityName: w.entityName, key: w.key, value: w.value }, now)
      : kvs.handle('/api/v1/set', { key: w.key, value: w.value }, now);
    if (out.status >= 300) throw new Error(`seeding ${w.key} failed: ${JSON.stringify(out.body)}`);
  }
}

interface Step { at: number; by: string; status?: string; priority?: string; select?: { fieldId: string; name: string; from: string; to: string }; publicReply?: string; internalNote?: string; customerComment?: string }

function seedIssues(db: Db, now: number): Record<string, { id: string; key: string }> {
  const a = demoAccountId;
  const statusId = (name: string) => STATUSES.find((s) => s[1] === name)![0];
  const statusCat = (name: string) => STATUSES.find((s) => s[1] === name)![2];
  const prioId: Record<string, string> = { Critical: '1', High: '2', Normal: '3', Low: '4' };
  const option = (fieldId: string, value: string) => (db.prepare('SELECT id FROM field_options WHERE field_id = ? AND value = ?').get(fieldId, value) as { id: string }).id;
  const numbers: Record<string, number> = { SD: 1, OPS: 1 };
  const keys: Record<string, number> = {};
  const seeded: Record<string, { id: string; key: string }> = {};
  const adf = (text: string) => JSON.stringify({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

  const issue = (o: { ref: string; project: 'SD' | 'OPS'; type: string; summary: string; description: string; reporter: string; assignee?: string; created: number; priority: string; status: string; custom?: Record<string, unknown>; steps?: Step[]; properties?: Record<string, unknown> }): void => {
    const projectId = o.project === 'SD' ? '10000' : '10001';
    const typeId = (db.prepare('SELECT id FROM issue_types WHERE name = ?').get(o.type) as { id: string }).id;
    const id = nextId(db, 'issue');
    const key = `${o.project}-${numbers[o.project]!++}`;
    keys[o.ref] = id;
    seeded[o.ref] = { id: String(id), key };
    const initial = o.project === 'SD' && o.type === 'Incident' ? 'Open' : o.project === 'SD' && o.type === 'Change' ? 'Draft' : 'To Do';
    let status = initial;
    let priority = o.priority;
    let updated = o.created;
    let catChanged = o.created;
    let resolution: string | null = null;
    let resolutionDate: number | null = null;
    db.prepare(`INSERT INTO issues (id, key, project_id, issue_type_id, status_id, priority_id, resolution_id, summary, description, reporter_id, assignee_id, creator_id, labels, custom, created, updated, resolution_date, status_category_changed)
      VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, '[]', ?, ?, ?, NULL, ?)`).run(id, key, projectId, typeId, statusId(initial), prioId[o.priority], o.summary, adf(o.description), a(o.reporter), o.assignee ? a(o.assignee) : null, a(o.reporter), JSON.stringify(o.custom ?? {}), o.created, o.created, o.created);
    for (const s of o.steps ?? []) {
      updated = Math.max(updated, s.at);
      const items: ChangeItem[] = [];
      if (s.status && s.status !== status) {
        items.push({ field: 'status', fieldtype: 'jira', fieldId: 'status', from: statusId(status), fromString: status, to: statusId(s.status), toString: s.status });
        if (statusCat(s.status) !== statusCat(status)) catChanged = s.at;
        const done = statusCat(s.status) === 'done';
        if (done && !resolution) { items.push({ field: 'resolution', fieldtype: 'jira', fieldId: 'resolution', from: null, fromString: null, to: '10000', toString: 'Done' }); resolution = '10000'; resolutionDate = s.at; }
        if (!done && resolution) { items.push({ field: 'resolution', fieldtype: 'jira', fieldId: 'resolution', from: resolution, fromString: 'Done', to: null, toString: null }); resolution = null; resolutionDate = null; }
        status = s.status;
      }
      // A select field changed by a person (the issue's current value is the `to`; the history keeps the `from`).
      if (s.select) items.push({ field: s.select.name, fieldtype: 'custom', fieldId: s.select.fieldId, from: option(s.select.fieldId, s.select.from), fromString: s.select.from, to: option(s.select.fieldId, s.select.to), toString: s.select.to });
      if (s.priority && s.priority !== priority) {
        items.push({ field: 'priority', fieldtype: 'jira', fieldId: 'priority', from: prioId[priority]!, fromString: priority, to: prioId[s.priority]!, toString: s.priority });
        priority = s.priority;
      }
      if (items.length) db.prepare('INSERT INTO changelog(id, issue_id, author_id, created, items) VALUES (?, ?, ?, ?, ?)').run(nextId(db, 'changelog'), id, a(s.by), s.at, JSON.stringify(items));
      const comment = (text: string, isPublic: boolean) => db.prepare('INSERT INTO comments(id, issue_id, author_id, body, is_public, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?)').run(nextId(db, 'comment'), id, a(s.by), adf(text), isPublic ? 1 : 0, s.at, s.at);
      if (s.publicReply) comment(s.publicReply, true);
      if (s.customerComment) comment(s.customerComment, true);
      if (s.internalNote) comment(s.internalNote, false);
    }
    db.prepare('UPDATE issues SET status_id = ?, priority_id = ?, resolution_id = ?, resolution_date = ?, updated = ?, status_category_changed = ? WHERE id = ?').run(statusId(status), prioId[priority], resolution, resolutionDate, updated, catChanged, id);
    for (const [k, v] of Object.entries(o.properties ?? {})) db.prepare('INSERT INTO issue_properties(issue_id, key, value) VALUES (?, ?, ?)').run(id, k, JSON.stringify(v));
    if (o.status !== status) throw new Error(`seed: ${key} ends in ${status}, expected ${o.status}`);
  };
  const doc = (text: string) => JSON.parse(adf(text)) as unknown;
  const jiraTime = (t: number) => new Date(t).toISOString().replace('Z', '+0000');
  // The change windows are Tuesdays and Thursdays 20:00–23:00 in Lisbon; the year-end freeze starts in a week (demo-changes.ts).
  const wafStart = windowStart(now, HOUR);
  const disksStart = windowStart(now, HOUR, 1);
  const freeze = freezeOf(now);
  const inFreeze = windowStart(freeze.start, 0);
  const plans = (implementation: string, test: string | null, backout: string) => ({ [F.implementationPlan]: doc(implementation), ...(test ? { [F.testPlan]: doc(test) } : {}), [F.backoutPlan]: doc(backout) });
  const impactUrgency = (impact: string, urgency: string, services: string[]) => ({ [F.impact]: option(F.impact, impact), [F.urgency]: option(F.urgency, urgency), [F.services]: services.map((s) => option(F.services, s)) });

  issue({ ref: 'mail-down', project: 'SD', type: 'Incident', summary: 'E-mail delivery down for all Northwind mailboxes', description: 'Since 09:10 no mail reaches our mailboxes; senders get bounces (451 temporary failure).', reporter: 'carla', assignee: 'priya', created: now - 3 * HOUR, priority: 'Critical', status: 'In progress',
    custom: impactUrgency('High', 'High', ['Managed e-mail']),
    steps: [
      { at: now - 3 * HOUR + 9 * MIN, by: 'priya', publicReply: 'We are on it: the inbound relay rejects connections. Next update within 30 minutes.' },
      { at: now - 3 * HOUR + 10 * MIN, by: 'priya', status: 'In progress' },
      { at: now - 3 * HOUR + 25 * MIN, by: 'ines', internalNote: 'Major incident candidate: all Northwind mailboxes. Supplier NetHost informed by phone.' },
      { at: now - 2 * HOUR, by: 'carla', customerComment: 'Any news? Our sales team cannot work.' },
    ] });
  issue({ ref: 'checkout-502', project: 'SD', type: 'Incident', summary: 'Website checkout returns 502 Bad Gateway', description: 'About one in five checkout attempts fails with 502 since this morning.', reporter: 'chen', assignee: 'tom', created: now - 5 * HOUR, priority: 'High', status: 'Waiting for customer',
    custom: impactUrgency('Medium', 'High', ['Web hosting']),
    steps: [
      { at: now - 5 * HOUR + 18 * MIN, by: 'tom', internalNote: 'Upstream timeouts on app-02; checking the load balancer.' },
      { at: now - 5 * HOUR + 24 * MIN, by: 'tom', publicReply: 'We see upstream timeouts and are investigating. Can you send the time of a failed order?' },
      { at: now - 5 * HOUR + 25 * MIN, by: 'tom', status: 'In progress' },
      { at: now - 4 * HOUR, by: 'tom', status: 'Waiting for customer', publicReply: 'We rebalanced traffic. Please confirm whether checkouts still fail.' },
    ] });
  issue({ ref: 'backup-failed', project: 'SD', type: 'Incident', summary: 'Nightly backup job failed on file server FS-01', description: 'The backup report shows job FS-01-nightly failed with "snapshot timeout".', reporter: 'carla', assignee: 'priya', created: now - 2 * DAY, priority: 'Normal', status: 'Resolved',
    custom: impactUrgency('Medium', 'Medium', ['Backup & restore']),
    steps: [
      { at: now - 2 * DAY + 50 * MIN, by: 'priya', publicReply: 'Thanks, we are looking into the failed job.', status: 'In progress' },
      { at: now - DAY, by: 'priya', status: 'Resolved', publicReply: 'The snapshot timeout was raised and the job re-ran successfully. Please confirm you see last night’s backup.' },
    ] });
  issue({ ref: 'signature', project: 'SD', type: 'Incident', summary: 'E-mail signature shows the old company logo', description: 'Outgoing mail still shows the 2025 logo in the signature.', reporter: 'chen', assignee: 'tom', created: now - 6 * DAY, priority: 'Low', status: 'Closed',
    custom: impactUrgency('Low', 'Low', ['Managed e-mail']),
    steps: [
      { at: now - 6 * DAY + 3 * HOUR, by: 'tom', publicReply: 'We will update the signature template today.', status: 'In progress' },
      { at: now - 5 * DAY, by: 'tom', status: 'Resolved', publicReply: 'The template is updated; new mails show the new logo.' },
      { at: now - 5 * DAY + 2 * HOUR, by: 'chen', customerComment: 'Confirmed, looks good. Thank you!' },
      { at: now - 5 * DAY + 3 * HOUR, by: 'tom', status: 'Closed' },
    ] });
  issue({ ref: 'vpn-slow', project: 'SD', type: 'Incident', summary: 'VPN very slow from the Leeds branch office', description: 'Since the weekend the VPN from Leeds drops to under 1 Mbit/s.', reporter: 'carla', created: now - 40 * MIN, priority: 'Normal', status: 'Open',
    custom: impactUrgency('Medium', 'High', ['Web hosting']),
    // D25: raising the urgency (Medium → High) raises the derived priority Normal → High from that instant.
    steps: [{ at: now - 20 * MIN, by: 'ines', select: { fieldId: F.urgency, name: 'Urgency', from: 'Medium', to: 'High' }, priority: 'High', internalNote: 'Urgency raised: the branch runs payroll today.' }] });
  issue({ ref: 'login-failures', project: 'SD', type: 'Incident', summary: 'Intermittent login failures on the customer portal', description: 'Some users get "session expired" right after logging in.', reporter: 'chen', assignee: 'priya', created: now - 3 * DAY, priority: 'High', status: 'In progress',
    custom: impactUrgency('Medium', 'High', ['Web hosting']),
    steps: [
      { at: now - 3 * DAY + 20 * MIN, by: 'priya', publicReply: 'Investigating the session store.', status: 'In progress' },
      { at: now - 2 * DAY, by: 'priya', status: 'Resolved', publicReply: 'We fixed the session store replication. Please let us know if it happens again.' },
      { at: now - 6 * HOUR, by: 'chen', customerComment: 'It happened again this morning for three users.' },
      { at: now - 5 * HOUR, by: 'priya', status: 'In progress', publicReply: 'Reopened; looking at it again.' },
    ] });
  issue({ ref: 'mail-upgrade', project: 'SD', type: 'Change', summary: 'Upgrade mail server cluster to version 10', description: 'Permanent fix for relay instability: upgrade both MX nodes.', reporter: 'priya', assignee: 'priya', created: now - DAY, priority: 'Normal', status: 'Draft',
    custom: { [F.changeType]: option(F.changeType, 'Normal'), [F.services]: [option(F.services, 'Managed e-mail')], [F.cis]: ['mail-relay-mx1', 'mail-relay-mx2'],
      [F.businessImpact]: doc('Both relays run an unsupported version; the upgrade removes the cause of the relay outages.'),
      ...plans('Upgrade MX-2 first, move traffic to it, then upgrade MX-1.', 'Send test mail through each node from the staging relay; check the bounce rate for an hour.', 'Re-image the node from the pre-upgrade snapshot and move traffic back.') } });
  issue({ ref: 'waf-rule', project: 'SD', type: 'Change', summary: 'Add WAF rule to shed bot traffic on checkout', description: 'Mitigation for the checkout 502s.', reporter: 'tom', assignee: 'tom', created: now - 4 * HOUR, priority: 'High', status: 'Awaiting approval',
    custom: { [F.changeType]: option(F.changeType, 'Normal'), [F.services]: [option(F.services, 'Web hosting')], [F.plannedStart]: jiraTime(wafStart), [F.plannedEnd]: jiraTime(wafStart + HOUR),
      [F.cis]: ['waf-policy'], [F.businessImpact]: doc('Checkout errors cost our customers orders every evening.'), [F.builder]: a('tom'), [F.deployer]: a('tom'),
      // JSM approvals: the Control Manager is asked to approve (sandbox/jira/servicedesk.ts).
      [F.approvers]: [a('carlos')],
      ...plans('Add the bot-shedding rule to the WAF policy of the checkout in log-only mode, then enforce it.', 'Replay yesterday’s checkout traffic against staging with the rule enforced.', 'Remove the rule from the WAF policy.') },
    steps: [{ at: now - 3 * HOUR, by: 'tom', status: 'Awaiting approval' }] });
  issue({ ref: 'relay-restore', project: 'SD', type: 'Change', summary: 'Restore mail relay configuration from last known good', description: 'Emergency change to restore inbound mail.', reporter: 'ines', assignee: 'priya', created: now - 2 * HOUR, priority: 'Critical', status: 'In build',
    custom: { [F.changeType]: option(F.changeType, 'Emergency'), [F.services]: [option(F.services, 'Managed e-mail')], [F.approvers]: [a('carlos')], [F.cis]: ['mail-relay-config'], [F.builder]: a('priya'), ...plans('Restore relay.conf from the last known good backup and restart the relay.', null, 'Put the current relay.conf back.') },
    steps: [
      { at: now - 2 * HOUR + 5 * MIN, by: 'ines', status: 'Awaiting approval' },
      { at: now - 2 * HOUR + 12 * MIN, by: 'carlos', status: 'Approved', internalNote: 'Emergency approval by the Control Manager; documentation to follow.' },
      { at: now - 2 * HOUR + 15 * MIN, by: 'priya', status: 'In build' },
    ] });
  issue({ ref: 'patching', project: 'SD', type: 'Change', summary: 'Monthly patching of web servers (November)', description: 'Pre-approved standard change from the patching template.', reporter: 'tom', assignee: 'tom', created: now - 10 * DAY, priority: 'Normal', status: 'Closed',
    custom: { [F.changeType]: option(F.changeType, 'Standard'), [F.services]: [option(F.services, 'Web hosting')], [F.approvers]: [a('carlos')], [F.cis]: ['web-frontend-pool'] },
    steps: [
      { at: now - 10 * DAY + HOUR, by: 'tom', status: 'Awaiting approval' },
      { at: now - 10 * DAY + 2 * HOUR, by: 'carlos', status: 'Approved' },
      { at: now - 9 * DAY, by: 'tom', status: 'In build' },
      { at: now - 9 * DAY + 2 * HOUR, by: 'tom', status: 'In test' },
      { at: now - 8 * DAY, by: 'carlos', status: 'Ready to deploy' },
      { at: now - 8 * DAY + 4 * HOUR, by: 'tom', status: 'Deployed' },
      { at: now - 7 * DAY, by: 'carlos', status: 'Reviewed', internalNote: 'Post-implementation review: all servers patched, no incidents.' },
      { at: now - 7 * DAY + HOUR, by: 'carlos', status: 'Closed' },
    ] });
  issue({ ref: 'backup-problem', project: 'SD', type: 'Problem', summary: 'Recurring snapshot timeouts in nightly backups', description: 'Third backup failure this quarter with the same symptom.', reporter: 'ines', assignee: 'priya', created: now - DAY, priority: 'Normal', status: 'To Do' });
  issue({ ref: 'mailbox-request', project: 'SD', type: 'Service request', summary: 'New mailbox for our intern starting Monday', description: 'Name: Alex Smith, start date next Monday.', reporter: 'carla', assignee: 'tom', created: now - 26 * HOUR, priority: 'Low', status: 'In progress',
    steps: [{ at: now - 25 * HOUR, by: 'tom', status: 'In progress', publicReply: 'We will set it up before Monday.' }] });
  // Issue #13: changes in every state of their path (their evidence is in app storage, demo-changes.ts).
  issue({ ref: 'october-patching', project: 'SD', type: 'Change', summary: 'Monthly patching of web servers (October)', description: 'The first run of the monthly patching as a normal change, before it was designated pre-approved.', reporter: 'tom', assignee: 'tom', created: now - 45 * DAY, priority: 'Normal', status: 'Closed',
    custom: { [F.changeType]: option(F.changeType, 'Normal'), ...impactUrgency('Medium', 'Low', ['Web hosting']), [F.cis]: ['web-frontend-pool'], [F.builder]: a('tom'), [F.deployer]: a('tom'),
      [F.businessImpact]: doc('Security patches for the web servers of every hosted shop.'), [F.plannedStart]: jiraTime(now - 38 * DAY), [F.plannedEnd]: jiraTime(now - 38 * DAY + 2 * HOUR),
      ...plans('Patch one server at a time behind the load balancer.', 'Smoke tests and the checkout journey on each server.', 'Reinstall the previous kernel package and reboot.') },
    steps: [
      { at: now - 45 * DAY + HOUR, by: 'tom', status: 'Awaiting approval' },
      { at: now - 45 * DAY + 2 * HOUR, by: 'carlos', status: 'Approved' },
      { at: now - 44 * DAY, by: 'carlos', status: 'In build' },
      { at: now - 43 * DAY, by: 'tom', status: 'In test' },
      { at: now - 42 * DAY, by: 'carlos', status: 'Ready to deploy' },
      { at: now - 38 * DAY, by: 'tom', status: 'Deployed' },
      { at: now - 37 * DAY, by: 'carlos', status: 'Reviewed', internalNote: 'Post-implementation review: no incident followed; fit to repeat monthly.' },
      { at: now - 37 * DAY + HOUR, by: 'carlos', status: 'Closed' },
    ] });
  issue({ ref: 'ssh-vendor', project: 'SD', type: 'Change', summary: 'Open SSH to the internet for the billing vendor', description: 'The vendor asks for direct SSH access to the billing server.', reporter: 'priya', assignee: 'priya', created: now - 6 * DAY, priority: 'Normal', status: 'Rejected',
    custom: { [F.changeType]: option(F.changeType, 'Normal'), ...impactUrgency('Low', 'Medium', ['Web hosting']), [F.cis]: ['firewall-edge'], [F.businessImpact]: doc('Faster support from the vendor.'), ...plans('Add a firewall rule for port 22.', null, 'Remove the rule.') },
    steps: [{ at: now - 6 * DAY + HOUR, by: 'priya', status: 'Awaiting approval' }, { at: now - 5 * DAY, by: 'carlos', status: 'Rejected' }] });
  issue({ ref: 'backup-disks', project: 'SD', type: 'Change', summary: 'Replace the disks of backup server BK-1', description: 'The disk array reports predictive failures on two disks.', reporter: 'ines', assignee: 'tom', created: now - 7 * DAY, priority: 'High', status: 'Ready to deploy',
    custom: { [F.changeType]: option(F.changeType, 'Normal'), ...impactUrgency('Medium', 'High', ['Backup & restore']), [F.cis]: ['backup-server'], [F.builder]: a('tom'), [F.deployer]: a('tom'),
      [F.businessImpact]: doc('Without the new disks the nightly backups of every customer are at risk.'), [F.plannedStart]: jiraTime(disksStart), [F.plannedEnd]: jiraTime(disksStart + 2 * HOUR),
      ...plans('Swap the array for the burnt-in one and resync.', 'Restore the largest customer from the new array.', 'Put the old array back; it still holds last night\'s backups.') },
    steps: [
      { at: now - 7 * DAY + HOUR, by: 'ines', status: 'Awaiting approval' },
      { at: now - 6 * DAY, by: 'carlos', status: 'Approved' },
      { at: now - 5 * DAY, by: 'carlos', status: 'In build' },
      { at: now - 3 * DAY, by: 'tom', status: 'In test' },
      { at: now - DAY + 2 * HOUR, by: 'carlos', status: 'Ready to deploy' },
    ] });
  issue({ ref: 'firewall-cve', project: 'SD', type: 'Change', summary: 'Emergency firmware update of the edge firewall (CVE-2026-4113)', description: 'A remotely exploitable flaw in the firewall firmware is being exploited.', reporter: 'carlos', assignee: 'priya', created: now - 2 * DAY - HOUR, priority: 'Critical', status: 'Deployed',
    custom: { [F.changeType]: option(F.changeType, 'Emergency'), ...impactUrgency('High', 'High', ['Web hosting']), [F.cis]: ['firewall-edge'], [F.deployer]: a('priya'),
      [F.plannedStart]: jiraTime(now - DAY - 21 * HOUR), [F.plannedEnd]: jiraTime(now - DAY - 20 * HOUR), ...plans('Install firmware 7.4.3 on the standby unit, fail over, then the other unit.', null, 'Fail back to the unit still on 7.4.2.') },
    steps: [
      { at: now - 2 * DAY - 50 * MIN, by: 'carlos', status: 'Awaiting approval' },
      { at: now - 2 * DAY, by: 'sofia', status: 'Approved', internalNote: 'Emergency approval by the Service Manager.' },
      { at: now - DAY - 20 * HOUR, by: 'priya', status: 'Deployed' },
    ] });
  issue({ ref: 'dns-migration', project: 'SD', type: 'Change', summary: 'Move the customer DNS zones to the new provider', description: 'The current DNS provider ends its contract in January.', reporter: 'tom', assignee: 'tom', created: now - 2 * DAY, priority: 'Normal', status: 'Awaiting approval',
    custom: { [F.changeType]: option(F.changeType, 'Normal'), ...impactUrgency('Medium', 'Medium', ['Web hosting']), [F.cis]: ['dns-zones'], [F.approvers]: [a('carlos')],
      [F.businessImpact]: doc('Every hosted domain depends on it.'), [F.plannedStart]: jiraTime(inFreeze), [F.plannedEnd]: jiraTime(inFreeze + 2 * HOUR),
      ...plans('Lower the TTLs, copy the zones, switch the name servers.', 'Resolve every zone through the new provider before switching.', 'Switch the name servers back.') },
    steps: [{ at: now - 2 * DAY + HOUR, by: 'tom', status: 'Awaiting approval' }] });
  issue({ ref: 'waf-tuning', project: 'SD', type: 'Change', summary: 'Tune the WAF bot score threshold', description: 'Lower false positives on the checkout.', reporter: 'priya', assignee: 'priya', created: now - 3 * HOUR, priority: 'Normal', status: 'Draft',
    custom: { [F.changeType]: option(F.changeType, 'Normal'), ...impactUrgency('Low', 'Medium', ['Web hosting']), [F.cis]: ['waf-policy'], [F.businessImpact]: doc('Fewer genuine customers blocked at checkout.'),
      [F.plannedStart]: jiraTime(wafStart + 30 * MIN), [F.plannedEnd]: jiraTime(wafStart + 90 * MIN), ...plans('Change the threshold from 30 to 25.', 'Replay yesterday\'s traffic in staging.', 'Set it back to 30.') } });
  issue({ ref: 'tls', project: 'OPS', type: 'Task', summary: 'Renew TLS certificates for customer portals', description: 'Certificates expire in 21 days.', reporter: 'sofia', assignee: 'carlos', created: now - 4 * DAY, priority: 'High', status: 'To Do' });
  issue({ ref: 'access-review', project: 'OPS', type: 'Task', summary: 'Quarterly access review of admin accounts', description: 'Review admin accounts on all managed systems.', reporter: 'sofia', created: now - 8 * DAY, priority: 'Normal', status: 'Done',
    steps: [{ at: now - 7 * DAY, by: 'sofia', status: 'Done' }] });

  // Service relationship (issue #14): the agreements (their content is the app's, demo-relationship.ts), and six weeks of
  // resolved incidents of both customers for the performance reports. Added last, so the earlier keys stay.
  for (const ag of demoAgreements(now)) issue({ ref: ag.ref, project: 'SD', type: ag.type, summary: ag.title, description: ag.description, reporter: 'rachel', assignee: 'rachel', created: now - 125 * DAY, priority: 'Normal', status: 'To Do' });
  for (const h of historyIncidents(now)) {
    issue({ ref: h.ref, project: 'SD', type: 'Incident', summary: h.summary, description: `${h.summary}.`, reporter: h.reporter, assignee: h.assignee, created: h.created, priority: h.priority, status: 'Closed',
      custom: impactUrgency(h.impact, h.urgency, [h.service]),
      steps: [
        { at: h.created + h.firstReplyAfter, by: h.assignee, publicReply: 'Thanks, we are looking into it.', status: 'In progress' },
        { at: h.created + h.resolvedAfter, by: h.assignee, status: 'Resolved', publicReply: 'Fixed; please check and confirm.' },
        { at: h.created + h.resolvedAfter + 2 * HOUR, by: h.reporter, customerComment: 'Confirmed, works again. Thank you.' },
        { at: h.created + h.resolvedAfter + 3 * HOUR, by: h.assignee, status: 'Closed' },
      ] });
  }

  db.prepare("UPDATE projects SET next_issue_number = ? WHERE key = 'SD'").run(numbers.SD);
  db.prepare("UPDATE projects SET next_issue_number = ? WHERE key = 'OPS'").run(numbers.OPS);
  const link = (type: string, inward: string, outward: string) => db.prepare('INSERT INTO issue_links(id, type_id, inward_issue_id, outward_issue_id) VALUES (?, ?, ?, ?)').run(nextId(db, 'issuelink'), type, keys[inward], keys[outward]);
  link('10003', 'waf-rule', 'checkout-502');
  link('10003', 'relay-restore', 'mail-down');
  link('10003', 'mail-upgrade', 'mail-down');
  link('10004', 'backup-problem', 'backup-failed');
  return seeded;
}

/** GET /sandbox/users: the demo accounts with their API tokens and 29110 roles (from the app's role list). */
export function demoUsersView(db: Db, kvs: ForgeKvsStore, now: number): unknown[] {
  const users = db.prepare("SELECT * FROM users WHERE account_type != 'app' ORDER BY rowid").all() as UserRow[];
  const valueOf = (out: { body?: unknown }) => (out.body as { value?: unknown } | undefined)?.value;
  const assignments = approvedAssignments({
    entity: (entityName, key) => valueOf(kvs.handle('/api/v1/entity/get', { entityName, key }, now)),
    key: (key) => valueOf(kvs.handle('/api/v1/get', { key }, now)),
  });
  return users.map((u) => ({
    accountId: u.account_id, displayName: u.display_name, emailAddress: u.email, apiToken: u.api_token, accountType: u.account_type,
    title: u.title, organization: u.organization, isJiraAdmin: u.is_site_admin === 1, timeZone: u.time_zone, locale: u.locale,
    roles: assignments.filter((x) => x.accountId === u.account_id).flatMap((x) => x.roles).map((code) => ({ code, name: ROLES[code].name })),
  }));
}

/**
 * The demo's JSM customer organizations, one per customer company, both on the SD service desk (id 1), with their
 * customers as members: "Northwind Traders" (id 1: Carla Jones) and "Globex" (id 2: Chen Wei). Every SD request a
 * member raised is shared with their organization (its "Organizations" field), as JSM shares a portal request. The
 * supplier (Sam, NetHost Ltd) is no customer organization. Keys and ids of the seeded issues do not change.
 */
export const DEMO_ORGANIZATIONS: Array<{ name: string; members: string[] }> = [
  { name: 'Northwind Traders', members: ['carla'] },
  { name: 'Globex', members: ['chen'] },
];

export function seedDemoOrganizations(db: Db, now: number): void {
  db.transaction(() => {
    const desk = (db.prepare("SELECT d.id FROM sd_service_desks d JOIN projects p ON p.id = d.project_id WHERE p.key = 'SD'").get() as { id: string }).id;
    for (const o of DEMO_ORGANIZATIONS) {
      const row = createOrganization(db, o.name, now - 120 * DAY);
      addOrganizationMembers(db, row.id, o.members.map(demoAccountId));
      addOrganizationToDesk(db, desk, row.id);
    }
    const issues = db.prepare("SELECT i.id, i.reporter_id, i.custom FROM issues i JOIN projects p ON p.id = i.project_id WHERE p.key = 'SD' ORDER BY i.id").all() as Array<{ id: number; reporter_id: string | null; custom: string }>;
    for (const i of issues) {
      const share = i.reporter_id ? defaultRequestOrganizations(db, i.reporter_id, desk) : [];
      if (!share.length) continue;
      db.prepare('UPDATE issues SET custom = ? WHERE id = ?').run(JSON.stringify({ ...(JSON.parse(i.custom) as Record<string, unknown>), [F.organizations]: share }), i.id);
    }
  })();
}

/** The demo service desk's customer portal (JSM request types of project SD): sandbox/jira/servicedesk.ts. */
export function seedDemoPortal(db: Db): void {
  const summary = { fieldId: 'summary', name: 'Summary', description: 'A few words on what is wrong or what you need.', required: true };
  const description = { fieldId: 'description', name: 'Description', description: 'What happened, since when, and who is affected.', required: false };
  seedServiceDesk(db, 'SD', [
    { name: 'Report an incident', description: 'Something is broken or not working as it should.', helpText: 'Tell us how badly it affects you: impact and urgency set how fast we respond.', issueTypeName: 'Incident', fields: [
      summary, description,
      { fieldId: 'name:Impact', name: 'Impact', description: 'How much of your business is affected.', required: false },
      { fieldId: 'name:Urgency', name: 'Urgency', description: 'How soon it must be fixed.', required: false },
      { fieldId: 'name:Affected services', name: 'Affected services', description: 'The services that do not work.', required: false },
    ] },
    { name: 'Ask a question', description: 'Ask us anything about your services.', issueTypeName: 'Service request', fields: [summary, description] },
    { name: 'Get help', description: 'Request something new, such as a mailbox or an account.', issueTypeName: 'Service request', fields: [summary, description] },
  ]);
}
