import { dueText, formatDuration, progressOf, remainingText, targetText, ticks } from '../../../static/src/incident/format';
import type { ClockView } from '../../../src/contract/incident';

/** What the incident panel says about a clock (static/src/incident/format.ts): the words an agent reads. */
const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = '2026-12-01T12:00:00.000Z';

function clock(over: Partial<ClockView>): ClockView {
  return {
    metric: 'resolution', cycle: 1, state: 'running', priority: 'Critical', clock: '24x7', targetMs: 4 * HOUR, elapsedMs: HOUR, remainingMs: 3 * HOUR,
    dueAt: '2026-12-01T15:00:00.000Z', breachAt: null, start: '2026-12-01T11:00:00.000Z', stop: null, stopReason: null, ...over,
  };
}

describe('incident panel clock texts', () => {
  it('counts a running 24×7 clock down from the server\'s figure by the time the view has been open', () => {
    const c = clock({});
    expect(ticks(c)).toBe(true);
    expect(remainingText(c, 0, NOW)).toBe('3 h 0 min 0 s left');
    expect(remainingText(c, 61_500, NOW)).toBe('2 h 58 min 59 s left');
    expect(remainingText(clock({ remainingMs: 2_000 }), 5_000, NOW)).toBe('Due time passed 3 s ago');
    expect(progressOf(c, HOUR)).toBe(0.5);
  });

  it('does not tick a service-hours clock, and says it is business time', () => {
    const c = clock({ clock: 'serviceHours', targetMs: 24 * HOUR, remainingMs: 20 * HOUR });
    expect(ticks(c)).toBe(false);
    expect(remainingText(c, 10 * MIN, NOW)).toBe('20 h of business time left');
    expect(targetText(c)).toBe('Target 24 h (service hours)');
  });

  it('a paused clock keeps its remaining time and has no due time', () => {
    const c = clock({ state: 'paused', dueAt: null, remainingMs: 3 * HOUR + 10 * MIN });
    expect(remainingText(c, HOUR, NOW)).toBe('Paused · 3 h 10 min left');
    expect(dueText(c, 'UTC')).toBe('No due time while paused');
  });

  it('says when a running clock breached and how a stopped one ended', () => {
    expect(remainingText(clock({ state: 'breached', breachAt: '2026-12-01T11:48:00.000Z', remainingMs: -12 * MIN }), 0, NOW)).toBe('Breached 12 min ago');
    expect(remainingText(clock({ metric: 'firstResponse', state: 'met', stop: '2026-12-01T11:09:00.000Z', stopReason: 'reply', elapsedMs: 9 * MIN, targetMs: 15 * MIN }), 0, NOW)).toBe('Met · answered after 9 min');
    expect(remainingText(clock({ state: 'breached', stop: '2026-12-01T16:00:00.000Z', stopReason: 'resolved', elapsedMs: 5 * HOUR }), 0, NOW)).toBe('Breached · resolved after 5 h');
    expect(formatDuration(90 * MIN)).toBe('1 h 30 min');
  });
});
