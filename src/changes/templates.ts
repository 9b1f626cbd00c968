import type { ChangeTemplateAnswers, ChangeTemplatePayloadOf } from '../contract/change';
import { isServiceTeam } from '../domain/access';
import { scheduleFindingWords, scheduleFindings } from '../domain/change/path';
import type { ChangeSnapshot } from '../domain/change/snapshot';
import { Refusal } from '../domain/refusal';
import { FIELD_SPECS } from '../domain/setup-plan';
import { createIssueAsUser, findFieldIdByNames } from '../jira/issues';
import { updateChangeRecord } from '../store/change-records';
import { loadChangeTemplates } from '../store/change-templates';
import { loadIncidentRules } from '../store/rules';
import { loadDocument } from '../store/work-product-store';
import { SITE_MAPPING } from '../store/documents';
import type { CallerInfo } from '../resolvers/surface';
import { loadChangeContext } from './context';
import { moveTo } from './move';

/**
 * Pre-approved changes raised from their designated template (D15, D16, CHG-07): created as the person who raises it,
 * recorded with its template, and approved by that designation (the validator checks the template is designated). It
 * is still placed on the schedule: a planned slot outside a window or inside a freeze is refused (D17).
 */

export async function changeTemplateList(_projectKey: string, caller: CallerInfo): Promise<ChangeTemplateAnswers['changeTemplates.list']> {
  const { templates } = await loadChangeTemplates();
  const may = isServiceTeam(caller);
  return {
    templates: templates.map((t) => ({
      id: t.id, name: t.name, description: t.description, qualifiedBy: t.qualifiedBy.key, controlManager: t.controlManager, businessApprover: t.businessApprover,
      agreedOn: t.agreedOn, designatedAt: t.designatedAt, services: t.defaults.services, configurationItems: t.defaults.cis,
    })),
    mayRaise: may,
    reason: may ? null : 'Only the service team raises changes.',
  };
}

async function fieldId(projectKey: string, slot: 'changeType' | 'affectedServices' | 'impactedCis' | 'plannedStart' | 'plannedEnd'): Promise<string | null> {
  const mapping = await loadDocument(SITE_MAPPING);
  const mapped = mapping.current?.content.projects.find((p) => p.projectKey === projectKey)?.fields[slot]?.id;
  return mapped ?? findFieldIdByNames(FIELD_SPECS[slot].synonyms);
}

/** The site's option for "Pre-approved" (JSM calls it "Standard"), from the wizard's aliases. */
async function preApprovedOption(projectKey: string): Promise<string> {
  const mapping = await loadDocument(SITE_MAPPING);
  const aliases = mapping.current?.content.projects.find((p) => p.projectKey === projectKey)?.optionAliases.changeType ?? {};
  return Object.entries(aliases).find(([, v]) => v === 'Pre-approved')?.[0] ?? 'Pre-approved';
}

export async function raiseFromTemplate(projectKey: string, p: ChangeTemplatePayloadOf<'changeTemplates.raise'>, caller: CallerInfo, clock: () => number): Promise<ChangeTemplateAnswers['changeTemplates.raise']> {
  const now = clock();
  const { templates } = await loadChangeTemplates();
  const template = templates.find((t) => t.id === p.templateId);
  if (!template) throw new Refusal('refused', 'That pre-approved change is not designated (any more). Reload the list.');
  const start = p.plannedStart ? Date.parse(p.plannedStart) : null;
  const end = p.plannedEnd ? Date.parse(p.plannedEnd) : null;
  if ((start === null) !== (end === null)) throw new Refusal('invalid-input', 'Planned start and Planned end: give both, or neither.');
  if (start !== null && end !== null) {
    if (end <= start) throw new Refusal('invalid-input', 'Planned end: must be after the planned start.');
    const draft: ChangeSnapshot = {
      id: '', key: 'The change', summary: p.summary ?? template.defaults.summary, projectKey, createdAt: now, status: { name: 'Draft', category: 'new' }, priority: null,
      reporter: { accountId: caller.accountId, displayName: caller.displayName }, requesterIds: [caller.accountId], builder: null, builderIds: [], deployer: null, deployerIds: [],
      changeTypeValue: 'Pre-approved', impact: null, urgency: null, services: template.defaults.services, cis: template.defaults.cis, plannedStart: start, plannedEnd: end,
      plans: { implementation: true, test: true, backOut: true, businessImpact: true }, links: [], missingFields: [],
    };
    const context = await loadChangeContext(draft, now, 'user');
    const findings = scheduleFindings(draft, 'Pre-approved', { roles: null, secureComponentProcedureApproved: false, designatedTemplates: new Set(), schedule: context.schedule, customerAgreementApproved: true });
    if (findings.refusals.length) throw new Refusal('refused', `It cannot be planned then: it would be ${findings.refusals.map((r) => (context.schedule ? scheduleFindingWords(r, context.schedule, 'Pre-approved') : r.message)).join(' ')} (D17)`);
  }
  const rules = await loadIncidentRules(now);
  const fields: Record<string, unknown> = {
    project: { key: projectKey }, issuetype: { name: rules.changeIssueType(projectKey) }, summary: p.summary ?? template.defaults.summary,
  };
  const [typeField, servicesField, cisField, startField, endField, option] = await Promise.all([
    fieldId(projectKey, 'changeType'), fieldId(projectKey, 'affectedServices'), fieldId(projectKey, 'impactedCis'), fieldId(projectKey, 'plannedStart'), fieldId(projectKey, 'plannedEnd'), preApprovedOption(projectKey),
  ]);
  if (!typeField) throw new Refusal('refused', 'This site has no Change type field: an administrator runs the setup wizard to add it.');
  fields[typeField] = { value: option };
  if (servicesField && template.defaults.services.length) fields[servicesField] = template.defaults.services.map((value) => ({ value }));
  if (cisField && template.defaults.cis.length) fields[cisField] = template.defaults.cis;
  const jiraTime = (t: number) => new Date(t).toISOString().replace('Z', '+0000');
  if (startField && endField && start !== null && end !== null) { fields[startField] = jiraTime(start); fields[endField] = jiraTime(end); }
  const created = await createIssueAsUser(fields);
  await updateChangeRecord({ issueId: created.id, issueKey: created.key, projectKey }, (r) => (r.template ? undefined : { ...r, template: { id: template.id, name: template.name } }));
  const moved = await moveTo(created.key, 'evaluate', 'user');
  return {
    key: created.key,
    message: moved.moved
      ? `Raised ${created.key} from “${template.name}”: approved by its designation.${start === null ? ' Place it on the change schedule before it is deployed.' : ''}`
      : `Raised ${created.key} from “${template.name}”. It is approved by its designation; ${moved.reason ? `Jira kept its status: ${moved.reason}` : 'move it to Approved when the workflow allows.'}`,
  };
}
