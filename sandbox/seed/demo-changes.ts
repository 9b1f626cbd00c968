import { addDays, weekdayIndex, zonedDay, zonedInstant } from '../../src/domain/schedule/schedule';
import type { ItemContent } from '../../src/domain/configuration/item';
import {
  approvedChangeScheduleWrites, changeRecordWrites, changeTemplateWrites, seedApprovedProcedureWrites, seedItemWrites, type Write,
} from '../../src/store/seed';
import type { ChangeRecordContent } from '../../src/store/seed';

/**
 * The demo's service control (issue #13), in the layout the app writes: configuration records with history (WP.02),
 * the approved procedures (WP.17, WP.09), an approved change schedule with its windows and a year-end freeze (WP.12),
 * the register of pre-approved changes (D15), and the evidence the app recorded on the seeded changes (ADR 014).
 */

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export const WINDOW_ZONE = 'Europe/Lisbon';

/** The change windows: Tuesdays and Thursdays 20:00–23:00 in Lisbon (the service team's zone). */
export function windowStart(now: number, afterMs: number, nth = 0): number {
  let day = zonedDay(WINDOW_ZONE, now + afterMs);
  let seen = 0;
  for (let i = 0; i < 30; i++, day = addDays(day, 1)) {
    const wd = weekdayIndex(day);
    if (wd !== 1 && wd !== 3) continue;
    const start = zonedInstant(WINDOW_ZONE, day, 20 * 60);
    if (start < now + afterMs) continue;
    if (seen++ === nth) return start;
  }
  throw new Error('no change window within 30 days');
}

/** The freeze: a week from now for two weeks (the customers' year-end closing). */
export function freezeOf(now: number): { start: number; end: number } {
  const start = zonedInstant(WINDOW_ZONE, zonedDay(WINDOW_ZONE, now + 7 * DAY), 0);
  return { start, end: start + 14 * DAY };
}

export interface DemoPeople { [key: string]: { accountId: string; displayName: string } }

function items(now: number, p: DemoPeople, keys: Readonly<Record<string, string>>): Write[] {
  const item = (id: string, name: string, service: string, kind: ItemContent['kind'], owner: string, description: string, location: string, inServiceSince: string): ItemContent => ({
    id, name, service, kind, description, owner: p[owner]!.accountId, location, inServiceSince, status: 'active',
  });
  const carlos = p.carlos!.accountId;
  const tom = p.tom!.accountId;
  const webPool = item('web-frontend-pool', 'Web front-end servers', 'Web hosting', 'hardware', 'tom', 'Four web servers behind the load balancer.', 'Lisbon data centre, rack B', '2024-03-01');
  const firewall = item('firewall-edge', 'Edge firewall', 'Web hosting', 'hardware', 'carlos', 'The firewall in front of every hosted site.', 'Lisbon data centre, rack A', '2023-09-15');
  return [
    ...seedItemWrites([
      { content: item('mail-relay-mx1', 'Mail relay MX-1', 'Managed e-mail', 'hardware', 'priya', 'Inbound and outbound relay, node 1.', 'Lisbon data centre, rack C', '2022-05-10'), by: carlos, at: now - 200 * DAY },
      { content: { ...item('mail-relay-mx1', 'Mail relay MX-1', 'Managed e-mail', 'hardware', 'priya', 'Inbound and outbound relay, node 1; 32 GB memory.', 'Lisbon data centre, rack C', '2022-05-10') }, by: tom, at: now - 30 * DAY, summary: 'Memory upgraded to 32 GB.' },
    ]),
    ...seedItemWrites([{ content: item('mail-relay-mx2', 'Mail relay MX-2', 'Managed e-mail', 'hardware', 'priya', 'Inbound and outbound relay, node 2.', 'Porto data centre', '2022-05-10'), by: carlos, at: now - 200 * DAY }]),
    ...seedItemWrites([{ content: item('mail-relay-config', 'Mail relay configuration', 'Managed e-mail', 'software', 'priya', 'relay.conf and the routing tables of both relays.', 'Configuration repository', '2022-05-10'), by: carlos, at: now - 200 * DAY }]),
    ...seedItemWrites([{ content: item('mail-admin-competency', 'Mail administration on call', 'Managed e-mail', 'competency', 'ines', 'Two people able to restore the relays at night (training records in the role list).', 'Service team', '2023-01-01'), by: carlos, at: now - 150 * DAY }]),
    ...seedItemWrites([
      { content: webPool, by: carlos, at: now - 180 * DAY },
      { content: { ...webPool, description: 'Four web servers behind the load balancer; October patches.' }, by: tom, at: now - 38 * DAY, changeKey: keys.octoberPatching },
      { content: { ...webPool, description: 'Four web servers behind the load balancer; November patches.' }, by: tom, at: now - 8 * DAY + 4 * HOUR, changeKey: 'SD-10' },
    ]),
    ...seedItemWrites([{ content: item('waf-policy', 'Checkout WAF policy', 'Web hosting', 'software', 'tom', 'Web application firewall rules of the checkout.', 'WAF console', '2024-06-01'), by: carlos, at: now - 120 * DAY }]),
    ...seedItemWrites([
      { content: firewall, by: carlos, at: now - 300 * DAY },
      { content: { ...firewall, description: 'The firewall in front of every hosted site; firmware 7.4.3.' }, by: p.priya!.accountId, at: now - DAY - 20 * HOUR, changeKey: keys.firewallCve },
    ]),
    ...seedItemWrites([{ content: item('backup-server', 'Backup server BK-1', 'Backup & restore', 'hardware', 'tom', 'Nightly snapshots of every customer system.', 'Porto data centre', '2021-11-20'), by: carlos, at: now - 250 * DAY }]),
    ...seedItemWrites([{ content: item('dns-zones', 'Customer DNS zones', 'Web hosting', 'information', 'carlos', 'The zone files of every hosted domain.', 'DNS provider account', '2020-02-01'), by: carlos, at: now - 400 * DAY }]),
  ];
}

const person = (p: DemoPeople, k: string) => p[k]!;
const iso = (t: number) => new Date(t).toISOString();

/** The evidence of each seeded change (ADR 014). `ids`: issue id by key. */
function evidence(now: number, p: DemoPeople, ids: Readonly<Record<string, string>>, keys: Readonly<Record<string, string>>): Write[] {
  const base = (key: string): ChangeRecordContent => ({
    issueId: ids[key]!, issueKey: key, projectKey: 'SD', decisions: [], design: null, build: null, testReport: null, deployment: null, review: null, template: null, scheduleWarnings: [],
  });
  const decision = (step: 'evaluate' | 'design' | 'deploy', by: string, role: 'CM' | 'SM', at: number, extra: Partial<ChangeRecordContent['decisions'][number]> = {}) => ({
    id: `${step}-${by}-${at}`, step, decision: 'approved' as const, by: person(p, by), role, at: iso(at), reason: null, via: 'app' as const, recordedBy: null, how: null, ...extra,
  });
  const signOff = (step: 'deploy', name: string, how: string, at: number) => ({
    id: `cus-${step}-${at}`, step, decision: 'approved' as const, by: { accountId: '', displayName: name }, role: 'CUS', at: iso(at), reason: null, via: 'app' as const, recordedBy: person(p, 'carlos'), how,
  });
  const oct = keys.octoberPatching!;
  const octCreated = now - 45 * DAY;
  const disks = keys.backupDisks!;
  const cve = keys.firewallCve!;
  const records: ChangeRecordContent[] = [
    // The normal change that completed the full process and qualified the patching template (CO.2.1 NOTE 3).
    {
      ...base(oct),
      decisions: [decision('evaluate', 'carlos', 'CM', octCreated + 2 * HOUR), decision('design', 'carlos', 'CM', octCreated + DAY), decision('deploy', 'carlos', 'CM', octCreated + 3 * DAY), signOff('deploy', 'Carla Jones (Northwind Traders)', 'e-mail', octCreated + 3 * DAY + HOUR)],
      design: { approvedBy: person(p, 'carlos'), at: iso(octCreated + DAY), procedureVersion: 1 },
      build: { by: person(p, 'tom'), at: iso(octCreated + 2 * DAY), status: 'Final', notes: 'Patches staged on all four servers.', finalAt: iso(octCreated + 3 * DAY) },
      testReport: { summary: 'All four servers patched in staging; the smoke tests and the checkout journey pass.', outcome: 'pass', levels: 'Smoke tests, checkout journey, rollback rehearsal', errors: null, performedBy: person(p, 'priya'), publishedAt: iso(octCreated + 2 * DAY + 6 * HOUR) },
      deployment: { by: person(p, 'tom'), at: iso(now - 38 * DAY), configurationVersions: [{ id: 'web-frontend-pool', version: 2 }], complete: true },
      review: { by: person(p, 'carlos'), at: iso(now - 37 * DAY), outcome: 'successful', emergencyJustified: null, notes: 'No incident followed; the procedure is fit to repeat monthly.' },
    },
    // November's patching, raised from the designated template: approved by it, deployed in a window.
    { ...base('SD-10'), template: { id: 'monthly-web-server-patching', name: 'Monthly web server patching' }, deployment: { by: person(p, 'tom'), at: iso(now - 8 * DAY + 4 * HOUR), configurationVersions: [{ id: 'web-frontend-pool', version: 3 }], complete: true } },
    // The emergency restore of the mail relay, approved through JSM's approval by the Control Manager.
    { ...base('SD-9'), decisions: [decision('evaluate', 'carlos', 'CM', now - 2 * HOUR + 12 * MIN, { via: 'jsm' })] },
    // Rejected: no business case.
    { ...base(keys.sshVendor!), decisions: [decision('evaluate', 'carlos', 'CM', now - 5 * DAY, { decision: 'rejected', reason: 'No business case for opening SSH to the internet; the vendor uses the VPN like everyone else.' })] },
    // Ready to deploy: approved, designed, built, tested, approved to deploy with the customer's sign-off.
    {
      ...base(disks),
      decisions: [decision('evaluate', 'carlos', 'CM', now - 6 * DAY), decision('design', 'carlos', 'CM', now - 5 * DAY), decision('deploy', 'carlos', 'CM', now - DAY), signOff('deploy', 'Carla Jones (Northwind Traders)', 'meeting', now - DAY + HOUR)],
      design: { approvedBy: person(p, 'carlos'), at: iso(now - 5 * DAY), procedureVersion: 1 },
      build: { by: person(p, 'tom'), at: iso(now - 3 * DAY), status: 'Final', notes: 'New disks racked and burnt in.', finalAt: iso(now - DAY) },
      testReport: { summary: 'A full restore of the largest customer completed from the new array in 41 minutes.', outcome: 'pass', levels: 'Restore test, 24 h burn-in', errors: null, performedBy: person(p, 'priya'), publishedAt: iso(now - 2 * DAY) },
    },
    // An emergency patch deployed outside the windows on the Service Manager's approval: warned and recorded; its review is due.
    {
      ...base(cve),
      decisions: [decision('evaluate', 'sofia', 'SM', now - 2 * DAY)],
      deployment: { by: person(p, 'priya'), at: iso(now - DAY - 20 * HOUR), configurationVersions: [{ id: 'firewall-edge', version: 2 }], complete: true },
      scheduleWarnings: [{ at: iso(now - 2 * DAY), key: 'outside-window:', message: `${cve} is planned outside every change or maintenance window. Warned, not refused, for an Emergency change (D17, CHG-17).` }],
    },
  ];
  return records.flatMap(changeRecordWrites);
}

/** Everything of service control the demo starts with, for the demo's people and seeded change issues. */
export function changeControlWrites(now: number, p: DemoPeople, ids: Readonly<Record<string, string>>, keys: Readonly<Record<string, string>>): Write[] {
  const freeze = freezeOf(now);
  const from = zonedDay(WINDOW_ZONE, now - 60 * DAY);
  const schedule = approvedChangeScheduleWrites({
    periods: [
      { id: 'evening-window', name: 'Evening change window', kind: 'change-window', services: [], reason: null, when: { repeat: 'weekly', days: ['tue', 'thu'], startTime: '20:00', endTime: '23:00', timeZone: WINDOW_ZONE, from, until: null } },
      { id: 'saturday-maintenance', name: 'Saturday maintenance', kind: 'maintenance-window', services: [], reason: null, when: { repeat: 'weekly', days: ['sat'], startTime: '06:00', endTime: '10:00', timeZone: WINDOW_ZONE, from, until: null } },
      { id: 'year-end-freeze', name: 'Year-end freeze', kind: 'freeze', services: [], reason: 'Our customers close their books: no changes to the services they use for billing.', when: { repeat: 'once', start: iso(freeze.start), end: iso(freeze.end) } },
    ],
  }, p.carlos!.accountId, iso(now - 20 * DAY), p.sofia!.accountId, iso(now - 19 * DAY));
  const signed = (role: 'SM' | 'MGT' | 'CM', k: string, at: number) => ({ role, by: p[k]!.accountId, at: iso(at) });
  return [
    ...items(now, p, keys),
    ...seedApprovedProcedureWrites('WP.17', p.carlos!.accountId, [signed('SM', 'sofia', now - 90 * DAY), signed('MGT', 'max', now - 89 * DAY)]),
    ...seedApprovedProcedureWrites('WP.09', p.carlos!.accountId, [signed('CM', 'carlos', now - 90 * DAY), signed('SM', 'sofia', now - 88 * DAY)]),
    ...schedule,
    ...changeTemplateWrites([{
      id: 'monthly-web-server-patching', name: 'Monthly web server patching', description: 'Apply the month’s operating system patches to the web front-end servers, one server at a time.',
      qualifiedBy: { issueId: ids[keys.octoberPatching!]!, key: keys.octoberPatching! }, controlManager: p.carlos!, businessApprover: 'Max Bauer (Managing Director)',
      agreedOn: iso(now - 41 * DAY).slice(0, 10), designatedAt: iso(now - 36 * DAY), projectKey: 'SD',
      defaults: { services: ['Web hosting'], cis: ['web-frontend-pool'], summary: 'Monthly patching of web servers' },
    }], p.carlos!.accountId, iso(now - 36 * DAY)),
    ...evidence(now, p, ids, keys),
  ];
}
