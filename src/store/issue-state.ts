import { z } from 'zod';
import { incidentStateSchema, type IncidentState } from '../domain/incident/state';

/**
 * The app's per-issue state, stored as the issue entity property `sd-state` (indexed through the manifest's
 * jira:entityProperty module so JQL can search it: kind, nextDeadline, breached, escalated, paused). Versioned by
 * `schemaVersion`; unknown keys are kept so an older app version never drops what a newer one wrote. The incident
 * part is read on its own, so one malformed part never hides the rest (ADR 005, ADR 009).
 */
export const ISSUE_STATE_PROPERTY = 'sd-state';

const yesNo = z.enum(['yes', 'no']);

export const closureSchema = z.object({
  confirmedBy: z.string(),
  confirmedAt: z.string(),
  how: z.string().optional(),
  /** Who recorded it, when not the confirming party (an agent who received it by e-mail or phone). */
  recordedBy: z.string().optional(),
}).passthrough();
export type ClosureConfirmation = z.infer<typeof closureSchema>;

export const issueStateSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.enum(['incident', 'service-change-request', 'customer-agreement', 'supplier-agreement']),
  closure: closureSchema.optional(),
  nextDeadline: z.string().optional(),
  breached: yesNo.optional(),
  escalated: yesNo.optional(),
  paused: yesNo.optional(),
  incident: z.unknown().optional(),
}).passthrough();
export type IssueState = z.infer<typeof issueStateSchema>;

/** Reads the property value from an issue bean's `properties` (or a property GET); anything malformed reads as absent. */
export function readIssueState(value: unknown): IssueState | null {
  const parsed = issueStateSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The incident part of a stored state; null when absent or written in a shape this version cannot read. */
export function readIncidentState(state: IssueState | null): IncidentState | null {
  if (!state || state.incident === undefined) return null;
  const parsed = incidentStateSchema.safeParse(state.incident);
  return parsed.success ? parsed.data : null;
}
