/**
 * The Reports page (issue 15): satisfaction, first-response time, conversations per day by
 * channel, missed calls and callbacks kept, over the last 7, 14 or 30 days, in this browser's days.
 * Charts are ./charts.tsx's hand-made SVG bars, each with a text summary and the numbers in a table.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ReportDay, Reports as Data } from '../../protocol/reports';
import { reports } from '../api';
import { shown, text } from '../strings';
import { Bars, Chart } from './charts';

const PERIODS = [7, 14, 30] as const;

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

const minutes = (ms: number) => Math.round(ms / 6000) / 10;
/** "12-03" → "3 Dec" in the agent's language. */
function short(d: ReportDay | string): string {
  const day = typeof d === 'string' ? d : d.day;
  return new Date(`${day}T12:00:00Z`).toLocaleDateString(shown.locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
}
