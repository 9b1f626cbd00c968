import { router } from '@forge/bridge';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { token } from '@atlaskit/tokens';
import { lazy, Suspense, useState, type MouseEvent } from 'react';
import { loadProjectPage, type ProjectPageView } from '../api';
import { ViewerRoles } from '../components/RoleList';
import { ErrorState, Loading } from '../components/States';
import { intlLocale } from '../incident/format';
import { recordKindLabel } from '../recordKind';
import type { ViewerTime } from '../reports/IncidentReports';
import { useResolver } from '../useResolver';
import type { SurfaceProps } from './types';
// The pre-approved change templates (issue #13): their own chunk and their own call.
const ChangeTemplates = lazy(() => import('../change/ChangeTemplates'));

// The reports are their own chunks: the page's first paint (open records) does not wait for them, and the change
// reports load when their tab is first opened.
const IncidentReports = lazy(() => import('../reports/IncidentReports'));
const ChangeReports = lazy(() => import('../reports/ChangeReports'));

export default function ProjectPage({ initial, context }: SurfaceProps<ProjectPageView>) {
  const [resource, retry] = useResolver(loadProjectPage, initial);
  if (resource.status === 'loading') return <Loading label="Loading open service records" />;
  if (resource.status === 'error') return <ErrorState message={resource.message} onRetry={retry} />;
  return <ProjectPageBody view={resource.data} siteUrl={context.siteUrl} viewerTime={{ timeZone: context.timezone || undefined, locale: intlLocale(context.locale) }} />;
}

/** Plain words for each kind of record; the standard's names and work-product ids go in the muted "Why?" line. */
const KIND_WORDS: Readonly<Record<string, string>> = {
  incident: 'Incidents',
  'service-change-request': 'Change requests',
  'customer-agreement': 'Customer agreements',
  'supplier-agreement': 'Supplier agreements',
};

function jqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Issue search for the open issues of one type in the project (relative to the site). */
function openIssuesPath(projectKey: string, issueType: string): string {
  const jql = `project = ${jqlString(projectKey)} AND issuetype = ${jqlString(issueType)} AND statusCategory != Done ORDER BY created DESC`;
  return `/issues/?jql=${encodeURIComponent(jql)}`;
}

function followInHost(event: MouseEvent<HTMLAnchorElement>, path: string): void {
  // Inside the Forge iframe a plain link would navigate the iframe; let the host navigate.
  event.preventDefault();
  const newTab = event.metaKey || event.ctrlKey || event.shiftKey || event.button === 1;
  (newTab ? router.open(path) : router.navigate(path)).catch(() => undefined);
}

export function ProjectPageBody({ view, siteUrl, viewerTime }: { view: ProjectPageView; siteUrl: string; viewerTime: ViewerTime }) {
  const { project, openByKind, viewer } = view;
  const base = siteUrl.replace(/\/+$/, '');
  return (
    <main data-testid="sd-project" aria-labelledby="sd-project-title" style={{ display: 'grid', gap: token('space.300') }}>
      <header style={{ display: 'grid', gap: token('space.050') }}>
        <h1 id="sd-project-title" style={{ font: token('font.heading.large'), margin: 0 }}>
          {project.name}
        </h1>
        <p style={{ margin: 0, color: token('color.text.subtle') }}>
          Service delivery · {project.key}
        </p>
      </header>

      <section aria-labelledby="sd-project-open-title" style={{ display: 'grid', gap: token('space.100') }}>
        <h2 id="sd-project-open-title" style={{ font: token('font.heading.small'), margin: 0 }}>
          Open records
        </h2>
        {openByKind.length === 0 ? (
          <p data-testid="sd-project-empty" style={{ margin: 0, color: token('color.text.subtle') }}>
            No issue type of this project is mapped to a service record yet.
          </p>
        ) : (
          <table className="sd-table" style={{ maxWidth: '40rem' }}>
            <thead>
              <tr>
                <th scope="col">Record</th>
                <th scope="col">Issue type</th>
                <th scope="col" className="sd-num">
                  Open
                </th>
              </tr>
            </thead>
            <tbody>
              {openByKind.map((row) => {
                const path = openIssuesPath(project.key, row.issueType);
                return (
                  <tr key={`${row.kind}:${row.issueType}`} data-testid={`sd-project-row-${row.kind}`}>
                    <th scope="row">{KIND_WORDS[row.kind] ?? 'Other work'}</th>
                    <td>{row.issueType}</td>
                    <td className="sd-num">
                      <a
                        className="sd-link"
                        href={`${base}${path}`}
                        onClick={(event) => followInHost(event, path)}
                        aria-label={`${row.open} open ${row.issueType} ${row.open === 1 ? 'issue' : 'issues'}`}
                      >
                        {row.open}
                      </a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {openByKind.some((row) => recordKindLabel(row.kind) !== null) ? (
          <p data-testid="sd-project-why" style={{ margin: 0, color: token('color.text.subtlest'), font: token('font.body.small') }}>
            Why? ISO/IEC TR 29110-5-3 records:{' '}
            {[...new Set(openByKind.map((row) => recordKindLabel(row.kind)).filter((l): l is string => l !== null))].join(', ')}.
          </p>
        ) : null}
      </section>
      <Suspense fallback={<Loading label="Loading pre-approved changes" />}>
        <ChangeTemplates siteUrl={siteUrl} viewerTime={viewerTime} />
      </Suspense>

      {view.teamFigures ? (
        <ReportTabs projectKey={project.key} viewerTime={viewerTime} serverNow={view.now} />
      ) : (
        <Suspense fallback={<Loading label="Loading incident reports" />}>
          <IncidentReports projectKey={project.key} viewer={viewerTime} serverNow={view.now} />
        </Suspense>
      )}

      <ViewerRoles
        roles={viewer.roles}
        rolesConfigured
        headingId="sd-project-roles-title"
      />
    </main>
  );
}

/** The service team's reports: incidents, and changes (D26: never shown to a customer; the server refuses them too). */
function ReportTabs({ projectKey, viewerTime, serverNow }: { projectKey: string; viewerTime: ViewerTime; serverNow: string }) {
  const [selected, setSelected] = useState(0);
  return (
    <Tabs id="sd-project-report-tabs" selected={selected} onChange={setSelected}>
      <TabList>
        <Tab testId="sd-project-tab-incidents">Incidents</Tab>
        <Tab testId="sd-project-tab-changes">Changes</Tab>
      </TabList>
      <TabPanel testId="sd-project-panel-incidents">
        <div style={{ width: '100%', paddingBlock: token('space.200') }}>
          <Suspense fallback={<Loading label="Loading incident reports" />}>
            <IncidentReports projectKey={projectKey} viewer={viewerTime} serverNow={serverNow} />
          </Suspense>
        </div>
      </TabPanel>
      <TabPanel testId="sd-project-panel-changes">
        <div style={{ width: '100%', paddingBlock: token('space.200') }}>
          <Suspense fallback={<Loading label="Loading change reports" />}>
            <ChangeReports projectKey={projectKey} viewer={viewerTime} serverNow={serverNow} />
          </Suspense>
        </div>
      </TabPanel>
    </Tabs>
  );
}
