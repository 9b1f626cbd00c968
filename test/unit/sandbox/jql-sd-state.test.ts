import { resolve } from 'node:path';
import { compileJql, type JqlAlias, type JqlContext, type JqlIssue } from '../../../sandbox/jira/jql';
import { loadManifest } from '../../../sandbox/forge/manifest';

/**
 * The app's `sd-state` searches as the SLA scan and the escalation views write them, against the entity-property
 * aliases of manifest.yml: ISO-8601 instants as the app stores them (`toISOString()`), issues whose property lacks
 * the path, and the string flags by alias and by the long form.
 */
const NOW = Date.parse('2026-12-01T10:15:00.000Z');

const ALIASES: Record<string, JqlAlias> = {
  sdKind: { propertyKey: 'sd-state', path: 'kind', type: 'string' },
  sdNextDeadline: { propertyKey: 'sd-state', path: 'nextDeadline', type: 'date' },
  sdBreached: { propertyKey: 'sd-state', path: 'breached', type: 'string' },
  sdPaused: { propertyKey: 'sd-state', path: 'paused', type: 'string' },
};

const ctx: JqlContext = {
  now: NOW, timeZone: 'Europe/Berlin', currentAccountId: 'acc-ines', aliases: ALIASES,
  catalog: { projects: [{ id: '10000', key: 'SD', name: 'Acme Managed Services' }], issueTypes: [{ id: '10001', name: 'Incident' }], statuses: [{ id: '1', name: 'Open' }], priorities: [{ id: '1', name: 'Critical' }], users: [] },
};

let seq = 0;
function issue(state: Record<string, unknown> | null): JqlIssue {
  seq++;
  return {
    id: String(10000 + seq), key: `SD-${seq}`, projectId: '10000', projectKey: 'SD', projectName: 'Acme Managed Services',
    issueTypeId: '10001', issueTypeName: 'Incident', statusId: '1', statusName: 'Open', statusCategoryKey: 'new', priorityId: '1', priorityName: 'Critical',
    reporterAccountId: null, assigneeAccountId: null, summary: `issue ${seq}`, labels: [], created: NOW - 3_600_000, updated: NOW - 3_600_000, resolutionDate: null,
    properties: state === null ? {} : { 'sd-state': state },
  };
}

const base = { schemaVersion: 1, kind: 'incident' };
const ISSUES = {
  exactlyNow: issue({ ...base, nextDeadline: '2026-12-01T10:15:00.000Z', breached: 'no', paused: 'no' }),
  msBefore: issue({ ...base, nextDeadline: '2026-12-01T10:14:59.999Z', breached: 'yes', paused: 'no' }),
  msAfter: issue({ ...base, nextDeadline: '2026-12-01T10:15:00.001Z', breached: 'no', paused: 'yes' }),
  offsetPast: issue({ ...base, nextDeadline: '2026-12-01T11:00:00+02:00', breached: 'yes', paused: 'yes' }),
  jiraFormatFuture: issue({ ...base, nextDeadline: '2026-12-02T10:15:00.000+0000', breached: 'no', paused: 'no' }),
  noDeadline: issue({ ...base, breached: 'yes', paused: 'yes' }),
  nullDeadline: issue({ ...base, nextDeadline: null, breached: 'no' }),
  noProperty: issue(null),
};
const name = new Map(Object.entries(ISSUES).map(([k, v]) => [v.key, k]));

function matches(jql: string): string[] {
  const c = compileJql(jql, ctx);
  if (!c.ok) throw new Error(`unexpected JQL error: ${c.errorMessages.join(' | ')}`);
  return Object.values(ISSUES).filter(c.filter).map((i) => name.get(i.key)!).sort();
}

describe('JQL on the sd-state property', () => {
  it('uses the aliases manifest.yml declares', () => {
    const fromManifest = loadManifest(resolve(__dirname, '..', '..', '..', 'manifest.yml')).aliases;
    for (const [alias, decl] of Object.entries(ALIASES)) expect(fromManifest[alias]).toEqual(decl);
  });

  it('compares ISO-8601 instants with now() to the millisecond', () => {
    expect(matches('sdNextDeadline <= now()')).toEqual(['exactlyNow', 'msBefore', 'offsetPast']);
    expect(matches('sdNextDeadline < now()')).toEqual(['msBefore', 'offsetPast']);
    expect(matches('sdNextDeadline > now()')).toEqual(['jiraFormatFuture', 'msAfter']);
    expect(matches('issue.property[sd-state].nextDeadline <= now()')).toEqual(['exactlyNow', 'msBefore', 'offsetPast']);
    expect(matches('sdNextDeadline <= "2026-12-01 11:15"')).toEqual(['exactlyNow', 'msBefore', 'offsetPast']); // Berlin wall time = 10:15Z
  });

  it('never matches an issue whose property lacks nextDeadline, also under NOT', () => {
    for (const jql of ['sdNextDeadline <= now()', 'sdNextDeadline > now()', 'NOT sdNextDeadline > now()', 'NOT sdNextDeadline <= now()', 'sdNextDeadline != "2026-12-01"']) {
      expect(matches(jql)).not.toEqual(expect.arrayContaining(['noDeadline']));
      expect(matches(jql)).not.toEqual(expect.arrayContaining(['nullDeadline']));
      expect(matches(jql)).not.toEqual(expect.arrayContaining(['noProperty']));
    }
    expect(matches('sdNextDeadline is EMPTY')).toEqual(['noDeadline', 'noProperty', 'nullDeadline']);
  });

  it('matches the string flags by alias and by the long form, quoted or not', () => {
    const breached = ['msBefore', 'noDeadline', 'offsetPast'];
    expect(matches('issue.property[sd-state].breached = "yes"')).toEqual(breached);
    expect(matches('issue.property[sd-state].breached = yes')).toEqual(breached);
    expect(matches('sdBreached = yes')).toEqual(breached);
    expect(matches('issue.property[sd-state].paused = yes')).toEqual(['msAfter', 'noDeadline', 'offsetPast']);
    expect(matches('sdPaused = "yes"')).toEqual(['msAfter', 'noDeadline', 'offsetPast']);
    // Negative operators skip issues without the value, as on Jira.
    expect(matches('sdPaused != yes')).toEqual(['exactlyNow', 'jiraFormatFuture', 'msBefore']);
  });

  it('combines the flags with the deadline as the SLA scan asks', () => {
    expect(matches('sdKind = incident AND sdNextDeadline <= now() AND sdPaused != yes')).toEqual(['exactlyNow', 'msBefore']);
    expect(matches('sdNextDeadline <= now() AND (sdBreached = no OR sdPaused = no)')).toEqual(['exactlyNow', 'msBefore']);
  });
});
