/** Forge storage keys of the app. One place, so the sandbox seed and the app agree. */
export const STORAGE_KEYS = {
  /** WP.08 List of assigned roles (current version). */
  roleList: 'wp08:role-list',
  /** Last run of the SLA scan (scheduled trigger). */
  lastSlaScan: 'scan:sla:last',
} as const;
