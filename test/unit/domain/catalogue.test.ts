import {
  blankService, checkCatalogue, customerServiceOf, describeCatalogueEdit, draftingRefusal, offeredTo, optionSyncPlan, servicesInForce, tidyCatalogue, updateApprovalRefusal,
  type CatalogueContent, type CatalogueService,
} from '../../../src/domain/catalogue/content';
import { mayCall, type Caller } from '../../../src/domain/access';

const service = (over: Partial<CatalogueService> = {}): CatalogueService => ({
  ...blankService('s1'), name: 'Managed e-mail', description: 'Mailboxes and relays.', hours: 'Mon–Fri 08:00–18:00 Europe/Lisbon',
  quality: [{ measure: 'Availability', target: '99.9 % a month' }], howToRequest: 'Through the portal.', contacts: 'Service desk', complaints: 'Raise a complaint with the RM.',
  status: 'Live', ...over,
});
const catalogue = (services: CatalogueService[], over: Partial<CatalogueContent> = {}): CatalogueContent => ({ name: 'Hosting services', description: '', services, changeRequest: null, ...over });
const ctx = { forApproval: true, approvedBefore: false, otherServiceNames: [] };

describe('service catalogue rules (WP.10)', () => {
  it('a complete catalogue passes', () => {
    expect(checkCatalogue(catalogue([service()]), ctx)).toEqual([]);
  });

  it('RE-06: a service without a quality measure and target is refused for approval, named by its label', () => {
    const issues = checkCatalogue(catalogue([service({ quality: [] })]), ctx);
    expect(issues).toEqual([expect.objectContaining({ serviceId: 's1', field: 'quality', blocksDraft: false, rules: expect.arrayContaining(['RE-06']), message: expect.stringContaining('Service “Managed e-mail”: name at least one quality measure') })]);
    expect(checkCatalogue(catalogue([service({ quality: [{ measure: 'Availability', target: '' }] })]), ctx)[0]?.message).toContain('the quality measure “Availability” has no target');
    // A draft may be saved without it.
    expect(checkCatalogue(catalogue([service({ quality: [] })]), { ...ctx, forApproval: false })).toEqual([]);
  });

  it('names every missing WP.10 field by its label', () => {
    const messages = checkCatalogue(catalogue([service({ description: '', hours: ' ', howToRequest: '', contacts: '', complaints: '' })]), ctx).map((i) => i.message);
    expect(messages).toEqual(expect.arrayContaining([
      'Service “Managed e-mail”: Description is required.', expect.stringContaining('Service hours are required'), 'Service “Managed e-mail”: How to request it is required.',
      'Service “Managed e-mail”: Contacts are required.', 'Service “Managed e-mail”: How complaints are handled is required.',
    ]));
  });

  it('a service name is unique across every catalogue, without regard to case; a comma is refused', () => {
    const twice = checkCatalogue(catalogue([service(), service({ id: 's2', name: 'MANAGED  e-mail' })]), { ...ctx, forApproval: false });
    expect(twice).toEqual([expect.objectContaining({ serviceId: 's2', blocksDraft: true, message: expect.stringContaining('used twice') })]);
    const other = checkCatalogue(catalogue([service()]), { ...ctx, forApproval: false, otherServiceNames: [{ name: 'managed e-mail', catalogue: 'Office services' }] });
    expect(other[0]?.message).toContain('already used in the catalogue “Office services”');
    expect(checkCatalogue(catalogue([service({ name: 'Mail, web' })]), { ...ctx, forApproval: false })[0]?.message).toContain('must not contain a comma');
  });

  it('RE.1.3 NOTE: an update of an approved catalogue names a service change request; approval waits for its deployment', () => {
    const issues = checkCatalogue(catalogue([service()]), { ...ctx, forApproval: false, approvedBefore: true });
    expect(issues).toEqual([expect.objectContaining({ field: 'changeRequest', blocksDraft: true, rules: ['RE.1.3', 'RE-07'] })]);
    expect(checkCatalogue(catalogue([service()], { changeRequest: 'not a key' }), { ...ctx, forApproval: false })[0]?.message).toContain('is not an issue key');
    expect(updateApprovalRefusal({ approvedBefore: false, changeRequest: null, changeDeployed: false })).toBeNull();
    expect(updateApprovalRefusal({ approvedBefore: true, changeRequest: 'SD-7', changeDeployed: false })).toContain('published when its service change request SD-7 is deployed');
    expect(updateApprovalRefusal({ approvedBefore: true, changeRequest: 'SD-7', changeDeployed: true })).toBeNull();
  });

  it('RE-06: drafting needs the approved policy', () => {
    expect(draftingRefusal(false)).toContain('approve the policy first');
    expect(draftingRefusal(true)).toBeNull();
  });

  it('the services in force leave retired ones out; a customer sees Live services offered to them, customer-facing fields only', () => {
    const vital = service({ id: 'a', name: 'Web hosting', vital: true, offeredTo: ['org-1'], dependencies: { suppliers: ['NetHost'], configurationItems: ['web-01'] } });
    const retired = service({ id: 'b', name: 'Fax', status: 'Retired' });
    const planned = service({ id: 'c', name: 'Backups', status: 'Pipeline' });
    const inForce = servicesInForce([catalogue([service(), vital, retired, planned])]);
    expect(inForce.map((s) => s.name)).toEqual(['Managed e-mail', 'Web hosting', 'Backups']);
    expect(inForce.filter((s) => offeredTo(s, ['org-2'])).map((s) => s.name)).toEqual(['Managed e-mail']);
    expect(inForce.filter((s) => offeredTo(s, ['org-1'])).map((s) => s.name)).toEqual(['Managed e-mail', 'Web hosting']);
    const shown = customerServiceOf(vital);
    expect(Object.keys(shown).sort()).toEqual(['complaints', 'contacts', 'costs', 'description', 'hours', 'howToRequest', 'name', 'quality']);
    expect(JSON.stringify(shown)).not.toContain('web-01');
    expect(JSON.stringify(shown)).not.toContain('NetHost');
  });

  it('plans the Jira field options: adds missing services, disables retired ones, offers a disabled one again', () => {
    const plan = optionSyncPlan([
      { id: '1', value: 'Managed e-mail', disabled: false }, { id: '2', value: 'Fax', disabled: false }, { id: '3', value: 'web hosting', disabled: true },
    ], ['Managed e-mail', 'Web hosting', 'Backups'], ['Fax']);
    expect(plan).toEqual({ create: ['Backups'], enable: ['3'], disable: ['2'] });
    expect(optionSyncPlan([{ id: '2', value: 'Fax', disabled: true }], [], ['Fax'])).toEqual({ create: [], enable: [], disable: [] });
  });

  it('tidies what is stored and describes an edit in words', () => {
    const tidy = tidyCatalogue(catalogue([service({ name: '  Managed   e-mail ', quality: [{ measure: ' ', target: '' }, { measure: 'Availability', target: '99.9 %' }], offeredTo: ['org-1', 'org-1', ''] })], { changeRequest: ' sd-4 ' }));
    expect(tidy.services[0]).toMatchObject({ name: 'Managed e-mail', quality: [{ measure: 'Availability', target: '99.9 %' }], offeredTo: ['org-1'] });
    expect(tidy.changeRequest).toBe('SD-4');
    const before = catalogue([service()]);
    expect(describeCatalogueEdit(before, catalogue([service({ status: 'Retired' }), service({ id: 's2', name: 'Backups' })], { changeRequest: 'SD-4' }))).toBe('Set “Managed e-mail” to Retired; added “Backups” (through SD-4).');
  });

  it('RE.1.1, RE.1.2: the RM or SM draft and approve; a Practitioner may not', () => {
    const caller = (roles: Caller['roles']): Caller => ({ accountId: 'a', roles, rolesConfigured: true, accountType: 'atlassian', isJiraAdmin: false, serviceManagerAssigned: true });
    expect(mayCall('catalogue.edit', caller(['RM'])).allowed).toBe(true);
    expect(mayCall('catalogue.approve', caller(['SM'])).allowed).toBe(true);
    expect(mayCall('catalogue.edit', caller(['PT']))).toMatchObject({ allowed: false, rule: 'RE.1.1' });
    expect(mayCall('catalogue.approve', caller(['CM']))).toMatchObject({ allowed: false, rule: 'RE.1.2' });
  });
});
