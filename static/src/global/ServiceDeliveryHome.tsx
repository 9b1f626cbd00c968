import '../admin/admin.css';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { useCallback, useMemo, useState } from 'react';
import { loadGlobalPage, type GovernanceView } from '../api';
import { ROLES } from '../admin/domain';
import { peopleIndex } from '../admin/format';
import { globalPageCalls, type GovernancePanelProps } from '../admin/governance';
import { HistoryPanel } from '../admin/HistoryPanel';
import { PolicyEditor } from '../admin/policy/PolicyEditor';
import { RolesPanel } from '../admin/roles/RolesPanel';
import { AdminError } from '../admin/ui/AdminError';
import { useAdminCall } from '../admin/useAdminCall';
import { ScheduleTab } from './schedule/ScheduleTab';
import { ConfigurationTab } from './configuration/ConfigurationTab';
import { ProceduresTab } from './procedures/ProceduresTab';
import { CatalogueTab } from './catalogue/CatalogueTab';
import { AgreementsTab } from './agreements/AgreementsTab';
import { FeedbackTab } from './feedback/FeedbackTab';
import { PerformanceTab } from './performance/PerformanceTab';
import './global.css';

const TABS = [
  { id: 'roles', label: 'Roles' },
  { id: 'policy', label: 'Policy' },
  { id: 'schedule', label: 'Change schedule' },
  { id: 'configuration', label: 'Configuration' },
  { id: 'procedures', label: 'Procedures' },
  { id: 'catalogue', label: 'Service catalogue' },
  { id: 'agreements', label: 'Agreements' },
  { id: 'feedback', label: 'Feedback' },
  { id: 'performance', label: 'Performance reports' },
  { id: 'history', label: 'History' },
] as const;

/** What the viewer does here, in words: the duties their roles give them on this page (D4–D7, D28). */
function dutiesOf(view: GovernanceView): string {
  const p = view.permissions;
  const duties: string[] = [];
  if (p['roles.approve'].allowed) duties.push('approve the list of assigned roles');
  else if (p['roles.edit'].allowed) duties.push('propose changes to the list of assigned roles');
  if (p['training.record'].allowed) duties.push('record training');
  if (p['policy.approve'].allowed) duties.push('approve the policy');
  else if (p['policy.edit'].allowed) duties.push('draft changes to the policy');
  // Service control (issue #13): CO.1.4 configuration records, CO.1.2/CO.1.3/CO.1.5 procedures.
  const roles = view.viewer.roles;
  if (roles.includes('CM') || roles.includes('MGT')) duties.push('keep the configuration records');
  if (roles.includes('CM')) duties.push('draft the service control procedures');
  if (roles.some((r) => r === 'SM' || r === 'MGT' || r === 'CM')) duties.push('approve the procedures');
  // Service relationship (issue #14): RE.1.1, RE.1.2 the service catalogue.
  if (roles.some((r) => r === 'RM' || r === 'SM')) duties.push('draft and approve the service catalogue');
  // Agreements (issue #14): drafted by RM or SM (RE.2.1); listed here, edited and signed in each agreement's issue.
  if (roles.includes('RM') || roles.includes('SM')) duties.push('keep the customer and supplier agreements');
  if (duties.length === 0) return 'You can read who holds each role, the service delivery policy, the configuration records, the procedures, the service catalogue, the agreements and the feedback log.';
  // Feedback (issue #14): GO.2.3 (RM/SM draft, MGT approves the approach), RE.2.3 (RM/SM handle the log).
  if (roles.includes('RM') || roles.includes('SM')) duties.push('handle customer feedback');
  if (roles.includes('MGT')) duties.push('approve the customer experience approach');
  const last = duties.pop();
  return `Here you ${duties.length ? `${duties.join(', ')} and ${last}` : last}.`;
}

/**
 * The global page "Service delivery" (D28): the service team's home. Everyone on the team reads who holds each role and
 * the policy; managers do their governance duties here without being Jira administrators. Project setup and field
 * mapping stay on the admin page. Each action answers a fresh view that replaces this one.
 */
export function ServiceDeliveryHome({ initialView }: { initialView: GovernanceView }) {
  const [view, setView] = useState(initialView);
  const [selected, setSelected] = useState(0);
  const loader = useAdminCall();
  const people = useMemo(() => peopleIndex(view.people, [view.viewer]), [view]);

  const reload = useCallback(() => {
    void loader.run('Reloading…', loadGlobalPage).then((fresh) => {
      if (fresh) setView(fresh);
    });
  }, [loader.run]);

  const panel: GovernancePanelProps = { view, onView: setView, reload, people, calls: globalPageCalls };
  const { viewer } = view;
  const roleNames = viewer.roles.map((code) => ROLES[code].name);

  return (
    <main data-testid="sd-global" aria-labelledby="sd-global-title" className="sd-admin">
      <header className="sd-admin-header">
        <h1 id="sd-global-title" className="sd-admin-title">
          Service delivery
        </h1>
        <p className="sd-muted" data-testid="sd-global-viewer">
          Signed in as <strong>{viewer.displayName}</strong>
          {roleNames.length > 0 ? ` · ${roleNames.join(', ')}` : ''}. {dutiesOf(view)}
          {loader.busy ? <span role="status"> · {loader.busy}</span> : null}
        </p>
        <p className="sd-hint">Why? The service team’s home for governance (ISO/IEC TR 29110-5-3 GO.1.2, GO.2.1, GO.2.2; D28).</p>
      </header>
      {loader.problem ? <AdminError problem={loader.problem} onDismiss={loader.dismiss} /> : null}

      <Tabs id="sd-global-tabs" selected={selected} onChange={setSelected}>
        <TabList>
          {TABS.map((tab) => (
            <Tab key={tab.id} testId={`sd-global-tab-${tab.id}`}>
              {tab.label}
            </Tab>
          ))}
        </TabList>
        <TabPanel testId="sd-global-panel-roles">
          <div className="sd-tab-body">
            <RolesPanel {...panel} />
          </div>
        </TabPanel>
        <TabPanel testId="sd-global-panel-policy">
          <div className="sd-tab-body">
            <PolicyEditor {...panel} />
          </div>
        </TabPanel>
        <TabPanel testId="sd-global-panel-schedule">
          <div className="sd-tab-body">{TABS[selected]?.id === 'schedule' ? <ScheduleTab /> : null}</div>
        </TabPanel>
        <TabPanel testId="sd-global-panel-configuration">
          <div className="sd-tab-body">
            <ConfigurationTab />
          </div>
        </TabPanel>
        <TabPanel testId="sd-global-panel-procedures">
          <div className="sd-tab-body">
            <ProceduresTab />
          </div>
        </TabPanel>
        <TabPanel testId="sd-global-panel-catalogue">
          <div className="sd-tab-body">{TABS[selected]?.id === 'catalogue' ? <CatalogueTab /> : null}</div>
        </TabPanel>
        <TabPanel testId="sd-global-panel-agreements">
          <div className="sd-tab-body">{TABS[selected]?.id === 'agreements' ? <AgreementsTab /> : null}</div>
        </TabPanel>
        <TabPanel testId="sd-global-panel-feedback">
          <div className="sd-tab-body">{TABS[selected]?.id === 'feedback' ? <FeedbackTab /> : null}</div>
        </TabPanel>
        <TabPanel testId="sd-global-panel-performance">
          <div className="sd-tab-body">{TABS[selected]?.id === 'performance' ? <PerformanceTab /> : null}</div>
        </TabPanel>
        <TabPanel testId="sd-global-panel-history">
          <div className="sd-tab-body">
            <HistoryPanel view={view} people={people} />
          </div>
        </TabPanel>
      </Tabs>
    </main>
  );
}
