/**
 * Which 29110 work product a Jira issue is, by its issue type (REQUIREMENTS §11 mapping hints):
 * WP.18 service incident record, WP.11 service change request, WP.03 customer agreement, WP.21 supplier agreement.
 * Until an admin maps issue types (setup wizard), the default mapping matches the usual JSM/ITSM type names.
 */
export type RecordKind = 'incident' | 'service-change-request' | 'customer-agreement' | 'supplier-agreement' | 'unmapped';

export interface IssueTypeMapping { incident: string[]; 'service-change-request': string[]; 'customer-agreement': string[]; 'supplier-agreement': string[] }

export const DEFAULT_ISSUE_TYPE_MAPPING: IssueTypeMapping = {
  incident: ['Incident'],
  'service-change-request': ['Change', 'Service change request'],
  'customer-agreement': ['Customer agreement'],
  'supplier-agreement': ['Supplier agreement'],
};

export function recordKindOf(issueTypeName: string, mapping: IssueTypeMapping = DEFAULT_ISSUE_TYPE_MAPPING): RecordKind {
  const name = issueTypeName.trim().toLowerCase();
  for (const kind of ['incident', 'service-change-request', 'customer-agreement', 'supplier-agreement'] as const) {
    if (mapping[kind].some((n) => n.toLowerCase() === name)) return kind;
  }
  return 'unmapped';
}
