/** Entry point of the Jira-like sandbox shell: top bar (clock, "Acting as"), routing, pages. */

import { describeError, sandbox } from './api.js';
import { openCreateDialog } from './create-dialog.js';
import { byId, errorBox, formatDate, h, replaceChildren } from './dom.js';
import { showFlag } from './flags.js';
import { SITE_NAME, breadcrumbs, setTitle, showPage, type PageContext } from './pages/common.js';
import { renderIssue } from './pages/issue.js';
import { renderGlobalPage } from './pages/global.js';
import { renderAdmin, renderProject, renderProjectApp, renderSearch } from './pages/project.js';
import { PORTAL_PATHS, renderCreate, renderHelpCenter, renderMyRequests, renderPortal, renderRequest } from './pages/portal.js';
import { renderProjects } from './pages/projects.js';
import { currentRoute, navigate, reload, startRouter, type Route } from './router.js';
import { allUsers, colorMode, currentUser, setColorMode, setCurrentUser, setUsers } from './session.js';
import type { SandboxClock, SandboxUser } from './types.js';

// ---------------------------------------------------------------------------------------------
// Clock

const CLOCK_RESYNC_MS = 30_000;
let clockBase: { serverMs: number; localMs: number; offsetMs: number } | null = null;

function formatDuration(ms: number): string {
  const sign = ms < 0 ? '−' : '+';
  let minutes = Math.round(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  minutes -= days * 1440;
  const hours = Math.floor(minutes / 60);
  minutes -= hours * 60;
  const parts = [days ? `${days} d` : '', hours ? `${hours} h` : '', minutes ? `${minutes} min` : ''].filter(Boolean);
  return parts.length ? `${sign}${parts.join(' ')}` : '±0';
}

function paintClock(): void {
  const timeEl = byId('clock-now');
  const offsetEl = byId('clock-offset');
  if (!clockBase) {
    timeEl.textContent = '—';
    offsetEl.textContent = '';
    return;
  }
  const now = new Date(clockBase.serverMs + (performance.now() - clockBase.localMs));
  // The sandbox clock in the acting user's zone and locale, with the zone named (their profile's, as in Jira).
  timeEl.textContent = formatDate(now.toISOString(), { zone: true });
  timeEl.setAttribute('datetime', now.toISOString());
  timeEl.title = `${now.toISOString()} (UTC)`;
  offsetEl.textContent = clockBase.offsetMs ? `(${formatDuration(clockBase.offsetMs)})` : '';
  offsetEl.title = clockBase.offsetMs ? 'How far the sandbox clock is ahead of real time' : '';
}

function setClock(clock: SandboxClock): void {
  const serverMs = Date.parse(clock.now);
  clockBase = Number.isNaN(serverMs) ? null : { serverMs, localMs: performance.now(), offsetMs: clock.offsetMs };
  paintClock();
}

async function syncClock(): Promise<void> {
  try {
    setClock(await sandbox.clock());
  } catch {
    // keep the last known time; the next sync retries
  }
}

function initClock(): void {
  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-advance-ms]'))) {
    button.addEventListener('click', async () => {
      const advanceMs = Number(button.dataset.advanceMs);
      const buttons = Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-advance-ms]'));
      for (const b of buttons) b.disabled = true;
      try {
        setClock(await sandbox.advanceClock(advanceMs));
        showFlag({ id: 'clock', title: `Sandbox clock advanced ${formatDuration(advanceMs)}`, description: `It is now ${byId('clock-now').textContent ?? ''}.`, type: 'success' });
        reload();
      } catch (err) {
        showFlag({ id: 'clock', title: 'The clock did not move', description: describeError(err), type: 'error' });
      } finally {
        for (const b of buttons) b.disabled = false;
      }
    });
  }
  void syncClock();
  window.setInterval(paintClock, 1_000);
  window.setInterval(() => void syncClock(), CLOCK_RESYNC_MS);
}

// ---------------------------------------------------------------------------------------------
// "Acting as"

function optionLabel(user: SandboxUser): string {
  const roles = user.roles.length ? ` [${user.roles.join(', ')}]` : '';
  return `${user.displayName} — ${user.title || (user.accountType === 'customer' ? 'Customer' : 'Agent')}${roles}`;
}

function paintUserSwitcher(): void {
  const select = byId<HTMLSelectElement>('user-switcher');
  const users = allUsers();
  const agents = users.filter((u) => u.accountType === 'atlassian');
  const customers = users.filter((u) => u.accountType === 'customer');
  const option = (u: SandboxUser): HTMLOptionElement => h('option', { value: u.accountId }, optionLabel(u));
  replaceChildren(
    select,
    agents.length ? h('optgroup', { label: 'Agents' }, agents.map(option)) : null,
    customers.length ? h('optgroup', { label: 'Customers' }, customers.map(option)) : null,
  );
  const user = currentUser();
  if (user) select.value = user.accountId;
  select.disabled = users.length === 0;
}

function paintUserDependent(): void {
  const user = currentUser();
  byId('nav-admin').hidden = !user?.isJiraAdmin;
  // Customers use the help center (JSM's portal); Jira's project pages are for the service team.
  byId('nav-projects').hidden = user?.accountType === 'customer';
  // Agents create issues from the top bar, as in Jira; customers raise requests on the portal instead.
  byId('create-button').hidden = user?.accountType !== 'atlassian';
  byId('nav-global').hidden = !user || user.accountType === 'customer';
  const summary = byId('acting-summary');
  summary.textContent = user ? `${user.accountType === 'customer' ? 'Customer' : 'Agent'}${user.isJiraAdmin ? ', Jira admin' : ''}` : '';
}

function initCreateButton(): void {
  const button = byId<HTMLButtonElement>('create-button');
  button.addEventListener('click', () => {
    const route = currentRoute();
    const projectKey = route.name === 'project' || route.name === 'projectApp' ? route.projectKey : route.name === 'issue' ? route.issueKey.split('-')[0] : undefined;
    openCreateDialog(button, { projectKey });
  });
}

function initUserSwitcher(): void {
  const select = byId<HTMLSelectElement>('user-switcher');
  select.addEventListener('change', () => {
    const user = setCurrentUser(select.value);
    if (!user) return;
    paintUserDependent();
    paintClock();
    byId('live').textContent = `Now acting as ${user.displayName}.`;
    reload();
  });
}

/** Jira's light or dark theme: the shell switches at once, app frames are granted again in the new mode. */
function initThemeSwitcher(): void {
  const select = byId<HTMLSelectElement>('theme-switcher');
  const mode = colorMode();
  setColorMode(mode);
  select.value = mode;
  select.addEventListener('change', () => {
    const next = select.value === 'dark' ? 'dark' : 'light';
    setColorMode(next);
    byId('live').textContent = `${next === 'dark' ? 'Dark' : 'Light'} theme.`;
    reload();
  });
}

// ---------------------------------------------------------------------------------------------
// Pages

let controller: AbortController | null = null;

function paintNav(route: Route): void {
  for (const link of Array.from(document.querySelectorAll<HTMLAnchorElement>('.main-nav a'))) {
    const section = link.dataset.section;
    const portal = ['helpCenter', 'myRequests', 'portal', 'portalCreate', 'portalRequest'].includes(route.name);
    const current =
      (section === 'projects' && !portal && route.name !== 'admin' && route.name !== 'globalPage' && route.name !== 'notFound') ||
      (section === 'admin' && route.name === 'admin') ||
      (section === 'portal' && portal) ||
      (section === 'global' && route.name === 'globalPage');
    if (current) link.setAttribute('aria-current', 'true');
    else link.removeAttribute('aria-current');
  }
}

/** Jira's pages a customer does not get: they land on the help center instead, as on a JSM site. */
const STAFF_ONLY: ReadonlySet<Route['name']> = new Set(['projects', 'project', 'projectApp', 'search', 'admin']);

function renderRoute(route: Route, options: { focus: boolean }): void {
  if (currentUser()?.accountType === 'customer' && STAFF_ONLY.has(route.name)) {
    navigate(PORTAL_PATHS.helpCenter, { replace: true });
    return;
  }
  controller?.abort();
  controller = new AbortController();
  const ctx: PageContext = { main: byId('main'), signal: controller.signal, focus: options.focus };
  paintNav(route);
  let work: Promise<void> | void = undefined;
  switch (route.name) {
    case 'projects':
      work = renderProjects(ctx);
      break;
    case 'project':
      work = renderProject(ctx, route.projectKey);
      break;
    case 'projectApp':
      work = renderProjectApp(ctx, route.projectKey);
      break;
    case 'issue':
      work = renderIssue(ctx, route.issueKey);
      break;
    case 'search':
      renderSearch(ctx);
      break;
    case 'admin':
      work = renderAdmin(ctx);
      break;
    case 'helpCenter':
      work = renderHelpCenter(ctx);
      break;
    case 'myRequests':
      work = renderMyRequests(ctx);
      break;
    case 'portal':
      work = renderPortal(ctx, route.deskId);
      break;
    case 'portalCreate':
      work = renderCreate(ctx, route.deskId, route.typeId);
      break;
    case 'portalRequest':
      work = renderRequest(ctx, route.deskId, route.issueKey);
      break;
    case 'globalPage':
      renderGlobalPage(ctx);
      break;
    case 'notFound':
      setTitle('Page not found');
      showPage(
        ctx,
        breadcrumbs([{ label: 'Projects', href: '/' }, { label: 'Not found' }]),
        h('h1', null, 'Page not found'),
        h('p', null, 'There is no sandbox page at ', h('code', null, route.path), '. ', h('a', { href: '/' }, 'Go to projects'), '.'),
      );
      break;
  }
  Promise.resolve(work).catch((err: unknown) => {
    if (ctx.signal.aborted) return;
    console.error(err);
    replaceChildren(ctx.main, h('h1', null, 'Something went wrong'), errorBox(describeError(err)));
  });
}

// ---------------------------------------------------------------------------------------------
// Boot

async function boot(): Promise<void> {
  setTitle(null);
  byId('site-name').textContent = SITE_NAME;
  initClock();
  initThemeSwitcher();
  initUserSwitcher();
  initCreateButton();
  const main = byId('main');
  try {
    setUsers(await sandbox.users());
  } catch (err) {
    replaceChildren(
      main,
      h('h1', null, 'The sandbox is not answering'),
      errorBox(`The list of sandbox users could not be loaded: ${describeError(err)}`),
      h('p', null, h('button', { type: 'button', class: 'button', onclick: () => location.reload() }, 'Try again')),
    );
    return;
  }
  paintUserSwitcher();
  paintUserDependent();
  if (allUsers().length === 0) {
    replaceChildren(main, h('h1', null, 'No sandbox users'), errorBox('The sandbox has no users. Start it with seed data (--reset).'));
    return;
  }
  startRouter(renderRoute);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void boot(), { once: true });
else void boot();
