/**
 * Incidents on a plain Jira Cloud site after the setup wizard (issue #4) ran on its business project: the fields
 * are read by the wizard's mapping, Jira's priorities are Highest … Lowest, there is no role list yet (any staff
 * account is an agent, D11) and no approved policy (the shipped defaults apply).
 */
import { demoAccountId } from '../../sandbox/seed/demo';
import type { AdminResult, Answers, AdminFunctionKey, ProjectMapping } from '../../src/contract/admin';
import type { Result } from '../../src/contract/results';
import type { IssuePanelView } from '../../src/contract/views';
import { call, withSandbox } from './harness';

type Env = Awaited<ReturnType<typeof withSandbox>>;

describe('incidents on a plain site set up by the wizard', () => {
  let env: Env;
  let base: string;
  let mapping: ProjectMapping;
  beforeAll(async () => {
    env = await withSandbox({ seed: 'plain' });
    base = env.sandbox.url;
    const admin = async <K extends AdminFunctionKey>(key: K, payload: unknown): Promise<Answers[K]> => {
      const res = await call(base, 'POST', '/sandbox/bridge', { user: 'sofia', body: { type: 'invoke', payload: { functionKey: key, payload }, context: { moduleKey: 'sd-admin-page', extension: {} } } });
      const r = (res.body as { result: AdminResult<Answers[K]> }).result;
      if (!r.ok) throw new Error(`${key}: ${r.error.message}`);
      return r.data;
    };
    let plan = (await admin('setup.plan', { projectKey: 'OPS' })).plan;
    for (let i = 0; !plan.nothingToDo; i++) {
      if (i > 40) throw new Error('the wizard does not finish');
      plan = (await admin('setup.runStep', { projectKey: 'OPS', stepId: plan.steps[0]!.id })).next.plan;
    }
    mapping = (await admin('setup.finish', { projectKey: 'OPS' })).mapping;
  }, 60_000);
  afterAll(async () => { await env.stop(); });

  it('derives Critical from High × High and sets the site\'s name for it, Highest; the panel reads the mapped fields', async () => {
    const f = mapping.fields;
    const created = await call(base, 'POST', '/rest/api/3/issue', { user: 'tom', body: { fields: {
      project: { key: 'OPS' }, issuetype: { name: 'Incident' }, summary: 'Build agents cannot reach the artefact store',
      [f.impact!.id]: { value: 'High' }, [f.urgency!.id]: { value: 'High' }, [f.impactedCis!.id]: ['artefact-store-01'],
      [f.securityIncident!.id]: [{ value: 'Information security incident' }],
    } } });
    expect(created.status).toBe(201);
    await call(base, 'POST', '/sandbox/events/settle');
    const key = (created.body as { key: string }).key;
    const issue = await call(base, 'GET', `/rest/api/3/issue/${key}?fields=priority&properties=sd-state`, { user: 'sofia' });
    expect(issue.body).toMatchObject({
      fields: { priority: { name: 'Highest' } },
      properties: { 'sd-state': { kind: 'incident', incident: { priority: { value: 'Critical', text: 'High impact × High urgency → Critical (D8 default matrix; no policy approved yet)' }, classification: { impact: 'High', urgency: 'High' } } } },
    });

    const res = await call(base, 'POST', '/sandbox/bridge', { user: 'tom', body: { type: 'invoke', payload: { functionKey: 'issuePanel.load', payload: {} }, context: { moduleKey: 'sd-issue-panel', extension: { type: 'jira:issuePanel', issue: { id: '0', key }, project: { id: mapping.projectId, key: 'OPS' } } } } });
    const answer = (res.body as { result: Result<IssuePanelView> }).result;
    if (!answer.ok) throw new Error(answer.error.message);
    const view = answer.data;
    expect(view.kind).toBe('incident');
    // The internal classification is in the panel of the service team (D26), not in the property customers can read.
    expect(view.incident?.classification).toMatchObject({ cis: ['artefact-store-01'], securityIncident: true });
    expect(view.rolesConfigured).toBe(false);
    expect(view.incident?.priority).toMatchObject({ value: 'Critical', jiraPriority: 'Highest', jiraPriorityMeans: 'Critical', syncPending: false });
    expect(view.incident?.clocks.resolution).toMatchObject({ targetMs: 4 * 3_600_000, clock: '24x7', state: 'running' });
    // The wizard created the Root cause field, so the checklist asks for it without a hint.
    expect(view.incident?.closure.items.find((i) => i.id === 'root-cause')).toMatchObject({ done: false });
    expect(view.incident?.closure.items.find((i) => i.id === 'root-cause')?.hint).toBeUndefined();
    // Without a role list any staff account is an agent (D11): Tom may raise the change request.
    expect(view.incident?.actions.raiseChange.allowed).toBe(true);
    expect(demoAccountId('tom')).toBe(view.viewer.accountId);
  });
});
