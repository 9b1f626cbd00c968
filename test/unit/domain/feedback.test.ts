import { approvalRefusal, neededInWords, starterApproach, targetsRefusal, type PartySignOff } from '../../../src/domain/feedback/approach';
import { feedbackDecision } from '../../../src/domain/feedback/access';
import { feedbackFigures } from '../../../src/domain/feedback/figures';
import { customerSide, deadlinesOf, statusOf, stepRefusal, type FeedbackEntry, type StepRecord } from '../../../src/domain/feedback/log';
import { ratingRefusal } from '../../../src/domain/feedback/satisfaction';

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-02T09:00:00Z');
const at = (ms: number) => new Date(ms).toISOString();

function entry(steps: Array<Partial<StepRecord> & Pick<StepRecord, 'step'>> = []): FeedbackEntry {
  return {
    id: 'FB-1', seq: 1, kind: 'complaint', from: 'customer', organization: { id: '1', name: 'Northwind' },
    contact: { name: 'Carla Jones', email: 'carla@northwind.example', phone: '', company: 'Northwind', specialNeeds: '' },
    description: 'No call back.', receivedAt: at(T0), channel: 'portal', issueKey: null, recordedBy: 'carla', recordedAt: at(T0), submittedBy: 'carla',
    steps: steps.map((s) => ({ by: 'rachel', at: at(T0 + DAY), text: '', ...s })),
  };
}

describe('feedback log rules (RE.2.3, GO-09)', () => {
  it('refuses every handling step before the approach is approved, naming GO-09', () => {
    expect(stepRefusal(entry(), 'acknowledged', false, '')).toContain('GO-09');
  });
  it('follows the approach’s order: acknowledge, then investigate/answer/escalate, close once answered, nothing after', () => {
    expect(stepRefusal(entry(), 'answered', true, 'Sorry')).toContain('Acknowledge receipt of FB-1 first');
    expect(stepRefusal(entry(), 'acknowledged', true, '')).toBeNull();
    const ack = entry([{ step: 'acknowledged' }]);
    expect(stepRefusal(ack, 'acknowledged', true, '')).toContain('already acknowledged');
    expect(stepRefusal(ack, 'investigated', true, ' ')).toBe('Investigation outcome is required.');
    expect(stepRefusal(ack, 'closed', true, '')).toContain('Answer FB-1 before closing');
    expect(stepRefusal(ack, 'escalated', true, 'To the SM: repeated')).toBeNull();
    const answered = entry([{ step: 'acknowledged' }, { step: 'answered', text: 'Fixed.' }]);
    expect(stepRefusal(answered, 'answered', true, 'Again')).toContain('already answered');
    expect(stepRefusal(answered, 'closed', true, '')).toBeNull();
    expect(stepRefusal(entry([{ step: 'acknowledged' }, { step: 'answered' }, { step: 'closed' }]), 'investigated', true, 'x')).toContain('is closed');
  });
  it('states where an entry stands by its furthest step', () => {
    expect(statusOf(entry())).toBe('received');
    expect(statusOf(entry([{ step: 'acknowledged' }, { step: 'investigated' }]))).toBe('acknowledged');
    expect(statusOf(entry([{ step: 'acknowledged' }, { step: 'answered' }]))).toBe('answered');
    expect(statusOf(entry([{ step: 'acknowledged' }, { step: 'answered' }, { step: 'closed' }]))).toBe('closed');
  });
});

describe('overdue against the approach’s targets', () => {
  const targets = { acknowledgeDays: 2, answerDays: 5 };
  it('shows nothing without an approved approach', () => {
    expect(deadlinesOf(entry(), null, T0)).toBeNull();
  });
  it('is overdue when not done by the due instant, and when done after it; on time otherwise', () => {
    const open = deadlinesOf(entry(), targets, T0 + 3 * DAY)!;
    expect(open.acknowledge).toEqual({ dueAt: at(T0 + 2 * DAY), doneAt: null, overdue: true });
    expect(open.answer.overdue).toBe(false);
    const late = deadlinesOf(entry([{ step: 'acknowledged', at: at(T0 + 3 * DAY) }, { step: 'answered', at: at(T0 + 4 * DAY) }]), targets, T0 + 10 * DAY)!;
    expect(late.acknowledge.overdue).toBe(true);
    expect(late.answer).toEqual({ dueAt: at(T0 + 5 * DAY), doneAt: at(T0 + 4 * DAY), overdue: false });
    expect(deadlinesOf(entry(), targets, T0 + 2 * DAY)!.acknowledge.overdue).toBe(false);
  });
});

describe('what the customer sees (D26)', () => {
  it('shows the status and the answer, never the investigation or escalation notes', () => {
    const e = entry([{ step: 'acknowledged' }, { step: 'investigated', text: 'Internal: rota gap' }, { step: 'escalated', text: 'To SM' }, { step: 'answered', text: 'We fixed the rota.' }]);
    const seen = customerSide(e);
    expect(seen).toMatchObject({ status: 'answered', answer: { text: 'We fixed the rota.' } });
    expect(JSON.stringify(seen)).not.toMatch(/rota gap|To SM|rachel/);
  });
});

describe('the customer experience approach (GO.2.3)', () => {
  const signOff = (party: 'CUS' | 'SUP'): PartySignOff => ({ party, name: party, how: 'e-mail', recordedBy: 'rachel', at: at(T0) });
  it('is approved by Management only with the customer’s and the supplier’s agreement recorded', () => {
    expect(approvalRefusal([])).toContain('the customer and the supplier');
    expect(approvalRefusal([signOff('CUS')])).toContain('the supplier');
    expect(approvalRefusal([signOff('CUS'), signOff('SUP')])).toBeNull();
    expect(neededInWords({ signOffs: [signOff('SUP')] })).toBe('Needs the agreement of the customer, then Management’s approval.');
  });
  it('refuses an answer target shorter than the acknowledgement target; ships a complete starter text', () => {
    expect(targetsRefusal({ acknowledgeDays: 5, answerDays: 2 })).toContain('cannot be shorter');
    expect(Object.values(starterApproach().sections).every((t) => t.length > 20)).toBe(true);
  });
  it('lets the RM or SM draft and handle, Management approve, and any team member record (ROL-11/12)', () => {
    const c = (roles: Array<'RM' | 'SM' | 'MGT' | 'PT' | 'CUS'>) => ({ roles, rolesConfigured: true, accountType: roles.includes('CUS') ? 'customer' : 'atlassian' });
    expect(feedbackDecision('approach.edit', c(['RM'])).allowed).toBe(true);
    expect(feedbackDecision('approach.edit', c(['MGT'])).allowed).toBe(false);
    expect(feedbackDecision('approach.approve', c(['MGT'])).allowed).toBe(true);
    expect(feedbackDecision('approach.approve', c(['SM'])).allowed).toBe(false);
    expect(feedbackDecision('feedback.record', c(['PT'])).allowed).toBe(true);
    expect(feedbackDecision('feedback.record', c(['CUS'])).allowed).toBe(false);
    expect(feedbackDecision('feedback.handle', c(['PT']))).toMatchObject({ allowed: false, rule: 'RE.2.3' });
    expect(feedbackDecision('feedback.handle', c(['SM'])).allowed).toBe(true);
  });
});

describe('satisfaction at closure', () => {
  it('is given by the reporter (or a named contact) once the incident is resolved', () => {
    expect(ratingRefusal('carla', { reporterId: 'carla', contactIds: [], resolved: false })).toContain('once the incident is resolved');
    expect(ratingRefusal('carla', { reporterId: 'carla', contactIds: [], resolved: true })).toBeNull();
    expect(ratingRefusal('chen', { reporterId: 'carla', contactIds: [], resolved: true })).toContain('Only the customer who reported');
    expect(ratingRefusal('dana', { reporterId: 'carla', contactIds: ['dana'], resolved: true })).toBeNull();
  });
  it('sums ratings and entries into the reports’ figures', () => {
    const f = feedbackFigures([{ score: 5 }, { score: 4 }, { score: 4 }], [{ kind: 'complaint', closed: false }, { kind: 'complaint', closed: true }, { kind: 'compliment', closed: false }]);
    expect(f).toEqual({ ratings: { count: 3, average: 4.33, byScore: { 1: 0, 2: 0, 3: 0, 4: 2, 5: 1 } }, complaints: { received: 2, open: 1 }, compliments: 1, comments: 0 });
    expect(feedbackFigures([], []).ratings.average).toBeNull();
  });
});
