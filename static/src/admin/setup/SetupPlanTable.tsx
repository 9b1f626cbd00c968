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

      <table className="sd-table" aria-label="Record types">
        <thead>
          <tr>
            <th scope="col">Record</th>
            <th scope="col">Jira issue type</th>
            <th scope="col">Action</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {plan.issueTypes.map((row) => (
            <tr key={row.slot} data-testid={`sd-setup-slot-${row.slot}`}>
              <th scope="row">{RECORD_SLOT_LABEL[row.slot] ?? row.slot}</th>
              <td>{row.name}</td>
              <td>
                <ActionLozenge action={row.action} />
              </td>
              <td className="sd-muted-cell">{row.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <table className="sd-table" aria-label="Fields">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Jira field</th>
            <th scope="col">Action</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {plan.fields.map((row) => (
            <tr key={row.slot} data-testid={`sd-setup-field-${row.slot}`}>
              <th scope="row">{FIELD_SLOT_LABEL[row.slot] ?? row.slot}</th>
              <td>{row.name}</td>
              <td>
                <ActionLozenge action={row.action} />
              </td>
              <td className="sd-muted-cell">{row.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>

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
