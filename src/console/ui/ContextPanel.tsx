/** The right column: what the visitor's browser told Baton (ContextSnapshot v1), for the selected conversation. */
import type { ComponentChildren, JSX } from 'preact';
import { contextSections, type ContextRow } from '../../view/contextFields';
import { safeHref } from '../../view/links';
import { UrlText } from '../../view/UrlText';
import { visitorWho, type Conversation } from '../state';
import { ago, duration, fullTime, shown, text } from '../strings';
import { Avatar, VerifiedCheck, VisitorLabel } from './common';
import { Icon } from './icons';
import type { ConsoleStore } from '../store';
import { TagEditor } from './Tags';
import { VisitorHistory } from './VisitorHistory';

export function VerifiedBadge({ verified, field }: { verified: boolean; field: string }): JSX.Element {
  return (
    <span class={`badge ${verified ? 'verified' : 'unverified'}`} data-testid="verified-badge" data-field={field} data-verified={String(verified)}>
      {verified ? <Icon name="check" /> : null}
      {verified ? text.verified : text.unverified}
    </span>
  );
}

/** Tags, and the person's other conversations (./VisitorHistory.tsx). */
function PersonSections({ store, c, now }: { store: ConsoleStore; c: Conversation; now: number }): JSX.Element {
  const others = store.state.history[c.summary.id];
  return (
    <>
      <Section id="tags" title={text.tags} count={c.summary.tags?.length ?? 0}>
        <TagEditor store={store} conversationId={c.summary.id} tags={c.summary.tags ?? []} />
      </Section>
      <Section id="history" title={text.earlierConversations} count={others?.length ?? 0}>
        <VisitorHistory store={store} conversationId={c.summary.id} now={now} />
      </Section>
    </>
  );
}

function Section({ id, title, count, children }: { id: string; title: string; count?: number; children: ComponentChildren }): JSX.Element {
  return (
    <details class="ctx-sec" open data-testid={`ctx-${id}`}>
      <summary>
        <h2 id={`ctx-${id}-h`}>{title}</h2>
        {count ? <span class="count">{count}</span> : null}
        <span class="chev" aria-hidden="true">
          <Icon name="chevron" />
        </span>
      </summary>
      <div class="ctx-body">{children}</div>
    </details>
  );
}

/**
 * The shared description's rows (src/view/contextFields.ts), exactly as the visitor's "What the
 * agent sees" lists them: label, value (URLs wrapping at / ? & =, the whole value on hover), and
 * the server's verdict on identity fields.
 */
function Rows({ rows }: { rows: ContextRow[] }): JSX.Element {
  return (
    <dl class="kv">
      {rows.map((r) => {
        const href = r.key === 'address' && r.full ? safeHref(r.full) : null;
        const value = r.url ? <UrlText text={r.value} /> : r.value;
        return (
          <div key={r.key} class="contents" data-testid="ctx-row" data-field={r.key}>
            <dt>{r.label}</dt>
            <dd title={r.full}>
              <span class={r.url ? 'v url mono' : 'v'} data-testid="ctx-value">
                {href ? (
                  <a href={href} target="_blank" rel="noopener noreferrer nofollow" title={`${text.openPage}: ${r.full}`}>
                    {value}
                  </a>
                ) : (
                  value
                )}
              </span>
              {r.verified !== undefined ? <VerifiedBadge verified={r.verified} field={r.key} /> : null}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

export function ContextPanel({ c, now, store }: { c: Conversation | undefined; now: number; store?: ConsoleStore }): JSX.Element {
  if (!c) {
    return (
      <aside class="ctx" aria-label={text.contextLabel} data-testid="context-panel">
        <p class="ctx-empty">{text.contextEmpty}</p>
      </aside>
    );
  }
  const q = c.summary;
  const ctx = c.context;
  const { name, nameVerified, email, emailVerified } = visitorWho(q, ctx);
  // Durations run on while the visitor may still be there; frozen for offline and closed conversations.
  const live = q.status === 'waiting' || q.status === 'active';
  const elapsed = ctx ? (live ? Math.max(0, now - c.contextAt) : 0) : 0;
  const sections = ctx ? contextSections(ctx, { labels: text.context, locale: shown.locale, now, elapsed }) : [];
  const local = sections.find((sec) => sec.id === 'device')?.rows.find((r) => r.key === 'localTime')?.value;

  return (
    <aside class="ctx" aria-label={text.contextLabel} data-testid="context-panel" data-conversation-id={q.id}>
      <div class="ctx-head">
        <Avatar name={name} seed={q.visitorId ?? q.id} size="lg" />
        <div>
          <div class="who-name">
            <VisitorLabel name={name} conversationId={q.id} visitorId={q.visitorId} />
            {nameVerified ? <VerifiedCheck field="name" /> : null}
          </div>
          {email ? (
            <div class="who-sub" data-testid="ctx-head-email">
              {email}
              {emailVerified ? <VerifiedCheck field="email" /> : null}
            </div>
          ) : null}
          {local ? <div class="who-sub">{text.localTime(local)}</div> : null}
          {ctx?.preferences ? (
            <div class="who-sub" data-testid="ctx-prefers" title={fullTime(ctx.preferences.at)}>
              {text.prefers[ctx.preferences.channel]}
            </div>
          ) : null}
          {store?.state.history[q.id]?.length ? (
            <div class="who-sub returning" data-testid="returning">
              {text.returning(store.state.history[q.id]!.length)}
            </div>
          ) : null}
        </div>
      </div>
      {!ctx ? (
        <p class="ctx-empty">{c.loaded ? text.noContext : text.loading}</p>
      ) : (
        <>
          {ctx.trigger ? (
            <p class="ctx-trigger" data-testid="ctx-trigger" title={fullTime(ctx.trigger.at)}>
              <Icon name="bell" />
              <span>
                <b>{text.proactive}</b> {ctx.trigger.message}
                <code>{ctx.trigger.signal}</code>
              </span>
            </p>
          ) : null}
          {sections.filter((sec) => sec.id === 'entry').map((sec) => (
            <Section key={sec.id} id={sec.id} title={sec.title}>
              <Rows rows={sec.rows} />
              {ctx.entry?.unverified ? (
                <p class="muted entry-why" data-testid="entry-why" data-why={ctx.entry.unverified}>
                  {text.entryWhy[ctx.entry.unverified]}
                </p>
              ) : null}
            </Section>
          ))}
          {ctx.identity ? null : (
            <Section id="identity" title={text.identity}>
              <p class="muted">{text.anonymous}</p>
            </Section>
          )}
          {sections.filter((sec) => sec.top && sec.id !== 'entry').map((sec) => (
            <Section key={sec.id} id={sec.id} title={sec.title}>
              <Rows rows={sec.rows} />
            </Section>
          ))}

          {store ? <PersonSections store={store} c={c} now={now} /> : null}

          {ctx.signals.length ? (
            <Section id="signals" title={text.signals} count={ctx.signals.length}>
              <ul class="signals">
                {[...ctx.signals]
                  .sort((a, b) => b.at - a.at)
                  .map((sig, i) => (
                    <li key={i} class="signal" data-testid="signal" data-type={sig.type}>
                      <span class="signal-top">
                        <Icon name="alert" />
                        {text.signalType[sig.type]}
                        <span class="times" title={text.timesLong(sig.count)}>
                          <span aria-hidden="true">{text.times(sig.count)}</span>
                          <span class="sr-only">{text.timesLong(sig.count)}</span>
                        </span>
                      </span>
                      <code>{sig.detail}</code>
                      <span class="tl-meta">
                        {text.on} <span class="mono">{sig.path}</span> · <span title={fullTime(sig.at)}>{ago(now - sig.at)}</span>
                      </span>
                    </li>
                  ))}
              </ul>
            </Section>
          ) : null}

          {ctx.selfService?.articles.length ? (
            <Section id="self-service" title={text.selfService} count={ctx.selfService.articles.length}>
              <ul class="self-service">
                {[...ctx.selfService.articles].reverse().map((a) => (
                  <li key={a.id} data-testid="self-service-article" data-article={a.id} data-helped={String(a.helped)}>
                    <span class="ss-title">{a.title}</span>
                    <span class={`ss-answer${a.helped === true ? ' yes' : a.helped === false ? ' no' : ''}`}>{text.helped(a.helped)}</span>
                    <span class="tl-meta" title={fullTime(a.at)}>
                      {ago(now - a.at)}
                    </span>
                  </li>
                ))}
              </ul>
            </Section>
          ) : null}

          <Section id="journey" title={text.journey} count={ctx.journey.length}>
            {ctx.journey.length ? (
              <ol class="timeline" aria-label={`${text.journey} (${text.journeyHint})`}>
                {[...ctx.journey].reverse().map((j, i) => {
                  const current = i === 0;
                  const dwell = j.dwellMs + (current ? elapsed : 0);
                  return (
                    <li key={`${j.at}-${i}`} class={current ? 'current' : undefined} data-testid="journey-entry">
                      <span class="tl-title">{j.title || text.untitled}</span>
                      <span class="tl-path mono">{j.path}</span>
                      <span class="tl-meta">
                        {text.journeyKind[j.kind]} · <span title={fullTime(j.at)}>{ago(now - j.at)}</span> · {text.dwell(duration(dwell))}
                      </span>
                    </li>
                  );
                })}
              </ol>
            ) : (
              <p class="muted">{text.noJourney}</p>
            )}
            {ctx.trimmed ? <p class="muted small">{text.trimmed(ctx.trimmed)}</p> : null}
          </Section>

          {sections.filter((sec) => !sec.top).map((sec) => (
            <Section key={sec.id} id={sec.id} title={sec.title}>
              <Rows rows={sec.rows} />
            </Section>
          ))}

          <Section id="location" title={text.location}>
            {ctx.location ? (
              <dl class="kv" data-testid="location">
                <dt>{text.coordinates}</dt>
                <dd class="mono">
                  {ctx.location.latitude.toFixed(2)}, {ctx.location.longitude.toFixed(2)}
                </dd>
                <dt>{text.accuracyLabel}</dt>
                <dd>{text.accuracy(ctx.location.accuracyM)}</dd>
                <dt>{text.sharedAt}</dt>
                <dd>{ago(now - ctx.location.at)}</dd>
                <dd class="full">
                  <a
                    href={`https://www.openstreetmap.org/?mlat=${ctx.location.latitude}&mlon=${ctx.location.longitude}#map=12/${ctx.location.latitude}/${ctx.location.longitude}`}
                    target="_blank"
                    rel="noopener noreferrer nofollow"
                  >
                    {text.openMap}
                  </a>
                </dd>
              </dl>
            ) : (
              <p class="muted">{text.noLocation}</p>
            )}
          </Section>

          <Section id="consent" title={text.consent}>
            <p data-testid="consent" data-consent={ctx.consent}>
              <span class={`tag ${ctx.consent === 'granted' ? 'active' : ctx.consent === 'denied' ? 'closed' : 'offline'}`}>
                {text.consentState[ctx.consent]}
              </span>{' '}
              <span class="muted">{text.consentHelp[ctx.consent]}</span>
            </p>
          </Section>

          <p class="ctx-foot" title={fullTime(ctx.at)}>
            {text.snapshotAt(ago(now - c.contextAt))}
          </p>
        </>
      )}
    </aside>
  );
}
