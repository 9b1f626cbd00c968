import { route } from '@forge/api';
import { z } from 'zod';
import { jiraFetch, jiraGet, JiraRequestError, type Actor } from './client';

/** Jira's transitions of an issue (GET/POST /rest/api/3/issue/{key}/transitions), as a person or as the app. */

const transitionsSchema = z.object({
  transitions: z.array(z.object({
    id: z.string(),
    name: z.string(),
    to: z.object({ id: z.string(), name: z.string(), statusCategory: z.object({ key: z.string() }).passthrough().optional() }).passthrough(),
  }).passthrough()),
}).passthrough();

export interface AvailableTransition { id: string; name: string; to: { id: string; name: string; category: 'new' | 'indeterminate' | 'done' } }

export async function availableTransitions(key: string, who: Actor): Promise<AvailableTransition[]> {
  const page = await jiraGet(who, route`/rest/api/3/issue/${key}/transitions`, transitionsSchema);
  return page.transitions.map((t) => {
    const c = t.to.statusCategory?.key;
    return { id: t.id, name: t.name, to: { id: t.to.id, name: t.to.name, category: c === 'done' ? 'done' : c === 'indeterminate' ? 'indeterminate' : 'new' } };
  });
}

/** Performs a transition. A validator's refusal comes back as Jira's 400 with its message (JiraRequestError). */
export async function performTransition(key: string, transitionId: string, who: Actor): Promise<void> {
  await jiraFetch(who, route`/rest/api/3/issue/${key}/transitions`, { method: 'POST', body: { transition: { id: transitionId } } });
}

export { JiraRequestError };
