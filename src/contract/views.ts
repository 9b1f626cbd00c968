/**
 * What the issue panel and the project page load (`issuePanel.load`, `projectPage.load`). The Custom UI imports these
 * through `@contract/views`.
 */
import type { RecordKind } from '../domain/record-kind';
import type { RoleCode } from '../domain/roles';
import type { AgreementSection } from './agreement';
import type { ChangeSection } from './change';
import type { IncidentSection } from './incident';

export type { RecordKind, RoleCode };

export interface ViewerRoles { accountId: string; displayName: string; roles: Array<{ code: RoleCode; name: string }> }

export interface IssuePanelView {
  issue: { id: string; key: string; summary: string; issueType: { id: string; name: string }; status: { name: string; categoryKey: 'new' | 'indeterminate' | 'done' }; priority: { name: string } | null };
  kind: RecordKind;
  viewer: ViewerRoles;
  rolesConfigured: boolean;
  /** The incident view (issue #5) when the issue is an incident; null otherwise. */
  incident: IncidentSection | null;
  /** The change view (issue #13) when the issue is a service change request; null otherwise. */
  change: ChangeSection | null;
  /** The agreement view (issue #14) when the issue is a customer or supplier agreement; null or absent otherwise. */
  agreement?: AgreementSection | null;
}

export interface ProjectPageView {
  project: { id: string; key: string; name: string };
  openByKind: Array<{ kind: RecordKind; issueType: string; open: number }>;
  viewer: ViewerRoles;
  /** The server's instant (the sandbox clock on the sandbox): "the last 30 days" end on its day, not the browser's. */
  now: string;
  /** D26: whether the viewer sees the service team's figures (the change reports); the server refuses them otherwise. */
  teamFigures: boolean;
}
