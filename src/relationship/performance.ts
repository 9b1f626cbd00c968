import { approvedAgreementConflicts } from './agreements';
import { loadFeedbackFigures } from '../store/feedback';
import type {
  AgreementOption, ComputedReportView, CustomerReportSummary, PerformanceAnswers, PerformanceListView, RebuildProgress, ReportSummary, ReportView,
} from '../contract/performance';
import { mayCall, type Caller } from '../domain/access';
import type { ApprovedAgreementVersion } from '../domain/agreement/content';
import { contributionOf, contributionsOf } from '../domain/performance/aggregates';
import { performanceFigures, type ConflictInput, type FeedbackFiguresInput, type ReportPeriod } from '../domain/performance/report';
import { customerReportOf, reportIdOf, sharedWithAny, type ActionItem, type ReportContent, type ReportScope, type ReportTexts } from '../domain/performance/work-product';
import { Refusal } from '../domain/refusal';
import { isTimeZone, localDaysPeriod } from '../domain/zoned-days';
import { searchRefs } from '../jira/issues';
import { organizationsOf } from '../jira/organizations';
import { loadApprovedAgreementVersions } from '../store/agreement-versions';
import { POLICY, SITE_MAPPING } from '../store/documents';
import { loadRecords } from '../store/incident-records';
import { loadBuckets, loadRebuildRun, recordContributions, saveRebuildRun, type RebuildRun } from '../store/performance-aggregates';
import { listReportHeads, loadChangeOutcomes, reportDocument } from '../store/performance-reports';
import { loadIncidentRules } from '../store/rules';
import { approveDraft, auditTrail, loadDocument, loadVersion, recordVersion, saveDraft, type DocumentState } from '../store/work-product-store';

/**
 * Service performance reports (WP.19; RE.2.4; MET-26; D19, D21, D22, D23, D26). The figures come from the per-day
 * aggregates in app storage (ADR 015): a period of any size is a few storage queries and no Jira call. The feedback
 * figures (WP.06) and the D19 conflicts come from their own parts of the app: until they are wired in, the report
 * says there are none yet.
 */

/**
 * Where the report's feedback figures (WP.06: satisfaction, complaints) and D19 conflicts come from. A customer
 * agreement's report counts its organization's feedback; a master agreement's, or the report of all agreements, all.
 */
export const performanceSources: {
  feedback: (period: ReportPeriod, organizationIds: readonly string[]) => Promise<FeedbackFiguresInput | null>;
  conflicts: (agreementKey: string | null) => Promise<ConflictInput[]>;
} = {
  feedback: (period, organizationIds) => loadFeedbackFigures({ from: period.from, to: period.to }, organizationIds.length ? organizationIds : null),
  conflicts: async (agreementKey) => (await approvedAgreementConflicts())
    .filter((c) => agreementKey === null || c.customer.issueKey === agreementKey || c.underpinning.issueKey === agreementKey)
    .map((c) => ({ summary: c.message, agreements: [c.customer.issueKey, c.underpinning.issueKey] })),
};

const zoneOr = (zone: string | undefined, fallback: string): string => (zone && isTimeZone(zone) ? zone : fallback);

async function policyZone(): Promise<string> {
  const policy = await loadDocument(POLICY);
  return zoneOr(policy.current?.content.serviceHours.timeZone, 'UTC');
}

/** The customer agreements to report on: the latest approved version of each (D18, D23). */
export function agreementOptions(versions: readonly ApprovedAgreementVersion[], fallbackZone: string): AgreementOption[] {
  const latest = new Map<string, ApprovedAgreementVersion>();
  for (const v of versions) {
    if (v.content.kind !== 'customer') continue;
    const have = latest.get(v.issueKey);
    if (!have || v.version > have.version) latest.set(v.issueKey, v);
  }
  return [...latest.values()].sort((a, b) => a.issueKey.localeCompare(b.issueKey, undefined, { numeric: true })).map((v) => ({
    issueKey: v.issueKey, title: v.title, version: v.version,
    organization: v.content.party.organizationId ? { id: v.content.party.organizationId, name: v.content.party.name } : null,
    timeZone: zoneOr(v.content.serviceHours.timeZone, fallbackZone),
  }));
}

/** The agreement version a report of the period reads: the last one approved before the period ended. */
function versionFor(versions: readonly ApprovedAgreementVersion[], issueKey: string, periodEnd: number): ApprovedAgreementVersion | null {
  const of = versions.filter((v) => v.issueKey === issueKey).sort((a, b) => a.version - b.version);
  return [...of].reverse().find((v) => v.approvedAt < periodEnd) ?? of[of.length - 1] ?? null;
}

interface Computed { figures: ComputedReportView['figures']; storageQueries: number; agreement: ApprovedAgreementVersion | null }

export async function computeFigures(scope: ReportScope, now: number): Promise<Computed> {
  const [versions, fallbackZone, mapping] = await Promise.all([loadApprovedAgreementVersions(), policyZone(), loadDocument(SITE_MAPPING)]);
  const probe = scope.agreement ? versions.filter((v) => v.issueKey === scope.agreement) : [];
  if (scope.agreement && probe.length === 0) throw new Refusal('refused', `Agreement ${scope.agreement} has no approved version to report on.`);
  const zoneProbe = scope.agreement ? zoneOr(probe[probe.length - 1]?.content.serviceHours.timeZone, fallbackZone) : fallbackZone;
  const range = localDaysPeriod(zoneProbe, scope.fromDay, scope.toDay);
  const agreement = scope.agreement ? versionFor(versions, scope.agreement, range.to) : null;
  const timeZone = agreement ? zoneOr(agreement.content.serviceHours.timeZone, fallbackZone) : fallbackZone;
  const period: ReportPeriod = { fromDay: scope.fromDay, toDay: scope.toDay, timeZone, ...localDaysPeriod(timeZone, scope.fromDay, scope.toDay) };
  const { buckets, queries } = await loadBuckets(scope.agreement ?? 'all', period.from, period.to);
  const contributions = contributionsOf(buckets);
  const projects = new Set<string>((mapping.current?.content.projects ?? []).map((p) => p.projectKey));
  for (const c of contributions) projects.add(c.projectKey);
  const organizationIds = agreement?.content.party.organizationId ? [agreement.content.party.organizationId] : [];
  const [changes, feedback, conflicts] = await Promise.all([
    loadChangeOutcomes([...projects].sort()), performanceSources.feedback(period, organizationIds), performanceSources.conflicts(scope.agreement),
  ]);
  const figures = performanceFigures({
    period, contributions, changes, feedback, conflicts, now,
    agreement: agreement ? { issueKey: agreement.issueKey, title: agreement.title, version: agreement.version, targets: agreement.content.targets } : null,
  });
  return { figures, storageQueries: queries, agreement };
}

function summaryOf(id: string, state: DocumentState<ReportContent>): ReportSummary | null {
  const content = state.draft?.content ?? state.current?.content;
  if (!content || !state.head) return null;
  return { id, scope: content.scope, agreement: content.agreement, status: state.head.status, version: state.head.version, hasDraft: state.draft !== null, updatedAt: state.head.updatedAt };
}

/**
 * WP.19 "status of previous action items": the action items the last approved report of the same agreement before
 * this period proposed, to carry into a new report (their status as it stood).
 */
async function previousActionsOf(scope: ReportScope): Promise<ActionItem[]> {
  const prefix = `WP.19-${scope.agreement ?? 'ALL'}-`;
  const earlier = (await listReportHeads())
    .filter((h) => h.docId.startsWith(prefix) && h.docId.length === prefix.length + 21 && h.version > 0)
    .map((h) => ({ head: h, toDay: h.docId.slice(-10) }))
    .filter((x) => x.toDay < scope.fromDay)
    .sort((a, b) => b.toDay.localeCompare(a.toDay));
  const last = earlier[0];
  if (!last) return [];
  const v = await loadVersion(reportDocument(last.head.docId), last.head.version);
  return v?.content.proposedActions ?? [];
}

export async function computeReport(scope: ReportScope, now: number): Promise<ComputedReportView> {
  const id = reportIdOf(scope);
  const [computed, state] = await Promise.all([computeFigures(scope, now), loadDocument(reportDocument(id))]);
  const saved = summaryOf(id, state);
  return { scope, figures: computed.figures, storageQueries: computed.storageQueries, saved, previousActions: saved ? [] : await previousActionsOf(scope) };
}

const progressOf = (run: RebuildRun | null): RebuildProgress => run
  ? { status: run.status, pages: run.pages, incidents: run.incidents, notEvaluated: run.notEvaluated, startedAt: run.startedAt, finishedAt: run.finishedAt, jiraCalls: run.jiraCalls }
  : { status: 'idle', pages: 0, incidents: 0, notEvaluated: 0, startedAt: null, finishedAt: null, jiraCalls: 0 };

export async function performanceList(caller: Caller): Promise<PerformanceListView> {
  const [versions, zone, heads, run] = await Promise.all([loadApprovedAgreementVersions(), policyZone(), listReportHeads(), loadRebuildRun()]);
  const reports: ReportSummary[] = [];
  for (const head of heads.slice(0, 200)) {
    const s = summaryOf(head.docId, await loadDocument(reportDocument(head.docId)));
    if (s) reports.push(s);
  }
  const draft = mayCall('performance.draft', caller).allowed;
  const approve = mayCall('performance.approve', caller).allowed;
  return { agreements: agreementOptions(versions, zone), reports, permissions: { draft, approve, share: approve, rebuild: draft }, timeZone: zone, rebuild: progressOf(run) };
}

export async function loadReportView(id: string): Promise<ReportView> {
  const type = reportDocument(id);
  const [state, history] = await Promise.all([loadDocument(type), auditTrail(id)]);
  if (!state.head) throw new Refusal('refused', `There is no performance report ${id}.`);
  return {
    id, status: state.head.status,
    current: state.current ? { version: state.current.version, content: state.current.content, approvedBy: state.current.approvedBy, approvedAt: state.current.approvedAt, createdBy: state.current.createdBy } : null,
    draft: state.draft ? { revision: state.draft.revision, content: state.draft.content, updatedBy: state.draft.updatedBy, updatedAt: state.draft.updatedAt } : null,
    history,
  };
}

/** D21: saves the scope's report as a Draft, the figures computed now frozen in it with the texts people wrote. */
export async function saveReportDraft(p: { scope: ReportScope; texts: ReportTexts; expectedRevision: number | null }, caller: { accountId: string; displayName: string }, now: number): Promise<ReportView> {
  const id = reportIdOf(p.scope);
  const computed = await computeFigures(p.scope, now);
  const org = computed.agreement?.content.party.organizationId ? { id: computed.agreement.content.party.organizationId, name: computed.agreement.content.party.name } : null;
  const content: ReportContent = {
    id, scope: p.scope, ...p.texts, figures: computed.figures, organization: org, sharedWith: null,
    agreement: computed.figures.agreement,
  };
  await saveDraft(reportDocument(id), content, p.expectedRevision, { actor: caller.displayName, now, summary: `Draft saved (${computed.figures.incidents.total} incidents, ${p.texts.proposedActions.length} action items proposed)` });
  return loadReportView(id);
}

/** RE.2.4: the RM or SM approve the draft; the figures stay as frozen in it. */
export async function approveReport(p: { id: string; revision: number }, caller: { displayName: string }, now: number): Promise<ReportView> {
  await approveDraft(reportDocument(p.id), p.revision, () => 'Approved', (draft) => ({ ...draft, sharedWith: null }), { actor: caller.displayName, now, summary: 'Approved (RE.2.4)' });
  return loadReportView(p.id);
}

/** RE.2.4: an approved report is shared with the customer: the agreement's JSM organization reads it in the portal (D26). */
export async function shareReport(p: { id: string; expectedVersion: number }, caller: { displayName: string }, now: number): Promise<ReportView> {
  const type = reportDocument(p.id);
  const state = await loadDocument(type);
  if (!state.current || state.current.status !== 'Approved') throw new Refusal('refused', 'Only an approved report can be shared with the customer; approve it first (RE.2.4).');
  const org = state.current.content.organization;
  if (!org) throw new Refusal('refused', 'This report has no customer organization to share it with: it covers all agreements or a master agreement. Report on one customer’s agreement to share it.');
  const at = new Date(now).toISOString();
  await recordVersion(type, p.expectedVersion, 'Shared', (current) => ({ ...(current?.content ?? state.current!.content), sharedWith: { organizationId: org.id, organizationName: org.name, at, by: caller.displayName } }), {
    actor: caller.displayName, now, summary: `Shared with ${org.name}`, action: 'shared',
    approval: state.current.approvedBy && state.current.approvedAt ? { by: state.current.approvedBy, at: state.current.approvedAt } : undefined,
  });
  return loadReportView(p.id);
}

// ---------------------------------------------------------------------------------------------------------------
// The customer's view (D26)

async function sharedReportsFor(accountId: string): Promise<Array<{ content: ReportContent; version: number }>> {
  const heads = (await listReportHeads()).filter((h) => h.status === 'Shared');
  if (heads.length === 0) return [];
  const orgIds = (await organizationsOf(accountId)).map((o) => o.id);
  const out: Array<{ content: ReportContent; version: number }> = [];
  for (const h of heads) {
    const v = await loadVersion(reportDocument(h.docId), h.version);
    if (v && v.status === 'Shared' && sharedWithAny(v.content, orgIds)) out.push({ content: v.content, version: v.version });
  }
  return out;
}

export async function customerReports(accountId: string): Promise<{ reports: CustomerReportSummary[] }> {
  const shared = await sharedReportsFor(accountId);
  return { reports: shared.map(({ content, version }) => ({ id: content.id, agreement: content.agreement, scope: content.scope, sharedAt: content.sharedWith?.at ?? null, version })) };
}

export async function customerReport(id: string, accountId: string): Promise<PerformanceAnswers['portalHome.performance.load']> {
  const found = (await sharedReportsFor(accountId)).find((r) => r.content.id === id);
  // The same answer whether the report does not exist or is not the caller's (D26: nothing about other customers).
  if (!found) throw new Refusal('refused', 'There is no report shared with your organization under this id.');
  return { report: customerReportOf(found.content), version: found.version };
}

// ---------------------------------------------------------------------------------------------------------------
// Rebuild from Jira (ADR 015)

const SLICE_MS = 15_000;

function jqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Rebuilds the aggregates: pages through every incident by JQL (Jira gives ids and keys), reads their stored
 * evaluations and puts each one's contribution in its bucket (the same idempotent merge as the pipeline's, so a
 * rebuild running beside live updates cannot undo a newer one). A slice per call (about 15 s), resumable: the next
 * call continues where the last stopped; `restart` starts over.
 */
export async function rebuildAggregates(restart: boolean, caller: { displayName: string }, now: number, clock: () => number): Promise<RebuildProgress> {
  const started = clock();
  let run = await loadRebuildRun();
  if (!run || restart || run.status === 'done') {
    const rules = await loadIncidentRules(now);
    const jql = `issuetype in (${rules.issueTypes.incident.map(jqlString).join(', ')}) ORDER BY created ASC`;
    run = { status: 'running', jql, nextPageToken: null, pages: 0, incidents: 0, notEvaluated: 0, jiraCalls: 0, startedAt: new Date(now).toISOString(), startedBy: caller.displayName, finishedAt: null };
  }
  while (run.status === 'running' && clock() - started < SLICE_MS) {
    const page = await searchRefs(run.jql, run.nextPageToken);
    const records = await loadRecords(page.refs.map((r) => r.id));
    await recordContributions([...records.values()].map((r) => contributionOf(r)));
    run = {
      ...run, pages: run.pages + 1, jiraCalls: run.jiraCalls + 1, incidents: run.incidents + records.size, notEvaluated: run.notEvaluated + page.refs.length - records.size,
      nextPageToken: page.nextPageToken,
      ...(page.nextPageToken ? {} : { status: 'done' as const, finishedAt: new Date(clock()).toISOString() }),
    };
    await saveRebuildRun(run);
  }
  return progressOf(run);
}
