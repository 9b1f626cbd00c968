/**
 * The incident part of the issue panel (issue #5): what `issuePanel.load` answers for an incident, and the
 * payloads of the panel's incident actions. The Custom UI imports this through `@contract/incident`.
 */
import { z } from 'zod';
import { CONFIRMATION_CHANNELS } from '../domain/incident/confirmation';
import type { ClosureItem } from '../domain/incident/evaluate';
import type { CommunicationState } from '../domain/incident/state';
import type { SatisfactionView } from './feedback';
import type { Result, ResultErrorCode } from './results';
export type { ClosureItem, CommunicationState };

export interface PersonRef { accountId: string; displayName: string }

export type ClockState = 'running' | 'paused' | 'met' | 'breached' | 'stopped';

export interface ClockView {
  metric: 'firstResponse' | 'resolution';
  cycle: number;
  state: ClockState;
  priority: string;
  clock: '24x7' | 'serviceHours';
  targetMs: number;
  elapsedMs: number;
  remainingMs: number;
  dueAt: string | null;
  breachAt: string | null;
  start: string;
  stop: string | null;
  stopReason: 'reply' | 'transition' | 'resolved' | null;
}

export interface LinkView { key: string; summary: string; status: string; statusCategory: 'new' | 'indeterminate' | 'done'; label: string; issueType: string }

/** `label`: in words ("Escalated to management after 4 h of resolution time"); `notified`: each person with their own role. */
export interface EscalationView { key: string; label: string; priority: string; crossedAt: string; escalatedAt: string; notified: string[] }

/**
 * D26: who the view is for. `team`: the service provider's people (a service-team role of WP.08). `customer`: anyone
 * else who may see the issue (the reporter, a customer or supplier contact): they get their record, its status,
 * the customer-facing targets and whether they are met, the messages sent to them and their own actions, and the
 * internal parts below are null.
 */
export type IncidentAudience = 'team' | 'customer';

export interface IncidentSection {
  audience: IncidentAudience;
  /** The customer's satisfaction rating at closure (issue #14, src/relationship/feedback.ts); app storage only. */
  satisfaction?: SatisfactionView;
  /** The server's instant (the sandbox clock on the sandbox): the live countdown starts from it. */
  now: string;
  policy: { version: number | null; timeZone: string };
  /** D18: the customer agreement whose hours, targets and matrix the clocks run on; null = the policy's defaults. */
  agreement: { issueKey: string; title: string; version: number } | null;
  /**
   * `syncPending`: Jira's priority differs from the derived one and the trigger is about to set it (open incidents only).
   * `jiraPriorityMeans`: the profile priority Jira's field stands for on this site ("Highest" → Critical), so the panel can
   * tell a site's other name for the same priority from a different priority.
   */
  priority: { value: string | null; derived: boolean; text: string; missing: Array<'impact' | 'urgency'>; impact: string | null; urgency: string | null; jiraPriority: string | null; jiraPriorityMeans: string | null; syncPending: boolean };
  /** Internal (D26): null for a customer. */
  classification: { services: string[]; cis: string[]; securityIncident: boolean; majorIncident: boolean; significant: boolean; significantReasons: string[] } | null;
  clocks: { firstResponse: ClockView | null; resolution: ClockView | null; earlierCycles: ClockView[] };
  /** Internal (D26): null for a customer. */
  escalations: EscalationView[] | null;
  communications: CommunicationState[];
  /** Internal (D26): null for a customer. */
  links: { changes: LinkView[]; problems: LinkView[]; incidents: LinkView[] } | null;
  closure: {
    items: ClosureItem[];
    confirmation: { confirmedBy: string; confirmedAt: string; how: string | null; recordedBy: string | null } | null;
  };
  /**
   * D13: the root cause as the record's Root cause field holds it. `fieldMapped`: the site has the field (else an
   * admin must create or map it). Internal (D26): null for a customer.
   */
  rootCause: { value: string | null; fieldMapped: boolean } | null;
  /** Internal (D26): null for a customer, and when the incident is not a major incident. */
  majorIncident: { manager: PersonRef | null; reportPublishedAt: string | null } | null;
  actions: {
    /** D12: the viewer may record the reporter's confirmation (the reporter themselves, or an agent). */
    recordConfirmation: { allowed: boolean; reason: string | null; party: PersonRef | null; asParty: boolean };
    /** IN.1.3, IN.2.2, IN.2.5: raise a Draft service change request (agents). */
    raiseChange: { allowed: boolean; reason: string | null; issueType: string; changeTypes: { mitigation: string; 'permanent-fix': string } };
    /** D13, INC-24: an Incident Manager takes a major incident. */
    takeMajorIncident: { allowed: boolean; reason: string | null };
    publishMajorIncidentReport: { allowed: boolean; reason: string | null };
    /** D13: an agent records the root cause (writes the Root cause field). */
    recordRootCause: { allowed: boolean; reason: string | null };
    /** CO-06, WP.02: an agent names the configuration items the incident affects, picked from the configuration records. */
    setConfigurationItems: { allowed: boolean; reason: string | null };
    /** PRB-12: link an existing problem record or raise one; `enabled`: the Problem module is on (else not offered). */
    problem: { enabled: boolean; allowed: boolean; reason: string | null; issueType: string };
  };
}

export const incidentPayloads = {
  'incident.recordConfirmation': z.object({ how: z.enum(CONFIRMATION_CHANNELS) }).strict(),
  'incident.raiseChange': z.object({
    purpose: z.enum(['mitigation', 'permanent-fix']),
    summary: z.string().trim().min(1, 'must not be empty').max(240, 'must be at most 240 characters').optional(),
  }).strict(),
  'incident.takeMajorIncident': z.object({}).strict(),
  'incident.recordRootCause': z.object({
    rootCause: z.string().trim().min(1, 'must not be empty').max(5000, 'must be at most 5,000 characters'),
  }).strict(),
  'incident.linkProblem': z.object({
    key: z.string().trim().toUpperCase().regex(/^[A-Z][A-Z0-9_]*-[1-9]\d*$/, 'must be an issue key such as SD-12'),
  }).strict(),
  'incident.raiseProblem': z.object({
    summary: z.string().trim().min(1, 'must not be empty').max(240, 'must be at most 240 characters').optional(),
  }).strict(),
  'incident.publishMajorIncidentReport': z.object({}).strict(),
  'incident.setConfigurationItems': z.object({
    ids: z.array(z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a configuration item id')).max(50, 'at most 50 configuration items'),
  }).strict(),
} as const;

export type IncidentFunctionKey = keyof typeof incidentPayloads;
export type IncidentErrorCode = ResultErrorCode;
export type IncidentResult<T> = Result<T>;
/** What each action accepts (the zod schemas' input types). */
export type IncidentPayload<K extends IncidentFunctionKey> = z.input<(typeof incidentPayloads)[K]>;
export interface IncidentAnswers {
  'incident.recordConfirmation': { confirmedAt: string };
  /** `changeType`: the Change type set on it (null when the site has no Change type field). */
  'incident.raiseChange': { key: string; changeType: string | null };
  'incident.recordRootCause': { rootCause: string };
  'incident.linkProblem': { key: string };
  'incident.raiseProblem': { key: string };
  'incident.takeMajorIncident': { manager: PersonRef };
  'incident.publishMajorIncidentReport': { publishedAt: string };
  'incident.setConfigurationItems': { ids: string[] };
}
