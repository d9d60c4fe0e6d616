/** The right column: what the visitor's browser told Baton (ContextSnapshot v1), for the selected conversation. */
import type { ComponentChildren, JSX } from 'preact';
import type { ContextSnapshot, CustomValue, IdentityField } from '../../protocol/context';
import { safeHref } from '../../view/links';
import { visitorWho, type Conversation } from '../state';
import { ago, duration, fullTime, text } from '../strings';
import { Avatar, VerifiedCheck, VisitorLabel } from './common';
import { Icon } from './icons';

const IDENTITY_FIELDS: IdentityField[] = ['name', 'email', 'phone', 'id'];

export function VerifiedBadge({ verified, field }: { verified: boolean; field: string }): JSX.Element {
  return (
    <span class={`badge ${verified ? 'verified' : 'unverified'}`} data-testid="verified-badge" data-field={field} data-verified={String(verified)}>
      {verified ? <Icon name="check" /> : null}
      {verified ? text.verified : text.unverified}
    </span>
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

function showValue(v: CustomValue): string {
  if (typeof v === 'boolean') return v ? text.yes : text.no;
  if (typeof v === 'number') return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: 4 });
  return v;
}

function KeyValues({ values, testid }: { values: Record<string, CustomValue>; testid: string }): JSX.Element {
  return (
    <dl class="kv">
      {Object.entries(values).map(([k, v]) => (
        <div key={k} class="contents" data-testid={testid} data-key={k}>
          <dt>{k}</dt>
          <dd>{showValue(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

function localTime(timeZone: string, now: number): string | null {
  try {
    return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone }).format(now);
  } catch {
    return null;
  }
}

function Identity({ ctx }: { ctx: ContextSnapshot }): JSX.Element {
  const id = ctx.identity;
  if (!id) return <p class="muted">{text.anonymous}</p>;
  const fields = IDENTITY_FIELDS.filter((f) => typeof id[f] === 'string' && id[f] !== '');
  const custom = Object.keys(id.custom ?? {}).length;
  return (
    <>
      {fields.length ? (
        <dl class="kv">
          {fields.map((f) => (
            <div key={f} class="contents" data-testid="identity-field" data-field={f}>
              <dt>{text.identityField[f]}</dt>
              <dd>
                <span class="v">{id[f]}</span>
                <VerifiedBadge verified={id.verified[f] === true} field={f} />
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p class="muted">{text.anonymous}</p>
      )}
      {custom ? (
        <>
          <h3 class="sub-h">{text.identityCustom}</h3>
          <KeyValues values={id.custom} testid="identity-custom" />
        </>
      ) : null}
    </>
  );
}

export function ContextPanel({ c, now }: { c: Conversation | undefined; now: number }): JSX.Element {
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

  return (
    <aside class="ctx" aria-label={text.contextLabel} data-testid="context-panel" data-conversation-id={q.id}>
      <div class="ctx-head">
        <Avatar name={name} seed={q.id} size="lg" />
        <div>
          <div class="who-name">
            <VisitorLabel name={name} conversationId={q.id} />
            {nameVerified ? <VerifiedCheck field="name" /> : null}
          </div>
          {email ? (
            <div class="who-sub" data-testid="ctx-head-email">
              {email}
              {emailVerified ? <VerifiedCheck field="email" /> : null}
            </div>
          ) : null}
          {ctx?.device.timeZone && localTime(ctx.device.timeZone, now) ? (
            <div class="who-sub">{text.localTime(localTime(ctx.device.timeZone, now)!)}</div>
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
          <Section id="identity" title={text.identity}>
            <Identity ctx={ctx} />
          </Section>

          <Section id="page" title={text.currentPage}>
            <div class="page-card">
              <span class="page-title" data-testid="ctx-page-title">
                {ctx.page.title || text.untitled}
              </span>
              <span class="page-path mono" data-testid="ctx-page-path">
                {safeHref(ctx.page.url) ? (
                  <a href={safeHref(ctx.page.url)!} target="_blank" rel="noopener noreferrer nofollow" title={text.openPage}>
                    {ctx.page.path}
                  </a>
                ) : (
                  ctx.page.path
                )}
              </span>
              <span class="page-meta">
                <Icon name="clock" />
                <span data-testid="ctx-time-on-page">{text.onPageFor(duration(ctx.page.timeOnPageMs + elapsed))}</span>
              </span>
            </div>
            {ctx.page.referrer ? (
              <p class="ref">
                {text.referrer}: <span class="mono">{ctx.page.referrer}</span>
              </p>
            ) : null}
          </Section>

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

          <Section id="campaign" title={text.campaign}>
            {ctx.campaign ? (
              <>
                <div class="chips">
                  {Object.entries(ctx.campaign.params).map(([k, v]) => (
                    <span key={k} class="chip" data-testid="campaign-param" data-key={k}>
                      <b>{k}</b>
                      <span>{v}</span>
                    </span>
                  ))}
                </div>
                <dl class="kv spaced">
                  <dt>{text.landingPage}</dt>
                  <dd class="mono">{ctx.campaign.landingPath}</dd>
                  {ctx.campaign.referrer ? (
                    <>
                      <dt>{text.referrer}</dt>
                      <dd class="mono">{ctx.campaign.referrer}</dd>
                    </>
                  ) : null}
                </dl>
              </>
            ) : (
              <p class="muted">{text.noCampaign}</p>
            )}
          </Section>

          {Object.keys(ctx.custom).length ? (
            <Section id="custom" title={text.custom}>
              <KeyValues values={ctx.custom} testid="custom-field" />
            </Section>
          ) : null}

          <Section id="device" title={text.device}>
            <dl class="kv" data-testid="device">
              <dt>{text.viewport}</dt>
              <dd data-testid="device-viewport">
                {ctx.device.viewport.width} × {ctx.device.viewport.height}
              </dd>
              <dt>{text.screen}</dt>
              <dd>
                {ctx.device.screen.width} × {ctx.device.screen.height} @{ctx.device.pixelRatio}x
              </dd>
              <dt>{text.touch}</dt>
              <dd data-testid="device-touch">{ctx.device.touch ? text.yes : text.no}</dd>
              <dt>{text.timeZone}</dt>
              <dd data-testid="device-timezone">{ctx.device.timeZone || '—'}</dd>
              <dt>{text.language}</dt>
              <dd data-testid="device-language">{ctx.device.languages.length ? ctx.device.languages.join(', ') : ctx.device.language}</dd>
              <dt>{text.connection}</dt>
              <dd data-testid="device-online">{ctx.device.online ? text.isOnline : text.isOffline}</dd>
              <dt>{text.webView}</dt>
              <dd data-testid="device-webview">
                {ctx.device.webView ? text.yes : text.no}
                {ctx.device.webView && ctx.device.webViewHint ? <span class="muted"> ({ctx.device.webViewHint})</span> : null}
              </dd>
            </dl>
          </Section>

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
