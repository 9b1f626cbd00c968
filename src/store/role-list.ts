import { z } from 'zod';
import { ROLE_CODES } from '../domain/roles';

/**
 * WP.08 List of assigned roles as stored (D23): the assignments and ROL-06 overrides (changed through a draft the
 * Service Manager approves). Training and competence records (IN.1.1, IN.1.2, GO.3.1; ROL-22, IN-14) update the list
 * directly (GO-12) and are stored one row each (training.ts); `training` holds those that versions before issue #11
 * kept inside the list (legacy, still read and shown, never added to).
 */
export const assignmentSchema = z.object({
  accountId: z.string().min(1),
  roles: z.array(z.enum(ROLE_CODES)),
  practitionerAreas: z.array(z.string()).optional(),
}).strict();

export const overrideSchema = z.object({
  rule: z.literal('ROL-06'),
  accountId: z.string().min(1),
  justification: z.string(),
  grantedBy: z.string(),
  grantedAt: z.string(),
  /** D27: granted by the person it concerns, the only Jira administrator. */
  selfGranted: z.boolean().optional(),
}).strict();

export const trainingRecordSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  kind: z.enum(['training', 'competence']),
  title: z.string(),
  completedOn: z.string(),
  notes: z.string(),
  task: z.enum(['IN.1.1', 'IN.1.2', 'GO.3.1']),
  recordedBy: z.string(),
  recordedAt: z.string(),
}).strict();

export const roleListContentSchema = z.object({
  assignments: z.array(assignmentSchema),
  overrides: z.array(overrideSchema),
  training: z.array(trainingRecordSchema),
}).strict();
export type RoleListContentStored = z.infer<typeof roleListContentSchema>;

/** A draft changes only assignments and overrides (its `training` stays empty; approval keeps the current version's). */
export const roleListDraftSchema = z.object({ assignments: z.array(assignmentSchema), overrides: z.array(overrideSchema), training: z.array(trainingRecordSchema) }).strict();
