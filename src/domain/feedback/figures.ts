/**
 * What the performance reports (WP.19, RE.2.4) read of feedback for one period and one or all customers
 * (`loadFeedbackFigures` in src/store/feedback.ts): the satisfaction ratings given at closure (MET-15, BRM-05) and the
 * feedback log's compliments, complaints and comments (WP.06, RE.2.3). Pure.
 */
export type Score = 1 | 2 | 3 | 4 | 5;

export interface FeedbackFigures {
  ratings: { count: number; average: number | null; byScore: Record<Score, number> };
  /** Complaints received in the period, and how many of those are not closed yet. */
  complaints: { received: number; open: number };
  compliments: number;
  comments: number;
}

export const SCORES: readonly Score[] = [1, 2, 3, 4, 5];

/** The figures of the given ratings and entries (already narrowed to the period and the organizations). */
export function feedbackFigures(ratings: ReadonlyArray<{ score: Score }>, entries: ReadonlyArray<{ kind: 'compliment' | 'complaint' | 'comment'; closed: boolean }>): FeedbackFigures {
  const byScore: Record<Score, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const r of ratings) byScore[r.score] += 1;
  const total = ratings.reduce((sum, r) => sum + r.score, 0);
  const complaints = entries.filter((e) => e.kind === 'complaint');
  return {
    ratings: { count: ratings.length, average: ratings.length ? Math.round((total / ratings.length) * 100) / 100 : null, byScore },
    complaints: { received: complaints.length, open: complaints.filter((e) => !e.closed).length },
    compliments: entries.filter((e) => e.kind === 'compliment').length,
    comments: entries.filter((e) => e.kind === 'comment').length,
  };
}
