import { z } from 'zod';
import { handleIssueEvent } from '../incidents/events';
import { importAgreementFromDescription } from '../relationship/agreements';

/** The part of Forge's issue-event payload the handler reads (avi:jira:created|updated|commented:issue): which issue. */
const issueEventSchema = z.object({
  issue: z.object({
    id: z.string(),
    key: z.string(),
    fields: z.object({ issuetype: z.object({ name: z.string() }).passthrough(), project: z.object({ key: z.string() }).passthrough().optional() }).passthrough(),
  }).passthrough(),
  /** The account whose action raised the event (Forge's `atlassianId`). */
  atlassianId: z.string().optional(),
}).passthrough();

/** The issue-event trigger (sd-issue-events): one use case, the clock passed in. */
export async function onIssueEvent(event: unknown): Promise<void> {
  const parsed = issueEventSchema.safeParse(event);
  if (!parsed.success) {
    console.warn(`Ignored an issue event of unexpected shape: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    return;
  }
  const { issue } = parsed.data;
  await handleIssueEvent({
    issueId: issue.id, issueKey: issue.key, projectKey: issue.fields.project?.key ?? issue.key.replace(/-\d+$/, ''), issueTypeName: issue.fields.issuetype.name,
  }, () => Date.now());
  // Issue #14: an agreement's content written in its description (Jira REST API) becomes a Draft of it.
  await importAgreementFromDescription({ issueId: issue.id, issueKey: issue.key, issueTypeName: issue.fields.issuetype.name, actorAccountId: parsed.data.atlassianId ?? null }, Date.now());
}
