/**
 * The calendar of the change schedule (WP.12) as a person reads it: which day cells a month or week shows in the
 * viewer's zone, and where each bar (a change or a period) sits — its columns and lane in a week row of the month
 * view, its column, height and side-by-side lane in the week view. Pure: the UI only draws what this answers.
 * Weeks start on Monday (ISO 8601). Intervals are half-open [start, end).
 */
import { addDays, weekdayIndex, zonedDay, zonedInstant, type Range } from './schedule';

export type CalendarView = 'month' | 'week';

export interface CalendarDay {
  /** Local day `YYYY-MM-DD` in the zone. */
  date: string;
  /** The instants the local day starts and ends at (23 or 25 hours on a clock change). */
  start: number;
  end: number;
  /** Whether the day belongs to the month shown (month view); always true in the week view. */
  inMonth: boolean;
}

export interface BarInput { id: string; start: number; end: number }

/** A bar's piece in one week row: from column `startCol` over `span` days, in lane `lane` (0 = top). */
export interface BarSegment { id: string; startCol: number; span: number; lane: number; continuesBefore: boolean; continuesAfter: boolean }

export interface WeekRow { days: CalendarDay[]; bars: BarSegment[]; lanes: number }

function dayOf(timeZone: string, date: string, inMonth: boolean): CalendarDay {
  return { date, start: zonedInstant(timeZone, date, 0), end: zonedInstant(timeZone, addDays(date, 1), 0), inMonth };
}

/** The Monday of the week holding `date`. */
export function weekStartOf(date: string): string {
  return addDays(date, -weekdayIndex(date));
}

/** The weeks (Monday–Sunday) that show the month of `anchor`; days of the months around are `inMonth: false`. */
export function monthWeeks(timeZone: string, anchor: string): CalendarDay[][] {
  const month = anchor.slice(0, 7);
  const weeks: CalendarDay[][] = [];
  for (let monday = weekStartOf(`${month}-01`); monday.slice(0, 7) <= month; monday = addDays(monday, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(monday, i)).map((d) => dayOf(timeZone, d, d.slice(0, 7) === month)));
    if (weeks.length > 6) break;
  }
  return weeks;
}

/** The week (Monday–Sunday) holding `anchor`. */
export function weekDays(timeZone: string, anchor: string): CalendarDay[] {
  const monday = weekStartOf(anchor);
  return Array.from({ length: 7 }, (_, i) => dayOf(timeZone, addDays(monday, i), true));
}

/** The range a view shows: the whole weeks of the month, or the week. */
export function viewRange(view: CalendarView, timeZone: string, anchor: string): Range {
  const days = view === 'month' ? monthWeeks(timeZone, anchor).flat() : weekDays(timeZone, anchor);
  return { from: days[0]!.start, to: days.at(-1)!.end };
}

/** The anchor day of the previous (-1) or next (+1) month or week. */
export function shiftAnchor(view: CalendarView, anchor: string, delta: number): string {
  if (view === 'week') return addDays(anchor, 7 * delta);
  const [y, m] = anchor.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + delta, 1)).toISOString().slice(0, 10);
}

/** The viewer's local day of an instant, for "today". */
export function todayIn(timeZone: string, now: number): string {
  return zonedDay(timeZone, now);
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Lanes for one week row: each bar covers the days it overlaps; bars are placed longest-first by start in the
 * first lane where they overlap nothing (so the text of two bars never sits on top of each other).
 */
export function layoutRow(days: readonly CalendarDay[], items: readonly BarInput[]): WeekRow {
  const rowStart = days[0]!.start;
  const rowEnd = days.at(-1)!.end;
  const pieces = items
    .filter((it) => overlaps(it, { start: rowStart, end: rowEnd }))
    .map((it) => {
      const cols = days.map((d, i) => (overlaps(it, d) ? i : -1)).filter((i) => i >= 0);
      // A zero-length item still shows on the day it is on.
      const startCol = cols[0] ?? Math.max(0, days.findIndex((d) => it.start >= d.start && it.start < d.end));
      const endCol = cols.at(-1) ?? startCol;
      return { id: it.id, startCol, span: endCol - startCol + 1, continuesBefore: it.start < rowStart, continuesAfter: it.end > rowEnd };
    })
    .sort((a, b) => a.startCol - b.startCol || b.span - a.span || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const laneEnds: number[] = [];
  const bars: BarSegment[] = [];
  for (const p of pieces) {
    let lane = laneEnds.findIndex((endCol) => endCol < p.startCol);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = p.startCol + p.span - 1;
    bars.push({ ...p, lane });
  }
  return { days: [...days], bars, lanes: laneEnds.length };
}

/** The month view: one row per week with its bars. */
export function layoutMonth(timeZone: string, anchor: string, items: readonly BarInput[]): WeekRow[] {
  return monthWeeks(timeZone, anchor).map((week) => layoutRow(week, items));
}

/** A bar's piece in one day column of the week view: top and height as fractions of the day, side by side in lanes. */
export interface TimedSegment { id: string; dayIndex: number; top: number; height: number; lane: number; lanes: number; continuesBefore: boolean; continuesAfter: boolean }

/**
 * The week view: each item cut into its day pieces, placed by time of day (a 23- or 25-hour day is the full
 * column height); overlapping pieces in a day share its width in lanes. A piece is at least `minHeight` tall.
 */
export function layoutWeekTimes(days: readonly CalendarDay[], items: readonly BarInput[], minHeight = 0.02): TimedSegment[] {
  const out: TimedSegment[] = [];
  days.forEach((day, dayIndex) => {
    const length = day.end - day.start;
    const pieces = items
      .filter((it) => overlaps(it, day) || (it.start === it.end && it.start >= day.start && it.start < day.end))
      .map((it) => {
        const s = Math.max(it.start, day.start);
        const e = Math.min(it.end, day.end);
        const height = Math.min(1, Math.max(minHeight, (e - s) / length));
        // A short piece at the end of the day is raised so that it keeps its minimum height inside the column.
        const top = Math.min((s - day.start) / length, 1 - height);
        return { id: it.id, top, height, continuesBefore: it.start < day.start, continuesAfter: it.end > day.end };
      })
      .sort((a, b) => a.top - b.top || b.height - a.height || (a.id < b.id ? -1 : 1));
    // Clusters of pieces that overlap each other share the column width.
    let cluster: Array<(typeof pieces)[number] & { lane: number }> = [];
    let clusterEnd = -1;
    const flush = () => {
      const lanes = Math.max(1, ...cluster.map((c) => c.lane + 1));
      for (const c of cluster) out.push({ ...c, dayIndex, lanes });
      cluster = [];
    };
    for (const p of pieces) {
      if (cluster.length && p.top >= clusterEnd) flush();
      const used = new Set(cluster.filter((c) => c.top + c.height > p.top).map((c) => c.lane));
      let lane = 0;
      while (used.has(lane)) lane += 1;
      cluster.push({ ...p, lane });
      clusterEnd = Math.max(clusterEnd, p.top + p.height);
    }
    flush();
  });
  return out;
}

/** For each day, the ids of the items that overlap it (e.g. the freezes that shade it). */
export function dayCoverage(days: readonly CalendarDay[], items: readonly BarInput[]): string[][] {
  return days.map((d) => items.filter((it) => overlaps(it, d)).map((it) => it.id));
}
