import Button from '@atlaskit/button/new';
import TextArea from '@atlaskit/textarea';
import TextField from '@atlaskit/textfield';
import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface ActionDialogProps {
  title: string;
  /** What will happen, in words. */
  children: ReactNode;
  confirmLabel: string;
  busy: boolean;
  /** A refusal of the last attempt (the dialog stays open so nothing typed is lost). */
  error: string | null;
  field?: { kind: 'textarea' | 'text'; label: string; value: string; onChange: (value: string) => void; placeholder?: string; required?: boolean };
  testId: string;
  onConfirm: () => void;
  onClose: () => void;
}

/**
 * A confirmation with an optional text field, opened in place under the button that asked for it, as Jira's issue
 * view edits a field inline. Not an Atlaskit modal: the panel is an iframe that grows with its content, so a fixed
 * modal centres in the whole (tall) frame and lands outside the part of the page the person is looking at (seen in
 * Chromium: the modal's buttons were outside the viewport). On a real site a modal would go through Forge's bridge
 * Modal (a second resource); inline is what JSM does for a field. In its own chunk, loaded when first opened.
 */
export default function ActionDialog({ title, children, confirmLabel, busy, error, field, testId, onConfirm, onClose }: ActionDialogProps) {
  const fieldId = useId();
  const empty = field?.required === true && field.value.trim() === '';
  const box = useRef<HTMLElement>(null);
  useEffect(() => {
    box.current?.scrollIntoView?.({ block: 'nearest' });
  }, []);
  return (
    <section
      ref={box}
      className="sd-inc-dialog"
      role="dialog"
      aria-modal="false"
      aria-labelledby={`${fieldId}-title`}
      data-testid={testId}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !busy) onClose();
      }}
    >
      <h3 id={`${fieldId}-title`} className="sd-inc-subtitle">
        {title}
      </h3>
      <div className="sd-stack-tight">
        {children}
        {field ? (
          <div className="sd-inc-form">
            <label className="sd-field-label" htmlFor={fieldId}>
              {field.label}
            </label>
            {field.kind === 'textarea' ? (
              <TextArea
                id={fieldId}
                testId={`${testId}-field`}
                value={field.value}
                minimumRows={4}
                autoFocus
                isDisabled={busy}
                placeholder={field.placeholder}
                onChange={(e) => field.onChange(e.currentTarget.value)}
              />
            ) : (
              <TextField
                id={fieldId}
                testId={`${testId}-field`}
                value={field.value}
                autoFocus
                isDisabled={busy}
                placeholder={field.placeholder}
                onChange={(e) => field.onChange(e.currentTarget.value)}
              />
            )}
          </div>
        ) : null}
        {error !== null ? (
          <p role="alert" className="sd-inc-dialog-error" data-testid={`${testId}-error`}>
            {error}
          </p>
        ) : null}
        <div className="sd-inc-buttons sd-inc-dialog-buttons">
          <Button appearance="primary" onClick={onConfirm} isLoading={busy} isDisabled={empty} testId={`${testId}-confirm`} autoFocus={field === undefined}>
            {confirmLabel}
          </Button>
          <Button appearance="subtle" onClick={onClose} isDisabled={busy} testId={`${testId}-cancel`}>
            Cancel
          </Button>
        </div>
      </div>
    </section>
  );
}
