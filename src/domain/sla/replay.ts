import { addBusinessTime, businessCrossingInstant, businessTimeBetween, type Calendar, type DurationMs, type Instant } from './calendar';
import { canonicalTimeline, type CreatedEvent, type SlaEvent, type StatusCategory } from './events';
import { calendarFor, type ClockKind, priorityPolicy, type SlaPolicy } from './policy';

/**
 * Replay of an incident's timeline into SLA cycles (D10, D11, D14), a pure function of (events, policy, now).
 *
 * Clock model (ITSM-LANDSCAPE C.8 items 1, 3, 4a, 5, 7):
 * - A metric's clock runs while its cycle is open, the status is not a pause status (D10) and the calendar of
 *   the priority in force says working time. Pauses are subtracted intervals, never a shifted due date.
 * - Elapsed business time E(t) of a cycle = the working time of every running stretch, each measured on the
 *   calendar of the priority in force during that stretch (24×7 or service hours, D9).
 * - Carry-over (D10): when the priority changes, E is kept and the goal of the priority in force at the end
 *   (the stop, or `now` while open) applies to the whole cycle: met ⇔ E(end) ≤ target. Instants (due, breach,
 *   thresholds) are restated under that goal, so raising the priority can place a breach in the past.
 * - First response (D11): one cycle from creation, stopped by the first public comment by an agent, by the
 *   first agent transition out of the initial status, or by resolution. It does not restart on reopen.
 * - Resolution (D10): a cycle from creation, stopped by resolution; each reopen starts a new cycle; all kept.
 * - Events after `now` are ignored; events before creation count as at creation.
 */

export type Metric = 'firstResponse' | 'resolution';
export type StopReason = 'reply' | 'transition' | 'resolved';

export interface ThresholdState {
  readonly id: string;
  readonly afterMs: DurationMs;
  /** D14: E(end) > afterMs. */
  readonly crossed: boolean;
  /** When the clock ran past the threshold (under the goal in force at the end); null if not crossed. */
  readonly crossedAt: Instant | null;
  /** For a running cycle not yet past it: when it will be crossed if nothing changes. */
  readonly expectedAt: Instant | null;
}

export interface SlaCycle {
  readonly metric: Metric;
  /** 1-based cycle number (resolution: 2 after the first reopen, …). */
  readonly index: number;
  readonly start: Instant;
  readonly stop: Instant | null;
  readonly stopReason: StopReason | null;
  /** The priority whose goal judges the cycle: in force at the stop, or at `now` while open. */
  readonly priority: string;
  readonly clock: ClockKind;
  readonly targetMs: DurationMs;
  /** Business time the clock ran (pauses excluded), up to the stop or `now`. */
  readonly elapsedMs: DurationMs;
  /** Business time spent in pause statuses: what the clock would have counted had it not been paused. */
  readonly pausedMs: DurationMs;
  /** targetMs − elapsedMs; negative once breached. */
  readonly remainingMs: DurationMs;
  /**
   * The instant E reaches the target: historical once reached; for a running cycle the projection if nothing
   * changes; null while paused (or stopped) short of the target.
   */
  readonly dueAt: Instant | null;
  readonly met: boolean | null;
  readonly breached: boolean;
  /** When the clock ran past the target (the first working instant after `dueAt`). */
  readonly breachAt: Instant | null;
  readonly running: boolean;
  readonly pausedNow: boolean;
  readonly thresholds: readonly ThresholdState[];
  /** Earliest pending instant of this cycle (breach or threshold), for the indexed next deadline. */
  readonly nextDeadlineAt: Instant | null;
}

export interface SlaReplay {
  readonly now: Instant;
  /** Null when the incident was created after `now`. */
  readonly createdAt: Instant | null;
  readonly priority: string | null;
  readonly status: string | null;
  readonly resolved: boolean;
  readonly firstResponse: readonly SlaCycle[];
  readonly resolution: readonly SlaCycle[];
}

export class SlaReplayError extends Error {
  override readonly name = 'SlaReplayError';
}

interface Segment {
  readonly s: Instant;
  readonly e: Instant;
  readonly cal: Calendar;
  readonly paused: boolean;
  readonly work: DurationMs;
}

interface OpenCycle {
  readonly metric: Metric;
  readonly index: number;
  readonly start: Instant;
  stop: Instant | null;
  stopReason: StopReason | null;
  priority: string;
  readonly segs: Segment[];
}

const normalise = (s: string): string => s.trim().toLowerCase();
const pauseSets = new WeakMap<readonly string[], ReadonlySet<string>>();
function pauseSet(statuses: readonly string[]): ReadonlySet<string> {
  let set = pauseSets.get(statuses);
  if (!set) { set = new Set(statuses.map(normalise)); pauseSets.set(statuses, set); }
  return set;
}

/** Replays the incident's events at `now` into first-response and resolution cycles. */
export function replayIncident(events: readonly SlaEvent[], policy: SlaPolicy, now: Instant): SlaReplay {
  const timeline = canonicalTimeline(events);
  let created: CreatedEvent | null = null;
  for (const e of timeline) if (e.type === 'created') { created = e; break; }
  if (!created) throw new SlaReplayError('The timeline has no "created" event');
  if (created.at > now) return { now, createdAt: null, priority: null, status: null, resolved: false, firstResponse: [], resolution: [] };

  const r = new Replayer(policy, created);
  for (const ev of timeline) {
    if (ev.type === 'created' || ev.at > now) continue; // the first "created" is the start; a second one is ignored
    r.apply(ev);
  }
  r.advance(now);
  if (r.frOpen) r.fr.priority = r.priority;
  if (r.curRes) r.curRes.priority = r.priority;
  const pausedNow = r.pauses.has(r.statusKey);
  const resolution: SlaCycle[] = [];
  for (const c of r.res) resolution.push(finalise(c, policy, now, pausedNow));
  return {
    now, createdAt: created.at, priority: r.priority, status: r.status, resolved: r.resolved,
    firstResponse: [finalise(r.fr, policy, now, pausedNow)], resolution,
  };
}

/** The replay's running state (a class rather than closures: this is the hot path of the five-minute scan). */
class Replayer {
  readonly pauses: ReadonlySet<string>;
  readonly t0: Instant;
  readonly initialStatus: string;
  status: string;
  statusKey: string;
  category: StatusCategory;
  priority: string;
  resolved = false;
  readonly fr: OpenCycle;
  readonly res: OpenCycle[];
  curRes: OpenCycle | null;
  frOpen = true;
  last: Instant;

  constructor(private readonly policy: SlaPolicy, created: CreatedEvent) {
    this.pauses = pauseSet(policy.pauseStatuses);
    this.t0 = created.at;
    this.last = created.at;
    this.status = created.status;
    this.statusKey = this.initialStatus = normalise(created.status);
    this.category = created.category;
    this.priority = created.priority;
    this.fr = { metric: 'firstResponse', index: 1, start: created.at, stop: null, stopReason: null, priority: created.priority, segs: [] };
    this.curRes = { metric: 'resolution', index: 1, start: created.at, stop: null, stopReason: null, priority: created.priority, segs: [] };
    this.res = [this.curRes];
  }

  /** Appends the stretch [last, to) to every open cycle, measured on the calendar of the priority in force (D9). */
  advance(to: Instant): void {
    if (to <= this.last) return;
    if (this.frOpen || this.curRes) {
      const cal = calendarFor(this.policy, priorityPolicy(this.policy, this.priority));
      const seg: Segment = { s: this.last, e: to, cal, paused: this.pauses.has(this.statusKey), work: businessTimeBetween(cal, this.last, to) };
      if (this.frOpen) this.fr.segs.push(seg);
      if (this.curRes) this.curRes.segs.push(seg);
    }
    this.last = to;
  }

  apply(ev: Exclude<SlaEvent, CreatedEvent>): void {
    const at = ev.at > this.t0 ? ev.at : this.t0; // events before creation count as at creation
    this.advance(at);
    switch (ev.type) {
      case 'priorityChanged':
        this.priority = ev.to;
        break;
      case 'statusChanged': {
        const fromKey = this.statusKey, fromCategory = this.category;
        this.status = ev.to; this.statusKey = normalise(ev.to); this.category = ev.category;
        // D11: a transition out of the initial status by an agent is a first response.
        if (ev.byAgent && fromKey === this.initialStatus && this.statusKey !== fromKey) this.stopFr(at, 'transition');
        if (ev.category === 'done' && fromCategory !== 'done') this.resolve(at);
        else if (ev.category !== 'done' && fromCategory === 'done') this.reopen(at);
        break;
      }
      case 'comment':
        if (ev.visibility === 'public' && ev.byAgent) this.stopFr(at, 'reply'); // D11: internal notes do not count
        break;
      case 'publicAgentReply':
        this.stopFr(at, 'reply');
        break;
      case 'resolved':
        this.resolve(at);
        break;
      case 'reopened':
        this.reopen(at);
        break;
    }
  }

  private stopFr(at: Instant, reason: StopReason): void {
    if (!this.frOpen) return;
    this.frOpen = false; this.fr.stop = at; this.fr.stopReason = reason; this.fr.priority = this.priority;
  }

  private resolve(at: Instant): void {
    if (this.resolved) return;
    this.resolved = true;
    const c = this.curRes;
    if (c) { c.stop = at; c.stopReason = 'resolved'; c.priority = this.priority; this.curRes = null; }
    this.stopFr(at, 'resolved'); // a resolution without a reply ends the wait for a first response too
  }

  /** D10: a reopen starts a new resolution cycle; the earlier ones are kept. */
  private reopen(at: Instant): void {
    if (!this.resolved) return;
    this.resolved = false;
    this.curRes = { metric: 'resolution', index: this.res.length + 1, start: at, stop: null, stopReason: null, priority: this.priority, segs: [] };
    this.res.push(this.curRes);
  }
}

/** inf{t : E(t) > x}: where the cycle's clock runs past x (a breach, a crossed threshold). */
function crossing(c: OpenCycle, x: DurationMs, running: boolean, cal: Calendar, now: Instant): Instant | null {
  let acc = 0;
  for (const s of c.segs) {
    if (s.paused || s.work === 0) continue;
    if (acc + s.work > x) return businessCrossingInstant(s.cal, s.s, x - acc);
    acc += s.work;
  }
  return running ? businessCrossingInstant(cal, now, x - acc) : null;
}

/** min{t : E(t) ≥ x}: where the cycle's clock reaches x (the due instant). */
function reach(c: OpenCycle, x: DurationMs, running: boolean, cal: Calendar, now: Instant): Instant | null {
  if (x === 0) return c.start;
  let acc = 0;
  for (const s of c.segs) {
    if (s.paused || s.work === 0) continue;
    if (acc + s.work >= x) return addBusinessTime(s.cal, s.s, x - acc);
    acc += s.work;
  }
  return running ? addBusinessTime(cal, now, x - acc) : null;
}

function finalise(c: OpenCycle, policy: SlaPolicy, now: Instant, pausedNowStatus: boolean): SlaCycle {
  const pp = priorityPolicy(policy, c.priority);
  const goal = c.metric === 'firstResponse' ? pp.firstResponse : pp.resolution;
  const cal = calendarFor(policy, pp);
  const open = c.stop === null;
  const pausedNow = open && pausedNowStatus;
  const running = open && !pausedNowStatus;
  let elapsed = 0, paused = 0;
  for (const s of c.segs) { if (s.paused) paused += s.work; else elapsed += s.work; }

  const target = goal.targetMs;
  const breached = elapsed > target; // D10: the goal in force at the end judges the whole cycle
  const breachAt = breached ? crossing(c, target, running, cal, now) : null;
  let next: Instant | null = running && !breached ? crossing(c, target, running, cal, now) : null;
  const thresholds: ThresholdState[] = [];
  for (const th of goal.thresholds) {
    const crossed = elapsed > th.afterMs; // D14
    const expectedAt = !crossed && running ? crossing(c, th.afterMs, running, cal, now) : null;
    if (expectedAt !== null && (next === null || expectedAt < next)) next = expectedAt;
    thresholds.push({ id: th.id, afterMs: th.afterMs, crossed, crossedAt: crossed ? crossing(c, th.afterMs, running, cal, now) : null, expectedAt });
  }
  return {
    metric: c.metric, index: c.index, start: c.start, stop: c.stop, stopReason: c.stopReason,
    priority: c.priority, clock: pp.clock, targetMs: target,
    elapsedMs: elapsed, pausedMs: paused, remainingMs: target - elapsed,
    dueAt: reach(c, target, running, cal, now), met: open ? (breached ? false : null) : !breached, breached, breachAt,
    running, pausedNow, thresholds, nextDeadlineAt: next,
  };
}

/**
 * The earliest pending instant over all open cycles (a breach or an escalation threshold still to come), for
 * the `dueAt` index in app storage the five-minute scan queries (ADR 010). It may equal `now` when a clock
 * sits exactly on its target. Null when nothing is pending (all stopped, paused or past every threshold).
 */
export function nextDeadline(replay: SlaReplay): Instant | null {
  let next: Instant | null = null;
  for (const c of [...replay.firstResponse, ...replay.resolution]) {
    if (c.nextDeadlineAt !== null && (next === null || c.nextDeadlineAt < next)) next = c.nextDeadlineAt;
  }
  return next;
}

/** "Threshold X crossed in cycle N" (D14). `key` is what the trigger records so it notifies once. */
export interface EscalationDecision {
  readonly key: string;
  readonly metric: Metric;
  readonly cycle: number;
  readonly thresholdId: string;
  readonly afterMs: DurationMs;
  readonly crossedAt: Instant;
  readonly priority: string;
}

/** D14: one decision per crossed threshold per cycle, keyed `metric#cycle:threshold`, ordered by crossing time. */
export function escalationDecisions(replay: SlaReplay): EscalationDecision[] {
  const out: EscalationDecision[] = [];
  for (const c of [...replay.firstResponse, ...replay.resolution]) {
    for (const th of c.thresholds) {
      if (!th.crossed || th.crossedAt === null) continue;
      out.push({ key: escalationKey(c.metric, c.index, th.id), metric: c.metric, cycle: c.index, thresholdId: th.id, afterMs: th.afterMs, crossedAt: th.crossedAt, priority: c.priority });
    }
  }
  return out.sort((a, b) => a.crossedAt - b.crossedAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function escalationKey(metric: Metric, cycle: number, thresholdId: string): string {
  return `${metric}#${cycle}:${thresholdId}`;
}
