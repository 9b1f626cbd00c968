import { HttpException, ServiceDeskClient, Version3Client } from 'jira.js';
import type { Result } from '../../src/contract/results';
import type { IssuePanelView } from '../../src/contract/views';
import { demoToken } from '../../sandbox/seed/demo';
import { call, emailOf, withSandbox } from './harness';

jest.setTimeout(60_000);

/**
 * The JSM customer portal path through an unmodified jira.js ServiceDeskClient: a customer raises an incident on
 * the portal, sees it, comments; the app treats it as any other incident; another organization's customer cannot
 * see it; and the app's portal module answers the customer's view.
 */
describe('JSM customer portal (servicedeskapi) through jira.js', () => {
  let env: Awaited<ReturnType<typeof withSandbox>>;
  let base: string;
  const desk = (user: string) => new ServiceDeskClient({ host: base, authentication: { basic: { email: emailOf(user), apiToken: demoToken(user) } } });
  const jira = (user: string) => new Version3Client({ host: base, authentication: { basic: { email: emailOf(user), apiToken: demoToken(user) } } });
  const settle = async () => { await call(base, 'POST', '/sandbox/events/settle'); };
  async function status(request: Promise<unknown>): Promise<number> {
    try { await request; } catch (e) { if (e instanceof HttpException) return e.status; throw e; }
    return 200;
  }

  beforeAll(async () => {
    env = await withSandbox();
    base = env.sandbox.url;
  });
  afterAll(async () => { await env?.stop(); });

  it('Carla raises an incident with high impact and urgency; it is an SD incident she reported, prioritised Critical by the app', async () => {
    const desks = await desk('carla').serviceDesk.getServiceDesks();
    expect(desks).toMatchObject({ start: 0, isLastPage: true, values: [{ projectKey: 'SD', projectName: 'Acme Managed Services' }] });
    const sd = desks.values![0]!;
    expect((await desk('carla').serviceDesk.getServiceDeskById({ serviceDeskId: sd.id! })).projectKey).toBe('SD');
    const types = await desk('carla').serviceDesk.getRequestTypes({ serviceDeskId: sd.id! });
    expect(types.values!.map((t) => t.name)).toEqual(['Report an incident', 'Ask a question', 'Get help']);
    const incidentType = types.values!.find((t) => t.name === 'Report an incident')!;
    const fields = await desk('carla').serviceDesk.getRequestTypeFields({ serviceDeskId: sd.id!, requestTypeId: Number(incidentType.id) });
    expect(fields.requestTypeFields!.map((f) => f.name)).toEqual(['Summary', 'Description', 'Impact', 'Urgency', 'Affected services']);
    expect(fields.canRaiseOnBehalfOf).toBe(false);
    const impact = fields.requestTypeFields!.find((f) => f.name === 'Impact')!;
    const urgency = fields.requestTypeFields!.find((f) => f.name === 'Urgency')!;
    const services = fields.requestTypeFields!.find((f) => f.name === 'Affected services')!;
    expect(impact.validValues!.map((v) => v.label)).toEqual(['High', 'Medium', 'Low']);

    const created = await desk('carla').request.createCustomerRequest({
      serviceDeskId: sd.id!, requestTypeId: incidentType.id!,
      requestFieldValues: {
        summary: 'Payroll system unreachable', description: 'Nobody in Leeds can open payroll since 10:00.',
        [impact.fieldId!]: { id: impact.validValues!.find((v) => v.label === 'High')!.value },
        [urgency.fieldId!]: { id: urgency.validValues!.find((v) => v.label === 'High')!.value },
        [services.fieldId!]: [{ id: services.validValues!.find((v) => v.label === 'Web hosting')!.value }],
      },
    });
    expect(created).toMatchObject({ requestTypeId: incidentType.id, serviceDeskId: sd.id, reporter: { displayName: 'Carla Jones' }, currentStatus: { status: 'Open', statusCategory: 'NEW' } });
    const key = created.issueKey!;
    await settle();

    const issue = await jira('priya').issues.getIssue({ issueIdOrKey: key, fields: ['issuetype', 'project', 'reporter', 'priority'] });
    expect(issue.fields.issuetype?.name).toBe('Incident');
    expect(issue.fields.project.key).toBe('SD');
    expect(issue.fields.reporter?.displayName).toBe('Carla Jones');
    expect(issue.fields.priority?.name).toBe('Critical');

    // list, get, comment, status
    const mine = await desk('carla').request.getCustomerRequests({});
    expect(mine.values!.map((r) => r.issueKey)).toContain(key);
    expect(mine.values!.every((r) => r.reporter?.displayName === 'Carla Jones')).toBe(true);
    const one = await desk('carla').request.getCustomerRequestByIdOrKey({ issueIdOrKey: key });
    expect(one.requestFieldValues!.find((f) => f.fieldId === 'summary')?.value).toBe('Payroll system unreachable');
    await desk('carla').request.createRequestComment({ issueIdOrKey: key, body: 'It also affects our Leeds office.', public: true });
    await jira('priya').issueComments.addComment({ issueIdOrKey: key, comment: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Internal: check the load balancer.' }] }] }, properties: [{ key: 'sd.public.comment', value: { internal: true } }] });
    await settle();
    const comments = await desk('carla').request.getRequestComments({ issueIdOrKey: key });
    const bodies = comments.values!.map((c) => c.body);
    expect(bodies).toContain('It also affects our Leeds office.');
    expect(bodies.some((b) => b?.includes('load balancer'))).toBe(false);
    expect((await status(desk('carla').request.createRequestComment({ issueIdOrKey: key, body: 'secret', public: false })))).toBe(403);
    const history = await desk('carla').request.getCustomerRequestStatus({ issueIdOrKey: key });
    expect(history.values![0]).toMatchObject({ status: 'Open', statusCategory: 'NEW' });

    // Chen (Globex) cannot see Carla's (Northwind) request.
    expect(await status(desk('chen').request.getCustomerRequestByIdOrKey({ issueIdOrKey: key }))).toBe(404);
    expect(await status(desk('chen').request.getRequestComments({ issueIdOrKey: key }))).toBe(404);
    expect((await desk('chen').request.getCustomerRequests({})).values!.map((r) => r.issueKey)).not.toContain(key);

    // Customers still cannot create issues through the platform API.
    const refused = await call(base, 'POST', '/rest/api/3/issue', { user: 'carla', body: { fields: { project: { key: 'SD' }, issuetype: { name: 'Incident' }, summary: 'Direct' } } });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('permission to create issues');

    // The app's portal module answers Carla the customer's view of her request.
    const context = { moduleKey: 'sd-portal-request', extension: { request: { key } } };
    const res = await call(base, 'POST', '/sandbox/bridge', { user: 'carla', body: { type: 'invoke', payload: { functionKey: 'issuePanel.load', payload: {} }, context } });
    const result = (res.body as { ok: boolean; result: Result<IssuePanelView> }).result;
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.issue.key).toBe(key);
    expect(result.data.incident?.audience).toBe('customer');
    // The portal module shows the issue panel's surface only: another surface's function is refused from it.
    const admin = await call(base, 'POST', '/sandbox/bridge', { user: 'carla', body: { type: 'invoke', payload: { functionKey: 'adminPage.load', payload: {} }, context } });
    expect((admin.body as { result: Result<unknown> }).result).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'adminPage.load answers the sd-admin-page module only, not sd-portal-request.' } });
    // Chen's frame for Carla's request is refused by the host, as JSM would not show it.
    const chen = await call(base, 'POST', '/sandbox/bridge', { user: 'chen', body: { type: 'invoke', payload: { functionKey: 'issuePanel.load', payload: {} }, context } });
    expect(chen.status).toBe(404);
  });

  it('refuses a request that misses a required field, naming the field, and raises nothing', async () => {
    const sd = (await desk('carla').serviceDesk.getServiceDesks()).values![0]!;
    const type = (await desk('carla').serviceDesk.getRequestTypes({ serviceDeskId: sd.id! })).values!.find((t) => t.name === 'Ask a question')!;
    let caught: unknown;
    try { await desk('carla').request.createCustomerRequest({ serviceDeskId: sd.id!, requestTypeId: type.id!, requestFieldValues: { description: 'no summary' } }); } catch (e) { caught = e; }
    expect(caught).toBeInstanceOf(HttpException);
    const data = ((caught as HttpException).response as { data?: { errorMessage?: string } }).data;
    expect((caught as HttpException).status).toBe(400);
    expect(data?.errorMessage).toContain('Summary');
  });

  it('a portal request without impact and urgency goes to the app like any other (triage applies)', async () => {
    const sd = (await desk('chen').serviceDesk.getServiceDesks()).values![0]!;
    const type = (await desk('chen').serviceDesk.getRequestTypes({ serviceDeskId: sd.id! })).values!.find((t) => t.name === 'Report an incident')!;
    const created = await desk('chen').request.createCustomerRequest({ serviceDeskId: sd.id!, requestTypeId: type.id!, requestFieldValues: { summary: 'Website slow' } });
    await settle();
    const events = (await call(base, 'GET', '/sandbox/events')).body as { deliveries: Array<{ eventType?: string; issueKey?: string; payload?: unknown }> };
    expect(JSON.stringify(events.deliveries)).toContain(created.issueKey!);
    const issue = await jira('priya').issues.getIssue({ issueIdOrKey: created.issueKey!, fields: ['issuetype', 'reporter'] });
    expect(issue.fields.issuetype?.name).toBe('Incident');
    expect(issue.fields.reporter?.displayName).toBe('Chen Wei');
    // The app tracks it as an incident and asks for what it needs to set the priority, as for any incident.
    const context = { moduleKey: 'sd-issue-panel', extension: { issue: { id: created.issueId, key: created.issueKey }, project: { id: '10000', key: 'SD' } } };
    const res = await call(base, 'POST', '/sandbox/bridge', { user: 'priya', body: { type: 'invoke', payload: { functionKey: 'issuePanel.load', payload: {} }, context } });
    const result = (res.body as { result: Result<IssuePanelView> }).result;
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.incident?.priority).toMatchObject({ derived: false, missing: ['impact', 'urgency'] });
  });
});
