/**
 * The Reports page (issue 15): satisfaction, first-response time, conversations per day by
 * channel, missed calls and callbacks kept, over the last 7, 14 or 30 days, in this browser's days.
 * Charts are hand-made SVG (no chart library: a few hundred bytes), each an image with a text
 * summary for screen readers and the numbers in a table below it.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ReportDay, Reports as Data } from '../../protocol/reports';
import { reports } from '../api';
import { text } from '../strings';

const PERIODS = [7, 14, 30] as const;
const W = 560;
const H = 160;
const PAD = { l: 36, r: 8, t: 10, b: 22 };

export function Reports({ onClose }: { onClose: () => void }): JSX.Element {
  const [days, setDays] = useState<number>(14);
  const [data, setData] = useState<Data | null | 'loading'>('loading');
  useEffect(() => {
    let live = true;
    setData('loading');
    void reports(days).then((r) => live && setData(r));
    return () => {
      live = false;
    };
  }, [days]);
  return (
    <main class="reports" id="thread" data-testid="reports" aria-labelledby="reports-h">
      <header class="reports-head">
        <h1 id="reports-h">{text.reportsTitle}</h1>
        <div class="seg" role="group" aria-label={text.reportsPeriod}>
          {PERIODS.map((p) => (
            <button key={p} type="button" class="btn" aria-pressed={days === p} onClick={() => setDays(p)}>
              {text.reportsDays(p)}
            </button>
          ))}
        </div>
        <span class="spacer" />
        <button type="button" class="btn" data-testid="reports-close" onClick={onClose}>
          {text.reportsBack}
        </button>
      </header>
      {data === 'loading' ? (
        <p role="status">{text.reportsLoading}</p>
      ) : !data ? (
        <p role="alert">{text.reportsFailed}</p>
      ) : (
        <div class="charts">
          <Chart id="csat" title={text.reportsCsat} summary={data.totals.csatAverage === null ? text.reportsNoCsat : text.reportsCsatSummary(data.totals.csatAverage, data.totals.csatCount)}>
            <Bars labels={['1', '2', '3', '4', '5']} series={[{ name: text.reportsAnswers, values: data.totals.csatDistribution, cls: 'b1' }]} />
          </Chart>
          <Chart
            id="frt"
            title={text.reportsFirstResponse}
            summary={data.totals.firstResponseMedianMs === null ? text.reportsNoResponses : text.reportsFrtSummary(minutes(data.totals.firstResponseMedianMs), data.totals.firstResponses)}
          >
            <Bars labels={data.days.map(short)} series={[{ name: text.reportsMinutes, values: data.days.map((d) => (d.firstResponseMedianMs === null ? 0 : minutes(d.firstResponseMedianMs))), cls: 'b2' }]} />
          </Chart>
          <Chart id="volume" title={text.reportsVolume} summary={text.reportsVolumeSummary(data.totals.chats, data.totals.calls)}>
            <Bars
              labels={data.days.map(short)}
              stacked
              series={[
                { name: text.reportsChats, values: data.days.map((d) => d.chats), cls: 'b1' },
                { name: text.reportsCalls, values: data.days.map((d) => d.calls), cls: 'b3' },
              ]}
            />
          </Chart>
          <Chart id="missed" title={text.reportsMissed} summary={text.reportsMissedSummary(data.totals.missedCalls)}>
            <Bars labels={data.days.map(short)} series={[{ name: text.reportsMissedShort, values: data.days.map((d) => d.missedCalls), cls: 'b4' }]} />
          </Chart>
          <Chart
            id="callbacks"
            title={text.reportsCallbacks}
            summary={data.totals.callbacksDue === 0 ? text.reportsNoCallbacks : text.reportsCallbacksSummary(data.totals.callbacksKept, data.totals.callbacksDue)}
          >
            {data.totals.callbacksDue === 0 ? null : (
              <Bars
                labels={data.days.map(short)}
                series={[
                  { name: text.reportsDue, values: data.days.map((d: ReportDay) => d.callbacksDue), cls: 'b5' },
                  { name: text.reportsKept, values: data.days.map((d: ReportDay) => d.callbacksKept), cls: 'b1' },
                ]}
              />
            )}
          </Chart>
          {data.truncated ? <p class="muted">{text.reportsTruncated}</p> : null}
        </div>
      )}
    </main>
  );
}

function Chart({ id, title, summary, children }: { id: string; title: string; summary: string; children: JSX.Element | null }): JSX.Element {
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

interface Series {
  name: string;
  values: readonly number[];
  cls: string;
}

/** Bars per label, side by side or stacked, with a light grid and the maximum on the axis; the numbers as a table for screen readers. */
function Bars({ labels, series, stacked = false }: { labels: string[]; series: Series[]; stacked?: boolean }): JSX.Element {
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
      <table class="sr-only">
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
      </table>
    </>
  );
}

const minutes = (ms: number) => Math.round(ms / 6000) / 10;
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
/** 1, 2, 5 × 10^k at or above `n`. */
function niceMax(n: number): number {
  const p = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 5, 10].map((m) => m * p).find((m) => m >= n)!;
}
/** "12-03" → "3 Dec" in the agent's language. */
function short(d: ReportDay | string): string {
  const day = typeof d === 'string' ? d : d.day;
  return new Date(`${day}T12:00:00Z`).toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
}
