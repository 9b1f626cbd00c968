import { demoAccountId } from '../../sandbox/seed/demo';
import type { ChangeAnswers, ChangeFunctionKey, ChangeSection } from '../../src/contract/change';
import type { Result } from '../../src/contract/results';
import { call } from './harness';
import { incidentDriver } from './incident-driver';

/** Drives service change requests on the demo project SD through the sandbox's REST API and the app's panel functions. */

const TEXTAREA = 'com.atlassian.jira.plugin.system.customfieldtypes:textarea';

export function changeDriver(base: string) {
  const d = incidentDriver(base);
  let fieldIds: Record<string, string> | null = null;

  /** The demo site's fields by name (the wizard's or JSM's); WP.11 content fields are created when the site lacks them. */
  async function fields(): Promise<Record<string, string>> {
    if (fieldIds) return fieldIds;
    const list = async () => (await call(base, 'GET', '/rest/api/3/field', { user: 'sofia' })).body as Array<{ id: string; name: string }>;
    let all = await list();
    for (const names of [['Business impact'], ['Implementation plan'], ['Backout plan', 'Back-out plan'], ['Test plan']]) {
      const name = names[0]!;
      if (!all.some((f) => names.includes(f.name))) {
        const r = await call(base, 'POST', '/rest/api/3/field', { user: 'sofia', body: { name, type: TEXTAREA, searcherKey: 'com.atlassian.jira.plugin.system.customfieldtypes:textsearcher' } });
        if (r.status !== 201) throw new Error(`field ${name}: ${r.status} ${JSON.stringify(r.body)}`);
      }
    }
    all = await list();
    const byName = (n: string) => all.filter((f) => f.name === n).sort((a, b) => Number(a.id.replace(/\D/g, '')) - Number(b.id.replace(/\D/g, '')))[0]?.id ?? '';
    fieldIds = {
      changeType: byName('Change type'), impact: byName('Impact'), urgency: byName('Urgency'), services: byName('Affected services'), cis: byName('Impacted CIs'),
      plannedStart: byName('Planned start'), plannedEnd: byName('Planned end'), businessImpact: byName('Business impact'), implementation: byName('Implementation plan'),
      backOut: byName('Backout plan') || byName('Back-out plan'), testPlan: byName('Test plan'),
    };
    return fieldIds;
  }

  const doc = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

  /** Creates a change as `by` (the requester). `documented`: with business impact, plans and a configuration item. */
  async function create(summary: string, opts: { by?: string; type?: string; impact?: string; urgency?: string; documented?: boolean; cis?: string[]; planned?: { start: string; end: string } } = {}): Promise<{ id: string; key: string }> {
    const f = await fields();
    const body: Record<string, unknown> = {
      project: { key: 'SD' }, issuetype: { name: 'Change' }, summary, reporter: { accountId: demoAccountId(opts.by ?? 'tom') },
      [f.changeType!]: { value: opts.type ?? 'Normal' }, [f.services!]: [{ value: 'Managed e-mail' }],
      ...(opts.impact ? { [f.impact!]: { value: opts.impact } } : {}), ...(opts.urgency ? { [f.urgency!]: { value: opts.urgency } } : {}),
    };
    if (opts.documented !== false) {
      Object.assign(body, { [f.businessImpact!]: doc('Mail delivery for every customer.'), [f.implementation!]: doc('Upgrade node 1, then node 2.'), [f.backOut!]: doc('Restore the snapshot taken before.'), [f.testPlan!]: doc('Send and receive test mails.') });
      body[f.cis!] = opts.cis ?? ['mail-relay-mx1'];
    } else if (opts.cis) body[f.cis!] = opts.cis;
    if (opts.planned) Object.assign(body, { [f.plannedStart!]: opts.planned.start.replace('Z', '+0000'), [f.plannedEnd!]: opts.planned.end.replace('Z', '+0000') });
    const res = await call(base, 'POST', '/rest/api/3/issue', { user: opts.by ?? 'tom', body: { fields: body } });
    if (res.status !== 201) throw new Error(`create change: ${res.status} ${JSON.stringify(res.body)}`);
    await d.settle();
    return res.body as { id: string; key: string };
  }

  async function status(key: string): Promise<string> {
    return ((await call(base, 'GET', `/rest/api/3/issue/${key}?fields=status`, { user: 'sofia' })).body as { fields: { status: { name: string } } }).fields.status.name;
  }

  async function section(key: string, user = 'carlos'): Promise<ChangeSection> {
    const view = await d.panel(key, user);
    if (!view.change) throw new Error(`${key} shows no change part for ${user}`);
    return view.change;
  }

  const context = (key: string) => ({ moduleKey: 'sd-issue-panel', extension: { type: 'jira:issuePanel', issue: { id: '0', key }, project: { id: '10000', key: 'SD' } } });
  async function act<K extends ChangeFunctionKey>(key: string, user: string, fn: K, payload: unknown): Promise<Result<ChangeAnswers[K]>> {
    const res = await call(base, 'POST', '/sandbox/bridge', { user, body: { type: 'invoke', payload: { functionKey: fn, payload }, context: context(key) } });
    const out = (res.body as { result: Result<ChangeAnswers[K]> }).result;
    await d.settle();
    return out;
  }

  /** A transition by name through Jira's REST API (as a person would with any client). */
  async function transition(key: string, name: string, user: string): Promise<{ status: number; body: unknown }> {
    return d.transition(key, name, user);
  }

  return { ...d, fields, create, status, section, act, transition };
}
