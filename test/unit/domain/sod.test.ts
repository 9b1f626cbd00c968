import fc from 'fast-check';
import { ROLE_CODES, type RoleCode } from '../../../src/domain/roles';
import { approvalAuthority } from '../../../src/domain/change-rules';
import { DEFAULT_AREA_MAP, grantOverrides, mayApproveChange, mayGrantOverride, MIN_JUSTIFICATION_LENGTH, needsRol06Override, newGrants, reviewGrants, stampOverrides, validateRoleAssignments, type ChangeApprovalQuestion, type SodAssignment, type SodOverride } from '../../../src/domain/sod';

const sm: SodAssignment = { accountId: 'sofia', roles: ['SM'] };
const override = (accountId: string, justification: string): SodOverride => ({ rule: 'ROL-06', accountId, justification, grantedBy: 'admin-ada', grantedAt: '2026-03-02T09:00:00Z' });
const JUSTIFICATION = 'Two-person team until the new hire starts in June; MGT reviews every change monthly.';

describe('ROL-04 / D4 a Service Manager first', () => {
  it('D4: other roles cannot be saved before a Service Manager is assigned', () => {
    const r = validateRoleAssignments([{ accountId: 'ivan', roles: ['IM'] }, { accountId: 'priya', roles: ['PT'] }]);
    expect(r.ok).toBe(false);
    expect(r.refusals).toEqual([expect.objectContaining({ rule: 'ROL-04', accountId: null, refs: expect.arrayContaining(['D4']) })]);
    expect(r.refusals[0]!.message).toContain('ivan, priya');
  });
  it('ROL-04: an empty list is not a valid list of assigned roles (it must include the SM)', () => {
    expect(validateRoleAssignments([]).refusals.map((f) => f.rule)).toEqual(['ROL-04']);
  });
  it('ROL-04: with a Service Manager the other roles are saved', () => {
    const r = validateRoleAssignments([sm, { accountId: 'ivan', roles: ['IM'] }, { accountId: 'carl', roles: ['CM'] }]);
    expect(r).toEqual({ ok: true, refusals: [], notices: [], exceptions: [] });
  });
});

describe('ROL-06 / D4 Control Manager + Incident Manager', () => {
  it('ROL-06: CM and IM in one person is refused without an override', () => {
    const r = validateRoleAssignments([sm, { accountId: 'carl', roles: ['CM', 'IM'] }]);
    expect(r.ok).toBe(false);
    expect(r.refusals).toEqual([expect.objectContaining({ rule: 'ROL-06', accountId: 'carl' })]);
    expect(r.refusals[0]!.message).toMatch(/Control Manager should not be combined with the Incident Manager.*\(ROL-06, D4\)/);
  });
  it('ROL-06: the roles may come from separate entries of the same person', () => {
    const r = validateRoleAssignments([sm, { accountId: 'carl', roles: ['CM'] }, { accountId: 'carl', roles: ['IM'] }]);
    expect(r.refusals.map((f) => [f.rule, f.accountId])).toEqual([['ROL-06', 'carl']]);
  });
  it('D4: with an override and justification it is saved and listed as an SoD exception', () => {
    const r = validateRoleAssignments([sm, { accountId: 'carl', roles: ['CM', 'IM'] }], { overrides: [override('carl', JUSTIFICATION)] });
    expect(r.ok).toBe(true);
    expect(r.refusals).toEqual([]);
    expect(r.exceptions).toEqual([expect.objectContaining({ rule: 'ROL-06', accountId: 'carl', roles: ['CM', 'IM'], justification: JUSTIFICATION, grantedBy: 'admin-ada', grantedAt: '2026-03-02T09:00:00Z' })]);
    expect(r.exceptions[0]!.message).toContain('SoD exception');
  });
  it(`D4: an override whose justification is shorter than ${MIN_JUSTIFICATION_LENGTH} characters is still refused`, () => {
    const r = validateRoleAssignments([sm, { accountId: 'carl', roles: ['CM', 'IM'] }], { overrides: [override('carl', '   small team   ')] });
    expect(r.ok).toBe(false);
    expect(r.exceptions).toEqual([]);
    expect(r.refusals[0]!.message).toContain(`at least ${MIN_JUSTIFICATION_LENGTH} characters`);
  });
  it('D4: the minimum justification length is configurable', () => {
    const r = validateRoleAssignments([sm, { accountId: 'carl', roles: ['CM', 'IM'] }], { overrides: [override('carl', 'small team')], minJustificationLength: 5 });
    expect(r.ok).toBe(true);
  });
  it('ROL-06: an override for someone else does not help, and a stale override gives a notice', () => {
    const r = validateRoleAssignments([sm, { accountId: 'carl', roles: ['CM', 'IM'] }, { accountId: 'ivan', roles: ['IM'] }], { overrides: [override('ivan', JUSTIFICATION)] });
    expect(r.refusals.map((f) => [f.rule, f.accountId])).toEqual([['ROL-06', 'carl']]);
    expect(r.notices).toEqual([expect.objectContaining({ rule: 'ROL-06', accountId: 'ivan' })]);
    expect(r.exceptions).toEqual([]);
  });
});

describe('ROL-07 / D5 manager and practitioner in the same area', () => {
  it('ROL-07: a CM who is a practitioner in CO is refused, with no override possible', () => {
    const r = validateRoleAssignments([sm, { accountId: 'carl', roles: ['CM', 'PT'], practitionerAreas: ['CO'] }]);
    expect(r.refusals).toEqual([expect.objectContaining({ rule: 'ROL-07', accountId: 'carl', refs: expect.arrayContaining(['D5']) })]);
    expect(r.refusals[0]!.message).toContain('area CO');
  });
  it('ROL-07: a PT without areas counts as practitioner in every area', () => {
    const r = validateRoleAssignments([sm, { accountId: 'ivan', roles: ['IM', 'PT'] }]);
    expect(r.refusals.map((f) => f.rule)).toEqual(['ROL-07']);
    expect(r.refusals[0]!.message).toContain('area IN');
  });
  it('ROL-07: a manager may be a practitioner in another area (CM practising in IN)', () => {
    expect(validateRoleAssignments([sm, { accountId: 'carl', roles: ['CM', 'PT'], practitionerAreas: ['IN'] }]).ok).toBe(true);
  });
  it('D5: each default area pairs its manager: CO↔CM, IN↔IM, RE↔RM', () => {
    expect(DEFAULT_AREA_MAP).toEqual({ CO: ['CM'], IN: ['IM'], RE: ['RM'] });
    for (const [area, [manager]] of Object.entries(DEFAULT_AREA_MAP)) {
      const r = validateRoleAssignments([sm, { accountId: 'x', roles: [manager!, 'PT'], practitionerAreas: [area] }]);
      expect(r.refusals.map((f) => f.rule)).toEqual(['ROL-07']);
    }
  });
  it('D5: the area map is configurable (e.g. the SM managing GO)', () => {
    const areaMap = { ...DEFAULT_AREA_MAP, GO: ['SM'] as RoleCode[] };
    const team: SodAssignment[] = [{ accountId: 'sofia', roles: ['SM', 'PT'], practitionerAreas: ['GO'] }];
    // Under the default map GO is no area at all (refused as such, not as manager + practitioner in GO) …
    const byDefault = validateRoleAssignments(team);
    expect(byDefault.refusals).toEqual([expect.objectContaining({ rule: 'ROL-07', accountId: 'sofia', message: expect.stringContaining('"GO", which is not an area') })]);
    // … and with GO managed by the SM, practising in GO is the ROL-07 conflict.
    const configured = validateRoleAssignments(team, { areaMap });
    expect(configured.refusals).toEqual([expect.objectContaining({ rule: 'ROL-07', message: expect.stringContaining('area GO') })]);
  });
});

describe('ROL-07 / D5 practitioner areas are areas of the map', () => {
  const ines = (practitionerAreas?: string[]): SodAssignment => ({ accountId: 'ines', roles: ['IM', 'PT'], ...(practitionerAreas ? { practitionerAreas } : {}) });

  it('ROL-07: Ines as Incident Manager + Practitioner is refused whatever the list says: [], ["in"], ["XYZ"], ["IN"] or none', () => {
    for (const areas of [[], ['in'], ['XYZ'], ['IN'], undefined]) {
      const r = validateRoleAssignments([sm, ines(areas)]);
      expect(r.ok).toBe(false);
      expect(r.refusals.every((f) => f.rule === 'ROL-07' && f.accountId === 'ines')).toBe(true);
    }
  });

  it('ROL-07: an unknown area is refused naming the field and the allowed areas; a case slip is pointed out', () => {
    const unknown = validateRoleAssignments([sm, { accountId: 'tom', roles: ['PT'], practitionerAreas: ['XYZ'] }]);
    expect(unknown.refusals).toEqual([expect.objectContaining({ rule: 'ROL-07', accountId: 'tom', refs: ['D5'] })]);
    expect(unknown.refusals[0]!.message).toContain('practitionerAreas names "XYZ"');
    expect(unknown.refusals[0]!.message).toContain('the areas are CO, IN, RE');
    const lower = validateRoleAssignments([sm, { accountId: 'tom', roles: ['PT'], practitionerAreas: ['in'] }]);
    expect(lower.refusals[0]!.message).toContain('(did you mean "IN"?)');
  });

  it('ROL-07: a practitioner who gives a list works in at least one area', () => {
    const r = validateRoleAssignments([sm, { accountId: 'tom', roles: ['PT'], practitionerAreas: [] }]);
    expect(r.refusals).toEqual([expect.objectContaining({ rule: 'ROL-07', accountId: 'tom', message: expect.stringContaining('empty list of practitionerAreas') })]);
    expect(validateRoleAssignments([sm, { accountId: 'tom', roles: ['PT'] }]).ok).toBe(true);
    expect(validateRoleAssignments([sm, { accountId: 'tom', roles: ['PT'], practitionerAreas: ['CO', 'RE'] }]).ok).toBe(true);
  });

  it('ROL-07: another entry of the same person cannot narrow a practitioner entry that names no area', () => {
    const r = validateRoleAssignments([sm, { accountId: 'ines', roles: ['IM', 'PT'] }, { accountId: 'ines', roles: ['PT'], practitionerAreas: ['CO'] }]);
    expect(r.refusals.map((f) => [f.rule, f.accountId])).toEqual([['ROL-07', 'ines']]);
    expect(r.refusals[0]!.message).toContain('area IN');
  });

  it('ROL-07: only areas of the map pass, in any order and split across entries (property)', () => {
    const areas = Object.keys(DEFAULT_AREA_MAP);
    fc.assert(fc.property(fc.array(fc.oneof(fc.constantFrom(...areas), fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 5 }), (named) => {
      const r = validateRoleAssignments([sm, { accountId: 'tom', roles: ['PT'], practitionerAreas: named }]);
      expect(r.ok).toBe(named.every((a) => areas.includes(a)));
    }));
  });
});

describe('D27 who grants a ROL-06 override', () => {
  const admins = ['sofia', 'ada'];
  it('D27: only a Jira administrator grants an override', () => {
    const d = mayGrantOverride('ines', { accountId: 'max', isJiraAdmin: false }, admins);
    expect(d).toEqual({ allowed: false, rule: 'D27', message: expect.stringContaining('Only a Jira administrator grants a separation-of-duty override, and max is not one') });
  });
  it('D27: an administrator grants another person’s override', () => {
    expect(mayGrantOverride('carlos', { accountId: 'sofia', isJiraAdmin: true }, admins)).toEqual({ allowed: true, selfGranted: false });
  });
  it('D27: an administrator may not grant their own while another exists, and is told whom to ask', () => {
    const d = mayGrantOverride('sofia', { accountId: 'sofia', isJiraAdmin: true }, admins);
    expect(d).toMatchObject({ allowed: false, rule: 'D27', message: expect.stringContaining('ask ada, another Jira administrator') });
    const two = mayGrantOverride('sofia', { accountId: 'sofia', isJiraAdmin: true }, ['sofia', 'bob', 'ada']);
    expect(two).toMatchObject({ message: expect.stringContaining('ask ada or bob, another Jira administrator') });
  });
  it('D27: the only administrator grants their own, recorded as self-granted', () => {
    expect(mayGrantOverride('sofia', { accountId: 'sofia', isJiraAdmin: true }, ['sofia'])).toEqual({ allowed: true, selfGranted: true });
  });

  it('D27: grantOverrides checks only what is granted now; a kept grant is not granted again', () => {
    const known = [override('carl', JUSTIFICATION)];
    const kept = grantOverrides([{ accountId: 'carl', justification: JUSTIFICATION }], known, { by: { accountId: 'max', isJiraAdmin: false }, at: '2026-12-01T10:00:00Z', jiraAdmins: [] });
    expect(kept).toEqual({ overrides: known, refusals: [] });
    const fresh = grantOverrides([{ accountId: 'carl', justification: `${JUSTIFICATION} Until May.` }], known, { by: { accountId: 'max', isJiraAdmin: false }, at: '2026-12-01T10:00:00Z', jiraAdmins: [] });
    expect(fresh.refusals).toEqual([expect.objectContaining({ rule: 'D27', accountId: 'carl', grantedBy: 'max' })]);
    const own = grantOverrides([{ accountId: 'sofia', justification: JUSTIFICATION }], [], { by: { accountId: 'sofia', isJiraAdmin: true }, at: '2026-12-01T10:00:00Z', jiraAdmins: ['sofia'] });
    expect(own).toEqual({ overrides: [{ rule: 'ROL-06', accountId: 'sofia', justification: JUSTIFICATION, grantedBy: 'sofia', grantedAt: '2026-12-01T10:00:00Z', selfGranted: true }], refusals: [] });
  });

  it('D27: at approval, grants the approved list does not hold are checked against the administrators of now', () => {
    const approved = [override('carl', JUSTIFICATION)];
    const byMax: SodOverride = { ...override('ines', JUSTIFICATION), grantedBy: 'max' };
    const bySofia: SodOverride = { ...override('sofia', JUSTIFICATION), grantedBy: 'sofia' };
    expect(newGrants([...approved, byMax], approved)).toEqual([byMax]);
    const r = reviewGrants([...approved, byMax, bySofia], approved, ['sofia']);
    expect(r.refusals.map((f) => [f.accountId, f.grantedBy])).toEqual([['ines', 'max']]);
    expect(r.overrides[2]).toEqual({ ...bySofia, selfGranted: true });
    expect(reviewGrants([bySofia], [], ['sofia', 'ada']).refusals).toEqual([expect.objectContaining({ message: expect.stringContaining('ask ada') })]);
  });

  it('D27: a self-granted exception is flagged and said to be a finding, in words without timestamps', () => {
    const self: SodOverride = { ...override('sofia', JUSTIFICATION), grantedBy: 'sofia', selfGranted: true };
    const r = validateRoleAssignments([{ accountId: 'sofia', roles: ['SM', 'CM', 'IM'] }], { overrides: [self] });
    expect(r.ok).toBe(true);
    expect(r.exceptions).toEqual([expect.objectContaining({ accountId: 'sofia', selfGranted: true, message: expect.stringContaining('self-granted by sofia') })]);
    expect(r.exceptions[0]!.message).toContain('finding for the conformance review');
    expect(r.exceptions[0]!.message).not.toContain('2026-03-02');
    const other = validateRoleAssignments([sm, { accountId: 'carl', roles: ['CM', 'IM'] }], { overrides: [override('carl', JUSTIFICATION)] });
    expect(other.exceptions[0]).toMatchObject({ selfGranted: false });
    expect(other.exceptions[0]!.message).not.toContain('2026-03-02');
    // A grant by the person concerned counts as self-granted even where an older record lacks the flag.
    expect(validateRoleAssignments([{ accountId: 'sofia', roles: ['SM', 'CM', 'IM'] }], { overrides: [{ ...self, selfGranted: undefined }] }).exceptions[0]).toMatchObject({ selfGranted: true });
  });
});

describe('ROL-08 / ROL-10 allowed combinations', () => {
  it('ROL-08: SM+RM is allowed without notice', () => {
    expect(validateRoleAssignments([{ accountId: 'sofia', roles: ['SM', 'RM'] }])).toEqual({ ok: true, refusals: [], notices: [], exceptions: [] });
  });
  it('ROL-10: SM+CM is allowed with an SoD notice, not a refusal', () => {
    const r = validateRoleAssignments([{ accountId: 'sofia', roles: ['SM', 'CM'] }]);
    expect(r.ok).toBe(true);
    expect(r.notices).toEqual([expect.objectContaining({ rule: 'ROL-10', accountId: 'sofia', refs: expect.arrayContaining(['ROL-08']) })]);
  });
  it('ROL-08: any person holding only SM, RM and CM is never refused (property)', () => {
    fc.assert(fc.property(fc.subarray(['SM', 'RM', 'CM'] as RoleCode[]), (roles) => {
      expect(validateRoleAssignments([sm, { accountId: 'x', roles }]).refusals).toEqual([]);
    }));
  });
});

describe('ROL-01 only the eight roles', () => {
  it('ROL-01: an unknown role code from stored data is refused by name', () => {
    const r = validateRoleAssignments([sm, { accountId: 'x', roles: ['CAB' as RoleCode] }]);
    expect(r.refusals).toEqual([expect.objectContaining({ rule: 'ROL-01', accountId: 'x' })]);
    expect(r.refusals[0]!.message).toContain('"CAB"');
  });
});

describe('ROL-05 SoD validation is order-independent', () => {
  const roleArb = fc.constantFrom(...ROLE_CODES);
  const assignmentArb = fc.record({
    accountId: fc.constantFrom('a', 'b', 'c', 'd'),
    roles: fc.array(roleArb, { maxLength: 4 }),
  }, { requiredKeys: ['accountId', 'roles'] });
  it('ROL-05: any permutation of the assignment list gives the same result (property)', () => {
    fc.assert(fc.property(
      fc.array(assignmentArb, { maxLength: 8 }).chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }))),
      fc.subarray([override('a', JUSTIFICATION), override('b', 'too short')]),
      ([list, shuffled], overrides) => {
        expect(validateRoleAssignments(shuffled, { overrides })).toEqual(validateRoleAssignments(list, { overrides }));
      },
    ));
  });
});

describe('D7 / ROL-11 who may approve a change', () => {
  const evaluate = approvalAuthority('Normal', 'evaluate')!;
  const base: ChangeApprovalQuestion = {
    approverId: 'carl', approverRoles: ['CM'], changeType: 'Normal', step: 'evaluate', requiredRoles: evaluate.roles, authorityRule: evaluate.rule,
    requesterId: 'rita', builderIds: ['bob'], deployerIds: ['dina'],
  };
  it('D7: an independent CM may approve', () => {
    expect(mayApproveChange(base)).toEqual({ allowed: true, reasons: [] });
  });
  it('D7: requester cannot approve own change', () => {
    const r = mayApproveChange({ ...base, requesterId: 'carl' });
    expect(r.allowed).toBe(false);
    expect(r.reasons).toEqual([expect.objectContaining({ rule: 'D7', conflict: 'requested' })]);
  });
  it('D7: the builder cannot approve the change', () => {
    expect(mayApproveChange({ ...base, builderIds: ['bob', 'carl'] }).reasons.map((x) => x.conflict)).toEqual(['built']);
  });
  it('D7: a planned deployer cannot approve the change', () => {
    expect(mayApproveChange({ ...base, deployerIds: ['carl'] }).reasons.map((x) => x.conflict)).toEqual(['deploys']);
  });
  it('ROL-11: someone who is not a CM cannot approve a normal change (CO.2.1)', () => {
    const r = mayApproveChange({ ...base, approverRoles: ['SM', 'IM'] });
    expect(r.reasons).toEqual([expect.objectContaining({ rule: 'ROL-11', conflict: 'not-authorised' })]);
    expect(r.reasons[0]!.message).toContain('is not a Control Manager (CM)');
    expect(r.reasons[0]!.message).toContain('CO.2.1');
  });
  it('D7: all reasons are given, not just the first', () => {
    const r = mayApproveChange({ ...base, approverRoles: ['PT'], requesterId: 'carl', builderIds: ['carl'], deployerIds: ['carl'] });
    expect(r.reasons.map((x) => `${x.rule}:${x.conflict}`)).toEqual(['ROL-11:not-authorised', 'D7:requested', 'D7:built', 'D7:deploys']);
  });
  it('D16: an emergency change may be approved by one SM (or CM)', () => {
    const emergency = approvalAuthority('Emergency', 'evaluate')!;
    const q = { ...base, approverId: 'sofia', approverRoles: ['SM'] as RoleCode[], changeType: 'Emergency' as const, requiredRoles: emergency.roles, authorityRule: emergency.rule };
    expect(mayApproveChange(q).allowed).toBe(true);
    expect(mayApproveChange({ ...q, approverRoles: ['IM'] }).reasons[0]!.message).toContain('Control Manager (CM) or a Service Manager (SM)');
  });
  it('D16: a pre-approved change has no approval step to approve', () => {
    expect(approvalAuthority('Pre-approved', 'evaluate')).toBeNull();
    const r = mayApproveChange({ ...base, changeType: 'Pre-approved', requiredRoles: [], authorityRule: 'D15' });
    expect(r.allowed).toBe(false);
    expect(r.reasons[0]!.rule).toBe('ROL-11');
  });
});

describe('ROL-06 / D4 overrides as saved (stampOverrides)', () => {
  it('ROL-06 concerns exactly the CM + IM pair', () => {
    expect(needsRol06Override(['CM', 'IM', 'PT'])).toBe(true);
    expect(needsRol06Override(['CM', 'SM'])).toBe(false);
    expect(needsRol06Override(['IM'])).toBe(false);
  });

  it('keeps who granted an unchanged justification (whitespace aside), grants a changed one anew, drops empty ones', () => {
    const known = [override('carlos', JUSTIFICATION)];
    const out = stampOverrides([
      { accountId: 'carlos', justification: `  ${JUSTIFICATION.replace(' ', '   ')}\n` },
      { accountId: 'ines', justification: 'Covers incidents during the March freeze, reviewed weekly.' },
      { accountId: 'tom', justification: '   ' },
    ], known, 'sofia', '2026-12-01T10:00:00Z');
    expect(out).toEqual([
      known[0],
      { rule: 'ROL-06', accountId: 'ines', justification: 'Covers incidents during the March freeze, reviewed weekly.', grantedBy: 'sofia', grantedAt: '2026-12-01T10:00:00Z' },
    ]);
    const edited = stampOverrides([{ accountId: 'carlos', justification: `${JUSTIFICATION} Extended to May.` }], known, 'sofia', '2026-12-01T10:00:00Z');
    expect(edited[0]).toMatchObject({ grantedBy: 'sofia', grantedAt: '2026-12-01T10:00:00Z' });
    expect(edited[0]!.selfGranted).toBeUndefined();
    // D27: one's own override is stamped self-granted (whether one may grant it is grantOverrides's question).
    expect(stampOverrides([{ accountId: 'sofia', justification: JUSTIFICATION }], [], 'sofia', '2026-12-01T10:00:00Z')[0]).toMatchObject({ selfGranted: true });
  });
});
