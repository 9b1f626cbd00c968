import Lozenge from '@atlaskit/lozenge';
import { Actions } from './Actions';
import { Block } from './Block';
import { Clocks } from './Clocks';
import { formatInstant, priorityAppearance } from './format';
import { History } from './History';
import { Satisfaction } from './Satisfaction';
import type { IncidentSection } from './types';

export interface CustomerViewProps {
  incident: IncidentSection;
  issueKey: string;
  receivedAt: number;
  timeZone: string | undefined;
  locale: string | undefined;
  siteUrl: string;
  reload: () => Promise<void>;
  refresh: () => void;
}

/** Where the customer's record stands, in their terms: what we are doing, and what is asked of them. */
function standing(i: IncidentSection): string {
  const resolved = i.closure.items.find((x) => x.id === 'resolution')?.done ?? false;
  if (i.closure.confirmation) return 'You confirmed that the service is restored. Thank you.';
  if (resolved) return 'We have restored the service. Please check that everything works, and confirm below.';
  return 'We are working on it. We will tell you when the service is restored.';
}

/**
 * D26: the customer's own view of their incident, self-contained so it renders the same in the issue panel and in
 * the portal module: its state, the targets we committed to and whether we meet them, the messages sent to them and
 * their own action (confirming the resolution). Nothing internal: no escalations, no names of the service team's
 * managers, no team metrics, no checklist of the team's own closing steps.
 */
export function CustomerView({ incident, issueKey, receivedAt, timeZone, locale, siteUrl, reload, refresh }: CustomerViewProps) {
  const c = incident.closure.confirmation;
  return (
    <div className="sd-inc sd-stack" data-testid="sd-incident" data-audience="customer">
      <Block id="sd-cust-state" title="Your incident" testId="sd-customer-state">
        <p className="sd-inc-line" data-testid="sd-customer-standing">
          {standing(incident)}
        </p>
        {incident.priority.value !== null ? (
          <p className="sd-inc-line">
            <span className="sd-inc-muted">Priority </span>
            <Lozenge testId="sd-incident-priority" appearance={priorityAppearance(incident.priority.value)}>
              {incident.priority.value}
            </Lozenge>
          </p>
        ) : null}
        {c ? (
          <p className="sd-inc-muted" data-testid="sd-closure-confirmation">
            Confirmed by {c.confirmedBy} on {formatInstant(c.confirmedAt, timeZone, locale)}
          </p>
        ) : null}
      </Block>
      <Clocks
        title="Our targets for this incident"
        clocks={incident.clocks}
        serverNow={incident.now}
        receivedAt={receivedAt}
        timeZone={timeZone}
        serviceZone={incident.policy.timeZone}
        currentPriority={incident.priority.value}
        locale={locale}
        onDue={refresh}
        basis={{ agreement: incident.agreement, policyVersion: incident.policy.version }}
      />
      <History escalations={null} communications={incident.communications} timeZone={timeZone} locale={locale} />
      {incident.satisfaction ? <Satisfaction initial={incident.satisfaction} timeZone={timeZone} locale={locale} /> : null}
      {c === null ? (
        <Actions
          actions={incident.actions}
          audience="customer"
          majorIncident={false}
          rootCause={null}
          problems={[]}
          incidentKey={issueKey}
          siteUrl={siteUrl}
          onChanged={reload}
        />
      ) : null}
    </div>
  );
}
