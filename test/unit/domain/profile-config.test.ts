import {
  configNotices, DEFAULT_PROFILE_CONFIG, OPTIONAL_MODULES, presetOf, PRESETS, type OptionalModule, type ProfileConfig,
} from '../../../src/domain/profile-config';
import { PROCESS_CODES, type ProcessCode } from '../../../src/domain/profile/processes';

function cfg(processes: readonly ProcessCode[], modules: readonly OptionalModule[]): ProfileConfig {
  return {
    processes: Object.fromEntries(PROCESS_CODES.map((c) => [c, processes.includes(c)])) as Record<ProcessCode, boolean>,
    modules: Object.fromEntries(OPTIONAL_MODULES.map((m) => [m, modules.includes(m)])) as Record<OptionalModule, boolean>,
  };
}
const rules = (c: ProfileConfig): string[] => configNotices(c).map((n) => n.rule);

describe('D2 presets', () => {
  it('Entry = GO, RE, IN plus Service requests', () => {
    expect(PRESETS.entry).toEqual(cfg(['GO', 'RE', 'IN'], ['service-request']));
  });
  it('Basic = all four processes plus every optional module', () => {
    expect(PRESETS.basic).toEqual(cfg(PROCESS_CODES, OPTIONAL_MODULES));
  });
  it('the default is Basic, as its own copy', () => {
    expect(DEFAULT_PROFILE_CONFIG).toEqual(PRESETS.basic);
    expect(DEFAULT_PROFILE_CONFIG).not.toBe(PRESETS.basic);
    expect(presetOf(DEFAULT_PROFILE_CONFIG)).toBe('basic');
  });
  it('presetOf names the preset a configuration equals, else custom (any mix is allowed)', () => {
    expect(presetOf(cfg(['GO', 'RE', 'IN'], ['service-request']))).toBe('entry');
    expect(presetOf(cfg(['GO', 'RE', 'IN'], []))).toBe('custom');
    expect(presetOf(cfg(['GO', 'CO', 'RE', 'IN'], ['problem']))).toBe('custom');
    expect(presetOf(cfg([], []))).toBe('custom');
  });
});

describe('D2 consequences (configNotices)', () => {
  it('Basic has nothing to warn about', () => {
    expect(configNotices(PRESETS.basic)).toEqual([]);
  });

  it('Entry says honestly that change requests are not gated, and what that means for incidents and requests', () => {
    const n = configNotices(PRESETS.entry);
    expect(n.map((x) => x.rule)).toEqual(['D16', 'D13', 'SRQ-03']);
    expect(n[0]!.message).toMatch(/change requests are not gated/);
  });

  it('IN off: no incident SLA clocks or escalations', () => {
    const n = configNotices(cfg(['GO', 'CO', 'RE'], []));
    expect(n).toEqual([{ rule: 'D9', message: expect.stringContaining('SLA clocks and escalations to management do not run') }]);
  });

  it('GO off: the policy (WP.14) and the role list (WP.08) are still needed by the other processes', () => {
    expect(rules(cfg(['CO', 'RE', 'IN'], []))).toEqual(['WP.14', 'WP.08']);
  });

  it('RE off: no agreements, the policy targets apply to every customer', () => {
    const n = configNotices(cfg(['GO', 'CO', 'IN'], []));
    expect(n).toEqual([{ rule: 'D18', message: expect.stringContaining('every customer gets the policy’s targets') }]);
  });

  it('modules that build on a process that is off say so', () => {
    expect(rules(cfg(['GO', 'RE'], ['problem', 'on-call']))).toEqual(['D16', 'D9', 'PRB-12', 'ONC-01']);
    expect(rules(cfg(['RE', 'IN', 'CO'], ['configuration', 'improvement-register']))).toEqual(['WP.14', 'WP.08', 'GO-11']);
    expect(rules(cfg(['GO', 'RE', 'IN'], ['configuration']))).toEqual(['D16', 'D13', 'CO-11']);
  });

  it('nothing on: one notice that nothing is checked', () => {
    expect(rules(cfg([], []))).toEqual(['GEN-03', 'D16', 'D18', 'D9']);
  });

  it('every notice cites a rule and ends with a full stop', () => {
    for (let mask = 0; mask < 16; mask++) {
      const on = PROCESS_CODES.filter((_, i) => (mask & (1 << i)) !== 0);
      for (const n of configNotices(cfg(on, OPTIONAL_MODULES))) {
        expect(n.rule).not.toBe('');
        expect(n.message).toMatch(/\.$/);
      }
    }
  });
});
