/**
 * The change schedule tab of the global page (WP.12; CO.2.2; D17, D21): its functions' payloads and answers, and the
 * pure calendar rules the tab draws with (they live once, in src/domain/schedule). The UI imports this module through
 * `@contract/schedule`.
 */
import { z } from 'zod';
import type { ChangeType } from '../domain/change-rules';
import type { ExpandedPeriod, ScheduleContent, ScheduleStatus } from '../domain/schedule/schedule';
import { readScheduleContent } from '../domain/schedule/schedule';
import type { AuthorizationDecision } from '../domain/authorization';
import type { Person } from './admin';

export {
  EMPTY_SCHEDULE, PERIOD_KINDS, PERIOD_KIND_LABELS, WEEKDAYS, WEEKDAY_LABELS, SCHEDULE_STATUSES, MAX_PERIODS, readScheduleContent, addDays, zonedInstant, zonedDay, weekdayIndex,
} from '../domain/schedule/schedule';
export type { ScheduleContent, SchedulePeriodSpec, ScheduleStatus, Weekday, ContentIssue } from '../domain/schedule/schedule';
export { layoutMonth, layoutRow, layoutWeekTimes, monthWeeks, weekDays, viewRange, shiftAnchor, todayIn, dayCoverage, weekStartOf } from '../domain/schedule/layout';
export type { CalendarView, CalendarDay, BarSegment, WeekRow, TimedSegment, BarInput } from '../domain/schedule/layout';

/** At most this long a range per call (a month view with its edge weeks, and some). */
export const MAX_RANGE_DAYS = 45;
const MAX_RANGE_MS = MAX_RANGE_DAYS * 86_400_000;

const range = {
  from: z.number().int().min(0, 'must be an instant'),
  to: z.number().int().min(0, 'must be an instant'),
};
const rangeRule = (r: { from: number; to: number }) => r.to > r.from && r.to - r.from <= MAX_RANGE_MS;
const rangeMessage = { message: `The range must end after it starts and span at most ${MAX_RANGE_DAYS} days.`, path: ['to'] };

/** What the period editor sends: every problem named by its label and rule (“Period 2 “Sale”: End must be after Start.”). */
const scheduleContent = z.unknown().transform((value, ctx): ScheduleContent => {
  const read = readScheduleContent(value);
  if (read.ok) return read.content;
  for (const issue of read.issues) ctx.addIssue({ code: 'custom', message: issue.message, params: { labelled: true } });
  return z.NEVER;
});

export const schedulePayloads = {
  'globalPage.schedule.load': z.object({ ...range, view: z.enum(['month', 'week']) }).strict().refine(rangeRule, rangeMessage),
  'globalPage.schedule.save': z.object({ content: scheduleContent, expectedVersion: z.number().int().positive().nullable() }).strict(),
  'globalPage.schedule.approve': z.object({ expectedVersion: z.number().int().positive() }).strict(),
  'globalPage.schedule.exportIcs': z.object(range).strict().refine((r) => r.to > r.from && r.to - r.from <= 400 * 86_400_000, { message: 'The range must end after it starts and span at most 400 days.', path: ['to'] }),
};

export type ScheduleFunctionKey = keyof typeof schedulePayloads;

export interface ScheduleApprovalView { version: number; by: string; at: string }

/** The stored schedule (D21, D23). */
export interface ScheduleDocumentView {
  version: number;
  status: ScheduleStatus | string;
  content: ScheduleContent;
  savedBy: string;
  savedAt: string;
  /** This version's approval, when it is the approved one. */
  approval: ScheduleApprovalView | null;
  /** Every approval, newest first. */
  approvals: ScheduleApprovalView[];
  history: Array<{ at: string; actor: string; action: string; summary: string; version: number | null }>;
}

export type SchedulePeriodView = Pick<ExpandedPeriod, 'id' | 'periodId' | 'name' | 'kind' | 'start' | 'end' | 'reason' | 'recurring'> & { services: string[] };

/** A finding of the D17 check on a change's planned interval: refused for Normal / Pre-approved, warned for Emergency. */
export interface ScheduleFindingView {
  kind: 'outside-window' | 'freeze' | 'invalid-interval';
  severity: 'refusal' | 'warning';
  /** The domain's sentence (instants in UTC, with its rule ids), for logs and the assessor. */
  message: string;
  /** The part of the planned interval concerned, and the freeze's name, for the UI's own words in the viewer's zone. */
  interval: { start: number; end: number };
  periodName: string | null;
  /** The rule ids, for the "Why?" line. */
  rules: string[];
}

export interface ScheduledChangeView {
  id: string;
  key: string;
  summary: string;
  changeType: ChangeType | null;
  status: string;
  statusCategory: 'new' | 'indeterminate' | 'done';
  plannedStart: number;
  plannedEnd: number;
  plannedEndSet: boolean;
  services: string[];
  cis: string[];
  /** D17: other changes at overlapping times on a shared configuration item or service. */
  conflicts: Array<{ otherKey: string; cis: string[]; services: string[] }>;
  findings: ScheduleFindingView[];
}

export interface ScheduleView {
  range: { from: number; to: number };
  view: 'month' | 'week';
  document: ScheduleDocumentView | null;
  periods: SchedulePeriodView[];
  changes: ScheduledChangeView[];
  /** Why the changes could not be read (the periods still show), in words; null when they were. */
  changesProblem: string | null;
  permissions: { edit: AuthorizationDecision; approve: AuthorizationDecision };
  /** The people the document names (saved by, approved by). */
  people: Person[];
}

export interface ScheduleIcs { filename: string; text: string; events: number }

export interface ScheduleAnswers {
  'globalPage.schedule.load': ScheduleView;
  'globalPage.schedule.save': ScheduleDocumentView;
  'globalPage.schedule.approve': ScheduleDocumentView;
  'globalPage.schedule.exportIcs': ScheduleIcs;
}
