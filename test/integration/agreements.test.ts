/**
 * Issue #14: customer and supplier agreements (WP.03, WP.21) as Jira issues whose content the app owns. The app runs
 * unmodified in the sandbox; resolvers are invoked as demo users over the bridge endpoint, as the Custom UI's invoke
 * does; agreement issues are created through Jira's REST API as any client would. Until the catalogue exists, the
 * "Affected services" options of the demo site stand for the approved catalogue (src/relationship/catalogue-lookup.ts).
 */
import type { AgreementAnswers, AgreementContent, AgreementFunctionKey, AgreementSection } from '../../src/contract/agreement';
import type { Result } from '../../src/contract/results';
import type { IssuePanelView } from '../../src/contract/views';
import { loadApprovedAgreementVersions } from '../../src/store/agreement-versions';
import { seedApprovedAgreementWrites } from '../../src/store/agreements';
import { applyWrites, demoAccountId } from '../../sandbox/seed/demo';
import { actAsForgeRuntime } from './forge-globals';
import { call, withSandbox } from './harness';

type Env = Awaited<ReturnType<typeof withSandbox>>;

jest.setTimeout(120_000);

const DAY = 86_400_000;

describe('customer and supplier agreements (WP.03, WP.21)', () => {
  let env: Env;
  let base: string;
  let today: string;
  beforeAll(async () => {
    env = await withSandbox();
    base = env.sandbox.url;
    await actAsForgeRuntime(base);
    today = (((await call(base, 'GET', '/sandbox/clock')).body as { now: string }).now).slice(0, 10);
  });
  afterAll(async () => { await env.stop(); });

  const settle = async (): Promise<void> => { expect((await call(base, 'POST', '/sandbox/events/settle')).status).toBe(200); };
  const panelOf = (issue: { id: string; key: string }) => ({ moduleKey: 'sd-issue-panel', extension: { issue, project: { id: '10000', key: 'SD' } } });

  async function invoke<K extends AgreementFunctionKey | 'issuePanel.load'>(user: string, key: K, payload: unknown, context: Record<string, unknown>): Promise<Result<K extends AgreementFunctionKey ? AgreementAnswers[K] : IssuePanelView>> {
    const res = await call(base, 'POST', '/sandbox/bridge', { user, body: { type: 'invoke', payload: { functionKey: key, payload }, context } });
    const body = res.body as { ok: boolean; result?: Result<K extends AgreementFunctionKey ? AgreementAnswers[K] : IssuePanelView>; error?: { message: string } };
    if (!body.ok || !body.result) throw new Error(`bridge failed for ${key}: ${JSON.stringify(body)}`);
    return body.result;
  }
  async function act<K extends AgreementFunctionKey>(user: string, issue: { id: string; key: string }, key: K, payload: unknown): Promise<AgreementAnswers[K]> {
    const r = await invoke(user, key, payload, panelOf(issue));
    if (!r.ok) throw new Error(`${key} as ${user} refused: ${r.error.code} ${r.error.message}`);
    return r.data as AgreementAnswers[K];
  }
  async function panel(user: string, issue: { id: string; key: string }): Promise<IssuePanelView> {
    const r = await invoke(user, 'issuePanel.load', {}, panelOf(issue));
    if (!r.ok) throw new Error(`panel as ${user} refused: ${r.error.message}`);
    return r.data as IssuePanelView;
  }

  async function createIssue(type: 'Customer agreement' | 'Supplier agreement', summary: string, description?: unknown, user = 'rachel'): Promise<{ id: string; key: string }> {
    const res = await call(base, 'POST', '/rest/api/3/issue', { user, body: { fields: { project: { key: 'SD' }, issuetype: { name: type }, summary, ...(description ? { description } : {}) } } });
    if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
    await settle();
    return res.body as { id: string; key: string };
  }

  const content = (over: Partial<AgreementContent> = {}): AgreementContent => ({
    kind: 'customer',
    party: { organizationId: null, name: 'All customers' },
    services: ['Managed e-mail'],
    serviceHours: { timeZone: 'America/New_York', week: { mon: [{ from: '08:00', to: '18:00' }], tue: [{ from: '08:00', to: '18:00' }], wed: [{ from: '08:00', to: '18:00' }], thu: [{ from: '08:00', to: '18:00' }], fri: [{ from: '08:00', to: '18:00' }], sat: [], sun: [] }, holidays: [] },
    targets: {
      Critical: { firstResponseMinutes: 15, resolutionMinutes: 240, escalateAfterMinutes: 240, clock: '24x7' },
      High: { firstResponseMinutes: 30, resolutionMinutes: 120, escalateAfterMinutes: 120, clock: '24x7' },
      Normal: { firstResponseMinutes: 240, resolutionMinutes: 1440, escalateAfterMinutes: 1440, clock: 'serviceHours' },
    },
    priorityMatrix: null,
    contacts: [demoAccountId('carla')],
    owners: { provider: demoAccountId('rachel'), party: 'Carla Jones' },
    keyDates: { start: today, end: null, reviewOn: new Date(Date.parse(today) + 90 * DAY).toISOString().slice(0, 10), reviewIntervalMonths: 3 },
    approvers: ['SM', 'MGT', 'CUS'],
    feasibility: 'Two engineers on call cover the hours; last quarter 97% of High incidents were resolved within 2 h.',
    terms: 'Support by e-mail and phone; monthly service report.',
    ...over,
  });

  async function approve(issue: { id: string; key: string }, c: AgreementContent): Promise<AgreementSection> {
    let s = await act('rachel', issue, 'agreement.saveDraft', { content: c, expectedRevision: null });
    const revision = s.draft!.revision;
    for (const role of c.approvers) {
      if (role === 'SM') s = await act('sofia', issue, 'agreement.signOff', { revision, role });
      if (role === 'MGT') s = await act('max', issue, 'agreement.signOff', { revision, role });
      if (role === 'CUS' || role === 'SUP') s = await act('rachel', issue, 'agreement.recordPartySignOff', { revision, role, how: 'signature', givenBy: role === 'CUS' ? 'Carla Jones' : 'Sam Okafor' });
    }
    return s;
  }

  let master: { id: string; key: string };

  it('the RM drafts, the SM and MGT sign, the RM records the customer’s sign-off: version 1 is Approved and in force', async () => {
    master = await createIssue('Customer agreement', 'Master agreement, all customers');
    const before = await panel('rachel', master);
    expect(before.kind).toBe('customer-agreement');
    expect(before.agreement).toMatchObject({ status: 'None', current: null, draft: null, actions: { edit: { allowed: true } } });
    expect(before.agreement?.starter).toMatchObject({ kind: 'customer', party: { organizationId: null, name: 'All customers' } });

    // RE.2.1: a Practitioner does not draft agreements.
    const tom = await invoke('tom', 'agreement.saveDraft', { content: content(), expectedRevision: null }, panelOf(master));
    expect(tom).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Only the Relationship Manager or the Service Manager') } });

    const drafted = await act('rachel', master, 'agreement.saveDraft', { content: content(), expectedRevision: null });
    expect(drafted).toMatchObject({ status: 'Draft', current: null, draft: { revision: 1, issues: [], refusal: null, needed: 'Needs the sign-off of the Service Manager, Management and the customer.' } });
    expect(drafted.actions.record).toEqual(['CUS']);
    expect(drafted.actions.signAs).toEqual([]);

    // The RM cannot sign for the Service Manager; Tom cannot record anything.
    expect(await invoke('rachel', 'agreement.signOff', { revision: 1, role: 'SM' }, panelOf(master))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await invoke('tom', 'agreement.recordPartySignOff', { revision: 1, role: 'CUS', how: 'e-mail', givenBy: 'Carla' }, panelOf(master))).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const sm = await act('sofia', master, 'agreement.signOff', { revision: 1, role: 'SM' });
    expect(sm).toMatchObject({ status: 'Draft', draft: { needed: 'Needs the sign-off of Management and the customer.' } });
    await act('max', master, 'agreement.signOff', { revision: 1, role: 'MGT' });
    const done = await act('rachel', master, 'agreement.recordPartySignOff', { revision: 1, role: 'CUS', how: 'e-mail', givenBy: 'Carla Jones' });
    expect(done).toMatchObject({ status: 'Approved', draft: null, current: { version: 1, status: 'Approved' } });
    expect(done.current?.signOffs.map((s) => [s.role, s.by.displayName, s.how, s.givenBy])).toEqual([
      ['SM', 'Sofia Martins', null, null], ['MGT', 'Max Bauer', null, null], ['CUS', 'Rachel Green', 'e-mail', 'Carla Jones'],
    ]);
    const versions = (await loadApprovedAgreementVersions()).filter((v) => v.issueKey === master.key);
    expect(versions.map((v) => [v.version, v.content.serviceHours.timeZone])).toEqual([[1, 'America/New_York']]);

    // The panel shows the agreement, not Jira's meaningless priority; a customer sees the version in force only.
    const view = await panel('max', master);
    expect(view.agreement).toMatchObject({ audience: 'team', status: 'Approved', current: { version: 1 } });
  });

  it('RE-08: approval is refused while no covered service is in an approved catalogue, in words', async () => {
    const issue = await createIssue('Customer agreement', 'Printing for Globex');
    const s = await act('rachel', issue, 'agreement.saveDraft', { content: content({ services: ['Printing'] }), expectedRevision: null });
    expect(s.draft?.refusal).toContain('none of "Printing" is a service of an approved catalogue');
    const refused = await invoke('sofia', 'agreement.signOff', { revision: s.draft!.revision, role: 'SM' }, panelOf(issue));
    expect(refused).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('cover at least one catalogue service (RE-08)') } });
    // Matched without regard to case once it names a catalogue service.
    const fixed = await act('rachel', issue, 'agreement.saveDraft', { content: content({ services: ['Printing', 'web HOSTING'] }), expectedRevision: s.draft!.revision });
    expect(fixed.draft?.issues).toEqual([]);
  });

  it('RE-09: changing an approved agreement makes a draft to approve again; version 1 stays in force, then stays readable', async () => {
    const changed = content({ targets: { ...content().targets, High: { firstResponseMinutes: 30, resolutionMinutes: 180, escalateAfterMinutes: 180, clock: '24x7' } } });
    const draft = await act('rachel', master, 'agreement.saveDraft', { content: changed, expectedRevision: null });
    expect(draft).toMatchObject({ status: 'Approved', current: { version: 1 }, draft: { baseVersion: 1, signOffs: [] } });
    expect(draft.current?.content.targets.High?.resolutionMinutes).toBe(120);
    expect((await loadApprovedAgreementVersions()).filter((v) => v.issueKey === master.key).map((v) => v.version)).toEqual([1]);

    const rev = draft.draft!.revision;
    await act('sofia', master, 'agreement.signOff', { revision: rev, role: 'SM' });
    await act('max', master, 'agreement.signOff', { revision: rev, role: 'MGT' });
    const updated = await act('rachel', master, 'agreement.recordPartySignOff', { revision: rev, role: 'CUS', how: 'meeting', givenBy: 'Carla Jones' });
    expect(updated).toMatchObject({ status: 'Updated', current: { version: 2, status: 'Updated' }, earlier: [{ version: 1, status: 'Approved' }] });
    expect(updated.current?.content.targets.High?.resolutionMinutes).toBe(180);
    expect(updated.earlier[0]?.content.targets.High?.resolutionMinutes).toBe(120);
    expect(updated.earlier[0]?.signOffs.map((s) => s.role)).toEqual(['SM', 'MGT', 'CUS']);
    expect((await loadApprovedAgreementVersions()).filter((v) => v.issueKey === master.key).map((v) => v.version)).toEqual([1, 2]);
  });

  it('D19: a weaker supplier agreement is approved with the conflict shown on both; a customer agreement weaker-underpinned is refused (SLM-08)', async () => {
    const supplier = await createIssue('Supplier agreement', 'NetHost mail hosting');
    const supContent = content({
      kind: 'supplier', party: { organizationId: null, name: 'NetHost Ltd' }, contacts: [], owners: { provider: demoAccountId('rachel'), party: 'Sam Okafor' }, approvers: ['SM', 'SUP'],
      targets: { ...content().targets, High: { firstResponseMinutes: 30, resolutionMinutes: 240, escalateAfterMinutes: 240, clock: '24x7' } },
    });
    const approved = await approve(supplier, supContent);
    expect(approved).toMatchObject({ status: 'Approved', current: { version: 1 } });
    // The demo's own agreements may conflict with it too; these are the ones between this test's agreements.
    expect(approved.conflicts.filter((c) => c.other.issueKey === master.key)).toEqual([expect.objectContaining({ other: expect.objectContaining({ issueKey: master.key, role: 'customer' }), priority: 'High', measure: 'resolution', approved: true })]);
    const onMaster = (await panel('rachel', master)).agreement!;
    expect(onMaster.conflicts.filter((c) => c.other.issueKey === supplier.key)).toEqual([expect.objectContaining({ other: expect.objectContaining({ issueKey: supplier.key, role: 'underpinning' }), message: expect.stringContaining('allows 4 h for the resolution') })]);

    const northwind = await createIssue('Customer agreement', 'Northwind Traders SLA');
    const s = await act('rachel', northwind, 'agreement.saveDraft', { content: content({ party: { organizationId: null, name: 'All customers' } }), expectedRevision: null });
    expect(s.draft?.refusal).toContain(`approved underpinning agreement ${supplier.key} can deliver`);
    const refused = await invoke('sofia', 'agreement.signOff', { revision: s.draft!.revision, role: 'SM' }, panelOf(northwind));
    expect(refused).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('SLM-08') } });

    const list = await invoke('tom', 'globalPage.agreements.list', {}, { moduleKey: 'sd-global-page', extension: {} });
    expect(list.ok).toBe(true);
    if (list.ok) {
      const rows = (list.data as AgreementAnswers['globalPage.agreements.list']).rows;
      expect(rows.find((r) => r.issueKey === supplier.key)).toMatchObject({ kind: 'supplier', party: 'NetHost Ltd', status: 'Approved', version: 1, conflicts: expect.arrayContaining([expect.objectContaining({ otherKey: master.key })]) });
      expect(rows.find((r) => r.issueKey === northwind.key)).toMatchObject({ status: 'Draft', version: 0, draftRevision: 1 });
    }
    expect(await invoke('carla', 'globalPage.agreements.list', {}, { moduleKey: 'sd-global-page', extension: {} })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('an agreement created through Jira’s REST API with its content in the description becomes a Draft, once; invalid content says why', async () => {
    const c = content({ party: { organizationId: null, name: 'All customers' }, services: ['Web hosting'] });
    const description = { type: 'doc', version: 1, content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'Agreement content for the app:' }] },
      { type: 'codeBlock', attrs: { language: 'json' }, content: [{ type: 'text', text: JSON.stringify(c, null, 2) }] },
    ] };
    // Every event delivered twice (Forge delivers at least once).
    await call(base, 'POST', '/sandbox/events/mode', { body: { duplicate: true } });
    const issue = await createIssue('Customer agreement', 'Web hosting SLA (REST)', description, 'sofia');
    await call(base, 'POST', '/sandbox/events/mode', { body: { duplicate: false } });
    const first = (await panel('rachel', issue)).agreement!;
    expect(first).toMatchObject({ status: 'Draft', current: null, draft: { revision: 1, updatedBy: { displayName: 'Sofia Martins' } } });
    expect(first.draft?.content.services).toEqual(['Web hosting']);

    // Another edit of the issue, and the replays of its events, create nothing new.
    expect((await call(base, 'PUT', `/rest/api/3/issue/${issue.key}`, { user: 'sofia', body: { fields: { summary: 'Web hosting SLA' } } })).status).toBe(204);
    await settle();
    expect((await panel('rachel', issue)).agreement?.draft?.revision).toBe(1);

    const bad = await createIssue('Customer agreement', 'Broken content', { type: 'doc', version: 1, content: [
      { type: 'codeBlock', content: [{ type: 'text', text: JSON.stringify({ ...c, keyDates: { ...c.keyDates, end: 'next year' } }) }] },
    ] }, 'sofia');
    const shown = (await panel('rachel', bad)).agreement!;
    expect(shown.draft).toBeNull();
    expect(shown.imported?.problems).toEqual(['End date: must be a date YYYY-MM-DD.']);
  });

  it('D18: the Relationship Managers are reminded once when a review is due, however often the scan runs', async () => {
    const issue = await createIssue('Customer agreement', 'Globex SLA');
    const tomorrow = new Date(Date.parse(today) + DAY).toISOString().slice(0, 10);
    await approve(issue, content({ services: ['Backup & restore'], approvers: ['SM', 'CUS'], keyDates: { start: today, end: null, reviewOn: tomorrow, reviewIntervalMonths: 3 } }));
    expect((await panel('rachel', issue)).agreement?.review).toMatchObject({ due: false, nextOn: tomorrow });

    expect((await call(base, 'POST', '/sandbox/clock', { body: { advanceMs: 2 * DAY } })).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await call(base, 'POST', '/sandbox/scheduled/sd-sla-scan/run')).status).toBe(200);
    const mails = ((await call(base, 'GET', `/sandbox/notifications?issueKey=${issue.key}`)).body as { notifications: Array<{ subject: string; to: string[]; toNames: string[] }> }).notifications
      .filter((n) => n.subject.startsWith('Agreement review due'));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.toNames).toEqual(['Rachel Green']);
    expect((await panel('rachel', issue)).agreement?.review).toMatchObject({ due: true, dueOn: tomorrow });

    const reviewed = await act('rachel', issue, 'agreement.recordReview', { on: new Date(Date.parse(today) + 2 * DAY).toISOString().slice(0, 10) });
    expect(reviewed.review).toMatchObject({ due: false });
  });

  it('the panel of an agreement makes at most two Jira REST calls of its own (the catalogue seam aside)', async () => {
    const stats = async () => ((await call(base, 'GET', '/sandbox/stats')).body as { restCallsByApp: number }).restCallsByApp;
    const before = await stats();
    const view = await panel('rachel', master);
    expect(view.agreement?.current?.version).toBe(2);
    const used = (await stats()) - before;
    // The stand-in of approvedCatalogueServices() reads the "Affected services" field, its context and its options
    // (3 calls); the catalogue reads app storage instead, and then this is 0 (merge hint: set it to 0).
    const CATALOGUE_SEAM_CALLS = 0;
    expect(used).toBeLessThanOrEqual(2 + CATALOGUE_SEAM_CALLS);
  });

  it('the demo seed’s helper writes an approved agreement in the layout the app writes', async () => {
    const issue = await createIssue('Supplier agreement', 'Seeded OLA: network team');
    const at = new Date(Date.parse(`${today}T09:00:00Z`)).toISOString();
    const c = content({ kind: 'internal', party: { organizationId: null, name: 'Network team' }, services: ['Service desk'], contacts: [], approvers: ['SM', 'MGT'] });
    const sofia = demoAccountId('sofia');
    const max = demoAccountId('max');
    expect(() => seedApprovedAgreementWrites({ issueId: issue.id, issueKey: issue.key, title: 'Seeded OLA: network team' }, c, sofia, [{ role: 'SM', by: sofia, at, how: null, givenBy: null }])).toThrow(/needs the sign-offs/);
    applyWrites(env.sandbox.kvs, Date.parse(at), seedApprovedAgreementWrites({ issueId: issue.id, issueKey: issue.key, title: 'Seeded OLA: network team' }, c, sofia,
      [{ role: 'SM', by: sofia, at, how: null, givenBy: null }, { role: 'MGT', by: max, at, how: null, givenBy: null }], { [sofia]: 'Sofia Martins', [max]: 'Max Bauer' }));
    const shown = (await panel('rachel', issue)).agreement!;
    expect(shown).toMatchObject({ kind: 'internal', status: 'Approved', current: { version: 1, status: 'Approved' }, draft: null });
    expect(shown.current?.signOffs.map((s) => s.by.displayName)).toEqual(['Sofia Martins', 'Max Bauer']);
    // A change to it goes through the app as any other.
    const changed = await act('rachel', issue, 'agreement.saveDraft', { content: { ...c, terms: 'Network changes announced a week ahead.' }, expectedRevision: null });
    expect(changed.draft).toMatchObject({ revision: 2, baseVersion: 1 });
  });
});
