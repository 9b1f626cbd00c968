import Select from '@atlaskit/select';

export interface ChannelOption<V extends string> { value: V; label: string }

/** The Atlaskit select of the confirmation channel, in its own chunk (react-select is the heaviest part of it). */
export default function ChannelSelect<V extends string>({
  inputId,
  options,
  value,
  disabled,
  onChange,
}: {
  inputId: string;
  options: ReadonlyArray<ChannelOption<V>>;
  value: V;
  disabled: boolean;
  onChange: (value: V) => void;
}) {
  return (
    <Select
      inputId={inputId}
      testId="sd-confirm-how-select"
      classNamePrefix="sd-confirm-how"
      options={options}
      value={options.find((c) => c.value === value) ?? null}
      isDisabled={disabled}
      isSearchable={false}
      menuPortalTarget={typeof document === 'undefined' ? undefined : document.body}
      onChange={(option) => {
        if (option) onChange(option.value);
      }}
    />
  );
}
