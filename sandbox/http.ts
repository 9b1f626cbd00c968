import type { IncomingMessage, ServerResponse } from 'node:http';

/** The Jira error body: every REST error of the sandbox uses this shape, as Jira Cloud does. */
export interface JiraErrorBody { errorMessages: string[]; errors: Record<string, string> }

export class HttpError extends Error {
  constructor(readonly status: number, readonly body: JiraErrorBody, readonly headers: Record<string, string> = {}) {
    super(body.errorMessages[0] ?? Object.values(body.errors)[0] ?? `HTTP ${status}`);
  }
}

export function jiraError(status: number, messages: string | string[], errors: Record<string, string> = {}): HttpError {
  return new HttpError(status, { errorMessages: Array.isArray(messages) ? messages : [messages], errors });
}

export function fieldErrors(status: number, errors: Record<string, string>): HttpError {
  return new HttpError(status, { errorMessages: [], errors });
}

/** What a route handler answers. `body` undefined means an empty body (204, 201 without content). */
export interface Reply { status: number; body?: unknown; headers?: Record<string, string>; raw?: Buffer | string; contentType?: string }

export const ok = (body: unknown, status = 200): Reply => ({ status, body });
export const noContent = (): Reply => ({ status: 204 });

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw jiraError(413, 'The request body is too large.');
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON request body the way Jira does: malformed JSON is a 400 that changes nothing. */
export function parseJson(raw: Buffer | string, required = true): unknown {
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  if (text.trim() === '') {
    if (required) throw jiraError(400, 'No content to map due to end-of-input');
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw jiraError(400, `Unexpected character in the request body: the body is not valid JSON (${detail}).`);
  }
}

export function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload: Buffer | string | undefined;
  if (reply.raw !== undefined) {
    payload = reply.raw;
    headers['content-type'] ??= reply.contentType ?? 'application/octet-stream';
  } else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers['content-type'] ??= 'application/json;charset=UTF-8';
  }
  res.writeHead(reply.status, headers);
  res.end(payload);
}

export function isLoopback(req: IncomingMessage): boolean {
  const addr = req.socket.remoteAddress ?? '';
  return addr === '127.0.0.1' || addr === '::1' || addr === '::ffff:127.0.0.1' || addr.startsWith('127.');
}

/** A small path router: patterns like `/rest/api/3/issue/:issueIdOrKey/properties/:propertyKey`. */
export type RouteParams = Record<string, string>;
export interface Route<C> { method: string; parts: string[]; handler: (ctx: C, params: RouteParams) => Promise<Reply> | Reply }

export class Router<C> {
  private readonly routes: Route<C>[] = [];
  add(method: string, pattern: string, handler: Route<C>['handler']): this {
    this.routes.push({ method, parts: pattern.split('/').filter(Boolean), handler });
    return this;
  }
  /** Returns the handler for a path, or which methods the path allows (for a 405) when the method does not match. */
  match(method: string, path: string): { route: Route<C>; params: RouteParams } | { allowed: string[] } | null {
    const segs = path.split('/').filter(Boolean);
    const allowed: string[] = [];
    for (const route of this.routes) {
      const params = matchParts(route.parts, segs);
      if (!params) continue;
      if (route.method === method) return { route, params };
      allowed.push(route.method);
    }
    return allowed.length ? { allowed } : null;
  }
}

function matchParts(parts: string[], segs: string[]): RouteParams | null {
  if (parts.length !== segs.length) return null;
  const params: RouteParams = {};
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const s = segs[i]!;
    if (p.startsWith(':')) {
      try { params[p.slice(1)] = decodeURIComponent(s); } catch { return null; }
    } else if (p !== s) return null;
  }
  return params;
}
