/**
 * The call to `reports.incidents` (src/resolvers/reports.ts). The resolver answers `{ ok, data | error }` (as the
 * admin functions do, ADR 008), so a refusal reaches the page with the server's own words, naming the field.
 */
import { invoke } from '@forge/bridge';
import type { IncidentReportsRequest, IncidentReportsView, ReportsErrorCode } from '../api';

export const REPORTS_FUNCTION_KEY = 'reports.incidents';

export class ReportsCallError extends Error {
  constructor(
    readonly code: ReportsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReportsCallError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const CODES: readonly ReportsErrorCode[] = ['invalid-input', 'forbidden', 'refused', 'failed'];

export async function loadIncidentReports(request: IncidentReportsRequest): Promise<IncidentReportsView> {
  const response: unknown = await invoke(REPORTS_FUNCTION_KEY, { ...request });
  if (isRecord(response) && response['ok'] === true && isRecord(response['data']) && isRecord(response['data']['report'])) {
    return response['data'] as unknown as IncidentReportsView;
  }
  if (isRecord(response) && response['ok'] === false && isRecord(response['error'])) {
    const { code, message } = response['error'];
    const known = CODES.find((c) => c === code) ?? 'failed';
    throw new ReportsCallError(known, typeof message === 'string' && message.trim() !== '' ? message : 'The incident report could not be produced.');
  }
  throw new Error(`The incident report could not be loaded (unexpected answer from ${REPORTS_FUNCTION_KEY}).`);
}
