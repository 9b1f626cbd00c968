import TextArea from '@atlaskit/textarea';
import { useId, useState } from 'react';
import type { ConfigurationItemRef } from './types';

/** The id format of a configuration record (the contract's rule for `change.setConfigurationItems`). */
const CI_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

export interface ConfigurationItemsFieldProps {
  /** The items the change names now (their ids fill the field). */
  current: readonly ConfigurationItemRef[];
  disabled: boolean;
  /** The ids typed, and the ones that are not configuration item ids (the form refuses to send those). */
  onChange: (value: { ids: string[]; invalid: string[] }) => void;
}

export function parseIds(text: string): { ids: string[]; invalid: string[] } {
  const words = [...new Set(text.split(/[\s,;]+/).map((w) => w.trim().toLowerCase()).filter((w) => w !== ''))];
  return { ids: words.filter((w) => CI_ID.test(w)), invalid: words.filter((w) => !CI_ID.test(w)) };
}

/**
 * The configuration items a change touches. For now the ids of configuration records, typed as a list; the one place
 * to switch to a picker over the records (`issuePanel.configurationItems`) once that function exists.
 */
export function ConfigurationItemsField({ current, disabled, onChange }: ConfigurationItemsFieldProps) {
  const id = useId();
  const [text, setText] = useState(() => current.map((ci) => ci.id).join(', '));
  const { invalid } = parseIds(text);
  return (
    <div className="sd-inc-form sd-chg-field-wide">
      <label className="sd-field-label" htmlFor={id}>
        Configuration item ids
      </label>
      <TextArea
        id={id}
        testId="sd-change-ci-ids"
        value={text}
        minimumRows={2}
        autoFocus
        isDisabled={disabled}
        isInvalid={invalid.length > 0}
        aria-describedby={`${id}-hint`}
        placeholder="mail-relay-01, mx-node-2"
        onFocus={(e) => {
          // Opened to add an item: the caret goes after the ids already there.
          const end = e.currentTarget.value.length;
          e.currentTarget.setSelectionRange(end, end);
        }}
        onChange={(e) => {
          setText(e.currentTarget.value);
          onChange(parseIds(e.currentTarget.value));
        }}
      />
      <p id={`${id}-hint`} className="sd-inc-hint">
        The ids of the configuration records, separated by commas or spaces (lower-case letters, digits and dashes).
      </p>
      {invalid.length > 0 ? (
        <p className="sd-inc-dialog-error" data-testid="sd-change-ci-invalid">
          Not a configuration item id: {invalid.join(', ')}
        </p>
      ) : null}
    </div>
  );
}
