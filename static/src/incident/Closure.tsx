import { Block } from './Block';
import { formatInstant, sentence } from './format';
import type { IncidentSection } from './types';
import { Why } from './Why';

/** IN.2.5, D12, D13: what closing the incident needs, and the recorded confirmation. */
export function Closure({ closure, timeZone, locale }: { closure: IncidentSection['closure']; timeZone: string | undefined; locale: string | undefined }) {
  const c = closure.confirmation;
  const open = closure.items.filter((i) => !i.done).length;
  return (
    <Block id="sd-inc-closure" title="Closure checklist">
      <p className="sd-inc-muted" data-testid="sd-closure-summary">
        {closure.items.length === 0
          ? 'Nothing is required before closing.'
          : open === 0
            ? 'Everything closing needs is in place.'
            : `${open} of ${closure.items.length} ${closure.items.length === 1 ? 'item' : 'items'} still needed before the incident can be closed.`}
      </p>
      <ul className="sd-inc-checklist" data-testid="sd-closure">
        {closure.items.map((item) => (
          <li key={item.id} data-testid="sd-closure-item" data-id={item.id} data-done={item.done ? 'true' : 'false'}>
            <span className={item.done ? 'sd-inc-mark sd-inc-mark-done' : 'sd-inc-mark sd-inc-mark-open'} aria-hidden="true">
              {item.done ? '✓' : '✗'}
            </span>
            <span className="sd-inc-check-body">
              <span className="sd-visually-hidden">{item.done ? 'Done: ' : 'Not done: '}</span>
              {sentence(item.label)}
              {item.hint && !item.done ? <span className="sd-inc-hint" data-testid="sd-closure-hint">{sentence(item.hint)}</span> : null}
            </span>
          </li>
        ))}
      </ul>
      {closure.items.length > 0 ? <Why testId="sd-closure-why">{[...new Set(closure.items.map((i) => i.rule))].join(', ')}</Why> : null}
      {c ? (
        <p className="sd-inc-line" data-testid="sd-closure-confirmation">
          Confirmed by {c.confirmedBy} on {formatInstant(c.confirmedAt, timeZone, locale)}
          {c.how ? `, ${c.how === 'in Jira' ? 'in Jira' : `via ${c.how}`}` : ''}
          {c.recordedBy && c.recordedBy !== c.confirmedBy ? `, recorded by ${c.recordedBy}` : ''}
        </p>
      ) : null}
    </Block>
  );
}
