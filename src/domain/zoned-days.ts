/**
 * Calendar days in an IANA time zone, for the reports: which local day (week, month) an instant belongs to, and
 * the instant a local day starts at. The reports group by the service's local day (the policy's service-hours zone),
 * not the UTC day: 23:30 UTC on a winter evening is already the next day in Berlin.
 *
 * Pure: the zone's offsets come from `Intl.DateTimeFormat`; no clock is read.
 */

const DAY_MS = 86_400_000;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let fmt = formats.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(timeZone, fmt);
  }
  return fmt;
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface LocalParts { y: number; mo: number; d: number; h: number; mi: number; s: number }

function partsAt(timeZone: string, t: number): LocalParts {
  const out: LocalParts = { y: 0, mo: 0, d: 0, h: 0, mi: 0, s: 0 };
  for (const p of formatFor(timeZone).formatToParts(t)) {
    const v = Number(p.value);
    if (p.type === 'year') out.y = v;
    else if (p.type === 'month') out.mo = v;
    else if (p.type === 'day') out.d = v;
    else if (p.type === 'hour') out.h = v;
    else if (p.type === 'minute') out.mi = v;
    else if (p.type === 'second') out.s = v;
  }
  return out;
}

/** The zone's offset (local − UTC, ms) at an instant. */
function offsetAt(timeZone: string, t: number): number {
  const whole = Math.floor(t / 1000) * 1000;
  const p = partsAt(timeZone, whole);
  return Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - whole;
}

/** The local calendar day of an instant in the zone, `YYYY-MM-DD`. */
export function localDay(timeZone: string, t: number): string {
  const p = partsAt(timeZone, t);
  return `${pad(p.y, 4)}-${pad(p.mo, 2)}-${pad(p.d, 2)}`;
}

/** The local month of an instant in the zone, `YYYY-MM`. */
export function localMonth(timeZone: string, t: number): string {
  return localDay(timeZone, t).slice(0, 7);
}

/** The ISO 8601 week (`GGGG-Www`, weeks from Monday) of the instant's local day in the zone. */
export function localIsoWeek(timeZone: string, t: number): string {
  const [y, m, d] = localDay(timeZone, t).split('-').map(Number) as [number, number, number];
  const day = Date.UTC(y, m - 1, d);
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(day + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const ordinal = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS) + 1;
  return `${pad(year, 4)}-W${pad(Math.floor((ordinal - 1) / 7) + 1, 2)}`;
}

/**
 * The instant a local calendar day (`YYYY-MM-DD`) starts in the zone: its local midnight, or, where a DST change
 * skips midnight, the first local instant of that day.
 */
export function localDayStart(timeZone: string, date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`"${date}" is not a date written YYYY-MM-DD.`);
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Two rounds settle the offset in force at the local midnight (the first guess uses the offset at UTC midnight).
  let t = wall - offsetAt(timeZone, wall);
  t = wall - offsetAt(timeZone, t);
  // A gap at midnight (the zone jumps over 00:00) leaves t on the previous local day: the day starts when it resumes.
  if (localDay(timeZone, t) !== date) {
    let probe = t;
    for (let i = 0; i < 4 && localDay(timeZone, probe) !== date; i += 1) probe += 30 * 60_000;
    t = probe;
  }
  return t;
}

/** The half-open period `[from day start, day after to start)` of two local days (both included) in the zone. */
export function localDaysPeriod(timeZone: string, from: string, to: string): { from: number; to: number } {
  const [y, m, d] = to.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return { from: localDayStart(timeZone, from), to: localDayStart(timeZone, next) };
}
