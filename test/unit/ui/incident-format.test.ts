import { dueText, formatDuration, formatInstant, priorityStory, progressOf, remainingText, splitWhy, targetText, ticks } from '../../../static/src/incident/format';
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
    expect(targetText(c, 'Europe/Berlin')).toBe('Target 24 h of service hours (Europe/Berlin)');
    // The service-hours zone is named only where it changes the meaning: never for a 24×7 target.
    expect(targetText(clock({}), 'Europe/Berlin')).toBe('Target 4 h, around the clock');
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

describe('issue #12: words, not codes; one priority story; the viewer\'s time', () => {
  it('moves clause ids out of a refusal into the Why part', () => {
    expect(splitWhy('An Incident Manager (or the Service Manager) takes a major incident. (INC-24)')).toEqual({ text: 'An Incident Manager (or the Service Manager) takes a major incident.', why: 'INC-24' });
    expect(splitWhy('The incident is not resolved yet. (IN.2.4, IN.2.5)')).toEqual({ text: 'The incident is not resolved yet.', why: 'IN.2.4, IN.2.5' });
    expect(splitWhy('Only an affected party (the reporter or the customer contact) can confirm.')).toEqual({ text: 'Only an affected party (the reporter or the customer contact) can confirm.', why: null });
  });

  it('states the priority once with the impact and urgency values', () => {
    const p = { value: 'High', derived: true, impact: 'High', urgency: 'Medium', jiraPriority: 'High', jiraPriorityMeans: 'High', syncPending: false };
    expect(priorityStory(p)).toEqual({ derivation: 'Impact High × Urgency Medium → High', note: null });
  });

  it('SD-4: Jira says Low, the derived priority is Normal: one sentence says which applies and why', () => {
    const story = priorityStory({ value: 'Normal', derived: true, impact: 'Low', urgency: 'Low', jiraPriority: 'Low', jiraPriorityMeans: 'Low', syncPending: true });
    expect(story.derivation).toBe('Impact Low × Urgency Low → Normal');
    expect(story.note).toBe("Jira's priority field still says Low; Normal applies (it follows from impact and urgency), and the field is being updated.");
    // Closed, the field is no longer updated: still a different priority, never "this site calls Normal Low".
    const closed = priorityStory({ value: 'Normal', derived: true, impact: 'Low', urgency: 'Low', jiraPriority: 'Low', jiraPriorityMeans: 'Low', syncPending: false });
    expect(closed.note).toBe("Jira's priority field says Low; Normal applies (it follows from impact and urgency); the clocks and reports use it.");
  });

  it('a plain site that calls Critical "Highest" shows the mapping once, quietly', () => {
    const story = priorityStory({ value: 'Critical', derived: true, impact: 'High', urgency: 'High', jiraPriority: 'Highest', jiraPriorityMeans: 'Critical', syncPending: false });
    expect(story.note).toBe('This site calls Critical “Highest” in Jira\'s priority field.');
  });

  it('shows an instant in the viewer\'s zone and locale, without the service zone', () => {
    expect(formatInstant('2026-12-04T21:17:00.000Z', 'Europe/London', 'en-GB')).toBe('4 Dec 2026, 21:17');
    expect(formatInstant('2026-12-04T21:17:00.000Z', 'Europe/Berlin', 'de-DE')).toBe('4. Dez. 2026, 22:17');
    expect(formatInstant('2026-12-04T21:17:00.000Z', 'America/New_York', 'en-US')).toBe('Dec 4, 2026, 4:17 PM');
  });
});
