import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import type { SetupPlan } from '../domain';
import { ACTION_LABEL, FIELD_SLOT_LABEL, RECORD_SLOT_LABEL } from './labels';

function ActionLozenge({ action }: { action: string }) {
  const label = ACTION_LABEL[action] ?? { text: action, appearance: 'moved' as const };
  return <Lozenge appearance={label.appearance}>{label.text}</Lozenge>;
}

/** The plan, shown before anything is changed: what is reused, added and created, and the steps in order. */
export function SetupPlanTable({ plan, doneStepIds }: { plan: SetupPlan; doneStepIds: readonly string[] }) {
  return (
    <div className="sd-stack" data-testid="sd-setup-plan">
      {plan.warnings.length > 0 ? (
        <SectionMessage appearance="warning" title="Check before you run" testId="sd-setup-warnings">
          <ul className="sd-bullets">
            {plan.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </SectionMessage>
      ) : null}

      <PlanRows
        label="Record types"
        heading="Record"
        jiraHeading="Jira issue type"
        testIdPrefix="sd-setup-slot"
        rows={plan.issueTypes.map((row) => ({ ...row, title: RECORD_SLOT_LABEL[row.slot] ?? row.slot }))}
      />
      <PlanRows
        label="Fields"
        heading="Field"
        jiraHeading="Jira field"
        testIdPrefix="sd-setup-field"
        rows={plan.fields.map((row) => ({ ...row, title: FIELD_SLOT_LABEL[row.slot] ?? row.slot }))}
      />

      {plan.steps.length > 0 ? (
        <div>
          <h4 className="sd-subheading">Steps, in order ({plan.steps.length})</h4>
          <ol className="sd-steps" data-testid="sd-setup-steps">
            {plan.steps.map((step) => (
              <li key={step.id} data-testid={`sd-setup-step-${step.id}`}>
                {step.title}
                {doneStepIds.includes(step.id) ? <span className="sd-hint"> (done)</span> : null}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </div>
  );
}

/** What the plan does with each record type or field: the Jira item, the action and why. */
function PlanRows({
  label,
  heading,
  jiraHeading,
  testIdPrefix,
  rows,
}: {
  label: string;
  heading: string;
  jiraHeading: string;
  testIdPrefix: string;
  rows: ReadonlyArray<{ slot: string; title: string; name: string; action: string; reason: string }>;
}) {
  return (
    <table className="sd-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{heading}</th>
          <th scope="col">{jiraHeading}</th>
          <th scope="col">Action</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.slot} data-testid={`${testIdPrefix}-${row.slot}`}>
            <th scope="row">{row.title}</th>
            <td>{row.name}</td>
            <td>
              <ActionLozenge action={row.action} />
            </td>
            <td className="sd-muted-cell">{row.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
