import { z } from 'zod';

/**
 * What the app knows about an incident after evaluating it (ADR 009, ADR 010): how the priority was derived, each SLA
 * cycle, each escalation and standard communication, the major-incident manager and report. Kept in app storage
 * (`incident-record`); the issue property `sd-state` gets only the part a customer may see (issue-index.ts, D26). The
 * state is a function of the issue's history, what the app recorded, and the time it was evaluated; it holds no copy
 * of an event payload, so duplicate or reordered deliveries give the same state.
 */

const iso = z.string().datetime({ offset: true });

export const slaCycleStateSchema = z.object({
  metric: z.enum(['firstResponse', 'resolution']),
  index: z.number().int().positive(),
  start: iso,
  stop: iso.nullable(),
  stopReason: z.enum(['reply', 'transition', 'resolved']).nullable(),
  priority: z.string(),
  targetMs: z.number().nonnegative(),
  /** Business time the clock ran, pauses excluded, up to the stop (or the evaluation while open). */
  elapsedMs: z.number().nonnegative(),
  pausedMs: z.number().nonnegative(),
  dueAt: iso.nullable(),
  breachAt: iso.nullable(),
  met: z.boolean().nullable(),
  breached: z.boolean(),
  pausedNow: z.boolean(),
}).strict();
export type SlaCycleState = z.infer<typeof slaCycleStateSchema>;

export const escalationStateSchema = z.object({
  /** `metric#cycle:threshold` (D14: once per threshold per cycle). */
  key: z.string(),
  metric: z.enum(['firstResponse', 'resolution']),
  cycle: z.number().int().positive(),
  thresholdId: z.string(),
  afterMs: z.number().nonnegative(),
  priority: z.string(),
  crossedAt: iso,
  escalatedAt: iso,
  /** Account ids notified (the Incident Manager and the Service Manager). */
  notified: z.array(z.string()),
}).strict();
export type EscalationState = z.infer<typeof escalationStateSchema>;

export const communicationStateSchema = z.object({
  /** `event#cycle`, e.g. `incident-restored#2`. */
  key: z.string(),
  event: z.enum(['incident-investigating', 'incident-restored', 'incident-closed']),
  cycle: z.number().int().positive(),
  at: iso,
  commentId: z.string().nullable(),
}).strict();
export type CommunicationState = z.infer<typeof communicationStateSchema>;

export const incidentStateSchema = z.object({
  /** D8: the derived priority and how (`text`), or why there is none (`missing` / `unknown`). */
  priority: z.object({
    value: z.string().nullable(),
    derived: z.boolean(),
    text: z.string(),
    source: z.enum(['policy', 'agreement', 'none']),
    matrixVersion: z.number().int().nonnegative().nullable(),
    missing: z.array(z.enum(['impact', 'urgency'])),
  }).strict(),
  /** IN.2.2 classification and what the incident names (services, CIs); IN.2.1 NOTE security class. */
  classification: z.object({
    impact: z.string().nullable(),
    urgency: z.string().nullable(),
    services: z.array(z.string()),
    cis: z.array(z.string()),
    securityIncident: z.boolean(),
    majorIncident: z.boolean(),
    /** D13 significant impact, and the reasons (Critical, Major incident flag, vital service …). */
    significant: z.boolean(),
    significantReasons: z.array(z.string()),
  }).strict(),
  sla: z.object({
    /** The WP.14 version whose targets judged the clocks; null = the shipped D9 defaults (no approved policy). */
    policyVersion: z.number().int().positive().nullable(),
    /**
     * D18: the approved agreement version whose calendar, targets and matrix the clocks run on (the one covering the
     * incident's customer organization and service at its creation); null or absent = the policy's defaults.
     */
    agreement: z.object({ issueKey: z.string(), title: z.string(), version: z.number().int().positive() }).strict().nullable().optional(),
    evaluatedAt: iso,
    cycles: z.array(slaCycleStateSchema),
  }).strict(),
  escalations: z.array(escalationStateSchema),
  communications: z.array(communicationStateSchema),
  /** D13: the one named manager of a major incident (INC-24: an Incident Manager), and the major-incident report. */
  majorIncidentManager: z.object({ accountId: z.string(), displayName: z.string(), namedAt: iso }).strict().nullable(),
  majorIncidentReport: z.object({ publishedAt: iso, publishedBy: z.string(), commentId: z.string().nullable() }).strict().nullable(),
  /** When the app first evaluated the incident: history before it sends no standard communications. */
  trackedSince: iso,
}).strict();
export type IncidentState = z.infer<typeof incidentStateSchema>;

export type YesNo = 'yes' | 'no';
