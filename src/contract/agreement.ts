/**
 * Customer and supplier agreements (WP.03, WP.21; RE.2.1, RE.2.2, RE.2.5; D18, D19, D23): the agreement part of the
 * issue panel (`agreement.*`, lazy-loaded chunk static/src/agreement) and the "Agreements" tab of the service team's
 * page (`globalPage.agreements.list`). The Custom UI imports this through `@contract/agreement`.
 */
import { z } from 'zod';
import { SIGN_OFF_CHANNELS, type AgreementStatus, type SignOffChannel } from '../domain/agreement/approval';
import type { AgreementIssue } from '../domain/agreement/check';
import { agreementContentSchema, AGREEMENT_KIND_LABELS, type AgreementApproverRole, type AgreementContent, type AgreementKind } from '../domain/agreement/content';
import type { ConflictMeasure } from '../domain/agreement/conflicts';
import type { PolicyIssue, ServiceDeliveryPolicy } from '../domain/policy';

export type { AgreementApproverRole, AgreementContent, AgreementIssue, AgreementKind, AgreementStatus, PolicyIssue, ServiceDeliveryPolicy, SignOffChannel };
export { AGREEMENT_KIND_LABELS, SIGN_OFF_CHANNELS };
export { checkAgreement } from '../domain/agreement/check';
export { policyUnderAgreement } from '../domain/agreement/in-force';
/** The policy editor's calendar import, run in the browser for an agreement's holidays (pure, D10). */
export { parseIcsHolidays } from '../domain/sla/ics';

export interface AgreementPerson { accountId: string; displayName: string }

export interface AgreementSignOffView {
  role: AgreementApproverRole;
  /** Who signed (MGT, SM) or recorded the other party's sign-off (CUS, SUP). */
  by: AgreementPerson;
  at: string;
  how: SignOffChannel | null;
  givenBy: string | null;
}

export interface AgreementVersionView {
  version: number;
  status: AgreementStatus;
  approvedAt: string;
  content: AgreementContent;
  signOffs: AgreementSignOffView[];
}

export interface AgreementConflictView {
  /** The other agreement of the conflict, to link to. */
  other: { issueKey: string; title: string; role: 'customer' | 'underpinning' };
  service: string;
  priority: string;
  measure: ConflictMeasure;
  message: string;
  /** Between approved versions (true) or involving this agreement's draft (false). */
  approved: boolean;
}

export interface AgreementSection {
  /** D26: the service team sees everything; anyone else only the version in force, without internals. */
  audience: 'team' | 'customer';
  kind: AgreementKind;
  status: AgreementStatus | 'None';
  /** The version in force (RE-09: it stays so while a changed draft is being approved). */
  current: AgreementVersionView | null;
  draft: {
    revision: number;
    baseVersion: number | null;
    content: AgreementContent;
    updatedBy: AgreementPerson;
    updatedAt: string;
    signOffs: AgreementSignOffView[];
    /** "Needs the sign-off of Management and the customer." */
    needed: string;
    /** What stands in the way of approval (RE-08, SLM-09, ROL-12, …), each naming its field. */
    issues: AgreementIssue[];
    /** SLM-08: why no sign-off is taken now (approval refused), or null. */
    refusal: string | null;
  } | null;
  /** Earlier approved versions, newest first (D23). */
  earlier: AgreementVersionView[];
  /** RE-08 on the version in force: its services outside the approved catalogue. */
  outsideCatalogue: string[];
  conflicts: AgreementConflictView[];
  /** D18: the review of the version in force. */
  review: { dueOn: string; due: boolean; nextOn: string; lastReviewedOn: string | null } | null;
  /** Agreements through Jira's REST API: what was wrong with the content in the description (nothing drafted). */
  imported: { at: string; problems: string[] } | null;
  /** The approved catalogue's services (names), for the services picker. */
  catalogue: string[];
  /** The policy the agreement's terms default to (its editor starts from them; checks use its matrix). */
  policy: { policy: ServiceDeliveryPolicy; version: number | null } | null;
  /** A starting content for the first draft (the policy's hours and targets). */
  starter: AgreementContent | null;
  /** Display names of the people the agreement names. */
  people: AgreementPerson[];
  today: string;
  actions: {
    edit: { allowed: boolean; reason: string | null };
    /** The roles the viewer may sign the draft as (MGT, SM), and the parties whose sign-off they may record (CUS, SUP). */
    signAs: AgreementApproverRole[];
    record: AgreementApproverRole[];
    signReason: string | null;
    review: { allowed: boolean; reason: string | null };
  };
  why: string;
}

/** One row of the "Agreements" tab. */
export interface AgreementListRow {
  issueKey: string;
  title: string;
  kind: AgreementKind | null;
  party: string | null;
  services: string[];
  status: AgreementStatus;
  version: number;
  draftRevision: number | null;
  review: { dueOn: string; due: boolean; nextOn: string } | null;
  conflicts: Array<{ otherKey: string; message: string }>;
  /** Content in the description could not be read (REST path). */
  importProblems: string[];
}

export interface AgreementListView { rows: AgreementListRow[]; today: string; siteUrl: string | null }

const revision = z.number().int().positive();

export const agreementPanelPayloads = {
  'agreement.saveDraft': z.object({ content: agreementContentSchema, expectedRevision: revision.nullable() }).strict(),
  'agreement.signOff': z.object({ revision, role: z.enum(['MGT', 'SM']) }).strict(),
  'agreement.recordPartySignOff': z.object({
    revision, role: z.enum(['CUS', 'SUP']), how: z.enum(SIGN_OFF_CHANNELS, { error: `How given must be one of ${SIGN_OFF_CHANNELS.join(', ')}` }),
    givenBy: z.string().trim().min(1, 'Given by is required: name the person who signed for the other party.').max(200),
  }).strict(),
  'agreement.discardDraft': z.object({ revision }).strict(),
  'agreement.recordReview': z.object({ on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Reviewed on must be a date YYYY-MM-DD') }).strict(),
  'agreement.organizations': z.object({}).strict(),
  'agreement.people': z.object({ query: z.string().trim().min(1).max(100) }).strict(),
} as const;

export const agreementGlobalPayloads = {
  'globalPage.agreements.list': z.object({}).strict(),
} as const;

export type AgreementFunctionKey = keyof typeof agreementPanelPayloads | keyof typeof agreementGlobalPayloads;

export interface AgreementAnswers {
  'agreement.saveDraft': AgreementSection;
  'agreement.signOff': AgreementSection;
  'agreement.recordPartySignOff': AgreementSection;
  'agreement.discardDraft': AgreementSection;
  'agreement.recordReview': AgreementSection;
  'agreement.organizations': Array<{ id: string; name: string }>;
  'agreement.people': AgreementPerson[];
  'globalPage.agreements.list': AgreementListView;
}
