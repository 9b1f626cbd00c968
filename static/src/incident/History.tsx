import { Block, Muted } from './Block';
import { COMMUNICATION_LABEL, formatInstant } from './format';
import type { CommunicationState, EscalationView } from './types';

/**
 * D14 escalations done and IN-10 standard communications sent, oldest first as the server lists them. Escalations are
 * internal (D26): a customer's view has none (`null`) and shows only the messages sent to them.
 */
export function History({
  escalations,
  communications,
  timeZone,
  locale,
}: {
  escalations: readonly EscalationView[] | null;
  communications: readonly CommunicationState[];
  timeZone: string;
  locale: string | undefined;
}) {
  const at = (iso: string) => formatInstant(iso, timeZone, locale);
  return (
    <Block id="sd-inc-history" title={escalations ? 'Escalations and communications' : 'Messages sent to you'}>
      {escalations ? (
      <div data-testid="sd-escalations">
        <h3 className="sd-inc-subtitle">Escalations (D14)</h3>
        {escalations.length === 0 ? (
          <Muted testId="sd-escalations-empty">No escalations</Muted>
        ) : (
          <ul className="sd-inc-rows">
            {escalations.map((e) => (
              <li key={e.key} data-testid="sd-escalation">
                <span>{e.label}</span>
                <span className="sd-inc-muted">
                  {' '}
                  · escalated {at(e.escalatedAt)}
                  {e.notified.length > 0 ? ` · notified ${e.notified.join(', ')}` : ' · nobody to notify (no IM or SM in the role list)'}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      ) : null}
      <div data-testid="sd-communications">
        <h3 className="sd-inc-subtitle">Standard communications (IN-10)</h3>
        {communications.length === 0 ? (
          <Muted testId="sd-communications-empty">No standard communications sent yet</Muted>
        ) : (
          <ul className="sd-inc-rows">
            {communications.map((c) => (
              <li key={c.key} data-testid="sd-communication" data-event={c.event}>
                <span>{COMMUNICATION_LABEL[c.event]}</span>
                <span className="sd-inc-muted">
                  {c.cycle > 1 ? ` · cycle ${c.cycle}` : ''} · sent {at(c.at)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Block>
  );
}
