import type { ChangeReportsPayload, ChangeReportsView } from '../contract/change-reports';
import { changeRecordOf, changeReport, needsIncidentDate, type ReportChange, type StatusCategory, type StoredChange, type StoredChangeEvidence } from '../domain/change-report';
import type { Period } from '../domain/metrics';
import { DEFAULT_ISSUE_TYPE_MAPPING, recordKindOf } from '../domain/record-kind';
import { Refusal } from '../domain/refusal';
import { FIELD_SPECS, ownName } from '../domain/setup-plan';
import { isTimeZone, localDaysPeriod } from '../domain/zoned-days';
import { createdOfIssues, searchChangeReportIssues, type ChangeReportIssue } from '../jira/change-report';
import { jiraInstantOrNull } from '../jira/incident-snapshot';
import { findFieldIdByNames, JiraRequestError } from '../jira/issues';
import { loadChangeRecords, type ChangeRecord } from '../store/change-records';
import { SITE_MAPPING } from '../store/documents';
import { loadIncidentRules, mappedIssueType } from '../store/rules';
import { loadDocument } from '../store/work-product-store';

/**
 * Change reports on the project page (issue #13 "Reports"; REQUIREMENTS §7 MET-35, MET-36, MET-38 / RPT-17, CHG-09;
 * D22). The caller is one of the service team (D26: the resolver refuses anyone else before this runs).
 *
 * Which changes: one paginated JQL search, as the viewer, over the project's change issue types (the setup wizard's
 * mapped type, else the default names of record-kind.ts) for the changes
 * - created in the period (arrivals: raised per type, emergency and rejected shares),
 * - or created before its end and updated from its start on (a change deployed or reviewed in the period moved in it:
 *   outcomes, lead time, caused incidents),
 * - or open now, whatever their age (the backlog awaiting approval is a snapshot at the report's generation).
 * Jira's dates in JQL are the searching user's days, so the search is one day wider on each side and the domain
 * places every change exactly. What the app recorded of each change (decisions, deployment, review) comes from app
 * storage; Jira's status and history stand in only for what it did not record (older changes).
 */

/** More changes than this in one report is refused (choose a shorter period) rather than silently cut. */
export const MAX_CHANGES = 5000;
const DAY_MS = 86_400_000;

function jqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const isoDay = (t: number): string => new Date(t).toISOString().slice(0, 10);

export function changeReportJql(projectKey: string, changeTypes: readonly string[], period: Period): string {
  const after = jqlString(isoDay(period.from - DAY_MS));
  const before = jqlString(isoDay(period.to + DAY_MS));
  return `project = ${jqlString(projectKey)} AND issuetype in (${changeTypes.map(jqlString).join(', ')}) AND ((created < ${before} AND (created >= ${after} OR updated >= ${after})) OR statusCategory != Done) ORDER BY created ASC`;
}

const STATUS_CATEGORIES: readonly StatusCategory[] = ['new', 'indeterminate', 'done'];

function evidenceOf(record: ChangeRecord | undefined): StoredChangeEvidence | null {
  if (!record) return null;
  return {
    decisions: record.decisions.map((d) => ({ step: d.step, decision: d.decision, at: d.at })),
    deployedAt: record.deployment?.at ?? null,
    review: record.review ? { outcome: record.review.outcome, at: record.review.at } : null,
    fromTemplate: record.template !== null,
  };
}

interface ChangeSetup {
  changeIssueTypes: string[];
  changeTypeField: string | null;
  aliases: Record<string, string>;
}

async function changeSetupOf(projectKey: string, mappedField: string | undefined): Promise<ChangeSetup> {
  const mapping = await loadDocument(SITE_MAPPING);
  const projects = mapping.current?.content.projects ?? [];
  const mapped = mappedIssueType(projects, projectKey, 'service-change-request');
  const aliases = projects.find((p) => p.projectKey === projectKey)?.optionAliases.changeType ?? {};
  const spec = FIELD_SPECS.changeType;
  const changeTypeField = mappedField ?? await findFieldIdByNames([...spec.synonyms, ownName(spec.name)]);
  return { changeIssueTypes: mapped ? [mapped] : [...DEFAULT_ISSUE_TYPE_MAPPING['service-change-request']], changeTypeField, aliases };
}

async function readChanges(jql: string, changeTypeField: string | null): Promise<Array<{ issue: ChangeReportIssue; record: ChangeRecord | undefined }>> {
  const out: Array<{ issue: ChangeReportIssue; record: ChangeRecord | undefined }> = [];
  let nextPageToken: string | undefined;
  do {
    let page: Awaited<ReturnType<typeof searchChangeReportIssues>>;
    try {
      page = await searchChangeReportIssues(jql, changeTypeField, nextPageToken);
    } catch (e) {
      // Typically the site has none of the change issue types searched (a plain project the setup wizard has not set up).
      if (e instanceof JiraRequestError && e.status === 400) throw new Refusal('refused', `Jira refused the search for this project's change requests (${e.messages.join(' ') || 'no details'}). Is a change request issue type mapped for this project? An administrator can add one with the setup wizard (Apps → Service delivery profile → Setup).`);
      throw e;
    }
    const records = await loadChangeRecords(page.issues.map((i) => i.id));
    for (const issue of page.issues) out.push({ issue, record: records.get(issue.id) });
    if (out.length > MAX_CHANGES) throw new Refusal('refused', `The period holds more than ${MAX_CHANGES} changes; choose a shorter period.`);
    nextPageToken = page.nextPageToken;
  } while (nextPageToken);
  return out;
}

export async function changeReports(projectKey: string, p: ChangeReportsPayload, now: number): Promise<ChangeReportsView> {
  const rules = await loadIncidentRules(now);
  const setup = await changeSetupOf(projectKey, rules.fieldIds(projectKey)?.changeType);
  const zone = rules.policy.policy.serviceHours.timeZone;
  const timeZone = isTimeZone(zone) ? zone : 'UTC';
  const period: Period = localDaysPeriod(timeZone, p.from, p.to);
  const read = await readChanges(changeReportJql(projectKey, setup.changeIssueTypes, period), setup.changeTypeField);

  const isIncident = (issueType: string | null): boolean => issueType !== null && recordKindOf(issueType, rules.issueTypes) === 'incident';
  const stored: StoredChange[] = read.map(({ issue, record }) => ({
    key: issue.key,
    summary: issue.summary,
    createdAt: issue.created,
    resolvedAt: issue.resolutiondate,
    statusName: issue.statusName,
    statusCategory: (STATUS_CATEGORIES as readonly string[]).includes(issue.statusCategory) ? issue.statusCategory as StatusCategory : 'indeterminate',
    changeTypeValue: issue.changeTypeValue,
    statusHistory: issue.statusHistory,
    links: issue.links.map((l) => ({ phrase: l.phrase, otherKey: l.otherKey, otherIsIncident: isIncident(l.otherIssueType) })),
    evidence: evidenceOf(record),
  }));

  // MET-36's window needs when the incidents linked other than by "causes" were raised: one search per 100 of them.
  const toDate = new Set<string>();
  read.forEach(({ issue }) => issue.links.forEach((l) => { if (needsIncidentDate({ phrase: l.phrase, otherIsIncident: isIncident(l.otherIssueType) })) toDate.add(l.otherId); }));
  let incidentCreatedAt = new Map<string, number>();
  if (toDate.size > 0) {
    try {
      const created = await createdOfIssues([...toDate]);
      incidentCreatedAt = new Map([...created].flatMap(([key, at]) => { const t = jiraInstantOrNull(at); return t === null ? [] : [[key, t] as [string, number]]; }));
    } catch (e) {
      // A linked incident Jira will not search (moved, deleted meanwhile): the window is not applied, the "causes" links still count.
      if (!(e instanceof JiraRequestError && e.status === 400)) throw e;
    }
  }

  const changes = stored.map((c) => changeRecordOf(c, { siteAliases: setup.aliases, incidentCreatedAt })).filter((c): c is ReportChange => c !== null);
  return {
    project: { key: projectKey },
    from: p.from,
    to: p.to,
    timeZone,
    changeIssueTypes: setup.changeIssueTypes,
    changeTypeField: setup.changeTypeField !== null,
    generatedAt: new Date(now).toISOString(),
    report: changeReport(changes, { period, timeZone, now }),
  };
}
