import type { ApproverRole, PersonRef, ProcedureVersionView, ProcedureView, ProceduresView, SignOffView } from '../contract/configuration';
import type { PayloadOf } from '../contract/functions';
import { mayCall } from '../domain/access';
import { describeSectionChange, neededInWords, PROCEDURE_IDS, PROCEDURES, signableRoles, starterContent, type ProcedureContent, type ProcedureDefinition, type SignOff } from '../domain/configuration/procedures';
import { Refusal } from '../domain/refusal';
import { ROLES } from '../domain/roles';
import { getUsers } from '../jira/users';
import { discardProcedureDraft, loadProcedure, loadProcedureVersions, saveProcedureDraft, signOffProcedure, type ProcedureState } from '../store/procedures';
import type { StoredVersion } from '../store/work-product-store';
import type { ConfigurationCaller } from './items';

/**
 * The service control procedures on the service team's page (WP.17, WP.09; CO.1.2, CO.1.3, CO.1.5, CO-13): the
 * Control Manager drafts, the two approving roles sign off, and the last sign-off makes the draft the version in
 * force. The rules live in src/domain/configuration/procedures.ts.
 */

const roleWords = (r: SignOff['role']): string => (r === 'MGT' ? 'Management' : `the ${ROLES[r].name}`);

function signReasonOf(def: ProcedureDefinition, state: ProcedureState, caller: ConfigurationCaller, signAs: readonly string[]): string | null {
  if (signAs.length > 0) return null;
  if (!state.document.draft) return 'There is no saved draft to approve.';
  const held = def.approvers.filter((r) => caller.roles.includes(r));
  if (held.length === 0) return `Approved by ${def.approvers.map(roleWords).join(' and ')} (${def.rule}).`;
  const mine = state.signOffs.find((s) => s.by === caller.accountId);
  if (mine) return `You approved this draft as ${roleWords(mine.role)}; the other approval must come from another person (${def.rule}).`;
  return `Already approved as ${held.map(roleWords).join(' and ')} (${def.rule}).`;
}

function viewOf(state: ProcedureState, earlier: Array<StoredVersion<ProcedureContent>>, caller: ConfigurationCaller, person: (id: string) => PersonRef): ProcedureView {
  const { def, document } = state;
  const signOffView = (s: SignOff): SignOffView => ({ role: s.role, by: person(s.by), at: s.at });
  const versionView = (v: StoredVersion<ProcedureContent>): ProcedureVersionView => ({ version: v.version, status: v.status, sections: v.content.sections, signOffs: v.content.signOffs.map(signOffView), approvedAt: v.approvedAt, draftedBy: person(v.createdBy) });
  const edit = mayCall('procedures.edit', caller);
  const signAs = document.draft ? signableRoles(def, { accountId: caller.accountId, roles: caller.roles }, state.signOffs).filter((r): r is ApproverRole => r === 'SM' || r === 'MGT' || r === 'CM') : [];
  return {
    id: def.id, title: def.title, why: `${def.id}; drafted by the Control Manager, approved by ${def.approvers.join(' and ')} (${def.id === 'WP.17' ? 'CO.1.2, CO.1.3, CO-13, CO-17' : 'CO.1.5, CO-13'}).`,
    sections: def.sections.map((s) => ({ key: s.key, label: s.label, hint: s.hint })),
    approvers: [...def.approvers],
    current: document.current ? versionView(document.current) : null,
    draft: document.draft ? { revision: document.draft.revision, baseVersion: document.draft.baseVersion, sections: document.draft.content.sections, updatedBy: person(document.draft.updatedBy), updatedAt: document.draft.updatedAt, signOffs: state.signOffs.map(signOffView) } : null,
    starter: starterContent(def).sections,
    needed: neededInWords(def, document.draft ? state.signOffs : []),
    earlier: earlier.filter((v) => v.version !== document.current?.version).map(versionView),
    edit: edit.allowed ? { allowed: true, reason: null } : { allowed: false, reason: edit.message },
    signAs, signReason: signReasonOf(def, state, caller, signAs),
  };
}

export async function proceduresView(caller: ConfigurationCaller): Promise<ProceduresView> {
  const states = await Promise.all(PROCEDURE_IDS.map((id) => loadProcedure(id)));
  const earlier = await Promise.all(states.map((s) => loadProcedureVersions(s.def.id, s.document.head?.version ?? 0)));
  const ids = states.flatMap((s, i) => [
    ...(s.document.draft ? [s.document.draft.updatedBy] : []), ...s.signOffs.map((o) => o.by),
    ...(earlier[i] ?? []).flatMap((v) => [v.createdBy, ...v.content.signOffs.map((o) => o.by)]),
  ]);
  const people = await getUsers(ids).catch((e: unknown) => { console.error('procedures: could not read people', e); return []; });
  const names = new Map(people.map((p) => [p.accountId, p.displayName]));
  const person = (accountId: string): PersonRef => ({ accountId, displayName: names.get(accountId) ?? accountId });
  return { procedures: states.map((s, i) => viewOf(s, earlier[i] ?? [], caller, person)) };
}

export async function saveDraftOf(p: PayloadOf<'globalPage.procedures.saveDraft'>, caller: ConfigurationCaller, now: number): Promise<ProceduresView> {
  const def = PROCEDURES[p.procedure];
  const unknown = Object.keys(p.sections).filter((k) => !def.sections.some((s) => s.key === k));
  if (unknown.length) throw new Refusal('invalid-input', `The ${def.title.toLowerCase()} has no section ${unknown.map((k) => `"${k}"`).join(', ')}.`);
  const sections = Object.fromEntries(def.sections.map((s) => [s.key, (p.sections[s.key] ?? '').replace(/\s+$/, '')]));
  const empty = def.sections.filter((s) => (sections[s.key] ?? '').trim() === '').map((s) => s.label);
  if (empty.length) throw new Refusal('invalid-input', `This cannot be saved: ${empty.map((l) => `${l} is empty; write at least one sentence.`).join(' ')}`);
  const state = await loadProcedure(p.procedure);
  const before = state.document.draft?.content.sections ?? state.document.current?.content.sections ?? null;
  await saveProcedureDraft(p.procedure, sections, p.expectedRevision, {
    actor: caller.accountId, now,
    summary: `Draft saved${state.document.current ? ` (based on version ${state.document.current.version})` : ''}: ${describeSectionChange(def, before, sections)}`,
  });
  return proceduresView(caller);
}

export async function signOffOf(p: PayloadOf<'globalPage.procedures.signOff'>, caller: ConfigurationCaller, now: number): Promise<ProceduresView> {
  await signOffProcedure(p.procedure, p.revision, p.role, { accountId: caller.accountId, roles: caller.roles }, now);
  return proceduresView(caller);
}

export async function discardDraftOf(p: PayloadOf<'globalPage.procedures.discardDraft'>, caller: ConfigurationCaller, now: number): Promise<ProceduresView> {
  await discardProcedureDraft(p.procedure, p.revision, { actor: caller.accountId, now, summary: 'Draft discarded.' });
  return proceduresView(caller);
}
