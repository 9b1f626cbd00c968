import { randomUUID } from 'node:crypto';
import type { CatalogueDraftView, CataloguePerson, CatalogueTabView, CatalogueVersionView, CatalogueView, PortalCatalogueView } from '../contract/catalogue';
import { mayCall, type Caller } from '../domain/access';
import {
  checkCatalogue, customerServiceOf, describeCatalogueEdit, draftingRefusal, normaliseServiceName, offeredTo, optionSyncPlan, servicesInForce, tidyCatalogue, updateApprovalRefusal,
  type CatalogueContent,
} from '../domain/catalogue/content';
import { recordKindOf } from '../domain/record-kind';
import { Refusal } from '../domain/refusal';
import { listOrganizations, organizationsOf } from '../jira/organizations';
import { getIssueRefAsUser, syncServiceOptions } from '../jira/services';
import { getUsers } from '../jira/users';
import {
  approveCatalogueDraft, discardCatalogueDraft, indexCatalogueChange, loadCatalogue, loadCatalogueVersion, loadCatalogues, loadChangeIndex, saveCatalogueDraft, type CatalogueState,
} from '../store/catalogues';
import { loadChangeRecord } from '../store/change-records';
import { listConfigurationItems } from '../store/configuration-items';
import { POLICY, SITE_MAPPING } from '../store/documents';
import { loadIncidentRules } from '../store/rules';
import { auditTrail, ConflictError, loadDocument, type StoredVersion } from '../store/work-product-store';

/**
 * The service catalogue (WP.10) on the service team's page and in the customer's part of the portal. The rules live in
 * src/domain/catalogue/content.ts; storage in src/store/catalogues.ts.
 * - RE.1.1: the RM or SM drafts (RE-06: against the approved policy, WP.14);
 * - RE.1.2: the SM or RM approves and publishes; the Jira field "Affected services" is then brought in line;
 * - RE.1.3 NOTE, RE-07: an approved catalogue changes only through a service change request; CO.3.4: the change's
 *   deployment publishes the drafts naming it (publishCatalogueUpdatesFor, called by the change pipeline);
 * - SLM-02, D26: a customer reads only the Live services offered to their organizations, customer-facing fields only.
 */

const slug = (name: string): string => name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'catalogue';

async function namer(ids: Iterable<string>): Promise<(id: string) => CataloguePerson> {
  const wanted = [...new Set([...ids].filter((id) => id && id !== 'app'))];
  const people = wanted.length ? await getUsers(wanted, 'app').catch((e: unknown) => { console.error('catalogue: could not read people', e); return []; }) : [];
  const names = new Map(people.map((p) => [p.accountId, p.displayName]));
  return (accountId) => ({ accountId, displayName: accountId === 'app' ? 'the app' : names.get(accountId) ?? accountId });
}

/** The service names of every catalogue but `exceptId` (approved versions and drafts): names are unique across all. */
function otherNames(all: readonly CatalogueState[], exceptId: string | null): Array<{ name: string; catalogue: string }> {
  return all.filter((c) => c.id !== exceptId).flatMap((c) => {
    const label = c.current?.content.name ?? c.draft?.content.name ?? c.id;
    const names = new Set([...(c.current?.content.services ?? []), ...(c.draft?.content.services ?? [])].filter((s) => s.status !== 'Retired').map((s) => s.name));
    return [...names].map((name) => ({ name, catalogue: label }));
  });
}

/** RE.1.3 NOTE: the change a draft names and whether its deployment is recorded (CO.3.4). */
async function changeOf(content: CatalogueContent): Promise<{ key: string; summary: string | null; deployed: boolean } | null> {
  if (!content.changeRequest) return null;
  const index = await loadChangeIndex(content.changeRequest);
  const record = index ? await loadChangeRecord(index.issueId) : null;
  return { key: content.changeRequest, summary: null, deployed: record?.deployment?.complete === true };
}

function versionView(v: StoredVersion<CatalogueContent>, person: (id: string) => CataloguePerson): CatalogueVersionView {
  return { version: v.version, status: v.status, content: v.content, draftedBy: person(v.createdBy), draftedAt: v.createdAt, approvedBy: v.approvedBy ? person(v.approvedBy) : null, approvedAt: v.approvedAt };
}

async function catalogueView(c: CatalogueState, all: readonly CatalogueState[], person: (id: string) => CataloguePerson): Promise<CatalogueView> {
  const [history, change] = await Promise.all([auditTrail(`WP.10:${c.id}`, 50), c.draft ? changeOf(c.draft.content) : Promise.resolve(null)]);
  let draft: CatalogueDraftView | null = null;
  if (c.draft) {
    const approvedBefore = c.current !== null;
    draft = {
      revision: c.draft.revision, content: c.draft.content, updatedBy: person(c.draft.updatedBy), updatedAt: c.draft.updatedAt,
      issues: checkCatalogue(c.draft.content, { forApproval: true, approvedBefore, otherServiceNames: otherNames(all, c.id) }),
      change, approvalRefusal: updateApprovalRefusal({ approvedBefore, changeRequest: c.draft.content.changeRequest, changeDeployed: change?.deployed ?? false }),
    };
  }
  const version = c.head?.version ?? 0;
  return {
    id: c.id, name: c.current?.content.name ?? c.draft?.content.name ?? c.id,
    current: c.current ? versionView(c.current, person) : null, draft,
    versions: Array.from({ length: version }, (_, i) => version - i),
    history: history.map((h) => ({ ...h, actor: person(h.actor) })),
  };
}

async function policyProblem(): Promise<string | null> {
  const policy = await loadDocument(POLICY);
  return draftingRefusal(policy.current !== null);
}

export async function catalogueTabView(caller: Caller, fieldSync: string | null = null): Promise<CatalogueTabView> {
  const [all, problem, organizations, items] = await Promise.all([
    loadCatalogues(),
    policyProblem(),
    listOrganizations().catch((e: unknown) => { console.error('catalogue: could not read the organizations', e); return []; }),
    listConfigurationItems().catch((e: unknown) => { console.error('catalogue: could not read the configuration items', e); return []; }),
  ]);
  const ids = all.flatMap((c) => [c.current?.createdBy, c.current?.approvedBy, c.draft?.updatedBy].filter((x): x is string => typeof x === 'string'));
  const person = await namer(ids);
  const catalogues = await Promise.all(all.map((c) => catalogueView(c, all, person)));
  // The audit trail names people the versions do not: name them too.
  const unnamed = catalogues.flatMap((c) => c.history.map((h) => h.actor)).filter((a) => a.displayName === a.accountId);
  if (unnamed.length) {
    const more = await namer(unnamed.map((a) => a.accountId));
    for (const c of catalogues) c.history = c.history.map((h) => ({ ...h, actor: h.actor.displayName === h.actor.accountId ? more(h.actor.accountId) : h.actor }));
  }
  return {
    catalogues, policyProblem: problem,
    permissions: { edit: mayCall('catalogue.edit', caller), approve: mayCall('catalogue.approve', caller) },
    organizations: organizations.map((o) => ({ id: o.id, name: o.name })).sort((a, b) => a.name.localeCompare(b.name)),
    configurationItems: items.filter((i) => i.content.status === 'active').map((i) => ({ id: i.content.id, name: i.content.name })),
    fieldSync,
  };
}

export async function saveCatalogue(p: { catalogueId: string | null; content: CatalogueContent; expectedRevision: number | null }, caller: Caller, now: number): Promise<CatalogueTabView> {
  const refusal = await policyProblem();
  if (refusal) throw new Refusal('refused', refusal);
  const all = await loadCatalogues();
  let id = p.catalogueId;
  if (id !== null && !all.some((c) => c.id === id)) throw new Refusal('refused', 'This catalogue does not exist (any more); reload the page.');
  if (id === null) {
    const base = slug(p.content.name);
    id = base;
    for (let n = 2; all.some((c) => c.id === id); n++) id = `${base}-${n}`;
  }
  const state = all.find((c) => c.id === id) ?? null;
  const content = tidyCatalogue({ ...p.content, services: p.content.services.map((s) => ({ ...s, id: s.id || randomUUID().slice(0, 8) })) });
  const approvedBefore = state?.current != null;
  const blocking = checkCatalogue(content, { forApproval: false, approvedBefore, otherServiceNames: otherNames(all, id) }).filter((i) => i.blocksDraft);
  if (blocking.length) throw new Refusal('invalid-input', `This cannot be saved: ${blocking.map((i) => i.message).join(' ')}`);
  if (content.changeRequest) {
    const issue = await getIssueRefAsUser(content.changeRequest);
    if (!issue) throw new Refusal('invalid-input', `Service change request: ${content.changeRequest} does not exist or you may not see it.`);
    const rules = await loadIncidentRules(now);
    if (recordKindOf(issue.issueType, rules.issueTypes) !== 'service-change-request') {
      throw new Refusal('invalid-input', `Service change request: ${issue.key} is a ${issue.issueType}, not a service change request.`);
    }
    await indexCatalogueChange({ issueId: issue.id, issueKey: issue.key }, id);
  }
  await saveCatalogueDraft(id, content, p.expectedRevision, { actor: caller.accountId, now, summary: describeCatalogueEdit(state?.current?.content ?? state?.draft?.content ?? null, content) });
  return catalogueTabView(caller);
}

/**
 * Brings the Jira field "Affected services" in line with the approved catalogues (add missing options, disable retired
 * ones). Answers what it did, in words; never throws (the approval stands, the next approval tries again).
 */
export async function syncAffectedServicesField(): Promise<string> {
  try {
    const all = await loadCatalogues();
    const approved = all.flatMap((c) => (c.current ? [c.current.content] : []));
    const inForce = servicesInForce(approved).map((s) => s.name);
    const live = new Set(inForce.map(normaliseServiceName));
    const retired = approved.flatMap((c) => c.services.filter((s) => s.status === 'Retired' && !live.has(normaliseServiceName(s.name))).map((s) => s.name));
    const mapping = await loadDocument(SITE_MAPPING);
    const mapped = (mapping.current?.content.projects ?? []).map((x) => x.fields['affectedServices']?.id).filter((x): x is string => typeof x === 'string');
    const done = await syncServiceOptions(mapped, (options) => optionSyncPlan(options, inForce, retired));
    if (!done.fieldId) return 'The Jira field “Affected services” was not found; the catalogue is approved, but no field lists its services.';
    const parts = [
      done.created.length ? `added ${done.created.map((n) => `“${n}”`).join(', ')}` : null,
      done.enabled ? `offered ${done.enabled} again` : null,
      done.disabled ? `disabled ${done.disabled} retired service${done.disabled === 1 ? '' : 's'}` : null,
    ].filter(Boolean);
    return parts.length ? `The Jira field “Affected services”: ${parts.join('; ')}.` : 'The Jira field “Affected services” already lists exactly these services.';
  } catch (e) {
    console.error('catalogue: could not bring the Affected services field in line', e);
    return `The catalogue is approved, but the Jira field “Affected services” could not be brought in line just now (${e instanceof Error ? e.message : String(e)}). Approving again later retries.`;
  }
}

export async function approveCatalogue(p: { catalogueId: string; revision: number }, caller: Caller, now: number): Promise<CatalogueTabView> {
  const all = await loadCatalogues();
  const state = all.find((c) => c.id === p.catalogueId);
  if (!state?.draft) throw new Refusal('refused', 'There is no draft of this catalogue to approve; it may have been approved or discarded meanwhile. Reload the page.');
  const approvedBefore = state.current !== null;
  const issues = checkCatalogue(state.draft.content, { forApproval: true, approvedBefore, otherServiceNames: otherNames(all, state.id) });
  if (issues.length) throw new Refusal('refused', `This catalogue cannot be approved yet: ${issues.map((i) => i.message).join(' ')}`);
  const change = await changeOf(state.draft.content);
  const refusal = updateApprovalRefusal({ approvedBefore, changeRequest: state.draft.content.changeRequest, changeDeployed: change?.deployed ?? false });
  if (refusal) throw new Refusal('refused', refusal);
  await approveCatalogueDraft(state.id, p.revision, { actor: caller.accountId, now, summary: `${approvedBefore ? 'Published the update' : 'Approved and published'} of the service catalogue “${state.draft.content.name}” (RE.1.2).` });
  return catalogueTabView(caller, await syncAffectedServicesField());
}

export async function discardCatalogue(p: { catalogueId: string; revision: number }, caller: Caller, now: number): Promise<CatalogueTabView> {
  await discardCatalogueDraft(p.catalogueId, p.revision, { actor: caller.accountId, now, summary: `Discarded the draft (revision ${p.revision}).` });
  return catalogueTabView(caller);
}

export async function catalogueVersion(p: { catalogueId: string; version: number }): Promise<CatalogueVersionView> {
  const v = await loadCatalogueVersion(p.catalogueId, p.version);
  if (!v) throw new Refusal('refused', `Version ${p.version} of this catalogue does not exist.`);
  return versionView(v, await namer([v.createdBy, v.approvedBy ?? '']));
}

/**
 * CO.3.4, RE.1.3 NOTE: when a service change request is deployed, the catalogue drafts naming it are published (the
 * deployer's deployment is the approval). Idempotent: a draft already published is gone; a second run finds nothing.
 * Answers the catalogue ids published.
 */
export async function publishCatalogueUpdatesFor(change: { issueKey: string }, now: number): Promise<string[]> {
  const index = await loadChangeIndex(change.issueKey);
  if (!index) return [];
  const record = await loadChangeRecord(index.issueId);
  if (!record?.deployment?.complete) return [];
  const published: string[] = [];
  for (const id of index.catalogueIds) {
    const state = await loadCatalogue(id);
    if (!state.draft || state.draft.content.changeRequest !== change.issueKey) continue;
    try {
      await approveCatalogueDraft(id, state.draft.revision, {
        actor: record.deployment.by.accountId || 'app', now,
        summary: `Published the update of the service catalogue “${state.draft.content.name}”: its service change request ${change.issueKey} was deployed (CO.3.4).`,
      });
      published.push(id);
    } catch (e) {
      // Another run published it meanwhile (or someone edited the draft): nothing to do now.
      if (!(e instanceof ConflictError) && !(e instanceof Refusal)) throw e;
    }
  }
  if (published.length) await syncAffectedServicesField();
  return published;
}

/** SLM-02, D26: the Live services offered to the caller's organizations, customer-facing fields only. Staff see the customer view too. */
export async function portalCatalogue(caller: Caller): Promise<PortalCatalogueView> {
  const [all, organizations] = await Promise.all([
    loadCatalogues(),
    organizationsOf(caller.accountId).catch((e: unknown) => { console.error('catalogue: could not read the caller’s organizations', e); return []; }),
  ]);
  const ids = organizations.map((o) => o.id);
  const approved = all.flatMap((c) => (c.current ? [c.current.content] : []));
  return {
    services: servicesInForce(approved).filter((s) => offeredTo(s, ids)).map(customerServiceOf).sort((a, b) => a.name.localeCompare(b.name)),
    organizations: organizations.map((o) => o.name),
  };
}
