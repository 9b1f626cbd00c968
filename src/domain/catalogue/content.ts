/**
 * The service catalogue (WP.10; RE.1.1–RE.1.3, RE-05..RE-07, SVC-03, D13): one or more catalogues (RE-05), each a
 * versioned work product (D23) listing services with the WP.10 content. Pure: no storage, time is a parameter.
 *
 * - WP.10 content: per service its description, service hours, quality measures and targets, how to request it,
 *   costs (optional), contacts, dependencies on suppliers and configuration items, applicable standards and policies,
 *   and how complaints are handled (WP.10 NOTE).
 * - D13: a vital service makes every incident affecting it significant.
 * - SVC-03: each service has a portfolio status (Pipeline, Live, Retired); only Live services are offered.
 * - A service's name is the value of the Jira "Affected services" option: unique across every catalogue, case-insensitive.
 * - RE-06: a service has at least one quality measure with its target (checked before approval).
 * - RE.1.3 NOTE, RE-07: once a catalogue has been approved, a new draft names the service change request that carries it.
 */
import { z } from 'zod';

export const PORTFOLIO_STATUSES = ['Pipeline', 'Live', 'Retired'] as const;
export type PortfolioStatus = (typeof PORTFOLIO_STATUSES)[number];
export const PORTFOLIO_STATUS_WORDS: Readonly<Record<PortfolioStatus, string>> = { Pipeline: 'Planned (not offered yet)', Live: 'Offered', Retired: 'Retired' };

/** Limits (Forge storage keeps at most 240 KB in one value). */
export const CATALOGUE_LIMITS = { services: 60, name: 120, text: 2000, short: 300, list: 30 } as const;

export const ISSUE_KEY_PATTERN = /^[A-Z][A-Z0-9_]*-\d+$/;

const str = z.string().max(CATALOGUE_LIMITS.text * 2);
const names = z.array(z.string().max(CATALOGUE_LIMITS.short)).max(CATALOGUE_LIMITS.list * 2);

export const qualityTargetSchema = z.object({ measure: str, target: str }).strict();

export const catalogueServiceSchema = z.object({
  /** A stable key of the service within its catalogue (the name may be corrected). */
  id: z.string().min(1).max(64),
  name: str,
  description: str,
  hours: str,
  quality: z.array(qualityTargetSchema).max(CATALOGUE_LIMITS.list * 2),
  howToRequest: str,
  costs: str,
  contacts: str,
  dependencies: z.object({ suppliers: names, configurationItems: names }).strict(),
  standards: str,
  complaints: str,
  vital: z.boolean(),
  /** JSM organization ids; empty = offered to every customer. */
  offeredTo: names,
  status: z.enum(PORTFOLIO_STATUSES),
}).strict();
export type CatalogueService = z.infer<typeof catalogueServiceSchema>;

export const catalogueContentSchema = z.object({
  name: str,
  description: str,
  services: z.array(catalogueServiceSchema).max(CATALOGUE_LIMITS.services * 2),
  /** RE.1.3 NOTE: the service change request (Jira issue key) that carries this update of an approved catalogue. */
  changeRequest: z.string().max(40).nullable(),
}).strict();
export type CatalogueContent = z.infer<typeof catalogueContentSchema>;

/** The label of each field, as the editor shows it (errors name the field by its label). */
export const SERVICE_FIELD_LABELS = {
  name: 'Service name', description: 'Description', hours: 'Service hours', quality: 'Quality measures and targets', howToRequest: 'How to request it',
  costs: 'Costs', contacts: 'Contacts', suppliers: 'Suppliers it depends on', configurationItems: 'Configuration items it depends on',
  standards: 'Standards and policies that apply', complaints: 'How complaints are handled', vital: 'Vital service', offeredTo: 'Offered to', status: 'Status',
} as const;
export type ServiceField = keyof typeof SERVICE_FIELD_LABELS;

export const CATALOGUE_FIELD_LABELS = { name: 'Catalogue name', description: 'Catalogue description', changeRequest: 'Service change request' } as const;

export function blankService(id: string): CatalogueService {
  return {
    id, name: '', description: '', hours: '', quality: [{ measure: '', target: '' }], howToRequest: '', costs: '', contacts: '',
    dependencies: { suppliers: [], configurationItems: [] }, standards: '', complaints: '', vital: false, offeredTo: [], status: 'Pipeline',
  };
}

export function blankCatalogue(): CatalogueContent {
  return { name: '', description: '', services: [], changeRequest: null };
}

/** One problem of a catalogue, named by its label; `serviceId` / `field` say where the editor shows it. */
export interface CatalogueIssue {
  serviceId: string | null;
  field: ServiceField | keyof typeof CATALOGUE_FIELD_LABELS | 'services';
  message: string;
  /** Blocks saving a draft (else only approval). */
  blocksDraft: boolean;
  /** The rule ids, for the "Why?" line. */
  rules: string[];
}

export interface CatalogueCheckContext {
  /** Checks every rule approval needs (else only what keeps a draft storable and unambiguous). */
  forApproval: boolean;
  /** Whether this catalogue already has an approved version (RE.1.3 NOTE). */
  approvedBefore: boolean;
  /** The service names of the other catalogues (approved versions and drafts): names are unique across all (RE-05). */
  otherServiceNames: ReadonlyArray<{ name: string; catalogue: string }>;
}

export const normaliseServiceName = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** The rules of a catalogue: every issue found, each naming the field by its label and the rule broken. */
export function checkCatalogue(content: CatalogueContent, ctx: CatalogueCheckContext): CatalogueIssue[] {
  const out: CatalogueIssue[] = [];
  const add = (serviceId: string | null, field: CatalogueIssue['field'], message: string, blocksDraft: boolean, rules: string[]) => {
    if (blocksDraft || ctx.forApproval) out.push({ serviceId, field, message, blocksDraft, rules });
  };
  const L = CATALOGUE_LIMITS;
  const long = (value: string, max: number) => value.trim().length > max;

  if (content.name.trim() === '') add(null, 'name', 'Catalogue name is required.', true, ['WP.10']);
  else if (long(content.name, L.name)) add(null, 'name', `Catalogue name may be at most ${L.name} characters long.`, true, ['WP.10']);
  if (long(content.description, L.text)) add(null, 'description', `Catalogue description may be at most ${L.text} characters long.`, true, ['WP.10']);
  if (content.services.length > L.services) add(null, 'services', `A catalogue holds at most ${L.services} services; split it into several catalogues.`, true, ['RE-05']);
  if (ctx.forApproval && content.services.length === 0) add(null, 'services', 'The catalogue lists no service yet: add at least one before approving it.', false, ['WP.10']);

  const cr = content.changeRequest?.trim() ?? '';
  if (cr !== '' && !ISSUE_KEY_PATTERN.test(cr)) add(null, 'changeRequest', `Service change request "${cr}" is not an issue key (for example SD-42).`, true, ['RE.1.3']);
  if (ctx.approvedBefore && cr === '') {
    add(null, 'changeRequest', 'Service change request is required: an approved catalogue changes only through a service change request. Name the change that carries this update.', true, ['RE.1.3', 'RE-07']);
  }

  const seen = new Map<string, string>();
  const ids = new Set<string>();
  const others = new Map(ctx.otherServiceNames.map((o) => [normaliseServiceName(o.name), o.catalogue]));
  content.services.forEach((s, i) => {
    const label = s.name.trim() ? `Service “${s.name.trim()}”` : `Service ${i + 1}`;
    const req = (field: ServiceField, value: string, rules: string[], what = `${SERVICE_FIELD_LABELS[field]} is required`) => {
      if (value.trim() === '') add(s.id, field, `${label}: ${what}.`, false, rules);
    };
    if (ids.has(s.id)) add(s.id, 'name', `${label}: two services share the key ${s.id}; reload the page.`, true, ['D23']);
    ids.add(s.id);
    const name = s.name.trim();
    if (name === '') add(s.id, 'name', `${label}: Service name is required.`, true, ['WP.10']);
    else {
      if (long(name, L.name)) add(s.id, 'name', `${label}: Service name may be at most ${L.name} characters long.`, true, ['WP.10']);
      if (name.includes(',')) add(s.id, 'name', `${label}: Service name must not contain a comma (it is also the value of the Jira field “Affected services”).`, true, ['WP.10']);
      const key = normaliseServiceName(name);
      if (seen.has(key)) add(s.id, 'name', `${label}: Service name is used twice in this catalogue; each service needs its own name.`, true, ['RE-05']);
      seen.set(key, s.id);
      const other = others.get(key);
      if (other !== undefined) add(s.id, 'name', `${label}: Service name is already used in the catalogue “${other}”; a service's name is unique across every catalogue.`, true, ['RE-05']);
    }
    for (const field of ['description', 'hours', 'howToRequest', 'costs', 'contacts', 'standards', 'complaints'] as const) {
      if (long(s[field], L.text)) add(s.id, field, `${label}: ${SERVICE_FIELD_LABELS[field]} may be at most ${L.text} characters long.`, true, ['WP.10']);
    }
    for (const [field, list] of [['suppliers', s.dependencies.suppliers], ['configurationItems', s.dependencies.configurationItems], ['offeredTo', s.offeredTo]] as const) {
      if (list.length > L.list) add(s.id, field, `${label}: ${SERVICE_FIELD_LABELS[field]} lists at most ${L.list} entries.`, true, ['WP.10']);
      if (list.some((x) => x.trim() === '')) add(s.id, field, `${label}: ${SERVICE_FIELD_LABELS[field]} has an empty entry.`, true, ['WP.10']);
    }
    req('description', s.description, ['WP.10']);
    req('hours', s.hours, ['WP.10'], 'Service hours are required (for example “Mon–Fri 08:00–18:00 Europe/Lisbon”)');
    req('howToRequest', s.howToRequest, ['WP.10']);
    req('contacts', s.contacts, ['WP.10'], 'Contacts are required');
    req('complaints', s.complaints, ['WP.10'], 'How complaints are handled is required');
    const filled = s.quality.filter((q) => q.measure.trim() !== '' || q.target.trim() !== '');
    if (filled.length === 0) add(s.id, 'quality', `${label}: name at least one quality measure with its target (for example “Availability” – “99.9 % a month”).`, false, ['RE-06', 'WP.10']);
    filled.forEach((q, j) => {
      if (q.measure.trim() === '') add(s.id, 'quality', `${label}: quality target ${j + 1} (“${q.target.trim()}”) names no measure.`, false, ['RE-06']);
      if (q.target.trim() === '') add(s.id, 'quality', `${label}: the quality measure “${q.measure.trim()}” has no target.`, false, ['RE-06']);
      if (long(q.measure, L.short) || long(q.target, L.short)) add(s.id, 'quality', `${label}: a quality measure or target may be at most ${L.short} characters long.`, true, ['WP.10']);
    });
    if (s.quality.length > L.list) add(s.id, 'quality', `${label}: at most ${L.list} quality measures.`, true, ['WP.10']);
  });
  return out;
}

/** Trims every text and drops empty list entries and empty quality rows (what is stored). */
export function tidyCatalogue(content: CatalogueContent): CatalogueContent {
  const list = (xs: readonly string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];
  return {
    name: content.name.trim(), description: content.description.trim(), changeRequest: content.changeRequest?.trim().toUpperCase() || null,
    services: content.services.map((s) => ({
      ...s, name: s.name.trim().replace(/\s+/g, ' '), description: s.description.trim(), hours: s.hours.trim(), howToRequest: s.howToRequest.trim(),
      costs: s.costs.trim(), contacts: s.contacts.trim(), standards: s.standards.trim(), complaints: s.complaints.trim(),
      quality: s.quality.map((q) => ({ measure: q.measure.trim(), target: q.target.trim() })).filter((q) => q.measure || q.target),
      dependencies: { suppliers: list(s.dependencies.suppliers), configurationItems: list(s.dependencies.configurationItems) },
      offeredTo: list(s.offeredTo),
    })),
  };
}

/** RE-06: a catalogue is drafted against an approved service delivery policy (WP.14). */
export function draftingRefusal(policyApproved: boolean): string | null {
  return policyApproved ? null : 'The service catalogue is drafted against the approved service delivery policy: approve the policy first (Policy tab), then draft the catalogue.';
}

/**
 * RE.1.3 NOTE, RE-07, CO.3.4: approving an update of an approved catalogue waits for its service change request to be
 * deployed; the deployment then publishes it. Answers why approval is refused now, or null.
 */
export function updateApprovalRefusal(p: { approvedBefore: boolean; changeRequest: string | null; changeDeployed: boolean }): string | null {
  if (!p.approvedBefore) return null;
  if (!p.changeRequest) return 'This catalogue is approved: an update is approved only through a service change request. Name the change that carries it.';
  if (!p.changeDeployed) return `This update is published when its service change request ${p.changeRequest} is deployed; it cannot be approved before then.`;
  return null;
}

/** What a draft changed against the version before, in words, for the audit trail (D23). */
export function describeCatalogueEdit(before: CatalogueContent | null, after: CatalogueContent): string {
  if (!before) return `Drafted the catalogue “${after.name}” with ${after.services.length} service${after.services.length === 1 ? '' : 's'}.`;
  const old = new Map(before.services.map((s) => [s.id, s]));
  const parts: string[] = [];
  for (const s of after.services) {
    const was = old.get(s.id);
    if (!was) parts.push(`added “${s.name}”`);
    else if (JSON.stringify(was) !== JSON.stringify(s)) parts.push(was.status !== s.status ? `set “${s.name}” to ${s.status}` : `changed “${s.name}”`);
    old.delete(s.id);
  }
  for (const s of old.values()) parts.push(`removed “${s.name}”`);
  if (before.name !== after.name) parts.push(`renamed the catalogue “${after.name}”`);
  if (before.description !== after.description) parts.push('changed the description');
  const text = parts.length ? parts.join('; ') : 'saved without changes to the services';
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${after.changeRequest ? ` (through ${after.changeRequest})` : ''}.`;
}

/** The services other parts of the app read (the one list, D13): every service of the given approved catalogues but the retired ones. */
export function servicesInForce(catalogues: readonly CatalogueContent[]): CatalogueService[] {
  const seen = new Set<string>();
  const out: CatalogueService[] = [];
  for (const c of catalogues) {
    for (const s of c.services) {
      const key = normaliseServiceName(s.name);
      if (s.status === 'Retired' || seen.has(key)) continue;
      seen.add(key);
      out.push(s);
    }
  }
  return out;
}

/** The services a customer sees (SLM-02, D26): Live, offered to everyone or to one of their organizations. */
export function offeredTo(service: Pick<CatalogueService, 'status' | 'offeredTo'>, organizationIds: readonly string[]): boolean {
  return service.status === 'Live' && (service.offeredTo.length === 0 || service.offeredTo.some((id) => organizationIds.includes(id)));
}

/** The customer-facing part of a service (D26: never its configuration items, suppliers or internal costs). */
export interface CustomerService {
  name: string;
  description: string;
  hours: string;
  howToRequest: string;
  quality: Array<{ measure: string; target: string }>;
  contacts: string;
  complaints: string;
  costs: string;
}

export function customerServiceOf(s: CatalogueService): CustomerService {
  // Costs are what the customer pays: customer-facing (WP.10); suppliers and configuration items stay internal.
  return { name: s.name, description: s.description, hours: s.hours, howToRequest: s.howToRequest, quality: s.quality.map((q) => ({ ...q })), contacts: s.contacts, complaints: s.complaints, costs: s.costs };
}

/** Options of the Jira field to add and to disable so that it lists exactly the services in force (matched without case). */
export function optionSyncPlan(options: ReadonlyArray<{ id: string; value: string; disabled: boolean }>, inForce: readonly string[], retired: readonly string[]): { create: string[]; enable: string[]; disable: string[] } {
  const byName = new Map(options.map((o) => [normaliseServiceName(o.value), o]));
  const live = new Set(inForce.map(normaliseServiceName));
  const create: string[] = [];
  const enable: string[] = [];
  for (const name of inForce) {
    const o = byName.get(normaliseServiceName(name));
    if (!o) { if (!create.some((c) => normaliseServiceName(c) === normaliseServiceName(name))) create.push(name); } else if (o.disabled) enable.push(o.id);
  }
  const disable = retired.map(normaliseServiceName).filter((n) => !live.has(n)).map((n) => byName.get(n)).filter((o): o is { id: string; value: string; disabled: boolean } => !!o && !o.disabled).map((o) => o.id);
  return { create, enable, disable: [...new Set(disable)] };
}
