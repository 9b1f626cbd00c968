import { HttpException, Version3Client } from 'jira.js';
import { demoAccountId, demoToken } from '../../sandbox/seed/demo';
import { call, emailOf, withSandbox } from './harness';

/**
 * Jira's "Send notification for issue" against the running sandbox (plain HTTP and an ordinary jira.js client), the
 * sandbox's outbox `GET /sandbox/notifications`, the benchmark route `POST /sandbox/bulk/incidents` with the
 * searches a benchmark runs over its issues, and `POST /sandbox/reset`, which clears both.
 */
interface Outbox { notifications: Array<{ id: string; issueKey: string; from: string; to: string[]; toNames: string[]; subject: string; textBody: string | null; at: string }> }
interface SearchPage { issues: Array<{ key: string; fields?: { comment?: { comments: unknown[]; total: number } }; changelog?: { histories: unknown[]; total: number }; properties?: Record<string, { nextDeadline?: string }> }>; nextPageToken?: string }

describe('sandbox: notify, the notification outbox, bulk incidents and reset', () => {
  let env: Awaited<ReturnType<typeof withSandbox>>;
  let base: string;
  beforeAll(async () => { env = await withSandbox({ startAt: '2026-11-20T16:30:00Z' }); base = env.sandbox.url; });
  afterAll(async () => { await env?.stop(); });

  const outbox = async (issueKey?: string): Promise<Outbox['notifications']> => {
    const res = await call(base, 'GET', `/sandbox/notifications${issueKey ? `?issueKey=${encodeURIComponent(issueKey)}` : ''}`);
    expect(res.status).toBe(200);
    return (res.body as Outbox).notifications;
  };
  const clockNow = async (): Promise<string> => ((await call(base, 'GET', '/sandbox/clock')).body as { now: string }).now;
  const allKeys = async (jql: string): Promise<string[]> => {
    const keys: string[] = [];
    let nextPageToken: string | undefined;
    do {
      const page = (await call(base, 'POST', '/rest/api/3/search/jql', { user: 'ines', body: { jql, maxResults: 5000, ...(nextPageToken ? { nextPageToken } : {}) } })).body as SearchPage;
      keys.push(...page.issues.map((i) => i.key));
      nextPageToken = page.nextPageToken;
    } while (nextPageToken);
    return keys;
  };

  describe('POST /rest/api/3/issue/{key}/notify', () => {
    it('answers 204 with no body and stores the mail with recipients resolved from the issue', async () => {
      const res = await call(base, 'POST', '/rest/api/3/issue/SD-1/notify', { user: 'ines', body: { subject: 'Major incident declared', textBody: 'All Northwind mailboxes are affected.', htmlBody: '<p>All Northwind mailboxes are affected.</p>', to: { reporter: true, assignee: true, users: [{ accountId: demoAccountId('tom') }, { accountId: 'unknown-account' }] } } });
      expect(res.status).toBe(204);
      expect(res.body).toBeUndefined();
      const now = await clockNow();
      const log = await outbox('SD-1');
      expect(log).toEqual([{
        id: expect.stringMatching(/^\d+$/), issueKey: 'SD-1', from: demoAccountId('ines'),
        to: [demoAccountId('carla'), demoAccountId('priya'), demoAccountId('tom')], toNames: ['Carla Jones', 'Priya Nair', 'Tom Becker'],
        subject: 'Major incident declared', textBody: 'All Northwind mailboxes are affected.', at: expect.stringMatching(/^2026-11-20T16:3\d:\d\d\.\d{3}Z$/),
      }]);
      expect(Date.parse(log[0]!.at)).toBeLessThanOrEqual(Date.parse(now));
    });

    it('is what an ordinary Jira client (jira.js issues.notify) calls', async () => {
      const jira = new Version3Client({ host: base, authentication: { basic: { email: emailOf('tom'), apiToken: demoToken('tom') } } });
      await jira.issues.notify({ issueIdOrKey: 'SD-2', subject: 'Checkout update', textBody: 'Traffic rebalanced.', to: { reporter: true, assignee: true } });
      const log = await outbox('sd-2');
      // Tom is SD-2's assignee and the caller, so only Chen, its reporter, is mailed (Jira does not notify the caller).
      expect(log.map((n) => ({ from: n.from, to: n.to, subject: n.subject }))).toEqual([{ from: demoAccountId('tom'), to: [demoAccountId('chen')], subject: 'Checkout update' }]);
      let caught: unknown;
      try { await jira.issues.notify({ issueIdOrKey: 'SD-5', to: { assignee: true } }); } catch (e) { caught = e; }
      expect(caught).toBeInstanceOf(HttpException);
      expect((caught as HttpException).status).toBe(400);
    });

    it('answers Jira-shaped 400s for a malformed body and for no recipient, and 404 for an issue the caller cannot see; none is stored', async () => {
      const before = (await outbox()).length;
      const malformed = await call(base, 'POST', '/rest/api/3/issue/SD-1/notify', { user: 'ines', body: { to: { reporter: 'yes' } } });
      expect(malformed).toMatchObject({ status: 400, body: { errorMessages: [], errors: { 'to.reporter': expect.any(String) } } });
      const notJson = await call(base, 'POST', '/rest/api/3/issue/SD-1/notify', { user: 'ines', rawBody: '{"to": ' });
      expect(notJson.status).toBe(400);
      const nobody = await call(base, 'POST', '/rest/api/3/issue/SD-1/notify', { user: 'ines', body: { subject: 'x', textBody: 'y' } });
      expect(nobody).toMatchObject({ status: 400, body: { errorMessages: ['No recipients were defined for notification.'], errors: {} } });
      const unassigned = await call(base, 'POST', '/rest/api/3/issue/SD-5/notify', { user: 'ines', body: { to: { assignee: true } } });
      expect(unassigned).toMatchObject({ status: 400, body: { errorMessages: [expect.stringContaining('unassigned')], errors: {} } });
      const hidden = await call(base, 'POST', '/rest/api/3/issue/SD-1/notify', { user: 'chen', body: { to: { reporter: true } } });
      expect(hidden).toMatchObject({ status: 404, body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} } });
      const missing = await call(base, 'POST', '/rest/api/3/issue/SD-999/notify', { user: 'ines', body: { to: { reporter: true } } });
      expect(missing.status).toBe(404);
      const anonymous = await call(base, 'POST', '/rest/api/3/issue/SD-1/notify', { body: { to: { reporter: true } } });
      expect(anonymous.status).toBe(401);
      expect(await outbox()).toHaveLength(before);
    });

    it('lists the outbox oldest first, for every issue without issueKey', async () => {
      await call(base, 'POST', '/sandbox/clock', { body: { advanceMs: 60_000 } });
      expect((await call(base, 'POST', '/rest/api/3/issue/SD-1/notify', { user: 'priya', body: { textBody: 'Relay restored.', to: { reporter: true } } })).status).toBe(204);
      const sd1 = await outbox('SD-1');
      expect(sd1.map((n) => n.textBody)).toEqual(['All Northwind mailboxes are affected.', 'Relay restored.']);
      expect(Date.parse(sd1[1]!.at) - Date.parse(sd1[0]!.at)).toBeGreaterThanOrEqual(60_000);
      expect(sd1[1]!.subject).toBe('SD-1: E-mail delivery down for all Northwind mailboxes');
      expect((await outbox()).map((n) => n.issueKey)).toEqual(['SD-1', 'SD-2', 'SD-1']);
      expect(await outbox('OPS-1')).toEqual([]);
    });
  });

  describe('POST /sandbox/bulk/incidents', () => {
    let firstKey: string;

    it('creates count open incidents, the first dueCount due now', async () => {
      const res = await call(base, 'POST', '/sandbox/bulk/incidents', { body: { count: 300, dueCount: 12 } });
      expect(res.status).toBe(201);
      const body = res.body as { count: number; dueCount: number; firstKey: string; lastKey: string; now: string };
      expect(body).toMatchObject({ count: 300, dueCount: 12, firstKey: 'SD-43', lastKey: 'SD-342', now: expect.any(String) });
      firstKey = body.firstKey;
      const due = await allKeys('project = SD AND sdNextDeadline <= now() ORDER BY key ASC');
      expect(due).toEqual(Array.from({ length: 12 }, (_, i) => `SD-${43 + i}`));
      expect(await allKeys('project = SD AND issuetype = Incident AND priority = Critical AND sdKind = incident AND sdBreached = no AND statusCategory != Done')).toHaveLength(300);
      // The next issue created over REST continues the keys.
      const created = await call(base, 'POST', '/rest/api/3/issue', { user: 'ines', body: { fields: { project: { key: 'SD' }, issuetype: { name: 'Incident' }, summary: 'After the bulk' } } });
      expect(created).toMatchObject({ status: 201, body: { key: 'SD-343' } });
    });

    it('answers search with changelog, comments and sd-state for the bulk issues', async () => {
      const get = await call(base, 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent(`key = ${firstKey}`)}&fields=comment&expand=changelog&properties=sd-state`, { user: 'ines' });
      expect(get.status).toBe(200);
      const [issue] = (get.body as SearchPage).issues;
      expect(issue).toMatchObject({ key: firstKey, fields: { comment: { comments: [], total: 0 } }, changelog: { histories: [], total: 0 }, properties: { 'sd-state': { schemaVersion: 2, kind: 'incident', breached: 'no', paused: 'no' } } });
      expect(Date.parse(issue!.properties!['sd-state']!.nextDeadline!)).toBeLessThan(Date.parse(await clockNow()));
    });

    it('refuses a malformed request with a Jira-shaped 400', async () => {
      for (const body of [{ count: 0 }, { count: 5, dueCount: 6 }, { count: 5, extra: true }, { dueCount: 1 }]) {
        const res = await call(base, 'POST', '/sandbox/bulk/incidents', { body });
        expect(res).toMatchObject({ status: 400, body: { errorMessages: [expect.any(String)], errors: {} } });
      }
      expect((await call(base, 'POST', '/sandbox/bulk/incidents', { body: { count: 1, projectKey: 'OPS' } })).status).toBe(409);
    });
  });

  describe('POST /sandbox/reset', () => {
    it('clears the outbox and the bulk issues, and the site answers as freshly seeded', async () => {
      expect((await outbox()).length).toBeGreaterThan(0);
      const reset = await call(base, 'POST', '/sandbox/reset');
      expect(reset).toMatchObject({ status: 200, body: { reset: true, seed: 'demo' } });
      expect(await outbox()).toEqual([]);
      expect((await call(base, 'GET', '/rest/api/3/issue/SD-43', { user: 'ines' })).status).toBe(404);
      expect(await allKeys('project = SD AND sdNextDeadline <= now()')).toEqual([]);
      expect((await call(base, 'POST', '/rest/api/3/issue/SD-1/notify', { user: 'ines', body: { to: { reporter: true } } })).status).toBe(204);
      expect((await outbox()).map((n) => n.issueKey)).toEqual(['SD-1']);
    });
  });
});
