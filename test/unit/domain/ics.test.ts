import fc from 'fast-check';
import { MAX_ICS_HOLIDAYS, parseIcsHolidays } from '../../../src/domain/sla/ics';

/** A calendar file from event bodies (each a list of property lines), joined with CRLF as RFC 5545 says. */
function ics(...events: string[][]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', ...events.flatMap((e) => ['BEGIN:VEVENT', ...e, 'END:VEVENT']), 'END:VCALENDAR', ''].join('\r\n');
}
const allDay = (date: string, summary: string, ...more: string[]): string[] => [`DTSTART;VALUE=DATE:${date}`, `SUMMARY:${summary}`, ...more];
const dates = (text: string): string[] => parseIcsHolidays(text).holidays.map((h) => h.date);

describe('D10: holidays from an iCalendar file', () => {
  it('reads all-day events, sorted by date', () => {
    const r = parseIcsHolidays(ics(allDay('20251225', 'Christmas Day'), allDay('20250101', 'New Year’s Day')));
    expect(r).toEqual({ holidays: [{ date: '2025-01-01', name: 'New Year’s Day' }, { date: '2025-12-25', name: 'Christmas Day' }], skipped: [] });
  });

  it('unfolds continuation lines (CRLF or LF, space or tab)', () => {
    const crlf = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2025\r\n 0501\r\nSUMMARY:Fête du\r\n  Travail\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    expect(parseIcsHolidays(crlf).holidays).toEqual([{ date: '2025-05-01', name: 'Fête du Travail' }]);
    const lf = 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20250501\nSUMMARY:Labour\n\t Day\nEND:VEVENT\nEND:VCALENDAR\n';
    expect(parseIcsHolidays(lf).holidays).toEqual([{ date: '2025-05-01', name: 'Labour Day' }]);
  });

  it('undoes the TEXT escapes of SUMMARY', () => {
    const r = parseIcsHolidays(ics(allDay('20250614', 'King\\, Queen\\; and \\\\ Country\\nHoliday')));
    expect(r.holidays[0]!.name).toBe('King, Queen; and \\ Country\nHoliday');
  });

  it('a multi-day event gives one holiday per date; DTEND is exclusive', () => {
    expect(dates(ics(allDay('20251224', 'Christmas break', 'DTEND;VALUE=DATE:20251227')))).toEqual(['2025-12-24', '2025-12-25', '2025-12-26']);
    expect(dates(ics(allDay('20251224', 'One day', 'DTEND;VALUE=DATE:20251225')))).toEqual(['2025-12-24']);
    expect(dates(ics(allDay('20251230', 'Across the year', 'DURATION:P3D')))).toEqual(['2025-12-30', '2025-12-31', '2026-01-01']);
    expect(dates(ics(allDay('20250728', 'Summer closure', 'DURATION:P1W')))).toHaveLength(7);
  });

  it('accepts an all-day DTSTART without VALUE=DATE and quoted parameters', () => {
    expect(dates(ics(['DTSTART:20250403', 'SUMMARY:No VALUE']))).toEqual(['2025-04-03']);
    expect(dates(ics(['DTSTART;X-LABEL="a:b;c";VALUE=DATE:20250404', 'SUMMARY:Quoted']))).toEqual(['2025-04-04']);
  });

  it('a missing SUMMARY gives the name "Holiday"', () => {
    expect(parseIcsHolidays(ics(['DTSTART;VALUE=DATE:20250101'])).holidays).toEqual([{ date: '2025-01-01', name: 'Holiday' }]);
  });

  it('the same date twice keeps the first name in the file', () => {
    const r = parseIcsHolidays(ics(allDay('20251226', 'St Stephen’s Day'), allDay('20251224', 'Break', 'DTEND;VALUE=DATE:20251228')));
    expect(r.holidays).toEqual([
      { date: '2025-12-24', name: 'Break' }, { date: '2025-12-25', name: 'Break' }, { date: '2025-12-26', name: 'St Stephen’s Day' }, { date: '2025-12-27', name: 'Break' },
    ]);
  });

  it('ignores the properties of a component inside the event (VALARM)', () => {
    const r = parseIcsHolidays(ics(['BEGIN:VALARM', 'SUMMARY:Reminder', 'DTSTART;VALUE=DATE:19990101', 'END:VALARM', 'DTSTART;VALUE=DATE:20250101', 'SUMMARY:New Year']));
    expect(r).toEqual({ holidays: [{ date: '2025-01-01', name: 'New Year' }], skipped: [] });
  });
});

describe('yearly repeats (RRULE FREQ=YEARLY)', () => {
  it('without COUNT or UNTIL: the 5 years from DTSTART', () => {
    expect(dates(ics(allDay('20250501', 'Labour Day', 'RRULE:FREQ=YEARLY')))).toEqual(['2025-05-01', '2026-05-01', '2027-05-01', '2028-05-01', '2029-05-01']);
  });

  it('COUNT counts DTSTART; UNTIL is inclusive (date or date-time)', () => {
    expect(dates(ics(allDay('20250501', 'x', 'RRULE:FREQ=YEARLY;COUNT=3')))).toEqual(['2025-05-01', '2026-05-01', '2027-05-01']);
    expect(dates(ics(allDay('20250501', 'x', 'RRULE:FREQ=YEARLY;UNTIL=20270501')))).toEqual(['2025-05-01', '2026-05-01', '2027-05-01']);
    expect(dates(ics(allDay('20250501', 'x', 'RRULE:FREQ=YEARLY;UNTIL=20270430T235959Z')))).toEqual(['2025-05-01', '2026-05-01']);
    expect(dates(ics(allDay('20250501', 'x', 'RRULE:FREQ=YEARLY;INTERVAL=2;COUNT=3')))).toEqual(['2025-05-01', '2027-05-01', '2029-05-01']);
  });

  it('a multi-day yearly event repeats whole', () => {
    expect(dates(ics(allDay('20251224', 'x', 'DTEND;VALUE=DATE:20251226', 'RRULE:FREQ=YEARLY;COUNT=2')))).toEqual(['2025-12-24', '2025-12-25', '2026-12-24', '2026-12-25']);
  });

  it('29 February repeats only in leap years', () => {
    expect(dates(ics(allDay('20240229', 'Leap', 'RRULE:FREQ=YEARLY;UNTIL=20321231')))).toEqual(['2024-02-29', '2028-02-29', '2032-02-29']);
  });

  it('weekday rules as Outlook exports them: 4th Thursday of November, last Monday of May', () => {
    expect(dates(ics(allDay('20241128', 'Thanksgiving', 'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH;COUNT=3')))).toEqual(['2024-11-28', '2025-11-27', '2026-11-26']);
    expect(dates(ics(allDay('20250526', 'Memorial Day', 'RRULE:FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO;COUNT=3')))).toEqual(['2025-05-26', '2026-05-25', '2027-05-31']);
    expect(dates(ics(allDay('20250101', 'New Year', 'RRULE:FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1;COUNT=2')))).toEqual(['2025-01-01', '2026-01-01']);
  });

  it('EXDATE and a RECURRENCE-ID override move one occurrence', () => {
    const r = parseIcsHolidays(ics(
      ['UID:bh', ...allDay('20250505', 'Bank holiday', 'RRULE:FREQ=YEARLY;COUNT=4', 'EXDATE;VALUE=DATE:20260505')],
      ['UID:bh', 'RECURRENCE-ID;VALUE=DATE:20270505', ...allDay('20270508', 'Bank holiday (moved)')],
    ));
    expect(r.holidays).toEqual([
      { date: '2025-05-05', name: 'Bank holiday' }, { date: '2027-05-08', name: 'Bank holiday (moved)' }, { date: '2028-05-05', name: 'Bank holiday' },
    ]);
  });

  it('other repeats are skipped with the reason and the line', () => {
    const r = parseIcsHolidays(ics(allDay('20250505', 'Monthly review', 'RRULE:FREQ=MONTHLY'), allDay('20250101', 'Week 1', 'RRULE:FREQ=YEARLY;BYWEEKNO=1')));
    expect(r.holidays).toEqual([]);
    expect(r.skipped).toEqual([
      { line: 7, reason: '"Monthly review" was skipped: it repeats monthly (only yearly repeats are read) (RRULE:FREQ=MONTHLY).' },
      { line: 12, reason: expect.stringContaining('uses BYWEEKNO, which is not supported') },
    ]);
  });
});

describe('what is skipped, never thrown', () => {
  it('a timed event is not a holiday', () => {
    const r = parseIcsHolidays(ics(['DTSTART:20250505T090000Z', 'DTEND:20250505T100000Z', 'SUMMARY:Team meeting'], ['DTSTART;TZID=Europe/Berlin:20250506T090000', 'SUMMARY:Standup']));
    expect(r.holidays).toEqual([]);
    expect(r.skipped).toEqual([
      { line: 5, reason: expect.stringContaining('"Team meeting" starts at a time of day (DTSTART:20250505T090000Z)') },
      { line: 10, reason: expect.stringContaining('"Standup" starts at a time of day') },
    ]);
  });

  it('bad dates, missing DTSTART, cancelled events and over-long events', () => {
    const r = parseIcsHolidays(ics(allDay('20250230', 'Bad'), ['SUMMARY:No date'], allDay('20250101', 'Cancelled', 'STATUS:CANCELLED'), allDay('20250101', 'Whole year', 'DTEND;VALUE=DATE:20260201')));
    expect(r.holidays).toEqual([]);
    expect(r.skipped.map((s) => s.line)).toEqual([5, 8, 11, 19]);
    expect(r.skipped[0]!.reason).toMatch(/DTSTART "20250230" is not a date/);
    expect(r.skipped[1]!.reason).toMatch(/"No date" has no DTSTART/);
    expect(r.skipped[2]!.reason).toMatch(/cancelled/);
    expect(r.skipped[3]!.reason).toMatch(/more than a year/);
  });

  it('malformed lines and an event left open are reported with their line numbers; the rest is read', () => {
    const text = ['BEGIN:VCALENDAR', 'this is not a property', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20250101', 'SUMMARY:Good', 'END:VEVENT', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20250102', 'SUMMARY:Open'].join('\n');
    const r = parseIcsHolidays(text);
    expect(r.holidays).toEqual([{ date: '2025-01-01', name: 'Good' }]);
    expect(r.skipped).toEqual([
      { line: 2, reason: 'Not an iCalendar line (NAME:value): "this is not a property".' },
      { line: 7, reason: '"Open" is not closed by END:VEVENT at the end of the file; skipped.' },
    ]);
  });

  it('a file that is not iCalendar says so', () => {
    expect(parseIcsHolidays('')).toEqual({ holidays: [], skipped: [{ line: 0, reason: expect.stringContaining('not an iCalendar file') }] });
    const r = parseIcsHolidays('date,name\n2025-01-01,New Year\n');
    expect(r.holidays).toEqual([]);
    expect(r.skipped.map((s) => s.line)).toEqual([0, 1, 2]);
  });

  it('a long file of garbage lists the first 500 problems and counts the rest', () => {
    const r = parseIcsHolidays(Array.from({ length: 1200 }, (_, i) => `garbage ${String(i)}`).join('\n'));
    expect(r.skipped).toHaveLength(502);
    expect(r.skipped[0]).toEqual({ line: 0, reason: expect.stringContaining('not an iCalendar file') });
    expect(r.skipped[500]).toEqual({ line: 500, reason: 'Not an iCalendar line (NAME:value): "garbage 499".' });
    expect(r.skipped[501]).toEqual({ line: 501, reason: '700 more problems were found and are not listed.' });
  });

  it('never throws, whatever the text', () => {
    const pieces = fc.constantFrom('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'END:VEVENT', 'END:VCALENDAR', 'DTSTART;VALUE=DATE:20250101', 'DTSTART:2025', 'DTEND;VALUE=DATE:20240101',
      'RRULE:FREQ=YEARLY;COUNT=99999', 'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=2', 'RRULE:FREQ=YEARLY;BYDAY=MO', 'RRULE:=;;', 'SUMMARY:\\', ' folded', 'EXDATE:x', 'RECURRENCE-ID:20250101', 'UID:u', ';:', '"');
    fc.assert(fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 30 }), (lines) => {
      const r = parseIcsHolidays(lines.join('\r\n'));
      expect(r.holidays.length).toBeLessThanOrEqual(MAX_ICS_HOLIDAYS);
      for (const h of r.holidays) expect(h.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const ds = r.holidays.map((h) => h.date);
      expect([...ds].sort()).toEqual(ds);
      expect(new Set(ds).size).toBe(ds.length);
    }));
  });

  it(`keeps at most ${String(MAX_ICS_HOLIDAYS)} holidays, the earliest, and says so`, () => {
    const r = parseIcsHolidays(ics(...Array.from({ length: 15 }, (_, i) => allDay(`${String(2030 + i)}0101`, `Year ${String(i)}`, `DTEND;VALUE=DATE:${String(2031 + i)}0101`))));
    expect(r.holidays).toHaveLength(MAX_ICS_HOLIDAYS);
    expect(r.holidays[0]!.date).toBe('2030-01-01');
    expect(r.skipped).toEqual([{ line: 0, reason: expect.stringContaining(`only the first ${String(MAX_ICS_HOLIDAYS)}`) }]);
  });
});
