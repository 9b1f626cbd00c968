import { HttpException, ServiceDeskClient, Version3Client } from 'jira.js';
import { listOrganizations, organizationsOf } from '../../src/jira/organizations';
import { demoAccountId, demoToken } from '../../sandbox/seed/demo';
import { actAsForgeRuntime } from './forge-globals';
import { call, emailOf, withSandbox } from './harness';

jest.setTimeout(60_000);

/**
 * JSM customer organizations as the sandbox emulates them (sandbox/jira/organizations.ts), through unmodified jira.js
 * clients and the app's own reader (src/jira/organizations.ts, as the app): the demo's two organizations, who may list
 * and change them, a customer's request shared with their organization in the "Organizations" field, and what a
 * member of another organization then sees (D18, D26).
 */
describe('JSM customer organizations (servicedeskapi) through jira.js', () => {
  let env: Awaited<ReturnType<typeof withSandbox>>;
  let base: string;
  const desk = (user: string) => new ServiceDeskClient({ host: base, authentication: { basic: { email: emailOf(user), apiToken: demoToken(user) } } });
  const jira = (user: string) => new Version3Client({ host: base, authentication: { basic: { email: emailOf(user), apiToken: demoToken(user) } } });
  async function status(request: Promise<unknown>): Promise<number> {
    try { await request; } catch (e) { if (e instanceof HttpException) return e.status; throw e; }
    return 200;
  }
  const names = (page: { values?: unknown[] }) => (page.values as Array<{ name: string }>).map((o) => o.name);
  let orgField: string;

  beforeAll(async () => {
    env = await withSandbox();
    base = env.sandbox.url;
    const fields = await jira('sofia').issueFields.getFields();
    orgField = fields.find((f) => f.name === 'Organizations')!.id!;
  });
  afterAll(async () => { await env?.stop(); });

  it('the demo site has two customer organizations on the SD desk; agents list all, a customer only their own', async () => {
    const all = await desk('rachel').organization.getOrganizations();
    expect(all).toMatchObject({ start: 0, isLastPage: true, size: 2 });
    expect(all.values).toEqual([
      expect.objectContaining({ id: '1', name: 'Northwind Traders', scimManaged: false, _links: { self: `${base}/rest/servicedeskapi/organization/1` } }),
      expect.objectContaining({ id: '2', name: 'Globex' }),
    ]);
    expect(names(await desk('carla').organization.getOrganizations())).toEqual(['Northwind Traders']);
    expect(names(await desk('chen').organization.getOrganizations())).toEqual(['Globex']);
    // Filtering by account needs an agent, as JSM documents. (jira.js's parameter type asks for a serviceDeskId that
    // this call does not send: the path has none.)
    expect(names(await desk('rachel').organization.getOrganizations({ serviceDeskId: '1', accountId: demoAccountId('chen') }))).toEqual(['Globex']);
    expect(await status(desk('carla').organization.getOrganizations({ serviceDeskId: '1', accountId: demoAccountId('chen') }))).toBe(403);
    // One organization: a customer reads only theirs.
    expect((await desk('carla').organization.getOrganization({ organizationId: 1 })).name).toBe('Northwind Traders');
    expect(await status(desk('carla').organization.getOrganization({ organizationId: 2 }))).toBe(404);
    // The desk's organizations: its agents only.
    expect(names(await desk('priya').organization.getServiceDeskOrganizations({ serviceDeskId: 'SD' }))).toEqual(['Northwind Traders', 'Globex']);
    expect(await status(desk('carla').organization.getServiceDeskOrganizations({ serviceDeskId: '1' }))).toBe(403);
    const users = await desk('priya').organization.getUsersInOrganization({ organizationId: 1 });
    expect(users.values!.map((u) => u.displayName)).toEqual(['Carla Jones']);
  });

  it('an agent creates an organization, adds and removes members and desks; only a Jira admin deletes it', async () => {
    expect(await status(desk('carla').organization.createOrganization({ name: 'Initech' }))).toBe(403);
    const created = await desk('rachel').organization.createOrganization({ name: 'Initech' });
    expect(created).toMatchObject({ id: '3', name: 'Initech' });
    // The same name again answers the existing organization.
    expect((await desk('rachel').organization.createOrganization({ name: 'initech' })).id).toBe('3');
    expect(await status(desk('rachel').organization.createOrganization({ name: ' ' }))).toBe(400);

    await desk('rachel').organization.addUsersToOrganization({ organizationId: 3, accountIds: [demoAccountId('chen'), demoAccountId('sam')] });
    expect((await desk('rachel').organization.getUsersInOrganization({ organizationId: 3 })).size).toBe(2);
    expect(names(await desk('chen').organization.getOrganizations())).toEqual(['Globex', 'Initech']);
    await desk('rachel').organization.removeUsersFromOrganization({ organizationId: 3, accountIds: [demoAccountId('sam')] });
    expect((await desk('rachel').organization.getUsersInOrganization({ organizationId: 3 })).values!.map((u) => u.displayName)).toEqual(['Chen Wei']);
    expect(await status(desk('rachel').organization.addUsersToOrganization({ organizationId: 3, accountIds: ['no-such-account'] }))).toBe(400);

    await desk('rachel').organization.addOrganization({ serviceDeskId: '1', organizationId: 3 });
    await desk('rachel').organization.addOrganization({ serviceDeskId: '1', organizationId: 3 });
    expect(names(await desk('rachel').organization.getServiceDeskOrganizations({ serviceDeskId: '1' }))).toEqual(['Northwind Traders', 'Globex', 'Initech']);
    expect(names(await desk('rachel').organization.getServiceDeskOrganizations({ serviceDeskId: '1', accountId: demoAccountId('chen') }))).toEqual(['Globex', 'Initech']);
    await desk('rachel').organization.removeOrganization({ serviceDeskId: '1', organizationId: 3 });
    expect(names(await desk('rachel').organization.getServiceDeskOrganizations({ serviceDeskId: '1' }))).toEqual(['Northwind Traders', 'Globex']);

    expect(await status(desk('rachel').organization.deleteOrganization({ organizationId: 3 }))).toBe(403);
    await desk('sofia').organization.deleteOrganization({ organizationId: 3 });
    expect(await status(desk('rachel').organization.getOrganization({ organizationId: 3 }))).toBe(404);
    expect(names(await desk('chen').organization.getOrganizations())).toEqual(['Globex']);
  });

  it("a customer's request is shared with their organization in the Organizations field; an agent can share it with another", async () => {
    const meta = await jira('priya').issues.getCreateIssueMetaIssueTypeId({ projectIdOrKey: 'SD', issueTypeId: '10001' });
    expect(meta.fields!.find((f) => f.fieldId === orgField)).toMatchObject({ name: 'Organizations', schema: { type: 'array', items: 'sd-customerorganization', custom: 'com.atlassian.servicedesk:sd-customer-organizations' } });

    const created = await desk('carla').request.createCustomerRequest({ serviceDeskId: '1', requestTypeId: '2', requestFieldValues: { summary: 'How do I add a shared mailbox?' } });
    const key = created.issueKey!;
    const issue = await jira('priya').issues.getIssue({ issueIdOrKey: key, expand: 'names' });
    expect((issue.names as Record<string, string> | undefined)?.[orgField]).toBe('Organizations');
    expect(issue.fields[orgField]).toEqual([expect.objectContaining({ id: '1', name: 'Northwind Traders' })]);
    // Chen (Globex) does not see it yet.
    expect(await status(desk('chen').request.getCustomerRequestByIdOrKey({ issueIdOrKey: key }))).toBe(404);

    await jira('priya').issues.editIssue({ issueIdOrKey: key, fields: { [orgField]: [1, 2] } });
    const shared = await jira('priya').issues.getIssue({ issueIdOrKey: key, fields: [orgField], expand: 'changelog' });
    expect((shared.fields[orgField] as Array<{ name: string }>).map((o) => o.name)).toEqual(['Northwind Traders', 'Globex']);
    expect(shared.changelog!.histories![0]!.items![0]).toMatchObject({ field: 'Organizations', fromString: 'Northwind Traders', toString: 'Northwind Traders, Globex' });
    // Now Globex's member sees it, though not among the requests they raised.
    expect((await desk('chen').request.getCustomerRequestByIdOrKey({ issueIdOrKey: key })).issueKey).toBe(key);
    expect((await desk('chen').request.getCustomerRequests({})).values!.map((r) => r.issueKey)).not.toContain(key);
    const orgRequests = await call(base, 'GET', '/rest/servicedeskapi/request?requestOwnership=ALL_ORGANIZATIONS', { user: 'chen' });
    expect((orgRequests.body as { values: Array<{ issueKey: string }> }).values.map((r) => r.issueKey)).toContain(key);

    // Unknown organizations are refused, in Jira's error shape naming the field.
    const bad = await call(base, 'PUT', `/rest/api/3/issue/${key}`, { user: 'priya', body: { fields: { [orgField]: [99] } } });
    expect(bad.status).toBe(400);
    expect((bad.body as { errors: Record<string, string> }).errors[orgField]).toMatch(/99/);
    // A staff-raised issue is shared with nobody: an empty list, as JSM answers.
    const plain = await jira('priya').issues.getIssue({ issueIdOrKey: 'SD-9', fields: [orgField] });
    expect(plain.fields[orgField]).toEqual([]);
  });

  it('seeded requests raised by customers carry their organization', async () => {
    const found = await jira('priya').issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'project = SD AND reporter = "Chen Wei" ORDER BY key', fields: [orgField, 'reporter'] });
    expect(found.issues!.length).toBeGreaterThan(0);
    for (const i of found.issues!) expect((i.fields[orgField] as Array<{ name: string }>).map((o) => o.name)).toEqual(['Globex']);
  });

  it('JQL finds requests by organization, by name or id, and those shared with none', async () => {
    const keys = async (user: string, jql: string) => {
      const res = await call(base, 'POST', '/rest/api/3/search/jql', { user, body: { jql, fields: ['reporter'], maxResults: 100 } });
      expect(res.status).toBe(200);
      return (res.body as { issues: Array<{ key: string; fields: { reporter: { displayName: string } | null } }> }).issues;
    };
    const globex = await keys('priya', 'project = SD AND Organizations = "Globex"');
    expect(globex.length).toBeGreaterThan(0);
    // Chen's requests, and Carla's request shared with Globex too in the test above.
    expect([...new Set(globex.map((i) => i.fields.reporter?.displayName))].sort()).toEqual(['Carla Jones', 'Chen Wei']);
    expect((await keys('priya', `project = SD AND cf[${orgField.slice(12)}] in (2)`)).map((i) => i.key)).toEqual(globex.map((i) => i.key));
    const none = await keys('priya', 'project = SD AND Organizations is EMPTY');
    expect(none.every((i) => !['Carla Jones', 'Chen Wei'].includes(i.fields.reporter?.displayName ?? ''))).toBe(true);
    // A customer names only their own organizations.
    expect((await keys('carla', 'Organizations = "Northwind Traders"')).every((i) => i.fields.reporter?.displayName === 'Carla Jones')).toBe(true);
    const refused = await call(base, 'POST', '/rest/api/3/search/jql', { user: 'carla', body: { jql: 'Organizations = "Globex"' } });
    expect(refused.status).toBe(400);
  });

  it('the app reads organizations as the app (src/jira/organizations.ts)', async () => {
    await actAsForgeRuntime(base);
    expect(await listOrganizations()).toEqual([{ id: '1', name: 'Northwind Traders' }, { id: '2', name: 'Globex' }]);
    expect(await organizationsOf(demoAccountId('carla'))).toEqual([{ id: '1', name: 'Northwind Traders' }]);
    expect(await organizationsOf(demoAccountId('sofia'))).toEqual([]);
  });
});
