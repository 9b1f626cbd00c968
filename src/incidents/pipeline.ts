import { bringChangeUpToDate } from '../changes/pipeline';
import { escalationRecipients, evaluateIncident, type IncidentEvaluation } from '../domain/incident/evaluate';
import { incidentIndexOf, recordIndexOf, sameIncidentState, sameIndex, type IssueIndex } from '../domain/incident/issue-index';
import { peopleText, renderStandardMessage, thresholdLabel } from '../domain/incident/messages';
import { JIRA_PRIORITY_NAMES } from '../domain/incident/priority-names';
import type { CommunicationState, EscalationState } from '../domain/incident/state';
import { DEFAULT_CLOSED_STATUS_NAMES } from '../domain/incident-closure';
import type { EscalationDecision } from '../domain/sla/replay';
import type { IncidentBean } from '../jira/incident-snapshot';
import { addComment, notifyUsers, putIssueIndex, setPriorityByNames } from '../jira/issues';
import { getUsers } from '../jira/users';
import { rolesHeldBy } from '../domain/roles';
import { recordEvaluationAggregate } from '../store/performance-aggregates';
import { loadFacts, loadRecord, saveEvaluation, watchingSince, type IncidentFacts, type IncidentRecord } from '../store/incident-records';
import { carryOverLegacy, claimLedger, doneRecords, ledgerOf, legacyLedgerOf, recordStep, releaseClaim, renewClaim, type IncidentLedger, type LedgerRow } from '../store/ledger';
import { LeaseLostError } from '../store/leases';
import type { IncidentRules } from '../store/rules';
import { fromBean, loadIssue, type LoadedIssue } from './load';

/**
 * Bringing one incident up to date (IN.2, ADR 009, ADR 010): read it fresh from Jira, evaluate it from its whole
 * history and what the app holds in storage, do what the evaluation calls for (the derived priority, the standard
 * messages, and — for the scan — escalations), store the evaluation (never over a newer one) and write the index
 * property from it. Every step that must happen once is claimed with an owner and a lease first. The trigger, the
 * scan and the panel's actions all run this; what one run could not finish, the next scan finishes.
 */

export type Clock = () => number;

export interface Run {
  rules: IncidentRules;
  clock: Clock;
  /** This run's identity on the claims it takes (`event:…`, `scan:…`, `action:…`). */
  owner: string;
}

/** Where the issue comes from: read by key, or a search page that already holds everything (the scan). */
export type IssueSource = { key: string; projectKey: string; issueId?: string } | { bean: IncidentBean; names?: Record<string, string> | undefined };

export interface Outcome {
  key: string;
  /** Nothing is left to do (no message, escalation or write pending). */
  finished: boolean;
  /** What is left, in words, for the scan report and the log. */
  unfinished: string[];
  escalated: string[];
  sent: string[];
  /** The issue is no incident (any more), or is gone. */
  notIncident: boolean;
}

/** What the app holds about an incident besides Jira: its last evaluation, the recorded facts, the ledger. */
export interface IncidentMemory {
  record: IncidentRecord | null;
  facts: IncidentFacts;
  ledger: IncidentLedger;
  /** Finished sends an earlier version recorded (read only while the incident has no record of this version). */
  legacy: { escalations: EscalationState[]; communications: CommunicationState[] } | null;
}

export async function loadMemory(issueId: string): Promise<IncidentMemory> {
  const [record, facts, ledger] = await Promise.all([loadRecord(issueId), loadFacts(issueId), ledgerOf(issueId)]);
  const legacy = record ? null : await legacyLedgerOf(issueId);
  return { record, facts, ledger, legacy };
}

const byKey = <T extends { key: string }>(...lists: ReadonlyArray<readonly T[]>): T[] => {
  const m = new Map<string, T>();
  for (const list of lists) for (const x of list) if (!m.has(x.key)) m.set(x.key, x);
  return [...m.values()];
};

/** Escalations and messages finished, from the ledger (and an earlier version's, until carried over). */
export function doneOf(memory: IncidentMemory): { escalations: EscalationState[]; communications: CommunicationState[] } {
  return {
    escalations: byKey(doneRecords(memory.ledger.escalations), memory.legacy?.escalations ?? []),
    communications: byKey(doneRecords(memory.ledger.communications), memory.legacy?.communications ?? []),
  };
}

/**
 * The tracking start (IN-10): kept from the first evaluation; an incident created while the app was watching is
 * tracked from its creation (so a late first delivery still sends every message its history calls for), one created
 * before is tracked from the moment the app first saw it.
 */
async function trackedSinceOf(issue: LoadedIssue, memory: IncidentMemory, now: number): Promise<number> {
  if (memory.record) return Date.parse(memory.record.trackedSince);
  const since = await watchingSince(now);
  return issue.snapshot.createdAt >= since ? issue.snapshot.createdAt : now;
}

/** One pure evaluation (src/domain/incident/evaluate.ts) of the issue with what the app holds. */
export function evaluate(issue: LoadedIssue, memory: IncidentMemory, rules: IncidentRules, trackedSince: number, now: number): IncidentEvaluation {
  const done = doneOf(memory);
  return evaluateIncident(issue.snapshot, {
    policy: rules.policyFor(issue.snapshot),
    roles: rules.roles,
    escalationsDone: done.escalations,
    communicationsDone: done.communications,
    trackedSince,
    majorIncidentManager: memory.facts.majorIncidentManager ?? null,
    majorIncidentReport: memory.facts.majorIncidentReport ?? null,
    now,
  }, DEFAULT_CLOSED_STATUS_NAMES, memory.facts.closure ?? null);
}

/** Writes the index property when Jira's copy differs (a value someone wrote by hand is overwritten here). */
export async function writeIndex(key: string, asStored: unknown, next: IssueIndex): Promise<void> {
  if (!sameIndex(asStored, next)) await putIssueIndex(key, next);
}

type SendResult = 'done' | 'busy' | 'failed';

/** Runs the steps of a claimed ledger row; a failed step releases the claim so the next run resumes it at once. */
async function runClaimed<R>(row: LedgerRow<R>, run: Run, steps: ReadonlyArray<{ name: string; act: () => Promise<Partial<R> | void> }>, what: string, unfinished: string[]): Promise<SendResult> {
  let held = row;
  try {
    for (const [i, step] of steps.entries()) {
      if (held.steps[step.name] !== undefined) continue;
      held = await renewClaim(held, run.clock());
      const patch = (await step.act()) ?? {};
      held = await recordStep(held, step.name, run.clock(), patch, i === steps.length - 1);
    }
    if (!held.done) held = await recordStep(held, steps[steps.length - 1]?.name ?? 'done', run.clock(), {}, true);
    return 'done';
  } catch (e) {
    if (e instanceof LeaseLostError) { unfinished.push(`${what}: taken over by another run`); return 'busy'; }
    await releaseClaim(held);
    unfinished.push(`${what}: ${e instanceof Error ? e.message : String(e)}`);
    return 'failed';
  }
}

/** IN.2.3–IN.2.5, IN-10: one standard message, as a customer-visible comment (JSM mails the customer). */
async function sendMessage(issue: LoadedIssue, ev: IncidentEvaluation, due: IncidentEvaluation['dueCommunications'][number], run: Run, unfinished: string[]): Promise<SendResult> {
  const record: CommunicationState = { key: due.key, event: due.event, cycle: due.cycle, at: new Date(run.clock()).toISOString(), commentId: null };
  const claimed = await claimLedger('comm', issue.snapshot.id, due.key, record, run.owner, run.clock());
  if (claimed.status === 'finished') return 'done';
  if (claimed.status === 'busy') { unfinished.push(`message ${due.key}: being sent by another run`); return 'busy'; }
  const message = renderStandardMessage(due.event, issue.snapshot, ev, run.rules.policyFor(issue.snapshot).policy);
  return runClaimed(claimed.row, run, [{ name: 'commented', act: async () => ({ commentId: await addComment(issue.snapshot.key, `${message.subject}\n\n${message.body}`, 'public') }) }], `message ${due.key}`, unfinished);
}

/**
 * D14: one escalation per threshold per cycle: the Incident Managers and Service Managers are notified, then the
 * record gets an internal note with the policy's escalation message.
 */
async function escalate(issue: LoadedIssue, ev: IncidentEvaluation, decision: EscalationDecision, run: Run, unfinished: string[]): Promise<SendResult> {
  const now = run.clock();
  const record: EscalationState = {
    key: decision.key, metric: decision.metric, cycle: decision.cycle, thresholdId: decision.thresholdId, afterMs: decision.afterMs, priority: decision.priority,
    crossedAt: new Date(decision.crossedAt).toISOString(), escalatedAt: new Date(now).toISOString(), notified: escalationRecipients(run.rules.roles),
  };
  const claimed = await claimLedger('esc', issue.snapshot.id, decision.key, record, run.owner, now);
  if (claimed.status === 'finished') return 'done';
  if (claimed.status === 'busy') { unfinished.push(`escalation ${decision.key}: being sent by another run`); return 'busy'; }
  const notified = claimed.row.record.notified;
  const message = renderStandardMessage('incident-escalated', issue.snapshot, ev, run.rules.policyFor(issue.snapshot).policy, { threshold: thresholdLabel(decision) });
  const nobody = notified.length ? `\n\nNotified: ${await notifiedPeople(notified, run)}.` : '\n\nNobody was notified: the role list names no Incident Manager or Service Manager.';
  return runClaimed(claimed.row, run, [
    { name: 'notified', act: async () => { if (notified.length) await notifyUsers(issue.snapshot.key, message.subject, message.body, notified); } },
    { name: 'commented', act: async () => { await addComment(issue.snapshot.key, `${message.subject}\n\n${message.body}${nobody}`, 'internal'); } },
  ], `escalation ${decision.key}`, unfinished);
}

/**
 * "Ines Kowalski (Incident Manager) and Sofia Martins (Service Manager)": each person notified with their own role,
 * for the internal note. Names are looked up once; if Jira cannot answer, the roles alone still say who was told.
 */
async function notifiedPeople(accountIds: readonly string[], run: Run): Promise<string> {
  let names = new Map<string, string>();
  try {
    names = new Map((await getUsers(accountIds, 'app')).map((u) => [u.accountId, u.displayName]));
  } catch {
    // The note must not wait for a name: the escalation itself matters more (D14).
  }
  return peopleText(accountIds.map((id) => ({ name: names.get(id) ?? null, roles: rolesHeldBy(run.rules.roles ?? [], id).map((r) => r.name) })));
}

/** The record to store for an evaluation; `readAt` is the instant before the snapshot was read (ADR 010). */
function recordOf(issue: LoadedIssue, ev: IncidentEvaluation, readAt: number): Omit<IncidentRecord, 'rev'> {
  return {
    issueId: issue.snapshot.id, issueKey: issue.snapshot.key, projectKey: issue.snapshot.projectKey, mark: issue.mark, evaluatedAt: readAt,
    trackedSince: ev.state.trackedSince, createdAt: issue.snapshot.createdAt, dueAt: ev.index.nextDeadline ? Date.parse(ev.index.nextDeadline) : NO_DEADLINE,
    state: ev.state,
  };
}

/** Takes an evaluation off the scan's index (the issue is gone or no incident any more). */
async function settleRecord(issueId: string, readAt: number): Promise<void> {
  const stale = await loadRecord(issueId);
  if (!stale || stale.dueAt === NO_DEADLINE) return;
  const { rev: _rev, ...rest } = stale;
  void _rev;
  await saveEvaluation({ ...rest, dueAt: NO_DEADLINE, evaluatedAt: Math.max(readAt, stale.evaluatedAt) }, () => false);
}

/** The `dueAt` of a record with nothing pending (the scan's index needs a number). */
export const NO_DEADLINE = Number.MAX_SAFE_INTEGER;

/**
 * Brings one incident up to date. `escalate`: also escalate crossed thresholds (the scan does; an event's run leaves
 * D14 to the scan, which owns it). Never throws for what it could not finish: that is in `unfinished`.
 */
export async function bringUpToDate(source: IssueSource, run: Run, opts: { escalate: boolean }): Promise<Outcome> {
  let readAt = run.clock();
  let issue = 'bean' in source ? await fromBean(source.bean, run.rules, 'app', source.names) : await loadIssue(source.key, source.projectKey, run.rules, 'app');
  const key = issue?.snapshot.key ?? ('bean' in source ? source.bean.key : source.key);
  const out: Outcome = { key, finished: true, unfinished: [], escalated: [], sent: [], notIncident: false };
  if (!issue) {
    // Gone (deleted) or no longer visible to the app: nothing is due on it any more.
    if (!('bean' in source) && source.issueId) await settleRecord(source.issueId, readAt);
    return { ...out, notIncident: true };
  }
  if (issue.kind !== 'incident') {
    out.notIncident = true;
    // No longer an incident (its type was changed): nothing is due on it any more.
    await settleRecord(issue.snapshot.id, readAt);
    if (issue.kind !== 'unmapped') await writeIndex(issue.snapshot.key, issue.indexAsStored, recordIndexOf(issue.kind));
    if (issue.kind === 'service-change-request') {
      // Issue #13: a change's after-the-fact work (priority, approval by template, deployment record), finished by the scan when a run fails.
      const change = await bringChangeUpToDate(issue, run.rules, run.clock());
      out.unfinished.push(...change.unfinished);
      out.finished = out.unfinished.length === 0;
    }
    return out;
  }

  let memory = await loadMemory(issue.snapshot.id);
  if (memory.legacy && (memory.legacy.escalations.length || memory.legacy.communications.length)) {
    await carryOverLegacy(issue.snapshot.id, memory.legacy, run.clock());
  }
  const trackedSince = await trackedSinceOf(issue, memory, run.clock());
  let ev = evaluate(issue, memory, run.rules, trackedSince, run.clock());

  // D8/D25: Jira's priority shows the derived one. A site without any of the profile's names for it cannot show it;
  // that is the site's configuration, not work left to do.
  if (ev.desiredPriority) {
    try {
      const set = await setPriorityByNames(issue.snapshot.key, JIRA_PRIORITY_NAMES[ev.desiredPriority]);
      if (set === null) console.warn(`${key}: the site has no priority named ${JIRA_PRIORITY_NAMES[ev.desiredPriority].join(' / ')}; Jira's priority stays ${issue.snapshot.priority ?? 'empty'}.`);
      else {
        readAt = run.clock();
        const again = await loadIssue(key, issue.snapshot.projectKey, run.rules, 'app');
        if (again) { issue = again; ev = evaluate(issue, memory, run.rules, trackedSince, run.clock()); }
      }
    } catch (e) {
      out.unfinished.push(`priority ${ev.desiredPriority}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  let acted = false;
  for (const due of ev.dueCommunications) {
    const r = await sendMessage(issue, ev, due, run, out.unfinished);
    if (r === 'done') { out.sent.push(due.key); acted = true; }
  }
  if (opts.escalate) {
    for (const decision of ev.pendingEscalations) {
      const r = await escalate(issue, ev, decision, run, out.unfinished);
      if (r === 'done') { out.escalated.push(decision.key); acted = true; }
    }
  }
  if (acted) {
    memory = { ...memory, ledger: await ledgerOf(issue.snapshot.id) };
    ev = evaluate(issue, memory, run.rules, trackedSince, run.clock());
  }

  try {
    const saved = await saveEvaluation(recordOf(issue, ev, readAt), sameIncidentState);
    // The index is written from the stored evaluation: the one this run stored, or the one that was already there
    // when this run's said nothing new. A newer run's evaluation is that run's to write.
    const current = saved.stored ? saved.record : saved.reason === 'unchanged' ? saved.record : null;
    if (current && !sameIndex(issue.indexAsStored, incidentIndexOf(current.state))) {
      await putIssueIndex(key, incidentIndexOf(current.state));
      // Two runs may store in one order and write the property in the other: the last writer puts the newest back.
      const latest = await loadRecord(issue.snapshot.id);
      if (latest && latest.rev !== current.rev) await putIssueIndex(key, incidentIndexOf(latest.state));
    }
    // WP.19, MET-26: the performance aggregates follow the stored evaluation (idempotent; an older one never wins).
    if (current) await recordEvaluationAggregate(current);
  } catch (e) {
    out.unfinished.push(`stored state: ${e instanceof Error ? e.message : String(e)}`);
  }
  out.finished = out.unfinished.length === 0;
  return out;
}
