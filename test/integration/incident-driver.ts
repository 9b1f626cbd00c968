import { demoAccountId } from '../../sandbox/seed/demo';
import type { IncidentAnswers, IncidentFunctionKey } from '../../src/contract/incident';
import type { Result } from '../../src/contract/results';
import type { IssuePanelView } from '../../src/contract/views';
import { call } from './harness';

/**
 * Drives the demo site's incidents as people do: over Jira's REST API as the demo users, the app's panel and actions
 * over the sandbox's bridge endpoint, the sandbox clock and the scan on demand. Shared by the incident tests.
 */
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const F = { impact: 'customfield_10010', urgency: 'customfield_10011', services: 'customfield_10013' };

export interface IndexProperty {
  schemaVersion: number; kind: string; nextDeadline?: string; breached?: string; paused?: string;
  incident?: { trackedSince: string; priority: { value: string | null; text: string }; communications: Array<{ key: string }>; sla: { cycles: Array<{ metric: string; index: number; stop: string | null; dueAt: string | null; priority: string; targetMs: number; breached: boolean }> } };
}

export function incidentDriver(base: string) {
  const settle = () => call(base, 'POST', '/sandbox/events/settle');
  const advance = (ms: number) => call(base, 'POST', '/sandbox/clock', { body: { advanceMs: ms } });
  const now = async () => Date.parse(((await call(base, 'GET', '/sandbox/clock')).body as { now: string }).now);
  const scan = async () => {
    const r = await call(base, 'POST', '/sandbox/scheduled/sd-sla-scan/run');
    if (r.status !== 200) throw new Error(`scan: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as { ok: boolean; error?: string; jiraCalls?: number; result?: { skipped: boolean; adopted: string[]; repaired: string[]; due: string[]; escalated: Array<{ key: string; escalation: string }>; failed: Array<{ key: string; message: string }>; searchCalls: number } };
  };
  const fault = async (f: { method: string; path: string; status?: number; times?: number }) => {
    const r = await call(base, 'POST', '/sandbox/faults', { body: { status: 503, message: 'Jira is briefly unavailable', ...f } });
    if (r.status >= 300) throw new Error(`fault: ${JSON.stringify(r.body)}`);
  };
  const eventMode = (mode: { duplicate?: boolean; reorder?: boolean }) => call(base, 'POST', '/sandbox/events/mode', { body: mode });

  async function create(summary: string, impact: string, urgency: string, opts: { by?: string; reporter?: string; wait?: boolean } = {}): Promise<{ id: string; key: string }> {
    const res = await call(base, 'POST', '/rest/api/3/issue', { user: opts.by ?? 'priya', body: { fields: {
      project: { key: 'SD' }, issuetype: { name: 'Incident' }, summary, reporter: { accountId: demoAccountId(opts.reporter ?? 'carla') },
      [F.impact]: { value: impact }, [F.urgency]: { value: urgency }, [F.services]: [{ value: 'Managed e-mail' }],
    } } });
    if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
    if (opts.wait !== false) await settle();
    return res.body as { id: string; key: string };
  }
  async function property(key: string, user = 'sofia'): Promise<IndexProperty | null> {
    const res = await call(base, 'GET', `/rest/api/3/issue/${key}/properties/sd-state`, { user });
    return res.status === 200 ? (res.body as { value: IndexProperty }).value : null;
  }
  async function writeProperty(key: string, user: string, value: unknown): Promise<number> {
    return (await call(base, 'PUT', `/rest/api/3/issue/${key}/properties/sd-state`, { user, body: value })).status;
  }
  async function priority(key: string): Promise<string> {
    return ((await call(base, 'GET', `/rest/api/3/issue/${key}?fields=priority`, { user: 'sofia' })).body as { fields: { priority: { name: string } } }).fields.priority.name;
  }
  async function transition(key: string, name: string, user = 'priya', wait = true): Promise<{ status: number; body: unknown }> {
    const list = (await call(base, 'GET', `/rest/api/3/issue/${key}/transitions`, { user })).body as { transitions: Array<{ id: string; name: string }> };
    const t = list.transitions.find((x) => x.name === name);
    if (!t) throw new Error(`${key} has no transition ${name}: ${list.transitions.map((x) => x.name).join(', ')}`);
    const res = await call(base, 'POST', `/rest/api/3/issue/${key}/transitions`, { user, body: { transition: { id: t.id } } });
    if (wait) await settle();
    return res;
  }
  async function comment(key: string, user: string, text: string, opts: { internal?: boolean; wait?: boolean } = {}): Promise<void> {
    const res = await call(base, 'POST', `/rest/api/3/issue/${key}/comment`, { user, body: {
      body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
      ...(opts.internal ? { properties: [{ key: 'sd.public.comment', value: { internal: true } }] } : {}),
    } });
    if (res.status !== 201) throw new Error(`comment: ${res.status} ${JSON.stringify(res.body)}`);
    if (opts.wait !== false) await settle();
  }
  async function edit(key: string, user: string, fields: Record<string, unknown>, wait = true): Promise<number> {
    const res = await call(base, 'PUT', `/rest/api/3/issue/${key}`, { user, body: { fields } });
    if (wait) await settle();
    return res.status;
  }
  const context = (key: string) => ({ moduleKey: 'sd-issue-panel', extension: { type: 'jira:issuePanel', issue: { id: '0', key }, project: { id: '10000', key: 'SD' } } });
  async function panelResult(key: string, user = 'priya'): Promise<Result<IssuePanelView>> {
    const res = await call(base, 'POST', '/sandbox/bridge', { user, body: { type: 'invoke', payload: { functionKey: 'issuePanel.load', payload: {} }, context: context(key) } });
    const body = res.body as { ok: boolean; result?: Result<IssuePanelView> };
    if (!body.ok || !body.result) throw new Error(`bridge failed: ${JSON.stringify(body)}`);
    return body.result;
  }
  async function panel(key: string, user = 'priya'): Promise<IssuePanelView> {
    const r = await panelResult(key, user);
    if (!r.ok) throw new Error(`panel refused: ${r.error.code} ${r.error.message}`);
    return r.data;
  }
  async function act<K extends IncidentFunctionKey>(key: string, user: string, fn: K, payload: unknown): Promise<Result<IncidentAnswers[K]>> {
    const res = await call(base, 'POST', '/sandbox/bridge', { user, body: { type: 'invoke', payload: { functionKey: fn, payload }, context: context(key) } });
    return (res.body as { result: Result<IncidentAnswers[K]> }).result;
  }
  const notificationsOf = async (key: string) => ((await call(base, 'GET', `/sandbox/notifications?issueKey=${key}`)).body as { notifications: Array<{ to: string[]; subject: string }> }).notifications;
  const commentsOf = async (key: string) => ((await call(base, 'GET', `/rest/api/3/issue/${key}/comment`, { user: 'sofia' })).body as { comments: Array<{ author: { accountType: string }; jsdPublic: boolean; body: unknown }> }).comments;
  /** The app's own comments: `public` (standard messages to the customer) or internal notes (escalations, reports). */
  const appComments = async (key: string, visibility: 'public' | 'internal') => (await commentsOf(key)).filter((c) => c.author.accountType === 'app' && c.jsdPublic === (visibility === 'public')).map((c) => JSON.stringify(c.body));

  return { settle, advance, now, scan, fault, eventMode, create, property, writeProperty, priority, transition, comment, edit, panelResult, panel, act, notificationsOf, commentsOf, appComments };
}
