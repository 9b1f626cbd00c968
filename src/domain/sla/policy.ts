import { ALWAYS_ON, type Calendar, type DurationMs, HOUR_MS, MINUTE_MS } from './calendar';

/**
 * SLA policy: per-priority targets, the clock each priority runs on, and the pause statuses (D9, D10).
 * An agreement (D18) overrides any of it; these are the shipped defaults.
 */

/** An escalation threshold on a metric's elapsed business time (D14: notified once per threshold per cycle). */
export interface ThresholdSpec {
  /** Stable id: the same id across priorities means "the same escalation" (e.g. `management`). */
  readonly id: string;
  readonly afterMs: DurationMs;
}

export interface GoalSpec {
  /** The target: met while the cycle's elapsed business time ≤ target. */
  readonly targetMs: DurationMs;
  readonly thresholds: readonly ThresholdSpec[];
}

/** Which clock a priority runs on (D9): round-the-clock, or the agreement's service hours. */
export type ClockKind = '24x7' | 'serviceHours';

export interface PriorityPolicy {
  readonly clock: ClockKind;
  readonly firstResponse: GoalSpec;
  readonly resolution: GoalSpec;
}

export interface SlaPolicy {
  readonly priorities: Readonly<Record<string, PriorityPolicy>>;
  /** Used for a priority the policy does not name (e.g. an unmapped Jira priority). Must be a key of `priorities`. */
  readonly fallbackPriority: string;
  /** D10: statuses in which the clocks do not run. Compared trimmed and case-insensitively. */
  readonly pauseStatuses: readonly string[];
  /** The agreement's service hours, compiled (`compileCalendar`); used by priorities with clock `serviceHours`. */
  readonly serviceHours: Calendar;
}

/** D9: one business day is a standard 8-hour service day of business time ("3 business days" = 24 business h). */
export const BUSINESS_DAY_MS: DurationMs = 8 * HOUR_MS;

/** The D14 escalation to management (IM and SM). */
export const MANAGEMENT_ESCALATION = 'management';

/** D9 defaults per priority, as data. Low exists only in the 4-level scheme (D8) and has no escalation. */
export const D9_PRIORITY_TARGETS: Readonly<Record<'Critical' | 'High' | 'Normal' | 'Low', PriorityPolicy>> = {
  Critical: {
    clock: '24x7',
    firstResponse: { targetMs: 15 * MINUTE_MS, thresholds: [] },
    resolution: { targetMs: 4 * HOUR_MS, thresholds: [{ id: MANAGEMENT_ESCALATION, afterMs: 4 * HOUR_MS }] },
  },
  High: {
    clock: '24x7',
    firstResponse: { targetMs: 30 * MINUTE_MS, thresholds: [] },
    resolution: { targetMs: 8 * HOUR_MS, thresholds: [{ id: MANAGEMENT_ESCALATION, afterMs: 8 * HOUR_MS }] },
  },
  Normal: {
    clock: 'serviceHours',
    firstResponse: { targetMs: 4 * HOUR_MS, thresholds: [] },
    resolution: { targetMs: 3 * BUSINESS_DAY_MS, thresholds: [{ id: MANAGEMENT_ESCALATION, afterMs: 24 * HOUR_MS }] },
  },
  Low: {
    clock: 'serviceHours',
    firstResponse: { targetMs: BUSINESS_DAY_MS, thresholds: [] },
    resolution: { targetMs: 10 * BUSINESS_DAY_MS, thresholds: [] },
  },
};

/** D10 default pause statuses. */
export const DEFAULT_PAUSE_STATUSES: readonly string[] = ['Waiting for customer', 'Pending'];

/** The D9/D10 default policy on the given service-hours calendar. */
export function defaultSlaPolicy(serviceHours: Calendar): SlaPolicy {
  return { priorities: D9_PRIORITY_TARGETS, fallbackPriority: 'Normal', pauseStatuses: DEFAULT_PAUSE_STATUSES, serviceHours };
}

/** The calendar a priority's clock runs on. */
export function calendarFor(policy: SlaPolicy, p: PriorityPolicy): Calendar {
  return p.clock === '24x7' ? ALWAYS_ON : policy.serviceHours;
}

export function priorityPolicy(policy: SlaPolicy, priority: string): PriorityPolicy {
  const p = policy.priorities[priority] ?? policy.priorities[policy.fallbackPriority];
  if (!p) throw new RangeError(`SLA policy has no priority "${priority}" and no fallback "${policy.fallbackPriority}"`);
  return p;
}
