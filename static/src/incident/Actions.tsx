import Button from '@atlaskit/button/new';
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { messageOf } from '../api';
import { Block, Muted } from './Block';
import { callIncident } from './incidentApi';
import { IssueLink } from './IssueLink';
import { Notice } from './Notice';
import type { IncidentAnswers, IncidentFunctionKey, IncidentPayload, IncidentSection } from './types';

type ActionId = 'confirm' | 'mitigation' | 'permanent-fix' | 'take' | 'publish';
type Channel = Exclude<IncidentPayload<'incident.recordConfirmation'>['how'], 'in Jira'>;

/** How an agent received the party's confirmation (D12); "in Jira" is only the party's own confirmation. */
const CHANNELS: ReadonlyArray<{ value: Channel; label: string }> = [
  { value: 'e-mail', label: 'By e-mail' },
  { value: 'phone', label: 'By phone' },
  { value: 'portal comment', label: 'In a portal comment' },
  { value: 'meeting', label: 'In a meeting' },
];

const BUSY_TEXT: Readonly<Record<ActionId, string>> = {
  confirm: 'Recording the confirmation…',
  mitigation: 'Raising the mitigation change…',
  'permanent-fix': 'Raising the permanent-fix change…',
  take: 'Taking the major incident…',
  publish: 'Publishing the major-incident report…',
};

function ActionButton({
  id,
  busy,
  testId,
  appearance = 'default',
  onClick,
  children,
}: {
  id: ActionId;
  busy: ActionId | null;
  testId: string;
  appearance?: 'default' | 'primary';
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <Button testId={testId} appearance={appearance} isLoading={busy === id} isDisabled={busy !== null} onClick={onClick}>
      {children}
    </Button>
  );
}

/**
 * The incident actions the viewer may take now (the server decides, and checks again on the call). One call at a
 * time: while it runs its button shows a spinner and every action is disabled; a refusal shows the server's message;
 * a success says what happened and reloads the panel so the checklist follows.
 */
export function Actions({
  actions,
  audience,
  majorIncident,
  siteUrl,
  onChanged,
}: {
  actions: IncidentSection['actions'];
  /** D26: a customer sees only the actions that are theirs (confirming the resolution). */
  audience: IncidentSection['audience'];
  majorIncident: boolean;
  siteUrl: string;
  onChanged: () => Promise<void>;
}) {
  const [busy, setBusy] = useState<ActionId | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<ReactNode>(null);
  const [how, setHow] = useState<Channel>('e-mail');
  const inFlight = useRef(false);
  const doneRef = useRef<HTMLDivElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const howId = useId();

  const run = useCallback(
    async <K extends IncidentFunctionKey>(id: ActionId, key: K, payload: IncidentPayload<K>, describe: (data: IncidentAnswers[K]) => ReactNode) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setBusy(id);
      setError(null);
      setDone(null);
      try {
        const data = await callIncident(key, payload);
        setDone(describe(data));
        await onChanged();
      } catch (e: unknown) {
        setError(messageOf(e));
      } finally {
        inFlight.current = false;
        setBusy(null);
      }
    },
    [onChanged],
  );

  // The button that was pressed may be gone after the reload: keep the keyboard user where the news is.
  useEffect(() => {
    if (done !== null && busy === null) doneRef.current?.focus();
  }, [done, busy]);
  useEffect(() => {
    if (error !== null) errorRef.current?.focus();
  }, [error]);

  const { recordConfirmation: confirm, raiseChange, takeMajorIncident: take, publishMajorIncidentReport: publish } = actions;
  const party = confirm.party?.displayName ?? 'the reporter';
  const raise = (purpose: 'mitigation' | 'permanent-fix') =>
    run(purpose, 'incident.raiseChange', { purpose }, ({ key }) => (
      <>
        Raised <IssueLink issueKey={key} siteUrl={siteUrl} testId="sd-action-done-key" /> as a {raiseChange.issueType} (
        {purpose === 'mitigation' ? 'mitigation' : 'permanent fix'}) in Draft, linked to this incident.
      </>
    ));

  return (
    <Block id="sd-inc-actions" title="Actions">
      <div className="sd-inc-actions">
        <div className="sd-stack-tight" data-testid="sd-action-confirm">
          <h3 className="sd-inc-subtitle">Confirmation of the resolution (D12)</h3>
          {!confirm.allowed ? (
            <Muted testId="sd-confirm-reason">{confirm.reason ?? 'The confirmation cannot be recorded now.'}</Muted>
          ) : confirm.asParty ? (
            <div>
              <ActionButton
                id="confirm"
                busy={busy}
                testId="sd-confirm-submit"
                appearance="primary"
                onClick={() => void run('confirm', 'incident.recordConfirmation', { how: 'in Jira' }, () => 'Your confirmation is recorded.')}
              >
                I confirm the incident is resolved
              </ActionButton>
            </div>
          ) : (
            <div className="sd-inc-form">
              <label className="sd-field-label" htmlFor={howId}>
                How did {party} confirm?
              </label>
              <select
                id={howId}
                className="sd-select"
                data-testid="sd-confirm-how"
                value={how}
                disabled={busy !== null}
                onChange={(e) => setHow(e.target.value as Channel)}
              >
                {CHANNELS.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
              <div>
                <ActionButton
                  id="confirm"
                  busy={busy}
                  testId="sd-confirm-submit"
                  appearance="primary"
                  onClick={() =>
                    void run('confirm', 'incident.recordConfirmation', { how }, () => `The confirmation by ${party} (${how}) is recorded.`)
                  }
                >
                  Record confirmation by {party}
                </ActionButton>
              </div>
            </div>
          )}
        </div>

        {audience === 'team' ? (
        <div className="sd-stack-tight" data-testid="sd-action-changes">
          <h3 className="sd-inc-subtitle">Service change requests</h3>
          {raiseChange.allowed ? (
            <div className="sd-inc-buttons">
              <ActionButton id="mitigation" busy={busy} testId="sd-raise-change-mitigation" onClick={() => void raise('mitigation')}>
                Raise mitigation change
              </ActionButton>
              <ActionButton id="permanent-fix" busy={busy} testId="sd-raise-change-permanent" onClick={() => void raise('permanent-fix')}>
                Raise permanent-fix change
              </ActionButton>
            </div>
          ) : (
            <Muted testId="sd-raise-change-reason">{raiseChange.reason ?? 'Change requests cannot be raised from here now.'}</Muted>
          )}
        </div>
        ) : null}

        {audience === 'team' && (majorIncident || take.allowed || publish.allowed) ? (
          <div className="sd-stack-tight" data-testid="sd-action-major">
            <h3 className="sd-inc-subtitle">Major incident (D13)</h3>
            <div className="sd-inc-buttons">
              {take.allowed ? (
                <ActionButton
                  id="take"
                  busy={busy}
                  testId="sd-take-major"
                  onClick={() => void run('take', 'incident.takeMajorIncident', {}, ({ manager }) => `${manager.displayName} now manages this major incident.`)}
                >
                  Take this major incident
                </ActionButton>
              ) : null}
              {publish.allowed ? (
                <ActionButton
                  id="publish"
                  busy={busy}
                  testId="sd-publish-mir"
                  onClick={() =>
                    void run('publish', 'incident.publishMajorIncidentReport', {}, () => 'The major-incident report is published as an internal note.')
                  }
                >
                  Publish major-incident report
                </ActionButton>
              ) : null}
            </div>
            {!take.allowed && take.reason ? <Muted testId="sd-take-major-reason">{take.reason}</Muted> : null}
            {!publish.allowed && publish.reason ? <Muted testId="sd-publish-mir-reason">{publish.reason}</Muted> : null}
          </div>
        ) : null}
      </div>

      <p className="sd-visually-hidden" role="status">
        {busy !== null ? BUSY_TEXT[busy] : ''}
      </p>
      {error !== null ? (
        <div ref={errorRef} tabIndex={-1} role="alert" className="sd-inc-message">
          <Notice appearance="error" testId="sd-action-error" title="The action was not done">
            <p style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{error}</p>
          </Notice>
        </div>
      ) : null}
      {done !== null ? (
        <div ref={doneRef} tabIndex={-1} role="status" className="sd-inc-message">
          <Notice appearance="success" testId="sd-action-done" title="Done">
            <p style={{ margin: 0 }}>{done}</p>
          </Notice>
        </div>
      ) : null}
    </Block>
  );
}
