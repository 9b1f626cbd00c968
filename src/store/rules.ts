import type { z } from 'zod';
import type { PolicyInForce } from '../domain/incident/evaluate';
import { defaultPolicy } from '../domain/policy';
import { DEFAULT_ISSUE_TYPE_MAPPING, type IssueTypeMapping } from '../domain/record-kind';
import type { RoleAssignment } from '../domain/roles';
import type { FieldIds } from '../domain/setup-plan';
import { loadRoleList, POLICY, projectMappingSchema, SITE_MAPPING } from './documents';
import { loadDocument } from './work-product-store';
import { vitalCatalogueServices } from '../relationship/catalogue-lookup';

/**
 * The configuration the incident rules read from app storage: the approved policy (WP.14), the role list (WP.08) and
 * the setup wizard's project mapping (issue types and fields).
 */
export interface IncidentRules {
  policy: PolicyInForce;
  roles: readonly RoleAssignment[] | null;
  /** The setup wizard's field ids per project key; null for a project without a mapping (fields found by name). */
  fieldIds: (projectKey: string) => FieldIds | null;
  /** Issue type names per record kind, over every mapped project plus the default names. */
  issueTypes: IssueTypeMapping;
  /** The issue type to create a service change request of, per project (IN.1.3, IN.2.2). */
  changeIssueType: (projectKey: string) => string;
}

type MappedProject = z.infer<typeof projectMappingSchema>;

/** The issue type the setup wizard mapped to a record slot in a project, if it mapped one. */
export function mappedIssueType(projects: readonly MappedProject[], projectKey: string, slot: string): string | null {
  return projects.find((x) => x.projectKey === projectKey)?.issueTypes[slot]?.name ?? null;
}

/** The incident issue type names to search in a project: the mapped one, else the default names (record-kind.ts). */
export async function incidentIssueTypesOf(projectKey: string): Promise<string[]> {
  const mapping = await loadDocument(SITE_MAPPING);
  const mapped = mappedIssueType(mapping.current?.content.projects ?? [], projectKey, 'incident');
  return mapped ? [mapped] : [...DEFAULT_ISSUE_TYPE_MAPPING.incident];
}

/** D13: the vital services of the approved catalogues (WP.10) make an incident significant, besides those the policy names. */
function withVitalServices(p: PolicyInForce, vital: readonly string[]): PolicyInForce {
  const names = p.policy.significantImpact.vitalServices;
  const extra = vital.filter((v) => !names.some((n) => n.toLowerCase() === v.toLowerCase()));
  return extra.length ? { ...p, policy: { ...p.policy, significantImpact: { ...p.policy.significantImpact, vitalServices: [...names, ...extra] } } } : p;
}

export async function loadIncidentRules(now: number): Promise<IncidentRules> {
  const [policy, roles, mapping, vital] = await Promise.all([loadDocument(POLICY), loadRoleList(), loadDocument(SITE_MAPPING), vitalCatalogueServices()]);
  const projects = mapping.current?.content.projects ?? [];
  const issueTypes: IssueTypeMapping = {
    incident: [...DEFAULT_ISSUE_TYPE_MAPPING.incident], 'service-change-request': [...DEFAULT_ISSUE_TYPE_MAPPING['service-change-request']],
    'customer-agreement': [...DEFAULT_ISSUE_TYPE_MAPPING['customer-agreement']], 'supplier-agreement': [...DEFAULT_ISSUE_TYPE_MAPPING['supplier-agreement']],
  };
  for (const p of projects) {
    for (const [slot, t] of Object.entries(p.issueTypes)) {
      const list = (issueTypes as unknown as Record<string, string[] | undefined>)[slot];
      if (list && !list.includes(t.name)) list.push(t.name);
    }
  }
  const today = new Date(now).toISOString().slice(0, 10);
  return {
    policy: withVitalServices(policy.current ? { policy: policy.current.content, version: policy.current.version } : { policy: defaultPolicy(today), version: null }, vital),
    roles: roles?.assignments ?? null,
    fieldIds: (projectKey) => {
      const p = projects.find((x) => x.projectKey === projectKey);
      if (!p) return null;
      return Object.fromEntries(Object.entries(p.fields).map(([slot, f]) => [slot, f.id])) as FieldIds;
    },
    issueTypes,
    changeIssueType: (projectKey) => mappedIssueType(projects, projectKey, 'service-change-request') ?? 'Change',
  };
}
