/**
 * Plain SVG charts for the change reports (no chart library), shaped like the incident reports' charts: a figure
 * with a caption, an SVG with a short `aria-label`, the same numbers in a table (visible or visually hidden), and
 * legends in HTML so their words wrap instead of overlapping. Colours are design tokens (light and dark mode).
 */
import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';
import { CHANGE_OUTCOME_WORDS, CHANGE_REPORT_OUTCOMES, CHANGE_TYPE_WORDS, type ChangeReportOutcome, type ChangeType, type ChangeTypeFigures, type Ratio } from '@contract/change-reports';
import { percent, plural } from './format';

const FONT_SIZE = 12;
const AXIS_FONT_SIZE = 11;

export const OUTCOME_COLOURS: Readonly<Record<ChangeReportOutcome, string>> = {
  successful: token('color.chart.success.bold'),
  failed: token('color.chart.danger.bold'),
  'backed-out': token('color.chart.warning.bold'),
  rejected: token('color.chart.magenta.bold'),
  cancelled: token('color.chart.gray.bold'),
  'not-recorded': token('color.chart.neutral'),
  'in-progress': token('color.chart.blue.bold'),
};

export const TYPE_COLOURS: Readonly<Record<ChangeType, string>> = {
  normal: token('color.chart.blue.bold'),
  emergency: token('color.chart.orange.bold'),
  'pre-approved': token('color.chart.teal.bold'),
};

function Figure({ id, caption, children, table, legend }: { id: string; caption: string; children: ReactNode; table: ReactNode; legend?: ReactNode }) {
  return (
    <figure className="sd-rep-figure" aria-labelledby={`${id}-caption`} data-testid={id}>
      <figcaption id={`${id}-caption`} className="sd-rep-figcaption">
        {caption}
      </figcaption>
      <div className="sd-rep-chart">{children}</div>
      {legend}
      <div className="sd-visually-hidden">{table}</div>
    </figure>
  );
}

function Legend({ items }: { items: ReadonlyArray<{ key: string; colour: string; text: string }> }) {
  return (
    <ul className="sd-chg-legend" aria-hidden="true">
      {items.map((i) => (
        <li key={i.key}>
          <span className="sd-chg-swatch" style={{ background: i.colour }} />
          {i.text}
        </li>
      ))}
    </ul>
  );
}

/** Changes raised in the period per type, each bar split by where the changes stand now (RPT-17). */
export function OutcomeByTypeChart({ id, byType }: { id: string; byType: readonly ChangeTypeFigures[] }) {
  const label = 104;
  const plot = 320;
  const rowHeight = 30;
  const width = label + plot + 56;
  const height = rowHeight * byType.length + 4;
  const max = Math.max(1, ...byType.map((t) => t.raised));
  const present = CHANGE_REPORT_OUTCOMES.filter((o) => byType.some((t) => t.outcomes[o] > 0));
  return (
    <Figure
      id={id}
      caption="Changes raised in the period, by type and where they stand now"
      legend={<Legend items={present.map((o) => ({ key: o, colour: OUTCOME_COLOURS[o], text: CHANGE_OUTCOME_WORDS[o] }))} />}
      table={
        <table>
          <caption>Changes raised per type and outcome</caption>
          <thead>
            <tr>
              <th scope="col">Type</th>
              {CHANGE_REPORT_OUTCOMES.map((o) => <th key={o} scope="col">{CHANGE_OUTCOME_WORDS[o]}</th>)}
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            {byType.map((t) => (
              <tr key={t.type}>
                <th scope="row">{CHANGE_TYPE_WORDS[t.type]}</th>
                {CHANGE_REPORT_OUTCOMES.map((o) => <td key={o}>{t.outcomes[o]}</td>)}
                <td>{t.raised}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <svg
        role="img"
        aria-label={`Stacked bar chart: changes raised per type: ${byType.map((t) => `${CHANGE_TYPE_WORDS[t.type]} ${t.raised}`).join(', ')}.`}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
      >
        {byType.map((t, i) => {
          const y = i * rowHeight + 4;
          let x = label;
          return (
            <g key={t.type} data-testid={`${id}-bar`}>
              <text x={label - 8} y={y + 15} textAnchor="end" fontSize={FONT_SIZE} fill={token('color.text')}>
                {CHANGE_TYPE_WORDS[t.type]}
              </text>
              <rect x={label} y={y} width={plot} height={rowHeight - 10} rx={2} fill={token('color.background.neutral')} />
              {CHANGE_REPORT_OUTCOMES.filter((o) => t.outcomes[o] > 0).map((o) => {
                const w = (t.outcomes[o] / max) * plot;
                const seg = (
                  <rect key={o} x={x} y={y} width={w} height={rowHeight - 10} fill={OUTCOME_COLOURS[o]}>
                    <title>{`${CHANGE_TYPE_WORDS[t.type]}, ${CHANGE_OUTCOME_WORDS[o].toLowerCase()}: ${plural(t.outcomes[o], 'change')}`}</title>
                  </rect>
                );
                x += w;
                return seg;
              })}
              <text x={label + plot + 8} y={y + 15} fontSize={FONT_SIZE} fill={token('color.text.subtle')}>
                {t.raised}
              </text>
            </g>
          );
        })}
      </svg>
    </Figure>
  );
}

/** Horizontal bars 0–100 %: one ratio per row (success rate per type, MET-35). */
export function RateChart({ id, caption, rows, none }: { id: string; caption: string; rows: ReadonlyArray<{ key: string; label: string; ratio: Ratio }>; none: string }) {
  const label = 104;
  const plot = 240;
  const rowHeight = 28;
  const width = label + plot + 150;
  const height = rowHeight * rows.length + 24;
  return (
    <Figure
      id={id}
      caption={caption}
      table={
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">%</th>
              <th scope="col">Of</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td>{percent(r.ratio.percent)}</td>
                <td>{`${r.ratio.numerator} of ${r.ratio.denominator}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <svg
        role="img"
        aria-label={`Bar chart: ${rows.map((r) => `${r.label} ${r.ratio.percent === null ? none : `${percent(r.ratio.percent)}%`}`).join(', ')}.`}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
      >
        {[0, 50, 100].map((t) => (
          <g key={t}>
            <line x1={label + (t / 100) * plot} x2={label + (t / 100) * plot} y1={0} y2={height - 16} stroke={token('color.border')} strokeWidth={1} />
            <text x={label + (t / 100) * plot} y={height - 4} textAnchor="middle" fontSize={AXIS_FONT_SIZE} fill={token('color.text.subtlest')}>
              {t}%
            </text>
          </g>
        ))}
        {rows.map((r, i) => {
          const y = i * rowHeight + 4;
          const value = r.ratio.percent ?? 0;
          const fill = value >= 95 ? token('color.chart.success.bold') : value >= 80 ? token('color.chart.warning.bold') : token('color.chart.danger.bold');
          return (
            <g key={r.key} data-testid={`${id}-bar`}>
              <text x={label - 8} y={y + 14} textAnchor="end" fontSize={FONT_SIZE} fill={token('color.text')}>
                {r.label}
              </text>
              <rect x={label} y={y} width={plot} height={rowHeight - 10} rx={2} fill={token('color.background.neutral')} />
              {r.ratio.percent !== null ? (
                <rect x={label} y={y} width={(value / 100) * plot} height={rowHeight - 10} rx={2} fill={fill}>
                  <title>{`${r.label}: ${percent(r.ratio.percent)}% (${r.ratio.numerator} of ${r.ratio.denominator})`}</title>
                </rect>
              ) : null}
              <text x={label + plot + 8} y={y + 14} fontSize={FONT_SIZE} fill={token('color.text.subtle')}>
                {r.ratio.percent === null ? none : `${percent(r.ratio.percent)}% (${r.ratio.numerator}/${r.ratio.denominator})`}
              </text>
            </g>
          );
        })}
      </svg>
    </Figure>
  );
}

/** One 100 % bar: the changes raised in the period by type, the emergency share standing out (CHG-09). */
export function TypeMixChart({ id, byType, emergencyShare }: { id: string; byType: readonly ChangeTypeFigures[]; emergencyShare: Ratio }) {
  const plot = 420;
  const width = plot + 8;
  const height = 32;
  const total = byType.reduce((s, t) => s + t.raised, 0);
  let x = 4;
  return (
    <Figure
      id={id}
      caption="Share of each change type among the changes raised"
      legend={<Legend items={byType.map((t) => ({ key: t.type, colour: TYPE_COLOURS[t.type], text: `${CHANGE_TYPE_WORDS[t.type]} ${total === 0 ? '—' : `${percent((t.raised * 100) / total)}%`} (${t.raised})` }))} />}
      table={
        <table>
          <caption>Changes raised per type</caption>
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">Raised</th>
              <th scope="col">Share (%)</th>
            </tr>
          </thead>
          <tbody>
            {byType.map((t) => (
              <tr key={t.type}>
                <th scope="row">{CHANGE_TYPE_WORDS[t.type]}</th>
                <td>{t.raised}</td>
                <td>{total === 0 ? '—' : percent((t.raised * 100) / total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <svg
        role="img"
        aria-label={`Bar chart: emergency changes ${emergencyShare.percent === null ? 'none raised' : `${percent(emergencyShare.percent)}% (${emergencyShare.numerator} of ${emergencyShare.denominator})`} of the changes raised.`}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
      >
        <rect x={4} y={4} width={plot} height={height - 8} rx={2} fill={token('color.background.neutral')} />
        {total > 0
          ? byType.filter((t) => t.raised > 0).map((t) => {
            const w = (t.raised / total) * plot;
            const seg = (
              <rect key={t.type} data-testid={`${id}-segment`} x={x} y={4} width={w} height={height - 8} fill={TYPE_COLOURS[t.type]}>
                <title>{`${CHANGE_TYPE_WORDS[t.type]}: ${percent((t.raised * 100) / total)}% (${plural(t.raised, 'change')})`}</title>
              </rect>
            );
            x += w;
            return seg;
          })
          : null}
      </svg>
    </Figure>
  );
}
