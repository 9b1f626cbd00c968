/**
 * Every module key of manifest.yml, once (ADR 011). Server and UI import these constants; test/integration/forge-offline
 * checks them against the manifest, so a renamed module cannot leave a stale string behind.
 */
export const MODULE_KEYS = {
  issuePanel: 'sd-issue-panel',
  adminPage: 'sd-admin-page',
  projectPage: 'sd-project-page',
  /** The customer's view of a request on the JSM customer portal (jiraServiceManagement:portalRequestDetail). */
  portalRequest: 'sd-portal-request',
  /** The customer's part of the portal: catalogue, shared reports, feedback (jiraServiceManagement:portalSubheader). */
  portalHome: 'sd-portal-home',
  globalPage: 'sd-global-page',
  transitionValidator: 'sd-transition-validator',
  issueState: 'sd-issue-state',
  issueEvents: 'sd-issue-events',
  slaScan: 'sd-sla-scan',
} as const;

/** The Custom UI surfaces (modules with a resource and the app's resolver). */
export const UI_MODULE_KEYS = [MODULE_KEYS.issuePanel, MODULE_KEYS.adminPage, MODULE_KEYS.projectPage, MODULE_KEYS.portalRequest, MODULE_KEYS.portalHome, MODULE_KEYS.globalPage] as const;
export type UiModuleKey = (typeof UI_MODULE_KEYS)[number];

/**
 * The surface each module shows: the portal request module shows the issue panel's surface (the same functions and
 * view, for the request the portal names), so a function declared for the issue panel also answers it.
 */
export const SURFACE_OF: Readonly<Record<UiModuleKey, UiModuleKey>> = {
  [MODULE_KEYS.issuePanel]: MODULE_KEYS.issuePanel,
  [MODULE_KEYS.adminPage]: MODULE_KEYS.adminPage,
  [MODULE_KEYS.projectPage]: MODULE_KEYS.projectPage,
  [MODULE_KEYS.portalRequest]: MODULE_KEYS.issuePanel,
  [MODULE_KEYS.portalHome]: MODULE_KEYS.portalHome,
  [MODULE_KEYS.globalPage]: MODULE_KEYS.globalPage,
};

export function isUiModuleKey(key: unknown): key is UiModuleKey {
  return typeof key === 'string' && (UI_MODULE_KEYS as readonly string[]).includes(key);
}
