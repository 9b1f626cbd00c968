/** JSM's "Organizations" request field as the shell shows it: the issue view's detail row and the portal's "Shared with". */

import { jira } from './api.js';

const ORGANIZATIONS_TYPE = 'com.atlassian.servicedesk:sd-customer-organizations';
let fieldId: Promise<string | null> | null = null;

/** The id of the site's Organizations field, null on a site without JSM (looked up once, from GET /field). */
export function organizationsFieldId(): Promise<string | null> {
  fieldId ??= jira.get<Array<{ id: string; schema?: { custom?: string } }>>('/rest/api/3/field')
    .then((list) => list.find((f) => f.schema?.custom === ORGANIZATIONS_TYPE)?.id ?? null, () => { fieldId = null; return null; });
  return fieldId;
}

/** The names in an Organizations field value (`[{ id, name }]`), comma-separated; '' when shared with none. */
export function organizationNames(value: unknown): string {
  if (!Array.isArray(value)) return '';
  return value.map((o: unknown) => (o && typeof o === 'object' && typeof (o as { name?: unknown }).name === 'string' ? (o as { name: string }).name : '')).filter(Boolean).join(', ');
}
