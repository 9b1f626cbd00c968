import type { Instant } from '../sla/calendar';
import type { SlaEvent } from '../sla/events';
import { profilePriorityOf } from './priority-names';
import type { Actor, HistoryEntry, IncidentSnapshot } from './snapshot';

/**
 * D10/D11: the incident's Jira history as the SLA engine's timeline. Each event id comes from Jira's own ids
 * (`changelog:<history id>:<field>`, `comment:<comment id>`), so a history read twice, or read after a delayed
 * delivery, yields the same events and the replay the same answer.
 *
 * - Resolved / reopened come from the resolution field (Jira sets it on entering a done status and clears it on
 *   leaving, which is what `resolutiondate` and JSM's own SLA conditions use); status changes carry their names
 *   for the D10 pause statuses.
 * - D11 `byAgent`: the actor holds an agent role (PT, IM or SM) and is not the reporter. The app's own comments
 *   (standard communications) are never a first response.
 */

/** Who counts as an agent (D11); built from the approved role list (WP.08) by the caller. */
export type AgentTest = (actor: Actor) => boolean;

export function incidentTimeline(s: IncidentSnapshot, isAgent: AgentTest, fallbackPriority: string): SlaEvent[] {
  const reporterId = s.reporter?.accountId ?? null;
  const byAgent = (a: Actor | null): boolean => a !== null && a.accountId !== reporterId && a.accountType !== 'app' && isAgent(a);
  const history = [...s.history].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // The first status and priority changes say what the issue was created with (one pass over the history).
  let firstStatus: HistoryEntry['items'][number] | null = null;
  let firstPriority: HistoryEntry['items'][number] | null = null;
  for (const h of history) {
    for (const i of h.items) {
      if (!firstStatus && i.field === 'status') firstStatus = i;
      else if (!firstPriority && i.field === 'priority') firstPriority = i;
    }
    if (firstStatus && firstPriority) break;
  }
  const initialStatus = firstStatus?.fromString ?? s.status.name;
  const initialCategory = firstStatus ? 'new' : s.status.category;
  const initialPriority = profilePriorityOf(firstPriority ? firstPriority.fromString : s.priority) ?? fallbackPriority;

  const events: SlaEvent[] = [{ id: 'created', type: 'created', at: s.createdAt, status: initialStatus, category: initialCategory, priority: initialPriority }];
  for (const h of history) {
    const at: Instant = h.at;
    for (const item of h.items) {
      switch (item.field) {
        case 'status':
          if (item.toString !== null) events.push({ id: `changelog:${h.id}:status`, type: 'statusChanged', at, to: item.toString, category: 'indeterminate', byAgent: byAgent(h.author) });
          break;
        case 'priority':
          if (item.toString !== null) events.push({ id: `changelog:${h.id}:priority`, type: 'priorityChanged', at, to: profilePriorityOf(item.toString) ?? fallbackPriority });
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
  return events;
}
