/** Forge storage keys of the app that are not versioned documents (those live in work-product-store.ts). */
export const STORAGE_KEYS = {
  /** Last run of the SLA scan (scheduled trigger). */
  lastSlaScan: 'scan:sla:last',
  /** The report of the last setup-wizard run on a project (issue #4): `setup:run:<projectKey>`. */
  setupRun: (projectKey: string): string => `setup:run:${projectKey}`,
} as const;
