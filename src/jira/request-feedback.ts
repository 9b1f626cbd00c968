import { route } from '@forge/api';
import { z } from 'zod';
import { jiraGetOrNull } from './client';

/**
 * JSM's own customer satisfaction rating of a request (`GET /rest/servicedeskapi/request/{issueIdOrKey}/feedback`,
 * CSATFeedbackFullDTO `{ type: 'csat', rating: 1..5, comment: { body } }`). Read as the viewer (Jira answers only who
 * may view the request). 404 means no rating yet, or no JSM on the site: both answer null.
 */
export interface JsmRating { rating: 1 | 2 | 3 | 4 | 5; comment: string | null }

const csat = z.object({
  type: z.string().optional(),
  rating: z.number().int().min(1).max(5),
  comment: z.object({ body: z.string().optional() }).passthrough().nullable().optional(),
}).passthrough();

export async function readJsmRating(issueKey: string): Promise<JsmRating | null> {
  const answer = await jiraGetOrNull('user', route`/rest/servicedeskapi/request/${issueKey}/feedback`, csat);
  if (!answer) return null;
  const body = answer.comment?.body?.trim();
  return { rating: answer.rating as JsmRating['rating'], comment: body ? body : null };
}

const myselfDto = z.object({ accountId: z.string(), displayName: z.string().optional(), emailAddress: z.string().optional() }).passthrough();

/** The caller's name and e-mail as Jira gives them (e-mail may be hidden by their profile's privacy: then empty). */
export async function myContact(): Promise<{ name: string; email: string }> {
  const me = await jiraGetOrNull('user', route`/rest/api/3/myself`, myselfDto);
  return { name: me?.displayName ?? '', email: me?.emailAddress ?? '' };
}

const requestDto = z.object({ issueKey: z.string() }).passthrough();

/** Whether the caller may see this request as JSM shows it (a customer: only their own, D26). */
export async function mayViewRequest(issueKey: string): Promise<boolean> {
  return (await jiraGetOrNull('user', route`/rest/servicedeskapi/request/${issueKey}`, requestDto)) !== null;
}
