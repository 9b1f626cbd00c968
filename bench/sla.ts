/**
 * SLA engine benchmark (issue #3 item 5; part 3 issue #5). Run: `npm run bench:sla`, which bundles it with esbuild as
 * the app's functions are bundled for Forge (tsx would add its own per-function wrappers to the hot path) and runs it
 * with node. Prints figures; nothing here asserts timing. Single-threaded, so "per second" is per core.
 *
 * 1. Incident replays per second: typical histories of 5–20 events (status changes with pauses, priority
 *    changes, comments, resolve/reopen) on a business-hours calendar (Mon–Fri 09:00–12:00 + 13:00–17:30,
 *    Europe/Berlin, public holidays) under the D9 policy. Budget: ≥ 100,000 replays/s.
 *
 * 2. Business time between two instants, side by side with dayjs-business-time on the same inputs.
 *    Which inputs are comparable: dayjs-business-time models working hours per weekday and holidays as dates,
 *    in the process's local time zone, at minute resolution (it truncates to whole minutes), with no notion of
 *    an IANA zone per calendar or of DST. So the comparison runs with TZ=UTC and our calendar in `UTC`, on
 *    whole-minute instants (from ≤ to), where both models say the same thing; the DST and per-zone cases are
 *    covered by the oracle property tests instead. Goal: 0 disagreements, ≥ 20× faster.
 */
process.env.TZ = 'UTC';

import dayjs from 'dayjs';
import businessTime from 'dayjs-business-time';
import { evaluateIncident } from '../src/domain/incident/evaluate';
import type { IncidentSnapshot } from '../src/domain/incident/snapshot';
import { DEFAULT_CLOSED_STATUS_NAMES } from '../src/domain/incident-closure';
import { defaultPolicy } from '../src/domain/policy';
import {
  businessTimeBetween, compileCalendar, defaultSlaPolicy, replayIncident, type SlaEvent, type StatusCategory, type WorkingInterval,
} from '../src/domain/sla';

const MIN = 60_000, HOUR = 3_600_000, DAY = 86_400_000;

/** Deterministic PRNG (mulberry32) so every run measures the same inputs. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(29110);
const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)] as T;

function timeIt(run: () => void, minMs = 1500): { perSecond: number; iterations: number } {
  let iterations = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs) { run(); iterations++; elapsed = Number(process.hrtime.bigint() - start) / 1e6; }
  return { perSecond: (iterations * 1000) / elapsed, iterations };
}
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

// ---------------------------------------------------------------------------------------------------------
// 1. Replays per second

const day: WorkingInterval[] = [{ from: '09:00', to: '12:00' }, { from: '13:00', to: '17:30' }];
const week = { mon: day, tue: day, wed: day, thu: day, fri: day };
const holidays2026 = ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25', '2026-10-03', '2026-12-25', '2026-12-26'];
const berlin = compileCalendar({ kind: 'business', timeZone: 'Europe/Berlin', week, holidays: holidays2026 });
const policy = defaultSlaPolicy(berlin);

const STATUSES: readonly [string, StatusCategory][] = [['In Progress', 'indeterminate'], ['Waiting for customer', 'indeterminate'], ['Pending', 'indeterminate'], ['In Progress', 'indeterminate'], ['Resolved', 'done']];
function history(k: number): { events: SlaEvent[]; now: number } {
  const start = Date.UTC(2026, 0, 5) + int(0, 330) * DAY + int(6 * 60, 18 * 60) * MIN;
  const n = int(5, 20);
  const events: SlaEvent[] = [{ id: `${k}-0`, at: start, type: 'created', status: 'Open', category: 'new', priority: pick(['Normal', 'Normal', 'Normal', 'Low', 'High', 'Critical']) }];
  let t = start;
  for (let i = 1; i < n; i++) {
    t += int(1, 8 * 60) * MIN;
    const r = rand(), id = `${k}-${i}`;
    if (r < 0.45) { const [to, category] = pick(STATUSES); events.push({ id, at: t, type: 'statusChanged', to, category, byAgent: rand() < 0.7 }); }
    else if (r < 0.7) events.push({ id, at: t, type: 'comment', visibility: rand() < 0.6 ? 'public' : 'internal', byAgent: rand() < 0.6 });
    else if (r < 0.8) events.push({ id, at: t, type: 'priorityChanged', to: pick(['Critical', 'High', 'Normal', 'Low']) });
    else if (r < 0.9) events.push({ id, at: t, type: 'resolved' });
    else events.push({ id, at: t, type: 'reopened' });
  }
  return { events, now: t + int(0, 3 * 24 * 60) * MIN };
}
const histories = Array.from({ length: 5000 }, (_, k) => history(k));
const meanEvents = histories.reduce((s, h) => s + h.events.length, 0) / histories.length;
for (const h of histories) replayIncident(h.events, policy, h.now); // warm the day caches and the JIT

let cursor = 0;
const replays = timeIt(() => { const h = histories[cursor++ % histories.length]; if (h) replayIncident(h.events, policy, h.now); }, 2500);

// ---------------------------------------------------------------------------------------------------------
// 2. Business time vs dayjs-business-time

dayjs.extend(businessTime);
const utcWeek = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [{ from: '10:00', to: '14:00' }] };
const utc = compileCalendar({ kind: 'business', timeZone: 'UTC', week: utcWeek, holidays: holidays2026 });
const toDayjs = (ivs: readonly WorkingInterval[] | undefined) => (ivs ? ivs.map((iv) => ({ start: `${iv.from}:00`, end: `${iv.to}:00` })) : null);
dayjs.setBusinessTime({
  sunday: null, monday: toDayjs(utcWeek.mon), tuesday: toDayjs(utcWeek.tue), wednesday: toDayjs(utcWeek.wed), thursday: toDayjs(utcWeek.thu),
  friday: toDayjs(utcWeek.fri), saturday: toDayjs(utcWeek.sat),
});
dayjs.setHolidays(holidays2026);

const pairs = Array.from({ length: 4000 }, () => {
  const from = Date.UTC(2026, 0, 2) + int(0, 350) * DAY + int(0, 24 * 60 - 1) * MIN;
  return [from, from + int(0, 10 * 24 * 60) * MIN] as const;
});
const dayjsPairs = pairs.map(([a, b]) => [dayjs(a), dayjs(b)] as const);

const offsetOk = new Date(0).getTimezoneOffset() === 0;
let disagreements = 0;
const examples: string[] = [];
pairs.forEach(([a, b], i) => {
  const ours = businessTimeBetween(utc, a, b) / MIN;
  const [da, db] = dayjsPairs[i] ?? [dayjs(a), dayjs(b)];
  const theirs = da.businessMinutesDiff(db);
  if (ours !== theirs) { disagreements++; if (examples.length < 5) examples.push(`  ${new Date(a).toISOString()} → ${new Date(b).toISOString()}: ours ${ours} min, dayjs-business-time ${theirs} min`); }
});

let i1 = 0, i2 = 0, sink = 0;
const oursRate = timeIt(() => { const p = pairs[i1++ % pairs.length]; if (p) sink += businessTimeBetween(utc, p[0], p[1]); });
const theirsRate = timeIt(() => { const p = dayjsPairs[i2++ % dayjsPairs.length]; if (p) sink += p[0].businessMinutesDiff(p[1]); });

console.log('SLA engine benchmark (one core, Node ' + process.version + ')');
console.log('');
console.log('1. Incident replays (D10), ' + fmt(histories.length) + ' histories of 5–20 events (mean ' + meanEvents.toFixed(1) + '), business-hours calendar Europe/Berlin, D9 policy');
console.log(`   ${fmt(replays.perSecond)} replays/s  (budget ≥ 100,000/s: ${replays.perSecond >= 100_000 ? 'within' : 'OVER'})`);
console.log('');
console.log('2. Business time between two instants vs dayjs-business-time 1.0.4, ' + fmt(pairs.length) + ' pairs, spans 0–10 days, 2026');
console.log('   Comparable inputs: dayjs-business-time has weekday hours + holiday dates in the process zone, minute');
console.log('   resolution, no IANA zone or DST; so TZ=UTC, our calendar in UTC, whole-minute instants, from ≤ to.');
console.log(`   process zone UTC: ${offsetOk ? 'yes' : 'NO (comparison invalid)'}`);
console.log(`   ours:                ${fmt(oursRate.perSecond)} calls/s`);
console.log(`   dayjs-business-time: ${fmt(theirsRate.perSecond)} calls/s`);
console.log(`   speed ratio:         ${(oursRate.perSecond / theirsRate.perSecond).toFixed(1)}× (goal ≥ 20×)`);
console.log(`   disagreements:       ${disagreements} of ${pairs.length} (goal 0)`);
for (const e of examples) console.log(e);
if (sink === -1) console.log(HOUR);

// 3. Whole incident evaluations (what the trigger, the scan and the panel run per incident): Jira history → timeline,
//    D8 classification, replay, escalations and messages due, closure checklist. Once with the policy the rules
//    loaded (its compiled SLA policy is reused), once with a fresh copy per incident (compiled every time).
const snapshots: IncidentSnapshot[] = histories.slice(0, 2000).map((_, k) => incidentSnapshot(k));
const policyInForce = { policy: { ...defaultPolicy('2026-06-01'), serviceHours: { timeZone: 'Europe/Berlin', week: { ...week, sat: [], sun: [] }, holidays: holidays2026.map((date) => ({ date, name: 'Holiday' })) } }, version: 1 };
const context = (policy: typeof policyInForce) => ({ policy, roles: [{ accountId: 'agent', roles: ['PT' as const] }], escalationsDone: [], communicationsDone: [], trackedSince: null, majorIncidentManager: null, majorIncidentReport: null, now: Date.parse('2026-06-20T12:00:00Z') });
let i3 = 0, i4 = 0;
const evaluations = timeIt(() => { sink += evaluateIncident(snapshots[i3++ % snapshots.length]!, context(policyInForce), DEFAULT_CLOSED_STATUS_NAMES, null).closure.length; });
const recompiled = timeIt(() => { sink += evaluateIncident(snapshots[i4++ % snapshots.length]!, context({ ...policyInForce, policy: { ...policyInForce.policy } }), DEFAULT_CLOSED_STATUS_NAMES, null).closure.length; });
console.log('');
console.log(`3. Whole incident evaluations (evaluateIncident), ${fmt(snapshots.length)} Jira-shaped incidents of 4–12 history entries and comments, Europe/Berlin service hours`);
console.log(`   ${fmt(evaluations.perSecond)} evaluations/s with the rules' policy (budget ≥ 100,000/s: ${evaluations.perSecond >= 100_000 ? 'within' : 'OVER'})`);
console.log(`   ${fmt(recompiled.perSecond)} evaluations/s when the SLA policy is compiled for every incident (for comparison)`);

/** A deterministic incident as src/jira/incident-snapshot.ts reads it: status moves, a pause, a priority change, replies. */
function incidentSnapshot(k: number): IncidentSnapshot {
  const created = Date.parse('2026-06-01T07:00:00Z') + int(0, 14) * DAY + int(0, 600) * MIN;
  const agent = { accountId: 'agent', accountType: 'atlassian' as const };
  const history: IncidentSnapshot['history'] = [];
  const comments: IncidentSnapshot['comments'] = [];
  let t = created, status = 'Open';
  const move = (to: string) => { t += int(5, 240) * MIN; history.push({ id: `${k}-${history.length}`, at: t, author: agent, items: [{ field: 'status', from: null, fromString: status, to: null, toString: to }] }); status = to; };
  comments.push({ id: `${k}-c0`, at: t + int(1, 30) * MIN, author: agent, public: rand() < 0.8 });
  move('In progress');
  if (rand() < 0.5) { move('Waiting for customer'); comments.push({ id: `${k}-c1`, at: t + 10 * MIN, author: { accountId: 'customer', accountType: 'customer' }, public: true }); move('In progress'); }
  if (rand() < 0.4) { t += int(5, 120) * MIN; history.push({ id: `${k}-p`, at: t, author: agent, items: [{ field: 'priority', from: null, fromString: 'Normal', to: null, toString: 'High' }] }); }
  const resolved = rand() < 0.6;
  if (resolved) { t += int(30, 600) * MIN; history.push({ id: `${k}-r`, at: t, author: agent, items: [{ field: 'status', from: null, fromString: status, to: null, toString: 'Resolved' }, { field: 'resolution', from: null, fromString: null, to: '1', toString: 'Done' }] }); status = 'Resolved'; }
  return {
    id: String(k), key: `SD-${k}`, summary: 'Benchmark incident', projectKey: 'SD', createdAt: created, reporter: { accountId: 'customer', accountType: 'customer' },
    assignee: null, status: { name: status, category: resolved ? 'done' : 'indeterminate' }, priority: history.some((h) => h.id.endsWith('-p')) ? 'High' : 'Normal',
    resolution: resolved ? 'Done' : null, history, comments, links: [],
    fields: { impact: pick(['High', 'Medium', 'Low']), urgency: pick(['High', 'Medium', 'Low']), services: ['Managed e-mail'], cis: [], rootCause: null, majorIncident: false, securityIncident: false, organizations: [] },
  };
}
