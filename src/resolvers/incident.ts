import type Resolver from '@forge/resolver';
import { route } from '@forge/api';
import { z } from 'zod';
import {
  confirmationChannel, publishMajorIncidentReportRefusal, raiseChangeRefusal, recordConfirmationRefusal, takeMajorIncidentRefusal,
  type IncidentActionFacts, type IncidentActor,
} from '../domain/incident/actions';
import { agentTest, type IncidentEvaluation } from '../domain/incident/evaluate';
import { formatDuration, majorIncidentReport } from '../domain/incident/messages';
import type { Actor, LinkFact } from '../domain/incident/snapshot';
import { PRIORITIES } from '../domain/priority-matrix';
import { recordKindOf, type RecordKind } from '../domain/record-kind';
import { rolesHeldBy } from '../domain/roles';
import type { SlaCycle } from '../domain/sla/replay';
import { adfFromText } from '../jira/adf';
import { JiraRequestError, jiraFetch, jiraGet } from '../jira/client';
import { userSchema } from '../jira/schemas';
import { evaluate, now, readIncident, storeState, addComment, type LoadedIncident } from '../incidents/service';
import { loadIncidentRules, recordFacts, type IncidentFacts, type IncidentRules } from '../store/incident-store';
import { readIncidentState } from '../store/issue-state';
import { issueExtensionSchema, requireAccountId, ResolverInputError, type ResolverRequest } from './context';
import { answer, parsePayload, RefusedError } from './results';
import {
  incidentPayloads, type ClockView, type IncidentAnswers, type IncidentFunctionKey, type IncidentResult,
  type IncidentSection, type LinkView, type PersonRef,
} from './incident-contract';

/**
 * The incident part of the issue panel (issue #5 item 7) and its actions. The view is evaluated live from the
 * same GET of the issue the panel makes anyway, with the same rules as the trigger, so it is never behind the
 * stored state; actions check the viewer's role on the server (D6) and answer `{ ok, data | error }` (ADR 008).
 */

const PANEL_MODULE_KEY = 'sd-issue-panel';

export interface Viewer { accountId: string; displayName: string; accountType: string }

function clockView(c: SlaCycle): ClockView {
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  const state = c.stop !== null ? (c.breached ? 'breached' : 'met') : c.breached ? 'breached' : c.pausedNow ? 'paused' : 'running';
  return {
    metric: c.metric, cycle: c.index, state, priority: c.priority, clock: c.clock, targetMs: c.targetMs, elapsedMs: c.elapsedMs,
    remainingMs: c.remainingMs, dueAt: iso(c.dueAt), breachAt: iso(c.breachAt), start: iso(c.start) ?? '', stop: iso(c.stop), stopReason: c.stopReason,
  };
}

function linkView(l: LinkFact): LinkView {
  return { key: l.other.key, summary: l.other.summary, status: l.other.status, statusCategory: l.other.statusCategory, label: l.label, issueType: l.other.issueType };
}

/** Display names the issue already carries (reporter, assignee, authors), so the panel needs no user lookups. */
function namesOf(loaded: LoadedIncident, viewer: Viewer): Map<string, string> {
  const names = new Map<string, string>([[viewer.accountId, viewer.displayName]]);
  const add = (a: Actor | null) => { if (a?.displayName) names.set(a.accountId, a.displayName); };
  const s = loaded.snapshot;
  add(s.reporter);
  if (s.assignee) names.set(s.assignee.accountId, s.assignee.displayName);
  for (const h of s.history) add(h.author);
  for (const c of s.comments) add(c.author);
  if (loaded.facts.majorIncidentManager) names.set(loaded.facts.majorIncidentManager.accountId, loaded.facts.majorIncidentManager.displayName);
  return names;
}

/** The viewer as the action rules see them (D6, D11): agent or not, and their 29110 roles. */
function actorOf(rules: IncidentRules, viewer: Viewer): IncidentActor {
  const actor: Actor = { accountId: viewer.accountId, accountType: viewer.accountType === 'customer' || viewer.accountType === 'app' ? viewer.accountType : 'atlassian' };
  return { accountId: viewer.accountId, isAgent: agentTest(rules.roles)(actor), roles: new Set(rolesHeldBy(rules.roles ?? [], viewer.accountId).map((r) => r.code)) };
}

function actionFactsOf(loaded: LoadedIncident): IncidentActionFacts {
  return {
    reporterId: loaded.snapshot.reporter?.accountId ?? null,
    resolved: loaded.snapshot.resolution !== null,
    confirmed: loaded.facts.closure !== undefined,
    majorIncident: loaded.snapshot.fields.majorIncident,
    manager: loaded.facts.majorIncidentManager ?? null,
    reportPublished: loaded.facts.majorIncidentReport !== undefined,
  };
}

const decision = (refusal: string | null) => ({ allowed: refusal === null, reason: refusal });

export function incidentSection(loaded: LoadedIncident, ev: IncidentEvaluation, rules: IncidentRules, viewer: Viewer, at: number): IncidentSection {
  const s = loaded.snapshot;
  const st = ev.state;
  const names = namesOf(loaded, viewer);
  // Someone the issue does not name (an escalation recipient) is shown by their 29110 role: no user lookup needed.
  const byRole = (id: string) => { const held = rolesHeldBy(rules.roles ?? [], id).map((r) => r.name); return held.length ? `the ${held.join(' and ')}` : null; };
  const name = (id: string) => names.get(id) ?? byRole(id) ?? id;
  const actor = actorOf(rules, viewer);
  const facts = actionFactsOf(loaded);
  const resolution = ev.replay.resolution;
  const reporter: PersonRef | null = s.reporter ? { accountId: s.reporter.accountId, displayName: name(s.reporter.accountId) } : null;
  const confirmation = loaded.facts.closure ?? null;
  const major = s.fields.majorIncident;
  const manager = loaded.facts.majorIncidentManager ?? null;
  return {
    now: new Date(at).toISOString(),
    policy: { version: rules.policy.version, timeZone: rules.policy.policy.serviceHours.timeZone },
    priority: { value: st.priority.value, derived: st.priority.derived, text: st.priority.text, missing: st.priority.missing, impact: s.fields.impact, urgency: s.fields.urgency, jiraPriority: s.priority, syncPending: ev.desiredPriority !== null },
    classification: {
      services: st.classification.services, cis: st.classification.cis, securityIncident: st.classification.securityIncident,
      majorIncident: st.classification.majorIncident, significant: st.classification.significant, significantReasons: st.classification.significantReasons,
    },
    clocks: {
      firstResponse: ev.replay.firstResponse[0] ? clockView(ev.replay.firstResponse[0]) : null,
      resolution: resolution.length ? clockView(resolution[resolution.length - 1] as SlaCycle) : null,
      earlierCycles: resolution.slice(0, -1).map(clockView),
    },
    escalations: st.escalations.map((e) => ({
      key: e.key, crossedAt: e.crossedAt, escalatedAt: e.escalatedAt, notified: e.notified.map(name),
      label: `${e.metric === 'resolution' ? 'Resolution' : 'First response'} cycle ${String(e.cycle)}: ${e.thresholdId === 'management' ? 'escalated to management' : e.thresholdId} after ${formatDuration(e.afterMs)} (${e.priority})`,
    })),
    communications: st.communications,
    links: {
      changes: s.links.filter((l) => l.other.kind === 'service-change-request').map(linkView),
      problems: s.links.filter((l) => l.other.kind === 'problem').map(linkView),
      incidents: s.links.filter((l) => l.other.kind === 'incident').map(linkView),
    },
    closure: {
      items: ev.closure,
      confirmation: confirmation ? { confirmedBy: name(confirmation.confirmedBy), confirmedAt: confirmation.confirmedAt, how: confirmation.how ?? null, recordedBy: confirmation.recordedBy ? name(confirmation.recordedBy) : null } : null,
    },
    majorIncident: major ? { manager, reportPublishedAt: loaded.facts.majorIncidentReport?.publishedAt ?? null } : null,
    actions: {
      recordConfirmation: { ...decision(recordConfirmationRefusal(actor, facts, confirmationChannel(actor, facts, 'e-mail'))), party: reporter, asParty: actor.accountId === facts.reporterId },
      raiseChange: { ...decision(raiseChangeRefusal(actor)), issueType: rules.changeIssueType(s.projectKey) },
      takeMajorIncident: decision(takeMajorIncidentRefusal(actor, facts)),
      publishMajorIncidentReport: decision(publishMajorIncidentReportRefusal(actor, facts)),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Actions


interface Call { rules: IncidentRules; loaded: LoadedIncident; ev: IncidentEvaluation; viewer: Viewer; section: IncidentSection; at: number }

type Handler<K extends IncidentFunctionKey> = (payload: z.infer<(typeof incidentPayloads)[K]>, call: Call) => Promise<IncidentAnswers[K]>;

/** Mirrors the recorded facts into the property with a fresh evaluation. */
async function afterFacts(call: Call, facts: IncidentFacts): Promise<void> {
  const loaded = { ...call.loaded, facts };
  const previous = readIncidentState(loaded.stored);
  const ev = evaluate(loaded, call.rules, now(), { escalations: previous?.escalations ?? [], communications: previous?.communications ?? [] });
  await storeState(loaded.snapshot.key, loaded, ev);
}

const createdIssue = z.object({ id: z.string(), key: z.string() }).passthrough();

const handlers: { [K in IncidentFunctionKey]: Handler<K> } = {
  'incident.recordConfirmation': async ({ how }, call) => {
    const { loaded, viewer } = call;
    const actor = actorOf(call.rules, viewer);
    const facts = actionFactsOf(loaded);
    const channel = confirmationChannel(actor, facts, how);
    const refusal = recordConfirmationRefusal(actor, facts, channel);
    if (refusal) throw new RefusedError('refused', refusal);
    const party = facts.reporterId ?? '';
    const confirmedAt = new Date(call.at).toISOString();
    const recorded = await recordFacts(loaded.snapshot.id, (f) => ({
      ...f, closure: { confirmedBy: party, confirmedAt, how: channel, ...(viewer.accountId !== party ? { recordedBy: viewer.accountId } : {}) },
    }));
    await afterFacts(call, recorded);
    return { confirmedAt };
  },

  'incident.raiseChange': async ({ purpose, summary }, call) => {
    const { section, loaded } = call;
    const refusal = raiseChangeRefusal(actorOf(call.rules, call.viewer));
    if (refusal) throw new RefusedError('forbidden', refusal);
    const s = loaded.snapshot;
    const what = purpose === 'mitigation' ? 'Mitigation' : 'Permanent fix';
    const title = (summary ?? `${what} for ${s.key}: ${s.summary}`).slice(0, 250);
    const task = purpose === 'mitigation' ? 'IN.1.3 / IN.2.2 NOTE 2 (mitigating solution)' : 'IN.2.5 NOTE 2 (permanent fix)';
    const fields: Record<string, unknown> = {
      project: { key: s.projectKey },
      issuetype: { name: section.actions.raiseChange.issueType },
      summary: title,
      description: adfFromText(`${what} raised from incident ${s.key} "${s.summary}" (${task}).\n\nImpacted services: ${s.fields.services.join(', ') || 'none named'}\nImpacted CIs: ${s.fields.cis.join(', ') || 'none named'}\nRoot cause so far: ${(s.fields.rootCause ?? '').trim() || 'not recorded yet'}`),
    };
    const priority = section.priority.value;
    if (priority && (PRIORITIES as readonly string[]).includes(priority) && s.priority) fields.priority = { name: s.priority };
    if (loaded.fieldIds.affectedServices && s.fields.services.length) fields[loaded.fieldIds.affectedServices] = s.fields.services.map((value) => ({ value }));
    if (loaded.fieldIds.impactedCis && s.fields.cis.length) fields[loaded.fieldIds.impactedCis] = s.fields.cis;
    let created: z.infer<typeof createdIssue>;
    try {
      const res = await jiraFetch('user', route`/rest/api/3/issue`, { method: 'POST', body: { fields } });
      created = createdIssue.parse(await res.json());
    } catch (e) {
      if (e instanceof JiraRequestError && e.status < 500) throw new RefusedError('refused', `Jira refused to create the change request: ${e.messages.join(' ') || `HTTP ${String(e.status)}`}`);
      throw e;
    }
    await jiraFetch('user', route`/rest/api/3/issueLink`, { method: 'POST', body: { type: { name: 'Relates' }, inwardIssue: { key: created.key }, outwardIssue: { key: s.key } } });
    return { key: created.key };
  },

  'incident.takeMajorIncident': async (_p, call) => {
    const { loaded, viewer } = call;
    const refusal = takeMajorIncidentRefusal(actorOf(call.rules, viewer), actionFactsOf(loaded));
    if (refusal) throw new RefusedError('refused', refusal);
    const manager = { accountId: viewer.accountId, displayName: viewer.displayName, namedAt: new Date(call.at).toISOString() };
    const facts = await recordFacts(loaded.snapshot.id, (f) => (f.majorIncidentManager ? f : { ...f, majorIncidentManager: manager }));
    if (facts.majorIncidentManager?.accountId !== viewer.accountId) throw new RefusedError('refused', `${facts.majorIncidentManager?.displayName ?? 'Someone else'} took this major incident a moment ago (D13: one named manager).`);
    await afterFacts(call, facts);
    return { manager: { accountId: manager.accountId, displayName: manager.displayName } };
  },

  'incident.publishMajorIncidentReport': async (_p, call) => {
    const { loaded, viewer, ev } = call;
    const refusal = publishMajorIncidentReportRefusal(actorOf(call.rules, viewer), actionFactsOf(loaded));
    if (refusal) throw new RefusedError('refused', refusal);
    const text = majorIncidentReport(loaded.snapshot, ev, call.rules.policy.policy);
    const commentId = await addComment(loaded.snapshot.key, text, 'internal');
    const publishedAt = new Date(call.at).toISOString();
    const facts = await recordFacts(loaded.snapshot.id, (f) => ({ ...f, majorIncidentReport: { publishedAt, publishedBy: viewer.accountId, commentId } }));
    await afterFacts(call, facts);
    return { publishedAt };
  },
};

/** Reads and evaluates the incident for the viewer: asUser, so nobody acts on an issue Jira hides from them. */
/**
 * Reads the issue for the viewer and, when it is an incident, evaluates it. Another record (a change, an
 * agreement) is read once and not replayed: it has no incident part and no incident actions.
 */
export async function loadIncidentFor(issueKey: string, projectKey: string, viewer: Viewer, rules: IncidentRules, at: number): Promise<{ loaded: LoadedIncident; kind: RecordKind; incident: { ev: IncidentEvaluation; section: IncidentSection } | null }> {
  const loaded = await readIncident(issueKey, projectKey, rules, 'user');
  const kind = recordKindOf(loaded.issueType, rules.issueTypes);
  if (kind !== 'incident') return { loaded, kind, incident: null };
  const previous = readIncidentState(loaded.stored);
  const ev = evaluate(loaded, rules, at, { escalations: previous?.escalations ?? [], communications: previous?.communications ?? [] });
  return { loaded, kind, incident: { ev, section: incidentSection(loaded, ev, rules, viewer, at) } };
}

export function defineIncidentResolvers(resolver: Resolver): void {
  for (const key of Object.keys(incidentPayloads) as IncidentFunctionKey[]) {
    resolver.define(key, async (req: ResolverRequest): Promise<IncidentResult<IncidentAnswers[typeof key]>> => answer(key, async () => {
      requireAccountId(req.context);
      if (req.context.moduleKey !== PANEL_MODULE_KEY) throw new RefusedError('forbidden', `${key} answers the issue panel (${PANEL_MODULE_KEY}) only.`);
      const payload = parsePayload(incidentPayloads[key], req.payload);
      const extension = issueExtensionSchema.safeParse(req.context.extension);
      if (!extension.success) throw new ResolverInputError('context.extension: the issue panel context names no issue.');
      const at = now();
      const [rules, me] = await Promise.all([loadIncidentRules(at), jiraGet('user', route`/rest/api/3/myself`, userSchema)]);
      const viewer: Viewer = { accountId: me.accountId, displayName: me.displayName, accountType: me.accountType ?? 'atlassian' };
      const { loaded, incident } = await loadIncidentFor(extension.data.issue.key, extension.data.project.key, viewer, rules, at);
      if (!incident) throw new RefusedError('refused', `${loaded.snapshot.key} is a ${loaded.issueType}, not a service incident record (WP.18): ${key} does not apply to it.`);
      const { ev, section } = incident;
      const handler = handlers[key] as Handler<typeof key>;
      return handler(payload as z.infer<(typeof incidentPayloads)[typeof key]>, { rules, loaded, ev, viewer, section, at });
    }));
  }
}
