/**
 * Pure text for the incident part of the issue panel: durations, instants in the viewer's time zone, and what each
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

/**
 * "1 Dec 2026, 19:52": an instant in the viewer's own time zone and locale (the Forge context's, from their Jira
 * profile), like every date Jira shows them. No zone label: it is the viewer's own clock. An unknown zone (a broken
 * profile) falls back to the browser's zone rather than breaking the panel.
 */
export function formatInstant(iso: string, timeZone: string | undefined, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit' };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale, options).format(date);
  }
}

/** A clause or decision id of the standard ("D13", "INC-24", "IN.2.5", "WP.18", "PRB-12"). */
const CLAUSE_ID = /^(?:[A-Z]{1,4}[-.]\d+(?:\.\d+)*|D\d+)$/;

/**
 * Splits a trailing "(D13)" / "(IN.2.4, IN.2.5)" off a server text: people read the words, the ids go into the quiet
 * "Why?" line for the assessor. A parenthesis that is not only clause ids stays part of the words.
 */
export function splitWhy(text: string): { text: string; why: string | null } {
  const m = /\s*\(([^()]*)\)\.?\s*$/.exec(text);
  if (!m || m[1] === undefined) return { text, why: null };
  const ids = m[1].split(/[,;]\s*|\s+/).filter((x) => x !== '');
  if (ids.length === 0 || !ids.every((id) => CLAUSE_ID.test(id))) return { text, why: null };
  const words = text.slice(0, m.index).trimEnd();
  return { text: /[.!?]$/.test(words) ? words : `${words}.`, why: ids.join(', ') };
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

/**
 * "Target 4 h, around the clock", "Target 24 h of service hours (Europe/Berlin)": the service-hours zone is named only
 * for a business-hour target, where it changes what the hours mean.
 */
export function targetText(c: ClockView, serviceZone?: string): string {
  if (c.clock === '24x7') return `Target ${formatDuration(c.targetMs)}, around the clock`;
  return `Target ${formatDuration(c.targetMs)} of service hours${serviceZone ? ` (${serviceZone})` : ''}`;
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
export function dueText(c: ClockView, timeZone: string | undefined, locale?: string): string | null {
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
  'incident-investigating': 'We are working on it',
  'incident-restored': 'Service restored',
  'incident-closed': 'Incident closed',
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

/**
 * D8 / D25 in one sentence: "Impact High × Urgency Medium → High". Where Jira's priority field says something else,
 * one more sentence says which applies and why; where the site names the priority differently ("Highest" for
 * Critical), the mapping is said once, quietly.
 */
export function priorityStory(p: { value: string | null; impact: string | null; urgency: string | null; jiraPriority: string | null; jiraPriorityMeans: string | null; syncPending: boolean; derived: boolean }): { derivation: string | null; note: string | null } {
  const derivation = p.derived && p.impact && p.urgency && p.value ? `Impact ${p.impact} × Urgency ${p.urgency} → ${p.value}` : null;
  if (p.value === null || p.jiraPriority === null || p.jiraPriority === p.value) return { derivation, note: null };
  if (!p.derived) return { derivation, note: null };
  // The same priority under the site's own name ("Highest" for Critical): the mapping, once and quietly.
  if (p.jiraPriorityMeans === p.value) return { derivation, note: `This site calls ${p.value} “${p.jiraPriority}” in Jira's priority field.` };
  // A different priority in Jira's field (SD-4: Low, where impact and urgency give Normal): which applies, and why.
  const still = p.syncPending ? 'still says' : 'says';
  const after = p.syncPending ? ', and the field is being updated.' : '; the clocks and reports use it.';
  return { derivation, note: `Jira's priority field ${still} ${p.jiraPriority}; ${p.value} applies (it follows from impact and urgency)${after}` };
}
