import { route } from '@forge/api';
import { z } from 'zod';
import { recordKindOf } from '../domain/record-kind';
import { processIncident, now } from '../incidents/service';
import { jiraFetch, jiraGetOrNull } from '../jira/client';
import { loadIncidentRules } from '../store/incident-store';
import { ISSUE_STATE_PROPERTY, readIssueState } from '../store/issue-state';

/** The part of Forge's issue-event payload the handler reads (avi:jira:created|updated|commented:issue). */
const issueEventSchema = z.object({
  eventType: z.string(),
  issue: z.object({
    id: z.string(),
    key: z.string(),
    fields: z.object({ issuetype: z.object({ name: z.string() }).passthrough(), project: z.object({ key: z.string() }).passthrough().optional() }).passthrough(),
  }).passthrough(),
}).passthrough();

/**
 * IN.2.1–IN.2.4 on every issue event. An incident is re-read from Jira and evaluated as a whole (classification D8,
 * SLA replay D10/D11, standard communications IN-10), never patched from the event payload, so duplicate, delayed
 * or reordered deliveries leave the same state (ADR 005, ADR 009). Other records get their kind recorded.
 */
export async function onIssueEvent(event: unknown): Promise<void> {
  const parsed = issueEventSchema.safeParse(event);
  if (!parsed.success) {
    console.warn(`Ignored an issue event of unexpected shape: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    return;
  }
  const { issue } = parsed.data;
  const rules = await loadIncidentRules(now());
  const kind = recordKindOf(issue.fields.issuetype.name, rules.issueTypes);
  if (kind === 'unmapped') return;
  if (kind === 'incident') {
    await processIncident(issue.key, issue.fields.project?.key ?? issue.key.replace(/-\d+$/, ''), rules);
    return;
  }
  const current = await jiraGetOrNull('app', route`/rest/api/3/issue/${issue.key}/properties/${ISSUE_STATE_PROPERTY}`, z.object({ value: z.unknown() }).passthrough());
  const existing = current ? readIssueState(current.value) : null;
  if (existing && existing.kind === kind) return;
  const next = { ...(existing ?? {}), schemaVersion: 1 as const, kind };
  await jiraFetch('app', route`/rest/api/3/issue/${issue.key}/properties/${ISSUE_STATE_PROPERTY}`, { method: 'PUT', body: next });
}
