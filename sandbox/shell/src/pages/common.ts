/** Helpers shared by the shell's pages. */

import { h, replaceChildren, type Child } from '../dom.js';

export const SITE_NAME = 'Acme Cloud Services — Jira (sandbox)';

export interface PageContext {
  main: HTMLElement;
  signal: AbortSignal;
  /** Move focus to the page heading (after a navigation, not on first load or user switch). */
  focus: boolean;
}

export function setTitle(title: string | null): void {
  document.title = title ? `${title} — ${SITE_NAME}` : SITE_NAME;
}

export interface Crumb {
  label: string;
  href?: string;
}

export function breadcrumbs(crumbs: Crumb[]): HTMLElement {
  return h(
    'nav',
    { class: 'breadcrumbs', 'aria-label': 'Breadcrumbs' },
    h('ol', null, crumbs.map((c) => h('li', null, c.href ? h('a', { href: c.href }, c.label) : h('span', { 'aria-current': 'page' }, c.label)))),
  );
}

/** Replaces the page content; the first <h1> becomes the focus target for keyboard/screen-reader users. */
export function showPage(ctx: PageContext, ...children: (Child | Child[])[]): void {
  if (ctx.signal.aborted) return;
  replaceChildren(ctx.main, ...children);
  if (ctx.focus) {
    const heading = ctx.main.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
  }
  window.scrollTo(0, 0);
}

export interface ProjectTab {
  label: string;
  href: string;
  current: boolean;
}

export function projectTabs(tabs: ProjectTab[], extra?: Child): HTMLElement {
  return h(
    'nav',
    { class: 'tabs', 'aria-label': 'Project' },
    h('ul', null, tabs.map((t) => h('li', null, h('a', { href: t.href, 'aria-current': t.current ? 'page' : null, class: t.current ? 'tab tab-current' : 'tab' }, t.label)))),
    extra,
  );
}
