import { z } from 'zod';

/** The parts of Jira's REST shapes the app reads (Jira Cloud platform REST v3). Unknown keys pass through. */
export const userSchema = z.object({ accountId: z.string(), displayName: z.string(), accountType: z.string().optional() }).passthrough();
export const statusSchema = z.object({ id: z.string(), name: z.string(), statusCategory: z.object({ key: z.enum(['new', 'indeterminate', 'done', 'undefined']) }).passthrough() }).passthrough();
export const issueTypeSchema = z.object({ id: z.string(), name: z.string() }).passthrough();

export const issueSummarySchema = z.object({
  id: z.string(),
  key: z.string(),
  fields: z.object({
    summary: z.string(),
    issuetype: issueTypeSchema,
    status: statusSchema,
    priority: z.object({ name: z.string() }).passthrough().nullable().optional(),
    resolution: z.object({ name: z.string() }).passthrough().nullable().optional(),
  }).passthrough(),
  properties: z.record(z.string(), z.unknown()).optional(),
}).passthrough();
export type IssueSummary = z.infer<typeof issueSummarySchema>;

export const projectSchema = z.object({ id: z.string(), key: z.string(), name: z.string() }).passthrough();

export const searchPageSchema = z.object({
  issues: z.array(z.object({ id: z.string(), key: z.string().optional(), fields: z.record(z.string(), z.unknown()).optional() }).passthrough()),
  nextPageToken: z.string().optional(),
  isLast: z.boolean().optional(),
}).passthrough();

export const permissionsSchema = z.object({ permissions: z.record(z.string(), z.object({ havePermission: z.boolean() }).passthrough()) }).passthrough();
