/** "/projects/:key" (issue list) and "/projects/:key/app" (the app's project page). */

import { appFrame } from '../app-frame.js';
import { ApiError, describeError, isAbort, jira } from '../api.js';
import { errorBox, h, iconText, loading, lozenge, replaceChildren, timeEl } from '../dom.js';
import { APP_PAGE_PATHS } from '../nav.js';
import { navigate } from '../router.js';
import { currentUser } from '../session.js';
import type { JiraIssue, JiraProject, JiraSearchResult } from '../types.js';
import { breadcrumbs, projectTabs, setTitle, showPage, type PageContext } from './common.js';

const LIST_FIELDS = 'summary,status,priority,issuetype,assignee,updated';
const PAGE_SIZE = 50;
export const PROJECT_PAGE_TITLE = 'Service delivery';
export const ADMIN_PAGE_TITLE = 'Service delivery profile';

async function loadProject(key: string, signal: AbortSignal): Promise<JiraProject> {
  try {
    return await jira.get<JiraProject>(`/rest/api/3/project/${encodeURIComponent(key)}`, signal);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404 && err.errorMessages.length === 0) {
      throw new ApiError(404, err.message, [`No project could be found with key '${key}'.`]);
    }
    throw err;
  }
}

function tabsFor(project: JiraProject, current: 'issues' | 'app'): HTMLElement {
  const key = encodeURIComponent(project.key);
  const adminLink = currentUser()?.isJiraAdmin
    ? h('a', { href: APP_PAGE_PATHS.admin, class: 'tabs-extra', 'data-testid': 'admin-link' }, 'Apps → ', ADMIN_PAGE_TITLE)
    : null;
  return projectTabs(
    [
      { label: 'Issues', href: `/projects/${key}`, current: current === 'issues' },
      { label: PROJECT_PAGE_TITLE, href: `/projects/${key}/app`, current: current === 'app' },
    ],
    adminLink,
  );
}

function crumbsFor(project: Pick<JiraProject, 'key' | 'name'>, last?: string): HTMLElement {
  const crumbs = [{ label: 'Projects', href: '/' }, last ? { label: project.name, href: `/projects/${encodeURIComponent(project.key)}` } : { label: project.name }];
  if (last) crumbs.push({ label: last });
  return breadcrumbs(crumbs);
}

function issueRow(issue: JiraIssue): HTMLElement {
  const f = issue.fields;
  const href = `/browse/${encodeURIComponent(issue.key)}`;
  return h(
    'tr',
    { 'data-testid': `issue-row-${issue.key}`, 'data-issue-type': f.issuetype?.name ?? '' },
    h('td', null, iconText(f.issuetype?.name, f.issuetype?.iconUrl)),
    h('td', { class: 'nowrap' }, h('a', { href }, issue.key)),
    h('td', null, h('a', { href, tabindex: -1, class: 'summary-link' }, f.summary ?? '(no summary)')),
    h('td', null, f.status ? lozenge(f.status.name, f.status.statusCategory?.key) : '—'),
    h('td', null, f.priority ? iconText(f.priority.name, f.priority.iconUrl) : '—'),
    h('td', null, f.assignee?.displayName ?? 'Unassigned'),
    h('td', { class: 'nowrap' }, timeEl(f.updated)),
  );
}

/** Loads a project for a page, showing the error in `region` instead; null when the page should stop. */
async function loadProjectInto(ctx: PageContext, projectKey: string, region: HTMLElement): Promise<JiraProject | null> {
  try {
    const project = await loadProject(projectKey, ctx.signal);
    return ctx.signal.aborted ? null : project;
  } catch (err) {
    if (!isAbort(err) && !ctx.signal.aborted) replaceChildren(region, errorBox(describeError(err)));
    return null;
  }
}

export async function renderProject(ctx: PageContext, projectKey: string): Promise<void> {
  setTitle(projectKey);
  const region = h('div', { class: 'page-body' }, loading('Loading project…'));
  const heading = h('h1', null, projectKey);
  showPage(ctx, crumbsFor({ key: projectKey, name: projectKey }), heading, region);
  const project = await loadProjectInto(ctx, projectKey, region);
  if (!project) return;
  setTitle(project.name);
  heading.textContent = project.name;
  ctx.main.querySelector('.breadcrumbs')?.replaceWith(crumbsFor(project));

  replaceChildren(region, tabsFor(project, 'issues'), issueSearch(ctx, `project = ${project.key} ORDER BY created DESC`));
}

/**
 * A JQL box and a paged result table. With `onSubmit`, a new search is handed to the caller
 * (e.g. to put it in the URL) instead of running in place.
 */
export function issueSearch(ctx: PageContext, initialJql: string, onSubmit?: (jql: string) => void): HTMLElement {
  const jqlInput = h('input', { id: 'jql-input', type: 'search', value: initialJql, class: 'jql-input', spellcheck: 'false', autocomplete: 'off' });
  const results = h('div', { class: 'issue-results' });
  const form = h(
    'form',
    { class: 'jql-form', role: 'search' },
    h('label', { for: 'jql-input' }, 'Search issues (JQL)'),
    h('div', { class: 'jql-row' }, jqlInput, h('button', { type: 'submit', class: 'button' }, 'Search')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const jql = jqlInput.value.trim() || initialJql;
    if (onSubmit) onSubmit(jql);
    else void search(jql);
  });

  async function search(jql: string): Promise<void> {
    replaceChildren(results, loading('Loading issues…'));
    const tbody = h('tbody');
    const status = h('p', { class: 'result-count', role: 'status' });
    const table = h(
      'table',
      { class: 'table issue-table', 'data-testid': 'issue-list' },
      h('caption', { class: 'visually-hidden' }, `Issues matching ${jql}`),
      h(
        'thead',
        null,
        h('tr', null, ['Type', 'Key', 'Summary', 'Status', 'Priority', 'Assignee', 'Updated'].map((c) => h('th', { scope: 'col' }, c))),
      ),
      tbody,
    );
    const more = h('button', { type: 'button', class: 'button', 'data-testid': 'load-more' }, 'Load more');
    let shown = 0;
    const loadPage = async (token: string | undefined): Promise<void> => {
      const params = new URLSearchParams({ jql, fields: LIST_FIELDS, maxResults: String(PAGE_SIZE) });
      if (token) params.set('nextPageToken', token);
      more.disabled = true;
      more.textContent = 'Loading…';
      try {
        const page = await jira.get<JiraSearchResult>(`/rest/api/3/search/jql?${params.toString()}`, ctx.signal);
        if (ctx.signal.aborted) return;
        for (const issue of page.issues ?? []) tbody.appendChild(issueRow(issue));
        shown += (page.issues ?? []).length;
        if (!token) replaceChildren(results, shown === 0 ? h('p', { class: 'empty' }, 'No issues match this search.') : table, status);
        status.textContent = `${shown} issue${shown === 1 ? '' : 's'} shown`;
        const hasMore = Boolean(page.nextPageToken) && page.isLast !== true;
        if (hasMore) {
          more.disabled = false;
          more.textContent = 'Load more';
          more.onclick = () => void loadPage(page.nextPageToken);
          if (!more.isConnected) results.appendChild(more);
        } else {
          more.remove();
        }
      } catch (err) {
        if (isAbort(err) || ctx.signal.aborted) return;
        more.disabled = false;
        more.textContent = 'Load more';
        if (!token) replaceChildren(results, errorBox(describeError(err)));
        else results.appendChild(errorBox(describeError(err)));
      }
    };
    await loadPage(undefined);
  }

  void search(initialJql);
  return h('div', { class: 'issue-search' }, form, results);
}

/** "/issues/?jql=…" — Jira's issue navigator URL (apps link here with router.navigate). */
export function renderSearch(ctx: PageContext): void {
  setTitle('Search issues');
  const jql = new URLSearchParams(location.search).get('jql')?.trim() || 'ORDER BY created DESC';
  showPage(
    ctx,
    breadcrumbs([{ label: 'Projects', href: '/' }, { label: 'Search issues' }]),
    h('h1', null, 'Search issues'),
    issueSearch(ctx, jql, (next) => navigate(`/issues/?jql=${encodeURIComponent(next)}`)),
  );
}

export async function renderProjectApp(ctx: PageContext, projectKey: string): Promise<void> {
  setTitle(`${PROJECT_PAGE_TITLE} — ${projectKey}`);
  const region = h('div', { class: 'page-body' }, loading('Loading project…'));
  showPage(ctx, crumbsFor({ key: projectKey, name: projectKey }, PROJECT_PAGE_TITLE), h('h1', null, PROJECT_PAGE_TITLE), region);
  const project = await loadProjectInto(ctx, projectKey, region);
  if (!project) return;
  setTitle(`${PROJECT_PAGE_TITLE} — ${project.name}`);
  ctx.main.querySelector('.breadcrumbs')?.replaceWith(crumbsFor(project, PROJECT_PAGE_TITLE));
  const frame = appFrame({
    moduleKey: 'sd-project-page',
    extension: { type: 'jira:projectPage', project: { id: project.id, key: project.key, type: project.projectTypeKey ?? 'service_desk' } },
    title: PROJECT_PAGE_TITLE,
    signal: ctx.signal,
    minHeight: 480,
    historyBase: APP_PAGE_PATHS.projectPage(project.key),
  });
  replaceChildren(region, tabsFor(project, 'app'), h('section', { class: 'app-page', 'aria-label': PROJECT_PAGE_TITLE }, frame.element));
}

export function renderAdmin(ctx: PageContext): void {
  setTitle(ADMIN_PAGE_TITLE);
  const crumbs = breadcrumbs([{ label: 'Apps' }, { label: ADMIN_PAGE_TITLE }]);
  const user = currentUser();
  if (!user?.isJiraAdmin) {
    showPage(
      ctx,
      crumbs,
      h('h1', null, ADMIN_PAGE_TITLE),
      errorBox(`Only Jira administrators can open “${ADMIN_PAGE_TITLE}”. ${user ? `${user.displayName} is not one.` : ''} Pick an administrator in “Acting as”.`),
    );
    return;
  }
  const frame = appFrame({
    moduleKey: 'sd-admin-page',
    extension: { type: 'jira:adminPage' },
    title: ADMIN_PAGE_TITLE,
    signal: ctx.signal,
    minHeight: 480,
    historyBase: APP_PAGE_PATHS.admin,
  });
  showPage(ctx, crumbs, h('h1', null, ADMIN_PAGE_TITLE), h('section', { class: 'app-page', 'aria-label': ADMIN_PAGE_TITLE }, frame.element));
}
