import TextArea from '@atlaskit/textarea';
import { lazy, Suspense, useEffect, useId, useState } from 'react';
import type { ConfigurationItemOption } from '@contract/configuration';
import { callFunction } from '../api';
import type { ConfigurationItemRef } from './types';

const ConfigurationItemSelect = lazy(() => import('./ConfigurationItemSelect'));

/** The id format of a configuration record (the contract's rule for `change.setConfigurationItems`). */
const CI_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

export interface ConfigurationItemsFieldProps {
  /** The items the change names now. */
  current: readonly ConfigurationItemRef[];
  disabled: boolean;
  /** The ids chosen, and the ones that are not configuration item ids (the form refuses to send those). */
  onChange: (value: { ids: string[]; invalid: string[] }) => void;
}

export function parseIds(text: string): { ids: string[]; invalid: string[] } {
  const words = [...new Set(text.split(/[\s,;]+/).map((w) => w.trim().toLowerCase()).filter((w) => w !== ''))];
  return { ids: words.filter((w) => CI_ID.test(w)), invalid: words.filter((w) => !CI_ID.test(w)) };
}

/**
 * The configuration items a change touches: a picker over the configuration records (`issuePanel.configurationItems`);
 * should the list not load (refused, or the call fails), the records' ids typed as a list instead, so a change can
 * still name its items. The one place that knows how items are chosen.
 */
export function ConfigurationItemsField(props: ConfigurationItemsFieldProps) {
  const [options, setOptions] = useState<ConfigurationItemOption[] | 'loading' | 'unavailable'>('loading');
  useEffect(() => {
    let live = true;
    callFunction('issuePanel.configurationItems', {}).then(
      (items) => live && setOptions(Array.isArray(items) ? items : 'unavailable'),
      () => live && setOptions('unavailable'),
    );
    return () => {
      live = false;
    };
  }, []);
  if (options === 'loading') return <p className="sd-inc-muted">Loading the configuration records…</p>;
  if (options === 'unavailable') return <IdList {...props} />;
  return <Picker {...props} options={options} />;
}

function Picker({ current, disabled, onChange, options }: ConfigurationItemsFieldProps & { options: ConfigurationItemOption[] }) {
  const id = useId();
  const [selected, setSelected] = useState(() => current.map((ci) => ci.id));
  const unknown = current.filter((ci) => !options.some((o) => o.id === ci.id)).map((ci) => ci.id);
  return (
    <div className="sd-inc-form sd-chg-field-wide">
      <label className="sd-field-label" htmlFor={id}>
        Configuration items
      </label>
      <Suspense fallback={<div className="sd-inc-select-placeholder">{selected.join(', ') || 'Loading…'}</div>}>
        <div data-testid="sd-change-ci-picker" data-value={selected.join(',')}>
          <ConfigurationItemSelect
            inputId={id}
            options={options}
            selected={selected}
            unknown={unknown}
            disabled={disabled}
            onChange={(ids) => {
              setSelected(ids);
              onChange({ ids, invalid: [] });
            }}
          />
        </div>
      </Suspense>
      {options.length === 0 ? <p className="sd-inc-hint">No configuration record exists yet: they are kept on the Service delivery page.</p> : null}
    </div>
  );
}

function IdList({ current, disabled, onChange }: ConfigurationItemsFieldProps) {
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
