/**
 * Date handling for JQL, in the searching user's time zone, without dependencies: `Intl.DateTimeFormat` gives the
 * wall time of an instant; the inverse (wall time -> instant) probes the zone offsets around it, which makes it
 * DST-correct. Non-existent wall times (spring-forward gap) move forward by the gap and ambiguous ones (fall-back
 * overlap) take the earlier instant, as java.time / lenient java.util.Calendar do in Jira.
 */
export interface WallTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a RangeError for an unknown IANA zone. */
export function assertTimeZone(timeZone: string): void {
  formatter(timeZone);
}

function utcOf(w: WallTime): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, w.millisecond);
  return d.getTime();
}

export function toWallTime(instant: number, timeZone: string): WallTime {
  const parts = formatter(timeZone).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  return {
    year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second'),
    millisecond: ((instant % 1000) + 1000) % 1000,
  };
}

/** Zone offset (ms, east positive) in effect at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  return utcOf(toWallTime(instant, timeZone)) - instant;
}

export function fromWallTime(w: WallTime, timeZone: string): number {
  const local = utcOf(w);
  const before = offsetAt(local - DAY, timeZone);
  const after = offsetAt(local + DAY, timeZone);
  const valid = [...new Set([before, after])].map((o) => local - o).filter((t) => offsetAt(t, timeZone) === local - t);
  if (valid.length) return Math.min(...valid);
  return local - before; // in a gap: shift forward by the gap length
}

/** Normalises overflowing fields (e.g. day 0, month 13) like java.util.Calendar does. */
export function normalizeWall(w: WallTime): WallTime {
  const d = new Date(utcOf(w));
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), millisecond: d.getUTCMilliseconds(),
  };
}

export function daysInMonth(year: number, month: number): number {
  return normalizeWall({ year, month: month + 1, day: 0, hour: 0, minute: 0, second: 0, millisecond: 0 }).day;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(w: WallTime): number {
  return new Date(utcOf({ ...w, hour: 12, minute: 0, second: 0, millisecond: 0 })).getUTCDay();
}

/** Calendar arithmetic on a wall time; months and years clamp the day to the target month's length. */
export function addCalendar(w: WallTime, unit: 'y' | 'M' | 'w' | 'd', n: number): WallTime {
  if (unit === 'd' || unit === 'w') return normalizeWall({ ...w, day: w.day + n * (unit === 'w' ? 7 : 1) });
  const months = unit === 'y' ? n * 12 : n;
  const first = normalizeWall({ ...w, day: 1, month: w.month + months });
  return { ...first, day: Math.min(w.day, daysInMonth(first.year, first.month)) };
}

const DATE_LITERAL = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/;
const DURATION = /^([-+])?\s*((?:\d+\s*[wdhm]\s*)+)$/i;

/**
 * Parses a JQL date literal: "yyyy-MM-dd", "yyyy/MM/dd", "yyyy-MM-dd HH:mm", "yyyy/MM/dd HH:mm" in the user's zone
 * (a date alone is 00:00 local), or a period relative to now such as "-4h", "-1w 2d", "4w 2d". Periods are fixed
 * lengths (1d = 24h, 1w = 7d), not calendar days, as in Jira. Returns null when the text is neither.
 */
export function parseDateLiteral(text: string, timeZone: string, now: number): number | null {
  const s = text.trim();
  const m = DATE_LITERAL.exec(s);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[3]);
    const day = Number(m[4]);
    const hour = m[5] === undefined ? 0 : Number(m[5]);
    const minute = m[6] === undefined ? 0 : Number(m[6]);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59) return null;
    return fromWallTime({ year, month, day, hour, minute, second: 0, millisecond: 0 }, timeZone);
  }
  const d = DURATION.exec(s);
  if (d) {
    let total = 0;
    for (const part of (d[2] ?? '').matchAll(/(\d+)\s*([wdhm])/gi)) {
      const n = Number(part[1]);
      const unit = (part[2] ?? '').toLowerCase();
      total += n * (unit === 'w' ? WEEK : unit === 'd' ? DAY : unit === 'h' ? HOUR : MINUTE);
    }
    return now + (d[1] === '-' ? -total : total);
  }
  return null;
}

export type DateFunctionName =
  | 'startofday' | 'endofday' | 'startofweek' | 'endofweek' | 'startofmonth' | 'endofmonth' | 'startofyear' | 'endofyear';

const NATURAL_UNIT: Record<DateFunctionName, 'd' | 'w' | 'M' | 'y'> = {
  startofday: 'd', endofday: 'd', startofweek: 'w', endofweek: 'w', startofmonth: 'M', endofmonth: 'M', startofyear: 'y', endofyear: 'y',
};

export interface Increment { n: number; unit: 'y' | 'M' | 'w' | 'd' | 'h' | 'm' }

/** Parses a start/end function increment "(+/-)n(y|M|w|d|h|m)"; the unit defaults to the function's own period. */
export function parseIncrement(fn: DateFunctionName, arg: string): Increment | null {
  const m = /^([+-])?(\d+)([yMwdhm])?$/.exec(arg.trim());
  if (!m) return null;
  const n = Number(m[2]) * (m[1] === '-' ? -1 : 1);
  const unit = (m[3] ?? NATURAL_UNIT[fn]) as Increment['unit'];
  return { n, unit };
}

/**
 * startOfDay()/endOfWeek(-1)/startOfMonth("+14d")…: the boundary of the current period in the user's zone, moved by
 * the increment. An increment in the function's own period moves the period first (so endOfMonth(-1) is the last
 * moment of the previous month); any other increment is added to the boundary (startOfMonth("+14d") is the 15th).
 * Weeks start on `firstDayOfWeek` (0 = Sunday, 1 = Monday). End boundaries are the last millisecond of the period.
 */
export function evalDateFunction(fn: DateFunctionName, inc: Increment | null, now: number, timeZone: string, firstDayOfWeek: number): number {
  let anchor = toWallTime(now, timeZone);
  const natural = NATURAL_UNIT[fn];
  const moveFirst = inc !== null && inc.unit === natural;
  if (moveFirst) anchor = addCalendar(anchor, natural, inc.n);
  const start: WallTime = { ...anchor, hour: 0, minute: 0, second: 0, millisecond: 0 };
  const endOfDay = (w: WallTime): WallTime => ({ ...w, hour: 23, minute: 59, second: 59, millisecond: 999 });
  let boundary: WallTime;
  switch (fn) {
    case 'startofday': boundary = start; break;
    case 'endofday': boundary = endOfDay(start); break;
    case 'startofweek': case 'endofweek': {
      const back = (weekday(start) - firstDayOfWeek + 7) % 7;
      const first = normalizeWall({ ...start, day: start.day - back });
      boundary = fn === 'startofweek' ? first : endOfDay(normalizeWall({ ...first, day: first.day + 6 }));
      break;
    }
    case 'startofmonth': boundary = { ...start, day: 1 }; break;
    case 'endofmonth': boundary = endOfDay({ ...start, day: daysInMonth(start.year, start.month) }); break;
    case 'startofyear': boundary = { ...start, month: 1, day: 1 }; break;
    case 'endofyear': boundary = endOfDay({ ...start, month: 12, day: 31 }); break;
  }
  if (inc === null || moveFirst) return fromWallTime(boundary, timeZone);
  if (inc.unit === 'h' || inc.unit === 'm') return fromWallTime(boundary, timeZone) + inc.n * (inc.unit === 'h' ? HOUR : MINUTE);
  return fromWallTime(addCalendar(boundary, inc.unit, inc.n), timeZone);
}

/**
 * Parses a date stored in an entity property (indexed type `date`): ISO-8601 `yyyy-MM-dd` or
 * `yyyy-MM-ddTHH:mm[:ss[.SSS]][Z|±hh:mm|±hhmm]`. Without an offset the value is taken as UTC (the sandbox has no
 * server zone). Anything else is not indexed, i.e. EMPTY.
 */
export function parseIsoInstant(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim());
  if (!m) return null;
  const w: WallTime = {
    year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4] ?? 0), minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0), millisecond: Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3)),
  };
  if (w.month < 1 || w.month > 12 || w.day < 1 || w.day > daysInMonth(w.year, w.month) || w.hour > 23 || w.minute > 59 || w.second > 59) return null;
  let offset = 0;
  const z = m[8];
  if (z && z !== 'Z') {
    const sign = z.startsWith('-') ? -1 : 1;
    const digits = z.slice(1).replace(':', '');
    offset = sign * (Number(digits.slice(0, 2)) * HOUR + Number(digits.slice(2, 4)) * MINUTE);
  }
  return utcOf(w) - offset;
}
