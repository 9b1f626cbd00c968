import Lozenge from '@atlaskit/lozenge';
import { Block, Muted } from '../incident/Block';
import { Why } from '../incident/Why';
import { formatInstant, nameOf, splitWhy } from './format';
import type { ChangeSection, PathStepView } from './types';

const MARK: Readonly<Record<PathStepView['state'], { mark: string; words: string }>> = {
  done: { mark: '✓', words: 'Done' },
  current: { mark: '●', words: 'Where it stands' },
  todo: { mark: '○', words: 'Still to come' },
  rejected: { mark: '✗', words: 'Rejected' },
  'not-on-path': { mark: '–', words: 'Not on this path' },
};

const TYPE_APPEARANCE = { Normal: 'inprogress', Emergency: 'removed', 'Pre-approved': 'success' } as const;

/** The type of change, how it is handled, and its path as a stepper: done (who, when), where it stands, still to come. */
export function Overview({ section, timeZone, locale }: { section: ChangeSection; timeZone: string | undefined; locale: string | undefined }) {
  const path = splitWhy(section.pathText);
  return (
    <Block id="sd-chg-path" title="Change path" testId="sd-change-overview">
      <p className="sd-inc-line sd-chg-type-line">
        {section.type !== null ? (
          <Lozenge testId="sd-change-type" appearance={TYPE_APPEARANCE[section.type]}>
            {section.typeLabel}
          </Lozenge>
        ) : (
          <span data-testid="sd-change-type" className="sd-inc-strong">
            {section.typeLabel}
          </span>
        )}
        <span data-testid="sd-change-path-text">{path.text}</span>
      </p>
      {section.path.length > 0 ? (
        <ol className="sd-chg-path" aria-label="Steps of this change" data-testid="sd-change-path">
          {section.path.map((s) => (
            <li
              key={s.step}
              className={`sd-chg-step sd-chg-step-${s.state}`}
              data-testid="sd-change-step"
              data-step={s.step}
              data-state={s.state}
              aria-current={s.state === 'current' ? 'step' : undefined}
            >
              <span className="sd-chg-step-mark" aria-hidden="true">
                {MARK[s.state].mark}
              </span>
              <span className="sd-chg-step-body">
                <span className="sd-visually-hidden">{MARK[s.state].words}: </span>
                <span className="sd-chg-step-label">{s.label}</span>
                {s.state === 'done' && (s.by !== null || s.at !== null) ? (
                  <span className="sd-chg-step-when">
                    {s.by !== null ? nameOf(s.by) : null}
                    {s.by !== null && s.at !== null ? ', ' : null}
                    {s.at !== null ? formatInstant(s.at, timeZone, locale) : null}
                  </span>
                ) : null}
                {s.state === 'not-on-path' ? <span className="sd-chg-step-when">Not on this path</span> : null}
              </span>
            </li>
          ))}
        </ol>
      ) : null}
      <p className="sd-inc-line" data-testid="sd-change-stage">
        <span className="sd-inc-muted">Jira status </span>
        <Lozenge appearance="default">{section.stage.statusName}</Lozenge>
        <span className="sd-inc-muted"> means </span>
        {/^[A-Z][a-z]/.test(section.stage.label) ? section.stage.label[0]?.toLowerCase() + section.stage.label.slice(1) : section.stage.label}
      </p>
      {path.why ? <Why>{path.why}</Why> : null}
    </Block>
  );
}

/** What the change still needs before its next step, as a checklist like the incident's closure list. */
export function NextStep({ section }: { section: ChangeSection }) {
  const next = section.next;
  const rules = next ? [...new Set(next.missing.flatMap((m) => m.why.split(/,\s*/)).filter((w) => w.trim() !== ''))] : [];
  return (
    <Block id="sd-chg-next" title="Before the next step" testId="sd-change-next">
      {next === null ? (
        <Muted testId="sd-change-next-label">
          {section.rejection !== null ? 'The change was rejected: it takes no further step.' : 'Nothing more: the change has completed its path.'}
        </Muted>
      ) : (
        <>
          <p className="sd-inc-line" data-testid="sd-change-next-label">
            <span className="sd-inc-muted">Next: </span>
            <span className="sd-inc-strong">{next.label}</span>
          </p>
          {next.missing.length === 0 ? (
            <Muted testId="sd-change-next-ready">Everything the next step needs is in place.</Muted>
          ) : (
            <>
              <p className="sd-inc-muted" data-testid="sd-change-next-summary">
                {next.missing.length === 1 ? '1 thing is still missing:' : `${next.missing.length} things are still missing:`}
              </p>
              <ul className="sd-inc-checklist" data-testid="sd-change-missing">
                {next.missing.map((m) => (
                  <li key={m.label} data-testid="sd-change-missing-item">
                    <span className="sd-inc-mark sd-inc-mark-open" aria-hidden="true">
                      ✗
                    </span>
                    <span className="sd-inc-check-body">
                      <span className="sd-visually-hidden">Missing: </span>
                      {m.label}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {rules.length > 0 ? <Why testId="sd-change-next-why">{rules.join(', ')}</Why> : null}
        </>
      )}
    </Block>
  );
}
