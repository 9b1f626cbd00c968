import { z } from 'zod';

/**
 * The app's per-issue state, stored as the issue entity property `sd-state` (indexed through the manifest's
 * jira:entityProperty module so JQL can search it). Versioned by `schemaVersion`; unknown keys are kept so an
 * older app version never drops what a newer one wrote.
 */
export const ISSUE_STATE_PROPERTY = 'sd-state';

export const issueStateSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.enum(['incident', 'service-change-request', 'customer-agreement', 'supplier-agreement']),
  closure: z.object({ confirmedBy: z.string(), confirmedAt: z.string(), how: z.string().optional() }).optional(),
}).passthrough();
export type IssueState = z.infer<typeof issueStateSchema>;

/** Reads the property value from an issue bean's `properties` (or a property GET); anything malformed reads as absent. */
export function readIssueState(value: unknown): IssueState | null {
  const parsed = issueStateSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
