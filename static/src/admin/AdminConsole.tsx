import './admin.css';
import Lozenge from '@atlaskit/lozenge';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { useCallback, useMemo, useState, type Dispatch, type SetStateAction } from 'react';
import { loadAdminPage } from '../api';
import type { AdminPageView } from './adminApi';
import { ROLES } from './domain';
import { peopleIndex } from './format';
import { adminCalls, type GovernancePanelProps, type GovernanceView } from './governance';
import { HistoryPanel } from './HistoryPanel';
import { PolicyEditor } from './policy/PolicyEditor';
import { ProcessesPanel } from './ProcessesPanel';
import { RolesPanel } from './roles/RolesPanel';
import { SetupWizard } from './setup/SetupWizard';
import { AdminError } from './ui/AdminError';
import { useAdminCall } from './useAdminCall';

const TABS = [
  { id: 'setup', label: 'Setup' },
  { id: 'processes', label: 'Processes' },
  { id: 'roles', label: 'Roles' },
  { id: 'policy', label: 'Policy' },
  { id: 'history', label: 'History' },
] as const;

/** What every panel receives: the page's one view, and how to replace it with a fresher one. */
export interface PanelProps {
  view: AdminPageView;
  onView: Dispatch<SetStateAction<AdminPageView>>;
  /** Loads the view again (after a conflict); local edits stay. */
  reload: () => void;
  people: ReadonlyMap<string, string>;
}

/**
 * The admin page (issue #4): one view from `adminPage.load`; every change answers a fresh view that replaces it.
 * Tab panels stay mounted once opened, so an unsaved edit survives switching tabs.
 */
export function AdminConsole({ initialView }: { initialView: AdminPageView }) {
  const [view, setView] = useState(initialView);
  const [selected, setSelected] = useState(0);
  const loader = useAdminCall();
  const people = useMemo(() => peopleIndex(view.people, [view.viewer]), [view]);

  const reload = useCallback(() => {
    void loader.run('Reloading…', loadAdminPage).then((fresh) => {
      if (fresh) setView(fresh);
    });
  }, [loader.run]);

  const panel: PanelProps = { view, onView: setView, reload, people };
  const onGovernance = useCallback((next: GovernanceView) => setView((prev) => ({ ...prev, ...next })), []);
  const governance: GovernancePanelProps = { view, onView: onGovernance, reload, people, calls: adminCalls };
  const { viewer } = view;

  return (
    <main data-testid="sd-admin" aria-labelledby="sd-admin-title" className="sd-admin">
      <header className="sd-admin-header">
        <h1 id="sd-admin-title" className="sd-admin-title">
          Service delivery profile
        </h1>
        <p className="sd-muted">
          Setup, processes and the service team’s roles and policy. Signed in as{' '}
          <strong>{viewer.displayName}</strong>
          {viewer.isJiraAdmin ? ' · Jira administrator' : ''}
          {viewer.roles.length > 0 ? ' · ' : ''}
          {viewer.roles.map((code) => (
            <span key={code} className="sd-inline-lozenge">
              <Lozenge appearance="new">{ROLES[code].name}</Lozenge>
            </span>
          ))}
          {loader.busy ? <span role="status"> · {loader.busy}</span> : null}
        </p>
      </header>
      {loader.problem ? <AdminError problem={loader.problem} onDismiss={loader.dismiss} /> : null}

      <Tabs id="sd-admin-tabs" selected={selected} onChange={setSelected}>
        <TabList>
          {TABS.map((tab) => (
            <Tab key={tab.id} testId={`sd-admin-tab-${tab.id}`}>
              {tab.label}
            </Tab>
          ))}
        </TabList>
        <TabPanel testId="sd-admin-panel-setup">
          <div className="sd-tab-body">
            <SetupWizard {...panel} />
          </div>
        </TabPanel>
        <TabPanel testId="sd-admin-panel-processes">
          <div className="sd-tab-body">
            <ProcessesPanel {...panel} />
          </div>
        </TabPanel>
        <TabPanel testId="sd-admin-panel-roles">
          <div className="sd-tab-body">
            <RolesPanel {...governance} />
          </div>
        </TabPanel>
        <TabPanel testId="sd-admin-panel-policy">
          <div className="sd-tab-body">
            <PolicyEditor {...governance} />
          </div>
        </TabPanel>
        <TabPanel testId="sd-admin-panel-history">
          <div className="sd-tab-body">
            <HistoryPanel view={view} people={people} setupRuns={view.setup.lastRuns} />
          </div>
        </TabPanel>
      </Tabs>
    </main>
  );
}
