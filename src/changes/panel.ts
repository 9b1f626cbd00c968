import type { ChangeActionId, ChangeSection, DecisionView, MissingView, PersonRef, ScheduleFindingView } from '../contract/change';
import type { LinkView } from '../contract/incident';
import { isServiceTeam } from '../domain/access';
import { COMPONENT_KIND_WORDS } from '../domain/configuration/words';
import {
  approversOf, DECISION_STEP_LABELS, inWords, mayDecide, missingForStep, PATH_TEXT, pathOf, scheduleFindings, scheduleFindingWords, stageLabel, STEP_LABELS,
  type DecisionStep, type PathStep,
} from '../domain/change/path';
import { NEW_SERVICE_LABEL } from '../domain/change/snapshot';
import { profilePriorityOf } from '../domain/incident/priority-names';
import type { LinkFact } from '../domain/incident/snapshot';
import type { ScheduleFinding } from '../domain/change-rules';
import { classifyIncident } from '../domain/policy';
import { ROLES, type RoleCode } from '../domain/roles';
import type { IncidentRules } from '../store/rules';
import type { LoadedChange } from './load';

/**
 * The change part of the issue panel (issue #13, "The change panel"): what a Control Manager needs at a glance, from
 * the same rules the validator refuses transitions with. A viewer outside the service team sees no internals (D26).
 */

export interface ChangeViewer { accountId: string; displayName: string; accountType: string; roles: readonly RoleCode[]; rolesConfigured: boolean }

/** Display names the change already carries (people on the issue, in decisions): the panel needs no user lookups. */
export function namesOf(c: LoadedChange, viewer: ChangeViewer): Map<string, string> {
  const names = new Map<string, string>([[viewer.accountId, viewer.displayName]]);
  const s = c.snapshot;
  for (const p of [s.reporter, s.builder, s.deployer]) if (p) names.set(p.accountId, p.displayName);
  for (const h of c.issue.snapshot.history) if (h.author?.displayName) names.set(h.author.accountId, h.author.displayName);
  for (const d of c.evidence.decisions) if (d.by.accountId) names.set(d.by.accountId, d.by.displayName);
  if (c.record?.build) names.set(c.record.build.by.accountId, c.record.build.by.displayName);
  if (c.record?.deployment) names.set(c.record.deployment.by.accountId, c.record.deployment.by.displayName);
  return names;
}

const person = (p: { accountId: string; displayName: string }): PersonRef => ({ accountId: p.accountId, displayName: p.displayName });

function linkView(l: LinkFact): LinkView {
  return { key: l.other.key, summary: l.other.summary, status: l.other.status, statusCategory: l.other.statusCategory, label: l.label, issueType: l.other.issueType };
}

/** The decision step a step of the path is decided in (the panel's Approve / Reject). */
export function decisionStepOf(step: PathStep | null): DecisionStep | null {
  if (step === 'evaluate') return 'evaluate';
  if (step === 'design') return 'design';
  if (step === 'deploy-approval') return 'deploy';
  return null;
}

function decisionsView(c: LoadedChange, names: ReadonlyMap<string, string>): DecisionView[] {
  const type = c.type;
  return (c.record?.decisions ?? []).map((d) => {
    const signOff = d.role === 'CUS' || d.role === 'SUP';
    const verdict = !signOff && type ? mayDecide(c.snapshot, c.evidence, type, { accountId: d.by.accountId, roles: [d.role as RoleCode], step: d.step }, c.env) : { allowed: true as const };
    return {
      step: d.step, stepLabel: DECISION_STEP_LABELS[d.step], decision: d.decision, by: person({ accountId: d.by.accountId, displayName: names.get(d.by.accountId) ?? d.by.displayName }),
      role: ROLES[d.role as RoleCode].name, at: d.at, reason: d.reason, via: d.via, recordedBy: d.recordedBy ? person(d.recordedBy) : null, how: d.how,
      counted: verdict.allowed, notCountedBecause: verdict.allowed ? null : `${d.by.displayName} ${verdict.reasons.join(' and ')}.`,
    };
  });
}

function findingsView(c: LoadedChange): ScheduleFindingView[] {
  const type = c.type;
  if (!type) return [];
  // A finished or rejected change is not planned any more: its slot is history.
  if (c.snapshot.status.category === 'done' || c.evidence.deployment) return [];
  if (c.snapshot.plannedStart === null || c.snapshot.plannedEnd === null) {
    return type === 'Emergency' ? [] : [{ kind: 'not-scheduled', severity: 'warning', message: 'Not on the change schedule yet: set its planned start and end.', otherKey: null }];
  }
  const f = scheduleFindings(c.snapshot, type, c.env);
  const schedule = c.env.schedule;
  const words = (x: ScheduleFinding) => {
    const text = schedule ? scheduleFindingWords(x, schedule, type) : x.message;
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
  return [
    ...f.refusals.map((r) => ({ kind: r.kind, severity: 'refusal' as const, message: words(r), otherKey: r.changeKey ?? null })),
    // Overlaps are said once, below, by configuration item and service (D17, both panels flag them).
    ...f.warnings.filter((w) => w.kind !== 'overlap').map((w) => ({ kind: w.kind, severity: 'warning' as const, message: words(w), otherKey: w.changeKey ?? null })),
    ...c.context.conflicts.map((x) => ({
      kind: 'conflict' as const, severity: 'warning' as const, otherKey: x.otherKey,
      message: `${x.otherKey} is planned at an overlapping time on ${[...x.cis.map((id) => `configuration item ${id}`), ...x.services].join(', ')}.`,
    })),
  ];
}

/** The panel's actions for this viewer: allowed or not, and why not, in words. */
function actionsOf(c: LoadedChange, viewer: ChangeViewer, next: PathStep | null, rejected: boolean): ChangeSection['actions'] {
  const team = isServiceTeam(viewer);
  const roles = viewer.roles;
  const cmOrSm = roles.includes('CM') || roles.includes('SM');
  const off = (reason: string) => ({ allowed: false, reason });
  const on = { allowed: true, reason: null };
  const done = c.snapshot.status.category === 'done';
  const step = decisionStepOf(next);
  const decide = (() => {
    if (!c.type) return off('Set the change type first.');
    if (rejected) return off('The request was rejected; a new request is needed.');
    if (!step) return off(next ? `The next step is “${STEP_LABELS[next]}”, which is not an approval.` : 'Nothing is waiting for an approval.');
    const v = mayDecide(c.snapshot, c.evidence, c.type, { accountId: viewer.accountId, roles, step }, c.env);
    return v.allowed ? on : off(`You ${v.reasons.join(' and ')}.`);
  })();
  const map: Record<ChangeActionId, { allowed: boolean; reason: string | null }> = {
    decide,
    recordSignOff: !cmOrSm ? off('The Control Manager records a customer’s or supplier’s sign-off.') : c.type === 'Normal' ? on : off('Sign-offs belong to a normal change’s approvals.'),
    recordBuild: !team ? off('Only the service team records the build.') : c.evidence.build ? off('The build is recorded.') : rejected ? off('The request was rejected.') : on,
    publishTestReport: !team ? off('Only the service team publishes test reports.') : !c.evidence.build && c.type === 'Normal' ? off('Record the build first: the test report is of the built change.') : on,
    schedule: !team ? off('Only the service team schedules changes.') : done ? off('The change is finished.') : on,
    setConfigurationItems: !team ? off('Only the service team sets what a change touches.') : c.evidence.deployment ? off('The change is deployed; its configuration items are recorded.') : on,
    recordReview: !team ? off('Only the service team records the review.') : !c.evidence.deployment ? off('The review follows the deployment.') : c.evidence.review ? off('The review is recorded.') : on,
    designateTemplate: !roles.includes('CM') ? off('Only the Control Manager designates pre-approved changes.') : c.type !== 'Normal' ? off('Only a normal change that completed the full process can qualify a pre-approved template.') : on,
  };
  return map;
}

export function changeSection(c: LoadedChange, rules: IncidentRules, viewer: ChangeViewer, at: number): ChangeSection {
  const s = c.snapshot;
  const type = c.type;
  const names = namesOf(c, viewer);
  const team = isServiceTeam(viewer);
  const input = { snapshot: s, evidence: c.evidence, type, env: c.env };
  const path = pathOf(input);
  const nextMissing: MissingView[] = path.next ? missingForStep(input, path.next).map((m) => inWords(m, names)) : type ? [] : [inWords({ rule: 'CHG-01', what: 'a change type (Normal, Emergency or Pre-approved) on the request' }, names)];
  const decisionStep = decisionStepOf(path.next);
  const approvers = type && decisionStep ? approversOf(s, c.evidence, type, decisionStep, c.env, names) : null;
  const classification = classifyIncident(rules.policy.policy, rules.policy.version ?? 1, s.impact, s.urgency);
  const derived = classification.ok ? classification.priority : null;
  const rejection = (() => {
    if (!path.rejected) return null;
    const d = c.evidence.decisions.filter((x) => x.step === 'evaluate' && x.decision === 'rejected').at(-1);
    return d ? { by: person(d.by), at: d.at, reason: d.reason ?? '' } : null;
  })();
  const byKind = (kind: string) => s.links.filter((l) => l.other.kind === kind).map(linkView);
  const record = c.record;
  const section: ChangeSection = {
    audience: team ? 'team' : 'customer',
    now: new Date(at).toISOString(),
    type,
    typeLabel: type ? `${type} change` : 'Change type not set',
    pathText: type ? PATH_TEXT[type] : 'Set the change type (Normal, Emergency or Pre-approved) to see its path.',
    path: path.steps.map((p) => ({ step: p.step, label: STEP_LABELS[p.step], state: p.state, at: p.at, by: p.by ? person(p.by) : null })),
    stage: { statusName: s.status.name, label: stageLabel(s.status.name, s.status.category) },
    next: path.next ? { label: STEP_LABELS[path.next], missing: nextMissing } : !type ? { label: 'Change type', missing: nextMissing } : null,
    priority: {
      value: derived, impact: s.impact, urgency: s.urgency, jiraPriority: s.priority,
      text: classification.ok ? `${classification.impact} impact and ${classification.urgency} urgency make it ${classification.priority}, by the same matrix as incidents.` : 'Set impact and urgency to give the change its priority (the same matrix as incidents).',
      syncPending: derived !== null && profilePriorityOf(s.priority) !== derived && s.status.category !== 'done',
    },
    requester: s.reporter ? person(s.reporter) : null,
    builder: s.builder ? person(s.builder) : null,
    deployer: s.deployer ? person(s.deployer) : null,
    decisions: decisionsView(c, names),
    approvers: approvers && decisionStep ? { step: decisionStep, stepLabel: DECISION_STEP_LABELS[decisionStep], rule: approvers.rule, eligible: approvers.eligible.map(person), excluded: approvers.excluded.map((x) => ({ person: person(x.person), reason: x.reason })), signOffs: approvers.signOffs, why: approvers.why } : null,
    rejection,
    schedule: {
      plannedStart: s.plannedStart !== null ? new Date(s.plannedStart).toISOString() : null,
      plannedEnd: s.plannedEnd !== null ? new Date(s.plannedEnd).toISOString() : null,
      findings: findingsView(c),
      recorded: (record?.scheduleWarnings ?? []).map((w) => ({ at: w.at, message: recordedWarningWords(w) })),
      scheduleVersion: c.scheduleLabel,
    },
    services: s.services,
    configurationItems: s.cis.filter((id) => id !== NEW_SERVICE_LABEL).map((id) => {
      const item = c.context.configurationItems.get(id);
      return item
        ? { id, name: item.content.name, kind: COMPONENT_KIND_WORDS[item.content.kind], service: item.content.service, version: item.version, known: true }
        : { id, name: id, kind: null, service: null, version: null, known: false };
    }),
    newService: s.cis.includes(NEW_SERVICE_LABEL),
    plans: s.plans,
    evidence: {
      design: record?.design ? { approvedBy: person(record.design.approvedBy), at: record.design.at, procedureVersion: record.design.procedureVersion } : null,
      build: record?.build ? { by: person(record.build.by), at: record.build.at, status: record.build.status, notes: record.build.notes } : null,
      testReport: record?.testReport ? { summary: record.testReport.summary, outcome: record.testReport.outcome, levels: record.testReport.levels, errors: record.testReport.errors, performedBy: person(record.testReport.performedBy), publishedAt: record.testReport.publishedAt } : null,
      deployment: record?.deployment ? { by: person(record.deployment.by), at: record.deployment.at, configurationVersions: record.deployment.configurationVersions } : null,
      review: record?.review ? { by: person(record.review.by), at: record.review.at, outcome: record.review.outcome, emergencyJustified: record.review.emergencyJustified, notes: record.review.notes } : null,
    },
    template: record?.template ?? null,
    designatedAs: c.templates.filter((t) => t.qualifiedBy.issueId === s.id).map((t) => ({ id: t.id, name: t.name, designatedAt: t.designatedAt })),
    links: { incidents: byKind('incident'), problems: byKind('problem'), changes: byKind('service-change-request') },
    procedures: {
      designBuildTestDeploy: c.procedures.designBuildTestDeploy !== null ? `Version ${c.procedures.designBuildTestDeploy}, approved` : null,
      secureComponent: c.procedures.secureComponent !== null ? `Version ${c.procedures.secureComponent}, approved` : null,
    },
    actions: actionsOf(c, viewer, path.next, path.rejected),
    why: 'Service control CO.1–CO.3; D3, D7, D15–D17; WP.11, WP.12, WP.13, WP.16, WP.20; CHG-11.',
  };
  return team ? section : customerSection(section);
}

/** A recorded emergency warning in words (its kind is the start of its key; the stored text is the gate's). */
function recordedWarningWords(w: { key: string; message: string }): string {
  const kind = w.key.slice(0, w.key.indexOf(':'));
  if (kind === 'outside-window') return 'Planned outside every change or maintenance window (an emergency change is warned, not refused).';
  if (kind === 'freeze') {
    const name = /“([^”]+)”|"([^"]+)"/.exec(w.message)?.slice(1).find(Boolean);
    return `Planned inside ${name ? `the freeze “${name}”` : 'a freeze'} (an emergency change is warned, not refused).`;
  }
  return inWords({ rule: 'D17', what: w.message }, new Map()).label;
}

/** D26: a customer sees the change's type, status and schedule slot, nothing internal. */
function customerSection(full: ChangeSection): ChangeSection {
  const none = { allowed: false, reason: 'Only the service team acts on a change request.' };
  return {
    ...full,
    audience: 'customer', next: null, decisions: [], approvers: null, rejection: null, requester: null, builder: null, deployer: null,
    schedule: { ...full.schedule, findings: [], recorded: [], scheduleVersion: null },
    configurationItems: [], newService: false, plans: { implementation: false, test: false, backOut: false, businessImpact: false },
    evidence: { design: null, build: null, testReport: null, deployment: null, review: null }, designatedAs: [],
    links: { incidents: [], problems: [], changes: [] }, procedures: { designBuildTestDeploy: null, secureComponent: null },
    actions: Object.fromEntries(Object.keys(full.actions).map((k) => [k, none])) as ChangeSection['actions'],
    why: '',
  };
}

