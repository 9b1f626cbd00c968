import { randomUUID } from 'node:crypto';
import type { ChangeAnswers, ChangeFunctionKey } from '../contract/change';
import type { FunctionKey, PayloadOf } from '../contract/functions';
import {
  DECISION_STEP_LABELS, inWords, mayDecide, scheduleFindingWords, missingForStep, pathOf, scheduleFindings, STEP_LABELS, type ChangeEvidence, type DecisionFact, type DecisionStep, type GateInput, type PathStep,
} from '../domain/change/path';
import { NEW_SERVICE_LABEL, type ChangeSnapshot } from '../domain/change/snapshot';
import { validateTemplateDesignation } from '../domain/change-rules';
import { Refusal } from '../domain/refusal';
import type { RoleCode } from '../domain/roles';
import { changeFieldIds } from '../jira/change-snapshot';
import { editIssueAsUser } from '../jira/issues';
import { updateChangeRecord, type ChangeRecordContent } from '../store/change-records';
import { designateTemplate } from '../store/change-templates';
import { loadIncidentRules, type IncidentRules } from '../store/rules';
import type { Call } from '../resolvers/surface';
import { checkConfigurationItems, loadChangeContext } from './context';
import { changeFactsOfLoaded, evidenceOf, loadChange, type LoadedChange } from './load';
import { moveTo, type MoveOutcome } from './move';
import { changeSection, decisionStepOf, namesOf, type ChangeViewer } from './panel';

/**
 * The change panel's actions (CO.2.1–CO.3.5, D7, D15, D17; ADR 014). Each reads the change as the caller, asks the
 * domain whether this person may do this now, records what they did in app storage (the evidence), and moves Jira's
 * status to match where the workflow has such a status (the validator checks the same gate). Every answer carries the
 * fresh section, so the panel shows what is now true.
 */

export type ChangeActionRequest = { [K in ChangeFunctionKey]: { kind: K extends `change.${infer A}` ? A : never; payload: PayloadOf<K> } }[ChangeFunctionKey];

type Answer = ChangeAnswers[ChangeFunctionKey];

interface Ctx { rules: IncidentRules; change: LoadedChange; viewer: ChangeViewer; now: number; at: string; me: { accountId: string; displayName: string } }

function viewerOf(call: Call<FunctionKey>): ChangeViewer {
  const c = call.caller;
  return { accountId: c.accountId, displayName: c.displayName, accountType: c.accountType, roles: c.roles, rolesConfigured: c.rolesConfigured };
}

const refuse = (message: string): never => { throw new Refusal('refused', message); };

function listInWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join('; ')}; and ${items.at(-1) ?? ''}`;
}

/** A gate's missing items as one sentence, the rule ids once at the end for the assessor. */
export function missingSentence(change: LoadedChange, items: ReturnType<typeof missingForStep>, names: ReadonlyMap<string, string>): string {
  const words = items.map((m) => inWords(m, names));
  const why = [...new Set(words.flatMap((w) => w.why.split(', ')))].join(', ');
  return `${listInWords(words.map((w) => w.label.charAt(0).toLowerCase() + w.label.slice(1)))}. (${why})`;
}

function gateOf(change: LoadedChange, evidence?: ChangeEvidence, snapshot?: ChangeSnapshot): GateInput {
  return { snapshot: snapshot ?? change.snapshot, evidence: evidence ?? change.evidence, type: change.type, env: change.env };
}

async function record(ctx: Ctx, edit: (r: ChangeRecordContent) => ChangeRecordContent | undefined): Promise<ChangeRecordContent> {
  const s = ctx.change.snapshot;
  const out = await updateChangeRecord({ issueId: s.id, issueKey: s.key, projectKey: s.projectKey }, edit);
  return out.record;
}

function moved(outcome: MoveOutcome, target: string): string {
  if (outcome.moved) return ` It is now “${outcome.to}”.`;
  if (outcome.reason) return ` Jira kept its status: ${outcome.reason}`;
  return ` Move it to “${target}” when it is ready.`;
}

/** D7, ROL-11 and the step's own gate: may the caller decide this step of this change now? */
function decideChecks(ctx: Ctx, step: DecisionStep, decision: 'approved' | 'rejected'): { pathStep: PathStep } {
  const c = ctx.change;
  if (!c.type) refuse('Set the change type (Normal, Emergency or Pre-approved) first: who approves depends on it.');
  const type = c.type!;
  const path = pathOf(gateOf(c));
  if (path.rejected) refuse('The request was rejected. A rejected request does not move on; raise a new one.');
  const pending = decisionStepOf(path.next);
  if (pending !== step) {
    if (pending) refuse(`The step waiting for a decision is the ${DECISION_STEP_LABELS[pending]}, not the ${DECISION_STEP_LABELS[step]}.`);
    const order: PathStep[] = ['evaluate', 'design', 'build', 'test', 'deploy-approval', 'deploy', 'review', 'close'];
    const stepAt = order.indexOf(step === 'evaluate' ? 'evaluate' : step === 'design' ? 'design' : 'deploy-approval');
    if (path.next && order.indexOf(path.next) < stepAt) {
      const missing = missingForStep(gateOf(c), path.next);
      refuse(`The ${DECISION_STEP_LABELS[step]} comes after “${STEP_LABELS[path.next]}”, which still needs: ${missingSentence(c, missing, namesOf(c, ctx.viewer))}`);
    }
    refuse(`Nothing on this ${type.toLowerCase()} change waits for the ${DECISION_STEP_LABELS[step]} now.`);
  }
  const may = mayDecide(c.snapshot, c.evidence, type, { accountId: ctx.viewer.accountId, roles: ctx.viewer.roles, step }, c.env);
  if (!may.allowed) refuse(`You cannot decide the ${DECISION_STEP_LABELS[step]} of ${c.snapshot.key}: you ${may.reasons.join(' and ')}. (D7, ROL-11)`);
  const pathStep: PathStep = step === 'evaluate' ? 'evaluate' : step === 'design' ? 'design' : 'deploy-approval';
  if (decision === 'approved') {
    // Everything else the step needs must hold before the approval (D3): documentation, configuration items (CO-06),
    // the schedule (D17). Customer and supplier sign-offs may follow the Control Manager's decision.
    const role = pickRole(ctx.viewer.roles, type, step);
    const probe: DecisionFact = { id: 'probe', step, decision, by: ctx.me, role, at: ctx.at, reason: null, via: 'app' };
    const withDecision: ChangeEvidence = {
      ...c.evidence, decisions: [...c.evidence.decisions, probe],
      design: step === 'design' ? { approvedBy: ctx.me, at: ctx.at } : c.evidence.design,
    };
    const missing = missingForStep(gateOf(c, withDecision), pathStep).filter((m) => !/sign-off/.test(m.what));
    if (missing.length) refuse(`${c.snapshot.key} cannot be approved yet. Still needed: ${missingSentence(c, missing, namesOf(c, ctx.viewer))}`);
  }
  return { pathStep };
}

function pickRole(roles: readonly RoleCode[], type: string, step: DecisionStep): RoleCode {
  if (roles.includes('CM')) return 'CM';
  if (type === 'Emergency' && step === 'evaluate' && roles.includes('SM')) return 'SM';
  return roles[0] ?? 'CM';
}

async function decide(ctx: Ctx, p: PayloadOf<'change.decide'>): Promise<string> {
  const c = ctx.change;
  const { pathStep } = decideChecks(ctx, p.step, p.decision);
  const role = pickRole(ctx.viewer.roles, c.type ?? 'Normal', p.step);
  const warnings = c.type === 'Emergency' && p.decision === 'approved' ? scheduleFindings(c.snapshot, 'Emergency', c.env).warnings : [];
  await record(ctx, (r) => ({
    ...r,
    decisions: [...r.decisions, { id: randomUUID(), step: p.step, decision: p.decision, by: ctx.me, role, at: ctx.at, reason: p.reason ?? null, via: 'app', recordedBy: null, how: null }],
    design: p.step === 'design' && p.decision === 'approved' ? { approvedBy: ctx.me, at: ctx.at, procedureVersion: c.procedures.designBuildTestDeploy } : r.design,
    // CO.3.2: the approval to deploy makes the built change Final.
    build: p.step === 'deploy' && p.decision === 'approved' && r.build ? { ...r.build, status: 'Final', finalAt: ctx.at } : r.build,
    scheduleWarnings: mergeWarnings(r.scheduleWarnings, warnings.map((w) => ({ at: ctx.at, message: w.message, key: `${w.kind}:${w.periodId ?? w.changeKey ?? ''}` }))),
  }));
  const label = DECISION_STEP_LABELS[p.step];
  if (p.decision === 'rejected') {
    const out = p.step === 'evaluate' ? await moveTo(c.snapshot.key, 'reject', 'user') : { moved: false as const, reason: null };
    return `You rejected the ${label} of ${c.snapshot.key}: “${p.reason ?? ''}”.${p.step === 'evaluate' ? moved(out, 'Rejected') : ''}`;
  }
  // The service design approved, the build may start ("In build", CO-08).
  const target = pathStep;
  const out = await moveTo(c.snapshot.key, target, 'user');
  const warned = warnings.length ? ` The schedule warning is recorded: ${warnings.map((w) => (c.env.schedule ? scheduleFindingWords(w, c.env.schedule, 'Emergency') : w.message)).join(' ')}` : '';
  return `You gave the ${label} of ${c.snapshot.key}.${out.moved || out.reason ? moved(out, STEP_LABELS[target]) : ''}${warned}`;
}

function mergeWarnings<T extends { key: string }>(existing: T[], added: T[]): T[] {
  const keys = new Set(existing.map((w) => w.key));
  return [...existing, ...added.filter((w) => !keys.has(w.key))];
}

async function recordSignOff(ctx: Ctx, p: PayloadOf<'change.recordSignOff'>): Promise<string> {
  const c = ctx.change;
  if (c.type !== 'Normal') refuse('Customer and supplier sign-offs belong to a normal change’s approvals.');
  const after = await record(ctx, (r) => ({
    ...r,
    decisions: [...r.decisions, { id: randomUUID(), step: p.step, decision: p.decision, by: { accountId: '', displayName: p.name }, role: p.party, at: ctx.at, reason: null, via: 'app', recordedBy: ctx.me, how: p.how }],
  }));
  const party = p.party === 'CUS' ? 'customer' : 'supplier';
  // ADR 014: a sign-off recorded after the Control Manager's decision may complete the step's gate; Jira's status follows
  // then, as after any action that completes a step (the validator checks the same gate).
  const target: PathStep | null = p.step === 'evaluate' ? 'evaluate' : p.step === 'deploy' ? 'deploy-approval' : null;
  const complete = p.decision === 'approved' && target !== null && decisionStepOf(pathOf(gateOf(c)).next) === p.step && missingForStep(gateOf(c, evidenceOf(after)), target).length === 0;
  const out = complete ? await moveTo(c.snapshot.key, target, 'user') : null;
  return `Recorded the ${party}’s ${p.decision === 'approved' ? 'sign-off' : 'refusal'} of the ${DECISION_STEP_LABELS[p.step]}: ${p.name} (${p.how}).${out && (out.moved || out.reason) ? moved(out, STEP_LABELS[target!]) : ''}`;
}

async function recordBuild(ctx: Ctx, p: PayloadOf<'change.recordBuild'>): Promise<string> {
  const c = ctx.change;
  if (c.evidence.build) refuse(`The build of ${c.snapshot.key} is already recorded.`);
  const path = pathOf(gateOf(c));
  if (path.rejected) refuse('The request was rejected; nothing is built for it.');
  if (c.type === 'Normal') {
    const missing = missingForStep(gateOf(c), 'design');
    if (missing.length) refuse(`${c.snapshot.key} cannot be built yet (a build starts from an approved service design). Still needed: ${missingSentence(c, missing, namesOf(c, ctx.viewer))}`);
  } else if (c.type === 'Emergency' && !path.steps.find((x) => x.step === 'evaluate' && x.state === 'done')) {
    refuse('An emergency change is built after its approval by the Control Manager or the Service Manager.');
  }
  await record(ctx, (r) => (r.build ? undefined : { ...r, build: { by: ctx.me, at: ctx.at, status: 'Initial', notes: p.notes ?? null, finalAt: null } }));
  const out = c.type === 'Normal' ? await moveTo(c.snapshot.key, 'build', 'user') : { moved: false as const, reason: null };
  return `Recorded the built change (Initial).${c.type === 'Normal' ? moved(out, 'In test') : ''}`;
}

async function publishTestReport(ctx: Ctx, p: PayloadOf<'change.publishTestReport'>): Promise<string> {
  const c = ctx.change;
  if (c.type === 'Normal' && !c.evidence.build) refuse('Record the build first: the test report is of the built change.');
  await record(ctx, (r) => ({ ...r, testReport: { summary: p.summary, outcome: p.outcome, levels: p.levels, errors: p.errors ?? null, performedBy: ctx.me, publishedAt: ctx.at } }));
  return p.outcome === 'pass'
    ? `Published the test report: pass. The change may now be approved to deploy.`
    : 'Published the test report: fail. The change cannot be approved to deploy until a passing report is published.';
}

async function schedule(ctx: Ctx, p: PayloadOf<'change.schedule'>): Promise<string> {
  const c = ctx.change;
  if (!c.type) refuse('Set the change type first: the schedule treats normal and emergency changes differently.');
  const start = Date.parse(p.plannedStart);
  const end = Date.parse(p.plannedEnd);
  const planned: ChangeSnapshot = { ...c.snapshot, plannedStart: start, plannedEnd: end };
  // D17 is checked against the schedule around the new slot (its windows, freezes and the changes planned then), not the
  // one loaded around the change's current slot: a change not yet planned has no periods expanded at all.
  const around = await loadChangeContext(planned, ctx.now, 'user');
  const env = { ...c.env, schedule: around.schedule };
  const findings = scheduleFindings(planned, c.type!, env);
  if (findings.refusals.length) {
    refuse(`${c.snapshot.key} cannot be planned then: it would be ${findings.refusals.map((r) => (env.schedule ? scheduleFindingWords(r, env.schedule, c.type!) : r.message)).join(' ')} (D17)`);
  }
  const ids = changeFieldIds(ctx.rules.fieldIds(c.snapshot.projectKey), c.issue.raw.names);
  if (!ids.plannedStart || !ids.plannedEnd) refuse('This site has no Planned start and Planned end fields: an administrator runs the setup wizard to add them.');
  const jiraTime = (t: number) => new Date(t).toISOString().replace('Z', '+0000');
  await editIssueAsUser(c.snapshot.key, { [ids.plannedStart!]: jiraTime(start), [ids.plannedEnd!]: jiraTime(end) });
  if (c.type === 'Emergency' && findings.warnings.length) {
    await record(ctx, (r) => ({ ...r, scheduleWarnings: mergeWarnings(r.scheduleWarnings, findings.warnings.map((w) => ({ at: ctx.at, message: w.message, key: `${w.kind}:${w.periodId ?? w.changeKey ?? ''}` }))) }));
  }
  const warned = findings.warnings.length ? ` Warning${findings.warnings.length > 1 ? 's' : ''}: ${findings.warnings.map((w) => (env.schedule ? scheduleFindingWords(w, env.schedule, c.type!) : w.message)).join(' ')}${c.type === 'Emergency' ? ' (recorded)' : ''}` : '';
  return `Placed ${c.snapshot.key} on the change schedule.${warned}`;
}

async function setConfigurationItems(ctx: Ctx, p: PayloadOf<'change.setConfigurationItems'>): Promise<string> {
  const c = ctx.change;
  if (c.evidence.deployment) refuse('The change is deployed; the configuration items it touched are recorded.');
  const unknown = await checkConfigurationItems(p.ids);
  if (unknown.length) refuse(`${unknown.join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not a configuration record. Pick items from the configuration records (CO-06).`);
  const ids = changeFieldIds(ctx.rules.fieldIds(c.snapshot.projectKey), c.issue.raw.names);
  if (!ids.impactedCis) refuse('This site has no Impacted CIs field: an administrator runs the setup wizard to add it.');
  const labels = [...new Set([...p.ids, ...(p.newService ? [NEW_SERVICE_LABEL] : [])])];
  await editIssueAsUser(c.snapshot.key, { [ids.impactedCis!]: labels });
  return labels.length ? `The change touches ${labels.map((l) => (l === NEW_SERVICE_LABEL ? 'a new service' : l)).join(', ')}.` : 'The change names no configuration item now.';
}

async function recordReview(ctx: Ctx, p: PayloadOf<'change.recordReview'>): Promise<string> {
  const c = ctx.change;
  if (!c.evidence.deployment) refuse('The review follows the deployment: deploy the change first.');
  if (c.evidence.review) refuse('The review of this change is already recorded.');
  if (c.type === 'Emergency' && p.emergencyJustified === undefined) refuse('Was the emergency justified? An emergency change’s review says yes or no (CHG-08).');
  await record(ctx, (r) => (r.review ? undefined : { ...r, review: { by: ctx.me, at: ctx.at, outcome: p.outcome, emergencyJustified: c.type === 'Emergency' ? p.emergencyJustified ?? null : null, notes: p.notes ?? null } }));
  const out = await moveTo(c.snapshot.key, 'review', 'user');
  return `Recorded the review: ${p.outcome === 'backed-out' ? 'backed out' : p.outcome}.${moved(out, 'Reviewed')}`;
}

async function designate(ctx: Ctx, p: PayloadOf<'change.designateTemplate'>): Promise<string> {
  const c = ctx.change;
  if (c.type !== 'Normal') refuse('Only a normal change that completed the full process can qualify a pre-approved template (CO.2.1 NOTE 3).');
  const facts = changeFactsOfLoaded(c);
  const check = validateTemplateDesignation({
    templateId: p.name, kind: p.name, designatedAt: ctx.at,
    qualifyingChange: { kind: p.name, facts },
    controlManager: { accountId: ctx.viewer.accountId, roles: ctx.viewer.roles },
    businessApprover: { accountId: p.businessApprover, agreedAt: p.agreedOn },
    // CHG-05: the register this designation is written to is the policy's list of pre-approved changes.
    listedInPolicy: true,
  });
  if (!check.ok) refuse(`“${p.name}” cannot be designated a pre-approved change yet. Still needed: ${missingSentence(c, check.missing, namesOf(c, ctx.viewer))}`);
  if (c.templates.some((t) => t.name.trim().toLowerCase() === p.name.trim().toLowerCase())) refuse(`A pre-approved change named “${p.name}” is already designated.`);
  const id = p.name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || randomUUID();
  await designateTemplate({
    id, name: p.name, description: c.snapshot.summary, qualifiedBy: { issueId: c.snapshot.id, key: c.snapshot.key },
    controlManager: ctx.me, businessApprover: p.businessApprover, agreedOn: p.agreedOn, designatedAt: ctx.at, projectKey: c.snapshot.projectKey,
    defaults: { services: c.snapshot.services, cis: c.snapshot.cis, summary: c.snapshot.summary },
  }, c.templatesVersion, ctx.viewer.accountId, ctx.now);
  return `“${p.name}” is now a pre-approved change, qualified by ${c.snapshot.key} and agreed for the business by ${p.businessApprover} on ${p.agreedOn}.`;
}

export async function changeAction(ref: { issueKey: string; projectKey: string }, call: Call<FunctionKey>, request: ChangeActionRequest): Promise<Answer> {
  const now = call.clock();
  const rules = await loadIncidentRules(now);
  const change = await loadChange(ref.issueKey, ref.projectKey, rules, 'user', now);
  if (!change) throw new Refusal('refused', `${ref.issueKey} is not a service change request.`);
  const viewer = viewerOf(call);
  const ctx: Ctx = { rules, change, viewer, now, at: new Date(now).toISOString(), me: { accountId: viewer.accountId, displayName: viewer.displayName } };
  let message: string;
  switch (request.kind) {
    case 'decide': message = await decide(ctx, request.payload); break;
    case 'recordSignOff': message = await recordSignOff(ctx, request.payload); break;
    case 'recordBuild': message = await recordBuild(ctx, request.payload); break;
    case 'publishTestReport': message = await publishTestReport(ctx, request.payload); break;
    case 'schedule': message = await schedule(ctx, request.payload); break;
    case 'setConfigurationItems': message = await setConfigurationItems(ctx, request.payload); break;
    case 'recordReview': message = await recordReview(ctx, request.payload); break;
    case 'designateTemplate': message = await designate(ctx, request.payload); break;
  }
  const fresh = await loadChange(ref.issueKey, ref.projectKey, rules, 'user', call.clock());
  if (!fresh) throw new Refusal('refused', `${ref.issueKey} is no longer a service change request.`);
  return { message, section: changeSection(fresh, rules, viewer, call.clock()) };
}

