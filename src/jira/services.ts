import { route } from '@forge/api';
import { z } from 'zod';
import { findFieldIdByNames } from './issues';
import { jiraFetch, jiraGet, jiraGetOrNull } from './client';

/**
 * The Jira field "Affected services": its options are the names of the services of the approved catalogues (WP.10,
 * src/relationship/catalogue-lookup.ts), kept in sync by the app when a catalogue is approved or published.
 * Field contexts and options are read and written as the app, because that needs Jira administration rights the
 * service team does not hold.
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

const optionWithId = z.object({ id: z.string(), value: z.string(), disabled: z.boolean().optional() }).passthrough();

export interface ServiceOptionSync { fieldId: string | null; created: string[]; enabled: number; disabled: number }

/**
 * Keeps the options of the "Affected services" field in line with the approved catalogues (WP.10 is the one list; the
 * field stays for JQL and Jira's own forms): options missing for a service in force are created, options of retired
 * services are disabled (never deleted: issues keep their value), a disabled option of a service in force again is
 * enabled. `plan` decides per context from the options it holds. Written as the app (it needs Jira administration).
 */
export async function syncServiceOptions(
  mappedFieldIds: readonly string[],
  plan: (options: Array<{ id: string; value: string; disabled: boolean }>) => { create: string[]; enable: string[]; disable: string[] },
): Promise<ServiceOptionSync> {
  const fieldId = mappedFieldIds[0] ?? (await findFieldIdByNames(['Affected services', 'Affected service']));
  const out: ServiceOptionSync = { fieldId, created: [], enabled: 0, disabled: 0 };
  if (!fieldId) return out;
  const contexts = await jiraGet('app', route`/rest/api/3/field/${fieldId}/context?maxResults=50`, page(contextBean));
  for (const context of contexts.values) {
    const options: Array<{ id: string; value: string; disabled: boolean }> = [];
    for (let startAt = 0; ;) {
      const got = await jiraGet('app', route`/rest/api/3/field/${fieldId}/context/${context.id}/option?startAt=${startAt}&maxResults=100`, page(optionWithId));
      options.push(...got.values.map((o) => ({ id: o.id, value: o.value, disabled: o.disabled ?? false })));
      if (got.isLast !== false || got.values.length === 0) break;
      startAt += got.values.length;
    }
    const todo = plan(options);
    if (todo.create.length) {
      await jiraFetch('app', route`/rest/api/3/field/${fieldId}/context/${context.id}/option`, { method: 'POST', body: { options: todo.create.map((value) => ({ value, disabled: false })) } });
      out.created.push(...todo.create);
    }
    const updates = [...todo.enable.map((id) => ({ id, disabled: false })), ...todo.disable.map((id) => ({ id, disabled: true }))];
    if (updates.length) {
      await jiraFetch('app', route`/rest/api/3/field/${fieldId}/context/${context.id}/option`, { method: 'PUT', body: { options: updates } });
      out.enabled += todo.enable.length;
      out.disabled += todo.disable.length;
    }
  }
  return out;
}

const issueRefBean = z.object({ id: z.string(), key: z.string(), fields: z.object({ issuetype: z.object({ name: z.string() }).passthrough(), summary: z.string().optional() }).passthrough() }).passthrough();

/** An issue's id, key, type and summary as the user sees it; null when it does not exist or they may not see it. */
export async function getIssueRefAsUser(key: string): Promise<{ id: string; key: string; issueType: string; summary: string } | null> {
  const bean = await jiraGetOrNull('user', route`/rest/api/3/issue/${key}?fields=issuetype,summary`, issueRefBean);
  return bean ? { id: bean.id, key: bean.key, issueType: bean.fields.issuetype.name, summary: bean.fields.summary ?? '' } : null;
}
