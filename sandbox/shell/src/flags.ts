/** Jira-style "flags" (toasts) for @forge/bridge showFlag / closeFlag and shell notices. */

import { h } from './dom.js';
import { isRecord } from './protocol.js';

const AUTO_DISMISS_MS = 8000;

function container(): HTMLElement {
  let el = document.getElementById('flags');
  if (!el) {
    el = h('div', { id: 'flags', class: 'flags', 'aria-live': 'polite' });
    document.body.appendChild(el);
  }
  return el;
}

export interface FlagOptions {
  id: string;
  title: string;
  description?: string;
  type?: 'info' | 'success' | 'warning' | 'error';
  isAutoDismiss?: boolean;
}

export function showFlag(options: FlagOptions): void {
  closeFlag(options.id);
  const type = options.type ?? 'info';
  const flag = h(
    'div',
    { class: `flag flag-${type}`, role: type === 'error' || type === 'warning' ? 'alert' : 'status', 'data-flag-id': options.id },
    h('div', { class: 'flag-body' }, h('strong', { class: 'flag-title' }, options.title), options.description ? h('p', null, options.description) : null),
    h('button', { type: 'button', class: 'flag-close', 'aria-label': `Dismiss “${options.title}”`, onclick: () => flag.remove() }, '×'),
  );
  container().appendChild(flag);
  if (options.isAutoDismiss ?? type !== 'error') window.setTimeout(() => flag.remove(), AUTO_DISMISS_MS);
}

export function closeFlag(id: string): void {
  for (const el of Array.from(container().querySelectorAll<HTMLElement>('[data-flag-id]'))) {
    if (el.dataset.flagId === id) el.remove();
  }
}

/** Reads the payload @forge/bridge sends with showFlag. */
export function flagFromPayload(payload: unknown): FlagOptions {
  if (!isRecord(payload)) throw new Error('showFlag needs options.');
  const type = payload.type;
  return {
    id: String(payload.id ?? Date.now()),
    title: typeof payload.title === 'string' ? payload.title : '',
    description: typeof payload.description === 'string' ? payload.description : undefined,
    type: type === 'success' || type === 'warning' || type === 'error' ? type : 'info',
    isAutoDismiss: typeof payload.isAutoDismiss === 'boolean' ? payload.isAutoDismiss : undefined,
  };
}
