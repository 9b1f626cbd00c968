import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Database as Db } from 'better-sqlite3';
import { ForgeKvsStore } from '../../../sandbox/forge/kvs';
import { loadManifest, type AppManifest } from '../../../sandbox/forge/manifest';
import type { Principal } from '../../../sandbox/jira/principal';
import { Search } from '../../../sandbox/jira/search';
import { JiraSite, type SiteEvent } from '../../../sandbox/jira/site';
import { APP_ACCOUNT_ID, demoAccountId, seedDemo } from '../../../sandbox/seed/demo';
import { seedPlain } from '../../../sandbox/seed/plain';
import { openDatabase } from '../../../sandbox/store/db';

/**
 * The sandbox's Jira site in-process, on a throw-away SQLite file seeded like `npm start` seeds it, without the
 * HTTP server or the Forge runtime (no build needed). The clock is a plain number the test moves.
 */
export interface DemoSite {
  db: Db; site: JiraSite; search: Search; manifest: AppManifest; events: SiteEvent[];
  clock: { now: number };
  as(userKey: string): Principal;
  app(): Principal;
  close(): void;
}

export const NOW = Date.UTC(2026, 10, 20, 16, 30);

export function openDemoSite(seed: 'demo' | 'plain' = 'demo'): DemoSite {
  const dir = mkdtempSync(join(tmpdir(), 'sd-unit-'));
  const manifest = loadManifest(resolve(__dirname, '..', '..', '..', 'manifest.yml'));
  const db = openDatabase(dir);
  const clock = { now: NOW };
  if (seed === 'demo') seedDemo(db, new ForgeKvsStore(db, manifest.entities), clock.now);
  else seedPlain(db, clock.now);
  const events: SiteEvent[] = [];
  const site = new JiraSite(db, 'http://sandbox.test', { now: () => clock.now, emit: (e) => { events.push(e); }, runValidators: () => Promise.resolve({ result: true }) });
  const search = new Search(site, manifest.aliases);
  return {
    db, site, search, manifest, events, clock,
    as: (userKey) => ({ kind: 'user', user: site.rows.user(demoAccountId(userKey))! }),
    app: () => ({ kind: 'app', user: site.rows.user(APP_ACCOUNT_ID)! }),
    close: () => { db.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}

/** Runs a call that must fail with a Jira error and answers its status and body. */
export function jiraFailure(run: () => unknown): { status: number; body: { errorMessages: string[]; errors: Record<string, string> } } {
  try { run(); } catch (e) {
    const err = e as { status?: number; body?: { errorMessages: string[]; errors: Record<string, string> } };
    if (typeof err.status === 'number' && err.body) return { status: err.status, body: err.body };
    throw e;
  }
  throw new Error('expected a Jira error, but the call succeeded');
}
