/**
 * Roles and separation of duties (002 §10, GO.1.2; REQUIREMENTS §1.2–1.3; DECISIONS D4–D7).
 *
 * Two questions, both answered with every reason and its rule id so that the admin page, the resolver and the
 * workflow validator show the same text:
 *  1. `validateRoleAssignments`: may this list of assigned roles (WP.08) be saved?
 *     - ROL-04 / D4  a Service Manager must be assigned before any other role (GO.1.2 "Service manager (at minimum)").
 *     - ROL-06 / D4  Control Manager + Incident Manager in one person is refused, unless an admin override with a
 *                    written justification is given; then it is accepted and listed as an SoD exception.
 *     - ROL-07 / D5  a manager may not be a practitioner in the area they manage (area map configurable); the areas a
 *                    practitioner names must be areas of the map, and a practitioner works in at least one of them.
 *     - D27          a self-granted override (the person it concerns granted it) is listed as such.
 *     - ROL-08       SM+RM and SM+CM are never refused (they cannot trigger ROL-06 or ROL-07 by construction).
 *     - ROL-10       SM+CM gives an SoD notice (the same person defines and approves the change procedures, CO.1.3).
 *  2. `mayGrantOverride`, `grantOverrides`, `reviewGrants` (D27): who may grant a ROL-06 override — a Jira
 *     administrator who is not the person it concerns, unless that person is the only Jira administrator; then the
 *     override is recorded as self-granted.
 *  3. `mayApproveChange`: may this person approve this change at this step?
 *     - ROL-11       the approver must hold a role of the approving task (CO.2.1 / CO.3.2: CM; emergency: CM or SM).
 *     - D7           nobody approves a change they requested, built, or will deploy.
 *
 * The result is order-independent: the same assignments in any order give the same result (sorted output).
 */
import type { ApprovalStep, ChangeType } from './change-rules';
import { ROLE_CODES, ROLES, type RoleAssignment, type RoleCode } from './roles';

/** ROL-07 / D5 (GAP-13): area code → the manager role(s) of that area. Configurable; this is the shipped default. */
export type AreaMap = Readonly<Record<string, readonly RoleCode[]>>;
export const DEFAULT_AREA_MAP: AreaMap = { CO: ['CM'], IN: ['IM'], RE: ['RM'] };

/** ROL-07: the practitioner role of 002 (§3.21 "a person or team performing activities within one or more process areas"). */
export const PRACTITIONER_ROLE: RoleCode = 'PT';

/** ROL-06 / D4: the written justification of an override must have at least this many characters (trimmed). */
export const MIN_JUSTIFICATION_LENGTH = 20;

/**
 * A role assignment for SoD purposes. `practitionerAreas` says in which areas (keys of the area map) a PT works;
 * when it is absent, a PT counts as a practitioner in every area (002 §3.21 "one or more process areas", unspecified).
 * A list that is given must name areas of the map, at least one (ROL-07, D5).
 */
export interface SodAssignment extends RoleAssignment { practitionerAreas?: readonly string[] }

/**
 * ROL-06 / D4: an admin's override of the CM+IM refusal for one person. Only ROL-06 can be overridden (ROL-07 is "at
 * no time"). `selfGranted` (D27): the person it concerns granted it, being the only Jira administrator.
 */
export interface SodOverride { rule: 'ROL-06'; accountId: string; justification: string; grantedBy: string; grantedAt: string; selfGranted?: boolean }

export type SodRuleId = 'ROL-01' | 'ROL-04' | 'ROL-06' | 'ROL-07' | 'ROL-10';

export interface SodFinding {
  rule: SodRuleId;
  /** The person concerned; null for a finding about the whole list (ROL-04). */
  accountId: string | null;
  /** Related requirement / decision ids, for cross-reference (e.g. ['D4', 'GO.1.2']). */
  refs: readonly string[];
  message: string;
}

/** An accepted ROL-06 override, listed in the conformance report (D4). */
export interface SodException {
  rule: 'ROL-06';
  accountId: string;
  roles: readonly RoleCode[];
  justification: string;
  grantedBy: string;
  grantedAt: string;
  /** D27: granted by the person it concerns (the only Jira administrator): a finding for the conformance review. */
  selfGranted: boolean;
  message: string;
}

export interface SodValidation {
  ok: boolean;
  refusals: SodFinding[];
  notices: SodFinding[];
  exceptions: SodException[];
}

export interface SodOptions {
  areaMap?: AreaMap;
  overrides?: readonly SodOverride[];
  minJustificationLength?: number;
}

interface Person {
  accountId: string;
  roles: Set<RoleCode>;
  unknownRoles: Set<string>;
  /** The areas a PT works in; 'all' when an entry holding PT gives no list (002 §3.21, unspecified). */
  practitionerAreas: Set<string> | 'all';
  /** Every area named in a given list, whatever the person's roles (each must be an area of the map). */
  namedAreas: Set<string>;
}

function isRoleCode(value: string): value is RoleCode {
  return (ROLE_CODES as readonly string[]).includes(value);
}

function roleNames(codes: Iterable<RoleCode>): string {
  return [...codes].map((c) => `${ROLES[c].name} (${c})`).join(' and ');
}

const byText = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/**
 * Merge all entries of one person (ROL-02: a person may appear several times). Given areas are unioned; an entry
 * that holds PT without a list makes the person a practitioner in every area (another entry's list cannot narrow it).
 */
function people(assignments: readonly SodAssignment[]): Person[] {
  const byId = new Map<string, { roles: Set<RoleCode>; unknown: Set<string>; areas: Set<string>; listed: boolean; unspecified: boolean }>();
  for (const a of assignments) {
    const p = byId.get(a.accountId) ?? { roles: new Set<RoleCode>(), unknown: new Set<string>(), areas: new Set<string>(), listed: false, unspecified: false };
    for (const r of a.roles as readonly string[]) if (isRoleCode(r)) p.roles.add(r); else p.unknown.add(r);
    if (a.practitionerAreas) { p.listed = true; for (const area of a.practitionerAreas) p.areas.add(area); }
    else if ((a.roles as readonly string[]).includes(PRACTITIONER_ROLE)) p.unspecified = true;
    byId.set(a.accountId, p);
  }
  return [...byId.entries()]
    .sort(([x], [y]) => byText(x, y))
    .map(([accountId, p]) => ({ accountId, roles: p.roles, unknownRoles: p.unknown, practitionerAreas: p.listed && !p.unspecified ? p.areas : 'all', namedAreas: p.areas }));
}

/** ROL-06 / D4: a justification as it is judged and kept: trimmed, inner whitespace collapsed. */
export function normalisedJustification(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** ROL-06: whether these roles put one person in the Control Manager + Incident Manager combination. */
export function needsRol06Override(roles: Iterable<string>): boolean {
  const held = new Set(roles);
  return held.has('CM') && held.has('IM');
}

/**
 * D4: the ROL-06 overrides of a list as it will be saved. A requested override whose justification (normalised)
 * equals one already granted for that person keeps who granted it and when; any other is granted now by `grantedBy`
 * (self-granted when it concerns `grantedBy`, D27). Requests with an empty justification are no override. Whether
 * `grantedBy` may grant them is `grantOverrides`'s question.
 */
export function stampOverrides(
  requested: ReadonlyArray<{ accountId: string; justification: string }>,
  known: readonly SodOverride[],
  grantedBy: string,
  grantedAt: string,
): SodOverride[] {
  return requested
    .filter((o) => normalisedJustification(o.justification) !== '')
    .map((o) => {
      const text = normalisedJustification(o.justification);
      const same = known.find((k) => k.rule === 'ROL-06' && k.accountId === o.accountId && normalisedJustification(k.justification) === text);
      return same ?? { rule: 'ROL-06', accountId: o.accountId, justification: text, grantedBy, grantedAt, ...(o.accountId === grantedBy ? { selfGranted: true } : {}) };
    });
}

/** Deterministic choice among several overrides for one person: the latest grant wins, ties broken by text. */
function chooseOverride(overrides: readonly SodOverride[], accountId: string): SodOverride | undefined {
  return overrides
    .filter((o) => o.rule === 'ROL-06' && o.accountId === accountId)
    .slice()
    .sort((a, b) => (a.grantedAt === b.grantedAt ? (a.justification < b.justification ? -1 : 1) : a.grantedAt < b.grantedAt ? -1 : 1))
    .at(-1);
}

/** D27: an override granted by the person it concerns (stored with `selfGranted`, or recognisable by who granted it). */
export function isSelfGranted(o: Pick<SodOverride, 'accountId' | 'grantedBy' | 'selfGranted'>): boolean {
  return o.selfGranted === true || o.grantedBy === o.accountId;
}

// ---------------------------------------------------------------------------------------------------------------
// D27: who grants a ROL-06 override

/** Who grants an override: their account and Jira's answer to "Administer Jira" for them. */
export interface OverrideGrantor { accountId: string; isJiraAdmin: boolean }

export type OverrideGrantDecision = { allowed: true; selfGranted: boolean } | { allowed: false; rule: 'D27'; message: string };

/** A requested or stored override that its grantor could not grant (D27), with the reason to show. */
export interface OverrideGrantRefusal { rule: 'D27'; accountId: string; grantedBy: string; message: string }

const orList = (ids: readonly string[]): string => (ids.length <= 1 ? ids.join('') : `${ids.slice(0, -1).join(', ')} or ${ids[ids.length - 1]!}`);

/**
 * D27 (with D4): may `grantor` grant a ROL-06 override concerning `concerns`? Only a Jira administrator grants one,
 * and not for themselves while another Jira administrator exists (that one is asked instead); when the person
 * concerned is the only Jira administrator, the grant is allowed and recorded as self-granted. `jiraAdmins` are the
 * account ids of the site's Jira administrators (people, not apps).
 */
export function mayGrantOverride(concerns: string, grantor: OverrideGrantor, jiraAdmins: readonly string[]): OverrideGrantDecision {
  if (!grantor.isJiraAdmin) {
    return { allowed: false, rule: 'D27', message: `Only a Jira administrator grants a separation-of-duty override, and ${grantor.accountId} is not one: ask a Jira administrator to grant the override for ${concerns} (D27, D4).` };
  }
  if (concerns !== grantor.accountId) return { allowed: true, selfGranted: false };
  const others = [...new Set(jiraAdmins)].filter((a) => a !== grantor.accountId).sort(byText);
  if (others.length > 0) {
    return { allowed: false, rule: 'D27', message: `${grantor.accountId} may not grant an override of their own roles while another Jira administrator exists: ask ${orList(others)}, another Jira administrator, to grant it (D27).` };
  }
  return { allowed: true, selfGranted: true };
}

/**
 * The overrides of a list as one person saves it (D4, D27): `stampOverrides`, then every override granted now (not
 * kept from `known`) is checked with `mayGrantOverride`. `refusals` is empty when the grantor may grant them all.
 */
export function grantOverrides(
  requested: ReadonlyArray<{ accountId: string; justification: string }>,
  known: readonly SodOverride[],
  grant: { by: OverrideGrantor; at: string; jiraAdmins: readonly string[] },
): { overrides: SodOverride[]; refusals: OverrideGrantRefusal[] } {
  const overrides = stampOverrides(requested, known, grant.by.accountId, grant.at);
  const refusals: OverrideGrantRefusal[] = [];
  for (const o of overrides) {
    if (known.includes(o)) continue;
    const decision = mayGrantOverride(o.accountId, grant.by, grant.jiraAdmins);
    if (!decision.allowed) refusals.push({ rule: 'D27', accountId: o.accountId, grantedBy: grant.by.accountId, message: decision.message });
  }
  return { overrides, refusals };
}

const sameGrant = (a: SodOverride, b: SodOverride): boolean =>
  a.rule === b.rule && a.accountId === b.accountId && a.grantedBy === b.grantedBy && a.grantedAt === b.grantedAt && normalisedJustification(a.justification) === normalisedJustification(b.justification);

/**
 * D27 at approval: the overrides of a draft that the approved list does not already hold are checked again against
 * the Jira administrators of now (a draft saved before this rule, or a grant whose grantor lost the right meanwhile,
 * is refused); a grant by the person concerned that stands is marked self-granted.
 */
export function reviewGrants(overrides: readonly SodOverride[], approved: readonly SodOverride[], jiraAdmins: readonly string[]): { overrides: SodOverride[]; refusals: OverrideGrantRefusal[] } {
  const refusals: OverrideGrantRefusal[] = [];
  const out = overrides.map((o) => {
    if (approved.some((a) => sameGrant(a, o))) return o;
    const decision = mayGrantOverride(o.accountId, { accountId: o.grantedBy, isJiraAdmin: jiraAdmins.includes(o.grantedBy) }, jiraAdmins);
    if (!decision.allowed) { refusals.push({ rule: 'D27', accountId: o.accountId, grantedBy: o.grantedBy, message: decision.message }); return o; }
    return decision.selfGranted ? { ...o, selfGranted: true } : o;
  });
  return { overrides: out, refusals };
}

/** Whether a draft holds overrides the approved list does not (their grants need checking at approval, D27). */
export function newGrants(overrides: readonly SodOverride[], approved: readonly SodOverride[]): SodOverride[] {
  return overrides.filter((o) => !approved.some((a) => sameGrant(a, o)));
}

/**
 * Validate a whole list of assigned roles (WP.08). `ok` is false when there is at least one refusal; notices and
 * exceptions never block. Every finding names its rule.
 */
export function validateRoleAssignments(assignments: readonly SodAssignment[], options: SodOptions = {}): SodValidation {
  const areaMap = options.areaMap ?? DEFAULT_AREA_MAP;
  const overrides = options.overrides ?? [];
  const minLength = options.minJustificationLength ?? MIN_JUSTIFICATION_LENGTH;
  const refusals: SodFinding[] = [];
  const notices: SodFinding[] = [];
  const exceptions: SodException[] = [];
  const all = people(assignments);

  // ROL-04 / D4: the Service Manager is assigned at minimum, and before any other role.
  if (!all.some((p) => p.roles.has('SM'))) {
    const others = all.filter((p) => p.roles.size > 0).map((p) => p.accountId);
    refusals.push({
      rule: 'ROL-04', accountId: null, refs: ['D4', 'GO.1.2'],
      message: others.length > 0
        ? `No Service Manager (SM) is assigned, so the other roles (held by ${others.join(', ')}) cannot be saved: assign a Service Manager first (ROL-04, D4).`
        : 'The list of assigned roles must include a Service Manager (SM) (ROL-04, D4).',
    });
  }

  for (const p of all) {
    // ROL-01: only the eight role codes of the standard.
    for (const r of [...p.unknownRoles].sort()) {
      refusals.push({ rule: 'ROL-01', accountId: p.accountId, refs: [], message: `${p.accountId}: "${r}" is not one of the eight roles (${ROLE_CODES.join(', ')}) (ROL-01).` });
    }

    // ROL-06 / D4: CM + IM in one person, unless overridden with a written justification.
    if (needsRol06Override(p.roles)) {
      const override = chooseOverride(overrides, p.accountId);
      const justification = override ? normalisedJustification(override.justification) : '';
      if (override && justification.length >= minLength) {
        const selfGranted = isSelfGranted(override);
        exceptions.push({
          rule: 'ROL-06', accountId: p.accountId, roles: ['CM', 'IM'], justification, grantedBy: override.grantedBy, grantedAt: override.grantedAt, selfGranted,
          message: selfGranted
            ? `SoD exception: ${p.accountId} holds ${roleNames(['CM', 'IM'])}; the override was self-granted by ${p.accountId} (allowed only to the only Jira administrator) with the justification "${justification}". A self-granted override is a finding for the conformance review (ROL-06, D4, D27).`
            : `SoD exception: ${p.accountId} holds ${roleNames(['CM', 'IM'])}, accepted by ${override.grantedBy} with the justification "${justification}" (ROL-06, D4).`,
        });
      } else {
        refusals.push({
          rule: 'ROL-06', accountId: p.accountId, refs: ['D4', 'GAP-14'],
          message: override
            ? `${p.accountId} holds ${roleNames(['CM', 'IM'])}; the override's justification must be at least ${minLength} characters (it has ${justification.length}) (ROL-06, D4).`
            : `${p.accountId} holds ${roleNames(['CM', 'IM'])}: the Control Manager should not be combined with the Incident Manager. An admin may override this with a written justification (ROL-06, D4).`,
        });
      }
    } else if (chooseOverride(overrides, p.accountId)) {
      notices.push({ rule: 'ROL-06', accountId: p.accountId, refs: ['D4'], message: `${p.accountId} no longer holds both CM and IM; the SoD override is not needed and is not listed as an exception (ROL-06).` });
    }

    // ROL-07 / D5: the areas named are areas of the map (exactly as written: "in" is not IN), and a practitioner
    // who gives a list works in at least one of them.
    const areas = Object.keys(areaMap).sort(byText);
    for (const area of [...p.namedAreas].sort(byText)) {
      if (areas.includes(area)) continue;
      const meant = areas.find((a) => a.toUpperCase() === area.trim().toUpperCase());
      refusals.push({
        rule: 'ROL-07', accountId: p.accountId, refs: ['D5'],
        message: `${p.accountId}: practitionerAreas names "${area}", which is not an area of the separation-of-duty rules${meant ? ` (did you mean "${meant}"?)` : ''}; the areas are ${areas.join(', ')} (ROL-07, D5).`,
      });
    }
    if (p.roles.has(PRACTITIONER_ROLE) && p.practitionerAreas !== 'all' && p.practitionerAreas.size === 0) {
      refusals.push({
        rule: 'ROL-07', accountId: p.accountId, refs: ['D5'],
        message: `${p.accountId} is a Practitioner (PT) with an empty list of practitionerAreas: a practitioner works in at least one area (${areas.join(', ')}); leave the list out to count them in every area (ROL-07, D5).`,
      });
    }

    // ROL-07 / D5: manager and practitioner in the same area, "at no time" (no override).
    if (p.roles.has(PRACTITIONER_ROLE)) {
      for (const area of areas) {
        const managerRoles = (areaMap[area] ?? []).filter((r) => r !== PRACTITIONER_ROLE && p.roles.has(r));
        const practisesHere = p.practitionerAreas === 'all' || p.practitionerAreas.has(area);
        if (managerRoles.length > 0 && practisesHere) {
          refusals.push({
            rule: 'ROL-07', accountId: p.accountId, refs: ['D5', 'GAP-13'],
            message: `${p.accountId} holds ${roleNames(managerRoles)} and is a Practitioner (PT) in area ${area}${p.practitionerAreas === 'all' ? ' (no practitioner areas are given, so every area counts)' : ''}: nobody may be manager and practitioner in the same area (ROL-07, D5).`,
          });
        }
      }
    }

    // ROL-10 (ROL-08 allows it): SM + CM defines (CO.1.2) and approves (CO.1.3) the change procedures.
    if (p.roles.has('SM') && p.roles.has('CM')) {
      notices.push({
        rule: 'ROL-10', accountId: p.accountId, refs: ['ROL-08', 'CO.1.3'],
        message: `SoD notice: ${p.accountId} is Service Manager and Control Manager, so the same person defines and approves the change procedures (CO.1.2, CO.1.3). Allowed (ROL-08), shown for transparency (ROL-10).`,
      });
    }
  }

  return { ok: refusals.length === 0, refusals, notices, exceptions };
}

// ---------------------------------------------------------------------------------------------------------------
// D7 / ROL-11: may this person approve this change?

export interface ChangeApprovalQuestion {
  approverId: string;
  /** The roles the approver holds now (from the list of assigned roles). */
  approverRoles: readonly RoleCode[];
  changeType: ChangeType;
  step: ApprovalStep;
  /** The roles that may approve this step, from the change rules (`approvalAuthority(type, step)`); empty = no approval step. */
  requiredRoles: readonly RoleCode[];
  /** The task or rule that names the required roles (e.g. 'CO.2.1', 'CO.3.2', 'D16'), for the message. */
  authorityRule: string;
  requesterId: string | null;
  builderIds: readonly string[];
  deployerIds: readonly string[];
}

export type ApprovalConflict = 'not-authorised' | 'requested' | 'built' | 'deploys';

export interface ApprovalReason { rule: 'ROL-11' | 'D7'; conflict: ApprovalConflict; refs: readonly string[]; message: string }

export type ApprovalDecision = { allowed: true; reasons: [] } | { allowed: false; reasons: ApprovalReason[] };

/**
 * D7 and ROL-11: answer whether `approverId` may approve, with every reason when not (not only the first):
 * not holding a required role, having requested the change, having built it, being a planned deployer.
 */
export function mayApproveChange(q: ChangeApprovalQuestion): ApprovalDecision {
  const reasons: ApprovalReason[] = [];
  const who = q.approverId;
  const holds = q.requiredRoles.filter((r) => q.approverRoles.includes(r));
  if (q.requiredRoles.length === 0) {
    reasons.push({ rule: 'ROL-11', conflict: 'not-authorised', refs: [q.authorityRule], message: `A ${q.changeType} change has no "${q.step}" approval step (${q.authorityRule}).` });
  } else if (holds.length === 0) {
    const needed = q.requiredRoles.map((r) => `a ${ROLES[r].name} (${r})`).join(' or ');
    reasons.push({ rule: 'ROL-11', conflict: 'not-authorised', refs: [q.authorityRule], message: `${who} is not ${needed}, who approves this step of a ${q.changeType} change (ROL-11, ${q.authorityRule}).` });
  }
  if (q.requesterId !== null && q.requesterId === who) {
    reasons.push({ rule: 'D7', conflict: 'requested', refs: ['ROL-05'], message: `${who} requested this change and cannot approve it (D7).` });
  }
  if (q.builderIds.includes(who)) {
    reasons.push({ rule: 'D7', conflict: 'built', refs: ['ROL-07', 'CO.2.4'], message: `${who} built this change and cannot approve it (D7).` });
  }
  if (q.deployerIds.includes(who)) {
    reasons.push({ rule: 'D7', conflict: 'deploys', refs: ['ROL-07', 'CO.3.4'], message: `${who} will deploy this change and cannot approve it (D7).` });
  }
  return reasons.length === 0 ? { allowed: true, reasons: [] } : { allowed: false, reasons };
}
