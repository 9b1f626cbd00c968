import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import type { PolicyInForce } from '../domain/incident/evaluate';
import { communicationStateSchema, escalationStateSchema, type CommunicationState, type EscalationState } from '../domain/incident/state';
import { defaultPolicy } from '../domain/policy';
import { DEFAULT_ISSUE_TYPE_MAPPING, type IssueTypeMapping } from '../domain/record-kind';
import type { RoleAssignment } from '../domain/roles';
import type { IncidentFieldIds } from '../jira/incident-snapshot';
import { loadRoleList, POLICY, projectMappingSchema, SITE_MAPPING } from './documents';
import { loadDocument } from './work-product-store';

/**
 * What the incident rules read from Forge storage, and the ledger that makes escalations (D14) and standard
 * communications (IN-10) happen once (ADR 009).
 */

export interface IncidentRules {
  policy: PolicyInForce;
  roles: readonly RoleAssignment[] | null;
  /** The setup wizard's field ids per project key; a project without a mapping has its fields found by name. */
  fieldIds: (projectKey: string) => IncidentFieldIds | null;
  /** Issue type names per record kind, over every mapped project plus the default names. */
  issueTypes: IssueTypeMapping;
  /** The issue type to create a service change request of, per project (IN.1.3, IN.2.2). */
  changeIssueType: (projectKey: string) => string;
}

type MappedProject = z.infer<typeof projectMappingSchema>;

/** The issue type the setup wizard mapped to a record slot in a project, if it mapped one. */
export function mappedIssueType(projects: readonly MappedProject[], projectKey: string, slot: string): string | null {
  return projects.find((x) => x.projectKey === projectKey)?.issueTypes[slot]?.name ?? null;
}

/** The incident issue type names to search in a project: the mapped one, else the default names (record-kind.ts). */
export async function incidentIssueTypesOf(projectKey: string): Promise<string[]> {
  const mapping = await loadDocument(SITE_MAPPING);
  const mapped = mappedIssueType(mapping.current?.content.projects ?? [], projectKey, 'incident');
  return mapped ? [mapped] : [...DEFAULT_ISSUE_TYPE_MAPPING.incident];
}

export async function loadIncidentRules(now: number): Promise<IncidentRules> {
  const [policy, roles, mapping] = await Promise.all([loadDocument(POLICY), loadRoleList(), loadDocument(SITE_MAPPING)]);
  const projects = mapping.current?.content.projects ?? [];
  const issueTypes: IssueTypeMapping = {
    incident: [...DEFAULT_ISSUE_TYPE_MAPPING.incident], 'service-change-request': [...DEFAULT_ISSUE_TYPE_MAPPING['service-change-request']],
    'customer-agreement': [...DEFAULT_ISSUE_TYPE_MAPPING['customer-agreement']], 'supplier-agreement': [...DEFAULT_ISSUE_TYPE_MAPPING['supplier-agreement']],
  };
  for (const p of projects) {
    for (const [slot, t] of Object.entries(p.issueTypes)) {
      const list = (issueTypes as unknown as Record<string, string[] | undefined>)[slot];
      if (list && !list.includes(t.name)) list.push(t.name);
    }
  }
  const today = new Date(now).toISOString().slice(0, 10);
  return {
    policy: policy.current ? { policy: policy.current.content, version: policy.current.version } : { policy: defaultPolicy(today), version: null },
    roles: roles?.assignments ?? null,
    fieldIds: (projectKey) => {
      const p = projects.find((x) => x.projectKey === projectKey);
      if (!p) return null;
      return Object.fromEntries(Object.entries(p.fields).map(([slot, f]) => [slot, f.id])) as IncidentFieldIds;
    },
    issueTypes,
    changeIssueType: (projectKey) => mappedIssueType(projects, projectKey, 'service-change-request') ?? 'Change',
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The ledger: one key per escalation / communication, claimed with FAIL_IF_EXISTS before anything is sent, each
// step recorded when done. A second scan (or a duplicate delivery) finds the claim and does not send again; a run
// that failed half-way resumes from the first step not recorded.

const ledgerEntrySchema = <R extends z.ZodType>(record: R) => z.object({
  claimedAt: z.string(),
  record,
  steps: z.record(z.string(), z.string()),
}).strict();

const escalationEntrySchema = ledgerEntrySchema(escalationStateSchema);
const communicationEntrySchema = ledgerEntrySchema(communicationStateSchema);
export type EscalationEntry = z.infer<typeof escalationEntrySchema>;
export type CommunicationEntry = z.infer<typeof communicationEntrySchema>;

type LedgerKind = 'esc' | 'comm';
const ledgerKey = (kind: LedgerKind, issueId: string, key: string): string => `${kind}:${issueId}:${key}`;

/** Claims the ledger entry; answers the entry already there when someone claimed it first. */
export async function claimLedger<E extends EscalationEntry | CommunicationEntry>(kind: LedgerKind, issueId: string, key: string, entry: E): Promise<{ claimed: true } | { claimed: false; existing: E | null }> {
  try {
    await kvs.set(ledgerKey(kind, issueId, key), entry, { keyPolicy: 'FAIL_IF_EXISTS' });
    return { claimed: true };
  } catch (e) {
    const existing = await kvs.get<unknown>(ledgerKey(kind, issueId, key));
    if (existing === undefined) throw e;
    const parsed = (kind === 'esc' ? escalationEntrySchema : communicationEntrySchema).safeParse(existing);
    return { claimed: false, existing: parsed.success ? (parsed.data as E) : null };
  }
}

export async function recordLedgerStep<E extends EscalationEntry | CommunicationEntry>(kind: LedgerKind, issueId: string, key: string, entry: E, step: string, at: string): Promise<E> {
  const next = { ...entry, steps: { ...entry.steps, [step]: at } };
  await kvs.set(ledgerKey(kind, issueId, key), next);
  return next;
}

async function listLedger<S extends z.ZodType>(kind: LedgerKind, issueId: string, schema: S): Promise<Array<z.infer<S>>> {
  const out: Array<z.infer<S>> = [];
  let cursor: string | undefined;
  do {
    let q = kvs.query().where('key', WhereConditions.beginsWith(`${kind}:${issueId}:`)).limit(20);
    if (cursor) q = q.cursor(cursor);
    const page = await q.getMany<unknown>();
    for (const r of page.results) { const p = schema.safeParse(r.value); if (p.success) out.push(p.data); }
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** Escalations whose every step is done (claimed-but-unfinished ones are resumed by the scan). */
export async function ledgerOf(issueId: string): Promise<{ escalations: EscalationEntry[]; communications: CommunicationEntry[] }> {
  const [escalations, communications] = await Promise.all([listLedger('esc', issueId, escalationEntrySchema), listLedger('comm', issueId, communicationEntrySchema)]);
  return { escalations, communications };
}

export const ESCALATION_STEPS = ['notified', 'commented'] as const;
export const COMMUNICATION_STEPS = ['commented'] as const;
export const isComplete = (entry: { steps: Record<string, string> }, steps: readonly string[]): boolean => steps.every((s) => entry.steps[s] !== undefined);
export const doneEscalations = (entries: readonly EscalationEntry[]): EscalationState[] => entries.filter((e) => isComplete(e, ESCALATION_STEPS)).map((e) => e.record);
export const doneCommunications = (entries: readonly CommunicationEntry[]): CommunicationState[] => entries.filter((e) => isComplete(e, COMMUNICATION_STEPS)).map((e) => e.record);

// ---------------------------------------------------------------------------------------------------------------
// Facts people record on an incident from the panel (D12 confirmation, D13 major incident manager and report).
// Kept in KVS as the authority and mirrored into the issue property: a trigger that read the property a moment
// before a person recorded something can then not write it away.

export const incidentFactsSchema = z.object({
  closure: z.object({ confirmedBy: z.string(), confirmedAt: z.string(), how: z.string().optional(), recordedBy: z.string().optional() }).strict().optional(),
  majorIncidentManager: z.object({ accountId: z.string(), displayName: z.string(), namedAt: z.string() }).strict().optional(),
  majorIncidentReport: z.object({ publishedAt: z.string(), publishedBy: z.string(), commentId: z.string().nullable() }).strict().optional(),
}).strict();
export type IncidentFacts = z.infer<typeof incidentFactsSchema>;

const factsKey = (issueId: string): string => `incident-facts:${issueId}`;

export async function loadFacts(issueId: string): Promise<IncidentFacts> {
  const parsed = incidentFactsSchema.safeParse((await kvs.get<unknown>(factsKey(issueId))) ?? {});
  return parsed.success ? parsed.data : {};
}

export async function recordFacts(issueId: string, change: (current: IncidentFacts) => IncidentFacts): Promise<IncidentFacts> {
  const next = incidentFactsSchema.parse(change(await loadFacts(issueId)));
  await kvs.set(factsKey(issueId), next);
  return next;
}
