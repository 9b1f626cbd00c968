import Lozenge from '@atlaskit/lozenge';
import { Block } from './Block';
import { formatInstant } from './format';
import type { IncidentSection } from './types';

function Names({ names, testId, empty }: { names: readonly string[]; testId: string; empty: string }) {
  if (names.length === 0) {
    return (
      <span className="sd-inc-muted" data-testid={testId}>
        {empty}
      </span>
    );
  }
  return (
    <ul className="sd-list" data-testid={testId}>
      {names.map((n) => (
        <li key={n}>
          <Lozenge appearance="default" maxWidth="100%">
            {n}
          </Lozenge>
        </li>
      ))}
    </ul>
  );
}

/** IN.2.2 classification: what the incident affects, its classes (security, major) and D13 significance. */
export function Classification({
  classification: c,
  majorIncident,
  timeZone,
  locale,
}: {
  classification: NonNullable<IncidentSection['classification']>;
  majorIncident: IncidentSection['majorIncident'];
  timeZone: string | undefined;
  locale: string | undefined;
}) {
  const flagged = c.securityIncident || c.majorIncident;
  return (
    <Block id="sd-inc-class" title="Classification">
      <dl className="sd-facts">
        <dt>Services</dt>
        <dd>
          <Names names={c.services} testId="sd-incident-services" empty="None named" />
        </dd>
        <dt>Configuration items</dt>
        <dd>
          <Names names={c.cis} testId="sd-incident-cis" empty="None named" />
        </dd>
        {flagged ? (
          <>
            <dt>Class</dt>
            <dd>
              <ul className="sd-list">
                {c.securityIncident ? (
                  <li>
                    <Lozenge testId="sd-incident-security" appearance="removed" maxWidth="100%">
                      Information security incident
                    </Lozenge>
                  </li>
                ) : null}
                {c.majorIncident ? (
                  <li>
                    <Lozenge testId="sd-incident-major" appearance="removed" maxWidth="100%">
                      Major incident
                    </Lozenge>
                  </li>
                ) : null}
              </ul>
            </dd>
          </>
        ) : null}
        <dt>Significant impact</dt>
        <dd data-testid="sd-incident-significant" data-significant={c.significant ? 'yes' : 'no'}>
          {c.significant ? (
            <span className="sd-inc-strong">Yes: {c.significantReasons.join('; ')}</span>
          ) : (
            <span className="sd-inc-muted">No</span>
          )}
        </dd>
        {majorIncident ? (
          <>
            <dt>Major incident</dt>
            <dd data-testid="sd-incident-major-state">
              {majorIncident.manager ? `Managed by ${majorIncident.manager.displayName}` : 'No major incident manager named yet'}
              {' · '}
              {majorIncident.reportPublishedAt
                ? `report published ${formatInstant(majorIncident.reportPublishedAt, timeZone, locale)}`
                : 'report not published yet'}
            </dd>
          </>
        ) : null}
      </dl>
    </Block>
  );
}
