/**
 * The console's charts (Reports, Insights): hand-made SVG bars (no chart library: a few hundred
 * bytes), each drawn as an image hidden from screen readers, with a text summary above it and its
 * numbers in a table: a screen-reader-only one here, or the page's own visible table beside it.
 */
import type { ComponentChildren, JSX } from 'preact';
import { text } from '../strings';

const W = 560;
const H = 160;
const PAD = { l: 36, r: 8, t: 10, b: 22 };

export function Chart({ id, title, summary, children }: { id: string; title: string; summary: string; children: ComponentChildren }): JSX.Element {
  return (
    <section class="chart" data-testid={`chart-${id}`} aria-labelledby={`chart-${id}-h`}>
      <h2 id={`chart-${id}-h`}>{title}</h2>
      <p class="chart-sum" data-testid={`chart-${id}-summary`}>
        {summary}
      </p>
      {children}
    </section>
  );
}

export interface Series {
  name: string;
  values: readonly number[];
  cls: string;
}
/**
 * Bars per label, side by side or stacked, with a light grid and the maximum on the axis; the
 * numbers as a table for screen readers unless `table` is false (the page shows its own beside it).
 */
export function Bars({ labels, series, stacked = false, table = true }: { labels: string[]; series: Series[]; stacked?: boolean; table?: boolean }): JSX.Element {
  const totals = labels.map((_, i) => (stacked ? series.reduce((s, x) => s + (x.values[i] ?? 0), 0) : Math.max(...series.map((x) => x.values[i] ?? 0))));
  const max = niceMax(Math.max(1, ...totals));
  const iw = W - PAD.l - PAD.r;
  const ih = H - PAD.t - PAD.b;
  const slot = iw / labels.length;
  const groups = stacked ? 1 : series.length;
  const bw = Math.max(2, Math.min(28, (slot * 0.7) / groups));
  const y = (v: number) => PAD.t + ih - (v / max) * ih;
  const every = Math.ceil(labels.length / 10);
  // Counts have no half: the middle line only where it falls on a whole number (or for minutes).
  const whole = series.every((x) => x.values.every(Number.isInteger));
  const ticks = [0, 0.5, 1].filter((f) => !whole || Number.isInteger(max * f));
  return (
    <>
      <svg viewBox={`0 0 ${W} ${H}`} class="bars" aria-hidden="true" focusable="false">
        {ticks.map((f) => (
          <g key={f}>
            <line x1={PAD.l} x2={W - PAD.r} y1={y(max * f)} y2={y(max * f)} class="grid" />
            <text x={PAD.l - 6} y={y(max * f) + 4} text-anchor="end" class="axis">
              {fmt(max * f)}
            </text>
          </g>
        ))}
        {labels.map((label, i) => {
          let base = 0;
          return (
            <g key={label + i}>
              {series.map((s, k) => {
                const v = s.values[i] ?? 0;
                const x = PAD.l + slot * i + (slot - bw * groups) / 2 + (stacked ? 0 : k * bw);
                const top = stacked ? base + v : v;
                const rect = v > 0 ? <rect key={s.name} x={x} y={y(top)} width={bw - 1} height={y(stacked ? base : 0) - y(top)} class={s.cls} /> : null;
                if (stacked) base += v;
                return rect;
              })}
              {i % every === 0 ? (
                <text x={PAD.l + slot * i + slot / 2} y={H - 6} text-anchor="middle" class="axis">
                  {label}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      {series.length > 1 ? (
        <p class="legend" aria-hidden="true">
          {series.map((s) => (
            <span key={s.name}>
              <i class={s.cls} />
              {s.name}
            </span>
          ))}
        </p>
      ) : null}
      {table ? <table class="sr-only">
        <thead>
          <tr>
            <th scope="col">{text.reportsDay}</th>
            {series.map((s) => (
              <th key={s.name} scope="col">
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {labels.map((label, i) => (
            <tr key={label + i}>
              <th scope="row">{label}</th>
              {series.map((s) => (
                <td key={s.name}>{fmt(s.values[i] ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table> : null}
    </>
  );
}

export const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));
/** 1, 2, 5 × 10^k at or above `n`. */
function niceMax(n: number): number {
  const p = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 5, 10].map((m) => m * p).find((m) => m >= n)!;
}
