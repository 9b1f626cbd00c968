import { z } from 'zod';
import { checkTransition } from '../incidents/closure-check';

/** Forge's workflow-validator argument (jira:workflowValidator, function form). */
const validatorArgsSchema = z.object({
  issue: z.object({ key: z.string() }).passthrough(),
  transition: z.object({ from: z.object({ id: z.string() }).passthrough().optional(), to: z.object({ id: z.string() }).passthrough() }).passthrough(),
}).passthrough();

export interface ValidatorResult { result: boolean; errorMessage?: string }

/** The workflow validator (sd-transition-validator): one use case, the clock passed in. Forge runs it without a user. */
export async function validateTransition(args: unknown): Promise<ValidatorResult> {
  const parsed = validatorArgsSchema.safeParse(args);
  if (!parsed.success) return { result: false, errorMessage: 'The transition could not be checked: the validator received an unexpected request.' };
  const verdict = await checkTransition(parsed.data.issue.key, parsed.data.transition.to.id, () => Date.now());
  return verdict.allowed ? { result: true } : { result: false, errorMessage: verdict.message };
}
