import { useCallback, useEffect, useState } from 'react';
import type { PortalCatalogueView } from '@contract/catalogue';
import { callFunction, messageOf } from '../api';
import { ErrorState, Loading } from '../components/States';
import '../global/catalogue/catalogue.css';

/**
 * The services offered to the customer (SLM-02; WP.10; D26), read-only: what each is, when it runs, the quality
 * promised, how to ask for it, whom to contact and how complaints are handled. The server answers only the services
 * offered to the viewer's organizations, and never the team's internal details.
 */
export default function CatalogueTab() {
  const [view, setView] = useState<PortalCatalogueView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const load = useCallback(() => {
    setProblem(null);
    callFunction('portalHome.catalogue.load', {}).then(setView, (e: unknown) => setProblem(messageOf(e)));
  }, []);
  useEffect(() => { load(); }, [load]);

  if (problem) return <ErrorState title="The services could not be shown" message={problem} onRetry={load} />;
  if (!view) return <Loading label="Loading the services offered to you" />;
  return (
    <section aria-labelledby="sd-portal-cat-title" data-testid="sd-portal-catalogue" className="sd-portal-catalogue">
      <h2 id="sd-portal-cat-title" className="sd-section-title">Services offered to you</h2>
      <p className="sd-muted">
        {view.organizations.length ? `For ${view.organizations.join(', ')}. ` : ''}
        What each service covers, when it runs, what we promise and how to reach us.
      </p>
      {view.services.length === 0 ? (
        <p className="sd-empty" data-testid="sd-portal-catalogue-empty">No service is published for you yet. Ask your account manager which services you can use.</p>
      ) : (
        <div className="sd-cat-cards">
          {view.services.map((s) => (
            <article key={s.name} className="sd-cat-card" aria-label={s.name} data-testid="sd-portal-service">
              <h3 style={{ margin: 0, fontSize: '1rem' }}>{s.name}</h3>
              {s.description ? <p className="sd-muted">{s.description}</p> : null}
              <dl>
                {([
                  ['Service hours', s.hours],
                  ['What we promise', s.quality.map((q) => `${q.measure}: ${q.target}`).join('\n')],
                  ['How to request it', s.howToRequest],
                  ['Costs', s.costs],
                  ['Contacts', s.contacts],
                  ['Complaints', s.complaints],
                ] as const).filter(([, v]) => v.trim() !== '').map(([k, v]) => (
                  <div key={k} style={{ display: 'contents' }}>
                    <dt>{k}</dt>
                    <dd>{v}</dd>
                  </div>
                ))}
              </dl>
            </article>
          ))}
        </div>
      )}
      <p className="sd-hint">Why? The service catalogue (WP.10) as offered to you (SLM-02); you see only what is offered to your organization (D26).</p>
    </section>
  );
}
