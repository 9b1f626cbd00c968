import Lozenge from '@atlaskit/lozenge';
import type { AuditEntry, GovernanceView, SetupRunReport } from './adminApi';
import { formatWhen, humanise, nameOf, type PeopleIndex } from './format';
import { Empty } from './ui/controls';

type Kind = 'roles' | 'policy' | 'setup';
type Row = Omit<AuditEntry, 'version'> & { kind: Kind; version: number | null; key: string };

const KIND_LABEL: Record<Kind, string> = { roles: 'Role list', policy: 'Policy', setup: 'Project setup' };
const KIND_APPEARANCE = { roles: 'new', policy: 'moved', setup: 'default' } as const;
/** The work product each kind is, for the assessor (muted, beside the words). */
const KIND_REF: Record<Kind, string> = { roles: 'WP.08', policy: 'WP.14', setup: 'D1' };

/** "draft-saved" → "Draft saved". */
function actionLabel(action: string): string {
  const text = action.replace(/[-_]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** A setup wizard run as one line of the history (issue #12 §7): what it did, on which project, and how it ended. */
export function setupRunRow(run: SetupRunReport): Row {
  const done = run.steps.filter((s) => s.status === 'done').length;
  const failed = run.steps.filter((s) => s.status === 'failed');
  const outcome = failed.length > 0
    ? `${count(failed.length, 'step', 'steps')} failed: ${failed.map((s) => `${s.title} (${s.message})`).join('; ')}`
    : run.finishedAt ? 'finished' : 'not finished yet';
  return {
    key: `setup:${run.projectKey}:${run.startedAt}`,
    kind: 'setup',
    at: run.startedAt,
    actor: run.startedBy,
    action: run.finishedAt && failed.length === 0 ? 'Setup wizard run' : 'Setup wizard run (incomplete)',
    summary: `Project ${run.projectKey}: ${count(done, 'step', 'steps')} done; ${outcome}.`,
    version: null,
  };
}

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
