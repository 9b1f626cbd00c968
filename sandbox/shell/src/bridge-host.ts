/**
 * Bridge host: loaded (as a classic script) into the <head> of every Forge Custom UI resource the
 * sandbox serves. It defines `globalThis.__bridge.callBridge`, which is what `@forge/bridge` calls.
 *
 * - Product/back-end calls (getContext, invoke, fetchProduct) go to POST /sandbox/bridge with the
 *   frame token from `?frame=`.
 * - UI calls (navigate, resize, flags, history, window title, …) go to the parent shell by postMessage.
 * - Everything else rejects with a "not supported by the sandbox" error.
 */

import { resolveNavigationUrl } from './nav.js';
import {
  PROTOCOL,
  isRecord,
  isShellEvent,
  isShellResponse,
  splitPath,
  type HistoryPath,
  type ShellRequest,
  type ShellRequestType,
} from './protocol.js';

type CallBridge = (type: string, payload?: unknown) => Promise<unknown>;

declare global {
  var __bridge: { callBridge: CallBridge } | undefined;
}

const frameToken = new URLSearchParams(location.search).get('frame') ?? '';
const inFrame = window.parent !== window;
const PARENT_TIMEOUT_MS = 15_000;

// ---------------------------------------------------------------------------------------------
// Server calls

const SERVER_TYPES = new Set(['getContext', 'invoke', 'fetchProduct']);

async function callServer(type: string, payload: unknown): Promise<unknown> {
  if (!frameToken) {
    throw new Error('This page was opened without a sandbox frame token (?frame=…); open it from the sandbox shell.');
  }
  let response: Response;
  try {
    response = await fetch('/sandbox/bridge', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forge-Frame': frameToken },
      body: JSON.stringify({ type, payload }),
      credentials: 'same-origin',
    });
  } catch (err) {
    throw new Error(`The sandbox server did not answer the bridge call "${type}": ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (isRecord(body) && body.ok === true) return body.result;
  if (isRecord(body) && body.ok === false) {
    const error = body.error;
    const message = isRecord(error) && typeof error.message === 'string' ? error.message : `Bridge call "${type}" failed.`;
    throw new Error(message);
  }
  throw new Error(`Bridge call "${type}" failed: HTTP ${response.status} ${response.statusText}`.trim());
}

// ---------------------------------------------------------------------------------------------
// Parent (shell) calls

let nextId = 1;
const pending = new Map<number, { resolve: (value: unknown) => void; reject: (reason: Error) => void; timer: number }>();
const historyPopListeners = new Set<(path: HistoryPath) => void>();

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (event.origin !== location.origin || event.source !== window.parent) return;
  const data = event.data;
  if (isShellResponse(data)) {
    const entry = pending.get(data.id);
    if (!entry) return;
    pending.delete(data.id);
    window.clearTimeout(entry.timer);
    if (data.ok) entry.resolve(data.result);
    else entry.reject(new Error(data.error ?? 'The sandbox shell refused the request.'));
  } else if (isShellEvent(data) && data.type === 'historyPop') {
    for (const listener of historyPopListeners) listener(data.payload);
  }
});

function callParent(type: ShellRequestType, payload?: unknown): Promise<unknown> {
  if (!inFrame) return Promise.resolve(undefined);
  const id = nextId++;
  // JSON round-trip: drops functions (e.g. flag action callbacks) that postMessage cannot clone.
  const plain: unknown = payload === undefined ? undefined : JSON.parse(JSON.stringify(payload));
  const message: ShellRequest = { protocol: PROTOCOL, kind: 'request', id, type, payload: plain };
  return new Promise<unknown>((resolve, reject) => {
    const timer = window.setTimeout(() => {
      pending.delete(id);
      reject(new Error(`The sandbox shell did not answer "${type}".`));
    }, PARENT_TIMEOUT_MS);
    pending.set(id, { resolve, reject, timer });
    window.parent.postMessage(message, location.origin);
  });
}

// ---------------------------------------------------------------------------------------------
// Auto-resize: report the content height so the shell can size the iframe (no inner scrollbars).

let lastHeight = -1;
let scheduled = false;
// Guard against content sized from the viewport (e.g. `min-height: 100vh` plus a margin), which
// would otherwise grow the iframe forever: stop growing after many rapid consecutive increases.
let growthStreak = 0;
let lastGrowthAt = 0;
const MAX_GROWTH_STREAK = 30;

function contentHeight(): number {
  const body = document.body;
  if (!body) return 0;
  const style = getComputedStyle(body);
  let bottom = 0;
  for (const child of Array.from(body.children)) {
    if (!(child instanceof HTMLElement) || child.tagName === 'SCRIPT') continue;
    const childStyle = getComputedStyle(child);
    if (childStyle.position === 'fixed' || childStyle.display === 'none') continue;
    const rect = child.getBoundingClientRect();
    bottom = Math.max(bottom, rect.bottom + window.scrollY + (parseFloat(childStyle.marginBottom) || 0));
  }
  bottom += (parseFloat(style.paddingBottom) || 0) + (parseFloat(style.marginBottom) || 0) + (parseFloat(style.borderBottomWidth) || 0);
  return Math.ceil(bottom);
}

function scheduleResize(): void {
  if (scheduled || !inFrame) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    const height = contentHeight();
    if (height === lastHeight) return;
    const now = performance.now();
    if (height > lastHeight) {
      growthStreak = now - lastGrowthAt < 1000 ? growthStreak + 1 : 1;
      lastGrowthAt = now;
      if (growthStreak > MAX_GROWTH_STREAK) return;
    } else {
      growthStreak = 0;
    }
    lastHeight = height;
    callParent('resize', { height }).catch(() => undefined);
  });
}

function startAutoResize(): void {
  const body = document.body;
  if (!body) return;
  const resizeObserver = new ResizeObserver(scheduleResize);
  const observeChildren = (): void => {
    resizeObserver.disconnect();
    resizeObserver.observe(body);
    for (const child of Array.from(body.children)) resizeObserver.observe(child);
    scheduleResize();
  };
  new MutationObserver(observeChildren).observe(body, { childList: true });
  // Catches changes that do not resize a direct child (e.g. a margin collapsing inside it).
  new MutationObserver(scheduleResize).observe(body, { subtree: true, childList: true, attributes: true, characterData: true });
  window.addEventListener('load', scheduleResize);
  observeChildren();
}

if (document.body) startAutoResize();
else document.addEventListener('DOMContentLoaded', startAutoResize, { once: true });

// ---------------------------------------------------------------------------------------------
// Theming: same attributes and token CSS the Atlassian host applies on `view.theme.enable()`.

function enableTheming(): void {
  const root = document.documentElement;
  // The mode the shell granted the frame in (Jira applies the user's theme the same way).
  root.setAttribute('data-color-mode', new URLSearchParams(location.search).get('colorMode') === 'dark' ? 'dark' : 'light');
  root.setAttribute('data-theme', 'dark:dark light:light shape:shape spacing:spacing typography:typography');
  if (!document.querySelector('link[data-forge-sandbox-tokens]')) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = '/shell/tokens.css';
    link.setAttribute('data-forge-sandbox-tokens', '');
    document.head.appendChild(link);
  }
}

// ---------------------------------------------------------------------------------------------
// Events between the app's frames on the page (events.emit / events.on).

interface EventEnvelope {
  event: string;
  payload: unknown;
  isPublic: boolean;
}

const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('forge-sandbox-events') : null;

function subscribe(payload: unknown, isPublic: boolean): { unsubscribe: () => void } {
  if (!isRecord(payload) || typeof payload.event !== 'string' || typeof payload.callback !== 'function') {
    throw new Error('events.on needs an event name and a callback.');
  }
  const eventName = payload.event;
  const callback = payload.callback as (value: unknown) => unknown;
  const listener = (message: MessageEvent<unknown>): void => {
    const data = message.data;
    if (isRecord(data) && data.event === eventName && data.isPublic === isPublic) {
      void Promise.resolve(callback(data.payload)).catch((err: unknown) => console.error(err));
    }
  };
  channel?.addEventListener('message', listener);
  return { unsubscribe: () => channel?.removeEventListener('message', listener) };
}

function emit(payload: unknown, isPublic: boolean): void {
  if (!isRecord(payload) || typeof payload.event !== 'string') throw new Error('events.emit needs an event name.');
  const envelope: EventEnvelope = { event: payload.event, payload: payload.payload, isPublic };
  channel?.postMessage(envelope);
}

// ---------------------------------------------------------------------------------------------
// view.createHistory(): a history (v4-style) object whose location mirrors the shell URL below the
// app page's base path.

type HistoryAction = 'POP' | 'PUSH' | 'REPLACE';
interface HistoryLocation extends HistoryPath {
  state: unknown;
  key: string;
}
type HistoryListener = (location: HistoryLocation, action: HistoryAction) => void;

function toLocation(path: HistoryPath, state: unknown): HistoryLocation {
  return { pathname: path.pathname, search: path.search, hash: path.hash, state, key: Math.random().toString(36).slice(2, 10) };
}

function toPath(to: unknown): HistoryPath {
  if (typeof to === 'string') return splitPath(to);
  if (isRecord(to)) {
    return {
      pathname: typeof to.pathname === 'string' ? to.pathname : '/',
      search: typeof to.search === 'string' ? to.search : '',
      hash: typeof to.hash === 'string' ? to.hash : '',
    };
  }
  throw new Error('history.push/replace needs a path.');
}

async function createHistory(): Promise<unknown> {
  const initial = await callParent('historyInit');
  const start: HistoryPath = isRecord(initial) && typeof initial.pathname === 'string'
    ? { pathname: initial.pathname, search: String(initial.search ?? ''), hash: String(initial.hash ?? '') }
    : splitPath(location.hash.startsWith('#/') ? location.hash.slice(1) : '/');
  const listeners = new Set<HistoryListener>();
  const history = {
    action: 'POP' as HistoryAction,
    location: toLocation(start, undefined),
    length: 1,
    createHref: (to: unknown): string => {
      const path = toPath(to);
      return `${path.pathname}${path.search}${path.hash}`;
    },
    push: (to: unknown, state?: unknown): void => change('PUSH', to, state),
    replace: (to: unknown, state?: unknown): void => change('REPLACE', to, state),
    go: (delta: number): void => {
      void callParent('historyGo', { delta });
    },
    back: (): void => history.go(-1),
    forward: (): void => history.go(1),
    goBack: (): void => history.go(-1),
    goForward: (): void => history.go(1),
    listen: (listener: HistoryListener): (() => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    block: (): (() => void) => () => undefined,
  };
  const notify = (action: HistoryAction, next: HistoryLocation): void => {
    history.action = action;
    history.location = next;
    for (const listener of Array.from(listeners)) listener(next, action);
  };
  function change(action: 'PUSH' | 'REPLACE', to: unknown, state: unknown): void {
    const path = toPath(to);
    if (action === 'PUSH') history.length += 1;
    notify(action, toLocation(path, state));
    void callParent(action === 'PUSH' ? 'historyPush' : 'historyReplace', path);
  }
  historyPopListeners.add((path) => notify('POP', toLocation(path, undefined)));
  return history;
}

// ---------------------------------------------------------------------------------------------
// Dispatcher

function notSupported(type: string): Promise<never> {
  return Promise.reject(new Error(`@forge/bridge call "${type}" is not supported by the sandbox.`));
}

function navigationType(payload: unknown): 'same-tab' | 'new-tab' {
  return isRecord(payload) && payload.type === 'new-tab' ? 'new-tab' : 'same-tab';
}

async function callBridge(type: string, payload?: unknown): Promise<unknown> {
  if (SERVER_TYPES.has(type)) return callServer(type, payload);
  switch (type) {
    case 'getUrl':
      return resolveNavigationUrl(payload, location.origin);
    case 'navigate': {
      const url = resolveNavigationUrl(payload, location.origin);
      if (navigationType(payload) === 'new-tab') {
        window.open(url, '_blank', 'noopener');
        return undefined;
      }
      if (!inFrame) {
        location.assign(url);
        return undefined;
      }
      await callParent('navigate', { url });
      return undefined;
    }
    case 'reload':
      await callParent('reload');
      return undefined;
    case 'refresh':
      await callParent('refresh', payload);
      return true;
    case 'resize':
      if (isRecord(payload) && (typeof payload.height === 'number' || typeof payload.height === 'string')) {
        await callParent('resize', { height: parseFloat(String(payload.height)) });
      } else {
        scheduleResize();
      }
      return true;
    case 'changeWindowTitle':
      await callParent('changeWindowTitle', { title: typeof payload === 'string' ? payload : String(payload ?? '') });
      return undefined;
    case 'showFlag':
      await callParent('showFlag', payload);
      return true;
    case 'closeFlag':
      await callParent('closeFlag', payload);
      return true;
    case 'createHistory':
      return createHistory();
    case 'enableTheming':
      enableTheming();
      return undefined;
    case 'emitReadyEvent':
    case 'emitFrontendCustomMetric':
    case 'trackObjectStoreAction':
      return undefined;
    case 'emit':
      emit(payload, false);
      return undefined;
    case 'emitPublic':
      emit(payload, true);
      return undefined;
    case 'on':
      return subscribe(payload, false);
    case 'onPublic':
      return subscribe(payload, true);
    // Modal-only calls: an issue panel / page is not a modal, so the host answers `false`
    // (the bridge turns that into its own "this resource's view is not closable" error).
    case 'close':
    case 'open':
    case 'submit':
    case 'onClose':
      return false;
    case 'getFrameId':
      return frameToken;
    case 'getCookieConsentPreferences':
      return null;
    case 'isRovoEnabled':
      return false;
    default:
      return notSupported(type);
  }
}

globalThis.__bridge = { callBridge };
