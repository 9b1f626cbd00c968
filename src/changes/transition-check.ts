import { inWords, missingForStep, STEP_LABELS, stepForStatus } from '../domain/change/path';
import { jsmDecisions } from './jsm';
import type { LoadedIssue } from '../incidents/load';
import type { IncidentRules } from '../store/rules';
import { changeOf } from './load';
import { namesOf } from './panel';

export type TransitionVerdict = { allowed: true } | { allowed: false; message: string };

/**
 * D16, D3, D7, D17 at the one place that can refuse a Jira transition (ADR 014): the status a change enters stands
 * for a step of its path, and the step's gate must hold on the evidence in app storage — whoever moves it (the panel,
 * Jira's own buttons, the REST API, automation). The refusal says in words what is missing.
 */
export async function checkChangeTransition(issue: LoadedIssue, target: { name: string; category: 'new' | 'indeterminate' | 'done' }, rules: IncidentRules, now: number): Promise<TransitionVerdict> {
  const step = stepForStatus(target.name, target.category);
  if (step === null) return { allowed: true };
  const change = await changeOf(issue, rules, now, 'app');
  // JSM's own approval (where the project uses it): the approver's decision counts as theirs, under D7 and ROL-11 like
  // any other; the app reads who decided from JSM, never from the transition.
  const jsm = step === 'evaluate' || step === 'reject' ? await jsmDecisions(issue.snapshot.key, rules) : [];
  const evidence = jsm.length ? { ...change.evidence, decisions: [...change.evidence.decisions, ...jsm] } : change.evidence;
  const missing = missingForStep({ snapshot: change.snapshot, evidence, type: change.type, env: change.env }, step);
  if (!missing.length) return { allowed: true };
  const names = namesOf(change, { accountId: '', displayName: '', accountType: 'app', roles: [], rolesConfigured: false });
  const words = missingWords(missing.map((m) => inWords(m, names)));
  const what = step === 'reject' ? 'be rejected' : `move to “${target.name}” (${STEP_LABELS[step].toLowerCase()})`;
  return { allowed: false, message: `Change ${issue.snapshot.key} cannot ${what} yet. Still needed: ${words}` };
}

function missingWords(items: Array<{ label: string; why: string }>): string {
  const why = [...new Set(items.flatMap((w) => w.why.split(', ')))].join(', ');
  return `${items.map((w) => w.label.charAt(0).toLowerCase() + w.label.slice(1)).join('; ')}. (${why})`;
}
