/** The schedule tab's calls (src/contract/schedule.ts) and the words it shows for times, in the viewer's zone. */
import { callFunction } from '../../api';
import type { ScheduleDocumentView, ScheduleIcs, ScheduleView, ScheduleContent } from '@contract/schedule';

export type { ScheduleDocumentView, ScheduleIcs, ScheduleView, ScheduleContent };
export type { ScheduledChangeView, SchedulePeriodView, SchedulePeriodSpec, CalendarView } from '@contract/schedule';

export const loadSchedule = (from: number, to: number, view: 'month' | 'week'): Promise<ScheduleView> => callFunction('globalPage.schedule.load', { from, to, view });
export const saveSchedule = (content: ScheduleContent, expectedVersion: number | null): Promise<ScheduleDocumentView> => callFunction('globalPage.schedule.save', { content, expectedVersion });
export const approveSchedule = (expectedVersion: number): Promise<ScheduleDocumentView> => callFunction('globalPage.schedule.approve', { expectedVersion });
export const exportIcs = (from: number, to: number): Promise<ScheduleIcs> => callFunction('globalPage.schedule.exportIcs', { from, to });

/** The viewer's IANA zone: Jira's profile zone when known, else the browser's. */
export function zoneOr(timeZone: string | null | undefined): string {
  if (timeZone) {
    try {
      new Intl.DateTimeFormat('en', { timeZone });
      return timeZone;
    } catch {
      /* fall through */
    }
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function timeOf(t: number, timeZone: string, locale?: string): string {
  return new Date(t).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', timeZone });
}

export function dateTimeOf(t: number, timeZone: string, locale?: string): string {
  return new Date(t).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
}

/** "December 2026" / "7 – 13 Dec 2026" for a day `YYYY-MM-DD` (shown as written, no zone shift). */
export function monthTitle(day: string, locale?: string): string {
  return new Date(`${day.slice(0, 7)}-01T12:00:00Z`).toLocaleDateString(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export function dayLabel(day: string, locale?: string, style: 'short' | 'long' = 'short'): string {
  const d = new Date(`${day}T12:00:00Z`);
  return style === 'short'
    ? d.toLocaleDateString(locale, { day: 'numeric', timeZone: 'UTC' })
    : d.toLocaleDateString(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
}
