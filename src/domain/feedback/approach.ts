/**
 * The customer experience approach (WP.04; GO.2.3, GO-09): how the team measures customer experience and handles
 * compliments, complaints and comments (receive, acknowledge receipt, record, investigate, respond, escalate, close),
 * which fields the feedback log (WP.06) keeps, and the response targets the log is checked against. A versioned work
 * product (D23): drafted by the Relationship Manager or the Service Manager, approved by Management (MGT) once the
 * customer's (CUS) and the supplier's (SUP) agreement is recorded on the draft (GO.2.3 names MGT, CUS and SUP). The
 * CUS/SUP sign-off is recorded by the RM or SM with how it was given (e-mail, signature, meeting), like the change
 * panel's customer sign-off. Every version is "Approved" (WP.04 knows no other status, Table 14). Pure.
 */
import { z } from 'zod';

export const APPROACH_DOC_ID = 'WP.04';

export interface ApproachSection { key: string; label: string; hint: string; starter: string }

export const APPROACH_SECTIONS: readonly ApproachSection[] = [
  { key: 'measuring', label: 'Measuring customer experience', hint: 'How and when customers are asked how satisfied they are, and what is done with the answers (GO.2.3, BRM-05).', starter: 'When an incident is resolved, the customer who reported it is asked to rate the service from 1 (very poor) to 5 (excellent), with an optional comment. The Relationship Manager reviews the ratings every month with the performance report, discusses them with each customer at the service review, and agrees actions on any rating of 2 or lower.' },
  { key: 'handling', label: 'Handling compliments, complaints and comments', hint: 'Receive, acknowledge receipt, record, investigate, respond, escalate, close (WP.04, BRM-04).', starter: 'Anyone may send a compliment, complaint or comment through the portal, by e-mail, by phone or in a meeting. Whoever receives it records it in the feedback log the same day. The Relationship Manager (or the Service Manager) acknowledges receipt, investigates, answers the customer in writing and closes the entry once the customer has the answer. A complaint is whatever the customer says is a complaint.' },
  { key: 'escalation', label: 'Escalation', hint: 'When and to whom a complaint is escalated, and how the customer can escalate it themselves.', starter: 'A complaint not answered within the target, or one the customer is not satisfied with, is escalated to the Service Manager; the Service Manager may escalate it to Management. The customer may ask for escalation at any time by saying so in the portal or to the Relationship Manager.' },
  { key: 'log', label: 'The feedback log', hint: 'Which fields each entry keeps and how long it is kept (WP.06).', starter: 'Each entry has a unique number, the kind (compliment, complaint or comment), who it is from (customer or supplier, their organization, name, e-mail, phone, company and any special needs such as language or hearing), the description, the date and time of the interaction and the channel, and each handling step with who did it and when: acknowledged, investigation outcome, response, escalation and closure. Nothing is deleted; the log is kept for historical review.' },
];

export interface ApproachTargets {
  /** Acknowledge receipt within this many calendar days of the interaction. */
  acknowledgeDays: number;
  /** Answer within this many calendar days of the interaction. */
  answerDays: number;
}

export const DEFAULT_TARGETS: ApproachTargets = { acknowledgeDays: 2, answerDays: 10 };

export const PARTY_SIGNOFF_WAYS = ['e-mail', 'signature', 'meeting'] as const;
export type PartySignOffWay = (typeof PARTY_SIGNOFF_WAYS)[number];
export type Party = 'CUS' | 'SUP';

/** The customer's or the supplier's agreement to the draft, as recorded by the RM or SM. */
export interface PartySignOff { party: Party; name: string; how: PartySignOffWay; recordedBy: string; at: string }

export interface ApproachContent {
  sections: Record<string, string>;
  targets: ApproachTargets;
  signOffs: PartySignOff[];
}

const SECTION_LIMIT = 8000;
const labelled = (message: string) => ({ message, params: { labelled: true } });

export const targetsSchema = z.object({
  acknowledgeDays: z.number().int(labelled('Acknowledge within (days) must be a whole number of days.')).min(0, labelled('Acknowledge within (days) must be 0 or more.')).max(60, labelled('Acknowledge within (days) may be at most 60.')),
  answerDays: z.number().int(labelled('Answer within (days) must be a whole number of days.')).min(1, labelled('Answer within (days) must be at least 1.')).max(365, labelled('Answer within (days) may be at most 365.')),
}).strict();

export const approachContentSchema = z.object({
  sections: z.record(z.string(), z.string().max(SECTION_LIMIT)),
  targets: targetsSchema,
  signOffs: z.array(z.object({ party: z.enum(['CUS', 'SUP']), name: z.string(), how: z.enum(PARTY_SIGNOFF_WAYS), recordedBy: z.string(), at: z.string() }).strict()).default([]),
}).strict();

export function starterApproach(): ApproachContent {
  return { sections: Object.fromEntries(APPROACH_SECTIONS.map((s) => [s.key, s.starter])), targets: { ...DEFAULT_TARGETS }, signOffs: [] };
}

/** The sections of a draft that are empty (by label): each needs at least one sentence. */
export function emptySections(sections: Record<string, string>): string[] {
  return APPROACH_SECTIONS.filter((s) => (sections[s.key] ?? '').trim() === '').map((s) => s.label);
}

/** Answers null when the targets fit together, else the words of the rule broken. */
export function targetsRefusal(t: ApproachTargets): string | null {
  return t.answerDays < t.acknowledgeDays ? 'Answer within (days) cannot be shorter than Acknowledge within (days): receipt is acknowledged before the answer.' : null;
}

export const partyWords = (p: Party): string => (p === 'CUS' ? 'the customer' : 'the supplier');

/** GO.2.3: Management approves only once the customer's and the supplier's agreement is recorded on the draft. */
export function approvalRefusal(signOffs: readonly PartySignOff[]): string | null {
  const missing = (['CUS', 'SUP'] as const).filter((p) => !signOffs.some((s) => s.party === p));
  if (missing.length === 0) return null;
  return `Record the agreement of ${missing.map(partyWords).join(' and ')} first: the customer experience approach is approved by Management with the customer and the supplier (GO.2.3).`;
}

/** In words, what the draft still needs. */
export function neededInWords(draft: { signOffs: readonly PartySignOff[] } | null): string {
  if (!draft) return 'No draft is waiting for approval.';
  const missing = (['CUS', 'SUP'] as const).filter((p) => !draft.signOffs.some((s) => s.party === p));
  if (missing.length === 0) return 'Needs Management’s approval.';
  return `Needs the agreement of ${missing.map(partyWords).join(' and ')}, then Management’s approval.`;
}

export function describeApproachChange(before: ApproachContent | null, after: ApproachContent): string {
  if (!before) return 'First draft.';
  const changed = APPROACH_SECTIONS.filter((s) => (before.sections[s.key] ?? '') !== (after.sections[s.key] ?? '')).map((s) => s.label);
  if (before.targets.acknowledgeDays !== after.targets.acknowledgeDays || before.targets.answerDays !== after.targets.answerDays) changed.push('Response targets');
  return changed.length ? `Changed ${changed.join(', ')}.` : 'Saved unchanged.';
}
