import '../admin/admin.css';
import '../global/global.css';
import Lozenge from '@atlaskit/lozenge';
import Spinner from '@atlaskit/spinner';
import TextArea from '@atlaskit/textarea';
import TextField from '@atlaskit/textfield';
import { useCallback, useEffect, useState } from 'react';
import type { FeedbackKind, PortalFeedbackView } from '@contract/feedback';
import { callFunction } from '../api';
import { formatWhen } from '../admin/format';
import { AdminError, DoneNote } from '../admin/ui/AdminError';
import { ActionBar, ActionButton } from '../admin/ui/ActionButton';
import { Label, Select } from '../admin/ui/controls';
import { useAdminCall } from '../admin/useAdminCall';
import { KIND_WORDS, STATUS_WORDS, statusAppearance } from '../global/feedback/words';

/**
 * The customer's Feedback tab in the portal (issue #14; RE.2.3, RE-10, D26): send a compliment, complaint or comment,
 * optionally about one of their requests, and follow their own entries — status and our answer, nothing internal.
 */
export default function FeedbackTab() {
  const [view, setView] = useState<PortalFeedbackView | null>(null);
  const call = useAdminCall();
  const [kind, setKind] = useState<FeedbackKind>('complaint');
  const [description, setDescription] = useState('');
  const [issueKey, setIssueKey] = useState('');
  const [phone, setPhone] = useState('');
  const [specialNeeds, setSpecialNeeds] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const load = useCallback(() => {
    void call.run('Loading…', () => callFunction('portalHome.feedback.load', {})).then((fresh) => { if (fresh) setView(fresh); });
    // call.run is stable.
  }, []);
  useEffect(() => { load(); }, [load]);

  const send = async () => {
    const fresh = await call.run('Sending…', () => callFunction('portalHome.feedback.send', { kind, description, issueKey: issueKey.trim() || null, phone, specialNeeds }));
    if (fresh) {
      setView(fresh);
      setDescription('');
      setIssueKey('');
      setNote(`Thank you: we received your ${KIND_WORDS[kind].toLowerCase()} as ${fresh.entries[0]?.id ?? 'a new entry'}.`);
    }
  };

  return (
    <div className="sd-stack" data-testid="sd-portal-feedback">
      <section aria-labelledby="sd-portal-feedback-send">
        <h2 id="sd-portal-feedback-send" className="sd-section-title">Tell us how we are doing</h2>
        <p className="sd-muted">Send us a compliment, a complaint or a comment. We acknowledge it, look into it and answer you here.</p>
        <div className="sd-inline-form">
          <div className="sd-field">
            <Label htmlFor="sd-portal-feedback-kind">Kind</Label>
            <Select id="sd-portal-feedback-kind" testId="sd-portal-feedback-kind" value={kind} onValue={(v) => setKind(v as FeedbackKind)} options={(Object.keys(KIND_WORDS) as FeedbackKind[]).map((k) => ({ value: k, label: KIND_WORDS[k] }))} />
          </div>
          <div className="sd-field">
            <Label htmlFor="sd-portal-feedback-issue" hint="optional, e.g. SD-12">About your request</Label>
            <TextField id="sd-portal-feedback-issue" testId="sd-portal-feedback-issue" value={issueKey} onChange={(e) => setIssueKey(e.currentTarget.value)} />
          </div>
          <div className="sd-field">
            <Label htmlFor="sd-portal-feedback-phone" hint="optional">Phone</Label>
            <TextField id="sd-portal-feedback-phone" testId="sd-portal-feedback-phone" value={phone} onChange={(e) => setPhone(e.currentTarget.value)} />
          </div>
        </div>
        <div className="sd-field">
          <Label htmlFor="sd-portal-feedback-description">Your message</Label>
          <TextArea id="sd-portal-feedback-description" testId="sd-portal-feedback-description" minimumRows={3} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
        </div>
        <div className="sd-field">
          <Label htmlFor="sd-portal-feedback-needs" hint="optional: an interpreter and language, hearing or speech needs">Anything we should know to reach you</Label>
          <TextField id="sd-portal-feedback-needs" testId="sd-portal-feedback-needs" value={specialNeeds} onChange={(e) => setSpecialNeeds(e.currentTarget.value)} />
        </div>
        <DoneNote text={note} testId="sd-portal-feedback-done" />
        <ActionBar label="Send feedback">
          <ActionButton testId="sd-portal-feedback-send" appearance="primary" label="Send" busyLabel="Sending…" busy={call.busy} reason={description.trim() === '' ? 'Write your message first.' : null} onClick={() => void send()} />
        </ActionBar>
        {call.problem ? <AdminError problem={call.problem} onDismiss={call.dismiss} onReload={load} /> : null}
      </section>

      <section aria-labelledby="sd-portal-feedback-mine">
        <h2 id="sd-portal-feedback-mine" className="sd-section-title">Your feedback</h2>
        {!view ? (
          <Spinner size="small" label="Loading your feedback" />
        ) : view.entries.length === 0 ? (
          <p className="sd-muted" data-testid="sd-portal-feedback-none">You have not sent us any feedback yet.</p>
        ) : (
          <ul className="sd-plain-list sd-stack" data-testid="sd-portal-feedback-list">
            {view.entries.map((e) => (
              <li key={e.id} data-testid={`sd-portal-feedback-${e.id}`}>
                <strong>{e.id}</strong> · {KIND_WORDS[e.kind]}{e.issueKey ? ` about ${e.issueKey}` : ''} · sent {formatWhen(e.receivedAt)}{' '}
                <Lozenge appearance={statusAppearance(e.status)}>{STATUS_WORDS[e.status]}</Lozenge>
                <p className="sd-pre">{e.description}</p>
                {e.answer ? (
                  <p data-testid={`sd-portal-feedback-answer-${e.id}`}><strong>Our answer ({formatWhen(e.answer.at)}):</strong> <span className="sd-pre">{e.answer.text}</span></p>
                ) : e.acknowledgedAt ? <p className="sd-muted">We received it on {formatWhen(e.acknowledgedAt)} and are looking into it.</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
