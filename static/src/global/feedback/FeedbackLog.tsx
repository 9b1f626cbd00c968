import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import TextArea from '@atlaskit/textarea';
import TextField from '@atlaskit/textfield';
import { useMemo, useState } from 'react';
import type { DeadlineView, FeedbackChannel, FeedbackEntryView, FeedbackFrom, FeedbackKind, FeedbackPageView, FeedbackStatus, FeedbackStep } from '@contract/feedback';
import { callFunction } from '../../api';
import { formatWhen } from '../../admin/format';
import { AdminError, DoneNote } from '../../admin/ui/AdminError';
import { ActionBar, ActionButton } from '../../admin/ui/ActionButton';
import { Label, Select } from '../../admin/ui/controls';
import { useAdminCall } from '../../admin/useAdminCall';
import { CHANNEL_WORDS, KIND_WORDS, STATUS_WORDS, STEP_WORDS, statusAppearance } from './words';

const ALL = '';

/**
 * The feedback log (WP.06; RE.2.3, RE-10): every compliment, complaint and comment, filtered by kind, status and
 * organization; one entry's details with its handling steps (who, when), and the form to record a new one. Anyone on the
 * team records; the RM or SM handle (the server refuses the rest, and every step until the approach is approved).
 */
export function FeedbackLog({ view, onView, onReload }: { view: FeedbackPageView; onView: (v: FeedbackPageView) => void; onReload: () => void }) {
  const [kind, setKind] = useState(ALL);
  const [status, setStatus] = useState(ALL);
  const [org, setOrg] = useState(ALL);
  const [open, setOpen] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const shown = useMemo(() => view.entries.filter((e) => (kind === ALL || e.kind === kind) && (status === ALL || e.status === status) && (org === ALL || e.organization?.id === org)), [view.entries, kind, status, org]);
  const orgOptions = [{ value: ALL, label: 'All organizations' }, ...view.organizations.map((o) => ({ value: o.id, label: o.name }))];
  const selected = view.entries.find((e) => e.id === open) ?? null;
  // Entries still waiting for a step whose target has passed.
  const late = (d: DeadlineView | undefined) => d !== undefined && d.doneAt === null && d.overdue;
  const overdue = view.entries.filter((e) => e.status !== 'closed' && (late(e.deadlines?.acknowledge) || late(e.deadlines?.answer))).length;

  return (
    <section className="sd-section" aria-labelledby="sd-feedback-log-title" data-testid="sd-feedback-log">
      <h2 id="sd-feedback-log-title" className="sd-section-title">
        Feedback log <Lozenge appearance={view.log.status === 'Updated' ? 'success' : 'new'} testId="sd-feedback-log-status">{view.log.status}</Lozenge>
      </h2>
      <p className="sd-muted">
        Every compliment, complaint and comment from our customers and suppliers, and how we handled it. {view.log.count} recorded{view.log.updatedAt ? `, last on ${formatWhen(view.log.updatedAt)}` : ''}.
        {overdue ? <strong data-testid="sd-feedback-overdue-count"> {overdue} past a response target.</strong> : null}
      </p>
      <p className="sd-hint">Why? WP.06 feedback log; RE.2.3, RE-10 (Maintained → Updated); nothing is deleted (D23).</p>
      {!view.handle.allowed && view.handle.reason ? <p className="sd-hint" data-testid="sd-feedback-handle-reason">{view.handle.reason}</p> : null}
      <DoneNote text={note} testId="sd-feedback-done" />

      <div className="sd-inline-form" role="group" aria-label="Filter the feedback log">
        <div className="sd-field">
          <Label htmlFor="sd-feedback-filter-kind">Kind</Label>
          <Select id="sd-feedback-filter-kind" testId="sd-feedback-filter-kind" value={kind} onValue={setKind} options={[{ value: ALL, label: 'All kinds' }, ...(Object.keys(KIND_WORDS) as FeedbackKind[]).map((k) => ({ value: k, label: KIND_WORDS[k] }))]} />
        </div>
        <div className="sd-field">
          <Label htmlFor="sd-feedback-filter-status">Status</Label>
          <Select id="sd-feedback-filter-status" testId="sd-feedback-filter-status" value={status} onValue={setStatus} options={[{ value: ALL, label: 'Any status' }, ...(Object.keys(STATUS_WORDS) as FeedbackStatus[]).map((s) => ({ value: s, label: STATUS_WORDS[s] }))]} />
        </div>
        <div className="sd-field">
          <Label htmlFor="sd-feedback-filter-org">Organization</Label>
          <Select id="sd-feedback-filter-org" testId="sd-feedback-filter-org" value={org} onValue={setOrg} options={orgOptions} />
        </div>
        {view.record.allowed ? (
          <div className="sd-field sd-field-end">
            <Button appearance="primary" testId="sd-feedback-add" isDisabled={adding} onClick={() => { setNote(null); setAdding(true); }}>Record feedback</Button>
          </div>
        ) : null}
      </div>

      {adding ? <RecordForm view={view} onDone={(fresh, id) => { onView(fresh); setAdding(false); setNote(`Recorded ${id}.`); setOpen(id); }} onCancel={() => setAdding(false)} onReload={onReload} /> : null}

      {shown.length === 0 ? (
        <p className="sd-muted" data-testid="sd-feedback-empty">{view.entries.length ? 'No entry matches these filters.' : 'Nothing recorded yet.'}</p>
      ) : (
        <table className="sd-table" data-testid="sd-feedback-table">
          <thead>
            <tr><th scope="col">Entry</th><th scope="col">Kind</th><th scope="col">From</th><th scope="col">Received</th><th scope="col">Status</th><th scope="col">Targets</th></tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <tr key={e.id} data-testid={`sd-feedback-row-${e.id}`}>
                <th scope="row"><Button appearance="subtle" spacing="compact" testId={`sd-feedback-open-${e.id}`} aria-expanded={open === e.id} onClick={() => setOpen(open === e.id ? null : e.id)}>{e.id}</Button></th>
                <td>{KIND_WORDS[e.kind]}</td>
                <td>{e.contact.name || '—'}{e.organization ? ` (${e.organization.name})` : ''}</td>
                <td>{formatWhen(e.receivedAt)} · {CHANNEL_WORDS[e.channel]}</td>
                <td><Lozenge appearance={statusAppearance(e.status)}>{STATUS_WORDS[e.status]}</Lozenge>{e.escalated ? <> <Lozenge appearance="moved">Escalated</Lozenge></> : null}</td>
                <td>{targetsText(e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {selected ? <EntryDetail key={`${selected.id}:${selected.steps.length}`} entry={selected} view={view} onView={(fresh, text) => { onView(fresh); setNote(text); }} onReload={onReload} /> : null}
    </section>
  );
}

function targetsText(e: FeedbackEntryView): string {
  const d = e.deadlines;
  if (!d) return '—';
  if (!d.acknowledge.doneAt) return d.acknowledge.overdue ? `Acknowledgement overdue since ${formatWhen(d.acknowledge.dueAt)}` : `Acknowledge by ${formatWhen(d.acknowledge.dueAt)}`;
  if (!d.answer.doneAt) return d.answer.overdue ? `Answer overdue since ${formatWhen(d.answer.dueAt)}` : `Answer by ${formatWhen(d.answer.dueAt)}`;
  return d.acknowledge.overdue || d.answer.overdue ? 'Answered late' : 'Answered on time';
}

const STEP_ORDER: FeedbackStep[] = ['acknowledged', 'investigated', 'escalated', 'answered', 'closed'];
const STEP_ACTION: Record<FeedbackStep, string> = { acknowledged: 'Acknowledge receipt', investigated: 'Record investigation', escalated: 'Escalate', answered: 'Send answer', closed: 'Close' };
const STEP_FIELD: Partial<Record<FeedbackStep, string>> = { investigated: 'Investigation outcome', escalated: 'Escalated to, and why', answered: 'Response to the sender' };

function EntryDetail({ entry: e, view, onView, onReload }: { entry: FeedbackEntryView; view: FeedbackPageView; onView: (v: FeedbackPageView, note: string) => void; onReload: () => void }) {
  const call = useAdminCall();
  const [step, setStep] = useState<FeedbackStep>(e.steps.some((s) => s.step === 'acknowledged') ? (e.steps.some((s) => s.step === 'answered') ? 'closed' : 'answered') : 'acknowledged');
  const [text, setText] = useState('');
  const needsText = STEP_FIELD[step] !== undefined;
  const submit = async () => {
    const fresh = await call.run('Saving…', () => callFunction('globalPage.feedback.step', { id: e.id, step, text }));
    if (fresh) onView(fresh, `${STEP_WORDS[step]} recorded on ${e.id}.`);
  };
  const c = e.contact;
  return (
    <div className="sd-section" data-testid={`sd-feedback-detail-${e.id}`} aria-label={`Feedback ${e.id}`} role="region">
      <h3 className="sd-subheading">{e.id} · {KIND_WORDS[e.kind]} from a {e.from}{e.organization ? ` (${e.organization.name})` : ''}</h3>
      <p className="sd-pre" data-testid="sd-feedback-description">{e.description}</p>
      <dl className="sd-plain-list">
        <div><dt className="sd-strong">Contact</dt><dd>{[c.name, c.email, c.phone, c.company].filter(Boolean).join(' · ') || '—'}</dd></div>
        {c.specialNeeds ? <div><dt className="sd-strong">Special needs</dt><dd>{c.specialNeeds}</dd></div> : null}
        <div><dt className="sd-strong">Received</dt><dd>{formatWhen(e.receivedAt)} by {CHANNEL_WORDS[e.channel]}{e.issueKey ? ` · about ${e.issueKey}` : ''}; recorded by {e.recordedBy.displayName}{e.sentThroughPortal ? ' (sent through the portal)' : ''}</dd></div>
      </dl>
      <ol className="sd-plain-list" data-testid="sd-feedback-steps" aria-label="Handling steps">
        {e.steps.map((s, i) => (
          <li key={i}><strong>{STEP_WORDS[s.step]}</strong> · {s.by.displayName}, {formatWhen(s.at)}{s.text ? <span className="sd-pre">: {s.text}</span> : null}</li>
        ))}
        {e.steps.length === 0 ? <li className="sd-muted">Not acknowledged yet.</li> : null}
      </ol>
      {e.status !== 'closed' ? (
        <div role="group" aria-label={`Record a handling step on ${e.id}`}>
          <div className="sd-field">
            <Label htmlFor="sd-feedback-step">Next step</Label>
            <Select id="sd-feedback-step" testId="sd-feedback-step" value={step} onValue={(v) => setStep(v as FeedbackStep)} options={STEP_ORDER.map((s) => ({ value: s, label: STEP_ACTION[s] }))} />
          </div>
          {needsText ? (
            <div className="sd-field">
              <Label htmlFor="sd-feedback-step-text">{STEP_FIELD[step]}</Label>
              <TextArea id="sd-feedback-step-text" testId="sd-feedback-step-text" minimumRows={3} value={text} onChange={(ev) => setText(ev.currentTarget.value)} />
            </div>
          ) : null}
          <ActionBar label={`Actions on ${e.id}`}>
            <ActionButton testId="sd-feedback-step-save" appearance="primary" label={STEP_ACTION[step]} busyLabel="Saving…" busy={call.busy} reason={view.handle.allowed ? (needsText && text.trim() === '' ? `Write the ${STEP_FIELD[step]!.toLowerCase()} first.` : null) : view.handle.reason} onClick={() => void submit()} />
          </ActionBar>
        </div>
      ) : null}
      {call.problem ? <AdminError problem={call.problem} onDismiss={call.dismiss} onReload={onReload} /> : null}
    </div>
  );
}

/** The local date-time input's value for an instant (the browser's zone). */
function localInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

function RecordForm({ view, onDone, onCancel, onReload }: { view: FeedbackPageView; onDone: (v: FeedbackPageView, id: string) => void; onCancel: () => void; onReload: () => void }) {
  const call = useAdminCall();
  const [kind, setKind] = useState<FeedbackKind>('complaint');
  const [from, setFrom] = useState<FeedbackFrom>('customer');
  const [organizationId, setOrganizationId] = useState(ALL);
  const [contact, setContact] = useState({ name: '', email: '', phone: '', company: '', specialNeeds: '' });
  const [description, setDescription] = useState('');
  const [when, setWhen] = useState(localInput(Date.parse(view.now)));
  const [channel, setChannel] = useState<FeedbackChannel>('phone');
  const [issueKey, setIssueKey] = useState('');
  const field = (key: keyof typeof contact, label: string) => (
    <div className="sd-field" key={key}>
      <Label htmlFor={`sd-feedback-new-${key}`}>{label}</Label>
      <TextField id={`sd-feedback-new-${key}`} testId={`sd-feedback-new-${key}`} value={contact[key]} onChange={(e) => { const value = e.currentTarget.value; setContact((c) => ({ ...c, [key]: value })); }} />
    </div>
  );
  const save = async () => {
    const before = new Set(view.entries.map((e) => e.id));
    const fresh = await call.run('Recording…', () => callFunction('globalPage.feedback.record', {
      kind, from, organizationId: organizationId || null, contact, description, receivedAt: new Date(when).toISOString(), channel, issueKey: issueKey.trim() || null,
    }));
    if (fresh) onDone(fresh, fresh.entries.find((e) => !before.has(e.id))?.id ?? '');
  };
  return (
    <div className="sd-section" role="group" aria-label="Record feedback" data-testid="sd-feedback-new">
      <h3 className="sd-subheading">Record feedback</h3>
      <div className="sd-inline-form">
        <div className="sd-field">
          <Label htmlFor="sd-feedback-new-kind">Kind</Label>
          <Select id="sd-feedback-new-kind" testId="sd-feedback-new-kind" value={kind} onValue={(v) => setKind(v as FeedbackKind)} options={(Object.keys(KIND_WORDS) as FeedbackKind[]).map((k) => ({ value: k, label: KIND_WORDS[k] }))} />
        </div>
        <div className="sd-field">
          <Label htmlFor="sd-feedback-new-from">From</Label>
          <Select id="sd-feedback-new-from" testId="sd-feedback-new-from" value={from} onValue={(v) => setFrom(v as FeedbackFrom)} options={[{ value: 'customer', label: 'A customer' }, { value: 'supplier', label: 'A supplier' }]} />
        </div>
        <div className="sd-field">
          <Label htmlFor="sd-feedback-new-org">Organization</Label>
          <Select id="sd-feedback-new-org" testId="sd-feedback-new-org" value={organizationId} onValue={setOrganizationId} options={[{ value: ALL, label: 'None' }, ...view.organizations.map((o) => ({ value: o.id, label: o.name }))]} />
        </div>
        <div className="sd-field">
          <Label htmlFor="sd-feedback-new-channel">Channel</Label>
          <Select id="sd-feedback-new-channel" testId="sd-feedback-new-channel" value={channel} onValue={(v) => setChannel(v as FeedbackChannel)} options={(Object.keys(CHANNEL_WORDS) as FeedbackChannel[]).map((c) => ({ value: c, label: CHANNEL_WORDS[c] }))} />
        </div>
        <div className="sd-field">
          <Label htmlFor="sd-feedback-new-when">Date and time of the interaction</Label>
          <input id="sd-feedback-new-when" data-testid="sd-feedback-new-when" className="sd-select" type="datetime-local" value={when} onChange={(e) => setWhen(e.currentTarget.value)} />
        </div>
      </div>
      <div className="sd-inline-form">
        {field('name', 'Name')}
        {field('email', 'E-mail')}
        {field('phone', 'Phone')}
        {field('company', 'Company')}
      </div>
      {field('specialNeeds', 'Special needs (interpreter and language, hearing or speech)')}
      <div className="sd-field">
        <Label htmlFor="sd-feedback-new-description">Description</Label>
        <TextArea id="sd-feedback-new-description" testId="sd-feedback-new-description" minimumRows={3} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
      </div>
      <div className="sd-field">
        <Label htmlFor="sd-feedback-new-issue" hint="optional, e.g. SD-12">About the request</Label>
        <TextField id="sd-feedback-new-issue" testId="sd-feedback-new-issue" value={issueKey} onChange={(e) => setIssueKey(e.currentTarget.value)} />
      </div>
      <ActionBar label="Record feedback">
        <ActionButton testId="sd-feedback-new-save" appearance="primary" label="Record" busyLabel="Recording…" busy={call.busy} reason={description.trim() === '' ? 'Write the description first.' : null} onClick={() => void save()} />
        <Button appearance="subtle" testId="sd-feedback-new-cancel" onClick={onCancel}>Cancel</Button>
      </ActionBar>
      {call.problem ? <AdminError problem={call.problem} onDismiss={call.dismiss} onReload={onReload} /> : null}
    </div>
  );
}
