import { z } from 'zod';
import { ROLE_CODES } from '../domain/roles';

/** WP.08 List of assigned roles as stored in Forge storage (D23: versioned, with status and author). */
export const roleListSchema = z.object({
  workProduct: z.literal('WP.08'),
  version: z.number().int().positive(),
  status: z.enum(['Draft', 'Approved', 'Updated']),
  assignments: z.array(z.object({ accountId: z.string().min(1), roles: z.array(z.enum(ROLE_CODES)) })),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type RoleListDocument = z.infer<typeof roleListSchema>;
