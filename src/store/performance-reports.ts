import { kvs } from '@forge/kvs';
import { changeOutcomeOf, type ChangeOutcomeInput } from '../domain/performance/report';
import { reportContentSchema, type ReportContent } from '../domain/performance/work-product';
import { CHANGE_RECORD_ENTITY, changeRecordContentSchema } from './change-records';
import { HEAD_ENTITY, type DocumentType, type Head } from './work-product-store';

/**
 * WP.19 service performance reports as versioned work products (work-product-store.ts; D23): one document per
 * agreement and period, id `WP.19-<agreement|ALL>-<from>-<to>`. Draft → Approved → Shared (RE.2.4); every version
 * stays readable, every action is in the audit trail. Also reads the change evidence a report counts.
 */

export const REPORT_PREFIX = 'WP.19-';

export function reportDocument(id: string): DocumentType<ReportContent> {
  return { docId: id, workProduct: 'WP.19', schema: reportContentSchema, title: 'service performance report' };
}

/** The heads of every report (at most a few hundred: one per agreement and month), newest first. */
export async function listReportHeads(): Promise<Head[]> {
  const out: Head[] = [];
  for (const status of ['Draft', 'Approved', 'Shared']) {
    let cursor: string | undefined;
    do {
      let q = kvs.entity<Head>(HEAD_ENTITY).query().index('by-status', { partition: [status] }).limit(100);
      if (cursor) q = q.cursor(cursor);
      const page = await q.getMany();
      out.push(...page.results.map((r) => r.value).filter((h) => h.docId.startsWith(REPORT_PREFIX)));
      cursor = page.nextCursor;
    } while (cursor && out.length < 2000);
  }
  return out.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** What became of each change recorded in these projects (CO.3.4, CO.3.5): the report's changes section. */
export async function loadChangeOutcomes(projectKeys: readonly string[]): Promise<ChangeOutcomeInput[]> {
  const out: ChangeOutcomeInput[] = [];
  for (const projectKey of projectKeys) {
    let cursor: string | undefined;
    do {
      let q = kvs.entity<unknown>(CHANGE_RECORD_ENTITY).query().index('by-project', { partition: [projectKey] }).limit(100);
      if (cursor) q = q.cursor(cursor);
      const page = await q.getMany();
      for (const r of page.results) {
        const { rev: _rev, ...content } = r.value as Record<string, unknown>;
        void _rev;
        const parsed = changeRecordContentSchema.safeParse(content);
        if (parsed.success) out.push(changeOutcomeOf(parsed.data));
      }
      cursor = page.nextCursor;
    } while (cursor && out.length < 10_000);
  }
  return out;
}
