import type { ClockView, IncidentAudience, IncidentSection, LinkView, PersonRef } from '../contract/incident';
import type { IssuePanelView } from '../contract/views';
import { isServiceTeam } from '../domain/access';
import {
  changeTypeForIncidentChange, confirmationChannel, confirmingParty, problemRefusal, publishMajorIncidentReportRefusal, raiseChangeRefusal, recordConfirmationRefusal, recordRootCauseRefusal,
  takeMajorIncidentRefusal, type IncidentActionFacts, type IncidentActor,
} from '../domain/incident/actions';
import { agentTest, customerClosureItems, type IncidentEvaluation } from '../domain/incident/evaluate';
import { escalationText, personText } from '../domain/incident/messages';
import { profilePriorityOf } from '../domain/incident/priority-names';
import { DEFAULT_PROFILE_CONFIG } from '../domain/profile-config';
import { PROFILE_CONFIG, SITE_MAPPING } from '../store/documents';
import { loadDocument } from '../store/work-product-store';
import type { Actor, LinkFact } from '../domain/incident/snapshot';
import { rolesHeldBy, type RoleCode } from '../domain/roles';
import type { SlaCycle } from '../domain/sla/replay';
import type { IncidentFacts } from '../store/incident-records';
import { loadIncidentRules, mappedIssueType, type IncidentRules } from '../store/rules';
import { changeOf } from '../changes/load';
import { changeSection } from '../changes/panel';
import { agreementSection, isAgreementKind } from '../relationship/agreements';
import { satisfactionView } from '../relationship/feedback';
import { loadIssue, type LoadedIssue } from './load';
import { evaluate, loadMemory, type IncidentMemory } from './pipeline';

/**
 * The issue panel's view of a record (issue #5 item 7): read asUser (nobody sees through the app what Jira hides from
 * them) and, for an incident, evaluated live with the same rules as the trigger, from the same facts in app storage,
 * so it is never behind. D26: a viewer outside the service team sees their record as a customer does.
 */

/** PRB-12: whether problem records are part of the profile here (the module is on, or the project maps a Problem type). */
export interface ProblemSetup { enabled: boolean; issueType: string }

export async function loadProblemSetup(projectKey: string): Promise<ProblemSetup> {
  const [config, mapping] = await Promise.all([loadDocument(PROFILE_CONFIG), loadDocument(SITE_MAPPING)]);
  const mapped = mappedIssueType(mapping.current?.content.projects ?? [], projectKey, 'problem');
  const moduleOn = (config.current?.content ?? DEFAULT_PROFILE_CONFIG).modules.problem;
  return { enabled: moduleOn || mapped !== null, issueType: mapped ?? 'Problem' };
}

export interface Viewer { accountId: string; displayName: string; accountType: string; roles: readonly RoleCode[]; rolesConfigured: boolean }

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
function namesOf(issue: LoadedIssue, facts: IncidentFacts, viewer: Viewer): Map<string, string> {
  const names = new Map<string, string>([[viewer.accountId, viewer.displayName]]);
  const add = (a: Actor | null) => { if (a?.displayName) names.set(a.accountId, a.displayName); };
  const s = issue.snapshot;
  add(s.reporter);
  if (s.assignee) names.set(s.assignee.accountId, s.assignee.displayName);
  for (const h of s.history) add(h.author);
  for (const c of s.comments) add(c.author);
  if (facts.majorIncidentManager) names.set(facts.majorIncidentManager.accountId, facts.majorIncidentManager.displayName);
  if (facts.closure?.confirmedByName && !names.has(facts.closure.confirmedBy)) names.set(facts.closure.confirmedBy, facts.closure.confirmedByName);
  return names;
}

/** The viewer as the action rules see them (D6, D11): agent or not, and their 29110 roles. */
export function actorOf(rules: IncidentRules, viewer: Viewer): IncidentActor {
  const actor: Actor = { accountId: viewer.accountId, accountType: viewer.accountType === 'customer' || viewer.accountType === 'app' ? viewer.accountType : 'atlassian' };
  return { accountId: viewer.accountId, isAgent: agentTest(rules.roles)(actor), roles: new Set(viewer.roles) };
}

export function actionFactsOf(issue: LoadedIssue, facts: IncidentFacts, rules: IncidentRules): IncidentActionFacts {
  return {
    reporterId: issue.snapshot.reporter?.accountId ?? null,
    contacts: rules.policyFor(issue.snapshot).agreement?.contacts ?? [],
    resolved: issue.snapshot.resolution !== null,
    confirmed: facts.closure !== undefined,
    majorIncident: issue.snapshot.fields.majorIncident,
    manager: facts.majorIncidentManager ?? null,
    reportPublished: facts.majorIncidentReport !== undefined,
  };
}

const decision = (refusal: string | null) => ({ allowed: refusal === null, reason: refusal });
const hidden = { allowed: false, reason: null };

export function incidentSection(issue: LoadedIssue, facts: IncidentFacts, ev: IncidentEvaluation, rules: IncidentRules, viewer: Viewer, at: number, problems: ProblemSetup = { enabled: false, issueType: 'Problem' }): IncidentSection {
  const s = issue.snapshot;
  const st = ev.state;
  const audience: IncidentAudience = isServiceTeam(viewer) ? 'team' : 'customer';
  const team = audience === 'team';
  const names = namesOf(issue, facts, viewer);
  // Someone the issue does not name (an escalation recipient) is shown with their 29110 role: no user lookup needed.
  const rolesOf = (id: string) => rolesHeldBy(rules.roles ?? [], id).map((r) => r.name);
  const name = (id: string) => names.get(id) ?? personText({ name: null, roles: rolesOf(id) });
  // Each person notified with their own role ("Ines Kowalski (Incident Manager)"), never a role beside another name.
  const notifiedPerson = (id: string) => personText({ name: names.get(id) ?? null, roles: rolesOf(id) });
  const actor = actorOf(rules, viewer);
  const actionFacts = actionFactsOf(issue, facts, rules);
  const inForce = rules.policyFor(s);
  const partyId = confirmingParty(actor, actionFacts);
  const resolution = ev.replay.resolution;
  const party: PersonRef | null = partyId ? { accountId: partyId, displayName: partyId === viewer.accountId ? viewer.displayName : name(partyId) } : null;
  const confirmation = facts.closure ?? null;
  const manager = facts.majorIncidentManager ?? null;
  return {
    audience,
    now: new Date(at).toISOString(),
    policy: { version: rules.policy.version, timeZone: inForce.policy.serviceHours.timeZone },
    agreement: inForce.agreement ? { ...inForce.agreement.ref } : null,
    priority: { value: st.priority.value, derived: st.priority.derived, text: st.priority.text, missing: st.priority.missing, impact: s.fields.impact, urgency: s.fields.urgency, jiraPriority: s.priority, jiraPriorityMeans: profilePriorityOf(s.priority), syncPending: ev.desiredPriority !== null },
    classification: team ? {
      services: st.classification.services, cis: st.classification.cis, securityIncident: st.classification.securityIncident,
      majorIncident: st.classification.majorIncident, significant: st.classification.significant, significantReasons: st.classification.significantReasons,
    } : null,
    clocks: {
      firstResponse: ev.replay.firstResponse[0] ? clockView(ev.replay.firstResponse[0]) : null,
      resolution: resolution.length ? clockView(resolution[resolution.length - 1] as SlaCycle) : null,
      earlierCycles: resolution.slice(0, -1).map(clockView),
    },
    escalations: team ? st.escalations.map((e) => ({
      key: e.key, crossedAt: e.crossedAt, escalatedAt: e.escalatedAt, notified: e.notified.map(notifiedPerson), priority: e.priority,
      label: `${escalationText(e)}${e.cycle > 1 ? ` (after reopening, cycle ${String(e.cycle)})` : ''}`,
    })) : null,
    communications: st.communications,
    links: team ? {
      changes: s.links.filter((l) => l.other.kind === 'service-change-request').map(linkView),
      problems: s.links.filter((l) => l.other.kind === 'problem').map(linkView),
      incidents: s.links.filter((l) => l.other.kind === 'incident').map(linkView),
    } : null,
    closure: {
      items: team ? ev.closure : customerClosureItems(ev.closure),
      confirmation: confirmation ? { confirmedBy: name(confirmation.confirmedBy), confirmedAt: confirmation.confirmedAt, how: confirmation.how ?? null, recordedBy: confirmation.recordedBy ? name(confirmation.recordedBy) : null } : null,
    },
    rootCause: team ? { value: (s.fields.rootCause ?? '').trim() || null, fieldMapped: issue.fieldIds.rootCause !== undefined } : null,
    majorIncident: team && s.fields.majorIncident ? { manager, reportPublishedAt: facts.majorIncidentReport?.publishedAt ?? null } : null,
    actions: {
      recordConfirmation: { ...decision(recordConfirmationRefusal(actor, actionFacts, confirmationChannel(actor, actionFacts, 'e-mail'))), party, asParty: actor.accountId === partyId },
      raiseChange: {
        ...(team ? decision(raiseChangeRefusal(actor)) : hidden),
        issueType: rules.changeIssueType(s.projectKey),
        changeTypes: {
          mitigation: changeTypeForIncidentChange('mitigation', { priority: st.priority.value, majorIncident: s.fields.majorIncident }),
          'permanent-fix': changeTypeForIncidentChange('permanent-fix', { priority: st.priority.value, majorIncident: s.fields.majorIncident }),
        },
      },
      takeMajorIncident: team ? decision(takeMajorIncidentRefusal(actor, actionFacts)) : hidden,
      publishMajorIncidentReport: team ? decision(publishMajorIncidentReportRefusal(actor, actionFacts)) : hidden,
      recordRootCause: team ? decision(recordRootCauseRefusal(actor, { mapped: issue.fieldIds.rootCause !== undefined, projectKey: s.projectKey })) : hidden,
      // The same agents as the root cause (D11), on the same kind of site field (the wizard's Impacted CIs).
      setConfigurationItems: !team ? hidden : !actor.isAgent ? decision('Only the people who work incidents name the configuration items they affect.')
        : issue.fieldIds.impactedCis === undefined ? decision('This site has no Impacted CIs field: an administrator runs the setup wizard to add it.') : decision(null),
      problem: team && problems.enabled
        ? { enabled: true, ...decision(problemRefusal(actor, true)), issueType: problems.issueType }
        : { enabled: false, ...hidden, issueType: problems.issueType },
    },
  };
}

export interface PanelIncident { issue: LoadedIssue; memory: IncidentMemory; ev: IncidentEvaluation; problems: ProblemSetup; section: IncidentSection }

/** Reads the issue for the viewer and, when it is an incident, evaluates it (nothing is written). */
export async function readForViewer(issueKey: string, projectKey: string, viewer: Viewer, rules: IncidentRules, at: number): Promise<{ issue: LoadedIssue | null; incident: PanelIncident | null }> {
  const [issue, problems] = await Promise.all([loadIssue(issueKey, projectKey, rules, 'user'), loadProblemSetup(projectKey)]);
  if (!issue || issue.kind !== 'incident') return { issue, incident: null };
  const memory = await loadMemory(issue.snapshot.id);
  const trackedSince = memory.record ? Date.parse(memory.record.trackedSince) : at;
  const ev = evaluate(issue, memory, rules, trackedSince, at);
  const s = issue.snapshot;
  // Issue #14: the satisfaction rating at closure, from app storage (no Jira call: the panel keeps its budget).
  const satisfaction = await satisfactionView({ issueId: s.id, issueKey: s.key, reporter: s.reporter ? { accountId: s.reporter.accountId, displayName: s.reporter.displayName ?? s.reporter.accountId } : null, resolved: s.resolution !== null, contactIds: [...(rules.policyFor(s).agreement?.contacts ?? [])] }, viewer);
  return { issue, incident: { issue, memory, ev, problems, section: { ...incidentSection(issue, memory.facts, ev, rules, viewer, at, problems), satisfaction } } };
}

/** `issuePanel.load`: the record, the viewer's roles, and the incident part for an incident. */
export async function issuePanelView(issueKey: string, projectKey: string, viewer: Viewer, at: number): Promise<IssuePanelView | null> {
  const rules = await loadIncidentRules(at);
  const { issue, incident } = await readForViewer(issueKey, projectKey, viewer, rules, at);
  if (!issue) return null;
  const change = issue.kind === 'service-change-request' ? changeSection(await changeOf(issue, rules, at, 'user'), rules, viewer, at) : null;
  const s = issue.snapshot;
  // Issue #14: an agreement's part (WP.03, WP.21), from app storage; no "priority" is shown for it.
  const agreement = isAgreementKind(issue.kind) ? await agreementSection({ id: s.id, key: s.key, summary: s.summary }, issue.kind, viewer, at) : null;
  return {
    issue: {
      id: s.id, key: s.key, summary: s.summary,
      issueType: { id: issue.issueTypeId, name: issue.issueType },
      status: { name: s.status.name, categoryKey: s.status.category },
      priority: s.priority !== null ? { name: s.priority } : null,
    },
    kind: issue.kind,
    viewer: { accountId: viewer.accountId, displayName: viewer.displayName, roles: rolesHeldBy(rules.roles ?? [], viewer.accountId).map((r) => ({ code: r.code, name: r.name })) },
    rolesConfigured: rules.roles !== null,
    incident: incident?.section ?? null,
    change,
    agreement,
  };
}
