import { holdersByRole, ROLE_CODES, ROLES, rolesHeldBy } from '../../../src/domain/roles';

describe('ROL-01 role catalogue', () => {
  it('has exactly the eight 29110 roles with their names', () => {
    expect([...ROLE_CODES].sort()).toEqual(['CM', 'CUS', 'IM', 'MGT', 'PT', 'RM', 'SM', 'SUP']);
    expect(ROLES.CM.name).toBe('Control Manager');
    expect(ROLES.IM.name).toBe('Incident Manager');
    expect(ROLES.SM.name).toBe('Service Manager');
    expect(ROLES.RM.name).toBe('Relationship Manager');
    expect(ROLES.MGT.name).toBe('Management of the VSE');
    for (const code of ROLE_CODES) expect(ROLES[code].code).toBe(code);
  });
});

describe('ROL-02 people hold several roles, roles have several people', () => {
  const assignments = [
    { accountId: 'sofia', roles: ['SM' as const, 'RM' as const] },
    { accountId: 'priya', roles: ['PT' as const] },
    { accountId: 'tom', roles: ['PT' as const] },
    { accountId: 'sofia', roles: ['RM' as const] },
  ];
  it('lists a person’s roles once each, in catalogue order', () => {
    expect(rolesHeldBy(assignments, 'sofia').map((r) => r.code)).toEqual(['RM', 'SM']);
    expect(rolesHeldBy(assignments, 'nobody')).toEqual([]);
  });
  it('lists every role with its holders, unassigned roles included', () => {
    const byRole = holdersByRole(assignments);
    expect(byRole).toHaveLength(8);
    expect(byRole.find((r) => r.role.code === 'PT')!.accountIds).toEqual(['priya', 'tom']);
    expect(byRole.find((r) => r.role.code === 'CM')!.accountIds).toEqual([]);
  });
});
