import {
  addBusinessTime, businessCrossingInstant, businessTimeBetween, CalendarError, compileCalendar, D9_PRIORITY_TARGETS,
  defaultSlaPolicy, DEFAULT_PAUSE_STATUSES, escalationDecisions, HOUR_MS, MINUTE_MS, nextDeadline, replayIncident,
  SlaReplayError, type SlaCycle, type SlaEvent, type WorkingInterval,
} from '../../../src/domain/sla';

const t = (iso: string): number => Date.parse(iso);
const h = (n: number): number => n * HOUR_MS;
const min = (n: number): number => n * MINUTE_MS;
const nineToFive: WorkingInterval[] = [{ from: '09:00', to: '17:00' }];

/** The docs/sla.md calendar: Mon–Fri 09:00–17:00 Europe/Berlin, Whit Monday 2026 a holiday. */
const berlin = compileCalendar({
  kind: 'business', timeZone: 'Europe/Berlin',
  week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
  holidays: ['2026-05-25'],
});
const policy = defaultSlaPolicy(berlin);

let seq = 0;
const id = (): string => `ev-${String(++seq).padStart(3, '0')}`;
const created = (at: string, priority: string, status = 'Open'): SlaEvent => ({ id: id(), at: t(at), type: 'created', status, category: 'new', priority });
const status = (at: string, to: string, byAgent = true, category: 'new' | 'indeterminate' | 'done' = 'indeterminate'): SlaEvent => ({ id: id(), at: t(at), type: 'statusChanged', to, category, byAgent });
const reply = (at: string): SlaEvent => ({ id: id(), at: t(at), type: 'publicAgentReply' });
const comment = (at: string, visibility: 'public' | 'internal', byAgent: boolean): SlaEvent => ({ id: id(), at: t(at), type: 'comment', visibility, byAgent });
const priority = (at: string, to: string): SlaEvent => ({ id: id(), at: t(at), type: 'priorityChanged', to });
const resolved = (at: string): SlaEvent => ({ id: id(), at: t(at), type: 'resolved' });
const reopened = (at: string): SlaEvent => ({ id: id(), at: t(at), type: 'reopened' });

const only = (cycles: readonly SlaCycle[]): SlaCycle => {
  expect(cycles).toHaveLength(1);
  return cycles[0] as SlaCycle;
};

describe('D9 defaults', () => {
  it('D9: targets, escalation thresholds and clocks per priority are exported as data', () => {
    expect(D9_PRIORITY_TARGETS.Critical).toEqual({ clock: '24x7', firstResponse: { targetMs: min(15), thresholds: [] }, resolution: { targetMs: h(4), thresholds: [{ id: 'management', afterMs: h(4) }] } });
    expect(D9_PRIORITY_TARGETS.High.firstResponse.targetMs).toBe(min(30));
    expect(D9_PRIORITY_TARGETS.High.resolution).toEqual({ targetMs: h(8), thresholds: [{ id: 'management', afterMs: h(8) }] });
    expect(D9_PRIORITY_TARGETS.Normal).toEqual({ clock: 'serviceHours', firstResponse: { targetMs: h(4), thresholds: [] }, resolution: { targetMs: h(24), thresholds: [{ id: 'management', afterMs: h(24) }] } });
    expect(D9_PRIORITY_TARGETS.Low).toEqual({ clock: 'serviceHours', firstResponse: { targetMs: h(8), thresholds: [] }, resolution: { targetMs: h(80), thresholds: [] } });
    expect(DEFAULT_PAUSE_STATUSES).toEqual(['Waiting for customer', 'Pending']);
  });
});

describe('D10 calendars (per local date, DST-safe)', () => {
  const allDay = compileCalendar({ kind: 'business', timeZone: 'Europe/Berlin', week: { sun: [{ from: '00:00', to: '24:00' }], sat: [{ from: '00:00', to: '24:00' }] } });
  const sundayNine = compileCalendar({ kind: 'business', timeZone: 'Europe/Berlin', week: { sun: nineToFive } });

  it('D10: a 09:00–17:00 day is 8 h on both DST change days', () => {
    expect(businessTimeBetween(sundayNine, t('2026-03-28T12:00:00Z'), t('2026-03-30T00:00:00Z'))).toBe(h(8));
    expect(businessTimeBetween(sundayNine, t('2026-10-24T12:00:00Z'), t('2026-10-26T00:00:00Z'))).toBe(h(8));
  });
  it('D10: a 00:00–24:00 day is 23 h in spring and 25 h in autumn', () => {
    expect(businessTimeBetween(allDay, t('2026-03-28T23:00:00Z'), t('2026-03-29T22:00:00Z'))).toBe(h(23));
    expect(businessTimeBetween(allDay, t('2026-10-24T22:00:00Z'), t('2026-10-25T23:00:00Z'))).toBe(h(25));
  });
  it('D10: an interval in the spring-forward gap is clipped; a repeated autumn hour counts twice', () => {
    const gap = compileCalendar({ kind: 'business', timeZone: 'Europe/Berlin', week: { sun: [{ from: '01:30', to: '02:30' }, { from: '02:40', to: '02:50' }] } });
    expect(businessTimeBetween(gap, t('2026-03-28T00:00:00Z'), t('2026-03-30T00:00:00Z'))).toBe(min(30)); // 01:30–02:00 only
    const night = compileCalendar({ kind: 'business', timeZone: 'Europe/Berlin', week: { sun: [{ from: '01:00', to: '03:00' }] } });
    expect(businessTimeBetween(night, t('2026-10-24T00:00:00Z'), t('2026-10-26T00:00:00Z'))).toBe(h(3));
  });
  it('D10: Australia/Lord_Howe shifts by 30 minutes', () => {
    const lh = compileCalendar({ kind: 'business', timeZone: 'Australia/Lord_Howe', week: { sun: [{ from: '00:00', to: '24:00' }] } });
    expect(businessTimeBetween(lh, t('2026-04-04T00:00:00Z'), t('2026-04-06T00:00:00Z'))).toBe(h(24.5));
    expect(businessTimeBetween(lh, t('2026-10-03T00:00:00Z'), t('2026-10-05T00:00:00Z'))).toBe(h(23.5));
  });
  it('D10: holidays are whole local dates, several intervals per day add up', () => {
    const split = compileCalendar({ kind: 'business', timeZone: 'Asia/Kolkata', week: { mon: [{ from: '13:00', to: '17:30' }, { from: '09:00', to: '12:00' }] }, holidays: ['2026-06-08'] });
    expect(businessTimeBetween(split, t('2026-06-01T00:00:00+05:30'), t('2026-06-02T00:00:00+05:30'))).toBe(h(7.5));
    expect(businessTimeBetween(split, t('2026-06-08T00:00:00+05:30'), t('2026-06-09T00:00:00+05:30'))).toBe(0);
    expect(businessTimeBetween(berlin, t('2026-05-25T00:00:00+02:00'), t('2026-05-26T00:00:00+02:00'))).toBe(0);
  });
  it('due instants: exact to the millisecond, start in non-working time, zero duration, end of an interval', () => {
    expect(addBusinessTime(berlin, t('2026-06-05T16:59:59.999+02:00'), 1)).toBe(t('2026-06-05T17:00:00+02:00'));
    expect(addBusinessTime(berlin, t('2026-06-06T10:00:00+02:00'), h(1))).toBe(t('2026-06-08T10:00:00+02:00')); // Saturday → Monday
    expect(addBusinessTime(berlin, t('2026-06-06T10:00:00+02:00'), 0)).toBe(t('2026-06-06T10:00:00+02:00'));
    expect(businessCrossingInstant(berlin, t('2026-06-06T10:00:00+02:00'), 0)).toBe(t('2026-06-08T09:00:00+02:00'));
    expect(addBusinessTime(berlin, t('2026-06-05T13:00:00+02:00'), h(4))).toBe(t('2026-06-05T17:00:00+02:00'));
    expect(businessCrossingInstant(berlin, t('2026-06-05T13:00:00+02:00'), h(4))).toBe(t('2026-06-08T09:00:00+02:00'));
    expect(businessTimeBetween(berlin, t('2026-06-05T17:00:00+02:00'), t('2026-06-05T09:00:00+02:00'))).toBe(0);
  });
  it('a calendar with no working time has no due instant; bad input is refused', () => {
    const none = compileCalendar({ kind: 'business', timeZone: 'UTC', week: {} });
    expect(addBusinessTime(none, 0, 1)).toBeNull();
    expect(() => compileCalendar({ kind: 'business', timeZone: 'Mars/Olympus', week: {} })).toThrow(CalendarError);
    expect(() => compileCalendar({ kind: 'business', timeZone: 'UTC', week: { mon: [{ from: '17:00', to: '09:00' }] } })).toThrow(CalendarError);
    expect(() => compileCalendar({ kind: 'business', timeZone: 'UTC', week: {}, holidays: ['2026-02-30'] })).toThrow(CalendarError);
  });
});

describe('docs/sla.md worked examples (Mon–Fri 09:00–17:00 Europe/Berlin)', () => {
  it('Example 1: Normal opened Friday 16:30 before Whit Monday', () => {
    const events = [created('2026-05-22T16:30:00+02:00', 'Normal')];
    const r = replayIncident(events, policy, t('2026-05-26T10:00:00+02:00'));
    const fr = only(r.firstResponse), res = only(r.resolution);
    expect(fr.elapsedMs).toBe(h(1.5));
    expect(fr.remainingMs).toBe(h(2.5));
    expect(fr.dueAt).toBe(t('2026-05-26T12:30:00+02:00'));
    expect(res.dueAt).toBe(t('2026-05-28T16:30:00+02:00'));
    expect(res.thresholds).toEqual([{ id: 'management', afterMs: h(24), crossed: false, crossedAt: null, expectedAt: t('2026-05-28T16:30:00+02:00') }]);
    expect(nextDeadline(r)).toBe(t('2026-05-26T12:30:00+02:00'));
  });

  it('Example 2: High, a pause in "Waiting for customer" across a weekend', () => {
    const events = [
      created('2026-06-05T14:00:00+02:00', 'High'), reply('2026-06-05T14:20:00+02:00'),
      status('2026-06-05T18:00:00+02:00', 'Waiting for customer'), status('2026-06-08T09:00:00+02:00', 'In Progress', false),
      resolved('2026-06-08T12:00:00+02:00'),
    ];
    const saturday = replayIncident(events, policy, t('2026-06-06T12:00:00+02:00'));
    expect(only(saturday.resolution)).toMatchObject({ elapsedMs: h(4), remainingMs: h(4), pausedNow: true, dueAt: null, nextDeadlineAt: null });
    const monday = replayIncident(events, policy, t('2026-06-08T10:00:00+02:00'));
    expect(only(monday.resolution)).toMatchObject({ elapsedMs: h(5), remainingMs: h(3), pausedMs: h(63), dueAt: t('2026-06-08T13:00:00+02:00') });
    const done = replayIncident(events, policy, t('2026-06-09T00:00:00+02:00'));
    expect(only(done.firstResponse)).toMatchObject({ elapsedMs: min(20), met: true, stopReason: 'reply' });
    expect(only(done.resolution)).toMatchObject({ elapsedMs: h(7), pausedMs: h(63), remainingMs: h(1), met: true, breached: false, stop: t('2026-06-08T12:00:00+02:00') });
  });

  it('Example 3: Normal raised to Critical mid-way keeps the time spent', () => {
    const events = [
      created('2026-06-09T09:00:00+02:00', 'Normal'), reply('2026-06-09T10:00:00+02:00'),
      priority('2026-06-09T11:00:00+02:00', 'Critical'), resolved('2026-06-09T12:30:00+02:00'),
    ];
    const at1130 = replayIncident(events, policy, t('2026-06-09T11:30:00+02:00'));
    expect(only(at1130.resolution)).toMatchObject({ priority: 'Critical', clock: '24x7', elapsedMs: h(2.5), remainingMs: h(1.5), dueAt: t('2026-06-09T13:00:00+02:00') });
    expect(only(at1130.firstResponse)).toMatchObject({ priority: 'Normal', targetMs: h(4), elapsedMs: h(1), met: true });
    const done = replayIncident(events, policy, t('2026-06-10T00:00:00+02:00'));
    expect(only(done.resolution)).toMatchObject({ elapsedMs: h(3.5), met: true, targetMs: h(4) });
  });

  it('Example 4: a reopen starts a second resolution cycle, escalated in cycle 2', () => {
    const events = [
      created('2026-06-15T10:00:00+02:00', 'Normal'), reply('2026-06-15T10:30:00+02:00'), resolved('2026-06-15T15:00:00+02:00'),
      reopened('2026-06-16T10:00:00+02:00'), resolved('2026-06-19T11:00:00+02:00'),
    ];
    const r = replayIncident(events, policy, t('2026-06-20T00:00:00+02:00'));
    expect(r.resolution.map((c) => [c.index, c.elapsedMs, c.met, c.breachAt])).toEqual([
      [1, h(5), true, null],
      [2, h(25), false, t('2026-06-19T10:00:00+02:00')],
    ]);
    expect(escalationDecisions(r)).toEqual([{ key: 'resolution#2:management', metric: 'resolution', cycle: 2, thresholdId: 'management', afterMs: h(24), crossedAt: t('2026-06-19T10:00:00+02:00'), priority: 'Normal' }]);
  });

  it('Example 5: across the end of DST (25 October 2026)', () => {
    const high = replayIncident([created('2026-10-24T22:00:00+02:00', 'High')], policy, t('2026-10-24T23:00:00+02:00'));
    expect(only(high.resolution).dueAt).toBe(t('2026-10-25T05:00:00+01:00')); // 8 h of real time, 7 h on the wall clock
    const normal = replayIncident([created('2026-10-23T15:00:00+02:00', 'Normal')], policy, t('2026-10-23T16:00:00+02:00'));
    expect(only(normal.firstResponse).dueAt).toBe(t('2026-10-26T11:00:00+01:00'));
    expect(only(normal.resolution).dueAt).toBe(t('2026-10-28T15:00:00+01:00'));
  });
});

describe('D10 replay rules', () => {
  it('D10: a pause in "Waiting for customer" leaves the remaining time unchanged', () => {
    const events = [created('2026-06-10T09:00:00+02:00', 'Normal'), status('2026-06-10T11:00:00+02:00', 'Waiting for customer'), status('2026-06-11T15:00:00+02:00', 'In Progress', false)];
    const atPause = replayIncident(events, policy, t('2026-06-10T11:00:00+02:00'));
    const atResume = replayIncident(events, policy, t('2026-06-11T15:00:00+02:00'));
    expect(only(atResume.resolution).remainingMs).toBe(only(atPause.resolution).remainingMs);
    expect(only(atResume.resolution).pausedMs).toBe(h(6 + 6));
  });
  it('D10: "Pending" pauses too, compared without case or surrounding spaces', () => {
    const events = [created('2026-06-10T09:00:00+02:00', 'High'), status('2026-06-10T10:00:00+02:00', ' pending ')];
    expect(only(replayIncident(events, policy, t('2026-06-10T20:00:00+02:00')).resolution)).toMatchObject({ elapsedMs: h(1), pausedNow: true });
  });
  it('D10: raising the priority keeps the time already spent', () => {
    const events = [created('2026-06-10T09:00:00+02:00', 'Normal'), priority('2026-06-10T12:00:00+02:00', 'High')];
    const r = only(replayIncident(events, policy, t('2026-06-10T13:00:00+02:00')).resolution);
    expect(r).toMatchObject({ priority: 'High', elapsedMs: h(4), remainingMs: h(4), dueAt: t('2026-06-10T17:00:00+02:00') });
  });
  it('D10: raising the priority past its goal breaches the cycle retroactively', () => {
    const events = [created('2026-06-10T09:00:00+02:00', 'Normal'), priority('2026-06-10T12:00:00+02:00', 'Critical')];
    const fr = only(replayIncident(events, policy, t('2026-06-10T12:00:00+02:00')).firstResponse);
    expect(fr).toMatchObject({ breached: true, met: false, breachAt: t('2026-06-10T09:15:00+02:00') });
  });
  it('D10: a reopen starts a new resolution cycle; a status leaving "done" reopens too', () => {
    const events = [
      created('2026-06-10T09:00:00+02:00', 'High'), status('2026-06-10T10:00:00+02:00', 'Resolved', true, 'done'),
      status('2026-06-10T11:00:00+02:00', 'Closed', true, 'done'), status('2026-06-10T12:00:00+02:00', 'In Progress', false),
    ];
    const r = replayIncident(events, policy, t('2026-06-10T13:00:00+02:00'));
    expect(r.resolution.map((c) => [c.index, c.start, c.stop, c.elapsedMs])).toEqual([
      [1, t('2026-06-10T09:00:00+02:00'), t('2026-06-10T10:00:00+02:00'), h(1)],
      [2, t('2026-06-10T12:00:00+02:00'), null, h(1)],
    ]);
    expect(only(r.firstResponse)).toMatchObject({ stopReason: 'transition', elapsedMs: h(1) });
  });
  it('D10: the same result whatever order the events arrive in, and duplicates count once', () => {
    const events = [created('2026-06-10T09:00:00+02:00', 'Normal'), status('2026-06-10T10:00:00+02:00', 'Pending'), status('2026-06-10T12:00:00+02:00', 'In Progress'), resolved('2026-06-10T12:00:00+02:00')];
    const now = t('2026-06-11T00:00:00+02:00');
    expect(replayIncident([...events].reverse().concat(events), policy, now)).toEqual(replayIncident(events, policy, now));
  });
  it('events after now are ignored, events before creation count from creation, a timeline needs "created"', () => {
    const events = [reply('2026-06-10T08:00:00+02:00'), created('2026-06-10T09:00:00+02:00', 'High'), resolved('2026-06-10T20:00:00+02:00')];
    const r = replayIncident(events, policy, t('2026-06-10T10:00:00+02:00'));
    expect(only(r.firstResponse)).toMatchObject({ stop: t('2026-06-10T09:00:00+02:00'), elapsedMs: 0, met: true });
    expect(only(r.resolution)).toMatchObject({ stop: null, elapsedMs: h(1) });
    expect(() => replayIncident([resolved('2026-06-10T20:00:00+02:00')], policy, 0)).toThrow(SlaReplayError);
  });
  it('an unmapped priority falls back to the policy fallback (Normal)', () => {
    const r = replayIncident([created('2026-06-10T09:00:00+02:00', 'Blocker')], policy, t('2026-06-10T10:00:00+02:00'));
    expect(only(r.resolution)).toMatchObject({ priority: 'Blocker', clock: 'serviceHours', targetMs: h(24) });
  });
});

describe('D11 first response', () => {
  const open = (): SlaEvent => created('2026-06-10T09:00:00+02:00', 'High');
  const now = t('2026-06-10T12:00:00+02:00');
  it('D11: an internal note does not stop the first-response clock', () => {
    const fr = only(replayIncident([open(), comment('2026-06-10T09:05:00+02:00', 'internal', true)], policy, now).firstResponse);
    expect(fr).toMatchObject({ stop: null, breached: true, breachAt: t('2026-06-10T09:30:00+02:00') });
  });
  it("D11: the reporter's own public comment does not count", () => {
    const fr = only(replayIncident([open(), comment('2026-06-10T09:05:00+02:00', 'public', false)], policy, now).firstResponse);
    expect(fr.stop).toBeNull();
  });
  it('D11: a public comment by an agent is the first response', () => {
    const fr = only(replayIncident([open(), comment('2026-06-10T09:05:00+02:00', 'internal', true), comment('2026-06-10T09:10:00+02:00', 'public', true)], policy, now).firstResponse);
    expect(fr).toMatchObject({ stop: t('2026-06-10T09:10:00+02:00'), stopReason: 'reply', elapsedMs: min(10), met: true });
  });
  it('D11: an agent transition out of the initial status is a first response; the reporter moving it is not', () => {
    const byReporter = only(replayIncident([open(), status('2026-06-10T09:05:00+02:00', 'In Progress', false)], policy, now).firstResponse);
    expect(byReporter.stop).toBeNull();
    const byAgent = only(replayIncident([open(), status('2026-06-10T09:20:00+02:00', 'In Progress', true)], policy, now).firstResponse);
    expect(byAgent).toMatchObject({ stopReason: 'transition', elapsedMs: min(20), met: true });
  });
});

describe('D14 escalation', () => {
  it('D14: the 4 h Critical threshold is crossed at 4 h exactly once per cycle', () => {
    const events = [created('2026-06-10T09:00:00+02:00', 'Critical')];
    const at = (iso: string) => escalationDecisions(replayIncident(events, policy, t(iso)));
    expect(at('2026-06-10T13:00:00+02:00')).toEqual([]);
    const later = [at('2026-06-10T13:00:00.001+02:00'), at('2026-06-10T15:00:00+02:00'), at('2026-06-11T09:00:00+02:00')];
    for (const d of later) expect(d).toEqual([expect.objectContaining({ key: 'resolution#1:management', cycle: 1, crossedAt: t('2026-06-10T13:00:00+02:00') })]);
    const reopenedLater = [...events, resolved('2026-06-10T14:00:00+02:00'), reopened('2026-06-10T15:00:00+02:00')];
    const both = escalationDecisions(replayIncident(reopenedLater, policy, t('2026-06-10T19:30:00+02:00')));
    expect(both.map((d) => [d.key, d.crossedAt])).toEqual([
      ['resolution#1:management', t('2026-06-10T13:00:00+02:00')],
      ['resolution#2:management', t('2026-06-10T19:00:00+02:00')],
    ]);
  });
  it('INC-12: Critical at 4h00m01s escalated, High at 7h59m not', () => {
    const start = '2026-06-10T09:00:00+02:00';
    const critical = escalationDecisions(replayIncident([created(start, 'Critical')], policy, t(start) + h(4) + 1000));
    expect(critical).toHaveLength(1);
    const high = replayIncident([created(start, 'High')], policy, t(start) + h(7) + min(59));
    expect(escalationDecisions(high)).toEqual([]);
    expect(nextDeadline(high)).toBe(t(start) + h(8));
  });
  it('D14: the next deadline is the earliest pending breach or threshold, none while paused', () => {
    const events = [created('2026-06-10T09:00:00+02:00', 'Critical'), reply('2026-06-10T09:10:00+02:00')];
    expect(nextDeadline(replayIncident(events, policy, t('2026-06-10T10:00:00+02:00')))).toBe(t('2026-06-10T13:00:00+02:00'));
    const paused = [...events, status('2026-06-10T10:00:00+02:00', 'Waiting for customer')];
    expect(nextDeadline(replayIncident(paused, policy, t('2026-06-10T11:00:00+02:00')))).toBeNull();
    const normal = [created('2026-06-05T13:00:00+02:00', 'Normal')];
    // due Friday 17:00 exactly at the end of the day: the breach, and so the next deadline, is Monday 09:00
    const fri = replayIncident(normal, policy, t('2026-06-05T14:00:00+02:00'));
    expect(only(fri.firstResponse).dueAt).toBe(t('2026-06-05T17:00:00+02:00'));
    expect(only(fri.firstResponse).nextDeadlineAt).toBe(t('2026-06-08T09:00:00+02:00'));
    const sat = replayIncident([...normal, reply('2026-06-06T10:00:00+02:00')], policy, t('2026-06-06T12:00:00+02:00'));
    expect(only(sat.firstResponse)).toMatchObject({ elapsedMs: h(4), met: true, breached: false });
  });
});
