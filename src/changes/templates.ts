import type { ChangeTemplateAnswers, ChangeTemplatePayloadOf } from '../contract/change';
import { Refusal } from '../domain/refusal';
import type { CallerInfo } from '../resolvers/surface';

/** Work in progress (issue #13). */
export async function changeTemplateList(_projectKey: string, _caller: CallerInfo): Promise<ChangeTemplateAnswers['changeTemplates.list']> {
  return { templates: [], mayRaise: false, reason: 'No pre-approved templates are designated yet.' };
}

export async function raiseFromTemplate(_projectKey: string, _payload: ChangeTemplatePayloadOf<'changeTemplates.raise'>, _caller: CallerInfo, _clock: () => number): Promise<ChangeTemplateAnswers['changeTemplates.raise']> {
  throw new Refusal('refused', 'No pre-approved templates are designated yet.');
}
