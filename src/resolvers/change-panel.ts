import type { FunctionKey } from '../contract/functions';
import { Refusal } from '../domain/refusal';
import { changeAction } from '../changes/actions';
import { changeTemplateList, raiseFromTemplate } from '../changes/templates';
import type { Call, Implementations } from './surface';

/**
 * The change part of the issue panel and the project page's pre-approved templates (issue #13, ADR 011, ADR 014).
 * Who may call is the surface rule below plus the Jira permission; which step a person may decide, and D7, are
 * decided per change by src/domain/change.
 */

type ChangeKey = Extract<FunctionKey, `change.${string}`>;
type TemplateKey = Extract<FunctionKey, `changeTemplates.${string}`>;

function issueOf(call: Call<FunctionKey>): { issueKey: string; projectKey: string } {
  const { issue, project } = call.surface;
  if (!issue || !project) throw new Refusal('invalid-input', 'The issue panel context names no issue.');
  return { issueKey: issue.key, projectKey: project.key };
}

function projectOf(call: Call<FunctionKey>): string {
  if (!call.surface.project) throw new Refusal('invalid-input', 'The project page context names no project.');
  return call.surface.project.key;
}

const edit = { scope: 'issue', required: ['BROWSE_PROJECTS', 'EDIT_ISSUES'] } as const;
const editAndMove = { scope: 'issue', required: ['BROWSE_PROJECTS', 'EDIT_ISSUES', 'TRANSITION_ISSUES'] } as const;

export const changePanelFunctions: Implementations<ChangeKey> = {
  'change.decide': { access: { rule: 'change-approver', jira: editAndMove }, handler: async (call) => changeAction(issueOf(call), call, { kind: 'decide', payload: call.payload }) },
  'change.recordSignOff': { access: { rule: 'change-approver', jira: edit }, handler: async (call) => changeAction(issueOf(call), call, { kind: 'recordSignOff', payload: call.payload }) },
  'change.recordBuild': { access: { rule: 'service-team', jira: editAndMove }, handler: async (call) => changeAction(issueOf(call), call, { kind: 'recordBuild', payload: call.payload }) },
  'change.publishTestReport': { access: { rule: 'service-team', jira: editAndMove }, handler: async (call) => changeAction(issueOf(call), call, { kind: 'publishTestReport', payload: call.payload }) },
  'change.schedule': { access: { rule: 'service-team', jira: edit }, handler: async (call) => changeAction(issueOf(call), call, { kind: 'schedule', payload: call.payload }) },
  'change.setConfigurationItems': { access: { rule: 'service-team', jira: edit }, handler: async (call) => changeAction(issueOf(call), call, { kind: 'setConfigurationItems', payload: call.payload }) },
  'change.recordReview': { access: { rule: 'service-team', jira: editAndMove }, handler: async (call) => changeAction(issueOf(call), call, { kind: 'recordReview', payload: call.payload }) },
  'change.designateTemplate': { access: { rule: 'control-manager', jira: edit }, handler: async (call) => changeAction(issueOf(call), call, { kind: 'designateTemplate', payload: call.payload }) },
};

export const changeTemplateFunctions: Implementations<TemplateKey> = {
  'changeTemplates.list': { access: { rule: 'service-team', jira: { scope: 'project', required: ['BROWSE_PROJECTS'] } }, handler: async (call) => changeTemplateList(projectOf(call), call.caller) },
  'changeTemplates.raise': {
    access: { rule: 'service-team', jira: { scope: 'project', required: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'TRANSITION_ISSUES'] } },
    handler: async (call) => raiseFromTemplate(projectOf(call), call.payload, call.caller, call.clock),
  },
};
