/**
 * Issue #14, feedback: the customer experience approach (WP.04; GO.2.3, GO-09), the feedback log (WP.06; RE.2.3,
 * RE-10) and the satisfaction rating at closure. The app runs unmodified in the sandbox; resolvers are invoked as demo
 * users over the bridge endpoint, as the Custom UI's invoke does.
 */
import type { FeedbackAnswers, FeedbackFunctionKey, FeedbackPageView } from '../../src/contract/feedback';
import type { Result } from '../../src/contract/results';
import { loadFeedbackFigures } from '../../src/store/feedback';
import { actAsForgeRuntime } from './forge-globals';
import { call, withSandbox } from './harness';
import { incidentDriver } from './incident-driver';

type Env = Awaited<ReturnType<typeof withSandbox>>;

jest.setTimeout(90_000);

const GLOBAL = { moduleKey: 'sd-global-page', extension: {} };
const PORTAL = { moduleKey: 'sd-portal-home', extension: {} };
const panelOf = (key: string) => ({ moduleKey: 'sd-issue-panel', extension: { type: 'jira:issuePanel', issue: { id: '0', key }, project: { id: '10000', key: 'SD' } } });
const requestOf = (key: string) => ({ moduleKey: 'sd-portal-request', extension: { request: { key }, portal: { id: '1' } } });

describe('feedback (WP.04, WP.06) and satisfaction at closure', () => {
  let env: Env;
  let base: string;
  async function invoke<K extends FeedbackFunctionKey>(user: string, key: K, payload: unknown, context: Record<string, unknown> = GLOBAL): Promise<Result<FeedbackAnswers[K]>> {
    const res = await call(base, 'POST', '/sandbox/bridge', { user, body: { type: 'invoke', payload: { functionKey: key, payload }, context } });
    const body = res.body as { ok: boolean; result?: Result<FeedbackAnswers[K]> };
    if (!body.ok || !body.result) throw new Error(`bridge failed for ${key}: ${JSON.stringify(res.body)}`);
    return body.result;
  }
  async function data<K extends FeedbackFunctionKey>(user: string, key: K, payload: unknown, context?: Record<string, unknown>): Promise<FeedbackAnswers[K]> {
    const r = await invoke(user, key, payload, context);
    if (!r.ok) throw new Error(`${key} as ${user} refused: ${r.error.code} ${r.error.message}`);
    return r.data;
  }
  const entry = (view: FeedbackPageView, id: string) => view.entries.find((e) => e.id === id)!;

  let started = 0;
  beforeAll(async () => {
    env = await withSandbox(); base = env.sandbox.url; await actAsForgeRuntime(base);
    started = Date.parse(((await call(base, 'GET', '/sandbox/clock')).body as { now: string }).now);
  });
  afterAll(async () => { await env.stop(); });

  it('a customer’s complaint is always recorded; handling waits for the approved approach (GO-09); RM answers; the customer sees only the answer', async () => {
    const sent = await data('carla', 'portalHome.feedback.send', { kind: 'complaint', description: 'Nobody called back about the mail outage.' }, PORTAL);
    expect(sent.entries[0]).toEqual(expect.objectContaining({ kind: 'complaint', status: 'received', answer: null, description: 'Nobody called back about the mail outage.' }));
    const id = sent.entries[0]!.id;
    // Chen sends his own comment; neither sees the other's.
    const chens = await data('chen', 'portalHome.feedback.send', { kind: 'comment', description: 'The new portal is clearer.' }, PORTAL);
    expect(chens.entries.map((e) => e.description)).toEqual(['The new portal is clearer.']);
    const chenId = chens.entries[0]!.id;
    expect(Number(chenId.slice(3))).toBe(Number(id.slice(3)) + 1);
    const carlas = (await data('carla', 'portalHome.feedback.load', {}, PORTAL)).entries.map((e) => e.id);
    expect(carlas).toContain(id);
    expect(carlas).not.toContain(chenId);
    // A customer cannot open the team's log.
    expect(await invoke('carla', 'globalPage.feedback.load', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // The log holds both, with Carla's name as contact and the portal as channel; the log is Updated (RE-10).
    const log = await data('rachel', 'globalPage.feedback.load', {});
    expect(log.log).toMatchObject({ status: 'Updated' });
    expect(entry(log, id)).toMatchObject({ channel: 'portal', from: 'customer', contact: { name: 'Carla Jones' }, sentThroughPortal: true, deadlines: null });
    expect(log.handle).toMatchObject({ allowed: false, reason: expect.stringContaining('not approved yet') });

    // GO-09: before WP.04 is approved the RM cannot acknowledge.
    expect(await invoke('rachel', 'globalPage.feedback.step', { id: id, step: 'acknowledged' })).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('GO-09') } });

    // GO.2.3: Rachel drafts, records the customer's and supplier's agreement; Management approves.
    const view = await data('rachel', 'globalPage.feedback.load', {});
    const drafted = await data('rachel', 'globalPage.feedback.approach.saveDraft', { sections: view.approach.starter.sections, targets: { acknowledgeDays: 1, answerDays: 5 }, expectedRevision: null });
    expect(drafted.approach.needed).toContain('agreement of the customer and the supplier');
    expect(await invoke('priya', 'globalPage.feedback.approach.saveDraft', { sections: view.approach.starter.sections, targets: { acknowledgeDays: 1, answerDays: 5 }, expectedRevision: 1 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await invoke('max', 'globalPage.feedback.approach.approve', { revision: 1 })).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('Record the agreement of the customer and the supplier') } });
    await data('rachel', 'globalPage.feedback.approach.recordSignOff', { revision: 1, party: 'CUS', name: 'Carla Jones (Northwind)', how: 'e-mail' });
    const signed = await data('sofia', 'globalPage.feedback.approach.recordSignOff', { revision: 2, party: 'SUP', name: 'Sam Okafor (NetHost)', how: 'meeting' });
    expect(signed.approach.draft?.signOffs.map((s) => s.party)).toEqual(['CUS', 'SUP']);
    expect(await invoke('rachel', 'globalPage.feedback.approach.approve', { revision: 3 })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Management') } });
    const approved = await data('max', 'globalPage.feedback.approach.approve', { revision: 3 });
    expect(approved.approach.current).toMatchObject({ version: 1, status: 'Approved', targets: { acknowledgeDays: 1, answerDays: 5 }, approvedBy: { displayName: 'Max Bauer' } });
    expect(entry(approved, id).deadlines).toMatchObject({ acknowledge: { overdue: false }, answer: { overdue: false } });

    // RE.2.3: a practitioner may record but not handle; the RM acknowledges, investigates and answers, in order.
    expect(await invoke('priya', 'globalPage.feedback.step', { id: id, step: 'acknowledged' })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Relationship Manager') } });
    const recorded = await data('priya', 'globalPage.feedback.record', {
      kind: 'compliment', from: 'customer', contact: { name: 'Chen Wei', phone: '+65 6000 0000' }, description: 'Thanks for the quick restore.', receivedAt: new Date(started + 1).toISOString(), channel: 'phone',
    });
    expect(recorded.entries.find((e) => e.description === 'Thanks for the quick restore.')).toMatchObject({ kind: 'compliment', channel: 'phone', recordedBy: { displayName: 'Priya Nair' }, sentThroughPortal: false });
    expect(await invoke('rachel', 'globalPage.feedback.step', { id: id, step: 'answered', text: 'Sorry.' })).toMatchObject({ ok: false, error: { message: expect.stringContaining(`Acknowledge receipt of ${id} first`) } });
    await data('rachel', 'globalPage.feedback.step', { id: id, step: 'acknowledged' });
    await data('rachel', 'globalPage.feedback.step', { id: id, step: 'investigated', text: 'Internal: the on-call rota had a gap.' });
    expect(await invoke('rachel', 'globalPage.feedback.step', { id: id, step: 'closed' })).toMatchObject({ ok: false, error: { message: expect.stringContaining(`Answer ${id} before closing`) } });
    const answered = await data('rachel', 'globalPage.feedback.step', { id: id, step: 'answered', text: 'We are sorry: we have fixed the on-call rota so you are called back within an hour.' });
    expect(entry(answered, id)).toMatchObject({ status: 'answered', steps: [{ step: 'acknowledged' }, { step: 'investigated' }, { step: 'answered', by: { displayName: 'Rachel Green' } }] });

    // D26: Carla sees the answer and the status, never the investigation notes.
    const mine = await data('carla', 'portalHome.feedback.load', {}, PORTAL);
    expect(mine.entries.find((e) => e.id === id)).toMatchObject({ status: 'answered', answer: { text: expect.stringContaining('within an hour') } });
    expect(JSON.stringify(mine)).not.toContain('on-call rota had a gap');
  });

  it('entries get distinct numbers when recorded at the same moment', async () => {
    const before = new Set((await data('rachel', 'globalPage.feedback.load', {})).entries.map((e) => e.id));
    const results = await Promise.all(['one', 'two', 'three', 'four'].map((d) => invoke('priya', 'globalPage.feedback.record', { kind: 'comment', from: 'supplier', contact: {}, description: d, receivedAt: new Date(started + 1).toISOString(), channel: 'e-mail' })));
    expect(results.every((r) => r.ok)).toBe(true);
    const ids = (await data('rachel', 'globalPage.feedback.load', {})).entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((i) => !before.has(i))).toHaveLength(4);
  });

  it('the reporter rates a resolved incident (refused before), re-rating replaces it; the team sees it and JSM’s own rating', async () => {
    const d = incidentDriver(base);
    const { key } = await d.create('Mail delayed', 'Medium', 'Medium');
    const before = await invoke('carla', 'satisfaction.rate', { score: 4 }, requestOf(key));
    expect(before).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('once the incident is resolved') } });
    await d.transition(key, 'Start work');
    await d.transition(key, 'Resolve');
    expect(await invoke('chen', 'satisfaction.rate', { score: 1 }, panelOf(key))).toMatchObject({ ok: false });
    expect(await invoke('priya', 'satisfaction.rate', { score: 5 }, panelOf(key))).toMatchObject({ ok: false, error: { message: expect.stringContaining('Only the customer who reported') } });
    const first = await data('carla', 'satisfaction.rate', { score: 3, comment: 'Slow at first.' }, requestOf(key));
    expect(first).toMatchObject({ resolved: true, mine: { score: 3, comment: 'Slow at first.', earlier: 0 }, all: null });
    const again = await data('carla', 'satisfaction.rate', { score: 5, comment: 'Sorted quickly in the end.' }, requestOf(key));
    expect(again.mine).toMatchObject({ score: 5, earlier: 1 });

    // The panel carries the rating (no extra Jira call): the team sees every rating, the customer only their own.
    const team = await d.panel(key, 'priya');
    expect(team.incident?.satisfaction).toMatchObject({ all: [{ rater: { displayName: 'Carla Jones' }, score: 5 }], jsmReadable: true });
    const customer = await d.panel(key, 'carla');
    expect(customer.incident?.satisfaction).toMatchObject({ mine: { score: 5 }, all: null, rate: { allowed: true } });

    // JSM's own rating: none yet (404 → null); Carla rates through JSM's API; the team reads it on demand.
    expect(await data('priya', 'satisfaction.jsmRating', {}, panelOf(key))).toEqual({ rating: null, comment: null });
    expect((await call(base, 'POST', `/rest/servicedeskapi/request/${key}/feedback`, { user: 'priya', body: { type: 'csat', rating: 2 } })).status).toBe(403);
    const posted = await call(base, 'POST', `/rest/servicedeskapi/request/${key}/feedback`, { user: 'carla', body: { type: 'csat', rating: 4, comment: { body: 'Good.' } } });
    expect(posted).toMatchObject({ status: 200, body: { type: 'csat', rating: 4, comment: { body: 'Good.' } } });
    expect(await data('priya', 'satisfaction.jsmRating', {}, panelOf(key))).toEqual({ rating: 4, comment: 'Good.' });
    expect(await invoke('carla', 'satisfaction.jsmRating', {}, requestOf(key))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await call(base, 'GET', `/rest/servicedeskapi/request/${key}/feedback`, { user: 'chen' })).status).toBe(404);
    expect((await call(base, 'DELETE', `/rest/servicedeskapi/request/${key}/feedback`, { user: 'carla' })).status).toBe(204);
    expect((await call(base, 'GET', `/rest/servicedeskapi/request/${key}/feedback`, { user: 'carla' })).status).toBe(404);

    // The performance reports' figures (app storage only).
    // This test's period: what it recorded (the demo's own entries and rating are older).
    const figures = await loadFeedbackFigures({ from: started, to: started + 86_400_000 * 365 }, null);
    expect(figures.ratings).toMatchObject({ count: 1, average: 5, byScore: { 5: 1 } });
    expect(figures.complaints).toEqual({ received: 1, open: 1 });
    expect(figures.compliments).toBe(1);
    expect(figures.comments).toBeGreaterThanOrEqual(5);
  });
});
