/**
 * The incident contract (`@contract/incident`), as types only: what `issuePanel.load` answers in `incident`, and the
 * four actions' payloads and answers.
 */
import type { CommunicationState } from '@contract/incident';

export type {
  ClockState,
  ClockView,
  EscalationView,
  IncidentAnswers,
  IncidentErrorCode,
  IncidentFunctionKey,
  IncidentSection,
  LinkView,
  PersonRef,
  IncidentPayload,
  ClosureItem,
} from '@contract/incident';
export type { CommunicationState };


export type CommunicationEvent = CommunicationState['event'];

export type LozengeAppearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';
