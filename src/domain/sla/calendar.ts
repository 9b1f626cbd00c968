/**
 * Service-hours calendars and business-time arithmetic for the SLA engine (D9, D10).
 *
 * Instants are epoch milliseconds (`Instant`), durations are milliseconds. Everything is exact to the
 * millisecond and every interval is half-open: [start, end).
 *
 * D10: "working intervals are built per local date (DST-safe), holidays are whole local dates". The
 * definition used here, and checked by the minute-stepping oracle in test/unit/domain/sla-oracle.test.ts:
 *
 *   an instant t is working time  ⇔  its local date d (in the calendar's IANA zone) is not a holiday, and
 *   its local time of day lies in one of the working intervals of d's weekday.
 *
 * Consequences, all by construction rather than special cases:
 * - a 09:00–17:00 day is 8 h on DST change days (the transition is at night);
 * - a 00:00–24:00 day is 23 h or 25 h on a DST change day;
 * - local times that do not exist (the spring-forward gap) contain no instant, so an interval reaching into
 *   the gap is clipped, and one wholly inside it is empty;
 * - local times that occur twice (fall-back) are working twice: 01:00–03:00 on a Berlin fall-back day
 *   is 3 h of working time;
 * - Australia/Lord_Howe's 30-minute shift and Asia/Kolkata's +05:30 need nothing special.
 *
 * Implementation: the zone's offset comes from `Intl.DateTimeFormat` (no dependency), evaluated at UTC
 * midnights and cached per (zone, UTC day); a day whose two midnights disagree gets its transition instant by
 * binary search (to the second: tz transitions are on whole seconds). Working intervals are then generated
 * per UTC day from the local dates that overlap it, cached per (calendar, UTC day), and carry their total,
 * so business time over a long span costs one map lookup per day. Assumption (true of every current tz
 * rule): a zone changes its offset at most once in any UTC day.
 */

export type Instant = number;
export type DurationMs = number;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Weekday keys, Monday first (ISO 8601). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A working interval of a local day, `HH:MM` to `HH:MM` (end may be `24:00`), half-open. */
export interface WorkingInterval {
  readonly from: string;
  readonly to: string;
}

/** Service hours of an agreement (D18): weekly working intervals, an IANA zone, holidays as local dates. */
export interface BusinessCalendarSpec {
  readonly kind: 'business';
  readonly timeZone: string;
  /** Several intervals per day are allowed (e.g. 09:00–12:00 and 13:00–17:30); a missing day is not worked. */
  readonly week: Readonly<Partial<Record<Weekday, readonly WorkingInterval[]>>>;
  /** Whole local dates `YYYY-MM-DD` on which nothing is worked. */
  readonly holidays?: readonly string[];
}

/** Round-the-clock: every instant is working time, no zone or holiday applies (D9: Critical and High). */
export interface AlwaysOnCalendarSpec {
  readonly kind: '24x7';
}

export type CalendarSpec = BusinessCalendarSpec | AlwaysOnCalendarSpec;

/** A compiled calendar. Build it once with `compileCalendar` and reuse it: it caches its working days. */
export interface Calendar {
  readonly spec: CalendarSpec;
  /** @internal working intervals of one UTC day as [s0, e0, s1, e1, …] plus their total; null for 24×7. */
  readonly day: ((utcDay: number) => WorkingDay) | null;
  /** @internal consecutive non-working days after which `addBusinessTime` gives up (no working time ahead). */
  readonly maxIdleDays: number;
}

/** @internal */
export interface WorkingDay {
  readonly bounds: readonly number[];
  readonly total: DurationMs;
}

export const ALWAYS_ON: Calendar = { spec: { kind: '24x7' }, day: null, maxIdleDays: 0 };

export class CalendarError extends Error {
  override readonly name = 'CalendarError';
}

// ---------------------------------------------------------------------------------------------------------
// Time-zone offsets (Intl, cached)

interface ZoneOffsets {
  /** Offset (local − UTC, ms) in force at the UTC midnight starting `utcDay`. */
  atMidnight(utcDay: number): number;
  /** Offset at any instant (uncached; used by the binary search). */
  at(t: Instant): number;
}

const zones = new Map<string, ZoneOffsets>();

function zoneOffsets(timeZone: string): ZoneOffsets {
  const cached = zones.get(timeZone);
  if (cached) return cached;
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  } catch {
    throw new CalendarError(`Unknown IANA time zone "${timeZone}"`);
  }
  const fixed = fmt.resolvedOptions().timeZone === 'UTC';
  const at = (t: Instant): number => {
    if (fixed) return 0;
    const whole = Math.floor(t / 1000) * 1000;
    let y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    for (const p of fmt.formatToParts(whole)) {
      switch (p.type) {
        case 'year': y = Number(p.value); break;
        case 'month': mo = Number(p.value); break;
        case 'day': d = Number(p.value); break;
        case 'hour': h = Number(p.value); break;
        case 'minute': mi = Number(p.value); break;
        case 'second': s = Number(p.value); break;
        default: break;
      }
    }
    return Date.UTC(y, mo - 1, d, h, mi, s) - whole;
  };
  const midnights = new Map<number, number>();
  const z: ZoneOffsets = {
    at,
    atMidnight(utcDay) {
      let o = midnights.get(utcDay);
      if (o === undefined) { o = at(utcDay * DAY_MS); midnights.set(utcDay, o); }
      return o;
    },
  };
  zones.set(timeZone, z);
  return z;
}

// ---------------------------------------------------------------------------------------------------------
// Compilation

function parseClock(hhmm: string, what: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  const h = m ? Number(m[1]) : NaN;
  const mi = m ? Number(m[2]) : NaN;
  if (!m || mi > 59 || h > 24 || (h === 24 && mi !== 0)) throw new CalendarError(`${what}: "${hhmm}" is not HH:MM between 00:00 and 24:00`);
  return (h * 60 + mi) * MINUTE_MS;
}

/** `YYYY-MM-DD` → days since 1970-01-01 (the local date's number). */
export function localDateNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new CalendarError(`Holiday "${date}" is not YYYY-MM-DD`);
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) throw new CalendarError(`Holiday "${date}" is not a calendar date`);
  return ms / DAY_MS;
}

/** Validates a spec and returns a calendar with its own day cache. Throws `CalendarError` on bad input. */
export function compileCalendar(spec: CalendarSpec): Calendar {
  if (spec.kind === '24x7') return ALWAYS_ON;
  const zone = zoneOffsets(spec.timeZone);
  // weekly[0] = Monday … weekly[6] = Sunday: sorted, merged [from, to) pairs in ms since local midnight.
  const weekly: number[][] = WEEKDAYS.map((wd) => {
    const raw = (spec.week[wd] ?? []).map((iv) => {
      const a = parseClock(iv.from, `${wd} interval start`);
      const b = parseClock(iv.to, `${wd} interval end`);
      if (b <= a) throw new CalendarError(`${wd}: interval ${iv.from}–${iv.to} is empty or reversed`);
      return [a, b] as const;
    }).sort((p, q) => p[0] - q[0]);
    const flat: number[] = [];
    for (const [a, b] of raw) {
      const last = flat.length - 1;
      if (last > 0 && a <= (flat[last] ?? 0)) flat[last] = Math.max(flat[last] ?? 0, b);
      else flat.push(a, b);
    }
    return flat;
  });
  const holidays = new Set((spec.holidays ?? []).map(localDateNumber));
  const hasWork = weekly.some((w) => w.length > 0);
  const cache = new Map<number, WorkingDay>();
  const EMPTY: WorkingDay = { bounds: [], total: 0 };

  const build = (u: number): WorkingDay => {
    const u0 = u * DAY_MS, u1 = u0 + DAY_MS;
    const o0 = zone.atMidnight(u), o1 = zone.atMidnight(u + 1);
    // Constant-offset pieces of the UTC day: one, or two around the transition instant.
    const pieces: [number, number, number][] = [];
    if (o0 === o1) pieces.push([u0, u1, o0]);
    else {
      let lo = u0, hi = u1; // offset(lo) = o0, offset(hi) = o1; find the first second with o1
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (zone.at(mid) === o0) lo = mid; else hi = mid;
      }
      pieces.push([u0, hi, o0], [hi, u1, o1]);
    }
    const out: [number, number][] = [];
    for (const [s, e, o] of pieces) {
      // Local wall times of this piece are [s + o, e + o); each local date d there contributes its intervals.
      const dFirst = Math.floor((s + o) / DAY_MS), dLast = Math.floor((e - 1 + o) / DAY_MS);
      for (let d = dFirst; d <= dLast; d++) {
        if (holidays.has(d)) continue;
        const wd = weekly[(((d + 3) % 7) + 7) % 7] ?? [];
        const base = d * DAY_MS - o;
        for (let i = 0; i < wd.length; i += 2) {
          const a = Math.max(base + (wd[i] ?? 0), s), b = Math.min(base + (wd[i + 1] ?? 0), e);
          if (a < b) out.push([a, b]);
        }
      }
    }
    if (out.length === 0) return EMPTY;
    out.sort((p, q) => p[0] - q[0]);
    const bounds: number[] = [];
    let total = 0;
    for (const [a, b] of out) {
      const last = bounds.length - 1;
      if (last > 0 && a <= (bounds[last] ?? 0)) {
        const prev = bounds[last] ?? 0;
        if (b > prev) { total += b - prev; bounds[last] = b; }
      } else { bounds.push(a, b); total += b - a; }
    }
    return { bounds, total };
  };

  const day = (u: number): WorkingDay => {
    if (!hasWork) return EMPTY;
    let wd = cache.get(u);
    if (!wd) { wd = build(u); cache.set(u, wd); }
    return wd;
  };
  return { spec, day, maxIdleDays: hasWork ? 14 + holidays.size : 0 };
}

// ---------------------------------------------------------------------------------------------------------
// Arithmetic

/** Business time in [from, to): the working milliseconds between two instants; 0 when to ≤ from. */
export function businessTimeBetween(cal: Calendar, from: Instant, to: Instant): DurationMs {
  if (to <= from) return 0;
  const day = cal.day;
  if (!day) return to - from;
  let sum = 0;
  const uLast = Math.floor((to - 1) / DAY_MS);
  for (let u = Math.floor(from / DAY_MS); u <= uLast; u++) {
    const wd = day(u);
    if (wd.total === 0) continue;
    const u0 = u * DAY_MS;
    if (u0 >= from && u0 + DAY_MS <= to) { sum += wd.total; continue; }
    const b = wd.bounds;
    for (let i = 0; i < b.length; i += 2) {
      const s = Math.max(b[i] ?? 0, from), e = Math.min(b[i + 1] ?? 0, to);
      if (s < e) sum += e - s;
    }
  }
  return sum;
}

/**
 * Walks the working time from `from`. `strict = false` (the due instant): the earliest instant T ≥ from with
 * businessTimeBetween(from, T) = d, so a duration of 0 gives `from` itself and a due time can be the end of a
 * working interval (Friday 17:00). `strict = true` (the crossing instant): the earliest T from which the clock
 * runs *past* d, i.e. the working instant where the (d+1)-th millisecond starts — the start of the next
 * working interval when d is used up exactly at an interval's end. Null when the calendar has no working time
 * ahead.
 */
function walk(cal: Calendar, from: Instant, d: DurationMs, strict: boolean): Instant | null {
  if (d < 0) throw new RangeError('A business duration cannot be negative');
  const day = cal.day;
  if (!day) return from + d;
  if (!strict && d === 0) return from;
  if (cal.maxIdleDays === 0) return null;
  let remaining = d;
  let idle = 0;
  const uFirst = Math.floor(from / DAY_MS);
  for (let u = uFirst; ; u++) {
    const wd = day(u);
    if (wd.total === 0) {
      if (++idle > cal.maxIdleDays) return null;
      continue;
    }
    idle = 0;
    if (u > uFirst && (strict ? wd.total <= remaining : wd.total < remaining)) { remaining -= wd.total; continue; }
    const b = wd.bounds;
    for (let i = 0; i < b.length; i += 2) {
      const e = b[i + 1] ?? 0;
      if (e <= from) continue;
      const s = Math.max(b[i] ?? 0, from);
      const len = e - s;
      if (strict ? len > remaining : len >= remaining) return s + remaining;
      remaining -= len;
    }
  }
}

/**
 * The due instant of a business duration started at `from` (D9 targets): the earliest T with exactly
 * `duration` of working time in [from, T). Starting inside non-working time, the clock starts at the next
 * working instant. A duration of 0 is due at `from`. Null if the calendar has no working time at all ahead.
 */
export function addBusinessTime(cal: Calendar, from: Instant, duration: DurationMs): Instant | null {
  return walk(cal, from, duration, false);
}

/**
 * The instant from which the working time since `from` exceeds `duration`: where a target is breached or an
 * escalation threshold crossed (D14). Equal to `addBusinessTime` inside working time; when the duration runs
 * out exactly at the end of a working interval, the start of the next one (due Friday 17:00 → breached from
 * Monday 09:00 if not answered).
 */
export function businessCrossingInstant(cal: Calendar, from: Instant, duration: DurationMs): Instant | null {
  return walk(cal, from, duration, true);
}

/** True when `t` is working time (the millisecond [t, t+1) counts). */
export function isWorkingInstant(cal: Calendar, t: Instant): boolean {
  return businessTimeBetween(cal, t, t + 1) === 1;
}
