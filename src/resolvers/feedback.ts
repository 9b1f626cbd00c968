import type { FeedbackFunctionKey } from '../contract/feedback';
import type { FunctionKey } from '../contract/functions';
import type { Score } from '../domain/feedback/figures';
import { Refusal } from '../domain/refusal';
import { loadIssue } from '../incidents/load';
import {
  approveApproachOf, discardApproachOf, feedbackPageView, jsmRatingOf, portalFeedbackView, rate, recordApproachSignOffOf, recordEntryOf, saveApproachDraftOf, sendPortalFeedback, stepOf,
  type FeedbackCaller, type RatedIncident,
} from '../relationship/feedback';
import { loadIncidentRules } from '../store/rules';
import type { Access, Call, Implementations } from './surface';

/**
 * Feedback (issue #14): the approach and the log on the service team's page (staff read; RM/SM draft and handle; MGT
 * approves; anyone on the team records), the customer's own feedback in the portal (`anyone`: the server answers only
 * the caller's own entries, D26), and the satisfaction rating in the issue panel and the portal request view.
 */

const by = (rule: Access['rule']): Access => ({ rule, jira: { scope: 'global', required: [] } });
const callerOf = (call: Call<FunctionKey>): FeedbackCaller => call.caller;

/** The incident the panel shows, read as the caller (Jira refuses what they may not see). */
async function ratedIncident(call: Call<FunctionKey>): Promise<RatedIncident> {
  const { issue, project } = call.surface;
  if (!issue || !project) throw new Refusal('invalid-input', 'The issue panel context names no issue.');
  const rules = await loadIncidentRules(call.now);
  const loaded = await loadIssue(issue.key, project.key, rules, 'user');
  if (!loaded) throw new Refusal('forbidden', 'Jira does not let you see this issue.');
  if (loaded.kind !== 'incident') throw new Refusal('refused', 'Only an incident is rated.');
  const s = loaded.snapshot;
  return { issueId: s.id, issueKey: s.key, reporter: s.reporter ? { accountId: s.reporter.accountId, displayName: s.reporter.displayName ?? s.reporter.accountId } : null, resolved: s.resolution !== null, contactIds: [...(rules.policyFor(s).agreement?.contacts ?? [])] };
}

export const feedbackFunctions: Implementations<FeedbackFunctionKey> = {
  'globalPage.feedback.load': { access: by('staff'), handler: async (call) => feedbackPageView(callerOf(call), call.now) },
  'globalPage.feedback.approach.saveDraft': { access: by('approach.edit'), handler: async (call) => saveApproachDraftOf(call.payload, callerOf(call), call.now) },
  'globalPage.feedback.approach.recordSignOff': { access: by('approach.edit'), handler: async (call) => recordApproachSignOffOf(call.payload, callerOf(call), call.now) },
  'globalPage.feedback.approach.approve': { access: by('approach.approve'), handler: async (call) => approveApproachOf(call.payload, callerOf(call), call.now) },
  'globalPage.feedback.approach.discardDraft': { access: by('approach.edit'), handler: async (call) => discardApproachOf(call.payload, callerOf(call), call.now) },
  'globalPage.feedback.record': { access: by('feedback.record'), handler: async (call) => recordEntryOf(call.payload, callerOf(call), call.now) },
  'globalPage.feedback.step': { access: by('feedback.handle'), handler: async (call) => stepOf(call.payload, callerOf(call), call.now) },
  // D26: the portal answers the caller's own entries only; nothing to ask Jira beyond who they are.
  'portalHome.feedback.load': { access: { rule: 'anyone', jira: 'read-as-user' }, handler: async (call) => portalFeedbackView(call.caller.accountId) },
  'portalHome.feedback.send': { access: { rule: 'anyone', jira: 'read-as-user' }, handler: async (call) => sendPortalFeedback(call.payload, callerOf(call), call.now) },
  // The reporter rates their own resolved incident (checked on the issue read as them).
  'satisfaction.rate': {
    access: { rule: 'anyone', jira: 'read-as-user' },
    handler: async (call) => {
      const incident = await ratedIncident(call);
      return rate(incident, { reporterId: incident.reporter?.accountId ?? null, contactIds: incident.contactIds, resolved: incident.resolved }, callerOf(call), call.payload.score as Score, call.payload.comment, call.now);
    },
  },
  // The service team asks for JSM's own rating on demand (one Jira call, outside the panel's render budget).
  'satisfaction.jsmRating': { access: { rule: 'service-team', jira: 'read-as-user' }, handler: async (call) => jsmRatingOf(call.surface.issue?.key ?? '') },
};
