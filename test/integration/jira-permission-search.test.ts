import { HttpException, Version3Client } from 'jira.js';
import { demoAccountId, demoToken } from '../../sandbox/seed/demo';
import { setJiraAdmin } from './admin-calls';
import { call, emailOf, withSandbox } from './harness';

/**
 * "Find users with permissions" (GET /rest/api/3/user/permission/search), which the app reads to know the site's Jira
 * administrators (D27), through an ordinary Jira client (jira.js) against the demo seed: an array of users; Jira
 * takes the users in the range startAt..startAt+maxResults and answers those holding every permission asked, so a page
 * may hold fewer than maxResults; 400 without permissions or with an unknown one, 403 to a caller who is no admin.
 */
describe('GET /rest/api/3/user/permission/search through jira.js', () => {
  let env: Awaited<ReturnType<typeof withSandbox>>;
  const jira = (userKey: string): Version3Client => new Version3Client({ host: env.sandbox.url, authentication: { basic: { email: emailOf(userKey), apiToken: demoToken(userKey) } } });
  beforeAll(async () => { env = await withSandbox(); });
  afterAll(async () => { await env?.stop(); });

  async function failure(request: Promise<unknown>): Promise<{ status: number; data: { errorMessages?: string[] } }> {
    let caught: unknown;
    try { await request; } catch (e) { caught = e; }
    if (caught === undefined) throw new Error('expected the request to fail, but it succeeded');
    if (!(caught instanceof HttpException)) throw caught;
    const data: unknown = typeof caught.response === 'object' ? (caught.response as { data?: unknown }).data : undefined;
    return { status: caught.status, data: (data ?? {}) as { errorMessages?: string[] } };
  }
  const ids = (users: Array<{ accountId?: string }>): string[] => users.map((u) => u.accountId ?? '');

  it('answers the Jira administrators as an array of user beans: in the demo seed, Sofia only', async () => {
    const admins = await jira('sofia').userSearch.findUsersWithAllPermissions({ permissions: 'ADMINISTER' });
    expect(admins).toEqual([expect.objectContaining({ accountId: demoAccountId('sofia'), displayName: 'Sofia Martins', accountType: 'atlassian', active: true, self: expect.stringContaining('/rest/api/3/user?accountId=') })]);
  });

  it('follows who is a site admin, and filters by query or accountId', async () => {
    setJiraAdmin(env.sandbox, demoAccountId('carlos'), true);
    try {
      const admins = await jira('sofia').userSearch.findUsersWithAllPermissions({ permissions: 'ADMINISTER' });
      expect(ids(admins)).toEqual([demoAccountId('carlos'), demoAccountId('sofia')]);
      // Carlos, now an admin, may ask too.
      expect(ids(await jira('carlos').userSearch.findUsersWithAllPermissions({ permissions: 'ADMINISTER', query: 'sof' }))).toEqual([demoAccountId('sofia')]);
      expect(ids(await jira('sofia').userSearch.findUsersWithAllPermissions({ permissions: 'ADMINISTER', accountId: demoAccountId('carlos') }))).toEqual([demoAccountId('carlos')]);
      expect(await jira('sofia').userSearch.findUsersWithAllPermissions({ permissions: 'ADMINISTER', accountId: demoAccountId('max') })).toEqual([]);
    } finally {
      setJiraAdmin(env.sandbox, demoAccountId('carlos'), false);
    }
    expect(ids(await jira('sofia').userSearch.findUsersWithAllPermissions({ permissions: 'ADMINISTER' }))).toEqual([demoAccountId('sofia')]);
  });

  it('pages over the users with startAt and maxResults: a page holds only those of its range who hold the permissions', async () => {
    const everyone = (await call(env.sandbox.url, 'GET', '/rest/api/3/users/search?maxResults=1000', { user: 'sofia' })).body as Array<{ accountId: string; accountType: string }>;
    const agents: string[] = [];
    let shortPage = false;
    for (let startAt = 0; startAt < everyone.length; startAt += 3) {
      const page = await jira('sofia').userSearch.findUsersWithAllPermissions({ permissions: 'EDIT_ISSUES', projectKey: 'SD', startAt, maxResults: 3 });
      expect(page.length).toBeLessThanOrEqual(3);
      if (page.length < 3 && startAt + 3 < everyone.length) shortPage = true;
      agents.push(...ids(page));
    }
    // The service team edits SD issues; the customers and the supplier do not.
    expect(agents.sort()).toEqual(['carlos', 'ines', 'max', 'priya', 'rachel', 'sofia', 'tom'].map(demoAccountId).sort());
    expect(shortPage).toBe(true);
    expect(await jira('sofia').userSearch.findUsersWithAllPermissions({ permissions: 'ADMINISTER', startAt: everyone.length })).toEqual([]);
  });

  it('answers 400 without permissions or with an unknown one, and 403 to a caller who administers nothing', async () => {
    const missing = await call(env.sandbox.url, 'GET', '/rest/api/3/user/permission/search', { user: 'sofia' });
    expect(missing).toMatchObject({ status: 400, body: { errorMessages: [expect.stringContaining("'permissions'")] } });
    const unknown = await failure(jira('sofia').userSearch.findUsersWithAllPermissions({ permissions: 'FLY' }));
    expect(unknown).toMatchObject({ status: 400, data: { errorMessages: [expect.stringContaining("Unrecognized permission 'FLY'")] } });
    const notAdmin = await failure(jira('max').userSearch.findUsersWithAllPermissions({ permissions: 'ADMINISTER' }));
    expect(notAdmin).toMatchObject({ status: 403, data: { errorMessages: [expect.stringContaining('Administrator')] } });
    expect((await call(env.sandbox.url, 'GET', '/rest/api/3/user/permission/search?permissions=ADMINISTER')).status).toBe(401);
  });
});
