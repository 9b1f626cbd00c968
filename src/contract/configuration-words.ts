/** The words of configuration items for the Custom UI (no schemas, so nothing heavy reaches the bundle). */
export { COMPONENT_KINDS, COMPONENT_KIND_WORDS, ITEM_STATUS_WORDS, suggestItemId } from '../domain/configuration/words';
