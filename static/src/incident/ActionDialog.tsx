import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import TextArea from '@atlaskit/textarea';
import TextField from '@atlaskit/textfield';
import { useId, type ReactNode } from 'react';

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
 * A confirmation as JSM asks it (Atlaskit modal dialog), with an optional text field. In its own chunk: it is loaded
 * when a person first opens one, so the panel's initial JS stays small.
 */
export default function ActionDialog({ title, children, confirmLabel, busy, error, field, testId, onConfirm, onClose }: ActionDialogProps) {
  const fieldId = useId();
  const empty = field?.required === true && field.value.trim() === '';
  return (
      <Modal onClose={busy ? () => undefined : onClose} testId={testId} width="medium">
        <ModalHeader hasCloseButton={!busy}>
          <ModalTitle>{title}</ModalTitle>
        </ModalHeader>
        <ModalBody>
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
          </div>
        </ModalBody>
        <ModalFooter>
          <Button appearance="subtle" onClick={onClose} isDisabled={busy} testId={`${testId}-cancel`}>
            Cancel
          </Button>
          <Button appearance="primary" onClick={onConfirm} isLoading={busy} isDisabled={empty} testId={`${testId}-confirm`}>
            {confirmLabel}
          </Button>
        </ModalFooter>
      </Modal>
  );
}
