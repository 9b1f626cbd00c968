import Lozenge from '@atlaskit/lozenge';
import Spinner from '@atlaskit/spinner';
import { useCallback, useEffect, useState } from 'react';
import { AGREEMENT_KIND_LABELS, type AgreementListView } from '@contract/agreement';
import { callFunction, getAppContext } from '../../api';
import { formatDay } from '../../admin/format';
import { AdminError } from '../../admin/ui/AdminError';
import { useAdminCall } from '../../admin/useAdminCall';
import { IssueLink } from '../../incident/IssueLink';

/**
 * Every customer and supplier agreement (WP.03, WP.21; D18, D19) in one list: its kind, the other party, the services
 * it covers, where it stands (the version in force, a draft awaiting sign-off), when its review is due, and any conflict
 * with an agreement it underpins or is underpinned by. Each links to its issue, where it is edited and signed.
 */
export function AgreementsTab() {
  const [view, setView] = useState<AgreementListView | null>(null);
  const [siteUrl, setSiteUrl] = useState('');
  const call = useAdminCall();
  const load = useCallback(() => {
    void call.run('Loading…', () => callFunction('globalPage.agreements.list', {})).then((fresh) => {
      if (fresh) setView(fresh);
    });
    // call.run is stable.
  }, []);
  useEffect(() => {
    load();
    getAppContext().then((c) => setSiteUrl(c.siteUrl), () => setSiteUrl(''));
  }, [load]);

  if (!view) {
    return call.problem ? (
      <AdminError problem={call.problem} onDismiss={load} />
    ) : (
      <div className="sd-center" role="status" data-testid="sd-agreements-loading">
        <Spinner size="medium" label="Loading the agreements" />
      </div>
    );
  }
  return (
    <div data-testid="sd-agreements">
      <p className="sd-muted">
        The agreements with customers and suppliers. Open one to change it or sign it; a change goes through approval again
        while the approved version stays in force.
      </p>
      {view.rows.length === 0 ? (
        <p className="sd-muted" data-testid="sd-agreements-empty">
          No agreement yet. Create an issue of type “Customer agreement” or “Supplier agreement” and draft it in its panel.
        </p>
      ) : (
        <div className="sd-scroll-x">
          <table className="sd-table" data-testid="sd-agreements-table">
            <thead>
              <tr>
                <th scope="col">Agreement</th>
                <th scope="col">Kind</th>
                <th scope="col">With</th>
                <th scope="col">Services</th>
                <th scope="col">Status</th>
                <th scope="col">Review</th>
                <th scope="col">Findings</th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((r) => (
                <tr key={r.issueKey} data-testid={`sd-agreement-row-${r.issueKey}`}>
                  <td>
                    <IssueLink issueKey={r.issueKey} siteUrl={siteUrl} /> {r.title}
                  </td>
                  <td>{r.kind ? AGREEMENT_KIND_LABELS[r.kind] : '—'}</td>
                  <td>{r.party ?? '—'}</td>
                  <td>{r.services.length ? r.services.join(', ') : '—'}</td>
                  <td data-testid="sd-agreement-status">
                    <Lozenge appearance={r.status === 'Draft' ? 'default' : 'success'}>{r.status}</Lozenge>
                    {r.version > 0 ? ` version ${String(r.version)}` : ''}
                    {r.version > 0 && r.draftRevision !== null ? ' · a changed draft awaits sign-off' : ''}
                  </td>
                  <td data-testid="sd-agreement-review">
                    {r.review === null ? '—' : r.review.due ? (
                      <Lozenge appearance="moved">Review due since {formatDay(r.review.dueOn)}</Lozenge>
                    ) : (
                      `Next review ${formatDay(r.review.nextOn)}`
                    )}
                  </td>
                  <td data-testid="sd-agreement-findings">
                    {r.conflicts.length === 0 && r.importProblems.length === 0 ? '—' : null}
                    {r.conflicts.map((c, i) => (
                      <p key={`c${String(i)}`} className="sd-muted">
                        Conflict with <IssueLink issueKey={c.otherKey} siteUrl={siteUrl} />: {c.message}
                      </p>
                    ))}
                    {r.importProblems.length ? <p className="sd-muted">The content in the description could not be read: {r.importProblems.join(' ')}</p> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="sd-hint">Why? WP.03, WP.21; reviews quarterly by default (D18); conflicts between an agreement and those underpinning it (D19, SLM-08).</p>
    </div>
  );
}
