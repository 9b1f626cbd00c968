import type { Database as Db } from 'better-sqlite3';
import { z } from 'zod';
import { noContent, ok, type Reply, type Router } from '../http';
import type { Principal } from './principal';
import type { IssueRow, ProjectRow } from './rows';
import type { RestCtx } from './routes';
import type { JiraSite } from './site';

/**
 * JSM's customer satisfaction feedback of a request (`/rest/servicedeskapi/request/{issueIdOrKey}/feedback`), with the
 * shapes and permissions of Atlassian's servicedeskapi reference (CSATFeedbackFullDTO `{ type: 'csat', rating,
 * comment: { body } }`):
 * - GET: whoever may view the request; 404 when it has no feedback;
 * - POST: the reporter only, on a resolved request; rating an integer 1–5; posting again replaces the rating;
 * - DELETE: the reporter only; 204, then 404 for GET.
 */
const SCHEMA = 'CREATE TABLE IF NOT EXISTS sd_request_feedback (issue_id INTEGER PRIMARY KEY, rating INTEGER NOT NULL, comment TEXT, created INTEGER NOT NULL)';

interface FeedbackRow { issue_id: number; rating: number; comment: string | null; created: number }

export function ensureRequestFeedbackSchema(db: Db): void { db.exec(SCHEMA); }

/** Seeds (or replaces) a request's JSM rating, for the demo and tests. */
export function seedRequestFeedback(db: Db, issueId: number, rating: number, comment: string | null, at: number): void {
  ensureRequestFeedbackSchema(db);
  db.prepare('INSERT OR REPLACE INTO sd_request_feedback(issue_id, rating, comment, created) VALUES (?, ?, ?, ?)').run(issueId, rating, comment, at);
}

export function requestFeedbackRoutes(site: JiraSite, r: Router<RestCtx>, h: {
  wrap: (fn: (ctx: RestCtx, params: Record<string, string | undefined>) => Reply | Promise<Reply>) => (ctx: RestCtx, params: Record<string, string | undefined>) => Promise<Reply>;
  visibleRequest: (p: Principal, ref: string) => { issue: IssueRow; d: { id: string; project: ProjectRow } };
  fail: (status: number, message: string, i18nKey: string) => Error;
}): void {
  const { db } = site;
  const row = (issue: IssueRow): FeedbackRow | undefined => {
    ensureRequestFeedbackSchema(db);
    return db.prepare('SELECT * FROM sd_request_feedback WHERE issue_id = ?').get(issue.id) as FeedbackRow | undefined;
  };
  const dto = (f: FeedbackRow) => ({ type: 'csat', rating: f.rating, ...(f.comment !== null ? { comment: { body: f.comment } } : {}) });
  const reporterOnly = (p: Principal, issue: IssueRow) => {
    if (p.kind !== 'user' || p.user.account_id !== issue.reporter_id) throw h.fail(403, 'Only the reporter of the request can give or remove its feedback.', 'sd.feedback.error.not.reporter');
  };

  r.add('GET', '/rest/servicedeskapi/request/:issueIdOrKey/feedback', h.wrap(({ p }, { issueIdOrKey }) => {
    const { issue } = h.visibleRequest(p, issueIdOrKey!);
    const f = row(issue);
    if (!f) throw h.fail(404, `The request ${issue.key} has no feedback.`, 'sd.feedback.error.not.found');
    return ok(dto(f));
  }));
  r.add('POST', '/rest/servicedeskapi/request/:issueIdOrKey/feedback', h.wrap(({ p, body }, { issueIdOrKey }) => {
    const { issue } = h.visibleRequest(p, issueIdOrKey!);
    reporterOnly(p, issue);
    const parsed = z.object({ type: z.literal('csat').optional(), rating: z.number().int().min(1).max(5), comment: z.object({ body: z.string().optional() }).passthrough().optional() }).passthrough().safeParse(body ?? {});
    if (!parsed.success) throw h.fail(400, 'The rating must be an integer from 1 to 5 and the type csat.', 'sd.feedback.error.invalid');
    if (issue.resolution_id === null) throw h.fail(400, `The request ${issue.key} is not resolved yet; feedback is given once it is.`, 'sd.feedback.error.not.resolved');
    const comment = parsed.data.comment?.body?.trim() ? parsed.data.comment.body.trim() : null;
    seedRequestFeedback(db, issue.id, parsed.data.rating, comment, site.now());
    return ok(dto(row(issue)!));
  }));
  r.add('DELETE', '/rest/servicedeskapi/request/:issueIdOrKey/feedback', h.wrap(({ p }, { issueIdOrKey }) => {
    const { issue } = h.visibleRequest(p, issueIdOrKey!);
    reporterOnly(p, issue);
    if (!row(issue)) throw h.fail(404, `The request ${issue.key} has no feedback.`, 'sd.feedback.error.not.found');
    db.prepare('DELETE FROM sd_request_feedback WHERE issue_id = ?').run(issue.id);
    return noContent();
  }));
}
