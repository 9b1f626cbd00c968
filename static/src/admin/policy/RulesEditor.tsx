import { PRIORITY_SCHEMES } from '../domain';
import { Check, FieldIssues, Section } from '../ui/controls';
import { StringList } from './StringList';
import { issuesAt, issuesExactly, type PolicySectionProps } from './types';

/** D10 pause statuses: the Jira statuses in which SLA clocks stop. */
export function PauseStatusesEditor({ policy, change, issues, disabled, jiraStatuses }: PolicySectionProps & { jiraStatuses: readonly string[] }) {
  const chosen = policy.pauseStatuses;
  const lower = new Set(jiraStatuses.map((s) => s.toLowerCase()));
  const unknown = chosen.filter((s) => !lower.has(s.trim().toLowerCase()));
  const isChosen = (status: string) => chosen.some((c) => c.trim().toLowerCase() === status.toLowerCase());
  return (
    <Section id="sd-policy-pause" title="Statuses that pause the clock" description="SLA clocks do not run while an incident is in one of these statuses (for example waiting for the customer)." why="D10">
      {jiraStatuses.length === 0 ? <p className="sd-empty">The incident workflow has no statuses the app can read.</p> : null}
      <fieldset className="sd-fieldset-inline sd-checks" data-testid="sd-pause-statuses">
        <legend className="sd-visually-hidden">Pause statuses</legend>
        {jiraStatuses.map((status) => (
          <Check
            key={status}
            testId={`sd-pause-${status}`}
            checked={isChosen(status)}
            disabled={disabled}
            onChecked={(on) => change((d) => {
              d.pauseStatuses = on ? [...d.pauseStatuses, status] : d.pauseStatuses.filter((c) => c.trim().toLowerCase() !== status.toLowerCase());
            })}
          >
            {status}
          </Check>
        ))}
      </fieldset>
      {unknown.length > 0 ? (
        <div>
          <p className="sd-hint">Not a status of the incident workflow (kept, but they never pause a clock):</p>
          <ul className="sd-plain-list">
            {unknown.map((s) => (
              <li key={s}>
                <Check checked disabled={disabled} onChecked={() => change((d) => (d.pauseStatuses = d.pauseStatuses.filter((c) => c !== s)))}>
                  {s}
                </Check>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <FieldIssues issues={issuesAt(issues, 'pauseStatuses')} />
    </Section>
  );
}

/** D13: what makes an incident significant (root cause and linked change request needed before closing). */
export function SignificantImpactEditor({ policy, change, issues, disabled }: PolicySectionProps) {
  const si = policy.significantImpact;
  const priorities = PRIORITY_SCHEMES[policy.priorityMatrix.scheme] ?? [];
  return (
    <Section id="sd-policy-significant" title="Significant impact" description="An incident is significant when any of these applies; it then needs a root cause and a linked service change request before it closes." why="D13">
      <fieldset className="sd-fieldset-inline sd-checks" data-testid="sd-significant-priorities">
        <legend>Priorities</legend>
        {priorities.map((p) => (
          <Check
            key={p}
            testId={`sd-significant-${p}`}
            checked={si.priorities.includes(p)}
            disabled={disabled}
            onChecked={(on) => change((d) => {
              d.significantImpact = { ...d.significantImpact, priorities: on ? [...d.significantImpact.priorities, p] : d.significantImpact.priorities.filter((x) => x !== p) };
            })}
          >
            {p}
          </Check>
        ))}
      </fieldset>
      <FieldIssues issues={issuesAt(issues, 'significantImpact.priorities')} />
      <Check testId="sd-significant-major" checked={si.majorIncidentFlag} disabled={disabled} onChecked={(on) => change((d) => (d.significantImpact = { ...d.significantImpact, majorIncidentFlag: on }))}>
        An incident flagged “Major incident” is significant
      </Check>
      <h4 className="sd-subheading">Vital services</h4>
      <p className="sd-hint">An incident affecting one of these services is significant.</p>
      <StringList
        id="sd-vital-services"
        label="Vital services"
        items={si.vitalServices}
        onItems={(items) => change((d) => (d.significantImpact = { ...d.significantImpact, vitalServices: items }))}
        issues={issues}
        pathPrefix="significantImpact.vitalServices"
        disabled={disabled}
        placeholder="e.g. Email"
      />
      <FieldIssues issues={issuesExactly(issues, 'significantImpact')} />
    </Section>
  );
}
