import Button from '@atlaskit/button/new';
import { useId, type ReactNode } from 'react';

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
      {reason ? (
        <span id={reasonId} className="sd-reason" data-testid={`${testId}-reason`}>
          {reason}
        </span>
      ) : null}
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
