import type { ComponentType } from 'react';

/**
 * The tabs of the customer's part of the portal (module sd-portal-home, SLM-02, D26), in order. Each tab loads its own
 * data when it opens; each answers only what concerns the viewer as a customer (the server decides).
 */
export interface PortalTab {
  id: string;
  label: string;
  /** Lazily imported so the portal's first paint carries only the open tab. */
  load: () => Promise<{ default: ComponentType }>;
}

export const PORTAL_TABS: readonly PortalTab[] = [
  // WP.10, SLM-02: the services offered to the customer's organizations.
  { id: 'services', label: 'Services', load: () => import('./CatalogueTab') },
  // Issue #14: the customer's compliments, complaints and comments, and our answers (RE.2.3, D26).
  { id: 'feedback', label: 'Feedback', load: () => import('./FeedbackTab') },
  // WP.19, RE.2.4: the service performance reports shared with the customer's organization.
  { id: 'reports', label: 'Reports', load: () => import('./ReportsTab') },
];
