/**
 * The call to `reports.incidents`. The resolver answers `{ ok, data | error }` (ADR 008), so a refusal reaches the page
 * with the server's own words, naming the field.
 */
import { callFunction, type IncidentReportsRequest, type IncidentReportsView } from '../api';

export const loadIncidentReports = (request: IncidentReportsRequest): Promise<IncidentReportsView> => callFunction('reports.incidents', { ...request });
