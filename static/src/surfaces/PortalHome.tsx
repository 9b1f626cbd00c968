import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { lazy, Suspense, useMemo, useState } from 'react';
import { setViewerTime } from '../admin/format';
import { Loading } from '../components/States';
import { PORTAL_TABS } from '../portal/tabs';
import type { AppContext } from '../api';

/**
 * The customer's part of the JSM portal (jiraServiceManagement:portalSubheader, SLM-02, D26): the services offered to
 * them, the performance reports shared with them and their feedback. Each tab loads its own data when opened.
 */
export default function PortalHome({ context }: { context: AppContext }) {
  setViewerTime(context);
  const [selected, setSelected] = useState(0);
  const panels = useMemo(() => PORTAL_TABS.map((t) => ({ ...t, Component: lazy(t.load) })), []);
  if (panels.length === 0) return null;
  return (
    <section data-testid="sd-portal-home" aria-label="Your services" className="sd-portal-home">
      <Tabs id="sd-portal-tabs" selected={selected} onChange={setSelected}>
        <TabList>
          {panels.map((t) => <Tab key={t.id} testId={`sd-portal-tab-${t.id}`}>{t.label}</Tab>)}
        </TabList>
        {panels.map((t, i) => (
          <TabPanel key={t.id} testId={`sd-portal-panel-${t.id}`}>
            <div className="sd-tab-body">
              {i === selected ? <Suspense fallback={<Loading label={`Loading ${t.label.toLowerCase()}`} />}><t.Component /></Suspense> : null}
            </div>
          </TabPanel>
        ))}
      </Tabs>
    </section>
  );
}
