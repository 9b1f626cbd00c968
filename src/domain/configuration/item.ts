/**
 * Configuration records (WP.02; CO.1.4, CO-11, CO-14): each service's components — hardware, software, people's
 * competencies and information (documents) — as versioned records. Pure: no storage, time is a parameter.
 *
 * - WP.02 content: unique identifier, description, date of service, type, status, owner, location (plus the name and the
 *   service it belongs to, CO-14).
 * - WP.02 status: the first version is "stored", every later one "updated" (D23: nothing deleted, every version kept).
 * - CO-11: a version written by a deployed change names the change.
 */
import { z } from 'zod';
import { COMPONENT_KINDS, COMPONENT_KIND_WORDS, ITEM_ID_PATTERN, ITEM_STATUSES, type ComponentKind, type ItemStatus } from './words';

export { COMPONENT_KINDS, COMPONENT_KIND_WORDS, ITEM_ID_PATTERN, ITEM_STATUSES, ITEM_STATUS_WORDS, suggestItemId, type ComponentKind, type ItemStatus } from './words';

/** WP.02 status codes (REQUIREMENTS §3: stored, updated). */
export type RecordStatus = 'stored' | 'updated';

/** WP.02 "stored" for the first version, "updated" for every later one. */
export function recordStatusOf(version: number): RecordStatus {
  return version <= 1 ? 'stored' : 'updated';
}

const labelled = (message: string) => ({ message, params: { labelled: true } });

/** A labelled text: errors name the field by its label and the rule broken. */
const text = (label: string, max: number, required: boolean) => z.string().trim().superRefine((value, ctx) => {
  if (required && value === '') ctx.addIssue({ code: 'custom', ...labelled(`${label} is required.`) });
  if (value.length > max) ctx.addIssue({ code: 'custom', ...labelled(`${label} may be at most ${max} characters long (it has ${value.length}).`) });
});

/** What a person enters for an item (the content of one version). */
export const itemContentSchema = z.object({
  id: z.string().trim().superRefine((value, ctx) => {
    if (!ITEM_ID_PATTERN.test(value)) {
      ctx.addIssue({ code: 'custom', ...labelled(`Identifier "${value}" is not valid: use 2 to 64 lower-case letters, digits and single hyphens, no spaces (for example mail-relay-mx1), so that it can also be a Jira label.`) });
    }
  }),
  name: text('Name', 120, true),
  service: text('Service', 120, true),
  kind: z.string().superRefine((value, ctx) => {
    if (!(COMPONENT_KINDS as readonly string[]).includes(value)) ctx.addIssue({ code: 'custom', ...labelled(`Kind must be one of ${Object.values(COMPONENT_KIND_WORDS).join(', ')}.`) });
  }).transform((v) => v as ComponentKind),
  description: text('Description', 4000, false),
  owner: z.string().trim().superRefine((value, ctx) => {
    if (value === '') ctx.addIssue({ code: 'custom', ...labelled('Owner is required: name the person responsible for the item.') });
    else if (value.length > 128 || /\s/.test(value)) ctx.addIssue({ code: 'custom', ...labelled('Owner must be a Jira account.') });
  }),
  location: text('Location', 200, false),
  inServiceSince: z.string().trim().superRefine((value, ctx) => {
    if (value !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) ctx.addIssue({ code: 'custom', ...labelled(`Date in service "${value}" is not a date (YYYY-MM-DD).`) });
  }),
  status: z.string().superRefine((value, ctx) => {
    if (!(ITEM_STATUSES as readonly string[]).includes(value)) ctx.addIssue({ code: 'custom', ...labelled('Status must be Active or Retired.') });
  }).transform((v) => v as ItemStatus),
}).strict();

export type ItemContent = z.infer<typeof itemContentSchema>;
export type ItemContentIn = z.input<typeof itemContentSchema>;

/** One stored version of an item (D23: each kept and readable). */
export interface ItemVersion {
  id: string;
  version: number;
  /** WP.02 status of this version. */
  recordStatus: RecordStatus;
  content: ItemContent;
  by: string;
  at: string;
  summary: string;
  /** CO-11: the change whose deployment wrote this version, if any. */
  changeKey: string | null;
}

const FIELD_WORDS: Readonly<Record<Exclude<keyof ItemContent, 'id'>, string>> = {
  name: 'name', service: 'service', kind: 'kind', description: 'description', owner: 'owner', location: 'location', inServiceSince: 'date in service', status: 'status',
};

/** What changed between two versions, in words ("Changed owner, location."). */
export function describeItemChange(before: ItemContent | null, after: ItemContent): string {
  if (!before) return `Stored ${COMPONENT_KIND_WORDS[after.kind].toLowerCase()} "${after.name}" of ${after.service}.`;
  if (before.status !== after.status && after.status === 'retired') return `Retired "${after.name}".`;
  const changed = (Object.keys(FIELD_WORDS) as Array<keyof typeof FIELD_WORDS>).filter((k) => before[k] !== after[k]).map((k) => FIELD_WORDS[k]);
  return changed.length ? `Changed ${changed.join(', ')}.` : 'Saved unchanged.';
}

/** The summary of a version written by a deployed change (CO-11, CO.3.4). */
export function changeVersionSummary(changeKey: string, summary: string | undefined): string {
  const s = summary?.trim();
  return s ? `Updated by the deployment of ${changeKey}: ${s}` : `Updated by the deployment of ${changeKey}.`;
}

/** Does the item match a picker's query (id, name, service or kind, case-insensitive)? An empty query matches all. */
export function itemMatches(item: Pick<ItemContent, 'id' | 'name' | 'service' | 'kind'>, query: string | undefined): boolean {
  const q = (query ?? '').trim().toLowerCase();
  if (q === '') return true;
  return [item.id, item.name, item.service, COMPONENT_KIND_WORDS[item.kind]].some((s) => s.toLowerCase().includes(q));
}

/** A Jira issue key (the change that wrote a version, CO-11). */
export const ISSUE_KEY_PATTERN = /^[A-Z][A-Z0-9_]*-\d+$/;
