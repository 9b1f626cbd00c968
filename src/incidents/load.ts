import type { IncidentSnapshot } from '../domain/incident/snapshot';
import { recordKindOf, type RecordKind } from '../domain/record-kind';
import type { Actor as JiraActor } from '../jira/client';
import { completeIncident, parseIncidentBean, type IncidentBean, type IncidentFieldIds } from '../jira/incident-snapshot';
import { getIncidentBeanOrNull, ISSUE_INDEX_PROPERTY } from '../jira/issues';
import type { IncidentRules } from '../store/rules';

/**
 * An issue as Jira has it, read fresh for every evaluation (an event payload is only ever used to know which issue
 * to read). `mark` orders snapshots of one issue: Jira bumps `updated` on every change of fields, status, comments or
 * links, and the counts break ties within one millisecond (ADR 010).
 */
export interface LoadedIssue {
  snapshot: IncidentSnapshot;
  kind: RecordKind;
  issueType: string;
  issueTypeId: string;
  fieldIds: IncidentFieldIds;
  /** The app's index property as Jira holds it now: compared to decide whether to rewrite it, never trusted. */
  indexAsStored: unknown;
  mark: string;
  /** Jira's fields as read and the field names, when asked for: other records' parsers (a change's) read their fields here. */
  raw: { fields: Record<string, unknown>; names: Record<string, string> };
}

/** The snapshot order of an issue: `updated` (ms), then the number of changelog entries and comments. */
export function snapshotMark(bean: IncidentBean, snapshot: IncidentSnapshot): string {
  const updated = Date.parse(String((bean.fields as Record<string, unknown>).updated ?? '').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  const pad = (n: number, w: number) => String(Math.max(0, Math.floor(n))).padStart(w, '0');
  return `${pad(Number.isNaN(updated) ? snapshot.createdAt : updated, 15)}:${pad(snapshot.history.length + snapshot.comments.length, 9)}`;
}

export async function fromBean(bean: IncidentBean, rules: IncidentRules, who: JiraActor, names?: Record<string, string>): Promise<LoadedIssue> {
  const withNames = names && !bean.names ? { ...bean, names } : bean;
  const parsed = parseIncidentBean(withNames, rules.fieldIds(bean.fields.project.key), rules.issueTypes);
  const snapshot = parsed.historyComplete && parsed.commentsComplete ? parsed.snapshot : await completeIncident(parsed, who);
  return {
    snapshot, kind: recordKindOf(parsed.issueType, rules.issueTypes), issueType: parsed.issueType, issueTypeId: parsed.issueTypeId,
    fieldIds: parsed.fieldIds, indexAsStored: parsed.properties[ISSUE_INDEX_PROPERTY], mark: snapshotMark(bean, snapshot),
    raw: { fields: bean.fields as Record<string, unknown>, names: withNames.names ?? {} },
  };
}

/** Reads the issue for `who` (asApp for the app's own runs, asUser for a person); null when it is gone or hidden. */
export async function loadIssue(key: string, projectKey: string, rules: IncidentRules, who: JiraActor): Promise<LoadedIssue | null> {
  const bean = await getIncidentBeanOrNull(key, who, rules.fieldIds(projectKey));
  return bean ? fromBean(bean, rules, who) : null;
}
