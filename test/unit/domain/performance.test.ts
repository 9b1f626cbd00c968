/**
 * WP.19 service performance reports (MET-26, D22): the aggregate merge is idempotent and monotonic under duplicate and
 * reordered updates, and the report's figures are what an account manager reads off them.
 */
import {
  contributionOf, contributionsOf, emptyBucket, groupOf, mergeIntoBucket, removeFromBucket, type BucketContent, type Contribution, type CycleContribution,
} from '../../../src/domain/performance/aggregates';
import { changeOutcomeOf, figuresCsv, monthDays, performanceFigures, type ReportPeriod } from '../../../src/domain/performance/report';
import { customerReportOf, reportIdOf, sharedWithAny, type ReportContent } from '../../../src/domain/performance/work-product';
import { localDaysPeriod } from '../../../src/domain/zoned-days';
import { fixtureIncidentState } from '../../fixtures/incident-state';

const H = 3_600_000;
const NOV = Date.parse('2026-11-10T14:00:00Z');

function incident(n: number, over: Partial<Contribution> = {}): Contribution {
  return {
    issueId: String(10_000 + n), issueKey: `SD-${n}`, projectKey: 'SD', createdAt: NOV + n * H, agreement: 'SD-1', priority: 'High',
    services: ['Email'], cycles: [], resolved: false, major: false, security: false, mark: `000000000000100:00000000${n % 10}`, evaluatedAt: NOV + n * H, ...over,
  };
}
const cycle = (metric: CycleContribution['metric'], outcome: CycleContribution['outcome'], elapsedMin: number, targetMin: number): CycleContribution =>
  ({ metric, outcome, elapsedMs: elapsedMin * 60_000, targetMs: targetMin * 60_000 });

function apply(bucket: BucketContent, cs: Contribution[]): BucketContent {
  const r = mergeIntoBucket(bucket, cs);
  return r.changed ? r.bucket : bucket;
}

describe('performance aggregates (MET-26)', () => {
  const older = incident(1, { mark: '000000000000100:000000001', cycles: [cycle('firstResponse', 'open', 10, 120)] });
  const newer = incident(1, { mark: '000000000000200:000000003', cycles: [cycle('firstResponse', 'met', 45, 120)], resolved: true });

  it('keeps one entry per incident however often it is updated', () => {
    const group = groupOf(older);
    let b = emptyBucket(group);
    b = apply(b, [older]);
    b = apply(b, [older]);
    b = apply(b, [newer]);
    b = apply(b, [newer]);
    expect(Object.keys(b.entries)).toEqual(['10001']);
    expect(contributionsOf([b])).toEqual([newer]);
    expect(mergeIntoBucket(b, [newer])).toEqual({ changed: false, reason: 'unchanged' });
  });

  it('never lets an older evaluation replace a newer one (reordered delivery)', () => {
    let b = emptyBucket(groupOf(newer));
    b = apply(b, [newer]);
    expect(mergeIntoBucket(b, [older])).toEqual({ changed: false, reason: 'newer' });
    // Any order of the same updates ends in the same bucket.
    const orders = [[older, newer], [newer, older], [older, newer, older, newer], [newer, newer, older]];
    const ends = orders.map((o) => o.reduce((acc, c) => apply(acc, [c]), emptyBucket(groupOf(older))));
    for (const e of ends) expect(e).toEqual(ends[0]);
    // An evaluation of the same snapshot at a later instant does replace it.
    const later = { ...newer, evaluatedAt: newer.evaluatedAt + 1, cycles: [cycle('firstResponse', 'met', 46, 120)] };
    expect(contributionsOf([apply(b, [later])])[0]?.cycles[0]?.elapsedMs).toBe(46 * 60_000);
  });

  it('takes a moved incident out of its old bucket only up to the evaluation that moved it', () => {
    const b = apply(emptyBucket(groupOf(newer)), [newer]);
    expect(removeFromBucket(b, newer.issueId, older)).toBeNull();
    expect(removeFromBucket(b, newer.issueId, newer)?.entries).toEqual({});
  });

  it('takes each cycle’s outcome and business time from the stored evaluation; a reopened incident is not resolved', () => {
    const createdAt = NOV;
    const state = fixtureIncidentState(createdAt, { priority: 'High', services: ['Email'], cis: [], evaluatedAfter: 5 * H, cycles: [
      { metric: 'firstResponse', index: 1, startAfter: 0, stopAfter: H, stopReason: 'reply', elapsedMs: 40 * 60_000, met: true },
      { metric: 'resolution', index: 1, startAfter: 0, stopAfter: 2 * H, stopReason: 'resolved', elapsedMs: 2 * H, met: false },
    ] });
    const base = { issueId: '1', issueKey: 'SD-1', projectKey: 'SD', createdAt, mark: 'm', evaluatedAt: createdAt + 5 * H };
    const resolved = contributionOf({ ...base, state: { ...state, sla: { ...state.sla, agreement: { issueKey: 'SD-7', title: 'A', version: 1 } } } });
    expect(resolved).toMatchObject({ agreement: 'SD-7', priority: 'High', resolved: true, cycles: [
      { metric: 'firstResponse', outcome: 'met', elapsedMs: 40 * 60_000 }, { metric: 'resolution', outcome: 'breached', elapsedMs: 2 * H },
    ] });
    const reopened = { ...state.sla.cycles[1]!, index: 2, start: new Date(createdAt + 3 * H).toISOString(), stop: null, stopReason: null, met: null, breached: false };
    expect(contributionOf({ ...base, state: { ...state, sla: { ...state.sla, cycles: [...state.sla.cycles, reopened] } } })).toMatchObject({ agreement: null, resolved: false });
  });

  it('files incidents by agreement and created day', () => {
    expect(groupOf(incident(1)).startsWith('SD-1:')).toBe(true);
    expect(groupOf(incident(1, { agreement: null })).startsWith('-:')).toBe(true);
    expect(groupOf(incident(1)).split(':')[1]).toBe(String(Math.floor((NOV + H) / 86_400_000)));
  });
});

describe('performance report figures (WP.19, D22)', () => {
  const zone = 'America/New_York';
  const period: ReportPeriod = { ...monthDays('2026-11'), timeZone: zone, ...localDaysPeriod(zone, '2026-11-01', '2026-11-30') };
  const contributions: Contribution[] = [
    incident(1, { cycles: [cycle('firstResponse', 'met', 30, 60), cycle('resolution', 'met', 200, 480)], resolved: true, services: ['Email', 'VPN'] }),
    incident(2, { cycles: [cycle('firstResponse', 'breached', 90, 60), cycle('resolution', 'met', 400, 480)], resolved: true }),
    incident(3, { priority: 'Critical', cycles: [cycle('firstResponse', 'met', 10, 15), cycle('resolution', 'open', 100, 240)], major: true }),
    incident(4, { agreement: 'SD-2', cycles: [cycle('firstResponse', 'breached', 999, 60)] }),
    // Created on 31 October 23:30 in New York (after midnight UTC on 1 November): outside the month there.
    incident(5, { createdAt: Date.parse('2026-11-01T03:30:00Z') }),
  ];
  const agreement = { issueKey: 'SD-1', title: 'Northwind SLA', version: 2, targets: { Critical: { firstResponseMinutes: 15, resolutionMinutes: 240 }, High: { firstResponseMinutes: 60, resolutionMinutes: 480 }, Low: { firstResponseMinutes: 480, resolutionMinutes: 2400 } } };

  const f = performanceFigures({ period, agreement, contributions, changes: [], feedback: null, conflicts: [], now: Date.parse('2026-12-01T09:00:00Z') });

  it('counts the agreement’s incidents of the month in its zone', () => {
    expect(f.incidents).toEqual({ total: 3, resolved: 2, open: 1, major: 1, security: 0 });
    expect(f.majorIncidents.map((m) => m.issueKey)).toEqual(['SD-3']);
  });

  it('gives the attainment of every target of the agreement, even one no incident ran against', () => {
    const row = (p: string, m: string) => f.attainment.find((a) => a.priority === p && a.metric === m);
    expect(row('High', 'firstResponse')).toMatchObject({ targetMinutes: 60, met: 1, breached: 1, open: 0, percent: 50 });
    expect(row('High', 'resolution')).toMatchObject({ targetMinutes: 480, met: 2, percent: 100 });
    expect(row('Critical', 'resolution')).toMatchObject({ met: 0, breached: 0, open: 1, percent: null });
    expect(row('Low', 'firstResponse')).toMatchObject({ targetMinutes: 480, met: 0, breached: 0, open: 0, percent: null });
    expect(f.attainment.map((a) => a.priority)).toEqual(['Critical', 'Critical', 'High', 'High', 'Low', 'Low']);
  });

  it('gives MTTR and mean first response in business time (D22)', () => {
    expect(f.mttrMs).toBe(300 * 60_000);
    expect(f.meanFirstResponseMs).toBe(Math.round(((30 + 90 + 10) / 3) * 60_000));
  });

  it('breaks the incidents down by service and priority', () => {
    expect(f.byService).toEqual([{ service: 'Email', incidents: 3, breached: 1 }, { service: 'VPN', incidents: 1, breached: 0 }]);
    expect(f.byPriority).toEqual([{ priority: 'Critical', incidents: 1, breached: 0 }, { priority: 'High', incidents: 2, breached: 1 }]);
  });

  it('reads every agreement when none is chosen', () => {
    const all = performanceFigures({ period, agreement: null, contributions, changes: null, feedback: null, conflicts: [], now: 0 });
    expect(all.incidents.total).toBe(4);
    expect(all.changes).toBeNull();
  });

  it('says what became of each change', () => {
    expect(changeOutcomeOf({ issueKey: 'SD-9', decisions: [], deployment: { at: '2026-11-03T10:00:00Z', complete: true }, review: null, scheduleWarnings: [] })).toEqual({ issueKey: 'SD-9', at: Date.parse('2026-11-03T10:00:00Z'), outcome: 'deployed', emergency: false });
    expect(changeOutcomeOf({ issueKey: 'SD-8', decisions: [], deployment: { at: '2026-11-03T10:00:00Z', complete: true }, review: { at: '2026-11-04T10:00:00Z', outcome: 'backed-out', emergencyJustified: true }, scheduleWarnings: [] }).outcome).toBe('backed-out');
    expect(changeOutcomeOf({ issueKey: 'SD-7', decisions: [{ decision: 'rejected', at: '2026-11-02T10:00:00Z' }], deployment: null, review: null, scheduleWarnings: [] }).outcome).toBe('rejected');
    const withChanges = performanceFigures({ period, agreement, contributions, feedback: null, conflicts: [], now: 0, changes: [
      { issueKey: 'SD-9', at: Date.parse('2026-11-03T10:00:00Z'), outcome: 'deployed', emergency: true },
      { issueKey: 'SD-7', at: Date.parse('2026-10-03T10:00:00Z'), outcome: 'rejected', emergency: false },
    ] });
    expect(withChanges.changes).toEqual({ total: 1, deployed: 1, failed: 0, rejected: 0, emergency: 1, inProgress: 0 });
  });

  it('exports CSV a spreadsheet opens', () => {
    const csv = figuresCsv(f);
    expect(csv).toContain('Agreement,SD-1 Northwind SLA (version 2)');
    expect(csv).toContain('High,First response,60,1,1,0,50');
  });

  it('shows a customer only their shared report, without the D19 conflicts (D26)', () => {
    const content: ReportContent = {
      id: reportIdOf({ agreement: 'SD-1', fromDay: '2026-11-01', toDay: '2026-11-30' }), scope: { agreement: 'SD-1', fromDay: '2026-11-01', toDay: '2026-11-30' },
      agreement: f.agreement, organization: { id: '7', name: 'Northwind' }, figures: { ...f, conflicts: [{ summary: 'NetHost 8 h under the 4 h target', agreements: ['SD-3'] }] },
      commentary: 'A good month.', previousActions: [], proposedActions: [{ text: 'Patch VPN', status: 'open', note: '' }],
      sharedWith: { organizationId: '7', organizationName: 'Northwind', at: '2026-12-02T10:00:00Z', by: 'Rachel Green' },
    };
    expect(content.id).toBe('WP.19-SD-1-2026-11-01-2026-11-30');
    expect(sharedWithAny(content, ['7'])).toBe(true);
    expect(sharedWithAny(content, ['8'])).toBe(false);
    expect(sharedWithAny({ sharedWith: null }, ['7'])).toBe(false);
    const seen = customerReportOf(content);
    expect(seen.figures).not.toHaveProperty('conflicts');
    expect(seen).not.toHaveProperty('sharedWith');
    expect(JSON.stringify(seen)).not.toContain('Rachel');
  });
});
