import { route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { recordKindOf } from '../domain/record-kind';
import { escalate, evaluate, fromBean, mergeByKey, now, processIncident, storeState } from '../incidents/service';
import { jiraFetch } from '../jira/client';
import { incidentBeanSchema } from '../jira/incident-snapshot';
import { loadIncidentRules, type IncidentRules } from '../store/incident-store';
import { readIncidentState, readIssueState, ISSUE_STATE_PROPERTY } from '../store/issue-state';
import { STORAGE_KEYS } from '../store/keys';

/**
 * The five-minute scan (D14). One JQL query on the indexed next-deadline property (`sdNextDeadline <= now()`) finds
 * what is due, with each issue's changelog, comments and state in the same page, so the cost grows with what is
 * due, not with what is open (bench/escalation.ts). For each due incident it re-evaluates the SLA clocks at this
 * instant, escalates every crossed threshold once (ledger claim → notify IM and SM → internal comment), and stores
 * the new state, whose next deadline moves on. A second query adopts incidents the app has never evaluated (created
 * before the app was installed, or while it was down), a page at a time.
 */

const PAGE = 100;
/** Stop taking new pages after this long, so a run ends well inside the function's 120 s (what is left stays due). */
const RUN_BUDGET_MS = 90_000;

const pageSchema = z.object({
  issues: z.array(z.unknown()),
  nextPageToken: z.string().nullable().optional(),
  names: z.record(z.string(), z.string()).optional(),
}).passthrough();

export interface ScanReport {
  scannedAt: string;
  due: string[];
  escalated: Array<{ key: string; escalation: string }>;
  adopted: string[];
  failed: Array<{ key: string; message: string }>;
  searchCalls: number;
}

function jqlList(names: readonly string[]): string {
  return names.map((n) => `"${n.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(', ');
}

/** A search page; `full` asks for everything an evaluation needs (fields, changelog, names, the state). */
async function search(jql: string, nextPageToken: string | null, full = true): Promise<z.infer<typeof pageSchema>> {
  const body: Record<string, unknown> = full ? { jql, maxResults: PAGE, fields: ['*all'], expand: 'changelog,names', properties: [ISSUE_STATE_PROPERTY] } : { jql, maxResults: PAGE, fields: ['project'] };
  if (nextPageToken) body.nextPageToken = nextPageToken;
  const res = await jiraFetch('app', route`/rest/api/3/search/jql`, { method: 'POST', body });
  const parsed = pageSchema.safeParse(await res.json());
  if (!parsed.success) throw new Error(`Unexpected Jira search page: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

async function handleDue(raw: unknown, names: Record<string, string> | undefined, rules: IncidentRules, report: ScanReport): Promise<void> {
  const bean = incidentBeanSchema.parse(raw);
  report.due.push(bean.key);
  if (recordKindOf(bean.fields.issuetype.name, rules.issueTypes) !== 'incident') {
    // No longer an incident (its type was changed or unmapped): nothing is due on it, so take it off the index.
    const stored = readIssueState(bean.properties?.[ISSUE_STATE_PROPERTY]);
    if (stored) {
      const { nextDeadline: _due, ...rest } = stored;
      void _due;
      await jiraFetch('app', route`/rest/api/3/issue/${bean.key}/properties/${ISSUE_STATE_PROPERTY}`, { method: 'PUT', body: rest });
    }
    return;
  }
  const loaded = await fromBean(bean, rules, 'app', names);
  const previous = readIncidentState(loaded.stored);
  let done = { escalations: previous?.escalations ?? [], communications: previous?.communications ?? [] };
  let ev = evaluate(loaded, rules, now(), done);
  for (const decision of ev.pendingEscalations) {
    const record = await escalate(loaded, ev, decision, rules, now());
    if (record) {
      done = { ...done, escalations: mergeByKey(done.escalations, [record]) };
      report.escalated.push({ key: bean.key, escalation: decision.key });
    }
  }
  ev = evaluate(loaded, rules, now(), done);
  await storeState(bean.key, loaded, ev);
}

export async function slaScan(): Promise<ScanReport> {
  const started = now();
  const rules = await loadIncidentRules(started);
  const report: ScanReport = { scannedAt: new Date(started).toISOString(), due: [], escalated: [], adopted: [], failed: [], searchCalls: 0 };
  // Adoption first, so an adopted incident already past a threshold is escalated by the due query of the same run:
  // incidents without an evaluated state (none, or one an older version wrote: `sdTracked` is the incident part's
  // first evaluation), newest first, one page per run (each evaluated as an issue event would; history
  // from before the app saw an incident sends no standard messages). Closed ones feed the reports.
  const adopt = await search(`issuetype in (${jqlList(rules.issueTypes.incident)}) AND (sdKind IS EMPTY OR sdTracked IS EMPTY) ORDER BY created DESC`, null, false);
  report.searchCalls++;
  for (const raw of adopt.issues) {
    const parsed = z.object({ key: z.string(), fields: z.object({ project: z.object({ key: z.string() }).passthrough() }).passthrough() }).passthrough().safeParse(raw);
    if (!parsed.success) continue;
    try { await processIncident(parsed.data.key, parsed.data.fields.project.key, rules); report.adopted.push(parsed.data.key); } catch (e) {
      report.failed.push({ key: parsed.data.key, message: e instanceof Error ? e.message : String(e) });
    }
  }
  let token: string | null = null;
  do {
    const page = await search('sdNextDeadline <= now() ORDER BY sdNextDeadline ASC', token);
    report.searchCalls++;
    for (const raw of page.issues) {
      try { await handleDue(raw, page.names, rules, report); } catch (e) {
        const key = z.object({ key: z.string() }).safeParse(raw).data?.key ?? '?';
        report.failed.push({ key, message: e instanceof Error ? e.message : String(e) });
      }
    }
    token = page.nextPageToken ?? null;
  } while (token && now() - started < RUN_BUDGET_MS);

  for (const f of report.failed) console.warn(`SLA scan: ${f.key} failed and stays due: ${f.message}`);
  await kvs.set(STORAGE_KEYS.lastSlaScan, report);
  return report;
}
