/**
 * The service catalogue (WP.10; RE.1.1–RE.1.3, RE-05..RE-07, CO.3.4, SLM-02, D13, D23, D26): the "Service catalogue"
 * tab of the service team's page and the "Services" tab of the customer's part of the portal. The UI imports this
 * module through `@contract/catalogue`.
 */
import { z } from 'zod';
import { catalogueContentSchema, type CatalogueContent, type CatalogueIssue, type CustomerService } from '../domain/catalogue/content';
import type { AuthorizationDecision } from '../domain/authorization';

export {
  blankCatalogue, blankService, checkCatalogue, tidyCatalogue, CATALOGUE_FIELD_LABELS, CATALOGUE_LIMITS, PORTFOLIO_STATUSES, PORTFOLIO_STATUS_WORDS, SERVICE_FIELD_LABELS, ISSUE_KEY_PATTERN,
} from '../domain/catalogue/content';
export type { CatalogueContent, CatalogueService, CatalogueIssue, CustomerService, PortfolioStatus, ServiceField } from '../domain/catalogue/content';

const catalogueId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a catalogue id');

export const cataloguePayloads = {
  'globalPage.catalogue.load': z.object({}).strict(),
  /** catalogueId null: a new catalogue. expectedRevision: the draft revision edited (null: none). */
  'globalPage.catalogue.saveDraft': z.object({ catalogueId: catalogueId.nullable(), content: catalogueContentSchema, expectedRevision: z.number().int().positive().nullable() }).strict(),
  'globalPage.catalogue.approve': z.object({ catalogueId, revision: z.number().int().positive() }).strict(),
  'globalPage.catalogue.discard': z.object({ catalogueId, revision: z.number().int().positive() }).strict(),
  'globalPage.catalogue.versions': z.object({ catalogueId, version: z.number().int().positive() }).strict(),
};

export const portalCataloguePayloads = {
  'portalHome.catalogue.load': z.object({}).strict(),
};

export type CatalogueFunctionKey = keyof typeof cataloguePayloads;
export type PortalCatalogueFunctionKey = keyof typeof portalCataloguePayloads;

export interface CataloguePerson { accountId: string; displayName: string }

export interface CatalogueVersionView {
  version: number;
  /** D23: "Approved" for the first version, "Updated" for later ones. */
  status: string;
  content: CatalogueContent;
  draftedBy: CataloguePerson;
  draftedAt: string;
  approvedBy: CataloguePerson | null;
  approvedAt: string | null;
}

export interface CatalogueDraftView {
  revision: number;
  content: CatalogueContent;
  updatedBy: CataloguePerson;
  updatedAt: string;
  /** Every rule approval would check, with the field each names. */
  issues: CatalogueIssue[];
  /** RE.1.3 NOTE: the change carrying an update, and whether it is deployed (CO.3.4 publishes the draft then). */
  change: { key: string; summary: string | null; deployed: boolean } | null;
  /** Why approval is refused now (in words), or null when it may be approved. */
  approvalRefusal: string | null;
}

export interface CatalogueView {
  id: string;
  /** The name of the current version, else of the draft. */
  name: string;
  current: CatalogueVersionView | null;
  draft: CatalogueDraftView | null;
  /** Every version number, newest first (each readable, D23). */
  versions: number[];
  history: Array<{ at: string; actor: CataloguePerson; action: string; summary: string; version: number | null }>;
}

export interface CatalogueTabView {
  catalogues: CatalogueView[];
  /** RE-06: drafting needs an approved service delivery policy; null when it is approved, else why not. */
  policyProblem: string | null;
  permissions: { edit: AuthorizationDecision; approve: AuthorizationDecision };
  /** The customer organizations (JSM) a service can be offered to; empty on a site without JSM. */
  organizations: Array<{ id: string; name: string }>;
  /** The configuration records a service can depend on. */
  configurationItems: Array<{ id: string; name: string }>;
  /** Whether the Jira field "Affected services" was brought in line with the approved catalogues at the last approval, in words; null when nothing to say. */
  fieldSync: string | null;
}

/** What a customer reads (SLM-02, D26): only Live services offered to their organizations, only customer-facing fields. */
export interface PortalCatalogueView {
  services: CustomerService[];
  /** The organizations the viewer belongs to (names), to say whom the list is for. */
  organizations: string[];
}

export interface CatalogueAnswers {
  'globalPage.catalogue.load': CatalogueTabView;
  'globalPage.catalogue.saveDraft': CatalogueTabView;
  'globalPage.catalogue.approve': CatalogueTabView;
  'globalPage.catalogue.discard': CatalogueTabView;
  'globalPage.catalogue.versions': CatalogueVersionView;
  'portalHome.catalogue.load': PortalCatalogueView;
}
