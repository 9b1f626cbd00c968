/**
 * The change contract (`@contract/change`), as types only: what `issuePanel.load` answers in `change`, the change
 * actions' payloads and answers, and the pre-approved templates of the project page. Types only, so zod stays out of
 * the UI's chunks.
 */
export type {
  ApproversView,
  ChangeActionId,
  ChangeAnswers,
  ChangeFunctionKey,
  ChangePayload,
  ChangeSection,
  ChangeStep,
  ChangeTemplateAnswers,
  ChangeTemplateView,
  ChangeTypeValue,
  ConfigurationItemRef,
  DecisionView,
  LinkView,
  MissingView,
  PathStepView,
  PersonRef,
  ScheduleFindingView,
  TestReportView,
} from '@contract/change';
export type { LozengeAppearance } from '../incident/types';
