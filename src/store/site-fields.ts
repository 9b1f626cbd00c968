import { kvs } from '@forge/kvs';

/**
 * Site facts the app looks up in Jira now and then rather than on every read: JSM's "Organizations" field id (D18),
 * which a request carries and the wizard never creates. Looked up by the trigger and the scan (as the app) at most once
 * a day, so the panel reads it from here without a Jira call.
 */
const KEY = 'site:fields';
const STALE_MS = 24 * 3_600_000;

export interface SiteFields { organizationsFieldId: string | null; checkedAt: number }

export async function loadSiteFields(): Promise<SiteFields | null> {
  return (await kvs.get<SiteFields>(KEY)) ?? null;
}

/** The cached facts, refreshed with `lookUp` when absent or older than a day. */
export async function refreshSiteFields(now: number, lookUp: () => Promise<string | null>): Promise<SiteFields> {
  const cached = await loadSiteFields();
  if (cached && now - cached.checkedAt < STALE_MS) return cached;
  const next: SiteFields = { organizationsFieldId: await lookUp(), checkedAt: now };
  await kvs.set(KEY, next);
  return next;
}
