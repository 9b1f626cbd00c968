import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import { demoToken } from '../../sandbox/seed/demo';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');

/**
 * Starts the real sandbox on a free loopback port with a fresh data folder, as `npm start` would, and tears it
 * down afterwards. Requires `npm run build` (the app bundle and the runtime worker in dist/).
 */
export async function withSandbox(opts: Partial<SandboxOptions> = {}): Promise<{ sandbox: Sandbox; dataDir: string; stop: (keepData?: boolean) => Promise<void> }> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'sd-sandbox-'));
  const sandbox = await startSandbox({ projectRoot: PROJECT_ROOT, dataDir, port: 0, quiet: true, schedulerPollMs: 60_000, ...opts });
  return {
    sandbox,
    dataDir,
    stop: async (keepData = false) => {
      await sandbox.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** HTTP Basic credentials of a demo user (`sofia`, `ines`, `priya`, `carla`, `chen`, …). */
export function basic(userKey: string): string {
  const email = emailOf(userKey);
  return `Basic ${Buffer.from(`${email}:${demoToken(userKey)}`).toString('base64')}`;
}

export function emailOf(userKey: string): string {
  return `${userKey}@${userKey === 'carla' ? 'northwind' : userKey === 'chen' ? 'globex' : userKey === 'sam' ? 'nethost' : 'acme'}.example`;
}

/** A JSON request against the sandbox; answers status and parsed body (undefined when empty). */
export async function call(base: string, method: string, path: string, opts: { user?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(opts.user ? { authorization: basic(opts.user) } : {}),
      ...(opts.body !== undefined || opts.rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
      ...opts.headers,
    },
    ...(opts.rawBody !== undefined ? { body: opts.rawBody } : opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined, headers: res.headers };
}
