import Button from '@atlaskit/button/new';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { useState, type ChangeEvent } from 'react';
import { formatDay } from '../format';
import { FieldIssues, Label } from '../ui/controls';
import { issuesAt, type PolicySectionProps } from './types';

type ImportAnswer = { holidays: Array<{ date: string; name: string }>; skipped: Array<{ line: number; reason: string }> };

/** D10 holidays: whole local dates; add one by one or import an iCalendar (.ics) file through the server's parser. */
export function HolidaysEditor({
  policy,
  change,
  issues,
  disabled,
  onImportIcs,
  importBusy,
}: PolicySectionProps & { onImportIcs: (text: string) => Promise<ImportAnswer | undefined>; importBusy: boolean }) {
  const holidays = policy.serviceHours.holidays;
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const [pasted, setPasted] = useState('');
  const [report, setReport] = useState<{ added: number; known: number; skipped: ImportAnswer['skipped'] } | null>(null);

  function add(): void {
    change((d) => {
      d.serviceHours.holidays = [...d.serviceHours.holidays, { date, name: name.trim() }].sort((a, b) => a.date.localeCompare(b.date));
    });
    setDate('');
    setName('');
  }

  async function importText(text: string): Promise<void> {
    const answer = await onImportIcs(text);
    if (!answer) return;
    const known = new Set(holidays.map((h) => h.date));
    const fresh = answer.holidays.filter((h) => !known.has(h.date));
    change((d) => {
      const dates = new Set(d.serviceHours.holidays.map((h) => h.date));
      d.serviceHours.holidays = [...d.serviceHours.holidays, ...answer.holidays.filter((h) => !dates.has(h.date))].sort((a, b) => a.date.localeCompare(b.date));
    });
    setReport({ added: fresh.length, known: answer.holidays.length - fresh.length, skipped: answer.skipped });
    setPasted('');
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>): Promise<void> {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    await importText(await file.text());
  }

  return (
    <div className="sd-stack" data-testid="sd-holidays">
      <h4 className="sd-subheading">Holidays ({holidays.length})</h4>
      {holidays.length === 0 ? (
        <p className="sd-empty">No holidays: service hours apply every week of the year.</p>
      ) : (
        <table className="sd-table sd-narrow" data-testid="sd-holidays-list">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Name</th>
              <th scope="col">
                <span className="sd-visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {holidays.map((h, i) => (
              <tr key={`${h.date}:${i}`} data-testid={`sd-holiday-${h.date}`}>
                <td className="sd-nowrap">
                  {formatDay(h.date)}
                  <FieldIssues issues={issuesAt(issues, `serviceHours.holidays.${i}`)} />
                </td>
                <td>{h.name || <span className="sd-subtlest">(no name)</span>}</td>
                <td>
                  <Button appearance="subtle" spacing="compact" isDisabled={disabled} aria-label={`Remove the holiday on ${h.date}`} onClick={() => change((d) => (d.serviceHours.holidays = d.serviceHours.holidays.filter((_, j) => j !== i)))}>
                    Remove
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <form
        className="sd-inline-form"
        aria-label="Add a holiday"
        onSubmit={(e) => {
          e.preventDefault();
          if (date) add();
        }}
      >
        <div className="sd-field">
          <Label htmlFor="sd-holiday-date">Date</Label>
          <Textfield id="sd-holiday-date" testId="sd-holiday-date" type="date" isCompact isDisabled={disabled} value={date} onChange={(e) => setDate(e.currentTarget.value)} />
        </div>
        <div className="sd-field">
          <Label htmlFor="sd-holiday-name">Name</Label>
          <Textfield id="sd-holiday-name" testId="sd-holiday-name" isCompact isDisabled={disabled} value={name} placeholder="e.g. New Year's Day" onChange={(e) => setName(e.currentTarget.value)} />
        </div>
        <Button type="submit" testId="sd-holiday-add" isDisabled={disabled || date === ''}>
          Add holiday
        </Button>
      </form>

      <details className="sd-details" data-testid="sd-ics-import">
        <summary>Import holidays from a calendar file (.ics)</summary>
        <div className="sd-stack">
          <div className="sd-field">
            <Label htmlFor="sd-ics-file">Calendar file</Label>
            <input id="sd-ics-file" data-testid="sd-ics-file" type="file" accept=".ics,text/calendar" disabled={disabled || importBusy} onChange={(e) => void onFile(e)} />
          </div>
          <div className="sd-field">
            <Label htmlFor="sd-ics-text" hint="(or paste its contents)">Calendar text</Label>
            <TextArea id="sd-ics-text" testId="sd-ics-text" minimumRows={3} resize="vertical" isMonospaced isDisabled={disabled || importBusy} value={pasted} placeholder="BEGIN:VCALENDAR…" onChange={(e) => setPasted(e.target.value)} />
          </div>
          <div>
            <Button testId="sd-ics-import-button" isDisabled={disabled || importBusy || pasted.trim() === ''} onClick={() => void importText(pasted)}>
              {importBusy ? 'Importing…' : 'Import pasted calendar'}
            </Button>
          </div>
          {report ? (
            <div role="status" data-testid="sd-ics-report">
              <p style={{ margin: 0 }}>
                Added {report.added} holiday(s){report.known > 0 ? `; ${report.known} were already listed` : ''}. Save the draft to keep them.
              </p>
              {report.skipped.length > 0 ? (
                <>
                  <p style={{ margin: 0 }}>Skipped {report.skipped.length} line(s):</p>
                  <ul className="sd-bullets" data-testid="sd-ics-skipped">
                    {report.skipped.map((s) => (
                      <li key={`${s.line}:${s.reason}`}>
                        Line {s.line}: {s.reason}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </div>
          ) : null}
        </div>
      </details>
    </div>
  );
}
