/**
 * Customer and supplier agreements (WP.03, WP.21; RE.2.1–RE.2.5; D18, D19; SLM-04..SLM-09): the structured content
 * the app owns for an agreement issue. One shape for a customer agreement (an SLA with a JSM organization, or a master
 * agreement covering every customer when `party.organizationId` is null, D18/SLM-05), a supplier agreement (WP.21)
 * and an internal agreement (OLA, SLM-07). The SLA-relevant part (service hours, per-priority targets, the optional
 * impact × urgency matrix override, D8) has exactly the shape of the policy's (WP.14), so the SLA engine reads an
 * agreement the way it reads the policy.
 *
 * Shapes only here; the rules (RE-08, D19, approval) are in the sibling modules.
 */
import { z } from 'zod';
import { policySchema, type PriorityTargets, type ServiceHours } from '../policy';
import type { Priority } from '../priority-matrix';

export const AGREEMENT_KINDS = ['customer', 'supplier', 'internal'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

export const AGREEMENT_KIND_LABELS: Readonly<Record<AgreementKind, string>> = {
  customer: 'Customer agreement',
  supplier: 'Supplier agreement',
  internal: 'Internal agreement',
};

/** RE.2.2 / ROL-12: the approving parties are chosen per agreement (by its content). */
export const AGREEMENT_APPROVER_ROLES = ['MGT', 'SM', 'CUS', 'SUP'] as const;
export type AgreementApproverRole = (typeof AGREEMENT_APPROVER_ROLES)[number];

const text = (max: number) => z.string({ error: 'must be text' }).max(max, `must be at most ${String(max)} characters`);
const isoDate = z.string({ error: 'must be a date YYYY-MM-DD' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const policyShape = policySchema.shape;

/**
 * The content of one agreement version, as stored, as the panel sends it, and as an admin may write it in the issue's
 * description (docs/admin-guide.md "Agreements through Jira's REST API"). Strict: unknown fields are refused.
 */
export const agreementContentSchema = z.strictObject({
  kind: z.enum(AGREEMENT_KINDS, { error: `must be one of ${AGREEMENT_KINDS.join(', ')}` }),
  /** The other party. For a customer agreement, the JSM organization (null id: a master agreement for all customers). */
  party: z.strictObject({
    organizationId: z.string().max(64).nullable(),
    name: text(200),
  }),
  /** The catalogue services covered (WP.10 service names, matched without regard to case). RE-08 needs one approved. */
  services: z.array(text(200)).max(200, 'must have at most 200 entries'),
  /** D10 for this agreement: the calendar its `serviceHours` clocks run on. */
  serviceHours: policyShape.serviceHours,
  /** D9 for this agreement: targets per priority (business minutes on `serviceHours` clocks). */
  targets: policyShape.targets,
  /** D8: an impact × urgency matrix of its own, or null to use the policy's. */
  priorityMatrix: policyShape.priorityMatrix.nullable(),
  /** D12: the customer contacts (Atlassian account ids) who may confirm a resolution besides the reporter. */
  contacts: z.array(z.string().min(1).max(128)).max(50, 'must have at most 50 entries'),
  /** WP.03/WP.21: the defined owners for the VSE (an account id) and for the other party (a name). */
  owners: z.strictObject({ provider: z.string().max(128), party: text(200) }),
  /** WP.03/WP.21 key dates; the review is due every `reviewIntervalMonths` (D18: quarterly by default). */
  keyDates: z.strictObject({
    start: isoDate,
    end: isoDate.nullable(),
    reviewOn: isoDate,
    reviewIntervalMonths: z.number().int('must be a whole number of months').min(1, 'must be at least 1 month').max(36, 'must be at most 36 months'),
  }),
  /** RE.2.2, ROL-12: the parties whose sign-off approves this agreement. */
  approvers: z.array(z.enum(AGREEMENT_APPROVER_ROLES, { error: `must be one of ${AGREEMENT_APPROVER_ROLES.join(', ')}` })).max(4),
  /** SLM-09: the feasibility assessment (resources, capacity, historical performance). */
  feasibility: text(8000),
  /** The rest of WP.03/WP.21 in words: requirements, communication, charging, procedures, acceptance, warranty… */
  terms: text(20000),
});

export type AgreementContent = z.infer<typeof agreementContentSchema>;

/** The SLA-relevant part an incident takes from the agreement covering it (D8, D9, D10, D18). */
export interface AgreementSlaTerms {
  serviceHours: ServiceHours;
  targets: Partial<Record<Priority, PriorityTargets>>;
  priorityMatrix: AgreementContent['priorityMatrix'];
}

/**
 * One approved version of an agreement, as the SLA engine and the reports read it (app storage, entity
 * `agreement-version`; written only when the app approves a version, RE.2.2). Versions are never rewritten (D23).
 */
export interface ApprovedAgreementVersion {
  issueId: string;
  issueKey: string;
  /** The issue's summary when approved, to name the agreement in words. */
  title: string;
  version: number;
  /** Epoch ms of the approval: the version applies to incidents created from then on. */
  approvedAt: number;
  content: AgreementContent;
}

/** What an incident's panel and record say about the agreement its clocks run on. */
export interface AgreementRef { issueKey: string; title: string; version: number }
