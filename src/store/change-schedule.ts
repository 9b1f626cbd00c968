import { Refusal } from '../domain/refusal';
import { scheduleApprovalRefusal, scheduleContentSchema, scheduleStatusAfterSave, SCHEDULE_WORK_PRODUCT, type ScheduleContent } from '../domain/schedule/schedule';
import { SITE_MAPPING } from './documents';
import { auditTrail, ConflictError, loadDocument, recordVersion, type DocumentType } from './work-product-store';

/**
 * The service change schedule (WP.12) in Forge storage, versioned with its audit trail (D21, D23): every save records
 * a new version ("Initial" first, "Updated" after), every approval records the same content again as a version
 * "Approved" with who and when. Nothing is overwritten; each write is conditioned on the version the caller read.
 */
export const CHANGE_SCHEDULE: DocumentType<ScheduleContent> = { docId: SCHEDULE_WORK_PRODUCT, workProduct: SCHEDULE_WORK_PRODUCT, schema: scheduleContentSchema, title: 'change schedule (WP.12)' };

export interface ScheduleApproval { version: number; by: string; at: string }

export interface ChangeScheduleState {
  version: number;
  status: string;
  content: ScheduleContent;
  savedBy: string;
  savedAt: string;
  /** The approval of this version, when it is the approved one. */
  approval: ScheduleApproval | null;
  /** Every approval, newest first (from the audit trail). */
  approvals: ScheduleApproval[];
  /** The actions on the schedule, newest first (D23). */
  history: Array<{ at: string; actor: string; action: string; summary: string; version: number | null }>;
}

/** The current version of the schedule, or null before the first save. */
export async function loadChangeSchedule(): Promise<ChangeScheduleState | null> {
  const [{ current }, trail] = await Promise.all([loadDocument(CHANGE_SCHEDULE), auditTrail(CHANGE_SCHEDULE.docId, 50)]);
  if (!current) return null;
  const approvals = trail.filter((r) => r.action === 'approved' && r.version !== null).map((r) => ({ version: r.version ?? 0, by: r.actor, at: r.at }));
  return {
    version: current.version, status: current.status, content: current.content, savedBy: current.createdBy, savedAt: current.createdAt,
    approval: current.approvedBy && current.approvedAt ? { version: current.version, by: current.approvedBy, at: current.approvedAt } : null,
    approvals, history: trail,
  };
}

/** The content in force for the gates (D17): the current version's, approved or not; null before any. */
export async function loadScheduleContent(): Promise<ScheduleContent | null> {
  return (await loadDocument(CHANGE_SCHEDULE)).current?.content ?? null;
}

interface Change { actor: string; now: number; summary: string }

/** D21: records the edited schedule as the next version ("Initial" or "Updated"). `expectedVersion`: the version edited (null: none yet). */
export async function saveChangeSchedule(content: ScheduleContent, expectedVersion: number | null, change: Change): Promise<ChangeScheduleState> {
  const { current } = await loadDocument(CHANGE_SCHEDULE);
  if ((current?.version ?? null) !== expectedVersion) {
    throw new ConflictError(`The change schedule changed meanwhile (now version ${current?.version ?? 'none'}${current ? `, saved by ${current.createdBy}` : ''}). Reload it and apply your change again.`);
  }
  if (current && JSON.stringify(current.content) === JSON.stringify(content)) {
    throw new Refusal('refused', `Nothing to save: the schedule is the same as version ${current.version}.`);
  }
  const status = scheduleStatusAfterSave(current);
  await recordVersion(CHANGE_SCHEDULE, expectedVersion, status, () => content, { actor: change.actor, now: change.now, action: status === 'Initial' ? 'created' : 'updated', summary: change.summary });
  return (await loadChangeSchedule())!;
}

/** D21: an approval makes the current content the next version, "Approved", recording who approved it and when. */
export async function approveChangeSchedule(expectedVersion: number, change: Change): Promise<ChangeScheduleState> {
  const { current } = await loadDocument(CHANGE_SCHEDULE);
  if (current && current.version !== expectedVersion) {
    throw new ConflictError(`The change schedule changed meanwhile (now version ${current.version}, saved by ${current.createdBy}). Review the latest version before approving it.`);
  }
  const refusal = scheduleApprovalRefusal(current);
  if (refusal || !current) throw new Refusal('refused', refusal ?? 'There is no change schedule to approve yet.');
  const at = new Date(change.now).toISOString();
  await recordVersion(CHANGE_SCHEDULE, expectedVersion, 'Approved', (c) => c?.content ?? current.content, { actor: change.actor, now: change.now, action: 'approved', summary: change.summary, approval: { by: change.actor, at } });
  return (await loadChangeSchedule())!;
}

/** Where change requests live, for the schedule's search (src/jira/change-search.ts): the wizard's mapping per project. */
export interface ChangeSearchTarget {
  projectKey: string;
  issueType: string;
  /** Field ids per slot (plannedStart, plannedEnd, changeType, affectedServices, impactedCis) the wizard mapped. */
  fields: Partial<Record<'plannedStart' | 'plannedEnd' | 'changeType' | 'affectedServices' | 'impactedCis', string>>;
  /** Site option value (lower case) → the profile's change type (e.g. JSM's "standard" → "Pre-approved"). */
  changeTypeAliases: Record<string, string>;
}

/** The mapped projects with a service change request type; empty when the wizard has mapped none. */
export async function changeSearchTargets(): Promise<ChangeSearchTarget[]> {
  const mapping = (await loadDocument(SITE_MAPPING)).current?.content.projects ?? [];
  const out: ChangeSearchTarget[] = [];
  for (const p of mapping) {
    const type = p.issueTypes['service-change-request'];
    if (!type) continue;
    const fields: ChangeSearchTarget['fields'] = {};
    for (const slot of ['plannedStart', 'plannedEnd', 'changeType', 'affectedServices', 'impactedCis'] as const) {
      const f = p.fields[slot];
      if (f) fields[slot] = f.id;
    }
    out.push({ projectKey: p.projectKey, issueType: type.name, fields, changeTypeAliases: Object.fromEntries(Object.entries(p.optionAliases.changeType ?? {}).map(([k, v]) => [k.trim().toLowerCase(), v])) });
  }
  return out;
}
