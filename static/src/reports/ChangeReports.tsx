/**
 * "Change reports" on the project page (issue #13 "Reports"; REQUIREMENTS §7 MET-35, MET-36, MET-38 / RPT-17,
 * CHG-09, MET-41; D22, D26). A lazily loaded chunk, loaded when the "Changes" tab is first opened: the period, the
 * figures of `reports.changes`, plain SVG charts, tables and CSV exports built in the browser from the same pure
 * domain functions the server uses (src/domain/change-report.ts).
 */
import './reports.css';
import './change-reports.css';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  CHANGE_OUTCOME_WORDS, CHANGE_TYPE_WORDS, changeReportCsv, changeRowsCsv,
  type ChangeFigures, type ChangeReportOutcome, type ChangeReportsView, type ChangeRow,
} from '@contract/change-reports';
import type { PayloadIn } from '@contract/functions';
import { callFunction, messageOf } from '../api';
import { ErrorState, Loading } from '../components/States';
import { OutcomeByTypeChart, RateChart, TypeMixChart } from './change-charts';
import { lastThirtyDays, parseUtcDate, percent, plural, viewerDateTime } from './format';
import type { ViewerTime } from './IncidentReports';

type ChangeReportsRequest = PayloadIn<'reports.changes'>;

const loadChangeReports = (request: ChangeReportsRequest): Promise<ChangeReportsView> => callFunction('reports.changes', { ...request });

type State =
  | { status: 'loading'; request: ChangeReportsRequest }
  | { status: 'error'; message: string; request: ChangeReportsRequest }
  | { status: 'ready'; view: ChangeReportsView };

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function decimal(value: number, digits: number): string {
  const fixed = value.toFixed(digits);
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

/** A calendar duration as people read it: "5.5 h" below two days, else "3.2 days"; "—" for none. */
export function calendarDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 2 * DAY_MS) return `${decimal(ms / HOUR_MS, 1)} h`;
  return `${decimal(ms / DAY_MS, 1)} days`;
}

/** Whole days waited, e.g. "0 days", "1 day", "12 days". */
function daysWaited(ms: number): string {
  return plural(Math.floor(ms / DAY_MS), 'day');
}

/** `change-report-SD-2027-03-01-to-2027-03-30.csv` (summary) / `changes-…` (per change). */
function csvFileName(kind: 'summary' | 'changes', projectKey: string, from: string, to: string): string {
  const key = projectKey.replace(/[^A-Za-z0-9_-]/g, '_');
  return `${kind === 'summary' ? 'change-report' : 'changes'}-${key}-${from}-to-${to}.csv`;
}

/** A Blob URL for a CSV text (UTF-8 with a byte order mark, so spreadsheets read accents), revoked when it changes. */
function useCsvUrl(text: string | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (text === null) return undefined;
    const created = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
    setUrl(created);
    return () => {
      URL.revokeObjectURL(created);
      setUrl(null);
    };
  }, [text]);
  return url;
}

function periodProblem(form: ChangeReportsRequest): { field: 'from' | 'to'; message: string } | null {
  const from = parseUtcDate(form.from);
  const to = parseUtcDate(form.to);
  if (from === null) return { field: 'from', message: 'Enter the first day of the period (YYYY-MM-DD).' };
  if (to === null) return { field: 'to', message: 'Enter the last day of the period (YYYY-MM-DD).' };
  if (to < from) return { field: 'to', message: 'The last day must not be before the first day.' };
  return null;
}

export default function ChangeReports({ projectKey, viewer, serverNow }: { projectKey: string; viewer: ViewerTime; serverNow: string }) {
  const ids = useId();
  const [form, setForm] = useState<ChangeReportsRequest>(() => lastThirtyDays(Date.parse(serverNow), viewer.timeZone));
  const [state, setState] = useState<State>(() => ({ status: 'loading', request: form }));
  const [problem, setProblem] = useState<ReturnType<typeof periodProblem>>(null);
  const latest = useRef(0);

  const run = useCallback((request: ChangeReportsRequest) => {
    const attempt = ++latest.current;
    setState({ status: 'loading', request });
    loadChangeReports(request).then(
      (view) => { if (latest.current === attempt) setState({ status: 'ready', view }); },
      (error: unknown) => { if (latest.current === attempt) setState({ status: 'error', message: messageOf(error), request }); },
    );
  }, []);

  useEffect(() => {
    if (state.status === 'loading') run(state.request);
    return () => {
      latest.current += 1; // ignore answers that arrive after unmount
    };
    // Runs once: the first report is the default period's (the last 30 days).
  }, []);

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const found = periodProblem(form);
    setProblem(found);
    if (found) {
      document.getElementById(`${ids}-${found.field}`)?.focus();
      return;
    }
    run({ from: form.from, to: form.to });
  };

  const zone = state.status === 'ready' ? state.view.timeZone : null;
  const busy = state.status === 'loading';
  const problemId = `${ids}-period-problem`;

  return (
    <section aria-labelledby="sd-change-reports-title" data-testid="sd-change-reports" className="sd-rep sd-stack">
      <header className="sd-rep-header">
        <h2 id="sd-change-reports-title" style={{ font: token('font.heading.small'), margin: 0 }}>
          Change reports
        </h2>
        <p className="sd-rep-muted">
          How this project’s changes went: types and outcomes, success rate, emergency changes, changes that caused incidents, lead
          time, and what still waits for approval.
        </p>
      </header>

      <form className="sd-rep-form" onSubmit={submit} aria-label="Change report period" noValidate>
        {(['from', 'to'] as const).map((field) => (
          <div className="sd-rep-field" key={field}>
            <label className="sd-field-label" htmlFor={`${ids}-${field}`}>{field === 'from' ? 'From' : 'To (included)'}</label>
            <input
              id={`${ids}-${field}`}
              data-testid={`sd-change-reports-${field}`}
              className="sd-select"
              type="date"
              required
              value={form[field]}
              aria-invalid={problem?.field === field ? true : undefined}
              aria-describedby={`${ids}-days${problem?.field === field ? ` ${problemId}` : ''}`}
              onChange={(e) => setForm((f) => ({ ...f, [field]: e.target.value }))}
            />
          </div>
        ))}
        <div className="sd-rep-field">
          <Button type="submit" appearance="primary" isLoading={busy} testId="sd-change-reports-show">
            Show
          </Button>
        </div>
        <p id={`${ids}-days`} className="sd-rep-hint sd-rep-form-hint" data-testid="sd-change-reports-days">
          Both dates included. Days are the service’s{zone ? ` (${zone})` : ''}; times are shown in your time zone{viewer.timeZone ? ` (${viewer.timeZone})` : ''}.
        </p>
        {problem ? (
          <p id={problemId} role="alert" className="sd-rep-problem" data-testid="sd-change-reports-period-problem">
            {problem.message}
          </p>
        ) : null}
      </form>

      <div aria-busy={busy}>
        {state.status === 'loading' ? <Loading label="Loading the change report" /> : null}
        {state.status === 'error' ? (
          <ErrorState title="The change report could not be produced" message={state.message} onRetry={() => run(state.request)} />
        ) : null}
        {state.status === 'ready' ? <ReportView view={state.view} projectKey={projectKey} viewer={viewer} /> : null}
      </div>
    </section>
  );
}

function ReportView({ view, projectKey, viewer }: { view: ChangeReportsView; projectKey: string; viewer: ViewerTime }) {
  const { report } = view;
  const key = view.project.key || projectKey;
  const empty = report.rows.length === 0;
  return (
    <div className="sd-rep-body sd-stack" data-testid="sd-change-reports-result">
      <p className="sd-rep-muted" data-testid="sd-change-reports-scope" role="status">
        {key} · {view.from} to {view.to} · {plural(report.overall.raised, 'change')} raised · {plural(report.overall.implemented, 'change')} implemented
      </p>
      {!view.changeTypeField ? (
        <p className="sd-rep-notice" data-testid="sd-change-reports-no-type-field">
          This site has no change type field the report can read, so every change counts as Normal. An administrator can add it with the setup wizard.
        </p>
      ) : report.typeNotSet > 0 ? (
        <p className="sd-rep-hint" data-testid="sd-change-reports-type-not-set">
          {plural(report.typeNotSet, 'change')} raised in the period {report.typeNotSet === 1 ? 'has' : 'have'} no change type set and {report.typeNotSet === 1 ? 'counts' : 'count'} as Normal.
        </p>
      ) : null}

      {empty ? (
        <p className="sd-rep-empty" data-testid="sd-change-reports-empty">
          No changes in this period.
        </p>
      ) : (
        <>
          <Tiles view={view} />
          <div className="sd-rep-charts">
            <OutcomeByTypeChart id="sd-change-reports-outcomes" byType={report.byType} />
            <RateChart
              id="sd-change-reports-success"
              caption="Success rate of the changes implemented (reviewed ones only)"
              none="no reviewed change"
              rows={[{ key: 'all', label: 'All types', ratio: report.overall.successRate }, ...report.byType.map((t) => ({ key: t.type, label: CHANGE_TYPE_WORDS[t.type], ratio: t.successRate }))]}
            />
            <TypeMixChart id="sd-change-reports-mix" byType={report.byType} emergencyShare={report.overall.emergencyShare} />
          </div>
          <ByTypeTables view={view} />
          <ChangeTable rows={report.rows} viewer={viewer} />
        </>
      )}
      <Backlog view={view} viewer={viewer} />
      <Downloads view={view} projectKey={key} />
      <Method />
    </div>
  );
}

function Tile({ testId, label, value, unit, children }: { testId: string; label: string; value: string; unit?: string; children: ReactNode }) {
  return (
    <li className="sd-rep-tile" data-testid={testId}>
      <span className="sd-rep-tile-label">{label}</span>
      <span className="sd-rep-tile-value" data-testid={`${testId}-value`}>
        {value}
        {value !== '—' && unit ? <span className="sd-rep-tile-unit">{unit === '%' ? '%' : ` ${unit}`}</span> : null}
      </span>
      <span className="sd-rep-tile-detail">{children}</span>
    </li>
  );
}

function Tiles({ view }: { view: ChangeReportsView }) {
  const { overall, backlog } = view.report;
  return (
    <ul className="sd-rep-tiles" aria-label="Key figures">
      <Tile testId="sd-change-reports-kpi-raised" label="Changes raised" value={String(overall.raised)}>
        {`${overall.outcomes.rejected} rejected · ${overall.outcomes['in-progress']} in progress`}
      </Tile>
      <Tile testId="sd-change-reports-kpi-success" label="Success rate" value={percent(overall.successRate.percent)} unit="%">
        {overall.successRate.denominator === 0
          ? 'No change implemented in this period has a recorded outcome.'
          : `${overall.successRate.numerator} of ${plural(overall.successRate.denominator, 'reviewed change')} · ${percent(overall.failedRate.percent)}% failed or backed out`}
      </Tile>
      <Tile testId="sd-change-reports-kpi-emergency" label="Emergency changes" value={percent(overall.emergencyShare.percent)} unit="%">
        {overall.emergencyShare.denominator === 0 ? 'No change was raised in this period.' : `${overall.emergencyShare.numerator} of ${plural(overall.emergencyShare.denominator, 'change')} raised`}
      </Tile>
      <Tile testId="sd-change-reports-kpi-caused" label="Caused incidents" value={percent(overall.causedIncidents.percent)} unit="%">
        {overall.causedIncidents.denominator === 0
          ? 'No change was implemented in this period.'
          : `${overall.causedIncidents.numerator} of ${plural(overall.causedIncidents.denominator, 'implemented change')}`}
      </Tile>
      <Tile testId="sd-change-reports-kpi-lead-time" label="Mean lead time" value={calendarDuration(overall.leadTime.meanMs)}>
        {overall.leadTime.count === 0 ? 'No change was deployed in this period.' : `Median ${calendarDuration(overall.leadTime.medianMs)} · ${plural(overall.leadTime.count, 'change')} deployed`}
      </Tile>
      <Tile testId="sd-change-reports-kpi-backlog" label="Awaiting approval now" value={String(backlog.count)}>
        {backlog.count === 0 ? 'Nothing waits for approval.' : `Oldest waiting ${daysWaited(backlog.age.maxMs ?? 0)}`}
      </Tile>
    </ul>
  );
}

function ByTypeTables({ view }: { view: ChangeReportsView }) {
  const { byType, overall } = view.report;
  const all: ChangeFigures & { label: string; key: string } = { ...overall, label: 'All types', key: 'all' };
  const rows = [...byType.map((t) => ({ ...t, label: CHANGE_TYPE_WORDS[t.type], key: t.type })), all];
  return (
    <>
      <figure className="sd-rep-figure" data-testid="sd-change-reports-by-type" aria-labelledby="sd-change-reports-by-type-caption">
        <figcaption id="sd-change-reports-by-type-caption" className="sd-rep-figcaption">
          Changes raised in the period, by type
        </figcaption>
        <div className="sd-rep-table-wrap" tabIndex={0} role="region" aria-labelledby="sd-change-reports-by-type-caption">
          <table className="sd-table sd-rep-trend">
            <thead>
              <tr>
                <th scope="col" className="sd-rep-sticky">Type</th>
                <th scope="col" className="sd-num">Raised</th>
                <th scope="col" className="sd-num">In progress</th>
                <th scope="col" className="sd-num">Successful</th>
                <th scope="col" className="sd-num">Failed</th>
                <th scope="col" className="sd-num">Backed out</th>
                <th scope="col" className="sd-num">Rejected</th>
                <th scope="col" className="sd-num">Cancelled</th>
                <th scope="col" className="sd-num">Outcome not recorded</th>
                <th scope="col" className="sd-num">Rejected share</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-testid="sd-change-reports-type-row" data-type={r.key}>
                  <th scope="row" className="sd-rep-sticky">{r.label}</th>
                  <td className="sd-num">{r.raised}</td>
                  <td className="sd-num">{r.outcomes['in-progress']}</td>
                  <td className="sd-num">{r.outcomes.successful}</td>
                  <td className="sd-num">{r.outcomes.failed}</td>
                  <td className="sd-num">{r.outcomes['backed-out']}</td>
                  <td className="sd-num">{r.outcomes.rejected}</td>
                  <td className="sd-num">{r.outcomes.cancelled}</td>
                  <td className="sd-num">{r.outcomes['not-recorded']}</td>
                  <td className="sd-num">{r.rejected.percent === null ? '—' : `${percent(r.rejected.percent)}%`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </figure>
      <figure className="sd-rep-figure" data-testid="sd-change-reports-implemented" aria-labelledby="sd-change-reports-implemented-caption">
        <figcaption id="sd-change-reports-implemented-caption" className="sd-rep-figcaption">
          Changes implemented in the period, by type
        </figcaption>
        <div className="sd-rep-table-wrap" tabIndex={0} role="region" aria-labelledby="sd-change-reports-implemented-caption">
          <table className="sd-table sd-rep-trend">
            <thead>
              <tr>
                <th scope="col" className="sd-rep-sticky">Type</th>
                <th scope="col" className="sd-num">Implemented</th>
                <th scope="col" className="sd-num">Successful</th>
                <th scope="col" className="sd-num">Failed or backed out</th>
                <th scope="col" className="sd-num">No outcome yet</th>
                <th scope="col" className="sd-num">Success rate</th>
                <th scope="col" className="sd-num">Lead time, mean</th>
                <th scope="col" className="sd-num">Lead time, median</th>
                <th scope="col" className="sd-num">Caused incidents</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-testid="sd-change-reports-implemented-row" data-type={r.key}>
                  <th scope="row" className="sd-rep-sticky">{r.label}</th>
                  <td className="sd-num">{r.implemented}</td>
                  <td className="sd-num">{r.successRate.numerator}</td>
                  <td className="sd-num">{r.failedRate.numerator}</td>
                  <td className="sd-num">{r.awaitingOutcome}</td>
                  <td className="sd-num">{r.successRate.percent === null ? '—' : `${percent(r.successRate.percent)}%`}</td>
                  <td className="sd-num">{calendarDuration(r.leadTime.meanMs)}</td>
                  <td className="sd-num">{calendarDuration(r.leadTime.medianMs)}</td>
                  <td className="sd-num">{r.causedIncidents.denominator === 0 ? '—' : `${r.causedIncidents.numerator} of ${r.causedIncidents.denominator}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </figure>
    </>
  );
}

const OUTCOME_APPEARANCE: Readonly<Record<ChangeReportOutcome, 'success' | 'removed' | 'moved' | 'inprogress' | 'default'>> = {
  successful: 'success', failed: 'removed', 'backed-out': 'moved', rejected: 'removed', cancelled: 'default', 'not-recorded': 'default', 'in-progress': 'inprogress',
};

function ChangeTable({ rows, viewer }: { rows: readonly ChangeRow[]; viewer: ViewerTime }) {
  return (
    <details className="sd-rep-details" data-testid="sd-change-reports-changes" open>
      <summary>Changes of the period ({rows.length})</summary>
      <div className="sd-rep-table-wrap">
        <table className="sd-table sd-rep-incidents">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Summary</th>
              <th scope="col">Type</th>
              <th scope="col">Status</th>
              <th scope="col">Outcome</th>
              <th scope="col">Raised</th>
              <th scope="col">Deployed</th>
              <th scope="col" className="sd-num">Lead time</th>
              <th scope="col">Incidents caused</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid="sd-change-reports-row" data-key={r.key}>
                <th scope="row" className="sd-rep-nowrap">{r.key}</th>
                <td>{r.summary}</td>
                <td className="sd-rep-nowrap">{CHANGE_TYPE_WORDS[r.type]}{r.typeKnown ? '' : ' (not set)'}</td>
                <td>{r.status}</td>
                <td data-testid="sd-change-reports-outcome">
                  <Lozenge appearance={OUTCOME_APPEARANCE[r.outcome]}>{CHANGE_OUTCOME_WORDS[r.outcome]}</Lozenge>
                  {r.outcomeSource === 'jira' && r.outcome !== 'in-progress' ? <span className="sd-rep-hint sd-chg-source">from Jira’s status</span> : null}
                </td>
                <td className="sd-rep-nowrap">{viewerDateTime(r.createdAt, viewer.timeZone, viewer.locale)}</td>
                <td className="sd-rep-nowrap">{viewerDateTime(r.deployedAt, viewer.timeZone, viewer.locale)}</td>
                <td className="sd-num sd-rep-nowrap">{calendarDuration(r.leadTimeMs)}</td>
                <td>{r.causedIncidents.length ? r.causedIncidents.join(', ') : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function Backlog({ view, viewer }: { view: ChangeReportsView; viewer: ViewerTime }) {
  const { backlog } = view.report;
  return (
    <details className="sd-rep-details" data-testid="sd-change-reports-backlog" open>
      <summary>
        Awaiting approval now ({backlog.count}) · as of {viewerDateTime(backlog.asOf, viewer.timeZone, viewer.locale)}
      </summary>
      {backlog.count === 0 ? (
        <p className="sd-rep-muted" data-testid="sd-change-reports-backlog-empty">No change waits for approval.</p>
      ) : (
        <div className="sd-rep-table-wrap">
          <table className="sd-table sd-rep-incidents">
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Summary</th>
                <th scope="col">Type</th>
                <th scope="col">Status</th>
                <th scope="col">Raised</th>
                <th scope="col" className="sd-num">Waiting</th>
              </tr>
            </thead>
            <tbody>
              {backlog.rows.map((b) => (
                <tr key={b.key} data-testid="sd-change-reports-backlog-row" data-key={b.key}>
                  <th scope="row" className="sd-rep-nowrap">{b.key}</th>
                  <td>{b.summary}</td>
                  <td>{CHANGE_TYPE_WORDS[b.type]}</td>
                  <td>{b.status}</td>
                  <td className="sd-rep-nowrap">{viewerDateTime(b.createdAt, viewer.timeZone, viewer.locale)}</td>
                  <td className="sd-num sd-rep-nowrap">{daysWaited(b.ageMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}

function Downloads({ view, projectKey }: { view: ChangeReportsView; projectKey: string }) {
  const summaryUrl = useCsvUrl(changeReportCsv(view.report));
  const rowsUrl = useCsvUrl(changeRowsCsv(view.report));
  return (
    <div className="sd-rep-actions" role="group" aria-label="Export as CSV">
      {summaryUrl ? (
        <a className="sd-button sd-rep-download" href={summaryUrl} download={csvFileName('summary', projectKey, view.from, view.to)} data-testid="sd-change-reports-csv-summary">
          Download summary (CSV)
        </a>
      ) : null}
      {rowsUrl ? (
        <a className="sd-button sd-rep-download" href={rowsUrl} download={csvFileName('changes', projectKey, view.from, view.to)} data-testid="sd-change-reports-csv-changes">
          Download changes (CSV)
        </a>
      ) : null}
    </div>
  );
}

/** MET-41: what the report is, for whom, from which data, and how each figure is computed. */
function Method() {
  return (
    <details className="sd-rep-details" data-testid="sd-change-reports-method">
      <summary>How the figures are computed</summary>
      <ul className="sd-rep-method">
        <li>
          <strong>Source</strong>: the project’s change requests you can see in Jira (their type, status and history) and what the app
          recorded of each: approvals and rejections, the deployment and the post-implementation review. For older changes the app
          recorded nothing of, Jira’s status stands in (“from Jira’s status”). For the service team only.
        </li>
        <li>
          <strong>Raised, by type and outcome</strong>: changes raised in the period and where they stand now. A change without a
          type counts as Normal.
        </li>
        <li>
          <strong>Success rate</strong>: successful ÷ changes implemented in the period whose review is recorded (successful, failed,
          or backed out). Changes still in progress, without a recorded outcome, rejected or cancelled are not in it.
        </li>
        <li>
          <strong>Emergency changes</strong>: emergency changes ÷ changes raised in the period.
        </li>
        <li>
          <strong>Caused incidents</strong>: changes implemented in the period that caused at least one incident ÷ changes
          implemented in the period. A change caused an incident when it is linked to it with a link saying it causes it, or linked
          to an incident raised within 7 days after the change was implemented.
        </li>
        <li>
          <strong>Lead time</strong>: raised → deployed, in calendar time (nights and weekends included), mean and median over the
          changes deployed in the period.
        </li>
        <li>
          <strong>Awaiting approval now</strong>: open changes in a draft or approval status with no approval decision recorded,
          pre-approved changes excepted, whatever the period; waiting time counted from when each was raised.
        </li>
      </ul>
      <p className="sd-rep-hint" data-testid="sd-change-reports-why">
        Why? ISO/IEC TR 29110-5-3 change reports: RPT-17 (MET-38), CHG-09, MET-35, MET-36, MET-41; D22, D26 (the service team’s figures only).
      </p>
    </details>
  );
}
