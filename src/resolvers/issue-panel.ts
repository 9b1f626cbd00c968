import type { FunctionKey } from '../contract/functions';
import { Refusal } from '../domain/refusal';
import { linkProblem, publishMajorIncidentReport, raiseChange, raiseProblem, recordConfirmation, recordRootCause, setConfigurationItems, takeMajorIncident } from '../incidents/actions';
import { issuePanelView, type Viewer } from '../incidents/panel';
import type { Call, Implementations } from './surface';

/**
 * The issue panel's functions (ADR 011): the view (read as the viewer; D26 shapes what a customer sees) and the
 * incident actions, each with who may call it.
 */

type PanelKey = Extract<FunctionKey, 'issuePanel.load' | `incident.${string}`>;

function viewerOf(call: Call<FunctionKey>): Viewer {
  const c = call.caller;
  return { accountId: c.accountId, displayName: c.displayName, accountType: c.accountType, roles: c.roles, rolesConfigured: c.rolesConfigured };
}

function issueOf(call: Call<FunctionKey>): { issueKey: string; projectKey: string } {
  const { issue, project } = call.surface;
  if (!issue || !project) throw new Refusal('invalid-input', 'The issue panel context names no issue.');
  return { issueKey: issue.key, projectKey: project.key };
}

const actionContext = (call: Call<FunctionKey>) => ({ ...issueOf(call), viewer: viewerOf(call), clock: call.clock });

export const issuePanelFunctions: Implementations<PanelKey> = {
  'issuePanel.load': {
    // Everything is read as the viewer: Jira refuses an issue they may not browse.
    access: { rule: 'anyone', jira: 'read-as-user' },
    handler: async (call) => {
      const { issueKey, projectKey } = issueOf(call);
      const view = await issuePanelView(issueKey, projectKey, viewerOf(call), call.now);
      if (!view) throw new Refusal('forbidden', 'Jira does not let you see this issue.');
      return view;
    },
  },
  'incident.recordConfirmation': {
    // The reporter confirms their own record; an agent recording it for them also needs Edit issues (checked inside).
    access: { rule: 'anyone', jira: { scope: 'issue', required: ['BROWSE_PROJECTS'], lookUp: ['EDIT_ISSUES'] } },
    handler: async (call) => recordConfirmation(actionContext(call), call.payload.how, call.caller.jira.has('EDIT_ISSUES')),
  },
  'incident.raiseChange': {
    access: { rule: 'agent', jira: { scope: 'issue', required: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'LINK_ISSUES'] } },
    handler: async (call) => raiseChange(actionContext(call), call.payload.purpose, call.payload.summary),
  },
  'incident.recordRootCause': {
    // D13: the root cause is a field of the record; writing it is an edit of the issue as the agent.
    access: { rule: 'agent', jira: { scope: 'issue', required: ['BROWSE_PROJECTS', 'EDIT_ISSUES'] } },
    handler: async (call) => recordRootCause(actionContext(call), call.payload.rootCause),
  },
  'incident.setConfigurationItems': {
    access: { rule: 'agent', jira: { scope: 'issue', required: ['BROWSE_PROJECTS', 'EDIT_ISSUES'] } },
    handler: async (call) => setConfigurationItems(actionContext(call), call.payload.ids),
  },
  'incident.linkProblem': {
    access: { rule: 'agent', jira: { scope: 'issue', required: ['BROWSE_PROJECTS', 'LINK_ISSUES'] } },
    handler: async (call) => linkProblem(actionContext(call), call.payload.key),
  },
  'incident.raiseProblem': {
    access: { rule: 'agent', jira: { scope: 'issue', required: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'LINK_ISSUES'] } },
    handler: async (call) => raiseProblem(actionContext(call), call.payload.summary),
  },
  'incident.takeMajorIncident': {
    access: { rule: 'incident-manager', jira: { scope: 'issue', required: ['BROWSE_PROJECTS', 'EDIT_ISSUES'] } },
    handler: async (call) => takeMajorIncident(actionContext(call)),
  },
  'incident.publishMajorIncidentReport': {
    access: { rule: 'incident-manager', jira: { scope: 'issue', required: ['BROWSE_PROJECTS', 'EDIT_ISSUES'] } },
    handler: async (call) => publishMajorIncidentReport(actionContext(call)),
  },
};
