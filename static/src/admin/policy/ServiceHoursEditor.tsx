import Button from '@atlaskit/button/new';
import Textfield from '@atlaskit/textfield';
import { useMemo } from 'react';
import { WEEKDAYS, type Weekday } from '../domain';
import { FieldIssues, Label, Section } from '../ui/controls';
import { HolidaysEditor } from './HolidaysEditor';
import { issuesAt, issuesExactly, type PolicySectionProps } from './types';

const DAY_NAMES: Readonly<Record<Weekday, string>> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };
const WORKDAYS: readonly Weekday[] = ['tue', 'wed', 'thu', 'fri'];

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/** D10: the service-hours calendar: IANA time zone, weekly working intervals, holidays. */
export function ServiceHoursEditor(props: PolicySectionProps & { onImportIcs: (text: string) => Promise<{ holidays: Array<{ date: string; name: string }>; skipped: Array<{ line: number; reason: string }> } | undefined>; importBusy: boolean }) {
  const { policy, change, issues, disabled } = props;
  const zones = useMemo(timeZones, []);
  const sh = policy.serviceHours;

  function setRange(day: Weekday, index: number, patch: Partial<{ from: string; to: string }>): void {
    change((d) => {
      const list = [...(d.serviceHours.week[day] ?? [])];
      const current = list[index];
      if (!current) return;
      list[index] = { ...current, ...patch };
      d.serviceHours.week = { ...d.serviceHours.week, [day]: list };
    });
  }

  return (
    <Section id="sd-policy-hours" title="Service hours" description="The clock of every priority on service hours runs only in these hours, in this time zone, outside holidays." why="D10">
      <div className="sd-field">
        <Label htmlFor="sd-hours-zone" hint="(IANA name, e.g. Europe/Berlin)">Time zone</Label>
        <Textfield
          id="sd-hours-zone"
          testId="sd-hours-zone"
          list="sd-hours-zones"
          width={280}
          isDisabled={disabled}
          isInvalid={issuesExactly(issues, 'serviceHours.timeZone').length > 0}
          value={sh.timeZone}
          onChange={(e) => {
            const value = e.currentTarget.value;
            change((d) => (d.serviceHours.timeZone = value));
          }}
        />
        <datalist id="sd-hours-zones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <FieldIssues issues={issuesExactly(issues, 'serviceHours.timeZone')} />
      </div>

      <table className="sd-table sd-week" aria-label="Working hours per weekday" data-testid="sd-hours-week">
        <tbody>
          {WEEKDAYS.map((day) => {
            const intervals = sh.week[day] ?? [];
            return (
              <tr key={day} data-testid={`sd-hours-${day}`}>
                <th scope="row">{DAY_NAMES[day]}</th>
                <td>
                  {intervals.length === 0 ? <span className="sd-subtlest">Closed</span> : null}
                  <ul className="sd-plain-list sd-intervals">
                    {intervals.map((iv, i) => {
                      const at = `serviceHours.week.${day}.${i}`;
                      const own = issuesAt(issues, at);
                      return (
                        <li key={i} className="sd-interval">
                          <Textfield isCompact width={80} aria-label={`${DAY_NAMES[day]} interval ${i + 1} from (HH:MM)`} testId={`sd-hours-${day}-${i}-from`} placeholder="09:00" isDisabled={disabled} isInvalid={own.length > 0} value={iv.from} onChange={(e) => setRange(day, i, { from: e.currentTarget.value })} />
                          <span aria-hidden="true">–</span>
                          <Textfield isCompact width={80} aria-label={`${DAY_NAMES[day]} interval ${i + 1} to (HH:MM)`} testId={`sd-hours-${day}-${i}-to`} placeholder="17:00" isDisabled={disabled} isInvalid={own.length > 0} value={iv.to} onChange={(e) => setRange(day, i, { to: e.currentTarget.value })} />
                          <Button appearance="subtle" spacing="compact" isDisabled={disabled} aria-label={`Remove ${DAY_NAMES[day]} interval ${i + 1}`} onClick={() => change((d) => (d.serviceHours.week = { ...d.serviceHours.week, [day]: (d.serviceHours.week[day] ?? []).filter((_, j) => j !== i) }))}>
                            Remove
                          </Button>
                          <FieldIssues issues={own} />
                        </li>
                      );
                    })}
                  </ul>
                </td>
                <td className="sd-nowrap">
                  <Button spacing="compact" isDisabled={disabled} testId={`sd-hours-${day}-add`} aria-label={`Add an interval on ${DAY_NAMES[day]}`} onClick={() => change((d) => (d.serviceHours.week = { ...d.serviceHours.week, [day]: [...(d.serviceHours.week[day] ?? []), { from: '09:00', to: '17:00' }] }))}>
                    Add hours
                  </Button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div>
        <Button
          appearance="subtle"
          testId="sd-hours-copy-monday"
          isDisabled={disabled}
          onClick={() => change((d) => {
            const monday = d.serviceHours.week.mon ?? [];
            d.serviceHours.week = { ...d.serviceHours.week, ...Object.fromEntries(WORKDAYS.map((w) => [w, monday.map((iv) => ({ ...iv }))])) };
          })}
        >
          Copy Monday's hours to Tuesday–Friday
        </Button>
      </div>
      <FieldIssues issues={[...issuesExactly(issues, 'serviceHours'), ...issuesExactly(issues, 'serviceHours.week')]} />

      <HolidaysEditor {...props} />
    </Section>
  );
}
