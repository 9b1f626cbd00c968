import '../global/performance/performance.css';
import Button from '@atlaskit/button/new';
import { useEffect, useState } from 'react';
import { callFunction, messageOf } from '../api';
import { formatWhen } from '../admin/format';
import { ReportFigures } from '../global/performance/ReportFigures';
import { ACTION_STATUS_LABELS, type CustomerReport, type CustomerReportSummary } from '@contract/performance';

/**
 * The customer's "Reports" tab in the portal (WP.19, RE.2.4, D26): the service performance reports the provider
 * approved and shared with the customer's organization, and nothing else (the server decides).
 */
export default function ReportsTab() {
  const [reports, setReports] = useState<CustomerReportSummary[] | null>(null);
  const [open, setOpen] = useState<CustomerReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    callFunction('portalHome.performance.list', {}).then((r) => setReports(r.reports)).catch((e: unknown) => setProblem(messageOf(e)));
  }, []);

  const show = (id: string) => {
    setProblem(null);
    callFunction('portalHome.performance.load', { id }).then((r) => setOpen(r.report)).catch((e: unknown) => setProblem(messageOf(e)));
  };

  if (problem) return <p role="alert" data-testid="sd-portal-reports-error">{problem}</p>;
  if (!reports) return <p role="status">Loading your reports…</p>;
  return (
    <div className="sd-perf" data-testid="sd-portal-reports">
      {reports.length === 0 ? <p data-testid="sd-portal-reports-none">No service performance report has been shared with you yet.</p> : (
        <ul className="sd-no-print" data-testid="sd-portal-reports-list">
          {reports.map((r) => (
            <li key={r.id}>
              <Button appearance="subtle" onClick={() => show(r.id)} testId={`sd-portal-report-${r.id}`}>
                {r.agreement ? r.agreement.title : 'Service report'}: {r.scope.fromDay} – {r.scope.toDay}
              </Button>
              {r.sharedAt ? <span className="sd-muted"> shared {formatWhen(r.sharedAt)}</span> : null}
            </li>
          ))}
        </ul>
      )}
      {open ? (
        <article className="sd-perf-report" data-testid="sd-portal-report" aria-labelledby="sd-portal-report-title">
          <h2 id="sd-portal-report-title">Service performance report — {open.agreement?.title ?? 'all services'}, {open.scope.fromDay} – {open.scope.toDay}</h2>
          <div className="sd-no-print"><Button onClick={() => window.print()} testId="sd-portal-report-print">Print</Button></div>
          <ReportFigures figures={open.figures} audience="customer" />
          <section className="sd-perf-section">
            <h3>Commentary</h3>
            <p>{open.commentary || '—'}</p>
            <h3>Action items for the coming period</h3>
            {open.proposedActions.length === 0 ? <p>None.</p> : <ol>{open.proposedActions.map((a, i) => <li key={i}>{a.text} — {ACTION_STATUS_LABELS[a.status]}</li>)}</ol>}
            <h3>Action items from the previous report</h3>
            {open.previousActions.length === 0 ? <p>None.</p> : <ol>{open.previousActions.map((a, i) => <li key={i}>{a.text} — {ACTION_STATUS_LABELS[a.status]}</li>)}</ol>}
          </section>
        </article>
      ) : null}
    </div>
  );
}
