import { dayCoverage, layoutMonth, layoutWeekTimes, weekDays, type CalendarDay } from '@contract/schedule';
import type { MouseEvent } from 'react';
import { router } from '@forge/bridge';
import { changeClasses, changeTitle, periodClasses } from './Bars';
import { dayLabel, timeOf, type ScheduleView, type ScheduledChangeView } from './scheduleApi';

interface Props {
  data: ScheduleView;
  anchor: string;
  timeZone: string;
  today: string;
  siteUrl: string;
  locale?: string;
}

/** Monday … Sunday, short, in the viewer's language (2024-01-01 was a Monday). */
const weekdayHeaders = (locale?: string): string[] => Array.from({ length: 7 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i, 12)).toLocaleDateString(locale, { weekday: 'short', timeZone: 'UTC' }));

/** Opens the change in Jira: the host navigates (a modified click opens a new tab), the href stays honest. */
function ChangeLink({ change, siteUrl, className, title, children, style }: { change: ScheduledChangeView; siteUrl: string; className: string; title: string; children: React.ReactNode; style?: React.CSSProperties }) {
  const path = `/browse/${encodeURIComponent(change.key)}`;
  const follow = (event: MouseEvent<HTMLAnchorElement>): void => {
    event.preventDefault();
    const newTab = event.metaKey || event.ctrlKey || event.shiftKey || event.button === 1;
    (newTab ? router.open(path) : router.navigate(path)).catch(() => undefined);
  };
  return (
    <a className={className} href={`${siteUrl.replace(/\/+$/, '')}${path}`} onClick={follow} title={title} aria-label={title} style={style} data-testid={`sd-sch-change-${change.key}`}>
      {children}
    </a>
  );
}

function cellClasses(day: CalendarDay, today: string, freezes: string[], windows: string[]): string {
  return ['sd-sch-cell', day.inMonth ? '' : 'sd-sch-out', day.date === today ? 'sd-sch-today' : '', freezes.length ? 'sd-sch-frozen' : '', windows.length ? 'sd-sch-window' : ''].filter(Boolean).join(' ');
}

export function MonthView({ data, anchor, timeZone, today, siteUrl, locale }: Props) {
  const freezes = data.periods.filter((p) => p.kind === 'freeze');
  const windows = data.periods.filter((p) => p.kind !== 'freeze');
  const items = [
    ...freezes.map((p) => ({ id: `p:${p.id}`, start: p.start, end: p.end })),
    ...data.changes.map((c) => ({ id: `c:${c.key}`, start: c.plannedStart, end: c.plannedEnd })),
  ];
  const rows = layoutMonth(timeZone, anchor, items);
  const change = new Map(data.changes.map((c) => [`c:${c.key}`, c]));
  const period = new Map(freezes.map((p) => [`p:${p.id}`, p]));
  return (
    <div className="sd-sch-month" role="region" aria-label="Month calendar" data-testid="sd-sch-month">
      <div className="sd-sch-weekheader">
        {weekdayHeaders(locale).map((d) => (
          <div key={d} className="sd-sch-weekday">{d}</div>
        ))}
      </div>
      {rows.map((row) => {
        const frozen = dayCoverage(row.days, freezes);
        const tinted = dayCoverage(row.days, windows);
        return (
          <div key={row.days[0]!.date} className="sd-sch-week" style={{ gridTemplateRows: `auto repeat(${row.lanes}, 22px) 6px` }}>
            {row.days.map((day, i) => (
              <div
                key={day.date}
                className={cellClasses(day, today, frozen[i]!, tinted[i]!)}
                style={{ gridColumn: i + 1 }}
                data-testid={`sd-sch-day-${day.date}`}
                data-frozen={frozen[i]!.length ? 'true' : undefined}
                title={[...frozen[i]!, ...tinted[i]!].map((id) => data.periods.find((p) => p.id === id)?.name).filter(Boolean).join(' · ') || undefined}
              >
                <span className="sd-sch-daynum">{dayLabel(day.date, locale)}</span>
              </div>
            ))}
            {row.bars.map((bar) => {
              const style = { gridColumn: `${bar.startCol + 1} / span ${bar.span}`, gridRow: bar.lane + 2 };
              const cont = `${bar.continuesBefore ? ' sd-sch-cont-before' : ''}${bar.continuesAfter ? ' sd-sch-cont-after' : ''}`;
              const c = change.get(bar.id);
              if (c) {
                const when = `${timeOf(c.plannedStart, timeZone, locale)}–${timeOf(c.plannedEnd, timeZone, locale)}`;
                return (
                  <ChangeLink key={bar.id} change={c} siteUrl={siteUrl} className={`${changeClasses(c)}${cont}`} title={changeTitle(c, when)} style={style}>
                    <span className="sd-sch-bar-text">{c.conflicts.length ? '⚠ ' : ''}{c.key} {c.summary}</span>
                  </ChangeLink>
                );
              }
              const p = period.get(bar.id);
              if (!p) return null;
              return (
                <div key={bar.id} className={`${periodClasses(p)}${cont}`} style={style} title={`${p.name}${p.reason ? ` · ${p.reason}` : ''}`} data-testid={`sd-sch-period-${p.periodId}`}>
                  <span className="sd-sch-bar-text">Freeze: {p.name}</span>
                </div>
              );
            })}
          </div>
        );
      })}
    </div>
  );
}

const HOURS = Array.from({ length: 24 }, (_, h) => h);

export function WeekView({ data, anchor, timeZone, today, siteUrl, locale }: Props) {
  const days = weekDays(timeZone, anchor);
  const periodPieces = layoutWeekTimes(days, data.periods.map((p) => ({ id: p.id, start: p.start, end: p.end })), 0);
  const changePieces = layoutWeekTimes(days, data.changes.map((c) => ({ id: c.key, start: c.plannedStart, end: c.plannedEnd })), 0.045);
  const change = new Map(data.changes.map((c) => [c.key, c]));
  const period = new Map(data.periods.map((p) => [p.id, p]));
  return (
    <div className="sd-sch-weekview" role="region" aria-label="Week calendar" data-testid="sd-sch-week">
      <div className="sd-sch-wv-head">
        <div className="sd-sch-wv-corner" aria-hidden="true" />
        {days.map((d) => (
          <div key={d.date} className={`sd-sch-wv-day${d.date === today ? ' sd-sch-today' : ''}`}>{dayLabel(d.date, locale, 'long')}</div>
        ))}
      </div>
      <div className="sd-sch-wv-body">
        <div className="sd-sch-wv-hours" aria-hidden="true">
          {HOURS.filter((h) => h % 3 === 0).map((h) => (
            <span key={h} style={{ top: `${(h / 24) * 100}%` }}>{String(h).padStart(2, '0')}:00</span>
          ))}
        </div>
        {days.map((d, dayIndex) => (
          <div key={d.date} className="sd-sch-wv-col" data-testid={`sd-sch-wv-${d.date}`}>
            {periodPieces.filter((x) => x.dayIndex === dayIndex).map((x) => {
              const p = period.get(x.id)!;
              return (
                <div key={`${x.id}-${dayIndex}`} className={`sd-sch-wv-period sd-sch-kind-${p.kind}`} style={{ top: `${x.top * 100}%`, height: `${x.height * 100}%` }} title={`${p.name}${p.reason ? ` · ${p.reason}` : ''}`} data-testid={`sd-sch-wv-period-${p.periodId}`} />
              );
            })}
            {changePieces.filter((x) => x.dayIndex === dayIndex).map((x) => {
              const c = change.get(x.id)!;
              const when = `${timeOf(c.plannedStart, timeZone, locale)}–${timeOf(c.plannedEnd, timeZone, locale)}`;
              return (
                <ChangeLink key={`${x.id}-${dayIndex}`} change={c} siteUrl={siteUrl} className={`${changeClasses(c)} sd-sch-wv-item`} title={changeTitle(c, when)}
                  style={{ top: `${x.top * 100}%`, height: `${x.height * 100}%`, left: `${(x.lane / x.lanes) * 100}%`, width: `${100 / x.lanes}%` }}>
                  <span className="sd-sch-bar-text">{c.conflicts.length ? '⚠ ' : ''}{c.key} {when}</span>
                </ChangeLink>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
