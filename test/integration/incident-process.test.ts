/**
 * The incident process of issue #5 end to end in the sandbox: the unmodified app's issue-event trigger, the
 * five-minute scan and the workflow validator against the emulated Jira, driven over Jira's REST API as the demo
 * users would, with the sandbox clock moved instead of waiting.
 */
import { demoAccountId } from '../../sandbox/seed/demo';
import type { IncidentResult, IncidentAnswers, IncidentFunctionKey } from '../../src/contract/incident';
import type { Result } from '../../src/contract/results';
import type { IssuePanelView } from '../../src/contract/views';
import { call, withSandbox } from './harness';

type Env = Awaited<ReturnType<typeof withSandbox>>;
const MIN = 60_000;
const HOUR = 60 * MIN;
const F = { impact: 'customfield_10010', urgency: 'customfield_10011', services: 'customfield_10013' };

/** The index property (D26: what a customer may see too), never the app's truth. */
interface StoredState { nextDeadline?: string; breached: string; paused: string; incident: { priority: { value: string; text: string }; communications: Array<{ key: string }>; sla: { cycles: Array<{ metric: string; index: number; stop: string | null; elapsedMs: number; dueAt: string | null; pausedNow: boolean; priority: string }> } } }

describe('the incident process (IN.2, D8–D14) in the sandbox', () => {
  let env: Env;
  let base: string;
  beforeAll(async () => { env = await withSandbox({ startAt: '2026-12-01T08:00:00.000Z' }); base = env.sandbox.url; });
  afterAll(async () => { await env.stop(); });

  const settle = () => call(base, 'POST', '/sandbox/events/settle');
  const advance = (ms: number) => call(base, 'POST', '/sandbox/clock', { body: { advanceMs: ms } });
  const scan = async () => { const r = await call(base, 'POST', '/sandbox/scheduled/sd-sla-scan/run'); expect(r.status).toBe(200); return r.body; };

  async function create(summary: string, impact: string, urgency: string, by = 'priya'): Promise<string> {
    const res = await call(base, 'POST', '/rest/api/3/issue', { user: by, body: { fields: {
      project: { key: 'SD' }, issuetype: { name: 'Incident' }, summary, reporter: { accountId: demoAccountId('carla') },
      [F.impact]: { value: impact }, [F.urgency]: { value: urgency }, [F.services]: [{ value: 'Managed e-mail' }],
    } } });
    expect(res.status).toBe(201);
    await settle();
    return (res.body as { key: string }).key;
  }
  async function state(key: string): Promise<StoredState> {
    const res = await call(base, 'GET', `/rest/api/3/issue/${key}/properties/sd-state`, { user: 'sofia' });
    expect(res.status).toBe(200);
    return (res.body as { value: StoredState }).value;
  }
  async function priority(key: string): Promise<string> {
    return ((await call(base, 'GET', `/rest/api/3/issue/${key}?fields=priority`, { user: 'sofia' })).body as { fields: { priority: { name: string } } }).fields.priority.name;
  }
  async function transition(key: string, name: string, user = 'priya'): Promise<{ status: number; body: unknown }> {
    const list = (await call(base, 'GET', `/rest/api/3/issue/${key}/transitions`, { user })).body as { transitions: Array<{ id: string; name: string }> };
    const t = list.transitions.find((x) => x.name === name);
    if (!t) throw new Error(`${key} has no transition ${name}: ${list.transitions.map((x) => x.name).join(', ')}`);
    const res = await call(base, 'POST', `/rest/api/3/issue/${key}/transitions`, { user, body: { transition: { id: t.id } } });
    await settle();
    return res;
  }
  const comment = async (key: string, user: string, text: string, internal = false) => {
    const res = await call(base, 'POST', `/rest/api/3/issue/${key}/comment`, { user, body: {
      body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
      ...(internal ? { properties: [{ key: 'sd.public.comment', value: { internal: true } }] } : {}),
    } });
    expect(res.status).toBe(201);
    await settle();
  };
  async function panel(key: string, user = 'priya'): Promise<IssuePanelView> {
    const res = await call(base, 'POST', '/sandbox/bridge', { user, body: { type: 'invoke', payload: { functionKey: 'issuePanel.load', payload: {} }, context: { moduleKey: 'sd-issue-panel', extension: { type: 'jira:issuePanel', issue: { id: '0', key, type: 'Incident' }, project: { id: '10000', key: 'SD' } } } } });
    const body = res.body as { ok: boolean; result?: Result<IssuePanelView>; error?: unknown };
    if (!body.ok || !body.result?.ok) throw new Error(`panel failed: ${JSON.stringify(body)}`);
    return body.result.data;
  }
  async function act<K extends IncidentFunctionKey>(key: string, user: string, fn: K, payload: unknown): Promise<IncidentResult<IncidentAnswers[K]>> {
    const res = await call(base, 'POST', '/sandbox/bridge', { user, body: { type: 'invoke', payload: { functionKey: fn, payload }, context: { moduleKey: 'sd-issue-panel', extension: { type: 'jira:issuePanel', issue: { id: '0', key, type: 'Incident' }, project: { id: '10000', key: 'SD' } } } } });
    return (res.body as { result: IncidentResult<IncidentAnswers[K]> }).result;
  }
  const notificationsOf = async (key: string) => ((await call(base, 'GET', `/sandbox/notifications?issueKey=${key}`)).body as { notifications: Array<{ to: string[]; subject: string }> }).notifications;
  const commentsOf = async (key: string) => ((await call(base, 'GET', `/rest/api/3/issue/${key}/comment`, { user: 'sofia' })).body as { comments: Array<{ author: { accountType: string }; jsdPublic: boolean; body: unknown }> }).comments;

  it('D8: classifies a new High × High incident as Critical, sets the Jira priority and records how', async () => {
    const key = await create('Relay rejects all mail', 'High', 'High');
    expect(await priority(key)).toBe('Critical');
    const s = await state(key);
    expect(s.incident.priority).toMatchObject({ value: 'Critical', text: 'High impact × High urgency → Critical (D8 default matrix; no policy approved yet)' });
    const resolution = s.incident.sla.cycles.find((c) => c.metric === 'resolution');
    expect(resolution).toMatchObject({ priority: 'Critical', stop: null });
    const view = await panel(key);
    expect(view.incident?.clocks.resolution).toMatchObject({ state: 'running', targetMs: 4 * HOUR, clock: '24x7' });
    expect(s.nextDeadline).toBeDefined();
  });

  it('D14: past 4 h the scan escalates exactly once, with events delivered twice and the scan run twice; the IM and SM are notified', async () => {
    await call(base, 'POST', '/sandbox/events/mode', { body: { duplicate: true } });
    const key = await create('Mail storage full', 'High', 'High');
    await comment(key, 'priya', 'We are looking at it.');
    await call(base, 'POST', '/sandbox/events/mode', { body: { duplicate: false } });
    await advance(4 * HOUR + MIN);
    await scan();
    await scan();
    const s = await state(key);
    const escalated = (await panel(key)).incident?.escalations;
    expect(escalated).toEqual([expect.objectContaining({ key: 'resolution#1:management' })]);
    expect(escalated?.[0]?.notified).toHaveLength(2);
    const notes = await notificationsOf(key);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.to.sort()).toEqual([demoAccountId('ines'), demoAccountId('sofia')].sort());
    expect(notes[0]?.subject).toContain(`[${key}] Escalated to management`);
    const internal = (await commentsOf(key)).filter((c) => c.author.accountType === 'app' && !c.jsdPublic);
    expect(internal).toHaveLength(1);
    // The next deadline moved past the escalation: nothing of this incident is due any more.
    expect(s.nextDeadline).toBeUndefined();
    const after = await panel(key);
    expect(after.incident?.clocks.resolution?.state).toBe('breached');
    // D26: the index property, which a customer can read, holds no escalation.
    expect(JSON.stringify(s)).not.toMatch(/escalat|notified/i);
  });

  it('D14: a scan that failed half-way resumes at the step it did not finish, without a second notification', async () => {
    const key = await create('Archive mailbox unreachable', 'High', 'High');
    await advance(4 * HOUR + MIN);
    const fault = await call(base, 'POST', '/sandbox/faults', { body: { method: 'POST', path: `/rest/api/3/issue/${key}/comment`, status: 503, message: 'Jira is briefly unavailable', times: 1 } });
    expect(fault.status).toBeLessThan(300);
    const first = await scan() as { result?: { failed?: Array<{ key: string }> } } | undefined;
    expect(JSON.stringify(first)).toContain(key);
    expect((await panel(key)).incident?.escalations).toEqual([]);
    expect(await notificationsOf(key)).toHaveLength(1);
    await scan();
    expect((await panel(key)).incident?.escalations).toHaveLength(1);
    expect(await notificationsOf(key)).toHaveLength(1);
    expect((await commentsOf(key)).filter((c) => c.author.accountType === 'app' && !c.jsdPublic)).toHaveLength(1);
  });

  it('IN.2.3: a standard message Jira refused once is sent with the next event, once, and the state is stored meanwhile', async () => {
    const key = await create('Distribution list bounces', 'Low', 'Low');
    await call(base, 'POST', '/sandbox/faults', { body: { method: 'POST', path: `/rest/api/3/issue/${key}/comment`, status: 503, times: 1 } });
    expect((await transition(key, 'Start work')).status).toBe(204);
    const meanwhile = await state(key);
    expect(meanwhile.incident.communications).toEqual([]);
    expect(meanwhile.incident.sla.cycles.find((c) => c.metric === 'firstResponse')?.stop).not.toBeNull();
    await comment(key, 'tom', 'Internal: checking the list server.', true);
    const sent = (await commentsOf(key)).filter((c) => c.author.accountType === 'app' && c.jsdPublic);
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0]?.body)).toContain('We are working on your incident');
    expect((await state(key)).incident.communications.map((c) => c.key)).toEqual(['incident-investigating#1']);
  });

  it('the scan adopts incidents the app never evaluated, also one whose state an older version wrote, and keeps what it held', async () => {
    await scan();
    const closed = (await call(base, 'GET', '/rest/api/3/issue/SD-4/properties/sd-state', { user: 'sofia' })).body as { value: { incident?: { trackedSince: string; sla: { cycles: unknown[] } } } };
    // The confirmation the seed recorded lives in app storage; the panel reads it from there.
    expect((await panel('SD-4')).incident?.closure.confirmation).toMatchObject({ confirmedBy: 'Chen Wei', how: 'customer comment' });
    expect(closed.value.incident?.trackedSince).toBeDefined();
    expect(closed.value.incident?.sla.cycles.length).toBeGreaterThanOrEqual(2);
    const again = await scan() as { result: { adopted: string[] } };
    expect(again.result.adopted).not.toContain('SD-4');
  });

  it('D11: a public reply by an agent stops the first-response clock; an internal note and the customer\'s own comment do not', async () => {
    const key = await create('Calendar sync fails', 'Medium', 'High');
    const fr = async () => (await state(key)).incident.sla.cycles.find((c) => c.metric === 'firstResponse');
    await comment(key, 'priya', 'Checking the sync logs.', true);
    expect((await fr())?.stop).toBeNull();
    await comment(key, 'carla', 'Any news?');
    expect((await fr())?.stop).toBeNull();
    await advance(5 * MIN);
    await comment(key, 'priya', 'We found the cause and are fixing it.');
    expect((await fr())?.stop).not.toBeNull();
    expect((await panel(key)).incident?.clocks.firstResponse).toMatchObject({ state: 'met', stopReason: 'reply' });
  });

  it('D10: "Waiting for customer" pauses the resolution clock and the remaining time is unchanged when it resumes', async () => {
    const key = await create('Shared mailbox missing', 'Medium', 'High');
    await transition(key, 'Start work');
    await advance(30 * MIN);
    await transition(key, 'Wait for customer');
    const paused = await panel(key);
    expect(paused.incident?.clocks.resolution).toMatchObject({ state: 'paused' });
    expect((await state(key)).paused).toBe('yes');
    const remaining = paused.incident?.clocks.resolution?.remainingMs;
    await advance(2 * HOUR);
    expect((await panel(key)).incident?.clocks.resolution?.remainingMs).toBe(remaining);
    await transition(key, 'Start work');
    const resumed = await panel(key);
    expect(resumed.incident?.clocks.resolution).toMatchObject({ state: 'running' });
    expect(Math.abs((resumed.incident?.clocks.resolution?.remainingMs ?? 0) - (remaining ?? 0))).toBeLessThan(2_000);
  });

  it('D10 carry-over: raising the urgency mid-way re-prioritises and keeps the time already spent', async () => {
    const key = await create('Slow webmail', 'Medium', 'High');
    expect(await priority(key)).toBe('High');
    await advance(HOUR);
    const edit = await call(base, 'PUT', `/rest/api/3/issue/${key}`, { user: 'ines', body: { fields: { [F.impact]: { value: 'High' }, [F.urgency]: { value: 'High' } } } });
    expect(edit.status).toBe(204);
    await settle();
    expect(await priority(key)).toBe('Critical');
    const res = (await state(key)).incident.sla.cycles.find((c) => c.metric === 'resolution');
    expect(res?.priority).toBe('Critical');
    // High and Critical both run 24×7: the hour spent under High counts against Critical's 4 h.
    const view = await panel(key);
    expect(view.incident?.clocks.resolution?.elapsedMs).toBeGreaterThanOrEqual(HOUR);
    expect(view.incident?.clocks.resolution?.elapsedMs).toBeLessThan(HOUR + MIN);
    expect(view.incident?.clocks.resolution).toMatchObject({ priority: 'Critical', targetMs: 4 * HOUR });
  });

  it('IN.2.5 / D12 / D13: closing is refused with what is missing; a Critical incident also needs a root cause and a linked change request', async () => {
    // The demo site is set up (the wizard created the Root cause paragraph field when the sandbox was seeded).
    const fields = (await call(base, 'GET', '/rest/api/3/field', { user: 'sofia' })).body as Array<{ id: string; name: string }>;
    const rootCauseId = fields.find((f) => f.name === 'Root cause')!.id;
    const key = await create('Outbound mail queued', 'High', 'High');
    await transition(key, 'Start work');
    expect((await transition(key, 'Resolve')).status).toBe(204);
    const refused = await transition(key, 'Close');
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('a recorded confirmation by an affected party');

    const confirm = await act(key, 'priya', 'incident.recordConfirmation', { how: 'e-mail' });
    expect(confirm.ok).toBe(true);
    const again = await transition(key, 'Close');
    expect(again.status).toBe(400);
    const message = JSON.stringify(again.body);
    expect(message).toContain('a root cause (significant impact: priority Critical)');
    expect(message).toContain('a linked service change request');
    expect(message).not.toContain('confirmation by an affected party');

    const change = await act(key, 'priya', 'incident.raiseChange', { purpose: 'permanent-fix' });
    if (!change.ok) throw new Error(change.error.message);
    const created = await call(base, 'GET', `/rest/api/3/issue/${change.data.key}?fields=status,issuetype,summary`, { user: 'sofia' });
    expect(created.body).toMatchObject({ fields: { status: { name: 'Draft' }, issuetype: { name: 'Change' }, summary: expect.stringContaining(`Permanent fix for ${key}`) } });
    // A paragraph field takes an Atlassian Document in REST v3.
    const rootCause = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Certificate of the outbound relay expired.' }] }] };
    expect((await call(base, 'PUT', `/rest/api/3/issue/${key}`, { user: 'priya', body: { fields: { [rootCauseId]: rootCause } } })).status).toBe(204);
    await settle();
    const view = await panel(key);
    expect(view.incident?.closure.items.filter((i) => !i.done)).toEqual([]);
    expect(view.incident?.links?.changes.map((l) => l.key)).toEqual([change.data.key]);
    expect((await transition(key, 'Close')).status).toBe(204);

    // IN.2.3–IN.2.5: the policy's standard communications went to the customer once each, as public comments.
    const sent = (await commentsOf(key)).filter((c) => c.author.accountType === 'app' && c.jsdPublic);
    const text = (c: { body: unknown }) => JSON.stringify(c.body);
    expect(sent.map(text)).toEqual([
      expect.stringContaining(`[${key}] We are working on your incident`),
      expect.stringContaining(`[${key}] Service restored`),
      expect.stringContaining(`[${key}] Incident closed`),
    ]);
    expect((await state(key)).incident.communications.map((c) => c.key)).toEqual(['incident-investigating#1', 'incident-restored#1', 'incident-closed#1']);
  });

  it('the panel load makes at most two Jira REST calls (counted by the sandbox), also for a seeded incident with history', async () => {
    const stats = async () => ((await call(base, 'GET', '/sandbox/stats')).body as { restCallsByApp: number }).restCallsByApp;
    for (const key of ['SD-1', 'SD-6']) {
      const before = await stats();
      const view = await panel(key);
      expect(view.kind).toBe('incident');
      expect((await stats()) - before).toBeLessThanOrEqual(2);
    }
  });

  it('D13: a major incident has one named manager (an Incident Manager) and a major-incident report after restoration', async () => {
    // The demo site is set up: the wizard created the "Major incident" checkbox with its option when it was seeded.
    const fields = (await call(base, 'GET', '/rest/api/3/field', { user: 'sofia' })).body as Array<{ id: string; name: string }>;
    const fieldId = fields.find((f) => f.name === 'Major incident')!.id;
    const key = await create('Data centre power loss', 'Medium', 'Medium');
    expect((await call(base, 'PUT', `/rest/api/3/issue/${key}`, { user: 'ines', body: { fields: { [fieldId]: [{ value: 'Major incident' }] } } })).status).toBe(204);
    await settle();

    const view = await panel(key, 'ines');
    expect(view.incident?.classification).toMatchObject({ majorIncident: true, significant: true, significantReasons: ['flagged Major incident'] });
    expect(view.incident?.closure.items.map((i) => i.id)).toEqual(expect.arrayContaining(['root-cause', 'change-request', 'major-incident-manager', 'major-incident-report']));
    expect(await act(key, 'priya', 'incident.takeMajorIncident', {})).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Only an Incident Manager') } });
    expect(await act(key, 'ines', 'incident.takeMajorIncident', {})).toMatchObject({ ok: true, data: { manager: { displayName: 'Ines Kowalski' } } });
    expect(await act(key, 'sofia', 'incident.takeMajorIncident', {})).toMatchObject({ ok: false, error: { message: expect.stringContaining('Ines Kowalski manages this major incident') } });
    expect(await act(key, 'ines', 'incident.publishMajorIncidentReport', {})).toMatchObject({ ok: false, error: { message: expect.stringContaining('once the service is restored') } });

    await transition(key, 'Resolve', 'ines');
    expect(await act(key, 'ines', 'incident.publishMajorIncidentReport', {})).toMatchObject({ ok: true });
    const report = (await commentsOf(key)).filter((c) => !c.jsdPublic && JSON.stringify(c.body).includes(`Major-incident report for ${key}`));
    expect(report).toHaveLength(1);
    expect(JSON.stringify(report[0]?.body)).toContain('Major incident manager: Ines Kowalski');
    const after = await panel(key, 'ines');
    expect(after.incident?.closure.items.filter((i) => i.id.startsWith('major-incident')).every((i) => i.done)).toBe(true);
    expect(after.incident?.majorIncident?.manager?.displayName).toBe('Ines Kowalski');
  });

  it('refuses actions to people the rules do not give them (D6), and malformed payloads naming the field', async () => {
    const key = await create('Spam filter too strict', 'Low', 'Low');
    const bad = await act(key, 'priya', 'incident.recordConfirmation', { how: 'carrier pigeon' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('how') } });
    const early = await act(key, 'priya', 'incident.recordConfirmation', { how: 'e-mail' });
    expect(early).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('not resolved yet') } });
    const notAgent = await act(key, 'carlos', 'incident.raiseChange', { purpose: 'mitigation' });
    expect(notAgent).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // A change request is no incident: the incident actions do not apply to it.
    const onChange = await act('SD-7', 'priya', 'incident.raiseChange', { purpose: 'mitigation' });
    expect(onChange).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('SD-7 is a Change, not an incident') } });
  });
});
