/**
 * Embeds a Forge Custom UI surface: asks the sandbox for a frame (POST /sandbox/frames as the acting
 * user), shows it in an <iframe>, and answers the bridge host's UI requests (resize, navigate, …).
 */

import { describeError, isAbort, sandbox } from './api.js';
import { errorBox, h, loading, replaceChildren } from './dom.js';
import { closeFlag, flagFromPayload, showFlag } from './flags.js';
import { PROTOCOL, isRecord, isShellRequest, type HistoryPath, type ShellEvent, type ShellRequest, type ShellResponse } from './protocol.js';
import { currentRoute, navigate, reload as reloadRoute, samePage, setPopInterceptor } from './router.js';
import { colorMode } from './session.js';
import type { ModuleKey } from './types.js';

export interface AppFrameOptions {
  moduleKey: ModuleKey;
  extension: Record<string, unknown>;
  /** Accessible name of the iframe: the module title from the manifest. */
  title: string;
  signal: AbortSignal;
  minHeight: number;
  /** Shell path that `view.createHistory()` paths are relative to (project and admin pages). */
  historyBase?: string;
  /** What `view.refresh()` does; defaults to re-rendering the page. */
  onRefresh?: () => void;
}

export interface AppFrame {
  element: HTMLElement;
  /** Replaces the iframe with a freshly granted one (e.g. after the issue changed). */
  reload: () => Promise<void>;
}

interface FrameRecord {
  iframe: HTMLIFrameElement;
  options: AppFrameOptions;
}

const frames = new Set<FrameRecord>();
let listening = false;

function respond(target: MessageEventSource, response: Omit<ShellResponse, 'protocol' | 'kind'>): void {
  const message: ShellResponse = { protocol: PROTOCOL, kind: 'response', ...response };
  (target as Window).postMessage(message, location.origin);
}

function subPathOf(base: string): HistoryPath {
  const rest = location.pathname.startsWith(base) ? location.pathname.slice(base.length) : '';
  return { pathname: rest.startsWith('/') ? rest : `/${rest}`, search: location.search, hash: location.hash };
}

function historyTarget(base: string, payload: unknown): string {
  const pathname = isRecord(payload) && typeof payload.pathname === 'string' ? payload.pathname : '/';
  const search = isRecord(payload) && typeof payload.search === 'string' ? payload.search : '';
  const hash = isRecord(payload) && typeof payload.hash === 'string' ? payload.hash : '';
  const tail = pathname === '/' ? '' : pathname.startsWith('/') ? pathname : `/${pathname}`;
  return `${base}${tail}${search && !search.startsWith('?') ? `?${search}` : search}${hash && !hash.startsWith('#') ? `#${hash}` : hash}`;
}

function handle(record: FrameRecord, request: ShellRequest): unknown {
  const { iframe, options } = record;
  const payload = request.payload;
  switch (request.type) {
    case 'resize': {
      const height = isRecord(payload) && typeof payload.height === 'number' && Number.isFinite(payload.height) ? payload.height : options.minHeight;
      iframe.style.height = `${Math.max(options.minHeight, Math.ceil(height))}px`;
      return true;
    }
    case 'navigate': {
      const url = isRecord(payload) && typeof payload.url === 'string' ? payload.url : null;
      if (!url) throw new Error('navigate needs a URL.');
      // Let the bridge call resolve before the page (and this iframe) is replaced.
      window.setTimeout(() => navigate(url), 0);
      return undefined;
    }
    case 'reload':
      window.setTimeout(reloadRoute, 0);
      return undefined;
    case 'refresh':
      window.setTimeout(options.onRefresh ?? reloadRoute, 0);
      return true;
    case 'changeWindowTitle':
      if (isRecord(payload) && typeof payload.title === 'string' && payload.title.trim()) document.title = payload.title;
      return undefined;
    case 'showFlag':
      showFlag(flagFromPayload(payload));
      return true;
    case 'closeFlag':
      if (isRecord(payload) && payload.id !== undefined) closeFlag(String(payload.id));
      return true;
    case 'historyInit':
      if (!options.historyBase) throw new Error('view.createHistory() is only available on app pages.');
      return subPathOf(options.historyBase);
    case 'historyPush':
    case 'historyReplace':
      if (!options.historyBase) throw new Error('view.createHistory() is only available on app pages.');
      navigate(historyTarget(options.historyBase, payload), { silent: true, replace: request.type === 'historyReplace' });
      return undefined;
    case 'historyGo':
      history.go(isRecord(payload) && typeof payload.delta === 'number' ? payload.delta : 0);
      return undefined;
    default:
      throw new Error(`Unknown request "${String(request.type)}".`);
  }
}

function onMessage(event: MessageEvent<unknown>): void {
  if (event.origin !== location.origin || !event.source || !isShellRequest(event.data)) return;
  const request = event.data;
  const record = Array.from(frames).find((r) => r.iframe.contentWindow === event.source);
  if (!record) return;
  try {
    respond(event.source, { id: request.id, ok: true, result: handle(record, request) });
  } catch (err) {
    respond(event.source, { id: request.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
}

export function appFrame(options: AppFrameOptions): AppFrame {
  if (!listening) {
    window.addEventListener('message', onMessage);
    listening = true;
  }
  const element = h('div', { class: 'app-frame-host', 'aria-busy': 'true' });
  let record: FrameRecord | null = null;
  const pageRoute = currentRoute();

  const dispose = (): void => {
    if (record) frames.delete(record);
    record = null;
  };
  options.signal.addEventListener('abort', () => {
    dispose();
    setPopInterceptor(null);
  });

  if (options.historyBase) {
    const base = options.historyBase;
    setPopInterceptor((route) => {
      if (!record?.iframe.contentWindow || !samePage(route, pageRoute)) return false;
      const message: ShellEvent = { protocol: PROTOCOL, kind: 'event', type: 'historyPop', payload: subPathOf(base) };
      record.iframe.contentWindow.postMessage(message, location.origin);
      return true;
    });
  }

  const load = async (): Promise<void> => {
    element.setAttribute('aria-busy', 'true');
    if (!record) replaceChildren(element, loading(`Loading ${options.title}…`));
    try {
      const grant = await sandbox.createFrame(options.moduleKey, options.extension, colorMode(), options.signal);
      if (options.signal.aborted) return;
      const iframe = h('iframe', {
        src: grant.src,
        title: options.title,
        'data-testid': 'app-frame',
        'data-module-key': options.moduleKey,
        class: 'app-frame',
        sandbox: 'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads',
        allow: 'clipboard-write',
        referrerpolicy: 'same-origin',
      });
      iframe.style.height = `${options.minHeight}px`;
      iframe.addEventListener('load', () => element.setAttribute('aria-busy', 'false'), { once: true });
      dispose();
      record = { iframe, options };
      frames.add(record);
      replaceChildren(element, iframe);
    } catch (err) {
      if (isAbort(err) || options.signal.aborted) return;
      dispose();
      element.setAttribute('aria-busy', 'false');
      replaceChildren(element, errorBox(`The app could not be loaded: ${describeError(err)}`));
    }
  };

  void load();
  return { element, reload: load };
}
