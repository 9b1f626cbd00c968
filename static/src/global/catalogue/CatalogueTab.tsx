import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { useCallback, useEffect, useState } from 'react';
import { getAppContext } from '../../api';
import { formatWhen } from '../../admin/format';
import { IssueLink } from '../../incident/IssueLink';
import { AdminError, DoneNote } from '../../admin/ui/AdminError';
import { ActionBar, ActionButton } from '../../admin/ui/ActionButton';
import { Empty } from '../../admin/ui/controls';
import { useAdminCall } from '../../admin/useAdminCall';
import { approveCatalogue, discardCatalogue, loadCatalogueTab, loadCatalogueVersion, type CatalogueTabView, type CatalogueVersionView, type CatalogueView } from './api';
import { CatalogueEditor } from './CatalogueEditor';
import { ServiceCard } from './ServiceCard';
import './catalogue.css';

type Mode = { kind: 'list' } | { kind: 'edit'; catalogue: CatalogueView | null };

/**
 * The service catalogue (WP.10): every catalogue with its services, its draft and every version (D23). The Relationship
 * Manager or Service Manager draft it (RE.1.1) and approve and publish it (RE.1.2); once approved, it changes only
 * through a service change request, whose deployment publishes the update (RE.1.3 NOTE, CO.3.4).
 */
export function CatalogueTab() {
  const [view, setView] = useState<CatalogueTabView | null>(null);
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [note, setNote] = useState<string | null>(null);
  const [siteUrl, setSiteUrl] = useState('');
  const call = useAdminCall();
  useEffect(() => { getAppContext().then((c) => setSiteUrl(c.siteUrl), () => undefined); }, []);

  const load = useCallback(() => {
    void call.run('Loading…', loadCatalogueTab).then((fresh) => { if (fresh) setView(fresh); });
  }, []);
  useEffect(() => { load(); }, [load]);

  if (!view) {
    return call.problem ? <AdminError problem={call.problem} onDismiss={load} /> : (
      <div className="sd-center" role="status" data-testid="sd-cat-loading"><Spinner size="medium" label="Loading the service catalogue" /></div>
    );
  }
  const canEdit = view.permissions.edit.allowed;
  const editReason = !canEdit && !view.permissions.edit.allowed ? view.permissions.edit.message : view.policyProblem;
  const after = (fresh: CatalogueTabView | undefined, text: string) => {
    if (!fresh) return;
    setView(fresh);
    setMode({ kind: 'list' });
    setNote(text);
  };

  return (
    <section className="sd-section" aria-labelledby="sd-cat-title" data-testid="sd-cat">
      <h2 id="sd-cat-title" className="sd-section-title">Service catalogue</h2>
      <p className="sd-muted">The services the team offers — what each is, when it runs, the quality promised, how to ask for it and whom to call. This is the one list of services: incidents, changes, agreements and the customer portal read it.</p>
      <p className="sd-hint">Why? WP.10 service catalogue; RE.1.1–RE.1.3, RE-05, RE-06, RE-07; versions kept (D23).</p>
      {call.problem ? <AdminError problem={call.problem} onDismiss={call.dismiss} onReload={load} /> : null}
      <DoneNote text={note} testId="sd-cat-done" />
      {view.fieldSync ? <p className="sd-hint" data-testid="sd-cat-field-sync">{view.fieldSync}</p> : null}
      {view.policyProblem && canEdit ? (
        <SectionMessage appearance="warning" title="The policy comes first" testId="sd-cat-policy">
          <p>{view.policyProblem}</p>
          <p className="sd-hint">Why? RE-06.</p>
        </SectionMessage>
      ) : null}

      {mode.kind === 'edit' ? (
        <CatalogueEditor catalogue={mode.catalogue} view={view} onCancel={() => setMode({ kind: 'list' })} onSaved={(fresh, name) => after(fresh, `Saved the draft of “${name}”.`)} />
      ) : (
        <ActionBar label="Catalogue actions">
          {canEdit ? (
            <ActionButton testId="sd-cat-new" appearance={view.catalogues.length ? 'default' : 'primary'} label="Draft a new catalogue" busyLabel="…" busy={call.busy} reason={view.policyProblem ? 'Approve the policy first.' : null} onClick={() => { setNote(null); setMode({ kind: 'edit', catalogue: null }); }} />
          ) : (
            <p className="sd-hint" data-testid="sd-cat-readonly">{editReason}</p>
          )}
        </ActionBar>
      )}

      {view.catalogues.length === 0 ? (
        <Empty testId="sd-cat-empty">No catalogue yet. {canEdit ? 'Draft one: list each service with its hours, quality targets, how to request it and whom to contact.' : 'The Relationship Manager or the Service Manager drafts it.'}</Empty>
      ) : null}
      {view.catalogues.map((c) => (
        <CatalogueBlock key={c.id} catalogue={c} view={view} siteUrl={siteUrl} editing={mode.kind === 'edit'}
          onEdit={() => { setNote(null); setMode({ kind: 'edit', catalogue: c }); }}
          onApprove={(revision) => void call.run('Approving…', () => approveCatalogue(c.id, revision)).then((fresh) => after(fresh, `Approved and published “${c.name}”.`))}
          onDiscard={(revision) => void call.run('Discarding…', () => discardCatalogue(c.id, revision)).then((fresh) => after(fresh, `Discarded the draft of “${c.name}”.`))}
          busy={call.busy} />
      ))}
    </section>
  );
}

function CatalogueBlock({ catalogue: c, view, siteUrl, editing, busy, onEdit, onApprove, onDiscard }: {
  catalogue: CatalogueView; view: CatalogueTabView; siteUrl: string; editing: boolean; busy: string | null;
  onEdit: () => void; onApprove: (revision: number) => void; onDiscard: (revision: number) => void;
}) {
  const [showDraft, setShowDraft] = useState(c.current === null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [older, setOlder] = useState<CatalogueVersionView | null>(null);
  const [showHistory, setShowHistory] = useState(false);
  const versionCall = useAdminCall();
  const edit = view.permissions.edit;
  const approve = view.permissions.approve;
  const draft = c.draft;
  const shown = showDraft && draft ? draft.content : c.current?.content ?? draft?.content;
  const approveReason = !approve.allowed ? approve.message : draft ? draft.approvalRefusal ?? (draft.issues.length ? `${draft.issues.length} point${draft.issues.length === 1 ? '' : 's'} to settle first: ${draft.issues.map((i) => i.message).join(' ')}` : null) : null;

  return (
    <section className="sd-section" aria-labelledby={`sd-cat-${c.id}-title`} data-testid={`sd-cat-${c.id}`}>
      <div className="sd-cat-head">
        <h3 id={`sd-cat-${c.id}-title`} className="sd-section-title">{c.name}</h3>
        {c.current ? <Lozenge appearance="success">{`Version ${c.current.version} · ${c.current.status}`}</Lozenge> : <Lozenge>Not approved yet</Lozenge>}
        {draft ? <Lozenge appearance="inprogress">{`Draft (revision ${draft.revision})`}</Lozenge> : null}
      </div>
      {c.current ? (
        <p className="sd-hint" data-testid={`sd-cat-${c.id}-approval`}>
          Drafted by {c.current.draftedBy.displayName}; {c.current.approvedBy ? `approved by ${c.current.approvedBy.displayName}, ${formatWhen(c.current.approvedAt)}` : 'not approved'}
          {c.current.content.changeRequest ? <> · through change <IssueLink issueKey={c.current.content.changeRequest} siteUrl={siteUrl} /></> : null}.
        </p>
      ) : null}
      {shown?.description ? <p className="sd-muted">{shown.description}</p> : null}

      {draft ? (
        <div className="sd-cat-version" data-testid={`sd-cat-${c.id}-draft`}>
          <p>
            Draft saved by {draft.updatedBy.displayName}, {formatWhen(draft.updatedAt)}.
            {draft.change ? (
              <span data-testid={`sd-cat-${c.id}-change`}>
                {' '}It updates the approved catalogue through change <IssueLink issueKey={draft.change.key} siteUrl={siteUrl} />,{' '}
                {draft.change.deployed ? 'deployed: it may be approved now.' : 'not deployed yet: its deployment publishes this draft.'}
              </span>
            ) : null}
          </p>
          {c.current ? (
            <Button appearance="subtle" spacing="compact" testId={`sd-cat-${c.id}-toggle-draft`} aria-pressed={showDraft} onClick={() => setShowDraft((x) => !x)}>
              {showDraft ? 'Show the approved version' : 'Show the draft'}
            </Button>
          ) : null}
          <ActionBar label={`Draft of ${c.name}`}>
            {edit.allowed ? <ActionButton testId={`sd-cat-${c.id}-edit`} label="Edit the draft" busyLabel="…" busy={busy} reason={editing ? 'Finish the open editor first.' : null} onClick={onEdit} /> : null}
            {approve.allowed ? <ActionButton testId={`sd-cat-${c.id}-approve`} appearance="primary" label="Approve and publish" busyLabel="Approving…" busy={busy} reason={approveReason} onClick={() => onApprove(draft.revision)} /> : null}
            {edit.allowed && !confirmDiscard ? <Button appearance="subtle" testId={`sd-cat-${c.id}-discard`} isDisabled={busy !== null} onClick={() => setConfirmDiscard(true)}>Discard the draft</Button> : null}
            {confirmDiscard ? (
              <span role="group" aria-label="Confirm discarding the draft">
                <span className="sd-muted">Discard this draft? Approved versions stay. </span>
                <Button appearance="danger" testId={`sd-cat-${c.id}-discard-confirm`} onClick={() => { setConfirmDiscard(false); onDiscard(draft.revision); }}>Discard</Button>{' '}
                <Button appearance="subtle" onClick={() => setConfirmDiscard(false)}>Keep it</Button>
              </span>
            ) : null}
          </ActionBar>
          <p className="sd-hint">Why? Drafted by the Relationship Manager or the Service Manager, approved and published by either (RE.1.1, RE.1.2).</p>
        </div>
      ) : edit.allowed ? (
        <ActionBar label={`Update ${c.name}`}>
          <ActionButton testId={`sd-cat-${c.id}-update`} label={c.current ? 'Draft an update' : 'Draft it again'} busyLabel="…" busy={busy} reason={editing ? 'Finish the open editor first.' : view.policyProblem} onClick={onEdit} />
          {c.current ? <span className="sd-hint">An update is published when the service change request it names is deployed. Why? RE.1.3, CO.3.4.</span> : null}
        </ActionBar>
      ) : null}

      {shown && shown.services.length ? (
        <div className="sd-cat-cards" data-testid={`sd-cat-${c.id}-services`}>
          {shown.services.map((s) => <ServiceCard key={s.id} service={s} organizations={view.organizations} configurationItems={view.configurationItems} />)}
        </div>
      ) : <Empty testId={`sd-cat-${c.id}-no-services`}>This catalogue lists no service yet.</Empty>}

      <div className="sd-actions" role="group" aria-label={`Versions and history of ${c.name}`}>
        {c.versions.map((v) => (
          <Button key={v} appearance="subtle" spacing="compact" testId={`sd-cat-${c.id}-version-${v}`} aria-pressed={older?.version === v}
            onClick={() => { if (older?.version === v) setOlder(null); else void versionCall.run('Loading…', () => loadCatalogueVersion(c.id, v)).then((x) => { if (x) setOlder(x); }); }}>
            {`Read version ${v}`}
          </Button>
        ))}
        <Button appearance="subtle" spacing="compact" testId={`sd-cat-${c.id}-history`} aria-expanded={showHistory} onClick={() => setShowHistory((x) => !x)}>{showHistory ? 'Hide the history' : 'History'}</Button>
        {versionCall.busy ? <span role="status" className="sd-hint">{versionCall.busy}</span> : null}
      </div>
      {versionCall.problem ? <AdminError problem={versionCall.problem} onDismiss={versionCall.dismiss} /> : null}
      {older ? (
        <div className="sd-cat-version" data-testid={`sd-cat-${c.id}-older`} aria-label={`Version ${older.version}`}>
          <p className="sd-strong">{`Version ${older.version} · ${older.status}`}</p>
          <p className="sd-hint">Drafted by {older.draftedBy.displayName}, {formatWhen(older.draftedAt)}{older.approvedBy ? `; approved by ${older.approvedBy.displayName}, ${formatWhen(older.approvedAt)}` : ''}{older.content.changeRequest ? ` · through change ${older.content.changeRequest}` : ''}.</p>
          <div className="sd-cat-cards">{older.content.services.map((s) => <ServiceCard key={s.id} service={s} organizations={view.organizations} configurationItems={view.configurationItems} />)}</div>
        </div>
      ) : null}
      {showHistory ? (
        <ol className="sd-history" data-testid={`sd-cat-${c.id}-audit`} reversed>
          {c.history.map((h, i) => (
            <li key={i}>
              <span className="sd-strong">{formatWhen(h.at)}</span> · {h.actor.displayName}: {h.summary}{h.version ? ` (version ${h.version})` : ''}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
