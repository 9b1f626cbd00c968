import './schedule.css';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { shiftAnchor, todayIn, viewRange, weekDays, type CalendarView } from '@contract/schedule';
import { useCallback, useEffect, useState } from 'react';
import { getAppContext } from '../../api';
import { viewerLocale } from '../../admin/format';
import { AdminError, DoneNote } from '../../admin/ui/AdminError';
import { useAdminCall } from '../../admin/useAdminCall';
import { MonthView, WeekView } from './CalendarViews';
import { PeriodForm, describePeriod } from './PeriodEditor';
import { approveSchedule, dateTimeOf, dayLabel, exportIcs, loadSchedule, monthTitle, saveSchedule, zoneOr, type ScheduleContent, type ScheduleView, type SchedulePeriodSpec } from './scheduleApi';

const STATUS_APPEARANCE: Record<string, 'success' | 'inprogress' | 'new'> = { Approved: 'success', Updated: 'inprogress', Initial: 'new' };

/** Downloads text as a file: a blob URL on an anchor with `download` (works inside the app's iframe in Chromium). */
function download(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A D17 finding in words, its times in the viewer's zone. */
function findingText(key: string, type: string | null, f: ScheduleView['changes'][number]['findings'][number], timeZone: string, locale?: string): string {
  const span = `${dateTimeOf(f.interval.start, timeZone, locale)} – ${dateTimeOf(f.interval.end, timeZone, locale)}`;
  const tail = f.severity === 'warning' ? ' An emergency change may go ahead; the warning is recorded.' : ` A ${type === 'Pre-approved' ? 'pre-approved' : 'normal'} change is refused at approval and scheduling until it is moved.`;
  if (f.kind === 'freeze') return `${key} is planned inside the freeze “${f.periodName ?? 'freeze'}” (${span}).${tail}`;
  if (f.kind === 'outside-window') return `${key} is planned outside every change or maintenance window (${span}).${tail}`;
  return `${key}: the planned end is not after the planned start.`;
}

function Legend() {
  return (
    <ul className="sd-sch-legend" aria-label="Legend" data-testid="sd-sch-legend">
      <li><span className="sd-sch-swatch sd-sch-type-normal" /> Normal change</li>
      <li><span className="sd-sch-swatch sd-sch-type-emergency" /> Emergency change</li>
      <li><span className="sd-sch-swatch sd-sch-type-preapproved" /> Pre-approved change</li>
      <li><span className="sd-sch-swatch sd-sch-type-normal sd-sch-state-draft" /> Not yet approved (dashed)</li>
      <li><span className="sd-sch-swatch sd-sch-type-normal sd-sch-state-done" /> Done (pale)</li>
      <li><span className="sd-sch-swatch sd-sch-frozen" /> Freeze</li>
      <li><span className="sd-sch-swatch sd-sch-window" /> Change or maintenance window</li>
      <li><span aria-hidden="true">⚠</span> Conflict or outside the rules</li>
    </ul>
  );
}

/**
 * The "Change schedule" tab of the service team's page (WP.12; CO.2.2; D17, D21): month and week calendars of the
 * changes planned and the windows and freezes, the period editor (CM or SM) with Save and Approve, and an .ics export.
 */
export function ScheduleTab() {
  const [ctx, setCtx] = useState<{ timeZone: string; siteUrl: string } | null>(null);
  const [calendar, setCalendar] = useState<CalendarView>('month');
  const [anchor, setAnchor] = useState<string | null>(null);
  const [data, setData] = useState<ScheduleView | null>(null);
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  const [draft, setDraft] = useState<ScheduleContent | null>(null);
  const [editing, setEditing] = useState<{ index: number | null } | null>(null);
  const call = useAdminCall();
  const locale = viewerLocale();

  useEffect(() => {
    getAppContext().then(
      (c) => setCtx({ timeZone: zoneOr(c.timezone), siteUrl: c.siteUrl }),
      () => setCtx({ timeZone: zoneOr(null), siteUrl: '' }),
    );
  }, []);
  const timeZone = ctx?.timeZone ?? 'UTC';
  const today = ctx ? todayIn(timeZone, Date.now()) : null;
  useEffect(() => {
    if (today && anchor === null) setAnchor(today);
  }, [today, anchor]);

  const reload = useCallback(async () => {
    if (!ctx || !anchor) return;
    const range = viewRange(calendar, ctx.timeZone, anchor);
    setLoadProblem(null);
    try {
      const fresh = await loadSchedule(range.from, range.to, calendar);
      setData(fresh);
    } catch (e) {
      setLoadProblem(e instanceof Error ? e.message : 'The change schedule could not be loaded.');
    }
  }, [ctx, anchor, calendar]);
  useEffect(() => {
    void reload();
  }, [reload]);

  if (!ctx || !anchor || !today) return <Spinner label="Loading the change schedule" />;
  const doc = data?.document ?? null;
  const content = draft ?? doc?.content ?? { periods: [] };
  const mayEdit = data?.permissions.edit.allowed ?? false;
  const mayApprove = data?.permissions.approve.allowed ?? false;
  const nameOf = (id: string) => data?.people.find((p) => p.accountId === id)?.displayName ?? id;
  const title = calendar === 'month' ? monthTitle(anchor, locale) : (() => { const d = weekDays(timeZone, anchor); return `${dayLabel(d[0]!.date, locale, 'long')} – ${dayLabel(d[6]!.date, locale, 'long')}`; })();

  const keep = (p: SchedulePeriodSpec) => {
    const periods = [...content.periods];
    if (editing?.index === null || editing?.index === undefined) periods.push(p);
    else periods[editing.index] = p;
    setDraft({ periods });
    setEditing(null);
  };
  const save = () => void call.run('Saving the schedule…', () => saveSchedule(content, doc?.version ?? null), (d) => `Saved as version ${d.version} (${d.status}).`).then((d) => {
    if (d) {
      setDraft(null);
      void reload();
    }
  });
  const approve = () => doc && void call.run('Approving…', () => approveSchedule(doc.version), (d) => `Version ${d.version} approved.`).then((d) => {
    if (d) void reload();
  });
  const ics = () => {
    const range = viewRange(calendar, timeZone, anchor);
    void call.run('Preparing the calendar file…', () => exportIcs(range.from, range.to), (r) => `Downloaded ${r.events} event${r.events === 1 ? '' : 's'} as ${r.filename}.`).then((r) => {
      if (r) download(r.filename, r.text);
    });
  };

  return (
    <div className="sd-sch" data-testid="sd-schedule">
      <section className="sd-section" aria-labelledby="sd-sch-cal-title">
        <div className="sd-sch-toolbar">
          <h2 id="sd-sch-cal-title" className="sd-section-title" data-testid="sd-sch-title">{title}</h2>
          <div className="sd-sch-buttons" role="group" aria-label="Navigate">
            <Button onClick={() => setAnchor(shiftAnchor(calendar, anchor, -1))} testId="sd-sch-prev">Previous</Button>
            <Button onClick={() => setAnchor(today)} testId="sd-sch-today">Today</Button>
            <Button onClick={() => setAnchor(shiftAnchor(calendar, anchor, 1))} testId="sd-sch-next">Next</Button>
          </div>
          <div className="sd-sch-buttons" role="group" aria-label="View">
            <Button isSelected={calendar === 'month'} aria-pressed={calendar === 'month'} onClick={() => setCalendar('month')} testId="sd-sch-view-month">Month</Button>
            <Button isSelected={calendar === 'week'} aria-pressed={calendar === 'week'} onClick={() => setCalendar('week')} testId="sd-sch-view-week">Week</Button>
          </div>
          <Button onClick={ics} testId="sd-sch-ics">Download .ics</Button>
        </div>
        <p className="sd-muted">Times in {timeZone}.{call.busy ? <span role="status"> {call.busy}</span> : null}</p>
        {loadProblem ? <SectionMessage appearance="error" title="The change schedule could not be loaded"><p>{loadProblem}</p><Button onClick={() => void reload()}>Try again</Button></SectionMessage> : null}
        {data?.changesProblem ? <SectionMessage appearance="warning" title="Changes not shown"><p>{data.changesProblem}</p></SectionMessage> : null}
        {!data && !loadProblem ? <Spinner label="Loading the calendar" /> : null}
        {data ? (
          <>
            {calendar === 'month'
              ? <MonthView data={data} anchor={anchor} timeZone={timeZone} today={today} siteUrl={ctx.siteUrl} locale={locale} />
              : <WeekView data={data} anchor={anchor} timeZone={timeZone} today={today} siteUrl={ctx.siteUrl} locale={locale} />}
            <Legend />
            {data.changes.length === 0 && data.periods.length === 0 ? <p className="sd-muted" data-testid="sd-sch-empty">Nothing is planned in this period: no changes, windows or freezes.</p> : null}
            {data.changes.some((c) => c.conflicts.length || c.findings.length) ? (
              <ul className="sd-sch-flags" aria-label="Conflicts and findings" data-testid="sd-sch-flags">
                {data.changes.flatMap((c) => [
                  ...c.conflicts.map((x) => <li key={`${c.key}-${x.otherKey}`}>⚠ {c.key} overlaps {x.otherKey} on {[...x.cis, ...x.services].join(', ')}.</li>),
                  ...c.findings.map((f, i) => (
                    <li key={`${c.key}-f${i}`}>
                      <strong>{f.severity === 'refusal' ? 'Not allowed:' : 'Warning:'}</strong> {findingText(c.key, c.changeType, f, timeZone, locale)}{' '}
                      <span className="sd-hint">Why? {f.rules.join(', ')}</span>
                    </li>
                  )),
                ])}
              </ul>
            ) : null}
          </>
        ) : null}
      </section>

      <section className="sd-section" aria-labelledby="sd-sch-periods-title" data-testid="sd-sch-periods">
        <div className="sd-sch-toolbar">
          <h2 id="sd-sch-periods-title" className="sd-section-title">Windows and freezes</h2>
          {doc ? (
            <span data-testid="sd-sch-status">
              Version {doc.version} <Lozenge appearance={STATUS_APPEARANCE[doc.status] ?? 'default'}>{doc.status}</Lozenge>
            </span>
          ) : <span className="sd-muted" data-testid="sd-sch-status">Not saved yet</span>}
        </div>
        {doc ? (
          <p className="sd-muted" data-testid="sd-sch-approval">
            Saved by {nameOf(doc.savedBy)} on {dateTimeOf(Date.parse(doc.savedAt), timeZone, locale)}.{' '}
            {doc.approval ? `Approved by ${nameOf(doc.approval.by)} on ${dateTimeOf(Date.parse(doc.approval.at), timeZone, locale)}.`
              : doc.approvals[0] ? `Last approved: version ${doc.approvals[0].version}, by ${nameOf(doc.approvals[0].by)} on ${dateTimeOf(Date.parse(doc.approvals[0].at), timeZone, locale)}; this version awaits approval.`
                : 'Not approved yet.'}
          </p>
        ) : null}
        {call.problem ? <AdminError problem={call.problem} onDismiss={call.dismiss} onReload={() => { setDraft(null); void reload(); }} /> : null}
        <DoneNote text={call.done} testId="sd-sch-done" />
        {content.periods.length === 0 ? <p className="sd-muted">No windows or freezes yet. {mayEdit ? 'Add the change windows your customers agreed to, and the freezes around their key business events.' : ''}</p> : (
          <ul className="sd-sch-list">
            {content.periods.map((p, i) => (
              <li key={p.id} data-testid={`sd-sch-item-${i}`}>
                <span className={`sd-sch-swatch ${p.kind === 'freeze' ? 'sd-sch-frozen' : 'sd-sch-window'}`} />
                <span className="sd-sch-list-text"><strong>{p.name}</strong> · {p.kind === 'freeze' ? 'Freeze' : p.kind === 'change-window' ? 'Change window' : 'Maintenance window'} · {describePeriod(p, timeZone, locale)}{p.reason ? ` · ${p.reason}` : ''}</span>
                {mayEdit ? (
                  <span className="sd-sch-buttons">
                    <Button spacing="compact" onClick={() => setEditing({ index: i })}>Edit</Button>
                    <Button spacing="compact" onClick={() => setDraft({ periods: content.periods.filter((_, j) => j !== i) })}>Remove</Button>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {editing ? (
          <PeriodForm key={editing.index ?? 'new'} period={editing.index === null ? null : content.periods[editing.index] ?? null} timeZone={timeZone} today={anchor} locale={locale} onKeep={keep} onCancel={() => setEditing(null)} />
        ) : null}
        {mayEdit || mayApprove ? (
          <div className="sd-sch-actions">
            {mayEdit && !editing ? <Button onClick={() => setEditing({ index: null })} testId="sd-sch-add">Add a window or freeze</Button> : null}
            {mayEdit ? <Button appearance="primary" isDisabled={!draft || !!call.busy} onClick={save} testId="sd-sch-save">Save</Button> : null}
            {draft ? <Button onClick={() => setDraft(null)}>Discard edits</Button> : null}
            {mayApprove && doc && doc.status !== 'Approved' && !draft ? <Button appearance="primary" onClick={approve} testId="sd-sch-approve">Approve version {doc.version}</Button> : null}
          </div>
        ) : <p className="sd-muted">The Control Manager or the Service Manager keep this schedule.</p>}
        {draft ? <p className="sd-muted" role="status">You have unsaved edits.</p> : null}
        <p className="sd-hint">Why? WP.12 service change schedule (CO.2.2); windows, maintenance windows and freezes D17; versions Initial → Approved → Updated D21; audit trail D23.</p>
      </section>
    </div>
  );
}
