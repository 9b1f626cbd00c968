/**
 * Plain SVG charts for the incident reports (no chart library: the project page chunk stays small). Every chart
 * is a figure with a caption, an SVG with a short `aria-label`, and the same numbers in a visually hidden table
 * for screen readers. Colours are design tokens, so light and dark mode both work.
 */
import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';
import type { Trend } from '../api';
import { percent, plural } from './format';

interface Ratio {
  numerator: number;
  denominator: number;
  percent: number | null;
}

const AXIS_FONT_SIZE = 11;

function Figure({ id, caption, children, table }: { id: string; caption: string; children: ReactNode; table: ReactNode }) {
  return (
    <figure className="sd-rep-figure" aria-labelledby={`${id}-caption`} data-testid={id}>
      <figcaption id={`${id}-caption`} className="sd-rep-figcaption">
        {caption}
      </figcaption>
      <div className="sd-rep-chart">{children}</div>
      <div className="sd-visually-hidden">{table}</div>
    </figure>
  );
}

/** Vertical bars: incidents opened per bucket (MET-06). */
export function VolumeChart({ id, buckets, bucketNoun, label }: { id: string; buckets: ReadonlyArray<{ bucket: string; count: number }>; bucketNoun: string; label: (bucket: string) => string }) {
  const total = buckets.reduce((s, b) => s + b.count, 0);
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const slot = Math.max(14, Math.min(56, Math.floor(640 / Math.max(1, buckets.length))));
  // Room on the left for the axis numbers and the first (rotated) bucket label, below for the labels.
  const left = 60;
  const top = 16;
  const plotHeight = 120;
  const width = left + slot * buckets.length + 8;
  // Axis labels stand upright (rotated a quarter turn): their boxes never overlap, however many buckets.
  const height = top + plotHeight + 96;
  // Label at most ~12 buckets on the axis; every bar has its own tooltip and table row.
  const every = Math.max(1, Math.ceil(buckets.length / 12));
  const ticks = [...new Set([0, Math.round(max / 2), max])];
  const y = (v: number): number => top + plotHeight - (v / max) * plotHeight;
  return (
    <Figure
      id={id}
      caption={`Incidents opened per ${bucketNoun}`}
      table={
        <table>
          <caption>Incidents opened per {bucketNoun}</caption>
          <thead>
            <tr>
              <th scope="col">{bucketNoun}</th>
              <th scope="col">Incidents opened</th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b.bucket}>
                <th scope="row">{label(b.bucket)}</th>
                <td>{b.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <svg
        role="img"
        aria-label={`Bar chart: ${plural(total, 'incident')} opened over ${plural(buckets.length, bucketNoun)}, at most ${max} in one ${bucketNoun}.`}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
      >
        {ticks.map((t) => (
          <g key={t}>
            <line x1={left} x2={width - 4} y1={y(t)} y2={y(t)} stroke={token('color.border')} strokeWidth={1} />
            <text x={left - 8} y={y(t) + 4} textAnchor="end" fontSize={AXIS_FONT_SIZE} fill={token('color.text.subtlest')}>
              {t}
            </text>
          </g>
        ))}
        {buckets.map((b, i) => {
          const x = left + i * slot + 2;
          const h = (b.count / max) * plotHeight;
          return (
            <g key={b.bucket} data-testid={`${id}-bar`}>
              <rect x={x} y={top + plotHeight - h} width={slot - 4} height={h} rx={2} fill={token('color.chart.brand')}>
                <title>{`${label(b.bucket)}: ${plural(b.count, 'incident')}`}</title>
              </rect>
              {b.count > 0 && slot >= 22 ? (
                <text x={x + (slot - 4) / 2} y={top + plotHeight - h - 4} textAnchor="middle" fontSize={AXIS_FONT_SIZE} fill={token('color.text')}>
                  {b.count}
                </text>
              ) : null}
              {i % every === 0 ? (
                <text
                  x={x + (slot - 4) / 2 + 4}
                  y={top + plotHeight + 8}
                  textAnchor="end"
                  fontSize={AXIS_FONT_SIZE}
                  fill={token('color.text.subtle')}
                  transform={`rotate(-90 ${x + (slot - 4) / 2 + 4} ${top + plotHeight + 8})`}
                >
                  {label(b.bucket)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
    </Figure>
  );
}

/** Horizontal bars 0–100 %: SLA attainment per priority (MET-01). */
export function AttainmentChart({ id, rows }: { id: string; rows: ReadonlyArray<{ priority: string; items: Ratio }> }) {
  const label = 112;
  const plot = 280;
  const rowHeight = 28;
  const width = label + plot + 120;
  const height = rowHeight * rows.length + 24;
  return (
    <Figure
      id={id}
      caption="Targets met per priority (resolved incidents that met all their targets)"
      table={
        <table>
          <caption>Targets met per priority</caption>
          <thead>
            <tr>
              <th scope="col">Priority</th>
              <th scope="col">Attainment (%)</th>
              <th scope="col">Met all targets</th>
              <th scope="col">Resolved with targets</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.priority}>
                <th scope="row">{r.priority}</th>
                <td>{percent(r.items.percent)}</td>
                <td>{r.items.numerator}</td>
                <td>{r.items.denominator}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <svg
        role="img"
        aria-label={`Bar chart: targets met for ${plural(rows.length, 'priority', 'priorities')}: ${rows.map((r) => `${r.priority} ${percent(r.items.percent)}%`).join(', ')}.`}
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
          const value = r.items.percent ?? 0;
          const fill = value >= 95 ? token('color.chart.success.bold') : value >= 80 ? token('color.chart.warning.bold') : token('color.chart.danger.bold');
          return (
            <g key={r.priority} data-testid={`${id}-bar`}>
              <text x={label - 8} y={y + 14} textAnchor="end" fontSize={12} fill={token('color.text')}>
                {r.priority}
              </text>
              <rect x={label} y={y} width={plot} height={rowHeight - 10} rx={2} fill={token('color.background.neutral')} />
              {r.items.percent !== null ? (
                <rect x={label} y={y} width={(value / 100) * plot} height={rowHeight - 10} rx={2} fill={fill}>
                  <title>{`${r.priority}: ${percent(r.items.percent)}% (${r.items.numerator} of ${r.items.denominator})`}</title>
                </rect>
              ) : null}
              <text x={label + plot + 8} y={y + 14} fontSize={12} fill={token('color.text.subtle')}>
                {r.items.percent === null ? 'no targets decided' : `${percent(r.items.percent)}% (${r.items.numerator}/${r.items.denominator})`}
              </text>
            </g>
          );
        })}
      </svg>
    </Figure>
  );
}

/** A trend as a table: one row per value (category, CI), one column per bucket, and the total. */
/**
 * A trend as a table: one row per value (category, CI), one column per bucket, and the total. The first column and
 * the total stay in place while a long period scrolls sideways; headers never wrap into each other.
 */
export function TrendTable({ id, caption, dimension, trend, noneLabel, note, label }: { id: string; caption: string; dimension: string; trend: Trend; noneLabel: string; note?: string; label: (bucket: string) => string }) {
  return (
    <figure className="sd-rep-figure" data-testid={id} aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="sd-rep-figcaption">
        {caption}
        {note ? <span className="sd-rep-hint"> {note}</span> : null}
      </figcaption>
      <div className="sd-rep-table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
      <table className="sd-table sd-rep-trend">
        <thead>
          <tr>
            <th scope="col" className="sd-rep-sticky">{dimension}</th>
            {trend.buckets.map((b) => (
              <th key={b} scope="col" className="sd-num sd-rep-nowrap">
                {label(b)}
              </th>
            ))}
            <th scope="col" className="sd-num">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {trend.rows.map((row) => (
            <tr key={row.key ?? '\u0000none'}>
              <th scope="row" className="sd-rep-sticky">{row.key ?? noneLabel}</th>
              {row.counts.map((n, i) => (
                <td key={trend.buckets[i] ?? i} className="sd-num">
                  {n}
                </td>
              ))}
              <td className="sd-num sd-rep-total">{row.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </figure>
  );
}
