import { route } from '@forge/api';
import { z } from 'zod';
import { jiraGet, JiraRequestError, type Actor } from './client';

/**
 * JSM customer organizations (`/rest/servicedeskapi/organization`): a customer agreement covers one organization (D18),
 * and a customer sees what is offered or shared with the organizations they belong to (D26). Read as the app: JSM lists
 * the organizations of a given account only to agents, and the app decides what a customer may see.
 */
export interface Organization { id: string; name: string }

const organizationDto = z.object({ id: z.union([z.string(), z.number()]).transform(String), name: z.string() }).passthrough();
const paged = z.object({ values: z.array(organizationDto), isLastPage: z.boolean().optional(), size: z.number().optional() }).passthrough();

const PAGE = 50;
const MAX_PAGES = 20;

async function readAll(path: (start: number) => ReturnType<typeof route>, actor: Actor): Promise<Organization[] | null> {
  const out: Organization[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    let answer: z.infer<typeof paged>;
    try {
      answer = await jiraGet(actor, path(page * PAGE), paged);
    } catch (e) {
      // No JSM on the site (a plain Jira site answers 404): no organizations.
      if (e instanceof JiraRequestError && e.status === 404) return null;
      throw e;
    }
    out.push(...answer.values.map((o) => ({ id: o.id, name: o.name })));
    if (answer.isLastPage !== false || answer.values.length === 0) break;
  }
  return out;
}

/** Every organization of the site (at most 1,000); empty on a site without JSM. */
export async function listOrganizations(): Promise<Organization[]> {
  return (await readAll((start) => route`/rest/servicedeskapi/organization?start=${start}&limit=${PAGE}`, 'app')) ?? [];
}

/** The organizations one account belongs to; empty on a site without JSM. */
export async function organizationsOf(accountId: string): Promise<Organization[]> {
  return (await readAll((start) => route`/rest/servicedeskapi/organization?accountId=${accountId}&start=${start}&limit=${PAGE}`, 'app')) ?? [];
}
