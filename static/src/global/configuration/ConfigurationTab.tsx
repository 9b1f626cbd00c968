import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import Select from '@atlaskit/select';
import Spinner from '@atlaskit/spinner';
import { useCallback, useEffect, useState } from 'react';
import { COMPONENT_KIND_WORDS, COMPONENT_KINDS, ITEM_STATUS_WORDS } from '@contract/configuration-words';
import { getAppContext } from '../../api';
import { formatWhen } from '../../admin/format';
import { AdminError, DoneNote } from '../../admin/ui/AdminError';
import { Empty, Label } from '../../admin/ui/controls';
import { useAdminCall } from '../../admin/useAdminCall';
import { IssueLink } from '../../incident/IssueLink';
import { loadConfiguration, type ComponentKind, type ConfigurationItemView, type ConfigurationView } from './api';
import { ItemForm } from './ItemForm';
import { ItemHistory } from './ItemHistory';

type Option = { value: string; label: string };
const ALL: Option = { value: '', label: 'All' };
const KIND_OPTIONS: Option[] = [ALL, ...COMPONENT_KINDS.map((k) => ({ value: k, label: COMPONENT_KIND_WORDS[k] }))];

type Mode = { kind: 'list' } | { kind: 'add' } | { kind: 'edit'; item: ConfigurationItemView } | { kind: 'history'; item: ConfigurationItemView };

/**
 * The configuration records (WP.02; CO.1.4, CO-14): each service's components — hardware, software, people's
 * competencies and information — with owner, status, version and their last change (CO-11: naming the change that
 * wrote it). The Control Manager or Management add and edit items; every edit is a new version (D23).
 */
export function ConfigurationTab() {
  const [view, setView] = useState<ConfigurationView | null>(null);
  const [service, setService] = useState('');
  const [kind, setKind] = useState('');
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [siteUrl, setSiteUrl] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const call = useAdminCall();

  const load = useCallback(() => {
    void call.run('Loading…', () => loadConfiguration({ ...(service ? { service } : {}), ...(kind ? { kind: kind as ComponentKind } : {}) })).then((fresh) => {
      if (fresh) setView(fresh);
    });
    // call.run is stable; the filters are what reloads.
  }, [service, kind]);

  useEffect(() => { load(); }, [load]);
  useEffect(() => {
    getAppContext().then((c) => setSiteUrl(c.siteUrl), () => undefined);
  }, []);

  if (!view) {
    return call.problem ? (
      <AdminError problem={call.problem} onDismiss={load} />
    ) : (
      <div className="sd-center" role="status" data-testid="sd-config-loading">
        <Spinner size="medium" label="Loading the configuration records" />
      </div>
    );
  }

  const serviceOptions: Option[] = [ALL, ...view.services.map((s) => ({ value: s, label: s }))];
  const done = (text: string) => {
    setMode({ kind: 'list' });
    load();
    setNote(text);
  };

  return (
    <section className="sd-section" aria-labelledby="sd-config-title" data-testid="sd-config">
      <h2 id="sd-config-title" className="sd-section-title">
        Configuration records
      </h2>
      <p className="sd-muted">Each service’s components — hardware, software, people’s competencies and information — with who owns them, their status and every version. A deployed change writes a new version of each item it touched.</p>
      <p className="sd-hint">Why? WP.02 configuration record; CO.1.4, CO-11, CO-14; every version kept (D23).</p>
      {call.problem ? <AdminError problem={call.problem} onDismiss={call.dismiss} onReload={load} /> : null}
      <DoneNote text={note} testId="sd-config-done" />

      <div className="sd-inline-form" role="group" aria-label="Filter the configuration items">
        <div className="sd-field sd-config-filter">
          <Label htmlFor="sd-config-filter-service">Service</Label>
          <Select inputId="sd-config-filter-service" testId="sd-config-filter-service" spacing="compact" options={serviceOptions} value={serviceOptions.find((o) => o.value === service) ?? ALL} onChange={(o) => setService(o?.value ?? '')} />
        </div>
        <div className="sd-field sd-config-filter">
          <Label htmlFor="sd-config-filter-kind">Kind</Label>
          <Select inputId="sd-config-filter-kind" testId="sd-config-filter-kind" spacing="compact" options={KIND_OPTIONS} value={KIND_OPTIONS.find((o) => o.value === kind) ?? ALL} onChange={(o) => setKind(o?.value ?? '')} />
        </div>
        {view.edit.allowed ? (
          <div className="sd-field sd-field-end">
            <Button appearance="primary" testId="sd-config-add" isDisabled={mode.kind !== 'list'} onClick={() => { setNote(null); setMode({ kind: 'add' }); }}>
              Add an item
            </Button>
          </div>
        ) : null}
      </div>
      {!view.edit.allowed && view.edit.reason ? <p className="sd-hint" data-testid="sd-config-readonly">{view.edit.reason}</p> : null}

      {mode.kind === 'add' || mode.kind === 'edit' ? (
        <ItemForm
          item={mode.kind === 'edit' ? mode.item : null}
          services={view.services}
          people={view.people}
          defaultService={service}
          onSaved={(saved) => done(mode.kind === 'add' ? `Stored “${saved.name}” as version 1.` : `Saved “${saved.name}” as version ${saved.version}.`)}
          onCancel={() => setMode({ kind: 'list' })}
        />
      ) : null}
      {mode.kind === 'history' ? <ItemHistory item={mode.item} siteUrl={siteUrl} onClose={() => setMode({ kind: 'list' })} /> : null}

      <ItemsTable items={view.items} filtered={service !== '' || kind !== ''} busy={call.busy !== null} siteUrl={siteUrl} canEdit={view.edit.allowed} onEdit={(item) => setMode({ kind: 'edit', item })} onHistory={(item) => setMode({ kind: 'history', item })} />
    </section>
  );
}

function ItemsTable({ items, filtered, busy, siteUrl, canEdit, onEdit, onHistory }: {
  items: readonly ConfigurationItemView[]; filtered: boolean; busy: boolean; siteUrl: string; canEdit: boolean;
  onEdit: (item: ConfigurationItemView) => void; onHistory: (item: ConfigurationItemView) => void;
}) {
  const head = {
    cells: [
      { key: 'service', content: 'Service', isSortable: true },
      { key: 'name', content: 'Name', isSortable: true },
      { key: 'kind', content: 'Kind', isSortable: true },
      { key: 'owner', content: 'Owner', isSortable: true },
      { key: 'status', content: 'Status' },
      { key: 'version', content: 'Version' },
      { key: 'last', content: 'Last change' },
      { key: 'actions', content: <span className="sd-visually-hidden">Actions</span> },
    ],
  };
  const rows = items.map((item) => ({
    key: item.id,
    testId: `sd-config-row-${item.id}`,
    cells: [
      { key: item.service, content: item.service },
      {
        key: item.name,
        content: (
          <>
            <span className="sd-strong">{item.name}</span>
            <span className="sd-hint sd-block">{item.id}</span>
          </>
        ),
      },
      { key: item.kind, content: COMPONENT_KIND_WORDS[item.kind] },
      { key: item.owner.displayName, content: item.owner.displayName },
      { key: item.status, content: <Lozenge appearance={item.status === 'active' ? 'success' : 'default'}>{ITEM_STATUS_WORDS[item.status]}</Lozenge> },
      { key: item.version, content: <span data-testid={`sd-config-version-${item.id}`}>{`${item.version} · ${item.recordStatus === 'stored' ? 'stored' : 'updated'}`}</span> },
      {
        key: item.lastChange.at,
        content: (
          <>
            <span className="sd-block">{item.lastChange.summary}</span>
            <span className="sd-hint sd-block">
              {item.lastChange.by.displayName}, {formatWhen(item.lastChange.at)}
              {item.lastChange.changeKey ? (
                <>
                  {' · change '}
                  <IssueLink issueKey={item.lastChange.changeKey} siteUrl={siteUrl} />
                </>
              ) : null}
            </span>
          </>
        ),
      },
      {
        key: 'actions',
        content: (
          <span className="sd-actions">
            <Button appearance="subtle" spacing="compact" testId={`sd-config-history-${item.id}`} onClick={() => onHistory(item)}>
              History
            </Button>
            {canEdit ? (
              <Button appearance="subtle" spacing="compact" testId={`sd-config-edit-${item.id}`} isDisabled={busy} onClick={() => onEdit(item)}>
                Edit
              </Button>
            ) : null}
          </span>
        ),
      },
    ],
  }));
  return (
    <div className="sd-scroll-x" data-testid="sd-config-table">
      <DynamicTable
        caption={<span className="sd-visually-hidden">Configuration items</span>}
        head={head}
        rows={rows}
        rowsPerPage={25}
        emptyView={
          <Empty testId="sd-config-empty">
            {filtered ? 'No configuration item matches these filters.' : 'No configuration items are recorded yet. Add each service’s hardware, software, competencies and documents.'}
          </Empty>
        }
      />
    </div>
  );
}
