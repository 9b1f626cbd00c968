import type { AgreementContent } from '../../src/domain/agreement/content';
import type { AgreementSignOff } from '../../src/domain/agreement/approval';
import type { CatalogueContent, CatalogueService } from '../../src/domain/catalogue/content';
import { incidentFactsWrites, seedApprovedAgreementWrites, seedCatalogueWrites, type Write } from '../../src/store/seed';

/**
 * The demo's service relationship (issue #14), in the layout the app writes: the approved service catalogue (WP.10),
 * two customer agreements with different hours and targets and a supplier agreement that underpins one of them with a
 * weaker target (a D19 conflict), all approved four months ago; and six weeks of resolved incidents of both customers,
 * so a month's performance report (WP.19) has something to say.
 */

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export const CATALOGUE_ID = 'acme-managed-services';

const service = (id: string, name: string, over: Partial<CatalogueService>): CatalogueService => ({
  id, name, description: '', hours: 'Mon–Fri 08:00–18:00 (your agreement says in which zone)', quality: [], howToRequest: 'Raise a request on the Acme help center.',
  costs: '', contacts: 'service.desk@acme.example, +351 21 000 0000', dependencies: { suppliers: [], configurationItems: [] }, standards: 'ISO/IEC TR 29110-5-3 service delivery profile',
  complaints: 'Send a complaint on the help center (tab Feedback) or to the Relationship Manager; we acknowledge within one working day.', vital: false, offeredTo: [], status: 'Live', ...over,
});

export function demoCatalogue(): CatalogueContent {
  return {
    name: 'Acme managed services', description: 'The services Acme Cloud Services runs for its customers.', changeRequest: null,
    services: [
      service('mail', 'Managed e-mail', { description: 'Hosted mailboxes, the mail relays and spam filtering.', quality: [{ measure: 'Availability of mail delivery', target: '99.9 % per month' }, { measure: 'Resolution of a Critical incident', target: 'within 4 hours' }], dependencies: { suppliers: [], configurationItems: ['mail-relay-mx1', 'mail-relay-mx2', 'mail-relay-config'] }, costs: '€4 per mailbox per month' }),
      service('web', 'Web hosting', { description: 'Web servers, load balancing and the web application firewall for customer sites and shops.', vital: true, quality: [{ measure: 'Availability of hosted sites', target: '99.9 % per month' }, { measure: 'Resolution of a High incident', target: 'within 4 hours' }], dependencies: { suppliers: ['NetHost Ltd'], configurationItems: ['web-frontend-pool', 'firewall-edge', 'waf-policy'] }, costs: 'From €120 per site per month' }),
      service('backup', 'Backup & restore', { description: 'Nightly backups of file servers and databases, restores on request.', quality: [{ measure: 'Successful nightly backups', target: '99 % of nights' }, { measure: 'Restore of a file', target: 'within 1 working day' }], dependencies: { suppliers: [], configurationItems: ['backup-server'] }, offeredTo: ['1'] }),
      service('desk', 'Service desk', { description: 'Questions, how-tos and small requests by portal, e-mail or phone.', quality: [{ measure: 'First response', target: 'within 4 service hours' }] }),
    ],
  };
}

const weekdays = (zone: string, from: string, to: string) => ({ timeZone: zone, week: { mon: [{ from, to }], tue: [{ from, to }], wed: [{ from, to }], thu: [{ from, to }], fri: [{ from, to }], sat: [], sun: [] }, holidays: [] });
const target = (firstResponseMinutes: number, resolutionMinutes: number, escalateAfterMinutes: number | null, clock: '24x7' | 'serviceHours') => ({ firstResponseMinutes, resolutionMinutes, escalateAfterMinutes, clock });

export interface DemoAgreement { ref: string; type: 'Customer agreement' | 'Supplier agreement'; title: string; description: string; content: (people: Record<string, string>) => AgreementContent; approvers: Array<{ role: AgreementSignOff['role']; by: string; givenBy?: string }> }

const keyDates = (now: number) => ({ start: new Date(now - 120 * DAY).toISOString().slice(0, 10), end: null, reviewOn: new Date(now + 30 * DAY).toISOString().slice(0, 10), reviewIntervalMonths: 3 });

export function demoAgreements(now: number): DemoAgreement[] {
  return [
    {
      ref: 'northwind-sla', type: 'Customer agreement', title: 'Northwind Traders service level agreement', description: 'Managed e-mail, web hosting and backups for Northwind Traders.',
      approvers: [{ role: 'SM', by: 'sofia' }, { role: 'CUS', by: 'rachel', givenBy: 'Carla Jones (IT Lead, Northwind Traders)' }],
      content: (p) => ({
        kind: 'customer', party: { organizationId: '1', name: 'Northwind Traders' }, services: ['Managed e-mail', 'Web hosting', 'Backup & restore'],
        serviceHours: weekdays('Europe/London', '08:00', '18:00'),
        targets: { Critical: target(15, 240, 240, '24x7'), High: target(30, 240, 480, '24x7'), Normal: target(120, 1440, 1440, 'serviceHours') },
        priorityMatrix: null, contacts: [p.carla!], owners: { provider: p.rachel!, party: 'Carla Jones, IT Lead' }, keyDates: keyDates(now), approvers: ['SM', 'CUS'],
        feasibility: 'Checked against the last year of Northwind incidents (94 % of High incidents resolved within 4 service hours) and the on-call rota of two engineers.',
        terms: 'Communication: the help center and e-mail; a monthly performance report. Charging: per mailbox and site, monthly. Changes to this agreement follow RE.2.5.',
      }),
    },
    {
      ref: 'globex-sla', type: 'Customer agreement', title: 'Globex service level agreement', description: 'Round-the-clock hosting and e-mail for Globex (Singapore).',
      approvers: [{ role: 'MGT', by: 'max' }, { role: 'SM', by: 'sofia' }, { role: 'CUS', by: 'rachel', givenBy: 'Chen Wei (Operations, Globex)' }],
      content: (p) => ({
        kind: 'customer', party: { organizationId: '2', name: 'Globex' }, services: ['Managed e-mail', 'Web hosting', 'Service desk'],
        serviceHours: weekdays('Asia/Singapore', '09:00', '18:00'),
        targets: { Critical: target(15, 120, 120, '24x7'), High: target(30, 480, 480, '24x7'), Normal: target(240, 2880, 1440, 'serviceHours') },
        priorityMatrix: null, contacts: [p.chen!], owners: { provider: p.rachel!, party: 'Chen Wei, Operations' }, keyDates: keyDates(now), approvers: ['MGT', 'SM', 'CUS'],
        feasibility: 'Round-the-clock cover for Critical and High is feasible with the night on-call shared with Lisbon; Normal runs on Singapore office hours.',
        terms: 'Communication: the help center, e-mail, and a phone bridge for Critical incidents. Quarterly review meetings.',
      }),
    },
    {
      ref: 'nethost-contract', type: 'Supplier agreement', title: 'NetHost Ltd hosting contract', description: 'Data-centre hosting and hardware support by NetHost Ltd.',
      approvers: [{ role: 'MGT', by: 'max' }, { role: 'SUP', by: 'rachel', givenBy: 'Sam Okafor (Account Manager, NetHost Ltd)' }],
      content: (p) => ({
        kind: 'supplier', party: { organizationId: null, name: 'NetHost Ltd' }, services: ['Web hosting'],
        serviceHours: weekdays('Europe/London', '09:00', '17:00'),
        // Weaker than the Northwind agreement's 4 hours round the clock for a High incident on Web hosting (D19).
        targets: { Critical: target(30, 240, null, '24x7'), High: target(60, 480, null, 'serviceHours'), Normal: target(480, 2880, null, 'serviceHours') },
        priorityMatrix: null, contacts: [], owners: { provider: p.rachel!, party: 'Sam Okafor, Account Manager' }, keyDates: keyDates(now), approvers: ['MGT', 'SUP'],
        feasibility: 'NetHost’s standard contract; hardware swaps within one working day.', terms: 'Reviews twice a year; disputes go to the managing directors.',
      }),
    },
  ];
}

/** One resolved incident of the history: who raised it, when, on what, and how it went. */
export interface HistoryIncident {
  ref: string; reporter: 'carla' | 'chen'; assignee: 'priya' | 'tom'; summary: string; service: string; impact: string; urgency: string; priority: string;
  created: number; firstReplyAfter: number; resolvedAfter: number;
}

const SUMMARIES: Record<string, string[]> = {
  'Managed e-mail': ['Mail to one partner domain bounces', 'Shared mailbox not syncing on phones', 'Spam filter holds invoices from a supplier', 'Out-of-office replies not sent'],
  'Web hosting': ['Shop pages slow in the evening', 'Certificate warning on the staging site', 'Image uploads fail in the CMS', 'Contact form returns an error'],
  'Backup & restore': ['Restore a deleted project folder', 'Backup report missing for the file server'],
  'Service desk': ['How do we add a user to the VPN?', 'Request for a second admin account'],
};

/**
 * Six weeks of incidents, one every working day or so, alternating customers, most resolved within their targets, some
 * not (the report's attainment is not 100 %). Deterministic: the same `now` gives the same history.
 */
export function historyIncidents(now: number): HistoryIncident[] {
  const out: HistoryIncident[] = [];
  const levels: Array<[string, string, string]> = [['Medium', 'Medium', 'Normal'], ['Medium', 'High', 'High'], ['Low', 'Medium', 'Normal'], ['High', 'Medium', 'High'], ['Medium', 'Low', 'Normal'], ['High', 'High', 'Critical']];
  let day = Math.floor((now - 44 * DAY) / DAY) * DAY;
  for (let i = 0; day < now - 8 * DAY; i++, day += DAY + (i % 3 === 0 ? DAY : 0)) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const reporter = i % 2 === 0 ? 'carla' : 'chen';
    const services = reporter === 'carla' ? ['Managed e-mail', 'Web hosting', 'Backup & restore'] : ['Managed e-mail', 'Web hosting', 'Service desk'];
    const svc = services[i % services.length]!;
    const [impact, urgency, priority] = levels[i % levels.length]!;
    const summaries = SUMMARIES[svc]!;
    // Chen raises his in Singapore's morning, Carla in London's.
    const created = day + (reporter === 'chen' ? 2 * HOUR : 10 * HOUR) + (i % 5) * 17 * MIN;
    const late = i % 7 === 3;
    out.push({
      ref: `history-${String(i)}`, reporter, assignee: i % 3 === 0 ? 'tom' : 'priya', summary: summaries[i % summaries.length]!, service: svc, impact, urgency, priority, created,
      firstReplyAfter: (late ? 70 : 6 + (i % 4) * 5) * MIN,
      resolvedAfter: priority === 'Critical' ? (late ? 5 * HOUR : 2 * HOUR + (i % 3) * 20 * MIN) : priority === 'High' ? (late ? 9 * HOUR : 2 * HOUR + (i % 4) * 30 * MIN) : (late ? 30 * HOUR : 5 * HOUR + (i % 4) * HOUR),
    });
  }
  return out;
}

/** The catalogue, the approved agreements and the confirmations of the closed history incidents, as the app writes them. */
export function relationshipWrites(now: number, people: Record<string, { accountId: string; displayName: string }>, issues: Record<string, { id: string; key: string }>, history: readonly HistoryIncident[]): Write[] {
  const ids = Object.fromEntries(Object.entries(people).map(([k, v]) => [k, v.accountId]));
  const names = Object.fromEntries(Object.values(people).map((v) => [v.accountId, v.displayName]));
  const approvedAt = now - 118 * DAY;
  const writes: Write[] = [...seedCatalogueWrites(CATALOGUE_ID, demoCatalogue(), ids.rachel!, ids.sofia!, new Date(now - 122 * DAY).toISOString())];
  for (const a of demoAgreements(now)) {
    const issue = issues[a.ref]!;
    const signOffs: AgreementSignOff[] = a.approvers.map((s, i) => ({
      role: s.role, by: ids[s.by]!, at: new Date(approvedAt + i * HOUR).toISOString(),
      how: s.role === 'CUS' || s.role === 'SUP' ? 'e-mail' : null, givenBy: s.givenBy ?? null,
    }));
    writes.push(...seedApprovedAgreementWrites({ issueId: issue.id, issueKey: issue.key, title: a.title }, a.content(ids), ids.rachel!, signOffs, names));
  }
  for (const h of history) {
    const issue = issues[h.ref]!;
    writes.push(...incidentFactsWrites(issue.id, { closure: { confirmedBy: ids[h.reporter]!, confirmedAt: new Date(h.created + h.resolvedAfter + 2 * HOUR).toISOString(), how: 'in Jira' } }));
  }
  return writes;
}
