import { z } from 'zod';

/** The resolver request as @forge/resolver hands it over; `accountId` is set by the platform, not the browser. */
export interface ResolverRequest { payload: unknown; context: Record<string, unknown> & { accountId?: string } }

export class ResolverInputError extends Error {
  constructor(message: string) { super(message); this.name = 'ResolverInputError'; }
}

export function parseInput<S extends z.ZodType>(what: string, schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new ResolverInputError(`${what} is invalid: ${parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : what} ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export const noPayload = z.object({}).strict();

export const issueExtensionSchema = z.object({
  type: z.literal('jira:issuePanel'),
  issue: z.object({ id: z.string(), key: z.string(), type: z.string().optional(), typeId: z.string().optional() }).passthrough(),
  project: z.object({ id: z.string(), key: z.string() }).passthrough(),
}).passthrough();

export const projectExtensionSchema = z.object({
  type: z.literal('jira:projectPage'),
  project: z.object({ id: z.string(), key: z.string() }).passthrough(),
}).passthrough();

export function requireAccountId(context: ResolverRequest['context']): string {
  if (typeof context.accountId !== 'string' || !context.accountId) throw new ResolverInputError('This action needs a signed-in Jira user.');
  return context.accountId;
}
