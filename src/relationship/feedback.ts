import type { ApproachSignOffView, ApproachVersionView, ApproachView, CustomerFeedbackView, FeedbackEntryView, FeedbackPageView, JsmRatingView, PersonRef, PortalFeedbackView, RatingView, SatisfactionView } from '../contract/feedback';
import type { PayloadOf } from '../contract/functions';
import { isServiceTeam, mayCall, type Caller } from '../domain/access';
import { APPROACH_SECTIONS, emptySections, neededInWords, starterApproach, targetsRefusal, type ApproachContent, type PartySignOff } from '../domain/feedback/approach';
import type { Score } from '../domain/feedback/figures';
import { customerSide, deadlinesOf, statusOf, stepRefusal, type FeedbackEntry } from '../domain/feedback/log';
import { ratingRefusal, type RatingFacts } from '../domain/feedback/satisfaction';
import { Refusal } from '../domain/refusal';
import { listOrganizations, organizationsOf, type Organization } from '../jira/organizations';
import { mayViewRequest, myContact, readJsmRating } from '../jira/request-feedback';
import { getUsers } from '../jira/users';
import { approveApproach, discardApproachDraft, loadApproach, loadApproachVersions, recordApproachSignOff, saveApproachDraft } from '../store/feedback-approach';
import { listFeedback, listFeedbackSentBy, loadLogStatus, loadRatings, recordFeedback, recordStep, saveRating, type StoredRating } from '../store/feedback';
import type { DocumentState, StoredVersion } from '../store/work-product-store';

/**
 * Feedback use cases (issue #14): the customer experience approach (WP.04; GO.2.3), the feedback log (WP.06; RE.2.3,
 * RE-10, GO-09), the customer's own feedback in the portal (D26) and the satisfaction rating at closure. The rules live
 * in src/domain/feedback; who may call what is src/domain/feedback/access.ts.
 */

export type FeedbackCaller = Caller & { displayName: string };

const decision = (d: { allowed: true } | { allowed: false; message: string }) => (d.allowed ? { allowed: true, reason: null } : { allowed: false, reason: d.message });

/** Organizations of the site, or none when JSM's organization API cannot be read (a plain Jira site). */
async function organizationsOrNone(read: () => Promise<Organization[]>): Promise<Organization[]> {
  try { return await read(); } catch (e) { console.error('feedback: could not read organizations', e); return []; }
}

async function peopleIndex(ids: Iterable<string>, known: ReadonlyArray<{ accountId: string; displayName: string }>): Promise<(id: string) => PersonRef> {
  const names = new Map(known.map((k) => [k.accountId, k.displayName]));
  const wanted = [...new Set(ids)].filter((id) => id && !names.has(id));
  if (wanted.length) {
    const people = await getUsers(wanted).catch((e: unknown) => { console.error('feedback: could not read people', e); return []; });
    for (const p of people) names.set(p.accountId, p.displayName);
  }
  return (accountId: string) => ({ accountId, displayName: names.get(accountId) ?? accountId });
}

function approachView(state: DocumentState<ApproachContent>, earlier: Array<StoredVersion<ApproachContent>>, caller: FeedbackCaller, person: (id: string) => PersonRef): ApproachView {
  const signOff = (s: PartySignOff): ApproachSignOffView => ({ party: s.party, name: s.name, how: s.how, recordedBy: person(s.recordedBy), at: s.at });
  const version = (v: StoredVersion<ApproachContent>): ApproachVersionView => ({
    version: v.version, status: v.status, sections: v.content.sections, targets: v.content.targets, signOffs: v.content.signOffs.map(signOff),
    draftedBy: person(v.createdBy), approvedBy: v.approvedBy ? person(v.approvedBy) : null, approvedAt: v.approvedAt,
  });
  const starter = starterApproach();
  return {
    sections: APPROACH_SECTIONS.map((s) => ({ key: s.key, label: s.label, hint: s.hint })),
    current: state.current ? version(state.current) : null,
    draft: state.draft ? { revision: state.draft.revision, baseVersion: state.draft.baseVersion, sections: state.draft.content.sections, targets: state.draft.content.targets, signOffs: state.draft.content.signOffs.map(signOff), updatedBy: person(state.draft.updatedBy), updatedAt: state.draft.updatedAt } : null,
    starter: { sections: starter.sections, targets: starter.targets },
    needed: neededInWords(state.draft ? state.draft.content : null),
    earlier: earlier.filter((v) => v.version !== state.current?.version).map(version),
    edit: decision(mayCall('approach.edit', caller)),
    approve: decision(mayCall('approach.approve', caller)),
  };
}

function entryView(e: FeedbackEntry, approach: ApproachContent | null, now: number, person: (id: string) => PersonRef): FeedbackEntryView {
  return {
    id: e.id, kind: e.kind, from: e.from, organization: e.organization, contact: e.contact, description: e.description, receivedAt: e.receivedAt, channel: e.channel,
    issueKey: e.issueKey, recordedBy: person(e.recordedBy), recordedAt: e.recordedAt, sentThroughPortal: e.submittedBy !== null, status: statusOf(e),
    escalated: e.steps.some((s) => s.step === 'escalated'), steps: e.steps.map((s) => ({ step: s.step, by: person(s.by), at: s.at, text: s.text })),
    deadlines: deadlinesOf(e, approach?.targets ?? null, now),
  };
}

/** `globalPage.feedback.load`: the approach and the whole log (staff only). */
export async function feedbackPageView(caller: FeedbackCaller, now: number): Promise<FeedbackPageView> {
  const [state, entries, log, organizations] = await Promise.all([loadApproach(), listFeedback(), loadLogStatus(), organizationsOrNone(listOrganizations)]);
  const earlier = await loadApproachVersions(state.head?.version ?? 0);
  const ids = [
    ...(state.draft ? [state.draft.updatedBy, ...state.draft.content.signOffs.map((s) => s.recordedBy)] : []),
    ...earlier.flatMap((v) => [v.createdBy, v.approvedBy ?? '', ...v.content.signOffs.map((s) => s.recordedBy)]),
    ...entries.flatMap((e) => [e.recordedBy, ...e.steps.map((s) => s.by)]),
  ];
  const person = await peopleIndex(ids, [caller]);
  const handle = mayCall('feedback.handle', caller);
  const approach = state.current?.content ?? null;
  return {
    approach: approachView(state, earlier, caller, person),
    log,
    entries: entries.map((e) => entryView(e, approach, now, person)),
    organizations,
    record: decision(mayCall('feedback.record', caller)),
    handle: !handle.allowed ? { allowed: false, reason: handle.message }
      : approach === null ? { allowed: false, reason: stepRefusal({ id: '', steps: [] }, 'acknowledged', false, '') } : { allowed: true, reason: null },
    now: new Date(now).toISOString(),
  };
}

export async function saveApproachDraftOf(p: PayloadOf<'globalPage.feedback.approach.saveDraft'>, caller: FeedbackCaller, now: number): Promise<FeedbackPageView> {
  const unknown = Object.keys(p.sections).filter((k) => !APPROACH_SECTIONS.some((s) => s.key === k));
  if (unknown.length) throw new Refusal('invalid-input', `The customer experience approach has no section ${unknown.map((k) => `"${k}"`).join(', ')}.`);
  const sections = Object.fromEntries(APPROACH_SECTIONS.map((s) => [s.key, (p.sections[s.key] ?? '').replace(/\s+$/, '')]));
  const empty = emptySections(sections);
  if (empty.length) throw new Refusal('invalid-input', `This cannot be saved: ${empty.map((l) => `${l} is empty; write at least one sentence.`).join(' ')}`);
  const targets = targetsRefusal(p.targets);
  if (targets) throw new Refusal('invalid-input', `This cannot be saved: ${targets}`);
  await saveApproachDraft({ sections, targets: p.targets }, p.expectedRevision, { actor: caller.accountId, now });
  return feedbackPageView(caller, now);
}

export async function recordApproachSignOffOf(p: PayloadOf<'globalPage.feedback.approach.recordSignOff'>, caller: FeedbackCaller, now: number): Promise<FeedbackPageView> {
  await recordApproachSignOff(p.revision, { party: p.party, name: p.name, how: p.how }, { actor: caller.accountId, now });
  return feedbackPageView(caller, now);
}

export async function approveApproachOf(p: PayloadOf<'globalPage.feedback.approach.approve'>, caller: FeedbackCaller, now: number): Promise<FeedbackPageView> {
  await approveApproach(p.revision, { actor: caller.accountId, now });
  return feedbackPageView(caller, now);
}

export async function discardApproachOf(p: PayloadOf<'globalPage.feedback.approach.discardDraft'>, caller: FeedbackCaller, now: number): Promise<FeedbackPageView> {
  await discardApproachDraft(p.revision, { actor: caller.accountId, now });
  return feedbackPageView(caller, now);
}

/** RE-10: any member of the service team records an entry; always accepted (GO-09 holds back only the handling). */
export async function recordEntryOf(p: PayloadOf<'globalPage.feedback.record'>, caller: FeedbackCaller, now: number): Promise<FeedbackPageView> {
  const receivedAt = Date.parse(p.receivedAt);
  if (receivedAt > now + 60_000) throw new Refusal('invalid-input', 'This cannot be saved: Date and time of the interaction cannot be in the future.');
  let organization: Organization | null = null;
  if (p.organizationId) {
    organization = (await organizationsOrNone(listOrganizations)).find((o) => o.id === p.organizationId) ?? null;
    if (!organization) throw new Refusal('invalid-input', 'This cannot be saved: Organization is not one of the site’s customer organizations.');
  }
  await recordFeedback({
    kind: p.kind, from: p.from, organization, contact: { ...p.contact, company: p.contact.company || organization?.name || '' }, description: p.description,
    receivedAt: new Date(receivedAt).toISOString(), channel: p.channel, issueKey: p.issueKey, recordedBy: caller.accountId, submittedBy: null,
  }, now);
  return feedbackPageView(caller, now);
}

/** RE.2.3: the RM or SM records a handling step; refused before WP.04 is approved (GO-09) and out of order. */
export async function stepOf(p: PayloadOf<'globalPage.feedback.step'>, caller: FeedbackCaller, now: number): Promise<FeedbackPageView> {
  const approved = (await loadApproach()).current !== null;
  await recordStep(p.id, p.step, p.text, caller.accountId, now, (entry) => stepRefusal(entry, p.step, approved, p.text));
  return feedbackPageView(caller, now);
}

// ------------------------------------------------------------------ the portal (D26)

const customerView = (e: FeedbackEntry): CustomerFeedbackView => customerSide(e);

/** `portalHome.feedback.load`: the caller's own entries only (D26), with status and the answer. */
export async function portalFeedbackView(accountId: string): Promise<PortalFeedbackView> {
  return { entries: (await listFeedbackSentBy(accountId)).map(customerView) };
}

/** A customer (or a supplier) sends a compliment, complaint or comment through the portal (RE-10: always recorded). */
export async function sendPortalFeedback(p: PayloadOf<'portalHome.feedback.send'>, caller: FeedbackCaller, now: number): Promise<PortalFeedbackView> {
  if (p.issueKey && !(await mayViewRequest(p.issueKey))) throw new Refusal('invalid-input', `This cannot be sent: Request ${p.issueKey} is not one of your requests.`);
  const [contact, organizations] = await Promise.all([myContact().catch(() => ({ name: caller.displayName, email: '' })), organizationsOrNone(() => organizationsOf(caller.accountId))]);
  const organization = organizations[0] ?? null;
  await recordFeedback({
    kind: p.kind, from: caller.roles.includes('SUP') ? 'supplier' : 'customer', organization,
    contact: { name: contact.name || caller.displayName, email: contact.email, phone: p.phone, company: organization?.name ?? '', specialNeeds: p.specialNeeds },
    description: p.description, receivedAt: new Date(now).toISOString(), channel: 'portal', issueKey: p.issueKey, recordedBy: caller.accountId, submittedBy: caller.accountId,
  }, now);
  return portalFeedbackView(caller.accountId);
}

// ------------------------------------------------------------------ satisfaction at closure

export interface RatedIncident { issueId: string; issueKey: string; reporter: { accountId: string; displayName: string } | null; resolved: boolean; contactIds: readonly string[] }

function ratingView(r: StoredRating, name: (id: string) => string): RatingView {
  return { rater: { accountId: r.rater, displayName: name(r.rater) }, score: r.score, comment: r.comment, at: r.at, earlier: r.history.length };
}

/** The satisfaction part of an incident's view: from app storage only (no Jira call: the panel's budget). */
export async function satisfactionView(incident: RatedIncident, viewer: { accountId: string; displayName: string; roles: Caller['roles']; rolesConfigured: boolean; accountType: string }): Promise<SatisfactionView> {
  const ratings = await loadRatings(incident.issueId);
  const team = isServiceTeam(viewer);
  const names = new Map<string, string>([[viewer.accountId, viewer.displayName]]);
  if (incident.reporter) names.set(incident.reporter.accountId, incident.reporter.displayName);
  const name = (id: string) => names.get(id) ?? 'A customer contact';
  const mine = ratings.find((r) => r.rater === viewer.accountId) ?? null;
  const refusal = ratingRefusal(viewer.accountId, { reporterId: incident.reporter?.accountId ?? null, contactIds: incident.contactIds, resolved: incident.resolved });
  return {
    resolved: incident.resolved,
    mine: mine ? ratingView(mine, name) : null,
    all: team ? ratings.map((r) => ratingView(r, name)) : null,
    rate: team && refusal ? { allowed: false, reason: null } : { allowed: refusal === null, reason: refusal },
    jsmReadable: team,
  };
}

/** `satisfaction.rate`: the reporter rates a resolved incident; rating again replaces the rating (kept in history). */
export async function rate(incident: RatedIncident, facts: RatingFacts, caller: FeedbackCaller, score: Score, comment: string, now: number): Promise<SatisfactionView> {
  const refusal = ratingRefusal(caller.accountId, facts);
  if (refusal) throw new Refusal('refused', refusal);
  const organizations = await organizationsOrNone(() => organizationsOf(caller.accountId));
  await saveRating({ issueId: incident.issueId, issueKey: incident.issueKey, rater: caller.accountId, score, comment, organizationId: organizations[0]?.id ?? null }, now);
  return satisfactionView(incident, caller);
}

/** `satisfaction.jsmRating`: JSM's own rating of the request, read on demand (null when none or no JSM). */
export async function jsmRatingOf(issueKey: string): Promise<JsmRatingView> {
  const r = await readJsmRating(issueKey);
  return { rating: r?.rating ?? null, comment: r?.comment ?? null };
}
