/**
 * IN.2.5 / D12: an incident closes only with a resolution and a recorded confirmation by an affected party
 * (the reporter, or the customer contact of the agreement). The significant-impact conditions of D13 (root
 * cause, linked change request) extend this list when incident classification lands.
 */
export interface ClosureFacts {
  hasResolution: boolean;
  confirmation: { confirmedBy: string; confirmedAt: string } | null;
}

export interface MissingItem { rule: string; what: string }

/** WP.18 status "Closed": the Jira status names that mean the record is closed. */
export const DEFAULT_CLOSED_STATUS_NAMES: readonly string[] = ['Closed'];

export function isClosingStatus(statusName: string, closedStatusNames: readonly string[] = DEFAULT_CLOSED_STATUS_NAMES): boolean {
  return closedStatusNames.some((n) => n.toLowerCase() === statusName.trim().toLowerCase());
}

/** What still stops an incident from closing; empty when it may close. Validators and the panel show the same list. */
export function closureBlockers(facts: ClosureFacts): MissingItem[] {
  const missing: MissingItem[] = [];
  if (!facts.hasResolution) missing.push({ rule: 'IN.2.5', what: 'a resolution' });
  if (!facts.confirmation) missing.push({ rule: 'D12', what: 'a recorded confirmation by an affected party (the reporter or the customer contact)' });
  return missing;
}

export function describeBlockers(subject: string, missing: readonly MissingItem[]): string {
  return `${subject} cannot be closed yet. Missing: ${missing.map((m) => `${m.what} (${m.rule})`).join('; ')}.`;
}
