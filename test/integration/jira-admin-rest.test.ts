import { HttpException, Version3Client } from 'jira.js';
import { call, emailOf, withSandbox } from './harness';
import { demoToken } from '../../sandbox/seed/demo';

/**
 * The Jira admin endpoints the setup wizard uses (issue #4), through an ordinary Jira client (jira.js) against the
 * demo seed: issue type schemes (one per project in the sandbox), adding issue types to a project, and checkbox
 * custom fields. Shapes and status codes follow Atlassian's REST v3 reference; refusals change nothing.
 */
const CF = 'com.atlassian.jira.plugin.system.customfieldtypes:';

describe('Jira admin REST through jira.js', () => {
  let env: Awaited<ReturnType<typeof withSandbox>>;
  const clients = new Map<string, Version3Client>();
  const jira = (userKey: string): Version3Client => {
    let c = clients.get(userKey);
    if (!c) {
      c = new Version3Client({ host: env.sandbox.url, authentication: { basic: { email: emailOf(userKey), apiToken: demoToken(userKey) } } });
      clients.set(userKey, c);
    }
    return c;
  };
  beforeAll(async () => { env = await withSandbox(); });
  afterAll(async () => { await env?.stop(); });

  async function failure(request: Promise<unknown>): Promise<{ status: number; data: { errorMessages?: string[]; errors?: Record<string, string> } }> {
    let caught: unknown;
    try { await request; } catch (e) { caught = e; }
    if (caught === undefined) throw new Error('expected the request to fail, but it succeeded');
    if (!(caught instanceof HttpException)) throw caught;
    const data: unknown = typeof caught.response === 'object' ? (caught.response as { data?: unknown }).data : undefined;
    return { status: caught.status, data: (data ?? {}) as { errorMessages?: string[]; errors?: Record<string, string> } };
  }
  const projectTypes = async (key: string): Promise<string[]> => ((await jira('sofia').projects.getProject({ projectIdOrKey: key })).issueTypes ?? []).map((t) => t.name ?? '');

  describe('issue type schemes', () => {
    it('answers each project’s scheme with the projects that use it (PageBean of IssueTypeSchemeProjects)', async () => {
      const page = await jira('sofia').issueTypeSchemes.getIssueTypeSchemeForProjects({ projectId: [10000, 10001] });
      expect(page).toEqual({
        maxResults: 50, startAt: 0, total: 2, isLast: true,
        values: [
          { issueTypeScheme: { id: '20000', name: 'SD: Acme Managed Services Issue Type Scheme', description: expect.any(String), isDefault: false }, projectIds: ['10000'] },
          { issueTypeScheme: { id: '20001', name: 'OPS: Internal Operations Issue Type Scheme', description: expect.any(String), isDefault: false }, projectIds: ['10001'] },
        ],
      });
      // Repeated parameters (projectId=…&projectId=…) work as on Jira, not only jira.js's comma list.
      const repeated = await call(env.sandbox.url, 'GET', '/rest/api/3/issuetypescheme/project?projectId=10001&projectId=99999', { user: 'sofia' });
      expect((repeated.body as { values: Array<{ projectIds: string[] }> }).values.map((v) => v.projectIds)).toEqual([['10001']]);
    });

    it('lists every scheme and its items', async () => {
      const all = await jira('sofia').issueTypeSchemes.getAllIssueTypeSchemes();
      expect(all.values?.map((s) => s.id)).toEqual(['20000', '20001']);
      const mapping = await jira('sofia').issueTypeSchemes.getIssueTypeSchemesMapping({ issueTypeSchemeId: [20000] });
      // SD's four JSM types, then its two agreement types (the setup wizard found and mapped them).
      expect(mapping.values).toEqual(['10001', '10002', '10003', '10004', '10006', '10007'].map((issueTypeId) => ({ issueTypeSchemeId: '20000', issueTypeId })));
      const second = await jira('sofia').issueTypeSchemes.getIssueTypeSchemesMapping({ startAt: 2, maxResults: 2 });
      expect(second).toMatchObject({ startAt: 2, maxResults: 2, total: 7, isLast: false });
      expect(second.values).toHaveLength(2);
    });

    it('answers 400 without projectId and 403 to a non-admin', async () => {
      expect((await call(env.sandbox.url, 'GET', '/rest/api/3/issuetypescheme/project', { user: 'sofia' })).status).toBe(400);
      const refused = await failure(jira('priya').issueTypeSchemes.getIssueTypeSchemeForProjects({ projectId: [10000] }));
      expect(refused.status).toBe(403);
      expect(refused.data.errorMessages).toEqual([expect.stringContaining('Administrator')]);
    });

    it('adds an issue type to a project’s scheme (204), after which agents can create issues of it in that project', async () => {
      const created = await jira('sofia').issueTypes.createIssueType({ name: 'Framework contract', description: 'WP.03', hierarchyLevel: 0 });
      await jira('sofia').issueTypeSchemes.addIssueTypesToIssueTypeScheme({ issueTypeSchemeId: 20001, issueTypeIds: [created.id!] });
      expect(await projectTypes('OPS')).toEqual(['Task', 'Framework contract']);
      expect(await projectTypes('SD')).not.toContain('Framework contract');
      const issue = await jira('tom').issues.createIssue({ fields: { project: { key: 'OPS' }, issuetype: { id: created.id! }, summary: 'Northwind master agreement' } });
      // A type new to every project gets the Simple workflow.
      const fetched = await jira('tom').issues.getIssue({ issueIdOrKey: issue.key, fields: ['status', 'issuetype'] });
      expect(fetched.fields.status?.name).toBe('To Do');
      expect(fetched.fields.issuetype?.name).toBe('Framework contract');
    });

    it('gives an issue type that another project already uses that project’s workflow', async () => {
      await jira('sofia').issueTypeSchemes.addIssueTypesToIssueTypeScheme({ issueTypeSchemeId: 20001, issueTypeIds: ['10001'] });
      const issue = await jira('tom').issues.createIssue({ fields: { project: { key: 'OPS' }, issuetype: { name: 'Incident' }, summary: 'Build server disk full' } });
      const transitions = await jira('tom').issues.getTransitions({ issueIdOrKey: issue.key });
      expect((await jira('tom').issues.getIssue({ issueIdOrKey: issue.key, fields: ['status'] })).fields.status?.name).toBe('Open');
      expect(transitions.transitions?.map((t) => t.name)).toEqual(expect.arrayContaining(['Start work', 'Resolve']));
    });

    it('refuses an issue type already in the scheme, an unknown one, an unknown scheme and a non-admin, adding nothing', async () => {
      const before = await projectTypes('OPS');
      const twice = await failure(jira('sofia').issueTypeSchemes.addIssueTypesToIssueTypeScheme({ issueTypeSchemeId: 20001, issueTypeIds: ['10003', '10005'] }));
      expect(twice.status).toBe(400);
      expect(twice.data.errorMessages).toEqual(["The issue type '10005' is already in the issue type scheme."]);
      expect((await failure(jira('sofia').issueTypeSchemes.addIssueTypesToIssueTypeScheme({ issueTypeSchemeId: 20001, issueTypeIds: ['10003', '99999'] }))).status).toBe(404);
      expect((await failure(jira('sofia').issueTypeSchemes.addIssueTypesToIssueTypeScheme({ issueTypeSchemeId: 10001, issueTypeIds: ['10003'] }))).status).toBe(404);
      expect((await failure(jira('sofia').issueTypeSchemes.addIssueTypesToIssueTypeScheme({ issueTypeSchemeId: 20001, issueTypeIds: [] }))).status).toBe(400);
      const priya = await failure(jira('priya').issueTypeSchemes.addIssueTypesToIssueTypeScheme({ issueTypeSchemeId: 20001, issueTypeIds: ['10003'] }));
      expect(priya.status).toBe(403);
      expect(await projectTypes('OPS')).toEqual(before);
    });
  });

  describe('checkbox custom fields', () => {
    it('creates a checkboxes field with its options and takes [{ value }] on create and edit, as Jira does', async () => {
      const sofia = jira('sofia');
      const field = await sofia.issueFields.createCustomField({ name: 'Major incident', type: `${CF}multicheckboxes`, searcherKey: `${CF}multiselectsearcher` });
      expect(field).toMatchObject({ custom: true, schema: { type: 'array', items: 'option', custom: `${CF}multicheckboxes` } });
      const contextId = Number((await sofia.issueCustomFieldContexts.getContextsForField({ fieldId: field.id! })).values?.[0]?.id);
      const created = await sofia.issueCustomFieldOptions.createCustomFieldOption({ fieldId: field.id!, contextId, options: [{ value: 'Major incident' }] });
      const optionId = created.options![0]!.id;

      const issue = await jira('ines').issues.createIssue({ fields: { project: { key: 'SD' }, issuetype: { name: 'Incident' }, summary: 'Data centre power loss', [field.id!]: [{ value: 'Major incident' }] } });
      const read = await jira('ines').issues.getIssue({ issueIdOrKey: issue.key, fields: [field.id!] });
      expect(read.fields[field.id!]).toEqual([{ self: expect.stringContaining(`/customFieldOption/${optionId}`), value: 'Major incident', id: optionId }]);

      await jira('ines').issues.editIssue({ issueIdOrKey: issue.key, fields: { [field.id!]: [] } });
      expect((await jira('ines').issues.getIssue({ issueIdOrKey: issue.key, fields: [field.id!] })).fields[field.id!]).toEqual([]);
      const changes = await jira('ines').issues.getChangeLogs({ issueIdOrKey: issue.key });
      expect(changes.values?.at(-1)?.items).toEqual([expect.objectContaining({ field: 'Major incident', fieldtype: 'custom', fromString: 'Major incident', toString: '' })]);

      const wrong = await failure(jira('ines').issues.editIssue({ issueIdOrKey: issue.key, fields: { [field.id!]: [{ value: 'Minor' }] } }));
      expect(wrong.status).toBe(400);
      expect(Object.keys(wrong.data.errors ?? {})).toEqual([field.id]);
    });

    it('pages the options of a context with startAt and maxResults', async () => {
      const page = await jira('sofia').issueCustomFieldOptions.getOptionsForContext({ fieldId: 'customfield_10013', contextId: 10013, startAt: 1, maxResults: 2 });
      expect(page).toMatchObject({ startAt: 1, maxResults: 2, total: 4, isLast: false });
      expect(page.values?.map((o) => o.value)).toEqual(['Web hosting', 'Backup & restore']);
    });
  });
});
