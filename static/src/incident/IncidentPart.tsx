import './incident.css';
import { useMemo } from 'react';
import { Actions } from './Actions';
import { Classification } from './Classification';
import { Clocks } from './Clocks';
import { Closure } from './Closure';
import { CustomerView } from './CustomerView';
import { intlLocale } from './format';
import { History } from './History';
import { Links } from './Links';
import { Priority } from './Priority';
import { Satisfaction } from './Satisfaction';
import type { IncidentSection } from './types';
import { IncidentConfigurationItems } from './ConfigurationItems';

export interface IncidentPartProps {
  incident: IncidentSection;
  issueKey: string;
  siteUrl: string;
  locale: string | undefined;
  /** The viewer's time zone (Forge context, from their Jira profile): every instant is shown in it. */
  timeZone: string | undefined;
  /** Reloads the panel's view without blanking it (after an action; when a live countdown reaches zero). */
  reload: () => Promise<void>;
  /** Fire-and-forget form of `reload`, stable across renders. */
  refresh: () => void;
}

/**
 * The incident part of the issue panel (issue #5 item 7), loaded as its own chunk only for incidents. The service
 * team's view: priority and how it follows from impact and urgency, classification, SLA clocks, escalations and the
 * messages sent, links, the closure checklist and the actions. A customer (D26) gets their own view (CustomerView),
 * not a trimmed one: the server decides the audience and leaves the internal parts out of the answer.
 */
export default function IncidentPart({ incident, issueKey, siteUrl, locale, timeZone, reload, refresh }: IncidentPartProps) {
  // When this view arrived, on the browser's monotonic clock: the countdown subtracts the time since from the
  // server's figures (the server's `now` is the reference, not the browser's wall clock).
  const receivedAt = useMemo(() => performance.now(), [incident]);
  const tag = intlLocale(locale);
  const serviceZone = incident.policy.timeZone;
  if (incident.audience === 'customer') {
    return <CustomerView incident={incident} receivedAt={receivedAt} timeZone={timeZone} locale={tag} siteUrl={siteUrl} issueKey={issueKey} reload={reload} refresh={refresh} />;
  }
  return (
    <div className="sd-inc sd-stack" data-testid="sd-incident" data-audience={incident.audience} data-policy-version={incident.policy.version ?? 'default'}>
      <Priority priority={incident.priority} policyVersion={incident.policy.version} />
      {incident.classification ? (
        <Classification classification={incident.classification} majorIncident={incident.majorIncident} timeZone={timeZone} locale={tag} />
      ) : null}
      <Clocks
        clocks={incident.clocks}
        serverNow={incident.now}
        receivedAt={receivedAt}
        timeZone={timeZone}
        serviceZone={serviceZone}
        currentPriority={incident.priority.value}
        locale={tag}
        onDue={refresh}
        basis={{ agreement: incident.agreement, policyVersion: incident.policy.version }}
      />
      <History escalations={incident.escalations} communications={incident.communications} timeZone={timeZone} locale={tag} />
      {incident.links ? <Links links={incident.links} siteUrl={siteUrl} /> : null}
      <Closure closure={incident.closure} timeZone={timeZone} locale={tag} />
      {incident.satisfaction ? <Satisfaction initial={incident.satisfaction} timeZone={timeZone} locale={tag} /> : null}
      <Actions
        actions={incident.actions}
        audience={incident.audience}
        majorIncident={incident.majorIncident !== null}
        rootCause={incident.rootCause}
        problems={incident.links?.problems ?? []}
        incidentKey={issueKey}
        siteUrl={siteUrl}
        onChanged={reload}
      />
      {incident.audience === 'team' && incident.classification ? (
        <IncidentConfigurationItems cis={incident.classification.cis} action={incident.actions.setConfigurationItems} onChanged={reload} />
      ) : null}
    </div>
  );
}
