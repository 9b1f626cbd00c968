import { randomUUID } from 'node:crypto';
import { recordKindOf } from '../domain/record-kind';
import { findOrganizationsFieldId } from '../jira/issues';
import { failWork, finishWork, markWork, type IssueRef } from '../store/incident-records';
import { refreshSiteFields } from '../store/site-fields';
import { loadIncidentRules, type IncidentRules } from '../store/rules';
import { bringUpToDate, type Clock, type Outcome, type Run } from './pipeline';

/**
 * A run that must leave nothing behind (ADR 010): the incident is marked as pending in app storage before anything
 * else, the mark is cleared only when the run finished everything, and a run that failed half-way hands its mark
 * on. The five-minute scan finishes whatever is still marked, so state converges without waiting for another event.
 */
export async function trackedRun(ref: IssueRef, run: Run): Promise<Outcome> {
  await markWork(ref, run.owner, run.clock());
  let out: Outcome;
  try {
    out = await bringUpToDate({ key: ref.issueKey, projectKey: ref.projectKey, issueId: ref.issueId }, run, { escalate: false });
  } catch (e) {
    await failWork(ref.issueId, run.owner, e instanceof Error ? e.message : String(e), run.clock()).catch(() => undefined);
    throw e;
  }
  if (out.finished) await finishWork(ref.issueId, run.owner);
  else await failWork(ref.issueId, run.owner, out.unfinished.join('; '), run.clock());
  return out;
}

export interface IssueEvent extends IssueRef { issueTypeName: string }

/**
 * IN.2.1–IN.2.4 on every issue event (created, updated, commented). The event only says which issue changed: the
 * issue is read fresh and evaluated as a whole, so duplicate, late or reordered deliveries end in the same state.
 * An issue whose type maps to no record of the profile is left alone.
 */
export async function handleIssueEvent(event: IssueEvent, clock: Clock): Promise<Outcome | null> {
  // D18: JSM's Organizations field id, looked up at most once a day, so the incident is read with it.
  await refreshSiteFields(clock(), findOrganizationsFieldId);
  const rules: IncidentRules = await loadIncidentRules(clock());
  if (recordKindOf(event.issueTypeName, rules.issueTypes) === 'unmapped') return null;
  const run: Run = { rules, clock, owner: `event:${randomUUID()}` };
  const kind = recordKindOf(event.issueTypeName, rules.issueTypes);
  if (kind !== 'incident' && kind !== 'service-change-request') {
    // An agreement: only its kind is indexed (the pipeline reads it and says so).
    return bringUpToDate({ key: event.issueKey, projectKey: event.projectKey, issueId: event.issueId }, run, { escalate: false });
  }
  const out = await trackedRun(event, run);
  if (!out.finished) console.warn(`${event.issueKey}: left for the next scan: ${out.unfinished.join('; ')}`);
  return out;
}
