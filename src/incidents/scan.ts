import { findOrganizationsFieldId } from '../jira/issues';
import { refreshSiteFields } from '../store/site-fields';
import { randomUUID } from 'node:crypto';
import type { IncidentBean } from '../jira/incident-snapshot';
import { incidentBeanSchema } from '../jira/incident-snapshot';
import { searchFull, searchRefs, FULL_PAGE_SIZE } from '../jira/issues';
import { dueRecords, dueWork, failWork, finishWork, takeWork, type WorkRow } from '../store/incident-records';
import { loadIncidentRules } from '../store/rules';
import { holdScan, saveScanReport } from '../store/runs';
import { bringUpToDate, type Clock, type Outcome, type Run } from './pipeline';

/**
 * The five-minute scan (D14, ADR 009, ADR 010), one run at a time. In order:
 * 1. adopt incidents the app has never evaluated (created before it was installed, or while it was down): one Jira
 *    search on the index property (`sdKind IS EMPTY OR sdTracked IS EMPTY`), a page a run;
 * 2. finish work an earlier run left unfinished (a trigger that failed half-way, a crash): the marks in app storage;
 * 3. escalate what is due: the evaluations whose `dueAt` passed, from app storage (never from the property, which
 *    any Jira editor can write), read back from Jira with one search per 100 issues.
 * Cost when nothing is pending: one Jira search (bench/escalation.ts prints the figures).
 */

export interface ScanReport {
  scannedAt: string;
  /** Another scan held the lease: this run did nothing. */
  skipped: boolean;
  adopted: string[];
  repaired: string[];
  due: string[];
  escalated: Array<{ key: string; escalation: string }>;
  failed: Array<{ key: string; message: string }>;
  searchCalls: number;
}

/** Stop taking new work after this long, so a run ends well inside the function's 120 s (what is left stays due). */
const RUN_BUDGET_MS = 90_000;
/** Marks and due evaluations taken per run (more wait for the next run). */
const MAX_ITEMS = 1000;

function jqlList(values: readonly string[]): string {
  return values.map((n) => `"${n.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(', ');
}

function note(report: ScanReport, out: Outcome, bucket: 'adopted' | 'repaired' | 'due'): void {
  report[bucket].push(out.key);
  for (const e of out.escalated) report.escalated.push({ key: out.key, escalation: e });
  if (!out.finished) report.failed.push({ key: out.key, message: out.unfinished.join('; ') });
}

/** Runs `work` on each item, recording a throw as a failure of that item; stops taking items past the budget. */
async function each<T>(items: readonly T[], started: number, clock: Clock, keyOf: (item: T) => string, report: ScanReport, work: (item: T) => Promise<void>): Promise<void> {
  for (const item of items) {
    if (clock() - started > RUN_BUDGET_MS) return;
    try { await work(item); } catch (e) {
      report.failed.push({ key: keyOf(item), message: e instanceof Error ? e.message : String(e) });
    }
  }
}

export async function runSlaScan(clock: Clock): Promise<ScanReport> {
  const started = clock();
  const report: ScanReport = { scannedAt: new Date(started).toISOString(), skipped: false, adopted: [], repaired: [], due: [], escalated: [], failed: [], searchCalls: 0 };
  const owner = `scan:${randomUUID()}`;
  const releaseScan = await holdScan(owner, started);
  if (!releaseScan) return { ...report, skipped: true };
  try {
    // D18: JSM's Organizations field id (a Jira call at most once a day), so incidents are read with their customer.
    await refreshSiteFields(started, findOrganizationsFieldId);
    const run: Run = { rules: await loadIncidentRules(started), clock, owner };

    // 1. Adoption, newest first; each is evaluated as an event would be (history from before the app saw an incident
    //    sends no standard messages). Closed ones feed the reports.
    const adopt = await searchRefs(`issuetype in (${jqlList(run.rules.issueTypes.incident)}) AND (sdKind IS EMPTY OR sdTracked IS EMPTY) ORDER BY created DESC`, null);
    report.searchCalls++;
    await each(adopt.refs, started, clock, (r) => r.key, report, async (ref) => {
      note(report, await bringUpToDate({ key: ref.key, projectKey: ref.projectKey }, run, { escalate: true }), 'adopted');
    });

    // 2. Unfinished work: each mark is taken over (exactly one scan wins it), redone in full, then cleared.
    const marks = await dueWork(clock(), MAX_ITEMS);
    await each(marks, started, clock, (m) => m.issueKey, report, async (mark: WorkRow) => {
      const taken = await takeWork(mark, owner, clock());
      if (!taken) return;
      const out = await bringUpToDate({ key: taken.issueKey, projectKey: taken.projectKey }, run, { escalate: true }).catch(async (e: unknown) => {
        await failWork(taken.issueId, owner, e instanceof Error ? e.message : String(e), clock());
        throw e;
      });
      if (out.finished) await finishWork(taken.issueId, owner);
      else await failWork(taken.issueId, owner, out.unfinished.join('; '), clock());
      note(report, out, 'repaired');
    });

    // 3. What is due, by the app's own index; Jira is asked for the issues themselves, 100 a search.
    const due = await dueRecords(clock(), MAX_ITEMS);
    for (let i = 0; i < due.length && clock() - started <= RUN_BUDGET_MS; i += FULL_PAGE_SIZE) {
      const chunk = due.slice(i, i + FULL_PAGE_SIZE);
      const page = await searchFull(`id in (${chunk.map((r) => r.issueId).join(', ')}) ORDER BY created ASC`, null);
      report.searchCalls++;
      const beans = new Map<string, IncidentBean>();
      for (const raw of page.issues) {
        const bean = incidentBeanSchema.safeParse(raw);
        if (bean.success) beans.set(bean.data.id, bean.data);
      }
      await each(chunk, started, clock, (r) => r.issueKey, report, async (record) => {
        const bean = beans.get(record.issueId);
        // An issue the search no longer finds (deleted, moved) is read by key: the pipeline settles what is left.
        const source = bean ? { bean, names: page.names } : { key: record.issueKey, projectKey: record.projectKey, issueId: record.issueId };
        note(report, await bringUpToDate(source, run, { escalate: true }), 'due');
      });
    }
  } finally {
    await releaseScan();
  }
  for (const f of report.failed) console.warn(`SLA scan: ${f.key} is not finished and stays due: ${f.message}`);
  await saveScanReport(report);
  return report;
}
