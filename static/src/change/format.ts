/**
 * Pure text for the change part: people, instants and calendar days in the viewer's time zone, and the wall-clock
 * arithmetic the schedule form needs (a planned start typed in the viewer's own zone becomes an instant). No React, no
 * clock reads.
 */
import type { ChangeActionId, PersonRef } from './types';

export { formatInstant, intlLocale, priorityAppearance, splitWhy } from '../incident/format';

export const nameOf = (p: PersonRef | null | undefined): string => p?.displayName ?? 'someone';

/** A calendar date YYYY-MM-DD as "12 Mar 2026" (no zone shift: the date is shown as written). */
export function formatDay(day: string, locale: string | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** The viewer's zone (Forge context, from their Jira profile), else the browser's. An unknown zone falls back too. */
export function zoneOrBrowser(timeZone: string | undefined): string {
  if (timeZone) {
    try {
      new Intl.DateTimeFormat('en', { timeZone });
      return timeZone;
    } catch {
      // A broken profile zone: the browser's zone rather than a broken form.
    }
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The wall clock of `timeZone` at an instant, as if it were UTC (ms). */
function wallClockMs(epochMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
}

/** The zone's offset from UTC at an instant, in minutes (Europe/Berlin in winter: 60). */
export function offsetMinutes(epochMs: number, timeZone: string): number {
  const instant = Math.floor(epochMs / 1000) * 1000;
  return Math.round((wallClockMs(instant, timeZone) - instant) / 60_000);
}

/** "+01:00", "-05:00", "+00:00". */
export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The instant a wall-clock date and time ("2026-12-05", "09:30") stands for in `timeZone`; null when not a date. */
export function wallToInstant(date: string, time: string, timeZone: string): number | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  if (Number.isNaN(wall)) return null;
  // Two passes settle the offset on either side of a daylight-saving change.
  const first = wall - offsetMinutes(wall, timeZone) * 60_000;
  return wall - offsetMinutes(first, timeZone) * 60_000;
}

/** An instant as the picker's value in `timeZone`: "2026-12-05T09:30+01:00". */
export function pickerValue(iso: string | null, timeZone: string): string {
  if (!iso) return '';
  const epoch = Date.parse(iso);
  if (Number.isNaN(epoch)) return '';
  const offset = offsetMinutes(epoch, timeZone);
  const wall = new Date(epoch + offset * 60_000);
  return `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}${offsetText(offset)}`;
}

/** The picker's value ("2026-12-05T09:30+01:00", or without a zone) as an ISO instant in `timeZone`; null when incomplete. */
export function instantOfPickerValue(value: string, timeZone: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{1,2}:\d{2})/.exec(value);
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  const epoch = wallToInstant(m[1], m[2], timeZone);
  return epoch === null ? null : new Date(epoch).toISOString();
}

/** What each action is called on its button, and what the panel says while it runs. */
export const ACTION_WORDS: Readonly<Record<ChangeActionId, { label: string; busy: string }>> = {
  decide: { label: 'Approve or reject', busy: 'Recording your decision…' },
  recordSignOff: { label: 'Record a customer or supplier sign-off', busy: 'Recording the sign-off…' },
  recordBuild: { label: 'Record build', busy: 'Recording the build…' },
  publishTestReport: { label: 'Publish test report', busy: 'Publishing the test report…' },
  schedule: { label: 'Schedule', busy: 'Checking the schedule and saving the planned times…' },
  setConfigurationItems: { label: 'Set configuration items', busy: 'Saving the configuration items…' },
  recordReview: { label: 'Record review', busy: 'Recording the review…' },
  designateTemplate: { label: 'Designate as pre-approved template', busy: 'Designating the template…' },
};

export const REVIEW_OUTCOME: Readonly<Record<'successful' | 'failed' | 'backed-out', string>> = {
  successful: 'Successful',
  failed: 'Failed',
  'backed-out': 'Backed out',
};
