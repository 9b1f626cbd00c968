import Button from '@atlaskit/button/new';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { messageOf } from '../api';
import { Block, Muted } from '../incident/Block';
import { Notice } from '../incident/Notice';
import { callChange, type ChangeCall } from './changeApi';
import { ACTION_WORDS, splitWhy } from './format';
import type { ChangeActionId, ChangeSection } from './types';

// The forms (Atlaskit text fields, and the date pickers in a chunk of their own) load when a person first opens one.
const ActionForm = lazy(() => import('./ActionForm'));

/** The order the actions are offered in: the path's order. */
const ORDER = ['decide', 'recordSignOff', 'setConfigurationItems', 'schedule', 'recordBuild', 'publishTestReport', 'recordReview', 'designateTemplate'] as const satisfies readonly ChangeActionId[];

function labelOf(id: ChangeActionId, section: ChangeSection): string {
  if (id === 'decide' && section.approvers !== null) return `Approve or reject: ${section.approvers.stepLabel}`;
  if (id === 'schedule' && section.schedule.plannedStart !== null) return 'Reschedule';
  return ACTION_WORDS[id].label;
}

/**
 * The change actions the viewer may take now (the server decides, and checks again on the call): each opens its form
 * in place. One call at a time; a refusal stays in the form with what was typed; a success replaces the change view
 * with the one the server answered and says what happened.
 */
export function Actions({ section, summary, timeZone, locale, onAnswered }: {
  section: ChangeSection;
  summary: string;
  timeZone: string | undefined;
  locale: string | undefined;
  /** The fresh change view the server answered after an action. */
  onAnswered: (section: ChangeSection) => void;
}) {
  const [open, setOpen] = useState<ChangeActionId | null>(null);
  const [busy, setBusy] = useState<ChangeActionId | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const inFlight = useRef(false);
  const doneRef = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLElement | null>(null);

  // A decision or a sign-off is for the pending approval step: without one there is nothing to decide on.
  const usable = (id: ChangeActionId): boolean => section.actions[id]?.allowed === true && ((id !== 'decide' && id !== 'recordSignOff') || section.approvers !== null);
  const allowed = ORDER.filter(usable);
  const unavailable = ORDER.filter((id) => !allowed.includes(id) && (section.actions[id]?.reason ?? null) !== null);

  const run = useCallback(
    async (id: ChangeActionId, call: ChangeCall) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setBusy(id);
      setError(null);
      setDone(null);
      try {
        const answer = await callChange(call);
        setOpen(null);
        setDone(answer.message);
        onAnswered(answer.section);
      } catch (e: unknown) {
        setError(messageOf(e));
      } finally {
        inFlight.current = false;
        setBusy(null);
      }
    },
    [onAnswered],
  );

  // The button that was pressed may be gone with the new view: keep the keyboard user where the news is.
  useEffect(() => {
    if (done !== null && busy === null) doneRef.current?.focus();
  }, [done, busy]);

  const toggle = (id: ChangeActionId, target: HTMLElement) => {
    opener.current = target;
    setError(null);
    setDone(null);
    setOpen((current) => (current === id ? null : id));
  };
  const close = () => {
    setOpen(null);
    setError(null);
    opener.current?.focus();
  };

  return (
    <Block id="sd-chg-actions" title="Actions" testId="sd-change-actions">
      {allowed.length > 0 ? (
        <div className="sd-inc-buttons" data-testid="sd-change-allowed">
          {allowed.map((id) => (
            <Button
              key={id}
              testId={`sd-change-action-${id}`}
              appearance={open === id ? 'primary' : 'default'}
              isDisabled={busy !== null}
              aria-expanded={open === id}
              onClick={(e) => toggle(id, e.currentTarget)}
            >
              {labelOf(id, section)}
            </Button>
          ))}
        </div>
      ) : (
        <Muted testId="sd-change-no-action">No action on this change is open to you now.</Muted>
      )}

      {open !== null ? (
        <Suspense fallback={<Muted>Loading the form…</Muted>}>
          <ActionForm
            key={open}
            action={open}
            section={section}
            summary={summary}
            busy={busy !== null}
            error={error}
            timeZone={timeZone}
            locale={locale}
            onSubmit={(call) => void run(open, call)}
            onClose={close}
          />
        </Suspense>
      ) : null}

      {unavailable.length > 0 ? (
        <div data-testid="sd-change-unavailable">
          <h3 className="sd-inc-subtitle">Not available to you now</h3>
          <ul className="sd-inc-rows">
            {unavailable.map((id) => (
              <li key={id} data-testid={`sd-change-action-${id}-reason`} data-action={id}>
                <span className="sd-inc-strong">{labelOf(id, section)}: </span>
                <span className="sd-inc-muted">{splitWhy(section.actions[id]?.reason ?? '').text}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <p className="sd-visually-hidden" role="status">
        {busy !== null ? ACTION_WORDS[busy].busy : ''}
      </p>
      {done !== null ? (
        <div ref={doneRef} tabIndex={-1} role="status" className="sd-inc-message">
          <Notice appearance="success" testId="sd-change-action-done" title="Done">
            <p style={{ margin: 0 }}>{splitWhy(done).text}</p>
          </Notice>
        </div>
      ) : null}
    </Block>
  );
}
