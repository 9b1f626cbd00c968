/**
 * The backend's incident contract, as types only (nothing of src/ reaches the bundle): what `issuePanel.load`
 * answers in `incident`, and the four actions' payloads and answers.
 */
import type { z } from 'zod';
import type { CommunicationState } from '../../../src/domain/incident/state';
import type { IncidentFunctionKey, incidentPayloads } from '../../../src/resolvers/incident-contract';

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
} from '../../../src/resolvers/incident-contract';
export type { ClosureItem } from '../../../src/domain/incident/evaluate';
export type { CommunicationState };

/** What each action accepts (the contract's zod schemas, as input types). */
export type IncidentPayload<K extends IncidentFunctionKey> = z.input<(typeof incidentPayloads)[K]>;

export type CommunicationEvent = CommunicationState['event'];

export type LozengeAppearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';
