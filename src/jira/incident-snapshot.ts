import { route } from '@forge/api';
import { z } from 'zod';
import type { AccountType, Actor, CommentFact, HistoryEntry, IncidentSnapshot, LinkFact, LinkedKind } from '../domain/incident/snapshot';
import { recordKindOf, type IssueTypeMapping } from '../domain/record-kind';
import { FIELD_SPECS, ownName, type FieldSlot } from '../domain/setup-plan';
import type { StatusCategory } from '../domain/sla/events';
import { jiraGet, type Actor as JiraActor } from './client';

/**
 * Reads an incident from Jira into the domain's IncidentSnapshot (src/domain/incident/snapshot.ts). One GET of the
 * issue with its changelog and comments is enough for the usual incident; longer histories are paged (Jira returns
 * at most 100 histories and a page of comments inline). The same parser reads /search/jql results, so the five-minute
 * scan gets everything it needs from its search page without one call per issue.
 */

const INCIDENT_SLOTS = ['impact', 'urgency', 'affectedServices', 'impactedCis', 'rootCause', 'majorIncident', 'securityIncident'] as const satisfies readonly FieldSlot[];
type IncidentSlot = (typeof INCIDENT_SLOTS)[number];

/** The snapshot field each slot fills. */
const SLOT_FIELD: Readonly<Record<IncidentSlot, keyof IncidentSnapshot['fields']>> = {
  impact: 'impact', urgency: 'urgency', affectedServices: 'services', impactedCis: 'cis', rootCause: 'rootCause', majorIncident: 'majorIncident', securityIncident: 'securityIncident',
};

/**
 * Field id per slot: from the setup wizard's mapping, or found by name in the issue's `names`. `organizations` is JSM's
 * own "Organizations" field (the customer organizations a request is shared with, D18), which the wizard never creates.
 */
export type IncidentFieldIds = Partial<Record<IncidentSlot | 'organizations', string>>;

/** JSM's field of the organizations a request is shared with (its custom type, and its name on every JSM site). */
export const ORGANIZATIONS_FIELD = { customType: 'com.atlassian.servicedesk:sd-customer-organizations', name: 'Organizations' } as const;

export const BASE_FIELDS = ['summary', 'issuetype', 'project', 'status', 'priority', 'resolution', 'resolutiondate', 'reporter', 'creator', 'assignee', 'created', 'updated', 'comment', 'issuelinks'];

/** The fields a service change request reads (WP.11, issue #13); a mapping from before the wizard knew them lacks some. */
const CHANGE_CONTENT_SLOTS = ['implementationPlan', 'testPlan', 'backoutPlan', 'businessImpact', 'builder', 'deployer'];

/**
 * The `fields` and `expand` of a request that reads a record: exact ids when the mapping names every field the app
 * reads, else every field with their names (so a field the wizard has not mapped yet is found by its name).
 */
export function incidentQuery(ids: IncidentFieldIds | null): { fields: string; expand: string } {
  const mapped = ids as Readonly<Record<string, string | undefined>> | null;
  if (mapped === null || CHANGE_CONTENT_SLOTS.some((slot) => !mapped[slot])) return { fields: '*all', expand: 'changelog,names' };
  return { fields: [...BASE_FIELDS, ...Object.values(mapped).filter((v): v is string => typeof v === 'string')].join(','), expand: 'changelog,names' };
}

/** Finds the profile's fields by their names (FIELD_SPECS synonyms, or the wizard's own "(29110)" names). */
export function fieldIdsFromNames(names: Readonly<Record<string, string>>): IncidentFieldIds {
  const out: IncidentFieldIds = {};
  const byName = new Map<string, string>();
  for (const [id, name] of Object.entries(names)) if (id.startsWith('customfield_') && !byName.has(name.trim().toLowerCase())) byName.set(name.trim().toLowerCase(), id);
  for (const slot of INCIDENT_SLOTS) {
    const spec = FIELD_SPECS[slot];
    for (const n of [...spec.synonyms, ownName(spec.name)]) {
      const id = byName.get(n.toLowerCase());
      if (id) { out[slot] = id; break; }
    }
  }
  const organizations = byName.get(ORGANIZATIONS_FIELD.name.toLowerCase());
  if (organizations) out.organizations = organizations;
  return out;
}

const accountRef = z.object({ accountId: z.string(), accountType: z.string().optional(), displayName: z.string().optional() }).passthrough();
const changeItem = z.object({
  field: z.string(), fieldId: z.string().optional(),
  from: z.string().nullable().optional(), fromString: z.string().nullable().optional(),
  to: z.string().nullable().optional(), toString: z.string().nullable().optional(),
}).passthrough();
export const historySchema = z.object({ id: z.string(), created: z.string(), author: accountRef.nullable().optional(), items: z.array(changeItem) }).passthrough();
export const commentSchema = z.object({ id: z.string(), created: z.string(), author: accountRef.nullable().optional(), jsdPublic: z.boolean().optional() }).passthrough();
const statusRef = z.object({ name: z.string(), statusCategory: z.object({ key: z.string() }).passthrough() }).passthrough();
const linkedIssue = z.object({
  key: z.string(),
  fields: z.object({ summary: z.string().optional(), status: statusRef.optional(), issuetype: z.object({ name: z.string() }).passthrough().optional() }).passthrough().optional(),
}).passthrough();
const linkSchema = z.object({
  id: z.string(),
  type: z.object({ name: z.string(), inward: z.string(), outward: z.string() }).passthrough(),
  inwardIssue: linkedIssue.optional(),
  outwardIssue: linkedIssue.optional(),
}).passthrough();

export const incidentBeanSchema = z.object({
  id: z.string(),
  key: z.string(),
  fields: z.object({
    summary: z.string(),
    issuetype: z.object({ id: z.string().optional(), name: z.string() }).passthrough(),
    project: z.object({ key: z.string() }).passthrough(),
    status: statusRef,
    priority: z.object({ name: z.string() }).passthrough().nullable().optional(),
    resolution: z.object({ name: z.string() }).passthrough().nullable().optional(),
    reporter: accountRef.nullable().optional(),
    assignee: accountRef.nullable().optional(),
    created: z.string(),
    comment: z.object({ comments: z.array(commentSchema), total: z.number().optional() }).passthrough().optional(),
    issuelinks: z.array(linkSchema).optional(),
  }).passthrough(),
  changelog: z.object({ histories: z.array(historySchema), total: z.number().optional() }).passthrough().optional(),
  names: z.record(z.string(), z.string()).optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
}).passthrough();
export type IncidentBean = z.infer<typeof incidentBeanSchema>;

const category = (key: string): StatusCategory => (key === 'done' ? 'done' : key === 'indeterminate' ? 'indeterminate' : 'new');
const accountType = (t: string | undefined): AccountType => (t === 'atlassian' || t === 'customer' || t === 'app' ? t : 'unknown');
const actor = (a: z.infer<typeof accountRef> | null | undefined): Actor | null => (a ? { accountId: a.accountId, accountType: accountType(a.accountType), ...(a.displayName !== undefined ? { displayName: a.displayName } : {}) } : null);
/** Jira's date-times ("2026-12-01T10:15:00.000+0000") as epoch ms. */
export function jiraInstant(s: string): number {
  const t = jiraInstantOrNull(s);
  if (t === null) throw new Error(`Unexpected Jira date-time "${s}"`);
  return t;
}

/** The same, null for an unreadable value (callers that list such records rather than fail). */
export function jiraInstantOrNull(s: string): number | null {
  const t = Date.parse(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(t) ? null : t;
}

function optionValues(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v.flatMap(optionValues);
  if (typeof v === 'string') return v.trim() ? [v.trim()] : [];
  if (typeof v === 'object' && typeof (v as { value?: unknown }).value === 'string') return [(v as { value: string }).value];
  return [];
}

/** JSM's Organizations field: `[{ id, name, … }]` (ids as JSM gives them, numbers or strings) → the ids as strings. */
function organizationIds(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((o) => {
    if (typeof o === 'object' && o !== null) {
      const id = (o as { id?: unknown }).id;
      if (typeof id === 'string' || typeof id === 'number') return [String(id)];
    }
    return [];
  });
}

/** Plain text of a text field or an ADF document. */
function textOf(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  const walk = (n: unknown): string => {
    if (!n || typeof n !== 'object') return '';
    const node = n as { type?: string; text?: string; content?: unknown[] };
    if (node.type === 'text') return node.text ?? '';
    return (node.content ?? []).map(walk).join(node.type === 'doc' ? '\n' : ' ');
  };
  return walk(v);
}

function linkedKind(issueType: string, mapping: IssueTypeMapping | undefined): LinkedKind {
  const k = recordKindOf(issueType, mapping);
  if (k === 'service-change-request' || k === 'incident') return k;
  return issueType.trim().toLowerCase() === 'problem' ? 'problem' : 'other';
}

/**
 * One changelog entry as the domain reads it. D25: impact and urgency changes are named as such, so the SLA replay
 * derives the priority at each instant (a select's fromString/toString is the option value, e.g. "High").
 */
function historyEntry(h: z.infer<typeof historySchema>, fieldIds: IncidentFieldIds): HistoryEntry {
  return {
    id: h.id, at: jiraInstant(h.created), author: actor(h.author),
    items: h.items.map((i) => {
      const id = i.fieldId ?? i.field;
      return { field: id === fieldIds.impact ? 'impact' : id === fieldIds.urgency ? 'urgency' : id, from: i.from ?? null, fromString: i.fromString ?? null, to: i.to ?? null, toString: i.toString ?? null };
    }),
  };
}

export interface ParsedIncident { snapshot: IncidentSnapshot; issueType: string; issueTypeId: string; fieldIds: IncidentFieldIds; properties: Record<string, unknown>; historyComplete: boolean; commentsComplete: boolean }

export function parseIncidentBean(bean: IncidentBean, ids: IncidentFieldIds | null, mapping?: IssueTypeMapping): ParsedIncident {
  const f = bean.fields;
  const fieldIds = ids ?? fieldIdsFromNames(bean.names ?? {});
  const raw = f as Record<string, unknown>;
  const value = (slot: IncidentSlot | 'organizations'): unknown => (fieldIds[slot] ? raw[fieldIds[slot]] : undefined);
  const histories: HistoryEntry[] = (bean.changelog?.histories ?? []).map((h) => historyEntry(h, fieldIds));
  const comments: CommentFact[] = (f.comment?.comments ?? []).map(commentFact);
  const links: LinkFact[] = (f.issuelinks ?? []).flatMap((l) => {
    const other = l.outwardIssue ?? l.inwardIssue;
    if (!other) return [];
    const label = l.outwardIssue ? l.type.outward : l.type.inward;
    const issueType = other.fields?.issuetype?.name ?? '';
    return [{ id: l.id, label, other: { key: other.key, summary: other.fields?.summary ?? '', issueType, status: other.fields?.status?.name ?? '', statusCategory: category(other.fields?.status?.statusCategory.key ?? 'new'), kind: linkedKind(issueType, mapping) } }];
  });
  const snapshot: IncidentSnapshot = {
    id: bean.id, key: bean.key, summary: f.summary, projectKey: f.project.key,
    createdAt: jiraInstant(f.created),
    reporter: actor(f.reporter),
    assignee: f.assignee ? { accountId: f.assignee.accountId, displayName: f.assignee.displayName ?? f.assignee.accountId } : null,
    status: { name: f.status.name, category: category(f.status.statusCategory.key) },
    priority: f.priority?.name ?? null,
    resolution: f.resolution?.name ?? null,
    history: histories,
    comments,
    fields: {
      impact: optionValues(value('impact'))[0] ?? null,
      urgency: optionValues(value('urgency'))[0] ?? null,
      services: optionValues(value('affectedServices')),
      cis: optionValues(value('impactedCis')),
      rootCause: textOf(value('rootCause')),
      majorIncident: optionValues(value('majorIncident')).length > 0,
      securityIncident: optionValues(value('securityIncident')).length > 0,
      organizations: organizationIds(value('organizations')),
    },
    links,
    missingFields: INCIDENT_SLOTS.filter((slot) => !fieldIds[slot]).flatMap((slot) => (SLOT_FIELD[slot] ? [SLOT_FIELD[slot]] : [])),
  };
  return {
    snapshot, issueType: f.issuetype.name, issueTypeId: f.issuetype.id ?? '', fieldIds, properties: bean.properties ?? {},
    historyComplete: bean.changelog === undefined || (bean.changelog.total ?? histories.length) <= histories.length,
    commentsComplete: f.comment === undefined || (f.comment.total ?? comments.length) <= comments.length,
  };
}

function commentFact(c: z.infer<typeof commentSchema>): CommentFact {
  // jsdPublic is JSM's flag; a comment without it (a plain Jira project) is visible to everyone who sees the issue.
  return { id: c.id, at: jiraInstant(c.created), author: actor(c.author), public: c.jsdPublic !== false };
}

const changelogPage = z.object({ values: z.array(historySchema), isLast: z.boolean().optional(), total: z.number().optional(), startAt: z.number().optional() }).passthrough();
const commentPage = z.object({ comments: z.array(commentSchema), total: z.number().optional(), startAt: z.number().optional() }).passthrough();

/** Completes a snapshot whose inline changelog or comments were truncated (long-running incidents). */
export async function completeIncident(parsed: ParsedIncident, who: JiraActor): Promise<IncidentSnapshot> {
  let { snapshot } = parsed;
  const key = snapshot.key;
  if (!parsed.historyComplete) {
    const all: HistoryEntry[] = [];
    for (let startAt = 0; ;) {
      const page = await jiraGet(who, route`/rest/api/3/issue/${key}/changelog?startAt=${String(startAt)}&maxResults=100`, changelogPage);
      all.push(...page.values.map((h) => historyEntry(h, parsed.fieldIds)));
      startAt += page.values.length;
      if (page.isLast !== false || page.values.length === 0 || (page.total !== undefined && startAt >= page.total)) break;
    }
    snapshot = { ...snapshot, history: all };
  }
  if (!parsed.commentsComplete) {
    const all: CommentFact[] = [];
    for (let startAt = 0; ;) {
      const page = await jiraGet(who, route`/rest/api/3/issue/${key}/comment?startAt=${String(startAt)}&maxResults=100`, commentPage);
      all.push(...page.comments.map(commentFact));
      startAt += page.comments.length;
      if (page.comments.length === 0 || page.total === undefined || startAt >= page.total) break;
    }
    snapshot = { ...snapshot, comments: all };
  }
  return snapshot;
}
