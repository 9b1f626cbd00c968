/**
 * Issue #12 in the incident panel, against the sandbox: the root cause recorded from the panel (and said in words
 * when the site has no field for it), problem records linked or raised, a change raised from an incident carries a
 * change type, escalations name each person with their own role, and a customer's answer holds nothing internal.
 */
import { call, withSandbox } from './harness';
import { HOUR, incidentDriver, MIN } from './incident-driver';

const CHANGE_TYPE = 'customfield_10012';

describe('issue #12: the incident panel lets the normal path through, in words', () => {
  let env: Awaited<ReturnType<typeof withSandbox>>;
  let d: ReturnType<typeof incidentDriver>;
  let base: string;
  beforeAll(async () => { env = await withSandbox({ startAt: '2026-12-01T08:00:00.000Z' }); base = env.sandbox.url; d = incidentDriver(base); });
  afterAll(async () => { await env.stop(); });

  const changeTypeOf = async (key: string) => ((await call(base, 'GET', `/rest/api/3/issue/${key}?fields=${CHANGE_TYPE}`, { user: 'sofia' })).body as { fields: Record<string, { value: string } | null> }).fields[CHANGE_TYPE]?.value ?? null;

  it('a Critical incident closes from the panel: root cause recorded there, mitigation change raised as Emergency', async () => {
    const { key } = await d.create('Outbound mail queued (issue 12)', 'High', 'High');
    // The demo site starts set up (the wizard made and mapped the Root cause field): the panel offers the action at
    // once. What it says on a site without the field is the domain's refusal, covered in test/unit/domain/incident.test.ts.
    let view = await d.panel(key, 'priya');
    expect(view.incident?.rootCause).toEqual({ value: null, fieldMapped: true });
    expect(view.incident?.actions.recordRootCause).toEqual({ allowed: true, reason: null });

    // A customer may not record it; an empty text is refused naming the field.
    expect(await d.act(key, 'carla', 'incident.recordRootCause', { rootCause: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await d.act(key, 'priya', 'incident.recordRootCause', { rootCause: '   ' })).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('rootCause') } });

    const recorded = await d.act(key, 'priya', 'incident.recordRootCause', { rootCause: 'The outbound relay certificate expired.' });
    expect(recorded).toMatchObject({ ok: true, data: { rootCause: 'The outbound relay certificate expired.' } });
    await d.settle();

    // The mitigation of a Critical incident is an Emergency change (the policy's Emergency criteria), never an empty type.
    const change = await d.act(key, 'ines', 'incident.raiseChange', { purpose: 'mitigation' });
    if (!change.ok) throw new Error(change.error.message);
    expect(change.data.changeType).toBe('Emergency');
    expect(await changeTypeOf(change.data.key)).toBe('Emergency');
    const fix = await d.act(key, 'priya', 'incident.raiseChange', { purpose: 'permanent-fix' });
    if (!fix.ok) throw new Error(fix.error.message);
    expect(await changeTypeOf(fix.data.key)).toBe('Normal');
    await d.settle();

    await d.transition(key, 'Start work');
    await d.transition(key, 'Resolve');
    expect(await d.act(key, 'priya', 'incident.recordConfirmation', { how: 'phone' })).toMatchObject({ ok: true });
    view = await d.panel(key, 'priya');
    expect(view.incident?.rootCause).toEqual({ value: 'The outbound relay certificate expired.', fieldMapped: true });
    expect(view.incident?.closure.items.filter((i) => !i.done)).toEqual([]);
    expect((await d.transition(key, 'Close')).status).toBe(204);
  });

  it('a change raised for a Normal incident\'s mitigation is a Normal change', async () => {
    const { key } = await d.create('One printer offline (issue 12)', 'Low', 'Medium');
    const change = await d.act(key, 'priya', 'incident.raiseChange', { purpose: 'mitigation' });
    if (!change.ok) throw new Error(change.error.message);
    expect(await changeTypeOf(change.data.key)).toBe('Normal');
  });

  it('PRB-12: links an existing problem record, refuses a key that is no problem, and raises a new one', async () => {
    const { key } = await d.create('Backup job timed out (issue 12)', 'Medium', 'Medium');
    const search = await call(base, 'POST', '/rest/api/3/search/jql', { user: 'priya', body: { jql: 'project = SD AND issuetype = Problem', fields: ['summary'] } });
    const problemKey = (search.body as { issues: Array<{ key: string }> }).issues[0]?.key ?? '';
    expect(problemKey).toMatch(/^SD-\d+$/);
    const view = await d.panel(key, 'priya');
    expect(view.incident?.actions.problem).toMatchObject({ enabled: true, allowed: true, issueType: 'Problem' });

    expect(await d.act(key, 'priya', 'incident.linkProblem', { key })).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('not a Problem record') } });
    expect(await d.act(key, 'priya', 'incident.linkProblem', { key: problemKey.toLowerCase() })).toMatchObject({ ok: true, data: { key: problemKey } });
    await d.settle();
    expect((await d.panel(key, 'priya')).incident?.links?.problems.map((l) => l.key)).toEqual([problemKey]);
    expect(await d.act(key, 'priya', 'incident.linkProblem', { key: problemKey })).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('already linked') } });

    const raised = await d.act(key, 'priya', 'incident.raiseProblem', {});
    if (!raised.ok) throw new Error(raised.error.message);
    await d.settle();
    expect((await d.panel(key, 'priya')).incident?.links?.problems.map((l) => l.key).sort()).toEqual([problemKey, raised.data.key].sort());
    expect(await d.act(key, 'carla', 'incident.raiseProblem', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('an escalation names each person notified with their own role; a customer\'s answer holds nothing internal (D26)', async () => {
    const { key } = await d.create('Mailbox quota errors (issue 12)', 'High', 'High', { reporter: 'carla' });
    await d.advance(4 * HOUR + MIN);
    await d.scan();
    const team = await d.panel(key, 'ines');
    const esc = team.incident?.escalations?.[0];
    expect(esc?.label).toBe('Escalated to management after 4 h of resolution time');
    // The panel names whom the issue names, and others by their role (its load stays within two Jira calls).
    expect(esc?.notified).toEqual(expect.arrayContaining(['Ines Kowalski (Incident Manager)', 'the Service Manager']));
    // The internal note names everyone notified, each with their own role (looked up once, when it is written).
    const comments = await call(base, 'GET', `/rest/api/3/issue/${key}/comment`, { user: 'ines' });
    const noteTexts = JSON.stringify(comments.body);
    expect(noteTexts).toMatch(/Notified: (Ines Kowalski \(Incident Manager\) and Sofia Martins \(Service Manager\)|Sofia Martins \(Service Manager\) and Ines Kowalski \(Incident Manager\))\./);
    expect(JSON.stringify(team.incident)).not.toMatch(/escalation escalation/);

    const carla = await d.panel(key, 'carla');
    expect(carla.incident).toMatchObject({ audience: 'customer', escalations: null, classification: null, links: null, majorIncident: null, rootCause: null });
    expect(carla.incident?.closure.items.map((i) => i.id)).toEqual(['resolution', 'confirmation']);
    expect(carla.incident?.actions).toMatchObject({
      raiseChange: { allowed: false, reason: null }, takeMajorIncident: { allowed: false, reason: null }, publishMajorIncidentReport: { allowed: false, reason: null },
      recordRootCause: { allowed: false, reason: null }, problem: { enabled: false, allowed: false, reason: null },
    });
    // Every text a customer's answer carries (values, not the contract's key names).
    const values: string[] = [];
    const walk = (v: unknown): void => { if (typeof v === 'string') values.push(v); else if (v && typeof v === 'object') Object.values(v).forEach(walk); };
    walk(carla);
    const text = values.join('\n');
    for (const internal of [/Ines/, /Kowalski/, /Sofia/, /escalat/i, /notified/i, /Incident Manager/, /Service Manager/, /PT, IM, SM/, /service team and management/i, /significant/i]) {
      expect(text).not.toMatch(internal);
    }
  });
});
