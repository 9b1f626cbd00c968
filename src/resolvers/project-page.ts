import type { FunctionKey } from '../contract/functions';
import { Refusal } from '../domain/refusal';
import { incidentReports } from '../incidents/reports';
import { projectOverview } from '../overview/project';
import type { Call, Implementations } from './surface';

/**
 * The project page's functions (ADR 011). The page shows the service team's open work and its figures (D26: no
 * customer sees team metrics), read as the viewer so the figures cover what Jira lets them see.
 */

type ProjectKey = Extract<FunctionKey, 'projectPage.load' | 'reports.incidents'>;

function projectOf(call: Call<FunctionKey>): string {
  if (!call.surface.project) throw new Refusal('invalid-input', 'The project page context names no project.');
  return call.surface.project.key;
}

export const projectPageFunctions: Implementations<ProjectKey> = {
  'projectPage.load': {
    access: { rule: 'service-team', jira: { scope: 'project', required: ['BROWSE_PROJECTS'], lookUp: [] } },
    handler: async (call) => projectOverview(projectOf(call), call.caller, call.now),
  },
  'reports.incidents': {
    access: { rule: 'service-team', jira: { scope: 'project', required: ['BROWSE_PROJECTS'] } },
    handler: async (call) => incidentReports(projectOf(call), call.payload, call.now),
  },
};
