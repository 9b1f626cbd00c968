import type { ReactNode } from 'react';
import { splitWhy } from './format';

/** The quiet line for the assessor: which clause or decision of the standard a part answers. */
export function Why({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p className="sd-inc-why" data-testid={testId ?? 'sd-why'}>
      <span className="sd-inc-why-label">Why?</span> {children}
    </p>
  );
}

/** A server text in words, with its clause ids (if any) moved into a Why line. */
export function Reason({ text, testId }: { text: string; testId?: string }) {
  const r = splitWhy(text);
  return (
    <div className="sd-inc-reason" data-testid={testId}>
      <p className="sd-inc-muted">{r.text}</p>
      {r.why ? <Why>{r.why}</Why> : null}
    </div>
  );
}
