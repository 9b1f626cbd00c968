/** Fetch wrappers for the Jira REST API (as the acting user) and the sandbox control API. */

import { authHeader } from './session.js';
import type {
  FrameGrant,
  JiraErrorBody,
  ModuleKey,
  SandboxClock,
  SandboxUserWire,
} from './types.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errorMessages: string[] = [],
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  auth?: boolean;
  signal?: AbortSignal;
}

function isJiraErrorBody(value: unknown): value is JiraErrorBody {
  return typeof value === 'object' && value !== null && ('errorMessages' in value || 'errors' in value);
}

async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.auth !== false) {
    const auth = authHeader();
    if (auth) headers.Authorization = auth;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      credentials: 'omit',
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'Can’t reach the sandbox server. Is it still running?');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    // Jira's body has errorMessages/errors; JSM's servicedeskapi answers { errorMessage }.
    const sdMessage = typeof data === 'object' && data !== null && 'errorMessage' in data && typeof data.errorMessage === 'string' ? [data.errorMessage] : [];
    const errorMessages = [...sdMessage, ...(isJiraErrorBody(data) && Array.isArray(data.errorMessages) ? data.errorMessages.filter((m) => typeof m === 'string') : [])];
    const fieldErrors = isJiraErrorBody(data) && data.errors && typeof data.errors === 'object' ? data.errors : {};
    const detail = [...errorMessages, ...Object.values(fieldErrors)].join(' ');
    throw new ApiError(response.status, detail || `${response.status} ${response.statusText}`.trim(), errorMessages, fieldErrors);
  }
  return data as T;
}

export const jira = {
  get: <T>(path: string, signal?: AbortSignal): Promise<T> => request<T>(path, { signal }),
  post: <T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> => request<T>(path, { method: 'POST', body, signal }),
};

export const sandbox = {
  users: (signal?: AbortSignal): Promise<SandboxUserWire[]> => request<SandboxUserWire[]>('/sandbox/users', { auth: false, signal }),
  clock: (signal?: AbortSignal): Promise<SandboxClock> => request<SandboxClock>('/sandbox/clock', { auth: false, signal }),
  advanceClock: (advanceMs: number): Promise<SandboxClock> =>
    request<SandboxClock>('/sandbox/clock', { method: 'POST', body: { advanceMs }, auth: false }),
  createFrame: (moduleKey: ModuleKey, extension: Record<string, unknown>, colorMode: 'light' | 'dark', signal?: AbortSignal): Promise<FrameGrant> =>
    request<FrameGrant>('/sandbox/frames', { method: 'POST', body: { moduleKey, extension, colorMode }, signal }),
};

export const NOT_FOUND_ISSUE = 'Issue does not exist or you do not have permission to see it.';

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

/** A message a person can act on, for any error thrown by the API helpers. */
export function describeError(err: unknown, what: { notFound?: string } = {}): string {
  if (err instanceof ApiError) {
    const fromServer = err.errorMessages[0] ?? Object.values(err.fieldErrors)[0];
    switch (err.status) {
      case 0:
        return err.message;
      case 401:
        return 'The sandbox did not accept this user’s API token (401). Pick someone else in “Acting as”, or reload the page.';
      case 403:
        return fromServer ?? 'You don’t have permission to do this.';
      case 404:
        return fromServer ?? what.notFound ?? 'This page does not exist or you do not have permission to see it.';
      default:
        return fromServer ?? `Something went wrong (${err.message}).`;
    }
  }
  return err instanceof Error ? err.message : String(err);
}

export function encodeKey(key: string): string {
  return encodeURIComponent(key);
}
