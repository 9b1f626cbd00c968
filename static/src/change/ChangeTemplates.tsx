/**
 * "Pre-approved changes" on the project page (D15, CO.2.1 NOTE 3): the templates a Control Manager designated from a
 * completed normal change, and "Raise change" from one (created approved by that designation, still scheduled). A lazily
 * loaded chunk with its own call (`changeTemplates.list`), so the page's first paint does not wait for it.
 */
import '../incident/incident.css';
import './change.css';
import Button from '@atlaskit/button/new';
import TextField from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { Fragment, lazy, Suspense, useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { messageOf, ResultCallError } from '../api';
import { ErrorState, Loading } from '../components/States';
import { IssueLink } from '../incident/IssueLink';
import { Notice } from '../incident/Notice';
import { listChangeTemplates, raiseFromTemplate } from './changeApi';
import { formatDay, formatInstant, splitWhy, zoneOrBrowser } from './format';
import type { ChangeTemplateAnswers, ChangeTemplateView } from './types';

const DateTimeField = lazy(() => import('./Pickers').then((m) => ({ default: m.DateTimeField })));

type Listing = ChangeTemplateAnswers['changeTemplates.list'];
type State = { status: 'loading' } | { status: 'hidden' } | { status: 'error'; message: string } | { status: 'ready'; listing: Listing };

const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-[1-9]\d*$/;

export interface ChangeTemplatesProps {
  siteUrl: string;
  viewerTime: { timeZone: string | undefined; locale: string | undefined };
}

function Heading({ children }: { children: ReactNode }) {
  return (
    <section aria-labelledby="sd-templates-title" data-testid="sd-change-templates" style={{ display: 'grid', gap: token('space.100') }}>
      <h2 id="sd-templates-title" style={{ font: token('font.heading.small'), margin: 0 }}>
        Pre-approved changes
      </h2>
      {children}
    </section>
  );
}

function RaiseForm({ template, viewerTime, onRaised, onClose }: {
  template: ChangeTemplateView;
  viewerTime: ChangeTemplatesProps['viewerTime'];
  onRaised: (answer: ChangeTemplateAnswers['changeTemplates.raise']) => void;
  onClose: () => void;
}) {
  const ids = useId();
  const zone = zoneOrBrowser(viewerTime.timeZone);
  const [summary, setSummary] = useState('');
  const [start, setStart] = useState<string | null>(null);
  const [end, setEnd] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const refusal = error !== null ? splitWhy(error) : null;
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error !== null) errorRef.current?.focus();
  }, [error]);
  const raise = async () => {
    if ((start === null) !== (end === null)) return setError('Planned start and end: give both, or neither.');
    if (start !== null && end !== null && Date.parse(end) <= Date.parse(start)) return setError('Planned end: must be after the planned start.');
    setBusy(true);
    setError(null);
    try {
      const answer = await raiseFromTemplate({
        templateId: template.id,
        ...(summary.trim() !== '' ? { summary } : {}),
        ...(start !== null && end !== null ? { plannedStart: start, plannedEnd: end } : {}),
      });
      onRaised(answer);
    } catch (e: unknown) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section
      className="sd-inc-dialog"
      role="group"
      aria-labelledby={`${ids}-title`}
      data-testid="sd-template-raise-form"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !busy) onClose();
      }}
    >
      <h3 id={`${ids}-title`} className="sd-inc-subtitle">
        Raise a pre-approved change from “{template.name}”
      </h3>
      <div className="sd-stack-tight">
        <p className="sd-inc-muted">It is created approved by this template&apos;s designation, and still placed on the change schedule.</p>
        <div className="sd-inc-form sd-chg-field-wide">
          <label className="sd-field-label" htmlFor={`${ids}-summary`}>
            Summary (optional)
          </label>
          <TextField id={`${ids}-summary`} testId="sd-template-raise-summary" value={summary} autoFocus isDisabled={busy} placeholder={template.name} onChange={(e) => setSummary(e.currentTarget.value)} />
        </div>
        <p className="sd-inc-hint">Planned start and end are optional here; times in your time zone ({zone}).</p>
        <Suspense fallback={<div className="sd-inc-select-placeholder">Loading the date picker…</div>}>
          <div className="sd-inc-form sd-chg-field-wide">
            <label className="sd-field-label" htmlFor={`${ids}-start`}>
              Planned start (optional)
            </label>
            <DateTimeField id={`${ids}-start`} label="Planned start" initial={null} timeZone={zone} locale={viewerTime.locale} disabled={busy} testId="sd-template-raise-start" onChange={setStart} />
          </div>
          <div className="sd-inc-form sd-chg-field-wide">
            <label className="sd-field-label" htmlFor={`${ids}-end`}>
              Planned end (optional)
            </label>
            <DateTimeField id={`${ids}-end`} label="Planned end" initial={null} timeZone={zone} locale={viewerTime.locale} disabled={busy} testId="sd-template-raise-end" onChange={setEnd} />
          </div>
        </Suspense>
        {refusal !== null ? (
          <div ref={errorRef} tabIndex={-1} role="alert" className="sd-inc-message" data-testid="sd-template-raise-error">
            <p className="sd-inc-dialog-error sd-inc-prewrap">{refusal.text}</p>
          </div>
        ) : null}
        <div className="sd-inc-buttons">
          <Button appearance="primary" isLoading={busy} onClick={() => void raise()} testId="sd-template-raise-submit">
            Raise change
          </Button>
          <Button appearance="subtle" isDisabled={busy} onClick={onClose} testId="sd-template-raise-cancel">
            Cancel
          </Button>
        </div>
      </div>
    </section>
  );
}

/** The designated pre-approved templates, and "Raise change" for a viewer the server lets raise one. */
export default function ChangeTemplates({ siteUrl, viewerTime }: ChangeTemplatesProps) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const [raised, setRaised] = useState<{ key: string; message: string } | null>(null);
  const raisedRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let live = true;
    listChangeTemplates().then(
      (listing) => live && setState({ status: 'ready', listing }),
      // D26: a viewer the server refuses (a customer) does not see the section at all.
      (e: unknown) => live && setState(e instanceof ResultCallError && e.code === 'forbidden' ? { status: 'hidden' } : { status: 'error', message: messageOf(e) }),
    );
    return () => {
      live = false;
    };
  }, [attempt]);
  useEffect(() => {
    if (raised !== null) raisedRef.current?.focus();
  }, [raised]);
  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  if (state.status === 'hidden') return null;
  if (state.status === 'loading') return <Heading><Loading label="Loading pre-approved changes" /></Heading>;
  if (state.status === 'error') return <Heading><ErrorState title="The pre-approved changes could not be loaded" message={state.message} onRetry={retry} /></Heading>;
  const { templates, mayRaise, reason } = state.listing;
  const at = (iso: string) => formatInstant(iso, viewerTime.timeZone, viewerTime.locale);
  return (
    <Heading>
      <p style={{ margin: 0, color: token('color.text.subtle') }}>
        Kinds of change that completed the full normal path and that the business agreed to pre-approve. A change raised from one is approved by that
        designation and still goes on the change schedule.
      </p>
      {!mayRaise && reason ? (
        <p className="sd-inc-muted" data-testid="sd-templates-reason">
          {splitWhy(reason).text}
        </p>
      ) : null}
      {raised !== null ? (
        <div ref={raisedRef} tabIndex={-1} role="status" className="sd-inc-message">
          <Notice appearance="success" testId="sd-template-raised" title="Change raised">
            <p style={{ margin: 0 }}>
              <IssueLink issueKey={raised.key} siteUrl={siteUrl} testId="sd-template-raised-key" /> {splitWhy(raised.message).text}
            </p>
          </Notice>
        </div>
      ) : null}
      {templates.length === 0 ? (
        <p data-testid="sd-templates-empty" style={{ margin: 0, color: token('color.text.subtle') }}>
          No pre-approved templates yet: a Control Manager designates one from a completed normal change.
        </p>
      ) : (
        <table className="sd-table" data-testid="sd-templates">
          <thead>
            <tr>
              <th scope="col">Template</th>
              <th scope="col">Qualified by</th>
              <th scope="col">Control Manager</th>
              <th scope="col">Business approver</th>
              <th scope="col">Agreed on</th>
              {mayRaise ? <th scope="col"><span className="sd-visually-hidden">Actions</span></th> : null}
            </tr>
          </thead>
          <tbody>
            {templates.map((t) => (
              <Fragment key={t.id}>
                <tr data-testid="sd-template-row" data-id={t.id}>
                  <th scope="row">
                    {t.name}
                    {t.description ? <span className="sd-inc-hint">{t.description}</span> : null}
                    {t.services.length > 0 ? <span className="sd-inc-hint">Services: {t.services.join(', ')}</span> : null}
                  </th>
                  <td>{ISSUE_KEY.test(t.qualifiedBy) ? <IssueLink issueKey={t.qualifiedBy} siteUrl={siteUrl} /> : t.qualifiedBy}</td>
                  <td>{t.controlManager.displayName}</td>
                  <td>{t.businessApprover}</td>
                  <td title={`Designated ${at(t.designatedAt)}`}>{formatDay(t.agreedOn, viewerTime.locale)}</td>
                  {mayRaise ? (
                    <td>
                      <Button testId="sd-template-raise" aria-expanded={open === t.id} onClick={() => { setRaised(null); setOpen(open === t.id ? null : t.id); }}>
                        Raise change
                      </Button>
                    </td>
                  ) : null}
                </tr>
                {mayRaise && open === t.id ? (
                  <tr>
                    <td colSpan={6}>
                      <RaiseForm
                        template={t}
                        viewerTime={viewerTime}
                        onClose={() => setOpen(null)}
                        onRaised={(answer) => {
                          setOpen(null);
                          setRaised(answer);
                        }}
                      />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      <p style={{ margin: 0, color: token('color.text.subtlest'), font: token('font.body.small') }}>Why? D15, CO.2.1</p>
    </Heading>
  );
}
