import { kvs } from '@forge/kvs';
import { STORAGE_KEYS } from './keys';
import { roleListSchema, type RoleListDocument } from './role-list';

/** The current WP.08 list of assigned roles, or null when none has been saved yet. */
export async function loadRoleList(): Promise<RoleListDocument | null> {
  const raw = await kvs.get<unknown>(STORAGE_KEYS.roleList);
  if (raw === undefined) return null;
  const parsed = roleListSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`The stored role list (WP.08) is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}
