/** "/apps/service-delivery": the app's global page (jira:globalPage), in Jira's Apps menu for every licensed user. */

import { appFrame } from '../app-frame.js';
import { errorBox, h } from '../dom.js';
import { APP_PAGE_PATHS } from '../nav.js';
import { currentUser } from '../session.js';
import { breadcrumbs, setTitle, showPage, type PageContext } from './common.js';

export const GLOBAL_PAGE_TITLE = 'Service delivery';

export function renderGlobalPage(ctx: PageContext): void {
  setTitle(GLOBAL_PAGE_TITLE);
  const crumbs = breadcrumbs([{ label: 'Apps' }, { label: GLOBAL_PAGE_TITLE }]);
  const user = currentUser();
  // Jira shows the Apps menu to licensed users only; a portal customer has no Jira navigation at all.
  if (!user || user.accountType === 'customer') {
    showPage(
      ctx,
      crumbs,
      h('h1', null, GLOBAL_PAGE_TITLE),
      errorBox(`“${GLOBAL_PAGE_TITLE}” is an app page in Jira, for people with a Jira licence. ${user ? `${user.displayName} is a portal customer; the portal shows their requests.` : ''}`),
    );
    return;
  }
  const frame = appFrame({
    moduleKey: 'sd-global-page',
    extension: { type: 'jira:globalPage' },
    title: GLOBAL_PAGE_TITLE,
    signal: ctx.signal,
    minHeight: 480,
    historyBase: APP_PAGE_PATHS.globalPage,
  });
  showPage(ctx, crumbs, h('h1', null, GLOBAL_PAGE_TITLE), h('section', { class: 'app-page', 'aria-label': GLOBAL_PAGE_TITLE }, frame.element));
}
