import type { ScheduleFunctionKey } from '../contract/schedule';
import { approveSchedule, exportScheduleIcs, loadScheduleView, saveSchedule } from '../schedule/schedule-view';
import type { Access, Implementations } from './surface';

/**
 * The change schedule tab of the global page (WP.12; D17, D21): staff read it (D28, never a customer, D26); the
 * Control Manager or Service Manager edit it (CO.2.2) and approve it (D21). The changes are read as the viewer.
 */
const by = (rule: Access['rule']): Access => ({ rule, jira: 'read-as-user' });

export const scheduleFunctions: Implementations<ScheduleFunctionKey> = {
  'globalPage.schedule.load': { access: by('staff'), handler: async (call) => loadScheduleView(call.payload, call.caller) },
  'globalPage.schedule.save': { access: by('schedule.edit'), handler: async (call) => saveSchedule(call.payload, call.caller, call.now) },
  'globalPage.schedule.approve': { access: by('schedule.approve'), handler: async (call) => approveSchedule(call.payload, call.caller, call.now) },
  'globalPage.schedule.exportIcs': { access: by('staff'), handler: async (call) => exportScheduleIcs(call.payload, call.now) },
};
