import Lozenge from '@atlaskit/lozenge';
import type { PanelProps } from './AdminConsole';
import type { AuditEntry } from './adminApi';
import { formatWhen, humanise, nameOf } from './format';
import { Empty } from './ui/controls';

type Row = AuditEntry & { wp: 'WP.08' | 'WP.14' };

const WP_LABEL: Record<Row['wp'], string> = { 'WP.08': 'Role list (WP.08)', 'WP.14': 'Policy (WP.14)' };

/** "draft-saved" → "Draft saved". */
function actionLabel(action: string): string {
  const text = action.replace(/[-_]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The audit trail (D23) of the two work products the page edits, newest first. */
export function HistoryPanel({ view, people }: PanelProps) {
  const rows: Row[] = [
    ...view.roles.history.map((e) => ({ ...e, wp: 'WP.08' as const })),
    ...view.policy.history.map((e) => ({ ...e, wp: 'WP.14' as const })),
  ].sort((a, b) => b.at.localeCompare(a.at));

  if (rows.length === 0) return <Empty testId="sd-history-empty">Nothing has been recorded yet.</Empty>;
  return (
    <table className="sd-table" data-testid="sd-history">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">Work product</th>
          <th scope="col">Action</th>
          <th scope="col">Summary</th>
          <th scope="col" className="sd-num">
            Version
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={`${r.wp}:${r.at}:${i}`} data-testid="sd-history-row" data-wp={r.wp}>
            <td className="sd-nowrap">{formatWhen(r.at)}</td>
            <td>{nameOf(people, r.actor)}</td>
            <td>
              <Lozenge appearance={r.wp === 'WP.08' ? 'new' : 'moved'}>{r.wp}</Lozenge>
              <span className="sd-visually-hidden"> {WP_LABEL[r.wp]}</span>
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
