/**
 * The customer's satisfaction rating at closure (GO.2.3 "measure customer experience", MET-15, BRM-05, D26): once an
 * incident is resolved, the customer who reported it rates the service 1–5 with an optional comment. One rating per
 * rater and incident; rating again replaces it, and the earlier rating stays in its history (D23). Pure.
 */
import type { Score } from './figures';

export interface RatingFacts {
  reporterId: string | null;
  /** Others who may rate for the customer (the agreement's customer contact, D12), when known. */
  contactIds: readonly string[];
  resolved: boolean;
}

/** Null when the person may rate now, else why not. */
export function ratingRefusal(accountId: string, facts: RatingFacts): string | null {
  if (accountId !== facts.reporterId && !facts.contactIds.includes(accountId)) return 'Only the customer who reported this incident rates the service we gave on it.';
  if (!facts.resolved) return 'You can rate the service once the incident is resolved.';
  return null;
}

export const SCORE_WORDS: Readonly<Record<Score, string>> = { 1: 'Very poor', 2: 'Poor', 3: 'Fair', 4: 'Good', 5: 'Excellent' };

export interface Rating { rater: string; score: Score; comment: string; at: string }
