import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import Spinner from '@atlaskit/spinner';
import TextArea from '@atlaskit/textarea';
import { useCallback, useEffect, useState } from 'react';
import type { PayloadIn } from '@contract/functions';
import type { ProcedureView, ProceduresView, ProcedureVersionView } from '@contract/configuration';
import { callFunction } from '../../api';
import { ROLES } from '../../admin/domain';
import { formatWhen } from '../../admin/format';
import { AdminError, DoneNote } from '../../admin/ui/AdminError';
import { ActionBar, ActionButton } from '../../admin/ui/ActionButton';
import { Label } from '../../admin/ui/controls';
import { useAdminCall } from '../../admin/useAdminCall';

type Role = ProcedureView['approvers'][number];
const roleAs = (r: Role): string => (r === 'MGT' ? 'Management' : ROLES[r].name);

/**
 * The service control procedures (WP.17, WP.09; CO.1.2, CO.1.3, CO.1.5, CO-13): the Control Manager drafts each
 * section, the two approving roles sign off — the version is in force once both have — and earlier versions stay
 * readable (D23). A new site starts from a shipped text to edit, not an empty page.
 */
export function ProceduresTab() {
  const [view, setView] = useState<ProceduresView | null>(null);
  // What the last action on each procedure did; kept here, as a card starts afresh on each new revision.
  const [notes, setNotes] = useState<Record<string, string>>({});
  const call = useAdminCall();
  const load = useCallback(() => {
    void call.run('Loading…', () => callFunction('globalPage.procedures.load', {})).then((fresh) => {
      if (fresh) setView(fresh);
    });
    // call.run is stable.
  }, []);
  useEffect(() => { load(); }, [load]);

  if (!view) {
    return call.problem ? (
      <AdminError problem={call.problem} onDismiss={load} />
    ) : (
      <div className="sd-center" role="status" data-testid="sd-procedures-loading">
        <Spinner size="medium" label="Loading the procedures" />
      </div>
    );
  }
  return (
    <div data-testid="sd-procedures">
      <p className="sd-muted">How the team designs, builds, tests and deploys changes, and how tested components are kept safe. A change follows the approved version in force.</p>
      {view.procedures.map((p) => (
        <ProcedureCard
          key={`${p.id}:${p.draft?.revision ?? 0}:${p.current?.version ?? 0}`}
          procedure={p}
          note={notes[p.id] ?? null}
          onDone={(fresh, note) => {
            setView(fresh);
            setNotes({ [p.id]: note });
          }}
          onReload={load}
        />
      ))}
    </div>
  );
}

function statusOf(p: ProcedureView): { label: string; appearance: 'success' | 'inprogress' | 'new' } {
  if (p.draft) return { label: p.current ? `Draft of version ${p.current.version + 1}` : 'Draft', appearance: 'inprogress' };
  if (p.current) return { label: `${p.current.status} · version ${p.current.version}`, appearance: 'success' };
  return { label: 'Draft (not saved yet)', appearance: 'new' };
}

/** What the document needs next, in words, for this viewer. */
function neededLine(p: ProcedureView): string {
  if (p.draft) return p.needed;
  const then = `${p.needed.charAt(0).toLowerCase()}${p.needed.slice(1)}`;
  if (p.current) return p.edit.allowed ? 'Save a draft to propose changes; the draft then needs approval again.' : 'The Control Manager proposes changes as a draft, which then needs approval again.';
  return p.edit.allowed ? `Save the draft below; it then ${then}` : `The Control Manager saves a first draft from the text below; it then ${then}`;
}

function ProcedureCard({ procedure: p, note, onDone, onReload }: { procedure: ProcedureView; note: string | null; onDone: (v: ProceduresView, note: string) => void; onReload: () => void }) {
  const call = useAdminCall();
  const base = p.draft?.sections ?? p.current?.sections ?? p.starter;
  const [text, setText] = useState<Record<string, string>>(base);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const dirty = p.sections.some((s) => (text[s.key] ?? '') !== (base[s.key] ?? ''));
  const prefix = `sd-proc-${p.id.replace('.', '')}`;
  const status = statusOf(p);

  const act = async <K extends 'globalPage.procedures.saveDraft' | 'globalPage.procedures.signOff' | 'globalPage.procedures.discardDraft'>(label: string, key: K, payload: PayloadIn<K>, done: string) => {
    const fresh = (await call.run(label, () => callFunction(key, payload))) as ProceduresView | undefined;
    if (fresh) onDone(fresh, done);
  };

  const saveReason = !p.edit.allowed ? p.edit.reason : !dirty && p.draft ? 'Nothing changed since the saved draft.' : null;
  const signedOff = p.draft?.signOffs ?? [];

  return (
    <section className="sd-section" aria-labelledby={`${prefix}-title`} data-testid={prefix}>
      <h2 id={`${prefix}-title`} className="sd-section-title">
        {p.title} <Lozenge appearance={status.appearance} testId={`${prefix}-status`}>{status.label}</Lozenge>
      </h2>
      <p className="sd-hint">Why? {p.why}</p>
      {p.current ? (
        <p className="sd-muted" data-testid={`${prefix}-in-force`}>
          Version {p.current.version} is in force: approved {formatWhen(p.current.approvedAt)} by {p.current.signOffs.map((s) => `${s.by.displayName} (${roleAs(s.role)})`).join(' and ')}.
        </p>
      ) : (
        <p className="sd-muted" data-testid={`${prefix}-none`}>No version is approved yet: changes cannot rely on this procedure until one is.</p>
      )}
      <p className="sd-strong" data-testid={`${prefix}-needed`}>{neededLine(p)}</p>
      {signedOff.length ? (
        <ul className="sd-plain-list" data-testid={`${prefix}-signoffs`}>
          {signedOff.map((s) => (
            <li key={s.role}>
              Approved as {roleAs(s.role)} by {s.by.displayName}, {formatWhen(s.at)}
            </li>
          ))}
        </ul>
      ) : null}
      {p.draft ? (
        <p className="sd-hint">
          Draft revision {p.draft.revision}, saved by {p.draft.updatedBy.displayName} {formatWhen(p.draft.updatedAt)}
          {p.draft.baseVersion ? `, based on version ${p.draft.baseVersion}` : ''}.
        </p>
      ) : null}

      {p.sections.map((s) => (
        <div className="sd-field sd-proc-section" key={s.key}>
          <Label htmlFor={`${prefix}-${s.key}`} hint={s.hint}>{s.label}</Label>
          <TextArea
            id={`${prefix}-${s.key}`}
            testId={`${prefix}-${s.key}`}
            minimumRows={3}
            resize="vertical"
            isReadOnly={!p.edit.allowed}
            value={text[s.key] ?? ''}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setText((t) => ({ ...t, [s.key]: value }));
            }}
          />
        </div>
      ))}

      <DoneNote text={note} testId={`${prefix}-done`} />
      <ActionBar label={`Actions on the ${p.title.toLowerCase()}`}>
        {p.edit.allowed ? (
          <ActionButton testId={`${prefix}-save`} appearance="primary" label="Save draft" busyLabel="Saving…" busy={call.busy} reason={saveReason} onClick={() => void act('Saving…', 'globalPage.procedures.saveDraft', { procedure: p.id, sections: text, expectedRevision: p.draft?.revision ?? null }, 'Draft saved.')} />
        ) : null}
        {p.draft
          ? p.signAs.map((role) => (
              <ActionButton key={role} testId={`${prefix}-approve-${role}`} label={`Approve as ${roleAs(role)}`} busyLabel="Approving…" busy={call.busy} reason={dirty ? 'Save or undo your changes first: an approval is of the saved draft.' : null} onClick={() => void act('Approving…', 'globalPage.procedures.signOff', { procedure: p.id, revision: p.draft!.revision, role }, `Approved as ${roleAs(role)}.`)} />
            ))
          : null}
        {p.draft && p.edit.allowed ? (
          confirmDiscard ? (
            <span className="sd-confirm" role="group" aria-label="Confirm discarding the draft">
              <span>Discard the saved draft and its approvals so far?</span>
              <Button appearance="danger" testId={`${prefix}-discard-confirm`} onClick={() => { setConfirmDiscard(false); void act('Discarding…', 'globalPage.procedures.discardDraft', { procedure: p.id, revision: p.draft!.revision }, 'Draft discarded.'); }}>
                Discard draft
              </Button>
              <Button appearance="subtle" testId={`${prefix}-discard-cancel`} onClick={() => setConfirmDiscard(false)}>
                Keep it
              </Button>
            </span>
          ) : (
            <ActionButton testId={`${prefix}-discard`} appearance="subtle" label="Discard draft" busyLabel="Discarding…" busy={call.busy} reason={null} onClick={() => setConfirmDiscard(true)} />
          )
        ) : null}
        {dirty ? (
          <Button appearance="subtle" testId={`${prefix}-revert`} isDisabled={call.busy !== null} onClick={() => setText(base)}>
            Undo my changes
          </Button>
        ) : null}
      </ActionBar>
      {p.draft && p.signAs.length === 0 && p.signReason ? <p className="sd-hint" data-testid={`${prefix}-sign-reason`}>{p.signReason}</p> : null}
      {call.problem ? <AdminError problem={call.problem} onDismiss={call.dismiss} onReload={onReload} /> : null}

      <Earlier procedure={p} prefix={prefix} />
    </section>
  );
}

/** The version in force and the earlier ones, readable (D23). */
function Earlier({ procedure: p, prefix }: { procedure: ProcedureView; prefix: string }) {
  const versions: ProcedureVersionView[] = [...(p.current && p.draft ? [p.current] : []), ...p.earlier];
  if (versions.length === 0) return null;
  return (
    <div className="sd-proc-earlier" data-testid={`${prefix}-earlier`}>
      <h3 className="sd-subheading">Earlier versions</h3>
      {versions.map((v) => (
        <details key={v.version} data-testid={`${prefix}-version-${v.version}`}>
          <summary>
            Version {v.version} · {v.status} · {formatWhen(v.approvedAt)} · {v.signOffs.map((s) => `${s.by.displayName} (${roleAs(s.role)})`).join(', ')}
          </summary>
          <dl>
            {p.sections.map((s) => (
              <div key={s.key}>
                <dt className="sd-strong">{s.label}</dt>
                <dd className="sd-pre">{v.sections[s.key] ?? ''}</dd>
              </div>
            ))}
          </dl>
        </details>
      ))}
    </div>
  );
}
