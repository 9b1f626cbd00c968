import { AttainmentChart } from '../../reports/charts';
import type { PerformanceFigures } from '@contract/performance';

/** Business time in words: "2 h 05 min", "45 min". */
export function businessTime(ms: number | null): string {
  if (ms === null) return '—';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

const pct = (p: number | null): string => (p === null ? '—' : `${p.toLocaleString(undefined, { maximumFractionDigits: 1 })} %`);
const METRIC: Record<string, string> = { firstResponse: 'First response', resolution: 'Resolution' };

/**
 * The figures of a performance report (WP.19), as tables and charts: the team's tab and the customer's portal both
 * show them (the customer's copy carries no D19 conflicts, D26). Every table prints.
 */
export function ReportFigures({ figures, audience }: { figures: Omit<PerformanceFigures, 'conflicts'> & { conflicts?: PerformanceFigures['conflicts'] }; audience: 'team' | 'customer' }) {
  const f = figures;
  const chart = (metric: 'firstResponse' | 'resolution') => f.attainment.filter((a) => a.metric === metric && a.met + a.breached > 0).map((a) => ({ priority: a.priority, items: { numerator: a.met, denominator: a.met + a.breached, percent: a.percent } }));
  return (
    <div className="sd-perf-figures" data-testid="sd-perf-figures">
      <section className="sd-perf-section" aria-labelledby="sd-perf-summary-h">
        <h3 id="sd-perf-summary-h">Summary</h3>
        <table className="sd-perf-table" data-testid="sd-perf-summary">
          <tbody>
            <tr><th scope="row">Incidents opened</th><td>{f.incidents.total}</td></tr>
            <tr><th scope="row">Resolved</th><td>{f.incidents.resolved}</td></tr>
            <tr><th scope="row">Still open</th><td>{f.incidents.open}</td></tr>
            <tr><th scope="row">Major incidents</th><td>{f.incidents.major}</td></tr>
            <tr><th scope="row">Mean time to resolve (service hours)</th><td data-testid="sd-perf-mttr">{businessTime(f.mttrMs)}</td></tr>
            <tr><th scope="row">Mean first response (service hours)</th><td>{businessTime(f.meanFirstResponseMs)}</td></tr>
          </tbody>
        </table>
      </section>

      <section className="sd-perf-section" aria-labelledby="sd-perf-att-h">
        <h3 id="sd-perf-att-h">Targets met</h3>
        <table className="sd-perf-table" data-testid="sd-perf-attainment">
          <thead><tr><th scope="col">Priority</th><th scope="col">Target</th><th scope="col">Agreed time</th><th scope="col">Met</th><th scope="col">Missed</th><th scope="col">Running</th><th scope="col">Met (%)</th></tr></thead>
          <tbody>
            {f.attainment.length === 0 ? <tr><td colSpan={7}>No targets and no incidents in this period.</td></tr> : null}
            {f.attainment.map((a) => (
              <tr key={`${a.priority}-${a.metric}`}>
                <th scope="row">{a.priority}</th><td>{METRIC[a.metric]}</td><td>{a.targetMinutes === null ? '—' : businessTime(a.targetMinutes * 60_000)}</td>
                <td>{a.met}</td><td>{a.breached}</td><td>{a.open}</td><td>{pct(a.percent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="sd-perf-charts">
          {chart('firstResponse').length ? <AttainmentChart id="sd-perf-chart-response" rows={chart('firstResponse')} /> : null}
          {chart('resolution').length ? <AttainmentChart id="sd-perf-chart-resolution" rows={chart('resolution')} /> : null}
        </div>
      </section>

      <section className="sd-perf-section sd-perf-two" aria-label="Incidents by service and by priority">
        <div>
          <h3>Incidents by service</h3>
          <table className="sd-perf-table" data-testid="sd-perf-services">
            <thead><tr><th scope="col">Service</th><th scope="col">Incidents</th><th scope="col">With a missed target</th></tr></thead>
            <tbody>
              {f.byService.length === 0 ? <tr><td colSpan={3}>None.</td></tr> : null}
              {f.byService.map((s) => <tr key={s.service}><th scope="row">{s.service}</th><td>{s.incidents}</td><td>{s.breached}</td></tr>)}
            </tbody>
          </table>
        </div>
        <div>
          <h3>Incidents by priority</h3>
          <table className="sd-perf-table" data-testid="sd-perf-priorities">
            <thead><tr><th scope="col">Priority</th><th scope="col">Incidents</th><th scope="col">With a missed target</th></tr></thead>
            <tbody>
              {f.byPriority.length === 0 ? <tr><td colSpan={3}>None.</td></tr> : null}
              {f.byPriority.map((s) => <tr key={s.priority}><th scope="row">{s.priority}</th><td>{s.incidents}</td><td>{s.breached}</td></tr>)}
            </tbody>
          </table>
        </div>
      </section>

      <section className="sd-perf-section" aria-labelledby="sd-perf-major-h">
        <h3 id="sd-perf-major-h">Major incidents</h3>
        {f.majorIncidents.length === 0 ? <p>No major incident in this period.</p> : (
          <table className="sd-perf-table" data-testid="sd-perf-major">
            <thead><tr><th scope="col">Incident</th><th scope="col">Opened</th><th scope="col">Priority</th><th scope="col">Services</th><th scope="col">Resolved</th></tr></thead>
            <tbody>{f.majorIncidents.map((m) => <tr key={m.issueKey}><th scope="row">{m.issueKey}</th><td>{new Date(m.createdAt).toLocaleString()}</td><td>{m.priority ?? '—'}</td><td>{m.services.join(', ') || '—'}</td><td>{m.resolved ? 'Yes' : 'No'}</td></tr>)}</tbody>
          </table>
        )}
      </section>

      <section className="sd-perf-section sd-perf-two" aria-label="Changes and satisfaction">
        <div>
          <h3>Changes</h3>
          {f.changes === null ? <p>No change records.</p> : (
            <table className="sd-perf-table" data-testid="sd-perf-changes">
              <tbody>
                <tr><th scope="row">Changes in the period</th><td>{f.changes.total}</td></tr>
                <tr><th scope="row">Deployed</th><td>{f.changes.deployed}</td></tr>
                <tr><th scope="row">Failed or backed out</th><td>{f.changes.failed}</td></tr>
                <tr><th scope="row">Rejected</th><td>{f.changes.rejected}</td></tr>
                <tr><th scope="row">Emergency changes</th><td>{f.changes.emergency}</td></tr>
                <tr><th scope="row">Still in progress</th><td>{f.changes.inProgress}</td></tr>
              </tbody>
            </table>
          )}
        </div>
        <div>
          <h3>Satisfaction and complaints</h3>
          {f.feedback === null ? <p data-testid="sd-perf-feedback-none">No feedback figures yet.</p> : (
            <table className="sd-perf-table" data-testid="sd-perf-feedback">
              <tbody>
                <tr><th scope="row">Ratings</th><td>{f.feedback.ratings.count}</td></tr>
                <tr><th scope="row">Average rating (1–5)</th><td>{f.feedback.ratings.average === null ? '—' : f.feedback.ratings.average.toFixed(1)}</td></tr>
                <tr><th scope="row">Complaints received</th><td>{f.feedback.complaints.received}</td></tr>
                <tr><th scope="row">Complaints still open</th><td>{f.feedback.complaints.open}</td></tr>
                <tr><th scope="row">Compliments</th><td>{f.feedback.compliments}</td></tr>
              </tbody>
            </table>
          )}
        </div>
      </section>

      {audience === 'team' ? (
        <section className="sd-perf-section" aria-labelledby="sd-perf-conflicts-h">
          <h3 id="sd-perf-conflicts-h">Supplier and internal targets weaker than this agreement</h3>
          {(f.conflicts ?? []).length === 0 ? <p data-testid="sd-perf-conflicts-none">None found.</p> : (
            <ul data-testid="sd-perf-conflicts">{(f.conflicts ?? []).map((c) => <li key={c.summary}>{c.summary}</li>)}</ul>
          )}
          <p className="sd-hint">Why? An underpinning agreement weaker than the customer target it supports is reported (D19).</p>
        </section>
      ) : null}
    </div>
  );
}
