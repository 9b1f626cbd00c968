import { BulkSeedError, bulkIncidentProperty, seedBulkIncidents } from '../../../sandbox/seed/bulk-incidents';
import { NOW, openDemoSite, type DemoSite } from './demo-site';

const HOUR = 3_600_000;
const MIN = 60_000;
const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

/** Every key a JQL search finds for the app, following nextPageToken. */
function searchKeys(s: DemoSite, jql: string): string[] {
  const keys: string[] = [];
  let nextPageToken: string | undefined;
  do {
    const page = s.search.run(s.app(), { jql, maxResults: 5000, nextPageToken }) as { issues: Array<{ key: string }>; nextPageToken?: string };
    keys.push(...page.issues.map((i) => i.key));
    nextPageToken = page.nextPageToken;
  } while (nextPageToken);
  return keys;
}

describe('seedBulkIncidents', () => {
  let s: DemoSite;
  beforeEach(() => { s = openDemoSite(); });
  afterEach(() => s.close());

  it('inserts 10,000 open Critical incidents in well under 10 s, keys and ids continuing the site', () => {
    const before = s.site.rows.project('SD')!.next_issue_number;
    const started = Date.now();
    const result = seedBulkIncidents(s.db, { projectKey: 'SD', count: 10_000, dueCount: 25, now: NOW, propertyFor: (i) => bulkIncidentProperty(i, 25, NOW) });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(10_000);
    expect(result).toMatchObject({ count: 10_000, dueCount: 25, firstKey: `SD-${before}`, lastKey: `SD-${before + 9_999}` });
    expect(result.lastId! - result.firstId!).toBe(9_999);
    expect((s.db.prepare("SELECT COUNT(*) AS n FROM issues WHERE project_id = '10000'").get() as { n: number }).n).toBe(before - 1 + 10_000);

    // An issue created over REST afterwards takes the next key and id.
    const created = s.site.createIssue(s.as('ines'), { fields: { project: { key: 'SD' }, issuetype: { name: 'Incident' }, summary: 'After the bulk' } });
    expect(created).toMatchObject({ key: `SD-${before + 10_000}`, id: String(result.lastId! + 1) });
  });

  it('writes issues shaped like the demo incidents, without history, with the sd-state property', () => {
    const result = seedBulkIncidents(s.db, { projectKey: 'SD', count: 3, dueCount: 1, now: NOW, propertyFor: (i) => ({ schemaVersion: 1, kind: 'incident', n: i }) });
    const due = s.site.issueBean(s.app(), s.site.rows.issue(result.firstKey!)!, { fields: ['*all'], expand: ['changelog'], properties: ['sd-state'], defaultFields: '*all' }) as {
      fields: Record<string, unknown> & { priority: { name: string }; status: { name: string; statusCategory: { key: string } }; issuetype: { name: string }; created: string; comment: { total: number }; customfield_10010: { value: string }; customfield_10011: { value: string }; reporter: { accountType: string }; assignee: unknown; resolution: unknown };
      changelog: { histories: unknown[] }; properties: Record<string, unknown>;
    };
    expect(due.fields.issuetype.name).toBe('Incident');
    expect(due.fields.status).toMatchObject({ name: 'Open', statusCategory: { key: 'new' } });
    expect(due.fields.priority.name).toBe('Critical');
    expect(due.fields.customfield_10010.value).toBe('High');
    expect(due.fields.customfield_10011.value).toBe('High');
    expect(due.fields.resolution).toBeNull();
    expect(due.fields.reporter.accountType).toBe('customer');
    expect(due.fields.assignee).not.toBeNull();
    expect(Date.parse(due.fields.created.replace('+0000', 'Z'))).toBe(NOW - 4 * HOUR - MIN);
    expect(due.fields.comment.total).toBe(0);
    expect(due.changelog.histories).toEqual([]);
    expect(due.properties).toEqual({ 'sd-state': { schemaVersion: 1, kind: 'incident', n: 0 } });
    const recent = s.site.rows.issue(result.lastKey!)!;
    expect(NOW - recent.created).toBeLessThanOrEqual(30 * MIN);
    expect(NOW - recent.created).toBeGreaterThan(0);
  });

  it('makes exactly the due ones match sdNextDeadline <= now(), with the route property', () => {
    seedBulkIncidents(s.db, { projectKey: 'SD', count: 500, dueCount: 37, now: NOW, propertyFor: (i) => bulkIncidentProperty(i, 37, NOW) });
    const due = searchKeys(s, 'project = SD AND sdNextDeadline <= now() ORDER BY key ASC');
    expect(due).toHaveLength(37);
    expect(searchKeys(s, 'project = SD AND sdNextDeadline > now()')).toHaveLength(463);
    expect(searchKeys(s, 'sdKind = incident AND sdBreached = no AND sdPaused = no')).toHaveLength(500);
    s.clock.now = NOW + 48 * HOUR;
    expect(searchKeys(s, 'project = SD AND sdNextDeadline <= now()')).toHaveLength(500);
  });

  it('writes the documented property values', () => {
    expect(bulkIncidentProperty(0, 1, NOW)).toEqual({ schemaVersion: 2, kind: 'incident', nextDeadline: new Date(NOW - MIN).toISOString(), breached: 'no', paused: 'no', incident: { trackedSince: new Date(NOW - 24 * HOUR).toISOString() } });
    const later = Array.from({ length: 60 }, (_, i) => Date.parse(bulkIncidentProperty(i + 1, 1, NOW).nextDeadline as string) - NOW);
    expect(Math.min(...later)).toBe(HOUR);
    expect(Math.max(...later)).toBe(48 * HOUR);
  });

  it('changes nothing when it cannot run', () => {
    const issues = () => (s.db.prepare('SELECT COUNT(*) AS n FROM issues').get() as { n: number }).n;
    const before = issues();
    expect(() => seedBulkIncidents(s.db, { projectKey: 'NOPE', count: 5, dueCount: 0, now: NOW, propertyFor: () => ({}) })).toThrow(BulkSeedError);
    expect(() => seedBulkIncidents(s.db, { projectKey: 'OPS', count: 5, dueCount: 0, now: NOW, propertyFor: () => ({}) })).toThrow('no Incident issue type');
    expect(() => seedBulkIncidents(s.db, { projectKey: 'SD', count: 5, dueCount: 6, now: NOW, propertyFor: () => ({}) })).toThrow('dueCount');
    expect(() => seedBulkIncidents(s.db, { projectKey: 'SD', count: 5, dueCount: 0, now: NOW, propertyFor: (i) => (i === 3 ? undefined : {}) })).toThrow('propertyFor(3)');
    expect(issues()).toBe(before);
    // The project's counter and the id sequence rolled back too: the next REST issue continues the demo keys.
    expect(s.site.createIssue(s.as('ines'), { fields: { project: { key: 'SD' }, issuetype: { name: 'Incident' }, summary: 'x', description: adf('x') } }).key).toBe('SD-43');
  });

  it('refuses a plain site (no ITSM issue types or fields)', () => {
    const plain = openDemoSite('plain');
    try {
      expect(() => seedBulkIncidents(plain.db, { projectKey: 'OPS', count: 1, dueCount: 0, now: NOW, propertyFor: () => ({}) })).toThrow(BulkSeedError);
    } finally { plain.close(); }
  });
});
