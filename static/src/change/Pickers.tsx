/**
 * The Atlaskit date and time pickers of the change forms, in their own chunk (react-select and the calendar are the
 * heaviest part of them): loaded when a person first opens a form that needs one.
 */
import { DatePicker, DateTimePicker } from '@atlaskit/datetime-picker';
import { instantOfPickerValue, offsetMinutes, offsetText, pickerValue, wallToInstant } from './format';

export interface DateTimeFieldProps {
  id: string;
  /** The field's visible label, also the pickers' accessible names ("Planned start"). */
  label: string;
  /** The instant first shown (ISO), or null for an empty field. */
  initial: string | null;
  /** The zone the person types in: the viewer's own (Forge context), never the browser's by accident. */
  timeZone: string;
  locale: string | undefined;
  disabled: boolean;
  testId: string;
  /** The instant typed (ISO, UTC), or null while the date or time is incomplete. */
  onChange: (iso: string | null) => void;
}

/**
 * A date and a time in the viewer's zone. The picker is left uncontrolled (its first value only): it keeps the date and
 * time apart while one of them is still empty, and this field hands out the instant they stand for together.
 */
export function DateTimeField({ id, label, initial, timeZone, locale, disabled, testId, onChange }: DateTimeFieldProps) {
  // The picker's own parsing would take the browser's offset; the offset is the viewer's zone's at that wall time.
  const parseValue = (value: string, date: string, time: string) => {
    const m = /^(\d{4}-\d{2}-\d{2})T(\d{1,2}:\d{2})/.exec(value);
    const dateValue = date || m?.[1] || '';
    const timeValue = time || m?.[2] || '';
    const epoch = dateValue && timeValue ? wallToInstant(dateValue, timeValue, timeZone) : null;
    return { dateValue, timeValue, zoneValue: epoch === null ? '' : offsetText(offsetMinutes(epoch, timeZone)) };
  };
  return (
    <DateTimePicker
      id={id}
      testId={testId}
      defaultValue={pickerValue(initial, timeZone)}
      parseValue={parseValue}
      locale={locale}
      isDisabled={disabled}
      clearControlLabel={`Clear ${label.toLowerCase()}`}
      datePickerProps={{ label: `${label}, date`, shouldShowCalendarButton: true }}
      timePickerProps={{ label: `${label}, time`, timeIsEditable: true }}
      onChange={(value) => onChange(value ? instantOfPickerValue(value, timeZone) : null)}
    />
  );
}

export interface DayFieldProps {
  id: string;
  label: string;
  value: string;
  locale: string | undefined;
  disabled: boolean;
  testId: string;
  onChange: (day: string) => void;
}

/** A calendar day (YYYY-MM-DD). */
export function DayField({ id, label, value, locale, disabled, testId, onChange }: DayFieldProps) {
  return <DatePicker id={id} testId={testId} label={label} value={value} locale={locale} isDisabled={disabled} shouldShowCalendarButton onChange={onChange} />;
}
