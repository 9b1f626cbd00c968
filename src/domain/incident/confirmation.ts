/**
 * D12 / IN.2.5: the confirmation that the incident is resolved comes from an affected party: the reporter (or,
 * once agreements exist, the customer contact of the agreement). It is recorded either by that person in the
 * panel, or by an agent who received it another way (e-mail, phone) and says how; the record keeps both names.
 */
export const CONFIRMATION_CHANNELS = ['in Jira', 'e-mail', 'phone', 'portal comment', 'meeting'] as const;
export type ConfirmationChannel = (typeof CONFIRMATION_CHANNELS)[number];

export interface ConfirmationRequest {
  recordedBy: string;
  /** The affected party who confirmed. */
  confirmedBy: string;
  how: ConfirmationChannel;
}

export interface ConfirmationFacts {
  reporterId: string | null;
  affectedParties: readonly string[];
  recorderIsAgent: boolean;
  resolved: boolean;
}

/** Why the confirmation cannot be recorded, or null when it can. */
export function confirmationRefusal(req: ConfirmationRequest, facts: ConfirmationFacts): string | null {
  if (!facts.resolved) return 'The incident is not resolved yet: the resolution can be confirmed once the service is restored. (IN.2.4, IN.2.5)';
  const parties = new Set([...(facts.reporterId ? [facts.reporterId] : []), ...facts.affectedParties]);
  if (!parties.has(req.confirmedBy)) return 'Only an affected party (the reporter or the customer contact of the agreement) can confirm the resolution. (D12)';
  if (req.recordedBy !== req.confirmedBy && !facts.recorderIsAgent) return 'Only the affected party, or someone who works incidents (a Practitioner, the Incident Manager or the Service Manager), records a confirmation. (D12)';
  if (req.recordedBy === req.confirmedBy && req.how !== 'in Jira') return 'How it was confirmed: a confirmation the party gives themselves is recorded as given in Jira. (D12)';
  return null;
}
