import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { formatMinutes } from '../format';

/**
 * A number of minutes with a human hint ("4 h"). The text is the admin's while they type (an empty field stays
 * empty); the policy gets the number, or `null` (nullable fields) / 0 (required fields, flagged by checkPolicy)
 * when the field is empty.
 */
export function MinutesField({
  id,
  value,
  onValue,
  nullable = false,
  disabled,
  invalid,
  label,
  testId,
}: {
  id: string;
  value: number | null;
  onValue: (value: number | null) => void;
  nullable?: boolean;
  disabled: boolean;
  invalid: boolean;
  label: string;
  testId?: string;
}) {
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? (value === null ? '' : String(value));
  const hint = value === null ? (nullable ? 'no escalation' : '') : formatMinutes(value);
  return (
    <div className="sd-minutes">
      <Textfield
        id={id}
        testId={testId}
        type="number"
        min={1}
        step={1}
        inputMode="numeric"
        isCompact
        width={110}
        aria-label={label}
        aria-describedby={`${id}-hint`}
        isDisabled={disabled}
        isInvalid={invalid}
        value={shown}
        onChange={(e) => {
          const raw = e.currentTarget.value;
          setText(raw);
          if (raw.trim() === '') onValue(nullable ? null : 0);
          else {
            const n = Number(raw);
            if (Number.isFinite(n)) onValue(n);
          }
        }}
        onBlur={() => setText(null)}
      />
      <span id={`${id}-hint`} className="sd-hint">
        {hint}
      </span>
    </div>
  );
}
