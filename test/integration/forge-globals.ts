/**
 * Makes this (test) process play the Forge runtime, the way sandbox/forge/runtime-worker.ts does for the app:
 * the unmodified Forge SDK calls `__forge_fetch__`, which forwards to the sandbox's proxy with an invocation token.
 */
interface ForgeGlobals { __forge_fetch__?: unknown; __forge_runtime__?: unknown }

let current: { fetchUrl: string; token: string } | null = null;

export async function actAsForgeRuntime(sandboxUrl: string, accountId: string | null = null): Promise<void> {
  const res = await fetch(`${sandboxUrl}/sandbox/invocations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accountId }) });
  if (!res.ok) throw new Error(`could not open an invocation: ${res.status} ${await res.text()}`);
  current = (await res.json()) as { fetchUrl: string; token: string };
  const g = globalThis as ForgeGlobals;
  g.__forge_runtime__ = { proxy: { token: current.token, url: sandboxUrl }, appContext: {}, lambdaContext: {}, metrics: { counter: () => ({ incr: () => undefined }), timing: () => ({ measure: () => ({ stop: () => undefined }) }) }, tracing: { traceId: 't', spanId: 's' } };
  g.__forge_fetch__ = async (target: unknown, path: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => {
    if (!current) throw new Error('no Forge invocation is open');
    return fetch(current.fetchUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forge-invocation': current.token },
      body: JSON.stringify({ target, path, method: init?.method ?? 'GET', headers: Object.entries(init?.headers ?? {}), body: init?.body ?? null }),
    });
  };
}
