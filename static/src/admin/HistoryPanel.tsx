import Lozenge from '@atlaskit/lozenge';
import type { GovernanceView, SetupRunReport } from './adminApi';
import { actionLabel, KIND_APPEARANCE, KIND_LABEL, KIND_REF, setupRunRow, type Row } from './history';
import { formatWhen, humanise, nameOf, type PeopleIndex } from './format';
import { Empty } from './ui/controls';

/**
 * The audit trail (D23) of the role list and the policy, and (on the admin page) the setup wizard's runs, newest
 * first. The global page passes no runs: setup is the Jira administrators' own.
 */
export function HistoryPanel({ view, people, setupRuns = [] }: { view: GovernanceView; people: PeopleIndex; setupRuns?: readonly SetupRunReport[] }) {
  const rows: Row[] = [
    ...view.roles.history.map((e, i) => ({ ...e, kind: 'roles' as const, key: `roles:${e.at}:${i}` })),
    ...view.policy.history.map((e, i) => ({ ...e, kind: 'policy' as const, key: `policy:${e.at}:${i}` })),
    ...setupRuns.map(setupRunRow),
  ].sort((a, b) => b.at.localeCompare(a.at));

  if (rows.length === 0) return <Empty testId="sd-history-empty">Nothing has been recorded yet.</Empty>;
  return (
    <table className="sd-table" data-testid="sd-history">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">What</th>
          <th scope="col">Action</th>
          <th scope="col">Summary</th>
          <th scope="col" className="sd-num">
            Version
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-testid="sd-history-row" data-kind={r.kind}>
            <td className="sd-nowrap">{formatWhen(r.at)}</td>
            <td>{nameOf(people, r.actor)}</td>
            <td>
              <Lozenge appearance={KIND_APPEARANCE[r.kind]}>{KIND_LABEL[r.kind]}</Lozenge>
              <span className="sd-hint sd-block">Why? {KIND_REF[r.kind]}</span>
            </td>
            <td>{actionLabel(r.action)}</td>
            <td>{humanise(r.summary, people)}</td>
            <td className="sd-num">{r.version ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
