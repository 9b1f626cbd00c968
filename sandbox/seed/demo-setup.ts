import type { AdminResult, Answers } from '../../src/contract/admin';

/**
 * The demo site starts set up (issue #12): right after the demo seed, the sandbox runs the app's own setup wizard
 * on project SD exactly as an admin would on the admin page, through the Forge host as the Jira admin Sofia:
 * `setup.plan`, then `setup.runStep` for the first step of each new plan until nothing is left, then
 * `setup.finish` (the project mapping). So the seed stays what the wizard makes of the site, whatever the wizard
 * plans next time; `--seed plain` stays the bare site the wizard starts from.
 */
export const DEMO_SETUP = { adminKey: 'sofia', projectKey: 'SD' } as const;

type Setup = Pick<Answers, 'setup.plan' | 'setup.runStep' | 'setup.finish'>;
/** Invokes one admin page resolver function through the Forge host and answers what the function returned. */
export type SetupInvoke = (functionKey: keyof Setup, payload: { projectKey: string; stepId?: string }) => Promise<unknown>;

function unwrap<T>(what: string, r: AdminResult<T>): T {
  if (!r.ok) throw new Error(`The demo setup stopped at ${what}: ${r.error.message}`);
  return r.data;
}

/** Runs the wizard to the end on SD; answers the titles of the steps it did (none when SD was already set up). */
export async function applyDemoSetup(raw: SetupInvoke): Promise<string[]> {
  // The admin page's functions answer their contract's Result (src/contract/admin.ts), as the admin page reads them.
  const invoke = async <K extends keyof Setup>(key: K, payload: { projectKey: string; stepId?: string }): Promise<AdminResult<Setup[K]>> => (await raw(key, payload)) as AdminResult<Setup[K]>;
  const projectKey = DEMO_SETUP.projectKey;
  let view = unwrap('the plan', await invoke('setup.plan', { projectKey }));
  const done: string[] = [];
  while (!view.plan.nothingToDo) {
    if (done.length > 50) throw new Error(`The demo setup does not terminate: ${view.plan.steps.map((s) => s.id).join(', ')}`);
    const step = view.plan.steps[0]!;
    const out = unwrap(`"${step.title}"`, await invoke('setup.runStep', { projectKey, stepId: step.id }));
    done.push(out.step.title);
    view = out.next;
  }
  unwrap('recording the mapping', await invoke('setup.finish', { projectKey }));
  return done;
}
