/**
 * The status vocabulary of the 21 work products (002 Table 14, normalised per WP-02).
 *
 * - "Open" (IN.2.1) is written "Opened" (WP-02, GAP-10); the UI may display "Open".
 * - "Agreed" (IN.2.3 / IN.2.4 input for WP.14) is "Approved" (WP-02).
 * - "Approved & Updated" (CO.3.2, WP.11) is a status of its own (WP-02 allows either a flag or a status).
 * - "Rejected" is added to WP.07 by D20 (GAP-07); WP.11 has it in Table 14.
 */
export const STATUSES = [
  'Draft',
  'Initial',
  'Stored',
  'Maintained',
  'Opened',
  'Approved',
  'Rejected',
  'Approved & Updated',
  'Published',
  'Updated',
  'Final',
  'Closed',
] as const;
export type Status = (typeof STATUSES)[number];

/**
 * ROL-11: the statuses that record a decision. A transition into one of them may be performed only by the
 * roles of the realising task (and, where the task names the VSE side and the customer/supplier side, the
 * VSE side decides and the other side's sign-off is recorded; see `Transition.signOff`).
 */
export const APPROVAL_STATUSES = ['Approved', 'Rejected', 'Approved & Updated', 'Final', 'Closed', 'Published'] as const satisfies readonly Status[];
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value);
}

/** ROL-11: true for Approved, Rejected, Approved & Updated, Final, Closed, Published. */
export function isApprovalStatus(status: Status): status is ApprovalStatus {
  return (APPROVAL_STATUSES as readonly Status[]).includes(status);
}
