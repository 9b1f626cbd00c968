/** Formatting for the incident reports: UTC dates, durations in business time, percentages, file names. */
import type { ReportBucket } from '../api';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** `YYYY-MM-DD` of an instant, in UTC (the reports' periods are whole UTC days). */
export function utcDateOf(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** Epoch ms of a `YYYY-MM-DD` UTC date; null when it is no calendar date. */
export function parseUtcDate(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return utcDateOf(t) === text ? t : null;
}

/** Today's calendar date in a time zone (the viewer's), `YYYY-MM-DD`; UTC when the zone is unknown. */
export function todayIn(now: number, timeZone: string | undefined): string {
  try {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
    const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
    return `${get('year')}-${get('month')}-${get('day')}`;
  } catch {
    return utcDateOf(now);
  }
}

/** The last 30 days up to and including today (in the viewer's zone). */
export function lastThirtyDays(now: number, timeZone?: string): { from: string; to: string } {
  const today = parseUtcDate(todayIn(now, timeZone)) ?? Math.floor(now / DAY_MS) * DAY_MS;
  return { from: utcDateOf(today - 29 * DAY_MS), to: utcDateOf(today) };
}

/** Days from `from` to `to`, both included; null when either is no date. */
export function periodDays(from: string, to: string): number | null {
  const a = parseUtcDate(from);
  const b = parseUtcDate(to);
  return a === null || b === null ? null : Math.round((b - a) / DAY_MS) + 1;
}

export const BUCKET_LABELS: Readonly<Record<ReportBucket, string>> = { day: 'Day', week: 'Week (from Monday)', month: 'Month' };

/** A bucket key as people read it: "4 Dec" (day), "Week of 30 Nov" (ISO week), "Dec 2026" (month). */
export function bucketLabel(key: string, bucket: ReportBucket, locale?: string): string {
  try {
    if (bucket === 'day') {
      const t = parseUtcDate(key);
      return t === null ? key : new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'short' }).format(t);
    }
    if (bucket === 'month') {
      const t = parseUtcDate(`${key}-01`);
      return t === null ? key : new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short', year: 'numeric' }).format(t);
    }
    const m = /^(\d{4})-W(\d{2})$/.exec(key);
    if (!m) return key;
    // Monday of ISO week: the week holding 4 January is week 1.
    const jan4 = Date.UTC(Number(m[1]), 0, 4);
    const monday1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
    const monday = monday1 + (Number(m[2]) - 1) * 7 * DAY_MS;
    return `Week of ${new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'short' }).format(monday)}`;
  } catch {
    return key;
  }
}

/** An instant in the viewer's time zone and locale, e.g. "4 Dec 2026, 19:52"; "—" for none. */
export function viewerDateTime(t: number | null, timeZone: string | undefined, locale?: string): string {
  if (t === null) return '—';
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(t);
  } catch {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(t);
  }
}
export const BUCKET_NOUNS: Readonly<Record<ReportBucket, string>> = { day: 'day', week: 'week', month: 'month' };

function decimal(value: number, digits: number): string {
  const fixed = value.toFixed(digits);
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

/** Business hours with one decimal, e.g. "7.5"; "—" for none. */
export function hours(ms: number | null): string {
  return ms === null ? '—' : decimal(ms / HOUR_MS, 1);
}

/** Business minutes, whole below 10 h worth, e.g. "25"; "—" for none. */
export function minutes(ms: number | null): string {
  return ms === null ? '—' : decimal(ms / MINUTE_MS, ms < 10 * MINUTE_MS ? 1 : 0);
}

/** A percentage with at most one decimal, e.g. "66.7"; "—" when there is nothing to divide by. */
export function percent(value: number | null): string {
  return value === null ? '—' : decimal(value, 1);
}

/** `2027-03-01 09:00 UTC`. */
export function utcDateTime(t: number | null): string {
  if (t === null) return '—';
  const iso = new Date(t).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** `incident-report-SD-2027-03-01-to-2027-03-30.csv` (summary) / `incidents-…` (per incident). */
export function csvFileName(kind: 'summary' | 'incidents', projectKey: string, from: string, to: string): string {
  const key = projectKey.replace(/[^A-Za-z0-9_-]/g, '_');
  return `${kind === 'summary' ? 'incident-report' : 'incidents'}-${key}-${from}-to-${to}.csv`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
