/** "/" — the projects the acting user can browse. */

import { describeError, isAbort, jira } from '../api.js';
import { errorBox, h, loading, replaceChildren } from '../dom.js';
import type { JiraProject, JiraProjectPage } from '../types.js';
import { breadcrumbs, setTitle, showPage, type PageContext } from './common.js';

const PROJECT_TYPES: Record<string, string> = {
  service_desk: 'Service management',
  software: 'Software',
  business: 'Business',
};

export async function renderProjects(ctx: PageContext): Promise<void> {
  setTitle('Projects');
  const region = h('div', { class: 'page-body' }, loading('Loading projects…'));
  showPage(ctx, breadcrumbs([{ label: 'Projects' }]), h('h1', null, 'Projects'), region);
  const projects: JiraProject[] = [];
  try {
    let startAt = 0;
    for (let page = 0; page < 20; page++) {
      const result = await jira.get<JiraProjectPage>(`/rest/api/3/project/search?startAt=${startAt}&maxResults=50`, ctx.signal);
      projects.push(...(result.values ?? []));
      if (result.isLast !== false || (result.values ?? []).length === 0) break;
      startAt += result.values.length;
    }
  } catch (err) {
    if (isAbort(err)) return;
    if (!ctx.signal.aborted) replaceChildren(region, errorBox(describeError(err)));
    return;
  }
  const body =
    projects.length === 0
      ? h('p', { class: 'empty' }, 'There are no projects you can browse. Customers reach their requests by link (for example /browse/SD-1).')
      : h(
          'table',
          { class: 'table', 'data-testid': 'project-list' },
          h('caption', { class: 'visually-hidden' }, 'Projects you can browse'),
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Key'), h('th', { scope: 'col' }, 'Type'))),
          h(
            'tbody',
            null,
            projects.map((p) =>
              h(
                'tr',
                { 'data-testid': `project-row-${p.key}` },
                h('td', null, h('a', { href: `/projects/${encodeURIComponent(p.key)}` }, p.name)),
                h('td', null, p.key),
                h('td', null, PROJECT_TYPES[p.projectTypeKey ?? ''] ?? p.projectTypeKey ?? '—'),
              ),
            ),
          ),
        );
  if (!ctx.signal.aborted) replaceChildren(region, body);
}
