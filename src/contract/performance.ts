/**
 * Service performance reports (WP.19; RE.2.4; MET-26; D19, D21, D22, D23, D26): the functions of the "Performance
 * reports" tab of the service team's page and of the "Reports" tab of the customer's portal part, their payloads and
 * answers. The UI imports this module through `@contract/performance`.
 */
import { z } from 'zod';
import { reportScopeSchema, reportTextsSchema, type ActionItem, type ReportContent, type ReportScope, type ReportStatus, type customerReportOf } from '../domain/performance/work-product';
import type { PerformanceFigures } from '../domain/performance/report';

export { figuresCsv, monthDays } from '../domain/performance/report';
export type { PerformanceFigures, AttainmentRow, FeedbackFiguresInput } from '../domain/performance/report';
export { ACTION_STATUSES, ACTION_STATUS_LABELS } from '../domain/performance/work-product';
export type { ActionItem, ReportScope, ReportTexts, ReportStatus } from '../domain/performance/work-product';

const reportId = z.string().regex(/^WP\.19-[A-Za-z0-9_.-]+$/, 'Report must be a performance report id').max(100);

export const performancePayloads = {
  /** The figures of a scope, computed now from the aggregates (nothing saved). */
  'globalPage.performance.compute': reportScopeSchema,
  'globalPage.performance.list': z.object({}).strict(),
  'globalPage.performance.load': z.object({ id: reportId }).strict(),
  /** Saves the draft of the scope's report: the figures computed now, frozen in it, and the texts (D21). */
  'globalPage.performance.saveDraft': z.object({ scope: reportScopeSchema, texts: reportTextsSchema, expectedRevision: z.number().int().positive().nullable() }).strict(),
  'globalPage.performance.approve': z.object({ id: reportId, revision: z.number().int().positive() }).strict(),
  'globalPage.performance.share': z.object({ id: reportId, expectedVersion: z.number().int().positive() }).strict(),
  /** Rebuilds the aggregates from Jira and the stored evaluations, a slice per call (resumable); `restart` starts over. */
  'globalPage.performance.rebuild': z.object({ restart: z.boolean().default(false) }).strict(),
};
export type PerformanceFunctionKey = keyof typeof performancePayloads;

export const portalPerformancePayloads = {
  'portalHome.performance.list': z.object({}).strict(),
  'portalHome.performance.load': z.object({ id: reportId }).strict(),
};
export type PortalPerformanceFunctionKey = keyof typeof portalPerformancePayloads;

export interface AgreementOption { issueKey: string; title: string; version: number; organization: { id: string; name: string } | null; timeZone: string }

export interface PerformancePermissions { draft: boolean; approve: boolean; share: boolean; rebuild: boolean }

export interface ComputedReportView {
  scope: ReportScope;
  figures: PerformanceFigures;
  /** Storage queries the aggregates took; Jira calls: none. */
  storageQueries: number;
  /** The saved report of this scope, if any. */
  saved: ReportSummary | null;
  /** When none is saved: the action items the previous report of the agreement proposed (WP.19), to report on. */
  previousActions: ActionItem[];
}

export interface ReportSummary {
  id: string;
  scope: ReportScope;
  agreement: ReportContent['agreement'];
  status: ReportStatus | string;
  version: number;
  hasDraft: boolean;
  updatedAt: string;
}

export interface ReportView {
  id: string;
  status: ReportStatus | string;
  /** The current version (Approved or Shared), if any. */
  current: { version: number; content: ReportContent; approvedBy: string | null; approvedAt: string | null; createdBy: string } | null;
  draft: { revision: number; content: ReportContent; updatedBy: string; updatedAt: string } | null;
  history: Array<{ at: string; actor: string; action: string; summary: string; version: number | null }>;
}

export interface RebuildProgress {
  status: 'running' | 'done' | 'idle';
  pages: number;
  incidents: number;
  /** Incidents found in Jira without a stored evaluation yet (the scan evaluates them; rebuild again after). */
  notEvaluated: number;
  startedAt: string | null;
  finishedAt: string | null;
  jiraCalls: number;
}

export interface PerformanceListView {
  agreements: AgreementOption[];
  reports: ReportSummary[];
  permissions: PerformancePermissions;
  /** The policy's zone (the days of an "all agreements" report). */
  timeZone: string;
  rebuild: RebuildProgress;
}

export type CustomerReport = ReturnType<typeof customerReportOf>;
export interface CustomerReportSummary { id: string; agreement: ReportContent['agreement']; scope: ReportScope; sharedAt: string | null; version: number }

export interface PerformanceAnswers {
  'globalPage.performance.compute': ComputedReportView;
  'globalPage.performance.list': PerformanceListView;
  'globalPage.performance.load': ReportView;
  'globalPage.performance.saveDraft': ReportView;
  'globalPage.performance.approve': ReportView;
  'globalPage.performance.share': ReportView;
  'globalPage.performance.rebuild': RebuildProgress;
  'portalHome.performance.list': { reports: CustomerReportSummary[] };
  'portalHome.performance.load': { report: CustomerReport; version: number };
}
