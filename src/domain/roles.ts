/**
 * ROL-01: the eight roles of ISO/IEC TR 29110-5-3 (seed 002 §4.1 abbreviations, §3 definitions, Table 13).
 * Separation-of-duty rules (ROL-06..ROL-10, D4–D7) build on this catalogue.
 */
export const ROLE_CODES = ['CM', 'CUS', 'IM', 'MGT', 'PT', 'RM', 'SM', 'SUP'] as const;
export type RoleCode = (typeof ROLE_CODES)[number];

export interface RoleDefinition { code: RoleCode; name: string; definition: string }

export const ROLES: Readonly<Record<RoleCode, RoleDefinition>> = {
  CM: { code: 'CM', name: 'Control Manager', definition: 'Approves or rejects changes; manages change-related tasks such as testing and deployment; oversees the Service Control process.' },
  CUS: { code: 'CUS', name: 'Customer', definition: 'A person or organisation that could or does receive a product or service.' },
  IM: { code: 'IM', name: 'Incident Manager', definition: 'Has authority over all incidents and manages incident-related tasks.' },
  MGT: { code: 'MGT', name: 'Management of the VSE', definition: 'Oversees the organisation’s effectiveness and efficiency.' },
  PT: { code: 'PT', name: 'Practitioner', definition: 'A person or team performing activities within one or more process areas.' },
  RM: { code: 'RM', name: 'Relationship Manager', definition: 'Develops and manages the customer and supplier interfaces and the service catalogue.' },
  SM: { code: 'SM', name: 'Service Manager', definition: 'Directly oversees service delivery and has decision-making authority on all activities.' },
  SUP: { code: 'SUP', name: 'Supplier', definition: 'An organisation or individual that enters into an agreement with the acquirer to supply a product or service.' },
};

/** One person's roles in the list of assigned roles (WP.08). ROL-02: many-to-many between people and roles. */
export interface RoleAssignment { accountId: string; roles: RoleCode[] }

/** The roles a person holds, in catalogue order, without duplicates. */
export function rolesHeldBy(assignments: readonly RoleAssignment[], accountId: string): RoleDefinition[] {
  const held = new Set<RoleCode>();
  for (const a of assignments) if (a.accountId === accountId) for (const r of a.roles) held.add(r);
  return ROLE_CODES.filter((c) => held.has(c)).map((c) => ROLES[c]);
}

/** Who holds each role, for the role list view: every role appears, in catalogue order, possibly with no holder. */
export function holdersByRole(assignments: readonly RoleAssignment[]): Array<{ role: RoleDefinition; accountIds: string[] }> {
  return ROLE_CODES.map((code) => ({ role: ROLES[code], accountIds: assignments.filter((a) => a.roles.includes(code)).map((a) => a.accountId) }));
}
