import Select from '@atlaskit/select';
import type { ConfigurationItemOption } from '@contract/configuration';
interface Choice { value: string; label: string; short: string }

/** The Atlaskit multi-select over the configuration records, in its own chunk (react-select is the heaviest part of it). */
export default function ConfigurationItemSelect({ inputId, options, selected, unknown, disabled, onChange }: {
  inputId: string;
  options: readonly ConfigurationItemOption[];
  selected: readonly string[];
  /** Ids the change names that are no configuration record (kept, marked, until removed). */
  unknown: readonly string[];
  disabled: boolean;
  onChange: (ids: string[]) => void;
}) {
  const choices: Choice[] = [
    ...options.map((o) => ({ value: o.id, label: `${o.name} · ${o.service} · version ${o.version}`, short: o.name })),
    ...unknown.map((id) => ({ value: id, label: `${id} (not a configuration record)`, short: `${id} (unknown)` })),
  ];
  return (
    <Select<Choice, true>
      inputId={inputId}
      testId="sd-change-ci-select"
      classNamePrefix="sd-change-ci"
      isMulti
      autoFocus
      options={choices}
      value={choices.filter((c) => selected.includes(c.value))}
      isDisabled={disabled}
      // The chosen items by name; the list says which service and version each one is.
      formatOptionLabel={(c, meta) => (meta.context === 'value' ? c.short : c.label)}
      placeholder="Search configuration items"
      noOptionsMessage={() => 'No configuration record matches'}
      menuPortalTarget={typeof document === 'undefined' ? undefined : document.body}
      onChange={(picked) => onChange(picked.map((c) => c.value))}
    />
  );
}
