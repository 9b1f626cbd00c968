import Button from '@atlaskit/button/new';
import { lazy, Suspense, useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { messageOf } from '../api';
import type { ActionDialogProps } from './ActionDialog';
import { Block } from './Block';
import { callIncident } from './incidentApi';
import { IssueLink } from './IssueLink';
import { splitWhy } from './format';
import { Notice } from './Notice';
import type { IncidentAnswers, IncidentFunctionKey, IncidentPayload, IncidentSection, LinkView } from './types';
import { Reason, Why } from './Why';

// The confirmation dialogs (Atlaskit modal dialog, text area, text field) load when a person first opens one.
const ActionDialog = lazy(() => import('./ActionDialog'));
// The Atlaskit select of the confirmation channel: only an agent recording a confirmation needs it.
const ChannelSelect = lazy(() => import('./ChannelSelect'));

type ActionId = 'confirm' | 'mitigation' | 'permanent-fix' | 'take' | 'publish' | 'root-cause' | 'link-problem' | 'raise-problem';
type DialogId = Extract<ActionId, 'mitigation' | 'permanent-fix' | 'root-cause' | 'link-problem' | 'raise-problem'>;
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
  'root-cause': 'Recording the root cause…',
  'link-problem': 'Linking the problem record…',
  'raise-problem': 'Raising the problem record…',
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

/** A refusal from the server: the words, and its clause ids (if any) in a Why line. */
function ErrorText({ text }: { text: string }) {
  const r = splitWhy(text);
  return (
    <>
      <p style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{r.text}</p>
      {r.why ? <Why>{r.why}</Why> : null}
    </>
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
  rootCause,
  problems,
  incidentKey,
  siteUrl,
  onChanged,
}: {
  actions: IncidentSection['actions'];
  rootCause: IncidentSection['rootCause'];
  problems: readonly LinkView[];
  incidentKey: string;
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
  const [dialog, setDialog] = useState<DialogId | null>(null);
  const [dialogText, setDialogText] = useState('');
  const [dialogError, setDialogError] = useState<string | null>(null);

  /** Runs one action; answers whether it was done. A refusal shows in the open dialog, or under the actions. */
  const run = useCallback(
    async <K extends IncidentFunctionKey>(id: ActionId, key: K, payload: IncidentPayload<K>, describe: (data: IncidentAnswers[K]) => ReactNode, inDialog = false): Promise<boolean> => {
      if (inFlight.current) return false;
      inFlight.current = true;
      setBusy(id);
      setError(null);
      setDialogError(null);
      setDone(null);
      try {
        const data = await callIncident(key, payload);
        setDialog(null);
        setDone(describe(data));
        await onChanged();
        return true;
      } catch (e: unknown) {
        if (inDialog) setDialogError(messageOf(e));
        else setError(messageOf(e));
        return false;
      } finally {
        inFlight.current = false;
        setBusy(null);
      }
    },
    [onChanged],
  );
  const open = (id: DialogId, text = '') => {
    setDialog(id);
    setDialogText(text);
    setDialogError(null);
  };

  // The button that was pressed may be gone after the reload: keep the keyboard user where the news is.
  useEffect(() => {
    if (done !== null && busy === null) doneRef.current?.focus();
  }, [done, busy]);
  useEffect(() => {
    if (error !== null) errorRef.current?.focus();
  }, [error]);

  const { recordConfirmation: confirm, raiseChange, takeMajorIncident: take, publishMajorIncidentReport: publish, recordRootCause, problem } = actions;
  const party = confirm.party?.displayName ?? 'the reporter';
  const raise = (purpose: 'mitigation' | 'permanent-fix') =>
    run(
      purpose,
      'incident.raiseChange',
      { purpose },
      ({ key, changeType }) => (
        <>
          Raised <IssueLink issueKey={key} siteUrl={siteUrl} testId="sd-action-done-key" /> as{' '}
          {changeType ? `${/^[AEIOU]/.test(changeType) ? 'an' : 'a'} ${changeType} change` : `a ${raiseChange.issueType}`} for the{' '}
          {purpose === 'mitigation' ? 'mitigation' : 'permanent fix'}, in Draft and linked to this incident.
          {changeType === null ? ' This site has no Change type field, so set the change type on it by hand.' : ''}
        </>
      ),
      true,
    );
  const dialogProps = (id: DialogId): Omit<ActionDialogProps, 'onClose' | 'busy' | 'error'> => {
    switch (id) {
      case 'mitigation':
      case 'permanent-fix': {
        const what = id === 'mitigation' ? 'mitigation' : 'permanent fix';
        const type = raiseChange.changeTypes[id];
        return {
          title: id === 'mitigation' ? 'Raise a mitigation change' : 'Raise a permanent-fix change',
          confirmLabel: 'Raise change',
          testId: 'sd-raise-change-dialog',
          onConfirm: () => void raise(id),
          children: (
            <>
              <p style={{ margin: 0 }}>
                {/^[AEIOU]/.test(type) ? 'An' : 'A'} {type} change request ({raiseChange.issueType}) for the {what} of {incidentKey} is created in Draft and linked to
                this incident. It carries the incident&apos;s services, configuration items and root cause so far.
              </p>
              <p className="sd-inc-muted" style={{ margin: 0 }}>
                {type === 'Emergency'
                  ? 'Emergency: the mitigation of a Critical or major incident cannot wait for the normal assessment. One Control Manager or the Service Manager approves it, and a review follows.'
                  : 'Normal: it is assessed, approved, built, tested and deployed in a change window.'}
              </p>
            </>
          ),
        };
      }
      case 'root-cause':
        return {
          title: 'Record the root cause',
          confirmLabel: 'Save root cause',
          testId: 'sd-root-cause-dialog',
          onConfirm: () =>
            void run('root-cause', 'incident.recordRootCause', { rootCause: dialogText }, () => 'The root cause is recorded on this incident.', true),
          field: { kind: 'textarea', label: 'Root cause', value: dialogText, onChange: setDialogText, required: true, placeholder: 'Why did the incident happen?' },
          children: <p style={{ margin: 0 }}>Saved in the incident&apos;s Root cause field, where the closure checklist and reports read it.</p>,
        };
      case 'link-problem':
        return {
          title: 'Link a problem record',
          confirmLabel: 'Link problem',
          testId: 'sd-link-problem-dialog',
          onConfirm: () =>
            void run(
              'link-problem',
              'incident.linkProblem',
              { key: dialogText },
              ({ key }) => (
                <>
                  Linked <IssueLink issueKey={key} siteUrl={siteUrl} testId="sd-action-done-key" /> to this incident.
                </>
              ),
              true,
            ),
          field: { kind: 'text', label: `Key of the ${problem.issueType}`, value: dialogText, onChange: setDialogText, required: true, placeholder: 'SD-12' },
          children: <p style={{ margin: 0 }}>The problem record is linked to {incidentKey} with a “relates to” link.</p>,
        };
      case 'raise-problem':
        return {
          title: 'Raise a problem record',
          confirmLabel: 'Raise problem',
          testId: 'sd-raise-problem-dialog',
          onConfirm: () =>
            void run(
              'raise-problem',
              'incident.raiseProblem',
              dialogText.trim() ? { summary: dialogText } : {},
              ({ key }) => (
                <>
                  Raised <IssueLink issueKey={key} siteUrl={siteUrl} testId="sd-action-done-key" /> as a {problem.issueType}, linked to this incident.
                </>
              ),
              true,
            ),
          field: { kind: 'text', label: 'Summary', value: dialogText, onChange: setDialogText, required: true },
          children: <p style={{ margin: 0 }}>A {problem.issueType} is created for the underlying cause of {incidentKey} and linked to it.</p>,
        };
    }
  };

  /** The open confirmation, in place under the buttons of its own section. */
  const dialogIn = (ids: readonly DialogId[]) =>
    dialog !== null && ids.includes(dialog) ? (
      <Suspense fallback={null}>
        <ActionDialog {...dialogProps(dialog)} busy={busy !== null} error={dialogError} onClose={() => setDialog(null)} />
      </Suspense>
    ) : null;

  return (
    <Block id="sd-inc-actions" title="Actions">
      <div className="sd-inc-actions">
        <div className="sd-stack-tight" data-testid="sd-action-confirm">
          <h3 className="sd-inc-subtitle">Confirm the resolution</h3>
          {!confirm.allowed ? (
            <Reason testId="sd-confirm-reason" text={confirm.reason ?? 'The confirmation cannot be recorded now.'} />
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
              <div data-testid="sd-confirm-how" data-value={how} className="sd-inc-select">
                <Suspense fallback={<div className="sd-inc-select-placeholder">{CHANNELS.find((c) => c.value === how)?.label}</div>}>
                  <ChannelSelect
                    inputId={howId}
                    options={CHANNELS}
                    value={how}
                    disabled={busy !== null}
                    onChange={(v) => {
                      const picked = CHANNELS.find((c) => c.value === v);
                      if (picked) setHow(picked.value);
                    }}
                  />
                </Suspense>
              </div>
              <div>
                <ActionButton
                  id="confirm"
                  busy={busy}
                  testId="sd-confirm-submit"
                  appearance="primary"
                  onClick={() =>
                    void run('confirm', 'incident.recordConfirmation', { how }, () => `The confirmation by ${party} (${CHANNELS.find((c) => c.value === how)?.label.toLowerCase() ?? how}) is recorded.`)
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
          <h3 className="sd-inc-subtitle">Change requests</h3>
          {raiseChange.allowed ? (
            <div className="sd-inc-buttons">
              <ActionButton id="mitigation" busy={busy} testId="sd-raise-change-mitigation" onClick={() => open('mitigation')}>
                Raise mitigation change
              </ActionButton>
              <ActionButton id="permanent-fix" busy={busy} testId="sd-raise-change-permanent" onClick={() => open('permanent-fix')}>
                Raise permanent-fix change
              </ActionButton>
            </div>
          ) : (
            <Reason testId="sd-raise-change-reason" text={raiseChange.reason ?? 'Change requests cannot be raised from here now.'} />
          )}
          {dialogIn(['mitigation', 'permanent-fix'])}
        </div>
        ) : null}

        {audience === 'team' && rootCause ? (
          <div className="sd-stack-tight" data-testid="sd-root-cause">
            <h3 className="sd-inc-subtitle">Root cause</h3>
            {rootCause.value ? (
              <p className="sd-inc-line sd-inc-prewrap" data-testid="sd-root-cause-value">
                {rootCause.value}
              </p>
            ) : (
              <p className="sd-inc-muted" data-testid="sd-root-cause-value">
                Not recorded yet.
              </p>
            )}
            {recordRootCause.allowed ? (
              <div className="sd-inc-buttons">
                <ActionButton id="root-cause" busy={busy} testId="sd-record-root-cause" onClick={() => open('root-cause', rootCause.value ?? '')}>
                  {rootCause.value ? 'Edit root cause' : 'Record root cause'}
                </ActionButton>
              </div>
            ) : recordRootCause.reason ? (
              <Reason testId="sd-root-cause-reason" text={recordRootCause.reason} />
            ) : null}
            {dialogIn(['root-cause'])}
          </div>
        ) : null}

        {audience === 'team' && problem.enabled ? (
          <div className="sd-stack-tight" data-testid="sd-action-problem">
            <h3 className="sd-inc-subtitle">Problem record</h3>
            {problems.length > 0 ? (
              <ul className="sd-inc-rows" data-testid="sd-problem-links">
                {problems.map((l) => (
                  <li key={l.key}>
                    <IssueLink issueKey={l.key} siteUrl={siteUrl} /> {l.summary} <span className="sd-inc-muted">· {l.status}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="sd-inc-muted">No problem record linked.</p>
            )}
            {problem.allowed ? (
              <div className="sd-inc-buttons">
                <ActionButton id="link-problem" busy={busy} testId="sd-link-problem" onClick={() => open('link-problem')}>
                  Link problem
                </ActionButton>
                <ActionButton id="raise-problem" busy={busy} testId="sd-raise-problem" onClick={() => open('raise-problem', `Underlying cause of ${incidentKey}`)}>
                  Raise problem
                </ActionButton>
              </div>
            ) : problem.reason ? (
              <Reason testId="sd-problem-reason" text={problem.reason} />
            ) : null}
            {dialogIn(['link-problem', 'raise-problem'])}
          </div>
        ) : null}

        {audience === 'team' && (majorIncident || take.allowed || publish.allowed) ? (
          <div className="sd-stack-tight" data-testid="sd-action-major">
            <h3 className="sd-inc-subtitle">Major incident</h3>
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
            {!take.allowed && take.reason ? <Reason testId="sd-take-major-reason" text={take.reason} /> : null}
            {!publish.allowed && publish.reason ? <Reason testId="sd-publish-mir-reason" text={publish.reason} /> : null}
          </div>
        ) : null}
      </div>

      <p className="sd-visually-hidden" role="status">
        {busy !== null ? BUSY_TEXT[busy] : ''}
      </p>
      {error !== null ? (
        <div ref={errorRef} tabIndex={-1} role="alert" className="sd-inc-message">
          <Notice appearance="error" testId="sd-action-error" title="The action was not done">
            <ErrorText text={error} />
          </Notice>
        </div>
      ) : null}
      {audience === 'team' ? <Why>Closure and confirmation (IN.2.5, D12), root cause and changes (D13, IN.1.3), problems (PRB-12)</Why> : null}
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
