import fc from 'fast-check';
import {
  approvalAuthority, CHANGE_PATHS, CHANGE_STATUSES, CHANGE_TYPES, checkSchedule, DEFAULT_CHANGE_RULES_POLICY, describeMissing, missingFor, validateTemplateDesignation,
  type ChangeFacts, type ChangeSchedule, type ChangeStatus, type RecordedApproval, type TemplateDesignation,
} from '../../../src/domain/change-rules';

const T = (iso: string): number => Date.parse(iso);

const cmApproval = (step: 'evaluate' | 'deploy', accountId = 'carl', at = '2026-03-02T10:00:00Z'): RecordedApproval => ({ step, accountId, role: 'CM', decision: 'approved', at });
const cusSignOff: RecordedApproval = { step: 'deploy', accountId: 'cleo', role: 'CUS', decision: 'approved', at: '2026-03-05T10:00:00Z' };

/** A normal change that has completed the full process (CO.2.1 → CO.3.5). */
function completedNormal(over: Partial<ChangeFacts> = {}): ChangeFacts {
  return {
    key: 'CHG-1', type: 'Normal', status: 'Reviewed', requesterId: 'rita', builderIds: ['bob'], deployerIds: ['dina'],
    approvals: [cmApproval('evaluate'), cmApproval('deploy', 'carl', '2026-03-05T09:00:00Z'), cusSignOff],
    missingRequestFields: [], affectedCis: ['db-01@14.2'], newService: false, affectedServices: ['billing'], backOutPlan: true, risk: 'low',
    serviceDesignApproved: true, built: true, testReport: { published: true, outcome: 'pass' }, customerAgreementApproved: true,
    secureComponentProcedureApproved: true, plannedDeployment: { start: T('2026-03-07T22:00:00Z'), end: T('2026-03-07T23:00:00Z') },
    deployment: { configurationRecordUpdated: true, catalogueUpdated: 'not-affected' },
    review: { by: 'carl', at: '2026-03-09T10:00:00Z', emergencyJustified: null },
    template: null,
    ...over,
  };
}

/** A fresh draft of the given type. */
function draft(over: Partial<ChangeFacts> = {}): ChangeFacts {
  return completedNormal({
    status: 'Draft', approvals: [], serviceDesignApproved: false, built: false, testReport: null, plannedDeployment: null, deployment: null, review: null, ...over,
  });
}

const rules = (m: ReturnType<typeof missingFor>): string[] => m.map((x) => x.rule);

describe('CHG-01..CHG-04 / D16 change types and their paths', () => {
  it('CHG-01: three change types', () => {
    expect([...CHANGE_TYPES]).toEqual(['Pre-approved', 'Emergency', 'Normal']);
  });
  it('D16: the normal path goes Draft → Approved | Rejected → Built → Tested → Approved & Updated → Deployed → Reviewed → Closed', () => {
    expect(CHANGE_PATHS.Normal).toEqual(['Draft', 'Approved', 'Rejected', 'Built', 'Tested', 'Approved & Updated', 'Deployed', 'Reviewed', 'Closed']);
  });
  it('D16: a pre-approved change has no Draft, Rejected or test steps', () => {
    expect(missingFor(draft({ type: 'Pre-approved' }), 'Rejected')).toEqual([{ rule: 'D16', what: expect.stringContaining('"Rejected" is not part of it (Approved → Deployed → Closed)') }]);
  });
  it('D16: an emergency change has no separate deploy approval ("Approved & Updated")', () => {
    expect(rules(missingFor(draft({ type: 'Emergency' }), 'Approved & Updated'))).toEqual(['D16']);
  });
  it('ROL-11: the approval authority per type and step', () => {
    expect(approvalAuthority('Normal', 'evaluate')).toEqual(expect.objectContaining({ roles: ['CM'], rule: 'CO.2.1' }));
    expect(approvalAuthority('Normal', 'deploy')).toEqual(expect.objectContaining({ roles: ['CM'], rule: 'CO.3.2' }));
    expect(approvalAuthority('Emergency', 'evaluate')).toEqual(expect.objectContaining({ roles: ['CM', 'SM'], rule: 'D16' }));
    expect(approvalAuthority('Emergency', 'deploy')).toBeNull();
    expect(approvalAuthority('Pre-approved', 'evaluate')).toBeNull();
  });
});

describe('D16 normal change: what is still missing, step by step', () => {
  it('CO.2.1: a draft needs the CM approval to become Approved', () => {
    expect(missingFor(draft(), 'Approved')).toEqual([{ rule: 'ROL-11', what: expect.stringContaining('by a Control Manager (CM) who did not request, build or deploy the change (CO.2.1, D7)') }]);
  });
  it('CO.2.1: with an independent CM approval it may be Approved', () => {
    expect(missingFor(draft({ approvals: [cmApproval('evaluate')] }), 'Approved')).toEqual([]);
  });
  it('D7: the requester\'s own CM approval does not count, and the list says why', () => {
    const m = missingFor(draft({ requesterId: 'carl', approvals: [cmApproval('evaluate')] }), 'Approved');
    expect(rules(m)).toEqual(['ROL-11', 'D7']);
    expect(m[1]!.what).toBe('the approval by carl does not count: carl requested this change and cannot approve it (D7).');
  });
  it('ROL-11: an approval recorded by a non-CM role does not count', () => {
    expect(rules(missingFor(draft({ approvals: [{ ...cmApproval('evaluate'), role: 'SM' }] }), 'Approved'))).toEqual(['ROL-11']);
  });
  it('CO.2.1: a later rejection by the CM overrides an earlier approval', () => {
    const m = missingFor(draft({ approvals: [cmApproval('evaluate'), { ...cmApproval('evaluate', 'cora', '2026-03-03T08:00:00Z'), decision: 'rejected' }] }), 'Approved');
    expect(m).toEqual([{ rule: 'CO.2.1', what: expect.stringContaining('rejection by cora') }]);
  });
  it('CO-06 / WP.11 / CHG-19: approval needs a CI (or new service), the request fields and a back-out plan', () => {
    const m = missingFor(draft({ approvals: [cmApproval('evaluate')], affectedCis: [], missingRequestFields: ['business impact', 'cost'], backOutPlan: false }), 'Approved');
    expect(rules(m)).toEqual(['WP.11', 'WP.11', 'CO-06', 'CHG-19']);
    expect(m[0]!.what).toBe('the request field "business impact"');
    expect(missingFor(draft({ approvals: [cmApproval('evaluate')], affectedCis: [], newService: true }), 'Approved')).toEqual([]);
  });
  it('D16: the agreement may require the customer\'s sign-off of the evaluation', () => {
    const policy = { ...DEFAULT_CHANGE_RULES_POLICY, signOffs: { evaluate: ['CUS' as const], deploy: [] } };
    const m = missingFor(draft({ approvals: [cmApproval('evaluate')] }), 'Approved', { policy });
    expect(m).toEqual([{ rule: 'D16', what: expect.stringContaining("customer's (CUS) sign-off") }]);
  });
  it('ROL-13: a high-risk change needs the senior approval configured for its risk level', () => {
    const policy = { ...DEFAULT_CHANGE_RULES_POLICY, seniorApprovalByRisk: { high: ['MGT' as const] } };
    const facts = draft({ risk: 'high', approvals: [cmApproval('evaluate')] });
    expect(rules(missingFor(facts, 'Approved', { policy }))).toEqual(['ROL-13']);
    expect(missingFor({ ...facts, approvals: [...facts.approvals, { step: 'evaluate', accountId: 'mia', role: 'MGT', decision: 'approved', at: '2026-03-02T11:00:00Z' }] }, 'Approved', { policy })).toEqual([]);
    expect(missingFor({ ...facts, risk: 'low' }, 'Approved', { policy })).toEqual([]);
  });
  it('CO.2.1: Rejected needs a rejection by an independent CM', () => {
    expect(rules(missingFor(draft(), 'Rejected'))).toEqual(['CO.2.1']);
    expect(missingFor(draft({ approvals: [{ ...cmApproval('evaluate'), decision: 'rejected' }] }), 'Rejected')).toEqual([]);
  });
  it('CO-05: a rejected request does not move on', () => {
    expect(missingFor(draft({ status: 'Rejected', approvals: [cmApproval('evaluate')] }), 'Approved')).toEqual([{ rule: 'CO-05', what: expect.stringContaining('new service change request') }]);
  });
  it('CO-08: building needs the approval and an approved service design (CO.2.3)', () => {
    const m = missingFor(draft({ built: true }), 'Built');
    expect(rules(m)).toEqual(['ROL-11', 'CO-08']);
  });
  it('D16: Tested needs a published test report with the outcome pass', () => {
    const approvedBuilt = draft({ approvals: [cmApproval('evaluate')], serviceDesignApproved: true, built: true });
    expect(missingFor(approvedBuilt, 'Tested')).toEqual([{ rule: 'CO.3.1', what: 'a published service test report (WP.20)' }]);
    expect(missingFor({ ...approvedBuilt, testReport: { published: true, outcome: 'fail' } }, 'Tested')).toEqual([{ rule: 'D16', what: 'a passing test: the published test report says "fail" (WP.20)' }]);
    expect(missingFor({ ...approvedBuilt, testReport: { published: true, outcome: 'pass' } }, 'Tested')).toEqual([]);
  });
  it('CO-09 / ROL-11: approval to deploy ("Approved & Updated") needs the CM, the customer sign-off and an approved customer agreement', () => {
    const tested = completedNormal({ status: 'Tested', approvals: [cmApproval('evaluate')], customerAgreementApproved: false, deployment: null, review: null });
    const m = missingFor(tested, 'Approved & Updated');
    expect(rules(m)).toEqual(['ROL-11', 'ROL-11', 'CO-09']);
    expect(m[0]!.what).toContain('approval to deploy');
    expect(m[1]!.what).toContain("customer's (CUS) sign-off");
  });
  it('D7: a builder cannot give the approval to deploy', () => {
    const facts = completedNormal({ status: 'Tested', builderIds: ['bob'], approvals: [cmApproval('evaluate'), cmApproval('deploy', 'bob'), cusSignOff], deployment: null, review: null });
    const m = missingFor(facts, 'Approved & Updated');
    expect(m.map((x) => x.rule)).toEqual(['ROL-11', 'D7']);
    expect(m[1]!.what).toContain('bob built this change');
  });
  it('CO-09 / CO-07 / CO-11: Deployed needs WP.09, a planned deployment and the configuration record and catalogue updated', () => {
    const facts = completedNormal({ status: 'Approved & Updated', secureComponentProcedureApproved: false, plannedDeployment: null, deployment: { configurationRecordUpdated: false, catalogueUpdated: false }, review: null });
    const m = missingFor(facts, 'Deployed');
    expect(m.map((x) => x.rule)).toEqual(['CO-11', 'CO-11', 'CO-09', 'CO-07']);
    expect(m[2]!.what).toContain('secure component procedure (WP.09');
  });
  it('D16: a normal change cannot jump from Draft to Deployed; every missing step is listed in path order', () => {
    const m = missingFor(draft(), 'Deployed');
    expect(m.map((x) => x.rule)).toEqual(['ROL-11', 'CO-08', 'CO.2.4', 'CO.3.1', 'ROL-11', 'ROL-11', 'CO.3.4', 'CO-07']);
  });
  it('CO-12: Reviewed needs the post-deployment review (CO.3.5); a completed change may close', () => {
    expect(missingFor(completedNormal({ review: null }), 'Reviewed')).toEqual([{ rule: 'CO-12', what: 'the post-deployment review (CO.3.5)' }]);
    expect(missingFor(completedNormal(), 'Closed')).toEqual([]);
  });
  it('D17: with the schedule given, a deployment inside a freeze is missing a conflict-free slot', () => {
    const facts = completedNormal({ status: 'Approved & Updated', deployment: { configurationRecordUpdated: true, catalogueUpdated: true }, review: null });
    const schedule: ChangeSchedule = {
      periods: [
        { id: 'W1', name: 'Saturday night window', kind: 'change-window', start: T('2026-03-07T20:00:00Z'), end: T('2026-03-08T04:00:00Z') },
        { id: 'F1', name: 'Quarter close', kind: 'freeze', start: T('2026-03-07T00:00:00Z'), end: T('2026-03-09T00:00:00Z') },
      ],
      changes: [],
    };
    const m = missingFor(facts, 'Deployed', { schedule });
    expect(m).toEqual([{ rule: 'D17', what: expect.stringContaining('inside the freeze "Quarter close"') }]);
  });
  it('describeMissing names every item with its rule', () => {
    expect(describeMissing('CHG-1', 'Approved', missingFor(draft({ approvals: [cmApproval('evaluate')], backOutPlan: false }), 'Approved'))).toBe('CHG-1 cannot move to "Approved" yet. Missing: a back-out plan (CHG-19).');
    expect(describeMissing('CHG-1', 'Closed', [])).toBe('CHG-1 may move to "Closed".');
  });
});

describe('D16 / CHG-08 emergency change', () => {
  const smApproval: RecordedApproval = { step: 'evaluate', accountId: 'sofia', role: 'SM', decision: 'approved', at: '2026-03-02T03:00:00Z' };
  const emergency = (over: Partial<ChangeFacts> = {}) => draft({ type: 'Emergency', missingRequestFields: ['cost', 'benefits'], affectedCis: [], backOutPlan: false, ...over });

  it('D16: an emergency change may be approved by one SM, with the documentation still incomplete', () => {
    expect(missingFor(emergency({ approvals: [smApproval] }), 'Approved')).toEqual([]);
  });
  it('D16: an emergency change may deploy on its one approval, without build, test or deploy approval', () => {
    const m = missingFor(emergency({ approvals: [smApproval], deployment: { configurationRecordUpdated: true, catalogueUpdated: 'not-affected' } }), 'Deployed');
    expect(m).toEqual([]);
  });
  it('D16: without the approval it may not deploy', () => {
    expect(rules(missingFor(emergency({ deployment: { configurationRecordUpdated: true, catalogueUpdated: 'not-affected' } }), 'Deployed'))).toEqual(['D16']);
  });
  it('CHG-08: an emergency change cannot be closed without a completed "emergency justified? yes/no" review', () => {
    const deployed = emergency({ approvals: [smApproval], deployment: { configurationRecordUpdated: true, catalogueUpdated: 'not-affected' }, missingRequestFields: [], affectedCis: ['fw-1'], backOutPlan: true });
    expect(missingFor(deployed, 'Closed')).toEqual([{ rule: 'CHG-08', what: 'the post-implementation emergency review (D16)' }]);
    expect(missingFor({ ...deployed, review: { by: 'carl', at: '2026-03-03T10:00:00Z', emergencyJustified: null } }, 'Closed')).toEqual([{ rule: 'CHG-08', what: 'the review\'s verdict "was the emergency justified? yes/no"' }]);
    expect(missingFor({ ...deployed, review: { by: 'carl', at: '2026-03-03T10:00:00Z', emergencyJustified: false } }, 'Closed')).toEqual([]);
  });
  it('D16: documentation is completed afterwards: closing needs the request fields, the CI and the back-out plan', () => {
    const reviewed = emergency({ approvals: [smApproval], deployment: { configurationRecordUpdated: true, catalogueUpdated: 'not-affected' }, review: { by: 'carl', at: '2026-03-03T10:00:00Z', emergencyJustified: true } });
    const m = missingFor(reviewed, 'Closed');
    expect(rules(m)).toEqual(['WP.11', 'WP.11', 'CO-06', 'CHG-19']);
    expect(m.every((x) => x.what.endsWith('(emergency documentation completed afterwards, D16)'))).toBe(true);
  });
});

describe('D15 / D16 pre-approved change', () => {
  const pre = (over: Partial<ChangeFacts> = {}) => draft({ type: 'Pre-approved', status: 'Approved', template: { templateId: 'TPL-disk', designated: true }, ...over });
  it('D16: auto-approved at creation from a designated template', () => {
    expect(missingFor(pre(), 'Approved')).toEqual([]);
  });
  it('D15: not without a designated template', () => {
    expect(missingFor(pre({ template: null }), 'Approved')).toEqual([{ rule: 'D15', what: 'the pre-approved template the change is created from' }]);
    expect(missingFor(pre({ template: { templateId: 'TPL-x', designated: false } }), 'Approved')[0]!.what).toContain('"TPL-x" is not designated');
  });
  it('D16: a pre-approved change is still scheduled before it is deployed', () => {
    const m = missingFor(pre({ deployment: { configurationRecordUpdated: true, catalogueUpdated: 'not-affected' } }), 'Deployed');
    expect(m).toEqual([{ rule: 'D16', what: 'the planned deployment on the service change schedule (WP.12, CO.2.2)' }]);
  });
});

describe('D15 / CHG-06 pre-approved template designation', () => {
  const designation = (over: Partial<TemplateDesignation> = {}): TemplateDesignation => ({
    templateId: 'TPL-disk', kind: 'Add disk space', designatedAt: '2026-04-01T09:00:00Z',
    qualifyingChange: { kind: 'add disk space', facts: completedNormal({ status: 'Closed' }) },
    controlManager: { accountId: 'carl', roles: ['CM'] }, businessApprover: { accountId: 'bea', agreedAt: '2026-03-30T12:00:00Z' }, listedInPolicy: true,
    ...over,
  });
  it('D15: designated after a completed normal change of its kind, naming the CM and the business approver', () => {
    const r = validateTemplateDesignation(designation());
    expect(r.ok).toBe(true);
    expect(r.text).toBe('Template "TPL-disk" (Add disk space) is designated pre-approved: qualified by CHG-1, which completed the full normal process; identified by carl (CM); agreed by bea for the business on 2026-03-30T12:00:00Z (D15, CHG-06).');
  });
  it('D15: a template cannot be designated before a normal change of its kind completed', () => {
    const none = validateTemplateDesignation(designation({ qualifyingChange: null }));
    expect(none.ok).toBe(false);
    expect(none.missing).toEqual([{ rule: 'D15', what: expect.stringContaining('completed the full normal process') }]);
    const unfinished = validateTemplateDesignation(designation({ qualifyingChange: { kind: 'Add disk space', facts: completedNormal({ status: 'Deployed', review: null }) } }));
    expect(unfinished.missing.map((m) => m.what)).toEqual([
      'a completed qualifying change: CHG-1 is still "Deployed" (CHG-06)',
      'CHG-1 completed the full normal process: the post-deployment review (CO.3.5) (CO-12)',
    ]);
    expect(unfinished.text).toMatch(/^Template "TPL-disk" \(Add disk space\) cannot be designated pre-approved yet\. Missing: /);
  });
  it('D15: the qualifying change must be Normal and of the same kind', () => {
    const r = validateTemplateDesignation(designation({ qualifyingChange: { kind: 'Office move', facts: completedNormal({ type: 'Emergency' }) } }));
    expect(r.missing.map((m) => m.what)).toEqual([expect.stringContaining('of type Normal: CHG-1 is Emergency'), expect.stringContaining('same kind')]);
  });
  it('D15: a change that skipped a step (no passing test) does not qualify', () => {
    const r = validateTemplateDesignation(designation({ qualifyingChange: { kind: 'Add disk space', facts: completedNormal({ status: 'Closed', testReport: { published: true, outcome: 'fail' } }) } }));
    expect(r.missing).toEqual([{ rule: 'D15', what: expect.stringContaining('a passing test') }]);
  });
  it('D15: the qualifying change must have completed before the designation', () => {
    const r = validateTemplateDesignation(designation({ designatedAt: '2026-03-08T00:00:00Z' }));
    expect(r.missing).toEqual([{ rule: 'D15', what: expect.stringContaining('completed before the designation') }]);
  });
  it('D15 / CHG-02: names a CM who holds the role and a separate business approver', () => {
    expect(validateTemplateDesignation(designation({ controlManager: null, businessApprover: null })).missing.map((m) => m.rule)).toEqual(['D15', 'D15']);
    expect(validateTemplateDesignation(designation({ controlManager: { accountId: 'ivan', roles: ['IM'] } })).missing[0]!.what).toContain('ivan does not hold the CM role');
    expect(validateTemplateDesignation(designation({ businessApprover: { accountId: 'carl', agreedAt: '2026-03-30T12:00:00Z' } })).missing[0]!.what).toContain('other than the Control Manager');
  });
  it('CHG-06 (d): the template must be listed in the policy\'s change definitions', () => {
    expect(validateTemplateDesignation(designation({ listedInPolicy: false })).missing.map((m) => m.rule)).toEqual(['CHG-06']);
  });
});

describe('D17 change schedule conflicts', () => {
  const schedule: ChangeSchedule = {
    periods: [
      { id: 'CW-sat', name: 'Saturday change window', kind: 'change-window', start: T('2026-11-21T20:00:00Z'), end: T('2026-11-22T04:00:00Z') },
      { id: 'MW-sun', name: 'Sunday maintenance window', kind: 'maintenance-window', start: T('2026-11-22T04:00:00Z'), end: T('2026-11-22T08:00:00Z') },
      { id: 'CW-fri', name: 'Black Friday window', kind: 'change-window', start: T('2026-11-27T20:00:00Z'), end: T('2026-11-28T04:00:00Z') },
      { id: 'FRZ-bf', name: 'Black Friday freeze', kind: 'freeze', start: T('2026-11-26T00:00:00Z'), end: T('2026-11-30T00:00:00Z') },
      { id: 'CW-billing', name: 'Billing-only window', kind: 'change-window', start: T('2026-11-23T20:00:00Z'), end: T('2026-11-23T22:00:00Z'), serviceIds: ['billing'] },
    ],
    changes: [{ changeKey: 'CHG-9', serviceIds: ['billing'], start: T('2026-11-21T21:00:00Z'), end: T('2026-11-21T23:00:00Z') }],
  };
  const plan = (type: 'Normal' | 'Emergency' | 'Pre-approved', start: string, end: string, serviceIds = ['portal']) => ({ changeKey: 'CHG-1', type, serviceIds, start: T(start), end: T(end) });

  it('D17: a normal change inside a change window is accepted', () => {
    expect(checkSchedule(plan('Normal', '2026-11-21T21:00:00Z', '2026-11-21T22:00:00Z'), schedule)).toEqual({ ok: true, refusals: [], warnings: [] });
  });
  it('D17: a change spanning two adjacent windows is inside the schedule', () => {
    expect(checkSchedule(plan('Normal', '2026-11-22T03:00:00Z', '2026-11-22T05:00:00Z'), schedule).ok).toBe(true);
  });
  it('D17: a normal change outside any window is refused, naming the uncovered time', () => {
    const r = checkSchedule(plan('Normal', '2026-11-22T07:00:00Z', '2026-11-22T09:00:00Z'), schedule);
    expect(r.ok).toBe(false);
    expect(r.refusals).toEqual([expect.objectContaining({ rule: 'D17', kind: 'outside-window', interval: { start: T('2026-11-22T08:00:00Z'), end: T('2026-11-22T09:00:00Z') } })]);
    expect(r.refusals[0]!.message).toContain('2026-11-22T08:00:00.000Z–2026-11-22T09:00:00.000Z is outside every change or maintenance window');
  });
  it('D17: a normal change inside a freeze is refused naming the freeze', () => {
    const r = checkSchedule(plan('Normal', '2026-11-27T21:00:00Z', '2026-11-27T22:00:00Z'), schedule);
    expect(r.ok).toBe(false);
    expect(r.refusals).toEqual([expect.objectContaining({ kind: 'freeze', periodId: 'FRZ-bf' })]);
    expect(r.refusals[0]!.message).toContain('inside the freeze "Black Friday freeze" (FRZ-bf');
    expect(r.warnings).toEqual([]);
  });
  it('D17: an emergency change inside a freeze is warned, not refused', () => {
    const r = checkSchedule(plan('Emergency', '2026-11-27T10:00:00Z', '2026-11-27T11:00:00Z'), schedule);
    expect(r.ok).toBe(true);
    expect(r.refusals).toEqual([]);
    expect(r.warnings.map((w) => w.kind)).toEqual(['outside-window', 'freeze']);
    expect(r.warnings[1]!.message).toContain('"Black Friday freeze"');
    expect(r.warnings[1]!.message).toContain('Warned, not refused, for an Emergency change');
  });
  it('D17: a pre-approved change follows the normal rule (refused in a freeze)', () => {
    const r = checkSchedule(plan('Pre-approved', '2026-11-27T21:00:00Z', '2026-11-27T22:00:00Z'), schedule);
    expect(r.refusals.map((f) => f.kind)).toEqual(['freeze']);
  });
  it('D17: a service-specific window covers only changes to that service', () => {
    expect(checkSchedule(plan('Normal', '2026-11-23T20:30:00Z', '2026-11-23T21:00:00Z', ['billing']), schedule).ok).toBe(true);
    expect(checkSchedule(plan('Normal', '2026-11-23T20:30:00Z', '2026-11-23T21:00:00Z', ['billing', 'portal']), schedule).ok).toBe(false);
  });
  it('D17: overlapping another scheduled change on the same service is a warning', () => {
    const r = checkSchedule(plan('Normal', '2026-11-21T22:00:00Z', '2026-11-21T23:30:00Z', ['billing']), schedule);
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([expect.objectContaining({ kind: 'overlap', changeKey: 'CHG-9' })]);
    expect(checkSchedule(plan('Normal', '2026-11-21T22:00:00Z', '2026-11-21T23:30:00Z', ['portal']), schedule).warnings).toEqual([]);
  });
  it('D17: a change does not conflict with its own schedule entry, and touching intervals do not overlap', () => {
    expect(checkSchedule({ ...plan('Normal', '2026-11-21T21:00:00Z', '2026-11-21T23:00:00Z', ['billing']), changeKey: 'CHG-9' }, schedule).warnings).toEqual([]);
    expect(checkSchedule(plan('Normal', '2026-11-21T23:00:00Z', '2026-11-22T00:00:00Z', ['billing']), schedule).warnings).toEqual([]);
  });
  it('D17: an empty or reversed interval is refused for every type', () => {
    for (const type of CHANGE_TYPES) expect(checkSchedule(plan(type, '2026-11-21T22:00:00Z', '2026-11-21T21:00:00Z'), schedule).refusals.map((f) => f.kind)).toEqual(['invalid-interval']);
  });
  it('D17: with no window on the schedule a normal change is refused and told so', () => {
    const r = checkSchedule(plan('Normal', '2026-11-21T21:00:00Z', '2026-11-21T22:00:00Z'), { periods: [], changes: [] });
    expect(r.refusals[0]!.message).toContain('the schedule has no change or maintenance window for it');
  });
  it('D17: an emergency change is never refused for its timing, and gets the same findings as a normal one, as warnings (property)', () => {
    const base = T('2026-11-20T00:00:00Z');
    const hour = 3_600_000;
    fc.assert(fc.property(fc.integer({ min: 0, max: 12 * 24 }), fc.integer({ min: 1, max: 48 }), fc.subarray(['billing', 'portal']), (h, len, services) => {
      const p = { changeKey: 'CHG-1', serviceIds: services, start: base + h * hour, end: base + (h + len) * hour };
      const normal = checkSchedule({ ...p, type: 'Normal' }, schedule);
      const emergency = checkSchedule({ ...p, type: 'Emergency' }, schedule);
      expect(emergency.ok).toBe(true);
      expect(emergency.warnings.map((w) => [w.kind, w.interval])).toEqual([...normal.refusals, ...normal.warnings].map((w) => [w.kind, w.interval]));
    }));
  });
});

describe('D16 missingFor is total and explains itself (property)', () => {
  it('every status on or off each path yields rule-tagged items, and a completed normal change may take every later step', () => {
    fc.assert(fc.property(fc.constantFrom(...CHANGE_TYPES), fc.constantFrom(...CHANGE_STATUSES), (type, target: ChangeStatus) => {
      const m = missingFor(draft({ type }), target);
      for (const item of m) expect(item.rule).toMatch(/^(D\d+|ROL-\d+|CHG-\d+|CO-\d+|CO\.\d\.\d|WP\.\d+)$/);
      if (!CHANGE_PATHS[type].includes(target)) expect(rules(m)).toEqual(['D16']);
    }));
    for (const target of ['Approved', 'Built', 'Tested', 'Approved & Updated', 'Deployed', 'Reviewed', 'Closed'] as const) {
      expect(missingFor(completedNormal(), target)).toEqual([]);
    }
  });
});
