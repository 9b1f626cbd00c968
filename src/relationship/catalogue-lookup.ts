import { listServiceOptions } from '../jira/services';

/**
 * The services of the approved service catalogue(s) (WP.10), as other parts of the app read them: agreements (RE-08),
 * the affected-service pickers, the reports. Services are named the same everywhere (the Jira field's option values are
 * the catalogue's service names), matched without regard to case.
 */
export interface CatalogueServiceRef {
  name: string;
  /** D13: an incident affecting a vital service is significant. */
  vital: boolean;
  /** The JSM organization ids the service is offered to; null = every customer. */
  offeredTo: string[] | null;
}

/** Until the catalogue exists, the options of the "Affected services" field stand for it. */
export async function approvedCatalogueServices(): Promise<CatalogueServiceRef[]> {
  return (await listServiceOptions([])).map((name) => ({ name, vital: false, offeredTo: null }));
}
