import { closureBlockers, describeBlockers, isClosingStatus } from '../../../src/domain/incident-closure';

describe('IN.2.5 / D12 closing an incident', () => {
  const confirmation = { confirmedBy: 'carla', confirmedAt: '2026-11-20T10:00:00Z' };
  it('D12: needs a recorded confirmation by an affected party', () => {
    expect(closureBlockers({ hasResolution: true, confirmation: null })).toEqual([{ rule: 'D12', what: expect.stringContaining('confirmation by an affected party') }]);
  });
  it('IN.2.5: needs a resolution', () => {
    expect(closureBlockers({ hasResolution: false, confirmation }).map((m) => m.rule)).toEqual(['IN.2.5']);
  });
  it('may close with both', () => {
    expect(closureBlockers({ hasResolution: true, confirmation })).toEqual([]);
  });
  it('names every missing item in the refusal message', () => {
    const msg = describeBlockers('Incident SD-3', closureBlockers({ hasResolution: false, confirmation: null }));
    expect(msg).toBe('Incident SD-3 cannot be closed yet. Missing: a resolution (IN.2.5); a recorded confirmation by an affected party (the reporter or the customer contact) (D12).');
  });
  it('treats only the WP.18 "Closed" status as closing, not "Resolved"', () => {
    expect(isClosingStatus('Closed')).toBe(true);
    expect(isClosingStatus('closed ')).toBe(true);
    expect(isClosingStatus('Resolved')).toBe(false);
    expect(isClosingStatus('Geschlossen', ['Geschlossen'])).toBe(true);
  });
});
