import { route } from '@forge/api';
import { z } from 'zod';
import { recordKindOf } from '../domain/record-kind';
import { jiraFetch, jiraGetOrNull } from '../jira/client';
import { ISSUE_STATE_PROPERTY, readIssueState } from '../store/issue-state';

/** The part of Forge's issue-event payload the handler reads (avi:jira:created|updated|commented:issue). */
const issueEventSchema = z.object({
  eventType: z.string(),
  issue: z.object({ id: z.string(), key: z.string(), fields: z.object({ issuetype: z.object({ name: z.string() }).passthrough() }).passthrough() }).passthrough(),
}).passthrough();

/**
 * Records which 29110 work product an issue is (WP.18, WP.11, WP.03, WP.21) in its `sd-state` property.
 * Idempotent: the property is derived from the issue, re-read on every delivery, and only written when it
 * would change, so duplicate or reordered deliveries leave the same state. Classification, SLA replay and
 * escalation build on this handler (issues #3 and #5).
 */
export async function onIssueEvent(event: unknown): Promise<void> {
  const parsed = issueEventSchema.safeParse(event);
  if (!parsed.success) {
    console.warn(`Ignored an issue event of unexpected shape: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    return;
  }
  const kind = recordKindOf(parsed.data.issue.fields.issuetype.name);
  if (kind === 'unmapped') return;
  const key = parsed.data.issue.key;
  const current = await jiraGetOrNull('app', route`/rest/api/3/issue/${key}/properties/${ISSUE_STATE_PROPERTY}`, z.object({ value: z.unknown() }).passthrough());
  const existing = current ? readIssueState(current.value) : null;
  if (existing && existing.kind === kind) return;
  const next = { ...(existing ?? {}), schemaVersion: 1 as const, kind };
  await jiraFetch('app', route`/rest/api/3/issue/${key}/properties/${ISSUE_STATE_PROPERTY}`, { method: 'PUT', body: next });
}
