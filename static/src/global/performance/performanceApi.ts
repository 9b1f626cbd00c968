/** The performance reports tab's calls (src/contract/performance.ts). */
import { callFunction } from '../../api';
import type { ActionItem, ComputedReportView, PerformanceListView, RebuildProgress, ReportScope, ReportTexts, ReportView } from '@contract/performance';

export type { ActionItem, AgreementOption, AttainmentRow, ComputedReportView, PerformanceFigures, PerformanceListView, RebuildProgress, ReportScope, ReportSummary, ReportTexts, ReportView } from '@contract/performance';
export { ACTION_STATUSES, ACTION_STATUS_LABELS, figuresCsv, monthDays } from '@contract/performance';

export const listReports = (): Promise<PerformanceListView> => callFunction('globalPage.performance.list', {});
export const computeReport = (scope: ReportScope): Promise<ComputedReportView> => callFunction('globalPage.performance.compute', scope);
export const loadReport = (id: string): Promise<ReportView> => callFunction('globalPage.performance.load', { id });
export const saveReportDraft = (scope: ReportScope, texts: ReportTexts, expectedRevision: number | null): Promise<ReportView> => callFunction('globalPage.performance.saveDraft', { scope, texts, expectedRevision });
export const approveReport = (id: string, revision: number): Promise<ReportView> => callFunction('globalPage.performance.approve', { id, revision });
export const shareReport = (id: string, expectedVersion: number): Promise<ReportView> => callFunction('globalPage.performance.share', { id, expectedVersion });
export const rebuildAggregates = (restart: boolean): Promise<RebuildProgress> => callFunction('globalPage.performance.rebuild', { restart });

export const emptyAction = (): ActionItem => ({ text: '', status: 'open', note: '' });

/** Downloads text as a file (a blob URL on an anchor; works inside the app's iframe). */
export function download(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
