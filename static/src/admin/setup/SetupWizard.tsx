import Button from '@atlaskit/button/new';
import ProgressBar from '@atlaskit/progress-bar';
import SectionMessage from '@atlaskit/section-message';
import { useRef, useState } from 'react';
import type { PanelProps } from '../AdminConsole';
import { callAdmin, problemOf, type AdminProblem, type SetupPlanView, type SetupRunReport } from '../adminApi';
import type { SetupStep } from '../domain';
import { formatWhen, nameOf } from '../format';
import { ActionBar, ActionButton } from '../ui/ActionButton';
import { AdminError } from '../ui/AdminError';
import { Empty, Label, Section, Select } from '../ui/controls';
import { countOf } from '../words';
import { MappingsTable } from './MappingsTable';
import { SetupPlanTable } from './SetupPlanTable';

/** A run never takes more steps than this (a guard against a server that keeps planning the same work). */
const MAX_STEPS = 200;

type Phase =
  | { kind: 'idle' }
  | { kind: 'planning' }
  | { kind: 'planned' }
  | { kind: 'running'; index: number; total: number; title: string; finishing?: boolean }
  | { kind: 'stopped' }
  | { kind: 'failed'; step: { id: string; title: string } | null; problem: AdminProblem }
  | { kind: 'done'; projectKey: string; issueTypes: number; fields: number };

/**
 * The setup wizard (D1, D2; ADR 007): pick a project, detect what the site has, show the plan, then run it one step
 * per call — the server re-plans before every step, so the next step is taken from each answer — and store the
 * mapping when nothing is left to do. A failed step stops the run; "Resume" re-plans and continues.
 */
export function SetupWizard({ view, onView, people }: PanelProps) {
  const { projects, mappings, lastRuns } = view.setup;
  const permission = view.permissions['setup.run'];
  const firstUnmapped = projects.find((p) => !mappings.some((m) => m.projectKey === p.key));
  const [projectKey, setProjectKey] = useState(firstUnmapped?.key ?? projects[0]?.key ?? '');
  const [planned, setPlanned] = useState<SetupPlanView | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [doneSteps, setDoneSteps] = useState<Array<{ id: string; title: string; status: string; message: string }>>([]);
  const stopRequested = useRef(false);

  const busy = phase.kind === 'planning' || phase.kind === 'running';
  const project = projects.find((p) => p.key === projectKey) ?? null;
  const mapping = mappings.find((m) => m.projectKey === projectKey) ?? null;
  const plan = planned && planned.project.key === projectKey ? planned : null;
  const lastRun: SetupRunReport | null = plan?.lastRun ?? lastRuns.find((r) => r.projectKey === projectKey) ?? null;
  const lastStep = lastRun && lastRun.finishedAt === null ? lastRun.steps.at(-1) : undefined;
  const lastFailure = lastStep?.status === 'failed' ? lastStep : null;
  const denied = permission.allowed ? null : (permission.reason ?? 'You may not run the setup.');

  async function detect(): Promise<SetupPlanView | null> {
    setPhase({ kind: 'planning' });
    try {
      const answer = await callAdmin('setup.plan', { projectKey });
      setPlanned(answer);
      setPhase({ kind: 'planned' });
      return answer;
    } catch (error: unknown) {
      setPhase({ kind: 'failed', step: null, problem: problemOf(error) });
      return null;
    }
  }

  async function finish(key: string): Promise<void> {
    try {
      const result = await callAdmin('setup.finish', { projectKey: key });
      onView((v) => ({ ...v, setup: result.setup }));
      setPhase({
        kind: 'done',
        projectKey: result.mapping.projectKey,
        issueTypes: Object.keys(result.mapping.issueTypes).length,
        fields: Object.keys(result.mapping.fields).length,
      });
    } catch (error: unknown) {
      setPhase({ kind: 'failed', step: { id: 'finish', title: 'Save the project mapping' }, problem: problemOf(error) });
    }
  }

  async function execute(start: SetupPlanView): Promise<void> {
    const key = start.project.key;
    stopRequested.current = false;
    let current = start;
    let done = 0;
    const log: typeof doneSteps = [];
    setDoneSteps([]);
    while (!current.plan.nothingToDo) {
      const step: SetupStep | undefined = current.plan.steps[0];
      if (!step) break;
      if (stopRequested.current) {
        setPhase({ kind: 'stopped' });
        return;
      }
      if (done >= MAX_STEPS) {
        setPhase({ kind: 'failed', step, problem: { code: 'failed', message: `The setup stopped after ${MAX_STEPS} steps without finishing. Detect again to see what is left.` } });
        return;
      }
      setPhase({ kind: 'running', index: done + 1, total: done + current.plan.steps.length, title: step.title });
      let answer;
      try {
        answer = await callAdmin('setup.runStep', { projectKey: key, stepId: step.id });
      } catch (error: unknown) {
        setPhase({ kind: 'failed', step, problem: problemOf(error) });
        void callAdmin('setup.plan', { projectKey: key }).then(setPlanned, () => undefined); // the run report
        return;
      }
      done += 1;
      log.push(answer.step);
      setDoneSteps([...log]);
      current = answer.next;
      setPlanned(current);
      if (current.plan.steps[0]?.id === step.id) {
        setPhase({
          kind: 'failed',
          step,
          problem: { code: 'failed', message: `The step "${step.title}" was reported as ${answer.step.status} but the site still needs it. ${answer.step.message}` },
        });
        return;
      }
    }
    setPhase({ kind: 'running', index: done, total: done, title: 'Save the project mapping', finishing: true });
    await finish(key);
  }

  async function run(): Promise<void> {
    if (!plan) return;
    await execute(plan);
  }

  async function resume(): Promise<void> {
    const fresh = await detect();
    if (fresh) await execute(fresh);
  }

  const projectOptions = projects.map((p) => {
    const mapped = mappings.some((m) => m.projectKey === p.key);
    return { value: p.key, label: `${p.name} (${p.key})${mapped ? ' · set up' : ''}` };
  });

  return (
    <div className="sd-stack" data-testid="sd-setup">
      <Section
        id="sd-setup-project-section"
        title="Set up a Jira project"
        description="The wizard maps the profile's records (incidents, service change requests, agreements) and fields onto a project. It shows its plan first and changes nothing until you run it; a second run finds nothing to do."
      >
        {denied ? (
          <SectionMessage appearance="information" title="Only some people may run the setup" testId="sd-setup-denied">
            <p style={{ margin: 0 }}>{denied}</p>
          </SectionMessage>
        ) : null}
        {projects.length === 0 ? (
          <Empty testId="sd-setup-no-projects">No Jira project is visible to the app. Create a project in Jira first.</Empty>
        ) : (
          <div className="sd-inline-form">
            <div className="sd-field">
              <Label htmlFor="sd-setup-project">Project</Label>
              <Select
                id="sd-setup-project"
                testId="sd-setup-project"
                value={projectKey}
                disabled={busy}
                onValue={(key) => {
                  setProjectKey(key);
                  setPhase({ kind: 'idle' });
                  setDoneSteps([]);
                }}
                options={projectOptions}
              />
            </div>
            <ActionBar label="Setup">
              <ActionButton
                testId="sd-setup-detect"
                label={plan ? 'Detect again' : 'Detect'}
                busyLabel="Detecting…"
                busy={phase.kind === 'planning' ? 'Detecting…' : busy ? 'Running…' : null}
                reason={denied ?? (project ? null : 'Choose a project first.')}
                onClick={() => void detect()}
              />
            </ActionBar>
          </div>
        )}
        {project && mapping && !plan ? (
          <p className="sd-muted" data-testid="sd-setup-mapped-note">
            {project.name} is set up. Detect to check it still has everything the profile needs.
          </p>
        ) : null}
      </Section>

      {lastFailure && lastRun && phase.kind !== 'running' && phase.kind !== 'failed' && phase.kind !== 'done' ? (
        <SectionMessage appearance="warning" title={`The last setup run of ${lastRun.projectKey} stopped`} testId="sd-setup-last-run">
          <p style={{ margin: 0 }}>
            Step “{lastFailure.title}” failed on {formatWhen(lastFailure.at)} (started by {nameOf(people, lastRun.startedBy)}):{' '}
            {lastFailure.message}
          </p>
          <RunReport report={lastRun} />
          <ActionBar label="Resume">
            <ActionButton
              testId="sd-setup-resume-last"
              appearance="primary"
              label="Resume"
              busyLabel="Resuming…"
              busy={busy ? 'Resuming…' : null}
              reason={denied}
              onClick={() => void resume()}
            />
          </ActionBar>
        </SectionMessage>
      ) : null}

      {phase.kind === 'failed' ? (
        <div className="sd-stack" data-testid="sd-setup-error">
          {phase.step ? (
            <p className="sd-strong">
              Failed at step: <span data-testid="sd-setup-error-step">{phase.step.title}</span>
            </p>
          ) : null}
          <AdminError problem={phase.problem} />
          {doneSteps.length > 0 ? <p className="sd-muted">{countOf(doneSteps.length, 'step', 'steps')} of this run {doneSteps.length === 1 ? 'was' : 'were'} done before it stopped; {doneSteps.length === 1 ? 'it stays' : 'they stay'} done.</p> : null}
          {phase.step ? (
            <ActionBar label="Resume">
              <ActionButton
                testId="sd-setup-resume"
                appearance="primary"
                label="Resume"
                busyLabel="Resuming…"
                busy={null}
                reason={denied}
                onClick={() => void resume()}
              />
            </ActionBar>
          ) : null}
        </div>
      ) : null}

      {phase.kind === 'running' ? (
        <div className="sd-progress" data-testid="sd-setup-progress" role="status" aria-live="polite">
          <ProgressBar value={phase.finishing || phase.total === 0 ? 1 : (phase.index - 1) / phase.total} ariaLabel="Setup progress" />
          <p style={{ margin: 0 }}>
            {phase.finishing
              ? `${phase.total > 0 ? `All ${countOf(phase.total, 'step', 'steps')} done. ` : ''}Saving the project mapping…`
              : `Step ${phase.index} of ${phase.total}: ${phase.title}`}
          </p>
          <div>
            <Button appearance="subtle" onClick={() => (stopRequested.current = true)} testId="sd-setup-stop">
              Stop after this step
            </Button>
          </div>
        </div>
      ) : null}

      {phase.kind === 'stopped' ? (
        <SectionMessage appearance="information" title="Setup paused" testId="sd-setup-stopped">
          <p style={{ margin: 0 }}>Stopped after {countOf(doneSteps.length, 'step', 'steps')}. Run the setup again to continue where it stopped.</p>
        </SectionMessage>
      ) : null}

      {phase.kind === 'done' ? (
        <SectionMessage appearance="success" title={`${phase.projectKey} is set up`} testId="sd-setup-done">
          <p style={{ margin: 0 }}>
            {doneSteps.length > 0 ? `${countOf(doneSteps.length, 'step', 'steps')} done. ` : ''}
            {phase.issueTypes} record types and {phase.fields} fields are mapped. Detect again at any time: a second run finds
            nothing to do.
          </p>
        </SectionMessage>
      ) : null}

      {plan && phase.kind !== 'running' && phase.kind !== 'done' ? (
        <Section id="sd-setup-plan-section" title={`Plan for ${plan.project.name} (${plan.project.key})`}>
          {plan.plan.nothingToDo ? (
            <div className="sd-stack">
              <p data-testid="sd-setup-nothing-to-do" className="sd-strong">
                Nothing to do: {plan.project.key} already has every record type and field the profile needs.
              </p>
              {mapping || phase.kind === 'failed' ? null : (
                <ActionBar label="Mapping">
                  <ActionButton
                    testId="sd-setup-save-mapping"
                    appearance="primary"
                    label="Use this mapping"
                    busyLabel="Saving…"
                    busy={null}
                    reason={denied}
                    onClick={() => void execute(plan)}
                  />
                </ActionBar>
              )}
            </div>
          ) : phase.kind === 'failed' ? null : (
            <ActionBar label="Run">
              <ActionButton
                testId="sd-setup-run"
                appearance="primary"
                label={`Run setup (${plan.plan.steps.length} step${plan.plan.steps.length === 1 ? '' : 's'})`}
                busyLabel="Running…"
                busy={busy ? 'Running…' : null}
                reason={denied}
                onClick={() => void run()}
              />
            </ActionBar>
          )}
          <SetupPlanTable plan={plan.plan} doneStepIds={doneSteps.map((s) => s.id)} />
        </Section>
      ) : null}

      {phase.kind === 'running' && plan ? <SetupPlanTable plan={plan.plan} doneStepIds={doneSteps.map((s) => s.id)} /> : null}

      {doneSteps.length > 0 ? (
        <Section id="sd-setup-log" title="This run">
          <ol className="sd-steps" data-testid="sd-setup-log">
            {doneSteps.map((s) => (
              <li key={s.id}>
                {s.title} — {s.status === 'skipped' ? 'already done' : 'done'}
                {s.message ? <span className="sd-hint"> · {s.message}</span> : null}
              </li>
            ))}
          </ol>
        </Section>
      ) : null}

      <Section id="sd-setup-mappings" title="Projects set up">
        {mappings.length === 0 ? (
          <Empty testId="sd-setup-no-mappings">No project is set up yet. Pick one above and detect.</Empty>
        ) : (
          <MappingsTable mappings={mappings} />
        )}
      </Section>
    </div>
  );
}

function RunReport({ report }: { report: SetupRunReport }) {
  return (
    <details className="sd-details">
      <summary>Run report ({countOf(report.steps.length, 'step', 'steps')}, started {formatWhen(report.startedAt)})</summary>
      <ol className="sd-steps">
        {report.steps.map((s, i) => (
          <li key={`${s.id}:${i}`}>
            {s.title} — {s.status}
            {s.message ? <span className="sd-hint"> · {s.message}</span> : null}
          </li>
        ))}
      </ol>
    </details>
  );
}
