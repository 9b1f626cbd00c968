/**
 * The feedback log (WP.06; RE.2.3, RE-10): every compliment, complaint and comment from a customer or a supplier,
 * with the WP.04 fields, and its handling — acknowledged, investigated, answered, escalated, closed — each step with
 * who and when, appended, never changed or deleted (D23). Pure: time is a parameter.
 *
 * Rules:
 * - RE-10: every entry is accepted, whether or not the approach is approved (nothing is lost);
 * - GO-09: the handling steps (RE.2.3) run only once the customer experience approach (WP.04) is approved;
 * - RE.2.3: steps follow the approach's order: acknowledge first; investigate, answer and escalate after that;
 *   close once answered; nothing after closing;
 * - the approach's targets: acknowledge within N days, answer within M days of the interaction (overdue shown).
 */
import { z } from 'zod';
import type { ApproachTargets } from './approach';

export const FEEDBACK_KINDS = ['compliment', 'complaint', 'comment'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];
export const FEEDBACK_FROM = ['customer', 'supplier'] as const;
export type FeedbackFrom = (typeof FEEDBACK_FROM)[number];
export const FEEDBACK_CHANNELS = ['portal', 'e-mail', 'phone', 'meeting'] as const;
export type FeedbackChannel = (typeof FEEDBACK_CHANNELS)[number];
export const FEEDBACK_STEPS = ['acknowledged', 'investigated', 'answered', 'escalated', 'closed'] as const;
export type FeedbackStep = (typeof FEEDBACK_STEPS)[number];
export const FEEDBACK_STATUSES = ['received', 'acknowledged', 'answered', 'closed'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export const KIND_WORDS: Readonly<Record<FeedbackKind, string>> = { compliment: 'Compliment', complaint: 'Complaint', comment: 'Comment' };
export const STEP_WORDS: Readonly<Record<FeedbackStep, string>> = { acknowledged: 'Acknowledged', investigated: 'Investigated', answered: 'Answered', escalated: 'Escalated', closed: 'Closed' };
export const STATUS_WORDS: Readonly<Record<FeedbackStatus, string>> = { received: 'Received', acknowledged: 'Acknowledged', answered: 'Answered', closed: 'Closed' };

export interface Contact { name: string; email: string; phone: string; company: string; specialNeeds: string }

export interface StepRecord { step: FeedbackStep; by: string; at: string; text: string }

export interface FeedbackEntry {
  /** FB-1, FB-2, … (unique, allocated once). */
  id: string;
  seq: number;
  kind: FeedbackKind;
  from: FeedbackFrom;
  organization: { id: string; name: string } | null;
  contact: Contact;
  description: string;
  /** The time and date of the interaction (ISO). */
  receivedAt: string;
  channel: FeedbackChannel;
  issueKey: string | null;
  recordedBy: string;
  recordedAt: string;
  /** The portal customer who sent it themselves (they see it in the portal), or null when staff recorded it. */
  submittedBy: string | null;
  steps: StepRecord[];
}

const labelled = (message: string) => ({ message, params: { labelled: true } });
const text = (label: string, max: number) => z.string().trim().max(max, labelled(`${label} may be at most ${max} characters long.`));

export const contactSchema = z.object({
  name: text('Name', 200).default(''),
  email: text('E-mail', 200).default(''),
  phone: text('Phone', 60).default(''),
  company: text('Company', 200).default(''),
  specialNeeds: text('Special needs', 500).default(''),
}).strict();

export const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-\d+$/;

export const feedbackEntrySchema = z.object({
  id: z.string(), seq: z.number().int().positive(), kind: z.enum(FEEDBACK_KINDS), from: z.enum(FEEDBACK_FROM),
  organization: z.object({ id: z.string(), name: z.string() }).nullable(), contact: contactSchema, description: z.string(),
  receivedAt: z.string(), channel: z.enum(FEEDBACK_CHANNELS), issueKey: z.string().nullable(), recordedBy: z.string(), recordedAt: z.string(),
  submittedBy: z.string().nullable(), steps: z.array(z.object({ step: z.enum(FEEDBACK_STEPS), by: z.string(), at: z.string(), text: z.string() })),
});

export const feedbackId = (seq: number): string => `FB-${seq}`;

const has = (e: Pick<FeedbackEntry, 'steps'>, step: FeedbackStep) => e.steps.some((s) => s.step === step);
const first = (e: Pick<FeedbackEntry, 'steps'>, step: FeedbackStep) => e.steps.find((s) => s.step === step) ?? null;

/** Where the entry stands (its furthest step). */
export function statusOf(e: Pick<FeedbackEntry, 'steps'>): FeedbackStatus {
  if (has(e, 'closed')) return 'closed';
  if (has(e, 'answered')) return 'answered';
  if (has(e, 'acknowledged')) return 'acknowledged';
  return 'received';
}

/**
 * May this step be recorded now? Null when it may, else the words of the rule broken. `approachApproved`: whether
 * WP.04 has an approved version (GO-09).
 */
export function stepRefusal(e: Pick<FeedbackEntry, 'steps' | 'id'>, step: FeedbackStep, approachApproved: boolean, stepText: string): string | null {
  if (!approachApproved) return 'The customer experience approach is not approved yet: feedback is recorded, but it is acknowledged, investigated and answered only once Management has approved the approach (GO-09).';
  if (has(e, 'closed')) return `${e.id} is closed; nothing more is recorded on it.`;
  if (step === 'acknowledged') return has(e, 'acknowledged') ? `Receipt of ${e.id} was already acknowledged.` : null;
  if (!has(e, 'acknowledged')) return `Acknowledge receipt of ${e.id} first (receive, acknowledge, then investigate and answer: RE.2.3).`;
  if (step === 'answered' && has(e, 'answered')) return `${e.id} was already answered; record a further note as an investigation or an escalation.`;
  if (step === 'closed' && !has(e, 'answered')) return `Answer ${e.id} before closing it: the person who sent it gets a response first (RE.2.3).`;
  if ((step === 'investigated' || step === 'answered' || step === 'escalated') && stepText.trim() === '') {
    return step === 'investigated' ? 'Investigation outcome is required.' : step === 'answered' ? 'Response is required.' : 'Escalated to, and why, is required.';
  }
  return null;
}

const DAY = 86_400_000;

export interface Deadline { dueAt: string; doneAt: string | null; overdue: boolean }

/** The approach's targets against one entry: due instants, when done, and whether late (done late, or not done by now). */
export function deadlinesOf(e: Pick<FeedbackEntry, 'receivedAt' | 'steps'>, targets: ApproachTargets | null, now: number): { acknowledge: Deadline; answer: Deadline } | null {
  if (!targets) return null;
  const received = Date.parse(e.receivedAt);
  const one = (days: number, step: FeedbackStep): Deadline => {
    const due = received + days * DAY;
    const done = first(e, step);
    const doneAt = done ? Date.parse(done.at) : null;
    return { dueAt: new Date(due).toISOString(), doneAt: done?.at ?? null, overdue: doneAt === null ? now > due : doneAt > due };
  };
  return { acknowledge: one(targets.acknowledgeDays, 'acknowledged'), answer: one(targets.answerDays, 'answered') };
}

/** D26: what the sender sees of their own entry in the portal — never the investigation notes or escalations. */
export function customerSide(e: FeedbackEntry): { id: string; kind: FeedbackKind; description: string; receivedAt: string; issueKey: string | null; status: FeedbackStatus; acknowledgedAt: string | null; answer: { text: string; at: string } | null; closedAt: string | null } {
  const answered = first(e, 'answered');
  return {
    id: e.id, kind: e.kind, description: e.description, receivedAt: e.receivedAt, issueKey: e.issueKey, status: statusOf(e),
    acknowledgedAt: first(e, 'acknowledged')?.at ?? null, answer: answered ? { text: answered.text, at: answered.at } : null, closedAt: first(e, 'closed')?.at ?? null,
  };
}

/** The one-line audit summary of a step. */
export function stepSummary(id: string, step: FeedbackStep): string {
  return `${STEP_WORDS[step]} ${id} (RE.2.3).`;
}
