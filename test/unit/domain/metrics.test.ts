import fc from 'fast-check';
import {
  bucketsInPeriod,
  changeMetrics,
  customerSatisfaction,
  durationStats,
  escalationRate,
  firstResponseTime,
  incidentVolume,
  meanTimeToResolve,
  slaAttainment,
  utcDay,
  utcIsoWeek,
  utcMonth,
  type ChangeMetricRecord,
  type IncidentMetricRecord,
  type Period,
  type TargetOutcome,
} from '../../../src/domain/metrics';

const MIN = 60_000;
const H = 3_600_000;
/** 2026-03-<day> <hour>:<minute> UTC. 2026-03-01 is a Sunday. */
const mar = (day: number, hour = 0, minute = 0): number => Date.UTC(2026, 2, day, hour, minute);
const MARCH: Period = { from: mar(1), to: Date.UTC(2026, 3, 1) };

const FR = (met: boolean | null): TargetOutcome => ({ kind: 'first-response', met });
const RES = (met: boolean | null): TargetOutcome => ({ kind: 'resolution', met });

/**
 * Fixture, period = March 2026 (UTC).
 *
 * id   prio      svc cust cat      opened   resolved   res.biz  1st resp   fr.biz  targets      esc  csat
 * I1   Critical  A   X    network  Mar 2    Mar 2      2h       Mar 2      10m     FR✓ RES✓     -    5
 * I2   Critical  A   X    network  Mar 3    Mar 3      6h       Mar 3      20m     FR✗ RES✗     ✓    2
 * I3   High      A   Y    app      Mar 9    Mar 9      4h       Mar 9      30m     FR✓ RES✓     -    4
 * I4   High      B   Y    app      Mar 10   Mar 11     10h      Mar 10     40m     FR✗ RES✗     ✓    null (no answer)
 * I5   Normal    B   X    access   Mar 16   Mar 17     8h       Mar 16     60m     FR✓ RES✓     -    5
 * I6   Normal    B   X    access   Mar 23   Mar 24     12h      Mar 23     120m    FR✓ RES✓     -    (not surveyed)
 * I7   Normal    A   Y    app      Mar 30   open       -        Mar 30     60m     FR✓ RES…     -    -
 * I8   High      A   X    network  Feb 27   Mar 2      18h      Feb 27     30m     FR✓ RES✗     ✓    3     opened/responded before March
 * I9   Normal    B   Y    network  Mar 31   Apr 1      4h       Apr 1      30m     FR✓ RES✓     -    4     resolved/responded after March
 * I10  Critical  C   -    network  Mar 20   Mar 20     2h       Mar 20     15m     FR✓ RES✓     -    1
 * I11  Normal    A   -    -        Mar 5    Mar 5      1h       Mar 5      15m     (none)       -    4     no agreement
 * I12  High      C   Z    app      Mar 12   Mar 14     9h       Mar 12     30m     FR✓ RES✓ RES✗ ✓   3     reopened: 2 cycles
 */
const INCIDENTS: IncidentMetricRecord[] = [
  { id: 'I1', priority: 'Critical', service: 'A', customer: 'X', category: 'network', ci: 'router-1', openedAt: mar(2, 9), resolvedAt: mar(2, 11), resolutionBusinessMs: 2 * H, firstResponseAt: mar(2, 9, 10), firstResponseBusinessMs: 10 * MIN, targets: [FR(true), RES(true)], escalated: false, csat: 5 },
  { id: 'I2', priority: 'Critical', service: 'A', customer: 'X', category: 'network', ci: 'router-1', openedAt: mar(3, 8), resolvedAt: mar(3, 14), resolutionBusinessMs: 6 * H, firstResponseAt: mar(3, 8, 20), firstResponseBusinessMs: 20 * MIN, targets: [FR(false), RES(false)], escalated: true, csat: 2 },
  { id: 'I3', priority: 'High', service: 'A', customer: 'Y', category: 'app', openedAt: mar(9, 10), resolvedAt: mar(9, 14), resolutionBusinessMs: 4 * H, firstResponseAt: mar(9, 10, 30), firstResponseBusinessMs: 30 * MIN, targets: [FR(true), RES(true)], escalated: false, csat: 4 },
  { id: 'I4', priority: 'High', service: 'B', customer: 'Y', category: 'app', openedAt: mar(10, 10), resolvedAt: mar(11, 10), resolutionBusinessMs: 10 * H, firstResponseAt: mar(10, 10, 40), firstResponseBusinessMs: 40 * MIN, targets: [FR(false), RES(false)], escalated: true, csat: null },
  { id: 'I5', priority: 'Normal', service: 'B', customer: 'X', category: 'access', openedAt: mar(16, 9), resolvedAt: mar(17, 9), resolutionBusinessMs: 8 * H, firstResponseAt: mar(16, 10), firstResponseBusinessMs: 60 * MIN, targets: [FR(true), RES(true)], escalated: false, csat: 5 },
  { id: 'I6', priority: 'Normal', service: 'B', customer: 'X', category: 'access', openedAt: mar(23, 9), resolvedAt: mar(24, 12), resolutionBusinessMs: 12 * H, firstResponseAt: mar(23, 11), firstResponseBusinessMs: 120 * MIN, targets: [FR(true), RES(true)], escalated: false },
  { id: 'I7', priority: 'Normal', service: 'A', customer: 'Y', category: 'app', openedAt: mar(30, 9), resolvedAt: null, resolutionBusinessMs: null, firstResponseAt: mar(30, 10), firstResponseBusinessMs: 60 * MIN, targets: [FR(true), RES(null)], escalated: false },
  { id: 'I8', priority: 'High', service: 'A', customer: 'X', category: 'network', openedAt: Date.UTC(2026, 1, 27, 9), resolvedAt: mar(2, 15), resolutionBusinessMs: 18 * H, firstResponseAt: Date.UTC(2026, 1, 27, 9, 30), firstResponseBusinessMs: 30 * MIN, targets: [FR(true), RES(false)], escalated: true, csat: 3 },
  { id: 'I9', priority: 'Normal', service: 'B', customer: 'Y', category: 'network', openedAt: mar(31, 20), resolvedAt: Date.UTC(2026, 3, 1, 13), resolutionBusinessMs: 4 * H, firstResponseAt: Date.UTC(2026, 3, 1, 9, 30), firstResponseBusinessMs: 30 * MIN, targets: [FR(true), RES(true)], escalated: false, csat: 4 },
  { id: 'I10', priority: 'Critical', service: 'C', category: 'network', openedAt: mar(20, 1), resolvedAt: mar(20, 3), resolutionBusinessMs: 2 * H, firstResponseAt: mar(20, 1, 15), firstResponseBusinessMs: 15 * MIN, targets: [FR(true), RES(true)], escalated: false, csat: 1 },
  { id: 'I11', priority: 'Normal', service: 'A', openedAt: mar(5, 9), resolvedAt: mar(5, 10), resolutionBusinessMs: 1 * H, firstResponseAt: mar(5, 9, 15), firstResponseBusinessMs: 15 * MIN, targets: [], escalated: false, csat: 4 },
  { id: 'I12', priority: 'High', service: 'C', customer: 'Z', category: 'app', openedAt: mar(12, 9), resolvedAt: mar(14, 12), resolutionBusinessMs: 9 * H, firstResponseAt: mar(12, 9, 30), firstResponseBusinessMs: 30 * MIN, targets: [FR(true), RES(true), RES(false)], escalated: true, csat: 3 },
];

/**
 * id  type          created  deployed  outcome     svc
 * C1  normal        Mar 2    Mar 5     successful  A
 * C2  normal        Mar 3    Mar 10    failed      A
 * C3  emergency     Mar 4    Mar 4     backed-out  B
 * C4  pre-approved  Mar 6    Mar 6     successful  B
 * C5  pre-approved  Mar 12   Mar 12    successful  A
 * C6  normal        Feb 20   Mar 1     successful  A   created before March, implemented in March
 * C7  emergency     Mar 28   Mar 28    (pending)   B   implemented, outcome not yet recorded
 * C8  normal        Mar 30   -         -           A   not implemented
 * C9  normal        Mar 31   Apr 2     failed      A   implemented after March
 */
const CHANGES: ChangeMetricRecord[] = [
  { id: 'C1', type: 'normal', createdAt: mar(2, 9), deployedAt: mar(5, 20), outcome: 'successful', service: 'A' },
  { id: 'C2', type: 'normal', createdAt: mar(3, 9), deployedAt: mar(10, 20), outcome: 'failed', service: 'A' },
  { id: 'C3', type: 'emergency', createdAt: mar(4, 2), deployedAt: mar(4, 3), outcome: 'backed-out', service: 'B' },
  { id: 'C4', type: 'pre-approved', createdAt: mar(6, 9), deployedAt: mar(6, 10), outcome: 'successful', service: 'B' },
  { id: 'C5', type: 'pre-approved', createdAt: mar(12, 9), deployedAt: mar(12, 10), outcome: 'successful', service: 'A' },
  { id: 'C6', type: 'normal', createdAt: Date.UTC(2026, 1, 20, 9), deployedAt: mar(1, 0), outcome: 'successful', service: 'A' },
  { id: 'C7', type: 'emergency', createdAt: mar(28, 4), deployedAt: mar(28, 5), outcome: null, service: 'B' },
  { id: 'C8', type: 'normal', createdAt: mar(30, 9), deployedAt: null, outcome: null, service: 'A' },
  { id: 'C9', type: 'normal', createdAt: mar(31, 9), deployedAt: Date.UTC(2026, 3, 2, 20), outcome: 'failed', service: 'A' },
];

const EMPTY_PERIOD: Period = { from: Date.UTC(2025, 0, 1), to: Date.UTC(2025, 1, 1) };

describe('MET-04 / D22 MTTR (business time, incidents resolved in the period)', () => {
  it('MET-04: mean and median over incidents resolved in March', () => {
    // Resolved in March: I1 2h, I2 6h, I3 4h, I4 10h, I5 8h, I6 12h, I8 18h (opened Feb), I10 2h, I11 1h, I12 9h.
    // Not I7 (open) nor I9 (resolved Apr 1).
    // sum = 2+6+4+10+8+12+18+2+1+9 = 72h; mean = 72/10 = 7.2h.
    // sorted 1,2,2,4,6,8,9,10,12,18 -> median = (6+8)/2 = 7h; min 1h; max 18h.
    expect(meanTimeToResolve(INCIDENTS, MARCH)).toEqual({ count: 10, excluded: 0, meanMs: (72 * H) / 10, medianMs: 7 * H, minMs: 1 * H, maxMs: 18 * H });
  });
  it('MET-04: an incident resolved outside the period (I9) and a still-open one (I7) are not counted', () => {
    // April: only I9 resolved (Apr 1, 4h).
    expect(meanTimeToResolve(INCIDENTS, { from: Date.UTC(2026, 3, 1), to: Date.UTC(2026, 4, 1) })).toEqual({ count: 1, excluded: 0, meanMs: 4 * H, medianMs: 4 * H, minMs: 4 * H, maxMs: 4 * H });
    const ids = INCIDENTS.filter((i) => i.id === 'I7' || i.id === 'I9');
    expect(meanTimeToResolve(ids, MARCH).count).toBe(0);
  });
  it('MET-04: filter by priority High', () => {
    // I3 4h, I4 10h, I8 18h, I12 9h: sum 41h, mean 10.25h; sorted 4,9,10,18 -> median (9+10)/2 = 9.5h.
    expect(meanTimeToResolve(INCIDENTS, MARCH, { priority: 'High' })).toMatchObject({ count: 4, meanMs: (41 * H) / 4, medianMs: 9.5 * H });
  });
  it('MET-04: filter by service A and by customer X, and by a list of values', () => {
    // Service A resolved in March: I1 2h, I2 6h, I3 4h, I8 18h, I11 1h: sum 31h, mean 6.2h; sorted 1,2,4,6,18 -> median 4h.
    expect(meanTimeToResolve(INCIDENTS, MARCH, { service: 'A' })).toMatchObject({ count: 5, meanMs: (31 * H) / 5, medianMs: 4 * H });
    // Customer X: I1 2h, I2 6h, I5 8h, I6 12h, I8 18h: sum 46h, mean 9.2h; median 8h. (I10, I11 have no customer.)
    expect(meanTimeToResolve(INCIDENTS, MARCH, { customer: 'X' })).toMatchObject({ count: 5, meanMs: (46 * H) / 5, medianMs: 8 * H });
    // Critical or Normal: I1 2, I2 6, I5 8, I6 12, I10 2, I11 1 = 31h / 6; sorted 1,2,2,6,8,12 -> median (2+6)/2 = 4h.
    expect(meanTimeToResolve(INCIDENTS, MARCH, { priority: ['Critical', 'Normal'] })).toMatchObject({ count: 6, meanMs: (31 * H) / 6, medianMs: 4 * H });
    // An empty list is no restriction: same as no filter (10 incidents).
    expect(meanTimeToResolve(INCIDENTS, MARCH, { priority: [] }).count).toBe(10);
  });
  it('MET-04: resolved incidents without a valid business duration are excluded and counted, never NaN', () => {
    const broken: IncidentMetricRecord[] = [
      { ...INCIDENTS[0]!, id: 'B1', resolutionBusinessMs: null },
      { ...INCIDENTS[0]!, id: 'B2', resolutionBusinessMs: Number.NaN },
      { ...INCIDENTS[0]!, id: 'B3', resolutionBusinessMs: -1 },
      { ...INCIDENTS[0]!, id: 'B4', resolutionBusinessMs: 3 * H },
    ];
    // Only B4 counts: mean = median = 3h; B1..B3 excluded.
    expect(meanTimeToResolve(broken, MARCH)).toEqual({ count: 1, excluded: 3, meanMs: 3 * H, medianMs: 3 * H, minMs: 3 * H, maxMs: 3 * H });
  });
  it('MET-04: all-empty period gives null, not NaN', () => {
    expect(meanTimeToResolve(INCIDENTS, EMPTY_PERIOD)).toEqual({ count: 0, excluded: 0, meanMs: null, medianMs: null, minMs: null, maxMs: null });
    expect(meanTimeToResolve([], MARCH).meanMs).toBeNull();
  });
  it('MET-04: the period is half-open [from, to)', () => {
    // I1 resolved exactly at 11:00 on Mar 2: in [11:00, 12:00), not in [10:00, 11:00).
    expect(meanTimeToResolve(INCIDENTS, { from: mar(2, 11), to: mar(2, 12) }).count).toBe(1);
    expect(meanTimeToResolve(INCIDENTS, { from: mar(2, 10), to: mar(2, 11) }).count).toBe(0);
  });
  it('MET-04 (every metric): refuses an inverted or non-finite period', () => {
    expect(() => meanTimeToResolve(INCIDENTS, { from: MARCH.to, to: MARCH.from })).toThrow(RangeError);
    expect(() => meanTimeToResolve(INCIDENTS, { from: Number.NaN, to: MARCH.to })).toThrow(RangeError);
  });
});

describe('MET-05 first response time (incidents first answered in the period)', () => {
  it('MET-05: mean, median and % within target', () => {
    // First response in March: I1 10, I2 20, I3 30, I4 40, I5 60, I6 120, I7 60, I10 15, I11 15, I12 30 (minutes).
    // Not I8 (Feb 27) nor I9 (Apr 1). sum = 400 min; mean = 40 min.
    // sorted 10,15,15,20,30,30,40,60,60,120 -> median (30+30)/2 = 30 min.
    // FR targets decided: I1✓ I2✗ I3✓ I4✗ I5✓ I6✓ I7✓ I10✓ I12✓ (I11 has none) -> 7 met / 9 = 77.78%.
    const frt = firstResponseTime(INCIDENTS, MARCH);
    expect(frt).toMatchObject({ count: 10, excluded: 0, meanMs: 40 * MIN, medianMs: 30 * MIN, minMs: 10 * MIN, maxMs: 120 * MIN });
    expect(frt.withinTarget).toEqual({ numerator: 7, denominator: 9, percent: 700 / 9 });
  });
  it('MET-05: filter by priority Critical', () => {
    // I1 10, I2 20, I10 15 -> mean 15 min, median 15 min; targets I1✓ I2✗ I10✓ -> 2/3.
    const frt = firstResponseTime(INCIDENTS, MARCH, { priority: 'Critical' });
    expect(frt).toMatchObject({ count: 3, meanMs: 15 * MIN, medianMs: 15 * MIN });
    expect(frt.withinTarget).toEqual({ numerator: 2, denominator: 3, percent: 200 / 3 });
  });
  it('MET-05: incidents without an agreement count in the mean but not in % within target', () => {
    // Only I11 (no targets): mean 15 min, withinTarget 0/0 -> null.
    const frt = firstResponseTime(INCIDENTS.filter((i) => i.id === 'I11'), MARCH);
    expect(frt.meanMs).toBe(15 * MIN);
    expect(frt.withinTarget).toEqual({ numerator: 0, denominator: 0, percent: null });
  });
  it('MET-05: all-empty period', () => {
    expect(firstResponseTime(INCIDENTS, EMPTY_PERIOD)).toEqual({ count: 0, excluded: 0, meanMs: null, medianMs: null, minMs: null, maxMs: null, withinTarget: { numerator: 0, denominator: 0, percent: null } });
  });
});

describe('MET-01 SLA attainment % (incidents closed in the period)', () => {
  it('MET-01: items that met all targets ÷ items with targets, overall and per target kind', () => {
    // Resolved in March with targets: I1✓✓ I2✗✗ I3✓✓ I4✗✗ I5✓✓ I6✓✓ I8✓✗ I10✓✓ I12✓✓✗ (I11 has no targets -> out).
    // Met all: I1 I3 I5 I6 I10 = 5 of 9 -> 55.56%.
    // First response: met I1 I3 I5 I6 I8 I10 I12 = 7 of 9 decided -> 77.78%.
    // Resolution (every cycle): met I1 I3 I5 I6 I10 I12(cycle 1) = 6 of 10 (I12 has two) -> 60%.
    const sla = slaAttainment(INCIDENTS, MARCH);
    expect(sla.items).toEqual({ numerator: 5, denominator: 9, percent: 500 / 9 });
    expect(sla.byKind['first-response']).toEqual({ numerator: 7, denominator: 9, percent: 700 / 9 });
    expect(sla.byKind.resolution).toEqual({ numerator: 6, denominator: 10, percent: 60 });
    expect(sla.undecided).toBe(0);
  });
  it('MET-01: per priority', () => {
    // Critical: I1✓✓ I2✗✗ I10✓✓ -> items 2/3; FR 2/3; RES 2/3.
    // High: I3✓✓ I4✗✗ I8✓✗ I12✓✓✗ -> items 1/4 = 25%; FR I3 I8 I12 = 3/4; RES I3 + I12(c1) = 2 of 5 = 40%.
    // Normal: I5✓✓ I6✓✓ (I11 no targets, I7 open, I9 April) -> items 2/2; FR 2/2; RES 2/2.
    expect(slaAttainment(INCIDENTS, MARCH).byPriority).toEqual([
      { priority: 'Critical', items: { numerator: 2, denominator: 3, percent: 200 / 3 }, byKind: { 'first-response': { numerator: 2, denominator: 3, percent: 200 / 3 }, resolution: { numerator: 2, denominator: 3, percent: 200 / 3 } }, undecided: 0 },
      { priority: 'High', items: { numerator: 1, denominator: 4, percent: 25 }, byKind: { 'first-response': { numerator: 3, denominator: 4, percent: 75 }, resolution: { numerator: 2, denominator: 5, percent: 40 } }, undecided: 0 },
      { priority: 'Normal', items: { numerator: 2, denominator: 2, percent: 100 }, byKind: { 'first-response': { numerator: 2, denominator: 2, percent: 100 }, resolution: { numerator: 2, denominator: 2, percent: 100 } }, undecided: 0 },
    ]);
  });
  it('MET-01: a resolved item with a target still running is left out of the item ratio and counted as undecided', () => {
    // U1: FR✓, RES null -> undecided; its decided FR target still counts per kind (1/1). Items 0/0 -> null.
    const u: IncidentMetricRecord = { ...INCIDENTS[0]!, id: 'U1', targets: [FR(true), RES(null)] };
    const sla = slaAttainment([u], MARCH);
    expect(sla.items).toEqual({ numerator: 0, denominator: 0, percent: null });
    expect(sla.undecided).toBe(1);
    expect(sla.byKind['first-response']).toEqual({ numerator: 1, denominator: 1, percent: 100 });
    expect(sla.byKind.resolution.percent).toBeNull();
  });
  it('MET-01: filter by customer Y', () => {
    // Customer Y resolved in March: I3✓✓ I4✗✗ (I7 open, I9 April) -> 1/2 = 50%.
    expect(slaAttainment(INCIDENTS, MARCH, { customer: 'Y' }).items).toEqual({ numerator: 1, denominator: 2, percent: 50 });
  });
  it('MET-01: all-empty period', () => {
    const sla = slaAttainment(INCIDENTS, EMPTY_PERIOD);
    expect(sla.items.percent).toBeNull();
    expect(sla.byKind['first-response'].percent).toBeNull();
    expect(sla.byKind.resolution.percent).toBeNull();
    expect(sla.byPriority).toEqual([]);
  });
});

describe('MET-07 escalation rate (incidents opened in the period)', () => {
  it('MET-07: escalated ÷ opened, overall and per priority', () => {
    // Opened in March: I1 I2 I3 I4 I5 I6 I7 I9 I10 I11 I12 = 11 (I8 opened Feb 27).
    // Escalated among them: I2 I4 I12 = 3 (I8 escalated but opened in Feb) -> 3/11 = 27.27%.
    // Critical I1 I2 I10 -> 1/3; High I3 I4 I12 -> 2/3; Normal I5 I6 I7 I9 I11 -> 0/5 = 0%.
    expect(escalationRate(INCIDENTS, MARCH)).toEqual({
      overall: { numerator: 3, denominator: 11, percent: 300 / 11 },
      byPriority: [
        { priority: 'Critical', rate: { numerator: 1, denominator: 3, percent: 100 / 3 } },
        { priority: 'High', rate: { numerator: 2, denominator: 3, percent: 200 / 3 } },
        { priority: 'Normal', rate: { numerator: 0, denominator: 5, percent: 0 } },
      ],
    });
  });
  it('MET-07: filter by service B', () => {
    // Service B opened in March: I4 (esc) I5 I6 I9 -> 1/4 = 25%.
    expect(escalationRate(INCIDENTS, MARCH, { service: 'B' }).overall).toEqual({ numerator: 1, denominator: 4, percent: 25 });
  });
  it('MET-07: all-empty period', () => {
    expect(escalationRate(INCIDENTS, EMPTY_PERIOD)).toEqual({ overall: { numerator: 0, denominator: 0, percent: null }, byPriority: [] });
  });
});

describe('MET-06 incident volume (incidents opened in the period)', () => {
  it('MET-06: totals by priority, service, category and CI', () => {
    // Opened in March: 11 (see MET-07).
    // Priority: Critical I1 I2 I10 = 3; High I3 I4 I12 = 3; Normal I5 I6 I7 I9 I11 = 5.
    // Service: A I1 I2 I3 I7 I11 = 5; B I4 I5 I6 I9 = 4; C I10 I12 = 2.
    // Category: access I5 I6 = 2; app I3 I4 I7 I12 = 4; network I1 I2 I9 I10 = 4; unset I11 = 1.
    // CI: router-1 I1 I2 = 2; unset: the other 9.
    const v = incidentVolume(INCIDENTS, MARCH, { bucketOf: utcMonth });
    expect(v.count).toBe(11);
    expect(v.byPriority).toEqual([{ key: 'Critical', count: 3 }, { key: 'High', count: 3 }, { key: 'Normal', count: 5 }]);
    expect(v.byService).toEqual([{ key: 'A', count: 5 }, { key: 'B', count: 4 }, { key: 'C', count: 2 }]);
    expect(v.byCategory).toEqual([{ key: 'access', count: 2 }, { key: 'app', count: 4 }, { key: 'network', count: 4 }, { key: null, count: 1 }]);
    expect(v.byCi).toEqual([{ key: 'router-1', count: 2 }, { key: null, count: 9 }]);
    // One month bucket holding all 11.
    expect(v.buckets.map((b) => [b.bucket, b.count])).toEqual([['2026-03', 11]]);
  });
  it('MET-06: per ISO week (UTC), zero-filled with bucketsInPeriod', () => {
    // 2026-03-01 (Sun) is in W09 (Feb 23–Mar 1); W10 Mar 2–8; W11 Mar 9–15; W12 Mar 16–22; W13 Mar 23–29; W14 Mar 30–Apr 5.
    // W09: none = 0; W10: I1 (2) I2 (3) I11 (5) = 3; W11: I3 (9) I4 (10) I12 (12) = 3;
    // W12: I5 (16) I10 (20) = 2; W13: I6 (23) = 1; W14: I7 (30) I9 (31) = 2. Total 11.
    const keys = bucketsInPeriod(MARCH, utcIsoWeek);
    expect(keys).toEqual(['2026-W09', '2026-W10', '2026-W11', '2026-W12', '2026-W13', '2026-W14']);
    const v = incidentVolume(INCIDENTS, MARCH, { bucketOf: utcIsoWeek, bucketKeys: keys });
    expect(v.buckets.map((b) => [b.bucket, b.count])).toEqual([['2026-W09', 0], ['2026-W10', 3], ['2026-W11', 3], ['2026-W12', 2], ['2026-W13', 1], ['2026-W14', 2]]);
    // W12 by priority: I5 Normal, I10 Critical.
    expect(v.buckets[3]!.byPriority).toEqual([{ key: 'Critical', count: 1 }, { key: 'Normal', count: 1 }]);
    expect(v.buckets[0]).toEqual({ bucket: '2026-W09', count: 0, byPriority: [], byService: [], byCategory: [], byCi: [] });
  });
  it('MET-06: per UTC day by default, only non-empty days without bucketKeys', () => {
    // Days with openings: 02 I1, 03 I2, 05 I11, 09 I3, 10 I4, 12 I12, 16 I5, 20 I10, 23 I6, 30 I7, 31 I9 -> 11 days, 1 each.
    const v = incidentVolume(INCIDENTS, MARCH);
    expect(v.buckets.map((b) => b.bucket)).toEqual(['2026-03-02', '2026-03-03', '2026-03-05', '2026-03-09', '2026-03-10', '2026-03-12', '2026-03-16', '2026-03-20', '2026-03-23', '2026-03-30', '2026-03-31']);
    expect(v.buckets.every((b) => b.count === 1)).toBe(true);
    expect(bucketsInPeriod(MARCH, utcDay)).toHaveLength(31);
  });
  it('MET-06: the bucket function is the caller’s (time zones stay outside the domain)', () => {
    // A UTC+10 "day": I9 opened Mar 31 20:00 UTC = Apr 1 06:00 local, so it lands in "04-01".
    const plus10 = (t: number): string => utcDay(t + 10 * H);
    const v = incidentVolume(INCIDENTS, MARCH, { bucketOf: plus10, filter: { service: 'B' } });
    // Service B: I4 (Mar 10 20:00 local), I5 (Mar 16 19:00), I6 (Mar 23 19:00), I9 (Apr 1 06:00).
    expect(v.buckets.map((b) => b.bucket)).toEqual(['2026-03-10', '2026-03-16', '2026-03-23', '2026-04-01']);
  });
  it('MET-06: all-empty period', () => {
    expect(incidentVolume(INCIDENTS, EMPTY_PERIOD)).toEqual({ count: 0, byPriority: [], byService: [], byCategory: [], byCi: [], buckets: [] });
    expect(bucketsInPeriod({ from: 5, to: 5 }, utcDay)).toEqual([]);
  });
  it('MET-06: UTC bucket helpers, ISO week-year edges', () => {
    expect(utcIsoWeek(Date.UTC(2026, 0, 1))).toBe('2026-W01'); // Thursday
    expect(utcIsoWeek(Date.UTC(2025, 11, 29))).toBe('2026-W01'); // Monday of 2026-W01
    expect(utcIsoWeek(Date.UTC(2021, 0, 3, 23, 59))).toBe('2020-W53'); // Sunday, 2020 has 53 weeks
    expect(utcIsoWeek(Date.UTC(2024, 11, 30))).toBe('2025-W01');
    expect(utcDay(Date.UTC(2026, 2, 31, 23, 59, 59, 999))).toBe('2026-03-31');
    expect(utcMonth(Date.UTC(2026, 3, 1))).toBe('2026-04');
  });
});

describe('MET-15 customer satisfaction (incidents resolved in the period)', () => {
  it('MET-15: mean, distribution, % satisfied (4–5) and response rate', () => {
    // Resolved in March: I1 5, I2 2, I3 4, I4 null (no answer), I5 5, I6 not surveyed, I8 3, I10 1, I11 4, I12 3.
    // Surveyed = 10 − 1 (I6) = 9; answers = 8 -> response rate 8/9.
    // Answers 5,2,4,5,3,1,4,3: sum 27 -> mean 27/8 = 3.375.
    // Distribution 1:1 2:1 3:2 4:2 5:2; satisfied (4 or 5) = 4 of 8 = 50%.
    expect(customerSatisfaction(INCIDENTS, MARCH)).toEqual({
      resolved: 10,
      surveyed: 9,
      responseRate: { numerator: 8, denominator: 9, percent: 800 / 9 },
      invalid: 0,
      meanScore: 3.375,
      distribution: { 1: 1, 2: 1, 3: 2, 4: 2, 5: 2 },
      satisfied: { numerator: 4, denominator: 8, percent: 50 },
    });
  });
  it('MET-15: no CSAT answers gives null mean and null % satisfied', () => {
    const v = customerSatisfaction(INCIDENTS.filter((i) => i.id === 'I4' || i.id === 'I6'), MARCH);
    // I4 surveyed without answer, I6 not surveyed -> surveyed 1, answers 0.
    expect(v).toEqual({ resolved: 2, surveyed: 1, responseRate: { numerator: 0, denominator: 1, percent: 0 }, invalid: 0, meanScore: null, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }, satisfied: { numerator: 0, denominator: 0, percent: null } });
  });
  it('MET-15: scores outside 1..5 or not integers are counted as invalid and left out', () => {
    const odd: IncidentMetricRecord[] = [{ ...INCIDENTS[0]!, id: 'O1', csat: 0 }, { ...INCIDENTS[0]!, id: 'O2', csat: 4.5 }, { ...INCIDENTS[0]!, id: 'O3', csat: 4 }];
    // Valid: O3 only -> mean 4, satisfied 1/1.
    expect(customerSatisfaction(odd, MARCH)).toMatchObject({ invalid: 2, meanScore: 4, satisfied: { numerator: 1, denominator: 1, percent: 100 } });
  });
  it('MET-15: filter by customer X', () => {
    // X resolved in March: I1 5, I2 2, I5 5, I6 (not surveyed), I8 3 -> answers 5,2,5,3: mean 15/4 = 3.75; satisfied 2/4.
    expect(customerSatisfaction(INCIDENTS, MARCH, { customer: 'X' })).toMatchObject({ meanScore: 3.75, satisfied: { numerator: 2, denominator: 4, percent: 50 } });
  });
  it('MET-15: all-empty period', () => {
    expect(customerSatisfaction(INCIDENTS, EMPTY_PERIOD)).toMatchObject({ resolved: 0, meanScore: null, satisfied: { percent: null }, responseRate: { percent: null } });
  });
});

describe('MET-35 / RPT-17 changes', () => {
  it('MET-35: failed rate, success rate, emergency ratio', () => {
    // Created in March: C1 C2 C3 C4 C5 C7 C8 C9 = 8 (C6 created Feb). normal C1 C2 C8 C9 = 4; emergency C3 C7 = 2; pre-approved C4 C5 = 2.
    // Emergency ratio = 2/8 = 25%.
    // Implemented (deployed) in March: C1 C2 C3 C4 C5 C6 C7 = 7 (C8 not deployed, C9 deployed Apr 2).
    // C7 awaits its outcome -> 6 assessed: successful C1 C4 C5 C6 = 4; failed C2 = 1; backed-out C3 = 1.
    // Success 4/6 = 66.67%; failed (failed + backed-out) 2/6 = 33.33%.
    expect(changeMetrics(CHANGES, MARCH)).toEqual({
      created: 8,
      createdByType: { 'pre-approved': 2, emergency: 2, normal: 4 },
      emergencyRatio: { numerator: 2, denominator: 8, percent: 25 },
      implemented: 7,
      awaitingOutcome: 1,
      outcomes: { successful: 4, failed: 1, 'backed-out': 1 },
      successRate: { numerator: 4, denominator: 6, percent: 400 / 6 },
      failedRate: { numerator: 2, denominator: 6, percent: 200 / 6 },
    });
  });
  it('MET-35: filter by service A', () => {
    // Service A created in March: C1 C2 C5 C8 C9 = 5, no emergency -> 0%.
    // Implemented in March: C1✓ C2✗ C5✓ C6✓ -> success 3/4 = 75%, failed 1/4 = 25%.
    const m = changeMetrics(CHANGES, MARCH, { service: 'A' });
    expect(m.emergencyRatio).toEqual({ numerator: 0, denominator: 5, percent: 0 });
    expect(m.successRate).toEqual({ numerator: 3, denominator: 4, percent: 75 });
    expect(m.failedRate).toEqual({ numerator: 1, denominator: 4, percent: 25 });
  });
  it('MET-35: a change implemented after the period counts in the next one', () => {
    // April: C9 deployed Apr 2, failed -> 1/1 = 100%; nothing created in April -> emergency ratio null.
    const m = changeMetrics(CHANGES, { from: Date.UTC(2026, 3, 1), to: Date.UTC(2026, 4, 1) });
    expect(m.failedRate).toEqual({ numerator: 1, denominator: 1, percent: 100 });
    expect(m.emergencyRatio.percent).toBeNull();
  });
  it('MET-35: all-empty period', () => {
    expect(changeMetrics(CHANGES, EMPTY_PERIOD)).toEqual({
      created: 0,
      createdByType: { 'pre-approved': 0, emergency: 0, normal: 0 },
      emergencyRatio: { numerator: 0, denominator: 0, percent: null },
      implemented: 0,
      awaitingOutcome: 0,
      outcomes: { successful: 0, failed: 0, 'backed-out': 0 },
      successRate: { numerator: 0, denominator: 0, percent: null },
      failedRate: { numerator: 0, denominator: 0, percent: null },
    });
  });
});

describe('D22 metric invariants (property)', () => {
  const T0 = MARCH.from;
  const incidentArb: fc.Arbitrary<IncidentMetricRecord> = fc.record({
    priority: fc.constantFrom('Critical', 'High', 'Normal'),
    openedOffset: fc.integer({ min: -10 * 24 * H, max: 40 * 24 * H }),
    resolvedAfter: fc.option(fc.integer({ min: 0, max: 20 * 24 * H }), { nil: null }),
    resolutionBusinessMs: fc.integer({ min: 0, max: 10 * 24 * H }),
    targets: fc.array(fc.record({ kind: fc.constantFrom<'first-response' | 'resolution'>('first-response', 'resolution'), met: fc.option(fc.boolean(), { nil: null }) }), { maxLength: 4 }),
    escalated: fc.boolean(),
  }).map((r) => ({
    id: 'P',
    priority: r.priority,
    openedAt: T0 + r.openedOffset,
    resolvedAt: r.resolvedAfter === null ? null : T0 + r.openedOffset + r.resolvedAfter,
    resolutionBusinessMs: r.resolvedAfter === null ? null : r.resolutionBusinessMs,
    firstResponseAt: null,
    firstResponseBusinessMs: null,
    targets: r.targets,
    escalated: r.escalated,
  }));

  it('MET-01: attainment % is within [0, 100]; MET-04: MTTR lies between the min and max of the inputs', () => {
    fc.assert(fc.property(fc.array(incidentArb, { maxLength: 30 }), (incidents) => {
      const sla = slaAttainment(incidents, MARCH);
      const percents = [sla.items, sla.byKind['first-response'], sla.byKind.resolution, ...sla.byPriority.flatMap((p) => [p.items, p.byKind['first-response'], p.byKind.resolution])].map((r) => r.percent);
      for (const p of percents) if (p !== null) expect(p >= 0 && p <= 100).toBe(true);

      const inputs = incidents.filter((i) => i.resolvedAt !== null && i.resolvedAt >= MARCH.from && i.resolvedAt < MARCH.to).map((i) => i.resolutionBusinessMs as number);
      const mttr = meanTimeToResolve(incidents, MARCH);
      expect(mttr.count).toBe(inputs.length);
      if (inputs.length === 0) {
        expect(mttr.meanMs).toBeNull();
      } else {
        const mean = mttr.meanMs as number;
        const median = mttr.medianMs as number;
        expect(mean).toBeGreaterThanOrEqual(Math.min(...inputs));
        expect(mean).toBeLessThanOrEqual(Math.max(...inputs));
        expect(median).toBeGreaterThanOrEqual(Math.min(...inputs));
        expect(median).toBeLessThanOrEqual(Math.max(...inputs));
      }
    }));
  });

  it('MET-04 / MET-05 durationStats: the mean stays within [min, max] even with non-integer inputs', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 50 }), (values) => {
      const s = durationStats(values);
      expect(s.meanMs as number).toBeGreaterThanOrEqual(Math.min(...values));
      expect(s.meanMs as number).toBeLessThanOrEqual(Math.max(...values));
    }));
  });
});
