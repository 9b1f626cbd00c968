import { randomUUID } from 'node:crypto';
import type { IncidentAnswers } from '../contract/incident';
import { PRIORITIES } from '../domain/priority-matrix';
import { Refusal } from '../domain/refusal';
import {
  changeTypeForIncidentChange, confirmationChannel, confirmingParty, problemRefusal, publishMajorIncidentReportRefusal, raiseChangeRefusal, recordConfirmationRefusal,
  recordRootCauseRefusal, takeMajorIncidentRefusal,
} from '../domain/incident/actions';
import type { ConfirmationChannel } from '../domain/incident/confirmation';
import { majorIncidentReport } from '../domain/incident/messages';
import { adfFromText } from '../jira/adf';
import { FIELD_SPECS, ownName } from '../domain/setup-plan';
import {
  addComment, createIssueAsUser, editIssueAsUser, findFieldIdByNames, getIssueTypeAsUser, JiraRequestError, linkIssuesAsUser, paragraphValue,
} from '../jira/issues';
import { clearFact, recordFactOnce, setFact } from '../store/incident-records';
import { loadIncidentRules, type IncidentRules } from '../store/rules';
import { checkConfigurationItems } from '../changes/context';
import { trackedRun } from './events';
import { actionFactsOf, actorOf, readForViewer, type PanelIncident, type Viewer } from './panel';
import type { Clock } from './pipeline';

/**
 * The issue panel's incident actions (D12, D13, IN.1.3, IN.2.2, IN.2.5). Each reads the incident as the viewer,
 * asks the domain whether this viewer may do this now, records what the person did once in app storage (of two
 * people at the same instant exactly one wins, and the other is told who), then brings the incident up to date as
 * any run does (its evaluation and index property follow from the stored facts).
 */

interface ActionContext { issueKey: string; projectKey: string; viewer: Viewer; clock: Clock }

async function incidentFor(ctx: ActionContext, what: string): Promise<{ rules: IncidentRules; incident: PanelIncident }> {
  const rules = await loadIncidentRules(ctx.clock());
  const { issue, incident } = await readForViewer(ctx.issueKey, ctx.projectKey, ctx.viewer, rules, ctx.clock());
  if (!issue) throw new Refusal('forbidden', 'Jira does not let you see this issue.');
  if (!incident) throw new Refusal('refused', `${issue.snapshot.key} is a ${issue.issueType}, not an incident: ${what} does not apply to it.`);
  return { rules, incident };
}

/** After a recorded fact: the incident's evaluation and index follow it (a failure is left to the next scan). */
async function follow(incident: PanelIncident, rules: IncidentRules, clock: Clock): Promise<void> {
  const s = incident.issue.snapshot;
  await trackedRun({ issueId: s.id, issueKey: s.key, projectKey: s.projectKey }, { rules, clock, owner: `action:${randomUUID()}` }).catch((e: unknown) => {
    console.warn(`${s.key}: recorded; the evaluation is left to the next scan: ${e instanceof Error ? e.message : String(e)}`);
  });
}

/** D12 / IN.2.5: the reporter confirms the resolution, or an agent records a confirmation received another way. */
export async function recordConfirmation(ctx: ActionContext, how: ConfirmationChannel, mayEdit: boolean): Promise<IncidentAnswers['incident.recordConfirmation']> {
  const { rules, incident } = await incidentFor(ctx, 'recording a confirmation');
  const actor = actorOf(rules, ctx.viewer);
  const facts = actionFactsOf(incident.issue, incident.memory.facts, rules);
  const channel = confirmationChannel(actor, facts, how);
  const refusal = recordConfirmationRefusal(actor, facts, channel);
  if (refusal) throw new Refusal('refused', refusal);
  const party = confirmingParty(actor, facts) ?? '';
  // Recording on someone else's behalf edits their record: Jira's Edit issues permission on it.
  if (ctx.viewer.accountId !== party && !mayEdit) throw new Refusal('forbidden', 'Recording a confirmation on the reporter’s behalf needs Jira’s “Edit issues” permission on this incident.');
  const confirmedAt = new Date(ctx.clock()).toISOString();
  const outcome = await recordFactOnce(incident.issue.snapshot.id, 'closure', {
    confirmedBy: party, confirmedAt, how: channel,
    ...(ctx.viewer.accountId !== party ? { recordedBy: ctx.viewer.accountId } : { confirmedByName: ctx.viewer.displayName }),
  });
  // Two people at once: the other one's record stands. Said in words (no stored ids or raw instants); the panel's reload shows who and when.
  if (!outcome.recorded) throw new Refusal('refused', 'Someone recorded the confirmation a moment ago; the panel now shows it.');
  await follow(incident, rules, ctx.clock);
  return { confirmedAt };
}

/** IN.1.3, IN.2.2 NOTE 2, IN.2.5 NOTE 2: a Draft service change request for the mitigation or permanent fix, linked. */
export async function raiseChange(ctx: ActionContext, purpose: 'mitigation' | 'permanent-fix', summary: string | undefined): Promise<IncidentAnswers['incident.raiseChange']> {
  const { rules, incident } = await incidentFor(ctx, 'raising a change');
  const refusal = raiseChangeRefusal(actorOf(rules, ctx.viewer));
  if (refusal) throw new Refusal('forbidden', refusal);
  const { issue, section } = incident;
  const s = issue.snapshot;
  const what = purpose === 'mitigation' ? 'Mitigation' : 'Permanent fix';
  const task = purpose === 'mitigation' ? 'IN.1.3 / IN.2.2 NOTE 2 (mitigating solution)' : 'IN.2.5 NOTE 2 (permanent fix)';
  const fields: Record<string, unknown> = {
    project: { key: s.projectKey },
    issuetype: { name: rules.changeIssueType(s.projectKey) },
    summary: (summary ?? `${what} for ${s.key}: ${s.summary}`).slice(0, 250),
    description: adfFromText(`${what} raised from incident ${s.key} "${s.summary}" (${task}).\n\nImpacted services: ${s.fields.services.join(', ') || 'none named'}\nImpacted CIs: ${s.fields.cis.join(', ') || 'none named'}\nRoot cause so far: ${(s.fields.rootCause ?? '').trim() || 'not recorded yet'}`),
  };
  const changeType = changeTypeForIncidentChange(purpose, { priority: section.priority.value, majorIncident: s.fields.majorIncident });
  const changeTypeField = rules.fieldIds(s.projectKey)?.changeType ?? await findFieldIdByNames([...FIELD_SPECS.changeType.synonyms, ownName(FIELD_SPECS.changeType.name)]);
  if (changeTypeField) fields[changeTypeField] = { value: changeType };
  const priority = section.priority.value;
  if (priority && (PRIORITIES as readonly string[]).includes(priority) && s.priority) fields.priority = { name: s.priority };
  if (issue.fieldIds.affectedServices && s.fields.services.length) fields[issue.fieldIds.affectedServices] = s.fields.services.map((value) => ({ value }));
  if (issue.fieldIds.impactedCis && s.fields.cis.length) fields[issue.fieldIds.impactedCis] = s.fields.cis;
  let created: { id: string; key: string };
  try {
    created = await createIssueAsUser(fields);
  } catch (e) {
    if (e instanceof JiraRequestError && e.status < 500) throw new Refusal('refused', `Jira refused to create the change request: ${e.messages.join(' ') || `HTTP ${String(e.status)}`}`);
    throw e;
  }
  await linkIssuesAsUser('Relates', created.key, s.key);
  return { key: created.key, changeType: changeTypeField ? changeType : null };
}

/** D13: an agent records the root cause in the record's Root cause field (as themselves: Jira's Edit issues applies). */
export async function recordRootCause(ctx: ActionContext, rootCause: string): Promise<IncidentAnswers['incident.recordRootCause']> {
  const { rules, incident } = await incidentFor(ctx, 'recording a root cause');
  const { issue } = incident;
  const fieldId = issue.fieldIds.rootCause;
  const refusal = recordRootCauseRefusal(actorOf(rules, ctx.viewer), { mapped: fieldId !== undefined, projectKey: issue.snapshot.projectKey });
  if (refusal) throw new Refusal(fieldId === undefined ? 'refused' : 'forbidden', refusal);
  try {
    await editIssueAsUser(issue.snapshot.key, { [fieldId as string]: paragraphValue(rootCause) });
  } catch (e) {
    if (e instanceof JiraRequestError && e.status < 500) throw new Refusal('refused', `Jira did not save the root cause: ${e.messages.join(' ') || `HTTP ${String(e.status)}`}`);
    throw e;
  }
  await follow(incident, rules, ctx.clock);
  return { rootCause };
}

/** WP.02, CO-06: an agent names the configuration items the incident affects, each a configuration record. */
export async function setConfigurationItems(ctx: ActionContext, ids: readonly string[]): Promise<IncidentAnswers['incident.setConfigurationItems']> {
  const { rules, incident } = await incidentFor(ctx, 'naming configuration items');
  const { issue } = incident;
  const fieldId = issue.fieldIds.impactedCis;
  if (fieldId === undefined) throw new Refusal('refused', 'This site has no Impacted CIs field: an administrator runs the setup wizard to add it.');
  const unknown = await checkConfigurationItems(ids);
  if (unknown.length) throw new Refusal('refused', `${unknown.join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not a configuration record. Pick items from the configuration records.`);
  const unique = [...new Set(ids)];
  try {
    await editIssueAsUser(issue.snapshot.key, { [fieldId]: unique });
  } catch (e) {
    if (e instanceof JiraRequestError && e.status < 500) throw new Refusal('refused', `Jira did not save the configuration items: ${e.messages.join(' ') || `HTTP ${String(e.status)}`}`);
    throw e;
  }
  await follow(incident, rules, ctx.clock);
  return { ids: unique };
}

/** PRB-12: links an existing problem record to the incident (the other issue must be a problem record). */
export async function linkProblem(ctx: ActionContext, key: string): Promise<IncidentAnswers['incident.linkProblem']> {
  const { rules, incident } = await incidentFor(ctx, 'linking a problem');
  const refusal = problemRefusal(actorOf(rules, ctx.viewer), incident.problems.enabled);
  if (refusal) throw new Refusal('forbidden', refusal);
  const other = await getIssueTypeAsUser(key);
  if (!other) throw new Refusal('invalid-input', `Problem: ${key} does not exist, or Jira does not let you see it.`);
  if (other.issueType.trim().toLowerCase() !== incident.problems.issueType.trim().toLowerCase()) {
    throw new Refusal('invalid-input', `Problem: ${other.key} is a ${other.issueType}, not a ${incident.problems.issueType} record.`);
  }
  if (incident.issue.snapshot.links.some((l) => l.other.key === other.key)) throw new Refusal('refused', `${other.key} is already linked to this incident.`);
  await linkIssuesAsUser('Relates', other.key, incident.issue.snapshot.key);
  return { key: other.key };
}

/** PRB-12: raises a problem record for the incident's underlying cause, linked to it. */
export async function raiseProblem(ctx: ActionContext, summary: string | undefined): Promise<IncidentAnswers['incident.raiseProblem']> {
  const { rules, incident } = await incidentFor(ctx, 'raising a problem');
  const refusal = problemRefusal(actorOf(rules, ctx.viewer), incident.problems.enabled);
  if (refusal) throw new Refusal('forbidden', refusal);
  const s = incident.issue.snapshot;
  const fields: Record<string, unknown> = {
    project: { key: s.projectKey },
    issuetype: { name: incident.problems.issueType },
    summary: (summary ?? `Underlying cause of ${s.key}: ${s.summary}`).slice(0, 250),
    description: adfFromText(`Problem raised from incident ${s.key} "${s.summary}".\n\nRoot cause so far: ${(s.fields.rootCause ?? '').trim() || 'not recorded yet'}`),
  };
  let created: { id: string; key: string };
  try {
    created = await createIssueAsUser(fields);
  } catch (e) {
    if (e instanceof JiraRequestError && e.status < 500) {
      throw new Refusal('refused', `Jira refused to create the problem record: ${e.messages.join(' ') || `HTTP ${String(e.status)}`}. A Jira administrator adds the ${incident.problems.issueType} issue type to project ${s.projectKey} (the setup wizard does this when Problem management is on).`);
    }
    throw e;
  }
  await linkIssuesAsUser('Relates', created.key, s.key);
  return { key: created.key };
}

/** D13, INC-24: one named manager for a major incident; of two people taking it at once, one wins. */
export async function takeMajorIncident(ctx: ActionContext): Promise<IncidentAnswers['incident.takeMajorIncident']> {
  const { rules, incident } = await incidentFor(ctx, 'taking a major incident');
  const refusal = takeMajorIncidentRefusal(actorOf(rules, ctx.viewer), actionFactsOf(incident.issue, incident.memory.facts, rules));
  if (refusal) throw new Refusal('refused', refusal);
  const manager = { accountId: ctx.viewer.accountId, displayName: ctx.viewer.displayName, namedAt: new Date(ctx.clock()).toISOString() };
  const outcome = await recordFactOnce(incident.issue.snapshot.id, 'majorIncidentManager', manager);
  if (!outcome.recorded) {
    const who = outcome.existing.accountId === ctx.viewer.accountId ? `${outcome.existing.displayName} (you, in another window)` : outcome.existing.displayName;
    throw new Refusal('refused', `${who} took this major incident a moment ago; a major incident has one named manager.`);
  }
  await follow(incident, rules, ctx.clock);
  return { manager: { accountId: manager.accountId, displayName: manager.displayName } };
}

/**
 * INC-21, INC-22: the major-incident report, as an internal comment. The publication is recorded first (so two
 * publishers cannot both post it), then the comment is posted; if Jira refuses the comment the record is taken back
 * and the person may try again.
 */
export async function publishMajorIncidentReport(ctx: ActionContext): Promise<IncidentAnswers['incident.publishMajorIncidentReport']> {
  const { rules, incident } = await incidentFor(ctx, 'publishing a major-incident report');
  const refusal = publishMajorIncidentReportRefusal(actorOf(rules, ctx.viewer), actionFactsOf(incident.issue, incident.memory.facts, rules));
  if (refusal) throw new Refusal('refused', refusal);
  const s = incident.issue.snapshot;
  const publishedAt = new Date(ctx.clock()).toISOString();
  const outcome = await recordFactOnce(s.id, 'majorIncidentReport', { publishedAt, publishedBy: ctx.viewer.accountId, commentId: null });
  if (!outcome.recorded) throw new Refusal('refused', 'The major-incident report was published a moment ago.');
  let commentId: string;
  try {
    commentId = await addComment(s.key, majorIncidentReport(s, incident.ev, rules.policy.policy), 'internal');
  } catch (e) {
    await clearFact(s.id, 'majorIncidentReport');
    throw e;
  }
  await setFact(s.id, 'majorIncidentReport', { publishedAt, publishedBy: ctx.viewer.accountId, commentId });
  await follow(incident, rules, ctx.clock);
  return { publishedAt };
}
