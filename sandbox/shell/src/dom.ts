/** A tiny element builder: h('a', { href: '/x', class: 'link' }, 'text', child). */
import { currentUser } from './session.js';
import { formatInstant } from './time.js';

export type Child = Node | string | number | null | undefined | false;
type Handler = (event: Event) => void;
export type Attrs = Record<string, string | number | boolean | null | undefined | Handler>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (typeof value === 'function') {
        el.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
      } else if (value === true) {
        el.setAttribute(name, '');
      } else if (value !== false && value !== null && value !== undefined) {
        el.setAttribute(name, String(value));
      }
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

export function replaceChildren(parent: Element, ...children: (Child | Child[])[]): void {
  parent.replaceChildren();
  append(parent, children);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`Missing element #${id}`);
  return el as T;
}

/** An instant in the acting user's time zone and locale (their Jira profile), as Jira shows it to them. */
export function formatDate(iso: string | undefined | null, opts: { zone?: boolean } = {}): string {
  const user = currentUser();
  return formatInstant(iso, { timeZone: user?.timeZone, locale: user?.locale }, opts);
}

/** A <time> element showing a readable date with the ISO value in `datetime`. */
export function timeEl(iso: string | undefined | null, testId?: string): HTMLElement {
  if (!iso) return h('span', { 'data-testid': testId }, '—');
  return h('time', { datetime: iso, title: formatDate(iso, { zone: true }), 'data-testid': testId }, formatDate(iso));
}

export function loading(label = 'Loading…'): HTMLElement {
  return h('p', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), label);
}

export function errorBox(message: string, testId?: string): HTMLElement {
  return h('div', { class: 'message message-error', role: 'alert', 'data-testid': testId }, message);
}

export function lozenge(text: string, categoryKey: string | undefined, testId?: string): HTMLElement {
  const tone = categoryKey === 'done' ? 'success' : categoryKey === 'indeterminate' ? 'inprogress' : 'default';
  return h('span', { class: `lozenge lozenge-${tone}`, 'data-testid': testId }, text);
}

/** Icon (decorative) + text for issue types and priorities. */
export function iconText(name: string | undefined, iconUrl: string | undefined): HTMLElement {
  const img = iconUrl ? h('img', { src: iconUrl, alt: '', width: 16, height: 16, class: 'icon' }) : null;
  img?.addEventListener('error', () => img.remove(), { once: true });
  return h('span', { class: 'icon-text' }, img, name ?? '—');
}
