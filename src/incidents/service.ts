import { route } from '@forge/api';
import { z } from 'zod';
import { escalationRecipients, evaluateIncident, sameStoredState, type IncidentEvaluation } from '../domain/incident/evaluate';
import { renderStandardMessage, thresholdLabel } from '../domain/incident/messages';
import { JIRA_PRIORITY_NAMES } from '../domain/incident/priority-names';
import type { IncidentSnapshot } from '../domain/incident/snapshot';
import type { CommunicationState, EscalationState } from '../domain/incident/state';
import { DEFAULT_CLOSED_STATUS_NAMES } from '../domain/incident-closure';
import type { Priority } from '../domain/priority-matrix';
import type { EscalationDecision } from '../domain/sla/replay';
import { adfFromText } from '../jira/adf';
import { JiraRequestError, jiraFetch, jiraGet, type Actor } from '../jira/client';
import { completeIncident, incidentBeanSchema, incidentQuery, parseIncidentBean, type IncidentBean, type IncidentFieldIds } from '../jira/incident-snapshot';
import {
  claimLedger, COMMUNICATION_STEPS, doneCommunications, doneEscalations, ESCALATION_STEPS, isComplete, ledgerOf, recordLedgerStep,
  loadFacts, type CommunicationEntry, type EscalationEntry, type IncidentFacts, type IncidentRules,
} from '../store/incident-store';
import { ISSUE_STATE_PROPERTY, readIncidentState, readIssueState, type IssueState } from '../store/issue-state';

/**
 * The incident process (IN.2) around the pure rules: read the incident from Jira, evaluate it
 * (src/domain/incident), do what the evaluation calls for (set the derived priority, send the standard
 * communications, escalate), and store the state. Used by the issue-event trigger, the five-minute scan, the
 * workflow validator and the issue panel, so all of them see one evaluation.
 */

export const now = (): number => Date.now();

export interface LoadedIncident {
  snapshot: IncidentSnapshot;
  issueType: string;
  issueTypeId: string;
  fieldIds: IncidentFieldIds;
  stored: IssueState | null;
  /** What people recorded (KVS, the authority) over what the property mirrors. */
  facts: IncidentFacts;
}

/** One GET of the issue (plus pages for very long histories). */
export async function readIncident(key: string, projectKey: string, rules: IncidentRules, who: Actor): Promise<LoadedIncident> {
  const q = incidentQuery(rules.fieldIds(projectKey));
  const bean = await jiraGet(who, route`/rest/api/3/issue/${key}?fields=${q.fields}&expand=${q.expand}&properties=${ISSUE_STATE_PROPERTY}`, incidentBeanSchema);
  return fromBean(bean, rules, who);
}

export async function fromBean(bean: IncidentBean, rules: IncidentRules, who: Actor, names?: Record<string, string>): Promise<LoadedIncident> {
  const withNames = names && !bean.names ? { ...bean, names } : bean;
  const parsed = parseIncidentBean(withNames, rules.fieldIds(bean.fields.project.key), rules.issueTypes);
  const [snapshot, kvsFacts] = await Promise.all([
    parsed.historyComplete && parsed.commentsComplete ? parsed.snapshot : completeIncident(parsed, who),
    loadFacts(bean.id),
  ]);
  const stored = readIssueState(parsed.properties[ISSUE_STATE_PROPERTY]);
  const mirrored = readIncidentState(stored);
  const facts: IncidentFacts = {
    ...(stored?.closure ? { closure: { confirmedBy: stored.closure.confirmedBy, confirmedAt: stored.closure.confirmedAt, ...(stored.closure.how !== undefined ? { how: stored.closure.how } : {}), ...(stored.closure.recordedBy !== undefined ? { recordedBy: stored.closure.recordedBy } : {}) } } : {}),
    ...(mirrored?.majorIncidentManager ? { majorIncidentManager: mirrored.majorIncidentManager } : {}),
    ...(mirrored?.majorIncidentReport ? { majorIncidentReport: mirrored.majorIncidentReport } : {}),
    ...kvsFacts,
  };
  return { snapshot, issueType: parsed.issueType, issueTypeId: parsed.issueTypeId, fieldIds: parsed.fieldIds, stored, facts };
}

export function evaluate(loaded: LoadedIncident, rules: IncidentRules, at: number, done: { escalations: readonly EscalationState[]; communications: readonly CommunicationState[] }): IncidentEvaluation {
  const previous = readIncidentState(loaded.stored);
  return evaluateIncident(loaded.snapshot, {
    policy: rules.policy,
    roles: rules.roles,
    escalationsDone: done.escalations,
    communicationsDone: done.communications,
    trackedSince: previous ? Date.parse(previous.trackedSince) : null,
    majorIncidentManager: loaded.facts.majorIncidentManager ?? null,
    majorIncidentReport: loaded.facts.majorIncidentReport ?? null,
    now: at,
  }, DEFAULT_CLOSED_STATUS_NAMES, loaded.facts.closure ?? null);
}

/** The whole property value for an evaluation; what the app stores outside the incident part is kept. */
export function nextIssueState(stored: IssueState | null, ev: IncidentEvaluation, facts: IncidentFacts): IssueState {
  const { nextDeadline: _old, ...rest } = stored ?? { schemaVersion: 1 as const, kind: 'incident' as const };
  void _old;
  return {
    ...rest,
    ...(facts.closure ? { closure: facts.closure } : {}),
    schemaVersion: 1, kind: 'incident',
    ...(ev.index.nextDeadline !== null ? { nextDeadline: ev.index.nextDeadline } : {}),
    breached: ev.index.breached, escalated: ev.index.escalated, paused: ev.index.paused,
    incident: ev.state,
  };
}

/** Writes the state when it says something new (an unchanged state is not rewritten: no index churn). */
export async function storeState(key: string, loaded: Pick<LoadedIncident, 'stored' | 'facts'>, ev: IncidentEvaluation): Promise<IssueState> {
  const { stored } = loaded;
  const next = nextIssueState(stored, ev, loaded.facts);
  if (!stored || !sameStoredState(stored, next)) {
    await jiraFetch('app', route`/rest/api/3/issue/${key}/properties/${ISSUE_STATE_PROPERTY}`, { method: 'PUT', body: next });
  }
  return next;
}

/** D8: sets the derived priority, under the site's name for it (a plain site calls Critical "Highest"). */
export async function setPriority(key: string, priority: Priority): Promise<void> {
  let last: unknown = null;
  for (const name of JIRA_PRIORITY_NAMES[priority]) {
    try {
      await jiraFetch('app', route`/rest/api/3/issue/${key}`, { method: 'PUT', body: { fields: { priority: { name } } } });
      return;
    } catch (e) {
      if (!(e instanceof JiraRequestError) || e.status !== 400) throw e;
      last = e;
    }
  }
  throw new Error(`The site has no priority for ${priority} (tried ${JIRA_PRIORITY_NAMES[priority].join(', ')}): ${last instanceof Error ? last.message : ''}`);
}

const createdComment = z.object({ id: z.string() }).passthrough();

export async function addComment(key: string, text: string, visibility: 'public' | 'internal'): Promise<string> {
  const body = {
    body: adfFromText(text),
    ...(visibility === 'internal' ? { properties: [{ key: 'sd.public.comment', value: { internal: true } }] } : {}),
  };
  const res = await jiraFetch('app', route`/rest/api/3/issue/${key}/comment`, { method: 'POST', body });
  const parsed = createdComment.safeParse(await res.json());
  return parsed.success ? parsed.data.id : '';
}

/** IN.2.3–IN.2.5: each due standard communication once, as a customer-visible comment (JSM mails the customer). */
export async function sendCommunications(loaded: LoadedIncident, ev: IncidentEvaluation, rules: IncidentRules, at: number): Promise<CommunicationState[]> {
  const sent: CommunicationState[] = [];
  for (const due of ev.dueCommunications) {
    try { const done = await sendCommunication(loaded, ev, rules, at, due); if (done) sent.push(done); } catch (e) {
      // Claimed but not sent: the next event (or delivery) resumes it; the other messages and the state go on.
      console.warn(`${loaded.snapshot.key}: the standard message ${due.key} could not be sent yet: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return sent;
}

/** One standard message: claimed, posted as a customer-visible comment, recorded (resumes a claimed one). */
async function sendCommunication(loaded: LoadedIncident, ev: IncidentEvaluation, rules: IncidentRules, at: number, due: IncidentEvaluation['dueCommunications'][number]): Promise<CommunicationState | null> {
  const record: CommunicationState = { key: due.key, event: due.event, cycle: due.cycle, at: new Date(at).toISOString(), commentId: null };
  let entry: CommunicationEntry = { claimedAt: record.at, record, steps: {} };
  const claim = await claimLedger('comm', loaded.snapshot.id, due.key, entry);
  if (!claim.claimed) {
    if (!claim.existing || isComplete(claim.existing, COMMUNICATION_STEPS)) return claim.existing?.record ?? null;
    entry = claim.existing;
  }
  const message = renderStandardMessage(due.event, loaded.snapshot, ev, rules.policy.policy);
  const commentId = await addComment(loaded.snapshot.key, `${message.subject}\n\n${message.body}`, 'public');
  entry = { ...entry, record: { ...entry.record, commentId } };
  entry = await recordLedgerStep('comm', loaded.snapshot.id, due.key, entry, 'commented', new Date(at).toISOString());
  return entry.record;
}

/**
 * D14: one escalation per threshold per cycle. Claimed in the ledger first, then the IM and SM are notified, then
 * the record gets an internal comment with the policy's escalation message; each step is recorded, so a run that
 * failed half-way resumes at the step it did not finish and a second run finds the claim.
 */
export async function escalate(loaded: LoadedIncident, ev: IncidentEvaluation, decision: EscalationDecision, rules: IncidentRules, at: number): Promise<EscalationState | null> {
  const recipients = escalationRecipients(rules.roles);
  const record: EscalationState = {
    key: decision.key, metric: decision.metric, cycle: decision.cycle, thresholdId: decision.thresholdId, afterMs: decision.afterMs,
    priority: decision.priority, crossedAt: new Date(decision.crossedAt).toISOString(), escalatedAt: new Date(at).toISOString(), notified: recipients,
  };
  let entry: EscalationEntry = { claimedAt: record.escalatedAt, record, steps: {} };
  const claim = await claimLedger('esc', loaded.snapshot.id, decision.key, entry);
  if (!claim.claimed) {
    if (!claim.existing) return null;
    if (isComplete(claim.existing, ESCALATION_STEPS)) return claim.existing.record;
    entry = claim.existing;
  }
  const label = thresholdLabel(decision);
  const message = renderStandardMessage('incident-escalated', loaded.snapshot, ev, rules.policy.policy, { threshold: label });
  if (!entry.steps.notified) {
    if (entry.record.notified.length) {
      await jiraFetch('app', route`/rest/api/3/issue/${loaded.snapshot.key}/notify`, {
        method: 'POST', body: { subject: message.subject, textBody: message.body, to: { users: entry.record.notified.map((accountId) => ({ accountId })) } },
      });
    }
    entry = await recordLedgerStep('esc', loaded.snapshot.id, decision.key, entry, 'notified', new Date(at).toISOString());
  }
  if (!entry.steps.commented) {
    const who = entry.record.notified.length ? '' : '\n\nNobody was notified: the role list names no Incident Manager or Service Manager (D14).';
    await addComment(loaded.snapshot.key, `${message.subject}\n\n${message.body}${who}`, 'internal');
    entry = await recordLedgerStep('esc', loaded.snapshot.id, decision.key, entry, 'commented', new Date(at).toISOString());
  }
  return entry.record;
}

/**
 * The issue-event path: evaluate, set the derived priority (then read again, so the replay sees Jira's own
 * changelog entry), send due communications, store. Escalation is left to the scan, which owns D14.
 */
export async function processIncident(key: string, projectKey: string, rules: IncidentRules): Promise<IssueState> {
  let loaded = await readIncident(key, projectKey, rules, 'app');
  const ledger = await ledgerOf(loaded.snapshot.id);
  const done = { escalations: mergeByKey(doneEscalations(ledger.escalations), readIncidentState(loaded.stored)?.escalations ?? []), communications: doneCommunications(ledger.communications) };
  let ev = evaluate(loaded, rules, now(), done);
  if (ev.desiredPriority) {
    // A priority Jira refuses (the site has none of the profile's names) must not cost the rest: the state is still
    // stored, and the panel says the priority is not in step.
    try {
      await setPriority(key, ev.desiredPriority);
      loaded = await readIncident(key, projectKey, rules, 'app');
      ev = evaluate(loaded, rules, now(), done);
    } catch (e) {
      console.warn(`${key}: the derived priority ${ev.desiredPriority} could not be set: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (ev.dueCommunications.length) {
    const sent = await sendCommunications(loaded, ev, rules, now());
    ev = evaluate(loaded, rules, now(), { ...done, communications: mergeByKey(done.communications, sent) });
  }
  return storeState(key, loaded, ev);
}

export function mergeByKey<T extends { key: string }>(a: readonly T[], b: readonly T[]): T[] {
  const m = new Map<string, T>();
  for (const x of [...a, ...b]) if (!m.has(x.key)) m.set(x.key, x);
  return [...m.values()];
}
