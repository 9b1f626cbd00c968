import {
  CAUSED_INCIDENT_WINDOW_MS,
  changeRecordOf,
  changeReport,
  changeReportCsv,
  changeRowsCsv,
  changeTypeOf,
  needsIncidentDate,
  saysCauses,
  type ReportChange,
  type StoredChange,
  type StoredChangeEvidence,
} from '../../../src/domain/change-report';

/**
 * Change reports (issue #13 "Reports"): RPT-17 per type and outcome, CHG-09 emergency share, MET-35 success / failure
 * rate, MET-36 changes that caused incidents, lead time (calendar), the backlog awaiting approval. Every figure below
 * is worked out by hand from the fixture table.
 */

const H = 3_600_000;
const DAY = 24 * H;
const at = (month: number, day: number, hour = 0): number => Date.UTC(2027, month - 1, day, hour);
const iso = (t: number): string => new Date(t).toISOString();
const MARCH = { from: at(3, 1), to: at(4, 1) };
const NOW = at(4, 1);

function evidence(o: Partial<StoredChangeEvidence>): StoredChangeEvidence {
  return { decisions: [], deployedAt: null, review: null, fromTemplate: false, ...o };
}

function change(key: string, o: Partial<StoredChange> & { created: number }): StoredChange {
  const { created, ...rest } = o;
  return {
    key, summary: `Change ${key}`, createdAt: iso(created), resolvedAt: null, statusName: 'In build', statusCategory: 'indeterminate',
    changeTypeValue: 'Normal', statusHistory: [], links: [], evidence: null, ...rest,
  };
}

const approved = (t: number) => ({ step: 'evaluate', decision: 'approved' as const, at: iso(t) });
const rejected = (t: number) => ({ step: 'evaluate', decision: 'rejected' as const, at: iso(t) });
const relates = (key: string) => ({ phrase: 'relates to', otherKey: key, otherIsIncident: true });

/**
 * key  type            raised       app record                                     Jira status          links
 * C1   Normal          Mar 2 09:00  approved; deployed Mar 4 09:00; successful      Reviewed (done)      -
 * C2   Normal          Mar 3 00:00  deployed Mar 3 12:00; failed                    Reviewed (done)      relates to INC-1 (raised Mar 4: within 7 days)
 * C3   Emergency       Mar 10 00:00 deployed Mar 10 06:00; backed out               Reviewed (done)      causes INC-2
 * C4   Emergency       Mar 12 00:00 deployed Mar 12 03:00; no review                Deployed             -
 * C5   Normal          Mar 15 00:00 rejected                                        Rejected (done)      -
 * C6   "Standard"      Mar 20 00:00 none (older change)                             Reviewed (done); moved to Deployed Mar 21 00:00
 * C7   (not set)       Mar 25 00:00 none                                            Awaiting approval    -
 * C8   Normal          Feb 20 00:00 deployed Mar 1 12:00; successful                Reviewed (done)      relates to INC-3 (raised Feb 25: before)
 * C9   Normal          Feb 1 00:00  none                                            Draft                -
 * C10  Emergency       Mar 28 00:00 approved                                        Approved             -
 * C11  Normal          Apr 2 00:00  approved                                        In build             -
 */
const STORED: StoredChange[] = [
  change('C1', { created: at(3, 2, 9), statusName: 'Reviewed', statusCategory: 'done', evidence: evidence({ decisions: [approved(at(3, 2, 10))], deployedAt: iso(at(3, 4, 9)), review: { outcome: 'successful', at: iso(at(3, 5)) } }) }),
  change('C2', { created: at(3, 3), statusName: 'Reviewed', statusCategory: 'done', links: [relates('INC-1')], evidence: evidence({ deployedAt: iso(at(3, 3, 12)), review: { outcome: 'failed', at: iso(at(3, 6)) } }) }),
  change('C3', { created: at(3, 10), changeTypeValue: 'Emergency', statusName: 'Reviewed', statusCategory: 'done', links: [{ phrase: 'causes', otherKey: 'INC-2', otherIsIncident: true }], evidence: evidence({ deployedAt: iso(at(3, 10, 6)), review: { outcome: 'backed-out', at: iso(at(3, 11)) } }) }),
  change('C4', { created: at(3, 12), changeTypeValue: 'Emergency', statusName: 'Deployed', evidence: evidence({ decisions: [approved(at(3, 12, 1))], deployedAt: iso(at(3, 12, 3)) }) }),
  change('C5', { created: at(3, 15), statusName: 'Rejected', statusCategory: 'done', resolvedAt: iso(at(3, 16)), evidence: evidence({ decisions: [rejected(at(3, 16))] }) }),
  change('C6', { created: at(3, 20), changeTypeValue: 'Standard', statusName: 'Reviewed', statusCategory: 'done', resolvedAt: iso(at(3, 22)), statusHistory: [{ at: iso(at(3, 22)), to: 'Reviewed' }, { at: iso(at(3, 21)), to: 'Deployed' }, { at: iso(at(3, 20, 1)), to: 'Awaiting approval' }] }),
  change('C7', { created: at(3, 25), changeTypeValue: null, statusName: 'Awaiting approval', statusCategory: 'new' }),
  change('C8', { created: at(2, 20), statusName: 'Reviewed', statusCategory: 'done', links: [relates('INC-3')], evidence: evidence({ deployedAt: iso(at(3, 1, 12)), review: { outcome: 'successful', at: iso(at(3, 2)) } }) }),
  change('C9', { created: at(2, 1), statusName: 'Draft', statusCategory: 'new' }),
  change('C10', { created: at(3, 28), changeTypeValue: 'Emergency', statusName: 'Approved', evidence: evidence({ decisions: [approved(at(3, 28, 1))] }) }),
  change('C11', { created: at(4, 2), evidence: evidence({ decisions: [approved(at(4, 2, 1))] }) }),
];
const INCIDENTS_RAISED = new Map([['INC-1', at(3, 4)], ['INC-3', at(2, 25)]]);

const records = (): ReportChange[] => STORED.map((c) => changeRecordOf(c, { incidentCreatedAt: INCIDENTS_RAISED })).filter((c): c is ReportChange => c !== null);
const report = () => changeReport(records(), { period: MARCH, timeZone: 'UTC', now: NOW });

describe('change reports: reading a change', () => {
  it('CHG-01: the change type of a site’s option, JSM’s "Standard" being pre-approved', () => {
    expect(changeTypeOf('Normal')).toBe('normal');
    expect(changeTypeOf(' emergency ')).toBe('emergency');
    expect(changeTypeOf('Pre-approved')).toBe('pre-approved');
    expect(changeTypeOf('Standard')).toBe('pre-approved');
    expect(changeTypeOf('Routine', { Routine: 'Pre-approved' })).toBe('pre-approved');
    expect(changeTypeOf('Major')).toBeNull();
    expect(changeTypeOf(null)).toBeNull();
  });

  it('MET-36: only a link saying the change causes the incident counts by itself', () => {
    expect(saysCauses('causes')).toBe(true);
    expect(saysCauses('is caused by')).toBe(false);
    expect(saysCauses('relates to')).toBe(false);
    expect(needsIncidentDate({ phrase: 'relates to', otherIsIncident: true })).toBe(true);
    expect(needsIncidentDate({ phrase: 'causes', otherIsIncident: true })).toBe(false);
    expect(needsIncidentDate({ phrase: 'relates to', otherIsIncident: false })).toBe(false);
  });

  it('outcome: the review recorded, else a recorded rejection, else Jira’s status for what the app did not record', () => {
    const byKey = new Map(records().map((c) => [c.key, c]));
    expect(byKey.get('C1')).toMatchObject({ outcome: 'successful', outcomeSource: 'app', leadTimeMs: 48 * H });
    expect(byKey.get('C5')).toMatchObject({ outcome: 'rejected', outcomeSource: 'app' });
    // C6: no record; done in Jira, so completed with its outcome not recorded; deployed when it first moved to "Deployed".
    expect(byKey.get('C6')).toMatchObject({ type: 'pre-approved', outcome: 'not-recorded', outcomeSource: 'jira', deployedAt: at(3, 21), leadTimeMs: 24 * H });
    expect(byKey.get('C7')).toMatchObject({ type: 'normal', typeKnown: false, outcome: 'in-progress', awaitingApproval: true });
    expect(byKey.get('C10')).toMatchObject({ outcome: 'in-progress', awaitingApproval: false });
    const declined = changeRecordOf(change('D1', { created: at(3, 1), statusName: 'Declined', statusCategory: 'done' }));
    const cancelled = changeRecordOf(change('D2', { created: at(3, 1), statusName: 'Canceled', statusCategory: 'done' }));
    expect(declined).toMatchObject({ outcome: 'rejected', outcomeSource: 'jira', implementedAt: null });
    expect(cancelled).toMatchObject({ outcome: 'cancelled', outcomeSource: 'jira', implementedAt: null });
  });

  it('MET-36: an incident raised within 7 days after the deployment counts; before it, later, or "is caused by" does not', () => {
    const deployed = at(3, 10);
    const base = { created: at(3, 9), evidence: evidence({ deployedAt: iso(deployed) }) };
    const raised = new Map([['I-IN', deployed + DAY], ['I-LATE', deployed + CAUSED_INCIDENT_WINDOW_MS], ['I-BEFORE', deployed - H], ['I-BY', deployed + H]]);
    const c = changeRecordOf(change('W', { ...base, links: [relates('I-IN'), relates('I-LATE'), relates('I-BEFORE'), { phrase: 'is caused by', otherKey: 'I-BY', otherIsIncident: true }, { phrase: 'relates to', otherKey: 'P-1', otherIsIncident: false }] }), { incidentCreatedAt: raised });
    expect(c?.causedIncidents).toEqual(['I-IN']);
  });

  it('a pre-approved change never waits for approval, even in a new status', () => {
    expect(changeRecordOf(change('P', { created: at(3, 1), changeTypeValue: 'Standard', statusName: 'Draft', statusCategory: 'new' }))?.awaitingApproval).toBe(false);
    expect(changeRecordOf(change('A', { created: at(3, 1), statusName: 'Awaiting CAB approval', statusCategory: 'indeterminate' }))?.awaitingApproval).toBe(true);
    // Rejected, or already deployed on an emergency approval recorded elsewhere, while Jira still shows Draft: not waiting.
    expect(changeRecordOf(change('R', { created: at(3, 1), statusName: 'Draft', statusCategory: 'new', evidence: evidence({ decisions: [rejected(at(3, 2))] }) }))?.awaitingApproval).toBe(false);
    expect(changeRecordOf(change('D', { created: at(3, 1), statusName: 'Draft', statusCategory: 'new', evidence: evidence({ deployedAt: iso(at(3, 2)) }) }))?.awaitingApproval).toBe(false);
  });
});

describe('change reports: the figures of a period', () => {
  it('RPT-17 raised per outcome, CHG-09 emergency share, MET-35 success rate without changes in progress, lead time, MET-36', () => {
    const r = report();
    // Raised in March: C1 C2 C3 C4 C5 C6 C7 C10 = 8; emergency C3 C4 C10 = 3 → 37.5 %.
    expect(r.overall.raised).toBe(8);
    expect(r.overall.emergencyShare).toEqual({ numerator: 3, denominator: 8, percent: 37.5 });
    // Where they stand: C1 successful, C2 failed, C3 backed out, C5 rejected, C6 not recorded, C4 C7 C10 in progress.
    expect(r.overall.outcomes).toEqual({ successful: 1, failed: 1, 'backed-out': 1, rejected: 1, cancelled: 0, 'not-recorded': 1, 'in-progress': 3 });
    expect(r.overall.rejected).toEqual({ numerator: 1, denominator: 8, percent: 12.5 });
    // Implemented in March: C8 (Mar 1) C2 C1 C3 C4 C6 = 6; C4 (no review) and C6 (not recorded) are outside the rates:
    // successful C1 C8 = 2 of the 4 with an outcome → 50 %; failed or backed out C2 C3 = 2 of 4 → 50 %.
    expect(r.overall.implemented).toBe(6);
    expect(r.overall.awaitingOutcome).toBe(2);
    expect(r.overall.successRate).toEqual({ numerator: 2, denominator: 4, percent: 50 });
    expect(r.overall.failedRate).toEqual({ numerator: 2, denominator: 4, percent: 50 });
    // Lead time (calendar) of the changes deployed in March: C8 228 h, C1 48 h, C2 12 h, C3 6 h, C4 3 h, C6 24 h.
    // Mean 321 / 6 = 53.5 h; median (12 + 24) / 2 = 18 h.
    expect(r.overall.leadTime).toMatchObject({ count: 6, meanMs: 53.5 * H, medianMs: 18 * H, minMs: 3 * H, maxMs: 228 * H });
    // Caused incidents: C2 (INC-1 raised a day after it was deployed) and C3 (causes INC-2) of the 6 implemented → 33.3 %.
    expect(r.overall.causedIncidents).toEqual({ numerator: 2, denominator: 6, percent: 200 / 6 });
    expect(r.typeNotSet).toBe(1);
  });

  it('the same figures per type', () => {
    const [normal, emergency, preApproved] = report().byType;
    // Normal: raised C1 C2 C5 C7; implemented C1 C2 C8, successful C1 C8 → 2/3; lead 48, 12, 228 → mean 96 h, median 48 h.
    expect(normal).toMatchObject({ type: 'normal', raised: 4, implemented: 3, rejected: { numerator: 1, denominator: 4, percent: 25 } });
    expect(normal?.successRate).toEqual({ numerator: 2, denominator: 3, percent: 200 / 3 });
    expect(normal?.leadTime).toMatchObject({ meanMs: 96 * H, medianMs: 48 * H });
    expect(normal?.causedIncidents).toEqual({ numerator: 1, denominator: 3, percent: 100 / 3 });
    // Emergency: raised C3 C4 C10; implemented C3 (backed out) C4 (no review) → 0 of 1; lead 6 h and 3 h → 4.5 h.
    expect(emergency).toMatchObject({ type: 'emergency', raised: 3, implemented: 2, awaitingOutcome: 1 });
    expect(emergency?.successRate).toEqual({ numerator: 0, denominator: 1, percent: 0 });
    expect(emergency?.leadTime.meanMs).toBe(4.5 * H);
    // Pre-approved: C6 alone, its outcome not recorded → no rate.
    expect(preApproved).toMatchObject({ type: 'pre-approved', raised: 1, implemented: 1, awaitingOutcome: 1 });
    expect(preApproved?.successRate.percent).toBeNull();
  });

  it('lists the changes raised or implemented in the period, and the backlog awaiting approval now', () => {
    const r = report();
    expect(r.rows.map((row) => row.key)).toEqual(['C8', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C10']);
    expect(r.rows.find((row) => row.key === 'C2')?.causedIncidents).toEqual(['INC-1']);
    // Waiting for approval on Apr 1: C9 (Draft since Feb 1: 59 days) and C7 (since Mar 25: 7 days); mean 33 days.
    expect(r.backlog.rows.map((b) => [b.key, b.ageMs / DAY])).toEqual([['C9', 59], ['C7', 7]]);
    expect(r.backlog.age).toMatchObject({ count: 2, meanMs: 33 * DAY, maxMs: 59 * DAY });
  });

  it('an empty period has no rates, not zeros', () => {
    const r = changeReport(records(), { period: { from: at(1, 1), to: at(1, 2) }, now: NOW });
    expect(r.overall.raised).toBe(0);
    expect(r.overall.emergencyShare.percent).toBeNull();
    expect(r.overall.successRate.percent).toBeNull();
    expect(r.overall.leadTime.meanMs).toBeNull();
    expect(r.rows).toEqual([]);
    expect(r.backlog.count).toBe(2);
  });
});

describe('change reports: CSV', () => {
  it('writes one row per change, guarding text a spreadsheet would run as a formula', () => {
    const evil = changeRecordOf(change('X1', { created: at(3, 2), summary: '=HYPERLINK("http://evil.example","click")', evidence: evidence({ deployedAt: iso(at(3, 2, 6)) }) }));
    const csv = changeRowsCsv(changeReport([...records(), evil as ReportChange], { period: MARCH, timeZone: 'UTC', now: NOW }));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('key,summary,type,status,outcome,outcome from,raised,deployed,lead time (calendar h),incidents caused');
    expect(lines).toContain(`C2,Change C2,Normal,Reviewed,Failed,app record,${iso(at(3, 3))},${iso(at(3, 3, 12))},12,INC-1`);
    expect(lines).toContain(`C6,Change C6,Pre-approved,Reviewed,"Completed, outcome not recorded",Jira status,${iso(at(3, 20))},${iso(at(3, 21))},24,`);
    expect(lines).toContain(`C7,Change C7,Normal (type not set),Awaiting approval,In progress,Jira status,${iso(at(3, 25))},,,`);
    expect(lines).toContain(`X1,"'=HYPERLINK(""http://evil.example"",""click"")",Normal,In build,In progress,app record,${iso(at(3, 2))},${iso(at(3, 2, 6))},6,`);
  });

  it('summarises the figures with their numerators and denominators', () => {
    const lines = changeReportCsv(report()).split('\r\n');
    expect(lines[0]).toBe('metric,group,value,unit,numerator,denominator');
    expect(lines).toContain('Period start,,2027-03-01,date (UTC),,');
    expect(lines).toContain('Period end (inclusive),,2027-03-31,date (UTC),,');
    expect(lines).toContain('Emergency share,all,37.5,%,3,8');
    expect(lines).toContain('Success rate,all,50,%,2,4');
    expect(lines).toContain('Success rate,Normal,66.67,%,2,3');
    expect(lines).toContain('Lead time mean,all,53.5,calendar h,,6');
    expect(lines).toContain('Changes that caused incidents,all,33.33,%,2,6');
    expect(lines).toContain('Awaiting approval,C9,59,calendar days,,');
  });
});
