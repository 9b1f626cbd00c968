import { z } from 'zod';
import { jiraError, type Reply } from '../http';

/**
 * Injected Jira failures (`POST /sandbox/faults`): the next `times` REST calls whose method and path match answer
 * `status` with Jira's error shape instead of being served, whoever makes them (a Jira client, the app through the
 * Forge proxy, the Custom UI's requestJira). Tests use it to show what the app does when Jira fails part-way, e.g.
 * the setup wizard's failure report and resume (issue #4). Nothing is changed on the site by a failed call.
 */
export const faultSchema = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE']),
  /** The request path without the query, matched as a prefix, e.g. `/rest/api/3/field`. */
  path: z.string().startsWith('/rest/', 'must start with /rest/'),
  status: z.number().int().min(400).max(599),
  message: z.string().min(1).max(500).default('Injected by the sandbox (POST /sandbox/faults).'),
  times: z.number().int().min(1).max(1000).default(1),
}).strict();

export type Fault = z.infer<typeof faultSchema>;

export class Faults {
  private list: Array<Fault & { hits: number }> = [];

  add(body: unknown): Fault {
    const parsed = faultSchema.safeParse(body);
    if (!parsed.success) throw jiraError(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`));
    this.list.push({ ...parsed.data, hits: 0 });
    return parsed.data;
  }

  clear(): void { this.list = []; }

  view(): Array<Fault & { hits: number }> { return this.list.map((f) => ({ ...f })); }

  /** The failure to answer instead of serving this call, if one matches (and counts it). */
  take(method: string, pathname: string): Reply | null {
    const fault = this.list.find((f) => f.method === method && pathname.startsWith(f.path));
    if (!fault) return null;
    fault.hits++;
    if (fault.hits >= fault.times) this.list = this.list.filter((f) => f !== fault);
    return { status: fault.status, body: { errorMessages: [fault.message], errors: {} } };
  }
}
