import { z } from 'zod';
import { OPTIONAL_MODULES } from '../domain/profile-config';
import { PROCESS_CODES } from '../domain/profile/processes';
import { policySchema } from '../domain/policy';
import { roleListContentSchema } from './role-list';
import { loadDocument, type DocumentType } from './work-product-store';

/** The documents the admin page keeps in Forge storage, each versioned with an audit trail (D23). */

export const ROLE_LIST: DocumentType<z.infer<typeof roleListContentSchema>> = { docId: 'WP.08', workProduct: 'WP.08', schema: roleListContentSchema, title: 'list of assigned roles (WP.08)' };

export const POLICY: DocumentType<z.infer<typeof policySchema>> = { docId: 'WP.14', workProduct: 'WP.14', schema: policySchema, title: 'service delivery policy (WP.14)' };

export const profileConfigSchema = z.object({
  processes: z.object(Object.fromEntries(PROCESS_CODES.map((c) => [c, z.boolean()])) as Record<(typeof PROCESS_CODES)[number], z.ZodBoolean>).strict(),
  modules: z.object(Object.fromEntries(OPTIONAL_MODULES.map((m) => [m, z.boolean()])) as Record<(typeof OPTIONAL_MODULES)[number], z.ZodBoolean>).strict(),
}).strict();

/** D2: which processes and modules are on (GEN-03). Not a 29110 work product, but versioned and audited the same way. */
export const PROFILE_CONFIG: DocumentType<z.infer<typeof profileConfigSchema>> = { docId: 'config', workProduct: 'GEN-03', schema: profileConfigSchema, title: 'profile configuration' };

const idName = z.object({ id: z.string(), name: z.string() }).strict();
export const projectMappingSchema = z.object({
  projectId: z.string(),
  projectKey: z.string(),
  projectName: z.string(),
  projectTypeKey: z.string(),
  issueTypes: z.record(z.string(), idName),
  fields: z.record(z.string(), idName),
  optionAliases: z.record(z.string(), z.record(z.string(), z.string())),
}).strict();

/** The projects the setup wizard mapped (issue types and fields per record slot). */
export const SITE_MAPPING: DocumentType<{ projects: Array<z.infer<typeof projectMappingSchema>> }> = {
  docId: 'mapping', workProduct: 'setup', schema: z.object({ projects: z.array(projectMappingSchema) }).strict(), title: 'project mapping',
};

/** The current (approved) WP.08 role list, or null before any has been approved. */
export async function loadRoleList(): Promise<{ version: number; status: string; assignments: z.infer<typeof roleListContentSchema>['assignments'] } | null> {
  const { current } = await loadDocument(ROLE_LIST);
  return current ? { version: current.version, status: current.status, assignments: current.content.assignments } : null;
}
