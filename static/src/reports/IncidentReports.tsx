/**
 * "Incident reports" on the project page (issue #5 item 8; REQUIREMENTS §7 MET-01, MET-04..07, MET-41; D22).
 * A lazily loaded chunk: the filters, the figures of `reports.incidents`, plain SVG charts and CSV exports built
 * in the browser from the same pure domain functions the server uses (src/domain/incident/report.ts).
 */
import './reports.css';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import Select from '@atlaskit/select';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { incidentReportCsv, incidentRowsCsv, suggestedBucket } from '@contract/reports';
import { messageOf, type IncidentReportsRequest, type IncidentReportsView, type IncidentRow, type ReportBucket } from '../api';
import { ErrorState, Loading } from '../components/States';
import { AttainmentChart, TrendTable, VolumeChart } from './charts';
import { BUCKET_LABELS, BUCKET_NOUNS, bucketLabel, csvFileName, hours, lastThirtyDays, minutes, parseUtcDate, percent, periodDays, plural, viewerDateTime } from './format';
import { loadIncidentReports } from './reportsApi';

type State =
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
  return current && !list.includes(current) ? [...list, current] : [...list];
}

interface Option { value: string; label: string }

/** An Atlaskit select over plain string values, labelled by a visible label (`inputId`). */
function Choice({ id, testId, value, options, onChange }: { id: string; testId: string; value: string; options: readonly Option[]; onChange: (value: string) => void }) {
  return (
    <div data-testid={testId} className="sd-rep-select">
      <Select<Option>
        inputId={id}
        options={options}
        value={options.find((o) => o.value === value) ?? null}
        onChange={(o) => onChange(o?.value ?? '')}
        isSearchable={options.length > 8}
        spacing="compact"
      />
    </div>
  );
}

/** The viewer's Jira profile zone and locale (Forge context), for every instant shown. */
export interface ViewerTime { timeZone: string | undefined; locale: string | undefined }

function initialForm(serverNow: string, timeZone: string | undefined): FormValues {
  const period = lastThirtyDays(Date.parse(serverNow), timeZone);
  return { ...period, bucket: suggestedBucket(periodDays(period.from, period.to) ?? 30), service: '', priority: '' };
}

export default function IncidentReports({ projectKey, viewer, serverNow }: { projectKey: string; viewer: ViewerTime; serverNow: string }) {
  const ids = useId();
  const [form, setForm] = useState<FormValues>(() => initialForm(serverNow, viewer.timeZone));
  // The default period is shown at once (issue #12): the page opens on the last 30 days.
  const [state, setState] = useState<State>(() => ({ status: 'loading', request: requestOf(form) }));
  const bucketChosen = useRef(false);
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

  useEffect(() => {
    if (state.status === 'loading') run(state.request);
    return () => {
      latest.current += 1; // ignore answers that arrive after unmount
    };
    // Runs once: the first report is the default period's.
  }, []);

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

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]): void => setForm((f) => {
    const next = { ...f, [key]: value };
    if (key === 'bucket') bucketChosen.current = true;
    // Until someone picks a bucket, the trend follows the period's length so its table stays readable.
    if ((key === 'from' || key === 'to') && !bucketChosen.current) {
      const days = periodDays(next.from, next.to);
      if (days !== null && days > 0) next.bucket = suggestedBucket(days);
    }
    return next;
  });
  const team = state.status !== 'ready' || state.view.audience === 'team';
  const zone = state.status === 'ready' ? state.view.timeZone : null;
  const busy = state.status === 'loading';
  const problemId = `${ids}-period-problem`;

  return (
    <section aria-labelledby="sd-reports-title" data-testid="sd-reports" className="sd-rep sd-stack">
      <header className="sd-rep-header">
        <h2 id="sd-reports-title" style={{ font: token('font.heading.small'), margin: 0 }}>
          {team ? 'Incident reports' : 'Your incidents'}
        </h2>
        <p className="sd-rep-muted">
          {team
            ? 'Time to resolve, first response, targets met, escalations and volume of this project’s incidents, from the SLA clocks the app records on each incident.'
            : 'The incidents you reported, and whether the agreed response and resolution targets were met.'}
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
            aria-describedby={`${ids}-days${problem?.field === 'from' ? ` ${problemId}` : ''}`}
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
            aria-describedby={`${ids}-days${problem?.field === 'to' ? ` ${problemId}` : ''}`}
            onChange={(e) => set('to', e.target.value)}
          />
        </div>
        <div className="sd-rep-field">
          <label className="sd-field-label" htmlFor={`${ids}-bucket`}>Trend by</label>
          <Choice id={`${ids}-bucket`} testId="sd-reports-bucket" value={form.bucket} options={BUCKETS.map((b) => ({ value: b, label: BUCKET_LABELS[b] }))} onChange={(v) => set('bucket', v as ReportBucket)} />
        </div>
        <div className="sd-rep-field">
          <label className="sd-field-label" htmlFor={`${ids}-service`}>Service</label>
          <Choice
            id={`${ids}-service`}
            testId="sd-reports-service"
            value={form.service}
            options={[{ value: '', label: 'All services' }, ...withCurrent(lists.services, form.service).map((v) => ({ value: v, label: v }))]}
            onChange={(v) => set('service', v)}
          />
        </div>
        <div className="sd-rep-field">
          <label className="sd-field-label" htmlFor={`${ids}-priority`}>Priority</label>
          <Choice
            id={`${ids}-priority`}
            testId="sd-reports-priority"
            value={form.priority}
            options={[{ value: '', label: 'All priorities' }, ...withCurrent(lists.priorities, form.priority).map((v) => ({ value: v, label: v }))]}
            onChange={(v) => set('priority', v)}
          />
        </div>
        <div className="sd-rep-field">
          <Button type="submit" appearance="primary" isLoading={busy} testId="sd-reports-show">
            Show
          </Button>
        </div>
        <p id={`${ids}-days`} className="sd-rep-hint sd-rep-form-hint" data-testid="sd-reports-days">
          Both dates included. Days, weeks and months are the service’s{zone ? ` (${zone})` : ''}; times are shown in your time zone{viewer.timeZone ? ` (${viewer.timeZone})` : ''}.
        </p>
        {problem ? (
          <p id={problemId} role="alert" className="sd-rep-problem" data-testid="sd-reports-period-problem">
            {problem.message}
          </p>
        ) : null}
      </form>

      <div aria-busy={busy}>
        {state.status === 'loading' ? <Loading label="Loading the incident report" /> : null}
        {state.status === 'error' ? (
          <ErrorState title="The incident report could not be produced" message={state.message} onRetry={() => run(state.request)} />
        ) : null}
        {state.status === 'ready' ? <ReportView view={state.view} projectKey={projectKey} viewer={viewer} /> : null}
      </div>
    </section>
  );
}

function ReportView({ view, projectKey, viewer }: { view: IncidentReportsView; projectKey: string; viewer: ViewerTime }) {
  const { report } = view;
  const key = view.project.key || projectKey;
  const filters = [view.filter.service ? `service ${view.filter.service}` : null, view.filter.priority ? `priority ${view.filter.priority}` : null].filter((f): f is string => f !== null);
  const noun = BUCKET_NOUNS[view.bucket];
  const empty = report.incidents === 0;
  const label = (b: string): string => bucketLabel(b, view.bucket, viewer.locale);
  return (
    <div className="sd-rep-body sd-stack" data-testid="sd-reports-result">
      <p className="sd-rep-muted" data-testid="sd-reports-scope" role="status">
        {key} · {view.from} to {view.to}{filters.length ? ` · ${filters.join(' · ')}` : ''} · {plural(report.incidents, 'incident')}
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
            <VolumeChart id="sd-reports-volume" buckets={report.volume} bucketNoun={noun} label={label} />
            {report.slaAttainment.byPriority.length > 0 ? (
              <AttainmentChart id="sd-reports-attainment" rows={report.slaAttainment.byPriority} />
            ) : (
              <p className="sd-rep-empty" data-testid="sd-reports-attainment-empty">
                No incident with targets was resolved in this period, so there is no share of targets met per priority.
              </p>
            )}
          </div>
          {view.audience === 'team' ? (
            <>
              <TrendTable id="sd-reports-by-category" caption={`By classification, incidents opened per ${noun}`} dimension="Classification" trend={view.report.byCategory} noneLabel="Unclassified" label={label} />
              <TrendTable
                id="sd-reports-by-ci"
                caption={`By configuration item, incidents opened per ${noun}`}
                dimension="Configuration item"
                trend={view.report.byCi}
                noneLabel="None named"
                note="An incident naming several configuration items counts once for each."
                label={label}
              />
            </>
          ) : null}
          <IncidentTable view={view} viewer={viewer} />
        </>
      )}

      <Downloads view={view} projectKey={key} />
      <Method team={view.audience === 'team'} />
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
  const { mttr, firstResponse, slaAttainment } = view.report;
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
      <Tile testId="sd-reports-kpi-sla" label="All targets met" value={percent(slaAttainment.items.percent)} unit="%">
        {slaAttainment.items.denominator === 0
          ? 'No incident with targets was resolved in this period.'
          : `${slaAttainment.items.numerator} of ${plural(slaAttainment.items.denominator, 'resolved incident')} met all targets`}
        {slaAttainment.undecided > 0 ? ` · ${slaAttainment.undecided} still running` : ''}
      </Tile>
      {view.audience === 'team' ? (
        <Tile testId="sd-reports-kpi-escalation" label="Escalation rate" value={percent(view.report.escalation.overall.percent)} unit="%">
          {view.report.escalation.overall.denominator === 0
            ? 'No incident was opened in this period.'
            : `${view.report.escalation.overall.numerator} of ${plural(view.report.escalation.overall.denominator, 'incident')} opened were escalated`}
        </Tile>
      ) : null}
    </ul>
  );
}

const MET: Readonly<Record<IncidentRow['metAllTargets'], { text: string; appearance: 'success' | 'removed' | 'inprogress' | 'default' }>> = {
  yes: { text: 'Met', appearance: 'success' },
  no: { text: 'Breached', appearance: 'removed' },
  pending: { text: 'Running', appearance: 'inprogress' },
  none: { text: 'No targets', appearance: 'default' },
};

function IncidentTable({ view, viewer }: { view: IncidentReportsView; viewer: ViewerTime }) {
  const team = view.audience === 'team';
  const rows: ReadonlyArray<{ key: string; priority: string; services: readonly string[]; openedAt: number; resolvedAt: number | null; resolutionBusinessMs: number | null; firstResponseBusinessMs: number | null; metAllTargets: IncidentRow['metAllTargets']; escalated?: boolean; securityIncident?: boolean }> = view.report.rows;
  return (
    <details className="sd-rep-details" data-testid="sd-reports-incidents" open>
      <summary>Incidents of the period ({rows.length})</summary>
      <div className="sd-rep-table-wrap">
        <table className="sd-table sd-rep-incidents">
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
              <th scope="col">Targets</th>
              {team ? <th scope="col">Escalated</th> : null}
              {team ? <th scope="col">Security</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid="sd-reports-incident-row" data-key={r.key}>
                <th scope="row">{r.key}</th>
                <td>{r.priority}</td>
                <td>{r.services.join(', ') || '—'}</td>
                <td className="sd-rep-nowrap">{viewerDateTime(r.openedAt, viewer.timeZone, viewer.locale)}</td>
                <td className="sd-rep-nowrap">{viewerDateTime(r.resolvedAt, viewer.timeZone, viewer.locale)}</td>
                <td className="sd-num">{hours(r.resolutionBusinessMs)}</td>
                <td className="sd-num">{minutes(r.firstResponseBusinessMs)}</td>
                <td data-testid="sd-reports-met">
                  <Lozenge appearance={MET[r.metAllTargets].appearance}>{MET[r.metAllTargets].text}</Lozenge>
                </td>
                {team ? <td>{r.escalated ? 'Yes' : 'No'}</td> : null}
                {team ? <td>{r.securityIncident ? 'Yes' : 'No'}</td> : null}
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
function Method({ team }: { team: boolean }) {
  return (
    <details className="sd-rep-details" data-testid="sd-reports-method">
      <summary>How the figures are computed</summary>
      <ul className="sd-rep-method">
        <li>
          <strong>Source</strong>: {team ? 'the project’s incidents you can see in Jira' : 'the incidents you reported'} and the SLA clocks the app
          records on each. Incidents the app has not evaluated yet are counted apart, never in the figures.
        </li>
        <li>
          <strong>Mean time to resolve</strong>: mean and median business time to resolve, pauses excluded, summed over every resolution
          cycle of a reopened incident; over the incidents resolved in the period.
        </li>
        <li>
          <strong>First response</strong>: mean and median business time to the first agent response; % within target over the
          first-response targets decided; over the incidents first responded to in the period.
        </li>
        <li>
          <strong>All targets met</strong>: incidents that met all their targets (first response and every resolution cycle) ÷ incidents
          with targets resolved in the period. A target whose clock passed it is breached, even while the clock still runs.
        </li>
        {team ? (
          <li>
            <strong>Escalation rate</strong>: incidents escalated to management ÷ incidents opened in the period (an escalation later
            still counts for the period the incident opened in).
          </li>
        ) : null}
        <li>
          <strong>Volume</strong>: incidents opened per day, week (from Monday) or month, in the service’s time zone
          {team ? ', by classification (service or information security) and by configuration item' : ''}.
        </li>
      </ul>
      <p className="sd-rep-hint" data-testid="sd-reports-why">
        Why? ISO/IEC TR 29110-5-3 service reports: MET-01, MET-04 to MET-07, MET-41; D22{team ? '' : ', D26 (customers see their own service)'}.
      </p>
    </details>
  );
}
