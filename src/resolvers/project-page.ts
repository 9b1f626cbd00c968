import type { FunctionKey } from '../contract/functions';
import { Refusal } from '../domain/refusal';
import { incidentReports } from '../incidents/reports';
import { changeReports } from '../overview/change-reports';
import { projectOverview } from '../overview/project';
import type { Call, Implementations } from './surface';

/**
 * The project page's functions (ADR 011). The page shows the open work and the figures, read as the viewer so they
 * cover what Jira lets them see. Anyone who may browse the project opens it; what they see is decided here (D26):
 * the service team every figure, a customer their own incidents without the team's metrics and no change reports.
 */

type ProjectKey = Extract<FunctionKey, 'projectPage.load' | 'reports.incidents' | 'reports.changes'>;

function projectOf(call: Call<FunctionKey>): string {
  if (!call.surface.project) throw new Refusal('invalid-input', 'The project page context names no project.');
  return call.surface.project.key;
}

export const projectPageFunctions: Implementations<ProjectKey> = {
  'projectPage.load': {
    access: { rule: 'anyone', jira: { scope: 'project', required: ['BROWSE_PROJECTS'], lookUp: [] } },
    handler: async (call) => projectOverview(projectOf(call), call.caller, call.now),
  },
  'reports.incidents': {
    access: { rule: 'anyone', jira: { scope: 'project', required: ['BROWSE_PROJECTS'] } },
    handler: async (call) => incidentReports(projectOf(call), call.payload, call.caller, call.now),
  },
  // D26: change reports are the team's own figures; a customer gets none of them (refused before any read).
  'reports.changes': {
    access: { rule: 'service-team', jira: { scope: 'project', required: ['BROWSE_PROJECTS'] } },
    handler: async (call) => changeReports(projectOf(call), call.payload, call.now),
  },
};
