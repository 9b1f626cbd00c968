/**
 * postMessage protocol between the bridge host (inside an app iframe) and the shell (its parent).
 * Both sides live on the sandbox origin; messages from any other origin are ignored.
 */

export const PROTOCOL = 'forge-sandbox/1';

/** Calls the bridge host asks the shell to perform. */
export type ShellRequestType =
  | 'resize'
  | 'navigate'
  | 'reload'
  | 'refresh'
  | 'changeWindowTitle'
  | 'showFlag'
  | 'closeFlag'
  | 'historyInit'
  | 'historyPush'
  | 'historyReplace'
  | 'historyGo';

export interface ShellRequest {
  protocol: typeof PROTOCOL;
  kind: 'request';
  id: number;
  type: ShellRequestType;
  payload?: unknown;
}

export interface ShellResponse {
  protocol: typeof PROTOCOL;
  kind: 'response';
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

/** Notifications the shell pushes into a frame. */
export interface ShellEvent {
  protocol: typeof PROTOCOL;
  kind: 'event';
  type: 'historyPop';
  payload: HistoryPath;
}

export interface HistoryPath {
  pathname: string;
  search: string;
  hash: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isProtocolMessage(value: unknown): value is Record<string, unknown> & { protocol: typeof PROTOCOL } {
  return isRecord(value) && value.protocol === PROTOCOL;
}

export function isShellRequest(value: unknown): value is ShellRequest {
  return isProtocolMessage(value) && value.kind === 'request' && typeof value.id === 'number' && typeof value.type === 'string';
}

export function isShellResponse(value: unknown): value is ShellResponse {
  return isProtocolMessage(value) && value.kind === 'response' && typeof value.id === 'number' && typeof value.ok === 'boolean';
}

export function isShellEvent(value: unknown): value is ShellEvent {
  return isProtocolMessage(value) && value.kind === 'event' && typeof value.type === 'string';
}

/** Splits "/a/b?x=1#h" into its parts; always returns a pathname starting with "/". */
export function splitPath(path: string): HistoryPath {
  let rest = path;
  let hash = '';
  let search = '';
  const hashAt = rest.indexOf('#');
  if (hashAt >= 0) {
    hash = rest.slice(hashAt);
    rest = rest.slice(0, hashAt);
  }
  const queryAt = rest.indexOf('?');
  if (queryAt >= 0) {
    search = rest.slice(queryAt);
    rest = rest.slice(0, queryAt);
  }
  const pathname = rest.startsWith('/') ? rest : `/${rest}`;
  return { pathname, search: search === '?' ? '' : search, hash: hash === '#' ? '' : hash };
}
