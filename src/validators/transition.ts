import { route } from '@forge/api';
import { z } from 'zod';
import { describeBlockers, isClosingStatus } from '../domain/incident-closure';
import { recordKindOf } from '../domain/record-kind';
import { evaluate, now, readIncident } from '../incidents/service';
import { jiraGet } from '../jira/client';
import { statusSchema } from '../jira/schemas';
import { loadIncidentRules } from '../store/incident-store';
import { readIncidentState } from '../store/issue-state';

/** Forge's workflow-validator argument (jira:workflowValidator, function form). */
const validatorArgsSchema = z.object({
  issue: z.object({ key: z.string() }).passthrough(),
  transition: z.object({ from: z.object({ id: z.string() }).passthrough().optional(), to: z.object({ id: z.string() }).passthrough() }).passthrough(),
}).passthrough();

export interface ValidatorResult { result: boolean; errorMessage?: string }

/**
 * The one place where rules can block a Jira transition. Validators call Jira asApp() (Forge runs them without a
 * user). Incidents: closing needs what IN.2.5, D12 and D13 ask for, exactly the closure checklist the issue panel
 * shows (src/domain/incident/evaluate.ts), and the refusal lists every missing item.
 */
export async function validateTransition(args: unknown): Promise<ValidatorResult> {
  const parsed = validatorArgsSchema.safeParse(args);
  if (!parsed.success) return { result: false, errorMessage: 'The transition could not be checked: the validator received an unexpected request.' };
  const { issue: { key }, transition } = parsed.data;
  const at = now();
  const [rules, target] = await Promise.all([loadIncidentRules(at), jiraGet('app', route`/rest/api/3/status/${transition.to.id}`, statusSchema)]);
  if (!isClosingStatus(target.name)) return { result: true };
  const loaded = await readIncident(key, key.replace(/-\d+$/, ''), rules, 'app');
  if (recordKindOf(loaded.issueType, rules.issueTypes) !== 'incident') return { result: true };
  const previous = readIncidentState(loaded.stored);
  const ev = evaluate(loaded, rules, at, { escalations: previous?.escalations ?? [], communications: previous?.communications ?? [] });
  const missing = ev.closure.filter((c) => !c.done).map((c) => ({ rule: c.rule, what: c.hint ? `${c.label}; ${c.hint}` : c.label }));
  return missing.length ? { result: false, errorMessage: describeBlockers(`Incident ${key}`, missing) } : { result: true };
}
