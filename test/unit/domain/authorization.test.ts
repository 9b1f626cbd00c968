import { ADMIN_ACTIONS, authorize, permissionsOf, type Actor, type AdminAction } from '../../../src/domain/authorization';
import type { RoleCode } from '../../../src/domain/roles';

const actor = (roles: RoleCode[], isJiraAdmin = false): Actor => ({ accountId: 'a', isJiraAdmin, roles });

/** Who may do what (issue #4; D4, D6; GO.1.2, GO.2.1, GO.2.2, CO.1.1, ROL-22), with a Service Manager assigned. */
const MATRIX: Array<[string, Actor, AdminAction[]]> = [
  ['Jira admin', actor([], true), ['admin.view', 'setup.run', 'config.edit', 'roles.edit', 'training.record', 'policy.edit']],
  ['SM', actor(['SM']), ['admin.view', 'roles.edit', 'roles.approve', 'training.record', 'policy.edit', 'policy.approve']],
  ['MGT', actor(['MGT']), ['admin.view', 'roles.edit', 'training.record', 'policy.edit']],
  ['CM', actor(['CM']), ['admin.view', 'training.record', 'policy.edit']],
  ['IM', actor(['IM']), ['admin.view', 'training.record']],
  ['RM', actor(['RM']), ['admin.view', 'training.record']],
  ['PT', actor(['PT']), ['admin.view']],
  ['CUS', actor(['CUS']), []],
  ['SUP', actor(['SUP']), []],
  ['nobody', actor([]), []],
  ['Jira admin + SM', actor(['SM'], true), [...ADMIN_ACTIONS]],
  ['PT + CM', actor(['PT', 'CM']), ['admin.view', 'training.record', 'policy.edit']],
];

describe('admin page authorization (D6), Service Manager assigned', () => {
  it.each(MATRIX)('%s', (_who, a, allowed) => {
    const p = permissionsOf(a, { serviceManagerAssigned: true });
    expect(ADMIN_ACTIONS.filter((x) => p[x].allowed)).toEqual(allowed);
    for (const x of ADMIN_ACTIONS) expect(p[x]).toEqual(authorize(x, a, { serviceManagerAssigned: true }));
  });
});

describe('D4, ROL-04: before the first Service Manager is assigned', () => {
  it('a Jira administrator may approve the role list and the policy', () => {
    const p = permissionsOf(actor([], true), { serviceManagerAssigned: false });
    expect(ADMIN_ACTIONS.filter((x) => p[x].allowed)).toEqual([...ADMIN_ACTIONS]);
  });
  it('once an SM is assigned, the Jira administrator no longer approves', () => {
    expect(authorize('policy.approve', actor([], true), { serviceManagerAssigned: true })).toEqual({
      allowed: false, rule: 'GO.2.2', message: 'Only the Service Manager approves the service delivery policy (GO.2.2, D6).',
    });
    expect(authorize('roles.approve', actor(['MGT'], true), { serviceManagerAssigned: true })).toMatchObject({ allowed: false, rule: 'GO.1.2' });
  });
  it('others still may not, and the refusal says who may until an SM is assigned', () => {
    const d = authorize('roles.approve', actor(['MGT']), { serviceManagerAssigned: false });
    expect(d).toEqual({
      allowed: false, rule: 'GO.1.2',
      message: 'Only the Service Manager approves the list of assigned roles (GO.1.2, D6); no Service Manager is assigned yet, and until one is, a Jira administrator does it (D4, ROL-04).',
    });
  });
});

describe('refusals name the action, who may do it and the rule', () => {
  const nobody = actor(['PT']);
  it('a customer or supplier does not open the admin page (D6)', () => {
    for (const role of ['CUS', 'SUP'] as const) {
      expect(authorize('admin.view', actor([role]), { serviceManagerAssigned: true })).toMatchObject({ allowed: false, rule: 'D6', message: expect.stringContaining('member of the service team') });
    }
  });
  it.each([
    ['setup.run', 'D1', /Only a Jira administrator runs the project setup/],
    ['config.edit', 'D2', /Only a Jira administrator switches processes and modules/],
    ['roles.edit', 'GO.1.2', /the Service Manager or Management \(MGT\) edit the list of assigned roles/],
    ['training.record', 'ROL-22', /records training and competence/],
    ['policy.edit', 'GO.2.1', /or the Control Manager edit the service delivery policy/],
    ['policy.approve', 'GO.2.2', /Only the Service Manager approves the service delivery policy/],
  ] as const)('%s', (action, rule, message) => {
    const d = authorize(action, nobody, { serviceManagerAssigned: true });
    expect(d).toMatchObject({ allowed: false, rule });
    if (!d.allowed) {
      expect(d.message).toMatch(message);
      expect(d.message).toContain(rule);
    }
  });
});
