import type { ConfigurationHistoryView, ConfigurationItemOption, ConfigurationItemView, ConfigurationView, PersonRef } from '../contract/configuration';
import type { PayloadOf } from '../contract/functions';
import { mayCall, SERVICE_TEAM_ROLES, type Caller } from '../domain/access';
import { itemMatches, type ItemContent } from '../domain/configuration/item';
import { Refusal } from '../domain/refusal';
import { getUsers } from '../jira/users';
import { approvedCatalogueServices } from '../relationship/catalogue-lookup';
import { listConfigurationItems, loadConfigurationItemHistory, saveConfigurationItem, type ConfigurationItemState } from '../store/configuration-items';
import type { RoleListContentStored } from '../store/role-list';
import type { DocumentState } from '../store/work-product-store';

/**
 * The configuration records on the service team's page (WP.02; CO.1.4, CO-14) and the issue panel's picker of them.
 * The rules live in src/domain/configuration/item.ts; storage in src/store/configuration-items.ts.
 */

export interface ConfigurationCaller extends Caller { displayName: string; roleList: DocumentState<RoleListContentStored> }

/** Display names for account ids; an id Jira does not name is shown as it is. */
async function namer(ids: Iterable<string>): Promise<(id: string) => PersonRef> {
  const people = await getUsers(ids).catch((e: unknown) => { console.error('configuration: could not read people', e); return []; });
  const names = new Map(people.map((p) => [p.accountId, p.displayName]));
  return (accountId) => ({ accountId, displayName: names.get(accountId) ?? accountId });
}

const contentView = (c: ItemContent, person: (id: string) => PersonRef) => ({
  id: c.id, name: c.name, service: c.service, kind: c.kind, description: c.description, owner: person(c.owner), location: c.location, inServiceSince: c.inServiceSince, status: c.status,
});

function itemView(s: ConfigurationItemState, person: (id: string) => PersonRef): ConfigurationItemView {
  return { ...contentView(s.content, person), version: s.version, recordStatus: s.recordStatus, lastChange: { by: person(s.updatedBy), at: s.updatedAt, summary: s.summary, changeKey: s.changeKey } };
}

/** The services an item can belong to: the services of the approved catalogues (WP.10, the one list), and those items name. */
async function servicesOf(items: readonly ConfigurationItemState[]): Promise<string[]> {
  const options = await approvedCatalogueServices().then((list) => list.map((s) => s.name), (e: unknown) => { console.error('configuration: could not read the catalogue services', e); return [] as string[]; });
  const all = new Set([...options, ...items.map((i) => i.content.service)]);
  return [...all].sort((a, b) => a.localeCompare(b));
}

export async function configurationView(filter: PayloadOf<'globalPage.configuration.load'>, caller: ConfigurationCaller): Promise<ConfigurationView> {
  const all = await listConfigurationItems(filter.service !== undefined ? { service: filter.service } : {});
  const items = filter.kind ? all.filter((i) => i.content.kind === filter.kind) : all;
  const team = (caller.roleList.current?.content.assignments ?? []).filter((a) => a.roles.some((r) => SERVICE_TEAM_ROLES.includes(r))).map((a) => a.accountId);
  const [services, person] = await Promise.all([
    servicesOf(all),
    namer([...team, ...items.flatMap((i) => [i.content.owner, i.updatedBy])]),
  ]);
  const decision = mayCall('configuration.edit', caller);
  const people = [...new Set(team)].map(person).sort((a, b) => a.displayName.localeCompare(b.displayName));
  return {
    items: items.map((i) => itemView(i, person)).sort((a, b) => a.service.localeCompare(b.service) || a.name.localeCompare(b.name)),
    services, people,
    edit: decision.allowed ? { allowed: true, reason: null } : { allowed: false, reason: decision.message },
  };
}

export async function configurationHistory(id: string): Promise<ConfigurationHistoryView> {
  const versions = await loadConfigurationItemHistory(id);
  const last = versions[versions.length - 1];
  if (!last) throw new Refusal('refused', `There is no configuration item "${id}"; it may never have been stored. Reload the page.`);
  const person = await namer(versions.flatMap((v) => [v.by, v.content.owner]));
  return {
    id, name: last.content.name,
    versions: versions.map((v) => ({ version: v.version, recordStatus: v.recordStatus, content: contentView(v.content, person), by: person(v.by), at: v.at, summary: v.summary, changeKey: v.changeKey })).reverse(),
  };
}

export async function saveItem(p: PayloadOf<'globalPage.configuration.save'>, caller: ConfigurationCaller, now: number): Promise<{ item: ConfigurationItemView }> {
  const [owner] = await getUsers([p.item.owner]);
  if (!owner) throw new Refusal('invalid-input', `Owner: no Jira user has the account id ${p.item.owner}.`);
  const { state } = await saveConfigurationItem(p.item, p.expectedVersion, caller.accountId, now);
  const person = await namer([state.content.owner, state.updatedBy]);
  return { item: itemView(state, person) };
}

/** The picker of the change and incident panels: active items matching the query, at most 50 (D26: staff only). */
export async function pickConfigurationItems(query: string | undefined): Promise<ConfigurationItemOption[]> {
  const items = await listConfigurationItems();
  return items
    .filter((i) => i.content.status === 'active' && itemMatches(i.content, query))
    .slice(0, 50)
    .map((i) => ({ id: i.content.id, name: i.content.name, service: i.content.service, kind: i.content.kind, version: i.version }));
}
