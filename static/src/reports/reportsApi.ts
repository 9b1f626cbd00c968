/**
 * The call to `reports.incidents` (src/resolvers/reports.ts). The resolver answers `{ ok, data | error }` (as the
 * admin functions do, ADR 008), so a refusal reaches the page with the server's own words, naming the field.
 */
import { invoke } from '@forge/bridge';
import { unwrapResult, type IncidentReportsRequest, type IncidentReportsView } from '../api';

export const REPORTS_FUNCTION_KEY = 'reports.incidents';

export async function loadIncidentReports(request: IncidentReportsRequest): Promise<IncidentReportsView> {
  return unwrapResult<IncidentReportsView>(REPORTS_FUNCTION_KEY, await invoke(REPORTS_FUNCTION_KEY, { ...request }));
}
