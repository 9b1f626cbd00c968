/**
 * Issue #11, item 5: the holes in the admin side's governance, each written as the scenario that went through before.
 * The app runs unmodified in the sandbox; resolvers are invoked as demo users over the bridge endpoint, and drafts
 * "stored before the rule" are written through the app's own store, as the Forge runtime would.
 */
import type { AdminPageView } from '../../src/contract/admin';
import { defaultPolicy } from '../../src/domain/policy';
import { ROLE_LIST } from '../../src/store/documents';
import type { RoleListContentStored } from '../../src/store/role-list';
import { discardDraft, loadDocument, recordVersion, saveDraft } from '../../src/store/work-product-store';
import { demoAccountId } from '../../sandbox/seed/demo';
import { data, invoke, setJiraAdmin } from './admin-calls';
import { actAsForgeRuntime } from './forge-globals';
import { withSandbox } from './harness';

type Env = Awaited<ReturnType<typeof withSandbox>>;
type Assignment = RoleListContentStored['assignments'][number];
type Override = RoleListContentStored['overrides'][number];

const id = demoAccountId;
const JUSTIFICATION = 'Six people: the Service Manager covers change control and incidents until the March hire.';
const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function assignmentsOf(view: AdminPageView): Assignment[] {
  return (view.roles.current?.content.assignments ?? []).map((a) => ({ accountId: a.accountId, roles: [...a.roles], ...(a.practitionerAreas ? { practitionerAreas: [...a.practitionerAreas] } : {}) }));
}

function withRoles(list: Assignment[], accountId: string, change: (a: Assignment) => Assignment): Assignment[] {
  return list.map((a) => (a.accountId === accountId ? change(a) : a));
}

/** A draft as a version of the app before issue #11 could have stored it (the store itself checks no rule). */
async function storeDraft(base: string, content: Pick<RoleListContentStored, 'assignments' | 'overrides'>): Promise<number> {
  await actAsForgeRuntime(base);
  const state = await loadDocument(ROLE_LIST);
  const draft = await saveDraft(ROLE_LIST, { ...content, training: [] }, state.draft?.revision ?? null, { actor: id('sofia'), now: Date.now(), summary: 'Draft stored before issue #11.' });
  return draft.revision;
}

async function discardAnyDraft(base: string): Promise<void> {
  await actAsForgeRuntime(base);
  const state = await loadDocument(ROLE_LIST);
  if (state.draft) await discardDraft(ROLE_LIST, state.draft.revision, { actor: id('sofia'), now: Date.now(), summary: 'Test clean-up.' });
}

describe('the role list’s separation of duties on the demo site (ROL-07, D5; D4, D27)', () => {
  let env: Env;
  let base: string;
  beforeAll(async () => { env = await withSandbox(); base = env.sandbox.url; });
  afterAll(async () => { await env.stop(); });

  it('ROL-07: Ines as Incident Manager + Practitioner is refused at save with practitionerAreas [], ["in"] or ["XYZ"], and nothing is saved', async () => {
    const list = assignmentsOf(await data(base, 'sofia', 'adminPage.load', {}));
    const ines = (practitionerAreas: string[]) => withRoles(list, id('ines'), (a) => ({ ...a, roles: ['IM', 'PT'], practitionerAreas }));
    const expected: Array<[string[], string[]]> = [
      [[], ['empty list of practitionerAreas', 'a practitioner works in at least one area (CO, IN, RE)']],
      [['in'], ['Incident Manager (IM) and is a Practitioner (PT) in area IN']],
      [['XYZ'], ['practitionerAreas names "XYZ"', 'the areas are CO, IN, RE']],
    ];
    for (const [areas, words] of expected) {
      const refused = await invoke(base, 'sofia', 'roles.saveDraft', { assignments: ines(areas), overrides: [], expectedRevision: null });
      expect(refused).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('ROL-07') } });
      const message = refused.ok ? '' : refused.error.message;
      for (const w of words) expect(message).toContain(w);
      expect(message).toContain('Ines Kowalski');
      expect(message).not.toContain(id('ines'));
    }
    expect((await data(base, 'sofia', 'adminPage.load', {})).roles.draft).toBeNull();

    // The rule is about the area she manages: practising in change control (CO) is allowed.
    const allowed = await data(base, 'sofia', 'roles.saveDraft', { assignments: ines(['co']), overrides: [], expectedRevision: null });
    expect(allowed.roles.draft?.content.assignments.find((a) => a.accountId === id('ines'))).toEqual({ accountId: id('ines'), roles: ['IM', 'PT'], practitionerAreas: ['CO'] });
    await data(base, 'sofia', 'roles.discardDraft', { revision: allowed.roles.draft!.revision });
  });

  it('ROL-07 holds at approval too: a stored draft naming no area, "in" or "XYZ" is refused, and the approved list stays', async () => {
    const before = await data(base, 'sofia', 'adminPage.load', {});
    const list = assignmentsOf(before);
    for (const [areas, words] of [[[], 'empty list of practitionerAreas'], [['in'], 'did you mean "IN"?'], [['XYZ'], 'practitionerAreas names "XYZ"']] as const) {
      const revision = await storeDraft(base, { assignments: withRoles(list, id('ines'), (a) => ({ ...a, roles: ['IM', 'PT'], practitionerAreas: [...areas] })), overrides: [] });
      const refused = await invoke(base, 'sofia', 'roles.approve', { revision });
      expect(refused).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('cannot be approved') } });
      const message = refused.ok ? '' : refused.error.message;
      expect(message).toContain('ROL-07');
      expect(message).toContain(words);
      expect(message).toContain('Ines Kowalski');
    }
    await discardAnyDraft(base);
    const after = await data(base, 'sofia', 'adminPage.load', {});
    expect(after.roles.current).toEqual(before.roles.current);
  });

  it('D27: Max (Management, not a Jira administrator) may edit the list but not grant an override', async () => {
    const list = withRoles(assignmentsOf(await data(base, 'max', 'adminPage.load', {})), id('ines'), (a) => ({ ...a, roles: ['CM', 'IM'] }));
    const refused = await invoke(base, 'max', 'roles.saveDraft', { assignments: list, overrides: [{ accountId: id('ines'), justification: JUSTIFICATION }], expectedRevision: null });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Only a Jira administrator grants a separation-of-duty override, and Max Bauer is not one') } });
    expect(refused.ok ? '' : refused.error.message).toContain('Ines Kowalski');
    expect((await data(base, 'sofia', 'adminPage.load', {})).roles.draft).toBeNull();
  });

  it('D27: Sofia may not grant her own override while another Jira administrator exists: she is told to ask him', async () => {
    const list = withRoles(assignmentsOf(await data(base, 'sofia', 'adminPage.load', {})), id('sofia'), (a) => ({ ...a, roles: ['SM', 'CM', 'IM'] }));
    setJiraAdmin(env.sandbox, id('carlos'), true);
    try {
      const refused = await invoke(base, 'sofia', 'roles.saveDraft', { assignments: list, overrides: [{ accountId: id('sofia'), justification: JUSTIFICATION }], expectedRevision: null });
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('ask Carlos Ibáñez, another Jira administrator') } });
      expect(refused.ok ? '' : refused.error.message).toContain('Sofia Martins may not grant an override of their own roles');
      // Carlos, the other administrator, grants it.
      const granted = await data(base, 'carlos', 'roles.saveDraft', { assignments: list, overrides: [{ accountId: id('sofia'), justification: JUSTIFICATION }], expectedRevision: null });
      expect(granted.roles.draft?.content.overrides).toEqual([expect.objectContaining({ accountId: id('sofia'), grantedBy: id('carlos') })]);
      expect(granted.roles.draft?.content.overrides[0]?.selfGranted).toBeUndefined();
      await data(base, 'carlos', 'roles.discardDraft', { revision: granted.roles.draft!.revision });
    } finally {
      setJiraAdmin(env.sandbox, id('carlos'), false);
    }
  });

  it('D27: as the only Jira administrator Sofia grants her own override: accepted, stored as self-granted and listed as a finding in words', async () => {
    const list = withRoles(assignmentsOf(await data(base, 'sofia', 'adminPage.load', {})), id('sofia'), (a) => ({ ...a, roles: ['SM', 'CM', 'IM'] }));
    const saved = await data(base, 'sofia', 'roles.saveDraft', { assignments: list, overrides: [{ accountId: id('sofia'), justification: JUSTIFICATION }], expectedRevision: null });
    expect(saved.roles.draft?.content.overrides).toEqual([expect.objectContaining({ accountId: id('sofia'), grantedBy: id('sofia'), selfGranted: true })]);
    expect(saved.roles.draft?.validation.exceptions).toEqual([expect.objectContaining({ accountId: id('sofia'), selfGranted: true })]);

    const approved = await data(base, 'sofia', 'roles.approve', { revision: saved.roles.draft!.revision });
    expect(approved.roles.current?.content.overrides).toEqual([expect.objectContaining({ accountId: id('sofia'), grantedBy: id('sofia'), selfGranted: true })]);
    expect(approved.roles.exceptions).toEqual([expect.objectContaining({ rule: 'ROL-06', accountId: id('sofia'), selfGranted: true })]);
    const finding = approved.roles.exceptions[0]!.message;
    expect(finding).toContain('self-granted by Sofia Martins');
    expect(finding).toContain('a finding for the conformance review');
    expect(finding).not.toContain(id('sofia'));
    expect(finding).not.toMatch(ISO_INSTANT);

    // Stored as it is shown (D23).
    await actAsForgeRuntime(base);
    const stored = await loadDocument(ROLE_LIST);
    expect(stored.current?.content.overrides).toEqual([expect.objectContaining({ accountId: id('sofia'), selfGranted: true })]);
  });

  it('D27 holds at approval: a stored draft with Max’s grant, or Sofia’s own grant once a second administrator exists, is refused', async () => {
    const view = await data(base, 'sofia', 'adminPage.load', {});
    const list = assignmentsOf(view);
    const kept: Override[] = view.roles.current!.content.overrides;
    const byMax: Override = { rule: 'ROL-06', accountId: id('ines'), justification: JUSTIFICATION, grantedBy: id('max'), grantedAt: new Date().toISOString() };
    const maxDraft = await storeDraft(base, { assignments: withRoles(list, id('ines'), (a) => ({ ...a, roles: ['CM', 'IM'] })), overrides: [...kept, byMax] });
    const refusedMax = await invoke(base, 'sofia', 'roles.approve', { revision: maxDraft });
    expect(refusedMax).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('D27: Only a Jira administrator grants a separation-of-duty override, and Max Bauer is not one') } });

    // Sofia words her own override anew while she is the only administrator; Carlos becomes one before approval.
    const renewed = await data(base, 'sofia', 'roles.saveDraft', { assignments: list, overrides: [{ accountId: id('sofia'), justification: `${JUSTIFICATION} Reviewed monthly.` }], expectedRevision: maxDraft });
    setJiraAdmin(env.sandbox, id('carlos'), true);
    try {
      const refusedOwn = await invoke(base, 'sofia', 'roles.approve', { revision: renewed.roles.draft!.revision });
      expect(refusedOwn).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('ask Carlos Ibáñez, another Jira administrator') } });
    } finally {
      setJiraAdmin(env.sandbox, id('carlos'), false);
    }
    const after = await data(base, 'sofia', 'adminPage.load', {});
    expect(after.roles.current).toEqual(view.roles.current);
    await data(base, 'sofia', 'roles.discardDraft', { revision: after.roles.draft!.revision });
  });
});

describe('training records and limits on the demo site (D23, GO-12, IN.1.1, IN.1.2)', () => {
  let env: Env;
  let base: string;
  beforeAll(async () => { env = await withSandbox(); base = env.sandbox.url; });
  afterAll(async () => { await env.stop(); });

  const record = (accountId: string, title: string, notes = '') => ({ accountId, kind: 'training', title, completedOn: '2026-11-02', notes, task: 'IN.1.1' });

  it('a training record creates no WP.08 version and copies no approval; a version recorded directly carries only the approval it is given', async () => {
    const before = await data(base, 'sofia', 'adminPage.load', {});
    const v = before.roles.current!.version;
    const after = await data(base, 'ines', 'roles.recordTraining', record(id('tom'), 'Major incident handling', 'Two-day course'));
    expect(after.roles.current).toEqual(before.roles.current);
    expect(after.roles.training).toEqual([expect.objectContaining({ accountId: id('tom'), title: 'Major incident handling', recordedBy: id('ines') })]);
    expect(after.roles.history[0]).toMatchObject({ action: 'training-recorded', actor: id('ines'), version: v });

    await actAsForgeRuntime(base);
    expect((await loadDocument(ROLE_LIST)).head?.version).toBe(v);
    // recordVersion (the profile configuration's and the project mapping's way) no longer copies the approval before it.
    const unapproved = await recordVersion(ROLE_LIST, v, 'Updated', (c) => c!.content, { actor: id('sofia'), now: Date.now(), action: 'recorded', summary: 'Recorded directly (test).' });
    expect(before.roles.current).toMatchObject({ approvedBy: id('sofia'), approvedAt: expect.any(String) });
    expect(unapproved).toMatchObject({ version: v + 1, approvedBy: null, approvedAt: null });
    const at = new Date().toISOString();
    const given = await recordVersion(ROLE_LIST, v + 1, 'Updated', (c) => c!.content, { actor: id('sofia'), now: Date.now(), action: 'recorded', summary: 'Recorded and approved (test).', approval: { by: id('sofia'), at } });
    expect(given).toMatchObject({ version: v + 2, approvedBy: id('sofia'), approvedAt: at });

    // The profile configuration's versions carry no approval either.
    const first = await data(base, 'sofia', 'config.save', { ...before.config.effective, expectedVersion: before.config.current?.version ?? null });
    const second = await data(base, 'sofia', 'config.save', { ...before.config.effective, expectedVersion: first.config.current!.version });
    expect(second.config.current).toMatchObject({ version: first.config.current!.version + 1, approvedBy: null, approvedAt: null });
  });

  it('records that an earlier version kept inside WP.08 are still listed, and stay listed once a new list is approved', async () => {
    await actAsForgeRuntime(base);
    const state = await loadDocument(ROLE_LIST);
    const legacy = { id: 'tr-legacy-1', accountId: id('priya'), kind: 'competence' as const, title: 'Backup restore (legacy record)', completedOn: '2026-01-15', notes: 'Recorded before issue #11.', task: 'IN.1.2' as const, recordedBy: id('sofia'), recordedAt: '2026-01-16T09:00:00.000Z' };
    await recordVersion(ROLE_LIST, state.current!.version, 'Updated', (c) => ({ ...c!.content, training: [legacy] }), { actor: id('sofia'), now: Date.now(), action: 'training-recorded', summary: 'A legacy record (test).' });
    const view = await data(base, 'sofia', 'adminPage.load', {});
    expect(view.roles.training.map((r) => r.id)).toContain('tr-legacy-1');

    const draft = await data(base, 'sofia', 'roles.saveDraft', { assignments: withRoles(assignmentsOf(view), id('tom'), (a) => ({ ...a, practitionerAreas: ['IN'] })), overrides: [], expectedRevision: null });
    const approved = await data(base, 'sofia', 'roles.approve', { revision: draft.roles.draft!.revision });
    expect(approved.roles.current?.content.training).toEqual([]);
    expect(approved.roles.training.filter((r) => r.id === 'tr-legacy-1')).toEqual([legacy]);
    expect(approved.roles.training).toHaveLength(view.roles.training.length);
  });

  it('300 training records with 2,000-character notes are all recorded, audited and listed, and the list keeps its version', async () => {
    const before = await data(base, 'sofia', 'adminPage.load', {});
    const people = ['tom', 'priya', 'ines', 'carlos', 'rachel'].map(id);
    const notes = 'Hands-on restore drill with the runbook; '.repeat(60).slice(0, 2000);
    expect(notes).toHaveLength(2000);
    const titles = Array.from({ length: 300 }, (_, i) => `Runbook drill ${String(i + 1).padStart(3, '0')}`);
    for (let i = 0; i < titles.length; i += 6) {
      const batch = titles.slice(i, i + 6).map((title, j) => invoke(base, 'sofia', 'roles.recordTraining', record(people[(i + j) % people.length]!, title, notes)));
      for (const r of await Promise.all(batch)) expect(r).toMatchObject({ ok: true });
    }
    const after = await data(base, 'sofia', 'adminPage.load', {});
    const drills = after.roles.training.filter((r) => r.title.startsWith('Runbook drill'));
    expect(drills.map((r) => r.title).sort()).toEqual(titles);
    expect(drills.every((r) => r.notes === notes)).toBe(true);
    expect(after.roles.trainingMore).toBe(false);
    expect(after.roles.current).toEqual(before.roles.current);
    expect(after.roles.history.slice(0, 100).every((h) => h.action === 'training-recorded' && h.summary.includes('Runbook drill'))).toBe(true);
  }, 180_000);

  it('limits are named up front: an oversized policy draft, role list draft or training title answers invalid-input naming the field', async () => {
    const view = await data(base, 'sofia', 'adminPage.load', {});
    const templates = Array.from({ length: 60 }, (_, i) => ({
      id: `tpl-${i}`, name: `Standard change ${i}`, kind: 'Standard', description: 'Steps, checks and rollback. '.repeat(160).slice(0, 4000),
      qualifyingChangeKey: 'SD-10', controlManager: id('carlos'), businessApprover: id('max'), agreedOn: '2026-10-01',
    }));
    const policy = await invoke(base, 'sofia', 'policy.saveDraft', { policy: { ...defaultPolicy(view.today), preApprovedTemplates: templates }, expectedRevision: view.policy.draft?.revision ?? null });
    expect(policy).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('policy.preApprovedTemplates: The policy draft would take') } });
    expect(policy.ok ? '' : policy.error.message).toContain('Forge storage keeps at most 240.0 KB in one value');

    const overrides = Array.from({ length: 50 }, () => ({ accountId: id('carlos'), justification: '€'.repeat(2000) }));
    const roles = await invoke(base, 'sofia', 'roles.saveDraft', { assignments: assignmentsOf(view), overrides, expectedRevision: null });
    expect(roles).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('overrides: The list of assigned roles would take') } });

    const title = await invoke(base, 'sofia', 'roles.recordTraining', record(id('tom'), 'x'.repeat(201)));
    expect(title).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('title') } });

    const after = await data(base, 'sofia', 'adminPage.load', {});
    expect(after.policy.draft).toEqual(view.policy.draft);
    expect(after.roles.draft).toBeNull();
    expect(after.roles.training).toHaveLength(view.roles.training.length);
  });
});
