import Lozenge from '@atlaskit/lozenge';
import { PORTFOLIO_STATUS_WORDS, type CatalogueService } from '@contract/catalogue';

/** One service of a catalogue as the team reads it (WP.10 content). `organizations` names the customers by id. */
export function ServiceCard({ service, organizations, configurationItems }: {
  service: CatalogueService;
  organizations: ReadonlyArray<{ id: string; name: string }>;
  configurationItems: ReadonlyArray<{ id: string; name: string }>;
}) {
  const org = (id: string) => organizations.find((o) => o.id === id)?.name ?? id;
  const ci = (id: string) => configurationItems.find((c) => c.id === id)?.name ?? id;
  const rows: Array<[string, string]> = [
    ['Service hours', service.hours],
    ['Quality targets', service.quality.map((q) => `${q.measure}: ${q.target}`).join('\n')],
    ['How to request it', service.howToRequest],
    ['Costs', service.costs],
    ['Contacts', service.contacts],
    ['Offered to', service.offeredTo.length ? service.offeredTo.map(org).join(', ') : 'Every customer'],
    ['Depends on suppliers', service.dependencies.suppliers.join(', ')],
    ['Depends on configuration items', service.dependencies.configurationItems.map(ci).join(', ')],
    ['Standards and policies', service.standards],
    ['Complaints', service.complaints],
  ];
  return (
    <article className="sd-cat-card" data-testid={`sd-cat-service-${service.id}`} aria-label={service.name}>
      <div className="sd-cat-head">
        <h4>{service.name}</h4>
        <Lozenge appearance={service.status === 'Live' ? 'success' : service.status === 'Retired' ? 'removed' : 'new'}>{PORTFOLIO_STATUS_WORDS[service.status]}</Lozenge>
        {service.vital ? <Lozenge appearance="moved">Vital</Lozenge> : null}
      </div>
      {service.description ? <p className="sd-muted">{service.description}</p> : null}
      <dl>
        {rows.filter(([, v]) => v.trim() !== '').map(([k, v]) => (
          <div key={k} style={{ display: 'contents' }}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {service.vital ? <p className="sd-hint">Why? An incident affecting a vital service is significant (D13).</p> : null}
    </article>
  );
}
