/**
 * Calling the admin page's resolvers as a demo user over the sandbox's bridge endpoint (the way the Custom UI's invoke
 * does), and the site facts a test sets up (who is a Jira administrator).
 */
import type { AdminFunctionKey, AdminResult, Answers } from '../../src/contract/admin';
import type { Sandbox } from '../../sandbox/server';
import { call } from './harness';

export async function invoke<K extends AdminFunctionKey>(base: string, user: string, key: K, payload: unknown, moduleKey = 'sd-admin-page'): Promise<AdminResult<Answers[K]>> {
  const res = await call(base, 'POST', '/sandbox/bridge', { user, body: { type: 'invoke', payload: { functionKey: key, payload }, context: { moduleKey, extension: {} } } });
  const body = res.body as { ok: boolean; result?: AdminResult<Answers[K]>; error?: { message: string } };
  if (!body.ok || !body.result) throw new Error(`bridge failed for ${key}: ${JSON.stringify(body)}`);
  return body.result;
}

export async function data<K extends AdminFunctionKey>(base: string, user: string, key: K, payload: unknown): Promise<Answers[K]> {
  const r = await invoke(base, user, key, payload);
  if (!r.ok) throw new Error(`${key} as ${user} refused: ${r.error.code} ${r.error.message}`);
  return r.data;
}

/**
 * Makes a sandbox user a Jira administrator (site admin, the global Administer Jira permission) or takes it away, as
 * an organisation admin would in Atlassian administration. The demo seed has one: Sofia.
 */
export function setJiraAdmin(sandbox: Sandbox, accountId: string, admin: boolean): void {
  const changed = sandbox.db.prepare('UPDATE users SET is_site_admin = ? WHERE account_id = ?').run(admin ? 1 : 0, accountId).changes;
  if (changed !== 1) throw new Error(`The sandbox has no user ${accountId}.`);
}
