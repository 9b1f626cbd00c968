/**
 * D18: which agreement an incident's clocks run on, and the policy they then run under. An incident takes the
 * calendar, the per-priority targets and (when the agreement has one) the impact × urgency matrix (D8) of the approved
 * customer agreement that covered its customer's organization and its service when it was created; the policy's
 * defaults apply only where no agreement covers it. A later version or a new agreement applies to incidents created
 * after its approval, never to running ones (RE.2.5), so the choice is a function of the incident's creation.
 */
import type { ServiceDeliveryPolicy } from '../policy';
import type { AgreementRef, AgreementSlaTerms, ApprovedAgreementVersion } from './content';

export interface CoverageQuery {
  /** The JSM organizations the incident is shared with (the customer's). */
  organizationIds: readonly string[];
  /** The affected services named on the incident (catalogue service names). */
  services: readonly string[];
  /** Epoch ms of the incident's creation. */
  createdAt: number;
}

const lower = (s: string): string => s.trim().toLowerCase();
const dayOf = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** Each agreement's latest approved version at `at` (approved at or before it). */
export function versionsInForceAt(versions: readonly ApprovedAgreementVersion[], at: number): ApprovedAgreementVersion[] {
  const latest = new Map<string, ApprovedAgreementVersion>();
  for (const v of versions) {
    if (v.approvedAt > at) continue;
    const seen = latest.get(v.issueId);
    if (!seen || v.version > seen.version) latest.set(v.issueId, v);
  }
  return [...latest.values()];
}

/**
 * The customer agreement version covering the incident, or null. A version covers it when it is a customer agreement
 * in its term (start ≤ creation day ≤ end), for one of the incident's organizations or for every customer (a master
 * agreement, D18), and its services include one the incident names (any of them when the incident names none). An
 * agreement for the organization wins over the master; then one that names the incident's service; then the latest
 * approval; then the issue key (deterministic).
 */
export function agreementCovering(versions: readonly ApprovedAgreementVersion[], q: CoverageQuery): ApprovedAgreementVersion | null {
  const day = dayOf(q.createdAt);
  const orgs = new Set(q.organizationIds);
  const services = new Set(q.services.map(lower));
  let best: { v: ApprovedAgreementVersion; score: number } | null = null;
  for (const v of versionsInForceAt(versions, q.createdAt)) {
    const c = v.content;
    if (c.kind !== 'customer') continue;
    if (c.keyDates.start > day || (c.keyDates.end !== null && c.keyDates.end < day)) continue;
    const forOrg = c.party.organizationId !== null && orgs.has(c.party.organizationId);
    if (c.party.organizationId !== null && !forOrg) continue;
    const namesService = c.services.some((s) => services.has(lower(s)));
    if (services.size > 0 && !namesService) continue;
    const score = (forOrg ? 2 : 0) + (namesService ? 1 : 0);
    if (!best || score > best.score || (score === best.score && (v.approvedAt > best.v.approvedAt || (v.approvedAt === best.v.approvedAt && v.issueKey < best.v.issueKey)))) {
      best = { v, score };
    }
  }
  return best?.v ?? null;
}

/** The policy an incident's clocks and classification run under: the policy with the agreement's terms (D8, D9, D10). */
export function policyUnderAgreement(policy: ServiceDeliveryPolicy, terms: AgreementSlaTerms): ServiceDeliveryPolicy {
  return {
    ...policy,
    serviceHours: terms.serviceHours,
    targets: terms.targets,
    priorityMatrix: terms.priorityMatrix ?? policy.priorityMatrix,
  };
}

export const agreementRefOf = (v: ApprovedAgreementVersion): AgreementRef => ({ issueKey: v.issueKey, title: v.title, version: v.version });

/** The matrix an agreement overrides the policy's with (D8), as the priority rules read it. */
export interface AgreementInForce {
  ref: AgreementRef;
  /** D12: the customer contacts who may confirm a resolution besides the reporter. */
  contacts: readonly string[];
  matrix: { scheme: NonNullable<AgreementSlaTerms['priorityMatrix']>['scheme']; cells: NonNullable<AgreementSlaTerms['priorityMatrix']>['cells'] } | null }

/**
 * The policy an incident under `v` runs on: the policy with the agreement's service hours and targets (D9, D10). The
 * matrix stays the policy's here; the agreement's own matrix is applied by the priority rules (explainPriority), which
 * say which matrix gave the priority and fall back to the policy's when the agreement's is unusable (INC-10).
 * One object per (policy, agreement version), so the engine's per-policy caches serve every incident under it.
 */
const underAgreement = new WeakMap<ServiceDeliveryPolicy, Map<string, ServiceDeliveryPolicy>>();
export function incidentPolicyUnder(policy: ServiceDeliveryPolicy, v: ApprovedAgreementVersion): ServiceDeliveryPolicy {
  let byVersion = underAgreement.get(policy);
  if (!byVersion) { byVersion = new Map(); underAgreement.set(policy, byVersion); }
  const key = `${v.issueId}:${String(v.version)}`;
  let derived = byVersion.get(key);
  if (!derived) {
    derived = { ...policy, serviceHours: v.content.serviceHours, targets: v.content.targets };
    byVersion.set(key, derived);
  }
  return derived;
}

export const agreementInForceOf = (v: ApprovedAgreementVersion): AgreementInForce => ({ ref: agreementRefOf(v), contacts: v.content.contacts, matrix: v.content.priorityMatrix });
