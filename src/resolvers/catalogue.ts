import type { CatalogueFunctionKey, PortalCatalogueFunctionKey } from '../contract/catalogue';
import { approveCatalogue, catalogueTabView, catalogueVersion, discardCatalogue, portalCatalogue, saveCatalogue } from '../relationship/catalogue';
import type { Access, Implementations } from './surface';

/**
 * The service catalogue (WP.10): staff read it on the service team's page (D28, never a customer, D26); the
 * Relationship Manager or Service Manager draft it (RE.1.1) and approve/publish it (RE.1.2). In the portal anyone
 * calls `portalHome.catalogue.load`: the server answers only the services offered to the caller's organizations (D26).
 */
const by = (rule: Access['rule']): Access => ({ rule, jira: 'read-as-user' });

export const catalogueFunctions: Implementations<CatalogueFunctionKey | PortalCatalogueFunctionKey> = {
  'globalPage.catalogue.load': { access: by('staff'), handler: async (call) => catalogueTabView(call.caller) },
  'globalPage.catalogue.saveDraft': { access: by('catalogue.edit'), handler: async (call) => saveCatalogue(call.payload, call.caller, call.now) },
  'globalPage.catalogue.approve': { access: by('catalogue.approve'), handler: async (call) => approveCatalogue(call.payload, call.caller, call.now) },
  'globalPage.catalogue.discard': { access: by('catalogue.edit'), handler: async (call) => discardCatalogue(call.payload, call.caller, call.now) },
  'globalPage.catalogue.versions': { access: by('staff'), handler: async (call) => catalogueVersion(call.payload) },
  'portalHome.catalogue.load': { access: by('anyone'), handler: async (call) => portalCatalogue(call.caller) },
};
