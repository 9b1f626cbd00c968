import { ServiceDeskClient } from 'jira.js';
import type { AgreementContent, ApprovedAgreementVersion } from '../../src/domain/agreement/content';
import { addDays, weekdayIndex, zonedDay, zonedInstant } from '../../src/domain/schedule/schedule';
import { saveApprovedAgreementVersion } from '../../src/store/agreement-versions';
import { demoAccountId, demoToken } from '../../sandbox/seed/demo';
import { actAsForgeRuntime } from './forge-globals';
import { call, emailOf, withSandbox } from './harness';
import { HOUR, incidentDriver, MIN } from './incident-driver';

jest.setTimeout(120_000);

/**
 * D18: an incident's clocks run on the approved customer agreement that covered its customer's organization and
 * service when it was created — its service hours, targets and matrix — and the panel names it; another customer's
 * incident runs on theirs; a later agreement version applies to new incidents only; the agreement's customer contact
 * may confirm the resolution (D12). The demo's organizations: Northwind Traders (id 1, Carla) and Globex (id 2, Chen).
 */
const NY = 'America/New_York';
const weekdays = (from: string, to: string) => ({ mon: [{ from, to }], tue: [{ from, to }], wed: [{ from, to }], thu: [{ from, to }], fri: [{ from, to }], sat: [], sun: [] });
const target = (firstResponseMinutes: number, resolutionMinutes: number, clock: '24x7' | 'serviceHours') => ({ firstResponseMinutes, resolutionMinutes, escalateAfterMinutes: null, clock });

function agreement(over: Partial<AgreementContent>): AgreementContent {
  return {
    kind: 'customer', party: { organizationId: null, name: 'All customers' }, services: ['Managed e-mail'],
    serviceHours: { timeZone: 'Europe/Lisbon', week: weekdays('09:00', '17:00'), holidays: [] },
    targets: { Critical: target(15, 240, '24x7'), High: target(30, 480, '24x7'), Normal: target(240, 1440, 'serviceHours') },
    priorityMatrix: null, contacts: [], owners: { provider: demoAccountId('rachel'), party: '' },
    keyDates: { start: '2026-01-01', end: null, reviewOn: '2027-03-01', reviewIntervalMonths: 3 }, approvers: ['SM', 'CUS'],
    feasibility: 'Checked against last year’s incidents and the on-call rota.', terms: '', ...over,
  };
}

describe('agreements drive the SLA clocks (D18, D8, D9, D10, D12)', () => {
  let env: Awaited<ReturnType<typeof withSandbox>>;
  let base: string;
  let d: ReturnType<typeof incidentDriver>;
  const desk = (user: string) => new ServiceDeskClient({ host: base, authentication: { basic: { email: emailOf(user), apiToken: demoToken(user) } } });

  beforeAll(async () => {
    env = await withSandbox();
    base = env.sandbox.url;
    d = incidentDriver(base);
  });
  afterAll(async () => { await env?.stop(); });

  async function agreementIssue(summary: string): Promise<{ id: string; key: string }> {
    const res = await call(base, 'POST', '/rest/api/3/issue', { user: 'rachel', body: { fields: { project: { key: 'SD' }, issuetype: { name: 'Customer agreement' }, summary } } });
    expect(res.status).toBe(201);
    return res.body as { id: string; key: string };
  }

  async function approve(issue: { id: string; key: string }, title: string, version: number, content: AgreementContent): Promise<void> {
    await actAsForgeRuntime(base);
    const v: ApprovedAgreementVersion = { issueId: issue.id, issueKey: issue.key, title, version, approvedAt: await d.now(), content };
    await saveApprovedAgreementVersion(v);
  }

  /** A customer raises an incident on the portal: High impact, Medium urgency (High on the policy's matrix). */
  async function raise(user: string, summary: string): Promise<string> {
    const sd = (await desk(user).serviceDesk.getServiceDesks()).values![0]!;
    const types = await desk(user).serviceDesk.getRequestTypes({ serviceDeskId: sd.id! });
    const type = types.values!.find((t) => t.name === 'Report an incident')!;
    const fields = (await desk(user).serviceDesk.getRequestTypeFields({ serviceDeskId: sd.id!, requestTypeId: Number(type.id) })).requestTypeFields!;
    const option = (name: string, label: string) => fields.find((f) => f.name === name)!.validValues!.find((v) => v.label === label)!.value;
    const created = await desk(user).request.createCustomerRequest({
      serviceDeskId: sd.id!, requestTypeId: type.id!,
      requestFieldValues: {
        summary,
        [fields.find((f) => f.name === 'Impact')!.fieldId!]: { id: option('Impact', 'High') },
        [fields.find((f) => f.name === 'Urgency')!.fieldId!]: { id: option('Urgency', 'Medium') },
        [fields.find((f) => f.name === 'Affected services')!.fieldId!]: [{ id: option('Affected services', 'Managed e-mail') }],
      },
    });
    await d.settle();
    return created.issueKey!;
  }

  it('each customer’s incident runs on their agreement; a new version applies to new incidents only; the contact confirms', async () => {
    // Monday 12:00 in New York, so the 08:00–18:00 calendar's due instants are plain to read.
    let day = addDays(zonedDay(NY, await d.now()), 1);
    while (weekdayIndex(day) !== 0) day = addDays(day, 1);
    const monday = zonedInstant(NY, day, 12 * 60);
    await d.advance(monday - (await d.now()));

    const northwind = await agreementIssue('Northwind Traders service level agreement');
    const globex = await agreementIssue('Globex service level agreement');
    const northwindV1 = agreement({
      party: { organizationId: '1', name: 'Northwind Traders' }, contacts: [demoAccountId('chen')],
      serviceHours: { timeZone: NY, week: weekdays('08:00', '18:00'), holidays: [] },
      targets: { Critical: target(15, 60, 'serviceHours'), High: target(30, 120, 'serviceHours'), Normal: target(60, 480, 'serviceHours') },
    });
    await approve(northwind, 'Northwind Traders service level agreement', 1, northwindV1);
    // Globex: round the clock, and its own matrix makes High impact × Medium urgency Critical (D8).
    const globexCells = { High: { High: 'Critical', Medium: 'Critical', Low: 'High' }, Medium: { High: 'High', Medium: 'Normal', Low: 'Normal' }, Low: { High: 'Normal', Medium: 'Normal', Low: 'Normal' } } as const;
    await approve(globex, 'Globex service level agreement', 1, agreement({
      party: { organizationId: '2', name: 'Globex' },
      targets: { Critical: target(10, 90, '24x7'), High: target(30, 240, '24x7'), Normal: target(120, 960, '24x7') },
      priorityMatrix: { scheme: '3-level', cells: { High: { ...globexCells.High }, Medium: { ...globexCells.Medium }, Low: { ...globexCells.Low } } },
    }));
    await d.advance(MIN);

    const carlas = await raise('carla', 'Mail bounces for the Leeds office');
    const chens = await raise('chen', 'Mail queue stuck');
    const created = await d.now();

    const nw = (await d.panel(carlas, 'priya')).incident!;
    expect(nw.agreement).toEqual({ issueKey: northwind.key, title: 'Northwind Traders service level agreement', version: 1 });
    expect(nw.priority.value).toBe('High');
    expect(nw.policy.timeZone).toBe(NY);
    expect(nw.clocks.resolution).toMatchObject({ targetMs: 2 * HOUR });
    // Raised at 12:01 New York time: due two service hours later, at 14:01 the same day.
    const start = Date.parse(nw.clocks.resolution!.start);
    expect(start - monday).toBeLessThan(2 * MIN);
    expect(Date.parse(nw.clocks.resolution!.dueAt!) - start).toBe(2 * HOUR);
    expect(nw.clocks.firstResponse).toMatchObject({ targetMs: 30 * MIN });

    const gx = (await d.panel(chens, 'priya')).incident!;
    expect(gx.agreement).toMatchObject({ issueKey: globex.key, version: 1 });
    expect(gx.priority.value).toBe('Critical');
    expect(gx.priority.text).toContain(`agreement ${globex.key}`);
    expect(gx.clocks.resolution).toMatchObject({ targetMs: 90 * MIN });
    expect(Date.parse(gx.clocks.resolution!.dueAt!) - created).toBeLessThanOrEqual(90 * MIN);

    // 17:30 in New York: five and a half service hours ran for Carla's incident, so it is breached; the customer sees
    // the agreement's targets on the portal too.
    await d.advance(zonedInstant(NY, day, 17 * 60 + 30) - (await d.now()));
    const customerView = (await d.panel(carlas, 'carla')).incident!;
    expect(customerView.audience).toBe('customer');
    expect(customerView.agreement).toMatchObject({ issueKey: northwind.key, version: 1 });
    expect(customerView.clocks.resolution).toMatchObject({ state: 'breached' });

    // RE.2.5: version 2 (4 h for High) applies to incidents created from its approval on; Carla's keeps version 1.
    await approve(northwind, 'Northwind Traders service level agreement', 2, { ...northwindV1, targets: { ...northwindV1.targets, High: target(30, 240, 'serviceHours') } });
    await d.comment(carlas, 'priya', 'Looking at the relay queue.');
    const after = (await d.panel(carlas, 'priya')).incident!;
    expect(after.agreement).toMatchObject({ version: 1 });
    expect(after.clocks.resolution).toMatchObject({ targetMs: 2 * HOUR });
    const later = await raise('carla', 'Calendar invitations missing');
    const laterView = (await d.panel(later, 'priya')).incident!;
    expect(laterView.agreement).toMatchObject({ issueKey: northwind.key, version: 2 });
    expect(laterView.clocks.resolution).toMatchObject({ targetMs: 4 * HOUR });

    // D12: Chen joins Northwind Traders and is its agreement's customer contact: he confirms Carla's resolution himself.
    expect((await call(base, 'POST', '/rest/servicedeskapi/organization/1/user', { user: 'sofia', body: { accountIds: [demoAccountId('chen')] } })).status).toBe(204);
    await d.transition(carlas, 'Start work');
    await d.transition(carlas, 'Resolve');
    const chenView = (await d.panel(carlas, 'chen')).incident!;
    expect(chenView.actions.recordConfirmation).toMatchObject({ allowed: true, asParty: true, party: { accountId: demoAccountId('chen') } });
    expect(await d.act(carlas, 'chen', 'incident.recordConfirmation', { how: 'in Jira' })).toMatchObject({ ok: true });
    const confirmed = (await d.panel(carlas, 'priya')).incident!;
    expect(confirmed.closure.confirmation).toMatchObject({ confirmedBy: 'Chen Wei', how: 'in Jira', recordedBy: null });
  });
});
