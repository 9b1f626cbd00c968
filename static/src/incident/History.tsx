import { Block, Muted } from './Block';
import { COMMUNICATION_LABEL, formatInstant } from './format';
import type { CommunicationState, EscalationView } from './types';
import { Why } from './Why';

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
  timeZone: string | undefined;
  locale: string | undefined;
}) {
  const at = (iso: string) => formatInstant(iso, timeZone, locale);
  const listText = (names: readonly string[]) => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`);
  return (
    <Block id="sd-inc-history" title={escalations ? 'Escalations and messages' : 'Messages sent to you'}>
      {escalations ? (
      <div data-testid="sd-escalations">
        <h3 className="sd-inc-subtitle">Escalations</h3>
        {escalations.length === 0 ? (
          <Muted testId="sd-escalations-empty">No escalations</Muted>
        ) : (
          <ul className="sd-inc-rows">
            {escalations.map((e) => (
              <li key={e.key} data-testid="sd-escalation">
                <span>{e.label}</span>
                <span className="sd-inc-muted">
                  {' '}
                  · {at(e.escalatedAt)}
                  {e.notified.length > 0
                    ? ` · notified ${listText(e.notified)}`
                    : ' · nobody was notified: the role list names no Incident Manager or Service Manager'}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      ) : null}
      <div data-testid="sd-communications">
        {escalations ? <h3 className="sd-inc-subtitle">Messages to the customer</h3> : null}
        {communications.length === 0 ? (
          <Muted testId="sd-communications-empty">{escalations ? 'No messages sent to the customer yet' : 'No messages sent to you yet'}</Muted>
        ) : (
          <ul className="sd-inc-rows">
            {communications.map((c) => (
              <li key={c.key} data-testid="sd-communication" data-event={c.event}>
                <span>{COMMUNICATION_LABEL[c.event]}</span>
                <span className="sd-inc-muted">
                  {c.cycle > 1 ? ` · after reopening` : ''} · sent {at(c.at)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      {escalations ? <Why>Escalation (D14), standard communications (IN-10)</Why> : null}
    </Block>
  );
}
