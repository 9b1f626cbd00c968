import { mayCall, type Caller } from '../../../src/domain/access';
import { changeVersionSummary, describeItemChange, itemContentSchema, itemMatches, recordStatusOf, suggestItemId, type ItemContent } from '../../../src/domain/configuration/item';
import { approvedStatus, maySignOff, missingSignOffs, neededInWords, PROCEDURES, signableRoles, starterContent, type SignOff } from '../../../src/domain/configuration/procedures';
import type { RoleCode } from '../../../src/domain/roles';

const item: ItemContent = {
  id: 'mail-relay-mx1', name: 'Mail relay MX1', service: 'Managed e-mail', kind: 'hardware', description: '', owner: 'acc-carlos', location: 'Rack 4', inServiceSince: '2025-03-01', status: 'active',
};

describe('configuration items (WP.02, CO.1.4)', () => {
  it('accepts a readable identifier usable as a Jira label, and refuses others naming the field', () => {
    expect(itemContentSchema.safeParse(item).success).toBe(true);
    for (const id of ['Mail relay', 'mail_relay', '-mail', 'mail--relay', 'x', 'mail-']) {
      const r = itemContentSchema.safeParse({ ...item, id });
      expect(r.success).toBe(false);
      if (!r.success) expect(r.error.issues[0]?.message).toContain(`Identifier "${id}" is not valid`);
    }
  });

  it('says which fields break which rule, in words', () => {
    const r = itemContentSchema.safeParse({ ...item, name: '  ', kind: 'gadget', owner: '', inServiceSince: '1 March', status: 'gone' });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.issues.map((i) => i.message)).toEqual([
        'Name is required.',
        'Kind must be one of Hardware, Software, Human competency, Information (document).',
        'Owner is required: name the person responsible for the item.',
        'Date in service "1 March" is not a date (YYYY-MM-DD).',
        'Status must be Active or Retired.',
      ]);
    }
  });

  it('numbers versions: the first is "stored", every later one "updated"', () => {
    expect([1, 2, 7].map(recordStatusOf)).toEqual(['stored', 'updated', 'updated']);
  });

  it('describes an edit, a retirement and a change’s version in words', () => {
    expect(describeItemChange(null, item)).toBe('Stored hardware "Mail relay MX1" of Managed e-mail.');
    expect(describeItemChange(item, { ...item, owner: 'acc-max', location: 'Rack 5' })).toBe('Changed owner, location.');
    expect(describeItemChange(item, { ...item, status: 'retired' })).toBe('Retired "Mail relay MX1".');
    expect(changeVersionSummary('SD-42', ' certificates renewed ')).toBe('Updated by the deployment of SD-42: certificates renewed');
  });

  it('suggests an identifier from a name and matches a picker query', () => {
    expect(suggestItemId('Mail relay MX1')).toBe('mail-relay-mx1');
    expect(suggestItemId('Núcleo  de backup!')).toBe('nucleo-de-backup');
    expect(itemMatches(item, 'e-MAIL')).toBe(true);
    expect(itemMatches(item, 'hardware')).toBe(true);
    expect(itemMatches(item, 'web')).toBe(false);
    expect(itemMatches(item, undefined)).toBe(true);
  });

  it('lets the Control Manager or Management edit, nobody else (CO.1.4)', () => {
    const caller = (roles: RoleCode[]): Caller => ({ accountId: 'a', roles, rolesConfigured: true, accountType: 'atlassian', isJiraAdmin: false, serviceManagerAssigned: true });
    expect((['CM', 'MGT', 'SM', 'PT', 'IM'] as RoleCode[]).map((r) => mayCall('configuration.edit', caller([r])).allowed)).toEqual([true, true, false, false, false]);
    expect(mayCall('procedures.edit', caller(['MGT'])).allowed).toBe(false);
    expect(mayCall('procedures.edit', caller(['CM'])).allowed).toBe(true);
  });
});

describe('procedures (WP.17 CO.1.3; WP.09 CO.1.5)', () => {
  const wp17 = PROCEDURES['WP.17'];
  const wp09 = PROCEDURES['WP.09'];
  const sofia = { accountId: 'sofia', roles: ['SM'] as RoleCode[] };
  const max = { accountId: 'max', roles: ['MGT'] as RoleCode[] };
  const both = { accountId: 'sam', roles: ['SM', 'MGT'] as RoleCode[] };
  const signed = (role: RoleCode, by: string): SignOff => ({ role, by, at: '2026-12-04T10:00:00.000Z' });

  it('ships a starting text for every section, covering emergency changes and removal (CO-17)', () => {
    for (const def of [wp17, wp09]) for (const s of def.sections) expect(starterContent(def).sections[s.key]?.length).toBeGreaterThan(40);
    expect(wp17.sections.map((s) => s.key)).toEqual(expect.arrayContaining(['design', 'build', 'test', 'deployment', 'changeRequest', 'schedule', 'emergency', 'removal']));
  });

  it('WP.17 needs the Service Manager and Management; one sign-off is not an approval', () => {
    expect(neededInWords(wp17, [])).toBe('Needs the Service Manager’s and Management’s approval.');
    expect(missingSignOffs(wp17, [signed('SM', 'sofia')])).toEqual(['MGT']);
    expect(neededInWords(wp17, [signed('SM', 'sofia')])).toBe('Still needs Management’s approval.');
    expect(missingSignOffs(wp17, [signed('SM', 'sofia'), signed('MGT', 'max')])).toEqual([]);
    expect(neededInWords(wp09, [])).toBe('Needs the Control Manager’s and the Service Manager’s approval.');
  });

  it('refuses a role that does not approve, a role not held, a role signed twice, and one person signing twice', () => {
    expect(maySignOff(wp17, { accountId: 'carlos', roles: ['CM'] }, 'CM', [])).toMatchObject({ allowed: false, message: expect.stringContaining('not by the Control Manager') });
    expect(maySignOff(wp17, max, 'SM', [])).toMatchObject({ allowed: false, message: expect.stringContaining('You do not hold the role of Service Manager') });
    expect(maySignOff(wp17, sofia, 'SM', [signed('SM', 'other')])).toMatchObject({ allowed: false, message: 'The Service Manager has already approved this draft.' });
    expect(maySignOff(wp17, both, 'MGT', [signed('SM', 'sam')])).toMatchObject({ allowed: false, message: expect.stringContaining('must come from another person') });
    expect(maySignOff(wp17, max, 'MGT', [signed('SM', 'sofia')])).toEqual({ allowed: true });
    expect(signableRoles(wp17, both, [])).toEqual(['SM', 'MGT']);
    expect(signableRoles(wp17, both, [signed('SM', 'sam')])).toEqual([]);
  });

  it('a later approved version of WP.17 is "Updated"; WP.09 knows only "Approved"', () => {
    expect(approvedStatus(wp17, null)).toBe('Approved');
    expect(approvedStatus(wp17, 1)).toBe('Updated');
    expect(approvedStatus(wp09, 1)).toBe('Approved');
  });
});
