import { randomUUID } from 'node:crypto';
import { runSlaScan, type ScanReport } from '../incidents/scan';
import { remindAgreementReviews } from '../relationship/agreements';

/** The five-minute scheduled trigger (sd-sla-scan): one use case, the clock passed in; then the agreements' review reminders (D18). */
export async function slaScan(): Promise<ScanReport> {
  const report = await runSlaScan(() => Date.now());
  try {
    const reviews = await remindAgreementReviews(Date.now(), `scan:${randomUUID()}`);
    for (const r of reviews.reminded) console.log(`Agreement review reminder sent for ${r.issueKey} (due ${r.dueOn}).`);
    for (const f of reviews.failed) console.warn(`Agreement review reminder for ${f.issueKey} not sent; the next scan tries again: ${f.message}`);
  } catch (e) {
    console.warn('Agreement review reminders were not checked this run:', e instanceof Error ? e.message : String(e));
  }
  return report;
}
