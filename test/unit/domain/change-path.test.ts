import {
  approversOf, changeTypeOf, inWords, mayDecide, missingForStep, pathOf, stepForStatus,
  type ChangeEnvironment, type ChangeEvidence, type DecisionFact, type GateInput,
} from '../../../src/domain/change/path';
import type { ChangeSnapshot } from '../../../src/domain/change/snapshot';

const T = (iso: string): number => Date.parse(iso);
const tom = { accountId: 'tom', displayName: 'Tom Becker' };
const carlos = { accountId: 'carlos', displayName: 'Carlos Ibáñez' };
const sofia = { accountId: 'sofia', displayName: 'Sofia Martins' };

function snapshot(over: Partial<ChangeSnapshot> = {}): ChangeSnapshot {
  return {
    id: '1', key: 'SD-8', summary: 'Upgrade mail relay', projectKey: 'SD', createdAt: T('2026-12-01T08:00:00Z'), status: { name: 'Draft', category: 'new' }, priority: 'Normal',
    reporter: tom, requesterIds: ['tom'], builder: null, builderIds: [], deployer: null, deployerIds: [],
    changeTypeValue: 'Normal', impact: 'Medium', urgency: 'Medium', services: ['Managed e-mail'], cis: ['mail-relay-mx1'],
    plannedStart: T('2026-12-08T20:00:00Z'), plannedEnd: T('2026-12-08T21:00:00Z'),
    plans: { implementation: true, test: true, backOut: true, businessImpact: true }, links: [], missingFields: [],
    ...over,
  };
}

const noEvidence: ChangeEvidence = { decisions: [], design: null, build: null, testReport: null, deployment: null, review: null, template: null };

const env = (over: Partial<ChangeEnvironment> = {}): ChangeEnvironment => ({
  roles: [{ accountId: 'sofia', roles: ['SM'] }, { accountId: 'carlos', roles: ['CM'] }, { accountId: 'tom', roles: ['PT'] }, { accountId: 'priya', roles: ['PT'] }],
  secureComponentProcedureApproved: true, designatedTemplates: new Set(), schedule: null, customerAgreementApproved: true, ...over,
});

const decision = (step: DecisionFact['step'], by = carlos, d: 'approved' | 'rejected' = 'approved', role: DecisionFact['role'] = 'CM'): DecisionFact => ({ id: `${step}-${by.accountId}`, step, decision: d, by, role, at: '2026-12-02T10:00:00Z', reason: d === 'rejected' ? 'Too risky' : null, via: 'app' });
const gate = (s: ChangeSnapshot, e: ChangeEvidence, e2: Partial<ChangeEnvironment> = {}): GateInput => ({ snapshot: s, evidence: e, type: changeTypeOf(s.changeTypeValue), env: env(e2) });

describe('the change type of a record (CHG-01, D15)', () => {
  it('reads the site\'s option, JSM\'s "Standard" being a pre-approved change', () => {
    expect(changeTypeOf('Standard')).toBe('Pre-approved');
    expect(changeTypeOf('emergency')).toBe('Emergency');
    expect(changeTypeOf(null)).toBeNull();
    expect(changeTypeOf('Minor')).toBeNull();
  });
});

describe('D7 and ROL-11: who may decide a step of a change', () => {
  it('the requester, the builder and the deployer may not approve; a practitioner is no approver; the CM is', () => {
    const s = snapshot({ builderIds: ['priya'], deployerIds: ['sofia'] });
    expect(mayDecide(s, noEvidence, 'Normal', { accountId: 'tom', roles: ['PT'], step: 'evaluate' }, env())).toEqual({ allowed: false, reasons: ['only the Control Manager decides the approval of the request of a normal change', 'requested this change'] });
    expect(mayDecide(s, noEvidence, 'Normal', { accountId: 'priya', roles: ['CM'], step: 'evaluate' }, env())).toEqual({ allowed: false, reasons: ['built this change'] });
    expect(mayDecide(s, noEvidence, 'Normal', { accountId: 'sofia', roles: ['CM'], step: 'deploy' }, env())).toEqual({ allowed: false, reasons: ['will deploy this change'] });
    expect(mayDecide(s, noEvidence, 'Normal', { accountId: 'carlos', roles: ['CM'], step: 'evaluate' }, env())).toEqual({ allowed: true });
  });
  it('a reporter changed before the approval still counts as the requester (Jira\'s history)', () => {
    const s = snapshot({ reporter: carlos, requesterIds: ['carlos', 'tom'] });
    expect(mayDecide(s, noEvidence, 'Normal', { accountId: 'tom', roles: ['CM'], step: 'evaluate' }, env())).toMatchObject({ allowed: false, reasons: ['requested this change'] });
  });
  it('an emergency change may be approved by the Service Manager; its design has no approval step', () => {
    const s = snapshot({ changeTypeValue: 'Emergency' });
    expect(mayDecide(s, noEvidence, 'Emergency', { accountId: 'sofia', roles: ['SM'], step: 'evaluate' }, env())).toEqual({ allowed: true });
    expect(mayDecide(s, noEvidence, 'Normal', { accountId: 'sofia', roles: ['SM'], step: 'evaluate' }, env())).toMatchObject({ allowed: false });
  });
  it('lists who may approve and who may not, and why, in words', () => {
    const s = snapshot({ reporter: carlos, requesterIds: ['carlos'] });
    const a = approversOf(s, noEvidence, 'Normal', 'evaluate', env(), new Map([['carlos', 'Carlos Ibáñez']]));
    expect(a?.eligible).toEqual([]);
    expect(a?.excluded).toEqual([{ person: carlos, reason: 'Carlos Ibáñez requested this change' }]);
    expect(a?.rule).toBe('The Control Manager who did not request, build or deploy this change');
  });
});

describe('D16 gates, in words', () => {
  it('a normal change needs its approval, its documentation and a configuration item before it is approved (CO-06, WP.11)', () => {
    const s = snapshot({ cis: [], plans: { implementation: true, test: true, backOut: false, businessImpact: false } });
    const missing = missingForStep(gate(s, noEvidence), 'evaluate').map((m) => inWords(m, new Map([['carlos', 'Carlos Ibáñez']])));
    expect(missing.map((m) => m.label)).toEqual([
      'The evaluation of the service change request (Approved or Rejected) by a Control Manager who did not request, build or deploy the change',
      'The request field "business impact"',
      'At least one impacted configuration item with its current version, or "new service"',
      'A back-out plan',
    ]);
    expect(missing[0]?.why).toBe('ROL-11, CO.2.1, D7');
  });
  it('an approval by the requester does not count, and says so with the name', () => {
    const missing = missingForStep(gate(snapshot({ reporter: carlos, requesterIds: ['carlos'] }), { ...noEvidence, decisions: [decision('evaluate')] }), 'evaluate');
    expect(missing.map((m) => inWords(m, new Map([['carlos', 'Carlos Ibáñez']])).label)).toContain('The approval by Carlos Ibáñez does not count: Carlos Ibáñez requested this change and cannot approve it.');
  });
  it('an emergency change is approved on one approval, but not without what it touches (CO-06)', () => {
    const s = snapshot({ changeTypeValue: 'Emergency', cis: [], plans: { implementation: false, test: false, backOut: false, businessImpact: false } });
    const e = { ...noEvidence, decisions: [decision('evaluate', sofia, 'approved', 'SM')] };
    expect(missingForStep(gate(s, e), 'evaluate').map((m) => m.rule)).toEqual(['CO-06']);
    expect(missingForStep(gate({ ...s, cis: ['fw-1'] }, e), 'evaluate')).toEqual([]);
    // It deploys on that approval, without design, build, test or approval to deploy (D16).
    expect(missingForStep(gate({ ...s, cis: ['fw-1'] }, e), 'deploy')).toEqual([]);
    // And cannot close without its review and its documentation.
    expect(missingForStep(gate({ ...s, cis: ['fw-1'] }, { ...e, deployment: { by: tom, at: '2026-12-02T11:00:00Z', complete: true } }), 'close').map((m) => m.rule)).toEqual(['CHG-08', 'WP.11', 'WP.11', 'CHG-19']);
  });
  it('the build starts from an approved service design (CO-08), and a normal change deploys only after a passing test and the approval to deploy', () => {
    const approved = { ...noEvidence, decisions: [decision('evaluate')] };
    expect(missingForStep(gate(snapshot(), approved), 'design').map((m) => m.rule)).toEqual(['CO-08']);
    const deploy = missingForStep(gate(snapshot(), { ...approved, design: { approvedBy: carlos, at: '2026-12-02T12:00:00Z' }, decisions: [...approved.decisions, decision('design')] }), 'deploy').map((m) => m.rule);
    expect(deploy).toEqual(['CO.2.4', 'CO.3.1', 'ROL-11', 'ROL-11']);
  });
  it('D17: a normal change planned in a freeze is refused at approval', () => {
    const schedule = { periods: [
      { id: 'w', name: 'Evenings', kind: 'change-window' as const, start: T('2026-12-01T00:00:00Z'), end: T('2026-12-31T00:00:00Z') },
      { id: 'f', name: 'Year-end freeze', kind: 'freeze' as const, start: T('2026-12-08T00:00:00Z'), end: T('2026-12-09T00:00:00Z') },
    ], changes: [] };
    const missing = missingForStep(gate(snapshot(), { ...noEvidence, decisions: [decision('evaluate')] }, { schedule }), 'evaluate');
    expect(missing.map((m) => m.rule)).toEqual(['D17']);
    expect(inWords(missing[0]!, new Map()).label).toContain('inside the freeze “Year-end freeze”');
  });
  it('a pre-approved change is approved by its designated template only', () => {
    const s = snapshot({ changeTypeValue: 'Standard' });
    const e = { ...noEvidence, template: { id: 'patching', name: 'Monthly patching' } };
    expect(missingForStep(gate(s, e), 'evaluate').map((m) => m.rule)).toEqual(['D15']);
    expect(missingForStep(gate(s, e, { designatedTemplates: new Set(['patching']) }), 'evaluate')).toEqual([]);
  });
});

describe('the path as the panel draws it', () => {
  it('a normal change approved by the CM waits for its service design', () => {
    const p = pathOf(gate(snapshot(), { ...noEvidence, decisions: [decision('evaluate')] }));
    expect(p.next).toBe('design');
    expect(p.steps.map((x) => `${x.step}:${x.state}`)).toEqual(['evaluate:done', 'design:current', 'build:todo', 'test:todo', 'deploy-approval:todo', 'deploy:todo', 'review:todo', 'close:todo']);
  });
  it('a rejected request stops, its rejection shown', () => {
    const p = pathOf(gate(snapshot(), { ...noEvidence, decisions: [decision('evaluate', carlos, 'rejected')] }));
    expect(p.rejected).toBe(true);
    expect(p.next).toBeNull();
    expect(p.steps[0]?.state).toBe('rejected');
  });
  it('an emergency change shows design, build and test off its path', () => {
    const p = pathOf(gate(snapshot({ changeTypeValue: 'Emergency' }), noEvidence));
    expect(p.steps.filter((x) => x.state === 'not-on-path').map((x) => x.step)).toEqual(['design', 'build', 'test', 'deploy-approval']);
  });
});

describe('which step a Jira status stands for', () => {
  it.each([
    ['Approved', 'indeterminate', 'evaluate'], ['Rejected', 'done', 'reject'], ['In build', 'indeterminate', 'design'], ['In test', 'indeterminate', 'build'],
    ['Ready to deploy', 'indeterminate', 'deploy-approval'], ['Deployed', 'indeterminate', 'deploy'], ['Reviewed', 'done', 'review'], ['Closed', 'done', 'close'],
    ['Done', 'done', 'close'], ['Awaiting approval', 'new', null], ['In progress', 'indeterminate', null],
  ] as const)('%s → %s', (name, category, step) => {
    expect(stepForStatus(name, category)).toBe(step);
  });
});
