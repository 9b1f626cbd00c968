import Lozenge from '@atlaskit/lozenge';
import { Block, Muted } from '../incident/Block';
import { Notice } from '../incident/Notice';
import { Reason, Why } from '../incident/Why';
import { formatInstant, nameOf, splitWhy } from './format';
import type { ChangeSection, DecisionView } from './types';
import { unnamed, useNames } from './useNames';

function Decision({ d, timeZone, locale }: { d: DecisionView; timeZone: string | undefined; locale: string | undefined }) {
  const approved = d.decision === 'approved';
  return (
    <li className="sd-chg-decision" data-testid="sd-change-decision" data-step={d.step} data-decision={d.decision} data-counted={d.counted ? 'true' : 'false'}>
      <p className="sd-inc-line sd-chg-inline">
        <Lozenge appearance={!d.counted ? 'default' : approved ? 'success' : 'removed'}>{approved ? 'Approved' : 'Rejected'}</Lozenge>
        <span>
          <span className="sd-inc-strong">{d.stepLabel}</span> · {nameOf(d.by)} <span className="sd-inc-muted">({d.role})</span>
        </span>
      </p>
      <p className="sd-inc-muted">
        {formatInstant(d.at, timeZone, locale)}
        {d.via === 'jsm' ? ' · through Jira Service Management' : ' · in this panel'}
        {d.recordedBy !== null ? ` · recorded by ${nameOf(d.recordedBy)}${d.how ? ` (${d.how})` : ''}` : ''}
      </p>
      {d.reason ? (
        <p className="sd-inc-line sd-inc-prewrap" data-testid="sd-change-decision-reason">
          “{d.reason}”
        </p>
      ) : null}
      {!d.counted ? (
        <div className="sd-chg-not-counted" data-testid="sd-change-decision-not-counted">
          <Lozenge appearance="moved">Does not count</Lozenge>
          <Reason text={d.notCountedBecause ?? 'This decision does not count for the step.'} />
        </div>
      ) : null}
    </li>
  );
}

/** Who may approve the pending step and who may not (and why), the decisions so far, and a rejection with its reason. */
export function Approvals({ section, timeZone, locale }: { section: ChangeSection; timeZone: string | undefined; locale: string | undefined }) {
  const { approvers, decisions, rejection, requester, builder, deployer } = section;
  const names = useNames(approvers ? [...approvers.eligible, ...approvers.excluded.map((x) => x.person)].filter(unnamed).map((p) => p.accountId) : []);
  const rule = approvers ? splitWhy(approvers.rule) : null;
  return (
    <Block id="sd-chg-approvals" title="Approvals" testId="sd-change-approvals">
      {rejection !== null ? (
        <Notice appearance="error" testId="sd-change-rejection" title={`Rejected by ${nameOf(rejection.by)}`}>
          <p style={{ margin: 0 }}>{formatInstant(rejection.at, timeZone, locale)}</p>
          <p style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="sd-change-rejection-reason">
            Reason: {rejection.reason}
          </p>
        </Notice>
      ) : null}

      <dl className="sd-facts sd-chg-people" data-testid="sd-change-people">
        <dt>Requested by</dt>
        <dd>{requester ? requester.displayName : <span className="sd-inc-muted">Not known</span>}</dd>
        <dt>Builder</dt>
        <dd>{builder ? builder.displayName : <span className="sd-inc-muted">Not named yet</span>}</dd>
        <dt>Deployer</dt>
        <dd>{deployer ? deployer.displayName : <span className="sd-inc-muted">Not named yet</span>}</dd>
      </dl>

      {approvers !== null ? (
        <div className="sd-stack-tight" data-testid="sd-change-approvers" data-step={approvers.step}>
          <h3 className="sd-inc-subtitle">Who may approve: {approvers.stepLabel}</h3>
          {rule ? <p className="sd-inc-line">{rule.text}</p> : null}
          {approvers.eligible.length > 0 ? (
            <p className="sd-inc-line" data-testid="sd-change-eligible">
              <span className="sd-inc-muted">May approve: </span>
              {approvers.eligible.map((p) => names.get(p.accountId) ?? p.displayName).join(', ')}
            </p>
          ) : (
            <Muted testId="sd-change-eligible">Nobody on the service team may approve this step now.</Muted>
          )}
          {approvers.excluded.length > 0 ? (
            <ul className="sd-inc-rows" data-testid="sd-change-excluded" aria-label="May not approve">
              {approvers.excluded.map((x) => (
                <li key={x.person.accountId} data-testid="sd-change-excluded-person">
                  <span className="sd-inc-muted">May not approve: </span>
                  {names.get(x.person.accountId) ?? x.person.displayName} — {splitWhy(names.has(x.person.accountId) ? x.reason.split(x.person.accountId).join(names.get(x.person.accountId) ?? '') : x.reason).text}
                </li>
              ))}
            </ul>
          ) : null}
          {approvers.signOffs.length > 0 ? (
            <div data-testid="sd-change-signoffs">
              <p className="sd-inc-muted">The step also needs:</p>
              <ul className="sd-inc-rows sd-chg-bullets">
                {approvers.signOffs.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <Why>{[...new Set([rule?.why, approvers.why].flatMap((w) => (w ? w.split(/,\s*/) : [])))].join(', ')}</Why>
        </div>
      ) : null}

      {decisions.length > 0 ? (
        <div className="sd-stack-tight">
          <h3 className="sd-inc-subtitle">Decisions</h3>
          <ul className="sd-inc-rows sd-chg-decisions" data-testid="sd-change-decisions">
            {decisions.map((d, i) => (
              <Decision key={`${d.step}:${d.by.accountId}:${d.at}:${i}`} d={d} timeZone={timeZone} locale={locale} />
            ))}
          </ul>
        </div>
      ) : (
        <Muted testId="sd-change-decisions-empty">No decision recorded yet.</Muted>
      )}
    </Block>
  );
}
