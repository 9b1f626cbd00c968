import type { AgreementConflictView, AgreementListView, AgreementPerson, AgreementSection, AgreementSignOffView, AgreementVersionView } from '../contract/agreement';
import type { PayloadOf } from '../contract/functions';
import { isServiceTeam, mayCall, type Caller } from '../domain/access';
import { approvalRefusal, maySignAgreement, neededInWords, type AgreementSignOff } from '../domain/agreement/approval';
import { checkAgreement, reviewState, servicesOutsideCatalogue } from '../domain/agreement/check';
import type { AgreementContent, AgreementKind, ApprovedAgreementVersion } from '../domain/agreement/content';
import { agreementConflicts, conflictsOf, type AgreementConflict, type ConflictInput } from '../domain/agreement/conflicts';
import { agreementContentIn, fencedBlocksInText, stableJson } from '../domain/agreement/description';
import type { ServiceDeliveryPolicy } from '../domain/policy';
import { recordKindOf, type RecordKind } from '../domain/record-kind';
import { Refusal } from '../domain/refusal';
import type { RoleCode } from '../domain/roles';
import { getAgreementIssue } from '../jira/agreement-issue';
import { getIssueTypeAsUser, notifyUsers } from '../jira/issues';
import { listOrganizations } from '../jira/organizations';
import { getUsers, searchPeople } from '../jira/users';
import { loadAgreementVersionsOf } from '../store/agreement-versions';
import {
  agreementSignOffsOf, discardAgreementDraft, listAgreementRows, loadAgreement, recordAgreementReview, recordImportProblems, saveAgreementDraft, signAgreement,
  type AgreementRow, type AgreementState, type IssueNames,
} from '../store/agreements';
import { claimLedger, recordStep, releaseClaim } from '../store/ledger';
import { loadIncidentRules, type IncidentRules } from '../store/rules';
import { ConflictError } from '../store/work-product-store';
import { approvedCatalogueServices } from './catalogue-lookup';

/**
 * Customer and supplier agreements (WP.03, WP.21; RE.2.1, RE.2.2, RE.2.5, RE-08, RE-09; D18, D19, D23; SLM-04..SLM-09):
 * the agreement part of the issue panel, its actions, the "Agreements" tab, the REST path (content in the description)
 * and the review reminders. The rules live in src/domain/agreement; this module reads, decides with them, and writes.
 */

const dayOf = (t: number): string => new Date(t).toISOString().slice(0, 10);

export const isAgreementKind = (k: RecordKind): k is 'customer-agreement' | 'supplier-agreement' => k === 'customer-agreement' || k === 'supplier-agreement';

/** Which content kinds an issue type holds: a customer agreement issue a customer agreement; a supplier one a supplier agreement or an OLA. */
export function kindFits(record: 'customer-agreement' | 'supplier-agreement', kind: AgreementKind): string | null {
  if (record === 'customer-agreement' && kind !== 'customer') return `Kind of agreement: this issue is a customer agreement, so its content is of kind "customer" (not "${kind}") (D18).`;
  if (record === 'supplier-agreement' && kind === 'customer') return 'Kind of agreement: this issue is a supplier agreement, so its content is of kind "supplier" or "internal" (an OLA), not "customer" (D18, SLM-07).';
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Conflicts (D19, SLM-08)

const inputOf = (r: AgreementRow): ConflictInput | null => (r.approved ? { issueKey: r.issueKey, title: r.title, version: r.approved.version, content: r.approved.content } : null);

/**
 * D19 for the reports: the conflicts between the approved versions in force of every agreement (one KVS query).
 * Stable signature: `approvedAgreementConflicts(): Promise<AgreementConflict[]>` (see domain/agreement/conflicts.ts).
 */
export async function approvedAgreementConflicts(): Promise<AgreementConflict[]> {
  return agreementConflicts((await listAgreementRows()).map(inputOf).filter((x): x is ConflictInput => x !== null));
}

/** The conflicts of a draft with the approved versions of the other agreements. */
function draftConflicts(rows: readonly AgreementRow[], self: { issueKey: string; title: string }, draft: AgreementContent): AgreementConflict[] {
  const others = rows.filter((r) => r.issueKey !== self.issueKey).map(inputOf).filter((x): x is ConflictInput => x !== null);
  return conflictsOf(self.issueKey, agreementConflicts([...others, { issueKey: self.issueKey, title: self.title, version: null, content: draft }]));
}

function conflictView(self: string, c: AgreementConflict, approved: boolean): AgreementConflictView {
  const asCustomer = c.customer.issueKey === self;
  const other = asCustomer ? c.underpinning : c.customer;
  return { other: { issueKey: other.issueKey, title: other.title, role: asCustomer ? 'underpinning' : 'customer' }, service: c.service, priority: c.priority, measure: c.measure, message: c.message, approved };
}

// ---------------------------------------------------------------------------------------------------------------
// The panel's view

export interface AgreementViewer { accountId: string; displayName: string; accountType: string; roles: readonly RoleCode[]; rolesConfigured: boolean }

/** The agreement rules ask only for the 29110 roles (no Jira-admin exception, no bootstrapping). */
const asCaller = (v: AgreementViewer): Caller => ({ accountId: v.accountId, roles: v.roles, rolesConfigured: v.rolesConfigured, accountType: v.accountType, isJiraAdmin: false, serviceManagerAssigned: true });

interface Facts { rules: IncidentRules; catalogue: string[]; rows: AgreementRow[] }

async function loadFacts(now: number): Promise<Facts> {
  const [rules, catalogue, rows] = await Promise.all([
    loadIncidentRules(now),
    approvedCatalogueServices().then((s) => s.map((x) => x.name)).catch((e: unknown) => { console.error('agreements: could not read the catalogue', e); return [] as string[]; }),
    listAgreementRows(),
  ]);
  return { rules, catalogue, rows };
}

function policyOf(rules: IncidentRules): ServiceDeliveryPolicy { return rules.policy.policy; }

function addMonths(day: string, months: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** A first draft's content: the policy's hours and targets, a quarterly review (D18), the usual approving parties. */
export function starterContent(record: 'customer-agreement' | 'supplier-agreement', policy: ServiceDeliveryPolicy, owner: string, today: string): AgreementContent {
  const customer = record === 'customer-agreement';
  return {
    kind: customer ? 'customer' : 'supplier',
    party: { organizationId: null, name: customer ? 'All customers' : '' },
    services: [], serviceHours: policy.serviceHours, targets: policy.targets, priorityMatrix: null, contacts: [],
    owners: { provider: owner, party: '' },
    keyDates: { start: today, end: null, reviewOn: addMonths(today, 3), reviewIntervalMonths: 3 },
    approvers: customer ? ['SM', 'CUS'] : ['SM', 'SUP'], feasibility: '', terms: '',
  };
}

/** The approval rules of a draft (RE-08, SLM-09, ROL-12) and, for a customer agreement, SLM-08 against approved underpinning agreements. */
function approvability(content: AgreementContent, self: { issueKey: string; title: string }, facts: Facts, today: string): { issues: ReturnType<typeof checkAgreement>; refusal: string | null } {
  const issues = checkAgreement(content, { approvedServices: facts.catalogue, policy: policyOf(facts.rules), today, forApproval: true });
  const blocking = content.kind === 'customer' ? draftConflicts(facts.rows, self, content).filter((c) => c.customer.issueKey === self.issueKey) : [];
  return { issues, refusal: approvalRefusal(issues, blocking) };
}

export async function agreementSection(issue: { id: string; key: string; summary: string }, record: 'customer-agreement' | 'supplier-agreement', viewer: AgreementViewer, now: number, loaded?: Facts): Promise<AgreementSection> {
  const today = dayOf(now);
  const [facts, state, versions] = await Promise.all([loaded ? Promise.resolve(loaded) : loadFacts(now), loadAgreement(issue.id), loadAgreementVersionsOf(issue.id)]);
  return sectionOf(issue, record, viewer, now, today, facts, state, versions);
}

async function sectionOf(issue: { id: string; key: string; summary: string }, record: 'customer-agreement' | 'supplier-agreement', viewer: AgreementViewer, now: number, today: string, facts: Facts, state: AgreementState, versions: ApprovedAgreementVersion[]): Promise<AgreementSection> {
  const team = isServiceTeam(viewer);
  const row = state.row;
  const names = new Map(Object.entries(row?.people ?? {}));
  names.set(viewer.accountId, viewer.displayName);
  const person = (accountId: string): AgreementPerson => ({ accountId, displayName: names.get(accountId) ?? accountId });
  const signOffView = (s: AgreementSignOff): AgreementSignOffView => ({ role: s.role, by: person(s.by), at: s.at, how: s.how, givenBy: s.givenBy });
  // The sign-offs of each approved version: the draft revision it was signed on (the register keeps it).
  const revisions = new Map((row?.versions ?? []).map((v) => [v.version, v] as const));
  const signOffsByVersion = await Promise.all(versions.map((v) => {
    const r = revisions.get(v.version);
    return r ? agreementSignOffsOf(issue.id, r.revision, v.content.approvers) : Promise.resolve([]);
  }));
  const versionViews: AgreementVersionView[] = versions.map((v, i) => ({
    version: v.version, status: revisions.get(v.version)?.status ?? (v.version === 1 ? 'Approved' : 'Updated'), approvedAt: new Date(v.approvedAt).toISOString(),
    content: v.content, signOffs: (signOffsByVersion[i] ?? []).map(signOffView),
  })).reverse();
  const current = versionViews[0] ?? null;
  const self = { issueKey: issue.key, title: issue.summary };
  const draft = state.document.draft;
  const approvedConflicts = current ? conflictsOf(issue.key, agreementConflicts(facts.rows.map((r) => (r.issueKey === issue.key ? { issueKey: issue.key, title: issue.summary, version: current.version, content: current.content } : inputOf(r))).filter((x): x is ConflictInput => x !== null))) : [];
  const draftOnly = draft ? draftConflicts(facts.rows, self, draft.content) : [];
  const approval = draft ? approvability(draft.content, self, facts, today) : null;

  const edit = mayCall('agreement.edit', asCaller(viewer));
  const signer = { accountId: viewer.accountId, roles: viewer.roles };
  const signAs = draft ? (['MGT', 'SM'] as const).filter((r) => maySignAgreement(draft.content.approvers, signer, r, state.signOffs).allowed) : [];
  const recordable = draft ? (['CUS', 'SUP'] as const).filter((r) => maySignAgreement(draft.content.approvers, signer, r, state.signOffs).allowed) : [];
  const signReason = !draft ? 'There is no draft to sign.' : approval?.refusal ?? (signAs.length + recordable.length === 0
    ? (mayCall('agreement.sign', asCaller(viewer)).allowed ? `${neededInWords(draft.content.approvers, state.signOffs)} None of these is yours to give or record.` : 'Only the parties this agreement lists approve it: Management (MGT) and the Service Manager sign, and the Relationship Manager or the Service Manager record the customer’s or supplier’s sign-off (RE.2.2, ROL-12).')
    : null);
  const review = current ? { ...reviewState(current.content.keyDates, today, row?.lastReviewedOn ?? null), lastReviewedOn: row?.lastReviewedOn ?? null } : null;
  const kind: AgreementKind = draft?.content.kind ?? current?.content.kind ?? (record === 'customer-agreement' ? 'customer' : 'supplier');
  const section: AgreementSection = {
    audience: team ? 'team' : 'customer',
    kind,
    status: row?.status ?? (draft ? 'Draft' : 'None'),
    current,
    draft: draft ? {
      revision: draft.revision, baseVersion: draft.baseVersion, content: draft.content, updatedBy: person(draft.updatedBy), updatedAt: draft.updatedAt,
      signOffs: state.signOffs.map(signOffView), needed: neededInWords(draft.content.approvers, state.signOffs), issues: approval?.issues ?? [], refusal: approval?.refusal ?? null,
    } : null,
    earlier: versionViews.slice(1),
    outsideCatalogue: current ? servicesOutsideCatalogue(current.content, facts.catalogue) : [],
    conflicts: [...approvedConflicts.map((c) => conflictView(issue.key, c, true)), ...draftOnly.map((c) => conflictView(issue.key, c, false))],
    review,
    imported: row?.imported && row.imported.problems.length > 0 ? { at: row.imported.at, problems: row.imported.problems } : null,
    catalogue: facts.catalogue,
    policy: team ? { policy: policyOf(facts.rules), version: facts.rules.policy.version } : null,
    starter: team && !draft ? (current?.content ?? starterContent(record, policyOf(facts.rules), viewer.accountId, today)) : null,
    people: [...names.entries()].map(([accountId, displayName]) => ({ accountId, displayName })),
    today,
    actions: {
      edit: edit.allowed ? { allowed: true, reason: null } : { allowed: false, reason: edit.message },
      signAs: [...signAs], record: [...recordable], signReason,
      review: current && edit.allowed ? { allowed: true, reason: null } : { allowed: false, reason: current ? (edit.allowed ? null : edit.message) : 'There is no approved version to review.' },
    },
    why: 'WP.03 / WP.21; drafted by the Relationship Manager or the Service Manager (RE.2.1), approved by the parties it lists (RE.2.2, ROL-12), changed through a new approval (RE.2.5, RE-09); RE-08, D18, D19, SLM-08, SLM-09.',
  };
  if (team) return section;
  // D26: outside the service team, only the version in force, without the feasibility assessment and the internals.
  return {
    ...section, draft: null, earlier: [], conflicts: [], imported: null, catalogue: [], policy: null, starter: null, people: [],
    current: current ? { ...current, content: { ...current.content, feasibility: '' }, signOffs: [] } : null,
    actions: { edit: { allowed: false, reason: null }, signAs: [], record: [], signReason: null, review: { allowed: false, reason: null } },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Actions (the panel's `agreement.*`)

export interface AgreementCall { issue: { id: string; key: string }; caller: AgreementViewer; now: number }

/** The issue as the caller sees it (Jira refuses one they may not browse) and the kind of record it is. */
async function agreementIssueFor(call: AgreementCall, rules: IncidentRules): Promise<{ names: IssueNames; record: 'customer-agreement' | 'supplier-agreement'; summary: string }> {
  const seen = await getIssueTypeAsUser(call.issue.key);
  if (!seen) throw new Refusal('forbidden', 'Jira does not let you see this issue.');
  const record = recordKindOf(seen.issueType, rules.issueTypes);
  if (!isAgreementKind(record)) throw new Refusal('refused', `${call.issue.key} is not an agreement (its type is ${seen.issueType}).`);
  return { names: { issueId: call.issue.id, issueKey: seen.key, title: seen.summary }, record, summary: seen.summary };
}

async function namesOf(ids: Iterable<string>): Promise<Record<string, string>> {
  const people = await getUsers(ids).catch((e: unknown) => { console.error('agreements: could not read people', e); return []; });
  return Object.fromEntries(people.map((p) => [p.accountId, p.displayName]));
}

async function sectionAfter(call: AgreementCall, names: IssueNames, record: 'customer-agreement' | 'supplier-agreement'): Promise<AgreementSection> {
  return agreementSection({ id: names.issueId, key: names.issueKey, summary: names.title }, record, call.caller, call.now);
}

export async function saveAgreementDraftOf(call: AgreementCall, p: PayloadOf<'agreement.saveDraft'>): Promise<AgreementSection> {
  const rules = await loadIncidentRules(call.now);
  const { names, record } = await agreementIssueFor(call, rules);
  const misfit = kindFits(record, p.content.kind);
  if (misfit) throw new Refusal('invalid-input', `This cannot be saved: ${misfit}`);
  const state = await loadAgreement(names.issueId);
  const people = await namesOf([...p.content.contacts, p.content.owners.provider].filter((x) => x.trim() !== ''));
  await saveAgreementDraft(names, p.content, p.expectedRevision, {
    actor: call.caller.accountId, now: call.now,
    summary: state.document.current ? `Changed the agreement (a draft based on version ${String(state.document.current.version)}, RE.2.5).` : 'Saved a draft of the agreement (RE.2.1).',
    people: { ...people, [call.caller.accountId]: call.caller.displayName },
  });
  return sectionAfter(call, names, record);
}

async function sign(call: AgreementCall, revision: number, role: 'MGT' | 'SM' | 'CUS' | 'SUP', given: { how: 'e-mail' | 'signature' | 'meeting' | null; givenBy: string | null }): Promise<AgreementSection> {
  const facts = await loadFacts(call.now);
  const { names, record } = await agreementIssueFor(call, facts.rules);
  const today = dayOf(call.now);
  await signAgreement(names, revision, role, { accountId: call.caller.accountId, roles: call.caller.roles }, given, call.now,
    (content) => approvability(content, { issueKey: names.issueKey, title: names.title }, facts, today).refusal,
    { [call.caller.accountId]: call.caller.displayName });
  return sectionAfter(call, names, record);
}

export const signAgreementOf = (call: AgreementCall, p: PayloadOf<'agreement.signOff'>): Promise<AgreementSection> => sign(call, p.revision, p.role, { how: null, givenBy: null });

export const recordPartySignOffOf = (call: AgreementCall, p: PayloadOf<'agreement.recordPartySignOff'>): Promise<AgreementSection> => sign(call, p.revision, p.role, { how: p.how, givenBy: p.givenBy });

export async function discardAgreementDraftOf(call: AgreementCall, p: PayloadOf<'agreement.discardDraft'>): Promise<AgreementSection> {
  const rules = await loadIncidentRules(call.now);
  const { names, record } = await agreementIssueFor(call, rules);
  await discardAgreementDraft(names, p.revision, { actor: call.caller.accountId, now: call.now, summary: `Discarded draft revision ${String(p.revision)}; the approved version stays in force.` });
  return sectionAfter(call, names, record);
}

export async function recordAgreementReviewOf(call: AgreementCall, p: PayloadOf<'agreement.recordReview'>): Promise<AgreementSection> {
  const rules = await loadIncidentRules(call.now);
  const { names, record } = await agreementIssueFor(call, rules);
  if (p.on > dayOf(call.now)) throw new Refusal('invalid-input', `Reviewed on ${p.on} is in the future; record a review that took place.`);
  const state = await loadAgreement(names.issueId);
  if (!state.document.current) throw new Refusal('refused', 'There is no approved version to review yet.');
  await recordAgreementReview(names, p.on, { actor: call.caller.accountId, now: call.now, summary: `Reviewed the agreement on ${p.on} (D18, RE.2.5).` });
  return sectionAfter(call, names, record);
}

export async function organizationsForPicker(): Promise<Array<{ id: string; name: string }>> {
  return (await listOrganizations()).sort((a, b) => a.name.localeCompare(b.name));
}

export async function peopleForPicker(query: string): Promise<AgreementPerson[]> {
  return (await searchPeople(query)).map((u) => ({ accountId: u.accountId, displayName: u.displayName }));
}

// ---------------------------------------------------------------------------------------------------------------
// The "Agreements" tab

export async function agreementsList(now: number): Promise<AgreementListView> {
  const rows = await listAgreementRows();
  const today = dayOf(now);
  const conflicts = agreementConflicts(rows.map(inputOf).filter((x): x is ConflictInput => x !== null));
  return {
    today, siteUrl: null,
    rows: rows.map((r) => {
      const content = r.approved?.content ?? r.draft?.content ?? null;
      const review = r.approved ? reviewState(r.approved.content.keyDates, today, r.lastReviewedOn) : null;
      return {
        issueKey: r.issueKey, title: r.title, kind: content?.kind ?? null, party: content?.party.name ?? null, services: content?.services ?? [],
        status: r.status, version: r.version, draftRevision: r.draftRevision, review,
        conflicts: conflictsOf(r.issueKey, conflicts).map((c) => ({ otherKey: c.customer.issueKey === r.issueKey ? c.underpinning.issueKey : c.customer.issueKey, message: c.message })),
        importProblems: r.imported?.problems ?? [],
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Agreements through Jira's REST API: content in the description becomes a Draft

export interface AgreementEventRef { issueId: string; issueKey: string; issueTypeName: string; actorAccountId: string | null }

export type ImportOutcome = 'not-an-agreement' | 'no-content' | 'unchanged' | 'invalid' | 'drafted';

/**
 * An agreement issue created or edited with content in a fenced block of its description: the content becomes a Draft
 * (never an approval). Replays, and events about other fields, find the same fingerprint and create nothing; invalid
 * content is recorded so the panel says why nothing was drafted.
 */
export async function importAgreementFromDescription(ref: AgreementEventRef, now: number): Promise<ImportOutcome> {
  const rules = await loadIncidentRules(now);
  const record = recordKindOf(ref.issueTypeName, rules.issueTypes);
  if (!isAgreementKind(record)) return 'not-an-agreement';
  const issue = await getAgreementIssue(ref.issueKey, 'app');
  if (!issue) return 'no-content';
  const found = agreementContentIn([...issue.codeBlocks, ...fencedBlocksInText(issue.text)]);
  if (!found.found) return 'no-content';
  const names: IssueNames = { issueId: issue.id, issueKey: issue.key, title: issue.summary };
  const state = await loadAgreement(issue.id);
  if (state.row?.imported?.fingerprint === found.fingerprint) return 'unchanged';
  const at = new Date(now).toISOString();
  const problems = found.ok ? [kindFits(record, found.content.kind)].filter((x): x is string => x !== null) : found.problems;
  if (!found.ok || problems.length > 0) {
    await recordImportProblems(names, { fingerprint: found.fingerprint, at, problems });
    return 'invalid';
  }
  const same = (c: AgreementContent | undefined) => c !== undefined && stableJson(c) === stableJson(found.content);
  if (same(state.document.draft?.content) || (!state.document.draft && same(state.document.current?.content))) {
    await recordImportProblems(names, { fingerprint: found.fingerprint, at, problems: [] });
    return 'unchanged';
  }
  const actor = ref.actorAccountId ?? 'app';
  const people = await getUsers([...found.content.contacts, found.content.owners.provider, actor].filter((x) => x !== 'app' && x.trim() !== ''), 'app')
    .then((us) => Object.fromEntries(us.map((u) => [u.accountId, u.displayName])))
    .catch(() => ({}));
  try {
    await saveAgreementDraft(names, found.content, state.document.draft?.revision ?? null, {
      actor, now, summary: `Saved a draft of the agreement from the content in the issue's description (Jira REST API)${state.document.current ? `, based on version ${String(state.document.current.version)} (RE.2.5)` : ''}.`,
      people, imported: { fingerprint: found.fingerprint, at, problems: [] },
    });
  } catch (e) {
    // A concurrent delivery of the same event saved it first.
    if (e instanceof ConflictError && (await loadAgreement(issue.id)).row?.imported?.fingerprint === found.fingerprint) return 'unchanged';
    throw e;
  }
  return 'drafted';
}

// ---------------------------------------------------------------------------------------------------------------
// D18: review reminders to the Relationship Managers, once per agreement per review date

export interface ReviewReminder { issueKey: string; dueOn: string }

export async function remindAgreementReviews(now: number, owner: string): Promise<{ reminded: ReviewReminder[]; failed: Array<{ issueKey: string; message: string }> }> {
  const today = dayOf(now);
  const [rows, rules] = await Promise.all([listAgreementRows(), loadIncidentRules(now)]);
  const managers = (rules.roles ?? []).filter((a) => a.roles.includes('RM')).map((a) => a.accountId);
  const out = { reminded: [] as ReviewReminder[], failed: [] as Array<{ issueKey: string; message: string }> };
  if (managers.length === 0) return out;
  for (const r of rows) {
    if (!r.approved) continue;
    const keyDates = r.approved.content.keyDates;
    const st = reviewState(keyDates, today, r.lastReviewedOn);
    if (!st.due || (keyDates.end !== null && keyDates.end < st.dueOn)) continue;
    const claimed = await claimLedger('review', r.issueId, `review:${st.dueOn}`, { dueOn: st.dueOn }, owner, now);
    if (claimed.status !== 'claimed') continue;
    try {
      await notifyUsers(r.issueKey, `Agreement review due: ${r.issueKey} ${r.title}`,
        `The agreement ${r.issueKey} "${r.title}" (version ${String(r.approved.version)}, with ${r.approved.content.party.name}) is due for review since ${st.dueOn}. Review it with the ${r.approved.content.kind === 'customer' ? 'customer' : 'supplier'}; record the review in the agreement's panel, or change the agreement, which then goes through approval again (D18, RE.2.5).`,
        managers);
      await recordStep(claimed.row, 'notified', now, {}, true);
      out.reminded.push({ issueKey: r.issueKey, dueOn: st.dueOn });
    } catch (e) {
      await releaseClaim(claimed.row).catch(() => undefined);
      out.failed.push({ issueKey: r.issueKey, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return out;
}
