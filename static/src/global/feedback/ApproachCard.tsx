import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import TextArea from '@atlaskit/textarea';
import TextField from '@atlaskit/textfield';
import { useState } from 'react';
import type { PayloadIn } from '@contract/functions';
import type { ApproachVersionView, ApproachView, FeedbackPageView, Party, PartySignOffWay } from '@contract/feedback';
import { callFunction } from '../../api';
import { formatWhen } from '../../admin/format';
import { AdminError, DoneNote } from '../../admin/ui/AdminError';
import { ActionBar, ActionButton } from '../../admin/ui/ActionButton';
import { Label, Select } from '../../admin/ui/controls';
import { useAdminCall } from '../../admin/useAdminCall';
import { PARTY_WORDS, WAY_WORDS } from './words';

type Key = 'globalPage.feedback.approach.saveDraft' | 'globalPage.feedback.approach.recordSignOff' | 'globalPage.feedback.approach.approve' | 'globalPage.feedback.approach.discardDraft';

function statusOf(a: ApproachView): { label: string; appearance: 'success' | 'inprogress' | 'new' } {
  if (a.draft) return { label: a.current ? `Draft of version ${a.current.version + 1}` : 'Draft', appearance: 'inprogress' };
  if (a.current) return { label: `Approved · version ${a.current.version}`, appearance: 'success' };
  return { label: 'Not approved yet', appearance: 'new' };
}

const signOffText = (s: { party: Party; name: string; how: PartySignOffWay; recordedBy: { displayName: string }; at: string }) =>
  `${PARTY_WORDS[s.party]}: ${s.name} agreed ${WAY_WORDS[s.how]} (recorded by ${s.recordedBy.displayName}, ${formatWhen(s.at)})`;

/**
 * The customer experience approach (WP.04; GO.2.3, GO-09): the RM or SM drafts it and records the customer's and the
 * supplier's agreement (how it was given); Management approves. Earlier versions stay readable (D23).
 */
export function ApproachCard({ view, onView, onReload }: { view: FeedbackPageView; onView: (v: FeedbackPageView) => void; onReload: () => void }) {
  const a = view.approach;
  const call = useAdminCall();
  const base = a.draft ?? a.current ?? a.starter;
  const [text, setText] = useState<Record<string, string>>(base.sections);
  const [ack, setAck] = useState(String(base.targets.acknowledgeDays));
  const [answer, setAnswer] = useState(String(base.targets.answerDays));
  const [party, setParty] = useState<Party>(a.draft?.signOffs.some((s) => s.party === 'CUS') ? 'SUP' : 'CUS');
  const [who, setWho] = useState('');
  const [how, setHow] = useState<PartySignOffWay>('e-mail');
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const dirty = a.sections.some((s) => (text[s.key] ?? '') !== (base.sections[s.key] ?? '')) || ack !== String(base.targets.acknowledgeDays) || answer !== String(base.targets.answerDays);
  const status = statusOf(a);

  const act = async <K extends Key>(label: string, key: K, payload: PayloadIn<K>, done: string) => {
    const fresh = (await call.run(label, () => callFunction(key, payload))) as FeedbackPageView | undefined;
    if (fresh) { onView(fresh); setNote(done); }
  };
  const signed = a.draft?.signOffs ?? [];
  const missing = (['CUS', 'SUP'] as const).filter((p) => !signed.some((s) => s.party === p));
  const approveReason = !a.approve.allowed ? a.approve.reason : dirty ? 'Save or undo your changes first: Management approves the saved draft.' : missing.length ? a.needed : null;

  return (
    <section className="sd-section" aria-labelledby="sd-approach-title" data-testid="sd-approach">
      <h2 id="sd-approach-title" className="sd-section-title">
        Customer experience approach <Lozenge appearance={status.appearance} testId="sd-approach-status">{status.label}</Lozenge>
      </h2>
      <p className="sd-muted">How we measure our customers’ experience and handle their compliments, complaints and comments. Feedback is always recorded; it is handled once this approach is approved.</p>
      <p className="sd-hint">Why? WP.04; GO.2.3 (approved by Management with the customer and the supplier), GO-09, RE.2.3.</p>
      {a.current ? (
        <p className="sd-muted" data-testid="sd-approach-in-force">
          Version {a.current.version} is in force: approved {formatWhen(a.current.approvedAt)} by {a.current.approvedBy?.displayName ?? '—'} (Management). Acknowledge within {a.current.targets.acknowledgeDays} days, answer within {a.current.targets.answerDays} days.
        </p>
      ) : null}
      {a.draft ? <p className="sd-strong" data-testid="sd-approach-needed">{a.needed}</p> : null}
      {signed.length ? (
        <ul className="sd-plain-list" data-testid="sd-approach-signoffs">
          {signed.map((s) => <li key={s.party}>{signOffText(s)}</li>)}
        </ul>
      ) : null}
      {a.draft ? <p className="sd-hint">Draft revision {a.draft.revision}, saved by {a.draft.updatedBy.displayName} {formatWhen(a.draft.updatedAt)}.</p> : null}

      {a.sections.map((s) => (
        <div className="sd-field" key={s.key}>
          <Label htmlFor={`sd-approach-${s.key}`} hint={s.hint}>{s.label}</Label>
          <TextArea id={`sd-approach-${s.key}`} testId={`sd-approach-${s.key}`} minimumRows={3} resize="vertical" isReadOnly={!a.edit.allowed} value={text[s.key] ?? ''}
            onChange={(e) => { const value = e.currentTarget.value; setText((t) => ({ ...t, [s.key]: value })); }} />
        </div>
      ))}
      <div className="sd-inline-form" role="group" aria-label="Response targets">
        <div className="sd-field">
          <Label htmlFor="sd-approach-ack">Acknowledge within (days)</Label>
          <TextField id="sd-approach-ack" testId="sd-approach-ack" type="number" min={0} isReadOnly={!a.edit.allowed} value={ack} onChange={(e) => setAck(e.currentTarget.value)} />
        </div>
        <div className="sd-field">
          <Label htmlFor="sd-approach-answer">Answer within (days)</Label>
          <TextField id="sd-approach-answer" testId="sd-approach-answer" type="number" min={1} isReadOnly={!a.edit.allowed} value={answer} onChange={(e) => setAnswer(e.currentTarget.value)} />
        </div>
      </div>

      <DoneNote text={note} testId="sd-approach-done" />
      <ActionBar label="Actions on the customer experience approach">
        {a.edit.allowed ? (
          <ActionButton testId="sd-approach-save" appearance="primary" label="Save draft" busyLabel="Saving…" busy={call.busy} reason={!dirty && a.draft ? 'Nothing changed since the saved draft.' : null}
            onClick={() => void act('Saving…', 'globalPage.feedback.approach.saveDraft', { sections: text, targets: { acknowledgeDays: Number(ack), answerDays: Number(answer) }, expectedRevision: a.draft?.revision ?? null }, 'Draft saved.')} />
        ) : null}
        {a.draft ? (
          <ActionButton testId="sd-approach-approve" label="Approve as Management" busyLabel="Approving…" busy={call.busy} reason={approveReason}
            onClick={() => void act('Approving…', 'globalPage.feedback.approach.approve', { revision: a.draft!.revision }, 'Approved: feedback is now handled by this approach.')} />
        ) : null}
        {a.draft && a.edit.allowed ? (
          confirmDiscard ? (
            <span className="sd-confirm" role="group" aria-label="Confirm discarding the draft">
              <span>Discard the saved draft and the agreements recorded on it?</span>
              <Button appearance="danger" testId="sd-approach-discard-confirm" onClick={() => { setConfirmDiscard(false); void act('Discarding…', 'globalPage.feedback.approach.discardDraft', { revision: a.draft!.revision }, 'Draft discarded.'); }}>Discard draft</Button>
              <Button appearance="subtle" testId="sd-approach-discard-cancel" onClick={() => setConfirmDiscard(false)}>Keep it</Button>
            </span>
          ) : (
            <ActionButton testId="sd-approach-discard" appearance="subtle" label="Discard draft" busyLabel="Discarding…" busy={call.busy} reason={null} onClick={() => setConfirmDiscard(true)} />
          )
        ) : null}
      </ActionBar>

      {a.draft && a.edit.allowed && missing.length ? (
        <div className="sd-inline-form" role="group" aria-label="Record an agreement to the draft" data-testid="sd-approach-agreement">
          <div className="sd-field">
            <Label htmlFor="sd-approach-party">Who agreed</Label>
            <Select id="sd-approach-party" testId="sd-approach-party" value={party} onValue={(v) => setParty(v as Party)} options={missing.map((p) => ({ value: p, label: PARTY_WORDS[p] }))} />
          </div>
          <div className="sd-field">
            <Label htmlFor="sd-approach-who">Name</Label>
            <TextField id="sd-approach-who" testId="sd-approach-who" value={who} onChange={(e) => setWho(e.currentTarget.value)} />
          </div>
          <div className="sd-field">
            <Label htmlFor="sd-approach-how">How</Label>
            <Select id="sd-approach-how" testId="sd-approach-how" value={how} onValue={(v) => setHow(v as PartySignOffWay)} options={(['e-mail', 'signature', 'meeting'] as const).map((w) => ({ value: w, label: WAY_WORDS[w] }))} />
          </div>
          <div className="sd-field sd-field-end">
            <ActionButton testId="sd-approach-record-agreement" label="Record agreement" busyLabel="Recording…" busy={call.busy} reason={dirty ? 'Save or undo your changes first: the agreement is to the saved draft.' : who.trim() === '' ? 'Write who agreed.' : null}
              onClick={() => void act('Recording…', 'globalPage.feedback.approach.recordSignOff', { revision: a.draft!.revision, party: missing.includes(party) ? party : missing[0]!, name: who, how }, 'Agreement recorded.').then(() => setWho(''))} />
          </div>
        </div>
      ) : null}
      {call.problem ? <AdminError problem={call.problem} onDismiss={call.dismiss} onReload={onReload} /> : null}
      <Earlier approach={a} />
    </section>
  );
}

function Earlier({ approach: a }: { approach: ApproachView }) {
  const versions: ApproachVersionView[] = [...(a.current && a.draft ? [a.current] : []), ...a.earlier];
  if (versions.length === 0) return null;
  return (
    <div data-testid="sd-approach-earlier">
      <h3 className="sd-subheading">Earlier versions</h3>
      {versions.map((v) => (
        <details key={v.version}>
          <summary>Version {v.version} · {v.status} · {formatWhen(v.approvedAt)} · {v.approvedBy?.displayName ?? '—'}</summary>
          <dl>
            {a.sections.map((s) => (
              <div key={s.key}><dt className="sd-strong">{s.label}</dt><dd className="sd-pre">{v.sections[s.key] ?? ''}</dd></div>
            ))}
            <div><dt className="sd-strong">Response targets</dt><dd>Acknowledge within {v.targets.acknowledgeDays} days, answer within {v.targets.answerDays} days.</dd></div>
            <div><dt className="sd-strong">Agreed</dt><dd>{v.signOffs.map(signOffText).join('; ') || '—'}</dd></div>
          </dl>
        </details>
      ))}
    </div>
  );
}
