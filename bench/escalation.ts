/**
 * Escalation scan benchmark (issue #5, D14; issue #11). Run: `npm run bench:escalation` (part of `npm run bench`;
 * needs `npm run build` first). Prints figures; nothing here asserts timing.
 *
 * A sandbox (the real one, the unmodified app in its Forge host) gets 10,000 open Critical incidents, 50 of them
 * past their 4 h threshold (POST /sandbox/bulk/incidents). Then:
 * 1. the app's five-minute scan runs once (POST /sandbox/scheduled/sd-sla-scan/run): Jira REST calls to find what
 *    is due (budget ≤ 3; what is due comes from the app's own index in app storage, so finding it costs no Jira
 *    call, and one search fetches up to 100 due issues), calls spent escalating (per escalated incident: notify,
 *    comment, index property), wall time;
 * 2. the next run, with nothing due or pending;
 * 3. the pending-repair case: 20 more incidents whose trigger failed half-way (a released work mark each): the scan
 *    finishes them (read, evaluate, store, index) — calls per repaired incident;
 * 4. for comparison, a scan over all open incidents, as an app without an index of what is due would have to do:
 *    page through `issuetype = Incident AND statusCategory != Done` with the same fields and replay every incident
 *    with the same domain code: pages (= REST calls) and wall time.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { evaluateIncident } from '../src/domain/incident/evaluate';
import { DEFAULT_CLOSED_STATUS_NAMES } from '../src/domain/incident-closure';
import { defaultPolicy } from '../src/domain/policy';
import { incidentBeanSchema, parseIncidentBean } from '../src/jira/incident-snapshot';

const TOTAL = Number(process.env.BENCH_INCIDENTS ?? 10_000);
const DUE = Number(process.env.BENCH_DUE ?? 50);
const PENDING = Number(process.env.BENCH_PENDING ?? 20);
const PORT = 8700 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${String(PORT)}`;
const root = resolve(__dirname, '..');
const auth = `Basic ${Buffer.from('sofia@acme.example:ATATT-sandbox-sofia').toString('base64')}`;

async function json(method: string, path: string, body?: unknown, withAuth = false): Promise<unknown> {
  const res = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json', ...(withAuth ? { authorization: auth } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${String(res.status)}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) as unknown : undefined;
}

async function waitUp(): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try { await json('GET', '/healthz'); return; } catch { await new Promise((r) => setTimeout(r, 200)); }
  }
  throw new Error('the sandbox did not start');
}

interface Run { ok: boolean; error?: string; jiraCalls?: number; durationMs?: number; result?: { due: string[]; escalated: unknown[]; adopted: string[]; repaired: string[]; failed: unknown[]; searchCalls: number } }

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sd-bench-'));
  const child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'sandbox/main.ts'), '--port', String(PORT), '--data', dataDir, '--reset'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await waitUp();
    // First run adopts the demo's own incidents, so the measured run sees only the benchmark's.
    await json('POST', '/sandbox/scheduled/sd-sla-scan/run');
    const seeded = await json('POST', '/sandbox/bulk/incidents', { count: TOTAL, dueCount: DUE }) as { count: number; dueCount: number };
    console.log(`Escalation scan (D14): ${String(seeded.count)} open Critical incidents, ${String(seeded.dueCount)} past their 4 h threshold`);

    const run = await json('POST', '/sandbox/scheduled/sd-sla-scan/run') as Run;
    if (!run.ok || !run.result) throw new Error(`the scan failed: ${run.error ?? 'no result'}`);
    const r = run.result;
    const escalationCalls = (run.jiraCalls ?? 0) - r.searchCalls;
    console.log(`  indexed scan (the app): ${String(r.searchCalls)} search calls (incidents without a state to adopt, and the due ones' issues) to find ${String(r.due.length)} due (budget ≤ 3), ${String(r.escalated.length)} escalated, ${String(r.failed.length)} failed`);
    console.log(`    Jira REST calls in all: ${String(run.jiraCalls)} (${String(escalationCalls)} for the escalations: ${(escalationCalls / Math.max(1, r.escalated.length)).toFixed(1)} per incident: names of those notified, notify IM+SM, internal comment, index property)`);
    console.log(`    wall time: ${String(run.durationMs)} ms`);
    const again = await json('POST', '/sandbox/scheduled/sd-sla-scan/run') as Run;
    console.log(`  the next run (nothing due or pending): ${String(again.jiraCalls)} Jira REST calls (${String(again.result?.searchCalls ?? 0)} search), ${String(again.result?.escalated.length ?? 0)} escalated, ${String(again.durationMs)} ms`);

    // Pending repair: incidents whose trigger failed half-way, finished by the next scan.
    await json('POST', '/sandbox/bulk/incidents', { count: PENDING, dueCount: 0, pendingCount: PENDING });
    const repair = await json('POST', '/sandbox/scheduled/sd-sla-scan/run') as Run;
    if (!repair.ok || !repair.result) throw new Error(`the repair scan failed: ${repair.error ?? 'no result'}`);
    const rr = repair.result;
    const repairCalls = (repair.jiraCalls ?? 0) - rr.searchCalls;
    console.log(`  pending repair: ${String(rr.repaired.length)} of ${String(PENDING)} unfinished incidents finished, ${String(rr.failed.length)} failed; ${String(rr.searchCalls)} search calls, ${String(repair.jiraCalls)} Jira REST calls in all (${(repairCalls / Math.max(1, rr.repaired.length)).toFixed(1)} per repaired incident: read, index property), ${String(repair.durationMs)} ms`);
    const settled = await json('POST', '/sandbox/scheduled/sd-sla-scan/run') as Run;
    console.log(`  the run after it: ${String(settled.jiraCalls)} Jira REST calls, ${String(settled.result?.repaired.length ?? 0)} repaired`);

    // The comparison: every open incident, page by page, each replayed with the same domain code.
    const policy = { policy: defaultPolicy('2026-12-01'), version: null };
    const started = Date.now();
    let pages = 0, seen = 0, pending = 0;
    let token: string | undefined;
    const now = Date.parse(((await json('GET', '/healthz')) as { now: string }).now);
    do {
      const page = await json('POST', '/rest/api/3/search/jql', { jql: 'issuetype = Incident AND statusCategory != Done', maxResults: 100, fields: ['*all'], expand: 'changelog,names', properties: ['sd-state'], ...(token ? { nextPageToken: token } : {}) }, true) as { issues: unknown[]; nextPageToken?: string; names?: Record<string, string> };
      pages++;
      for (const raw of page.issues) {
        const bean = incidentBeanSchema.parse(raw);
        const parsed = parseIncidentBean({ ...bean, names: page.names ?? {} }, null);
        const ev = evaluateIncident(parsed.snapshot, { policy, roles: null, escalationsDone: [], communicationsDone: [], trackedSince: null, majorIncidentManager: null, majorIncidentReport: null, now }, DEFAULT_CLOSED_STATUS_NAMES, null);
        seen++;
        if (ev.pendingEscalations.length) pending++;
      }
      token = page.nextPageToken;
    } while (token);
    console.log(`  full scan (for comparison): ${String(pages)} search calls over ${String(seen)} open incidents (${String(pending)} with a crossed threshold), ${String(Date.now() - started)} ms`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
