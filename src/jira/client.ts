import api, { route, type APIResponse } from '@forge/api';
import type { z } from 'zod';

type Route = ReturnType<typeof route>;
export type Actor = 'user' | 'app';

export class JiraRequestError extends Error {
  constructor(readonly status: number, readonly path: string, readonly messages: string[]) {
    super(`Jira answered ${status} for ${path}: ${messages.join(' ') || 'no details'}`);
    this.name = 'JiraRequestError';
  }
}

const MAX_ATTEMPTS = 4;

function requester(actor: Actor) {
  return actor === 'user' ? api.asUser() : api.asApp();
}

async function errorMessages(res: APIResponse): Promise<string[]> {
  try {
    const body = (await res.json()) as { errorMessages?: unknown; errors?: unknown; errorMessage?: unknown };
    // Jira's platform API answers errorMessages/errors; JSM's servicedeskapi answers one errorMessage.
    const list = Array.isArray(body.errorMessages) ? body.errorMessages.map(String) : typeof body.errorMessage === 'string' ? [body.errorMessage] : [];
    const fields = body.errors && typeof body.errors === 'object' ? Object.entries(body.errors as Record<string, unknown>).map(([k, v]) => `${k}: ${String(v)}`) : [];
    return [...list, ...fields];
  } catch { return []; }
}

/**
 * One Jira REST call with the retry rules of ARCHITECTURE.md: 429 and 5xx are retried with backoff that honours
 * Retry-After (bounded, so a resolver stays inside Forge's 25 s); anything else that is not 2xx throws with Jira's messages.
 * A POST is retried on 429 only: Jira's rate limiter refuses before doing anything, but a 5xx may come after the
 * create happened, and repeating it could create a second issue type or field (Jira allows same-named fields).
 * Callers of a POST recover by re-reading the site (the setup wizard re-plans, ADR 007).
 */
export async function jiraFetch(actor: Actor, path: Route, init?: { method?: string; body?: unknown }): Promise<APIResponse> {
  const method = init?.method ?? 'GET';
  let attempt = 0;
  for (;;) {
    attempt++;
    const res = await requester(actor).requestJira(path, {
      method,
      headers: { Accept: 'application/json', ...(init?.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      ...(init?.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    if (res.ok) return res;
    const retryable = res.status === 429 || (res.status >= 500 && method !== 'POST');
    if (!retryable || attempt >= MAX_ATTEMPTS) throw new JiraRequestError(res.status, path.value, await errorMessages(res));
    const retryAfter = Number(res.headers.get('Retry-After'));
    const delayMs = Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, 5000) : 200 * 2 ** attempt + Math.floor(Math.random() * 100);
    await new Promise((r) => setTimeout(r, delayMs));
  }
}

/** A GET whose JSON is checked against a schema: a Jira shape we do not expect fails loudly, naming the field. */
export async function jiraGet<S extends z.ZodType>(actor: Actor, path: Route, schema: S): Promise<z.infer<S>> {
  const res = await jiraFetch(actor, path);
  const parsed = schema.safeParse(await res.json());
  if (!parsed.success) throw new Error(`Unexpected Jira response for ${path.value}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** GET that answers null on 404 (an issue the caller may not see, a property not yet written). */
export async function jiraGetOrNull<S extends z.ZodType>(actor: Actor, path: Route, schema: S): Promise<z.infer<S> | null> {
  try { return await jiraGet(actor, path, schema); } catch (e) {
    if (e instanceof JiraRequestError && e.status === 404) return null;
    throw e;
  }
}
