import Button from '@atlaskit/button/new';
import { PRIORITY_SCHEMES, type Priority, type PriorityTargets } from '../domain';
import { FieldIssues, Section, Select } from '../ui/controls';
import { MinutesField } from './MinutesField';
import { issuesAt, issuesExactly, type PolicySectionProps } from './types';

const CLOCKS: ReadonlyArray<{ value: PriorityTargets['clock']; label: string }> = [
  { value: '24x7', label: '24×7' },
  { value: 'serviceHours', label: 'Service hours' },
];

const EMPTY_TARGETS: PriorityTargets = { firstResponseMinutes: 0, resolutionMinutes: 0, escalateAfterMinutes: null, clock: 'serviceHours' };

/** D9, D14: first response, resolution and management escalation per priority, on a 24×7 or service-hours clock. */
export function TargetsEditor({ policy, change, issues, disabled }: PolicySectionProps) {
  const scheme = PRIORITY_SCHEMES[policy.priorityMatrix.scheme] ?? [];
  const extra = (Object.keys(policy.targets) as Priority[]).filter((p) => !(scheme as readonly string[]).includes(p) && policy.targets[p]);
  const rows: Priority[] = [...scheme, ...extra];

  function set(p: Priority, patch: Partial<PriorityTargets>): void {
    change((d) => {
      d.targets = { ...d.targets, [p]: { ...(d.targets[p] ?? EMPTY_TARGETS), ...patch } };
    });
  }

  return (
    <Section id="sd-policy-targets" title="Targets per priority" description="In minutes of the priority's clock: business minutes on service hours. Escalation goes to the Incident Manager and Service Manager; leave it empty for none." why="D9, D14">
      <div className="sd-scroll-x">
        <table className="sd-table" data-testid="sd-policy-targets">
          <thead>
            <tr>
              <th scope="col">Priority</th>
              <th scope="col">First response</th>
              <th scope="col">Resolution</th>
              <th scope="col">Escalate after</th>
              <th scope="col">Clock</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => {
              const t = policy.targets[p];
              const at = `targets.${p}`;
              const inScheme = (scheme as readonly string[]).includes(p);
              return (
                <tr key={p} data-testid={`sd-targets-${p}`}>
                  <th scope="row">
                    {p}
                    <FieldIssues issues={issuesExactly(issues, at)} />
                  </th>
                  {t ? (
                    <>
                      <td>
                        <MinutesField id={`sd-targets-${p}-first`} testId={`sd-targets-${p}-first`} label={`${p}: first response in minutes`} value={t.firstResponseMinutes} disabled={disabled || !inScheme} invalid={issuesExactly(issues, `${at}.firstResponseMinutes`).length > 0} onValue={(v) => set(p, { firstResponseMinutes: v ?? 0 })} />
                        <FieldIssues issues={issuesExactly(issues, `${at}.firstResponseMinutes`)} />
                      </td>
                      <td>
                        <MinutesField id={`sd-targets-${p}-resolution`} testId={`sd-targets-${p}-resolution`} label={`${p}: resolution in minutes`} value={t.resolutionMinutes} disabled={disabled || !inScheme} invalid={issuesExactly(issues, `${at}.resolutionMinutes`).length > 0} onValue={(v) => set(p, { resolutionMinutes: v ?? 0 })} />
                        <FieldIssues issues={issuesExactly(issues, `${at}.resolutionMinutes`)} />
                      </td>
                      <td>
                        <MinutesField id={`sd-targets-${p}-escalate`} testId={`sd-targets-${p}-escalate`} label={`${p}: escalate to management after minutes (empty for none)`} nullable value={t.escalateAfterMinutes} disabled={disabled || !inScheme} invalid={issuesExactly(issues, `${at}.escalateAfterMinutes`).length > 0} onValue={(v) => set(p, { escalateAfterMinutes: v })} />
                        <FieldIssues issues={issuesExactly(issues, `${at}.escalateAfterMinutes`)} />
                      </td>
                      <td>
                        <Select aria-label={`${p}: clock`} testId={`sd-targets-${p}-clock`} value={t.clock} disabled={disabled || !inScheme} onValue={(v) => set(p, { clock: v === '24x7' ? '24x7' : 'serviceHours' })} options={CLOCKS} />
                        <FieldIssues issues={issuesExactly(issues, `${at}.clock`)} />
                      </td>
                    </>
                  ) : (
                    <td colSpan={4}>
                      <Button spacing="compact" isDisabled={disabled} onClick={() => set(p, {})} testId={`sd-targets-${p}-add`}>
                        Set targets for {p}
                      </Button>
                    </td>
                  )}
                  {!inScheme ? (
                    <td>
                      <Button appearance="subtle" spacing="compact" isDisabled={disabled} testId={`sd-targets-${p}-remove`} onClick={() => change((d) => { const next = { ...d.targets }; delete next[p]; d.targets = next; })}>
                        Remove {p}
                      </Button>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <FieldIssues issues={issuesAt(issues, 'targets').filter((i) => !rows.some((p) => i.path === `targets.${p}` || i.path.startsWith(`targets.${p}.`)))} />
    </Section>
  );
}
