/**
 * The setup wizard's Jira side (issue #4): read what the site has, and carry out one step of the plan that
 * src/domain/setup-plan.ts makes from it. Every call goes asUser(): the wizard acts with the admin's own
 * permissions, so Jira itself refuses a non-admin (403) and the site's audit log names the admin.
 *
 * Idempotent and resumable by construction: each step re-reads the site and re-plans before it acts, and acts only
 * if the step is still in the plan. A step that already happened (a second run, a retry after a timeout, a second
 * browser tab) is reported as skipped; a step that failed leaves the site as it was before that step, so the next
 * plan starts from there.
 */
import { route } from '@forge/api';
import { z } from 'zod';
import { FIELD_SPECS, fieldsNeedingOptions, describeStepId, planSetup, type SetupPlan, type SetupStep, type SetupWants, type SiteInventory } from '../domain/setup-plan';
import { JiraRequestError, jiraFetch, jiraGet } from './client';

// ---------------------------------------------------------------------------------------------------------------
// The parts of Jira's REST shapes the wizard reads (Jira Cloud platform REST v3). Unknown keys pass through.

const issueTypeBean = z.object({
  id: z.string(),
  name: z.string(),
  subtask: z.boolean().optional(),
  // Team-managed projects have issue types scoped to one project; those cannot be added to another project.
  scope: z.object({ type: z.string(), project: z.object({ id: z.string() }).passthrough().optional() }).passthrough().optional(),
}).passthrough();
const projectBean = z.object({ id: z.string(), key: z.string(), name: z.string(), projectTypeKey: z.string(), issueTypes: z.array(issueTypeBean).optional() }).passthrough();
const fieldBean = z.object({ id: z.string(), name: z.string(), custom: z.boolean(), schema: z.object({ custom: z.string().optional() }).passthrough().optional() }).passthrough();
const page = <T extends z.ZodType>(item: T) => z.object({ startAt: z.number().optional(), maxResults: z.number().optional(), total: z.number().optional(), isLast: z.boolean().optional(), values: z.array(item) }).passthrough();
const contextBean = z.object({ id: z.string(), isGlobalContext: z.boolean().optional() }).passthrough();
const optionBean = z.object({ id: z.string(), value: z.string(), disabled: z.boolean().optional() }).passthrough();
const schemeProjectsBean = z.object({ issueTypeScheme: z.object({ id: z.string(), name: z.string() }).passthrough(), projectIds: z.array(z.string()) }).passthrough();
const createdIssueType = z.object({ id: z.string(), name: z.string() }).passthrough();
const createdField = z.object({ id: z.string(), name: z.string() }).passthrough();
const createdOptions = z.object({ options: z.array(optionBean) }).passthrough();

export interface ProjectSummary { id: string; key: string; name: string; projectTypeKey: string }

/** Thrown when a step cannot be done: says which step, and Jira's own words, so the admin can act and run it again. */
export class SetupStepError extends Error {
  constructor(readonly stepId: string, readonly title: string, readonly status: number | null, readonly jiraMessages: string[], detail?: string) {
    const why = detail ?? (status !== null ? `Jira answered ${status}: ${jiraMessages.join(' ') || 'no details'}` : jiraMessages.join(' '));
    super(`${title} failed (step ${stepId}). ${why.replace(/[.\s]+$/, '')}. Nothing after this step was done; fix the cause and resume: the wizard re-reads the site and continues from here.`);
    this.name = 'SetupStepError';
  }
}

/** Every item of an offset-paginated (PageBean) Jira list, following `isLast`. */
async function allPages<T extends z.ZodType>(path: (startAt: number) => ReturnType<typeof route>, item: T): Promise<Array<z.infer<T>>> {
  const out: Array<z.infer<T>> = [];
  for (let startAt = 0, guard = 0; guard < 1000; guard++) {
    const p = await jiraGet('user', path(startAt), page(item));
    out.push(...p.values);
    if (p.isLast !== false || p.values.length === 0) break;
    startAt += p.values.length;
  }
  return out;
}

/** The global context of a custom field (one per field in the sandbox; Jira creates one with every new field). */
async function globalContextId(fieldId: string): Promise<string | null> {
  const contexts = await allPages((startAt) => route`/rest/api/3/field/${fieldId}/context?startAt=${startAt}`, contextBean);
  return contexts.find((c) => c.isGlobalContext === true)?.id ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

/** The projects the admin can see, for the wizard's project picker. */
export async function listProjects(): Promise<ProjectSummary[]> {
  const projects = await allPages((startAt) => route`/rest/api/3/project/search?startAt=${startAt}&maxResults=50`, projectBean);
  return projects.map((p) => ({ id: p.id, key: p.key, name: p.name, projectTypeKey: p.projectTypeKey }));
}

/**
 * What the plan needs from the site: the project with its issue types, every issue type and field of the site, and
 * the options of the select-type fields the plan may reuse (only those: one context and one option read each).
 */
export async function readInventory(projectKeyOrId: string): Promise<SiteInventory> {
  const [project, types, fields] = await Promise.all([
    jiraGet('user', route`/rest/api/3/project/${projectKeyOrId}?expand=issueTypes`, projectBean),
    jiraGet('user', route`/rest/api/3/issuetype`, z.array(issueTypeBean)),
    jiraGet('user', route`/rest/api/3/field`, z.array(fieldBean)),
  ]);
  const inventoryFields = fields.map((f) => ({ id: f.id, name: f.name, custom: f.custom, type: f.custom ? f.schema?.custom ?? null : null }));
  // The option fields are read side by side: a handful of fields, each one context read and one option read.
  const options: Record<string, string[]> = Object.fromEntries(await Promise.all(fieldsNeedingOptions(inventoryFields).map(async (fieldId) => {
    const contextId = await globalContextId(fieldId);
    const values = contextId === null ? [] : (await allPages((startAt) => route`/rest/api/3/field/${fieldId}/context/${contextId}/option?startAt=${startAt}`, optionBean)).map((o) => o.value);
    return [fieldId, values] as const;
  })));
  return {
    project: { id: project.id, key: project.key, name: project.name, projectTypeKey: project.projectTypeKey, issueTypeIds: (project.issueTypes ?? []).map((t) => t.id) },
    issueTypes: types
      .filter((t) => t.scope?.type !== 'PROJECT' || t.scope.project?.id === project.id)
      .map((t) => ({ id: t.id, name: t.name, subtask: t.subtask === true })),
    fields: inventoryFields,
    options,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Doing one step

async function execute(step: SetupStep, project: { id: string; key: string }): Promise<string> {
  switch (step.kind) {
    case 'create-issue-type': {
      // hierarchyLevel 0 is a standard issue type; Atlassian deprecated the older `type: 'standard'` for it.
      const res = await jiraFetch('user', route`/rest/api/3/issuetype`, { method: 'POST', body: { name: step.name, description: step.description, hierarchyLevel: 0 } });
      const created = createdIssueType.parse(await res.json());
      return `Created the issue type "${created.name}" (id ${created.id}).`;
    }
    case 'add-issue-type-to-project': {
      if (step.issueTypeId === null) throw new SetupStepError(step.id, step.title, null, [], `The issue type "${step.name}" does not exist yet; run "issuetype:create:${step.slot}" first`);
      const schemes = await allPages((startAt) => route`/rest/api/3/issuetypescheme/project?projectId=${project.id}&startAt=${startAt}`, schemeProjectsBean);
      const scheme = schemes.find((s) => s.projectIds.includes(project.id));
      // Team-managed projects have no issue type scheme; their issue types are edited in the project settings.
      if (!scheme) throw new SetupStepError(step.id, step.title, null, [], `Project ${project.key} has no issue type scheme (is it team-managed?); add the issue type "${step.name}" in the project settings`);
      await jiraFetch('user', route`/rest/api/3/issuetypescheme/${scheme.issueTypeScheme.id}/issuetype`, { method: 'PUT', body: { issueTypeIds: [step.issueTypeId] } });
      return `Added "${step.name}" to project ${project.key} (issue type scheme "${scheme.issueTypeScheme.name}").`;
    }
    case 'create-field': {
      const res = await jiraFetch('user', route`/rest/api/3/field`, { method: 'POST', body: { name: step.name, description: fieldDescription(step), type: step.type, searcherKey: step.searcherKey } });
      const created = createdField.parse(await res.json());
      return `Created the field "${created.name}" (${created.id}).`;
    }
    case 'add-field-options': {
      if (step.fieldId === null) throw new SetupStepError(step.id, step.title, null, [], `The field does not exist yet; run "field:create:${step.slot}" first`);
      const contextId = await globalContextId(step.fieldId);
      if (contextId === null) throw new SetupStepError(step.id, step.title, null, [], `The field ${step.fieldId} has no global context; add the options ${step.values.join(', ')} in the field's settings`);
      const res = await jiraFetch('user', route`/rest/api/3/field/${step.fieldId}/context/${contextId}/option`, { method: 'POST', body: { options: step.values.map((value) => ({ value })) } });
      const created = createdOptions.parse(await res.json());
      return `Added the option${created.options.length > 1 ? 's' : ''} ${created.options.map((o) => o.value).join(', ')} to the field ${step.fieldId}.`;
    }
  }
}

function fieldDescription(step: Extract<SetupStep, { kind: 'create-field' }>): string {
  return `${FIELD_SPECS[step.slot].description} Created by the Service delivery (29110) setup wizard.`;
}

function wrap(stepId: string, title: string, e: unknown): never {
  if (e instanceof SetupStepError) throw e;
  if (e instanceof JiraRequestError) throw new SetupStepError(stepId, title, e.status, e.messages);
  throw new SetupStepError(stepId, title, null, [], e instanceof Error ? e.message : String(e));
}

/**
 * Carries out one step of the current plan for `projectKey`, if it is still needed. Re-reads and re-plans
 * afterwards, and answers the new plan so the wizard shows what is left.
 */
export async function runSetupStep(projectKey: string, stepId: string, wants: SetupWants): Promise<{ status: 'done' | 'skipped'; title: string; message: string; plan: SetupPlan }> {
  const label = describeStepId(stepId);
  if (label === null) throw new SetupStepError(stepId, `Step "${stepId}"`, null, [], 'There is no such setup step');
  let before: SetupPlan;
  try { before = planSetup(await readInventory(projectKey), wants); } catch (e) { wrap(stepId, label, e); }
  const step = before.steps.find((s) => s.id === stepId);
  if (!step) return { status: 'skipped', title: label, message: 'Already done: the site has what this step would add.', plan: before };
  let message: string;
  try { message = await execute(step, { id: before.mapping.projectId, key: before.mapping.projectKey }); } catch (e) { wrap(step.id, step.title, e); }
  let after: SetupPlan;
  try { after = planSetup(await readInventory(projectKey), wants); } catch (e) { wrap(stepId, `Reading the site after "${step.title}"`, e); }
  return { status: 'done', title: step.title, message, plan: after };
}
