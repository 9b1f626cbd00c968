import { kvs, WhereConditions } from '@forge/kvs';
import type { SetupRunReport } from '../contract/admin';
import { claim, release, type Leased } from './leases';
import { STORAGE_KEYS } from './keys';

/** Reports of the app's runs kept for people to read (the last scan, setup-wizard runs) and the scan's own lease. */

export async function saveScanReport(report: unknown): Promise<void> {
  await kvs.set(STORAGE_KEYS.lastSlaScan, report);
}

const LEASE_ENTITY = 'app-lease';
const SCAN_LEASE_KEY = 'sla-scan';
/** Longer than the scan function's 120 s limit: a live scan always holds it, a crashed one's ends soon after. */
export const SCAN_LEASE_MS = 150_000;

interface LeaseRow extends Leased { name: string }

/**
 * One scan at a time (Forge may start the next five-minute run while a slow one still runs): answers a release
 * function when this run holds the scan, null when another live run does.
 */
export async function holdScan(owner: string, now: number): Promise<(() => Promise<void>) | null> {
  const outcome = await claim<LeaseRow>(LEASE_ENTITY, SCAN_LEASE_KEY, owner, now, SCAN_LEASE_MS, { name: SCAN_LEASE_KEY }, () => false);
  if (outcome.status !== 'claimed') return null;
  return () => release<LeaseRow>(LEASE_ENTITY, SCAN_LEASE_KEY, outcome.row);
}

export async function loadSetupRun(projectKey: string): Promise<SetupRunReport | null> {
  return (await kvs.get<SetupRunReport>(STORAGE_KEYS.setupRun(projectKey))) ?? null;
}

export async function saveSetupRun(report: SetupRunReport): Promise<void> {
  await kvs.set(STORAGE_KEYS.setupRun(report.projectKey), report);
}

/** The last setup run of every project (one key each), newest first. KVS key queries return at most 20 rows a page. */
export async function lastSetupRuns(): Promise<SetupRunReport[]> {
  const runs: SetupRunReport[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(STORAGE_KEYS.setupRun(''))).limit(20);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany<SetupRunReport>();
    runs.push(...page.results.map((r) => r.value));
    cursor = page.nextCursor;
  } while (cursor);
  return runs.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}
