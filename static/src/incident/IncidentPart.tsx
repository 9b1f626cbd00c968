import './incident.css';
import { useMemo } from 'react';
import { Actions } from './Actions';
import { Classification } from './Classification';
import { Clocks } from './Clocks';
import { Closure } from './Closure';
import { intlLocale } from './format';
import { History } from './History';
import { Links } from './Links';
import { Priority } from './Priority';
import type { IncidentSection } from './types';

export interface IncidentPartProps {
  incident: IncidentSection;
  siteUrl: string;
  locale: string | undefined;
  /** Reloads the panel's view without blanking it (after an action; when a live countdown reaches zero). */
  reload: () => Promise<void>;
  /** Fire-and-forget form of `reload`, stable across renders. */
  refresh: () => void;
}

/**
 * The incident part of the issue panel (issue #5 item 7), loaded as its own chunk only for incidents: priority and
 * its derivation (D8), classification, SLA clocks (D9–D11), escalations and communications (D14, IN-10), links,
 * the closure checklist (IN.2.5, D12, D13) and the actions. A customer's view (D26) carries no internal parts: the
 * server leaves them null and they are not shown.
 */
export default function IncidentPart({ incident, siteUrl, locale, reload, refresh }: IncidentPartProps) {
  // When this view arrived, on the browser's monotonic clock: the countdown subtracts the time since from the
  // server's figures (the server's `now` is the reference, not the browser's wall clock).
  const receivedAt = useMemo(() => performance.now(), [incident]);
  const tag = intlLocale(locale);
  const timeZone = incident.policy.timeZone;
  return (
    <div className="sd-inc sd-stack" data-testid="sd-incident" data-audience={incident.audience} data-policy-version={incident.policy.version ?? 'default'}>
      <Priority priority={incident.priority} />
      {incident.classification ? (
        <Classification classification={incident.classification} majorIncident={incident.majorIncident} timeZone={timeZone} locale={tag} />
      ) : null}
      <Clocks clocks={incident.clocks} serverNow={incident.now} receivedAt={receivedAt} timeZone={timeZone} locale={tag} onDue={refresh} />
      <History escalations={incident.escalations} communications={incident.communications} timeZone={timeZone} locale={tag} />
      {incident.links ? <Links links={incident.links} siteUrl={siteUrl} /> : null}
      <Closure closure={incident.closure} timeZone={timeZone} locale={tag} />
      <Actions actions={incident.actions} audience={incident.audience} majorIncident={incident.majorIncident !== null} siteUrl={siteUrl} onChanged={reload} />
    </div>
  );
}
