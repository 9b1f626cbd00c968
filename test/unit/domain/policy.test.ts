import fc from 'fast-check';
import { CHANGE_TYPE_DEFINITIONS, CHANGE_TYPES } from '../../../src/domain/change-rules';
import {
  policyFieldLabel,
  annualReviewDate, checkPolicy, classifyIncident, COMMUNICATION_EVENTS, defaultPolicy, isReviewOverdue, policyMatrix, policySchema,
  renderCommunication, slaPolicyFrom, switchPriorityScheme, TEMPLATE_PLACEHOLDERS,
  type PolicyIssue, type PreApprovedTemplate, type ServiceDeliveryPolicy,
} from '../../../src/domain/policy';
import { LEVELS, PRIORITIES, presetMatrix, type Level, type Priority } from '../../../src/domain/priority-matrix';
import { businessTimeBetween, CalendarError, HOUR_MS } from '../../../src/domain/sla/calendar';
import { D9_PRIORITY_TARGETS, DEFAULT_PAUSE_STATUSES, MANAGEMENT_ESCALATION } from '../../../src/domain/sla/policy';

const TODAY = '2025-03-10';
const draft = (p: ServiceDeliveryPolicy, extra: Partial<Parameters<typeof checkPolicy>[1]> = {}): PolicyIssue[] => checkPolicy(p, { today: TODAY, forApproval: false, ...extra });
const forApproval = (p: ServiceDeliveryPolicy): PolicyIssue[] => checkPolicy(p, { today: TODAY, forApproval: true });
const paths = (issues: readonly PolicyIssue[]): string[] => issues.map((i) => i.path);
/** A deep copy to edit freely. */
const base = (): ServiceDeliveryPolicy => structuredClone(defaultPolicy(TODAY));

function approvable(): ServiceDeliveryPolicy {
  const p = base();
  p.objectives = 'Restore customer services within the agreed targets; review satisfaction quarterly.';
  p.informationSecurity = { confidentiality: 'Access by named accounts with MFA.', integrity: 'Changes only through approved change requests.', availability: 'Nightly backups tested monthly.' };
  return p;
}

const template = (over: Partial<PreApprovedTemplate> = {}): PreApprovedTemplate => ({
  id: 'tpl-disk', name: 'Add disk space', kind: 'Add disk space to a database server', description: 'Grow a volume by up to 50%.',
  qualifyingChangeKey: 'OPS-42', controlManager: 'carla', businessApprover: 'bruno', agreedOn: '2025-01-15', ...over,
});

describe('WP.14 defaults', () => {
  it('the default policy passes the draft rules and the schema', () => {
    const p = defaultPolicy(TODAY);
    expect(draft(p)).toEqual([]);
    expect(policySchema.safeParse(p).success).toBe(true);
  });

  it('GO.2.1, GO-08: the default policy cannot be approved until the objectives and the three security texts are written', () => {
    const issues = forApproval(defaultPolicy(TODAY));
    expect(issues.map((i) => [i.path, i.rule])).toEqual([
      ['objectives', 'GO.2.1'],
      ['informationSecurity.confidentiality', 'GO-08'],
      ['informationSecurity.integrity', 'GO-08'],
      ['informationSecurity.availability', 'GO-08'],
    ]);
    expect(issues[1]!.message).toMatch(/confidentiality measures/);
  });

  it('GO.2.2: once written, the policy is approvable; blank-only text still counts as empty', () => {
    expect(forApproval(approvable())).toEqual([]);
    const p = approvable();
    p.objectives = '   \n ';
    expect(paths(forApproval(p))).toEqual(['objectives']);
  });

  it('D8, D9: 3-level matrix preset with the D9 targets in minutes (1 business day = 8 business hours)', () => {
    const p = defaultPolicy(TODAY);
    expect(p.priorityMatrix).toEqual({ scheme: '3-level', cells: presetMatrix('3-level').cells });
    expect(p.targets).toEqual({
      Critical: { firstResponseMinutes: 15, resolutionMinutes: 240, escalateAfterMinutes: 240, clock: '24x7' },
      High: { firstResponseMinutes: 30, resolutionMinutes: 480, escalateAfterMinutes: 480, clock: '24x7' },
      Normal: { firstResponseMinutes: 240, resolutionMinutes: 1440, escalateAfterMinutes: 1440, clock: 'serviceHours' },
    });
  });

  it('D10, D13, CHG-05, IN-10: service hours, pauses, significance, change types and messages', () => {
    const p = defaultPolicy(TODAY);
    expect(p.serviceHours.timeZone).toBe('UTC');
    expect(p.serviceHours.week.mon).toEqual([{ from: '09:00', to: '17:00' }]);
    expect(p.serviceHours.week.fri).toEqual([{ from: '09:00', to: '17:00' }]);
    expect(p.serviceHours.week.sat).toEqual([]);
    expect(p.serviceHours.week.sun).toEqual([]);
    expect(p.pauseStatuses).toEqual([...DEFAULT_PAUSE_STATUSES]);
    expect(p.significantImpact).toEqual({ priorities: ['Critical'], majorIncidentFlag: true, vitalServices: [] });
    for (const t of CHANGE_TYPES) {
      expect(p.changeTypes[t].definition).toBe(CHANGE_TYPE_DEFINITIONS[t].text);
      expect(p.changeTypes[t].criteria.length).toBeGreaterThan(50);
    }
    expect(p.preApprovedTemplates).toEqual([]);
    for (const e of COMMUNICATION_EVENTS) {
      expect(p.communication[e].subject).not.toBe('');
      expect(p.communication[e].body).not.toBe('');
    }
    expect(p.reviewDueOn).toBe('2026-03-10');
  });

  it('returns a fresh object each time; editing one draft leaves the next default alone', () => {
    const a = defaultPolicy(TODAY);
    a.serviceHours.week.mon.push({ from: '18:00', to: '19:00' });
    a.pauseStatuses.push('On hold');
    expect(defaultPolicy(TODAY).serviceHours.week.mon).toHaveLength(1);
    expect(defaultPolicy(TODAY).pauseStatuses).toEqual([...DEFAULT_PAUSE_STATUSES]);
  });
});

describe('policySchema (shapes, messages an admin can read)', () => {
  function errors(value: unknown): Array<{ path: string; message: string }> {
    const r = policySchema.safeParse(value);
    return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  }

  it('refuses a time that is not HH:MM, naming the interval', () => {
    const p = base();
    p.serviceHours.week.mon = [{ from: '9:00', to: '17:00' }];
    expect(errors(p)).toEqual([{ path: 'serviceHours.week.mon.0.from', message: 'must be a time HH:MM between 00:00 and 24:00' }]);
  });

  it('accepts 24:00 as the end of a day', () => {
    const p = base();
    p.serviceHours.week.sat = [{ from: '00:00', to: '24:00' }];
    expect(errors(p)).toEqual([]);
  });

  it('refuses unknown fields (strict) and a date that is not YYYY-MM-DD', () => {
    const p = { ...base(), extra: 1, reviewDueOn: '10/03/2026' };
    const e = errors(p);
    expect(e).toContainEqual({ path: 'reviewDueOn', message: 'must be a date YYYY-MM-DD' });
    expect(e.some((i) => i.message.includes('extra'))).toBe(true);
  });

  it('refuses over-long texts; a fractional, negative or zero target parses (a draft may have issues) and checkPolicy names it', () => {
    const p = base();
    p.objectives = 'x'.repeat(4001);
    p.targets.High!.resolutionMinutes = 1.5;
    p.targets.High!.firstResponseMinutes = -5;
    expect(errors(p)).toEqual([{ path: 'objectives', message: 'must be at most 4000 characters' }]);
    p.objectives = '';
    expect(errors(p)).toEqual([]);
    const issues = draft(p);
    expect(issues.map((i) => i.message)).toEqual(expect.arrayContaining([
      'First response target for High priority must not be negative (it is -5).',
      expect.stringMatching(/^Resolution target for High priority must be a whole number of (business )?minutes, not 1\.5\.$/),
    ]));
  });

  it('names a field by the label the editor shows (issue #12 §2)', () => {
    expect(policyFieldLabel('targets.High.firstResponseMinutes')).toBe('First response target for High priority');
    expect(policyFieldLabel(['serviceHours', 'week', 'mon', 0, 'from'])).toBe('Service hours on Monday, interval 1, from');
    expect(policyFieldLabel('pauseStatuses.2')).toBe('Pause status 3');
    expect(policyFieldLabel('communication.incident-restored.body')).toMatch(/^Text of the ".+" message$/);
  });

  it('needs every weekday, change type and message', () => {
    const p = base() as unknown as { serviceHours: { week: Record<string, unknown> }; communication: Record<string, unknown> };
    delete p.serviceHours.week.sun;
    delete p.communication['change-status'];
    expect(errors(p).map((e) => e.path).sort()).toEqual(['communication.change-status', 'serviceHours.week.sun']);
  });

  it('leaves the rules to checkPolicy: a Low target in a 3-level policy parses, and checkPolicy refuses it', () => {
    const p = base();
    p.targets.Low = { firstResponseMinutes: 480, resolutionMinutes: 4800, escalateAfterMinutes: null, clock: 'serviceHours' };
    expect(errors(p)).toEqual([]);
    expect(paths(draft(p))).toEqual(['targets.Low']);
  });
});

describe('checkPolicy: priority matrix and targets (D8, D9, INC-10)', () => {
  it('D8: a 3-level policy with a Low target is refused, naming the path and the fix', () => {
    const p = base();
    p.targets.Low = { firstResponseMinutes: 480, resolutionMinutes: 4800, escalateAfterMinutes: null, clock: 'serviceHours' };
    const [issue] = draft(p);
    expect(issue).toEqual({ path: 'targets.Low', rule: 'D8', message: expect.stringContaining('the 3-level scheme has no Low priority') });
    expect(issue!.message).toMatch(/switch to the 4-level scheme/);
  });

  it('D8: a matrix cell holding a priority outside the scheme names the cell', () => {
    const p = base();
    (p.priorityMatrix.cells.Medium as Record<Level, Priority>).Low = 'Low';
    expect(draft(p)).toEqual([{ path: 'priorityMatrix.cells.Medium.Low', rule: 'D8', message: expect.stringContaining('Medium impact × Low urgency') }]);
  });

  it('D8 property: in 3-level, exactly the cells holding Low are reported', () => {
    const cell = fc.constantFrom<Priority>(...PRIORITIES);
    fc.assert(fc.property(fc.array(cell, { minLength: 9, maxLength: 9 }), (values) => {
      const p = base();
      const cells = {} as Record<Level, Record<Level, Priority>>;
      LEVELS.forEach((i, a) => { cells[i] = {} as Record<Level, Priority>; LEVELS.forEach((u, b) => { cells[i][u] = values[a * 3 + b]!; }); });
      p.priorityMatrix.cells = cells;
      const expected = LEVELS.flatMap((i) => LEVELS.filter((u) => cells[i][u] === 'Low').map((u) => `priorityMatrix.cells.${i}.${u}`));
      expect(paths(draft(p)).sort()).toEqual(expected.sort());
    }));
  });

  it('D9: every priority of the scheme needs targets', () => {
    const p = base();
    delete p.targets.Normal;
    expect(draft(p)).toEqual([{ path: 'targets.Normal', rule: 'D9', message: expect.stringContaining('Targets for Normal: none are set') }]);
  });

  it('D9: minutes are whole numbers above zero; the message gives the unit of the clock', () => {
    const p = base();
    p.targets.Critical!.firstResponseMinutes = 0;
    p.targets.Normal!.resolutionMinutes = 2.5;
    const issues = draft(p);
    expect(paths(issues)).toEqual(['targets.Critical.firstResponseMinutes', 'targets.Normal.resolutionMinutes']);
    expect(issues[0]!.message).toBe('First response target for Critical priority must be greater than 0.');
    expect(issues[1]!.message).toMatch(/whole number of business minutes, not 2\.5/);
  });

  it('D9: the first response may not come after the resolution', () => {
    const p = base();
    p.targets.High = { ...p.targets.High!, firstResponseMinutes: 600, resolutionMinutes: 480 };
    expect(draft(p)).toEqual([{ path: 'targets.High.firstResponseMinutes', rule: 'D9', message: expect.stringContaining('(600 minutes) is longer than the resolution target (480 minutes)') }]);
    p.targets.High.firstResponseMinutes = 480;
    expect(draft(p)).toEqual([]);
  });

  it('D9, D14: escalation is a positive time or none', () => {
    const p = base();
    p.targets.High!.escalateAfterMinutes = null;
    expect(draft(p)).toEqual([]);
    p.targets.High!.escalateAfterMinutes = 0;
    expect(paths(draft(p))).toEqual(['targets.High.escalateAfterMinutes']);
  });
});

describe('checkPolicy: service hours, holidays, pauses (D10)', () => {
  it('an unknown time zone is named', () => {
    const p = base();
    p.serviceHours.timeZone = 'Europe/Atlantis';
    expect(draft(p)).toEqual([{ path: 'serviceHours.timeZone', rule: 'D10', message: expect.stringContaining('"Europe/Atlantis" is not an IANA time zone') }]);
  });

  it('an interval must start before it ends', () => {
    const p = base();
    p.serviceHours.week.mon = [{ from: '17:00', to: '09:00' }];
    expect(draft(p)).toEqual([{ path: 'serviceHours.week.mon.0', rule: 'D10', message: expect.stringContaining('Monday, interval 1 (17:00–09:00) ends at or before its start') }]);
  });

  it('intervals of a day may follow each other but not overlap', () => {
    const p = base();
    p.serviceHours.week.tue = [{ from: '09:00', to: '12:00' }, { from: '12:00', to: '17:00' }];
    expect(draft(p)).toEqual([]);
    p.serviceHours.week.tue = [{ from: '13:00', to: '17:00' }, { from: '09:00', to: '13:30' }];
    expect(draft(p)).toEqual([{ path: 'serviceHours.week.tue.0', rule: 'D10', message: expect.stringContaining('Tuesday, interval 1 (13:00–17:00) overlaps interval 2 (09:00–13:30)') }]);
  });

  it('a bad time in an unparsed policy is reported, not thrown', () => {
    const p = base();
    p.serviceHours.week.wed = [{ from: '25:00', to: '26:00' }];
    expect(paths(draft(p))).toEqual(['serviceHours.week.wed.0']);
  });

  it('priorities on service hours need at least one working interval; all-24x7 policies do not', () => {
    const p = base();
    for (const d of ['mon', 'tue', 'wed', 'thu', 'fri'] as const) p.serviceHours.week[d] = [];
    expect(draft(p)).toEqual([{ path: 'serviceHours.week', rule: 'D10', message: expect.stringContaining('Normal runs on service hours') }]);
    p.targets.Normal!.clock = '24x7';
    expect(draft(p)).toEqual([]);
  });

  it('holidays are calendar dates, each listed once', () => {
    const p = base();
    p.serviceHours.holidays = [
      { date: '2025-12-25', name: 'Christmas Day' },
      { date: '2025-02-30', name: 'Nonsense' },
      { date: '2025-12-25', name: 'Christmas again' },
    ];
    const issues = draft(p);
    expect(paths(issues)).toEqual(['serviceHours.holidays.1.date', 'serviceHours.holidays.2.date']);
    expect(issues[0]!.message).toMatch(/"2025-02-30" is not a calendar date/);
    expect(issues[1]!.message).toMatch(/already holiday 1 \("Christmas Day"\)/);
  });

  it('pause statuses are named and unique without case', () => {
    const p = base();
    p.pauseStatuses = ['Pending', ' ', 'pending '];
    const issues = draft(p);
    expect(issues.map((i) => [i.path, i.rule])).toEqual([['pauseStatuses.1', 'D10'], ['pauseStatuses.2', 'D10']]);
    expect(issues[1]!.message).toMatch(/repeats pause status 1/);
  });

  it('an empty list of pause statuses is allowed (clocks never pause)', () => {
    const p = base();
    p.pauseStatuses = [];
    expect(draft(p)).toEqual([]);
  });
});

describe('checkPolicy: significant impact, change definitions, templates (D13, CHG-05, D15)', () => {
  it('D13: some rule must make an incident significant', () => {
    const p = base();
    p.significantImpact = { priorities: [], majorIncidentFlag: false, vitalServices: [] };
    expect(draft(p)).toEqual([{ path: 'significantImpact', rule: 'D13', message: expect.stringContaining('choose at least one priority, the Major incident flag or a vital service') }]);
    p.significantImpact.vitalServices = ['Payroll'];
    expect(draft(p)).toEqual([]);
  });

  it('D13: the priorities come from the scheme', () => {
    const p = base();
    p.significantImpact.priorities = ['Critical', 'Low'];
    expect(draft(p)).toEqual([{ path: 'significantImpact.priorities.1', rule: 'D13', message: expect.stringContaining('Low is not a priority of the 3-level scheme') }]);
  });

  it('CHG-05: every change type has a definition', () => {
    const p = base();
    p.changeTypes.Emergency.definition = '';
    expect(draft(p)).toEqual([{ path: 'changeTypes.Emergency.definition', rule: 'CHG-05', message: expect.stringContaining('Control Manager with Management (MGT)') }]);
  });

  it('D15: a complete template passes; with the role list, its CM must hold CM (ROL-11)', () => {
    const p = base();
    p.preApprovedTemplates = [template()];
    expect(draft(p)).toEqual([]);
    expect(draft(p, { roleHolders: [{ accountId: 'carla', roles: ['CM'] }] })).toEqual([]);
    expect(draft(p, { roleHolders: [{ accountId: 'carla', roles: ['IM'] }] })).toEqual([
      { path: 'preApprovedTemplates.0.controlManager', rule: 'ROL-11', message: expect.stringContaining('carla does not hold the Control Manager (CM) role') },
    ]);
  });

  it('CHG-02: the business approver is not the Control Manager', () => {
    const p = base();
    p.preApprovedTemplates = [template({ businessApprover: 'carla' })];
    expect(draft(p).map((i) => [i.path, i.rule])).toEqual([['preApprovedTemplates.0.businessApprover', 'CHG-02']]);
  });

  it('D15: ids and names are unique, fields are filled, the key is an issue key and the date is not in the future', () => {
    const p = base();
    p.preApprovedTemplates = [
      template(),
      template({ name: 'ADD DISK SPACE', qualifyingChangeKey: 'ops 42', agreedOn: '2025-03-11' }),
      template({ id: 'tpl-2', name: 'Restart', kind: ' ', controlManager: '' }),
    ];
    expect(draft(p).map((i) => [i.path, i.rule])).toEqual([
      ['preApprovedTemplates.1.id', 'D15'],
      ['preApprovedTemplates.1.name', 'D15'],
      ['preApprovedTemplates.1.qualifyingChangeKey', 'D15'],
      ['preApprovedTemplates.1.agreedOn', 'D15'],
      ['preApprovedTemplates.2.kind', 'D15'],
      ['preApprovedTemplates.2.controlManager', 'D15'],
    ]);
  });
});

describe('checkPolicy: standard communications (IN-10) and the annual review (WP.14)', () => {
  it('IN-10: subject and body are required', () => {
    const p = base();
    p.communication['incident-restored'].body = '';
    expect(draft(p)).toEqual([{ path: 'communication.incident-restored.body', rule: 'IN-10', message: expect.stringContaining('"Service restored (IN.2.4)" message is empty') }]);
  });

  it('IN-10: only the placeholders of that message; spaces inside braces are fine', () => {
    const p = base();
    p.communication['incident-restored'].subject = '{{ issueKey }} restored';
    p.communication['incident-restored'].body = 'Hello {{customer}}, {{resolution}} {{ customer }} {{planned start}}';
    p.communication['change-status'].subject = '{{issueKey}}';
    const issues = draft(p);
    expect(paths(issues)).toEqual(['communication.incident-restored.body', 'communication.change-status.subject']);
    expect(issues[0]!.message).toMatch(/uses \{\{customer\}\}, \{\{planned start\}\}, which are not placeholders of this message; use only \{\{issueKey\}\}/);
  });

  it('WP.14: the next review is after today and at most a year (and a day) away', () => {
    const p = base();
    for (const [due, ok] of [['2026-03-10', true], ['2026-03-11', true], ['2026-03-12', false], ['2025-03-10', false], ['2025-03-11', true], ['2025-13-01', false]] as const) {
      p.reviewDueOn = due;
      expect([due, paths(draft(p))]).toEqual([due, ok ? [] : ['reviewDueOn']]);
    }
    p.reviewDueOn = '2027-01-01';
    expect(draft(p)[0]!.message).toMatch(/no later than 2026-03-11/);
  });

  it('an unreadable today is a programming error and throws', () => {
    expect(() => checkPolicy(base(), { today: 'yesterday', forApproval: false })).toThrow(/today/);
  });
});

describe('checkPolicy: all issues at once, in a stable order', () => {
  function broken(): ServiceDeliveryPolicy {
    const p = base();
    p.reviewDueOn = '2020-01-01';
    p.serviceHours.holidays = Array.from({ length: 12 }, (_, i) => ({ date: i === 2 || i === 10 ? 'bad' : `2025-12-${String(i + 10)}`, name: `H${String(i)}` }));
    p.targets.Critical!.resolutionMinutes = 0;
    p.targets.Normal!.firstResponseMinutes = -1;
    p.pauseStatuses = [''];
    p.communication['change-status'].body = '';
    p.communication['incident-investigating'].body = '';
    return p;
  }

  it('lists every issue, in the order of the form (priorities, list indexes and events in their natural order)', () => {
    expect(paths(checkPolicy(broken(), { today: TODAY, forApproval: true }))).toEqual([
      'objectives',
      'targets.Critical.resolutionMinutes',
      'targets.Normal.firstResponseMinutes',
      'serviceHours.holidays.2.date',
      'serviceHours.holidays.10.date',
      'pauseStatuses.0',
      'communication.incident-investigating.body',
      'communication.change-status.body',
      'informationSecurity.confidentiality',
      'informationSecurity.integrity',
      'informationSecurity.availability',
      'reviewDueOn',
    ]);
  });

  it('is deterministic: the same policy gives the same issues', () => {
    expect(draft(broken())).toEqual(draft(broken()));
  });
});

describe('INC-10: switching the priority scheme', () => {
  it('3 → 4 levels: the 4-level preset cells and the D9 Low target; the result passes the rules', () => {
    const p = switchPriorityScheme(base(), '4-level');
    expect(p.priorityMatrix).toEqual({ scheme: '4-level', cells: presetMatrix('4-level').cells });
    expect(p.targets.Low).toEqual({ firstResponseMinutes: 480, resolutionMinutes: 4800, escalateAfterMinutes: null, clock: 'serviceHours' });
    expect(draft(p)).toEqual([]);
  });

  it('4 → 3 levels: Low leaves the targets and the significant-impact rule; edited targets stay', () => {
    const four = switchPriorityScheme(base(), '4-level');
    four.targets.High!.resolutionMinutes = 360;
    four.significantImpact.priorities = ['Critical', 'Low'];
    const three = switchPriorityScheme(four, '3-level');
    expect(Object.keys(three.targets)).toEqual(['Critical', 'High', 'Normal']);
    expect(three.targets.High!.resolutionMinutes).toBe(360);
    expect(three.significantImpact.priorities).toEqual(['Critical']);
    expect(three.priorityMatrix.cells).toEqual(presetMatrix('3-level').cells);
    expect(draft(three)).toEqual([]);
  });

  it('does not change the policy it is given', () => {
    const p = base();
    const before = structuredClone(p);
    switchPriorityScheme(p, '4-level');
    expect(p).toEqual(before);
  });
});

describe('D8: classifyIncident (the call the trigger makes)', () => {
  it('classifies by the policy matrix and explains with the policy version', () => {
    const r = classifyIncident(base(), 3, 'High', 'high');
    expect(r).toMatchObject({ ok: true, priority: 'Critical', source: 'policy', matrixVersion: 3, text: 'High impact × High urgency → Critical (policy matrix v3)' });
  });

  it('changing one matrix cell changes the answer for that cell only', () => {
    const p = base();
    expect(classifyIncident(p, 1, 'Medium', 'Medium')).toMatchObject({ priority: 'Normal' });
    (p.priorityMatrix.cells.Medium as Record<Level, Priority>).Medium = 'High';
    expect(classifyIncident(p, 2, 'Medium', 'Medium')).toMatchObject({ priority: 'High' });
    expect(classifyIncident(p, 2, 'Medium', 'Low')).toMatchObject({ priority: 'Normal' });
  });

  it('a missing impact or urgency is reported, not guessed', () => {
    expect(classifyIncident(base(), 1, 'High', null)).toMatchObject({ ok: false, reason: 'missing-input', missing: ['urgency'] });
    expect(classifyIncident(base(), 1, 'Huge', 'High')).toMatchObject({ ok: false, reason: 'unknown-level' });
  });

  it('policyMatrix carries the scheme, the version and a copy of the cells', () => {
    const p = base();
    const m = policyMatrix(p, 5);
    expect(m).toEqual({ scheme: '3-level', version: 5, cells: presetMatrix('3-level').cells });
    (m.cells.High as Record<string, string>).High = 'Normal';
    expect(p.priorityMatrix.cells.High.High).toBe('Critical');
  });
});

describe('D9, D10, D14: slaPolicyFrom', () => {
  it('the default policy gives exactly the D9 defaults of the SLA engine', () => {
    const s = slaPolicyFrom(defaultPolicy(TODAY));
    expect(s.priorities).toEqual({ Critical: D9_PRIORITY_TARGETS.Critical, High: D9_PRIORITY_TARGETS.High, Normal: D9_PRIORITY_TARGETS.Normal });
    expect(s.fallbackPriority).toBe('Normal');
    expect(s.pauseStatuses).toEqual(DEFAULT_PAUSE_STATUSES);
  });

  it('4-level adds Low without escalation, as D9', () => {
    const s = slaPolicyFrom(switchPriorityScheme(base(), '4-level'));
    expect(s.priorities.Low).toEqual(D9_PRIORITY_TARGETS.Low);
  });

  it('an edited escalation becomes the management threshold; none means no threshold', () => {
    const p = base();
    p.targets.High!.escalateAfterMinutes = 120;
    p.targets.Critical!.escalateAfterMinutes = null;
    const s = slaPolicyFrom(p);
    expect(s.priorities.High!.resolution.thresholds).toEqual([{ id: MANAGEMENT_ESCALATION, afterMs: 2 * HOUR_MS }]);
    expect(s.priorities.Critical!.resolution.thresholds).toEqual([]);
  });

  it('compiles the service hours with the holidays as whole local dates', () => {
    const p = base();
    p.serviceHours.timeZone = 'Europe/Berlin';
    p.serviceHours.holidays = [{ date: '2025-12-25', name: 'Christmas Day' }];
    const cal = slaPolicyFrom(p).serviceHours;
    const day = (d: string): number => businessTimeBetween(cal, Date.parse(`${d}T00:00:00+01:00`), Date.parse(`${d}T24:00:00+01:00`));
    expect(day('2025-12-24')).toBe(8 * HOUR_MS);
    expect(day('2025-12-25')).toBe(0);
    expect(day('2025-12-27')).toBe(0); // Saturday
    // 09:00 Berlin is 08:00 UTC in winter.
    expect(businessTimeBetween(cal, Date.parse('2025-12-24T08:00:00Z'), Date.parse('2025-12-24T09:00:00Z'))).toBe(HOUR_MS);
  });

  it('refuses what checkPolicy reports: no Normal target, an unknown zone', () => {
    const p = base();
    delete p.targets.Normal;
    expect(() => slaPolicyFrom(p)).toThrow(/targets\.Normal/);
    const q = base();
    q.serviceHours.timeZone = 'Nowhere/Land';
    expect(() => slaPolicyFrom(q)).toThrow(CalendarError);
  });
});

describe('IN-10: renderCommunication', () => {
  it('fills the placeholders, tolerating spaces inside the braces', () => {
    const r = renderCommunication({ subject: '[{{issueKey}}] {{ summary }}', body: 'Priority {{priority}}' }, { issueKey: 'SD-7', summary: 'Mail down', priority: 'High' });
    expect(r).toEqual({ subject: '[SD-7] Mail down', body: 'Priority High', missing: [] });
  });

  it('leaves a placeholder without a value visible and lists it once', () => {
    const r = renderCommunication({ subject: '{{issueKey}} {{agent}}', body: '{{ agent }} / {{nope}}' }, { issueKey: 'SD-7' });
    expect(r).toEqual({ subject: 'SD-7 {{agent}}', body: '{{ agent }} / {{nope}}', missing: ['agent', 'nope'] });
  });

  it('does not expand placeholders inside values; an empty value is a value', () => {
    const r = renderCommunication({ subject: '{{summary}}', body: '{{agent}}.' }, { summary: 'about {{agent}}', agent: '' });
    expect(r).toEqual({ subject: 'about {{agent}}', body: '.', missing: [] });
  });

  it('every default message renders completely from the placeholders of its event', () => {
    const p = defaultPolicy(TODAY);
    for (const e of COMMUNICATION_EVENTS) {
      const values = Object.fromEntries(TEMPLATE_PLACEHOLDERS[e].map((n) => [n, `<${n}>`]));
      const r = renderCommunication(p.communication[e], values);
      expect([e, r.missing]).toEqual([e, []]);
      expect(r.subject + r.body).not.toMatch(/\{\{/);
    }
  });
});

describe('WP.14, MET-P02: annual review', () => {
  it('annualReviewDate adds one year; 29 February gives 28 February', () => {
    expect(annualReviewDate('2025-03-10')).toBe('2026-03-10');
    expect(annualReviewDate('2024-02-29')).toBe('2025-02-28');
    expect(annualReviewDate('2023-02-28')).toBe('2024-02-28');
    expect(annualReviewDate('2025-12-31')).toBe('2026-12-31');
    expect(() => annualReviewDate('2025-02-29')).toThrow(/approvedOn/);
  });

  it('defaultPolicy on 29 February schedules the review on 28 February', () => {
    expect(defaultPolicy('2024-02-29').reviewDueOn).toBe('2025-02-28');
    expect(checkPolicy(defaultPolicy('2024-02-29'), { today: '2024-02-29', forApproval: false })).toEqual([]);
  });

  it('isReviewOverdue: due on the date, overdue the day after; an unreadable date is overdue', () => {
    const p = base();
    p.reviewDueOn = '2026-03-10';
    expect(isReviewOverdue(p, '2026-03-09')).toBe(false);
    expect(isReviewOverdue(p, '2026-03-10')).toBe(false);
    expect(isReviewOverdue(p, '2026-03-11')).toBe(true);
    p.reviewDueOn = 'soon';
    expect(isReviewOverdue(p, '2026-03-09')).toBe(true);
  });
});
