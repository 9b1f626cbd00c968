/**
 * "Who assigned what when" (issue #4; GO-12: WP.08 is updated whenever human resources change): the difference
 * between two lists of assigned roles, person by person and role by role, in a stable order for the audit trail.
 */
import { ROLE_CODES, type RoleAssignment, type RoleCode } from './roles';

export interface RoleChange { accountId: string; role: RoleCode; change: 'assigned' | 'unassigned' }

function rolesByPerson(assignments: readonly RoleAssignment[]): Map<string, Set<RoleCode>> {
  const map = new Map<string, Set<RoleCode>>();
  for (const a of assignments) {
    const set = map.get(a.accountId) ?? new Set<RoleCode>();
    for (const r of a.roles) set.add(r);
    map.set(a.accountId, set);
  }
  return map;
}

export function diffAssignments(before: readonly RoleAssignment[], after: readonly RoleAssignment[]): RoleChange[] {
  const b = rolesByPerson(before);
  const a = rolesByPerson(after);
  const people = [...new Set([...b.keys(), ...a.keys()])].sort();
  const out: RoleChange[] = [];
  for (const accountId of people) {
    for (const role of ROLE_CODES) {
      const had = b.get(accountId)?.has(role) ?? false;
      const has = a.get(accountId)?.has(role) ?? false;
      if (had !== has) out.push({ accountId, role, change: has ? 'assigned' : 'unassigned' });
    }
  }
  return out;
}

/** One sentence for the audit trail, e.g. "Assigned IM to Carlos Ibáñez; unassigned PT from Tom Becker." */
export function describeRoleChanges(changes: readonly RoleChange[], nameOf: (accountId: string) => string): string {
  if (changes.length === 0) return 'No role assignment changed.';
  const parts = changes.map((c) => (c.change === 'assigned' ? `assigned ${c.role} to ${nameOf(c.accountId)}` : `unassigned ${c.role} from ${nameOf(c.accountId)}`));
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
