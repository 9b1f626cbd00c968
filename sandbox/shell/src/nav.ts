/** Maps @forge/bridge `router` navigation locations to sandbox shell paths. */

import { isRecord } from './protocol.js';

export const APP_PAGE_PATHS = {
  admin: '/admin',
  globalPage: '/apps/service-delivery',
  projectPage: (projectKey: string): string => `/projects/${encodeURIComponent(projectKey)}/app`,
} as const;

function joinSubPath(base: string, path: unknown): string {
  if (typeof path !== 'string' || path === '' || path === '/') return base;
  return `${base}${path.startsWith('/') ? '' : '/'}${path}`;
}

function requireString(location: Record<string, unknown>, field: string): string {
  const value = location[field];
  if (typeof value !== 'string' || value === '') {
    throw new Error(`Navigation target "${String(location.target)}" needs "${field}".`);
  }
  return value;
}

/**
 * Returns the absolute URL for a `NavigationLocation` (or a URL string), resolved against `origin`.
 * Throws an Error with a readable message for targets a Jira sandbox has no page for.
 */
export function resolveNavigationUrl(location: unknown, origin: string): string {
  if (typeof location === 'string') return new URL(location, origin).toString();
  if (!isRecord(location)) throw new Error('Navigation needs a URL or a location object.');
  if (typeof location.url === 'string') return new URL(location.url, origin).toString();
  const target = location.target;
  let path: string;
  switch (target) {
    case 'issue':
      path = `/browse/${encodeURIComponent(requireString(location, 'issueKey'))}`;
      break;
    case 'projectSettingsDetails':
      path = `/projects/${encodeURIComponent(requireString(location, 'projectKey'))}`;
      break;
    case 'module': {
      const moduleKey = requireString(location, 'moduleKey');
      if (moduleKey === 'sd-admin-page') {
        path = joinSubPath(APP_PAGE_PATHS.admin, location.path);
      } else if (moduleKey === 'sd-global-page') {
        path = joinSubPath(APP_PAGE_PATHS.globalPage, location.path);
      } else if (moduleKey === 'sd-project-page') {
        path = joinSubPath(APP_PAGE_PATHS.projectPage(requireString(location, 'projectKey')), location.path);
      } else {
        throw new Error(`Module "${moduleKey}" has no page of its own in the sandbox.`);
      }
      break;
    }
    default:
      throw new Error(`Navigation target "${String(target)}" is not supported by the sandbox.`);
  }
  return new URL(path, origin).toString();
}
