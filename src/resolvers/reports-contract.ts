/**
 * What `reports.incidents` answers (src/resolvers/reports.ts): types only, so the Custom UI imports them without
 * pulling server code into the bundle.
 */
import type { IncidentReport, ReportBucket } from '../domain/incident/report';
import type { ResultErrorCode } from './results';

export interface IncidentReportsView {
  project: { key: string };
  from: string;
  to: string;
  bucket: ReportBucket;
  filter: { service: string | null; priority: string | null };
  /** The figures and the per-incident rows (`report.rows`); `report.notEvaluated` lists the incidents not yet evaluated. */
  report: IncidentReport;
  /** Services and priorities of the period's incidents before the filter (for the filter lists), sorted. */
  services: string[];
  priorities: string[];
  /** Incidents of the period without a readable `sd-state` (the app has not evaluated them yet). */
  notEvaluated: number;
  /** The issue type names searched. */
  incidentTypes: string[];
  generatedAt: string;
}

export type ReportsErrorCode = ResultErrorCode;
export type ReportsResult = { ok: true; data: IncidentReportsView } | { ok: false; error: { code: ReportsErrorCode; message: string } };

