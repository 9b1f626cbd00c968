import type { ReactNode } from 'react';

/** One part of the incident view: a titled region (h2 under the panel's h1). */
export function Block({ id, title, children, testId }: { id: string; title: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section className="sd-inc-block" aria-labelledby={`${id}-title`} data-testid={testId}>
      <h2 id={`${id}-title`} className="sd-inc-title">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Muted text: an empty list, or why an action is not available. */
export function Muted({ children, testId, id }: { children: ReactNode; testId?: string; id?: string }) {
  return (
    <p className="sd-inc-muted" data-testid={testId} id={id}>
      {children}
    </p>
  );
}
