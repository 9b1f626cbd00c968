import { Notifications } from '../../../sandbox/jira/notifications';
import { demoAccountId } from '../../../sandbox/seed/demo';
import { jiraFailure, NOW, openDemoSite, type DemoSite } from './demo-site';

// Demo seed: SD-1 "E-mail delivery down" is reported by Carla (Northwind customer) and assigned to Priya;
// SD-5 "VPN very slow" is Carla's and unassigned. Chen is a customer of another company.
describe('POST /issue/{key}/notify (sandbox outbox)', () => {
  let s: DemoSite;
  let notifications: Notifications;
  const carla = demoAccountId('carla');
  const priya = demoAccountId('priya');
  const chen = demoAccountId('chen');
  const count = () => notifications.list().length;

  beforeEach(() => { s = openDemoSite(); notifications = new Notifications(s.site); });
  afterEach(() => s.close());

  it('resolves reporter and assignee from the issue and users as given, and stores the mail', () => {
    s.clock.now = NOW + 90_000;
    const sent = notifications.send(s.as('ines'), 'sd-1', { subject: 'Major incident', textBody: 'We are on it.', htmlBody: '<p>We are on it.</p>', to: { reporter: true, assignee: true, users: [{ accountId: demoAccountId('tom') }] } });
    expect(sent).toEqual({
      id: expect.stringMatching(/^\d+$/), issueKey: 'SD-1', from: demoAccountId('ines'), to: [carla, priya, demoAccountId('tom')],
      toNames: ['Carla Jones', 'Priya Nair', 'Tom Becker'], subject: 'Major incident', textBody: 'We are on it.', at: new Date(NOW + 90_000).toISOString(),
    });
    expect(notifications.list('SD-1')).toEqual([sent]);
  });

  it('lists oldest first, per issue key (case-insensitive) or all', () => {
    notifications.send(s.as('ines'), 'SD-1', { textBody: 'first', to: { reporter: true } });
    s.clock.now += 1000;
    notifications.send(s.as('ines'), 'SD-5', { textBody: 'other issue', to: { reporter: true } });
    s.clock.now += 1000;
    notifications.send(s.app(), 'SD-1', { textBody: 'second', to: { assignee: true } });
    expect(notifications.list('sd-1').map((n) => n.textBody)).toEqual(['first', 'second']);
    expect(notifications.list().map((n) => n.textBody)).toEqual(['first', 'other issue', 'second']);
    expect(notifications.list('SD-99')).toEqual([]);
  });

  it('defaults the subject to the issue key and summary; textBody is null when only HTML is sent', () => {
    const sent = notifications.send(s.app(), 'SD-1', { htmlBody: '<b>hi</b>', to: { reporter: true } });
    expect(sent.subject).toBe('SD-1: E-mail delivery down for all Northwind mailboxes');
    expect(sent.textBody).toBeNull();
    expect(sent.from).toBe(s.app().user.account_id);
  });

  it('drops unknown accounts, the caller, app accounts and users who may not see the issue', () => {
    const sent = notifications.send(s.as('priya'), 'SD-1', { textBody: 'x', to: { reporter: true, assignee: true, users: [{ accountId: 'no-such-account' }, { accountId: chen }, { accountId: s.app().user.account_id }, { accountId: carla }] } });
    expect(sent.to).toEqual([carla]);
  });

  it('answers 400 when no recipient is named, or nobody is left', () => {
    expect(jiraFailure(() => notifications.send(s.as('ines'), 'SD-1', { textBody: 'x' }))).toEqual({ status: 400, body: { errorMessages: ['No recipients were defined for notification.'], errors: {} } });
    expect(jiraFailure(() => notifications.send(s.as('ines'), 'SD-1', { to: { reporter: false, users: [] } })).status).toBe(400);
    const unassigned = jiraFailure(() => notifications.send(s.as('ines'), 'SD-5', { to: { assignee: true } }));
    expect(unassigned.status).toBe(400);
    expect(unassigned.body.errorMessages[0]).toContain('the issue is unassigned');
    const self = jiraFailure(() => notifications.send(s.as('carla'), 'SD-5', { to: { reporter: true } }));
    expect(self.body.errorMessages[0]).toContain('the calling user');
    const unknown = jiraFailure(() => notifications.send(s.as('ines'), 'SD-5', { to: { users: [{ accountId: 'nobody' }], watchers: true, groups: [{ name: 'jira-users' }] } }));
    for (const reason of ['user nobody is not a known account', 'no watchers in the sandbox', 'the sandbox has no groups']) expect(unknown.body.errorMessages[0]).toContain(reason);
    expect(count()).toBe(0);
  });

  it('answers 400 with field errors for a malformed body, before looking at the issue', () => {
    const bad = jiraFailure(() => notifications.send(s.as('ines'), 'SD-1', { to: { reporter: 'yes', users: [{ name: 'carla' }] }, subject: 7 }));
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['subject', 'to.reporter', 'to.users.0.accountId']);
    expect(jiraFailure(() => notifications.send(s.as('ines'), 'SD-999', [])).status).toBe(400);
    expect(jiraFailure(() => notifications.send(s.as('ines'), 'SD-1', undefined)).body.errorMessages).toEqual(['No content to map due to end-of-input']);
    expect(count()).toBe(0);
  });

  it('answers 404 when the caller may not see the issue (or it does not exist)', () => {
    expect(jiraFailure(() => notifications.send(s.as('chen'), 'SD-1', { to: { assignee: true } }))).toEqual({ status: 404, body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} } });
    expect(jiraFailure(() => notifications.send(s.as('ines'), 'SD-999', { to: { reporter: true } })).status).toBe(404);
    expect(count()).toBe(0);
  });

  it('applies restrict.permissions by key, legacy key or id', () => {
    const to = { reporter: true, assignee: true };
    expect(notifications.send(s.as('ines'), 'SD-1', { to, restrict: { permissions: [{ key: 'EDIT_ISSUES' }] } }).to).toEqual([priya]);
    expect(notifications.send(s.as('ines'), 'SD-1', { to, restrict: { permissions: [{ key: 'BROWSE' }] } }).to).toEqual([carla, priya]);
    expect(notifications.send(s.as('ines'), 'SD-1', { to, restrict: { permissions: [{ id: '10' }, { id: '12' }] } }).to).toEqual([priya]);
    expect(jiraFailure(() => notifications.send(s.as('ines'), 'SD-1', { to, restrict: { permissions: [{ key: 'FLY' }] } })).body.errors).toEqual({ restrict: "Unrecognized permission 'FLY'." });
    // The sandbox has no groups, so a group restriction leaves nobody.
    expect(jiraFailure(() => notifications.send(s.as('ines'), 'SD-1', { to, restrict: { groups: [{ name: 'jira-servicedesk-users' }] } })).status).toBe(400);
  });
});
