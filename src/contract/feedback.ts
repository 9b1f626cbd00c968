/**
 * Feedback (issue #14): the customer experience approach (WP.04; GO.2.3, GO-09) and the feedback log (WP.06; RE.2.3,
 * RE-10) on the service team's page; the customer's own feedback in the portal (D26); the satisfaction rating at
 * closure in the issue panel and the portal request view. The Custom UI imports this through `@contract/feedback`.
 */
import { z } from 'zod';
import { PARTY_SIGNOFF_WAYS, targetsSchema, type ApproachTargets, type Party, type PartySignOffWay } from '../domain/feedback/approach';
import type { Score } from '../domain/feedback/figures';
import { contactSchema, FEEDBACK_CHANNELS, FEEDBACK_FROM, FEEDBACK_KINDS, FEEDBACK_STEPS, ISSUE_KEY, type FeedbackChannel, type FeedbackFrom, type FeedbackKind, type FeedbackStatus, type FeedbackStep } from '../domain/feedback/log';

export type { ApproachTargets, FeedbackChannel, FeedbackFrom, FeedbackKind, FeedbackStatus, FeedbackStep, Party, PartySignOffWay, Score };

export interface PersonRef { accountId: string; displayName: string }

export interface ApproachSignOffView { party: Party; name: string; how: PartySignOffWay; recordedBy: PersonRef; at: string }

export interface ApproachVersionView { version: number; status: string; sections: Record<string, string>; targets: ApproachTargets; signOffs: ApproachSignOffView[]; draftedBy: PersonRef; approvedBy: PersonRef | null; approvedAt: string | null }

export interface ApproachView {
  sections: Array<{ key: string; label: string; hint: string }>;
  current: ApproachVersionView | null;
  draft: { revision: number; baseVersion: number | null; sections: Record<string, string>; targets: ApproachTargets; signOffs: ApproachSignOffView[]; updatedBy: PersonRef; updatedAt: string } | null;
  starter: { sections: Record<string, string>; targets: ApproachTargets };
  /** "Needs the agreement of the customer and the supplier, then Management’s approval." */
  needed: string;
  earlier: ApproachVersionView[];
  edit: { allowed: boolean; reason: string | null };
  approve: { allowed: boolean; reason: string | null };
}

export interface StepView { step: FeedbackStep; by: PersonRef; at: string; text: string }

export interface DeadlineView { dueAt: string; doneAt: string | null; overdue: boolean }

export interface FeedbackEntryView {
  id: string;
  kind: FeedbackKind;
  from: FeedbackFrom;
  organization: { id: string; name: string } | null;
  contact: { name: string; email: string; phone: string; company: string; specialNeeds: string };
  description: string;
  receivedAt: string;
  channel: FeedbackChannel;
  issueKey: string | null;
  recordedBy: PersonRef;
  recordedAt: string;
  sentThroughPortal: boolean;
  status: FeedbackStatus;
  escalated: boolean;
  steps: StepView[];
  /** Against the approach's targets (null before an approach is approved). */
  deadlines: { acknowledge: DeadlineView; answer: DeadlineView } | null;
}

export interface FeedbackPageView {
  approach: ApproachView;
  log: { status: 'Maintained' | 'Updated'; updatedAt: string | null; count: number };
  entries: FeedbackEntryView[];
  /** The organizations to filter by and to pick when recording (JSM organizations; empty without JSM). */
  organizations: Array<{ id: string; name: string }>;
  record: { allowed: boolean; reason: string | null };
  /** Whether the viewer may handle entries; `reason` says why not (role, or GO-09 before the approach is approved). */
  handle: { allowed: boolean; reason: string | null };
  now: string;
}

/** D26: the customer's own entry as the portal shows it: its status and the answer, never the investigation notes. */
export interface CustomerFeedbackView { id: string; kind: FeedbackKind; description: string; receivedAt: string; issueKey: string | null; status: FeedbackStatus; acknowledgedAt: string | null; answer: { text: string; at: string } | null; closedAt: string | null }

export interface PortalFeedbackView { entries: CustomerFeedbackView[] }

export interface RatingView { rater: PersonRef; score: Score; comment: string; at: string; earlier: number }

/** The satisfaction part of an incident's view (the panel and the portal request view). */
export interface SatisfactionView {
  resolved: boolean;
  /** The viewer's own rating, if any. */
  mine: RatingView | null;
  /** Every rating (the service team only; a customer sees only their own). */
  all: RatingView[] | null;
  rate: { allowed: boolean; reason: string | null };
  /** Whether the viewer may ask for JSM's own rating (the service team, on demand: it costs a Jira call). */
  jsmReadable: boolean;
}

export interface JsmRatingView { rating: Score | null; comment: string | null }

const labelled = (message: string) => ({ message, params: { labelled: true } });
const revision = z.number().int().positive();
const description = z.string().trim().min(1, labelled('Description is required.')).max(4000, labelled('Description may be at most 4000 characters long.'));
const issueKey = z.string().trim().toUpperCase().regex(ISSUE_KEY, labelled('Request must be an issue key such as SD-12.'));
const sections = z.record(z.string(), z.string().max(8000, labelled('A section may be at most 8000 characters long.')));

export const feedbackGlobalPayloads = {
  'globalPage.feedback.load': z.object({}).strict(),
  'globalPage.feedback.approach.saveDraft': z.object({ sections, targets: targetsSchema, expectedRevision: revision.nullable() }).strict(),
  'globalPage.feedback.approach.recordSignOff': z.object({
    revision, party: z.enum(['CUS', 'SUP']), name: z.string().trim().min(1, labelled('Who agreed is required.')).max(200, labelled('Who agreed may be at most 200 characters long.')), how: z.enum(PARTY_SIGNOFF_WAYS),
  }).strict(),
  'globalPage.feedback.approach.approve': z.object({ revision }).strict(),
  'globalPage.feedback.approach.discardDraft': z.object({ revision }).strict(),
  'globalPage.feedback.record': z.object({
    kind: z.enum(FEEDBACK_KINDS), from: z.enum(FEEDBACK_FROM), organizationId: z.string().trim().max(64).nullable().default(null), contact: contactSchema,
    description, receivedAt: z.string().datetime({ offset: true, message: 'Date and time of the interaction must be a date and time.' }), channel: z.enum(FEEDBACK_CHANNELS),
    issueKey: issueKey.nullable().default(null),
  }).strict(),
  'globalPage.feedback.step': z.object({ id: z.string().trim().regex(/^FB-\d+$/, labelled('Entry must be an id such as FB-3.')), step: z.enum(FEEDBACK_STEPS), text: z.string().max(4000, labelled('The text may be at most 4000 characters long.')).default('') }).strict(),
} as const;

export const feedbackPortalPayloads = {
  'portalHome.feedback.load': z.object({}).strict(),
  'portalHome.feedback.send': z.object({
    kind: z.enum(FEEDBACK_KINDS), description, issueKey: issueKey.nullable().default(null),
    phone: z.string().trim().max(60, labelled('Phone may be at most 60 characters long.')).default(''),
    specialNeeds: z.string().trim().max(500, labelled('Special needs may be at most 500 characters long.')).default(''),
  }).strict(),
} as const;

export const satisfactionPanelPayloads = {
  'satisfaction.rate': z.object({
    score: z.number().int().min(1, labelled('Rating must be from 1 to 5.')).max(5, labelled('Rating must be from 1 to 5.')),
    comment: z.string().trim().max(2000, labelled('Comment may be at most 2000 characters long.')).default(''),
  }).strict(),
  'satisfaction.jsmRating': z.object({}).strict(),
} as const;

export type FeedbackFunctionKey = keyof typeof feedbackGlobalPayloads | keyof typeof feedbackPortalPayloads | keyof typeof satisfactionPanelPayloads;

export interface FeedbackAnswers {
  'globalPage.feedback.load': FeedbackPageView;
  'globalPage.feedback.approach.saveDraft': FeedbackPageView;
  'globalPage.feedback.approach.recordSignOff': FeedbackPageView;
  'globalPage.feedback.approach.approve': FeedbackPageView;
  'globalPage.feedback.approach.discardDraft': FeedbackPageView;
  'globalPage.feedback.record': FeedbackPageView;
  'globalPage.feedback.step': FeedbackPageView;
  'portalHome.feedback.load': PortalFeedbackView;
  'portalHome.feedback.send': PortalFeedbackView;
  'satisfaction.rate': SatisfactionView;
  'satisfaction.jsmRating': JsmRatingView;
}
