/**
 * Pure text for the incident part of the issue panel: durations, instants in the policy's time zone, and what each
 * SLA clock says. No React, no clock reads: every "now" is a parameter, so the panel can count down from the
 * server's instant rather than the browser's (which differs from the sandbox clock, and may differ on a real site).
 */
import type { ClockState, ClockView, CommunicationEvent, LozengeAppearance } from './types';


/** "4 h", "3 h 59 min", "9 min", "0 min"; with seconds "3 h 59 min 12 s", "59 min 7 s", "4 s". Never days: business hours make days ambiguous. */
export function formatDuration(ms: number, withSeconds = false): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (withSeconds) {
    if (h > 0) return `${h} h ${m} min ${s} s`;
    if (m > 0) return `${m} min ${s} s`;
    return `${s} s`;
  }
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  return `${m} min`;
}

/** A BCP 47 tag for Intl from the Forge context's locale ("en_US" or "en-US"), or undefined for the browser's. */
export function intlLocale(locale: string | null | undefined): string | undefined {
  if (!locale) return undefined;
  const tag = locale.replace(/_/g, '-');
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0 ? tag : undefined;
  } catch {
    return undefined;
  }
}

/** "1 Dec 2026, 19:52 (Europe/London)": an instant in the policy's service-hours time zone, labelled with the zone. */
export function formatInstant(iso: string, timeZone: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  let zone = timeZone;
  let text: string;
  try {
    text = new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(date);
  } catch {
    // An unknown zone name (a policy typo) must not break the panel: show UTC and say so.
    zone = 'UTC';
    text = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(date);
  }
  return `${text} (${zone})`;
}

export const CLOCK_STATE: Readonly<Record<ClockState, { label: string; appearance: LozengeAppearance }>> = {
  running: { label: 'Running', appearance: 'inprogress' },
  paused: { label: 'Paused', appearance: 'default' },
  met: { label: 'Met', appearance: 'success' },
  breached: { label: 'Breached', appearance: 'removed' },
  stopped: { label: 'Stopped', appearance: 'default' },
};

export const METRIC_LABEL: Readonly<Record<ClockView['metric'], string>> = {
  firstResponse: 'First response',
  resolution: 'Resolution',
};

/** "answered" (a reply), "responded" (a transition by an agent), "resolved". */
function stopVerb(c: ClockView): string {
  if (c.stopReason === 'reply') return 'answered';
  if (c.stopReason === 'transition') return c.metric === 'firstResponse' ? 'responded' : 'stopped';
  if (c.stopReason === 'resolved') return 'resolved';
  return c.metric === 'firstResponse' ? 'answered' : 'resolved';
}

const capitalised = (s: string): string => (s ? s[0]?.toUpperCase() + s.slice(1) : s);

/** "Target 4 h (24×7)", "Target 24 h (service hours)". */
export function targetText(c: ClockView): string {
  return `Target ${formatDuration(c.targetMs)} ${c.clock === '24x7' ? '(24×7)' : '(service hours)'}`;
}

/** True when the clock's remaining time is counted down in the browser: a running 24×7 clock (wall time = SLA time). */
export function ticks(c: ClockView): boolean {
  return c.state === 'running' && c.clock === '24x7';
}

/**
 * What is left, or how it ended. `sinceViewMs` is the browser time elapsed since the view arrived (performance.now),
 * added to the server's figures where wall time is SLA time.
 */
export function remainingText(c: ClockView, sinceViewMs: number, serverNow: string): string {
  const business = c.clock === 'serviceHours' ? ' of business time' : '';
  switch (c.state) {
    case 'running': {
      if (c.clock === 'serviceHours') return `${formatDuration(c.remainingMs)} of business time left`;
      // Counted down in whole seconds, rounded up: "1 s left" until the due instant, never "0 s left".
      const left = c.remainingMs - sinceViewMs;
      return left > 0 ? `${formatDuration(Math.ceil(left / 1000) * 1000, true)} left` : `Due time passed ${formatDuration(-left, true)} ago`;
    }
    case 'paused':
      return `Paused · ${formatDuration(c.remainingMs)}${business} left`;
    case 'breached': {
      if (c.stop !== null) return `Breached · ${stopVerb(c)} after ${formatDuration(c.elapsedMs)}${business}`;
      if (c.breachAt === null) return 'Breached';
      const since = Date.parse(serverNow) - Date.parse(c.breachAt) + sinceViewMs;
      if (!Number.isFinite(since) || since < 0) return 'Breached';
      return since < 60_000 ? 'Breached less than a minute ago' : `Breached ${formatDuration(since)} ago`;
    }
    case 'met':
      return `Met · ${stopVerb(c)} after ${formatDuration(c.elapsedMs)}${business}`;
    case 'stopped':
      return c.stop !== null ? `Stopped after ${formatDuration(c.elapsedMs)}${business}` : 'Stopped';
  }
}

/** The instant that matters for the clock: due (open), breached at, or when it stopped; null when there is none (a paused clock). */
export function dueText(c: ClockView, timeZone: string, locale?: string): string | null {
  const at = (iso: string) => formatInstant(iso, timeZone, locale);
  if (c.stop !== null) return `${capitalised(stopVerb(c))} ${at(c.stop)}`;
  if (c.state === 'breached' && c.breachAt !== null) return `Was due ${at(c.breachAt)}`;
  if (c.dueAt !== null) return `Due ${at(c.dueAt)}`;
  if (c.state === 'paused') return 'No due time while paused';
  return null;
}

/** Elapsed share of the target, 0..1 (the progress bar). */
export function progressOf(c: ClockView, sinceViewMs: number): number {
  if (c.targetMs <= 0) return 1;
  const elapsed = c.elapsedMs + (ticks(c) ? sinceViewMs : 0);
  return Math.min(1, Math.max(0, elapsed / c.targetMs));
}

export const COMMUNICATION_LABEL: Readonly<Record<CommunicationEvent, string>> = {
  'incident-investigating': 'Investigating: work has started (IN.2.3)',
  'incident-restored': 'Service restored (IN.2.4)',
  'incident-closed': 'Incident closed (IN.2.5)',
};

/** Profile priorities as lozenges: Critical stands out, High is marked, Normal and Low are plain. */
export function priorityAppearance(priority: string): LozengeAppearance {
  const p = priority.toLowerCase();
  if (p === 'critical') return 'removed';
  if (p === 'high') return 'moved';
  return 'default';
}

/** "Impact and urgency", "Impact", "Urgency". */
export function missingText(missing: readonly string[]): string {
  return capitalised(missing.join(' and '));
}

/** The closure item's label as a sentence start ("A resolution"). */
export const sentence = capitalised;
