/**
 * The Insights page (issue 20): what led visitors to contact the team, from the context their
 * conversations began with (GET /api/agent/insights): the pages they were on, the friction they
 * hit, campaigns, entry points, help articles read first. Per section a bar chart (./charts.tsx,
 * hidden from screen readers) beside a table of the same numbers with satisfaction, time to
 * resolution and example conversations, which open read-only in the thread as Search's results do.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { INSIGHT_KINDS, INSIGHTS_CHANNELS, type InsightDriver, type InsightKind, type Insights as Data, type InsightsChannel, type InsightSurvey } from '../../protocol/insights';
import { insights, insightsUrl } from '../api';
import { duration, text } from '../strings';
import { Bars, Chart } from './charts';

const PERIODS = [7, 30, 90, 365] as const;
/** Bars per chart: the table lists every driver the server sent (INSIGHTS_TOP_DEFAULT). */
const CHART_BARS = 10;
const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;

export function Insights({ onClose, onOpen }: { onClose: () => void; onOpen: (conversationId: string) => void }): JSX.Element {
  const [days, setDays] = useState<number>(30);
  const [channel, setChannel] = useState<InsightsChannel>('all');
  const [data, setData] = useState<Data | null | 'loading'>('loading');
  useEffect(() => {
    let live = true;
    setData('loading');
    void insights(days, channel).then((r) => live && setData(r));
    return () => {
      live = false;
    };
  }, [days, channel]);
  return (
    <main class="reports insights" id="thread" data-testid="insights" aria-labelledby="insights-h">
      <header class="reports-head">
        <h1 id="insights-h">{text.insightsTitle}</h1>
        <div class="seg" role="group" aria-label={text.reportsPeriod}>
          {PERIODS.map((p) => (
            <button key={p} type="button" class="btn" aria-pressed={days === p} onClick={() => setDays(p)}>
              {text.reportsDays(p)}
            </button>
          ))}
        </div>
        <div class="seg" role="group" aria-label={text.insightsChannel}>
          {INSIGHTS_CHANNELS.map((c) => (
            <button key={c} type="button" class="btn" aria-pressed={channel === c} onClick={() => setChannel(c)}>
              {text.insightsChannels[c]}
            </button>
          ))}
        </div>
        <span class="spacer" />
        <a class="btn" href={insightsUrl(days, channel, true)} download data-testid="insights-csv">
          {text.insightsCsv}
        </a>
        <button type="button" class="btn" data-testid="insights-close" onClick={onClose}>
          {text.reportsBack}
        </button>
      </header>
      {data === 'loading' ? (
        <p role="status">{text.insightsLoading}</p>
      ) : !data ? (
        <p role="alert">{text.insightsFailed}</p>
      ) : (
        <>
          <p class="insights-total" data-testid="insights-total">
            {text.insightsTotal(data.contacts, data.previousContacts)} <span class="muted">{text.insightsConsent}</span>
          </p>
          <div class="insight-list">
            {INSIGHT_KINDS.map((kind) => (
              <Section key={kind} kind={kind} drivers={data.drivers[kind] ?? []} onOpen={onOpen} />
            ))}
            <SurveySection surveys={data.surveys ?? []} />
          </div>
        </>
      )}
    </main>
  );
}

function Section({ kind, drivers, onOpen }: { kind: InsightKind; drivers: InsightDriver[]; onOpen: (id: string) => void }): JSX.Element {
  const title = text.insightsSections[kind]!;
  const name = (d: InsightDriver) => (kind === 'entry' ? text.insightsEntry(d.key) : d.key);
  const top = drivers[0];
  return (
    <Chart id={`insight-${kind}`} title={title} summary={top ? text.insightsTop(name(top), pct(top.share)) : text.insightsNone}>
      {drivers.length ? (
        <div class="insight-body">
          <Bars
            labels={drivers.slice(0, CHART_BARS).map((_, i) => String(i + 1))}
            series={[{ name: text.insightsContacts, values: drivers.slice(0, CHART_BARS).map((d) => d.contacts), cls: 'b1' }]}
            table={false}
          />
          <div class="table-wrap" role="region" tabIndex={0} aria-label={text.insightsTableOf(title)}>
            <table class="insight-table" data-testid={`insight-table-${kind}`}>
              <thead>
                <tr>
                  <th scope="col">{text.insightsRank}</th>
                  <th scope="col">{text.insightsDriver[kind]}</th>
                  <th scope="col">{text.insightsContacts}</th>
                  <th scope="col">{text.insightsShare}</th>
                  <th scope="col">{text.insightsChange}</th>
                  <th scope="col">{text.insightsCsat}</th>
                  <th scope="col">{text.insightsResolution}</th>
                  <th scope="col">{text.insightsExamples}</th>
                </tr>
              </thead>
              <tbody>
                {drivers.map((d, i) => (
                  <tr key={d.key} data-key={d.key}>
                    <td>{i + 1}</td>
                    <th scope="row" class="driver">
                      <span class="driver-key">{name(d)}</span>
                      {d.label ? <span class="muted driver-label">{d.label}</span> : null}
                    </th>
                    <td data-col="contacts">{d.contacts}</td>
                    <td>{pct(d.share)}</td>
                    <td>
                      <span aria-hidden="true" class={d.change > 0 ? 'up' : d.change < 0 ? 'down' : ''}>
                        {text.insightsChangeValue(d.change)}
                      </span>
                      <span class="sr-only">{text.insightsChangeLabel(d.change)}</span>
                    </td>
                    <td>{d.csatAverage === null ? '–' : text.insightsCsatValue(d.csatAverage, d.csatCount)}</td>
                    <td>{d.resolutionMedianMs === null ? '–' : duration(d.resolutionMedianMs)}</td>
                    <td class="examples">
                      {d.examples.map((id, n) => (
                        <button key={id} type="button" class="link-btn" aria-label={text.insightsExample(n + 1, name(d))} data-conversation={id} onClick={() => onOpen(id)}>
                          {n + 1}
                        </button>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </Chart>
  );
}

/** Micro-survey answers per page and question (every channel: answers are not contacts). */
function SurveySection({ surveys }: { surveys: InsightSurvey[] }): JSX.Element {
  const top = surveys[0];
  const mean = (a: InsightSurvey) => (a.scale === 'five' ? text.insightsSurveyMean(a.average) : text.insightsSurveyYes(pct(a.average)));
  return (
    <Chart id="insight-surveys" title={text.insightsSurveys} summary={top ? text.insightsSurveyTop(top.question, top.path, mean(top)) : text.insightsNone}>
      {surveys.length ? (
        <div class="table-wrap" role="region" tabIndex={0} aria-label={text.insightsTableOf(text.insightsSurveys)}>
          <table class="insight-table" data-testid="insight-table-surveys">
            <thead>
              <tr>
                <th scope="col">{text.insightsDriver.page}</th>
                <th scope="col">{text.insightsSurveyQuestion}</th>
                <th scope="col">{text.insightsSurveyAnswers}</th>
                <th scope="col">{text.insightsSurveyResult}</th>
                <th scope="col">{text.insightsSurveyPoor}</th>
              </tr>
            </thead>
            <tbody>
              {surveys.map((a) => (
                <tr key={`${a.path} ${a.rule}`} data-key={a.path}>
                  <th scope="row" class="driver">
                    {a.path}
                  </th>
                  <td class="question">{a.question}</td>
                  <td data-col="answers">{a.answers}</td>
                  <td data-col="result">{mean(a)}</td>
                  <td>{a.poor}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Chart>
  );
}
