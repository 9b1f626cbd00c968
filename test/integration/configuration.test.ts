/**
 * Issue #13: configuration records (WP.02; CO.1.4, CO-11, CO-14) and the service control procedures (WP.17, WP.09;
 * CO.1.2, CO.1.3, CO.1.5, CO-13) on the service team's page. The app runs unmodified in the sandbox; resolvers are
 * invoked as demo users over the bridge endpoint, as the Custom UI's invoke does; the integrator's store calls run
 * through the real Forge SDK against the sandbox's storage.
 */
import type { ConfigurationAnswers, ConfigurationFunctionKey, ProcedureView } from '../../src/contract/configuration';
import type { Result } from '../../src/contract/results';
import { loadConfigurationItemHistory, loadConfigurationItems, recordChangeVersions, seedItemWrites } from '../../src/store/configuration-items';
import { loadProceduresInForce, seedApprovedProcedureWrites } from '../../src/store/procedures';
import { applyWrites, demoAccountId } from '../../sandbox/seed/demo';
import { actAsForgeRuntime } from './forge-globals';
import { call, withSandbox } from './harness';

type Env = Awaited<ReturnType<typeof withSandbox>>;

jest.setTimeout(60_000);

const PANEL = { moduleKey: 'sd-issue-panel', extension: { issue: { id: '10001', key: 'SD-1' }, project: { id: '10000', key: 'SD' } } };

async function invoke<K extends ConfigurationFunctionKey>(base: string, user: string, key: K, payload: unknown, context: Record<string, unknown> = { moduleKey: 'sd-global-page', extension: {} }): Promise<Result<ConfigurationAnswers[K]>> {
  const res = await call(base, 'POST', '/sandbox/bridge', { user, body: { type: 'invoke', payload: { functionKey: key, payload }, context } });
  const body = res.body as { ok: boolean; result?: Result<ConfigurationAnswers[K]>; error?: { message: string } };
  if (!body.ok || !body.result) throw new Error(`bridge failed for ${key}: ${JSON.stringify(body)}`);
  return body.result;
}

async function data<K extends ConfigurationFunctionKey>(base: string, user: string, key: K, payload: unknown, context?: Record<string, unknown>): Promise<ConfigurationAnswers[K]> {
  const r = await invoke(base, user, key, payload, context);
  if (!r.ok) throw new Error(`${key} as ${user} refused: ${r.error.code} ${r.error.message}`);
  return r.data;
}

const item = (id: string, over: Record<string, unknown> = {}) => ({
  id, name: 'Mail gateway GW1', service: 'Managed e-mail', kind: 'hardware', description: 'Outbound relay.', owner: demoAccountId('carlos'),
  location: 'Rack 4, Lisbon', inServiceSince: '2025-03-01', status: 'active', ...over,
});

const wp = (view: { procedures: ProcedureView[] }, id: 'WP.17' | 'WP.09'): ProcedureView => view.procedures.find((p) => p.id === id)!;

describe('configuration records (WP.02) and procedures (WP.17, WP.09)', () => {
  let env: Env;
  let base: string;
  beforeAll(async () => { env = await withSandbox(); base = env.sandbox.url; await actAsForgeRuntime(base); });
  afterAll(async () => { await env.stop(); });

  it('Carlos (Control Manager) stores an item as version 1 "stored"; an edit is version 2 "updated"; both stay readable', async () => {
    const first = await data(base, 'carlos', 'globalPage.configuration.save', { item: item('mail-gateway-gw1'), expectedVersion: null });
    expect(first.item).toMatchObject({ id: 'mail-gateway-gw1', version: 1, recordStatus: 'stored', owner: { displayName: 'Carlos Ibáñez' } });

    const second = await data(base, 'max', 'globalPage.configuration.save', { item: item('mail-gateway-gw1', { location: 'Rack 5, Lisbon' }), expectedVersion: 1 });
    expect(second.item).toMatchObject({ version: 2, recordStatus: 'updated', location: 'Rack 5, Lisbon', lastChange: { by: { displayName: 'Max Bauer' }, summary: 'Changed location.' } });

    // Someone who edited version 1 meanwhile is told, not silently overwritten.
    const stale = await invoke(base, 'carlos', 'globalPage.configuration.save', { item: item('mail-gateway-gw1', { location: 'Elsewhere' }), expectedVersion: 1 });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // The identifier is unique: a second item with it is refused.
    const twice = await invoke(base, 'carlos', 'globalPage.configuration.save', { item: item('mail-gateway-gw1'), expectedVersion: null });
    expect(twice).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('exists already') } });

    const history = await data(base, 'tom', 'globalPage.configuration.history', { id: 'mail-gateway-gw1' });
    expect(history.versions.map((v) => [v.version, v.recordStatus, v.content.location])).toEqual([[2, 'updated', 'Rack 5, Lisbon'], [1, 'stored', 'Rack 4, Lisbon']]);

    const list = await data(base, 'tom', 'globalPage.configuration.load', {});
    // The new item joins the records the site already keeps (the demo's mail relays among them).
    expect(list.items.map((i) => i.id)).toEqual(expect.arrayContaining(['mail-gateway-gw1', 'mail-relay-mx1']));
    expect(list.services).toEqual(expect.arrayContaining(['Managed e-mail', 'Web hosting']));
    expect(list.edit.allowed).toBe(false);
    expect((await data(base, 'carlos', 'globalPage.configuration.load', { kind: 'software' })).items.map((i) => i.id)).not.toContain('mail-gateway-gw1');
  });

  it('refuses Tom (Practitioner) an edit, a customer the list, and names the field broken', async () => {
    const tom = await invoke(base, 'tom', 'globalPage.configuration.save', { item: item('tom-laptop'), expectedVersion: null });
    expect(tom).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Only the Control Manager or Management') } });
    const carla = await invoke(base, 'carla', 'globalPage.configuration.load', {});
    expect(carla).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const picker = await invoke(base, 'carla', 'issuePanel.configurationItems', {}, PANEL);
    expect(picker).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const bad = await invoke(base, 'carlos', 'globalPage.configuration.save', { item: item('Mail Relay 2', { name: '' }), expectedVersion: null });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (!bad.ok) {
      expect(bad.error.message).toContain('Identifier "Mail Relay 2" is not valid');
      expect(bad.error.message).toContain('Name is required.');
    }
  });

  it('a deployed change writes one version of each affected item naming the change, however often it is recorded', async () => {
    await data(base, 'carlos', 'globalPage.configuration.save', { item: item('web-01', { name: 'Web server 01', service: 'Web hosting', kind: 'software' }), expectedVersion: null });
    const at = Date.parse('2026-12-04T10:00:00.000Z');
    const calls = await Promise.all([1, 2, 3].map(() => recordChangeVersions({ changeKey: 'SD-42', ciIds: ['web-01', 'mail-gateway-gw1', 'no-such-item'], by: demoAccountId('carlos'), at, summary: 'TLS certificates renewed' })));
    const written = calls.flatMap((c) => c.written.map((w) => `${w.id}@${w.version}`)).sort();
    expect(written).toEqual(['mail-gateway-gw1@3', 'web-01@2']);
    for (const c of calls) expect(c.missing).toEqual(['no-such-item']);
    const again = await recordChangeVersions({ changeKey: 'SD-42', ciIds: ['web-01'], by: demoAccountId('carlos'), at: at + 1000 });
    expect(again).toEqual({ written: [], already: [{ id: 'web-01', version: 2 }], missing: [] });

    const web = await loadConfigurationItemHistory('web-01');
    expect(web.map((v) => [v.version, v.recordStatus, v.changeKey])).toEqual([[1, 'stored', null], [2, 'updated', 'SD-42']]);
    const current = await loadConfigurationItems(['web-01', 'mail-gateway-gw1']);
    expect(current.get('mail-gateway-gw1')).toMatchObject({ version: 3, changeKey: 'SD-42', summary: expect.stringContaining('SD-42') });

    const list = await data(base, 'tom', 'globalPage.configuration.load', { service: 'Web hosting' });
    expect(list.items.filter((i) => i.id === 'web-01')).toEqual([expect.objectContaining({ id: 'web-01', version: 2, lastChange: expect.objectContaining({ changeKey: 'SD-42' }) })]);
    expect(list.items.every((i) => i.service === 'Web hosting')).toBe(true);
    expect(list.items.map((i) => i.id)).not.toContain('mail-gateway-gw1');

    // The issue panel's picker: active items only, for staff.
    await data(base, 'carlos', 'globalPage.configuration.save', { item: item('web-01', { name: 'Web server 01', service: 'Web hosting', kind: 'software', status: 'retired' }), expectedVersion: 2 });
    const picked = await data(base, 'tom', 'issuePanel.configurationItems', { query: 'gateway' }, PANEL);
    expect(picked).toEqual([{ id: 'mail-gateway-gw1', name: 'Mail gateway GW1', service: 'Managed e-mail', kind: 'hardware', version: 3 }]);
    expect(await data(base, 'tom', 'issuePanel.configurationItems', { query: 'web server 01' }, PANEL)).toEqual([]);
    // The seeded web items stay on offer; the retired one is gone.
    const offered = (await data(base, 'tom', 'issuePanel.configurationItems', { query: 'web' }, PANEL)).map((i) => i.id);
    expect(offered).toContain('web-frontend-pool');
    expect(offered).not.toContain('web-01');
  });

  it('WP.17 in force is replaced only when both the Service Manager and Management signed the new draft', async () => {
    // The site starts with WP.17 approved (version 1, signed by Sofia and Max); a change to it is a new draft.
    const start = await data(base, 'tom', 'globalPage.procedures.load', {});
    const initial = wp(start, 'WP.17');
    expect(initial).toMatchObject({ current: { version: 1, status: 'Approved' }, draft: null, needed: 'Needs the Service Manager’s and Management’s approval.', edit: { allowed: false } });
    expect(initial.current?.signOffs.map((s) => [s.role, s.by.displayName])).toEqual([['SM', 'Sofia Martins'], ['MGT', 'Max Bauer']]);
    expect(initial.starter['emergency']).toMatch(/emergency/i);
    expect(await loadProceduresInForce()).toMatchObject({ designBuildTestDeploy: { version: 1, status: 'Approved' }, secureComponent: { version: 1, status: 'Approved' } });

    const revised = { ...initial.current!.sections, emergency: 'Emergency changes are approved by the CM or the SM and reviewed within one working day.' };
    const tom = await invoke(base, 'tom', 'globalPage.procedures.saveDraft', { procedure: 'WP.17', sections: revised, expectedRevision: null });
    expect(tom).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const saved = wp(await data(base, 'carlos', 'globalPage.procedures.saveDraft', { procedure: 'WP.17', sections: revised, expectedRevision: null }), 'WP.17');
    expect(saved.draft?.signOffs).toEqual([]);
    const revision = saved.draft!.revision;

    // The Control Manager cannot approve WP.17 (CO.1.3).
    const carlos = await invoke(base, 'carlos', 'globalPage.procedures.signOff', { procedure: 'WP.17', revision, role: 'CM' });
    expect(carlos).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const maxAsSm = await invoke(base, 'max', 'globalPage.procedures.signOff', { procedure: 'WP.17', revision, role: 'SM' });
    expect(maxAsSm).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('You do not hold the role of Service Manager') } });

    // One sign-off does not replace the version in force.
    const one = wp(await data(base, 'sofia', 'globalPage.procedures.signOff', { procedure: 'WP.17', revision, role: 'SM' }), 'WP.17');
    expect(one.current).toMatchObject({ version: 1, status: 'Approved' });
    expect(one.current?.sections['emergency']).toBe(initial.current?.sections['emergency']);
    expect(one.draft?.signOffs.map((s) => [s.role, s.by.displayName])).toEqual([['SM', 'Sofia Martins']]);
    expect(one.needed).toBe('Still needs Management’s approval.');
    const sofiaAgain = await invoke(base, 'sofia', 'globalPage.procedures.signOff', { procedure: 'WP.17', revision, role: 'SM' });
    expect(sofiaAgain).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('already approved') } });
    expect(await loadProceduresInForce()).toMatchObject({ designBuildTestDeploy: { version: 1, status: 'Approved' } });

    // Both signed: the draft becomes version 2 "Updated" (CO.3.5), the first version stays readable (D23).
    const both = wp(await data(base, 'max', 'globalPage.procedures.signOff', { procedure: 'WP.17', revision, role: 'MGT' }), 'WP.17');
    expect(both.draft).toBeNull();
    expect(both.current).toMatchObject({ version: 2, status: 'Updated', sections: { emergency: revised.emergency } });
    expect(both.current?.signOffs.map((s) => s.role)).toEqual(['SM', 'MGT']);
    expect(both.earlier.map((v) => v.version)).toEqual([1]);
    expect(await loadProceduresInForce()).toMatchObject({ designBuildTestDeploy: { version: 2, status: 'Updated' }, secureComponent: { version: 1, status: 'Approved' } });

    // A further draft carries no sign-off of the earlier one and is approved in either order.
    const changed = { ...revised, emergency: 'Emergency changes are approved by the CM or the SM and reviewed within two working days.' };
    const redraft = wp(await data(base, 'carlos', 'globalPage.procedures.saveDraft', { procedure: 'WP.17', sections: changed, expectedRevision: null }), 'WP.17');
    expect(redraft.draft?.signOffs).toEqual([]);
    await data(base, 'max', 'globalPage.procedures.signOff', { procedure: 'WP.17', revision: redraft.draft!.revision, role: 'MGT' });
    const updated = wp(await data(base, 'sofia', 'globalPage.procedures.signOff', { procedure: 'WP.17', revision: redraft.draft!.revision, role: 'SM' }), 'WP.17');
    expect(updated.current).toMatchObject({ version: 3, status: 'Updated' });
    expect(updated.earlier.map((v) => v.version)).toEqual([2, 1]);
  });

  it('WP.09 is approved by the Control Manager and the Service Manager; one person holding both signs once', async () => {
    // The site starts with WP.09 approved (version 1); the Control Manager drafts a change to it.
    const start = wp(await data(base, 'carlos', 'globalPage.procedures.load', {}), 'WP.09');
    expect(start.current).toMatchObject({ version: 1, status: 'Approved' });
    const sections = { ...start.current!.sections, storage: `${start.current!.sections['storage'] ?? ''} Backups of the store are kept for a year.` };
    const saved = wp(await data(base, 'carlos', 'globalPage.procedures.saveDraft', { procedure: 'WP.09', sections, expectedRevision: null }), 'WP.09');
    const revision = saved.draft!.revision;
    expect(saved.signAs).toEqual(['CM']);

    // Sofia is given the Control Manager's role too (a small team): she may approve as one role only.
    const roles = await call(base, 'POST', '/sandbox/bridge', { user: 'sofia', body: { type: 'invoke', payload: { functionKey: 'globalPage.load', payload: {} }, context: { moduleKey: 'sd-global-page', extension: {} } } });
    const view = (roles.body as { result: { data: { roles: { current: { content: { assignments: Array<{ accountId: string; roles: string[]; practitionerAreas?: string[] }> } } } } } }).result.data;
    const assignments = view.roles.current.content.assignments.map((a) => (a.accountId === demoAccountId('sofia') ? { ...a, roles: ['SM', 'CM'] } : a));
    const draftRes = await call(base, 'POST', '/sandbox/bridge', { user: 'sofia', body: { type: 'invoke', payload: { functionKey: 'globalPage.roles.saveDraft', payload: { assignments, overrides: [], expectedRevision: null } }, context: { moduleKey: 'sd-global-page', extension: {} } } });
    const drafted = (draftRes.body as { result: { ok: boolean; data?: { roles: { draft: { revision: number } } }; error?: unknown } }).result;
    if (!drafted.ok || !drafted.data) throw new Error(`role list draft refused: ${JSON.stringify(drafted.error)}`);
    const approveRes = await call(base, 'POST', '/sandbox/bridge', { user: 'sofia', body: { type: 'invoke', payload: { functionKey: 'globalPage.roles.approve', payload: { revision: drafted.data.roles.draft.revision } }, context: { moduleKey: 'sd-global-page', extension: {} } } });
    expect((approveRes.body as { result: { ok: boolean } }).result.ok).toBe(true);

    const asSm = wp(await data(base, 'sofia', 'globalPage.procedures.signOff', { procedure: 'WP.09', revision, role: 'SM' }), 'WP.09');
    expect(asSm.current).toMatchObject({ version: 1, status: 'Approved' });
    expect(asSm.signAs).toEqual([]);
    const asCm = await invoke(base, 'sofia', 'globalPage.procedures.signOff', { procedure: 'WP.09', revision, role: 'CM' });
    expect(asCm).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('must come from another person') } });

    const approved = wp(await data(base, 'carlos', 'globalPage.procedures.signOff', { procedure: 'WP.09', revision, role: 'CM' }), 'WP.09');
    // WP.09 knows only Draft and Approved (Table 14): its second version is Approved again, not "Updated".
    expect(approved.current).toMatchObject({ version: 2, status: 'Approved', sections: { storage: sections.storage } });
    expect(approved.current?.signOffs.map((s) => [s.role, s.by.displayName])).toEqual([['CM', 'Carlos Ibáñez'], ['SM', 'Sofia Martins']]);
    expect(approved.earlier.map((v) => v.version)).toEqual([1]);
    expect(await loadProceduresInForce()).toMatchObject({ secureComponent: { version: 2, status: 'Approved' } });
  });

  it('the seed helpers write items with history and approved procedures in the layout the app reads', async () => {
    // A fresh demo site: its configuration records and procedures were written by these helpers (sandbox/seed/demo-changes.ts).
    const seeded = await withSandbox();
    try {
      await actAsForgeRuntime(seeded.sandbox.url);
      const t = Date.parse('2026-11-01T09:00:00.000Z');
      const content = { ...item('backup-nas'), name: 'Backup NAS', service: 'Backup & restore', kind: 'hardware' as const, status: 'active' as const, owner: demoAccountId('carlos') };
      applyWrites(seeded.sandbox.kvs, t, seedItemWrites([
        { content, by: demoAccountId('carlos'), at: t },
        { content: { ...content, location: 'Rack 9' }, by: demoAccountId('tom'), at: t + 86_400_000, changeKey: 'SD-7', summary: 'Moved to rack 9' },
      ]));
      const list = await data(seeded.sandbox.url, 'tom', 'globalPage.configuration.load', {});
      expect(list.items.filter((i) => i.id === 'backup-nas')).toEqual([expect.objectContaining({ id: 'backup-nas', version: 2, recordStatus: 'updated', lastChange: expect.objectContaining({ changeKey: 'SD-7' }) })]);
      expect(list.items.find((i) => i.id === 'mail-relay-mx1')).toMatchObject({ version: 2, recordStatus: 'updated', lastChange: { summary: 'Memory upgraded to 32 GB.' } });
      expect(list.items.find((i) => i.id === 'web-frontend-pool')).toMatchObject({ version: 3, lastChange: { changeKey: 'SD-10' } });
      expect((await loadConfigurationItemHistory('backup-nas')).map((v) => v.version)).toEqual([1, 2]);
      expect((await loadConfigurationItemHistory('web-frontend-pool')).map((v) => [v.version, v.changeKey])).toEqual([[1, null], [2, 'SD-13'], [3, 'SD-10']]);
      expect(await recordChangeVersions({ changeKey: 'SD-7', ciIds: ['backup-nas'], by: demoAccountId('carlos'), at: t })).toMatchObject({ written: [], already: [{ id: 'backup-nas', version: 2 }] });
      expect(await recordChangeVersions({ changeKey: 'SD-10', ciIds: ['web-frontend-pool'], by: demoAccountId('tom'), at: t })).toMatchObject({ written: [], already: [{ id: 'web-frontend-pool', version: 3 }] });

      expect(await loadProceduresInForce()).toMatchObject({ designBuildTestDeploy: { version: 1, status: 'Approved' }, secureComponent: { version: 1, status: 'Approved' } });
      const procedures = await data(seeded.sandbox.url, 'tom', 'globalPage.procedures.load', {});
      expect(wp(procedures, 'WP.09').current?.signOffs.map((s) => s.by.displayName)).toEqual(['Carlos Ibáñez', 'Sofia Martins']);
      expect(wp(procedures, 'WP.17').current?.signOffs.map((s) => s.by.displayName)).toEqual(['Sofia Martins', 'Max Bauer']);
      // The helper will not seed as approved what lacks an approver's sign-off.
      expect(() => seedApprovedProcedureWrites('WP.09', demoAccountId('carlos'), [{ role: 'CM', by: demoAccountId('carlos'), at: new Date(t).toISOString() }])).toThrow(/needs the sign-offs/);
    } finally {
      await seeded.stop();
      await actAsForgeRuntime(base);
    }
  });
});
