import type { z } from 'zod';
import type { ApprovedAgreementVersion } from '../domain/agreement/content';
import { agreementCovering, agreementInForceOf, incidentPolicyUnder } from '../domain/agreement/in-force';
import type { PolicyInForce } from '../domain/incident/evaluate';
import type { IncidentSnapshot } from '../domain/incident/snapshot';
import { defaultPolicy } from '../domain/policy';
import { DEFAULT_ISSUE_TYPE_MAPPING, type IssueTypeMapping } from '../domain/record-kind';
import type { RoleAssignment } from '../domain/roles';
import type { FieldIds } from '../domain/setup-plan';
import { loadApprovedAgreementVersions } from './agreement-versions';
import { loadRoleList, POLICY, projectMappingSchema, SITE_MAPPING } from './documents';
import { loadSiteFields } from './site-fields';
import { loadDocument } from './work-product-store';
import { vitalCatalogueServices } from '../relationship/catalogue-lookup';

/**
 * The configuration the incident rules read from app storage: the approved policy (WP.14), the role list (WP.08) and
 * the setup wizard's project mapping (issue types and fields).
 */
export interface IncidentRules {
  /** The approved WP.14 (or the shipped defaults): what applies where no agreement covers an incident. */
  policy: PolicyInForce;
  /** Every approved agreement version (D18, D23). */
  agreements: readonly ApprovedAgreementVersion[];
  /**
   * D18: the policy an incident runs under: the approved customer agreement covering its organization and service at
   * its creation (its hours, targets and matrix), else the policy's defaults.
   */
  policyFor: (s: Pick<IncidentSnapshot, 'createdAt' | 'fields'>) => PolicyInForce;
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
  const [policy, roles, mapping, agreements, siteFields, vital] = await Promise.all([loadDocument(POLICY), loadRoleList(), loadDocument(SITE_MAPPING), loadApprovedAgreementVersions(), loadSiteFields(), vitalCatalogueServices()]);
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
  const base: PolicyInForce = withVitalServices(policy.current ? { policy: policy.current.content, version: policy.current.version, agreement: null } : { policy: defaultPolicy(today), version: null, agreement: null }, vital);
  const organizationsFieldId = siteFields?.organizationsFieldId ?? null;
  return {
    policy: base,
    agreements,
    policyFor: (s) => {
      const v = agreementCovering(agreements, { organizationIds: s.fields.organizations, services: s.fields.services, createdAt: s.createdAt });
      return v ? { policy: incidentPolicyUnder(base.policy, v), version: base.version, agreement: agreementInForceOf(v) } : base;
    },
    roles: roles?.assignments ?? null,
    fieldIds: (projectKey) => {
      const p = projects.find((x) => x.projectKey === projectKey);
      if (!p) return null;
      const ids = Object.fromEntries(Object.entries(p.fields).map(([slot, f]) => [slot, f.id])) as FieldIds & { organizations?: string };
      if (organizationsFieldId) ids.organizations = organizationsFieldId;
      return ids;
    },
    issueTypes,
    changeIssueType: (projectKey) => mappedIssueType(projects, projectKey, 'service-change-request') ?? 'Change',
  };
}
