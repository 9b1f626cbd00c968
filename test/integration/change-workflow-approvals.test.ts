import { HttpException, ServiceDeskClient, Version3Client } from 'jira.js';
import { getRequestApprovals } from '../../src/jira/jsm-approvals';
import { configureApproval } from '../../sandbox/jira/servicedesk';
import { demoAccountId, demoToken } from '../../sandbox/seed/demo';
import { actAsForgeRuntime } from './forge-globals';
import { call, emailOf, withSandbox } from './harness';

jest.setTimeout(60_000);

/**
 * The sandbox's change workflow (D16's three paths: the emergency deploy and the done status "Closed"), JSM's
 * approvals as jira.js's unmodified ServiceDeskClient reads and answers them, and user-picker custom fields
 * (Builder, Deployer, Approvers) with Jira's REST shapes, changelog and JQL (issue #13).
 */
describe('change workflow, JSM approvals and user pickers on the demo site', () => {
  let env: Awaited<ReturnType<typeof withSandbox>>;
  let base: string;
  const auth = (user: string) => ({ host: base, authentication: { basic: { email: emailOf(user), apiToken: demoToken(user) } } });
  const desk = (user: string) => new ServiceDeskClient(auth(user));
  const jira = (user: string) => new Version3Client(auth(user));
  const id = demoAccountId;
  async function failure(request: Promise<unknown>): Promise<{ status: number; data: { errorMessage?: string; i18nErrorMessage?: unknown } | undefined }> {
    try { await request; } catch (e) {
      if (e instanceof HttpException) return { status: e.status, data: (e.response as { data?: { errorMessage?: string } } | undefined)?.data };
      throw e;
    }
    throw new Error('expected the request to fail');
  }
  const fieldId = async (name: string): Promise<string> => (await jira('sofia').issueFields.getFields()).find((f) => f.name === name)!.id!;
  const statusOf = async (key: string) => (await jira('sofia').issues.getIssue({ issueIdOrKey: key, fields: ['status', 'resolution'] })).fields;

  beforeAll(async () => {
    env = await withSandbox();
    base = env.sandbox.url;
  });
  afterAll(async () => { await env?.stop(); });

  describe('the change workflow (D16)', () => {
    /** The transitions an agent sees on a change in `status` (GET /transitions, which the shell's issue view lists). */
    async function transitionsFrom(key: string, status: string): Promise<Array<[string, string]>> {
      const statusId = (env.sandbox.db.prepare('SELECT id FROM statuses WHERE name = ?').get(status) as { id: string }).id;
      env.sandbox.db.prepare('UPDATE issues SET status_id = ? WHERE key = ?').run(statusId, key);
      const list = await jira('carlos').issues.getTransitions({ issueIdOrKey: key });
      return (list.transitions ?? []).map((t) => [t.name!, t.to!.name!]);
    }

    it('offers the emergency deploy from Approved, and Close from Reviewed and from Deployed', async () => {
      const created = await jira('tom').issues.createIssue({ fields: { project: { key: 'SD' }, issuetype: { name: 'Change' }, summary: 'Workflow probe' } });
      expect(await transitionsFrom(created.key, 'Draft')).toEqual([['Submit for approval', 'Awaiting approval']]);
      expect(await transitionsFrom(created.key, 'Awaiting approval')).toEqual([['Approve', 'Approved'], ['Reject', 'Rejected']]);
      expect(await transitionsFrom(created.key, 'Approved')).toEqual([['Start build', 'In build'], ['Deploy (emergency)', 'Deployed']]);
      expect(await transitionsFrom(created.key, 'Ready to deploy')).toEqual([['Deploy', 'Deployed']]);
      expect(await transitionsFrom(created.key, 'Deployed')).toEqual([['Review', 'Reviewed'], ['Close', 'Closed']]);
      expect(await transitionsFrom(created.key, 'Reviewed')).toEqual([['Close', 'Closed']]);
      expect(await transitionsFrom(created.key, 'Closed')).toEqual([]);
    });

    it('has Closed as the done status and Reviewed still open; the seeded patching change is closed after its review', async () => {
      const statuses = await jira('sofia').workflowStatuses.getStatuses();
      const category = (name: string) => statuses.find((s) => s.name === name)?.statusCategory?.key;
      expect(category('Closed')).toBe('done');
      expect(category('Reviewed')).toBe('indeterminate');
      expect(category('Deployed')).toBe('indeterminate');
      const patching = await statusOf('SD-10');
      expect(patching.status?.name).toBe('Closed');
      expect(patching.resolution?.name).toBe('Done');
      const log = await jira('sofia').issues.getChangeLogs({ issueIdOrKey: 'SD-10' });
      const path = (log.values ?? []).flatMap((h) => (h.items ?? []).filter((i) => i.field === 'status').map((i) => i.toString));
      expect(path.slice(-2)).toEqual(['Reviewed', 'Closed']);
    });

    it('runs the app’s workflow validator on the new transitions (every change transition carries it)', () => {
      const wf = env.sandbox.db.prepare("SELECT definition FROM workflows WHERE name = 'SD Change workflow'").get() as { definition: string };
      const transitions = (JSON.parse(wf.definition) as { transitions: Array<{ name: string; validators: string[] }> }).transitions;
      expect(transitions.map((t) => t.name)).toEqual(expect.arrayContaining(['Deploy (emergency)', 'Close']));
      expect(transitions.every((t) => t.validators.includes('sd-transition-validator'))).toBe(true);
    });
  });

  describe('JSM approvals (servicedeskapi) through jira.js', () => {
    it('lists the pending change approval of SD-8 with the Control Manager as its approver; only he may answer it', async () => {
      const page = await desk('carlos').request.getApprovals({ issueIdOrKey: 'SD-8' });
      expect(page).toMatchObject({ start: 0, isLastPage: true, size: 1 });
      const approval = page.values![0]!;
      expect(approval).toMatchObject({ name: 'Change approval', finalDecision: 'pending', canAnswerApproval: true, approvers: [{ approver: { accountId: id('carlos'), displayName: 'Carlos Ibáñez' }, approverDecision: 'pending' }] });
      expect(approval.completedDate).toBeUndefined();
      // Opened when SD-8 entered "Awaiting approval" (its history), not when somebody first asked.
      const log = await jira('sofia').issues.getChangeLogs({ issueIdOrKey: 'SD-8' });
      const entered = (log.values ?? []).find((h) => (h.items ?? []).some((i) => i.field === 'status' && i.toString === 'Awaiting approval'))!;
      expect(approval.createdDate?.epochMillis).toBe(Date.parse(entered.created!));
      expect(await desk('carlos').request.getApprovalById({ issueIdOrKey: 'SD-8', approvalId: Number(approval.id) })).toEqual(approval);
      const tom = await desk('tom').request.getApprovalById({ issueIdOrKey: 'SD-8', approvalId: Number(approval.id) });
      expect(tom.canAnswerApproval).toBe(false);
      const refused = await failure(desk('tom').request.answerApproval({ issueIdOrKey: 'SD-8', approvalId: Number(approval.id), decision: 'approve' }));
      expect(refused.status).toBe(403);
      expect(refused.data?.errorMessage).toBe('You are not an approver of this approval.');
      expect((await statusOf('SD-8')).status?.name).toBe('Awaiting approval');
      expect((await desk('carlos').request.getApprovalById({ issueIdOrKey: 'SD-8', approvalId: Number(approval.id) })).finalDecision).toBe('pending');
    });

    it('shows the seeded changes past approval as approved by the Control Manager when they were', async () => {
      const [approval] = (await desk('tom').request.getApprovals({ issueIdOrKey: 'SD-9' })).values!;
      expect(approval).toMatchObject({ name: 'Change approval', finalDecision: 'approved', canAnswerApproval: false, approvers: [{ approver: { accountId: id('carlos') }, approverDecision: 'approved' }] });
      const log = await jira('sofia').issues.getChangeLogs({ issueIdOrKey: 'SD-9' });
      const approvedAt = log.values!.find((h) => h.items!.some((i) => i.field === 'status' && i.toString === 'Approved'))!.created!;
      expect(approval!.completedDate?.epochMillis).toBe(Date.parse(approvedAt));
      expect(approval!.createdDate!.epochMillis!).toBeLessThan(Date.parse(approvedAt));
    });

    it('the app reads them asApp in its own shape, and null for an issue of a project without JSM', async () => {
      await actAsForgeRuntime(base, null);
      const approvals = await getRequestApprovals('SD-8');
      expect(approvals).toEqual([{ id: expect.any(String), name: 'Change approval', finalDecision: 'pending', approvers: [{ accountId: id('carlos'), decision: 'pending' }], createdDate: expect.stringMatching(/^\d{4}-/), completedDate: null }]);
      expect(await getRequestApprovals('OPS-1')).toBeNull();
      expect(await getRequestApprovals('SD-1')).toEqual([]);
    });

    it('an approver’s approval performs the configured transition as that approver; a decline performs the other', async () => {
      // A generic approval step (no validators on the Simple workflow): Problem "To Do" → "Start" or "Done".
      configureApproval(env.sandbox.db, { projectKey: 'SD', issueTypeName: 'Problem', statusName: 'To Do', approversFieldName: 'Approvers', approveTransition: 'Start', declineTransition: 'Done', name: 'Problem approval' });
      const approvers = await fieldId('Approvers');
      await jira('sofia').issues.editIssue({ issueIdOrKey: 'SD-11', fields: { [approvers]: [{ accountId: id('priya') }, { accountId: id('ines') }] } });
      const [pending] = (await desk('priya').request.getApprovals({ issueIdOrKey: 'SD-11' })).values!;
      expect(pending!.approvers!.map((a) => a.approver?.accountId)).toEqual([id('priya'), id('ines')]);
      const answered = await desk('priya').request.answerApproval({ issueIdOrKey: 'SD-11', approvalId: Number(pending!.id), decision: 'approve' });
      expect(answered).toMatchObject({ finalDecision: 'approved', canAnswerApproval: false, approvers: [{ approverDecision: 'approved' }, { approverDecision: 'pending' }] });
      expect(answered.completedDate?.epochMillis).toEqual(expect.any(Number));
      expect((await statusOf('SD-11')).status?.name).toBe('In progress');
      const log = await jira('sofia').issues.getChangeLogs({ issueIdOrKey: 'SD-11' });
      const last = log.values!.at(-1)!;
      expect(last.author?.accountId).toBe(id('priya'));
      expect(last.items).toEqual([expect.objectContaining({ field: 'status', fromString: 'To Do', toString: 'In progress' })]);
      // Settled: nobody answers it again.
      expect((await failure(desk('ines').request.answerApproval({ issueIdOrKey: 'SD-11', approvalId: Number(pending!.id), decision: 'decline' }))).status).toBe(400);

      const other = await jira('ines').issues.createIssue({ fields: { project: { key: 'SD' }, issuetype: { name: 'Problem' }, summary: 'Printer queue stalls', [approvers]: [{ accountId: id('sofia') }] } });
      const [second] = (await desk('sofia').request.getApprovals({ issueIdOrKey: other.key })).values!;
      const declined = await desk('sofia').request.answerApproval({ issueIdOrKey: other.key, approvalId: Number(second!.id), decision: 'decline' });
      expect(declined.finalDecision).toBe('declined');
      expect((await statusOf(other.key)).status?.name).toBe('Done');
      expect((await failure(desk('sofia').request.answerApproval({ issueIdOrKey: other.key, approvalId: 999_999, decision: 'approve' }))).status).toBe(404);
    });

    it('a customer listed as approver sees the request’s approvals and answers them; another customer sees nothing', async () => {
      const approvers = await fieldId('Approvers');
      configureApproval(env.sandbox.db, { projectKey: 'SD', issueTypeName: 'Problem', statusName: 'To Do', approversFieldName: 'Approvers', approveTransition: 'Start', declineTransition: 'Done', name: 'Problem approval' });
      const created = await jira('ines').issues.createIssue({ fields: { project: { key: 'SD' }, issuetype: { name: 'Problem' }, summary: 'Mailbox quota alerts', [approvers]: [{ accountId: id('carla') }] } });
      expect((await failure(desk('chen').request.getApprovals({ issueIdOrKey: created.key }))).status).toBe(404);
      const [approval] = (await desk('carla').request.getApprovals({ issueIdOrKey: created.key })).values!;
      expect(approval).toMatchObject({ canAnswerApproval: true, finalDecision: 'pending' });
      await desk('carla').request.answerApproval({ issueIdOrKey: created.key, approvalId: Number(approval!.id), decision: 'approve' });
      expect((await statusOf(created.key)).status?.name).toBe('In progress');
    });

    it('a validator’s refusal answers 400 with its message in JSM’s error shape, and the approval stays pending', async () => {
      // SD-3 is resolved but its customer has not confirmed: the app's validator refuses closing it (D12).
      configureApproval(env.sandbox.db, { projectKey: 'SD', issueTypeName: 'Incident', statusName: 'Resolved', approversFieldName: 'Approvers', approveTransition: 'Close', declineTransition: 'Reopen' });
      await jira('sofia').issues.editIssue({ issueIdOrKey: 'SD-3', fields: { [await fieldId('Approvers')]: [{ accountId: id('carlos') }] } });
      const [approval] = (await desk('carlos').request.getApprovals({ issueIdOrKey: 'SD-3' })).values!;
      const res = await call(base, 'POST', `/rest/servicedeskapi/request/SD-3/approval/${approval!.id!}`, { user: 'carlos', body: { decision: 'approve' } });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ errorMessage: expect.stringContaining('SD-3 cannot be closed yet'), i18nErrorMessage: { i18nKey: expect.any(String) } });
      expect((await statusOf('SD-3')).status?.name).toBe('Resolved');
      expect(await desk('carlos').request.getApprovalById({ issueIdOrKey: 'SD-3', approvalId: Number(approval!.id) })).toMatchObject({ finalDecision: 'pending', canAnswerApproval: true, approvers: [{ approverDecision: 'pending' }] });
      expect((await call(base, 'POST', `/rest/servicedeskapi/request/SD-3/approval/${approval!.id!}`, { user: 'carlos', body: { decision: 'maybe' } })).status).toBe(400);
    });
  });

  describe('user-picker custom fields with Jira’s REST shapes', () => {
    it('writes {accountId}, reads the user, records account ids and names in the changelog, and finds them with JQL', async () => {
      const builder = await fieldId('Builder');
      const deployer = await fieldId('Deployer');
      const field = (await jira('sofia').issueFields.getFields()).find((f) => f.id === builder)!;
      expect(field.schema).toMatchObject({ type: 'user', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:userpicker', customId: Number(builder.slice('customfield_'.length)) });

      const keys = async (jql: string, user = 'carlos') => ((await jira(user).issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql, fields: ['summary'] })).issues ?? []).map((i) => i.key);
      // The demo's changes already name their builders and deployers: Priya built the mail relay restore (SD-9) and
      // deployed the firewall's emergency patch (SD-16); SD-7 names nobody yet.
      expect(await keys(`project = SD AND Builder = "${id('priya')}" ORDER BY key`)).toEqual(['SD-9']);
      expect(await keys('project = SD AND Deployer = currentUser() ORDER BY key', 'priya')).toEqual(['SD-16']);
      expect(await keys('project = SD AND issuetype = Change AND Builder is EMPTY ORDER BY key')).toContain('SD-7');

      await jira('carlos').issues.editIssue({ issueIdOrKey: 'SD-7', fields: { [builder]: { accountId: id('priya') }, [deployer]: { accountId: id('tom') } } });
      await jira('carlos').issues.editIssue({ issueIdOrKey: 'SD-7', fields: { [deployer]: { accountId: id('priya') } } });
      const issue = await jira('carlos').issues.getIssue({ issueIdOrKey: 'SD-7', fields: [builder, deployer] });
      expect(issue.fields[builder]).toMatchObject({ accountId: id('priya'), displayName: 'Priya Nair', accountType: 'atlassian', active: true });
      expect(issue.fields[deployer]).toMatchObject({ accountId: id('priya') });
      const log = await jira('carlos').issues.getChangeLogs({ issueIdOrKey: 'SD-7' });
      expect(log.values!.at(-1)!.items).toEqual([{ field: 'Deployer', fieldtype: 'custom', fieldId: deployer, from: id('tom'), fromString: 'Tom Becker', to: id('priya'), toString: 'Priya Nair' }]);

      expect(await keys(`project = SD AND Builder = "${id('priya')}" ORDER BY key`)).toEqual(['SD-7', 'SD-9']);
      expect(await keys(`project = SD AND cf[${builder.slice('customfield_'.length)}] = "Priya Nair" ORDER BY key`)).toEqual(['SD-7', 'SD-9']);
      expect(await keys('project = SD AND Deployer = currentUser() ORDER BY key', 'priya')).toEqual(['SD-7', 'SD-16']);
      expect(await keys(`project = SD AND Deployer = "${id('tom')}" ORDER BY key`)).not.toContain('SD-7');
      expect(await keys(`project = SD AND Approvers in ("${id('carlos')}")`)).toEqual(expect.arrayContaining(['SD-8']));
      expect(await keys('project = SD AND issuetype = Change AND Builder is EMPTY ORDER BY key')).not.toContain('SD-7');

      const bad = await failure(jira('carlos').issues.editIssue({ issueIdOrKey: 'SD-7', fields: { [builder]: { accountId: 'no-such-user' } } }));
      expect(bad.status).toBe(400);
    });

    it('seeds the change requests with their plans (WP.11), readable as documents', async () => {
      const plan = await fieldId('Implementation plan');
      const backout = await fieldId('Backout plan');
      const issue = await jira('carlos').issues.getIssue({ issueIdOrKey: 'SD-8', fields: [plan, backout] });
      expect(issue.fields[plan]).toMatchObject({ type: 'doc', version: 1 });
      expect(JSON.stringify(issue.fields[backout])).toContain('Remove the rule');
    });
  });
});
