/**
 * Issue #14: the service catalogue (WP.10; RE.1.1–RE.1.3, RE-05..RE-07, CO.3.4, SLM-02, D13, D23, D26) through the
 * sandbox: resolvers are invoked as demo users over the bridge endpoint, as the Custom UI's invoke does; a change is
 * deployed through the sandbox's Jira workflow, and the app's pipeline publishes the catalogue update it carries.
 */
import { kvs } from '@forge/kvs';
import { Version3Client } from 'jira.js';
import type { CatalogueAnswers, CatalogueContent, CatalogueService } from '../../src/contract/catalogue';
import type { Result } from '../../src/contract/results';
import { defaultPolicy } from '../../src/domain/policy';
import { REGISTER_KEY } from '../../src/store/catalogues';
import { demoToken } from '../../sandbox/seed/demo';
import { actAsForgeRuntime } from './forge-globals';
import { changeDriver } from './change-driver';
import { incidentDriver } from './incident-driver';
import { call, emailOf, withSandbox } from './harness';

jest.setTimeout(120_000);

type Key = keyof CatalogueAnswers;
const GLOBAL = { moduleKey: 'sd-global-page', extension: { type: 'jira:globalPage' } };
const PORTAL = { moduleKey: 'sd-portal-home', extension: {} };

const service = (id: string, name: string, over: Partial<CatalogueService> = {}): CatalogueService => ({
  id, name, description: `${name}, run by Acme.`, hours: 'Mon–Fri 08:00–18:00 Europe/Lisbon', quality: [{ measure: 'Availability', target: '99.9 % a month' }],
  howToRequest: 'Raise a request on the portal.', costs: '', contacts: 'service-desk@acme.example', dependencies: { suppliers: ['NetHost Ltd'], configurationItems: ['mail-relay-mx1'] },
  standards: 'ISO/IEC 27001', complaints: 'Tell the Relationship Manager; answered within 5 working days.', vital: false, offeredTo: [], status: 'Live', ...over,
});

/** The default policy with what approval needs written in (GO.2.1, GO-08). */
const approvablePolicy = () => ({
  ...defaultPolicy('2026-12-01'), objectives: 'Keep our customers’ mail and sites running.',
  informationSecurity: { confidentiality: 'Access on least privilege.', integrity: 'Signed backups.', availability: 'Two sites.' },
});

describe('the service catalogue (WP.10)', () => {
  let env: Awaited<ReturnType<typeof withSandbox>>;
  let base: string;
  beforeAll(async () => {
    env = await withSandbox({ startAt: '2026-12-01T08:00:00.000Z' });
    base = env.sandbox.url;
    // A site with no catalogue yet: the demo seeds an approved one (demo-relationship.ts); its register is emptied.
    await actAsForgeRuntime(base);
    await kvs.delete(REGISTER_KEY);
  });
  afterAll(async () => { await env.stop(); });

  async function invoke<K extends Key>(user: string, key: K, payload: unknown, context: Record<string, unknown> = key.startsWith('portalHome') ? PORTAL : GLOBAL): Promise<Result<CatalogueAnswers[K]>> {
    const res = await call(base, 'POST', '/sandbox/bridge', { user, body: { type: 'invoke', payload: { functionKey: key, payload }, context } });
    const body = res.body as { ok: boolean; result?: Result<CatalogueAnswers[K]> };
    if (!body.ok || !body.result) throw new Error(`bridge failed for ${key}: ${JSON.stringify(body)}`);
    return body.result;
  }
  async function data<K extends Key>(user: string, key: K, payload: unknown): Promise<CatalogueAnswers[K]> {
    const r = await invoke(user, key, payload);
    if (!r.ok) throw new Error(`${key} as ${user} refused: ${r.error.code} ${r.error.message}`);
    return r.data;
  }
  async function bridge(user: string, functionKey: string, payload: unknown): Promise<{ ok: boolean; data?: unknown; error?: { message: string } }> {
    const res = await call(base, 'POST', '/sandbox/bridge', { user, body: { type: 'invoke', payload: { functionKey, payload }, context: GLOBAL } });
    return (res.body as { result: { ok: boolean; data?: unknown; error?: { message: string } } }).result;
  }
  const jira = () => new Version3Client({ host: base, authentication: { basic: { email: emailOf('sofia'), apiToken: demoToken('sofia') } } });
  async function fieldOptions(): Promise<Array<{ value: string; disabled: boolean }>> {
    const fields = (await call(base, 'GET', '/rest/api/3/field', { user: 'sofia' })).body as Array<{ id: string; name: string }>;
    const fieldId = fields.find((f) => f.name === 'Affected services')!.id;
    const contexts = await jira().issueCustomFieldContexts.getContextsForField({ fieldId });
    const page = await jira().issueCustomFieldOptions.getOptionsForContext({ fieldId, contextId: Number(contexts.values![0]!.id) });
    return (page.values ?? []).map((o) => ({ value: o.value, disabled: o.disabled }));
  }

  const content: CatalogueContent = {
    name: 'Hosting services', description: 'What Acme runs for its customers.', changeRequest: null,
    services: [
      service('mail', 'Managed e-mail', { vital: true }),
      service('premium', 'Premium hosting', { offeredTo: ['org-nobody'], costs: '900 EUR a month' }),
      service('archive', 'Mail archive', { status: 'Pipeline' }),
    ],
  };

  it('RE-06: nothing is drafted before the policy is approved; then the RM drafts, a Practitioner may not, and the SM approves', async () => {
    const early = await invoke('rachel', 'globalPage.catalogue.saveDraft', { catalogueId: null, content, expectedRevision: null });
    expect(early).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('approve the policy first') } });

    const policy = await bridge('sofia', 'globalPage.policy.saveDraft', { policy: approvablePolicy(), expectedRevision: null });
    const revision = (policy.data as { policy: { draft: { revision: number } } }).policy.draft.revision;
    const approvedPolicy = await bridge('sofia', 'globalPage.policy.approve', { revision });
    expect(approvedPolicy.error?.message ?? 'approved').toBe('approved');

    const tom = await invoke('tom', 'globalPage.catalogue.saveDraft', { catalogueId: null, content, expectedRevision: null });
    expect(tom).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Relationship Manager or the Service Manager') } });

    const noTarget = { ...content, services: [service('mail', 'Managed e-mail', { quality: [] })] };
    const drafted = await data('rachel', 'globalPage.catalogue.saveDraft', { catalogueId: null, content: noTarget, expectedRevision: null });
    const cat = drafted.catalogues.find((c) => c.name === 'Hosting services')!;
    expect(cat).toMatchObject({ id: 'hosting-services', current: null, draft: { revision: 1, updatedBy: { displayName: 'Rachel Green' } } });
    expect(cat.draft!.issues.map((i) => i.message)).toEqual([expect.stringContaining('name at least one quality measure')]);
    // RE-06: the SM cannot approve a service without a quality target; Tom may not approve at all.
    expect(await invoke('sofia', 'globalPage.catalogue.approve', { catalogueId: cat.id, revision: 1 })).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('quality measure') } });
    expect(await invoke('tom', 'globalPage.catalogue.approve', { catalogueId: cat.id, revision: 1 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const full = await data('rachel', 'globalPage.catalogue.saveDraft', { catalogueId: cat.id, content, expectedRevision: 1 });
    expect(full.catalogues[0]!.draft).toMatchObject({ revision: 2, issues: [], approvalRefusal: null });
    // A second catalogue may not reuse a service name, whatever its case.
    const clash = await invoke('sofia', 'globalPage.catalogue.saveDraft', { catalogueId: null, content: { ...content, name: 'Office', services: [service('x', 'MANAGED E-MAIL')] }, expectedRevision: null });
    expect(clash).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('already used in the catalogue “Hosting services”') } });

    const approved = await data('sofia', 'globalPage.catalogue.approve', { catalogueId: cat.id, revision: 2 });
    expect(approved.catalogues[0]).toMatchObject({ draft: null, current: { version: 1, status: 'Approved', approvedBy: { displayName: 'Sofia Martins' }, draftedBy: { displayName: 'Rachel Green' } }, versions: [1] });
    expect(approved.fieldSync).toContain('added “Premium hosting”, “Mail archive”');
    // The field lists the catalogue's services (Jira's shapes, read with jira.js).
    const options = await fieldOptions();
    expect(options).toEqual(expect.arrayContaining([{ value: 'Managed e-mail', disabled: false }, { value: 'Premium hosting', disabled: false }, { value: 'Mail archive', disabled: false }]));
    // A second catalogue (RE-05) drafted and discarded: its history stays, nothing else of it.
    const office = await data('sofia', 'globalPage.catalogue.saveDraft', { catalogueId: null, content: { ...content, name: 'Office services', services: [service('print', 'Printing')] }, expectedRevision: null });
    const officeDraft = office.catalogues.find((x) => x.id === 'office-services')!;
    const discarded = await data('rachel', 'globalPage.catalogue.discard', { catalogueId: officeDraft.id, revision: officeDraft.draft!.revision });
    expect(discarded.catalogues.find((x) => x.id === 'office-services')).toMatchObject({ current: null, draft: null, history: [expect.objectContaining({ action: 'draft-discarded' }), expect.objectContaining({ action: 'draft-saved' })] });
    // The configuration tab offers the catalogue's services.
    const config = await bridge('carlos', 'globalPage.configuration.load', {});
    expect((config.data as { services: string[] }).services).toEqual(expect.arrayContaining(['Managed e-mail', 'Premium hosting', 'Mail archive']));
  });

  it('D13: an incident affecting a vital service of the approved catalogue is significant', async () => {
    const d = incidentDriver(base);
    const { key } = await d.create('Mailboxes slow for one user (issue 14)', 'Low', 'Low', { by: 'priya' });
    const view = await d.panel(key);
    expect(view.incident?.classification).toMatchObject({ significant: true, significantReasons: ['affects vital service Managed e-mail'] });
  });

  it('a customer sees only Live services offered to them, customer-facing fields only; staff see the customer view', async () => {
    const carla = await data('carla', 'portalHome.catalogue.load', {});
    expect(carla.services.map((s) => s.name)).toEqual(['Managed e-mail']);
    expect(carla.services[0]).toEqual({
      name: 'Managed e-mail', description: 'Managed e-mail, run by Acme.', hours: 'Mon–Fri 08:00–18:00 Europe/Lisbon', howToRequest: 'Raise a request on the portal.',
      quality: [{ measure: 'Availability', target: '99.9 % a month' }], contacts: 'service-desk@acme.example', complaints: expect.stringContaining('Relationship Manager'), costs: '',
    });
    expect(JSON.stringify(carla)).not.toContain('mail-relay-mx1');
    expect(JSON.stringify(carla)).not.toContain('NetHost');
    expect((await data('tom', 'portalHome.catalogue.load', {})).services.map((s) => s.name)).toEqual(['Managed e-mail']);
    // The service team's tab is not theirs.
    expect(await invoke('carla', 'globalPage.catalogue.load', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('RE.1.3 NOTE, CO.3.4: an update names a change, waits for its deployment, and the deployment publishes it; retired services leave the field', async () => {
    const view = await data('rachel', 'globalPage.catalogue.load', {});
    const cat = view.catalogues[0]!;
    const update: CatalogueContent = { ...cat.current!.content, services: cat.current!.content.services.map((s) => (s.id === 'premium' ? { ...s, status: 'Retired' as const } : s)) };
    const unnamed = await invoke('rachel', 'globalPage.catalogue.saveDraft', { catalogueId: cat.id, content: update, expectedRevision: null });
    expect(unnamed).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('Service change request is required') } });

    const c = changeDriver(base);
    const { key } = await c.create('Retire premium hosting (issue 14)', { by: 'ines', type: 'Emergency', documented: false, cis: ['mail-relay-config'] });
    const saved = await data('rachel', 'globalPage.catalogue.saveDraft', { catalogueId: cat.id, content: { ...update, changeRequest: key }, expectedRevision: null });
    expect(saved.catalogues[0]!.draft).toMatchObject({ change: { key, deployed: false }, approvalRefusal: expect.stringContaining(`published when its service change request ${key} is deployed`) });
    const early = await invoke('sofia', 'globalPage.catalogue.approve', { catalogueId: cat.id, revision: saved.catalogues[0]!.draft!.revision });
    expect(early).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('is deployed') } });

    const decided = await c.act(key, 'sofia', 'change.decide', { step: 'evaluate', decision: 'approved' });
    expect(decided.ok).toBe(true);
    expect((await c.transition(key, 'Deploy (emergency)', 'priya')).status).toBe(204);
    await call(base, 'POST', '/sandbox/events/settle');

    const after = (await data('rachel', 'globalPage.catalogue.load', {})).catalogues[0]!;
    expect(after).toMatchObject({ draft: null, current: { version: 2, status: 'Updated', content: { changeRequest: key } }, versions: [2, 1] });
    expect(after.history[0]).toMatchObject({ action: 'approved', summary: expect.stringContaining(`${key} was deployed`) });
    // D23: version 1 stays readable.
    const v1 = await data('tom', 'globalPage.catalogue.versions', { catalogueId: cat.id, version: 1 });
    expect(v1.content.services.find((s) => s.id === 'premium')?.status).toBe('Live');
    // The retired service's option is disabled, never deleted.
    expect(await fieldOptions()).toEqual(expect.arrayContaining([{ value: 'Premium hosting', disabled: true }, { value: 'Managed e-mail', disabled: false }]));
    // The portal's request forms offer the same list (JSM reads the field's enabled options).
    const desks = (await call(base, 'GET', '/rest/servicedeskapi/servicedesk', { user: 'carla' })).body as { values: Array<{ id: string }> };
    const offered = new Set<string>();
    for (const desk of desks.values) {
      const types = (await call(base, 'GET', `/rest/servicedeskapi/servicedesk/${desk.id}/requesttype`, { user: 'carla' })).body as { values: Array<{ id: string }> };
      for (const type of types.values) {
        const form = (await call(base, 'GET', `/rest/servicedeskapi/servicedesk/${desk.id}/requesttype/${type.id}/field`, { user: 'carla' })).body as { requestTypeFields: Array<{ name: string; validValues: Array<{ label: string }> }> };
        for (const f of form.requestTypeFields.filter((x) => x.name === 'Affected services')) for (const v of f.validValues) offered.add(v.label);
      }
    }
    expect(offered.has('Managed e-mail')).toBe(true);
    expect(offered.has('Premium hosting')).toBe(false);
    // The sandbox answers Jira's update of options (PUT) with Jira's shape, as jira.js sends it.
    const fields = (await call(base, 'GET', '/rest/api/3/field', { user: 'sofia' })).body as Array<{ id: string; name: string }>;
    const fieldId = fields.find((f) => f.name === 'Affected services')!.id;
    const contextId = Number((await jira().issueCustomFieldContexts.getContextsForField({ fieldId })).values![0]!.id);
    const premium = (await jira().issueCustomFieldOptions.getOptionsForContext({ fieldId, contextId })).values!.find((o) => o.value === 'Premium hosting')!;
    const updated = await jira().issueCustomFieldOptions.updateCustomFieldOption({ fieldId, contextId, options: [{ id: premium.id, disabled: true }] });
    expect(updated.options).toEqual([{ id: premium.id, value: 'Premium hosting', disabled: true }]);
  });
});
