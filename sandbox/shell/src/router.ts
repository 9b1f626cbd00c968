/** History-API routing for the shell's pages. */

export type Route =
  | { name: 'projects' }
  | { name: 'project'; projectKey: string }
  | { name: 'projectApp'; projectKey: string; subPath: string }
  | { name: 'issue'; issueKey: string }
  | { name: 'search' }
  | { name: 'admin'; subPath: string }
  | { name: 'helpCenter' }
  | { name: 'myRequests' }
  | { name: 'portal'; deskId: string }
  | { name: 'portalCreate'; deskId: string; typeId: string }
  | { name: 'portalRequest'; deskId: string; issueKey: string }
  | { name: 'globalPage'; subPath: string }
  | { name: 'notFound'; path: string };

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/projects') return { name: 'projects' };
  if (path === '/issues') return { name: 'search' };
  let m = /^\/browse\/([^/]+)$/.exec(path);
  if (m?.[1]) return { name: 'issue', issueKey: decode(m[1]).toUpperCase() };
  m = /^\/projects\/([^/]+)\/app(\/.*)?$/.exec(path);
  if (m?.[1]) return { name: 'projectApp', projectKey: decode(m[1]).toUpperCase(), subPath: m[2] ?? '/' };
  m = /^\/projects\/([^/]+)(?:\/issues)?$/.exec(path);
  if (m?.[1]) return { name: 'project', projectKey: decode(m[1]).toUpperCase() };
  // The JSM customer portal's paths (pages/portal.ts).
  if (path === '/servicedesk/customer/portals') return { name: 'helpCenter' };
  if (path === '/servicedesk/customer/user/requests') return { name: 'myRequests' };
  m = /^\/servicedesk\/customer\/portal\/([^/]+)\/create\/([^/]+)$/.exec(path);
  if (m?.[1] && m[2]) return { name: 'portalCreate', deskId: decode(m[1]), typeId: decode(m[2]) };
  m = /^\/servicedesk\/customer\/portal\/([^/]+)\/([^/]+)$/.exec(path);
  if (m?.[1] && m[2]) return { name: 'portalRequest', deskId: decode(m[1]), issueKey: decode(m[2]).toUpperCase() };
  m = /^\/servicedesk\/customer\/portal\/([^/]+)$/.exec(path);
  if (m?.[1]) return { name: 'portal', deskId: decode(m[1]) };
  m = /^\/apps\/service-delivery(\/.*)?$/.exec(path);
  if (m) return { name: 'globalPage', subPath: m[1] ?? '/' };
  m = /^\/admin(\/.*)?$/.exec(path);
  if (m) return { name: 'admin', subPath: m[1] ?? '/' };
  return { name: 'notFound', path: pathname };
}

/** Two routes show the same page (so an app page's inner navigation need not re-render it). */
export function samePage(a: Route, b: Route): boolean {
  if (a.name !== b.name) return false;
  if (a.name === 'projectApp' && b.name === 'projectApp') return a.projectKey === b.projectKey;
  return a.name === 'admin' || a.name === 'globalPage';
}

type RenderFn = (route: Route, options: { focus: boolean }) => void;
type PopInterceptor = (route: Route) => boolean;

let render: RenderFn = () => undefined;
let popInterceptor: PopInterceptor | null = null;

export function currentRoute(): Route {
  return parseRoute(location.pathname);
}

export function startRouter(renderFn: RenderFn): void {
  render = renderFn;
  window.addEventListener('popstate', () => {
    const route = currentRoute();
    if (popInterceptor?.(route)) return;
    render(route, { focus: true });
  });
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const target = event.target instanceof Element ? event.target.closest('a') : null;
    if (!target || (target.target && target.target !== '_self') || target.hasAttribute('download')) return;
    const url = new URL(target.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/rest/') || url.pathname.startsWith('/sandbox/')) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
  render(currentRoute(), { focus: false });
}

/** Client-side navigation; `silent` only updates the address bar (used by app-page history). */
export function navigate(path: string, options: { replace?: boolean; silent?: boolean } = {}): void {
  const url = new URL(path, location.href);
  if (url.origin !== location.origin) {
    location.assign(url.toString());
    return;
  }
  const target = url.pathname + url.search + url.hash;
  if (options.replace) history.replaceState(null, '', target);
  else if (target !== location.pathname + location.search + location.hash) history.pushState(null, '', target);
  if (!options.silent) render(currentRoute(), { focus: true });
}

/** Re-renders the current page (after switching user, advancing the clock, `router.reload()`…). */
export function reload(): void {
  render(currentRoute(), { focus: false });
}

export function setPopInterceptor(interceptor: PopInterceptor | null): void {
  popInterceptor = interceptor;
}
