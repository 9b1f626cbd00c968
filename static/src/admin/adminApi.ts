/**
 * Typed calls to the admin page's resolvers (issue #4). The contract — function keys, payloads and answers — is
 * `@contract/admin` (src/contract/admin.ts); only its types are imported, so none of it reaches the bundle. Every resolver
 * answers `{ ok, data | error }` (ADR 008); `callAdmin` unwraps it and throws an `ResultCallError` carrying the
 * server's own message, which the page shows verbatim.
 */
import { invoke } from '@forge/bridge';
import { messageOf, ResultCallError, unwrapResult } from '../api';
import type { AdminErrorCode, AdminFunctionKey, Answers, Payload } from '@contract/admin';

export type {
  AdminPageView,
  Answers,
  AuditEntry,
  ConfigView,
  DraftMeta,
  GovernanceView,
  Payload,
  Permissions,
  Person,
  PolicyView,
  RoleAssignmentInput,
  RoleListView,
  SetupPlanView,
  SetupProject,
  SetupRunReport,
  SetupStepResult,
  SetupView,
  TrainingRecord,
  VersionMeta,
} from '@contract/admin';

export async function callAdmin<K extends AdminFunctionKey>(key: K, payload: Payload<K>): Promise<Answers[K]> {
  const response: unknown = await invoke(key, payload);
  return unwrapResult<Answers[K]>(key, response);
}

/** What the page shows for a failed call: the server's text and its code (a conflict offers "Reload"). */
export interface AdminProblem {
  code: AdminErrorCode | 'network';
  message: string;
}

export function problemOf(error: unknown): AdminProblem {
  if (error instanceof ResultCallError) return { code: error.code, message: error.message };
  return { code: 'network', message: messageOf(error) };
}
