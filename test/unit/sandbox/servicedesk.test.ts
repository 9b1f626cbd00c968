import { Router, type Reply } from '../../../sandbox/http';
import type { Principal } from '../../../sandbox/jira/principal';
import type { RestCtx } from '../../../sandbox/jira/routes';
import { serviceDeskRoutes } from '../../../sandbox/jira/servicedesk';
import { demoAccountId } from '../../../sandbox/seed/demo';
import { openDemoSite, type DemoSite } from './demo-site';

/** The emulated JSM customer API in-process: who may raise what, on whose behalf, and what a customer reads. */
describe('servicedeskapi emulation', () => {
  let demo: DemoSite;
  let r: Router<RestCtx>;
  const run = async (p: Principal, method: string, path: string, body?: unknown): Promise<Reply & { body: Record<string, unknown> }> => {
    const url = new URL(path, 'http://sandbox.test');
    const m = r.match(method, url.pathname);
    if (!m || !('route' in m)) throw new Error(`no route ${method} ${path}`);
    return (await m.route.handler({ p, query: url.searchParams, body }, m.params)) as Reply & { body: Record<string, unknown> };
  };
  const incidentType = async (p: Principal) => ((await run(p, 'GET', '/rest/servicedeskapi/servicedesk/1/requesttype')).body.values as Array<{ id: string; name: string }>).find((t) => t.name === 'Report an incident')!;

  beforeEach(() => {
    demo = openDemoSite();
    r = new Router<RestCtx>();
    serviceDeskRoutes(demo.site, r);
  });
  afterEach(() => demo.close());

  it('an agent raises a request on behalf of a customer: the customer is the reporter, the agent the actor of the one created event', async () => {
    const type = await incidentType(demo.as('priya'));
    demo.events.length = 0;
    const res = await run(demo.as('priya'), 'POST', '/rest/servicedeskapi/request', { serviceDeskId: '1', requestTypeId: type.id, requestFieldValues: { summary: 'Phoned in: VPN down' }, raiseOnBehalfOf: demoAccountId('carla') });
    expect(res.status).toBe(201);
    expect(res.body.reporter).toMatchObject({ displayName: 'Carla Jones' });
    const created = demo.events.filter((e) => e.eventType === 'avi:jira:created:issue');
    expect(created).toHaveLength(1);
    expect(created[0]!.actorAccountId).toBe(demoAccountId('priya'));
    // Carla sees it among her requests.
    const mine = (await run(demo.as('carla'), 'GET', '/rest/servicedeskapi/request?requestStatus=OPEN_REQUESTS')).body.values as Array<{ issueKey: string }>;
    expect(mine.map((x) => x.issueKey)).toContain(res.body.issueKey);
  });

  it('a customer cannot raise on behalf of someone else, nor send a field the request type does not have', async () => {
    const type = await incidentType(demo.as('carla'));
    const onBehalf = await run(demo.as('carla'), 'POST', '/rest/servicedeskapi/request', { serviceDeskId: '1', requestTypeId: type.id, requestFieldValues: { summary: 'x' }, raiseOnBehalfOf: demoAccountId('chen') });
    expect(onBehalf).toMatchObject({ status: 403, body: { errorMessage: expect.stringContaining('on behalf') as unknown } });
    const unknown = await run(demo.as('carla'), 'POST', '/rest/servicedeskapi/request', { serviceDeskId: '1', requestTypeId: type.id, requestFieldValues: { summary: 'x', priority: { name: 'Critical' } } });
    expect(unknown).toMatchObject({ status: 400, body: { errorMessage: expect.stringContaining("'priority'") as unknown } });
  });

  it('a customer reads public comments only, and cannot add an internal one', async () => {
    demo.site.addComment(demo.as('priya'), 'SD-1', { body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'internal only' }] }] }, properties: [{ key: 'sd.public.comment', value: { internal: true } }] });
    const forCarla = (await run(demo.as('carla'), 'GET', '/rest/servicedeskapi/request/SD-1/comment')).body.values as Array<{ body: string; public: boolean }>;
    expect(forCarla.every((c) => c.public)).toBe(true);
    expect(forCarla.map((c) => c.body)).not.toContain('internal only');
    const forPriya = (await run(demo.as('priya'), 'GET', '/rest/servicedeskapi/request/SD-1/comment?public=false')).body.values as Array<{ body: string }>;
    expect(forPriya.map((c) => c.body)).toContain('internal only');
    expect((await run(demo.as('carla'), 'POST', '/rest/servicedeskapi/request/SD-1/comment', { body: 'psst', public: false })).status).toBe(403);
  });

  it('pages service desks the JSM way, and a user who is neither agent nor customer of a desk sees none', async () => {
    const page = (await run(demo.as('carla'), 'GET', '/rest/servicedeskapi/servicedesk?limit=1')).body;
    expect(page).toMatchObject({ size: 1, start: 0, limit: 1, isLastPage: true, values: [{ id: '1', projectKey: 'SD' }] });
    demo.db.prepare("DELETE FROM project_roles WHERE account_id = ? AND role = 'Service Desk Customers'").run(demoAccountId('chen'));
    expect((await run(demo.as('chen'), 'GET', '/rest/servicedeskapi/servicedesk')).body.values).toEqual([]);
    expect((await run(demo.as('chen'), 'GET', '/rest/servicedeskapi/servicedesk/1')).status).toBe(404);
  });
});
