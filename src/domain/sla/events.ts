import type { Instant } from './calendar';

/**
 * The incident timeline the SLA engine replays (D10). A trigger maps the Jira changelog and comments to these
 * events; each carries a unique `id` (e.g. `changelog:10042:status`, `comment:10107`) so a duplicate delivery is
 * recognised and ties are broken deterministically.
 */

/** Jira's status categories (new = "To Do", indeterminate = "In Progress", done = "Done"). */
export type StatusCategory = 'new' | 'indeterminate' | 'done';

interface EventBase {
  readonly id: string;
  readonly at: Instant;
}

/** The issue was created: its initial status (the one D11's "transition out of" refers to) and priority. */
export interface CreatedEvent extends EventBase {
  readonly type: 'created';
  readonly status: string;
  readonly category: StatusCategory;
  readonly priority: string;
}

/**
 * A status transition. `byAgent` (D11): the actor holds an agent role (PT, IM or SM) and is not the reporter.
 * Entering a `done`-category status resolves the incident; leaving it reopens it (same as the explicit events).
 */
export interface StatusChangedEvent extends EventBase {
  readonly type: 'statusChanged';
  readonly to: string;
  readonly category: StatusCategory;
  readonly byAgent: boolean;
}

export interface PriorityChangedEvent extends EventBase {
  readonly type: 'priorityChanged';
  readonly to: string;
}

/**
 * A comment as Jira has it. Only `visibility: 'public'` with `byAgent: true` is a first response (D11);
 * internal notes and comments by the reporter or other non-agents are replayed but change nothing.
 */
export interface CommentEvent extends EventBase {
  readonly type: 'comment';
  readonly visibility: 'public' | 'internal';
  /** The author holds an agent role (PT, IM or SM) and is not the reporter. */
  readonly byAgent: boolean;
}

/** Shorthand for a comment already known to qualify as a D11 first response. */
export interface PublicAgentReplyEvent extends EventBase {
  readonly type: 'publicAgentReply';
}

/** The incident was restored/resolved (the resolution is set). Stops the resolution cycle. */
export interface ResolvedEvent extends EventBase {
  readonly type: 'resolved';
}

/** The incident was reopened. D10: a new resolution cycle starts; the earlier cycles are kept. */
export interface ReopenedEvent extends EventBase {
  readonly type: 'reopened';
}

export type SlaEvent =
  | CreatedEvent
  | StatusChangedEvent
  | PriorityChangedEvent
  | CommentEvent
  | PublicAgentReplyEvent
  | ResolvedEvent
  | ReopenedEvent;

/**
 * Tiebreak for events at the same instant: created, then priority, then status, then comments, then resolved,
 * then reopened; then by id (code-unit order). So a priority change and a resolution at the same millisecond
 * judge the cycle against the new priority, and a reply at the instant of resolution still counts as a reply.
 */
export const EVENT_ORDER: Readonly<Record<SlaEvent['type'], number>> = {
  created: 0, priorityChanged: 1, statusChanged: 2, comment: 3, publicAgentReply: 3, resolved: 4, reopened: 5,
};

function compareEvents(a: SlaEvent, b: SlaEvent): number {
  if (a.at !== b.at) return a.at - b.at;
  const r = EVENT_ORDER[a.type] - EVENT_ORDER[b.type];
  if (r !== 0) return r;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  // Same id, instant and kind: a duplicate delivery. Order by content so even a conflicting duplicate
  // resolves the same way whatever the arrival order.
  const ja = JSON.stringify(a), jb = JSON.stringify(b);
  return ja < jb ? -1 : ja > jb ? 1 : 0;
}

/**
 * The canonical timeline: sorted by (instant, EVENT_ORDER, id), one event per id (the first in that order),
 * so the replay gives the same result whatever order the events arrived in.
 */
export function canonicalTimeline(events: readonly SlaEvent[]): SlaEvent[] {
  const out = events.slice();
  let sorted = true;
  for (let i = 1; i < out.length && sorted; i++) sorted = compareEvents(out[i - 1] as SlaEvent, out[i] as SlaEvent) <= 0;
  if (!sorted) out.sort(compareEvents);
  // Drop repeated ids, keeping the first in canonical order (short timelines: a scan beats a Set).
  const seen = out.length > 32 ? new Set<string>() : null;
  let w = 0;
  for (let i = 0; i < out.length; i++) {
    const e = out[i] as SlaEvent;
    let dup = false;
    if (seen) { dup = seen.has(e.id); seen.add(e.id); } else for (let j = 0; j < w && !dup; j++) dup = (out[j] as SlaEvent).id === e.id;
    if (!dup) out[w++] = e;
  }
  out.length = w;
  return out;
}
