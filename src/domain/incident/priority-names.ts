import { PRIORITIES, type Priority } from '../priority-matrix';

/**
 * D8 priorities (Critical, High, Normal, Low) and a Jira site's priority names. A JSM site usually has the
 * profile's names; a plain Jira Cloud site has Highest, High, Medium, Low, Lowest. The trigger sets the first
 * name of the list the site has, and the SLA replay reads a site name back as the profile priority.
 */
export const JIRA_PRIORITY_NAMES: Readonly<Record<Priority, readonly string[]>> = {
  Critical: ['Critical', 'Highest', 'Blocker', 'Urgent'],
  High: ['High', 'Major'],
  Normal: ['Normal', 'Medium'],
  Low: ['Low', 'Lowest', 'Minor', 'Trivial'],
};

/** The profile priority a Jira priority name stands for; the name itself when it is none of ours. */
export function profilePriorityOf(jiraName: string | null): string | null {
  if (jiraName === null) return null;
  const n = jiraName.trim().toLowerCase();
  for (const p of PRIORITIES) if (JIRA_PRIORITY_NAMES[p].some((x) => x.toLowerCase() === n)) return p;
  return jiraName;
}

/** The site's name for a profile priority, from the names the site has; null when it has none of them. */
export function jiraPriorityFor(priority: Priority, siteNames: readonly string[]): string | null {
  const lower = new Map(siteNames.map((s) => [s.trim().toLowerCase(), s]));
  for (const candidate of JIRA_PRIORITY_NAMES[priority]) {
    const hit = lower.get(candidate.toLowerCase());
    if (hit !== undefined) return hit;
  }
  return null;
}
