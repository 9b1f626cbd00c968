import type { RecordKind } from '../record-kind';
import type { IncidentState } from './state';

/**
 * The issue entity property `sd-state` (ADR 005, ADR 010): an index for JQL and a display copy, written by the app
 * from its own evaluation and never read as input. Anyone who may see the issue may read it (a customer through
 * the portal's REST access too), so it holds only what D26 lets a customer see: the kind of record, the priority
 * and how it was derived, the customer-facing clocks and whether they are met, the messages sent to the customer.
 * Escalations, who was notified, the major-incident manager, internal classification and team figures stay in app
 * storage.
 */
export const ISSUE_INDEX_SCHEMA_VERSION = 2;

type IndexedKind = Exclude<RecordKind, 'unmapped'>;

export interface IncidentIndex {
  schemaVersion: typeof ISSUE_INDEX_SCHEMA_VERSION;
  kind: 'incident';
  /** The next customer-facing due instant of a running clock (JQL `sdNextDeadline`); absent when none runs. */
  nextDeadline?: string;
  breached: 'yes' | 'no';
  paused: 'yes' | 'no';
  incident: {
    /** JQL `sdTracked`: the app tracks the incident (the scan adopts incidents without it). */
    trackedSince: string;
    priority: { value: string | null; derived: boolean; text: string };
    classification: { impact: string | null; urgency: string | null; services: string[] };
    sla: { policyVersion: number | null; cycles: IncidentState['sla']['cycles'] };
    communications: IncidentState['communications'];
  };
}

export interface RecordIndex { schemaVersion: typeof ISSUE_INDEX_SCHEMA_VERSION; kind: IndexedKind }

export type IssueIndex = IncidentIndex | RecordIndex;

/** The property value for an incident's evaluated state. */
export function incidentIndexOf(state: IncidentState): IncidentIndex {
  const cycles = state.sla.cycles;
  let next: string | null = null;
  for (const c of cycles) {
    if (c.stop !== null || c.pausedNow || c.breached || c.dueAt === null) continue;
    if (next === null || c.dueAt < next) next = c.dueAt;
  }
  return {
    schemaVersion: ISSUE_INDEX_SCHEMA_VERSION,
    kind: 'incident',
    ...(next !== null ? { nextDeadline: next } : {}),
    breached: cycles.some((c) => c.breached) ? 'yes' : 'no',
    paused: cycles.some((c) => c.pausedNow) ? 'yes' : 'no',
    incident: {
      trackedSince: state.trackedSince,
      priority: { value: state.priority.value, derived: state.priority.derived, text: state.priority.text },
      classification: { impact: state.classification.impact, urgency: state.classification.urgency, services: [...state.classification.services] },
      sla: { policyVersion: state.sla.policyVersion, cycles: cycles.map((c) => (c.stop === null && !c.pausedNow ? { ...c, elapsedMs: 0, pausedMs: 0 } : c)) },
      communications: state.communications,
    },
  };
}

export function recordIndexOf(kind: IndexedKind): RecordIndex {
  return { schemaVersion: ISSUE_INDEX_SCHEMA_VERSION, kind };
}

/**
 * Whether two evaluated states say the same. The evaluation instant and the elapsed time of a running clock change
 * with every look and are not worth a write (the due instant, which is what people and the scan read, does not change
 * while nothing happens).
 */
export function sameIncidentState(a: IncidentState, b: IncidentState): boolean {
  return JSON.stringify(stableState(a)) === JSON.stringify(stableState(b));
}

function stableState(s: IncidentState): unknown {
  const cycles = s.sla.cycles.map((c) => (c.stop === null ? { ...c, elapsedMs: c.pausedNow ? c.elapsedMs : 0, pausedMs: 0 } : c));
  return { ...s, sla: { ...s.sla, evaluatedAt: '', cycles } };
}

/** Whether the property as Jira holds it already says `next` (an unchanged index is not rewritten). */
export function sameIndex(current: unknown, next: IssueIndex): boolean {
  return stableJson(current) === stableJson(next);
}

function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : value));
}
