import { Notifications } from '../../../sandbox/jira/notifications';
import type { Principal } from '../../../sandbox/jira/principal';
import { jiraRoutes, type RestCtx } from '../../../sandbox/jira/routes';
import { jiraFailure, openDemoSite, type DemoSite } from './demo-site';

interface Bean { key: string; fields?: { comment?: { comments: Array<{ jsdPublic: boolean }>; total: number; maxResults: number; startAt: number } }; changelog?: { startAt: number; maxResults: number; total: number; histories: Array<{ id: string; items: unknown[] }> }; properties?: Record<string, unknown> }

/**
 * GET and POST /rest/api/3/search/jql give each issue what GET /issue gives it: `expand=changelog` histories,
 * `fields=comment` the comments page (internal notes for agents only), `properties` the requested entity properties.
 */
describe('enhanced search: expand, fields=comment, properties', () => {
  let s: DemoSite;
  let rest: ReturnType<typeof jiraRoutes>;
  const call = (p: Principal, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): unknown => {
    const url = new URL(path, 'http://sandbox.test');
    const m = rest.match(method, url.pathname);
    if (!m || !('route' in m)) throw new Error(`no route ${method} ${url.pathname}`);
    const ctx: RestCtx = { p, query: url.searchParams, body };
    return (m.route.handler(ctx, m.params) as { body: unknown }).body;
  };
  const search = (p: Principal, method: 'GET' | 'POST', params: { jql: string; fields?: string[]; expand?: string; properties?: string[] }): Bean[] => {
    if (method === 'POST') return (call(p, 'POST', '/rest/api/3/search/jql', params) as { issues: Bean[] }).issues;
    const q = new URLSearchParams({ jql: params.jql });
    if (params.fields) q.set('fields', params.fields.join(','));
    if (params.expand) q.set('expand', params.expand);
    if (params.properties) q.set('properties', params.properties.join(','));
    return (call(p, 'GET', `/rest/api/3/search/jql?${q.toString()}`) as { issues: Bean[] }).issues;
  };

  beforeAll(() => {
    s = openDemoSite();
    rest = jiraRoutes(s.site, s.search, new Notifications(s.site));
    // The app's index property on SD-4, as the app writes it.
    call(s.app(), 'PUT', '/rest/api/3/issue/SD-4/properties/sd-state', { schemaVersion: 2, kind: 'incident' });
  });
  afterAll(() => s.close());

  it('expand=names answers the field names once per page, beside the issues (as Jira does), not in each issue', () => {
    const page = call(s.as('ines'), 'POST', '/rest/api/3/search/jql', { jql: 'project = SD ORDER BY key ASC', maxResults: 3, fields: ['*all'], expand: 'names' }) as { issues: Array<Record<string, unknown>>; names?: Record<string, string> };
    expect(page.names).toMatchObject({ summary: 'Summary', customfield_10010: 'Impact', customfield_10011: 'Urgency' });
    expect(page.issues).toHaveLength(3);
    for (const issue of page.issues) expect(issue.names).toBeUndefined();
  });

  it.each(['GET', 'POST'] as const)('%s: expand=changelog gives the same histories as GET issue', (method) => {
    const [hit] = search(s.as('ines'), method, { jql: 'key = SD-2', expand: 'changelog' });
    const issue = call(s.as('ines'), 'GET', '/rest/api/3/issue/SD-2?fields=summary&expand=changelog') as Bean;
    expect(hit!.changelog).toEqual(issue.changelog);
    expect(hit!.changelog).toMatchObject({ startAt: 0, total: hit!.changelog!.histories.length, maxResults: hit!.changelog!.histories.length });
    expect(hit!.changelog!.histories.length).toBeGreaterThan(0);
    expect(hit!.fields).toBeUndefined();
  });

  it('POST accepts expand as a list or a comma-separated string with spaces', () => {
    const [a] = search(s.as('ines'), 'POST', { jql: 'key = SD-2', expand: 'names, changelog' });
    expect(a!.changelog!.histories.length).toBeGreaterThan(0);
    const [b] = (call(s.as('ines'), 'POST', '/rest/api/3/search/jql', { jql: 'key = SD-2', expand: ['changelog'] }) as { issues: Bean[] }).issues;
    expect(b!.changelog).toEqual(a!.changelog);
  });

  it.each(['GET', 'POST'] as const)('%s: fields=comment gives the comments page, internal notes to agents only', (method) => {
    // SD-1 has an internal note ("Major incident candidate") besides the public replies.
    const [agent] = search(s.as('ines'), method, { jql: 'key = SD-1', fields: ['comment'] });
    const page = agent!.fields!.comment!;
    expect(page).toMatchObject({ startAt: 0, total: page.comments.length, maxResults: page.comments.length });
    expect(page.comments.some((c) => !c.jsdPublic)).toBe(true);
    const [customer] = search(s.as('carla'), method, { jql: 'key = SD-1', fields: ['comment'] });
    expect(customer!.fields!.comment!.comments.every((c) => c.jsdPublic)).toBe(true);
    expect(customer!.fields!.comment!.total).toBe(page.total - page.comments.filter((c) => !c.jsdPublic).length);
  });

  it.each(['GET', 'POST'] as const)('%s: properties=sd-state answers the property, or an empty object', (method) => {
    const hits = search(s.as('ines'), method, { jql: 'key in (SD-4, SD-1) ORDER BY key ASC', properties: ['sd-state'] });
    expect(hits.map((h) => h.key)).toEqual(['SD-1', 'SD-4']);
    expect(hits[0]!.properties).toEqual({});
    expect(hits[1]!.properties).toEqual({ 'sd-state': expect.objectContaining({ schemaVersion: 2, kind: 'incident' }) });
  });

  it('combines all three in one call', () => {
    const [hit] = search(s.app(), 'POST', { jql: 'key = SD-4', fields: ['comment', 'summary'], expand: 'changelog', properties: ['sd-state'] });
    expect(Object.keys(hit!.fields!).sort()).toEqual(['comment', 'summary']);
    expect(hit!.changelog!.histories.length).toBeGreaterThan(0);
    expect(hit!.properties!['sd-state']).toBeDefined();
  });

  it('refuses more than five property keys in POST, as Jira does', () => {
    expect(jiraFailure(() => call(s.as('ines'), 'POST', '/rest/api/3/search/jql', { jql: 'key = SD-1', properties: ['a', 'b', 'c', 'd', 'e', 'f'] })).status).toBe(400);
  });
});
