/**
 * The sandbox search compares custom date-time fields (a change's "Planned start" / "Planned end", D17) by name and
 * by `cf[N]`, as Jira does, so the change schedule's search runs against it unchanged; other custom fields are
 * refused in words. And the schedule's JQL asks for exactly the changes overlapping a range.
 */
import { compileJql, type JqlContext, type JqlIssue } from '../../../sandbox/jira/jql';
import { scheduledChangesJql } from '../../../src/jira/change-search';

const ctx: JqlContext = {
  now: Date.parse('2026-12-04T12:00:00Z'), timeZone: 'UTC', currentAccountId: null, aliases: {},
  catalog: {
    projects: [{ id: '10000', key: 'SD', name: 'Service desk' }], issueTypes: [{ id: '10002', name: 'Change' }], statuses: [{ id: '1', name: 'Draft' }], priorities: [], users: [],
    customFields: [
      { id: 'customfield_10014', name: 'Planned start', type: 'com.atlassian.jira.plugin.system.customfieldtypes:datetime' },
      { id: 'customfield_10015', name: 'Planned end', type: 'com.atlassian.jira.plugin.system.customfieldtypes:datetime' },
      { id: 'customfield_10012', name: 'Change type', type: 'com.atlassian.jira.plugin.system.customfieldtypes:select' },
    ],
  },
};

function change(key: string, start: string | null, end: string | null): JqlIssue {
  return {
    id: key.slice(3), key, projectId: '10000', projectKey: 'SD', projectName: 'Service desk', issueTypeId: '10002', issueTypeName: 'Change',
    statusId: '1', statusName: 'Draft', statusCategoryKey: 'new', priorityId: null, priorityName: null, reporterAccountId: null, assigneeAccountId: null,
    summary: key, labels: [], created: 0, updated: 0, resolutionDate: null, properties: {},
    custom: { ...(start ? { customfield_10014: start } : {}), ...(end ? { customfield_10015: end } : {}) },
  };
}

const issues = [
  change('SD-1', '2026-12-05T20:00:00.000+0000', '2026-12-05T22:00:00.000+0000'),
  change('SD-2', '2026-12-20T20:00:00.000+0000', '2026-12-20T22:00:00.000+0000'),
  change('SD-3', '2026-12-06T08:00:00.000+0100', null),
  change('SD-4', null, null),
];

const keys = (jql: string) => {
  const c = compileJql(jql, ctx);
  if (!c.ok) throw new Error(c.errorMessages.join(' '));
  return issues.filter(c.filter).map((i) => i.key);
};

describe('custom date-time fields in the sandbox JQL', () => {
  it('compares by name and by cf[N], EMPTY included', () => {
    expect(keys('"Planned start" >= "2026/12/05" AND "Planned start" < "2026/12/07"')).toEqual(['SD-1', 'SD-3']);
    expect(keys('cf[10015] is EMPTY')).toEqual(['SD-3', 'SD-4']);
    expect(keys('cf[10014] > "2026/12/10"')).toEqual(['SD-2']);
  });

  it('refuses a custom field it cannot compare, in words', () => {
    const c = compileJql('"Change type" = Normal', ctx);
    expect(c).toMatchObject({ ok: false, errorMessages: [expect.stringContaining("searches custom date, date-time, user picker and Organizations fields only; 'Change type'")] });
  });

  it('runs the schedule search query: the changes whose planned time may overlap the range', () => {
    const range = { from: Date.parse('2026-12-05T00:00:00Z'), to: Date.parse('2026-12-07T00:00:00Z') };
    const mapped = scheduledChangesJql(range, [{ projectKey: 'SD', issueType: 'Change', fields: { plannedStart: 'customfield_10014', plannedEnd: 'customfield_10015' }, changeTypeAliases: {} }]);
    expect(mapped).toContain('cf[10014]');
    expect(keys(mapped)).toEqual(['SD-1', 'SD-3']);
    expect(keys(scheduledChangesJql(range, []))).toEqual(['SD-1', 'SD-3']);
  });
});
