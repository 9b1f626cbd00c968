import fc from 'fast-check';
import {
  DEFAULT_PRIORITY_MATRIX, DEFAULT_PRIORITY_SCHEME, explainPriority, FOUR_LEVEL_PRIORITY_MATRIX, LEVELS, lookupPriority, presetMatrix, PRIORITY_DESCRIPTIONS,
  PRIORITY_SCHEMES, validatePriorityMatrix, type Level, type Priority, type PriorityMatrixInput,
} from '../../../src/domain/priority-matrix';

/** The documented default cells (D8; common ITIL impact × urgency practice folded into the D8 levels). */
const DEFAULT_3_LEVEL = {
  High: { High: 'Critical', Medium: 'High', Low: 'Normal' },
  Medium: { High: 'High', Medium: 'Normal', Low: 'Normal' },
  Low: { High: 'Normal', Medium: 'Normal', Low: 'Normal' },
};
const PRESET_4_LEVEL = {
  High: { High: 'Critical', Medium: 'High', Low: 'Normal' },
  Medium: { High: 'High', Medium: 'Normal', Low: 'Low' },
  Low: { High: 'Normal', Medium: 'Low', Low: 'Low' },
};

function withCell(m: PriorityMatrixInput, impact: string, urgency: string, value: string | undefined): PriorityMatrixInput {
  const cells: Record<string, Record<string, string | undefined>> = Object.fromEntries(Object.entries(m.cells).map(([i, row]) => [i, { ...row }]));
  (cells[impact] ??= {})[urgency] = value;
  if (value === undefined) delete cells[impact]![urgency];
  return { scheme: m.scheme, version: m.version, cells };
}

describe('D8 / INC-07 / INC-08 schemes and presets', () => {
  it('D8: the default scheme is 3-level Critical / High / Normal (INC-07)', () => {
    expect(DEFAULT_PRIORITY_SCHEME).toBe('3-level');
    expect(PRIORITY_SCHEMES['3-level']).toEqual(['Critical', 'High', 'Normal']);
    expect(DEFAULT_PRIORITY_MATRIX.scheme).toBe('3-level');
  });
  it('D8: the default 3-level cells are the documented ones', () => {
    expect(DEFAULT_PRIORITY_MATRIX.cells).toEqual(DEFAULT_3_LEVEL);
  });
  it('D8: 4-level preset maps Low impact × Low urgency to Low', () => {
    expect(lookupPriority(FOUR_LEVEL_PRIORITY_MATRIX, 'Low', 'Low')).toBe('Low');
    expect(FOUR_LEVEL_PRIORITY_MATRIX.cells).toEqual(PRESET_4_LEVEL);
    expect(PRIORITY_SCHEMES['4-level']).toEqual(['Critical', 'High', 'Normal', 'Low']);
  });
  it('D8: the 4-level preset is one call, with a version', () => {
    const m = presetMatrix('4-level', 7);
    expect(m).toEqual({ scheme: '4-level', version: 7, cells: PRESET_4_LEVEL });
    expect(validatePriorityMatrix(m).ok).toBe(true);
  });
  it('D8: presets are fresh copies; editing one leaves the defaults alone', () => {
    const m = presetMatrix('3-level');
    (m.cells.Low as Record<Level, Priority>).Low = 'High';
    expect(DEFAULT_PRIORITY_MATRIX.cells.Low.Low).toBe('Normal');
  });
  it('D8: only High impact × High urgency is Critical in both presets', () => {
    for (const m of [DEFAULT_PRIORITY_MATRIX, FOUR_LEVEL_PRIORITY_MATRIX]) {
      const critical = LEVELS.flatMap((i) => LEVELS.filter((u) => m.cells[i][u] === 'Critical').map((u) => `${i}/${u}`));
      expect(critical).toEqual(['High/High']);
    }
  });
  it('INC-11: each priority has its default description', () => {
    expect(PRIORITY_DESCRIPTIONS.Critical).toBe('System down, data loss.');
    expect(PRIORITY_DESCRIPTIONS.High).toBe('Feature impaired, performance degradation.');
    expect(PRIORITY_DESCRIPTIONS.Normal).toBe('Handled during business hours.');
  });
});

describe('D8 matrix completeness', () => {
  it('D8: both presets are complete and valid', () => {
    expect(validatePriorityMatrix(DEFAULT_PRIORITY_MATRIX)).toEqual({ ok: true, matrix: DEFAULT_PRIORITY_MATRIX, issues: [] });
    expect(validatePriorityMatrix(FOUR_LEVEL_PRIORITY_MATRIX).ok).toBe(true);
  });
  it('D8: a missing cell is refused with the cell named', () => {
    const r = validatePriorityMatrix(withCell(DEFAULT_PRIORITY_MATRIX, 'Medium', 'Low', undefined));
    expect(r).toEqual({ ok: false, issues: [{ rule: 'D8', cell: { impact: 'Medium', urgency: 'Low' }, message: 'Medium impact × Low urgency has no priority (D8).' }] });
  });
  it('D8: a priority outside the scheme is refused with the cell named (Low in a 3-level matrix)', () => {
    const r = validatePriorityMatrix(withCell(DEFAULT_PRIORITY_MATRIX, 'Low', 'Low', 'Low'));
    expect(r.ok).toBe(false);
    expect(r.issues).toEqual([expect.objectContaining({ rule: 'D8', cell: { impact: 'Low', urgency: 'Low' } })]);
    expect(r.issues[0]!.message).toBe('Low impact × Low urgency: "Low" is not a priority of the 3-level scheme (Critical, High, Normal) (D8).');
  });
  it('D8: unknown impact or urgency levels are refused with the cell named', () => {
    const r = validatePriorityMatrix(withCell(withCell(DEFAULT_PRIORITY_MATRIX, 'Severe', 'High', 'Critical'), 'High', 'Immediate', 'Critical'));
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.cell)).toEqual([{ impact: 'High', urgency: 'Immediate' }, { impact: 'Severe', urgency: 'High' }]);
    expect(r.issues[0]!.message).toContain('"Immediate" is not an urgency level');
    expect(r.issues[1]!.message).toContain('"Severe" is not an impact level');
  });
  it('INC-10: an unknown scheme is refused', () => {
    const r = validatePriorityMatrix({ ...DEFAULT_PRIORITY_MATRIX, scheme: '5-level' });
    expect(r.issues).toEqual([expect.objectContaining({ rule: 'INC-10', cell: null })]);
  });
  it('D8: every cell missing is listed, nine in all, for an empty matrix', () => {
    expect(validatePriorityMatrix({ scheme: '4-level', version: 1, cells: {} }).issues).toHaveLength(9);
  });
});

describe('D8 deriving and explaining a priority', () => {
  const policy = presetMatrix('3-level', 3);
  it('D8: explains a policy derivation, e.g. High impact × High urgency → Critical (policy matrix v3)', () => {
    expect(explainPriority({ impact: 'High', urgency: 'High', policy })).toEqual({
      ok: true, priority: 'Critical', source: 'policy', impact: 'High', urgency: 'High', scheme: '3-level', matrixVersion: 3,
      text: 'High impact × High urgency → Critical (policy matrix v3)', notices: [],
    });
  });
  it('D8: accepts level names case-insensitively', () => {
    const r = explainPriority({ impact: ' medium', urgency: 'HIGH', policy });
    expect(r.ok && r.text).toBe('Medium impact × High urgency → High (policy matrix v3)');
  });
  it('D8: a valid agreement matrix wins over the policy (IN.2.2 criteria agreed with customers)', () => {
    const agreed = withCell(presetMatrix('3-level', 2), 'Low', 'High', 'High');
    const r = explainPriority({ impact: 'Low', urgency: 'High', policy, agreement: { agreementId: 'AG-7', matrix: agreed } });
    expect(r).toEqual(expect.objectContaining({ ok: true, priority: 'High', source: 'agreement', agreementId: 'AG-7', text: 'Low impact × High urgency → High (agreement AG-7 matrix v2)' }));
  });
  it('D8: an invalid agreement matrix is ignored, the policy applies, and the notice says why', () => {
    const broken = withCell(presetMatrix('3-level', 2), 'Low', 'High', undefined);
    const r = explainPriority({ impact: 'Low', urgency: 'High', policy, agreement: { agreementId: 'AG-7', matrix: broken } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.source).toBe('policy');
    expect(r.agreementId).toBeUndefined();
    expect(r.notices[0]!.message).toContain('Low impact × High urgency has no priority');
  });
  it('INC-10: an agreement matrix of another scheme than the policy is ignored', () => {
    const r = explainPriority({ impact: 'Low', urgency: 'Low', policy, agreement: { agreementId: 'AG-9', matrix: presetMatrix('4-level') } });
    expect(r.ok && [r.priority, r.source, r.notices[0]!.rule]).toEqual(['Normal', 'policy', 'INC-10']);
  });
  it('D8: missing urgency → says which is missing, never guesses', () => {
    expect(explainPriority({ impact: 'High', urgency: null, policy })).toEqual({ ok: false, reason: 'missing-input', rule: 'D8', missing: ['urgency'], text: 'No priority yet: the urgency is missing (D8).' });
  });
  it('D8: missing impact and urgency → both named', () => {
    const r = explainPriority({ impact: '', urgency: undefined, policy });
    expect(r.ok === false && r.reason === 'missing-input' && r.missing).toEqual(['impact', 'urgency']);
    expect(r.ok === false && r.text).toBe('No priority yet: the impact and the urgency are missing (D8).');
  });
  it('D8: an unknown impact level is refused by name', () => {
    const r = explainPriority({ impact: 'Severe', urgency: 'High', policy });
    expect(r).toEqual(expect.objectContaining({ ok: false, reason: 'unknown-level', unknown: [{ field: 'impact', value: 'Severe' }] }));
  });
  it('D8: an invalid policy matrix gives no priority and lists the issues', () => {
    const r = explainPriority({ impact: 'High', urgency: 'High', policy: withCell(policy, 'High', 'High', 'Urgent') });
    expect(r.ok === false && r.reason).toBe('invalid-matrix');
    expect(r.ok === false && r.text).toContain('"Urgent" is not a priority of the 3-level scheme');
  });

  const schemeArb = fc.constantFrom('3-level' as const, '4-level' as const);
  const matrixArb = schemeArb.chain((scheme) => {
    const p = fc.constantFrom(...PRIORITY_SCHEMES[scheme]);
    const row = fc.record({ High: p, Medium: p, Low: p });
    return fc.record({ scheme: fc.constant(scheme), version: fc.integer({ min: 1, max: 99 }), cells: fc.record({ High: row, Medium: row, Low: row }) });
  });
  const levelArb = fc.constantFrom(...LEVELS);

  it('D8: the explanation always agrees with the lookup of the matrix that wins (property)', () => {
    fc.assert(fc.property(matrixArb, fc.option(matrixArb, { nil: undefined }), levelArb, levelArb, (pol, agr, impact, urgency) => {
      const r = explainPriority({ impact, urgency, policy: pol, ...(agr ? { agreement: { agreementId: 'AG-1', matrix: agr } } : {}) });
      if (!r.ok) throw new Error(r.text);
      const winner = agr && agr.scheme === pol.scheme ? agr : pol;
      expect(r.source).toBe(winner === pol ? 'policy' : 'agreement');
      expect(r.priority).toBe(lookupPriority(winner, impact, urgency));
      expect(r.text).toBe(`${impact} impact × ${urgency} urgency → ${r.priority} (${r.source === 'policy' ? 'policy' : 'agreement AG-1'} matrix v${winner.version})`);
    }));
  });
  it('D8: every generated complete matrix validates, and removing any cell names exactly that cell (property)', () => {
    fc.assert(fc.property(matrixArb, levelArb, levelArb, (m, impact, urgency) => {
      expect(validatePriorityMatrix(m).ok).toBe(true);
      const r = validatePriorityMatrix(withCell(m, impact, urgency, undefined));
      expect(r.issues.map((i) => i.cell)).toEqual([{ impact, urgency }]);
    }));
  });
});
