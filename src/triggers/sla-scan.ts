import { route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { jiraGet } from '../jira/client';
import { searchPageSchema } from '../jira/schemas';
import { STORAGE_KEYS } from '../store/keys';

/**
 * The five-minute scan (D14): one JQL query on the indexed next-deadline property finds what is due, so the
 * cost grows with what is due, not with what is open. Escalating what it finds is issue #5's work; today the
 * scan records what was due and when it ran, which the admin page and the runbook read.
 */
export async function slaScan(): Promise<{ due: string[]; scannedAt: string }> {
  const params = new URLSearchParams({ jql: 'sdNextDeadline <= now() ORDER BY sdNextDeadline ASC', fields: 'key', maxResults: '100' });
  const page = await jiraGet('app', route`/rest/api/3/search/jql?${params}`, searchPageSchema);
  const result = { due: page.issues.map((i) => i.key ?? i.id), scannedAt: new Date().toISOString() };
  await kvs.set(STORAGE_KEYS.lastSlaScan, result);
  return result;
}
