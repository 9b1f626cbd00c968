import type { Instant } from '../sla/calendar';
import type { StatusCategory } from '../sla/events';

/**
 * An incident (WP.18) as the rules read it: what Jira holds about the issue, already taken out of Jira's REST
 * shapes by `src/jira/incident-snapshot.ts`. The domain never sees a Jira bean, so every rule here is testable with
 * plain data and the same snapshot gives the same answer in the trigger, the scan, the validator and the panel.
 */

/** Jira account types: `atlassian` (staff), `customer` (JSM portal-only), `app`. */
export type AccountType = 'atlassian' | 'customer' | 'app' | 'unknown';

export interface Actor { accountId: string; accountType: AccountType; displayName?: string }

/** One changelog entry (Jira "history"): several field changes by one author at one instant. */
export interface HistoryEntry {
  id: string;
  at: Instant;
  author: Actor | null;
  items: Array<{ field: string; from: string | null; fromString: string | null; to: string | null; toString: string | null }>;
}

/** A comment. `public` is false for a JSM internal note (`jsdPublic: false`); plain Jira comments are public. */
export interface CommentFact { id: string; at: Instant; author: Actor | null; public: boolean }

/** The record kind of a linked issue, as the incident rules care about it. */
export type LinkedKind = 'service-change-request' | 'incident' | 'problem' | 'other';

export interface LinkFact {
  id: string;
  /** Jira's phrase from this issue's side, e.g. "relates to", "is caused by". */
  label: string;
  other: { key: string; summary: string; issueType: string; status: string; statusCategory: StatusCategory; kind: LinkedKind };
}

/** The profile's incident fields (setup wizard slots; REQUIREMENTS §11), read as plain values. */
export interface IncidentFields {
  impact: string | null;
  urgency: string | null;
  /** Affected services of the catalogue (WP.10). */
  services: string[];
  /** Impacted configuration items (WP.02). */
  cis: string[];
  rootCause: string | null;
  majorIncident: boolean;
  /** IN.2.1 NOTE / INC-31: classified as an information security incident. */
  securityIncident: boolean;
  /** D18: the JSM customer organizations (ids) the request is shared with; empty on a plain Jira site. */
  organizations: string[];
}

export interface IncidentSnapshot {
  id: string;
  key: string;
  summary: string;
  projectKey: string;
  createdAt: Instant;
  reporter: Actor | null;
  assignee: { accountId: string; displayName: string } | null;
  status: { name: string; category: StatusCategory };
  /** The Jira priority name (may be a site name like "Highest"; see priority-names.ts). */
  priority: string | null;
  resolution: string | null;
  history: HistoryEntry[];
  comments: CommentFact[];
  fields: IncidentFields;
  /** Profile fields the site does not have yet (the setup wizard creates them); the checklist says so. */
  missingFields?: Array<keyof IncidentFields>;
  links: LinkFact[];
}
