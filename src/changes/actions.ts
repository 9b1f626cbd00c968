import type { ChangeAnswers, ChangeFunctionKey } from '../contract/change';
import type { FunctionKey, PayloadOf } from '../contract/functions';
import { Refusal } from '../domain/refusal';
import type { Call } from '../resolvers/surface';

export type ChangeActionRequest = { [K in ChangeFunctionKey]: { kind: K extends `change.${infer A}` ? A : never; payload: PayloadOf<K> } }[ChangeFunctionKey];

/** Work in progress (issue #13): replaced by the change actions in the next commit. */
export async function changeAction(_ref: { issueKey: string; projectKey: string }, _call: Call<FunctionKey>, request: ChangeActionRequest): Promise<ChangeAnswers[ChangeFunctionKey]> {
  throw new Refusal('refused', `The change action ${request.kind} is not available yet.`);
}
