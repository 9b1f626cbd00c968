/**
 * The change requests (WP.11) planned in a range, for the change schedule (WP.12, CO.2.2; D17) and for the change
 * panel's overlap check: one POST /rest/api/3/search/jql (paged only when the range holds more than a page).
 *
 * Which issues are change requests and where their planned start/end, type, services and configuration items live
 * comes from the setup wizard's mapping (src/store/change-schedule.ts `changeSearchTargets`); a site the wizard has
 * not mapped is searched by the field names ("Planned start", "Planned end") and the default issue type names.
 * The JQL bounds the dates by whole days either side of the range (JQL date literals are read in the searcher's
 * zone); the exact overlap is decided here on the instants.
 */
import { route } from '@forge/api';
import { z } from 'zod';
import { changeTypeOf } from '../domain/change/path';
import type { ChangeType } from '../domain/change-rules';
import { DEFAULT_ISSUE_TYPE_MAPPING } from '../domain/record-kind';
import { FIELD_SPECS } from '../domain/setup-plan';
import { changeSearchTargets, type ChangeSearchTarget } from '../store/change-schedule';
import { JiraRequestError, jiraFetch } from './client';

export interface ScheduledChangeIssue {
  id: string;
  key: string;
  summary: string;
  issueType: string;
  /** The profile's change type (JSM's "Standard" is Pre-approved); null when the field is empty or unknown. */
  changeType: ChangeType | null;
  status: string;
  statusCategory: 'new' | 'indeterminate' | 'done';
  /** Epoch ms. A change without a planned end is shown as one hour long (`plannedEndSet: false`). */
  plannedStart: number;
  plannedEnd: number;
  plannedEndSet: boolean;
  services: string[];
  cis: string[];
}

/** Pages read at most for one range (a month of changes fits in one). */
const MAX_PAGES = 5;
const PAGE_SIZE = 100;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

const UNMAPPED_FIELDS = { plannedStart: 'Planned start', plannedEnd: 'Planned end' } as const;

function jqlDay(t: number): string {
  return `"${new Date(t).toISOString().slice(0, 10).replace(/-/g, '/')}"`;
}

const clauseOf = (fieldId: string | undefined, name: string): string => (fieldId && /^customfield_\d+$/.test(fieldId) ? `cf[${fieldId.slice('customfield_'.length)}]` : `"${name}"`);
const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** The JQL for the changes whose planned interval may overlap [from, to) (widened by a day for the zone). */
export function scheduledChangesJql(range: { from: number; to: number }, targets: readonly ChangeSearchTarget[]): string {
  const lo = jqlDay(range.from - DAY_MS);
  const hi = jqlDay(range.to + 2 * DAY_MS);
  const dates = (start: string, end: string) => `${start} < ${hi} AND (${end} >= ${lo} OR (${end} is EMPTY AND ${start} >= ${lo}))`;
  if (targets.length === 0) return `${dates(`"${UNMAPPED_FIELDS.plannedStart}"`, `"${UNMAPPED_FIELDS.plannedEnd}"`)}`;
  return targets
    .map((t) => `(project = ${quote(t.projectKey)} AND issuetype = ${quote(t.issueType)} AND ${dates(clauseOf(t.fields.plannedStart, UNMAPPED_FIELDS.plannedStart), clauseOf(t.fields.plannedEnd, UNMAPPED_FIELDS.plannedEnd))})`)
    .join(' OR ');
}

const issueSchema = z.object({
  id: z.string(),
  key: z.string(),
  fields: z.record(z.string(), z.unknown()),
}).passthrough();
const pageSchema = z.object({ issues: z.array(issueSchema), nextPageToken: z.string().nullable().optional(), names: z.record(z.string(), z.string()).optional() }).passthrough();

function parseInstant(v: unknown): number | null {
  if (typeof v !== 'string' || !v) return null;
  const t = Date.parse(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isFinite(t) ? t : null;
}

function optionValues(v: unknown): string[] {
  const list = Array.isArray(v) ? v : v === null || v === undefined ? [] : [v];
  return list.map((x) => (typeof x === 'string' ? x : typeof x === 'object' && x !== null && typeof (x as { value?: unknown }).value === 'string' ? (x as { value: string }).value : typeof (x as { name?: unknown } | null)?.name === 'string' ? (x as { name: string }).name : '')).filter((s) => s.trim() !== '');
}

export { changeTypeOf };

function idsByName(names: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  const wanted = { plannedStart: FIELD_SPECS.plannedStart.synonyms, plannedEnd: FIELD_SPECS.plannedEnd.synonyms, changeType: FIELD_SPECS.changeType.synonyms, affectedServices: FIELD_SPECS.affectedServices.synonyms, impactedCis: FIELD_SPECS.impactedCis.synonyms };
  for (const [slot, synonyms] of Object.entries(wanted)) {
    const lower = synonyms.map((s) => s.toLowerCase());
    const hit = Object.entries(names).find(([id, n]) => id.startsWith('customfield_') && lower.includes(n.trim().toLowerCase()));
    if (hit) out[slot] = hit[0];
  }
  return out;
}

/**
 * The change requests whose planned start–end overlaps `range` (half-open, epoch ms), ordered by planned start.
 * `asUser`: read as the viewer (Jira shows them only what they may browse); else as the app (the gates).
 */
export async function searchScheduledChanges(range: { from: number; to: number }, asUser = false): Promise<ScheduledChangeIssue[]> {
  const targets = await changeSearchTargets();
  const jql = scheduledChangesJql(range, targets);
  const mappedFields = [...new Set(targets.flatMap((t) => Object.values(t.fields)))];
  const body: Record<string, unknown> = targets.length
    ? { jql, maxResults: PAGE_SIZE, fields: ['summary', 'status', 'issuetype', 'project', ...mappedFields] }
    : { jql, maxResults: PAGE_SIZE, fields: ['*all'], expand: 'names' };
  const out: ScheduledChangeIssue[] = [];
  let token: string | null = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    let raw: unknown;
    try {
      const res = await jiraFetch(asUser ? 'user' : 'app', route`/rest/api/3/search/jql`, { method: 'POST', body: token ? { ...body, nextPageToken: token } : body });
      raw = await res.json();
    } catch (e) {
      // An unmapped site without the "Planned start" field has no planned changes to show.
      if (targets.length === 0 && e instanceof JiraRequestError && e.status === 400) return [];
      throw e;
    }
    const parsed = pageSchema.parse(raw);
    const byName = parsed.names ? idsByName(parsed.names) : {};
    for (const issue of parsed.issues) {
      const f = issue.fields;
      const projectKey = (f.project as { key?: string } | undefined)?.key ?? issue.key.slice(0, issue.key.lastIndexOf('-'));
      const issueType = (f.issuetype as { name?: string } | undefined)?.name ?? '';
      const target = targets.find((t) => t.projectKey === projectKey && t.issueType === issueType);
      if (targets.length && !target) continue;
      if (!targets.length && !DEFAULT_ISSUE_TYPE_MAPPING['service-change-request'].includes(issueType)) continue;
      const ids: Record<string, string | undefined> = target ? target.fields : byName;
      const read = (slot: string): unknown => (ids[slot] ? f[ids[slot]] : undefined);
      const start = parseInstant(read('plannedStart'));
      if (start === null) continue;
      const endRaw = parseInstant(read('plannedEnd'));
      const end = endRaw !== null && endRaw > start ? endRaw : start + HOUR_MS;
      if (!(start < range.to && end > range.from)) continue;
      const status = f.status as { name?: string; statusCategory?: { key?: string } } | undefined;
      const cat = status?.statusCategory?.key;
      out.push({
        id: issue.id, key: issue.key, summary: typeof f.summary === 'string' ? f.summary : '', issueType,
        changeType: changeTypeOf(optionValues(read('changeType'))[0] ?? null, target?.changeTypeAliases ?? {}),
        status: status?.name ?? '', statusCategory: cat === 'new' || cat === 'done' ? cat : 'indeterminate',
        plannedStart: start, plannedEnd: end, plannedEndSet: endRaw !== null && endRaw > start,
        services: optionValues(read('affectedServices')), cis: optionValues(read('impactedCis')),
      });
    }
    token = parsed.nextPageToken ?? null;
    if (!token) break;
  }
  return out.sort((a, b) => a.plannedStart - b.plannedStart || (a.key < b.key ? -1 : 1));
}
