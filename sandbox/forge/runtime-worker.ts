/**
 * The Forge function runtime of the sandbox. It runs in its own process, on Node 22 when available (Forge's
 * `nodejs22.x`), loads the app's backend bundle and calls the handlers named in manifest.yml. The unmodified
 * Forge SDK finds the two globals it uses (`__forge_runtime__`, `__forge_fetch__`); every fetch goes back to
 * the sandbox over loopback HTTP with the invocation's token, which carries who the call acts for.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { InvokeMessage, RuntimeAppContext, WorkerReply } from './runtime-protocol';

interface Invocation { token: string; appContext: RuntimeAppContext; deadline: number; traceId: string }

const bundlePath = process.env.FORGE_BUNDLE;
const sandboxUrl = process.env.FORGE_SANDBOX_URL;
if (!bundlePath || !sandboxUrl || !process.send) {
  process.stderr.write('runtime-worker: FORGE_BUNDLE, FORGE_SANDBOX_URL and an IPC channel are required\n');
  process.exit(2);
}

const als = new AsyncLocalStorage<Invocation>();

// The app reads time through Date (handlers pass it into src/domain); in the sandbox that time is the sandbox
// clock, so SLA clocks and escalations follow when a test or demo moves the clock forward.
let clockOffsetMs = 0;
const RealDate = Date;
class SandboxDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(RealDate.now() + clockOffsetMs);
    else super(...(args as [string | number | Date]));
  }
  static override now(): number { return RealDate.now() + clockOffsetMs; }
}
globalThis.Date = SandboxDate as DateConstructor;
const noopMetric = { incr: () => undefined, decr: () => undefined, set: () => undefined, measure: () => ({ stop: () => undefined }), stop: () => undefined };
const metrics = { counter: () => noopMetric, gauge: () => noopMetric, timing: () => noopMetric, histogram: () => noopMetric };

function runtimeFor(inv: Invocation | undefined): Record<string, unknown> {
  return {
    proxy: { token: inv?.token ?? '', url: sandboxUrl },
    appContext: inv?.appContext ?? {},
    lambdaContext: { getRemainingTimeInMillis: () => (inv ? Math.max(0, inv.deadline - RealDate.now()) : 0) },
    metrics,
    tracing: { traceId: inv?.traceId ?? '', spanId: inv?.traceId.slice(0, 16) ?? '' },
    externalAuth: [],
  };
}

Object.defineProperty(globalThis, '__forge_runtime__', { configurable: true, get: () => runtimeFor(als.getStore()) });

function headerPairs(headers: unknown): [string, string][] {
  if (!headers) return [];
  if (headers instanceof Headers) return [...headers.entries()];
  if (Array.isArray(headers)) return headers.map((h) => [String((h as unknown[])[0]), String((h as unknown[])[1])]);
  return Object.entries(headers as Record<string, unknown>).map(([k, v]) => [k, String(v)]);
}

async function forgeFetch(target: unknown, path: string, init?: { method?: string; headers?: unknown; body?: unknown }): Promise<Response> {
  const inv = als.getStore();
  if (!inv) throw new Error('Forge API called outside of an invocation');
  const body = init?.body === undefined || init.body === null ? null : typeof init.body === 'string' ? init.body : init.body instanceof URLSearchParams ? init.body.toString() : Buffer.isBuffer(init.body) ? init.body.toString('utf8') : String(init.body);
  return fetch(`${sandboxUrl}/__forge/fetch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forge-invocation': inv.token },
    body: JSON.stringify({ target, path, method: init?.method ?? 'GET', headers: headerPairs(init?.headers), body }),
  });
}
Object.defineProperty(globalThis, '__forge_fetch__', { configurable: true, value: forgeFetch });

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle path is only known at run time
const bundle = require(bundlePath) as Record<string, unknown>;

function send(msg: WorkerReply): void { process.send!(msg); }

process.on('message', (raw: unknown) => {
  const msg = raw as InvokeMessage;
  if (msg.type !== 'invoke') return;
  const [, exportName] = msg.handler.split('.');
  const fn = exportName ? bundle[exportName] : undefined;
  clockOffsetMs = msg.clockOffsetMs;
  const inv: Invocation = { token: msg.token, appContext: msg.appContext, deadline: msg.deadline, traceId: randomUUID().replace(/-/g, '') };
  void als.run(inv, async () => {
    try {
      if (typeof fn !== 'function') throw new Error(`Handler '${msg.handler}' is not an exported function of the app bundle.`);
      const result: unknown = await (fn as (...a: unknown[]) => unknown)(...msg.args);
      send({ type: 'result', id: msg.id, ok: true, result: result === undefined ? null : JSON.parse(JSON.stringify(result)) as unknown });
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      send({ type: 'result', id: msg.id, ok: false, error: { name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}) } });
    }
  });
});

send({ type: 'ready', nodeVersion: process.version });
