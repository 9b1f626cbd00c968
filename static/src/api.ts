/**
 * Typed access to the Forge host for the Custom UI.
 *
 * Only the public `@forge/bridge` API is used. Every resolver function, its payload and its answer are declared once
 * in the UI↔server contract (`@contract/*`, src/contract, ADR 011); the UI imports nothing else of the server.
 */
import { invoke, view } from '@forge/bridge';
import type { AnswerOf, FunctionKey, PayloadIn } from '@contract/functions';
import type { UiModuleKey } from '@contract/modules';
import type { ResultErrorCode } from '@contract/results';
import type { AdminPageView, GovernanceView } from '@contract/admin';
import type { IssuePanelView, ProjectPageView, ViewerRoles } from '@contract/views';

// ---------------------------------------------------------------------------
// The contract's types the UI uses by name
// ---------------------------------------------------------------------------

export type { RoleCode, Person } from '@contract/admin';
export type { RecordKind, ViewerRoles } from '@contract/views';
export type { IssuePanelView, ProjectPageView, AdminPageView, GovernanceView };

/** A 29110 role as the views name it. */
export type Role = ViewerRoles['roles'][number];
export type StatusCategoryKey = IssuePanelView['issue']['status']['categoryKey'];

// ---------------------------------------------------------------------------
// Resolver calls
// ---------------------------------------------------------------------------

const GENERIC_ERROR = 'The service delivery data could not be loaded.';

/** The message to show for a failed call: resolvers answer with user-facing messages. */
export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message.trim() !== '') return error.message;
  if (typeof error === 'string' && error.trim() !== '') return error;
  return GENERIC_ERROR;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A resolver's refusal (`{ ok: false, error }`, ADR 008), with the server's own message and code. */
export class ResultCallError extends Error {
  constructor(
    readonly code: ResultErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ResultCallError';
  }
}

/** Unwraps a resolver's `{ ok, data | error }` answer (ADR 008): every function of the app answers so. */
export function unwrapResult<T>(functionKey: string, response: unknown): T {
  if (isRecord(response) && response['ok'] === true && 'data' in response) return response['data'] as T;
  if (isRecord(response) && response['ok'] === false && isRecord(response['error'])) {
    const { code, message } = response['error'];
    const text = typeof message === 'string' && message.trim() !== '' ? message : `${functionKey} failed.`;
    throw new ResultCallError(typeof code === 'string' ? (code as ResultErrorCode) : 'failed', text);
  }
  throw new Error(`${GENERIC_ERROR} (unexpected answer from ${functionKey})`);
}

/** Calls one resolver function of the contract and unwraps its answer; a refusal throws a ResultCallError. */
export async function callFunction<K extends FunctionKey>(key: K, payload: PayloadIn<K>): Promise<AnswerOf<K>> {
  return unwrapResult<AnswerOf<K>>(key, await invoke(key, payload as Record<string, unknown>));
}

export const loadIssuePanel = (): Promise<IssuePanelView> => callFunction('issuePanel.load', {});
export const loadAdminPage = (): Promise<AdminPageView> => callFunction('adminPage.load', {});
export const loadProjectPage = (): Promise<ProjectPageView> => callFunction('projectPage.load', {});
export const loadGlobalPage = (): Promise<GovernanceView> => callFunction('globalPage.load', {});

// ---------------------------------------------------------------------------
// Context
// ---------------------------------------------------------------------------

export type ModuleKey = UiModuleKey;

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
// ---------------------------------------------------------------------------

export type { IncidentReport, IncidentRow, ReportBucket, Trend, IncidentReportsView } from '@contract/reports';
export type { ResultErrorCode as ReportsErrorCode } from '@contract/results';
export type IncidentReportsRequest = PayloadIn<'reports.incidents'>;
