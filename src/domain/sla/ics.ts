/**
 * Holidays from an iCalendar file (D10: holidays are whole local dates of the service-hours calendar; WP.14 admin
 * configuration). Reads the subset of RFC 5545 that holiday calendars exported by Google, Outlook and government
 * sites use:
 *
 * - line unfolding (CRLF or LF, continuation lines start with a space or a tab), quoted parameter values;
 * - VEVENT with an all-day DTSTART (`DTSTART;VALUE=DATE:20251225`, or 8 digits without VALUE), an optional
 *   DTEND (exclusive) or DURATION in days/weeks: one holiday per date covered;
 * - SUMMARY with its escapes (`\\`, `\;`, `\,`, `\n`) undone; STATUS:CANCELLED events are left out;
 * - RRULE with FREQ=YEARLY only (INTERVAL, COUNT, UNTIL, BYMONTH, BYMONTHDAY and BYDAY such as `4TH` or `-1MO`),
 *   EXDATE, and RECURRENCE-ID overrides of one yearly occurrence. A yearly rule without COUNT or UNTIL is expanded
 *   over the 5 years from DTSTART (the file has no end, the policy needs a finite list).
 *
 * Everything else is reported, never thrown: a timed event (not a holiday), another repeat frequency, malformed
 * lines. Each skipped entry carries the physical line number it starts on (line 0 = the file as a whole).
 * The result is sorted by date and has one holiday per date: the first name in file order wins.
 */

export interface IcsHoliday { date: string; name: string }
export interface IcsSkip { line: number; reason: string }
export interface IcsHolidays { holidays: IcsHoliday[]; skipped: IcsSkip[] }

/** At most this many holidays are returned (the earliest ones); the rest are reported as skipped. */
export const MAX_ICS_HOLIDAYS = 5000;
/** A yearly rule without COUNT or UNTIL is expanded over this many years from its DTSTART. */
export const OPEN_ENDED_YEARS = 5;
/** An all-day event longer than this is not a holiday (e.g. a "whole year" marker) and is skipped. */
const MAX_EVENT_DAYS = 366;
/** A bounded rule is followed at most this many years (a rule that never matches would otherwise loop forever). */
const MAX_RULE_YEARS = 1000;
/** Reported problems beyond this number are summed up in one last entry (a file that is not iCalendar at all). */
const MAX_SKIPPED = 500;
const DEFAULT_NAME = 'Holiday';

const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------------------------
// Dates as day numbers (days since 1970-01-01)

function dayOf(y: number, m: number, d: number): number | null {
  if (y < 1000 || y > 9999) return null;
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

/** `YYYYMMDD` (the date part of an iCalendar DATE or DATE-TIME) → day number, else null. */
function compactDay(value: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(value);
  return m ? dayOf(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function ymdOf(day: number): { y: number; m: number; d: number } {
  const t = new Date(day * DAY_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

// ---------------------------------------------------------------------------------------------------------------
// Content lines

interface ContentLine { line: number; name: string; params: Readonly<Record<string, string>>; value: string }

/** RFC 5545 §3.1: a line starting with a space or a tab continues the previous one (the one whitespace is dropped). */
function unfold(text: string): Array<{ line: number; text: string }> {
  const out: Array<{ line: number; text: string }> = [];
  text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/).forEach((raw, i) => {
    const last = out[out.length - 1];
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && last) last.text += raw.slice(1);
    else out.push({ line: i + 1, text: raw });
  });
  return out;
}

/** `NAME *(";" param "=" value *("," value)) ":" value`, parameter values possibly in double quotes. */
function parseContentLine(line: number, text: string): ContentLine | null {
  const head = /^[A-Za-z0-9-]+/.exec(text);
  if (!head) return null;
  let i = head[0].length;
  const params: Record<string, string> = {};
  while (text[i] === ';') {
    i++;
    const p = /^([A-Za-z0-9-]+)=/.exec(text.slice(i));
    if (!p) return null;
    i += p[0].length;
    let value = '';
    for (;;) {
      if (text[i] === '"') {
        const end = text.indexOf('"', i + 1);
        if (end < 0) return null;
        value += text.slice(i + 1, end);
        i = end + 1;
      } else {
        const plain = /^[^";:,]*/.exec(text.slice(i))?.[0] ?? '';
        value += plain;
        i += plain.length;
      }
      if (text[i] !== ',') break;
      value += ',';
      i++;
    }
    params[(p[1] ?? '').toUpperCase()] = value;
  }
  if (text[i] !== ':') return null;
  return { line, name: head[0].toUpperCase(), params, value: text.slice(i + 1) };
}

/** RFC 5545 §3.3.11 TEXT: `\\`, `\;`, `\,` and `\n` / `\N` (newline). */
function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

// ---------------------------------------------------------------------------------------------------------------
// Events

interface RawEvent {
  line: number;
  props: Map<string, ContentLine>;
  exdates: ContentLine[];
}

interface Occurrences { starts: number[]; skip?: IcsSkip }

interface YearlyRule {
  interval: number;
  count: number | null;
  until: number | null;
  months: number[] | null;
  monthDays: number[] | null;
  days: Array<{ weekday: number; nth: number | null }> | null;
}

const SUPPORTED_RULE_PARTS = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYMONTH', 'BYMONTHDAY', 'BYDAY', 'WKST']);

function intList(value: string, ok: (n: number) => boolean): number[] | null {
  const xs = value.split(',').map((v) => (/^[+-]?\d+$/.test(v) ? Number(v) : NaN));
  return xs.every((n) => Number.isInteger(n) && ok(n)) ? xs : null;
}

/** Parses a FREQ=YEARLY rule; a string is the reason it cannot be used. */
function parseYearlyRule(value: string): YearlyRule | string {
  const parts = new Map<string, string>();
  for (const piece of value.split(';')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    if (eq < 0) return `the repeat rule part "${piece}" is not NAME=value`;
    parts.set(piece.slice(0, eq).toUpperCase(), piece.slice(eq + 1).toUpperCase());
  }
  const freq = parts.get('FREQ');
  if (freq !== 'YEARLY') return freq ? `it repeats ${freq.toLowerCase()} (only yearly repeats are read)` : 'its repeat rule has no FREQ';
  const unsupported = [...parts.keys()].filter((k) => !SUPPORTED_RULE_PARTS.has(k));
  if (unsupported.length > 0) return `its yearly repeat uses ${unsupported.join(', ')}, which is not supported`;

  const num = (k: string): number | null | string => {
    const v = parts.get(k);
    if (v === undefined) return null;
    return /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : `${k}=${v} is not a positive whole number`;
  };
  const interval = num('INTERVAL');
  const count = num('COUNT');
  if (typeof interval === 'string') return interval;
  if (typeof count === 'string') return count;

  let until: number | null = null;
  const u = parts.get('UNTIL');
  if (u !== undefined) {
    until = /^\d{8}(T\d{6}Z?)?$/.test(u) ? compactDay(u) : null;
    if (until === null) return `UNTIL=${u} is not a date`;
  }
  let months: number[] | null = null;
  const bm = parts.get('BYMONTH');
  if (bm !== undefined) {
    months = intList(bm, (n) => n >= 1 && n <= 12);
    if (!months) return `BYMONTH=${bm} is not a list of months 1–12`;
  }
  let monthDays: number[] | null = null;
  const bmd = parts.get('BYMONTHDAY');
  if (bmd !== undefined) {
    monthDays = intList(bmd, (n) => n !== 0 && n >= -31 && n <= 31);
    if (!monthDays) return `BYMONTHDAY=${bmd} is not a list of days of the month`;
  }
  let days: YearlyRule['days'] = null;
  const bd = parts.get('BYDAY');
  if (bd !== undefined) {
    days = [];
    for (const d of bd.split(',')) {
      const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(d);
      const nth = m?.[1] === undefined ? null : Number(m[1]);
      if (!m || (nth !== null && (nth === 0 || Math.abs(nth) > 5))) return `BYDAY=${bd} is not a list of weekdays such as MO or 4TH`;
      days.push({ weekday: WEEKDAY_CODES.indexOf(m[2] as (typeof WEEKDAY_CODES)[number]), nth });
    }
    // RFC 5545: in a yearly rule without BYMONTH, "4TH" counts within the whole year; holiday files do not use that.
    if (!months) return 'its yearly repeat picks weekdays without a month (BYDAY without BYMONTH), which is not supported';
  }
  return { interval: interval ?? 1, count, until, months, monthDays, days };
}

/** The dates one year of a yearly rule gives, in order. */
function yearDates(rule: YearlyRule, y: number, start: { m: number; d: number }): number[] {
  const out: number[] = [];
  for (const m of [...(rule.months ?? [start.m])].sort((a, b) => a - b)) {
    const dim = daysInMonth(y, m);
    let candidates: number[];
    if (rule.monthDays) candidates = rule.monthDays.map((n) => (n > 0 ? n : dim + 1 + n));
    else if (rule.days) candidates = Array.from({ length: dim }, (_, i) => i + 1);
    // RFC 5545: an invalid date (29 February in a common year) is not an occurrence; it is not moved.
    else candidates = [start.d];
    const set = [...new Set(candidates.filter((d) => d >= 1 && d <= dim))].sort((a, b) => a - b);
    for (const d of set) {
      const day = dayOf(y, m, d);
      if (day === null) continue;
      if (rule.days) {
        const wd = weekdayOf(day);
        const fromStart = Math.ceil(d / 7), fromEnd = -Math.ceil((dim - d + 1) / 7);
        if (!rule.days.some((r) => r.weekday === wd && (r.nth === null || r.nth === fromStart || r.nth === fromEnd))) continue;
      }
      out.push(day);
    }
  }
  return out;
}

/** RFC 5545 §3.8.5.3: DTSTART is the first occurrence; COUNT counts it; UNTIL is inclusive. */
function expandYearly(rule: YearlyRule, startDay: number): number[] {
  const start = ymdOf(startDay);
  const out = [startDay];
  const open = rule.count === null && rule.until === null;
  const lastYear = Math.min(9999, start.y + (open ? OPEN_ENDED_YEARS - 1 : MAX_RULE_YEARS));
  for (let y = start.y; y <= lastYear; y += rule.interval) {
    for (const day of yearDates(rule, y, start)) {
      if (day <= startDay) continue;
      if (rule.until !== null && day > rule.until) return out;
      if (rule.count !== null && out.length >= rule.count) return out;
      if (out.length >= MAX_ICS_HOLIDAYS) return out;
      out.push(day);
    }
  }
  return out;
}

function describe(ev: RawEvent): string {
  const s = ev.props.get('SUMMARY');
  return s ? `"${shorten(unescapeText(s.value).trim())}"` : `The event at line ${String(ev.line)}`;
}

/** Start dates and the number of days of one event, or why it is skipped. */
function occurrencesOf(ev: RawEvent, exclusions: ReadonlySet<number>): Occurrences & { days: number } {
  const what = describe(ev);
  const dtstart = ev.props.get('DTSTART');
  if (!dtstart) return { starts: [], days: 0, skip: { line: ev.line, reason: `${what} has no DTSTART, so it has no date; skipped.` } };
  const v = dtstart.value.trim();
  const type = (dtstart.params.VALUE ?? '').toUpperCase();
  if (type === 'DATE-TIME' || /^\d{8}T\d{6}Z?$/.test(v)) {
    return { starts: [], days: 0, skip: { line: dtstart.line, reason: `${what} starts at a time of day (DTSTART:${v}), not on a whole day; only all-day events are holidays, so it was skipped.` } };
  }
  const startDay = /^\d{8}$/.test(v) ? compactDay(v) : null;
  if (startDay === null) return { starts: [], days: 0, skip: { line: dtstart.line, reason: `${what}: DTSTART "${shorten(v)}" is not a date YYYYMMDD; skipped.` } };

  let days = 1;
  const dtend = ev.props.get('DTEND');
  const duration = ev.props.get('DURATION');
  if (dtend) {
    const e = dtend.value.trim();
    if (!/^\d{8}$/.test(e)) return { starts: [], days: 0, skip: { line: dtend.line, reason: `${what}: DTEND "${shorten(e)}" is not a date while DTSTART is one; skipped.` } };
    const endDay = compactDay(e);
    if (endDay === null) return { starts: [], days: 0, skip: { line: dtend.line, reason: `${what}: DTEND "${e}" is not a calendar date; skipped.` } };
    days = Math.max(1, endDay - startDay); // DTEND is exclusive; an end on or before the start still means the one day.
  } else if (duration) {
    const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:0+H)?(?:0+M)?(?:0+S)?)?$/.exec(duration.value.trim());
    if (!m || (m[1] === undefined && m[2] === undefined)) return { starts: [], days: 0, skip: { line: duration.line, reason: `${what}: DURATION "${shorten(duration.value)}" is not a whole number of days or weeks; skipped.` } };
    days = Math.max(1, Number(m[1] ?? 0) * 7 + Number(m[2] ?? 0));
  }
  if (days > MAX_EVENT_DAYS) return { starts: [], days: 0, skip: { line: (dtend ?? duration ?? dtstart).line, reason: `${what} lasts ${String(days)} days, more than a year; that is not a holiday, so it was skipped.` } };

  let starts = [startDay];
  const rrule = ev.props.get('RRULE');
  if (rrule) {
    const rule = parseYearlyRule(rrule.value.trim());
    if (typeof rule === 'string') return { starts: [], days: 0, skip: { line: rrule.line, reason: `${what} was skipped: ${rule} (RRULE:${shorten(rrule.value.trim())}).` } };
    starts = expandYearly(rule, startDay);
  }
  const excluded = new Set(exclusions);
  for (const ex of ev.exdates) for (const part of ex.value.split(',')) { const d = compactDay(part.trim()); if (d !== null) excluded.add(d); }
  return { starts: starts.filter((d) => !excluded.has(d)), days };
}

// ---------------------------------------------------------------------------------------------------------------
// The parser

/** Holidays of an iCalendar file; never throws (see the module comment for what is read and what is skipped). */
export function parseIcsHolidays(text: string): IcsHolidays {
  const skipped: IcsSkip[] = [];
  let suppressed: { line: number; count: number } | null = null;
  const skip = (s: IcsSkip): void => {
    if (skipped.length < MAX_SKIPPED) skipped.push(s);
    else suppressed = suppressed ? { line: suppressed.line, count: suppressed.count + 1 } : { line: s.line, count: 1 };
  };

  const events: RawEvent[] = [];
  const stack: string[] = [];
  let sawCalendar = false;
  let ev: RawEvent | null = null;

  for (const { line, text: raw } of unfold(text)) {
    if (raw.trim() === '') continue;
    const cl = parseContentLine(line, raw);
    if (!cl) { skip({ line, reason: `Not an iCalendar line (NAME:value): "${shorten(raw)}".` }); continue; }
    if (cl.name === 'BEGIN') {
      const comp = cl.value.trim().toUpperCase();
      if (comp === 'VCALENDAR') sawCalendar = true;
      if (comp === 'VEVENT') {
        if (ev) {
          skip({ line: ev.line, reason: `${describe(ev)} is not closed by END:VEVENT before the next event; skipped.` });
          stack.splice(stack.lastIndexOf('VEVENT'));
        }
        ev = { line, props: new Map(), exdates: [] };
      }
      stack.push(comp);
      continue;
    }
    if (cl.name === 'END') {
      const comp = cl.value.trim().toUpperCase();
      const at = stack.lastIndexOf(comp);
      if (at < 0) { skip({ line, reason: `END:${comp} has no matching BEGIN:${comp}.` }); continue; }
      const closed = stack.splice(at);
      if (ev && comp === 'VEVENT') { events.push(ev); ev = null; }
      else if (ev && closed.includes('VEVENT')) {
        skip({ line: ev.line, reason: `${describe(ev)} is not closed by END:VEVENT before END:${comp}; skipped.` });
        ev = null;
      }
      continue;
    }
    // Properties of the event itself, not of a component nested in it (VALARM).
    if (!ev || stack[stack.length - 1] !== 'VEVENT') continue;
    if (cl.name === 'EXDATE') ev.exdates.push(cl);
    else if (!ev.props.has(cl.name)) ev.props.set(cl.name, cl);
  }
  if (ev) skip({ line: ev.line, reason: `${describe(ev)} is not closed by END:VEVENT at the end of the file; skipped.` });
  if (!sawCalendar && events.length === 0) skipped.push({ line: 0, reason: 'This is not an iCalendar file: it has no BEGIN:VCALENDAR line and no events.' });

  // RECURRENCE-ID: an event that replaces one occurrence of a repeating event (same UID) moves or renames it.
  const overridden = new Map<string, Set<number>>();
  for (const e of events) {
    const rid = e.props.get('RECURRENCE-ID');
    const uid = e.props.get('UID')?.value.trim();
    const day = rid ? compactDay(rid.value.trim()) : null;
    if (uid && day !== null) overridden.set(uid, (overridden.get(uid) ?? new Set()).add(day));
  }

  // One holiday per date; the first name in file order wins. Bounded so that a huge file cannot exhaust memory.
  const byDay = new Map<number, string>();
  const hardLimit = MAX_ICS_HOLIDAYS * 10;
  let overflow = false;
  for (const e of events) {
    const status = e.props.get('STATUS')?.value.trim().toUpperCase();
    if (status === 'CANCELLED') { skip({ line: e.line, reason: `${describe(e)} is cancelled (STATUS:CANCELLED); skipped.` }); continue; }
    const uid = e.props.get('UID')?.value.trim();
    const isOverride = e.props.has('RECURRENCE-ID');
    const occ = occurrencesOf(e, !isOverride && uid ? overridden.get(uid) ?? new Set() : new Set());
    if (occ.skip) { skip(occ.skip); continue; }
    const summary = e.props.get('SUMMARY');
    const name = (summary ? unescapeText(summary.value).trim() : '') || DEFAULT_NAME;
    for (const start of occ.starts) {
      for (let d = start; d < start + occ.days; d++) {
        if (byDay.has(d)) continue;
        if (byDay.size >= hardLimit) { overflow = true; break; }
        byDay.set(d, name);
      }
    }
  }

  const days = [...byDay.keys()].sort((a, b) => a - b);
  if (overflow || days.length > MAX_ICS_HOLIDAYS) {
    const last = days[Math.min(days.length, MAX_ICS_HOLIDAYS) - 1];
    skipped.push({ line: 0, reason: `The file gives more than ${String(MAX_ICS_HOLIDAYS)} holidays; only the first ${String(MAX_ICS_HOLIDAYS)} (up to ${last === undefined ? '' : isoOf(last)}) were read.` });
  }
  // In file order; notes about the file as a whole (line 0) first.
  skipped.sort((a, b) => a.line - b.line);
  const final = suppressed as { line: number; count: number } | null;
  if (final) skipped.push({ line: final.line, reason: `${String(final.count)} more problems were found and are not listed.` });
  return { holidays: days.slice(0, MAX_ICS_HOLIDAYS).map((d) => ({ date: isoOf(d), name: byDay.get(d) ?? DEFAULT_NAME })), skipped };
}
