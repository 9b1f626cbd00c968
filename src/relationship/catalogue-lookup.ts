import { servicesInForce } from '../domain/catalogue/content';
import { loadCatalogues } from '../store/catalogues';

/**
 * The services of the approved service catalogue(s) (WP.10), as other parts of the app read them: agreements (RE-08),
 * the affected-service pickers, the reports, the incident rules (D13). Services are named the same everywhere (the Jira
 * field's option values are the catalogue's service names, kept in sync on approval), matched without regard to case.
 */
export interface CatalogueServiceRef {
  name: string;
  /** D13: an incident affecting a vital service is significant. */
  vital: boolean;
  /** The JSM organization ids the service is offered to; null = every customer. */
  offeredTo: string[] | null;
}

/**
 * Every service of the approved catalogues (each catalogue's current approved version), but the retired ones (SVC-03).
 * Empty before any catalogue is approved (RE-08 then finds no service to cover). Storage only: no Jira call.
 */
export async function approvedCatalogueServices(): Promise<CatalogueServiceRef[]> {
  const approved = (await loadCatalogues()).flatMap((c) => (c.current ? [c.current.content] : []));
  return servicesInForce(approved).map((s) => ({ name: s.name, vital: s.vital, offeredTo: s.offeredTo.length ? [...s.offeredTo] : null }));
}

/** D13: the names of the vital services of the approved catalogues (storage only, no Jira call; for the incident rules). */
export async function vitalCatalogueServices(): Promise<string[]> {
  const approved = (await loadCatalogues()).flatMap((c) => (c.current ? [c.current.content] : []));
  return servicesInForce(approved).filter((s) => s.vital).map((s) => s.name);
}
