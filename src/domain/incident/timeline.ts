import type { Instant } from '../sla/calendar';
import type { SlaEvent } from '../sla/events';
import { profilePriorityOf } from './priority-names';
import type { Actor, HistoryEntry, IncidentSnapshot } from './snapshot';

/**
 * D10/D11/D25: the incident's Jira history as the SLA engine's timeline. Each event id comes from Jira's own ids
 * (`changelog:<history id>:<field>`, `comment:<comment id>`), so a history read twice, or read after a delayed
 * delivery, yields the same events and the replay the same answer.
 *
 * - Resolved / reopened come from the resolution field (Jira sets it on entering a done status and clears it on
 *   leaving, which is what `resolutiondate` and JSM's own SLA conditions use); status changes carry their names
 *   for the D10 pause statuses.
 * - D11 `byAgent`: the actor holds an agent role (PT, IM or SM) and is not the reporter. The app's own comments
 *   (standard communications) are never a first response.
 * - D25 priorities come from impact × urgency, not from Jira's priority field: see `prioritiesOf`.
 */

/** Who counts as an agent (D11); built from the approved role list (WP.08) by the caller. */
export type AgentTest = (actor: Actor) => boolean;

/** D8: the profile priority the matrix gives for (impact, urgency), or null when a level is missing or unknown. */
export type Classifier = (impact: string | null, urgency: string | null) => string | null;

/** A priority in force from `at` on, until the next one (D25). */
export interface PriorityInForce {
  /** `created`, or `changelog:<history id>:priority` for the Jira change that caused it. */
  readonly id: string;
  readonly at: Instant;
  readonly priority: string;
  /** Given by the matrix (D8); false when it is a person's Jira priority, Jira's priority at creation or the fallback. */
  readonly derived: boolean;
}

type HistoryItem = HistoryEntry['items'][number];

/** The history in Jira's order (instant, then id), copied only when it is not already in that order (the usual case). */
function inOrder(history: readonly HistoryEntry[]): readonly HistoryEntry[] {
  const before = (a: HistoryEntry, b: HistoryEntry): boolean => a.at < b.at || (a.at === b.at && a.id < b.id);
  for (let i = 1; i < history.length; i++) {
    if (before(history[i] as HistoryEntry, history[i - 1] as HistoryEntry)) return [...history].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return history;
}

/** The first change of each field the timeline reconstructs from: what it changed from is its value at creation. */
interface FirstChanges { status: HistoryItem | null; impact: HistoryItem | null; urgency: HistoryItem | null; priority: HistoryItem | null }

function firstChanges(history: readonly HistoryEntry[]): FirstChanges {
  const f: FirstChanges = { status: null, impact: null, urgency: null, priority: null };
  for (const h of history) {
    for (const i of h.items) {
      if (i.field === 'status') f.status ??= i;
      else if (i.field === 'impact') f.impact ??= i;
      else if (i.field === 'urgency') f.urgency ??= i;
      else if (i.field === 'priority') f.priority ??= i;
    }
    if (f.status && f.impact && f.urgency && f.priority) break;
  }
  return f;
}

/**
 * D25: the incident's priority at every instant from its creation on, as the stretches in which one priority held.
 * The first stretch starts at creation (`id: 'created'`); a new one starts where the priority, or where it comes
 * from, changed.
 *
 * Why not Jira's priority field: a new issue carries Jira's default priority (e.g. "Normal") until the app writes
 * the derived one, seconds later or never (Jira may refuse the write). Replaying that field made a Critical
 * incident created outside service hours run on Normal's calendar until the write, which shifted its due instants,
 * and on Normal's targets for good when the write failed. So:
 * - where the matrix gives a priority for the impact × urgency of the instant, that is the priority. impact and
 *   urgency at creation are reconstructed from the changelog (a field's value at creation is the `fromString` of its
 *   first change, or its current value if it never changed) and replayed forward;
 * - where it gives none (a level missing or unknown), the priority is Jira's as last set by a person, else Jira's
 *   at creation, else the policy's fallback. The app (account type `app`) is never a person: its own writes of the
 *   derived priority are never replayed. A change by an author Jira does not name is not taken as a person's either.
 * - while the matrix gives a priority, a person's change of Jira's priority field is no override: D25 allows one
 *   only "where the policy allows one", and the WP.14 policy has no such setting yet.
 * A stretch's id names the Jira change that started it, so the replay is deterministic (D10).
 */
function prioritiesOf(s: IncidentSnapshot, history: readonly HistoryEntry[], first: FirstChanges, classify: Classifier, fallbackPriority: string): PriorityInForce[] {
  let impact = first.impact ? first.impact.fromString : s.fields.impact;
  let urgency = first.urgency ? first.urgency.fromString : s.fields.urgency;
  // Jira's priority as a person last set it; until then, Jira's at creation (its default, or what the creator chose).
  let jiraPriority = profilePriorityOf(first.priority ? first.priority.fromString : s.priority);
  let matrix = classify(impact, urgency);
  const out: PriorityInForce[] = [{ id: 'created', at: s.createdAt, priority: matrix ?? jiraPriority ?? fallbackPriority, derived: matrix !== null }];
  if (!first.impact && !first.urgency && !first.priority) return out;
  let last = out[0] as PriorityInForce;
  for (const h of history) {
    let touched = false;
    const byPerson = h.author !== null && h.author.accountType !== 'app';
    for (const i of h.items) {
      if (i.field === 'impact') { impact = i.toString; touched = true; }
      else if (i.field === 'urgency') { urgency = i.toString; touched = true; }
      else if (i.field === 'priority' && byPerson && i.toString !== null) { jiraPriority = profilePriorityOf(i.toString); touched = true; }
    }
    if (!touched) continue;
    // All items of one changelog entry first: impact and urgency changed together are one change, not two.
    matrix = classify(impact, urgency);
    const priority = matrix ?? jiraPriority ?? fallbackPriority;
    if (priority === last.priority && (matrix !== null) === last.derived) continue;
    last = { id: `changelog:${h.id}:priority`, at: h.at, priority, derived: matrix !== null };
    out.push(last);
  }
  return out;
}

/** The stretch in force at `t` (a change at `t` itself included, as the replay applies it); the first before creation. */
export function priorityInForceAt(priorities: readonly PriorityInForce[], t: Instant): PriorityInForce {
  let hit = priorities[0] as PriorityInForce;
  for (const p of priorities) if (p.at <= t) hit = p; else break;
  return hit;
}

/** The timeline and the priority stretches it was built from (`evaluateIncident` needs both: one pass over the history). */
export interface IncidentTimeline { events: SlaEvent[]; priorities: PriorityInForce[] }

/** The SLA timeline (see above); `classify` is the D8 matrix of the policy in force (D25). */
export function incidentTimeline(s: IncidentSnapshot, isAgent: AgentTest, fallbackPriority: string, classify: Classifier): SlaEvent[] {
  return incidentTimelineOf(s, isAgent, fallbackPriority, classify).events;
}

export function incidentTimelineOf(s: IncidentSnapshot, isAgent: AgentTest, fallbackPriority: string, classify: Classifier): IncidentTimeline {
  const reporterId = s.reporter?.accountId ?? null;
  const byAgent = (a: Actor | null): boolean => a !== null && a.accountId !== reporterId && a.accountType !== 'app' && isAgent(a);
  const history = inOrder(s.history);
  // The first status, impact, urgency and priority changes say what the issue was created with (one pass).
  const first = firstChanges(history);
  const initialStatus = first.status?.fromString ?? s.status.name;
  const initialCategory = first.status ? 'new' : s.status.category;
  const priorities = prioritiesOf(s, history, first, classify, fallbackPriority);

  const events: SlaEvent[] = [{ id: 'created', type: 'created', at: s.createdAt, status: initialStatus, category: initialCategory, priority: (priorities[0] as PriorityInForce).priority }];
  // D25/D10: a priority change only where the priority really changed (a change of where it comes from alone is none).
  for (let k = 1, before = (priorities[0] as PriorityInForce).priority; k < priorities.length; k++) {
    const p = priorities[k] as PriorityInForce;
    if (p.priority !== before) events.push({ id: p.id, type: 'priorityChanged', at: p.at, to: p.priority });
    before = p.priority;
  }
  for (const h of history) {
    const at: Instant = h.at;
    for (const item of h.items) {
      switch (item.field) {
        case 'status':
          if (item.toString !== null) events.push({ id: `changelog:${h.id}:status`, type: 'statusChanged', at, to: item.toString, category: 'indeterminate', byAgent: byAgent(h.author) });
          break;
        case 'resolution':
          if (item.to === null && item.from !== null) events.push({ id: `changelog:${h.id}:resolution`, type: 'reopened', at });
          else if (item.to !== null && item.from === null) events.push({ id: `changelog:${h.id}:resolution`, type: 'resolved', at });
          break;
        default:
          break;
      }
    }
  }
  // A resolution set at creation (an incident recorded as already restored) resolves it at once.
  if (s.resolution !== null && !history.some((h) => h.items.some((i) => i.field === 'resolution'))) events.push({ id: 'resolved-at-creation', type: 'resolved', at: s.createdAt });
  for (const c of s.comments) events.push({ id: `comment:${c.id}`, type: 'comment', at: c.at, visibility: c.public ? 'public' : 'internal', byAgent: byAgent(c.author) });
  return { events, priorities };
}
