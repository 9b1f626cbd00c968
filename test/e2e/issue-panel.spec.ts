/**
 * A person clicks through the sandbox's Jira-like shell; the Forge app's issue panel loads, unmodified,
 * in an iframe and talks to the sandbox through @forge/bridge.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { actAs, getAs, sandboxUsers, type SandboxUser } from './sandbox';

interface ProjectSummary {
  id: string;
  key: string;
  name: string;
  projectTypeKey?: string;
}

interface IssueSummary {
  key: string;
  fields: { issuetype?: { name: string }; reporter?: { accountId?: string } | null };
}

const NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

/** The demo agent the panel test acts as: the Incident Manager, else a Practitioner, else any agent with a role. */
function pickAgent(users: SandboxUser[]): SandboxUser {
  const agents = users.filter((u) => u.accountType === 'atlassian' && u.roles.length > 0);
  const agent =
    agents.find((u) => /incident manager/i.test(u.title)) ??
    agents.find((u) => u.roles.includes('IM')) ??
    agents.find((u) => /practitioner/i.test(u.title) || u.roles.includes('PT')) ??
    agents[0];
  if (!agent) throw new Error('The seed has no agent with a 29110 role.');
  return agent;
}

async function serviceProject(request: APIRequestContext, agent: SandboxUser): Promise<ProjectSummary> {
  const { status, body } = await getAs<{ values: ProjectSummary[] }>(request, agent, '/rest/api/3/project/search');
  expect(status, 'project search as the agent').toBe(200);
  const project = body.values.find((p) => p.projectTypeKey === 'service_desk') ?? body.values[0];
  if (!project) throw new Error('The seed has no project the agent can browse.');
  return project;
}

test('an agent opens a seeded incident and sees the 29110 issue panel', async ({ page, request }) => {
  const users = await sandboxUsers(request);
  const agent = pickAgent(users);
  const project = await serviceProject(request, agent);

  await page.goto('/');
  await actAs(page, agent);
  await page.getByRole('link', { name: project.name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${project.key}$`));

  const incidentRow = page
    .locator('[data-testid^="issue-row-"]')
    .filter({ has: page.getByRole('cell', { name: 'Incident', exact: true }) })
    .first();
  await expect(incidentRow).toBeVisible();
  const key = (await incidentRow.getAttribute('data-testid'))?.replace('issue-row-', '') ?? '';
  expect(key).toMatch(new RegExp(`^${project.key}-\\d+$`));
  await incidentRow.getByRole('link', { name: key, exact: true }).click();

  await expect(page).toHaveURL(new RegExp(`/browse/${key}$`));
  await expect(page.getByTestId('issue-key')).toHaveText(key);

  const panelFrame = page.getByTestId('app-frame');
  await expect(panelFrame).toHaveAttribute('title', 'Service delivery (29110)');
  const panel = page.frameLocator('[data-testid=app-frame]');
  await expect(panel.getByTestId('sd-issue-key')).toHaveText(key);
  await expect(panel.getByTestId('sd-issue-type')).toHaveText('Incident');
  for (const role of agent.roles) {
    await expect(panel.getByTestId('sd-viewer-roles')).toContainText(role);
  }
});

test('a customer opening another customer’s issue is told it does not exist', async ({ page, request }) => {
  const users = await sandboxUsers(request);
  const agent = pickAgent(users);
  const customers = users.filter((u) => u.accountType === 'customer');
  expect(customers.length, 'the seed needs at least two customers').toBeGreaterThanOrEqual(2);
  const project = await serviceProject(request, agent);

  const jql = encodeURIComponent(`project = ${project.key} ORDER BY created DESC`);
  const { body } = await getAs<{ issues: IssueSummary[] }>(request, agent, `/rest/api/3/search/jql?jql=${jql}&fields=reporter,issuetype&maxResults=100`);
  // Find an issue raised by one customer that another customer may not see (asked through the REST API).
  let target: { viewer: SandboxUser; issueKey: string } | undefined;
  search: for (const issue of body.issues) {
    const reporterId = issue.fields.reporter?.accountId;
    if (!customers.some((c) => c.accountId === reporterId)) continue;
    for (const viewer of customers.filter((c) => c.accountId !== reporterId)) {
      const { status } = await getAs<unknown>(request, viewer, `/rest/api/3/issue/${issue.key}`);
      if (status === 404) {
        target = { viewer, issueKey: issue.key };
        break search;
      }
    }
  }
  if (!target) throw new Error('The seed has no customer issue hidden from another customer.');

  await page.goto('/');
  await actAs(page, target.viewer);
  await page.goto(`/browse/${target.issueKey}`);
  await expect(page.getByText(NOT_FOUND)).toBeVisible();
  await expect(page.getByTestId('issue-key')).toHaveCount(0);
  await expect(page.getByTestId('app-frame')).toHaveCount(0);
});

test('an agent’s internal note is marked as such, and the panel reloads with the issue', async ({ page, request }) => {
  const users = await sandboxUsers(request);
  const agent = pickAgent(users);
  const project = await serviceProject(request, agent);
  const jql = encodeURIComponent(`project = ${project.key} AND issuetype = Incident ORDER BY created DESC`);
  const { body } = await getAs<{ issues: IssueSummary[] }>(request, agent, `/rest/api/3/search/jql?jql=${jql}&fields=issuetype&maxResults=1`);
  const key = body.issues[0]?.key;
  if (!key) throw new Error('The seed has no incident.');

  await page.goto('/');
  await actAs(page, agent);
  await page.goto(`/browse/${key}`);
  await expect(page.getByTestId('issue-key')).toHaveText(key);

  const note = `Checked the firewall logs (e2e ${Date.now()})`;
  await page.getByTestId('comment-input').fill(note);
  await page.getByTestId('add-internal-note').click();
  const comment = page.locator('.comment', { hasText: note });
  await expect(comment).toBeVisible();
  await expect(comment.getByText('Internal note', { exact: true })).toBeVisible();
  await expect(page.getByTestId('comment-input')).toHaveValue('');
  await expect(page.frameLocator('[data-testid=app-frame]').getByTestId('sd-issue-key')).toHaveText(key);
});

test('closing an incident without the customer’s confirmation is refused with the reason (IN.2.5, D12)', async ({ page, request }) => {
  const users = await sandboxUsers(request);
  const agent = pickAgent(users);
  // SD-3 is the seeded incident that is resolved but not yet confirmed by the customer.
  await page.goto('/');
  await actAs(page, agent);
  await page.goto('/browse/SD-3');
  await expect(page.getByTestId('issue-status')).toHaveText('Resolved');
  await page.getByTestId('transition-Close').click();
  await expect(page.getByTestId('transition-error')).toContainText('Incident SD-3 cannot be closed yet. Still needed: a recorded confirmation by an affected party');
  await expect(page.getByTestId('issue-status')).toHaveText('Resolved');
  const reread = await getAs<{ fields: { status: { name: string } } }>(request, agent, '/rest/api/3/issue/SD-3?fields=status');
  expect(reread.body.fields.status.name).toBe('Resolved');
});
