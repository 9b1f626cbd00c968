import {
  bucketFunction,
  comparePriorities,
  csvCell,
  customerIncidentReport,
  incidentRecordOf,
  incidentReport,
  incidentReportCsv,
  incidentRowsCsv,
  mapStoredIncidents,
  NO_PRIORITY,
  reportPriorities,
  suggestedBucket,
  type StoredIncident,
} from '../../../src/domain/incident/report';
import { incidentStateSchema, type IncidentState, type SlaCycleState } from '../../../src/domain/incident/state';
import type { Period } from '../../../src/domain/metrics';
import { localDay, localDaysPeriod, localDayStart, localIsoWeek } from '../../../src/domain/zoned-days';

const MIN = 60_000;
const H = 3_600_000;
/** 2027-<month>-<day> <hour>:<minute> UTC. 2027-03-01 is a Monday (ISO week 2027-W09). */
const at = (month: number, day: number, hour = 0, minute = 0): string => new Date(Date.UTC(2027, month - 1, day, hour, minute)).toISOString();
const ms = (iso: string): number => Date.parse(iso);

type CycleInput = Pick<SlaCycleState, 'metric' | 'index' | 'start' | 'stop' | 'stopReason' | 'elapsedMs' | 'met'>;

function cycle(c: CycleInput): SlaCycleState {
  return { ...c, priority: 'High', targetMs: 4 * H, pausedMs: 0, dueAt: null, breachAt: null, breached: c.met === false, pausedNow: false };
}

function state(o: { priority: string | null; services?: string[]; cis?: string[]; security?: boolean; cycles: CycleInput[]; escalated?: boolean }): IncidentState {
  const first = o.cycles[0]?.start ?? at(3, 1);
  // Parsed with the stored schema, so the fixture cannot drift from what the app writes.
  return incidentStateSchema.parse({
    priority: { value: o.priority, derived: o.priority !== null, text: '', source: o.priority === null ? 'none' : 'policy', matrixVersion: null, missing: o.priority === null ? ['impact', 'urgency'] : [] },
    classification: { impact: null, urgency: null, services: o.services ?? [], cis: o.cis ?? [], securityIncident: o.security ?? false, majorIncident: false, significant: false, significantReasons: [] },
    sla: { policyVersion: null, evaluatedAt: at(3, 10), cycles: o.cycles.map(cycle) },
    escalations: o.escalated
      ? [{ key: 'resolution#1:t1', metric: 'resolution', cycle: 1, thresholdId: 't1', afterMs: 0, priority: o.priority ?? 'High', crossedAt: first, escalatedAt: first, notified: [] }]
      : [],
    communications: [],
    majorIncidentManager: null,
    majorIncidentReport: null,
    trackedSince: first,
  });
}

const FR = (start: string, stop: string | null, stopReason: SlaCycleState['stopReason'], elapsedMs: number, met: boolean | null): CycleInput => ({ metric: 'firstResponse', index: 1, start, stop, stopReason, elapsedMs, met });
const RES = (index: number, start: string, stop: string | null, elapsedMs: number, met: boolean | null): CycleInput => ({ metric: 'resolution', index, start, stop, stopReason: stop === null ? null : 'resolved', elapsedMs, met });

/**
 * Fixture. Period = 2027-03-01 .. 2027-03-07 (UTC days), i.e. [Mar 1 00:00, Mar 8 00:00).
 *
 * key   opened        prio (how)          services            CIs             sec  first response         resolution cycles                    esc
 * SD-1  Mar 1 09:00   High (derived)      Mail                mx-01           -    09:20 reply 20m ✓      #1 → Mar 1 13:00  4h ✓               -
 * SD-2  Mar 2 10:00   Critical (derived)  Mail, Web hosting   mx-01, web-01   ✓    10:10 transition 10m ✓ #1 → Mar 2 16:00 5h ✗; #2 → Mar 3 10:00 1h ✓  ✓
 * SD-3  Mar 3 08:00   High (Jira)         Web hosting         -               -    08:45 reply 45m ✗      #1 open (2h so far) …                ✓
 * SD-8  Mar 3 15:00   none at all         -                   -               -    (no cycles: no agreement)                                   -
 * SD-4  Mar 5 12:00   Normal (derived)    Backup & restore    fs-01           -    stopped by the resolution, 2h ✓ (no response)  #1 → Mar 5 14:00 2h ✓   -
 * SD-5  Feb 27 09:00  Low (derived)       Mail                mx-01           -    Feb 27 10:00 reply 60m ✓  #1 → Mar 2 09:00 16h ✓            -
 * SD-7  Mar 9 09:00   High                Mail                mx-01           -    09:05 reply 5m ✓       #1 → Mar 9 10:00 1h ✓   (after the period)
 * SD-6  Mar 6 07:00   no state (not yet evaluated), open
 * SD-9  Feb 20 07:00  no state, resolved Feb 21 (before the period)
 */
const STORED: StoredIncident[] = [
  { key: 'SD-1', createdAt: at(3, 1, 9), priorityName: 'Normal', state: state({ priority: 'High', services: ['Mail'], cis: ['mx-01'], cycles: [FR(at(3, 1, 9), at(3, 1, 9, 20), 'reply', 20 * MIN, true), RES(1, at(3, 1, 9), at(3, 1, 13), 4 * H, true)] }) },
  { key: 'SD-2', createdAt: at(3, 2, 10), priorityName: 'High', state: state({ priority: 'Critical', services: ['Mail', 'Web hosting'], cis: ['mx-01', 'web-01'], security: true, escalated: true, cycles: [FR(at(3, 2, 10), at(3, 2, 10, 10), 'transition', 10 * MIN, true), RES(1, at(3, 2, 10), at(3, 2, 16), 5 * H, false), RES(2, at(3, 3, 9), at(3, 3, 10), 1 * H, true)] }) },
  { key: 'SD-3', createdAt: at(3, 3, 8), priorityName: 'High', state: state({ priority: null, services: ['Web hosting'], escalated: true, cycles: [FR(at(3, 3, 8), at(3, 3, 8, 45), 'reply', 45 * MIN, false), RES(1, at(3, 3, 8), null, 2 * H, null)] }) },
  { key: 'SD-8', createdAt: at(3, 3, 15), priorityName: null, state: state({ priority: null, cycles: [] }) },
  { key: 'SD-4', createdAt: at(3, 5, 12), priorityName: 'Normal', state: state({ priority: 'Normal', services: ['Backup & restore'], cis: ['fs-01'], cycles: [FR(at(3, 5, 12), at(3, 5, 14), 'resolved', 2 * H, true), RES(1, at(3, 5, 12), at(3, 5, 14), 2 * H, true)] }) },
  { key: 'SD-5', createdAt: at(2, 27, 9), priorityName: 'Low', state: state({ priority: 'Low', services: ['Mail'], cis: ['mx-01'], cycles: [FR(at(2, 27, 9), at(2, 27, 10), 'reply', 60 * MIN, true), RES(1, at(2, 27, 9), at(3, 2, 9), 16 * H, true)] }) },
  { key: 'SD-7', createdAt: at(3, 9, 9), priorityName: 'High', state: state({ priority: 'High', services: ['Mail'], cis: ['mx-01'], cycles: [FR(at(3, 9, 9), at(3, 9, 9, 5), 'reply', 5 * MIN, true), RES(1, at(3, 9, 9), at(3, 9, 10), 1 * H, true)] }) },
  { key: 'SD-6', createdAt: at(3, 6, 7), priorityName: 'High', resolvedAt: null, state: null },
  { key: 'SD-9', createdAt: at(2, 20, 7), priorityName: 'Low', resolvedAt: at(2, 21, 7), state: null },
];

const MARCH_1_TO_7: Period = { from: ms(at(3, 1)), to: ms(at(3, 8)) };
const DAYS = ['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05', '2027-03-06', '2027-03-07'];

describe('incidentRecordOf: one stored incident as a metric record', () => {
  it('maps a reopened incident: resolved at the last cycle’s stop, business time summed over the cycles, every target kept', () => {
    const record = incidentRecordOf(STORED[1]!);
    expect(record).toEqual({
      id: 'SD-2', key: 'SD-2', priority: 'Critical', service: 'Mail', ci: 'mx-01', category: 'Information security',
      openedAt: ms(at(3, 2, 10)),
      resolvedAt: ms(at(3, 3, 10)),
      resolutionBusinessMs: 6 * H, // 5h (cycle 1) + 1h (cycle 2); wall clock would be 24h
      firstResponseAt: ms(at(3, 2, 10, 10)),
      firstResponseBusinessMs: 10 * MIN,
      targets: [{ kind: 'first-response', met: true }, { kind: 'resolution', met: false }, { kind: 'resolution', met: true }],
      escalated: true,
      services: ['Mail', 'Web hosting'], cis: ['mx-01', 'web-01'], securityIncident: true,
    });
  });

  it('an open last cycle leaves the incident unresolved; the Jira priority stands in for a missing derived one', () => {
    const record = incidentRecordOf(STORED[2]!);
    expect(record).toMatchObject({ priority: 'High', resolvedAt: null, resolutionBusinessMs: null, firstResponseBusinessMs: 45 * MIN, category: 'Service', escalated: true });
    expect(record?.ci).toBeUndefined();
  });

  it('a first-response cycle stopped by the resolution is no response', () => {
    expect(incidentRecordOf(STORED[4]!)).toMatchObject({ firstResponseAt: null, firstResponseBusinessMs: null, resolvedAt: ms(at(3, 5, 14)), resolutionBusinessMs: 2 * H });
  });

  it('without any priority the incident is under "No priority"; without cycles it has no targets and is not resolved', () => {
    expect(incidentRecordOf(STORED[3]!)).toMatchObject({ priority: NO_PRIORITY, targets: [], resolvedAt: null, firstResponseAt: null, services: [], cis: [] });
  });

  it('keeps every incident: those without a readable state come back as not evaluated', () => {
    const mapped = mapStoredIncidents(STORED);
    expect(mapped.records.map((r) => r.key)).toEqual(['SD-1', 'SD-2', 'SD-3', 'SD-8', 'SD-4', 'SD-5', 'SD-7']);
    expect(mapped.notEvaluated).toEqual([
      { key: 'SD-6', openedAt: ms(at(3, 6, 7)), resolvedAt: null },
      { key: 'SD-9', openedAt: ms(at(2, 20, 7)), resolvedAt: ms(at(2, 21, 7)) },
    ]);
    expect(mapped.records.length + mapped.notEvaluated.length).toBe(STORED.length);
    expect(mapStoredIncidents([{ key: 'SD-99', createdAt: 'not a date', priorityName: null, state: STORED[0]!.state }]).notEvaluated).toEqual([{ key: 'SD-99', openedAt: null, resolvedAt: null }]);
  });
});

describe('incidentReport over 2027-03-01 .. 2027-03-07, by day', () => {
  const { records, notEvaluated } = mapStoredIncidents(STORED);
  const report = incidentReport(records, { period: MARCH_1_TO_7, bucket: 'day', notEvaluated });

  it('counts the incidents of the period', () => {
    // rows: opened, first responded to or resolved in the period = SD-5 (resolved Mar 2), SD-1, SD-2, SD-3, SD-8, SD-4 = 6 (SD-7 is after it)
    expect(report.rows.map((r) => r.key)).toEqual(['SD-5', 'SD-1', 'SD-2', 'SD-3', 'SD-8', 'SD-4']);
    expect(report.incidents).toBe(6);
    // opened: SD-1, SD-2, SD-3, SD-8, SD-4 = 5; resolved: SD-1 (Mar 1), SD-5 (Mar 2), SD-2 (Mar 3), SD-4 (Mar 5) = 4
    expect(report.opened).toBe(5);
    expect(report.resolved).toBe(4);
    // SD-6 (opened Mar 6, open) is active in the period; SD-9 (resolved Feb 21) is not
    expect(report.notEvaluated).toEqual({ count: 1, keys: ['SD-6'] });
  });

  it('MET-04 MTTR in business time over the incidents resolved in the period', () => {
    // SD-1 4h, SD-2 6h (5h + 1h), SD-4 2h, SD-5 16h → sorted 2, 4, 6, 16
    // mean = (2 + 4 + 6 + 16) / 4 = 28 / 4 = 7h; median = (4 + 6) / 2 = 5h
    expect(report.mttr).toEqual({ count: 4, excluded: 0, meanMs: 7 * H, medianMs: 5 * H, minMs: 2 * H, maxMs: 16 * H });
  });

  it('MET-05 first response over the incidents first responded to in the period, and % within target', () => {
    // SD-1 20m, SD-2 10m, SD-3 45m (SD-4 had no response, SD-5's was on Feb 27) → mean = 75 / 3 = 25m, median 20m
    expect(report.firstResponse).toMatchObject({ count: 3, meanMs: 25 * MIN, medianMs: 20 * MIN });
    // first-response targets: SD-1 ✓, SD-2 ✓, SD-3 ✗ → 2 / 3
    expect(report.firstResponse.withinTarget).toEqual({ numerator: 2, denominator: 3, percent: 200 / 3 });
  });

  it('MET-01 SLA attainment overall, per target kind and per priority', () => {
    // closed in the period with targets: SD-1 (all ✓), SD-2 (RES#1 ✗), SD-4 (all ✓), SD-5 (all ✓) → 3 / 4 = 75%
    expect(report.slaAttainment.items).toEqual({ numerator: 3, denominator: 4, percent: 75 });
    // first-response targets 4 / 4; resolution targets SD-1 ✓, SD-2 ✗ ✓, SD-4 ✓, SD-5 ✓ → 4 / 5 = 80%
    expect(report.slaAttainment.byKind['first-response']).toEqual({ numerator: 4, denominator: 4, percent: 100 });
    expect(report.slaAttainment.byKind.resolution).toEqual({ numerator: 4, denominator: 5, percent: 80 });
    expect(report.slaAttainment.byPriority.map((p) => [p.priority, p.items.numerator, p.items.denominator])).toEqual([
      ['Critical', 0, 1], // SD-2
      ['High', 1, 1], // SD-1 (SD-3 is not resolved)
      ['Normal', 1, 1], // SD-4
      ['Low', 1, 1], // SD-5 (ranked as people rank priorities, not alphabetically)
    ]);
  });

  it('MET-07 escalation rate over the incidents opened in the period', () => {
    // opened 5 (SD-1, SD-2, SD-3, SD-8, SD-4); escalated SD-2, SD-3 → 2 / 5 = 40%
    expect(report.escalation.overall).toEqual({ numerator: 2, denominator: 5, percent: 40 });
    expect(report.escalation.byPriority.map((p) => [p.priority, p.rate.numerator, p.rate.denominator])).toEqual([
      ['Critical', 1, 1], ['High', 1, 2], ['Normal', 0, 1], [NO_PRIORITY, 0, 1],
    ]);
  });

  it('MET-06 volume per day, by classification and by CI (every CI named counts)', () => {
    // Mar 1 SD-1; Mar 2 SD-2; Mar 3 SD-3 + SD-8; Mar 5 SD-4; the other days none
    expect(report.volume).toEqual(DAYS.map((bucket, i) => ({ bucket, count: [1, 1, 2, 0, 1, 0, 0][i] })));
    expect(report.byCategory).toEqual({
      buckets: DAYS,
      rows: [
        { key: 'Service', counts: [1, 0, 2, 0, 1, 0, 0], total: 4 }, // SD-1, SD-3, SD-8, SD-4
        { key: 'Information security', counts: [0, 1, 0, 0, 0, 0, 0], total: 1 }, // SD-2
      ],
    });
    expect(report.byCi).toEqual({
      buckets: DAYS,
      rows: [
        { key: 'fs-01', counts: [0, 0, 0, 0, 1, 0, 0], total: 1 }, // SD-4
        { key: 'mx-01', counts: [1, 1, 0, 0, 0, 0, 0], total: 2 }, // SD-1, SD-2
        { key: 'web-01', counts: [0, 1, 0, 0, 0, 0, 0], total: 1 }, // SD-2 (second CI)
        { key: null, counts: [0, 0, 2, 0, 0, 0, 0], total: 2 }, // SD-3, SD-8 name no CI
      ],
    });
  });

  it('per-incident rows say whether all targets were met', () => {
    expect(report.rows.map((r) => [r.key, r.metAllTargets])).toEqual([['SD-5', 'yes'], ['SD-1', 'yes'], ['SD-2', 'no'], ['SD-3', 'no'], ['SD-8', 'none'], ['SD-4', 'yes']]);
  });
});

describe('incidentReport filters', () => {
  const { records } = mapStoredIncidents(STORED);

  it('a service filter matches an incident naming that service among several', () => {
    const report = incidentReport(records, { period: MARCH_1_TO_7, bucket: 'day', filter: { service: 'Web hosting' } });
    // SD-2 (Mail, Web hosting) and SD-3 (Web hosting)
    expect(report.rows.map((r) => r.key)).toEqual(['SD-2', 'SD-3']);
    expect(report.mttr).toMatchObject({ count: 1, meanMs: 6 * H }); // SD-2 only is resolved
    // first responses 10m and 45m → mean = median = 55 / 2 = 27.5m; within target 1 / 2
    expect(report.firstResponse).toMatchObject({ count: 2, meanMs: 27.5 * MIN, medianMs: 27.5 * MIN, withinTarget: { numerator: 1, denominator: 2, percent: 50 } });
    expect(report.slaAttainment.items).toEqual({ numerator: 0, denominator: 1, percent: 0 });
    expect(report.escalation.overall).toEqual({ numerator: 2, denominator: 2, percent: 100 });

    const mail = incidentReport(records, { period: MARCH_1_TO_7, bucket: 'day', filter: { service: 'Mail' } });
    // SD-1 4h, SD-2 6h, SD-5 16h → mean = 26 / 3 h, median 6h (SD-7 is after the period)
    expect(mail.mttr).toMatchObject({ count: 3, meanMs: (26 * H) / 3, medianMs: 6 * H });
  });

  it('filters on priority (the derived one first) and on CI', () => {
    const high = incidentReport(records, { period: MARCH_1_TO_7, bucket: 'day', filter: { priority: 'High' } });
    expect(high.rows.map((r) => r.key)).toEqual(['SD-1', 'SD-3']); // SD-2's Jira priority High is overridden by its derived Critical
    const web01 = incidentReport(records, { period: MARCH_1_TO_7, bucket: 'day', filter: { ci: 'web-01' } });
    expect(web01.rows.map((r) => r.key)).toEqual(['SD-2']);
  });
});

describe('incidentReport buckets', () => {
  const { records, notEvaluated } = mapStoredIncidents(STORED);

  it('by ISO week', () => {
    // Mar 1 – Mar 14 = 2027-W09 (Mar 1–7: 5 opened) and 2027-W10 (Mar 8–14: SD-7)
    const report = incidentReport(records, { period: { from: ms(at(3, 1)), to: ms(at(3, 15)) }, bucket: 'week' });
    expect(report.volume).toEqual([{ bucket: '2027-W09', count: 5 }, { bucket: '2027-W10', count: 1 }]);
  });

  it('by month, counting the not-evaluated incidents active in the longer period', () => {
    // Feb 20 – Mar 7: February opened SD-5; March opened SD-1, SD-2, SD-3, SD-8, SD-4; SD-9 and SD-6 not evaluated
    const report = incidentReport(records, { period: { from: ms(at(2, 20)), to: ms(at(3, 8)) }, bucket: 'month', notEvaluated });
    expect(report.volume).toEqual([{ bucket: '2027-02', count: 1 }, { bucket: '2027-03', count: 5 }]);
    expect(report.notEvaluated).toEqual({ count: 2, keys: ['SD-6', 'SD-9'] });
  });

  it('refuses an inverted period', () => {
    expect(() => incidentReport(records, { period: { from: ms(at(3, 8)), to: ms(at(3, 1)) }, bucket: 'day' })).toThrow(RangeError);
  });
});

describe('CSV exports', () => {
  const { records, notEvaluated } = mapStoredIncidents(STORED);
  const report = incidentReport(records, { period: MARCH_1_TO_7, bucket: 'day', notEvaluated });

  it('quotes per RFC 4180 and guards against formula injection', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+49 30 1234')).toBe("'+49 30 1234");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1:A2)')).toBe("'@SUM(A1:A2)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('=HYPERLINK("http://x","a, b")')).toBe('"\'=HYPERLINK(""http://x"",""a, b"")"');
    expect(csvCell(-2)).toBe('-2'); // a number is no formula
    expect(csvCell(1 / 3)).toBe('0.33');
    expect(csvCell(null)).toBe('');
  });

  it('the per-incident CSV: header, one row per incident, CRLF line ends', () => {
    const text = incidentRowsCsv(report);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('key,priority,service,opened,resolved,time to resolve (business h),first response (business min),met all targets,escalated,security');
    expect(lines.slice(1)).toEqual([
      'SD-5,Low,Mail,2027-02-27T09:00:00.000Z,2027-03-02T09:00:00.000Z,16,60,yes,no,no',
      'SD-1,High,Mail,2027-03-01T09:00:00.000Z,2027-03-01T13:00:00.000Z,4,20,yes,no,no',
      'SD-2,Critical,Mail; Web hosting,2027-03-02T10:00:00.000Z,2027-03-03T10:00:00.000Z,6,10,no,yes,yes',
      'SD-3,High,Web hosting,2027-03-03T08:00:00.000Z,,,45,no,yes,no',
      'SD-8,No priority,,2027-03-03T15:00:00.000Z,,,,no targets,no,no',
      'SD-4,Normal,Backup & restore,2027-03-05T12:00:00.000Z,2027-03-05T14:00:00.000Z,2,,yes,no,no',
      '', // the last record ends with CRLF too
    ]);
  });

  it('a hostile service name is neutralised in the per-incident CSV', () => {
    const hostile = mapStoredIncidents([{ key: 'SD-50', createdAt: at(3, 2), priorityName: 'High', state: state({ priority: 'High', services: ['=cmd|"/c calc"!A1', 'Mail'], cycles: [] }) }]);
    const text = incidentRowsCsv(incidentReport(hostile.records, { period: MARCH_1_TO_7, bucket: 'day' }));
    expect(text.split('\r\n')[1]).toBe('SD-50,High,"\'=cmd|""/c calc""!A1; Mail",2027-03-02T00:00:00.000Z,,,,no targets,no,no');
  });

  it('the summary CSV lists each figure with its unit, numerator and denominator', () => {
    const lines = incidentReportCsv(report).split('\r\n');
    expect(lines[0]).toBe('metric,bucket,group,value,unit,numerator,denominator');
    expect(lines).toEqual(expect.arrayContaining([
      'Period start,,,2027-03-01,date (UTC),,',
      'Period end (inclusive),,,2027-03-07,date (UTC),,',
      'Incidents in the period,,,6,incidents,,',
      'Not yet evaluated,,,1,incidents,,',
      'MTTR mean,,,7,business h,,4',
      'MTTR median,,,5,business h,,4',
      'First response mean,,,25,business min,,3',
      'First response within target,,all,66.67,%,2,3',
      'SLA attainment,,all,75,%,3,4',
      'SLA attainment,,Critical,0,%,0,1',
      'Escalation rate,,all,40,%,2,5',
      'Incidents opened,2027-03-03,all,2,incidents,,',
      'Incidents opened by classification,2027-03-02,Information security,1,incidents,,',
      'Incidents opened by CI,2027-03-03,no CI,2,incidents,,',
    ]));
    const filtered = incidentReportCsv(incidentReport(records, { period: MARCH_1_TO_7, bucket: 'day', filter: { service: '@evil' } })).split('\r\n');
    expect(filtered).toContain("Filter: service,,,'@evil,,,");
    expect(filtered).toContain('MTTR mean,,,,business h,,0'); // no incident: an empty value, not NaN or 0
  });
});

describe('issue #12: a breach is a breach, priorities as they are, the service’s local days', () => {
  /** SD-5 on the demo site: High, 40 min without a response against a 30 min target, both clocks still running. */
  const breachedRunning: StoredIncident = {
    key: 'SD-5', createdAt: at(3, 2, 18, 56), priorityName: 'High',
    state: incidentStateSchema.parse({
      ...state({ priority: 'High', services: ['Web hosting'], cycles: [] }),
      sla: {
        policyVersion: null, evaluatedAt: at(3, 2, 19, 36), cycles: [
          { metric: 'firstResponse', index: 1, start: at(3, 2, 18, 56), stop: null, stopReason: null, priority: 'High', targetMs: 30 * MIN, elapsedMs: 40 * MIN, pausedMs: 0, dueAt: at(3, 2, 19, 26), breachAt: at(3, 2, 19, 26), met: null, breached: true, pausedNow: false },
          { metric: 'resolution', index: 1, start: at(3, 2, 18, 56), stop: null, stopReason: null, priority: 'High', targetMs: 8 * H, elapsedMs: 40 * MIN, pausedMs: 0, dueAt: at(3, 3, 2, 56), breachAt: null, met: null, breached: false, pausedNow: false },
        ],
      },
    }),
  };

  it('a first response past its target while the clock still runs is a missed target, not "running" (row and CSV)', () => {
    const record = incidentRecordOf(breachedRunning)!;
    expect(record.targets).toEqual([{ kind: 'first-response', met: false }, { kind: 'resolution', met: null }]);
    const report = incidentReport([record], { period: MARCH_1_TO_7, bucket: 'day' });
    expect(report.rows.map((r) => [r.key, r.metAllTargets])).toEqual([['SD-5', 'no']]);
    expect(incidentRowsCsv(report).split('\r\n')[1]).toMatch(/^SD-5,High,Web hosting,.*,no,no,no$/);
  });

  it('a missed target decides SLA attainment even when another target of the incident still runs', () => {
    // Resolved in the period with its first response missed; a second resolution cycle (after a reopen) still runs.
    const reopened: StoredIncident = { key: 'SD-40', createdAt: at(3, 1, 9), priorityName: 'High', state: state({ priority: 'High', cycles: [FR(at(3, 1, 9), at(3, 1, 10), 'reply', 60 * MIN, false), RES(1, at(3, 1, 9), at(3, 1, 12), 3 * H, true)] }) };
    const report = incidentReport([incidentRecordOf(reopened)!], { period: MARCH_1_TO_7, bucket: 'day' });
    expect(report.slaAttainment.items).toEqual({ numerator: 0, denominator: 1, percent: 0 });
  });

  it('reports Low as Low and a site’s own priority under its own name, ranked as people rank them', () => {
    const low = incidentRecordOf({ key: 'SD-4', createdAt: at(3, 1, 9), priorityName: 'Low', state: state({ priority: 'Low', cycles: [] }) })!;
    const blocker = incidentRecordOf({ key: 'SD-41', createdAt: at(3, 1, 9), priorityName: 'Blocker', state: state({ priority: null, cycles: [] }) })!;
    expect([low.priority, blocker.priority]).toEqual(['Low', 'Blocker']);
    const report = incidentReport([low, blocker], { period: MARCH_1_TO_7, bucket: 'day', filter: { priority: 'Low' } });
    expect(report.rows.map((r) => [r.key, r.priority])).toEqual([['SD-4', 'Low']]);
    expect(reportPriorities(['Critical', 'High', 'Normal'], ['Low', 'Blocker', 'High', NO_PRIORITY])).toEqual(['Critical', 'High', 'Normal', 'Low', 'Blocker', NO_PRIORITY]);
    expect(['Low', 'Normal', 'Critical', 'High'].sort(comparePriorities)).toEqual(['Critical', 'High', 'Normal', 'Low']);
  });

  it('groups by the service’s local day: 23:30 UTC on a Berlin winter evening is the next day there', () => {
    const late = Date.UTC(2027, 0, 10, 23, 30);
    expect(localDay('UTC', late)).toBe('2027-01-10');
    expect(localDay('Europe/Berlin', late)).toBe('2027-01-11');
    expect(bucketFunction('day', 'Europe/Berlin')(late)).toBe('2027-01-11');
    // Sunday 10 January 23:30 UTC is Monday in Berlin: the next ISO week there.
    expect([localIsoWeek('UTC', late), localIsoWeek('Europe/Berlin', late)]).toEqual(['2027-W01', '2027-W02']);

    const record = incidentRecordOf({ key: 'SD-42', createdAt: new Date(late).toISOString(), priorityName: 'High', state: state({ priority: 'High', cycles: [] }) })!;
    const berlin = localDaysPeriod('Europe/Berlin', '2027-01-10', '2027-01-11');
    expect(berlin).toEqual({ from: Date.UTC(2027, 0, 9, 23), to: Date.UTC(2027, 0, 11, 23) });
    const report = incidentReport([record], { period: berlin, bucket: 'day', timeZone: 'Europe/Berlin' });
    expect(report.volume).toEqual([{ bucket: '2027-01-10', count: 0 }, { bucket: '2027-01-11', count: 1 }]);
    expect(incidentReportCsv(report)).toContain('Period start,,,2027-01-10,date (Europe/Berlin),,');
  });

  it('local day starts follow daylight saving time', () => {
    expect(localDayStart('Europe/Berlin', '2027-07-01')).toBe(Date.UTC(2027, 5, 30, 22));
    expect(localDayStart('America/New_York', '2027-03-14')).toBe(Date.UTC(2027, 2, 14, 5)); // DST starts at 02:00 that day
    expect(localDayStart('UTC', '2027-03-14')).toBe(Date.UTC(2027, 2, 14));
  });

  it('suggests a bucket that keeps the trend readable', () => {
    expect([1, 14, 15, 30, 120, 121, 366].map(suggestedBucket)).toEqual(['day', 'day', 'week', 'week', 'week', 'month', 'month']);
  });

  it('a customer’s report keeps their targets and drops the team’s metrics (D26)', () => {
    const { records } = mapStoredIncidents(STORED);
    const full = incidentReport(records, { period: MARCH_1_TO_7, bucket: 'day' });
    const mine = customerIncidentReport(full);
    expect(mine.audience).toBe('customer');
    expect(Object.keys(mine)).not.toEqual(expect.arrayContaining(['escalation']));
    for (const k of ['escalation', 'byCi', 'byCategory']) expect(k in mine).toBe(false);
    expect(mine.rows.every((r) => !('escalated' in r) && !('securityIncident' in r) && !('cis' in r))).toBe(true);
    expect(mine.slaAttainment).toEqual(full.slaAttainment);
    expect(incidentRowsCsv(mine).split('\r\n')[0]).toBe('key,priority,service,opened,resolved,time to resolve (business h),first response (business min),met all targets');
    expect(incidentReportCsv(mine)).not.toMatch(/Escalation|by CI|classification/);
  });
});
