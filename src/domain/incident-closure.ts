/**
 * IN.2.5 / D12 / D13: the words and statuses of incident closure. What is missing is decided by the closure
 * checklist of `evaluateIncident` (src/domain/incident/evaluate.ts): a resolution and a recorded confirmation by an
 * affected party; for significant-impact incidents also a root cause and a linked service change request; for a
 * major incident a named manager. The validator and the panel show the same list.
 */
export interface MissingItem { rule: string; what: string }

/**
 * WP.18 status "Closed": the Jira status names that mean the record is closed. A JSM incident workflow resolves
 * ("Resolved") before it closes ("Closed"); a plain Jira workflow has only "Done", which then is the closure.
 */
export const DEFAULT_CLOSED_STATUS_NAMES: readonly string[] = ['Closed', 'Done'];

export function isClosingStatus(statusName: string, closedStatusNames: readonly string[] = DEFAULT_CLOSED_STATUS_NAMES): boolean {
  return closedStatusNames.some((n) => n.toLowerCase() === statusName.trim().toLowerCase());
}

export function describeBlockers(subject: string, missing: readonly MissingItem[]): string {
  return `${subject} cannot be closed yet. Missing: ${missing.map((m) => `${m.what} (${m.rule})`).join('; ')}.`;
}
