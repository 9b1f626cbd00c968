import Button from '@atlaskit/button/new';
import { useId, useState, type ReactNode } from 'react';
import { splitRefs } from '../words';

type Appearance = 'default' | 'primary' | 'subtle' | 'warning' | 'danger';

/**
 * A button of an admin action. Disabled while any call of its panel is in flight (showing `busyLabel` when the
 * call is its own), and disabled with a visible reason when the action is not possible or not permitted.
 */
export function ActionButton({
  label,
  busyLabel,
  busy,
  reason,
  onClick,
  appearance = 'default',
  testId,
}: {
  label: ReactNode;
  busyLabel: string;
  /** The panel's call in flight, if any. */
  busy: string | null;
  /** Why the action is not available now, or null. */
  reason: string | null;
  onClick: () => void;
  appearance?: Appearance;
  testId: string;
}) {
  const reasonId = useId();
  const mine = busy !== null && busy === busyLabel;
  return (
    <span className="sd-action">
      <Button
        appearance={appearance}
        testId={testId}
        isDisabled={busy !== null || reason !== null}
        aria-describedby={reason ? reasonId : undefined}
        onClick={onClick}
      >
        {mine ? busyLabel : label}
      </Button>
      {mine ? (
        <span className="sd-visually-hidden" role="status">
          {busyLabel}
        </span>
      ) : null}
      {reason ? <Reason id={reasonId} testId={`${testId}-reason`} text={reason} /> : null}
    </span>
  );
}

/** Why an action is not available, in words; the clauses behind it in a muted "Why?" (issue #12 §2). */
function Reason({ id, testId, text }: { id: string; testId: string; text: string }) {
  const { text: words, refs } = splitRefs(text);
  return (
    <span id={id} className="sd-reason" data-testid={testId}>
      {words}
      {refs.length > 0 ? <span className="sd-hint sd-block">Why? {refs.join(', ')}</span> : null}
    </span>
  );
}

/** A row of actions. */
export function ActionBar({ children, label }: { children: ReactNode; label: string }) {
  return (
    <div className="sd-actions" role="group" aria-label={label}>
      {children}
    </div>
  );
}

/**
 * The actions of a work product edited as a draft (WP.08, WP.14): save, approve, discard the saved draft after a
 * confirmation, and undo the unsaved edits. `prefix` names the test ids (`<prefix>-save`, `<prefix>-approve`, …).
 */
export function DraftActions({
  prefix,
  label,
  busy,
  saveReason,
  approveReason,
  discardReason,
  hasDraft,
  dirty,
  onSave,
  onApprove,
  onDiscard,
  onUndo,
}: {
  prefix: string;
  label: string;
  busy: string | null;
  saveReason: string | null;
  approveReason: string | null;
  discardReason: string | null;
  hasDraft: boolean;
  dirty: boolean;
  onSave: () => void;
  onApprove: () => void;
  onDiscard: () => void;
  onUndo: () => void;
}) {
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  return (
    <ActionBar label={label}>
      <ActionButton testId={`${prefix}-save`} appearance="primary" label="Save draft" busyLabel="Saving…" busy={busy} reason={saveReason} onClick={onSave} />
      <ActionButton testId={`${prefix}-approve`} label="Approve" busyLabel="Approving…" busy={busy} reason={approveReason} onClick={onApprove} />
      {hasDraft ? (
        confirmDiscard ? (
          <span className="sd-confirm" role="group" aria-label="Confirm discarding the draft">
            <span>Discard the saved draft? This cannot be undone.</span>
            <Button
              appearance="danger"
              testId={`${prefix}-discard-confirm`}
              onClick={() => {
                setConfirmDiscard(false);
                onDiscard();
              }}
            >
              Discard draft
            </Button>
            <Button appearance="subtle" testId={`${prefix}-discard-cancel`} onClick={() => setConfirmDiscard(false)}>
              Keep it
            </Button>
          </span>
        ) : (
          <ActionButton testId={`${prefix}-discard`} appearance="subtle" label="Discard draft" busyLabel="Discarding…" busy={busy} reason={discardReason} onClick={() => setConfirmDiscard(true)} />
        )
      ) : null}
      {dirty ? (
        <Button appearance="subtle" testId={`${prefix}-revert`} isDisabled={busy !== null} onClick={onUndo}>
          Undo my changes
        </Button>
      ) : null}
    </ActionBar>
  );
}
