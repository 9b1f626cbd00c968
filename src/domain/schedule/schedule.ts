/**
 * The service change schedule (WP.12; CO.2.2; D17, D21, D23): change windows, maintenance windows and key business
 * events (freezes), one-off or repeated weekly in a named time zone.
 *
 * - `scheduleContentSchema` / `readScheduleContent`: the stored content and what an editor sends, with errors that
 *   name the field by its label ("Period “Black Friday”: End must be after Start.").
 * - `expandPeriods`: every period as concrete instants over a range (weekly windows expanded DST-safely in their own
 *   zone: "Tuesdays 20:00–23:00 Europe/Lisbon" is 20:00 Lisbon time on both sides of a clock change).
 * - `changeScheduleFor`: the `ChangeSchedule` that `checkSchedule` of change-rules.ts reads (the gate of D17).
 * - `scheduleStatusAfterSave` / `scheduleApprovalRefusal`: the version statuses of D21 (Initial → Approved → Updated).
 * - `changeConflicts`: two changes touching the same configuration item or service at overlapping times (D17, CHG-17).
 *
 * Pure: time zones come from Intl; no clock is read.
 */
import { z } from 'zod';
import type { ChangeSchedule, ScheduledChange, SchedulePeriod, SchedulePeriodKind } from '../change-rules';
import { isTimeZone } from '../zoned-days';

export type { ChangeSchedule, SchedulePeriod, SchedulePeriodKind, ScheduledChange } from '../change-rules';

/** The work product id of the schedule (002 WP.12). */
export const SCHEDULE_WORK_PRODUCT = 'WP.12';

// ---------------------------------------------------------------------------------------------------------------
// Content

export const PERIOD_KINDS = ['change-window', 'maintenance-window', 'freeze'] as const satisfies readonly SchedulePeriodKind[];

/** The kinds in words (D17: a freeze is a key business event during which no change is deployed). */
export const PERIOD_KIND_LABELS: Readonly<Record<SchedulePeriodKind, string>> = {
  'change-window': 'Change window',
  'maintenance-window': 'Maintenance window',
  freeze: 'Freeze (key business event)',
};

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_LABELS: Readonly<Record<Weekday, string>> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

/** At most this many periods on the schedule (one stored value, WORK_PRODUCT_CONTENT_LIMIT_BYTES). */
export const MAX_PERIODS = 300;
/** A weekly window is expanded over at most this many days in one call (a year view and some). */
export const MAX_EXPANSION_DAYS = 400;

const isoInstant = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/.test(s) && Number.isFinite(Date.parse(s)), 'must be a date and time with its zone offset');
const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'must be a real calendar date');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time written HH:MM (00:00–23:59)');

export const onceSchema = z.object({ repeat: z.literal('once'), start: isoInstant, end: isoInstant }).strict();
export const weeklySchema = z.object({
  repeat: z.literal('weekly'),
  days: z.array(z.enum(WEEKDAYS)).min(1, 'must name at least one day of the week').max(7),
  /** Local wall times in `timeZone`; an end at or before the start ends on the next day (e.g. 22:00–02:00). */
  startTime: hhmm,
  endTime: hhmm,
  timeZone: z.string().min(1, 'must name a time zone').refine(isTimeZone, 'must be a time zone such as Europe/Lisbon'),
  /** The first and last local days the repetition covers (inclusive); no last day = until further notice. */
  from: ymd,
  until: ymd.nullable(),
}).strict();

export const periodSchema = z.object({
  id: z.string().trim().min(1, 'is required').max(80),
  name: z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters'),
  kind: z.enum(PERIOD_KINDS),
  /** The services (catalogue names) it applies to; empty = every service (change-rules.ts). */
  services: z.array(z.string().trim().min(1).max(120)).max(50),
  /** Why the business cannot take changes then (required for a freeze). */
  reason: z.string().trim().max(1000, 'must be at most 1000 characters').nullable(),
  when: z.discriminatedUnion('repeat', [onceSchema, weeklySchema]),
}).strict();

export const scheduleContentSchema = z.object({ periods: z.array(periodSchema).max(MAX_PERIODS, `must hold at most ${MAX_PERIODS} periods`) }).strict();

export type SchedulePeriodSpec = z.infer<typeof periodSchema>;
export type ScheduleContent = z.infer<typeof scheduleContentSchema>;

export const EMPTY_SCHEDULE: ScheduleContent = { periods: [] };

const FIELD_LABELS: Readonly<Record<string, string>> = {
  id: 'Id', name: 'Name', kind: 'Kind', services: 'Services', reason: 'Reason', when: 'When', repeat: 'Repeats',
  start: 'Start', end: 'End', days: 'Days', startTime: 'From (time)', endTime: 'To (time)', timeZone: 'Time zone', from: 'First day', until: 'Last day',
};

export interface ContentIssue { path: (string | number)[]; message: string }

function periodLabel(content: unknown, index: number): string {
  const periods = (content as { periods?: unknown } | null)?.periods;
  const p = Array.isArray(periods) ? (periods[index] as { name?: unknown } | undefined) : undefined;
  const name = typeof p?.name === 'string' && p.name.trim() ? p.name.trim() : null;
  return name ? `Period ${index + 1} “${name}”` : `Period ${index + 1}`;
}

function labelOf(content: unknown, path: readonly PropertyKey[]): string {
  if (path[0] !== 'periods') return 'Periods';
  if (typeof path[1] !== 'number') return 'Periods';
  const field = [...path.slice(2)].reverse().find((k) => typeof k === 'string');
  return `${periodLabel(content, path[1])}${field ? `: ${FIELD_LABELS[field] ?? field}` : ''}`;
}

/** The rules beyond the shape: an end after its start, a reason for each freeze, unique ids (D17, D23). */
export function contentRuleIssues(content: ScheduleContent): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const ids = new Set<string>();
  content.periods.forEach((p, i) => {
    const label = periodLabel(content, i);
    if (ids.has(p.id)) issues.push({ path: ['periods', i, 'id'], message: `${label}: Id “${p.id}” is used by another period.` });
    ids.add(p.id);
    if (p.kind === 'freeze' && !p.reason) issues.push({ path: ['periods', i, 'reason'], message: `${label}: Reason is required for a freeze (say which business event it protects).` });
    if (p.when.repeat === 'once' && Date.parse(p.when.end) <= Date.parse(p.when.start)) issues.push({ path: ['periods', i, 'when', 'end'], message: `${label}: End must be after Start.` });
    if (p.when.repeat === 'weekly') {
      if (p.when.startTime === p.when.endTime) issues.push({ path: ['periods', i, 'when', 'endTime'], message: `${label}: To (time) must differ from From (time).` });
      if (p.when.until !== null && p.when.until < p.when.from) issues.push({ path: ['periods', i, 'when', 'until'], message: `${label}: Last day must not be before First day.` });
    }
  });
  return issues;
}

/**
 * What an editor sent, read as schedule content: every problem named by its label and the rule broken, in words.
 * Answers the content, or the list of problems.
 */
export function readScheduleContent(raw: unknown): { ok: true; content: ScheduleContent } | { ok: false; issues: ContentIssue[] } {
  const parsed = scheduleContentSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path as (string | number)[], message: `${labelOf(raw, i.path)} ${i.message.replace(/^./, (c) => c.toLowerCase())}.`.replace(/\.\.$/, '.') })) };
  }
  const issues = contentRuleIssues(parsed.data);
  return issues.length ? { ok: false, issues } : { ok: true, content: parsed.data };
}

// ---------------------------------------------------------------------------------------------------------------
// Versions (D21)

export const SCHEDULE_STATUSES = ['Initial', 'Approved', 'Updated'] as const;
export type ScheduleStatus = (typeof SCHEDULE_STATUSES)[number];

/** D21: the first saved version is "Initial"; every later edit makes a new version "Updated". */
export function scheduleStatusAfterSave(current: { status: string } | null): ScheduleStatus {
  return current === null ? 'Initial' : 'Updated';
}

/** D21: an SM or CM approval makes the current version "Approved"; null when it may be approved. */
export function scheduleApprovalRefusal(current: { status: string; version: number } | null): string | null {
  if (current === null) return 'There is no change schedule to approve yet: save one first (D21).';
  if (current.status === 'Approved') return `Version ${current.version} of the change schedule is already approved; edit it to make a new version (D21).`;
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Local wall times in a zone (DST-safe, from Intl)

const formats = new Map<string, Intl.DateTimeFormat>();
function formatFor(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(timeZone, f);
  }
  return f;
}

/** The local wall clock of an instant, as if it were UTC (ms). */
function wallOf(timeZone: string, t: number): number {
  const p: Record<string, number> = {};
  for (const part of formatFor(timeZone).formatToParts(Math.floor(t / 1000) * 1000)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
}

const offsetAt = (timeZone: string, t: number): number => wallOf(timeZone, t) - Math.floor(t / 1000) * 1000;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * The instant of a local date and time in the zone. A wall time that occurs twice (clocks go back) is its first
 * occurrence; one that does not exist (clocks go forward) is moved forward by the gap, as calendars do.
 */
export function zonedInstant(timeZone: string, date: string, minutesOfDay: number): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d) + minutesOfDay * 60_000;
  const before = offsetAt(timeZone, wall - 12 * HOUR_MS);
  const after = offsetAt(timeZone, wall + 12 * HOUR_MS);
  const candidates = [...new Set([before, after])].map((o) => wall - o).filter((t) => wallOf(timeZone, t) === wall).sort((a, b) => a - b);
  return candidates[0] ?? wall - before;
}

/** The local day `YYYY-MM-DD` of an instant in the zone. */
export function zonedDay(timeZone: string, t: number): string {
  return new Date(wallOf(timeZone, t)).toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Monday = 0 … Sunday = 6. */
export function weekdayIndex(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

const minutesOf = (hm: string): number => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));

// ---------------------------------------------------------------------------------------------------------------
// Expansion

/** Half-open range of instants [from, to). */
export interface Range { from: number; to: number }

/** One period as concrete instants (a weekly window gives one per occurrence). */
export interface ExpandedPeriod extends SchedulePeriod {
  /** The period of the content it comes from. */
  periodId: string;
  reason: string | null;
  recurring: boolean;
}

/** Every occurrence of the periods that overlaps the range, ordered by start (D17). */
export function expandPeriods(content: ScheduleContent, range: Range): ExpandedPeriod[] {
  const out: ExpandedPeriod[] = [];
  for (const p of content.periods) {
    const base = { name: p.name, kind: p.kind, periodId: p.id, reason: p.reason, ...(p.services.length ? { serviceIds: p.services } : {}) };
    if (p.when.repeat === 'once') {
      const start = Date.parse(p.when.start);
      const end = Date.parse(p.when.end);
      if (start < range.to && end > range.from) out.push({ ...base, id: p.id, start, end, recurring: false });
      continue;
    }
    const w = p.when;
    const first = zonedDay(w.timeZone, range.from);
    const last = zonedDay(w.timeZone, range.to);
    const startMin = minutesOf(w.startTime);
    const endMin = minutesOf(w.endTime);
    const days = new Set(w.days.map((d) => WEEKDAYS.indexOf(d)));
    // The day before the range: a window crossing midnight may reach into it.
    for (let day = addDays(first, -1), n = 0; day <= last && n < MAX_EXPANSION_DAYS; day = addDays(day, 1), n += 1) {
      if (day < w.from || (w.until !== null && day > w.until) || !days.has(weekdayIndex(day))) continue;
      const start = zonedInstant(w.timeZone, day, startMin);
      const end = endMin > startMin ? zonedInstant(w.timeZone, day, endMin) : zonedInstant(w.timeZone, addDays(day, 1), endMin);
      if (start < range.to && end > range.from) out.push({ ...base, id: `${p.id}@${day}`, start, end, recurring: true });
    }
  }
  return out.sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * D17 gate: the schedule `checkSchedule` reads for a planned change over `range` (the change's planned interval,
 * or wider): the periods as instants and the other scheduled changes.
 */
export function changeScheduleFor(content: ScheduleContent | null, range: Range, changes: readonly ScheduledChange[] = []): ChangeSchedule {
  const periods: SchedulePeriod[] = expandPeriods(content ?? EMPTY_SCHEDULE, range).map(({ id, name, kind, start, end, serviceIds }) => ({ id, name, kind, start, end, ...(serviceIds ? { serviceIds } : {}) }));
  return { periods, changes };
}

// ---------------------------------------------------------------------------------------------------------------
// Conflicts between changes (D17, CHG-17)

export interface ChangeOnSchedule { key: string; start: number; end: number; services: readonly string[]; cis: readonly string[] }
export interface ChangeConflict { otherKey: string; cis: string[]; services: string[] }

/**
 * For each change, the other changes it overlaps in time on a shared configuration item or service (both sides are
 * flagged). Compared trimmed and case-insensitive; an interval is half-open.
 */
export function changeConflicts(changes: readonly ChangeOnSchedule[]): Map<string, ChangeConflict[]> {
  const out = new Map<string, ChangeConflict[]>();
  const norm = (xs: readonly string[]) => new Map(xs.map((x) => [x.trim().toLowerCase(), x.trim()]));
  for (let i = 0; i < changes.length; i += 1) {
    for (let j = i + 1; j < changes.length; j += 1) {
      const a = changes[i]!;
      const b = changes[j]!;
      if (a.key === b.key || !(a.start < b.end && b.start < a.end)) continue;
      const bCis = norm(b.cis);
      const bServices = norm(b.services);
      const cis = [...norm(a.cis)].filter(([k]) => bCis.has(k)).map(([, v]) => v);
      const services = [...norm(a.services)].filter(([k]) => bServices.has(k)).map(([, v]) => v);
      if (!cis.length && !services.length) continue;
      out.set(a.key, [...(out.get(a.key) ?? []), { otherKey: b.key, cis, services }]);
      out.set(b.key, [...(out.get(b.key) ?? []), { otherKey: a.key, cis, services }]);
    }
  }
  return out;
}

export { DAY_MS };
