import { stepForStatus, type PathStep } from '../domain/change/path';
import type { Actor } from '../jira/client';
import { availableTransitions, JiraRequestError, performTransition } from '../jira/transitions';

/**
 * Jira's status follows the recorded evidence (ADR 014): after an action records a step, the change is moved to the
 * status that stands for it, when the workflow offers one from where it is (through an intermediate "awaiting
 * approval" status at most). The workflow validator checks the same gate, so a move the rules do not allow fails
 * there, whoever moves it. A workflow without such a status (a plain one) simply keeps its status.
 */
export type MoveOutcome = { moved: true; to: string } | { moved: false; reason: string | null; conflict?: boolean };

export async function moveTo(key: string, target: PathStep | 'reject', who: Actor): Promise<MoveOutcome> {
  try {
    for (let hop = 0; hop < 2; hop++) {
      const options = await availableTransitions(key, who);
      const direct = options.find((t) => stepForStatus(t.to.name, t.to.category) === target);
      if (direct) {
        await performTransition(key, direct.id, who);
        return { moved: true, to: direct.to.name };
      }
      // A request waits in a "submitted" status before its approval (JSM's "Awaiting approval").
      const submit = (target === 'evaluate' || target === 'reject') && hop === 0
        ? options.find((t) => t.to.category === 'new' && stepForStatus(t.to.name, t.to.category) === null && /approv|submit|review/i.test(`${t.to.name} ${t.name}`))
        : undefined;
      if (!submit) return { moved: false, reason: null };
      await performTransition(key, submit.id, who);
    }
    return { moved: false, reason: null };
  } catch (e) {
    // 409: another run moved it at the same moment (the trigger and the action both follow the same evidence).
    if (e instanceof JiraRequestError && e.status === 409) return { moved: false, reason: e.messages.join(' ') || e.message, conflict: true };
    if (e instanceof JiraRequestError && (e.status === 400 || e.status === 403)) return { moved: false, reason: e.messages.join(' ') || e.message };
    throw e;
  }
}
