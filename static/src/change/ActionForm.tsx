/**
 * The form of one change action, opened in place under the actions (no modal: the panel is an iframe that grows with
 * its content). In its own chunk, loaded when a person first opens one. The form keeps what was typed when the server
 * refuses, and shows the refusal in words inside it.
 */
import Button from '@atlaskit/button/new';
import TextArea from '@atlaskit/textarea';
import TextField from '@atlaskit/textfield';
import { lazy, Suspense, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Why } from '../incident/Why';
import type { ChangeCall } from './changeApi';
import { ConfigurationItemsField } from './ConfigurationItemsField';
import { ACTION_WORDS, splitWhy, zoneOrBrowser } from './format';
import type { ChangeActionId, ChangeSection } from './types';

const DateTimeField = lazy(() => import('./Pickers').then((m) => ({ default: m.DateTimeField })));
const DayField = lazy(() => import('./Pickers').then((m) => ({ default: m.DayField })));

export interface ActionFormProps {
  action: ChangeActionId;
  section: ChangeSection;
  /** The change's summary (the suggested template name). */
  summary: string;
  busy: boolean;
  /** The server's refusal of the last attempt. */
  error: string | null;
  timeZone: string | undefined;
  locale: string | undefined;
  onSubmit: (call: ChangeCall) => void;
  onClose: () => void;
}

const optional = (s: string): string | undefined => (s.trim() === '' ? undefined : s);

function TextInput({ label, value, onChange, busy, multiline = false, required = false, placeholder, hint, testId, autoFocus = false }: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  busy: boolean;
  multiline?: boolean;
  required?: boolean;
  placeholder?: string;
  hint?: string;
  testId: string;
  autoFocus?: boolean;
}) {
  const id = useId();
  const described = hint ? `${id}-hint` : undefined;
  return (
    <div className="sd-inc-form sd-chg-field-wide">
      <label className="sd-field-label" htmlFor={id}>
        {label}
        {required ? '' : ' (optional)'}
      </label>
      {multiline ? (
        <TextArea id={id} testId={testId} value={value} minimumRows={3} autoFocus={autoFocus} isDisabled={busy} isRequired={required} placeholder={placeholder} aria-describedby={described} onChange={(e) => onChange(e.currentTarget.value)} />
      ) : (
        <TextField id={id} testId={testId} value={value} autoFocus={autoFocus} isDisabled={busy} isRequired={required} placeholder={placeholder} aria-describedby={described} onChange={(e) => onChange(e.currentTarget.value)} />
      )}
      {hint ? (
        <p id={described} className="sd-inc-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function Choice<V extends string>({ legend, value, options, onChange, busy, testId }: {
  legend: string;
  value: V | null;
  options: ReadonlyArray<{ value: V; label: string }>;
  onChange: (v: V) => void;
  busy: boolean;
  testId: string;
}) {
  const name = useId();
  return (
    <fieldset className="sd-chg-choice" data-testid={testId} data-value={value ?? ''} disabled={busy}>
      <legend className="sd-field-label">{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="sd-chg-radio">
          <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} data-testid={`${testId}-${o.value}`} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/** The shell every form shares: title, fields, the refusal, and the buttons (Escape cancels). */
function Shell({ action, title, intro, busy, error, problem, buttons, onClose, children }: {
  action: ChangeActionId;
  title: string;
  intro?: ReactNode;
  busy: boolean;
  error: string | null;
  /** What the form itself finds missing before asking the server. */
  problem: string | null;
  buttons: ReactNode;
  onClose: () => void;
  children?: ReactNode;
}) {
  const titleId = useId();
  const box = useRef<HTMLElement>(null);
  useEffect(() => {
    box.current?.scrollIntoView?.({ block: 'nearest' });
  }, []);
  const refusal = error !== null ? splitWhy(error) : null;
  // The pressed button is disabled while the call runs, so focus would fall out of the form: the refusal takes it.
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error !== null) errorRef.current?.focus();
  }, [error]);
  return (
    <section
      ref={box}
      className="sd-inc-dialog"
      role="group"
      aria-labelledby={titleId}
      data-testid={`sd-change-form-${action}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !busy) onClose();
      }}
    >
      <h3 id={titleId} className="sd-inc-subtitle">
        {title}
      </h3>
      <div className="sd-stack-tight">
        {intro ? <div className="sd-inc-muted">{intro}</div> : null}
        {children}
        {problem !== null ? (
          <p className="sd-inc-dialog-error" data-testid="sd-change-form-problem">
            {problem}
          </p>
        ) : null}
        {refusal !== null ? (
          <div ref={errorRef} tabIndex={-1} role="alert" className="sd-inc-message" data-testid="sd-change-form-error">
            <p className="sd-inc-dialog-error sd-inc-prewrap">{refusal.text}</p>
            {refusal.why ? <Why>{refusal.why}</Why> : null}
          </div>
        ) : null}
        <div className="sd-inc-buttons sd-inc-dialog-buttons">
          {buttons}
          <Button appearance="subtle" onClick={onClose} isDisabled={busy} testId="sd-change-form-cancel">
            Cancel
          </Button>
        </div>
      </div>
    </section>
  );
}

function Submit({ busy, disabled = false, onClick, children, testId = 'sd-change-form-submit', appearance = 'primary' }: {
  busy: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
  testId?: string;
  appearance?: 'primary' | 'danger' | 'default';
}) {
  return (
    <Button appearance={appearance} isLoading={busy} isDisabled={disabled || busy} onClick={onClick} testId={testId}>
      {children}
    </Button>
  );
}

const PICKER_FALLBACK = <div className="sd-inc-select-placeholder">Loading the date picker…</div>;

/** "2026-12-05": the server's day in the viewer's zone (the default "agreed on"). */
function dayIn(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
  return /^\d{4}-\d{2}-\d{2}$/.test(parts) ? parts : iso.slice(0, 10);
}

export default function ActionForm({ action, section, summary, busy, error, timeZone, locale, onSubmit, onClose }: ActionFormProps) {
  const zone = zoneOrBrowser(timeZone);
  const step = section.approvers;
  const title = ACTION_WORDS[action].label;
  const [problem, setProblem] = useState<string | null>(null);
  // One state per field; each form reads only its own.
  const [reason, setReason] = useState('');
  const [party, setParty] = useState<'CUS' | 'SUP'>('CUS');
  const [name, setName] = useState(action === 'designateTemplate' ? summary : '');
  const [how, setHow] = useState('');
  const [decision, setDecision] = useState<'approved' | 'rejected'>('approved');
  const [notes, setNotes] = useState('');
  const [testSummary, setTestSummary] = useState('');
  const [outcome, setOutcome] = useState<'pass' | 'fail' | null>(null);
  const [levels, setLevels] = useState('');
  const [errors, setErrors] = useState('');
  const [start, setStart] = useState<string | null>(section.schedule.plannedStart);
  const [end, setEnd] = useState<string | null>(section.schedule.plannedEnd);
  const [cis, setCis] = useState(() => ({ ids: section.configurationItems.map((ci) => ci.id), invalid: [] as string[] }));
  const [newService, setNewService] = useState(section.newService);
  const [review, setReview] = useState<'successful' | 'failed' | 'backed-out' | null>(null);
  const [justified, setJustified] = useState<'yes' | 'no' | null>(null);
  const [approver, setApprover] = useState('');
  const [agreedOn, setAgreedOn] = useState(() => dayIn(section.now, zone));
  const common = { action, busy, error, problem, onClose };
  const submit = (call: ChangeCall) => {
    setProblem(null);
    onSubmit(call);
  };
  const stop = (message: string) => setProblem(message);

  switch (action) {
    case 'decide': {
      if (step === null) return <Shell {...common} title={title} problem="No approval step is pending on this change." buttons={null} />;
      return (
        <Shell
          {...common}
          title={`Your decision: ${step.stepLabel}`}
          intro={splitWhy(step.rule).text}
          buttons={
            <>
              <Submit busy={busy} testId="sd-change-approve" onClick={() => submit({ key: 'change.decide', payload: { step: step.step, decision: 'approved', reason: optional(reason) } })}>
                Approve
              </Submit>
              <Submit
                busy={busy}
                appearance="danger"
                testId="sd-change-reject"
                onClick={() =>
                  reason.trim() === ''
                    ? stop('Reason: a rejection must say why.')
                    : submit({ key: 'change.decide', payload: { step: step.step, decision: 'rejected', reason } })
                }
              >
                Reject
              </Submit>
            </>
          }
        >
          <TextInput label="Reason" hint="Required to reject; kept with the decision." multiline value={reason} onChange={setReason} busy={busy} testId="sd-change-reason" autoFocus />
        </Shell>
      );
    }
    case 'recordSignOff': {
      if (step === null) return <Shell {...common} title={title} problem="No approval step is pending on this change." buttons={null} />;
      const ready = name.trim() !== '' && how.trim() !== '';
      return (
        <Shell
          {...common}
          title={`Record a sign-off: ${step.stepLabel}`}
          intro="The customer's or supplier's decision as they gave it (by e-mail, in a meeting, by phone), recorded by you in their name."
          buttons={
            <Submit busy={busy} disabled={!ready} onClick={() => submit({ key: 'change.recordSignOff', payload: { step: step.step, party, name, how, decision } })}>
              Record sign-off
            </Submit>
          }
        >
          <Choice legend="Who signed" value={party} onChange={setParty} busy={busy} testId="sd-change-party" options={[{ value: 'CUS', label: 'The customer' }, { value: 'SUP', label: 'A supplier' }]} />
          <TextInput label="Name of the person who signed" required value={name} onChange={setName} busy={busy} testId="sd-change-signoff-name" autoFocus />
          <TextInput label="How it was given" required placeholder="By e-mail on 3 December" value={how} onChange={setHow} busy={busy} testId="sd-change-signoff-how" />
          <Choice legend="Their decision" value={decision} onChange={setDecision} busy={busy} testId="sd-change-signoff-decision" options={[{ value: 'approved', label: 'Approved' }, { value: 'rejected', label: 'Rejected' }]} />
        </Shell>
      );
    }
    case 'recordBuild':
      return (
        <Shell
          {...common}
          title={title}
          intro="Records that the change is built (build Initial). It becomes Final when the deployment is approved."
          buttons={
            <Submit busy={busy} onClick={() => submit({ key: 'change.recordBuild', payload: { notes: optional(notes) } })}>
              Record build
            </Submit>
          }
        >
          <TextInput label="Notes" multiline value={notes} onChange={setNotes} busy={busy} testId="sd-change-build-notes" autoFocus />
        </Shell>
      );
    case 'publishTestReport': {
      const ready = testSummary.trim() !== '' && levels.trim() !== '' && outcome !== null;
      return (
        <Shell
          {...common}
          title={title}
          intro="The test report is published with the change. No deployment without a passing report."
          buttons={
            <Submit
              busy={busy}
              disabled={!ready}
              onClick={() => (outcome === null ? stop('Outcome: choose pass or fail.') : submit({ key: 'change.publishTestReport', payload: { summary: testSummary, outcome, levels, errors: optional(errors) } }))}
            >
              Publish test report
            </Submit>
          }
        >
          <TextInput label="Summary" required multiline value={testSummary} onChange={setTestSummary} busy={busy} testId="sd-change-test-summary" autoFocus />
          <Choice legend="Outcome" value={outcome} onChange={setOutcome} busy={busy} testId="sd-change-test-outcome-choice" options={[{ value: 'pass', label: 'Pass' }, { value: 'fail', label: 'Fail' }]} />
          <TextInput label="Test levels" required placeholder="Unit, integration, acceptance" value={levels} onChange={setLevels} busy={busy} testId="sd-change-test-levels" />
          <TextInput label="Errors found" multiline value={errors} onChange={setErrors} busy={busy} testId="sd-change-test-errors" />
        </Shell>
      );
    }
    case 'schedule': {
      const ready = start !== null && end !== null;
      return (
        <Shell
          {...common}
          title={section.schedule.plannedStart !== null ? 'Reschedule' : title}
          intro={`Times in your time zone (${zone}). The slot is checked against the change windows, freezes and other changes.`}
          buttons={
            <Submit
              busy={busy}
              disabled={!ready}
              onClick={() =>
                start === null || end === null
                  ? stop('Planned start and end: both are needed.')
                  : Date.parse(end) <= Date.parse(start)
                    ? stop('Planned end: must be after the planned start.')
                    : submit({ key: 'change.schedule', payload: { plannedStart: start, plannedEnd: end } })
              }
            >
              Save schedule
            </Submit>
          }
        >
          <Suspense fallback={PICKER_FALLBACK}>
            <PickerRow label="Planned start">{(id) => <DateTimeField id={id} label="Planned start" initial={section.schedule.plannedStart} timeZone={zone} locale={locale} disabled={busy} testId="sd-change-planned-start-picker" onChange={setStart} />}</PickerRow>
            <PickerRow label="Planned end">{(id) => <DateTimeField id={id} label="Planned end" initial={section.schedule.plannedEnd} timeZone={zone} locale={locale} disabled={busy} testId="sd-change-planned-end-picker" onChange={setEnd} />}</PickerRow>
          </Suspense>
        </Shell>
      );
    }
    case 'setConfigurationItems': {
      const ready = cis.invalid.length === 0 && (cis.ids.length > 0 || newService);
      return (
        <Shell
          {...common}
          title={title}
          intro="The configuration items this change touches. A change cannot be approved without one, unless it builds a new service."
          buttons={
            <Submit
              busy={busy}
              disabled={!ready}
              onClick={() =>
                cis.invalid.length > 0
                  ? stop(`Configuration items: ${cis.invalid.join(', ')} ${cis.invalid.length === 1 ? 'is' : 'are'} not a configuration item id.`)
                  : submit({ key: 'change.setConfigurationItems', payload: { ids: cis.ids, newService } })
              }
            >
              Save configuration items
            </Submit>
          }
        >
          <ConfigurationItemsField current={section.configurationItems} disabled={busy} onChange={setCis} />
          <label className="sd-chg-radio">
            <input type="checkbox" checked={newService} disabled={busy} onChange={(e) => setNewService(e.currentTarget.checked)} data-testid="sd-change-new-service-check" />
            This change builds a new service
          </label>
        </Shell>
      );
    }
    case 'recordReview': {
      const emergency = section.type === 'Emergency';
      const ready = review !== null && (!emergency || justified !== null);
      return (
        <Shell
          {...common}
          title={title}
          intro={emergency ? 'The post-implementation review of this emergency change: it cannot close without it.' : 'The post-implementation review of this change.'}
          buttons={
            <Submit
              busy={busy}
              disabled={!ready}
              onClick={() =>
                review === null
                  ? stop('Outcome: choose how the change went.')
                  : emergency && justified === null
                    ? stop('Was the emergency justified: choose yes or no.')
                    : submit({ key: 'change.recordReview', payload: { outcome: review, notes: optional(notes), ...(emergency ? { emergencyJustified: justified === 'yes' } : {}) } })
              }
            >
              Record review
            </Submit>
          }
        >
          <Choice legend="Outcome" value={review} onChange={setReview} busy={busy} testId="sd-change-review-outcome" options={[{ value: 'successful', label: 'Successful' }, { value: 'failed', label: 'Failed' }, { value: 'backed-out', label: 'Backed out' }]} />
          {emergency ? (
            <Choice legend="Was the emergency justified?" value={justified} onChange={setJustified} busy={busy} testId="sd-change-review-justified" options={[{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }]} />
          ) : null}
          <TextInput label="Notes" multiline value={notes} onChange={setNotes} busy={busy} testId="sd-change-review-notes" />
        </Shell>
      );
    }
    case 'designateTemplate': {
      const ready = name.trim() !== '' && approver.trim() !== '' && /^\d{4}-\d{2}-\d{2}$/.test(agreedOn);
      return (
        <Shell
          {...common}
          title={title}
          intro="Changes of this kind may then be raised pre-approved from the project page, still placed on the schedule. Only after a change of the same kind completed the full normal path."
          buttons={
            <Submit busy={busy} disabled={!ready} onClick={() => submit({ key: 'change.designateTemplate', payload: { name, businessApprover: approver, agreedOn } })}>
              Designate template
            </Submit>
          }
        >
          <TextInput label="Template name" required value={name} onChange={setName} busy={busy} testId="sd-change-template-name" autoFocus />
          <TextInput label="Business approver" required hint="Who agreed for the business that changes of this kind need no further approval." value={approver} onChange={setApprover} busy={busy} testId="sd-change-template-approver" />
          <Suspense fallback={PICKER_FALLBACK}>
            <PickerRow label="Agreed on">{(id) => <DayField id={id} label="Agreed on" value={agreedOn} locale={locale} disabled={busy} testId="sd-change-template-agreed" onChange={setAgreedOn} />}</PickerRow>
          </Suspense>
        </Shell>
      );
    }
  }
}

/** A labelled row for a picker (the label names the picker's first input). */
function PickerRow({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="sd-inc-form sd-chg-field-wide">
      <label className="sd-field-label" htmlFor={id}>
        {label}
      </label>
      {children(id)}
    </div>
  );
}
