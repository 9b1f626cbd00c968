export type { Payload, RoleListView } from '../adminApi';

/** A stored ROL-06 override as the view carries it (RoleListContent.overrides). */
export interface StoredOverrideLike {
  accountId: string;
  justification: string;
  grantedBy: string;
  grantedAt: string;
}
