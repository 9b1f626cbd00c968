import type { PerformanceFunctionKey, PortalPerformanceFunctionKey } from '../contract/performance';
import {
  approveReport, computeReport, customerReport, customerReports, loadReportView, performanceList, rebuildAggregates, saveReportDraft, shareReport,
} from '../relationship/performance';
import type { Access, Implementations } from './surface';

/**
 * Service performance reports (WP.19): the team's tab on the global page — staff read (D28; never a customer, D26),
 * the RM or SM draft (D21), approve and share (RE.2.4) — and the customer's "Reports" tab in the portal, which answers
 * only the approved reports shared with the caller's own organizations (D26).
 */
const by = (rule: Access['rule']): Access => ({ rule, jira: 'read-as-user' });

export const performanceFunctions: Implementations<PerformanceFunctionKey> = {
  'globalPage.performance.compute': { access: by('staff'), handler: async (call) => computeReport(call.payload, call.now) },
  'globalPage.performance.list': { access: by('staff'), handler: async (call) => performanceList(call.caller) },
  'globalPage.performance.load': { access: by('staff'), handler: async (call) => loadReportView(call.payload.id) },
  'globalPage.performance.saveDraft': { access: by('performance.draft'), handler: async (call) => saveReportDraft(call.payload, call.caller, call.now) },
  'globalPage.performance.approve': { access: by('performance.approve'), handler: async (call) => approveReport(call.payload, call.caller, call.now) },
  'globalPage.performance.share': { access: by('performance.approve'), handler: async (call) => shareReport(call.payload, call.caller, call.now) },
  'globalPage.performance.rebuild': { access: by('performance.draft'), handler: async (call) => rebuildAggregates(call.payload.restart, call.caller, call.now, call.clock) },
};

export const portalPerformanceFunctions: Implementations<PortalPerformanceFunctionKey> = {
  'portalHome.performance.list': { access: by('anyone'), handler: async (call) => customerReports(call.caller.accountId) },
  'portalHome.performance.load': { access: by('anyone'), handler: async (call) => customerReport(call.payload.id, call.caller.accountId) },
};
