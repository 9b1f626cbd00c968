import '../incident/incident.css';
import './change.css';
import Lozenge from '@atlaskit/lozenge';
import { useCallback, useState } from 'react';
import { Block } from '../incident/Block';
import { Why } from '../incident/Why';
import { Actions } from './Actions';
import { Approvals } from './Approvals';
import { ChangeLinks, ChangePriority, Items, Records, Schedule } from './Details';
import { intlLocale, splitWhy } from './format';
import { NextStep, Overview } from './Overview';
import type { ChangeSection } from './types';

export interface ChangePartProps {
  change: ChangeSection;
  issueKey: string;
  summary: string;
  siteUrl: string;
  locale: string | undefined;
  /** The viewer's time zone (Forge context, from their Jira profile): every instant is shown in it. */
  timeZone: string | undefined;
  /** Reloads the panel's view in the background (the header's Jira status follows an action). */
  refresh: () => void;
}

/** D26: a customer sees where their change request stands, nothing of its internals. */
function CustomerView({ change }: { change: ChangeSection }) {
  return (
    <div className="sd-inc sd-chg sd-stack" data-testid="sd-change" data-audience="customer">
      <Block id="sd-chg-cust" title="Your change request" testId="sd-change-customer">
        <p className="sd-inc-line" data-testid="sd-change-stage">
          <Lozenge appearance="default">{change.stage.statusName}</Lozenge> {change.stage.label}
        </p>
      </Block>
    </div>
  );
}

/**
 * The change part of the issue panel (issue #13), loaded as its own chunk only for service change requests. What a
 * Control Manager needs at a glance: the type and its path, where the change stands and what it needs before its next
 * step, who may approve it and who may not, the priority, the schedule slot with its conflicts and freezes, the services
 * and configuration items, plans and evidence, links, and the actions open to the viewer. After an action the server
 * answers the fresh change view, which replaces this one at once.
 */
export default function ChangePart({ change, summary, siteUrl, locale, timeZone, refresh }: ChangePartProps) {
  // The view an action answered, for as long as the panel's own view is the one it answered on.
  const [answered, setAnswered] = useState<{ base: ChangeSection; section: ChangeSection } | null>(null);
  const section = answered !== null && answered.base === change ? answered.section : change;
  const onAnswered = useCallback(
    (fresh: ChangeSection) => {
      setAnswered({ base: change, section: fresh });
      refresh();
    },
    [change, refresh],
  );
  const tag = intlLocale(locale);
  if (section.audience === 'customer') return <CustomerView change={section} />;
  const why = splitWhy(section.why);
  const shown = { section, timeZone, locale: tag, siteUrl };
  return (
    <div className="sd-inc sd-chg sd-stack" data-testid="sd-change" data-audience={section.audience} data-type={section.type ?? 'unset'}>
      <Overview section={section} timeZone={timeZone} locale={tag} />
      <NextStep section={section} />
      <Approvals section={section} timeZone={timeZone} locale={tag} />
      <ChangePriority section={section} />
      <Schedule {...shown} />
      <Items section={section} />
      <Records {...shown} />
      <ChangeLinks section={section} siteUrl={siteUrl} />
      <Actions section={section} summary={summary} timeZone={timeZone} locale={tag} onAnswered={onAnswered} />
      {section.why ? <Why testId="sd-change-why">{why.why ?? section.why}</Why> : null}
    </div>
  );
}
