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
  resolved: boolean;
  confirmed: boolean;
  majorIncident: boolean;
  manager: { accountId: string; displayName: string } | null;
  reportPublished: boolean;
}

/** D12 / IN.2.5: the reporter confirms in Jira; an agent records a confirmation received another way. */
export function recordConfirmationRefusal(actor: IncidentActor, f: IncidentActionFacts, how: ConfirmationChannel): string | null {
  if (f.confirmed) return 'A confirmation is already recorded.';
  if (!f.reporterId) return 'The incident has no reporter to confirm it.';
  return confirmationRefusal({ recordedBy: actor.accountId, confirmedBy: f.reporterId, how }, { reporterId: f.reporterId, affectedParties: [], recorderIsAgent: actor.isAgent, resolved: f.resolved });
}

/** The channel a confirmation is recorded with: "in Jira" when the party confirms themselves. */
export function confirmationChannel(actor: IncidentActor, f: IncidentActionFacts, given: ConfirmationChannel): ConfirmationChannel {
  return actor.accountId === f.reporterId ? 'in Jira' : given;
}

/** IN.1.3, IN.2.2 NOTE 2, IN.2.5 NOTE 2: agents raise the mitigation or permanent-fix service change request. */
export function raiseChangeRefusal(actor: IncidentActor): string | null {
  return actor.isAgent ? null : 'Agents (PT, IM, SM) raise service change requests.';
}

/** D13, INC-24: one named manager for a major incident, an Incident Manager (or the Service Manager). */
export function takeMajorIncidentRefusal(actor: IncidentActor, f: IncidentActionFacts): string | null {
  if (!f.majorIncident) return 'Not flagged as a major incident.';
  if (f.manager) return `${f.manager.displayName} manages this major incident (D13: one named manager).`;
  return actor.roles.has('IM') || actor.roles.has('SM') ? null : 'An Incident Manager (or the Service Manager) takes a major incident (INC-24).';
}

/** INC-21, INC-22: the report follows the restoration, by the major incident manager (or the Service Manager). */
export function publishMajorIncidentReportRefusal(actor: IncidentActor, f: IncidentActionFacts): string | null {
  if (!f.majorIncident) return 'Not flagged as a major incident.';
  if (f.reportPublished) return 'The major-incident report is published.';
  if (!f.resolved) return 'The report follows the restoration of the service (INC-21).';
  return f.manager?.accountId === actor.accountId || actor.roles.has('SM') ? null : 'The major incident manager (or the Service Manager) publishes the report.';
}
