import { lazy, type ReactElement } from 'react';
import { MODULE_KEYS } from '@contract/modules';
import { loadAdminPage, loadGlobalPage, loadIssuePanel, loadProjectPage, type AppContext, type ModuleKey } from './api';

// One lazy chunk per surface: the issue panel chunk carries no admin/project code.
const importIssuePanel = () => import('./surfaces/IssuePanel');
const importAdminPage = () => import('./surfaces/AdminPage');
const importProjectPage = () => import('./surfaces/ProjectPage');
const importGlobalPage = () => import('./surfaces/GlobalPage');
const importPortalHome = () => import('./surfaces/PortalHome');

const IssuePanel = lazy(importIssuePanel);
const AdminPage = lazy(importAdminPage);
const ProjectPage = lazy(importProjectPage);
const GlobalPage = lazy(importGlobalPage);
const PortalHome = lazy(importPortalHome);

/** Starts the surface's resolver call and chunk download at once, then returns its element. */
type Start = (context: AppContext) => ReactElement;

function started<T>(load: () => Promise<T>, preload: () => Promise<unknown>): Promise<T> {
  preload().catch(() => undefined); // React.lazy reports chunk failures when it renders.
  const initial = load();
  initial.catch(() => undefined); // handled by the surface; avoid an unhandled-rejection report
  return initial;
}

const ROUTES: Readonly<Record<ModuleKey, Start>> = {
  [MODULE_KEYS.issuePanel]: (context) => (
    <IssuePanel context={context} initial={started(loadIssuePanel, importIssuePanel)} />
  ),
  // The customer portal's request view shows the issue panel's surface for the request (SURFACE_OF).
  [MODULE_KEYS.portalRequest]: (context) => (
    <IssuePanel context={context} initial={started(loadIssuePanel, importIssuePanel)} />
  ),
  [MODULE_KEYS.adminPage]: (context) => <AdminPage context={context} initial={started(loadAdminPage, importAdminPage)} />,
  [MODULE_KEYS.projectPage]: (context) => (
    <ProjectPage context={context} initial={started(loadProjectPage, importProjectPage)} />
  ),
  [MODULE_KEYS.globalPage]: (context) => <GlobalPage context={context} initial={started(loadGlobalPage, importGlobalPage)} />,
  // Each tab of the customer's portal part loads its own data when it opens.
  [MODULE_KEYS.portalHome]: (context) => <PortalHome context={context} />,
};

export { isUiModuleKey as isModuleKey } from '@contract/modules';

export function startSurface(context: AppContext & { moduleKey: ModuleKey }): ReactElement {
  return ROUTES[context.moduleKey](context);
}
