import type { ChangeSnapshot, PersonFact } from '../domain/change/snapshot';
import type { IncidentSnapshot } from '../domain/incident/snapshot';
import { FIELD_SPECS, ownName, type FieldIds, type FieldSlot } from '../domain/setup-plan';

/**
 * Reads a service change request's own fields (WP.11) from the issue the panel, the trigger or the validator already
 * read (src/incidents/load.ts keeps Jira's fields and names): no further Jira call. The field of each slot is the
 * setup wizard's mapping, else found by the names the wizard and JSM use.
 */

/** Slots a change reads; the wizard maps those it knows, the rest are found by name. */
const CHANGE_SLOT_NAMES: Readonly<Record<string, readonly string[]>> = {
  changeType: ['Change type'],
  impact: ['Impact'],
  urgency: ['Urgency'],
  affectedServices: ['Affected services', 'Affected service'],
  impactedCis: ['Impacted CIs', 'Configuration items', 'Affected CIs'],
  plannedStart: ['Planned start', 'Change start date'],
  plannedEnd: ['Planned end', 'Change completion date'],
  implementationPlan: ['Implementation plan', 'Implementation'],
  testPlan: ['Test plan'],
  backoutPlan: ['Back-out plan', 'Backout plan', 'Rollback plan'],
  businessImpact: ['Business impact', 'Business justification'],
  builder: ['Builder'],
  deployer: ['Deployer'],
};

function slotNames(slot: string): string[] {
  const spec = (FIELD_SPECS as Readonly<Record<string, { name: string; synonyms: string[] } | undefined>>)[slot];
  const names = [...(spec?.synonyms ?? []), ...(CHANGE_SLOT_NAMES[slot] ?? [])];
  if (spec) names.push(ownName(spec.name));
  return names;
}

export function changeFieldIds(mapped: FieldIds | null, names: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  const byName = new Map<string, string>();
  for (const [id, name] of Object.entries(names)) if (id.startsWith('customfield_') && !byName.has(name.trim().toLowerCase())) byName.set(name.trim().toLowerCase(), id);
  for (const slot of Object.keys(CHANGE_SLOT_NAMES)) {
    const m = mapped?.[slot as FieldSlot];
    if (m) { out[slot] = m; continue; }
    for (const n of slotNames(slot)) {
      const id = byName.get(n.toLowerCase());
      if (id) { out[slot] = id; break; }
    }
  }
  return out;
}

function optionValues(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v.flatMap(optionValues);
  if (typeof v === 'string') return v.trim() ? [v.trim()] : [];
  if (typeof v === 'object' && typeof (v as { value?: unknown }).value === 'string') return [(v as { value: string }).value];
  return [];
}

function hasText(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'string') return v.trim().length > 0;
  const walk = (n: unknown): boolean => {
    if (!n || typeof n !== 'object') return false;
    const node = n as { type?: string; text?: string; content?: unknown[] };
    if (node.type === 'text') return (node.text ?? '').trim().length > 0;
    return (node.content ?? []).some(walk);
  };
  return walk(v);
}

function personOf(v: unknown): PersonFact | null {
  if (!v || typeof v !== 'object') return null;
  const u = v as { accountId?: unknown; displayName?: unknown };
  return typeof u.accountId === 'string' ? { accountId: u.accountId, displayName: typeof u.displayName === 'string' ? u.displayName : u.accountId } : null;
}

function instantOf(v: unknown): number | null {
  if (typeof v !== 'string' || !v) return null;
  const t = Date.parse(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(t) ? null : t;
}

/** Every account a user field ever held, from its value now and Jira's history of it (D7 reads all of them). */
function everHeld(snapshot: IncidentSnapshot, fieldId: string | undefined, fieldName: string, now: PersonFact | null): string[] {
  const ids = new Set<string>(now ? [now.accountId] : []);
  for (const h of snapshot.history) {
    for (const i of h.items) {
      if (i.field !== fieldName && (fieldId === undefined || i.field !== fieldId)) continue;
      if (i.from) ids.add(i.from);
      if (i.to) ids.add(i.to);
    }
  }
  return [...ids];
}

export function parseChangeSnapshot(snapshot: IncidentSnapshot, raw: { fields: Record<string, unknown>; names: Record<string, string> }, mapped: FieldIds | null): ChangeSnapshot {
  const ids = changeFieldIds(mapped, raw.names);
  const value = (slot: string): unknown => (ids[slot] ? raw.fields[ids[slot]] : undefined);
  const reporter = personOf(raw.fields.reporter);
  const creator = personOf(raw.fields.creator);
  const builder = personOf(value('builder'));
  const deployer = personOf(value('deployer'));
  const requesterIds = [...new Set([...everHeld(snapshot, 'reporter', 'reporter', reporter), ...(creator ? [creator.accountId] : [])])];
  return {
    id: snapshot.id, key: snapshot.key, summary: snapshot.summary, projectKey: snapshot.projectKey, createdAt: snapshot.createdAt,
    status: snapshot.status, priority: snapshot.priority,
    reporter: reporter ?? (snapshot.reporter ? { accountId: snapshot.reporter.accountId, displayName: snapshot.reporter.displayName ?? snapshot.reporter.accountId } : null),
    requesterIds,
    builder, builderIds: everHeld(snapshot, ids.builder, 'Builder', builder),
    deployer, deployerIds: everHeld(snapshot, ids.deployer, 'Deployer', deployer),
    changeTypeValue: optionValues(value('changeType'))[0] ?? null,
    impact: optionValues(value('impact'))[0] ?? null,
    urgency: optionValues(value('urgency'))[0] ?? null,
    services: optionValues(value('affectedServices')),
    cis: optionValues(value('impactedCis')),
    plannedStart: instantOf(value('plannedStart')),
    plannedEnd: instantOf(value('plannedEnd')),
    plans: { implementation: hasText(value('implementationPlan')), test: hasText(value('testPlan')), backOut: hasText(value('backoutPlan')), businessImpact: hasText(value('businessImpact')) },
    links: snapshot.links,
    missingFields: Object.keys(CHANGE_SLOT_NAMES).filter((slot) => !ids[slot]),
  };
}
