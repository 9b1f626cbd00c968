import Lozenge from '@atlaskit/lozenge';
import { Block, Muted } from '../incident/Block';
import { IssueLink } from '../incident/IssueLink';
import { Why } from '../incident/Why';
import { formatInstant, nameOf, priorityAppearance, REVIEW_OUTCOME, splitWhy } from './format';
import type { ChangeSection, LozengeAppearance, PersonRef } from './types';
import { LinkRow } from '../incident/Links';

interface Shown {
  section: ChangeSection;
  timeZone: string | undefined;
  locale: string | undefined;
  siteUrl: string;
}

/** CHG-11: the change's priority from the same matrix as incidents: the value, and impact × urgency. */
export function ChangePriority({ section }: { section: ChangeSection }) {
  const p = section.priority;
  const derivation = p.value !== null && p.impact !== null && p.urgency !== null ? `Impact ${p.impact} × Urgency ${p.urgency} → ${p.value}` : null;
  const text = splitWhy(p.text);
  return (
    <Block id="sd-chg-priority" title="Priority" testId="sd-change-priority-block">
      {p.value !== null ? (
        <p className="sd-inc-line sd-inc-priority-line">
          <Lozenge testId="sd-change-priority" appearance={priorityAppearance(p.value)}>
            {p.value}
          </Lozenge>
          {derivation ? (
            <span className="sd-inc-derivation" data-testid="sd-change-derivation">
              {derivation}
            </span>
          ) : null}
        </p>
      ) : null}
      {p.value === null || derivation === null ? (
        <p className="sd-inc-muted" data-testid="sd-change-priority-text">
          {text.text}
        </p>
      ) : null}
      {p.value !== null && p.jiraPriority !== null && p.jiraPriority !== p.value ? (
        <p className="sd-inc-muted" data-testid="sd-change-priority-sync">
          Jira&apos;s priority field {p.syncPending ? 'still says' : 'says'} {p.jiraPriority}; {p.value} applies (it follows from impact and urgency)
          {p.syncPending ? ', and the field is being updated.' : '.'}
        </p>
      ) : null}
      <Why>{text.why ?? 'CHG-11, D8'}</Why>
    </Block>
  );
}

const FINDING: Readonly<Record<'refusal' | 'warning', { label: string; appearance: LozengeAppearance }>> = {
  refusal: { label: 'Refused', appearance: 'removed' },
  warning: { label: 'Warning', appearance: 'moved' },
};

/** The planned slot in the viewer's zone, what the schedule check found (refusals, warnings, conflicts), recorded warnings. */
export function Schedule({ section, timeZone, locale, siteUrl }: Shown) {
  const s = section.schedule;
  const at = (iso: string) => formatInstant(iso, timeZone, locale);
  return (
    <Block id="sd-chg-schedule" title="Schedule" testId="sd-change-schedule">
      {s.plannedStart !== null || s.plannedEnd !== null ? (
        <dl className="sd-facts">
          <dt>Planned start</dt>
          <dd data-testid="sd-change-planned-start">{s.plannedStart !== null ? at(s.plannedStart) : <span className="sd-inc-muted">Not set</span>}</dd>
          <dt>Planned end</dt>
          <dd data-testid="sd-change-planned-end">{s.plannedEnd !== null ? at(s.plannedEnd) : <span className="sd-inc-muted">Not set</span>}</dd>
        </dl>
      ) : (
        <Muted testId="sd-change-planned-start">Not on the schedule yet: no planned start and end.</Muted>
      )}
      {s.findings.length > 0 ? (
        <ul className="sd-inc-rows" data-testid="sd-change-findings">
          {s.findings.map((f, i) => {
            const words = splitWhy(f.message);
            return (
              <li key={`${f.kind}:${f.otherKey ?? ''}:${i}`} className={`sd-chg-finding sd-chg-finding-${f.severity}`} data-testid="sd-change-finding" data-kind={f.kind} data-severity={f.severity}>
                <Lozenge appearance={FINDING[f.severity].appearance}>{FINDING[f.severity].label}</Lozenge>
                <span>
                  {words.text}
                  {f.otherKey !== null ? (
                    <>
                      {' '}
                      <span className="sd-inc-muted">Other change: </span>
                      <IssueLink issueKey={f.otherKey} siteUrl={siteUrl} testId="sd-change-finding-key" />
                    </>
                  ) : null}
                </span>
              </li>
            );
          })}
        </ul>
      ) : s.plannedStart !== null ? (
        <Muted testId="sd-change-findings-none">The planned slot fits the schedule: no freeze, no conflict.</Muted>
      ) : null}
      {s.recorded.length > 0 ? (
        <div data-testid="sd-change-recorded-warnings">
          <h3 className="sd-inc-subtitle">Warnings recorded for this emergency change</h3>
          <ul className="sd-inc-rows">
            {s.recorded.map((r, i) => (
              <li key={`${r.at}:${i}`}>
                <span className="sd-inc-muted">{at(r.at)} · </span>
                {splitWhy(r.message).text}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {s.scheduleVersion !== null ? (
        <p className="sd-inc-muted" data-testid="sd-change-schedule-version">
          Checked against the change schedule, {s.scheduleVersion}.
        </p>
      ) : null}
      <Why>Change schedule, windows and freezes (CO.2.2, D17, D21, WP.12)</Why>
    </Block>
  );
}

/** Affected services and configuration items with the current version of each configuration record (CO-06). */
export function Items({ section }: { section: ChangeSection }) {
  const { services, configurationItems: items, newService } = section;
  return (
    <Block id="sd-chg-items" title="Services and configuration items" testId="sd-change-items">
      <p className="sd-inc-line" data-testid="sd-change-services">
        <span className="sd-inc-muted">Services: </span>
        {services.length > 0 ? services.join(', ') : 'none named'}
      </p>
      {newService ? (
        <p className="sd-inc-line" data-testid="sd-change-new-service">
          A new service: no existing configuration item is touched.
        </p>
      ) : null}
      {items.length > 0 ? (
        <ul className="sd-inc-rows" data-testid="sd-change-cis">
          {items.map((ci) => (
            <li key={ci.id} className="sd-chg-inline" data-testid="sd-change-ci" data-id={ci.id} data-known={ci.known ? 'true' : 'false'}>
              <span className="sd-inc-strong">{ci.name}</span>
              {ci.kind || ci.service ? <span className="sd-inc-muted">{[ci.kind, ci.service].filter(Boolean).join(' · ')}</span> : null}
              {ci.known ? (
                ci.version !== null ? <Lozenge appearance="default">version {ci.version}</Lozenge> : null
              ) : (
                <Lozenge appearance="moved" testId="sd-change-ci-unknown">
                  Not a configuration record
                </Lozenge>
              )}
            </li>
          ))}
        </ul>
      ) : !newService ? (
        <Muted testId="sd-change-cis-empty">No configuration item named yet. A change cannot be approved without one (or a new service).</Muted>
      ) : null}
      <Why>Configuration records (CO-06, CO.1.4, WP.02)</Why>
    </Block>
  );
}

function Check({ done, children, testId }: { done: boolean; children: string; testId?: string }) {
  return (
    <li data-testid={testId} data-done={done ? 'true' : 'false'}>
      <span className={done ? 'sd-inc-mark sd-inc-mark-done' : 'sd-inc-mark sd-chg-mark-todo'} aria-hidden="true">
        {done ? '✓' : '–'}
      </span>
      <span className="sd-inc-check-body">
        <span className="sd-visually-hidden">{done ? 'Present: ' : 'Not there yet: '}</span>
        {children}
      </span>
    </li>
  );
}

/** Plans present, the recorded evidence of each step, template and designation, and the procedures in force. */
export function Records({ section, timeZone, locale }: Shown) {
  const { plans, evidence: e, template, designatedAs, procedures } = section;
  const at = (iso: string) => formatInstant(iso, timeZone, locale);
  const byAt = (p: PersonRef, when: string) => `${nameOf(p)}, ${at(when)}`;
  return (
    <Block id="sd-chg-records" title="Plans and evidence" testId="sd-change-records">
      <div>
        <h3 className="sd-inc-subtitle">Plans</h3>
        <ul className="sd-inc-checklist sd-chg-plans" data-testid="sd-change-plans">
          <Check done={plans.implementation}>Implementation plan</Check>
          <Check done={plans.test}>Test plan</Check>
          <Check done={plans.backOut}>Back-out plan</Check>
          <Check done={plans.businessImpact}>Business impact</Check>
        </ul>
      </div>

      <div>
        <h3 className="sd-inc-subtitle">Evidence</h3>
        <ul className="sd-inc-rows sd-chg-evidence" data-testid="sd-change-evidence">
          <li data-testid="sd-change-evidence-design" data-present={e.design ? 'true' : 'false'}>
            <span className="sd-inc-strong">Service design approved: </span>
            {e.design ? (
              <>
                {byAt(e.design.approvedBy, e.design.at)}
                {e.design.procedureVersion !== null ? <span className="sd-inc-muted"> · procedure version {e.design.procedureVersion}</span> : null}
              </>
            ) : (
              <span className="sd-inc-muted">not yet</span>
            )}
          </li>
          <li data-testid="sd-change-evidence-build" data-present={e.build ? 'true' : 'false'}>
            <span className="sd-inc-strong">Build: </span>
            {e.build ? (
              <>
                <Lozenge appearance={e.build.status === 'Final' ? 'success' : 'inprogress'}>{e.build.status}</Lozenge> {byAt(e.build.by, e.build.at)}
                {e.build.notes ? <span className="sd-inc-hint sd-inc-prewrap">{e.build.notes}</span> : null}
              </>
            ) : (
              <span className="sd-inc-muted">not recorded yet</span>
            )}
          </li>
          <li data-testid="sd-change-evidence-test" data-present={e.testReport ? 'true' : 'false'}>
            <span className="sd-inc-strong">Test report: </span>
            {e.testReport ? (
              <>
                <Lozenge testId="sd-change-test-outcome" appearance={e.testReport.outcome === 'pass' ? 'success' : 'removed'}>
                  {e.testReport.outcome === 'pass' ? 'Pass' : 'Fail'}
                </Lozenge>{' '}
                {byAt(e.testReport.performedBy, e.testReport.publishedAt)}
                <span className="sd-inc-hint sd-inc-prewrap">{e.testReport.summary}</span>
                <span className="sd-inc-hint">Levels: {e.testReport.levels}</span>
                {e.testReport.errors ? <span className="sd-inc-hint sd-inc-prewrap">Errors: {e.testReport.errors}</span> : null}
              </>
            ) : (
              <span className="sd-inc-muted">not published yet</span>
            )}
          </li>
          <li data-testid="sd-change-evidence-deploy" data-present={e.deployment ? 'true' : 'false'}>
            <span className="sd-inc-strong">Deployment: </span>
            {e.deployment ? (
              <>
                {byAt(e.deployment.by, e.deployment.at)}
                {e.deployment.configurationVersions.length > 0 ? (
                  <span className="sd-inc-hint">
                    Configuration records written: {e.deployment.configurationVersions.map((v) => `${v.id} version ${v.version}`).join(', ')}
                  </span>
                ) : null}
              </>
            ) : (
              <span className="sd-inc-muted">not deployed yet</span>
            )}
          </li>
          <li data-testid="sd-change-evidence-review" data-present={e.review ? 'true' : 'false'}>
            <span className="sd-inc-strong">Review: </span>
            {e.review ? (
              <>
                <Lozenge appearance={e.review.outcome === 'successful' ? 'success' : 'removed'}>{REVIEW_OUTCOME[e.review.outcome]}</Lozenge> {byAt(e.review.by, e.review.at)}
                {e.review.emergencyJustified !== null ? (
                  <span className="sd-inc-hint" data-testid="sd-change-emergency-justified">
                    Was the emergency justified? {e.review.emergencyJustified ? 'Yes' : 'No'}
                  </span>
                ) : null}
                {e.review.notes ? <span className="sd-inc-hint sd-inc-prewrap">{e.review.notes}</span> : null}
              </>
            ) : (
              <span className="sd-inc-muted">not reviewed yet</span>
            )}
          </li>
        </ul>
      </div>

      {template !== null || designatedAs.length > 0 ? (
        <div data-testid="sd-change-template">
          <h3 className="sd-inc-subtitle">Pre-approved template</h3>
          {template !== null ? <p className="sd-inc-line">Raised from the pre-approved template “{template.name}”.</p> : null}
          {designatedAs.map((d) => (
            <p key={d.id} className="sd-inc-line" data-testid="sd-change-designated">
              Qualifies the pre-approved template “{d.name}”, designated {at(d.designatedAt)}.
            </p>
          ))}
        </div>
      ) : null}

      <div data-testid="sd-change-procedures">
        <h3 className="sd-inc-subtitle">Procedures in force</h3>
        <p className="sd-inc-line">
          <span className="sd-inc-muted">Design, build, test and deploy: </span>
          {procedures.designBuildTestDeploy ?? 'none approved yet'}
        </p>
        <p className="sd-inc-line">
          <span className="sd-inc-muted">Secure components: </span>
          {procedures.secureComponent ?? 'none approved yet'}
        </p>
      </div>
      <Why>Change request and its evidence (WP.11, WP.13, WP.16, WP.17, WP.20, CO.2.3–CO.3.5, D15)</Why>
    </Block>
  );
}

const GROUPS = [
  { id: 'incidents', title: 'Incidents' },
  { id: 'problems', title: 'Problems' },
  { id: 'changes', title: 'Other changes' },
] as const;


/** Linked incidents, problems and other changes; each key opens the issue in Jira. */
export function ChangeLinks({ section, siteUrl }: { section: ChangeSection; siteUrl: string }) {
  const groups = GROUPS.map((g) => ({ ...g, items: section.links[g.id] })).filter((g) => g.items.length > 0);
  return (
    <Block id="sd-chg-links" title="Linked issues" testId="sd-change-links">
      {groups.length === 0 ? (
        <Muted testId="sd-change-links-empty">No linked incidents, problems or changes</Muted>
      ) : (
        groups.map((g) => (
          <div key={g.id} data-testid={`sd-change-links-${g.id}`}>
            <h3 className="sd-inc-subtitle">{g.title}</h3>
            <ul className="sd-inc-rows">
              {g.items.map((l) => (
                <LinkRow key={`${l.label}:${l.key}`} link={l} siteUrl={siteUrl} testId="sd-change-link" />
              ))}
            </ul>
          </div>
        ))
      )}
    </Block>
  );
}

