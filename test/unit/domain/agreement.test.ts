/**
 * Issue #14: the rules of an agreement's content (WP.03, WP.21; RE-08, SLM-09, ROL-12, D18), its approval (RE.2.2), the
 * D19/SLM-08 conflicts between a customer agreement and the agreements underpinning it, and the REST path's reading of
 * content from a description.
 */
import { approvalRefusal, maySignAgreement, missingAgreementSignOffs, neededInWords } from '../../../src/domain/agreement/approval';
import { checkAgreement, reviewState } from '../../../src/domain/agreement/check';
import type { AgreementContent } from '../../../src/domain/agreement/content';
import { agreementConflicts, conflictsOf } from '../../../src/domain/agreement/conflicts';
import { agreementContentIn, fencedBlocksInText, fingerprintOf } from '../../../src/domain/agreement/description';
import { defaultPolicy } from '../../../src/domain/policy';

const policy = defaultPolicy('2026-12-01');
const TODAY = '2026-12-05';

const customer = (over: Partial<AgreementContent> = {}): AgreementContent => ({
  kind: 'customer',
  party: { organizationId: '1', name: 'Northwind Traders' },
  services: ['Managed e-mail'],
  serviceHours: policy.serviceHours,
  targets: {
    Critical: { firstResponseMinutes: 15, resolutionMinutes: 240, escalateAfterMinutes: 240, clock: '24x7' },
    High: { firstResponseMinutes: 30, resolutionMinutes: 120, escalateAfterMinutes: 120, clock: '24x7' },
    Normal: { firstResponseMinutes: 240, resolutionMinutes: 1440, escalateAfterMinutes: 1440, clock: 'serviceHours' },
  },
  priorityMatrix: null,
  contacts: ['carla'],
  owners: { provider: 'rachel', party: 'Carla Jones' },
  keyDates: { start: '2026-01-01', end: null, reviewOn: '2026-04-01', reviewIntervalMonths: 3 },
  approvers: ['SM', 'CUS'],
  feasibility: 'Two engineers on call; last year 98% of High incidents resolved within 2 h.',
  terms: 'Support by e-mail and phone.',
  ...over,
});

const supplier = (over: Partial<AgreementContent> = {}): AgreementContent => customer({
  kind: 'supplier', party: { organizationId: null, name: 'NetHost Ltd' }, contacts: [], approvers: ['SM', 'SUP'],
  targets: {
    Critical: { firstResponseMinutes: 15, resolutionMinutes: 240, escalateAfterMinutes: 240, clock: '24x7' },
    High: { firstResponseMinutes: 30, resolutionMinutes: 240, escalateAfterMinutes: 240, clock: '24x7' },
    Normal: { firstResponseMinutes: 240, resolutionMinutes: 1440, escalateAfterMinutes: 1440, clock: 'serviceHours' },
  },
  ...over,
});

const opts = { approvedServices: ['Managed e-mail', 'Web hosting'], policy, today: TODAY, forApproval: true };

describe('checkAgreement', () => {
  it('finds nothing in a complete customer agreement', () => {
    expect(checkAgreement(customer(), opts)).toEqual([]);
  });

  it('RE-08: approval needs a service of an approved catalogue, said in words', () => {
    const issues = checkAgreement(customer({ services: ['Printing'] }), opts);
    expect(issues).toEqual([expect.objectContaining({ path: 'services', rule: 'RE-08', message: expect.stringContaining('none of "Printing" is a service of an approved catalogue') })]);
    // A draft may be saved so.
    expect(checkAgreement(customer({ services: ['Printing'] }), { ...opts, forApproval: false })).toEqual([]);
    // Without any approved catalogue, it says so.
    expect(checkAgreement(customer(), { ...opts, approvedServices: [] })[0]?.message).toContain('there is no approved service catalogue yet');
  });

  it('names every broken field by its label at once: dates, approvers, feasibility (SLM-09), targets (D9)', () => {
    const bad = customer({
      keyDates: { start: '2026-06-01', end: '2026-05-01', reviewOn: '2026-04-01', reviewIntervalMonths: 3 },
      approvers: [], feasibility: ' ', owners: { provider: '', party: '' },
      targets: { ...customer().targets, High: { firstResponseMinutes: 300, resolutionMinutes: 120, escalateAfterMinutes: 120, clock: '24x7' } },
    });
    const issues = checkAgreement(bad, opts);
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i]));
    expect(byPath['keyDates.end']?.message).toMatch(/^End date 2026-05-01 is before the start date 2026-06-01/);
    expect(byPath['keyDates.reviewOn']?.message).toMatch(/^First review date 2026-04-01 is before the start date/);
    expect(byPath['approvers']?.rule).toBe('ROL-12');
    expect(byPath['feasibility']).toMatchObject({ rule: 'SLM-09', message: expect.stringMatching(/^Feasibility assessment is empty/) });
    expect(byPath['owners.provider']?.message).toMatch(/^Owner for the service provider is empty/);
    expect(byPath['targets.High.firstResponseMinutes']?.message).toMatch(/^First response target for High priority \(300 minutes\) is longer than the resolution target/);
  });

  it('a customer agreement is not signed by a supplier, and a supplier agreement names no customer contacts', () => {
    expect(checkAgreement(customer({ approvers: ['SM', 'SUP'] }), opts).map((i) => i.rule)).toContain('ROL-12');
    expect(checkAgreement(supplier({ contacts: ['carla'] }), opts).map((i) => i.path)).toContain('contacts');
  });
});

describe('approval (RE.2.2, ROL-12)', () => {
  const sm = { accountId: 'sofia', roles: ['SM'] as const };
  const rm = { accountId: 'rachel', roles: ['RM'] as const };
  it('each listed party signs once; the RM records the customer’s sign-off, never signs for SM', () => {
    expect(maySignAgreement(['SM', 'CUS'], sm, 'SM', [])).toEqual({ allowed: true });
    expect(maySignAgreement(['SM', 'CUS'], rm, 'SM', [])).toMatchObject({ allowed: false, code: 'forbidden' });
    expect(maySignAgreement(['SM', 'CUS'], rm, 'CUS', [])).toEqual({ allowed: true });
    expect(maySignAgreement(['SM', 'CUS'], sm, 'MGT', [])).toMatchObject({ allowed: false, message: expect.stringContaining('does not list Management') });
    const given = [{ role: 'SM' as const, by: 'sofia', at: 'x', how: null, givenBy: null }];
    expect(maySignAgreement(['SM', 'CUS'], sm, 'SM', given)).toMatchObject({ allowed: false, message: expect.stringContaining('recorded already') });
    expect(missingAgreementSignOffs(['SM', 'CUS'], given)).toEqual(['CUS']);
    expect(neededInWords(['MGT', 'SM', 'CUS'], given)).toBe('Needs the sign-off of Management and the customer.');
  });
});

describe('agreementConflicts (D19, SLM-08)', () => {
  it('a supplier agreement with a 4 h High resolution under a 2 h customer target is a conflict on both', () => {
    const conflicts = agreementConflicts([
      { issueKey: 'SD-10', title: 'Northwind SLA', version: 1, content: customer() },
      { issueKey: 'SD-11', title: 'NetHost hosting', version: 1, content: supplier() },
    ]);
    expect(conflicts).toEqual([expect.objectContaining({
      customer: expect.objectContaining({ issueKey: 'SD-10' }), underpinning: expect.objectContaining({ issueKey: 'SD-11', kind: 'supplier' }),
      service: 'Managed e-mail', priority: 'High', measure: 'resolution', customerTarget: '120', underpinningTarget: '240',
    })]);
    expect(conflicts[0]?.message).toContain('allows 4 h for the resolution, the customer agreement SD-10 promises 2 h');
    expect(conflictsOf('SD-10', conflicts)).toHaveLength(1);
    expect(conflictsOf('SD-11', conflicts)).toHaveLength(1);
    expect(conflictsOf('SD-12', conflicts)).toHaveLength(0);
  });

  it('a service-hours clock under a 24×7 customer clock is weaker; other services and stricter targets are not', () => {
    const ola = customer({ kind: 'internal', party: { organizationId: null, name: 'Network team' }, contacts: [], services: ['managed E-MAIL'],
      targets: { ...customer().targets, Critical: { firstResponseMinutes: 10, resolutionMinutes: 200, escalateAfterMinutes: 200, clock: 'serviceHours' } } });
    const conflicts = agreementConflicts([
      { issueKey: 'SD-10', title: 'SLA', version: 1, content: customer() },
      { issueKey: 'SD-12', title: 'OLA', version: null, content: ola },
      { issueKey: 'SD-13', title: 'Other', version: 1, content: supplier({ services: ['Backup & restore'] }) },
    ]);
    expect(conflicts.map((c) => [c.underpinning.issueKey, c.priority, c.measure])).toEqual([['SD-12', 'Critical', 'clock']]);
  });

  it('approving a customer agreement is refused while it conflicts (SLM-08), in words', () => {
    const conflicts = agreementConflicts([
      { issueKey: 'SD-10', title: 'SLA', version: null, content: customer() },
      { issueKey: 'SD-11', title: 'Hosting', version: 1, content: supplier() },
    ]);
    expect(approvalRefusal([], conflicts)).toMatch(/promises more than the approved underpinning agreement SD-11 can deliver/);
    expect(approvalRefusal([], [])).toBeNull();
  });
});

describe('review (D18)', () => {
  const keyDates = { start: '2026-01-01', end: null, reviewOn: '2026-04-01', reviewIntervalMonths: 3 };
  it('is due quarterly from the first review date until reviewed or re-approved', () => {
    expect(reviewState(keyDates, '2026-03-31', null)).toEqual({ dueOn: '2026-04-01', due: false, nextOn: '2026-04-01' });
    expect(reviewState(keyDates, '2026-04-01', null)).toEqual({ dueOn: '2026-04-01', due: true, nextOn: '2026-07-01' });
    expect(reviewState(keyDates, '2026-12-05', null)).toEqual({ dueOn: '2026-10-01', due: true, nextOn: '2027-01-01' });
    expect(reviewState(keyDates, '2026-12-05', '2026-10-15')).toMatchObject({ due: false, nextOn: '2027-01-01' });
    expect(reviewState({ ...keyDates, end: '2026-09-30' }, '2026-12-05', null)).toMatchObject({ dueOn: '2026-10-01', due: false });
  });
});

describe('content in a description (REST)', () => {
  it('reads the first JSON block, names broken fields by label, and fingerprints regardless of key order', () => {
    const c = customer();
    const read = agreementContentIn(['not json', JSON.stringify(c)]);
    expect(read).toMatchObject({ found: true, ok: true });
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(c).reverse()));
    expect(agreementContentIn([reordered])).toMatchObject({ fingerprint: read.found && read.ok ? read.fingerprint : 'x' });
    const bad = agreementContentIn([JSON.stringify({ ...c, keyDates: { ...c.keyDates, end: '31/12/2026' }, colour: 'blue' })]);
    expect(bad).toMatchObject({ found: true, ok: false });
    if (bad.found && !bad.ok) {
      expect(bad.problems.join(' ')).toContain('End date: must be a date YYYY-MM-DD.');
      expect(bad.problems.join(' ')).toContain('fields the agreement does not know: colour');
    }
    expect(agreementContentIn(['{ nope'])).toMatchObject({ found: true, ok: false, problems: [expect.stringContaining('not valid JSON')] });
    expect(agreementContentIn([])).toEqual({ found: false });
    expect(fencedBlocksInText('Intro\n```json\n{"a":1}\n```\nend')).toEqual(['{"a":1}\n']);
    expect(fingerprintOf({ a: 1, b: 2 })).toBe(fingerprintOf({ b: 2, a: 1 }));
  });
});
