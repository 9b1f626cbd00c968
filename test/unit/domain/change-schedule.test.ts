import { checkSchedule } from '../../../src/domain/change-rules';
import { foldLine, icsText, writeIcs } from '../../../src/domain/schedule/ics';
import { layoutMonth, layoutRow, layoutWeekTimes, monthWeeks, shiftAnchor, viewRange, weekDays } from '../../../src/domain/schedule/layout';
import {
  changeConflicts, changeScheduleFor, expandPeriods, readScheduleContent, scheduleApprovalRefusal, scheduleStatusAfterSave, zonedInstant, type ScheduleContent, type SchedulePeriodSpec,
} from '../../../src/domain/schedule/schedule';

const H = 3_600_000;
const utc = (s: string) => Date.parse(s);

const tueThu: SchedulePeriodSpec = {
  id: 'evening', name: 'Evening window', kind: 'change-window', services: [], reason: null,
  when: { repeat: 'weekly', days: ['tue', 'thu'], startTime: '20:00', endTime: '23:00', timeZone: 'Europe/Lisbon', from: '2026-01-01', until: null },
};
const blackFriday: SchedulePeriodSpec = {
  id: 'bf', name: 'Black Friday', kind: 'freeze', services: ['Web hosting'], reason: 'Peak sales for our shop customers',
  when: { repeat: 'once', start: '2026-11-27T00:00:00Z', end: '2026-11-30T00:00:00Z' },
};

describe('the change schedule (WP.12, D17)', () => {
  it('expands "Tuesdays and Thursdays 20:00–23:00 Europe/Lisbon" at 20:00 Lisbon time on both sides of the clock change', () => {
    const content: ScheduleContent = { periods: [tueThu] };
    // The week of 2026-03-23: Lisbon goes from WET (UTC+0) to WEST (UTC+1) on Sunday 29 March.
    const before = expandPeriods(content, { from: utc('2026-03-23T00:00:00Z'), to: utc('2026-03-30T00:00:00Z') });
    expect(before.map((p) => [new Date(p.start).toISOString(), new Date(p.end).toISOString()])).toEqual([
      ['2026-03-24T20:00:00.000Z', '2026-03-24T23:00:00.000Z'],
      ['2026-03-26T20:00:00.000Z', '2026-03-26T23:00:00.000Z'],
    ]);
    const after = expandPeriods(content, { from: utc('2026-03-30T00:00:00Z'), to: utc('2026-04-06T00:00:00Z') });
    expect(after.map((p) => new Date(p.start).toISOString())).toEqual(['2026-03-31T19:00:00.000Z', '2026-04-02T19:00:00.000Z']);
    expect(after.every((p) => p.end - p.start === 3 * H && p.recurring && p.periodId === 'evening')).toBe(true);
  });

  it('handles a window across midnight and a wall time skipped by the clock change', () => {
    const night: SchedulePeriodSpec = { ...tueThu, id: 'night', when: { ...tueThu.when, repeat: 'weekly', days: ['sun'], startTime: '22:00', endTime: '02:00', timeZone: 'Europe/Berlin', from: '2026-03-01', until: '2026-03-31' } as SchedulePeriodSpec['when'] };
    // Sunday 29 March 2026 22:00 CEST (UTC+2) → Monday 02:00.
    const [occ] = expandPeriods({ periods: [night] }, { from: utc('2026-03-29T00:00:00Z'), to: utc('2026-03-30T00:00:00Z') });
    expect(new Date(occ!.start).toISOString()).toBe('2026-03-29T20:00:00.000Z');
    expect(occ!.end - occ!.start).toBe(4 * H);
    // 02:30 does not exist in Berlin on 29 March 2026: moved forward by the hour skipped (03:30 CEST).
    expect(new Date(zonedInstant('Europe/Berlin', '2026-03-29', 150)).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 25 October 2026: the first one (CEST).
    expect(new Date(zonedInstant('Europe/Berlin', '2026-10-25', 150)).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('gives checkSchedule instants: a Normal change in the freeze is refused, an Emergency one warned, one in the window passes', () => {
    const content: ScheduleContent = { periods: [tueThu, blackFriday] };
    const planned = (start: string, hours: number, type: 'Normal' | 'Emergency') => ({ changeKey: 'SD-1', type, serviceIds: ['Web hosting'], start: utc(start), end: utc(start) + hours * H });
    const at = (p: ReturnType<typeof planned>) => checkSchedule(p, changeScheduleFor(content, { from: p.start, to: p.end }));
    expect(at(planned('2026-11-24T20:00:00Z', 2, 'Normal')).ok).toBe(true); // a Tuesday evening (WET)
    const frozen = at(planned('2026-11-28T10:00:00Z', 1, 'Normal'));
    expect(frozen.refusals.map((r) => r.kind)).toEqual(['outside-window', 'freeze']);
    expect(frozen.refusals[1]!.message).toContain('Black Friday');
    const emergency = at(planned('2026-11-28T10:00:00Z', 1, 'Emergency'));
    expect(emergency.ok).toBe(true);
    expect(emergency.warnings.map((w) => w.kind)).toEqual(['outside-window', 'freeze']);
  });

  it('refuses content in words naming the field: a freeze without a reason, an end before its start, a bad zone', () => {
    const r = readScheduleContent({ periods: [
      { ...blackFriday, reason: null },
      { ...blackFriday, id: 'x', name: 'Backwards', when: { repeat: 'once', start: '2026-12-02T00:00:00Z', end: '2026-12-01T00:00:00Z' } },
      { ...tueThu, id: 'y', when: { ...tueThu.when, timeZone: 'Mars/Olympus' } },
    ] });
    expect(r.ok).toBe(false);
    const messages = r.ok ? [] : r.issues.map((i) => i.message);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringContaining('Period 3 “Evening window”: Time zone must be a time zone such as Europe/Lisbon'),
    ]));
    const rules = readScheduleContent({ periods: [{ ...blackFriday, reason: null }, { ...blackFriday, id: 'x', name: 'Backwards', when: { repeat: 'once', start: '2026-12-02T00:00:00Z', end: '2026-12-01T00:00:00Z' } }] });
    expect(rules.ok ? [] : rules.issues.map((i) => i.message)).toEqual([
      'Period 1 “Black Friday”: Reason is required for a freeze (say which business event it protects).',
      'Period 2 “Backwards”: End must be after Start.',
    ]);
  });

  it('versions per D21: Initial, then Updated; approval refused when there is nothing to approve or it is already approved', () => {
    expect(scheduleStatusAfterSave(null)).toBe('Initial');
    expect(scheduleStatusAfterSave({ status: 'Approved' })).toBe('Updated');
    expect(scheduleApprovalRefusal(null)).toMatch(/save one first/);
    expect(scheduleApprovalRefusal({ status: 'Approved', version: 2 })).toMatch(/already approved/);
    expect(scheduleApprovalRefusal({ status: 'Updated', version: 3 })).toBeNull();
  });

  it('flags two changes on the same configuration item or service at overlapping times, on both sides', () => {
    const c = changeConflicts([
      { key: 'SD-1', start: 0, end: 2 * H, services: ['Web hosting'], cis: ['web-01'] },
      { key: 'SD-2', start: H, end: 3 * H, services: [], cis: ['WEB-01'] },
      { key: 'SD-3', start: 2 * H, end: 4 * H, services: ['Web hosting'], cis: [] },
    ]);
    expect(c.get('SD-1')).toEqual([{ otherKey: 'SD-2', cis: ['web-01'], services: [] }]);
    expect(c.get('SD-2')).toEqual([{ otherKey: 'SD-1', cis: ['web-01'], services: [] }]);
    expect(c.has('SD-3')).toBe(false); // touches SD-1 end to end: no overlap
  });
});

describe('the calendar layout', () => {
  it('shows the whole weeks of a month from Monday, in the viewer zone', () => {
    const weeks = monthWeeks('Europe/Lisbon', '2026-12-15');
    expect(weeks[0]![0]!.date).toBe('2026-11-30');
    expect(weeks.at(-1)![6]!.date).toBe('2027-01-03');
    expect(weeks.flat().filter((d) => d.inMonth)).toHaveLength(31);
    const r = viewRange('month', 'Europe/Lisbon', '2026-12-15');
    expect(new Date(r.from).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(shiftAnchor('month', '2026-12-15', 1)).toBe('2027-01-01');
    expect(shiftAnchor('week', '2026-12-15', -1)).toBe('2026-12-08');
  });

  it('puts overlapping bars in different lanes and marks bars that continue into the next week', () => {
    const week = weekDays('UTC', '2026-12-09'); // Mon 7 Dec … Sun 13 Dec
    const row = layoutRow(week, [
      { id: 'freeze', start: utc('2026-12-11T00:00:00Z'), end: utc('2026-12-16T00:00:00Z') },
      { id: 'a', start: utc('2026-12-08T10:00:00Z'), end: utc('2026-12-08T11:00:00Z') },
      { id: 'b', start: utc('2026-12-08T10:30:00Z'), end: utc('2026-12-09T01:00:00Z') },
      { id: 'c', start: utc('2026-12-10T10:30:00Z'), end: utc('2026-12-10T11:00:00Z') },
    ]);
    const by = Object.fromEntries(row.bars.map((b) => [b.id, b]));
    expect(by.b).toMatchObject({ startCol: 1, span: 2, lane: 0 });
    expect(by.a).toMatchObject({ startCol: 1, span: 1, lane: 1 });
    expect(by.c).toMatchObject({ startCol: 3, span: 1, lane: 0 });
    expect(by.freeze).toMatchObject({ startCol: 4, span: 3, continuesAfter: true, continuesBefore: false });
    expect(row.lanes).toBe(2);
    const month = layoutMonth('UTC', '2026-12-01', [{ id: 'freeze', start: utc('2026-12-11T00:00:00Z'), end: utc('2026-12-16T00:00:00Z') }]);
    expect(month[2]!.bars).toEqual([{ id: 'freeze', startCol: 0, span: 2, lane: 0, continuesBefore: true, continuesAfter: false }]);
  });

  it('places week-view pieces by time of day and side by side when they overlap, on a 25-hour day too', () => {
    const days = weekDays('Europe/Lisbon', '2026-10-25'); // Sunday 25 Oct 2026 has 25 hours in Lisbon
    expect(days[6]!.end - days[6]!.start).toBe(25 * H);
    const pieces = layoutWeekTimes(days, [
      { id: 'x', start: utc('2026-10-19T12:00:00Z'), end: utc('2026-10-19T18:00:00Z') },
      { id: 'y', start: utc('2026-10-19T15:00:00Z'), end: utc('2026-10-19T16:00:00Z') },
    ]);
    const x = pieces.find((p) => p.id === 'x')!;
    const y = pieces.find((p) => p.id === 'y')!;
    expect(x).toMatchObject({ dayIndex: 0, lane: 0, lanes: 2 });
    expect(y).toMatchObject({ dayIndex: 0, lane: 1, lanes: 2 });
    expect(x.top).toBeCloseTo(13 / 24); // 13:00 Lisbon (WEST)
    expect(x.height).toBeCloseTo(6 / 24);
    // A piece in the last minutes of a day keeps its minimum height inside the column.
    const [late] = layoutWeekTimes(days, [{ id: 'late', start: utc('2026-10-20T22:50:00Z'), end: utc('2026-10-21T01:00:00Z') }], 0.05);
    expect(late).toMatchObject({ dayIndex: 1, height: 0.05, continuesAfter: true });
    expect(late!.top).toBeCloseTo(0.95);
  });
});

describe('the iCalendar export (RFC 5545)', () => {
  const ics = writeIcs({ name: 'Change schedule', now: utc('2026-12-04T10:00:00Z'), events: [
    { uid: 'wp12-bf@service-delivery', start: utc('2026-11-27T00:00:00Z'), end: utc('2026-11-30T00:00:00Z'), summary: 'Freeze: Black Friday; sale, peak', description: 'Reason: peak sales\nServices: Web hosting, Managed e-mail \\ all', categories: ['Freeze (key business event)'] },
  ] });

  it('writes a VCALENDAR with one VEVENT holding UID, DTSTAMP, UTC start and end, SUMMARY, DESCRIPTION, CATEGORIES; CRLF line ends', () => {
    const lines = ics.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toEqual(expect.arrayContaining(['VERSION:2.0', 'BEGIN:VEVENT', 'UID:wp12-bf@service-delivery', 'DTSTAMP:20261204T100000Z', 'DTSTART:20261127T000000Z', 'DTEND:20261130T000000Z', 'SUMMARY:Freeze: Black Friday\\; sale\\, peak', 'CATEGORIES:Freeze (key business event)', 'END:VEVENT', 'END:VCALENDAR']));
    expect(ics.replace(/\r\n /g, '')).toContain('DESCRIPTION:Reason: peak sales\\nServices: Web hosting\\, Managed e-mail \\\\ all');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('folds lines at 75 octets without splitting a character, continuation lines starting with a space', () => {
    const long = `SUMMARY:${icsText('Änderung ' + 'ü'.repeat(80))}`;
    const folded = foldLine(long);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(long);
  });
});
