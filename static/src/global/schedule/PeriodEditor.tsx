import Button from '@atlaskit/button/new';
import { DatePicker, TimePicker } from '@atlaskit/datetime-picker';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { PERIOD_KINDS, PERIOD_KIND_LABELS, WEEKDAYS, WEEKDAY_LABELS, addDays, zonedDay, zonedInstant, type SchedulePeriodSpec, type Weekday } from '@contract/schedule';
import { useState } from 'react';
import { dateTimeOf } from './scheduleApi';

type Kind = SchedulePeriodSpec['kind'];

/** The form's own state: local dates and times in the viewer's zone; turned into a period on "Keep". */
interface Form {
  id: string;
  name: string;
  kind: Kind;
  services: string;
  reason: string;
  repeat: 'once' | 'weekly';
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  days: Weekday[];
  timeZone: string;
  until: string;
}

const minutes = (hm: string): number => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));
const hhmm = (t: number, zone: string): string => new Date(t).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone });

function formOf(p: SchedulePeriodSpec | null, zone: string, today: string): Form {
  const blank: Form = { id: `p-${Date.now().toString(36)}`, name: '', kind: 'freeze', services: '', reason: '', repeat: 'once', startDate: today, startTime: '00:00', endDate: addDays(today, 1), endTime: '00:00', days: ['tue', 'thu'], timeZone: zone, until: '' };
  if (!p) return blank;
  const base = { ...blank, id: p.id, name: p.name, kind: p.kind, services: p.services.join(', '), reason: p.reason ?? '' };
  if (p.when.repeat === 'once') {
    const s = Date.parse(p.when.start);
    const e = Date.parse(p.when.end);
    return { ...base, repeat: 'once', startDate: zonedDay(zone, s), startTime: hhmm(s, zone), endDate: zonedDay(zone, e), endTime: hhmm(e, zone) };
  }
  return { ...base, repeat: 'weekly', startDate: p.when.from, startTime: p.when.startTime, endTime: p.when.endTime, days: [...p.when.days], timeZone: p.when.timeZone, until: p.when.until ?? '' };
}

function periodOf(f: Form, zone: string): SchedulePeriodSpec {
  const common = { id: f.id, name: f.name.trim(), kind: f.kind, services: f.services.split(',').map((s) => s.trim()).filter(Boolean), reason: f.reason.trim() || null };
  if (f.repeat === 'once') {
    return { ...common, when: { repeat: 'once', start: new Date(zonedInstant(zone, f.startDate, minutes(f.startTime))).toISOString(), end: new Date(zonedInstant(zone, f.endDate, minutes(f.endTime))).toISOString() } };
  }
  return { ...common, when: { repeat: 'weekly', days: f.days, startTime: f.startTime, endTime: f.endTime, timeZone: f.timeZone.trim(), from: f.startDate, until: f.until || null } };
}

const kindOptions = PERIOD_KINDS.map((k) => ({ value: k, label: PERIOD_KIND_LABELS[k] }));

/** One period's form, inline (no modal in the growing iframe). "Keep" puts it in the list; Save stores the list. */
export function PeriodForm({ period, timeZone, today, locale, onKeep, onCancel }: { period: SchedulePeriodSpec | null; timeZone: string; today: string; locale?: string; onKeep: (p: SchedulePeriodSpec) => void; onCancel: () => void }) {
  const [f, setF] = useState<Form>(() => formOf(period, timeZone, today));
  const set = (patch: Partial<Form>) => setF((x) => ({ ...x, ...patch }));
  const toggleDay = (d: Weekday) => set({ days: f.days.includes(d) ? f.days.filter((x) => x !== d) : WEEKDAYS.filter((w) => w === d || f.days.includes(w)) });
  return (
    <form
      className="sd-sch-form"
      aria-label={period ? `Edit ${period.name}` : 'New period'}
      data-testid="sd-sch-form"
      onSubmit={(e) => {
        e.preventDefault();
        onKeep(periodOf(f, timeZone));
      }}
    >
      <div className="sd-sch-form-row">
        <label className="sd-sch-field">
          <span>Name</span>
          <Textfield testId="sd-sch-name" value={f.name} onChange={(e) => set({ name: e.currentTarget.value })} isCompact />
        </label>
        <div className="sd-sch-field">
          <label htmlFor="sd-sch-kind-input">Kind</label>
          <Select inputId="sd-sch-kind-input" testId="sd-sch-kind" spacing="compact" options={kindOptions} value={kindOptions.find((o) => o.value === f.kind)} onChange={(o) => o && set({ kind: o.value })} />
        </div>
        <label className="sd-sch-field">
          <span>Services (comma-separated; empty = all)</span>
          <Textfield testId="sd-sch-services" value={f.services} onChange={(e) => set({ services: e.currentTarget.value })} isCompact />
        </label>
      </div>
      <label className="sd-sch-field">
        <span>Reason{f.kind === 'freeze' ? ' (required for a freeze: which business event it protects)' : ' (optional)'}</span>
        <Textfield testId="sd-sch-reason" value={f.reason} onChange={(e) => set({ reason: e.currentTarget.value })} isCompact />
      </label>
      <fieldset className="sd-sch-fieldset">
        <legend>Repeats</legend>
        <label><input type="radio" name="sd-sch-repeat" checked={f.repeat === 'once'} onChange={() => set({ repeat: 'once' })} /> Once</label>
        <label><input type="radio" name="sd-sch-repeat" checked={f.repeat === 'weekly'} onChange={() => set({ repeat: 'weekly' })} data-testid="sd-sch-weekly" /> Every week</label>
      </fieldset>
      {f.repeat === 'once' ? (
        <div className="sd-sch-form-row">
          <div className="sd-sch-field"><label htmlFor="sd-sch-start-date">Start</label>
            <div className="sd-sch-pair">
              <DatePicker id="sd-sch-start-date" testId="sd-sch-start-date" spacing="compact" locale={locale} value={f.startDate} onChange={(d) => set({ startDate: d })} />
              <TimePicker id="sd-sch-start-time" testId="sd-sch-start-time" spacing="compact" locale={locale} value={f.startTime} onChange={(t) => set({ startTime: t })} timeIsEditable />
            </div>
          </div>
          <div className="sd-sch-field"><label htmlFor="sd-sch-end-date">End</label>
            <div className="sd-sch-pair">
              <DatePicker id="sd-sch-end-date" testId="sd-sch-end-date" spacing="compact" locale={locale} value={f.endDate} onChange={(d) => set({ endDate: d })} />
              <TimePicker id="sd-sch-end-time" testId="sd-sch-end-time" spacing="compact" locale={locale} value={f.endTime} onChange={(t) => set({ endTime: t })} timeIsEditable />
            </div>
          </div>
        </div>
      ) : (
        <>
          <fieldset className="sd-sch-fieldset">
            <legend>Days</legend>
            {WEEKDAYS.map((d) => (
              <label key={d}><input type="checkbox" checked={f.days.includes(d)} onChange={() => toggleDay(d)} /> {WEEKDAY_LABELS[d]}</label>
            ))}
          </fieldset>
          <div className="sd-sch-form-row">
            <div className="sd-sch-field"><label htmlFor="sd-sch-from-time">From (time)</label>
              <TimePicker id="sd-sch-from-time" spacing="compact" locale={locale} value={f.startTime} onChange={(t) => set({ startTime: t })} timeIsEditable />
            </div>
            <div className="sd-sch-field"><label htmlFor="sd-sch-to-time">To (time)</label>
              <TimePicker id="sd-sch-to-time" spacing="compact" locale={locale} value={f.endTime} onChange={(t) => set({ endTime: t })} timeIsEditable />
            </div>
            <label className="sd-sch-field"><span>Time zone</span>
              <Textfield value={f.timeZone} onChange={(e) => set({ timeZone: e.currentTarget.value })} isCompact />
            </label>
          </div>
          <div className="sd-sch-form-row">
            <div className="sd-sch-field"><label htmlFor="sd-sch-first-day">First day</label>
              <DatePicker id="sd-sch-first-day" spacing="compact" locale={locale} value={f.startDate} onChange={(d) => set({ startDate: d })} />
            </div>
            <div className="sd-sch-field"><label htmlFor="sd-sch-last-day">Last day (empty = until further notice)</label>
              <DatePicker id="sd-sch-last-day" spacing="compact" locale={locale} value={f.until} onChange={(d) => set({ until: d })} />
            </div>
          </div>
        </>
      )}
      <div className="sd-sch-actions">
        <Button type="submit" appearance="primary" testId="sd-sch-keep">Keep this period</Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}

/** One line of the period list, in words. */
export function describePeriod(p: SchedulePeriodSpec, timeZone: string, locale?: string): string {
  const services = p.services.length ? p.services.join(', ') : 'all services';
  if (p.when.repeat === 'once') return `${dateTimeOf(Date.parse(p.when.start), timeZone, locale)} – ${dateTimeOf(Date.parse(p.when.end), timeZone, locale)} · ${services}`;
  const w = p.when;
  return `Every ${w.days.map((d) => WEEKDAY_LABELS[d]).join(', ')} ${w.startTime}–${w.endTime} (${w.timeZone}), from ${w.from}${w.until ? ` until ${w.until}` : ''} · ${services}`;
}
