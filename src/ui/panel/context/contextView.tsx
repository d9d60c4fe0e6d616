/**
 * "What the agent sees": the live snapshot, readable, with the visitor's controls over what is
 * shared (location, remembering the journey). Rendered by ./index.tsx.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { contextSections, type ContextRow, type ContextSection } from '../../../view/contextFields';
import { duration } from '../../../view/duration';
import { UrlText } from '../../../view/UrlText';
import type { Text, ViewProps } from '../text';

/**
 * The sections, labels and values come from the one description the agent's console also renders
 * (src/view/contextFields.ts): what the visitor reads here is what the agent reads there.
 */
export function ContextView({ t, snap, session }: ViewProps) {
  const now = useNow();
  // Time since the snapshot, added to the running counters: time on page, and the dwell of the
  // last journey entry (the current page, whose dwell is "the time so far").
  const since = Math.max(0, now - snap.at);
  const { journey, signals, location, consent, selfService } = snap;
  const sections = contextSections(snap, { labels: t.context, locale: t.locale, now, elapsed: since });
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
  return (
    <section ref={ref} aria-labelledby="baton-title">
      <p class="note">{t.contextIntro}</p>

      {sections.map((sec) => sec.top && <Sec key={sec.id} s={sec} t={t} />)}

      <h4>{t.journey}</h4>
      {journey.length ? (
        <ol>
          {journey
            .slice()
            .reverse()
            .map((e, i) => (
              <li key={`${e.at}-${i}`}>
                <span class="t" dir="auto">{e.title || t.untitled}</span>
                <span class="du">{duration(e.dwellMs + (i === 0 ? since : 0), t.locale)}</span>
                <span class="pa">{e.path}</span>
              </li>
            ))}
        </ol>
      ) : (
        <p>{t.noJourney}</p>
      )}
      {snap.trimmed > 0 && <p class="note act">{t.trimmed({ n: snap.trimmed })}</p>}

      <h4>{t.signals}</h4>
      {signals.length ? (
        <ul>
          {signals.map((s, i) => (
            <li key={`${s.type}-${s.firstAt}-${i}`}>
              <span class="t">{t.signalType[s.type] ?? s.type}</span>
              {s.count > 1 && <span class="du">{t.times({ n: s.count })}</span>}
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
                <span class="t" dir="auto">{a.title}</span>
                <span class="du">{a.helped === true ? t.helpedYes : a.helped === false ? t.helpedNo : t.helpedUnknown}</span>
              </li>
            ))}
          </ul>
        </>
      )}

      {sections.map((sec) => !sec.top && <Sec key={sec.id} s={sec} t={t} />)}

      <h4 id="baton-loc" tabIndex={-1}>
        {t.location}
      </h4>
      {location ? (
        <>
          <p>{`${location.latitude.toFixed(2)}, ${location.longitude.toFixed(2)} (${t.accuracy({ m: Math.round(location.accuracyM) })})`}</p>
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

function Sec({ s, t }: { s: ContextSection; t: Text }) {
  return (
    <>
      <h4>{s.title}</h4>
      <dl>
        {s.rows.map((r) => (
          <Row key={r.key} r={r} t={t} />
        ))}
      </dl>
    </>
  );
}

function Row({ r, t }: { r: ContextRow; t: Text }) {
  return (
    <div class="kv" data-field={r.key}>
      <dt>{r.label}</dt>
      <dd title={r.full} dir="auto">
        <span class={r.url ? 'url' : r.server ? 'note' : undefined} data-value>
          {r.url ? <UrlText text={r.value} /> : r.value}
        </span>
        {r.verified !== undefined && <Badge t={t} ok={r.verified} />}
      </dd>
    </div>
  );
}

function Badge({ t, ok }: { t: Text; ok: boolean }) {
  // The space keeps "value Unverified" two words for screen readers and copy-paste.
  return (
    <>
      {' '}
      <span class={ok ? 'bg ok' : 'bg uv'}>{ok ? t.verified : t.unverified}</span>
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
