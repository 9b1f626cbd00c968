import type { AgreementInForce } from '../agreement/in-force';
import { classifyIncident, policyMatrix, slaPolicyFrom, type ServiceDeliveryPolicy } from '../policy';
import { explainPriority, PRIORITIES, type Priority, type PriorityResult } from '../priority-matrix';
import type { RoleAssignment } from '../roles';
import { escalationDecisions, nextDeadline, replayIncident, type EscalationDecision, type SlaCycle, type SlaReplay } from '../sla/replay';
import type { Instant } from '../sla/calendar';
import { isoInstant } from '../sla/iso';
import type { SlaPolicy } from '../sla/policy';
import { profilePriorityOf } from './priority-names';
import type { Actor, IncidentSnapshot } from './snapshot';
import type { CommunicationState, EscalationState, IncidentState, SlaCycleState, YesNo } from './state';
import { incidentTimelineOf, priorityInForceAt, type Classifier } from './timeline';

/**
 * IN.2.1–IN.2.5 on one incident: classification (D8), SLA clocks (D9–D11), what is due for escalation (D14), the
 * standard communications the history calls for (IN.2.3, IN.2.4, IN.2.5; IN-10), significance (D13) and the
 * closure checklist (IN.2.5, D12, D13). One pure function of (snapshot, policy, roles, escalations done, now):
 * the trigger, the scan, the validator and the panel all call it, so they cannot disagree.
 */

/**
 * The policy in force: the approved WP.14 (its version), or the shipped defaults (`version: null`). Under a customer
 * agreement (D18) `policy` carries the agreement's service hours and targets, and `agreement` names it and its matrix.
 */
export interface PolicyInForce { policy: ServiceDeliveryPolicy; version: number | null; agreement?: AgreementInForce | null }

export interface IncidentContext {
  policy: PolicyInForce;
  /** The approved role list (WP.08); null before one exists (then any Jira staff account counts as an agent, D11). */
  roles: readonly RoleAssignment[] | null;
  /** D14 escalations already done (from the escalation ledger), by key. */
  escalationsDone: readonly EscalationState[];
  /** Standard communications already sent, by key. */
  communicationsDone: readonly CommunicationState[];
  /** The previous state's first evaluation, kept; null for an incident the app has not seen. */
  trackedSince: Instant | null;
  /** D13: who was named major incident manager, and the published report (kept from the previous state). */
  majorIncidentManager: IncidentState['majorIncidentManager'];
  majorIncidentReport: IncidentState['majorIncidentReport'];
  now: Instant;
}

export interface ClosureItem {
  id: 'resolution' | 'confirmation' | 'root-cause' | 'change-request' | 'major-incident-manager' | 'major-incident-report';
  rule: string;
  label: string;
  /** What to do when the item cannot be met as the site stands (e.g. a field the setup wizard has not created). */
  hint?: string;
  done: boolean;
}

/** D26: the closure items that are a customer's own concern: the resolution and their confirmation (D12). */
export function customerClosureItems(items: readonly ClosureItem[]): ClosureItem[] {
  return items.filter((c) => c.id === 'resolution' || c.id === 'confirmation');
}

export interface DueCommunication { key: string; event: CommunicationState['event']; cycle: number; at: Instant }

export interface IncidentEvaluation {
  state: IncidentState;
  /** The indexed flags (top level of `sd-state`). */
  index: { nextDeadline: string | null; breached: YesNo; escalated: YesNo; paused: YesNo };
  /**
   * D8/D25: the Jira priority should become this profile priority: the matrix's priority the replay has in force for
   * the latest resolution cycle (at its stop, or now while open). Null: leave it (Jira has it already, or the matrix
   * gives none, e.g. impact or urgency missing). Also set on a record first seen already restored, whose Jira
   * priority may still be Jira's default.
   */
  desiredPriority: Priority | null;
  replay: SlaReplay;
  /** D14: crossed thresholds of open cycles not yet escalated, oldest first. */
  pendingEscalations: EscalationDecision[];
  /** IN-10: standard communications the history calls for that were not sent yet. */
  dueCommunications: DueCommunication[];
  closure: ClosureItem[];
}

/**
 * The engine's policy of a WP.14 version, compiled once per policy object: the calendar's per-day cache then serves
 * every incident a scan or a trigger evaluates, instead of being rebuilt for each one.
 */
const compiledPolicies = new WeakMap<ServiceDeliveryPolicy, SlaPolicy>();
function slaPolicyOf(policy: ServiceDeliveryPolicy): SlaPolicy {
  let sla = compiledPolicies.get(policy);
  if (!sla) { sla = slaPolicyFrom(policy); compiledPolicies.set(policy, sla); }
  return sla;
}

/**
 * D8 per (policy, agreement, impact, urgency): the matrix is validated once per policy version, not once per incident.
 * An agreement's own matrix wins when usable (explainPriority says which matrix gave the priority).
 */
const classifications = new WeakMap<ServiceDeliveryPolicy, Map<string, PriorityResult>>();
function classificationOf(policy: ServiceDeliveryPolicy, version: number, impact: string | null, urgency: string | null, agreement: AgreementInForce | null = null): PriorityResult {
  let byInput = classifications.get(policy);
  if (!byInput) { byInput = new Map(); classifications.set(policy, byInput); }
  const key = `${String(version)}\u0000${agreement?.matrix ? `${agreement.ref.issueKey}:${String(agreement.ref.version)}` : ''}\u0000${impact ?? '\u0001'}\u0000${urgency ?? '\u0001'}`;
  let result = byInput.get(key);
  if (!result) {
    result = agreement?.matrix
      ? explainPriority({ impact, urgency, policy: policyMatrix(policy, version), agreement: { agreementId: agreement.ref.issueKey, matrix: { ...agreement.matrix, version: agreement.ref.version } } })
      : classifyIncident(policy, version, impact, urgency);
    byInput.set(key, result);
  }
  return result;
}

/** D11 agents: PT, IM and SM in the approved role list; without one, any Jira staff account. */
export function agentTest(roles: readonly RoleAssignment[] | null): (a: Actor) => boolean {
  if (roles === null) return (a) => a.accountType === 'atlassian';
  const agents = new Set(roles.filter((r) => r.roles.some((c) => c === 'PT' || c === 'IM' || c === 'SM')).map((r) => r.accountId));
  return (a) => agents.has(a.accountId);
}

/** D14: who an escalation notifies: every Incident Manager and Service Manager of the role list. */
export function escalationRecipients(roles: readonly RoleAssignment[] | null): string[] {
  if (!roles) return [];
  return [...new Set(roles.filter((r) => r.roles.includes('IM') || r.roles.includes('SM')).map((r) => r.accountId))].sort();
}

const isoOf = (t: Instant | null): string | null => (t === null ? null : isoInstant(t));
const isPriority = (p: string | null): p is Priority => p !== null && (PRIORITIES as readonly string[]).includes(p);

/** D13: significant impact = a priority the policy names (default Critical), the Major incident flag, or a vital service. */
export function significance(policy: ServiceDeliveryPolicy, priority: string | null, s: IncidentSnapshot): { significant: boolean; reasons: string[] } {
  const rule = policy.significantImpact;
  const reasons: string[] = [];
  if (isPriority(priority) && rule.priorities.includes(priority)) reasons.push(`priority ${priority}`);
  if (rule.majorIncidentFlag && s.fields.majorIncident) reasons.push('flagged Major incident');
  const vital = s.fields.services.filter((x) => rule.vitalServices.some((v) => v.toLowerCase() === x.toLowerCase()));
  if (vital.length) reasons.push(`affects vital service ${vital.join(', ')}`);
  return { significant: reasons.length > 0, reasons };
}

function cycleState(c: SlaCycle): SlaCycleState {
  return {
    metric: c.metric, index: c.index, start: isoOf(c.start) ?? '', stop: isoOf(c.stop), stopReason: c.stopReason, priority: c.priority,
    targetMs: c.targetMs, elapsedMs: c.elapsedMs, pausedMs: c.pausedMs, dueAt: isoOf(c.dueAt), breachAt: isoOf(c.breachAt),
    met: c.met, breached: c.breached, pausedNow: c.pausedNow,
  };
}

/**
 * IN-10: the standard communications the history calls for, one per event per resolution cycle:
 * - investigating (IN.2.3): an agent starts work, i.e. the first status change by an agent in the cycle to a status
 *   that is neither a pause status nor the resolution;
 * - restored (IN.2.4): the cycle's resolution;
 * - closed (IN.2.5): the record enters a closed status.
 * Only history at or after `trackedSince` counts, so installing the app never mails customers about old incidents.
 */
export function communicationsCalledFor(s: IncidentSnapshot, replay: SlaReplay, ctx: { isAgent: (a: Actor) => boolean; pauseStatuses: readonly string[]; closedStatuses: readonly string[]; trackedSince: Instant }): DueCommunication[] {
  const out: DueCommunication[] = [];
  const lower = (x: string) => x.trim().toLowerCase();
  const pause = new Set(ctx.pauseStatuses.map(lower));
  const closed = new Set(ctx.closedStatuses.map(lower));
  const cycleAt = (t: Instant): number => {
    let idx = 1;
    for (const c of replay.resolution) if (c.start <= t) idx = c.index;
    return idx;
  };
  const history = [...s.history].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  const seen = new Set<string>();
  const add = (event: DueCommunication['event'], cycle: number, at: Instant) => {
    const key = `${event}#${String(cycle)}`;
    if (seen.has(key) || at < ctx.trackedSince) { seen.add(key); return; }
    seen.add(key);
    out.push({ key, event, cycle, at });
  };
  for (const h of history) {
    for (const item of h.items) {
      if (item.field !== 'status' || item.toString === null) continue;
      const to = lower(item.toString);
      const cycle = cycleAt(h.at);
      const cyc = replay.resolution.find((c) => c.index === cycle);
      const inOpenPart = cyc !== undefined && (cyc.stop === null || h.at < cyc.stop);
      if (closed.has(to)) add('incident-closed', cycle, h.at);
      else if (inOpenPart && !pause.has(to) && h.author !== null && ctx.isAgent(h.author) && h.author.accountId !== s.reporter?.accountId) add('incident-investigating', cycle, h.at);
    }
  }
  for (const c of replay.resolution) if (c.stop !== null && c.stopReason === 'resolved') add('incident-restored', c.index, c.stop);
  return out.sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1));
}

export function evaluateIncident(s: IncidentSnapshot, ctx: IncidentContext, closedStatuses: readonly string[], confirmation: { confirmedBy: string } | null): IncidentEvaluation {
  const { policy, version } = ctx.policy;
  const agreement = ctx.policy.agreement ?? null;
  const classified = classificationOf(policy, version ?? 1, s.fields.impact, s.fields.urgency, agreement);
  // Before a policy is approved the shipped D8 matrix applies; say so rather than cite a version that does not exist.
  const cls = classified.ok && version === null ? { ...classified, text: classified.text.replace(/\(policy matrix v1\)$/, '(D8 default matrix; no policy approved yet)') } : classified;
  const sla = slaPolicyOf(policy);
  const isAgent = agentTest(ctx.roles);
  const matrixVersion = version ?? 1;
  // D25: the replay asks the matrix at every impact or urgency change; the cached classification keeps that cheap.
  const classify: Classifier = (impact, urgency) => {
    const r = classificationOf(policy, matrixVersion, impact, urgency, agreement);
    return r.ok ? r.priority : null;
  };
  const timeline = incidentTimelineOf(s, isAgent, sla.fallbackPriority, classify);
  const replay = replayIncident(timeline.events, sla, ctx.now);
  const currentPriority = profilePriorityOf(s.priority);
  // D25: Jira shows the priority the latest resolution cycle is judged by (in force at its stop, or now while it
  // runs), when the matrix gave it. Not the current classification: a restored incident keeps the priority it was
  // handled under even if its impact is edited afterwards. Not only while open: a record whose events reached the
  // app after its resolution still carries Jira's default priority. A record created after `now` (clock skew) has
  // no cycle yet: its priority at creation.
  const lastCycle = replay.resolution[replay.resolution.length - 1];
  const inForce = priorityInForceAt(timeline.priorities, lastCycle ? (lastCycle.stop ?? ctx.now) : s.createdAt);
  const desiredPriority = inForce.derived && isPriority(inForce.priority) && inForce.priority !== currentPriority ? inForce.priority : null;
  const effectivePriority = cls.ok ? cls.priority : currentPriority;
  const sig = significance(policy, effectivePriority, s);

  const done = new Map(ctx.escalationsDone.map((e) => [e.key, e]));
  const openCycles = new Set([...replay.firstResponse, ...replay.resolution].filter((c) => c.stop === null).map((c) => `${c.metric}#${String(c.index)}`));
  const pendingEscalations = escalationDecisions(replay).filter((d) => !done.has(d.key) && openCycles.has(`${d.metric}#${String(d.cycle)}`));

  let next = nextDeadline(replay);
  for (const d of pendingEscalations) if (next === null || d.crossedAt < next) next = d.crossedAt;
  const cycles = [...replay.firstResponse, ...replay.resolution];

  const trackedSince = ctx.trackedSince ?? ctx.now;
  const sent = new Set(ctx.communicationsDone.map((c) => c.key));
  const dueCommunications = communicationsCalledFor(s, replay, { isAgent, pauseStatuses: policy.pauseStatuses, closedStatuses, trackedSince }).filter((c) => !sent.has(c.key));

  const linkedChange = s.links.some((l) => l.other.kind === 'service-change-request');
  const closure: ClosureItem[] = [
    { id: 'resolution', rule: 'IN.2.5', label: 'a resolution', done: s.resolution !== null },
    { id: 'confirmation', rule: 'D12', label: 'a recorded confirmation by an affected party (the reporter or the customer contact)', done: confirmation !== null },
  ];
  if (sig.significant) {
    const why = sig.reasons.join(', ');
    const hint = s.missingFields?.includes('rootCause') ? { hint: 'this site has no "Root cause" field yet: run the setup wizard (Apps → Service delivery profile)' } : {};
    closure.push({ id: 'root-cause', rule: 'D13', label: `a root cause (significant impact: ${why})`, ...hint, done: (s.fields.rootCause ?? '').trim() !== '' });
    closure.push({ id: 'change-request', rule: 'D13', label: `a linked service change request for the mitigation or permanent fix (significant impact: ${why})`, done: linkedChange });
  }
  if (s.fields.majorIncident) {
    closure.push({ id: 'major-incident-manager', rule: 'D13', label: 'a named major incident manager', done: ctx.majorIncidentManager !== null });
    closure.push({ id: 'major-incident-report', rule: 'D13', label: 'a published major-incident report (INC-21, INC-22)', done: ctx.majorIncidentReport !== null });
  }

  const state: IncidentState = {
    priority: cls.ok
      ? { value: cls.priority, derived: true, text: cls.text, source: cls.source, matrixVersion: version, missing: [] }
      : { value: currentPriority, derived: false, text: cls.text, source: 'none', matrixVersion: version, missing: cls.reason === 'missing-input' ? cls.missing : [] },
    classification: {
      impact: s.fields.impact, urgency: s.fields.urgency, services: [...s.fields.services], cis: [...s.fields.cis],
      securityIncident: s.fields.securityIncident, majorIncident: s.fields.majorIncident, significant: sig.significant, significantReasons: sig.reasons,
    },
    sla: { policyVersion: version, agreement: agreement?.ref ?? null, evaluatedAt: isoInstant(ctx.now), cycles: cycles.map(cycleState) },
    escalations: [...ctx.escalationsDone].sort((a, b) => (a.crossedAt < b.crossedAt ? -1 : a.crossedAt > b.crossedAt ? 1 : a.key < b.key ? -1 : 1)),
    communications: [...ctx.communicationsDone].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.key < b.key ? -1 : 1)),
    majorIncidentManager: ctx.majorIncidentManager,
    majorIncidentReport: ctx.majorIncidentReport,
    trackedSince: isoInstant(trackedSince),
  };
  const yes = (b: boolean): YesNo => (b ? 'yes' : 'no');
  return {
    state,
    index: {
      nextDeadline: isoOf(next),
      breached: yes(cycles.some((c) => c.breached)),
      escalated: yes(ctx.escalationsDone.length > 0),
      paused: yes(cycles.some((c) => c.pausedNow)),
    },
    desiredPriority,
    replay,
    pendingEscalations,
    dueCommunications,
    closure,
  };
}
