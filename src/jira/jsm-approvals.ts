/**
 * JSM's own approvals of a request (GET/POST /rest/servicedeskapi/request/{issueIdOrKey}/approval), for a project
 * whose change workflow uses JSM approval statuses (issue #13, D7: nobody approves a change they requested, built
 * or will deploy, JSM's own approval steps included). Shapes as Atlassian's servicedeskapi reference gives them.
 */
import { route } from '@forge/api';
import { z } from 'zod';
import { JiraRequestError, jiraFetch, jiraGet, type Actor } from './client';

export type JsmDecision = 'pending' | 'approved' | 'declined';

export interface JsmApproval {
  id: string;
  /** JSM's name of the approval step, e.g. "Change approval". */
  name: string;
  finalDecision: JsmDecision;
  approvers: Array<{ accountId: string; decision: JsmDecision }>;
  /** ISO 8601 instants. */
  createdDate: string | null;
  completedDate: string | null;
}

const decision = z.string().transform((d): JsmDecision => (d === 'approved' || d === 'declined' ? d : 'pending'));
const dateDto = z.object({ iso8601: z.string().optional(), epochMillis: z.number().optional() }).passthrough();
const approvalDto = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  name: z.string().default(''),
  finalDecision: decision,
  approvers: z.array(z.object({ approver: z.object({ accountId: z.string() }).passthrough(), approverDecision: decision }).passthrough()).default([]),
  createdDate: dateDto.optional(),
  completedDate: dateDto.optional(),
}).passthrough();
const pagedApprovals = z.object({ values: z.array(approvalDto), isLastPage: z.boolean().optional(), size: z.number().optional() }).passthrough();

const iso = (d: z.infer<typeof dateDto> | undefined): string | null => d?.iso8601 ?? (d?.epochMillis !== undefined ? new Date(d.epochMillis).toISOString() : null);

function toApproval(a: z.infer<typeof approvalDto>): JsmApproval {
  return {
    id: a.id, name: a.name, finalDecision: a.finalDecision,
    approvers: a.approvers.map((x) => ({ accountId: x.approver.accountId, decision: x.approverDecision })),
    createdDate: iso(a.createdDate), completedDate: iso(a.completedDate),
  };
}

const PAGE = 50;
const MAX_PAGES = 20;

/**
 * Every JSM approval of a request, oldest first (each entry into an approval status opens one). Answers null when
 * the issue is not a JSM request the actor may see (a plain Jira project, no JSM on the site: Jira answers 404).
 * `actor`: 'app' from triggers, the validator and panels (the app reads approvals whoever looks); 'user' to read
 * them as the person.
 */
export async function getRequestApprovals(issueKey: string, actor: Actor = 'app'): Promise<JsmApproval[] | null> {
  const out: JsmApproval[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const params = new URLSearchParams({ start: String(page * PAGE), limit: String(PAGE) });
    let answer: z.infer<typeof pagedApprovals>;
    try {
      answer = await jiraGet(actor, route`/rest/servicedeskapi/request/${issueKey}/approval?${params}`, pagedApprovals);
    } catch (e) {
      if (e instanceof JiraRequestError && e.status === 404) return null;
      throw e;
    }
    out.push(...answer.values.map(toApproval));
    if (answer.isLastPage !== false || answer.values.length === 0) break;
  }
  return out;
}

/**
 * Answers a pending approval as the calling user (JSM: only a listed approver may). JSM then performs the approval
 * status's transition as that person, workflow validators included; a refusal throws JiraRequestError (400) with the
 * validator's message, and the approval stays pending.
 */
export async function answerRequestApproval(issueKey: string, approvalId: string, answer: 'approve' | 'decline'): Promise<JsmApproval> {
  const res = await jiraFetch('user', route`/rest/servicedeskapi/request/${issueKey}/approval/${approvalId}`, { method: 'POST', body: { decision: answer } });
  return toApproval(approvalDto.parse(await res.json()));
}
