import { route } from '@forge/api';
import { z } from 'zod';
import { closureBlockers, describeBlockers, isClosingStatus } from '../domain/incident-closure';
import { recordKindOf } from '../domain/record-kind';
import { jiraGet } from '../jira/client';
import { issueSummarySchema, statusSchema } from '../jira/schemas';
import { ISSUE_STATE_PROPERTY, readIssueState } from '../store/issue-state';

/** Forge's workflow-validator argument (jira:workflowValidator, function form). */
const validatorArgsSchema = z.object({
  issue: z.object({ key: z.string() }).passthrough(),
  transition: z.object({ from: z.object({ id: z.string() }).passthrough().optional(), to: z.object({ id: z.string() }).passthrough() }).passthrough(),
}).passthrough();

export interface ValidatorResult { result: boolean; errorMessage?: string }

/**
 * The one place where rules can block a Jira transition. Validators must call Jira asApp() (Forge runs them
 * without a user). The rule set grows with the incident and change issues; today: IN.2.5 / D12 closure.
 */
export async function validateTransition(args: unknown): Promise<ValidatorResult> {
  const parsed = validatorArgsSchema.safeParse(args);
  if (!parsed.success) return { result: false, errorMessage: 'The transition could not be checked: the validator received an unexpected request.' };
  const { issue: { key }, transition } = parsed.data;
  const [issue, target] = await Promise.all([
    jiraGet('app', route`/rest/api/3/issue/${key}?fields=summary,issuetype,status,resolution&properties=${ISSUE_STATE_PROPERTY}`, issueSummarySchema),
    jiraGet('app', route`/rest/api/3/status/${transition.to.id}`, statusSchema),
  ]);
  if (recordKindOf(issue.fields.issuetype.name) !== 'incident' || !isClosingStatus(target.name)) return { result: true };
  const state = readIssueState(issue.properties?.[ISSUE_STATE_PROPERTY]);
  const missing = closureBlockers({ hasResolution: Boolean(issue.fields.resolution), confirmation: state?.closure ?? null });
  return missing.length ? { result: false, errorMessage: describeBlockers(`Incident ${key}`, missing) } : { result: true };
}
