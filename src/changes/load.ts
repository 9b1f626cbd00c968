import { changeFactsOf, changeTypeOf, type ChangeEnvironment, type ChangeEvidence, type DecisionFact } from '../domain/change/path';
import type { ChangeSnapshot } from '../domain/change/snapshot';
import type { ChangeFacts, ChangeSchedule, ChangeType } from '../domain/change-rules';
import type { RoleCode } from '../domain/roles';
import { parseChangeSnapshot } from '../jira/change-snapshot';
import type { Actor as JiraActor } from '../jira/client';
import { loadChangeRecord, type ChangeRecordContent } from '../store/change-records';
import { loadChangeTemplates, type ChangeTemplate } from '../store/change-templates';
import type { IncidentRules } from '../store/rules';
import { loadIssue, type LoadedIssue } from '../incidents/load';
import { loadChangeContext, type ChangeContext } from './context';

/**
 * One service change request as every entry point reads it (panel, actions, validator, trigger): the issue fresh from
 * Jira (one GET), the evidence from app storage, and what the rules need around it (the role list, the procedures in
 * force, the schedule with the other changes on it, the designated templates).
 */
export interface LoadedChange {
  issue: LoadedIssue;
  snapshot: ChangeSnapshot;
  record: ChangeRecordContent | null;
  evidence: ChangeEvidence;
  type: ChangeType | null;
  env: ChangeEnvironment;
  templates: ChangeTemplate[];
  templatesVersion: number | null;
  procedures: { designBuildTestDeploy: number | null; secureComponent: number | null };
  scheduleLabel: string | null;
  context: ChangeContext;
}

export function evidenceOf(record: ChangeRecordContent | null): ChangeEvidence {
  if (!record) return { decisions: [], design: null, build: null, testReport: null, deployment: null, review: null, template: null };
  return {
    decisions: record.decisions.map((d): DecisionFact => ({ id: d.id, step: d.step, decision: d.decision, by: d.by, role: d.role as RoleCode, at: d.at, reason: d.reason, via: d.via })),
    design: record.design ? { approvedBy: record.design.approvedBy, at: record.design.at } : null,
    build: record.build ? { by: record.build.by, at: record.build.at, status: record.build.status } : null,
    testReport: record.testReport ? { outcome: record.testReport.outcome, publishedAt: record.testReport.publishedAt, performedBy: record.testReport.performedBy } : null,
    deployment: record.deployment ? { by: record.deployment.by, at: record.deployment.at, complete: record.deployment.complete } : null,
    review: record.review ? { by: record.review.by, at: record.review.at, emergencyJustified: record.review.emergencyJustified } : null,
    template: record.template,
  };
}

/** The change as read for `who`; null when Jira does not show it, or it is not a service change request. */
export async function loadChange(key: string, projectKey: string, rules: IncidentRules, who: JiraActor, now: number): Promise<LoadedChange | null> {
  const issue = await loadIssue(key, projectKey, rules, who);
  if (!issue || issue.kind !== 'service-change-request') return null;
  return changeOf(issue, rules, now, who);
}

export async function changeOf(issue: LoadedIssue, rules: IncidentRules, now: number, who: JiraActor = 'app'): Promise<LoadedChange> {
  const snapshot = parseChangeSnapshot(issue.snapshot, issue.raw, rules.fieldIds(issue.snapshot.projectKey));
  const [record, templates, context] = await Promise.all([
    loadChangeRecord(snapshot.id),
    loadChangeTemplates(),
    loadChangeContext(snapshot, now, who),
  ]);
  const type = changeTypeOf(snapshot.changeTypeValue);
  const schedule: ChangeSchedule | null = context.schedule;
  const env: ChangeEnvironment = {
    roles: rules.roles,
    secureComponentProcedureApproved: context.procedures.secureComponent !== null,
    designatedTemplates: new Set(templates.templates.map((t) => t.id)),
    schedule,
    customerAgreementApproved: true,
    knownConfigurationItems: new Set(context.configurationItems.keys()),
  };
  return {
    issue, snapshot, record, evidence: evidenceOf(record), type, env, templates: templates.templates, templatesVersion: templates.version,
    procedures: context.procedures, scheduleLabel: context.scheduleLabel, context,
  };
}

/** The facts change-rules.ts decides on, for a change whose type is set (a missing type is Normal, the fallback, CHG-04). */
export function changeFactsOfLoaded(c: LoadedChange): ChangeFacts {
  return changeFactsOf(c.snapshot, c.evidence, c.type ?? 'Normal', c.env);
}
