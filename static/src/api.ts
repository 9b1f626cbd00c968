/**
 * Typed access to the Forge host for the Custom UI.
 *
 * Only the public `@forge/bridge` API is used. The resolver contracts below are
 * owned by the backend; keep them in step with `src/resolvers` (the lead may move
 * these types to a shared file later — nothing else in the UI declares them).
 */
import { invoke, view } from '@forge/bridge';
import type { AdminErrorCode, AdminPageView } from '../../src/resolvers/admin-contract';
import type { IssuePanelView } from '../../src/resolvers/views';

// ---------------------------------------------------------------------------
// Resolver contracts
// ---------------------------------------------------------------------------

export type RoleCode = 'CM' | 'CUS' | 'IM' | 'MGT' | 'PT' | 'RM' | 'SM' | 'SUP';

export interface Role {
  code: RoleCode;
  name: string;
}

export type RecordKind =
  | 'incident'
  | 'service-change-request'
  | 'customer-agreement'
  | 'supplier-agreement'
  | 'unmapped';

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

/** The issue panel's view is owned by the backend (types only; with the incident part of issue #5 in `incident`). */
export type { IssuePanelView };

export interface Person {
  accountId: string;
  displayName: string;
}

/** The admin page's view is owned by the admin contract (types only; nothing of it reaches the bundle). */
export type { AdminPageView } from '../../src/resolvers/admin-contract';

export interface ProjectPageView {
  project: { id: string; key: string; name: string };
  openByKind: Array<{ kind: string; issueType: string; open: number }>;
  viewer: Person & { roles: Role[] };
}

// ---------------------------------------------------------------------------
// Resolver calls
// ---------------------------------------------------------------------------

const GENERIC_ERROR = 'The service delivery data could not be loaded.';

/** The message to show for a failed call: resolvers reject with user-facing messages. */
export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message.trim() !== '') return error.message;
  if (typeof error === 'string' && error.trim() !== '') return error;
  return GENERIC_ERROR;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function call<T extends object>(functionKey: string, required: readonly string[]): Promise<T> {
  const response: unknown = await invoke(functionKey);
  if (!isRecord(response) || required.some((field) => !(field in response))) {
    throw new Error(`${GENERIC_ERROR} (unexpected answer from ${functionKey})`);
  }
  // Shape checked above at the top level; the contract covers the rest.
  return response as T;
}

export const loadIssuePanel = (): Promise<IssuePanelView> =>
  call<IssuePanelView>('issuePanel.load', ['issue', 'kind', 'viewer', 'rolesConfigured']);

/**
 * A refusal answered by an admin resolver (`{ ok: false, error }`, ADR 008): the message is the server's own text,
 * shown verbatim; the code tells a conflict (reload) from a rule refusal.
 */
/** A resolver's refusal (`{ ok: false, error }`, ADR 008), with the server's own message and code. */
export class ResultCallError extends Error {
  constructor(
    readonly code: AdminErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ResultCallError';
  }
}

/** Unwraps a resolver's `{ ok, data | error }` answer (ADR 008): the admin page, the incident actions, the reports. */
export function unwrapResult<T>(functionKey: string, response: unknown): T {
  if (isRecord(response) && response['ok'] === true && 'data' in response) return response['data'] as T;
  if (isRecord(response) && response['ok'] === false && isRecord(response['error'])) {
    const { code, message } = response['error'];
    const text = typeof message === 'string' && message.trim() !== '' ? message : `${functionKey} failed.`;
    throw new ResultCallError(typeof code === 'string' ? (code as AdminErrorCode) : 'failed', text);
  }
  throw new Error(`${GENERIC_ERROR} (unexpected answer from ${functionKey})`);
}

export const loadAdminPage = async (): Promise<AdminPageView> =>
  unwrapResult<AdminPageView>('adminPage.load', await invoke('adminPage.load', {}));

export const loadProjectPage = (): Promise<ProjectPageView> =>
  call<ProjectPageView>('projectPage.load', ['project', 'openByKind', 'viewer']);

// ---------------------------------------------------------------------------
// Context
// ---------------------------------------------------------------------------

export type ModuleKey = 'sd-issue-panel' | 'sd-admin-page' | 'sd-project-page';

export interface ThemeHint {
  colorMode?: 'light' | 'dark' | 'auto';
}

export interface AppContext {
  accountId: string | null;
  moduleKey: string;
  siteUrl: string;
  locale: string;
  timezone: string;
  theme: ThemeHint | null;
}

function colorModeOf(theme: unknown): ThemeHint['colorMode'] {
  if (!isRecord(theme)) return undefined;
  const mode = theme['colorMode'];
  return mode === 'light' || mode === 'dark' || mode === 'auto' ? mode : undefined;
}

export async function getAppContext(): Promise<AppContext> {
  const context = await view.getContext();
  const colorMode = colorModeOf(context.theme);
  return {
    accountId: context.accountId ?? null,
    moduleKey: context.moduleKey,
    siteUrl: context.siteUrl,
    locale: context.locale,
    timezone: context.timezone,
    theme: colorMode ? { colorMode } : null,
  };
}

// ---------------------------------------------------------------------------
// Incident reports (project page): the contract of `reports.incidents`.
// The view is the server's (src/resolvers/reports-contract.ts, types only); the report
// itself is the pure domain type.
// ---------------------------------------------------------------------------

import type { ReportBucket } from '../../src/domain/incident/report';

export type { IncidentReport, IncidentRow, ReportBucket, Trend } from '../../src/domain/incident/report';

/** Payload of `reports.incidents`: whole UTC days, both included. */
export interface IncidentReportsRequest {
  from: string;
  to: string;
  bucket: ReportBucket;
  service?: string;
  priority?: string;
}

export type { IncidentReportsView, ReportsErrorCode } from '../../src/resolvers/reports-contract';
