import { route } from '@forge/api';
import { z } from 'zod';
import { findFieldIdByNames } from './issues';
import { jiraGet } from './client';

/**
 * The services a configuration item can belong to (CO.1.4): for now the options of the "Affected services" field
 * (the service catalogue, WP.10, comes later). Field contexts and options are read as the app, because reading them
 * needs Jira administration rights the service team does not hold.
 */
const page = <T extends z.ZodType>(item: T) => z.object({ values: z.array(item), isLast: z.boolean().optional(), total: z.number().optional() }).passthrough();
const contextBean = z.object({ id: z.string(), isGlobalContext: z.boolean().optional() }).passthrough();
const optionBean = z.object({ value: z.string(), disabled: z.boolean().optional() }).passthrough();

export async function listServiceOptions(mappedFieldIds: readonly string[]): Promise<string[]> {
  const fieldId = mappedFieldIds[0] ?? (await findFieldIdByNames(['Affected services', 'Affected service']));
  if (!fieldId) return [];
  const contexts = await jiraGet('app', route`/rest/api/3/field/${fieldId}/context?maxResults=50`, page(contextBean));
  const values = new Set<string>();
  for (const context of contexts.values) {
    let startAt = 0;
    for (;;) {
      const options = await jiraGet('app', route`/rest/api/3/field/${fieldId}/context/${context.id}/option?startAt=${startAt}&maxResults=100`, page(optionBean));
      for (const o of options.values) if (!o.disabled) values.add(o.value);
      if (options.isLast !== false || options.values.length === 0) break;
      startAt += options.values.length;
    }
  }
  return [...values];
}
