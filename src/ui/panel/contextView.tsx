/**
 * "What the agent sees": the live snapshot, readable, with the visitor's controls over what is
 * shared (location, remembering the journey). Rendered by ./index.tsx.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CustomValue, IdentityField } from '../../protocol/context';
import { duration } from './strings';
import type { Text, ViewProps } from './text';

const IDENTITY_FIELDS: IdentityField[] = ['name', 'email', 'phone', 'id'];

export function ContextView({ t, snap, session }: ViewProps) {
  const now = useNow();
  // Time since the snapshot, added to the running counters: time on page, and the dwell of the
  // last journey entry (the current page, whose dwell is "the time so far").
  const since = Math.max(0, now - snap.at);
  const { page, identity, journey, campaign, device, signals, custom, location, consent, selfService } = snap;
  const ref = useRef<HTMLElement>(null);
  // "Share my location" (boot option `location`): only from the visitor's click here.
  const [loc, setLoc] = useState<'idle' | 'busy' | 'ok' | 'fail'>('idle');
  const locRef = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    if (loc === 'ok') locRef.current?.focus(); // the button went away with the answer
  }, [loc]);
  const share = () => {
    if (loc === 'busy') return;
    setLoc('busy');
    session.shareLocation().then(
      (ok) => setLoc(ok ? 'ok' : 'fail'),
      () => setLoc('fail'),
    );
  };
  const focusHeading = (id: string) => ref.current?.querySelector<HTMLElement>(`#${id}`)?.focus();
  const value = (v: CustomValue) => (typeof v === 'boolean' ? (v ? t.yes : t.no) : String(v));
  const yesNo = (v: boolean) => (v ? t.yes : t.no);
  const customRows = (rec: Record<string, CustomValue>, badge: boolean) =>
    Object.entries(rec).map(([k, v]) => (
      <Row key={k} k={k}>
        {value(v)}
        {badge && <Badge t={t} ok={false} />}
      </Row>
    ));

  return (
    <section ref={ref} aria-labelledby="baton-title">
      <p class="note">{t.contextIntro}</p>

      <h4>{t.page}</h4>
      <dl>
        <Row k={t.pageTitle}>{page.title || t.untitled}</Row>
        <Row k={t.path}>{page.path}</Row>
        <Row k={t.timeOnPage}>{duration(page.timeOnPageMs + since)}</Row>
      </dl>

      <h4>{t.identity}</h4>
      {identity ? (
        <dl>
          {IDENTITY_FIELDS.map((f) =>
            identity[f] == null ? null : (
              <Row key={f} k={t[f]}>
                {identity[f]}
                <Badge t={t} ok={identity.verified[f] === true} />
              </Row>
            ),
          )}
          {customRows(identity.custom, true)}
        </dl>
      ) : (
        <p>{t.noIdentity}</p>
      )}

      <h4>{t.journey}</h4>
      {journey.length ? (
        <ol>
          {journey
            .slice()
            .reverse()
            .map((e, i) => (
              <li key={`${e.at}-${i}`}>
                <span class="t">{e.title || t.untitled}</span>
                <span class="du">{duration(e.dwellMs + (i === 0 ? since : 0))}</span>
                <span class="pa">{e.path}</span>
              </li>
            ))}
        </ol>
      ) : (
        <p>{t.noJourney}</p>
      )}
      {snap.trimmed > 0 && <p class="note act">{t.trimmed(snap.trimmed)}</p>}

      {campaign && (
        <>
          <h4>{t.campaign}</h4>
          <dl>
            {Object.entries(campaign.params).map(([k, v]) => (
              <Row key={k} k={k}>
                {v}
              </Row>
            ))}
            <Row k={t.landing}>{campaign.landingPath}</Row>
          </dl>
        </>
      )}

      <h4>{t.device}</h4>
      <dl>
        <Row k={t.viewport}>{`${device.viewport.width} × ${device.viewport.height}`}</Row>
        <Row k={t.timeZone}>{device.timeZone}</Row>
        <Row k={t.language}>{device.language}</Row>
        <Row k={t.online}>{yesNo(device.online)}</Row>
        <Row k={t.webView}>{yesNo(device.webView)}</Row>
      </dl>

      <h4>{t.signals}</h4>
      {signals.length ? (
        <ul>
          {signals.map((s, i) => (
            <li key={`${s.type}-${s.firstAt}-${i}`}>
              <span class="t">{t.signalType[s.type] ?? s.type}</span>
              {s.count > 1 && <span class="du">{t.times(s.count)}</span>}
              {s.detail && <span class="pa">{s.detail}</span>}
              <span class="pa">{s.path}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t.noSignals}</p>
      )}

      {selfService && selfService.articles.length > 0 && (
        <>
          <h4>{t.selfService}</h4>
          <ul>
            {selfService.articles.map((a) => (
              <li key={a.id} data-testid="self-service-article">
                <span class="t">{a.title}</span>
                <span class="du">{a.helped === true ? t.helpedYes : a.helped === false ? t.helpedNo : t.helpedUnknown}</span>
              </li>
            ))}
          </ul>
        </>
      )}

      {Object.keys(custom).length > 0 && (
        <>
          <h4>{t.custom}</h4>
          <dl>{customRows(custom, false)}</dl>
        </>
      )}

      <h4 id="baton-loc" tabIndex={-1}>
        {t.location}
      </h4>
      {location ? (
        <>
          <p>{`${location.latitude.toFixed(2)}, ${location.longitude.toFixed(2)} (${t.accuracy(Math.round(location.accuracyM))})`}</p>
          <button
            type="button"
            class="btn2"
            onClick={() => {
              session.setPart?.('location', null);
              focusHeading('baton-loc'); // the button goes away with the location
            }}
          >
            {t.stopSharing}
          </button>
        </>
      ) : (
        <>
          <p>{t.noLocation}</p>
          {session.options.location === true && loc !== 'ok' && (
            <button type="button" class="btn2" aria-disabled={loc === 'busy'} onClick={share}>
              {loc === 'busy' ? t.locating : t.shareLocation}
            </button>
          )}
        </>
      )}
      {session.options.location === true && (
        <p class="st" role="status" ref={locRef} tabIndex={-1}>
          {loc === 'ok' ? t.locationShared : loc === 'fail' ? t.locationFailed : ''}
        </p>
      )}

      <h4>{t.consent}</h4>
      <p>{t.consentState[consent]}</p>
      <button type="button" class="btn2" onClick={() => session.consent(consent === 'granted' ? 'denied' : 'granted')}>
        {consent === 'granted' ? t.stopRemembering : t.allow}
      </button>
    </section>
  );
}

function Row({ k, children }: { k: string; children: ComponentChildren }) {
  return (
    <div class="kv">
      <dt>{k}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Badge({ t, ok }: { t: Text; ok: boolean }) {
  // The space keeps "value Unverified" two words for screen readers and copy-paste.
  return (
    <>
      {' '}
      <span class={ok ? 'bg ok' : 'bg u'}>{ok ? t.verified : t.unverified}</span>
    </>
  );
}

/** Date.now(), refreshed every second while the component is shown. */
function useNow(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return now;
}
