/**
 * "Incident reports" on the project page (issue #5 item 8; REQUIREMENTS §7 MET-01, MET-04..07, MET-41; D22).
 * A lazily loaded chunk: the filters, the figures of `reports.incidents`, plain SVG charts and CSV exports built
 * in the browser from the same pure domain functions the server uses (src/domain/incident/report.ts).
 */
import './reports.css';
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { incidentReportCsv, incidentRowsCsv } from '@contract/reports';
import { messageOf, type IncidentReportsRequest, type IncidentReportsView, type IncidentRow, type ReportBucket } from '../api';
import { ErrorState, Loading } from '../components/States';
import { AttainmentChart, TrendTable, VolumeChart } from './charts';
import { BUCKET_LABELS, BUCKET_NOUNS, csvFileName, hours, lastThirtyDays, minutes, parseUtcDate, percent, plural, utcDateTime } from './format';
import { loadIncidentReports } from './reportsApi';

type State =
  | { status: 'idle' }
  | { status: 'loading'; request: IncidentReportsRequest }
  | { status: 'error'; message: string; request: IncidentReportsRequest }
  | { status: 'ready'; view: IncidentReportsView };

interface FormValues {
  from: string;
  to: string;
  bucket: ReportBucket;
  service: string;
  priority: string;
}

const BUCKETS: readonly ReportBucket[] = ['day', 'week', 'month'];

function requestOf(form: FormValues): IncidentReportsRequest {
  return {
    from: form.from,
    to: form.to,
    bucket: form.bucket,
    ...(form.service ? { service: form.service } : {}),
    ...(form.priority ? { priority: form.priority } : {}),
  };
}

/** What is wrong with the period, before asking the server (which checks the same and more). */
function periodProblem(form: FormValues): { field: 'from' | 'to'; message: string } | null {
  const from = parseUtcDate(form.from);
  const to = parseUtcDate(form.to);
  if (from === null) return { field: 'from', message: 'Enter the first day of the period (YYYY-MM-DD).' };
  if (to === null) return { field: 'to', message: 'Enter the last day of the period (YYYY-MM-DD).' };
  if (to < from) return { field: 'to', message: 'The last day must not be before the first day.' };
  return null;
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

function withCurrent(list: readonly string[], current: string): string[] {
  return current && !list.includes(current) ? [...list, current].sort((a, b) => a.localeCompare(b)) : [...list];
}

export default function IncidentReports({ projectKey }: { projectKey: string }) {
  const ids = useId();
  const [form, setForm] = useState<FormValues>(() => ({ ...lastThirtyDays(Date.now()), bucket: 'day', service: '', priority: '' }));
  const [state, setState] = useState<State>({ status: 'idle' });
  const [lists, setLists] = useState<{ services: string[]; priorities: string[] }>({ services: [], priorities: [] });
  const [problem, setProblem] = useState<ReturnType<typeof periodProblem>>(null);
  const latest = useRef(0);

  const run = useCallback((request: IncidentReportsRequest) => {
    const attempt = ++latest.current;
    setState({ status: 'loading', request });
    loadIncidentReports(request).then(
      (view) => {
        if (latest.current !== attempt) return;
        setState({ status: 'ready', view });
        setLists({ services: view.services, priorities: view.priorities });
      },
      (error: unknown) => {
        if (latest.current === attempt) setState({ status: 'error', message: messageOf(error), request });
      },
    );
  }, []);

  useEffect(
    () => () => {
      latest.current += 1; // ignore answers that arrive after unmount
    },
    [],
  );

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const found = periodProblem(form);
    setProblem(found);
    if (found) {
      document.getElementById(`${ids}-${found.field}`)?.focus();
      return;
    }
    run(requestOf(form));
  };

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]): void => setForm((f) => ({ ...f, [key]: value }));
  const busy = state.status === 'loading';
  const problemId = `${ids}-period-problem`;

  return (
    <section aria-labelledby="sd-reports-title" data-testid="sd-reports" className="sd-rep sd-stack">
      <header className="sd-rep-header">
        <h2 id="sd-reports-title" style={{ font: token('font.heading.small'), margin: 0 }}>
          Incident reports
        </h2>
        <p className="sd-rep-muted">
          For the service team and management: time to resolve, first response, SLA attainment, escalations and
          volume of this project’s incidents, from the SLA clocks the app records on each incident.
        </p>
      </header>

      <form className="sd-rep-form" onSubmit={submit} aria-label="Incident report filters" noValidate>
        <div className="sd-rep-field">
          <label className="sd-field-label" htmlFor={`${ids}-from`}>From</label>
          <input
            id={`${ids}-from`}
            data-testid="sd-reports-from"
            className="sd-select"
            type="date"
            required
            value={form.from}
            aria-invalid={problem?.field === 'from' ? true : undefined}
            aria-describedby={`${ids}-utc${problem?.field === 'from' ? ` ${problemId}` : ''}`}
            onChange={(e) => set('from', e.target.value)}
          />
        </div>
        <div className="sd-rep-field">
          <label className="sd-field-label" htmlFor={`${ids}-to`}>To (included)</label>
          <input
            id={`${ids}-to`}
            data-testid="sd-reports-to"
            className="sd-select"
            type="date"
            required
            value={form.to}
            aria-invalid={problem?.field === 'to' ? true : undefined}
            aria-describedby={`${ids}-utc${problem?.field === 'to' ? ` ${problemId}` : ''}`}
            onChange={(e) => set('to', e.target.value)}
          />
        </div>
        <div className="sd-rep-field">
          <label className="sd-field-label" htmlFor={`${ids}-bucket`}>Trend by</label>
          <select id={`${ids}-bucket`} data-testid="sd-reports-bucket" className="sd-select" value={form.bucket} onChange={(e) => set('bucket', e.target.value as ReportBucket)}>
            {BUCKETS.map((b) => (
              <option key={b} value={b}>
                {BUCKET_LABELS[b]}
              </option>
            ))}
          </select>
        </div>
        <div className="sd-rep-field">
          <label className="sd-field-label" htmlFor={`${ids}-service`}>Service</label>
          <select id={`${ids}-service`} data-testid="sd-reports-service" className="sd-select" value={form.service} onChange={(e) => set('service', e.target.value)}>
            <option value="">All services</option>
            {withCurrent(lists.services, form.service).map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="sd-rep-field">
          <label className="sd-field-label" htmlFor={`${ids}-priority`}>Priority</label>
          <select id={`${ids}-priority`} data-testid="sd-reports-priority" className="sd-select" value={form.priority} onChange={(e) => set('priority', e.target.value)}>
            <option value="">All priorities</option>
            {withCurrent(lists.priorities, form.priority).map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <div className="sd-rep-field">
          <Button type="submit" appearance="primary" isLoading={busy} testId="sd-reports-show">
            Show
          </Button>
        </div>
        <p id={`${ids}-utc`} className="sd-rep-hint sd-rep-form-hint">
          Periods are whole days in UTC, both dates included. The service and priority lists fill in from the incidents of the last report shown.
        </p>
        {problem ? (
          <p id={problemId} role="alert" className="sd-rep-problem" data-testid="sd-reports-period-problem">
            {problem.message}
          </p>
        ) : null}
      </form>

      <div aria-busy={busy}>
        {state.status === 'idle' ? (
          <p className="sd-rep-muted" data-testid="sd-reports-idle">
            Choose a period and select Show.
          </p>
        ) : null}
        {state.status === 'loading' ? <Loading label="Loading the incident report" /> : null}
        {state.status === 'error' ? (
          <ErrorState title="The incident report could not be produced" message={state.message} onRetry={() => run(state.request)} />
        ) : null}
        {state.status === 'ready' ? <ReportView view={state.view} projectKey={projectKey} /> : null}
      </div>
    </section>
  );
}

function ReportView({ view, projectKey }: { view: IncidentReportsView; projectKey: string }) {
  const { report } = view;
  const key = view.project.key || projectKey;
  const filters = [view.filter.service ? `service ${view.filter.service}` : null, view.filter.priority ? `priority ${view.filter.priority}` : null].filter((f): f is string => f !== null);
  const noun = BUCKET_NOUNS[view.bucket];
  const empty = report.incidents === 0;
  return (
    <div className="sd-rep-body sd-stack" data-testid="sd-reports-result">
      <p className="sd-rep-muted" data-testid="sd-reports-scope" role="status">
        {key} · {view.from} to {view.to} (UTC days, both included){filters.length ? ` · ${filters.join(' · ')}` : ''} · {plural(report.incidents, 'incident')}
      </p>

      {view.notEvaluated > 0 ? (
        <p className="sd-rep-notice" data-testid="sd-reports-not-evaluated">
          {plural(view.notEvaluated, 'incident')} of this period {view.notEvaluated === 1 ? 'is' : 'are'} not yet evaluated by the app and{' '}
          {view.notEvaluated === 1 ? 'is' : 'are'} not in these figures: {report.notEvaluated.keys.join(', ')}.
        </p>
      ) : null}

      {empty ? (
        <p className="sd-rep-empty" data-testid="sd-reports-empty">
          No incidents in this period{filters.length ? ` for ${filters.join(' and ')}` : ''}.
        </p>
      ) : (
        <>
          <Tiles view={view} />
          <div className="sd-rep-charts">
            <VolumeChart id="sd-reports-volume" buckets={report.volume} bucketNoun={noun} />
            {report.slaAttainment.byPriority.length > 0 ? (
              <AttainmentChart id="sd-reports-attainment" rows={report.slaAttainment.byPriority} />
            ) : (
              <p className="sd-rep-empty" data-testid="sd-reports-attainment-empty">
                No incident with SLA targets was resolved in this period, so there is no attainment per priority.
              </p>
            )}
          </div>
          <TrendTable id="sd-reports-by-category" caption={`By classification, incidents opened per ${noun}`} dimension="Classification" trend={report.byCategory} noneLabel="Unclassified" />
          <TrendTable
            id="sd-reports-by-ci"
            caption={`By CI, incidents opened per ${noun}`}
            dimension="CI"
            trend={report.byCi}
            noneLabel="No CI named"
            note="An incident naming several CIs counts once for each."
          />
          <IncidentTable rows={report.rows} />
        </>
      )}

      <Downloads view={view} projectKey={key} />
      <Method />
    </div>
  );
}

function Tile({ testId, label, value, unit, children }: { testId: string; label: string; value: string; unit: string; children: ReactNode }) {
  return (
    <li className="sd-rep-tile" data-testid={testId}>
      <span className="sd-rep-tile-label">{label}</span>
      <span className="sd-rep-tile-value" data-testid={`${testId}-value`}>
        {value}
        {value !== '—' ? <span className="sd-rep-tile-unit">{unit === '%' ? '%' : ` ${unit}`}</span> : null}
      </span>
      <span className="sd-rep-tile-detail">{children}</span>
    </li>
  );
}

function Tiles({ view }: { view: IncidentReportsView }) {
  const { mttr, firstResponse, slaAttainment, escalation } = view.report;
  const within = firstResponse.withinTarget;
  return (
    <ul className="sd-rep-tiles" aria-label="Key figures">
      <Tile testId="sd-reports-kpi-mttr" label="Mean time to resolve" value={hours(mttr.meanMs)} unit="business h">
        {mttr.count === 0 ? 'No incident was resolved in this period.' : `Median ${hours(mttr.medianMs)} h · ${plural(mttr.count, 'incident')} resolved`}
      </Tile>
      <Tile testId="sd-reports-kpi-first-response" label="First response" value={minutes(firstResponse.meanMs)} unit="business min">
        {firstResponse.count === 0
          ? 'No first response in this period.'
          : `Median ${minutes(firstResponse.medianMs)} min · ${within.percent === null ? 'no targets' : `${percent(within.percent)}% within target (${within.numerator}/${within.denominator})`}`}
      </Tile>
      <Tile testId="sd-reports-kpi-sla" label="SLA attainment" value={percent(slaAttainment.items.percent)} unit="%">
        {slaAttainment.items.denominator === 0
          ? 'No incident with targets was resolved in this period.'
          : `${slaAttainment.items.numerator} of ${plural(slaAttainment.items.denominator, 'resolved incident')} met all targets`}
        {slaAttainment.undecided > 0 ? ` · ${slaAttainment.undecided} still running` : ''}
      </Tile>
      <Tile testId="sd-reports-kpi-escalation" label="Escalation rate" value={percent(escalation.overall.percent)} unit="%">
        {escalation.overall.denominator === 0
          ? 'No incident was opened in this period.'
          : `${escalation.overall.numerator} of ${plural(escalation.overall.denominator, 'incident')} opened were escalated`}
      </Tile>
    </ul>
  );
}

const MET_TEXT: Readonly<Record<IncidentRow['metAllTargets'], string>> = { yes: 'Yes', no: 'No', pending: 'Running', none: 'No targets' };

function IncidentTable({ rows }: { rows: readonly IncidentRow[] }) {
  return (
    <details className="sd-rep-details" data-testid="sd-reports-incidents">
      <summary>Incidents of the period ({rows.length})</summary>
      <div className="sd-rep-table-wrap">
        <table className="sd-table">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Priority</th>
              <th scope="col">Services</th>
              <th scope="col">Opened</th>
              <th scope="col">Resolved</th>
              <th scope="col" className="sd-num">
                Time to resolve (business h)
              </th>
              <th scope="col" className="sd-num">
                First response (business min)
              </th>
              <th scope="col">Met all targets</th>
              <th scope="col">Escalated</th>
              <th scope="col">Security</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.key}</th>
                <td>{r.priority}</td>
                <td>{r.services.join(', ') || '—'}</td>
                <td className="sd-rep-nowrap">{utcDateTime(r.openedAt)}</td>
                <td className="sd-rep-nowrap">{utcDateTime(r.resolvedAt)}</td>
                <td className="sd-num">{hours(r.resolutionBusinessMs)}</td>
                <td className="sd-num">{minutes(r.firstResponseBusinessMs)}</td>
                <td>{MET_TEXT[r.metAllTargets]}</td>
                <td>{r.escalated ? 'Yes' : 'No'}</td>
                <td>{r.securityIncident ? 'Yes' : 'No'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function Downloads({ view, projectKey }: { view: IncidentReportsView; projectKey: string }) {
  const summaryUrl = useCsvUrl(incidentReportCsv(view.report));
  const rowsUrl = useCsvUrl(incidentRowsCsv(view.report));
  const summaryName = csvFileName('summary', projectKey, view.from, view.to);
  const rowsName = csvFileName('incidents', projectKey, view.from, view.to);
  return (
    <div className="sd-rep-actions" role="group" aria-label="Export as CSV">
      {summaryUrl ? (
        <a className="sd-button sd-rep-download" href={summaryUrl} download={summaryName} data-testid="sd-reports-csv-summary">
          Download summary (CSV)
        </a>
      ) : null}
      {rowsUrl ? (
        <a className="sd-button sd-rep-download" href={rowsUrl} download={rowsName} data-testid="sd-reports-csv-incidents">
          Download incidents (CSV)
        </a>
      ) : null}
    </div>
  );
}

/** MET-41: what the report is, for whom, from which data, and how each figure is computed. */
function Method() {
  return (
    <details className="sd-rep-details" data-testid="sd-reports-method">
      <summary>How the figures are computed</summary>
      <ul className="sd-rep-method">
        <li>
          <strong>Source</strong>: the project’s incidents you can see in Jira and the SLA clocks the app records on each (issue
          property <code>sd-state</code>). Incidents the app has not evaluated yet are counted apart, never in the figures.
        </li>
        <li>
          <strong>Mean time to resolve</strong> (MET-04, D22): mean and median business time to resolve, pauses excluded, summed over
          every resolution cycle of a reopened incident; over the incidents resolved in the period.
        </li>
        <li>
          <strong>First response</strong> (MET-05): mean and median business time to the first agent response; % within target over the
          first-response targets decided; over the incidents first responded to in the period.
        </li>
        <li>
          <strong>SLA attainment</strong> (MET-01): incidents that met all their targets (first response and every resolution cycle) ÷
          incidents with targets resolved in the period.
        </li>
        <li>
          <strong>Escalation rate</strong> (MET-07): incidents escalated to management ÷ incidents opened in the period (an escalation
          later still counts for the period the incident opened in).
        </li>
        <li>
          <strong>Volume</strong> (MET-06): incidents opened per day, ISO week or month (UTC), by classification (service or
          information security) and by CI.
        </li>
      </ul>
    </details>
  );
}
