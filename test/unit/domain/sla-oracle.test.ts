/**
 * Property tests of the SLA engine (D10) against a brute-force oracle written independently here: it steps
 * minute by minute through real time and asks, for each minute, "is this minute working time in that zone on
 * that local date, not a holiday, not paused?", using Intl's `longOffset` time-zone names rather than the
 * engine's offset arithmetic. Everything is generated on whole minutes so minute stepping is exact.
 *
 * Reproduce a failure with the seed fast-check prints: `SLA_SEED=<seed> npx jest --selectProjects unit
 * test/unit/domain/sla-oracle.test.ts`. `SLA_RUNS_FACTOR=10` runs ten times as many cases.
 */
import fc from 'fast-check';
import {
  addBusinessTime, businessCrossingInstant, businessTimeBetween, compileCalendar, nextDeadline, replayIncident,
  type BusinessCalendarSpec, type SlaCycle, type SlaEvent, type SlaPolicy, type StatusCategory, type Weekday, type WorkingInterval,
} from '../../../src/domain/sla';

const MIN = 60_000;
const DAY = 86_400_000;
const SEED = process.env.SLA_SEED ? Number(process.env.SLA_SEED) : undefined;
const FACTOR = process.env.SLA_RUNS_FACTOR ? Number(process.env.SLA_RUNS_FACTOR) : 1;
const runs = (n: number): { numRuns: number; seed?: number } => (SEED === undefined ? { numRuns: Math.round(n * FACTOR) } : { numRuns: Math.round(n * FACTOR), seed: SEED });

// ---------------------------------------------------------------------------------------------------------
// The oracle's own notion of local time

const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'] as const;
type Zone = (typeof ZONES)[number];

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
const slotOffsets = new Map<string, Map<number, number>>();
/** Offset from the zone's "GMT+hh:mm" name. Memoised per 15-minute UTC slot: in these zones every offset change falls on a quarter hour. */
let lastZone = '', lastSlot = NaN, lastOffset = 0;
function oracleOffset(zone: string, t: number): number {
  const slot = Math.floor(t / (15 * MIN));
  if (zone === lastZone && slot === lastSlot) return lastOffset;
  lastZone = zone; lastSlot = slot; lastOffset = slotOffset(zone, slot);
  return lastOffset;
}
function slotOffset(zone: string, slot: number): number {
  let slots = slotOffsets.get(zone);
  if (!slots) { slots = new Map(); slotOffsets.set(zone, slots); }
  let o = slots.get(slot);
  if (o === undefined) {
    let f = offsetFormatters.get(zone);
    if (!f) { f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }); offsetFormatters.set(zone, f); }
    const name = f.formatToParts(slot * 15 * MIN).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
    o = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * MIN : 0;
    slots.set(slot, o);
  }
  return o;
}

const DAY_NAMES: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const clock = (s: string): number => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

interface OracleCalendar { always: boolean; working(t: number): boolean }
/** "Is the minute starting at t working time?": read the wall clock in the zone, then look at that local date. */
function oracleCalendar(spec: BusinessCalendarSpec | null): OracleCalendar {
  if (!spec) return { always: true, working: () => true };
  const holidays = new Set((spec.holidays ?? []).map((d) => Date.parse(`${d}T00:00:00Z`) / DAY));
  const byDay = DAY_NAMES.map((n) => (spec.week[n] ?? []).map((iv) => [clock(iv.from), clock(iv.to)] as const));
  return {
    always: false,
    working(t) {
      const wall = t + oracleOffset(spec.timeZone, t); // the local wall clock, as minutes since 1970-01-01 00:00 local
      const localDate = Math.floor(wall / DAY);
      if (holidays.has(localDate)) return false;
      const minute = (wall - localDate * DAY) / MIN;
      const weekday = (localDate + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
      const intervals = byDay[weekday] ?? [];
      for (let k = 0; k < intervals.length; k++) {
        const iv = intervals[k] as readonly [number, number];
        if (iv[0] <= minute && minute < iv[1]) return true;
      }
      return false;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Generators, biased towards DST changes and local midnights

function transitions(zone: string): number[] {
  const out: number[] = [];
  const from = Date.UTC(2025, 0, 1), to = Date.UTC(2027, 0, 1);
  for (let t = from; t < to; t += DAY) {
    if (oracleOffset(zone, t) === oracleOffset(zone, t + DAY)) continue;
    let lo = t, hi = t + DAY;
    while (hi - lo > 15 * MIN) { const mid = lo + Math.floor((hi - lo) / (30 * MIN)) * 15 * MIN; if (oracleOffset(zone, mid) === oracleOffset(zone, t)) lo = mid; else hi = mid; }
    out.push(hi);
  }
  return out;
}
const ANCHORS = new Map<Zone, number[]>(ZONES.map((z) => [z, transitions(z)]));

const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const boundaryMinute = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 1440 }) },
  { weight: 2, arbitrary: fc.constantFrom(0, 60, 90, 105, 120, 150, 180, 540, 1020, 1410, 1440) },
  { weight: 2, arbitrary: fc.integer({ min: 45, max: 210 }) },
);
const dayIntervals: fc.Arbitrary<WorkingInterval[]> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<WorkingInterval[]>([]) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 3 }).chain((k) => fc.uniqueArray(boundaryMinute, { minLength: 2 * k, maxLength: 2 * k })).map((ms) => {
    const s = [...ms].sort((a, b) => a - b);
    const out: WorkingInterval[] = [];
    for (let i = 0; i + 1 < s.length; i += 2) out.push({ from: hhmm(s[i] ?? 0), to: hhmm(s[i + 1] ?? 0) });
    return out;
  }) },
);

interface Scenario {
  zone: Zone;
  calendar: BusinessCalendarSpec;
  anchor: number;
}
const scenario: fc.Arbitrary<Scenario> = fc.record({
  zone: fc.constantFrom(...ZONES),
  week: fc.tuple(dayIntervals, dayIntervals, dayIntervals, dayIntervals, dayIntervals, dayIntervals, dayIntervals),
  anchorPick: fc.nat(),
  anchorKind: fc.constantFrom('dst', 'dst', 'midnight', 'random'),
  shiftMin: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: -240, max: 240 }) }, { weight: 1, arbitrary: fc.integer({ min: -3 * 1440, max: 1440 }) }),
  holidayDays: fc.uniqueArray(fc.integer({ min: -3, max: 6 }), { maxLength: 4 }),
}).map(({ zone, week, anchorPick, anchorKind, shiftMin, holidayDays }) => {
  const dst = ANCHORS.get(zone) ?? [];
  const day = Date.UTC(2025, 0, 1) + (anchorPick % 700) * DAY;
  let base: number;
  if (anchorKind === 'dst' && dst.length > 0) base = dst[anchorPick % dst.length] ?? day;
  else if (anchorKind === 'midnight') base = day - oracleOffset(zone, day); // ≈ a local midnight
  else base = day + (anchorPick % 1440) * MIN;
  const anchor = Math.floor(base / MIN) * MIN + shiftMin * MIN;
  const localDay = Math.floor((anchor + oracleOffset(zone, anchor)) / DAY);
  const holidays = holidayDays.map((d) => new Date((localDay + d) * DAY).toISOString().slice(0, 10));
  const keys: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const w: Partial<Record<Weekday, WorkingInterval[]>> = {};
  keys.forEach((k, i) => { const iv = week[i] ?? []; if (iv.length > 0) w[k] = iv; });
  return { zone, anchor, calendar: { kind: 'business', timeZone: zone, week: w, holidays } };
});

const STATUSES: readonly [string, StatusCategory][] = [
  ['Open', 'new'], ['In Progress', 'indeterminate'], ['Waiting for customer', 'indeterminate'], ['pending ', 'indeterminate'], ['Resolved', 'done'], ['Closed', 'done'],
];
const PRIORITIES = ['P1', 'P2', 'P3', 'Unmapped'] as const;

type Body =
  | { type: 'statusChanged'; to: string; category: StatusCategory; byAgent: boolean }
  | { type: 'priorityChanged'; to: string }
  | { type: 'comment'; visibility: 'public' | 'internal'; byAgent: boolean }
  | { type: 'publicAgentReply' } | { type: 'resolved' } | { type: 'reopened' };
const body: fc.Arbitrary<Body> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ s: fc.constantFrom(...STATUSES), byAgent: fc.boolean() }).map(({ s, byAgent }): Body => ({ type: 'statusChanged', to: s[0], category: s[1], byAgent })) },
  { weight: 2, arbitrary: fc.constantFrom(...PRIORITIES).map((to): Body => ({ type: 'priorityChanged', to })) },
  { weight: 2, arbitrary: fc.record({ visibility: fc.constantFrom('public' as const, 'internal' as const), byAgent: fc.boolean() }).map((c): Body => ({ type: 'comment', ...c })) },
  { weight: 1, arbitrary: fc.constant<Body>({ type: 'publicAgentReply' }) },
  { weight: 1, arbitrary: fc.constant<Body>({ type: 'resolved' }) },
  { weight: 1, arbitrary: fc.constant<Body>({ type: 'reopened' }) },
);
const gapMin = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 120 }) },
  { weight: 3, arbitrary: fc.integer({ min: 120, max: 600 }) },
  { weight: 1, arbitrary: fc.integer({ min: 600, max: 1440 }) },
);
const history = fc.record({
  initial: fc.constantFrom(...STATUSES.slice(0, 4)),
  priority: fc.constantFrom(...PRIORITIES),
  steps: fc.array(fc.tuple(gapMin, body), { minLength: 4, maxLength: 19 }),
  nowGap: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 1440 }) }, { weight: 1, arbitrary: fc.integer({ min: -600, max: 0 }) }),
  order: fc.array(fc.nat(), { minLength: 20, maxLength: 20 }),
});

const goalMin = fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.integer({ min: 1, max: 600 }) }, { weight: 2, arbitrary: fc.integer({ min: 600, max: 2400 }) });
const goal = fc.record({ target: goalMin, thresholds: fc.uniqueArray(fc.record({ id: fc.constantFrom('a', 'b'), after: goalMin }), { maxLength: 2, selector: (t) => t.id }) })
  .map((g) => ({ targetMs: g.target * MIN, thresholds: g.thresholds.map((t) => ({ id: t.id, afterMs: t.after * MIN })) }));
const priorityPolicyArb = fc.record({ clock: fc.constantFrom('24x7' as const, 'serviceHours' as const), firstResponse: goal, resolution: goal });
const policyArb = fc.record({ P1: priorityPolicyArb, P2: priorityPolicyArb, P3: priorityPolicyArb });
type History = typeof history extends fc.Arbitrary<infer T> ? T : never;
type PolicyValue = typeof policyArb extends fc.Arbitrary<infer T> ? T : never;

function buildEvents(anchor: number, h: History): { events: SlaEvent[]; now: number } {
  const events: SlaEvent[] = [{ id: 'e00', at: anchor, type: 'created', status: h.initial[0], category: h.initial[1], priority: h.priority }];
  let t = anchor;
  h.steps.forEach(([gap, b], i) => { t += gap * MIN; events.push({ id: `e${String(i + 1).padStart(2, '0')}`, at: t, ...b }); });
  const now = Math.max(anchor, t + h.nowGap * MIN);
  // Arrival order is scrambled: the engine must not depend on it.
  const keyed = events.map((e, i) => ({ e, k: h.order[i] ?? i }));
  keyed.sort((a, b) => a.k - b.k);
  return { events: keyed.map((x) => x.e), now };
}

// ---------------------------------------------------------------------------------------------------------
// The oracle replay: minute stepping with its own reading of the D10/D11 rules

interface OracleCycle {
  start: number; stop: number | null; stopReason: string | null; priority: string;
  starts: number[]; pausedMin: number;
}
const RANK: Record<string, number> = { created: 0, priorityChanged: 1, statusChanged: 2, comment: 3, publicAgentReply: 3, resolved: 4, reopened: 5 };
const PROJECTION_DAYS = 6;

interface Expected {
  metric: string; index: number; start: number; stop: number | null; stopReason: string | null; priority: string;
  elapsedMs: number; pausedMs: number; remainingMs: number; met: boolean | null; breached: boolean; breachAt: number | null;
  running: boolean; pausedNow: boolean; dueAt: number | null | 'beyond'; nextAt: number | null | 'beyond';
  thresholds: { id: string; crossed: boolean; crossedAt: number | null; expectedAt: number | null | 'beyond' }[];
}

function oracleReplay(events: readonly SlaEvent[], policy: SlaPolicy, calSpec: BusinessCalendarSpec, now: number): Expected[] {
  const service = oracleCalendar(calSpec), always = oracleCalendar(null);
  const pp = (p: string) => policy.priorities[p] ?? policy.priorities[policy.fallbackPriority];
  const calOf = (p: string): OracleCalendar => (pp(p)?.clock === '24x7' ? always : service);
  const isPause = (s: string): boolean => ['waiting for customer', 'pending'].includes(s.trim().toLowerCase());
  const evs = events.filter((e) => e.at <= now).sort((a, b) => a.at - b.at || (RANK[a.type] ?? 0) - (RANK[b.type] ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const created = evs.find((e) => e.type === 'created');
  if (!created || created.type !== 'created') return [];
  let status = created.status, category: StatusCategory = created.category, priority = created.priority, resolved = false;
  const initial = created.status.trim().toLowerCase();
  const fr: OracleCycle = { start: created.at, stop: null, stopReason: null, priority, starts: [], pausedMin: 0 };
  const res: OracleCycle[] = [{ start: created.at, stop: null, stopReason: null, priority, starts: [], pausedMin: 0 }];
  let cur: OracleCycle | null = res[0] ?? null;
  const stopFr = (at: number, why: string) => { if (fr.stop === null) { fr.stop = at; fr.stopReason = why; fr.priority = priority; } };
  const resolve = (at: number) => { if (resolved) return; resolved = true; if (cur) { cur.stop = at; cur.stopReason = 'resolved'; cur.priority = priority; cur = null; } stopFr(at, 'resolved'); };
  const reopen = (at: number) => { if (!resolved) return; resolved = false; cur = { start: at, stop: null, stopReason: null, priority, starts: [], pausedMin: 0 }; res.push(cur); };
  const apply = (e: SlaEvent, at: number) => {
    if (e.type === 'priorityChanged') priority = e.to;
    else if (e.type === 'statusChanged') {
      const was = status.trim().toLowerCase(), wasCat = category;
      status = e.to; category = e.category;
      if (e.byAgent && was === initial && status.trim().toLowerCase() !== was) stopFr(at, 'transition');
      if (category === 'done' && wasCat !== 'done') resolve(at);
      if (category !== 'done' && wasCat === 'done') reopen(at);
    } else if (e.type === 'comment') { if (e.visibility === 'public' && e.byAgent) stopFr(at, 'reply'); }
    else if (e.type === 'publicAgentReply') stopFr(at, 'reply');
    else if (e.type === 'resolved') resolve(at);
    else if (e.type === 'reopened') reopen(at);
  };
  let i = 0;
  const rest = evs.filter((e) => e !== created);
  let cal = calOf(priority), paused = isPause(status);
  for (let m = created.at; ; m += MIN) {
    if (i < rest.length && Math.max((rest[i] as SlaEvent).at, created.at) <= m) {
      while (i < rest.length && Math.max((rest[i] as SlaEvent).at, created.at) <= m) { apply(rest[i] as SlaEvent, m); i++; }
      cal = calOf(priority); paused = isPause(status);
    }
    if (m >= now) break;
    const frOpen = fr.stop === null;
    if ((!frOpen && !cur) || !cal.working(m)) continue;
    if (frOpen) { if (paused) fr.pausedMin++; else fr.starts.push(m); }
    if (cur) { if (paused) cur.pausedMin++; else cur.starts.push(m); }
  }
  if (fr.stop === null) fr.priority = priority;
  if (cur) cur.priority = priority;
  const pausedNowStatus = isPause(status);
  const bound = now + PROJECTION_DAYS * DAY;

  const judge = (metric: 'firstResponse' | 'resolution', c: OracleCycle, index: number): Expected => {
    const p = pp(c.priority);
    if (!p) throw new Error('policy');
    const g = p[metric];
    const open = c.stop === null;
    const running = open && !pausedNowStatus;
    const elapsed = c.starts.length;
    // Future working minutes for a running cycle, lazily.
    const future: number[] = [];
    let cursor = now;
    const futureMinute = (k: number): number | 'beyond' => {
      while (future.length <= k) {
        if (cursor >= bound) return 'beyond';
        if (calOf(c.priority).working(cursor)) future.push(cursor);
        cursor += MIN;
      }
      return future[k] ?? 'beyond';
    };
    // start of the n-th (0-based) counted minute: where E runs past n minutes
    const crossing = (n: number): number | null | 'beyond' => (n < elapsed ? (c.starts[n] ?? null) : running ? futureMinute(n - elapsed) : null);
    const gMin = g.targetMs / MIN;
    let dueAt: number | null | 'beyond';
    if (gMin === 0) dueAt = c.start;
    else if (elapsed >= gMin) dueAt = (c.starts[gMin - 1] ?? 0) + MIN;
    else if (running) { const f = futureMinute(gMin - elapsed - 1); dueAt = f === 'beyond' ? 'beyond' : f + MIN; }
    else dueAt = null;
    const breached = elapsed > gMin;
    const bAt = breached ? crossing(gMin) : null;
    const thresholds = g.thresholds.map((th) => {
      const n = th.afterMs / MIN, crossed = elapsed > n;
      return { id: th.id, crossed, crossedAt: crossed ? (crossing(n) as number) : null, expectedAt: !crossed && running ? crossing(n) : null };
    });
    const pending = [running && !breached ? crossing(gMin) : null, ...thresholds.map((t) => t.expectedAt)];
    const nums = pending.filter((x): x is number => typeof x === 'number');
    const nextAt = nums.length > 0 ? Math.min(...nums) : pending.includes('beyond') ? 'beyond' : null;
    return {
      metric, index, start: c.start, stop: c.stop, stopReason: c.stopReason, priority: c.priority,
      elapsedMs: elapsed * MIN, pausedMs: c.pausedMin * MIN, remainingMs: g.targetMs - elapsed * MIN,
      met: open ? (breached ? false : null) : !breached, breached, breachAt: bAt === 'beyond' ? null : bAt,
      running, pausedNow: open && pausedNowStatus, dueAt, nextAt, thresholds,
    };
  };
  return [judge('firstResponse', fr, 1), ...res.map((c, k) => judge('resolution', c, k + 1))];
}

/** Compares, treating the oracle's 'beyond' (past its projection horizon) as "null or later than the horizon". */
function matches(actual: number | null, expected: number | null | 'beyond', horizon: number): boolean {
  if (expected === 'beyond') return actual === null || actual >= horizon;
  return actual === expected;
}

function compare(actual: readonly SlaCycle[], expected: readonly Expected[], now: number): void {
  expect(actual.length).toBe(expected.length);
  const horizon = now + PROJECTION_DAYS * DAY - MIN;
  actual.forEach((a, k) => {
    const e = expected[k] as Expected;
    const { dueAt: _d, thresholds: _t, nextAt: _n, ...plain } = e;
    expect({
      metric: a.metric, index: a.index, start: a.start, stop: a.stop, stopReason: a.stopReason, priority: a.priority,
      elapsedMs: a.elapsedMs, pausedMs: a.pausedMs, remainingMs: a.remainingMs, met: a.met, breached: a.breached, breachAt: a.breachAt,
      running: a.running, pausedNow: a.pausedNow,
    }).toEqual(plain);
    if (!matches(a.nextDeadlineAt, e.nextAt, horizon)) throw new Error(`${a.metric}#${a.index} nextDeadlineAt ${a.nextDeadlineAt} ≠ oracle ${String(e.nextAt)}`);
    if (!matches(a.dueAt, e.dueAt, horizon)) throw new Error(`${a.metric}#${a.index} dueAt ${a.dueAt} ≠ oracle ${String(e.dueAt)}`);
    expect(a.thresholds.map((t) => ({ id: t.id, crossed: t.crossed, crossedAt: t.crossedAt }))).toEqual(e.thresholds.map((t) => ({ id: t.id, crossed: t.crossed, crossedAt: t.crossedAt })));
    a.thresholds.forEach((t, j) => {
      const et = e.thresholds[j]?.expectedAt ?? null;
      if (!matches(t.expectedAt, et, horizon)) throw new Error(`${a.metric}#${a.index} threshold ${t.id} expectedAt ${t.expectedAt} ≠ oracle ${String(et)}`);
    });
  });
}

function policyOf(p: PolicyValue, calSpec: BusinessCalendarSpec): SlaPolicy {
  return { priorities: p, fallbackPriority: 'P2', pauseStatuses: ['Waiting for customer', 'Pending'], serviceHours: compileCalendar(calSpec) };
}

describe('D10 SLA engine = minute-stepping oracle', () => {
  jest.setTimeout(180_000);

  it('D10: business time, due and crossing instants equal the oracle over random calendars, zones, holidays and DST', () => {
    fc.assert(fc.property(scenario, fc.integer({ min: -2 * 1440, max: 2 * 1440 }), fc.integer({ min: 0, max: 3 * 1440 }), fc.integer({ min: 0, max: 900 }), (sc, startMin, spanMin, durMin) => {
      const cal = compileCalendar(sc.calendar);
      const oc = oracleCalendar(sc.calendar);
      const from = sc.anchor + startMin * MIN, to = from + spanMin * MIN;
      let count = 0;
      for (let m = from; m < to; m += MIN) if (oc.working(m)) count++;
      expect(businessTimeBetween(cal, from, to)).toBe(count * MIN);
      // due (end of the durMin-th working minute) and crossing (start of the next one), within the projection horizon
      let seen = 0, due: number | 'beyond' = durMin === 0 ? from : 'beyond', cross: number | 'beyond' = 'beyond';
      for (let m = from; m < from + PROJECTION_DAYS * DAY; m += MIN) {
        if (!oc.working(m)) continue;
        if (seen === durMin) { cross = m; break; }
        seen++;
        if (seen === durMin) due = m + MIN;
      }
      const horizon = from + PROJECTION_DAYS * DAY - MIN;
      expect(matches(addBusinessTime(cal, from, durMin * MIN), due, horizon)).toBe(true);
      expect(matches(businessCrossingInstant(cal, from, durMin * MIN), cross, horizon)).toBe(true);
    }), runs(3000));
  });

  it('D10/D11/D14: every cycle of a replayed history equals the oracle (pauses, carry-over, reopen, first response, thresholds)', () => {
    fc.assert(fc.property(scenario, history, policyArb, (sc, h, p) => {
      const { events, now } = buildEvents(sc.anchor, h);
      const policy = policyOf(p, sc.calendar);
      const r = replayIncident(events, policy, now);
      const expected = oracleReplay(events, policy, sc.calendar, now);
      compare([...r.firstResponse, ...r.resolution], expected, now);
      // D14 / ADR 005: the next deadline is the earliest pending breach or threshold crossing of a running cycle
      const nexts = expected.map((e) => e.nextAt);
      const soonest = nexts.some((x) => typeof x === 'number') ? Math.min(...nexts.filter((x): x is number => typeof x === 'number')) : nexts.includes('beyond') ? 'beyond' : null;
      expect(matches(nextDeadline(r), soonest, now + PROJECTION_DAYS * DAY - MIN)).toBe(true);
    }), runs(5000));
  });

  it('D10: the same result whatever order or how many times the events arrive', () => {
    fc.assert(fc.property(scenario, history, policyArb, fc.array(fc.nat(), { maxLength: 5 }), (sc, h, p, dupes) => {
      const { events, now } = buildEvents(sc.anchor, h);
      const policy = policyOf(p, sc.calendar);
      const reference = replayIncident([...events].sort((a, b) => (a.id < b.id ? -1 : 1)), policy, now);
      const redelivered = [...events, ...dupes.map((d) => events[d % events.length] as SlaEvent)].reverse();
      expect(replayIncident(redelivered, policy, now)).toEqual(reference);
    }), runs(2000));
  });
});
