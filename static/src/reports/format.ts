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

/** The last 30 days up to and including today (UTC). */
export function lastThirtyDays(now: number): { from: string; to: string } {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return { from: utcDateOf(today - 29 * DAY_MS), to: utcDateOf(today) };
}

export const BUCKET_LABELS: Readonly<Record<ReportBucket, string>> = { day: 'Day', week: 'Week (ISO, from Monday)', month: 'Month' };
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
