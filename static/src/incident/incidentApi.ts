/**
 * The incident actions of the issue panel (`incident.*` resolvers). Each answers `{ ok, data | error }` (ADR 008);
 * a refusal carries the server's own message, which the panel shows verbatim.
 */
import { invoke } from '@forge/bridge';
import type { IncidentAnswers, IncidentErrorCode, IncidentFunctionKey, IncidentPayload } from './types';

export class IncidentCallError extends Error {
  constructor(
    readonly code: IncidentErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IncidentCallError';
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export async function callIncident<K extends IncidentFunctionKey>(key: K, payload: IncidentPayload<K>): Promise<IncidentAnswers[K]> {
  const response: unknown = await invoke(key, payload);
  if (isRecord(response) && response['ok'] === true && 'data' in response) return response['data'] as IncidentAnswers[K];
  if (isRecord(response) && response['ok'] === false && isRecord(response['error'])) {
    const { code, message } = response['error'];
    const text = typeof message === 'string' && message.trim() !== '' ? message : `${key} failed.`;
    throw new IncidentCallError(typeof code === 'string' ? (code as IncidentErrorCode) : 'failed', text);
  }
  throw new Error(`The action could not be completed (unexpected answer from ${key}).`);
}
