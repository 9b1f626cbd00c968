/**
 * The words and identifiers of configuration items (WP.02, CO.1.4), without zod, so the Custom UI can import them
 * (through @contract/configuration-words) without the schemas.
 */

/** CO.1.4: the kinds of service component. */
export const COMPONENT_KINDS = ['hardware', 'software', 'competency', 'information'] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

export const COMPONENT_KIND_WORDS: Readonly<Record<ComponentKind, string>> = {
  hardware: 'Hardware',
  software: 'Software',
  competency: 'Human competency',
  information: 'Information (document)',
};

/** Whether the component is in service. A retired item stays recorded with its history (D23). */
export const ITEM_STATUSES = ['active', 'retired'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const ITEM_STATUS_WORDS: Readonly<Record<ItemStatus, string>> = { active: 'Active', retired: 'Retired' };

/**
 * The unique identifier (GEN-08, WP.02): a readable slug such as `mail-relay-mx1`, usable as a Jira label (no spaces),
 * lower-case letters, digits and single hyphens, 2–64 characters. It never changes once the item is stored.
 */
export const ITEM_ID_PATTERN = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){1,63}$/;

/** A suggested identifier from a name ("Mail relay MX1" → "mail-relay-mx1"); the person may change it before saving. */
export function suggestItemId(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64).replace(/-+$/g, '');
}

