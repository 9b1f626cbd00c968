import './performance.css';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import Select from '@atlaskit/select';
import TextArea from '@atlaskit/textarea';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { formatWhen } from '../../admin/format';
import { AdminError, DoneNote } from '../../admin/ui/AdminError';
import { useAdminCall } from '../../admin/useAdminCall';
import { ReportFigures } from './ReportFigures';
import {
  ACTION_STATUSES, ACTION_STATUS_LABELS, approveReport, computeReport, download, emptyAction, figuresCsv, listReports, loadReport, monthDays, rebuildAggregates,
  saveReportDraft, shareReport, type ActionItem, type ComputedReportView, type PerformanceListView, type ReportScope, type ReportView,
} from './performanceApi';

const STATUS_APPEARANCE: Record<string, 'success' | 'inprogress' | 'new'> = { Shared: 'success', Approved: 'inprogress', Draft: 'new' };
const ALL = '__all__';

/** The month (YYYY-MM) of an instant in a zone. */
function monthIn(t: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(new Date(t));
  return `${parts.find((p) => p.type === 'year')?.value ?? '1970'}-${parts.find((p) => p.type === 'month')?.value ?? '01'}`;
}

function monthTitle(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function ActionList({ items, onChange, editable, label, testId }: { items: ActionItem[]; onChange: (items: ActionItem[]) => void; editable: boolean; label: string; testId: string }) {
  const set = (i: number, patch: Partial<ActionItem>) => onChange(items.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  return (
    <div className="sd-perf-actions" data-testid={testId}>
      {items.length === 0 ? <p className="sd-muted">None.</p> : null}
      <ol>
        {items.map((a, i) => (
          <li key={i}>
            {editable ? (
              <div className="sd-perf-action-edit">
                <input aria-label={`${label} ${i + 1}`} className="sd-perf-input" value={a.text} onChange={(e) => set(i, { text: e.target.value })} data-testid={`${testId}-text-${i}`} />
                <select aria-label={`Status of ${label.toLowerCase()} ${i + 1}`} value={a.status} onChange={(e) => set(i, { status: e.target.value as ActionItem['status'] })}>
                  {ACTION_STATUSES.map((s) => <option key={s} value={s}>{ACTION_STATUS_LABELS[s]}</option>)}
                </select>
                <Button appearance="subtle" onClick={() => onChange(items.filter((_, j) => j !== i))}>Remove</Button>
              </div>
            ) : <span>{a.text} — <em>{ACTION_STATUS_LABELS[a.status]}</em>{a.note ? ` (${a.note})` : ''}</span>}
          </li>
        ))}
      </ol>
      {editable ? <div className="sd-no-print"><Button onClick={() => onChange([...items, emptyAction()])} testId={`${testId}-add`}>Add an action item</Button></div> : null}
    </div>
  );
}

/**
 * The "Performance reports" tab of the service team's page (WP.19; RE.2.4; D21): the month's figures for one agreement
 * or all (from the aggregates, any size), saved as a Draft with commentary and action items by the RM or SM, approved,
 * then shared with the customer, who reads it in the portal. CSV export and a printable layout (print to PDF).
 */
export function PerformanceTab() {
  const [list, setList] = useState<PerformanceListView | null>(null);
  const [agreement, setAgreement] = useState<string>(ALL);
  const [month, setMonth] = useState<string | null>(null);
  const [computed, setComputed] = useState<ComputedReportView | null>(null);
  const [report, setReport] = useState<ReportView | null>(null);
  const [commentary, setCommentary] = useState('');
  const [previous, setPrevious] = useState<ActionItem[]>([]);
  const [proposed, setProposed] = useState<ActionItem[]>([]);
  const call = useAdminCall();

  const option = list?.agreements.find((a) => a.issueKey === agreement) ?? null;
  const scope: ReportScope | null = useMemo(() => (month ? { agreement: agreement === ALL ? null : agreement, ...monthDays(month) } : null), [agreement, month]);

  const adopt = useCallback((r: ReportView | null) => {
    setReport(r);
    const content = r?.draft?.content ?? r?.current?.content;
    setCommentary(content?.commentary ?? '');
    setPrevious(content?.previousActions ?? []);
    setProposed(content?.proposedActions ?? []);
  }, []);

  useEffect(() => {
    void call.run('Loading reports…', listReports).then((l) => {
      if (!l) return;
      setList(l);
      setMonth((m) => m ?? monthIn(Date.now(), l.timeZone));
    });
  }, [call.run]);

  useEffect(() => {
    if (!scope) return;
    void call.run('Computing the figures…', async () => {
      const c = await computeReport(scope);
      const r = c.saved ? await loadReport(c.saved.id) : null;
      return { c, r };
    }).then((res) => {
      if (!res) return;
      setComputed(res.c);
      adopt(res.r);
      // A new report starts from the action items the previous one proposed (WP.19: their status this period).
      if (!res.r && res.c.previousActions.length) setPrevious(res.c.previousActions);
    });
  }, [scope, call.run, adopt]);

  const refreshList = () => { void listReports().then(setList).catch(() => undefined); };
  const perms = list?.permissions ?? { draft: false, approve: false, share: false, rebuild: false };
  const editable = perms.draft && (report === null || report.draft !== null || report.current === null);
  const saved = report?.draft?.content ?? report?.current?.content ?? null;
  const figures = saved?.figures ?? computed?.figures ?? null;
  const status = report?.status ?? null;

  const save = () => {
    if (!scope) return;
    void call.run('Saving the draft…', () => saveReportDraft(scope, { commentary, previousActions: previous, proposedActions: proposed }, report?.draft?.revision ?? null), (r) => `Draft saved (revision ${r.draft?.revision ?? '?'}), figures as of ${formatWhen(r.draft?.content.figures.computedAt ?? null)}.`).then((r) => { if (r) { adopt(r); refreshList(); } });
  };
  const approve = () => {
    if (!report?.draft) return;
    const revision = report.draft.revision;
    void call.run('Approving…', () => approveReport(report.id, revision), (r) => `Approved as version ${r.current?.version ?? '?'}.`).then((r) => { if (r) { adopt(r); refreshList(); } });
  };
  const share = () => {
    if (!report?.current) return;
    const version = report.current.version;
    void call.run('Sharing…', () => shareReport(report.id, version), (r) => `Shared with ${r.current?.content.sharedWith?.organizationName ?? 'the customer'}.`).then((r) => { if (r) { adopt(r); refreshList(); } });
  };
  const rebuild = (restart: boolean) => {
    void call.run('Rebuilding the figures from Jira…', () => rebuildAggregates(restart), (p) => (p.status === 'done' ? `Rebuilt from ${p.incidents} incidents (${p.notEvaluated} not evaluated yet).` : `Rebuilding: ${p.incidents} incidents so far; press Continue.`)).then((p) => { if (p && list) setList({ ...list, rebuild: p }); });
  };

  if (!list || !month) return <div className="sd-perf" data-testid="sd-perf">{call.problem ? <AdminError problem={call.problem} onDismiss={call.dismiss} /> : <p role="status">Loading reports…</p>}</div>;

  const agreementOptions = [{ label: 'All agreements', value: ALL }, ...list.agreements.map((a) => ({ label: `${a.issueKey} ${a.title}`, value: a.issueKey }))];
  const title = `${option ? `${option.issueKey} ${option.title}` : 'All agreements'} · ${monthTitle(month)}`;

  return (
    <div className="sd-perf" data-testid="sd-perf">
      <div className="sd-perf-controls sd-no-print" data-testid="sd-perf-controls">
        <label className="sd-perf-field">
          <span>Agreement</span>
          <Select inputId="sd-perf-agreement" testId="sd-perf-agreement" options={agreementOptions} value={agreementOptions.find((o) => o.value === agreement)} onChange={(o) => setAgreement(o?.value ?? ALL)} isSearchable={false} />
        </label>
        <label className="sd-perf-field">
          <span>Month</span>
          <input type="month" className="sd-perf-input" value={month} onChange={(e) => { if (/^\d{4}-\d{2}$/.test(e.target.value)) setMonth(e.target.value); }} data-testid="sd-perf-month" />
        </label>
        <div className="sd-perf-buttons">
          <Button onClick={() => { if (figures) download(`performance-${agreement === ALL ? 'all' : agreement}-${month}.csv`, figuresCsv(figures)); }} isDisabled={!figures} testId="sd-perf-csv">Download CSV</Button>
          <Button onClick={() => window.print()} testId="sd-perf-print">Print</Button>
        </div>
      </div>
      {call.busy ? <p role="status" className="sd-muted sd-no-print">{call.busy}</p> : null}
      {call.problem ? <div className="sd-no-print"><AdminError problem={call.problem} onDismiss={call.dismiss} /></div> : null}
      <div className="sd-no-print"><DoneNote text={call.done} testId="sd-perf-done" /></div>

      <article className="sd-perf-report" data-testid="sd-perf-report" aria-labelledby="sd-perf-title">
        <header className="sd-perf-report-header">
          <h2 id="sd-perf-title">Service performance report — {title}</h2>
          <p className="sd-muted" data-testid="sd-perf-status">
            {status ? <Lozenge appearance={STATUS_APPEARANCE[status] ?? 'default'}>{status}</Lozenge> : <Lozenge>Not saved</Lozenge>}
            {report ? ` ${report.id}` : ''}
            {report?.current ? ` · version ${report.current.version}, approved by ${report.current.approvedBy ?? '—'} ${formatWhen(report.current.approvedAt)}` : ''}
            {report?.current?.content.sharedWith ? ` · shared with ${report.current.content.sharedWith.organizationName}` : ''}
            {figures ? ` · days in ${figures.period.timeZone}; figures ${saved ? 'frozen' : 'computed'} ${formatWhen(figures.computedAt)}` : ''}
          </p>
        </header>
        {figures ? <ReportFigures figures={figures} audience="team" /> : null}

        <section className="sd-perf-section" aria-labelledby="sd-perf-comment-h">
          <h3 id="sd-perf-comment-h">Commentary</h3>
          {editable ? (
            <div className="sd-no-print"><TextArea aria-label="Commentary" value={commentary} onChange={(e) => setCommentary(e.currentTarget.value)} testId="sd-perf-commentary" /></div>
          ) : null}
          <p className={editable ? 'sd-print-only' : ''} data-testid="sd-perf-commentary-text">{commentary || '—'}</p>
          <h3>Action items from the previous report</h3>
          <ActionList items={previous} onChange={setPrevious} editable={editable} label="Previous action item" testId="sd-perf-previous" />
          <h3>Action items proposed for the coming period</h3>
          <ActionList items={proposed} onChange={setProposed} editable={editable} label="Proposed action item" testId="sd-perf-proposed" />
        </section>
        <p className="sd-hint">Why? The service performance report (WP.19) is drafted and approved by the Relationship Manager or Service Manager and shared with the customer (RE.2.4, D21); times are business time on the agreement’s service hours (D22).</p>
      </article>

      <div className="sd-perf-buttons sd-no-print" data-testid="sd-perf-workflow">
        {perms.draft && editable ? <Button appearance="primary" onClick={save} testId="sd-perf-save">Save draft</Button> : null}
        {perms.approve && report?.draft ? <Button appearance="primary" onClick={approve} testId="sd-perf-approve">Approve</Button> : null}
        {perms.share && report?.status === 'Approved' && report.current?.content.organization ? <Button onClick={share} testId="sd-perf-share">Share with {report.current.content.organization.name}</Button> : null}
        {!perms.draft ? <p className="sd-muted">Only the Relationship Manager or the Service Manager save, approve and share reports.</p> : null}
      </div>

      <section className="sd-perf-saved sd-no-print" aria-labelledby="sd-perf-saved-h">
        <h3 id="sd-perf-saved-h">Saved reports</h3>
        {list.reports.length === 0 ? <p>No report saved yet.</p> : (
          <table className="sd-perf-table" data-testid="sd-perf-list">
            <thead><tr><th scope="col">Report</th><th scope="col">Period</th><th scope="col">Status</th><th scope="col">Updated</th><th scope="col"><span className="sd-visually-hidden">Open</span></th></tr></thead>
            <tbody>
              {list.reports.map((r) => (
                <tr key={r.id} data-testid={`sd-perf-row-${r.id}`}>
                  <th scope="row">{r.agreement ? `${r.agreement.issueKey} ${r.agreement.title}` : 'All agreements'}</th>
                  <td>{r.scope.fromDay} – {r.scope.toDay}</td>
                  <td><Lozenge appearance={STATUS_APPEARANCE[r.status] ?? 'default'}>{r.status}</Lozenge>{r.hasDraft && r.status !== 'Draft' ? ' (draft pending)' : ''}</td>
                  <td>{formatWhen(r.updatedAt)}</td>
                  <td><Button appearance="subtle" onClick={() => { setAgreement(r.scope.agreement ?? ALL); setMonth(r.scope.fromDay.slice(0, 7)); }}>Open</Button></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {perms.rebuild ? (
          <div className="sd-perf-rebuild">
            <p className="sd-muted" data-testid="sd-perf-rebuild-status">
              The figures are kept as incidents are evaluated. If the app was installed late or its storage was lost, rebuild them from Jira.
              {list.rebuild.status !== 'idle' ? ` Last rebuild: ${list.rebuild.status === 'done' ? `finished ${formatWhen(list.rebuild.finishedAt)}` : 'not finished'}, ${list.rebuild.incidents} incidents.` : ''}
            </p>
            <Button onClick={() => rebuild(list.rebuild.status !== 'running')} testId="sd-perf-rebuild">{list.rebuild.status === 'running' ? 'Continue rebuilding' : 'Rebuild from Jira'}</Button>
          </div>
        ) : null}
      </section>
    </div>
  );
}
