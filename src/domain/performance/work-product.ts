/**
 * The service performance report as a work product (WP.19: unique id, performance for the period, status of the
 * previous action items, action items proposed for the coming period; RE.2.4; D21, D23, D26). Saved as a Draft with
 * its figures frozen, approved by the RM or SM, then shared with the customer (the agreement's JSM organization).
 */
import { z } from 'zod';
import type { PerformanceFigures } from './report';

export const REPORT_STATUSES = ['Draft', 'Approved', 'Shared'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

const text = (label: string, max: number) => z.string({ error: `${label} must be text` }).max(max, `${label} must be at most ${String(max)} characters`);
const isoDay = (label: string) => z.string({ error: `${label} must be a date YYYY-MM-DD` }).regex(/^\d{4}-\d{2}-\d{2}$/, `${label} must be a date YYYY-MM-DD`);

export const ACTION_STATUSES = ['open', 'in-progress', 'done', 'dropped'] as const;
export const ACTION_STATUS_LABELS: Readonly<Record<(typeof ACTION_STATUSES)[number], string>> = { open: 'Open', 'in-progress': 'In progress', done: 'Done', dropped: 'Dropped' };

export const actionItemSchema = z.strictObject({
  text: text('Action item', 1000).min(1, 'Action item must not be empty'),
  status: z.enum(ACTION_STATUSES, { error: `Action item status must be one of ${ACTION_STATUSES.join(', ')}` }),
  note: text('Action item note', 1000),
});
export type ActionItem = z.infer<typeof actionItemSchema>;

/** What people write in a report (the figures are computed by the app, never sent by the page). */
export const reportTextsSchema = z.strictObject({
  commentary: text('Commentary', 8000),
  /** WP.19: the status of the action items the previous report proposed. */
  previousActions: z.array(actionItemSchema).max(50, 'Previous action items must be at most 50'),
  /** WP.19: the action items proposed for the coming period. */
  proposedActions: z.array(actionItemSchema).max(50, 'Proposed action items must be at most 50'),
});
export type ReportTexts = z.infer<typeof reportTextsSchema>;

export const reportScopeSchema = z.strictObject({
  /** The agreement's issue key, or null: every agreement. */
  agreement: z.string().regex(/^[A-Z][A-Z0-9_]*-\d+$/, 'Agreement must be an issue key').nullable(),
  fromDay: isoDay('From'),
  toDay: isoDay('To'),
}).refine((s) => s.fromDay <= s.toDay, { message: 'To must not be before From', path: ['toDay'] })
  .refine((s) => Date.parse(`${s.toDay}T00:00:00Z`) - Date.parse(`${s.fromDay}T00:00:00Z`) <= 400 * 86_400_000, { message: 'A report covers at most 400 days', path: ['toDay'] });
export type ReportScope = z.infer<typeof reportScopeSchema>;

/** The stored content of one report version. */
export interface ReportContent extends ReportTexts {
  /** The unique id (WP.19), also the document id. */
  id: string;
  scope: ReportScope;
  agreement: { issueKey: string; title: string; version: number } | null;
  /** The customer the report is for: the agreement's JSM organization (null: a master agreement or all). */
  organization: { id: string; name: string } | null;
  figures: PerformanceFigures;
  sharedWith: { organizationId: string; organizationName: string; at: string; by: string } | null;
}

export const reportContentSchema: z.ZodType<ReportContent> = z.custom<ReportContent>((v) => {
  const o = v as Partial<ReportContent> | null;
  return !!o && typeof o.id === 'string' && typeof o.figures === 'object' && o.figures !== null && reportTextsSchema.safeParse({ commentary: o.commentary, previousActions: o.previousActions, proposedActions: o.proposedActions }).success;
}, { message: 'must be a performance report' });

/** The unique id of the report of a scope: one document per agreement and period, versioned (D23). */
export function reportIdOf(scope: ReportScope): string {
  return `WP.19-${scope.agreement ?? 'ALL'}-${scope.fromDay}-${scope.toDay}`;
}

/**
 * D26: what the customer reads of a shared report: the figures of their service, the commentary and action items;
 * never the D19 conflicts (they name supplier agreements and internal targets) nor who in the team did what.
 */
export function customerReportOf(c: ReportContent): Omit<ReportContent, 'figures' | 'sharedWith'> & { figures: Omit<PerformanceFigures, 'conflicts'>; sharedAt: string | null } {
  const { conflicts: _conflicts, ...figures } = c.figures;
  void _conflicts;
  const { sharedWith, ...rest } = c;
  return { ...rest, figures, sharedAt: sharedWith?.at ?? null };
}

/** Whether a customer belonging to these organizations may read the report (D26). */
export function sharedWithAny(c: Pick<ReportContent, 'sharedWith'>, organizationIds: readonly string[]): boolean {
  return c.sharedWith !== null && organizationIds.includes(c.sharedWith.organizationId);
}
