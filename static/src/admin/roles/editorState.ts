/**
 * The role editor's local state (one row per person) and its conversions to the contract's payload and to the
 * domain's SoD input. Nothing here decides a rule: validation is `validateRoleAssignments` from src/domain/sod.ts.
 */
import type { Payload, RoleListView } from './types';
import { needsRol06Override, normalisedJustification, ROLE_CODES, stampOverrides, type RoleCode, type SodAssignment, type SodOverride } from '../domain';

export interface EditorRow {
  accountId: string;
  roles: RoleCode[];
  /** null: no area given, so a PT counts in every area (ROL-07). */
  practitionerAreas: string[] | null;
  /** ROL-06 override text; kept while typing even if CM+IM is unticked. */
  justification: string;
}

type Content = NonNullable<RoleListView['draft']>['content'];

/** One row per person, roles in catalogue order (ROL-02 allows a person several entries; they are merged). */
export function rowsOf(content: Content | null | undefined): EditorRow[] {
  if (!content) return [];
  const byId = new Map<string, EditorRow>();
  for (const a of content.assignments) {
    const row = byId.get(a.accountId) ?? { accountId: a.accountId, roles: [], practitionerAreas: null, justification: '' };
    row.roles = ROLE_CODES.filter((c) => row.roles.includes(c) || a.roles.includes(c));
    if (a.practitionerAreas) row.practitionerAreas = [...new Set([...(row.practitionerAreas ?? []), ...a.practitionerAreas])];
    byId.set(a.accountId, row);
  }
  for (const o of content.overrides) {
    const row = byId.get(o.accountId);
    if (row) row.justification = o.justification;
  }
  return [...byId.values()];
}


export function toPayload(rows: readonly EditorRow[]): Pick<Payload<'roles.saveDraft'>, 'assignments' | 'overrides'> {
  return {
    assignments: rows.map((r) => ({
      accountId: r.accountId,
      roles: [...r.roles],
      ...(r.roles.includes('PT') && r.practitionerAreas && r.practitionerAreas.length > 0 ? { practitionerAreas: [...r.practitionerAreas] } : {}),
    })),
    overrides: rows
      .filter((r) => needsRol06Override(r.roles) && normalisedJustification(r.justification) !== '')
      .map((r) => ({ accountId: r.accountId, justification: r.justification })),
  };
}

/** The domain's input for live feedback: stored overrides keep who granted them; new ones are the viewer's, today. */
export function sodInput(
  rows: readonly EditorRow[],
  stored: readonly SodOverride[],
  viewer: string,
  today: string,
): { assignments: SodAssignment[]; overrides: SodOverride[] } {
  const payload = toPayload(rows);
  return { assignments: payload.assignments, overrides: stampOverrides(payload.overrides, stored, viewer, today) };
}

/** Whether two editor states would save the same list (order of people and roles ignored). */
export function sameRows(a: readonly EditorRow[], b: readonly EditorRow[]): boolean {
  const key = (rows: readonly EditorRow[]) => {
    const p = toPayload(rows.filter((r) => r.roles.length > 0));
    return JSON.stringify({
      assignments: [...p.assignments].sort((x, y) => x.accountId.localeCompare(y.accountId)).map((x) => ({ ...x, practitionerAreas: x.practitionerAreas ? [...x.practitionerAreas].sort() : undefined })),
      overrides: [...p.overrides].sort((x, y) => x.accountId.localeCompare(y.accountId)).map((o) => ({ ...o, justification: normalisedJustification(o.justification) })),
    });
  };
  return key(a) === key(b);
}
