/** The Service catalogue tab's calls (issue #14, WP.10): the contract is @contract/catalogue. */
import { callFunction } from '../../api';
import type { PayloadIn } from '@contract/functions';

export type {
  CatalogueContent, CatalogueService, CatalogueIssue, CatalogueTabView, CatalogueView, CatalogueVersionView, PortfolioStatus, ServiceField,
} from '@contract/catalogue';

export const loadCatalogueTab = () => callFunction('globalPage.catalogue.load', {});
export const saveCatalogueDraft = (payload: PayloadIn<'globalPage.catalogue.saveDraft'>) => callFunction('globalPage.catalogue.saveDraft', payload);
export const approveCatalogue = (catalogueId: string, revision: number) => callFunction('globalPage.catalogue.approve', { catalogueId, revision });
export const discardCatalogue = (catalogueId: string, revision: number) => callFunction('globalPage.catalogue.discard', { catalogueId, revision });
export const loadCatalogueVersion = (catalogueId: string, version: number) => callFunction('globalPage.catalogue.versions', { catalogueId, version });
