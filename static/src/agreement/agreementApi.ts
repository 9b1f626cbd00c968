/**
 * The agreement actions of the issue panel (`agreement.*`). Each answers the fresh agreement view; a refusal throws a
 * ResultCallError carrying the server's own message, which the part shows verbatim.
 */
import type { AgreementAnswers, AgreementContent, AgreementPerson, AgreementSection } from '@contract/agreement';
import { callFunction } from '../api';

export const saveDraft = (content: AgreementContent, expectedRevision: number | null): Promise<AgreementSection> =>
  callFunction('agreement.saveDraft', { content, expectedRevision });

export const signOff = (revision: number, role: 'MGT' | 'SM'): Promise<AgreementSection> => callFunction('agreement.signOff', { revision, role });

export const recordPartySignOff = (revision: number, role: 'CUS' | 'SUP', how: 'e-mail' | 'signature' | 'meeting', givenBy: string): Promise<AgreementSection> =>
  callFunction('agreement.recordPartySignOff', { revision, role, how, givenBy });

export const discardDraft = (revision: number): Promise<AgreementSection> => callFunction('agreement.discardDraft', { revision });

export const recordReview = (on: string): Promise<AgreementSection> => callFunction('agreement.recordReview', { on });

export const listOrganizations = (): Promise<AgreementAnswers['agreement.organizations']> => callFunction('agreement.organizations', {});

export const searchPeople = (query: string): Promise<AgreementPerson[]> => callFunction('agreement.people', { query });
