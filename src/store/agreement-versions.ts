import { kvs, WhereConditions } from '@forge/kvs';
import type { ApprovedAgreementVersion } from '../domain/agreement/content';

/**
 * The approved versions of every agreement (WP.03, WP.21; D18, D23), one row per version, written once when the app
 * approves it (RE.2.2) and never rewritten. The SLA engine picks from them the version in force at an incident's
 * creation; the reports read the targets from them. A small team holds tens of agreements, a few versions each.
 */
export const AGREEMENT_VERSION_ENTITY = 'agreement-version';

const rowKey = (issueId: string, version: number): string => `${issueId}:${String(version).padStart(6, '0')}`;

/** Idempotent: the same version written twice is one row (a retried approval writes the same content). */
export function approvedAgreementVersionWrite(v: ApprovedAgreementVersion): { key: string; value: unknown; entityName: string } {
  return { key: rowKey(v.issueId, v.version), value: v, entityName: AGREEMENT_VERSION_ENTITY };
}

export async function saveApprovedAgreementVersion(v: ApprovedAgreementVersion): Promise<void> {
  await kvs.entity<ApprovedAgreementVersion>(AGREEMENT_VERSION_ENTITY).set(rowKey(v.issueId, v.version), v);
}

/** Every approved version of every agreement (at most 5,000), oldest approval first. */
export async function loadApprovedAgreementVersions(): Promise<ApprovedAgreementVersion[]> {
  const out: ApprovedAgreementVersion[] = [];
  let cursor: string | undefined;
  do {
    let q = kvs.entity<ApprovedAgreementVersion>(AGREEMENT_VERSION_ENTITY).query().index('by-approved').where(WhereConditions.greaterThan(-1)).limit(100);
    if (cursor) q = q.cursor(cursor);
    const page = await q.getMany();
    out.push(...page.results.map((r) => r.value));
    cursor = page.nextCursor;
  } while (cursor && out.length < 5000);
  return out.sort((a, b) => a.approvedAt - b.approvedAt || a.issueKey.localeCompare(b.issueKey) || a.version - b.version);
}

/** The approved versions of one agreement, oldest first. */
export async function loadAgreementVersionsOf(issueId: string): Promise<ApprovedAgreementVersion[]> {
  const page = await kvs.entity<ApprovedAgreementVersion>(AGREEMENT_VERSION_ENTITY).query().index('by-issue', { partition: [issueId] }).limit(100).getMany();
  return page.results.map((r) => r.value).sort((a, b) => a.version - b.version);
}
