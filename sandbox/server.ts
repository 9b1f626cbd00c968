import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { z } from 'zod';
import type { Database as Db } from 'better-sqlite3';
import { SandboxClock } from './clock';
import { EventBus, Scheduler, type DeliveryMode } from './forge/events';
import { ForgeKvsStore } from './forge/kvs';
import { loadManifest, type AppManifest, type UiModule } from './forge/manifest';
import { ForgeFunctionError, RuntimeHost, findRuntimeNode } from './forge/runtime-host';
import { HttpError, isLoopback, jiraError, parseJson, readBody, send, type Reply } from './http';
import type { Principal } from './jira/principal';
import type { UserRow } from './jira/rows';
import { Faults } from './jira/faults';
import { Notifications } from './jira/notifications';
import { jiraRoutes, type RestCtx } from './jira/routes';
import { Search } from './jira/search';
import { portalRequestExtension } from './jira/servicedesk';
import { JiraSite } from './jira/site';
import { BulkSeedError, bulkIncidentProperty, bulkNextDeadline, bulkTrackedSince, seedBulkIncidents } from './seed/bulk-incidents';
import { incidentRecordWrites, pendingWorkWrites, performanceSeedWrites, type Write } from '../src/store/seed';
import { APP_ACCOUNT_ID, CLOUD_ID, applyWrites, demoAccountId, demoUsersView, seedDemo } from './seed/demo';
import { DEMO_SETUP, applyDemoSetup, type SetupInvoke } from './seed/demo-setup';
import { seedPlain } from './seed/plain';
import { getMeta, openDatabase, setMeta, wipe } from './store/db';

export interface SandboxOptions {
  projectRoot: string;
  dataDir: string;
  host?: string;
  port?: number;
  reset?: boolean;
  /** SANDBOX_NOW: the instant the sandbox clock starts at (ISO). */
  startAt?: string;
  eventMode?: Partial<DeliveryMode>;
  quiet?: boolean;
  /** Poll interval of the scheduled-trigger timer in real ms. */
  schedulerPollMs?: number;
  /**
   * What to seed an empty data folder with (and what `--reset` / `POST /sandbox/reset` reseed): the demo service
   * provider (default) or a plain Jira site with one business project (`sandbox/seed/plain.ts`). Left out, an
   * existing data folder keeps the kind it was seeded with.
   */
  seed?: SeedKind;
}

export type SeedKind = 'demo' | 'plain';
export const SEED_KINDS: readonly SeedKind[] = ['demo', 'plain'];

export interface Sandbox {
  url: string;
  db: Db;
  clock: SandboxClock;
  site: JiraSite;
  events: EventBus;
  scheduler: Scheduler;
  runtime: RuntimeHost;
  kvs: ForgeKvsStore;
  manifest: AppManifest;
  close(): Promise<void>;
}

interface Frame { accountId: string; moduleKey: string; extension: Record<string, unknown>; localId: string; colorMode: 'light' | 'dark' }

const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.map': 'application/json' };

export async function startSandbox(opts: SandboxOptions): Promise<Sandbox> {
  const log = (line: string): void => { if (!opts.quiet) process.stdout.write(`${line}\n`); };
  const root = resolve(opts.projectRoot);
  const manifest = loadManifest(join(root, 'manifest.yml'));
  const db = openDatabase(opts.dataDir);
  const clock = new SandboxClock(Number(getMeta(db, 'clock_offset') ?? '0'));
  if (opts.startAt) {
    const t = Date.parse(opts.startAt);
    if (Number.isNaN(t)) throw new Error(`SANDBOX_NOW is not an ISO date-time: ${opts.startAt}`);
    clock.set(t);
  }
  const persistClock = (): void => setMeta(db, 'clock_offset', String(clock.offset));
  persistClock();

  let baseUrl = '';
  const kvs = new ForgeKvsStore(db, manifest.entities);
  const storedKind = getMeta(db, 'seeded') === '1' ? (getMeta(db, 'seed_kind') ?? 'demo') : undefined;
  if (opts.seed && storedKind && storedKind !== opts.seed && !opts.reset) {
    db.close();
    throw new Error(`The data folder ${opts.dataDir} holds the ${storedKind} seed, not ${opts.seed}: add --reset to reseed it, or use another --data folder.`);
  }
  const seedKind: SeedKind = opts.seed ?? (storedKind === 'plain' ? 'plain' : 'demo');
  const seedIfNeeded = (force: boolean): void => {
    if (force) wipe(db);
    if (force || getMeta(db, 'seeded') !== '1') {
      // The KVS tables live beside Jira's; a reset wipes them too, so recreate the store's tables.
      const freshKvs = new ForgeKvsStore(db, manifest.entities);
      if (seedKind === 'plain') seedPlain(db, clock.now());
      else seedDemo(db, freshKvs, clock.now());
      setMeta(db, 'seeded', '1');
      setMeta(db, 'seed_kind', seedKind);
      // The demo site is set up by the app's own wizard once the function runtime runs (applyDemoSetupIfNeeded).
      setMeta(db, 'demo_setup', seedKind === 'demo' ? 'pending' : 'none');
      persistClock();
      log(seedKind === 'plain'
        ? `Seeded a plain Jira site with one business project (${new Date(clock.now()).toISOString()}).`
        : `Seeded the demo service provider (${clock.now() ? new Date(clock.now()).toISOString() : ''}).`);
    }
  };
  seedIfNeeded(opts.reset === true);

  for (const [file, what] of [[join(root, 'dist', 'backend', 'index.js'), 'the app bundle'], [join(root, 'dist', 'sandbox', 'runtime-worker.js'), 'the function runtime'], [join(root, 'sandbox', 'shell', 'build', 'index.html'), 'the sandbox shell']] as const) {
    if (!existsSync(file)) throw new Error(`${what} (${file}) is missing: run \`npm run build\` first (\`npm start\` does).`);
  }
  const nodeRuntime = findRuntimeNode(root);
  const runtime = new RuntimeHost(manifest, {
    bundlePath: join(root, 'dist', 'backend', 'index.js'),
    workerPath: join(root, 'dist', 'sandbox', 'runtime-worker.js'),
    nodePath: nodeRuntime.path,
    sandboxUrl: () => baseUrl,
    log,
    installationId: 'sandbox-installation',
    clockOffsetMs: () => clock.offset,
  });
  const envMode = (process.env.SANDBOX_EVENTS ?? '').split(',');
  const events = new EventBus(manifest, runtime, { cloudId: CLOUD_ID, now: () => clock.now(), appAccountId: APP_ACCOUNT_ID, log }, {
    duplicate: opts.eventMode?.duplicate ?? envMode.includes('duplicate'),
    reorder: opts.eventMode?.reorder ?? envMode.includes('reorder'),
  });
  const site = new JiraSite(db, '', {
    now: () => clock.now(),
    emit: (e) => events.emit(e),
    runValidators: async (keys, args) => {
      for (const key of keys) {
        const v = manifest.validators.get(key);
        if (!v) continue;
        try {
          const out = await runtime.invoke(v.function, key, null, [{ ...args, context: { cloudId: CLOUD_ID, moduleKey: key } }, { installContext: `ari:cloud:jira::site/${CLOUD_ID}` }]);
          const verdict = z.object({ result: z.boolean(), errorMessage: z.string().optional() }).safeParse(out.result);
          if (!verdict.success) return { result: false, errorMessage: `The workflow validator '${v.name}' returned an invalid answer.` };
          if (!verdict.data.result) return { result: false, errorMessage: verdict.data.errorMessage ?? `The transition was refused by '${v.name}'.` };
        } catch (e) {
          return { result: false, errorMessage: `The workflow validator '${v.name}' failed: ${e instanceof Error ? e.message : String(e)}` };
        }
      }
      return { result: true };
    },
  });
  const search = new Search(site, manifest.aliases);
  const notifications = new Notifications(site);
  const rest = jiraRoutes(site, search, notifications);
  const scheduler = new Scheduler(manifest, runtime, { cloudId: CLOUD_ID, now: () => clock.now(), log });
  const frames = new Map<string, Frame>();
  const restCalls = { total: 0, byInvocation: 0 };
  /** Bulk seeds so far: each batch's aggregate rows get their own numbers (bucketSeedWrites). */
  let bulkBatches = 0;
  const faults = new Faults();

  const appPrincipal = (): Principal => ({ kind: 'app', user: site.rows.user(APP_ACCOUNT_ID)! });
  const userPrincipal = (accountId: string): Principal | undefined => {
    const u = site.rows.user(accountId);
    return u && u.active === 1 && u.account_type !== 'app' ? { kind: 'user', user: u } : undefined;
  };
  const basicAuth = (req: IncomingMessage): UserRow | undefined => {
    const h = req.headers.authorization;
    if (!h?.startsWith('Basic ')) return undefined;
    const decoded = Buffer.from(h.slice(6), 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i < 0) return undefined;
    const u = site.rows.userByEmail(decoded.slice(0, i));
    return u && u.api_token === decoded.slice(i + 1) && u.active === 1 ? u : undefined;
  };

  /** One REST call into the emulated Jira, whoever makes it (HTTP client, Forge proxy, Custom UI bridge). */
  const dispatchRest = async (method: string, pathWithQuery: string, p: Principal, rawBody: Buffer | string | null): Promise<Reply> => {
    restCalls.total++;
    const url = new URL(pathWithQuery, 'http://sandbox');
    const injected = faults.take(method, url.pathname);
    if (injected) return injected;
    const match = rest.match(method, url.pathname);
    if (!match) throw jiraError(404, `No REST resource at ${url.pathname} in the sandbox (see docs/sandbox.md for the emulated subset).`);
    if ('allowed' in match) return { status: 405, body: { errorMessages: [`Method ${method} is not allowed here; use ${match.allowed.join(', ')}.`], errors: {} }, headers: { allow: match.allowed.join(', ') } };
    const body = rawBody === null || rawBody.length === 0 ? undefined : parseJson(rawBody, false);
    const ctx: RestCtx = { p, query: url.searchParams, body };
    return match.route.handler(ctx, match.params);
  };
  const safely = async (fn: () => Promise<Reply> | Reply): Promise<Reply> => {
    try { return await fn(); } catch (e) {
      if (e instanceof HttpError) return { status: e.status, body: e.body, headers: e.headers };
      log(`internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return { status: 500, body: { errorMessages: ['Internal server error in the sandbox.'], errors: {} } };
    }
  };

  /**
   * The module's `context.extension` as the product sets it. The JSM portal names the request by key; the host fills
   * in the request type and portal (and refuses a request the user may not see there), as JSM does.
   */
  const hostExtension = (user: UserRow, ui: UiModule, asked: Record<string, unknown>): Record<string, unknown> => {
    if (ui.type !== 'jiraServiceManagement:portalRequestDetail') return asked;
    const request = asked.request;
    const key = typeof request === 'object' && request !== null && typeof (request as { key?: unknown }).key === 'string' ? (request as { key: string }).key : '';
    const ext = portalRequestExtension(site, { kind: 'user', user }, key);
    if (!ext) throw jiraError(404, `The request '${key}' does not exist or you do not have permission to see it.`);
    return ext;
  };

  const frameContext = (f: Frame): Record<string, unknown> => {
    const u = site.rows.user(f.accountId)!;
    return {
      accountId: f.accountId, cloudId: CLOUD_ID, workspaceId: CLOUD_ID, extension: f.extension, environmentId: 'sandbox', environmentType: 'DEVELOPMENT',
      localId: f.localId, locale: u.locale.replace('_', '-'), moduleKey: f.moduleKey, siteUrl: baseUrl, timezone: u.time_zone,
      // What Jira sends for the user's theme; the app's tokens follow it (view.theme.enable()).
      theme: { colorMode: f.colorMode }, surfaceColor: f.colorMode === 'dark' ? '#1D2125' : '#FFFFFF',
    };
  };

  const invokeResolver = async (f: Frame, ui: UiModule, functionKey: string, payload: unknown): Promise<unknown> => {
    if (!ui.resolverFunction) throw new Error(`Module '${ui.key}' has no resolver.`);
    const context = frameContext(f);
    const out = await runtime.invoke(ui.resolverFunction, ui.key, f.accountId, [
      { call: { functionKey, payload, jobId: undefined }, context },
      { principal: { accountId: f.accountId }, installContext: `ari:cloud:jira::site/${CLOUD_ID}`, license: undefined, installation: undefined },
    ]);
    restCalls.byInvocation += out.jiraCalls;
    return out.result;
  };

  /** The demo seed's last part: the app's setup wizard on SD, run through the Forge host as the Jira admin (demo-setup.ts). */
  const applyDemoSetupIfNeeded = async (): Promise<void> => {
    if (seedKind !== 'demo' || getMeta(db, 'demo_setup') === 'done') return;
    const ui = [...manifest.ui.values()].find((m) => m.type === 'jira:adminPage');
    if (!ui) throw new Error('The manifest has no jira:adminPage module, so the demo site cannot be set up by the wizard.');
    const frame: Frame = { accountId: demoAccountId(DEMO_SETUP.adminKey), moduleKey: ui.key, extension: { type: ui.type }, localId: `${ui.key}-seed`, colorMode: 'light' };
    const invoke: SetupInvoke = (functionKey, payload) => invokeResolver(frame, ui, functionKey, payload);
    const steps = await applyDemoSetup(invoke);
    setMeta(db, 'demo_setup', 'done');
    log(`Set up project ${DEMO_SETUP.projectKey} with the app's setup wizard${steps.length ? ` (${steps.length} steps)` : ''}.`);
  };

  const bridgeCall = async (f: Frame, type: string, payload: unknown): Promise<unknown> => {
    const ui = manifest.ui.get(f.moduleKey);
    if (!ui) throw new Error(`Unknown module '${f.moduleKey}'.`);
    switch (type) {
      case 'getContext': return frameContext(f);
      case 'invoke': {
        const p = z.object({ functionKey: z.string(), payload: z.unknown().optional() }).passthrough().parse(payload);
        return invokeResolver(f, ui, p.functionKey, p.payload ?? {});
      }
      case 'fetchProduct': {
        const p = z.object({ product: z.string(), restPath: z.string(), fetchRequestInit: z.object({ method: z.string().optional(), body: z.string().nullable().optional(), headers: z.array(z.tuple([z.string(), z.string()])).optional() }).passthrough().optional() }).parse(payload);
        if (p.product !== 'jira') throw new Error(`The sandbox emulates Jira only, not ${p.product}.`);
        const principal = userPrincipal(f.accountId);
        if (!principal) throw new Error('The frame user no longer exists.');
        const reply = await safely(() => dispatchRest((p.fetchRequestInit?.method ?? 'GET').toUpperCase(), p.restPath, principal, p.fetchRequestInit?.body ?? null));
        return { status: reply.status, statusText: '', headers: { 'content-type': 'application/json' }, body: reply.body === undefined ? '' : JSON.stringify(reply.body), isAttachment: false };
      }
      default: throw new Error(`The bridge call '${type}' is handled by the host page, not the server.`);
    }
  };

  const serveFile = (file: string, inject?: string): Reply => {
    if (!existsSync(file)) return { status: 404, raw: 'Not found', contentType: 'text/plain' };
    let raw: Buffer | string = readFileSync(file);
    if (inject && file.endsWith('.html')) raw = raw.toString('utf8').replace(/<head([^>]*)>/i, (m) => `${m}${inject}`);
    return { status: 200, raw, contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', headers: { 'cache-control': 'no-cache' } };
  };
  const underDir = (dir: string, rel: string): string | null => {
    const full = normalize(join(dir, rel));
    return full === dir || full.startsWith(dir + sep) ? full : null;
  };

  const control = async (req: IncomingMessage, url: URL, raw: Buffer): Promise<Reply> => {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const body = () => parseJson(raw, false) ?? {};
    if (path === '/sandbox/users' && method === 'GET') return { status: 200, body: demoUsersView(db, kvs, clock.now()) };
    if (path === '/sandbox/clock') {
      if (method === 'POST') {
        const p = z.object({ advanceMs: z.number().int().nonnegative().optional(), now: z.string().optional() }).strict().safeParse(body());
        if (!p.success) throw jiraError(400, p.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`));
        if (p.data.now !== undefined) {
          const t = Date.parse(p.data.now);
          if (Number.isNaN(t)) throw jiraError(400, `now: '${p.data.now}' is not an ISO date-time.`);
          if (t < clock.now()) throw jiraError(400, 'now: the sandbox clock only moves forward.');
          clock.set(t);
        }
        if (p.data.advanceMs) clock.advance(p.data.advanceMs);
        persistClock();
      }
      return { status: 200, body: { now: new Date(clock.now()).toISOString(), offsetMs: clock.offset } };
    }
    const sched = /^\/sandbox\/scheduled\/([^/]+)\/run$/.exec(path);
    if (sched && method === 'POST') {
      const key = decodeURIComponent(sched[1]!);
      if (!manifest.scheduled.some((s) => s.key === key)) throw jiraError(404, `No scheduled trigger '${key}' in manifest.yml.`);
      return { status: 200, body: await scheduler.run(key, 'on-demand') };
    }
    if (path === '/sandbox/reset' && method === 'POST') {
      await events.settle();
      seedIfNeeded(true);
      frames.clear();
      faults.clear();
      await applyDemoSetupIfNeeded();
      return { status: 200, body: { reset: true, seed: seedKind, now: new Date(clock.now()).toISOString() } };
    }
    if (path === '/sandbox/notifications' && method === 'GET') {
      const issueKey = url.searchParams.get('issueKey');
      return { status: 200, body: { notifications: notifications.list(issueKey === null || issueKey === '' ? undefined : issueKey) } };
    }
    if (path === '/sandbox/bulk/incidents' && method === 'POST') {
      const p = z.object({ count: z.number().int().min(1).max(100_000), dueCount: z.number().int().min(0).default(0), pendingCount: z.number().int().min(0).default(0), projectKey: z.string().min(1).default('SD') }).strict()
        .refine((x) => x.dueCount <= x.count, { message: 'dueCount must not exceed count.', path: ['dueCount'] })
        .refine((x) => x.dueCount > x.count || x.dueCount + x.pendingCount <= x.count, { message: 'dueCount + pendingCount must not exceed count.', path: ['pendingCount'] }).safeParse(body());
      if (!p.success) throw jiraError(400, p.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`));
      const { count, dueCount, pendingCount, projectKey } = p.data;
      // One clock reading for the whole batch, so "due" means the same instant for every issue.
      const now = clock.now();
      try {
        // The app's own evaluation of each (a minimal one), where the scan looks for what is due.
        const writes: Write[] = [];
        // WP.19 (ADR 015): the performance aggregates the app's pipeline would have kept for them.
        const records: Write[] = [];
        const result = seedBulkIncidents(db, {
          projectKey, count, dueCount, now, propertyFor: (i) => bulkIncidentProperty(i, dueCount, now),
          onIssue: (i, issue) => {
            const ref = { issueId: String(issue.id), issueKey: issue.key, projectKey: issue.projectKey };
            const recordWrites = incidentRecordWrites({ ...ref, createdAt: issue.created, dueAt: bulkNextDeadline(i, dueCount, now), trackedSince: bulkTrackedSince(now), priority: 'Critical' });
            writes.push(...recordWrites);
            records.push(...recordWrites);
            // The last `pendingCount` carry work a trigger could not finish, which the next scan finishes.
            if (i >= count - pendingCount) writes.push(...pendingWorkWrites({ ...ref, since: now - 10 * 60_000 }));
          },
        });
        bulkBatches += 1;
        writes.push(...performanceSeedWrites(records, 1000 * bulkBatches));
        applyWrites(kvs, now, writes);
        return { status: 201, body: { ...result, pendingCount, now: new Date(now).toISOString() } };
      } catch (e) {
        if (e instanceof BulkSeedError) throw jiraError(409, e.message);
        throw e;
      }
    }
    if (path === '/sandbox/events' && method === 'GET') return { status: 200, body: { mode: events.mode, deliveries: events.log } };
    if (path === '/sandbox/events/settle' && method === 'POST') { await events.settle(); return { status: 200, body: { settled: true, deliveries: events.log.length } }; }
    if (path === '/sandbox/events/mode' && method === 'POST') {
      const p = z.object({ duplicate: z.boolean().optional(), reorder: z.boolean().optional() }).strict().safeParse(body());
      if (!p.success) throw jiraError(400, p.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`));
      events.mode = { ...events.mode, ...p.data };
      return { status: 200, body: events.mode };
    }
    if (path === '/sandbox/scheduled' && method === 'GET') return { status: 200, body: { triggers: manifest.scheduled, runs: scheduler.runs } };
    if (path === '/sandbox/invocations' && method === 'POST') {
      const p = z.object({ moduleKey: z.string().default('external-test'), accountId: z.string().nullable().default(null) }).strict().safeParse(body());
      if (!p.success) throw jiraError(400, p.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`));
      if (p.data.accountId && !userPrincipal(p.data.accountId)) throw jiraError(404, `No user ${p.data.accountId}.`);
      return { status: 200, body: { token: runtime.openExternalInvocation(p.data.moduleKey, p.data.accountId), fetchUrl: `${baseUrl}/__forge/fetch` } };
    }
    if (path === '/sandbox/faults') {
      if (method === 'POST') { faults.add(body()); return { status: 201, body: { faults: faults.view() } }; }
      if (method === 'GET') return { status: 200, body: { faults: faults.view() } };
      if (method === 'DELETE') { faults.clear(); return { status: 200, body: { faults: [] } }; }
    }
    if (path === '/sandbox/stats' && method === 'GET') return { status: 200, body: { restCalls: restCalls.total, restCallsByApp: restCalls.byInvocation, runtimeNode: runtime.nodeVersion || null } };
    if (path === '/sandbox/frames' && method === 'POST') {
      const user = basicAuth(req);
      if (!user) throw jiraError(401, 'Client must be authenticated to access this resource.');
      const p = z.object({ moduleKey: z.string(), extension: z.record(z.string(), z.unknown()), colorMode: z.enum(['light', 'dark']).default('light') }).strict().safeParse(body());
      if (!p.success) throw jiraError(400, p.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`));
      const ui = manifest.ui.get(p.data.moduleKey);
      if (!ui) throw jiraError(404, `No UI module '${p.data.moduleKey}' in manifest.yml.`);
      const token = randomBytes(18).toString('base64url');
      frames.set(token, { accountId: user.account_id, moduleKey: ui.key, extension: { type: ui.type, ...hostExtension(user, ui, p.data.extension) }, localId: `${ui.key}-${token.slice(0, 8)}`, colorMode: p.data.colorMode });
      return { status: 200, body: { frameToken: token, src: `/forge/resources/${ui.resource}/index.html?frame=${token}&colorMode=${p.data.colorMode}`, title: ui.title } };
    }
    if (path === '/sandbox/bridge' && method === 'POST') {
      const p = z.object({ type: z.string(), payload: z.unknown().optional(), context: z.object({ moduleKey: z.string(), extension: z.record(z.string(), z.unknown()) }).optional() }).strict().safeParse(body());
      if (!p.success) throw jiraError(400, p.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`));
      let frame: Frame | undefined;
      const frameToken = req.headers['x-forge-frame'];
      if (typeof frameToken === 'string') frame = frames.get(frameToken);
      else {
        // Tests invoke resolvers as a user over HTTP: Basic auth plus the module and extension context.
        const user = basicAuth(req);
        if (user && p.data.context) {
          const ui = manifest.ui.get(p.data.context.moduleKey);
          if (ui) frame = { accountId: user.account_id, moduleKey: ui.key, extension: { type: ui.type, ...hostExtension(user, ui, p.data.context.extension) }, localId: `${ui.key}-http`, colorMode: 'light' };
        }
      }
      if (!frame) throw jiraError(401, 'The frame token is unknown or expired, or the credentials are wrong; reload the page.');
      try {
        return { status: 200, body: { ok: true, result: await bridgeCall(frame, p.data.type, p.data.payload) } };
      } catch (e) {
        const message = e instanceof z.ZodError ? `Malformed bridge payload: ${e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` : e instanceof ForgeFunctionError || e instanceof Error ? e.message : String(e);
        return { status: 200, body: { ok: false, error: { message } } };
      }
    }
    throw jiraError(404, `No control endpoint ${method} ${path} (see docs/sandbox.md).`);
  };

  const forgeProxy = async (req: IncomingMessage, raw: Buffer): Promise<Reply> => {
    const token = req.headers['x-forge-invocation'];
    const inv = typeof token === 'string' ? runtime.invocations.get(token) : undefined;
    if (!inv) return { status: 401, body: { message: 'Unknown or finished invocation.' }, headers: { 'forge-proxy-error': 'INVALID_TOKEN' } };
    const call = z.object({ target: z.object({ type: z.string(), provider: z.string().optional(), remote: z.string().optional(), accountId: z.string().optional() }).passthrough(), path: z.string(), method: z.string(), headers: z.array(z.tuple([z.string(), z.string()])), body: z.string().nullable() }).parse(parseJson(raw));
    if (call.target.type === 'kvs') {
      const out = kvs.handle(call.path, call.body ? parseJson(call.body) : undefined, clock.now());
      return { status: out.status, body: out.body, headers: out.headers ?? {} };
    }
    if (call.target.type === 'fpp' && call.target.remote === 'jira') {
      let principal: Principal | undefined;
      if (call.target.provider === 'user') {
        const accountId = call.target.accountId ?? inv.accountId;
        principal = accountId ? userPrincipal(accountId) : undefined;
        if (!principal) return { status: 401, body: { message: 'asUser() needs a user; this invocation has none.' }, headers: { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' } };
      } else principal = appPrincipal();
      inv.jiraCalls++;
      return safely(() => dispatchRest(call.method.toUpperCase(), call.path, principal, call.body));
    }
    return { status: 400, body: { message: `The sandbox does not emulate '${call.target.type}/${call.target.remote ?? ''}'.` }, headers: { 'forge-proxy-error': 'UNSUPPORTED' } };
  };

  const shellDir = join(root, 'sandbox', 'shell', 'build');
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    let reply: Reply;
    try {
      const raw = await readBody(req);
      if (path === '/healthz') reply = { status: 200, body: { ok: true, now: new Date(clock.now()).toISOString(), runtimeNode: runtime.nodeVersion || null } };
      else if (path.startsWith('/sandbox/') || path.startsWith('/__forge/')) {
        if (!isLoopback(req)) reply = { status: 403, body: { errorMessages: ['The control API answers on loopback only.'], errors: {} } };
        else if (path === '/__forge/fetch') reply = await safely(() => forgeProxy(req, raw));
        else reply = await safely(() => control(req, url, raw));
      } else if (path.startsWith('/rest/')) {
        const user = basicAuth(req);
        if (!user) reply = { status: 401, body: { errorMessages: ['Client must be authenticated to access this resource.'], errors: {} }, headers: { 'www-authenticate': 'Basic realm="sandbox"' } };
        else reply = await safely(() => dispatchRest(method, `${path}${url.search}`, { kind: 'user', user }, raw));
      } else if (path.startsWith('/forge/resources/')) {
        const [, , , resourceKey, ...rest] = path.split('/');
        const dir = manifest.resources.get(resourceKey ?? '');
        const file = dir ? underDir(resolve(root, dir), decodeURIComponent(rest.join('/')) || 'index.html') : null;
        reply = file ? serveFile(file, '<script src="/shell/bridge-host.js"></script>') : { status: 404, raw: 'Not found', contentType: 'text/plain' };
      } else if (path.startsWith('/shell/')) {
        const file = underDir(shellDir, decodeURIComponent(path.slice('/shell/'.length)));
        reply = file ? serveFile(file) : { status: 404, raw: 'Not found', contentType: 'text/plain' };
      } else if (method === 'GET') reply = serveFile(join(shellDir, 'index.html'));
      else reply = { status: 404, body: { errorMessages: ['Not found.'], errors: {} } };
    } catch (e) {
      reply = e instanceof HttpError ? { status: e.status, body: e.body } : { status: 500, body: { errorMessages: [e instanceof Error ? e.message : String(e)], errors: {} } };
    }
    send(res, reply);
  };

  const server: Server = createServer((req, res) => { void handle(req, res); });
  await new Promise<void>((done, fail) => { server.once('error', fail); server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => done()); });
  const addr = server.address() as AddressInfo;
  baseUrl = `http://${addr.address === '::1' ? '[::1]' : addr.address}:${addr.port}`;
  site.fmt.base = baseUrl;
  site.base = baseUrl;
  log(`Forge functions run on ${nodeRuntime.path} (${nodeRuntime.note}).`);
  await runtime.warmUp().catch((e: unknown) => log(`The function runtime did not start: ${e instanceof Error ? e.message : String(e)}`));
  await applyDemoSetupIfNeeded().catch((e: unknown) => log(`The demo site is not set up (the next start tries again): ${e instanceof Error ? e.message : String(e)}`));
  scheduler.start(opts.schedulerPollMs);

  return {
    url: baseUrl, db, clock, site, events, scheduler, runtime, kvs, manifest,
    close: async () => {
      scheduler.stop();
      await events.settle();
      await new Promise<void>((done) => { server.close(() => done()); server.closeAllConnections(); });
      await runtime.stop();
      persistClock();
      db.close();
    },
  };
}
