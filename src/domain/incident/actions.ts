import type { ChangeType } from '../change-rules';
import type { RoleCode } from '../roles';
import { confirmationRefusal, type ConfirmationChannel } from './confirmation';

/**
 * Who may do what on an incident from the issue panel (D6: the server decides, the UI only shows the answer). Each
 * function answers why not, or null when the action is allowed; the panel shows the reason, the resolver refuses
 * with it.
 */

export interface IncidentActor {
  accountId: string;
  /** D11 agent: PT, IM or SM of the role list (any staff account before a role list exists). */
  isAgent: boolean;
  roles: ReadonlySet<RoleCode>;
}

export interface IncidentActionFacts {
  reporterId: string | null;
  /** D12: the customer contacts of the agreement covering the incident, who may confirm besides the reporter. */
  contacts: readonly string[];
  resolved: boolean;
  confirmed: boolean;
  majorIncident: boolean;
  manager: { accountId: string; displayName: string } | null;
  reportPublished: boolean;
}

/**
 * D12: whose confirmation a viewer records: their own when they are an affected party (the reporter, or a customer
 * contact of the agreement covering the incident), else the reporter's (an agent records it on their behalf).
 */
export function confirmingParty(actor: IncidentActor, f: IncidentActionFacts): string | null {
  if (actor.accountId === f.reporterId || f.contacts.includes(actor.accountId)) return actor.accountId;
  return f.reporterId;
}

/** D12 / IN.2.5: an affected party confirms in Jira; an agent records a confirmation received another way. */
export function recordConfirmationRefusal(actor: IncidentActor, f: IncidentActionFacts, how: ConfirmationChannel): string | null {
  if (f.confirmed) return 'The confirmation is already recorded.';
  const party = confirmingParty(actor, f);
  if (!party) return 'The incident has no reporter to confirm it.';
  return confirmationRefusal({ recordedBy: actor.accountId, confirmedBy: party, how }, { reporterId: f.reporterId, affectedParties: f.contacts, recorderIsAgent: actor.isAgent, resolved: f.resolved });
}

/** The channel a confirmation is recorded with: "in Jira" when the party confirms themselves. */
export function confirmationChannel(actor: IncidentActor, f: IncidentActionFacts, given: ConfirmationChannel): ConfirmationChannel {
  return confirmingParty(actor, f) === actor.accountId ? 'in Jira' : given;
}

/** IN.1.3, IN.2.2 NOTE 2, IN.2.5 NOTE 2: agents raise the mitigation or permanent-fix service change request. */
export function raiseChangeRefusal(actor: IncidentActor): string | null {
  return actor.isAgent ? null : 'Only the people who work incidents (a Practitioner, the Incident Manager or the Service Manager) raise change requests. (IN.1.3, D11)';
}

/**
 * D13: the root cause of a significant incident is written into the record's Root cause field by an agent. Where the
 * site has no such field (the setup wizard has not created or mapped it) the refusal says what an admin does.
 */
export function recordRootCauseRefusal(actor: IncidentActor, field: { mapped: boolean; projectKey: string }): string | null {
  if (!actor.isAgent) return 'Only the people who work incidents (a Practitioner, the Incident Manager or the Service Manager) record the root cause. (D11, D13)';
  if (!field.mapped) return `This site has no Root cause field for project ${field.projectKey} yet. A Jira administrator opens Apps → Service delivery profile → Setup and runs the step that creates the Root cause field; then the root cause can be recorded here. (D13)`;
  return null;
}

/** PRB-12: an agent links the problem record behind an incident, or raises one, where the Problem module is on. */
export function problemRefusal(actor: IncidentActor, problemModule: boolean): string | null {
  if (!problemModule) return 'Problem management is not switched on for this site: a Jira administrator turns it on in the profile settings. (PRB-12)';
  return actor.isAgent ? null : 'Only the people who work incidents (a Practitioner, the Incident Manager or the Service Manager) link or raise problem records. (D11)';
}

/**
 * The change type of a change request raised from an incident (CHG-01..CHG-04, the policy's change-type criteria).
 * Why: the policy's Emergency criteria are "a potential or actual high-impact event (for example a Critical incident)
 * needs immediate remedial action that cannot wait for the normal assessment" (CHG-03). A mitigation of a Critical
 * incident (or a flagged major incident) is exactly that remedial action, so it is an Emergency change. Everything
 * else — a mitigation of a lesser incident, and every permanent fix (the service is already restored or mitigated,
 * so the fix can wait for the assessment) — is a Normal change, the fallback type (CHG-04). Pre-approved changes come
 * only from a designated template (D15), never from an incident.
 */
export function changeTypeForIncidentChange(purpose: 'mitigation' | 'permanent-fix', incident: { priority: string | null; majorIncident: boolean }): ChangeType {
  if (purpose === 'mitigation' && (incident.priority === 'Critical' || incident.majorIncident)) return 'Emergency';
  return 'Normal';
}

/** D13, INC-24: one named manager for a major incident, an Incident Manager (or the Service Manager). */
export function takeMajorIncidentRefusal(actor: IncidentActor, f: IncidentActionFacts): string | null {
  if (!f.majorIncident) return 'This incident is not flagged as a major incident.';
  if (f.manager) return `${f.manager.displayName} manages this major incident; a major incident has one named manager. (D13)`;
  return actor.roles.has('IM') || actor.roles.has('SM') ? null : 'An Incident Manager (or the Service Manager) takes a major incident. (INC-24)';
}

/** INC-21, INC-22: the report follows the restoration, by the major incident manager (or the Service Manager). */
export function publishMajorIncidentReportRefusal(actor: IncidentActor, f: IncidentActionFacts): string | null {
  if (!f.majorIncident) return 'This incident is not flagged as a major incident.';
  if (f.reportPublished) return 'The major-incident report is published.';
  if (!f.resolved) return 'The report is written once the service is restored. (INC-21)';
  return f.manager?.accountId === actor.accountId || actor.roles.has('SM') ? null : 'The major incident manager (or the Service Manager) publishes the report.';
}
