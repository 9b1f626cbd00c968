/**
 * The incident actions of the issue panel (`incident.*` resolvers). Each answers `{ ok, data | error }` (ADR 008);
 * a refusal throws a ResultCallError carrying the server's own message, which the panel shows verbatim.
 */
import { callFunction } from '../api';
import type { IncidentAnswers, IncidentFunctionKey, IncidentPayload } from './types';

export async function callIncident<K extends IncidentFunctionKey>(key: K, payload: IncidentPayload<K>): Promise<IncidentAnswers[K]> {
  return callFunction(key, payload) as Promise<IncidentAnswers[K]>;
}
