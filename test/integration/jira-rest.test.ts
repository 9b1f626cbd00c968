import { HttpException, Version3Client, type Version3Parameters } from 'jira.js';
import { call, emailOf, withSandbox } from './harness';
import { demoToken } from '../../sandbox/seed/demo';

/**
 * An unmodified, ordinary Jira client (jira.js) against the sandbox's Jira Cloud REST API v3: the happy paths it
 * needs (create, edit, transition, comment, entity properties, enhanced JQL search with token paging, links,
 * custom fields) and the errors Jira answers (400/401/403/404/410), which must change nothing.
 */
describe('Jira REST API v3 through jira.js', () => {
  let env: Awaited<ReturnType<typeof withSandbox>>;
  let base: string;
  const clients = new Map<string, Version3Client>();
  /** A jira.js client authenticated as a demo user with email + API token, as a real integration would be. */
  const jira = (userKey: string): Version3Client => {
    let c = clients.get(userKey);
    if (!c) {
      c = new Version3Client({ host: base, authentication: { basic: { email: emailOf(userKey), apiToken: demoToken(userKey) } } });
      clients.set(userKey, c);
    }
    return c;
  };

  beforeAll(async () => {
    env = await withSandbox();
    base = env.sandbox.url;
  });
  afterAll(async () => { await env?.stop(); });

  /** Awaits a jira.js call that must fail and answers the HTTP status and the parsed error body jira.js saw. */
  async function failure(request: Promise<unknown>): Promise<{ status: number; data: { errorMessages?: string[]; errors?: Record<string, string> } }> {
    let caught: unknown;
    try { await request; } catch (e) { caught = e; }
    if (caught === undefined) throw new Error('expected the request to fail, but it succeeded');
    if (!(caught instanceof HttpException)) throw caught;
    const response = caught.response;
    const data: unknown = typeof response === 'object' ? (response as { data?: unknown }).data : undefined;
    return { status: caught.status, data: (data ?? {}) as { errorMessages?: string[]; errors?: Record<string, string> } };
  }

  const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
  const NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';
  const accountIdOf = async (userKey: string): Promise<string> => (await jira(userKey).myself.getCurrentUser()).accountId!;
  /** Every key a JQL query matches for a user, following nextPageToken to the end. */
  const allKeys = async (userKey: string, jql: string, maxResults = 50): Promise<{ keys: string[]; pages: number }> => {
    const keys: string[] = [];
    let pages = 0;
    let nextPageToken: string | undefined;
    do {
      const page = await jira(userKey).issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql, maxResults, nextPageToken, fields: ['summary'] });
      pages++;
      keys.push(...(page.issues ?? []).map((i) => i.key));
      nextPageToken = page.nextPageToken;
      if (pages > 100) throw new Error('search does not terminate');
    } while (nextPageToken);
    return { keys, pages };
  };

  describe('authentication', () => {
    it('accepts email + API token and answers the current user', async () => {
      const me = await jira('sofia').myself.getCurrentUser();
      expect(me.emailAddress).toBe('sofia@acme.example');
      expect(me.displayName).toBe('Sofia Martins');
      expect(me.accountId).toMatch(/^712020:/);
      expect(me.active).toBe(true);
    });

    it('answers 401 to a wrong API token and to a request without credentials', async () => {
      const wrong = new Version3Client({ host: base, authentication: { basic: { email: emailOf('sofia'), apiToken: 'ATATT-not-the-token' } } });
      expect((await failure(wrong.myself.getCurrentUser())).status).toBe(401);
      const unknownUser = new Version3Client({ host: base, authentication: { basic: { email: 'nobody@acme.example', apiToken: demoToken('sofia') } } });
      expect((await failure(unknownUser.issues.getIssue({ issueIdOrKey: 'SD-1' }))).status).toBe(401);
      const anonymous = await call(base, 'GET', '/rest/api/3/myself');
      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toEqual({ errorMessages: [expect.any(String)], errors: {} });
    });
  });

  describe('issue lifecycle', () => {
    let key: string;
    let id: string;

    it('creates an issue', async () => {
      const carlos = await accountIdOf('carlos');
      const created = await jira('priya').issues.createIssue({
        fields: {
          project: { key: 'OPS' },
          issuetype: { name: 'Task' },
          summary: 'Rotate the backup encryption keys',
          description: adf('Yearly key rotation.'),
          priority: { name: 'High' },
          labels: ['security'],
          assignee: { accountId: carlos },
        },
      });
      expect(created.key).toMatch(/^OPS-\d+$/);
      expect(created.id).toMatch(/^\d+$/);
      expect(created.self).toBe(`${base}/rest/api/3/issue/${created.id}`);
      key = created.key;
      id = created.id;

      const issue = await jira('priya').issues.getIssue({ issueIdOrKey: key });
      expect(issue.id).toBe(id);
      expect(issue.fields.summary).toBe('Rotate the backup encryption keys');
      expect(issue.fields.description).toEqual(adf('Yearly key rotation.'));
      expect(issue.fields.issuetype?.name).toBe('Task');
      expect(issue.fields.project.key).toBe('OPS');
      expect(issue.fields.status.name).toBe('To Do');
      expect(issue.fields.status.statusCategory?.key).toBe('new');
      expect(issue.fields.priority.name).toBe('High');
      expect(issue.fields.labels).toEqual(['security']);
      expect(issue.fields.assignee?.accountId).toBe(carlos);
      expect(issue.fields.reporter?.accountId).toBe(await accountIdOf('priya'));
      expect(issue.fields.resolution).toBeNull();
      // the same issue by id
      expect((await jira('priya').issues.getIssue({ issueIdOrKey: id, fields: ['summary'] })).key).toBe(key);
    });

    it('edits it', async () => {
      await jira('priya').issues.editIssue({ issueIdOrKey: key, fields: { summary: 'Rotate the backup encryption keys (2026)', priority: { name: 'Critical' } }, update: { labels: [{ add: 'backup' }] } });
      const issue = await jira('priya').issues.getIssue({ issueIdOrKey: key, fields: ['summary', 'priority', 'labels', 'status'] });
      expect(issue.fields.summary).toBe('Rotate the backup encryption keys (2026)');
      expect(issue.fields.priority.name).toBe('Critical');
      expect(issue.fields.labels).toEqual(['security', 'backup']);
      expect(Object.keys(issue.fields).sort()).toEqual(['labels', 'priority', 'status', 'summary']);
    });

    it('lists and performs a transition', async () => {
      const { transitions } = await jira('priya').issues.getTransitions({ issueIdOrKey: key });
      expect(transitions?.map((t) => [t.id, t.name, t.to?.name])).toEqual([['11', 'Start', 'In progress'], ['21', 'Done', 'Done']]);
      await jira('priya').issues.doTransition({ issueIdOrKey: key, transition: { id: '21' }, fields: { resolution: { name: "Won't do" } } });
      const issue = await jira('priya').issues.getIssue({ issueIdOrKey: key, fields: ['status', 'resolution', 'resolutiondate'] });
      expect(issue.fields.status.name).toBe('Done');
      expect(issue.fields.status.statusCategory?.key).toBe('done');
      expect(issue.fields.resolution?.name).toBe("Won't do");
      expect(issue.fields.resolutiondate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/);
      const after = await jira('priya').issues.getTransitions({ issueIdOrKey: key });
      expect(after.transitions?.map((t) => t.name)).toEqual(['Reopen']);
    });

    it('refuses a transition that is not available from the current status (400) and changes nothing', async () => {
      const { status, data } = await failure(jira('priya').issues.doTransition({ issueIdOrKey: key, transition: { id: '11' } }));
      expect(status).toBe(400);
      expect(data.errorMessages?.[0]).toContain("'11'");
      expect((await jira('priya').issues.getIssue({ issueIdOrKey: key, fields: ['status'] })).fields.status.name).toBe('Done');
    });

    it('records the edits and the transition in the changelog', async () => {
      const page = await jira('priya').issues.getChangeLogs({ issueIdOrKey: key });
      expect(page.total).toBe(2);
      expect(page.isLast).toBe(true);
      const [edit, transition] = page.values ?? [];
      const priya = await accountIdOf('priya');
      expect(edit?.author?.accountId).toBe(priya);
      expect(edit?.items).toEqual(expect.arrayContaining([
        expect.objectContaining({ field: 'summary', fromString: 'Rotate the backup encryption keys', toString: 'Rotate the backup encryption keys (2026)' }),
        expect.objectContaining({ field: 'priority', fromString: 'High', toString: 'Critical' }),
        expect.objectContaining({ field: 'labels', fromString: 'security', toString: 'security backup' }),
      ]));
      expect(transition?.author?.accountId).toBe(priya);
      expect(transition?.items).toEqual(expect.arrayContaining([
        expect.objectContaining({ field: 'status', fromString: 'To Do', toString: 'Done' }),
        expect.objectContaining({ field: 'resolution', fromString: null, toString: "Won't do" }),
      ]));
      // expand=changelog on the issue shows the same history, newest first
      const issue = await jira('priya').issues.getIssue({ issueIdOrKey: key, fields: ['summary'], expand: 'changelog' });
      expect(issue.changelog?.histories?.map((h) => h.id)).toEqual([transition?.id, edit?.id]);
    });

    it('adds a comment and lists it', async () => {
      const comment = await jira('carlos').issueComments.addComment({ issueIdOrKey: key, comment: adf('Keys rotated on all backup targets.') });
      expect(comment.id).toMatch(/^\d+$/);
      expect(comment.author?.accountId).toBe(await accountIdOf('carlos'));
      expect(comment.body).toEqual(adf('Keys rotated on all backup targets.'));
      const { comments, total } = await jira('priya').issueComments.getComments({ issueIdOrKey: key });
      expect(total).toBe(1);
      expect(comments?.[0]?.id).toBe(comment.id);
      expect(comments?.[0]?.body).toEqual(adf('Keys rotated on all backup targets.'));
      const issue = await jira('priya').issues.getIssue({ issueIdOrKey: key, fields: ['comment'] });
      expect(issue.fields.comment.comments?.map((c) => c.id)).toEqual([comment.id]);
    });

    it('puts and gets an entity property', async () => {
      const props = jira('priya').issueProperties;
      await props.setIssueProperty({ issueIdOrKey: key, propertyKey: 'sd.review', propertyValue: { reviewed: false, by: null } });
      expect(await props.getIssueProperty({ issueIdOrKey: key, propertyKey: 'sd.review' })).toEqual({ key: 'sd.review', value: { reviewed: false, by: null } });
      await props.setIssueProperty({ issueIdOrKey: key, propertyKey: 'sd.review', propertyValue: { reviewed: true, by: 'priya', steps: [1, 2] } });
      expect((await props.getIssueProperty({ issueIdOrKey: key, propertyKey: 'sd.review' })).value).toEqual({ reviewed: true, by: 'priya', steps: [1, 2] });
      expect((await props.getIssuePropertyKeys({ issueIdOrKey: key })).keys?.map((k) => k.key)).toEqual(['sd.review']);
      const issue = await jira('priya').issues.getIssue({ issueIdOrKey: key, fields: ['summary'], properties: ['sd.review'] });
      expect(issue.properties).toEqual({ 'sd.review': { reviewed: true, by: 'priya', steps: [1, 2] } });
      // create vs replace: 201 then 200, as Jira answers
      const created = await call(base, 'PUT', `/rest/api/3/issue/${key}/properties/sd.other`, { user: 'priya', body: { n: 1 } });
      const replaced = await call(base, 'PUT', `/rest/api/3/issue/${key}/properties/sd.other`, { user: 'priya', body: { n: 2 } });
      expect([created.status, replaced.status]).toEqual([201, 200]);
      await props.deleteIssueProperty({ issueIdOrKey: key, propertyKey: 'sd.other' });
      const gone = await failure(props.getIssueProperty({ issueIdOrKey: key, propertyKey: 'sd.other' }));
      expect(gone.status).toBe(404);
      expect(gone.data.errorMessages).toEqual([expect.stringContaining('sd.other')]);
    });

    it('links issues and shows the link on both sides in fields.issuelinks', async () => {
      const other = await jira('priya').issues.createIssue({ fields: { project: { key: 'OPS' }, issuetype: { id: '10005' }, summary: 'Document the key rotation' } });
      await jira('priya').issueLinks.linkIssues({ type: { name: 'Blocks' }, inwardIssue: { key }, outwardIssue: { key: other.key } });
      const mine = await jira('priya').issues.getIssue({ issueIdOrKey: key, fields: ['issuelinks'] });
      const theirs = await jira('priya').issues.getIssue({ issueIdOrKey: other.key, fields: ['issuelinks'] });
      expect(mine.fields.issuelinks).toHaveLength(1);
      expect(theirs.fields.issuelinks).toHaveLength(1);
      const [a] = mine.fields.issuelinks;
      const [b] = theirs.fields.issuelinks;
      expect(a?.id).toBe(b?.id);
      expect(a?.type).toMatchObject({ name: 'Blocks', inward: 'is blocked by', outward: 'blocks' });
      expect(a?.outwardIssue).toMatchObject({ key: other.key, fields: { summary: 'Document the key rotation', status: { name: 'To Do' } } });
      expect(a?.inwardIssue).toBeUndefined();
      expect(b?.inwardIssue).toMatchObject({ key, fields: { status: { name: 'Done' } } });
      expect(b?.outwardIssue).toBeUndefined();
      const link = await jira('priya').issueLinks.getIssueLink({ linkId: a!.id! });
      expect(link.inwardIssue?.key).toBe(key);
      expect(link.outwardIssue?.key).toBe(other.key);
      // a missing issue on either side is a 404, and no link is made
      expect((await failure(jira('priya').issueLinks.linkIssues({ type: { name: 'Blocks' }, inwardIssue: { key }, outwardIssue: { key: 'OPS-999' } }))).status).toBe(404);
      expect((await jira('priya').issues.getIssue({ issueIdOrKey: key, fields: ['issuelinks'] })).fields.issuelinks).toHaveLength(1);
    });
  });

  describe('validation errors change nothing', () => {
    /** The issue as an agent sees it, with everything an edit could touch. */
    const snapshot = async (key: string) => {
      const issue = await jira('ines').issues.getIssue({ issueIdOrKey: key, fields: ['*all'], properties: ['*all'], expand: 'changelog' });
      return { issue, comments: await jira('ines').issueComments.getComments({ issueIdOrKey: key }) };
    };
    const opsKeys = async () => (await allKeys('sofia', 'project = OPS ORDER BY key ASC')).keys;

    it('answers 400 with errors.summary to a create without summary, and creates nothing', async () => {
      const before = await opsKeys();
      // jira.js's types demand a summary; a client that omits it anyway must get Jira's field error
      const noSummary = { project: { key: 'OPS' }, issuetype: { name: 'Task' } } as unknown as Version3Parameters.CreateIssue['fields'];
      const { status, data } = await failure(jira('priya').issues.createIssue({ fields: noSummary }));
      expect(status).toBe(400);
      expect(data).toEqual({ errorMessages: [], errors: { summary: 'You must specify a summary of the issue.' } });
      expect(await opsKeys()).toEqual(before);
    });

    it('answers 400 naming an unknown field on create, and creates nothing', async () => {
      const before = await opsKeys();
      const { status, data } = await failure(jira('priya').issues.createIssue({ fields: { project: { key: 'OPS' }, issuetype: { name: 'Task' }, summary: 'Has a bogus field', customfield_99999: 'x' } }));
      expect(status).toBe(400);
      expect(data.errorMessages).toEqual([]);
      expect(Object.keys(data.errors ?? {})).toEqual(['customfield_99999']);
      expect(await opsKeys()).toEqual(before);
    });

    it('answers 400 to an edit with an unknown field and applies none of its valid fields', async () => {
      const before = await snapshot('SD-3');
      const { status, data } = await failure(jira('ines').issues.editIssue({ issueIdOrKey: 'SD-3', fields: { summary: 'Should not be saved', nosuchfield: 1 } }));
      expect(status).toBe(400);
      expect(data).toEqual({ errorMessages: [], errors: { nosuchfield: expect.stringContaining('nosuchfield') } });
      expect(await snapshot('SD-3')).toEqual(before);
    });

    it('answers 400 to an invalid field value with a Jira-shaped body and changes nothing', async () => {
      const before = await snapshot('SD-3');
      const { status, data } = await failure(jira('ines').issues.editIssue({ issueIdOrKey: 'SD-3', fields: { summary: 'Should not be saved', priority: { name: 'Apocalyptic' }, customfield_10010: { value: 'Enormous' } } }));
      expect(status).toBe(400);
      expect(data.errorMessages).toEqual([]);
      expect(Object.keys(data.errors ?? {}).sort()).toEqual(['customfield_10010', 'priority']);
      expect(await snapshot('SD-3')).toEqual(before);
    });

    it('answers 400 to malformed JSON on edit, comment, transition, property and create, and changes nothing', async () => {
      const before = await snapshot('SD-3');
      const opsBefore = await opsKeys();
      const broken = '{"fields": {"summary": "Half a request"';
      const attempts: Array<[string, string]> = [
        ['PUT', '/rest/api/3/issue/SD-3'],
        ['POST', '/rest/api/3/issue/SD-3/comment'],
        ['POST', '/rest/api/3/issue/SD-3/transitions'],
        ['PUT', '/rest/api/3/issue/SD-3/properties/sd.broken'],
        ['POST', '/rest/api/3/issue'],
      ];
      for (const [method, path] of attempts) {
        const res = await call(base, method, path, { user: 'ines', rawBody: broken });
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(res.body).toEqual({ errorMessages: [expect.any(String)], errors: {} });
      }
      expect(await snapshot('SD-3')).toEqual(before);
      expect(await opsKeys()).toEqual(opsBefore);
      expect((await jira('ines').issueProperties.getIssuePropertyKeys({ issueIdOrKey: 'SD-3' })).keys?.map((k) => k.key)).not.toContain('sd.broken');
    });
  });

  describe('not found and permissions', () => {
    /** jira.js types `permissions` as unknown; this is the shape Atlassian documents for GET /mypermissions. */
    type MyPermissions = { permissions: Record<string, { id: string; key: string; name: string; type: string; havePermission: boolean }> };
    it('answers 404 for an unknown issue', async () => {
      const { status, data } = await failure(jira('ines').issues.getIssue({ issueIdOrKey: 'SD-999' }));
      expect(status).toBe(404);
      expect(data).toEqual({ errorMessages: [NOT_FOUND], errors: {} });
      expect((await failure(jira('ines').issues.editIssue({ issueIdOrKey: 'NOPE-1', fields: { summary: 'x' } }))).status).toBe(404);
    });

    it("answers 404, not 403, to a customer reading another customer's issue", async () => {
      const own = await jira('chen').issues.getIssue({ issueIdOrKey: 'SD-2', fields: ['summary', 'reporter'] });
      expect(own.fields.reporter?.accountId).toBe(await accountIdOf('chen'));
      for (const attempt of [
        jira('chen').issues.getIssue({ issueIdOrKey: 'SD-1' }),
        jira('chen').issueComments.getComments({ issueIdOrKey: 'SD-1' }),
        jira('chen').issueComments.addComment({ issueIdOrKey: 'SD-1', comment: adf('Hello?') }),
        jira('chen').issues.getTransitions({ issueIdOrKey: 'SD-1' }),
        jira('chen').issueProperties.getIssuePropertyKeys({ issueIdOrKey: 'SD-1' }),
      ]) {
        const { status, data } = await failure(attempt);
        expect(status).toBe(404);
        expect(data.errorMessages).toEqual([NOT_FOUND]);
      }
      // by id, too: the existence of the issue does not leak
      const sd1 = await jira('ines').issues.getIssue({ issueIdOrKey: 'SD-1', fields: ['summary'] });
      expect((await failure(jira('chen').issues.getIssue({ issueIdOrKey: sd1.id }))).data.errorMessages).toEqual([NOT_FOUND]);
      // and chen's comment attempt left nothing behind
      expect((await jira('ines').issueComments.getComments({ issueIdOrKey: 'SD-1' })).comments?.some((c) => c.author?.accountId === own.fields.reporter?.accountId)).toBe(false);
    });

    it('lets a customer read but not edit or transition their own request', async () => {
      const before = await jira('ines').issues.getIssue({ issueIdOrKey: 'SD-1', fields: ['summary', 'status'] });
      expect((await failure(jira('carla').issues.editIssue({ issueIdOrKey: 'SD-1', fields: { summary: 'Carla was here' } }))).status).toBe(403);
      expect((await jira('carla').issues.getTransitions({ issueIdOrKey: 'SD-1' })).transitions).toEqual([]);
      expect((await jira('ines').issues.getIssue({ issueIdOrKey: 'SD-1', fields: ['summary', 'status'] })).fields).toEqual(before.fields);
    });

    it('answers mypermissions per user, project and issue', async () => {
      const perms = 'BROWSE_PROJECTS,EDIT_ISSUES,TRANSITION_ISSUES,ADD_COMMENTS,ADMINISTER';
      const have = async (userKey: string, where: { projectKey?: string; issueKey?: string }) => {
        const { permissions } = await jira(userKey).permissions.getMyPermissions<MyPermissions>({ permissions: perms, ...where });
        return Object.fromEntries(Object.entries(permissions).map(([k, v]) => [k, v.havePermission]));
      };
      expect(await have('carla', { issueKey: 'SD-1' })).toEqual({ BROWSE_PROJECTS: true, EDIT_ISSUES: false, TRANSITION_ISSUES: false, ADD_COMMENTS: true, ADMINISTER: false });
      expect(await have('ines', { projectKey: 'SD' })).toEqual({ BROWSE_PROJECTS: true, EDIT_ISSUES: true, TRANSITION_ISSUES: true, ADD_COMMENTS: true, ADMINISTER: false });
      expect(await have('sofia', { projectKey: 'OPS' })).toEqual({ BROWSE_PROJECTS: true, EDIT_ISSUES: true, TRANSITION_ISSUES: true, ADD_COMMENTS: true, ADMINISTER: true });
      // a project or issue the caller cannot see is a 404, as for every other resource
      const hiddenProject = await failure(jira('ines').permissions.getMyPermissions({ permissions: perms, projectKey: 'OPS' }));
      expect(hiddenProject.status).toBe(404);
      expect(hiddenProject.data.errorMessages).toEqual(["No project could be found with key 'OPS'."]);
      const hiddenIssue = await failure(jira('chen').permissions.getMyPermissions({ permissions: perms, issueKey: 'SD-1' }));
      expect(hiddenIssue).toEqual({ status: 404, data: { errorMessages: [NOT_FOUND], errors: {} } });
      expect((await failure(jira('chen').permissions.getMyPermissions({ permissions: perms, issueKey: 'SD-999' }))).data).toEqual(hiddenIssue.data);
      const { permissions } = await jira('ines').permissions.getMyPermissions<MyPermissions>({ permissions: 'EDIT_ISSUES', issueKey: 'SD-2' });
      expect(permissions.EDIT_ISSUES).toMatchObject({ key: 'EDIT_ISSUES', havePermission: true });
      const missing = await failure(jira('ines').permissions.getMyPermissions({}));
      expect(missing.status).toBe(400);
      expect(missing.data.errorMessages?.length).toBe(1);
    });
  });

  describe('internal comments', () => {
    it('hides internal comments from the customer who reported the issue but shows them to agents', async () => {
      const ines = jira('ines').issueComments;
      const internal = await ines.addComment({ issueIdOrKey: 'SD-5', comment: adf('Suspect the customer firewall; do not share yet.'), properties: [{ key: 'sd.public.comment', value: { internal: true } }] });
      const reply = await ines.addComment({ issueIdOrKey: 'SD-5', comment: adf('We are looking into it.') });
      expect(internal.jsdPublic).toBe(false);
      expect(reply.jsdPublic).toBe(true);

      const agentView = await ines.getComments({ issueIdOrKey: 'SD-5' });
      expect(agentView.comments?.find((c) => c.id === internal.id)).toMatchObject({ jsdPublic: false, body: adf('Suspect the customer firewall; do not share yet.') });
      expect(agentView.comments?.find((c) => c.id === reply.id)).toMatchObject({ jsdPublic: true });

      const customerView = await jira('carla').issueComments.getComments({ issueIdOrKey: 'SD-5' });
      const seen = customerView.comments?.map((c) => c.id) ?? [];
      expect(seen).toContain(reply.id);
      expect(seen).not.toContain(internal.id);
      expect(customerView.total).toBe(agentView.total! - agentView.comments!.filter((c) => c.jsdPublic === false).length);
      expect(customerView.comments?.every((c) => c.jsdPublic === true)).toBe(true);

      const viaIssue = await jira('carla').issues.getIssue({ issueIdOrKey: 'SD-5', fields: ['comment'] });
      expect(viaIssue.fields.comment.comments?.map((c) => c.id)).not.toContain(internal.id);
      expect(viaIssue.fields.comment.comments?.map((c) => c.id)).toContain(reply.id);
      // the customer's own reply is public
      const carlaReply = await jira('carla').issueComments.addComment({ issueIdOrKey: 'SD-5', comment: adf('Thanks!') });
      expect(carlaReply.jsdPublic).toBe(true);
    });
  });

  describe('enhanced JQL search', () => {
    it('pages with nextPageToken through every match exactly once, in JQL order', async () => {
      const everything = await jira('ines').issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'project = SD ORDER BY key ASC', maxResults: 100, fields: ['summary'] });
      expect(everything.nextPageToken).toBeUndefined();
      const all = (everything.issues ?? []).map((i) => i.key);
      // Jira orders keys by project, then by issue number (SD-2 before SD-10)
      expect(all.slice(0, 12)).toEqual(Array.from({ length: 12 }, (_, i) => `SD-${i + 1}`));
      const paged = await allKeys('ines', 'project = SD ORDER BY key ASC', 5);
      expect(paged.pages).toBe(Math.ceil(all.length / 5));
      expect(paged.keys).toEqual(all);
      expect(new Set(paged.keys).size).toBe(paged.keys.length);
    });

    it('answers the requested fields only, and only id/key by default', async () => {
      const page = await jira('ines').issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'key = SD-1', fields: ['summary', 'status'] });
      expect(page.issues).toHaveLength(1);
      expect(page.issues?.[0]?.key).toBe('SD-1');
      expect(Object.keys(page.issues?.[0]?.fields ?? {}).sort()).toEqual(['status', 'summary']);
      const bare = await jira('ines').issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'key = SD-1' });
      expect(bare.issues?.[0]).toMatchObject({ id: expect.stringMatching(/^\d+$/) });
      expect(bare.issues?.[0]?.fields).toBeUndefined();
      // POST variant
      const post = await jira('ines').issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({ jql: 'project = SD AND issuetype = Change ORDER BY key ASC', fields: ['summary'], maxResults: 2 });
      expect(post.issues?.map((i) => i.key)).toEqual(['SD-7', 'SD-8']);
      expect(post.nextPageToken).toEqual(expect.any(String));
    });

    it('shows a customer only the requests they reported', async () => {
      // Besides the demo's older history of their own incidents (demo-relationship.ts).
      const carlas = (await allKeys('carla', 'project = SD ORDER BY key ASC', 2)).keys;
      const chens = (await allKeys('chen', 'project = SD ORDER BY key ASC')).keys;
      expect(carlas).toEqual(expect.arrayContaining(['SD-1', 'SD-12', 'SD-3', 'SD-5']));
      expect(chens).toEqual(expect.arrayContaining(['SD-2', 'SD-4', 'SD-6']));
      expect(carlas.filter((k) => chens.includes(k))).toEqual([]);
      for (const agentOnly of ['SD-7', 'SD-8', 'SD-11', 'SD-19']) { expect(carlas).not.toContain(agentOnly); expect(chens).not.toContain(agentOnly); }
      expect((await allKeys('chen', 'key = SD-1')).keys).toEqual([]);
    });

    it('answers 400 with errorMessages to invalid JQL', async () => {
      for (const jql of ['project = ', 'project = SD AND', 'nosuchfield = 1', 'project = SD ORDER BY']) {
        const { status, data } = await failure(jira('ines').issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql }));
        expect({ jql, status }).toEqual({ jql, status: 400 });
        expect(data.errorMessages?.length).toBeGreaterThan(0);
        expect(data.errors).toEqual({});
      }
    });

    it('answers 400 to unbounded JQL', async () => {
      for (const jql of ['', 'ORDER BY created DESC']) {
        const { status, data } = await failure(jira('ines').issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql }));
        expect({ jql, status }).toEqual({ jql, status: 400 });
        expect(data.errorMessages).toEqual([expect.stringMatching(/unbounded/i)]);
      }
    });

    it('answers 400 to a nextPageToken from another query', async () => {
      const first = await jira('ines').issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'project = SD ORDER BY key ASC', maxResults: 2 });
      expect(first.nextPageToken).toEqual(expect.any(String));
      const { status, data } = await failure(jira('ines').issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'project = SD ORDER BY created DESC', maxResults: 2, nextPageToken: first.nextPageToken }));
      expect(status).toBe(400);
      expect(data.errorMessages?.length).toBe(1);
    });

    it('answers 410 on the removed /rest/api/3/search', async () => {
      const { status, data } = await failure(jira('ines').issueSearch.searchForIssuesUsingJql({ jql: 'project = SD' }));
      expect(status).toBe(410);
      expect(data.errorMessages?.[0]).toContain('/rest/api/3/search/jql');
      const post = await call(base, 'POST', '/rest/api/3/search', { user: 'ines', body: { jql: 'project = SD' } });
      expect(post.status).toBe(410);
    });
  });

  describe('custom fields', () => {
    it('lists the seeded system and custom fields', async () => {
      const fields = await jira('ines').issueFields.getFields();
      const byName = new Map(fields.map((f) => [f.name, f]));
      for (const name of ['Impact', 'Urgency', 'Change type']) {
        expect(byName.get(name)).toMatchObject({ custom: true, schema: { type: 'option', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:select' } });
      }
      expect(byName.get('Impact')?.id).toBe('customfield_10010');
      expect(byName.get('Affected services')).toMatchObject({ custom: true, schema: { type: 'array', items: 'option' } });
      expect(byName.get('Planned start')).toMatchObject({ custom: true, schema: { type: 'datetime' } });
      expect(byName.get('Summary')).toMatchObject({ id: 'summary', custom: false });
      expect(byName.get('Impact')?.clauseNames).toEqual(expect.arrayContaining(['cf[10010]', 'Impact']));
    });

    it('lets an admin create a select field, find its context and add options, then use them on an issue', async () => {
      const sofia = jira('sofia');
      const field = await sofia.issueFields.createCustomField({ name: 'Service tier', description: 'Contracted tier', type: 'com.atlassian.jira.plugin.system.customfieldtypes:select', searcherKey: 'com.atlassian.jira.plugin.system.customfieldtypes:multiselectsearcher' });
      expect(field.id).toMatch(/^customfield_\d+$/);
      expect(field).toMatchObject({ name: 'Service tier', custom: true, schema: { type: 'option', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:select' } });
      expect((await sofia.issueFields.getFields()).map((f) => f.id)).toContain(field.id);

      const contexts = await sofia.issueCustomFieldContexts.getContextsForField({ fieldId: field.id! });
      expect(contexts.values).toHaveLength(1);
      const contextId = Number(contexts.values?.[0]?.id);
      expect(contextId).toBe(Number(field.id!.replace('customfield_', '')));

      const created = await sofia.issueCustomFieldOptions.createCustomFieldOption({ fieldId: field.id!, contextId, options: [{ value: 'Gold' }, { value: 'Silver' }, { value: 'Bronze', disabled: true }] });
      expect(created.options?.map((o) => [o.value, o.disabled])).toEqual([['Gold', false], ['Silver', false], ['Bronze', true]]);
      const listed = await sofia.issueCustomFieldOptions.getOptionsForContext({ fieldId: field.id!, contextId });
      expect(listed.values?.map((o) => o.value)).toEqual(['Gold', 'Silver', 'Bronze']);

      const dup = await failure(sofia.issueCustomFieldOptions.createCustomFieldOption({ fieldId: field.id!, contextId, options: [{ value: 'Gold' }] }));
      expect(dup.status).toBe(400);
      expect((await sofia.issueCustomFieldOptions.getOptionsForContext({ fieldId: field.id!, contextId })).values).toHaveLength(3);

      await jira('ines').issues.editIssue({ issueIdOrKey: 'SD-4', fields: { [field.id!]: { value: 'Gold' } } });
      const issue = await jira('ines').issues.getIssue({ issueIdOrKey: 'SD-4', fields: [field.id!] });
      expect(issue.fields[field.id!]).toMatchObject({ value: 'Gold', id: created.options![0]!.id });
      // a disabled option cannot be chosen
      expect((await failure(jira('ines').issues.editIssue({ issueIdOrKey: 'SD-4', fields: { [field.id!]: { value: 'Bronze' } } }))).status).toBe(400);
    });

    it('answers 403 to a non-admin creating a field or adding options, and creates nothing', async () => {
      const before = (await jira('ines').issueFields.getFields()).length;
      const create = await failure(jira('ines').issueFields.createCustomField({ name: 'Sneaky', type: 'com.atlassian.jira.plugin.system.customfieldtypes:select' }));
      expect(create.status).toBe(403);
      expect(create.data.errorMessages).toEqual([expect.any(String)]);
      const option = await failure(jira('priya').issueCustomFieldOptions.createCustomFieldOption({ fieldId: 'customfield_10010', contextId: 10010, options: [{ value: 'Catastrophic' }] }));
      expect(option.status).toBe(403);
      expect((await jira('ines').issueFields.getFields()).length).toBe(before);
      const listed = await jira('sofia').issueCustomFieldOptions.getOptionsForContext({ fieldId: 'customfield_10010', contextId: 10010 });
      expect(listed.values?.map((o) => o.value)).toEqual(['High', 'Medium', 'Low']);
    });
  });
});
