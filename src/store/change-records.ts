import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { ROLE_CODES } from '../domain/roles';
import { readRow, updateRow, type Versioned } from './versioned-entity';

/**
 * What the app records about each service change request (WP.11), in app storage (ADR 010, ADR 014): the evidence
 * the change path rests on — every decision on an approval step (CO.2.1, CO.2.3, CO.3.2) with who, in which role and
 * when, the built change (WP.13), the published test report (WP.20), the deployment with the configuration record
 * versions it wrote (CO.3.4, CO-11), the review (CO.3.5), the template a pre-approved change came from (D15) and the
 * schedule warnings recorded for an emergency change (D17). Jira's status follows this evidence and is never read
 * as evidence itself. One row per issue (`change-record`), every write conditional on `rev`.
 */

export const CHANGE_RECORD_ENTITY = 'change-record';

const iso = z.string();
const person = z.object({ accountId: z.string(), displayName: z.string() }).strict();

export const decisionSchema = z.object({
  id: z.string(),
  step: z.enum(['evaluate', 'design', 'deploy']),
  decision: z.enum(['approved', 'rejected']),
  /** The approver; for a customer / supplier sign-off recorded by staff, the party as named (accountId ''). */
  by: person,
  role: z.enum([...ROLE_CODES] as [string, ...string[]]),
  at: iso,
  reason: z.string().nullable(),
  via: z.enum(['app', 'jsm']),
  recordedBy: person.nullable(),
  how: z.string().nullable(),
}).strict();
export type ChangeDecision = z.infer<typeof decisionSchema>;

export const changeRecordContentSchema = z.object({
  issueId: z.string(),
  issueKey: z.string(),
  projectKey: z.string(),
  decisions: z.array(decisionSchema),
  design: z.object({ approvedBy: person, at: iso, procedureVersion: z.number().int().nullable() }).strict().nullable(),
  build: z.object({ by: person, at: iso, status: z.enum(['Initial', 'Final']), notes: z.string().nullable(), finalAt: iso.nullable() }).strict().nullable(),
  testReport: z.object({
    summary: z.string(), outcome: z.enum(['pass', 'fail']), levels: z.string(), errors: z.string().nullable(), performedBy: person, publishedAt: iso,
  }).strict().nullable(),
  deployment: z.object({ by: person, at: iso, configurationVersions: z.array(z.object({ id: z.string(), version: z.number().int() }).strict()), complete: z.boolean() }).strict().nullable(),
  review: z.object({
    by: person, at: iso, outcome: z.enum(['successful', 'failed', 'backed-out']), emergencyJustified: z.boolean().nullable(), notes: z.string().nullable(),
  }).strict().nullable(),
  template: z.object({ id: z.string(), name: z.string() }).strict().nullable(),
  scheduleWarnings: z.array(z.object({ at: iso, message: z.string(), key: z.string() }).strict()),
}).strict();
export type ChangeRecordContent = z.infer<typeof changeRecordContentSchema>;

export interface ChangeRecord extends ChangeRecordContent, Versioned {}

export function emptyChangeRecord(ref: { issueId: string; issueKey: string; projectKey: string }): ChangeRecordContent {
  return { ...ref, decisions: [], design: null, build: null, testReport: null, deployment: null, review: null, template: null, scheduleWarnings: [] };
}

function parsed(row: unknown): ChangeRecord | null {
  if (!row || typeof row !== 'object') return null;
  const { rev, ...content } = row as ChangeRecord;
  const p = changeRecordContentSchema.safeParse(content);
  return p.success && typeof rev === 'number' ? { ...p.data, rev } : null;
}

export async function loadChangeRecord(issueId: string): Promise<ChangeRecord | null> {
  return parsed(await readRow<ChangeRecord>(CHANGE_RECORD_ENTITY, issueId));
}

/** Records of many changes at once (reports): 25 keys a call; changes the app has recorded nothing of are left out. */
export async function loadChangeRecords(issueIds: readonly string[]): Promise<Map<string, ChangeRecord>> {
  const out = new Map<string, ChangeRecord>();
  for (let i = 0; i < issueIds.length; i += 25) {
    const chunk = issueIds.slice(i, i + 25);
    const res = await kvs.batchGet<ChangeRecord>(chunk.map((key) => ({ key, entityName: CHANGE_RECORD_ENTITY })));
    for (const item of res.successfulKeys) {
      const record = parsed(item.value);
      if (record) out.set(item.key, record);
    }
  }
  return out;
}

/**
 * Read-modify-write of one change's record until it lands (two people acting at once both land, in some order, and
 * `change` sees the other's write). `change` answers the next content, or undefined to write nothing (e.g. the fact
 * is already recorded): the answer says whether this call wrote it.
 */
export async function updateChangeRecord(
  ref: { issueId: string; issueKey: string; projectKey: string },
  change: (current: ChangeRecordContent) => ChangeRecordContent | undefined,
): Promise<{ written: boolean; record: ChangeRecordContent }> {
  let declined: ChangeRecordContent | null = null;
  const { written, row } = await updateRow<ChangeRecord>(CHANGE_RECORD_ENTITY, ref.issueId, (current) => {
    const base = (current && parsed(current)) ?? emptyChangeRecord(ref);
    const { rev: _rev, ...content } = base as ChangeRecord;
    void _rev;
    const next = change(content);
    if (next === undefined) { declined = content; return undefined; }
    return changeRecordContentSchema.parse(next);
  });
  if (written && row) {
    const { rev: _rev, ...content } = row;
    void _rev;
    return { written: true, record: content };
  }
  return { written: false, record: declined ?? emptyChangeRecord(ref) };
}
