import { contributionOf } from '../domain/performance/aggregates';
import { bucketSeedWrites } from './performance-aggregates';
import type { RoleAssignment } from '../domain/roles';
import { incidentStateSchema, type IncidentState } from '../domain/incident/state';
import { ROLE_LIST } from './documents';
import { FACTS_ENTITY, RECORD_ENTITY, WORK_ENTITY, type IncidentFacts, type IncidentRecord, type WorkRow } from './incident-records';
import { roleListContentSchema } from './role-list';
import { scheduleContentSchema, type ScheduleContent } from '../domain/schedule/schedule';
import { CHANGE_SCHEDULE } from './change-schedule';
import { CHANGE_RECORD_ENTITY, changeRecordContentSchema, type ChangeRecordContent } from './change-records';
import { CHANGE_TEMPLATES, type ChangeTemplate } from './change-templates';
import { auditWrite, HEAD_ENTITY, initialVersionWrites, versionKey, type Write } from './work-product-store';

/**
 * The one door through which the sandbox seeds app storage (eslint keeps the sandbox out of the rest of src/store), so
 * seeded data has exactly the layout the app writes and reads, and a change of layout changes the seed with it.
 */
export type { Write };

/** The first approved list of assigned roles (WP.08, GO.1.2). */
export function approvedRoleListWrites(assignments: RoleAssignment[], by: string, at: string): Write[] {
  const content = roleListContentSchema.parse({ assignments, overrides: [], training: [] });
  return initialVersionWrites(ROLE_LIST.docId, { workProduct: ROLE_LIST.workProduct, status: 'Approved', content, createdBy: by, createdAt: at, approvedBy: by, approvedAt: at }, 'The first list of assigned roles (GO.1.2).');
}

/** What people recorded on an incident (D12 confirmation, D13 manager and report). */
export function incidentFactsWrites(issueId: string, facts: IncidentFacts): Write[] {
  return [{ key: issueId, value: { issueId, rev: 1, ...facts }, entityName: FACTS_ENTITY }];
}

/**
 * A minimal evaluation of an incident (benchmark data): the app counts it as evaluated, and the scan finds it due
 * once `dueAt` passes (it is then evaluated from Jira in full).
 */
export function incidentRecordWrites(r: { issueId: string; issueKey: string; projectKey: string; createdAt: number; dueAt: number; trackedSince: string; priority: string }): Write[] {
  const state: IncidentState = incidentStateSchema.parse({
    priority: { value: r.priority, derived: true, text: `High impact × High urgency → ${r.priority}`, source: 'policy', matrixVersion: null, missing: [] },
    classification: { impact: 'High', urgency: 'High', services: [], cis: [], securityIncident: false, majorIncident: false, significant: false, significantReasons: [] },
    sla: { policyVersion: null, evaluatedAt: r.trackedSince, cycles: [] },
    escalations: [], communications: [], majorIncidentManager: null, majorIncidentReport: null, trackedSince: r.trackedSince,
  });
  const record: IncidentRecord = {
    issueId: r.issueId, issueKey: r.issueKey, projectKey: r.projectKey, rev: 1, mark: '', evaluatedAt: Date.parse(r.trackedSince),
    trackedSince: r.trackedSince, createdAt: r.createdAt, dueAt: r.dueAt, state,
  };
  return [{ key: r.issueId, value: record, entityName: RECORD_ENTITY }];
}

/** Work a run left unfinished on an incident (released, so the next scan takes it at once): benchmark data. */
export function pendingWorkWrites(r: { issueId: string; issueKey: string; projectKey: string; since: number }): Write[] {
  const row: WorkRow = { issueId: r.issueId, issueKey: r.issueKey, projectKey: r.projectKey, owner: 'event:seeded', leaseUntil: 0, rev: 1, since: r.since, attempts: 1, lastError: 'seeded for a benchmark' };
  return [{ key: r.issueId, value: row, entityName: WORK_ENTITY }];
}

/** Reads what the sandbox shows about the demo accounts' roles, through the app's own layout. */
export function approvedAssignments(read: { entity: (entityName: string, key: string) => unknown; key: (key: string) => unknown }): RoleAssignment[] {
  const head = read.entity(HEAD_ENTITY, ROLE_LIST.docId) as { version?: unknown } | undefined;
  const version = head?.version;
  if (typeof version !== 'number' || version < 1) return [];
  const stored = read.key(versionKey(ROLE_LIST.docId, version)) as { content?: unknown } | undefined;
  const parsed = roleListContentSchema.safeParse(stored?.content);
  return parsed.success ? parsed.data.assignments : [];
}

/**
 * An approved change schedule (WP.12, D21): version 1 "Initial" saved by `by` at `savedAt`, version 2 "Approved" by
 * `approver` at `approvedAt`, with their audit rows, exactly as saving and approving on the service team's page write them.
 */
export function approvedChangeScheduleWrites(content: ScheduleContent, by: string, savedAt: string, approver: string, approvedAt: string): Write[] {
  const parsed = scheduleContentSchema.parse(content);
  const doc = CHANGE_SCHEDULE.docId;
  const version = (v: number, status: string, approval: { by: string; at: string } | null) => ({
    docId: doc, workProduct: CHANGE_SCHEDULE.workProduct, version: v, status, content: parsed,
    createdBy: v === 1 ? by : approver, createdAt: v === 1 ? savedAt : approvedAt, approvedBy: approval?.by ?? null, approvedAt: approval?.at ?? null,
  });
  return [
    { key: doc, value: { docId: doc, version: 2, draftRevision: 0, status: 'Approved', updatedAt: approvedAt }, entityName: HEAD_ENTITY },
    { key: versionKey(doc, 1), value: version(1, 'Initial', null) },
    { key: versionKey(doc, 2), value: version(2, 'Approved', { by: approver, at: approvedAt }) },
    auditWrite(doc, { at: Date.parse(savedAt), actor: by, action: 'created', summary: 'Initial (D21): the first change schedule.', version: 1 }),
    auditWrite(doc, { at: Date.parse(approvedAt), actor: approver, action: 'approved', summary: 'Approved version 1 of the change schedule (D21).', version: 2 }),
  ];
}

/** What the app recorded on a change request (ADR 014), in the layout of src/store/change-records.ts. */
export function changeRecordWrites(content: ChangeRecordContent): Write[] {
  const parsed = changeRecordContentSchema.parse(content);
  return [{ key: parsed.issueId, value: { ...parsed, rev: 1 }, entityName: CHANGE_RECORD_ENTITY }];
}

/** The register of designated pre-approved changes (D15), version 1, as a designation writes it. */
export function changeTemplateWrites(templates: ChangeTemplate[], by: string, at: string): Write[] {
  return initialVersionWrites(CHANGE_TEMPLATES.docId, { workProduct: CHANGE_TEMPLATES.workProduct, status: 'Approved', content: { templates }, createdBy: by, createdAt: at, approvedBy: by, approvedAt: at }, `Designated ${templates.map((t) => `"${t.name}"`).join(', ')} as pre-approved (D15).`);
}

export { seedItemWrites } from './configuration-items';
export { seedApprovedProcedureWrites } from './procedures';
export type { ChangeRecordContent };

export { changeSlotWrites, type ChangeSlot } from './change-slots';
// Feedback (issue #14): the log's entries, the satisfaction ratings and the approved approach.
export { seedFeedbackWrites } from './feedback';
export { seedApprovedApproachWrites } from './feedback-approach';
export { seedCatalogueWrites } from './catalogues';
export { seedApprovedAgreementWrites } from './agreements';

/**
 * The performance aggregates (WP.19, ADR 015) the app's pipeline would have kept for these evaluated incidents
 * (incidentRecordWrites' rows), in bucket rows numbered from `firstRow`: benchmark data.
 */
export function performanceSeedWrites(recordWrites: readonly Write[], firstRow: number): Write[] {
  return bucketSeedWrites(recordWrites.filter((w) => w.entityName === RECORD_ENTITY).map((w) => contributionOf(w.value as IncidentRecord)), firstRow);
}
