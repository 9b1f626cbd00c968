import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import Spinner from '@atlaskit/spinner';
import { useEffect, useState } from 'react';
import { COMPONENT_KIND_WORDS, ITEM_STATUS_WORDS } from '@contract/configuration-words';
import { formatDay, formatWhen } from '../../admin/format';
import { AdminError } from '../../admin/ui/AdminError';
import { useAdminCall } from '../../admin/useAdminCall';
import { IssueLink } from '../../incident/IssueLink';
import { loadItemHistory, type ConfigurationHistoryView, type ConfigurationItemView } from './api';

/** Every version of one item, newest first (D23: nothing deleted, every version readable), with who, when, what and which change. */
export function ItemHistory({ item, siteUrl, onClose }: { item: ConfigurationItemView; siteUrl: string; onClose: () => void }) {
  const [history, setHistory] = useState<ConfigurationHistoryView | null>(null);
  const call = useAdminCall();
  useEffect(() => {
    void call.run('Loading…', () => loadItemHistory(item.id)).then((h) => {
      if (h) setHistory(h);
    });
    // call.run is stable.
  }, [item.id]);

  return (
    <section className="sd-section" aria-labelledby="sd-config-history-title" data-testid="sd-config-history">
      <h3 id="sd-config-history-title" className="sd-subheading">
        History of “{item.name}” <span className="sd-hint">({item.id})</span>
      </h3>
      {call.problem ? <AdminError problem={call.problem} onDismiss={call.dismiss} /> : null}
      {!history && !call.problem ? <Spinner size="small" label="Loading the versions" /> : null}
      {history ? (
        <table className="sd-table" data-testid="sd-config-versions">
          <thead>
            <tr>
              <th scope="col" className="sd-num">Version</th>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What changed</th>
              <th scope="col">The item in this version</th>
            </tr>
          </thead>
          <tbody>
            {history.versions.map((v) => (
              <tr key={v.version} data-testid="sd-config-version-row">
                <td className="sd-num">
                  {v.version} <Lozenge appearance={v.recordStatus === 'stored' ? 'new' : 'inprogress'}>{v.recordStatus === 'stored' ? 'Stored' : 'Updated'}</Lozenge>
                </td>
                <td className="sd-nowrap">{formatWhen(v.at)}</td>
                <td>{v.by.displayName}</td>
                <td>
                  {v.summary}
                  {v.changeKey ? (
                    <span className="sd-block">
                      Change <IssueLink issueKey={v.changeKey} siteUrl={siteUrl} />
                    </span>
                  ) : null}
                </td>
                <td className="sd-muted-cell">
                  {v.content.name} · {COMPONENT_KIND_WORDS[v.content.kind]} · {v.content.service} · owner {v.content.owner.displayName} · {ITEM_STATUS_WORDS[v.content.status]}
                  {v.content.location ? ` · ${v.content.location}` : ''}
                  {v.content.inServiceSince ? ` · in service since ${formatDay(v.content.inServiceSince)}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Button appearance="subtle" testId="sd-config-history-close" onClick={onClose}>
        Close the history
      </Button>
    </section>
  );
}
