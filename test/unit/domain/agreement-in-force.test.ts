import type { AgreementContent, ApprovedAgreementVersion } from '../../../src/domain/agreement/content';
import { agreementCovering, incidentPolicyUnder, versionsInForceAt } from '../../../src/domain/agreement/in-force';
import { defaultPolicy } from '../../../src/domain/policy';

const T = Date.parse('2026-11-02T12:00:00Z');
const H = 3_600_000;
const week = { mon: [{ from: '08:00', to: '18:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

function version(issueKey: string, v: number, approvedAt: number, over: Partial<AgreementContent> = {}): ApprovedAgreementVersion {
  const content: AgreementContent = {
    kind: 'customer', party: { organizationId: null, name: 'All customers' }, services: ['Managed e-mail'],
    serviceHours: { timeZone: 'America/New_York', week, holidays: [] }, targets: {}, priorityMatrix: null, contacts: [],
    owners: { provider: 'rachel', party: '' }, keyDates: { start: '2026-01-01', end: null, reviewOn: '2027-01-01', reviewIntervalMonths: 3 },
    approvers: ['SM'], feasibility: '', terms: '', ...over,
  };
  return { issueId: issueKey.replace('SD-', ''), issueKey, title: issueKey, version: v, approvedAt, content };
}

describe('the agreement covering an incident (D18)', () => {
  const master = version('SD-1', 1, T - 10 * H);
  const northwind = version('SD-2', 1, T - 5 * H, { party: { organizationId: '1', name: 'Northwind' } });
  const northwindV2 = version('SD-2', 2, T + H, { party: { organizationId: '1', name: 'Northwind' } });
  const web = version('SD-3', 1, T - 5 * H, { party: { organizationId: '1', name: 'Northwind' }, services: ['Web hosting'] });
  const supplier = version('SD-4', 1, T - 5 * H, { kind: 'supplier', party: { organizationId: null, name: 'NetHost' } });
  const all = [master, northwind, northwindV2, web, supplier];

  it('takes the version approved before the incident was created, never a later one (RE.2.5)', () => {
    expect(versionsInForceAt(all, T).map((v) => `${v.issueKey} v${String(v.version)}`).sort()).toEqual(['SD-1 v1', 'SD-2 v1', 'SD-3 v1', 'SD-4 v1']);
    expect(agreementCovering(all, { organizationIds: ['1'], services: ['Managed e-mail'], createdAt: T })).toBe(northwind);
    expect(agreementCovering(all, { organizationIds: ['1'], services: ['Managed e-mail'], createdAt: T + 2 * H })).toBe(northwindV2);
  });

  it('prefers the organization’s agreement for the service, then the master agreement; never a supplier agreement', () => {
    expect(agreementCovering(all, { organizationIds: ['1'], services: ['web hosting'], createdAt: T })).toBe(web);
    expect(agreementCovering(all, { organizationIds: ['2'], services: ['Managed e-mail'], createdAt: T })).toBe(master);
    expect(agreementCovering(all, { organizationIds: [], services: ['Managed e-mail'], createdAt: T })).toBe(master);
    expect(agreementCovering(all, { organizationIds: ['2'], services: ['Backup & restore'], createdAt: T })).toBeNull();
    expect(agreementCovering([supplier], { organizationIds: [], services: ['Managed e-mail'], createdAt: T })).toBeNull();
  });

  it('an agreement outside its term covers nothing; before any agreement the policy applies', () => {
    const ended = version('SD-5', 1, T - 10 * H, { party: { organizationId: '1', name: 'Northwind' }, keyDates: { start: '2025-01-01', end: '2026-10-31', reviewOn: '2026-06-01', reviewIntervalMonths: 3 } });
    expect(agreementCovering([ended], { organizationIds: ['1'], services: ['Managed e-mail'], createdAt: T })).toBeNull();
    expect(agreementCovering(all, { organizationIds: ['1'], services: ['Managed e-mail'], createdAt: T - 20 * H })).toBeNull();
  });

  it('the incident policy takes the agreement’s hours and targets, once per version (engine caches hold)', () => {
    const policy = defaultPolicy('2026-11-01');
    const under = incidentPolicyUnder(policy, northwind);
    expect(under.serviceHours.timeZone).toBe('America/New_York');
    expect(under.priorityMatrix).toBe(policy.priorityMatrix);
    expect(incidentPolicyUnder(policy, northwind)).toBe(under);
    expect(incidentPolicyUnder(policy, northwindV2)).not.toBe(under);
  });
});
