/**
 * The change actions of the issue panel (`change.*`) and the pre-approved templates of the project page
 * (`changeTemplates.*`). Each answers `{ ok, data | error }` (ADR 008); a refusal throws a ResultCallError carrying the
 * server's own message, which the UI shows verbatim.
 */
import type { PayloadIn } from '@contract/functions';
import { callFunction } from '../api';
import type { ChangeAnswers, ChangeFunctionKey, ChangePayload, ChangeTemplateAnswers } from './types';

/** One change action and its payload, as a form hands it to the panel. */
export type ChangeCall = { [K in ChangeFunctionKey]: { key: K; payload: ChangePayload<K> } }[ChangeFunctionKey];

export async function callChange(call: ChangeCall): Promise<ChangeAnswers[ChangeFunctionKey]> {
  // The union of calls is narrowed by its key on the server's side (the contract's schema for that key).
  return callFunction(call.key, call.payload as PayloadIn<typeof call.key>) as Promise<ChangeAnswers[ChangeFunctionKey]>;
}

export const listChangeTemplates = (): Promise<ChangeTemplateAnswers['changeTemplates.list']> => callFunction('changeTemplates.list', {});

export const raiseFromTemplate = (payload: PayloadIn<'changeTemplates.raise'>): Promise<ChangeTemplateAnswers['changeTemplates.raise']> =>
  callFunction('changeTemplates.raise', payload);
