import fc from 'fast-check';
import { isoInstant } from '../../../src/domain/sla/iso';

describe('isoInstant writes instants as Date#toISOString does', () => {
  it('for every instant of the years 0000–9999 (property test), and around the edges', () => {
    fc.assert(fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), (t) => isoInstant(t) === new Date(t).toISOString()), { numRuns: 20_000 });
    for (const t of [0, -1, 951_782_400_000 /* 2000-02-29 */, 1_709_164_800_000 /* 2024-02-29 */, -62_167_219_200_000, 253_402_300_799_999, Date.parse('2026-12-31T23:59:59.999Z')]) {
      expect(isoInstant(t)).toBe(new Date(t).toISOString());
    }
  });

  it('defers to Date outside that range and for fractional milliseconds', () => {
    expect(isoInstant(253_402_300_800_000)).toBe(new Date(253_402_300_800_000).toISOString());
    expect(isoInstant(1.5)).toBe(new Date(1.5).toISOString());
  });
});
