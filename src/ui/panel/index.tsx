/**
 * The chat panel (lazy chunk, loaded by ../launcher on first hover, focus or click). Renders into
 * the container the launcher created in its shadow root, reading only the headless BatonSession.
 * Everything is rendered as text by Preact: no HTML strings anywhere.
 */
import { render } from 'preact';
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { BatonSession } from '../../core/session';
import type { ContextSnapshot, CustomValue, IdentityField } from '../../protocol/context';
import { CLOSE_ICON } from '../icons';
import { launcherText, pickLang } from '../i18n';
import { addStyles } from '../styles';
import { duration, panelText, type PanelText } from './strings';

type Text = PanelText & (typeof launcherText)['en'];

/**
 * The panel's views. Add 'conversation' here (and a case in <Panel>) for the chat view.
 * When a view is shown after another, the element marked `data-focus` in it gets focus.
 */
type View = 'home' | 'context';

const BACK_ICON = 'M15.41 7.41 14 6l-6 6 6 6 1.41-1.41L10.83 12z';
const CHEVRON_ICON = 'M8.59 16.59 10 18l6-6-6-6-1.41 1.41L13.17 12z';
const IDENTITY_FIELDS: IdentityField[] = ['name', 'email', 'phone', 'id'];

// Panel styles; the frame, header, close button and .btn come from the launcher's sheet.
// Colours on white: #1a1a1a 17:1, #4a4a4a 8.9:1, badges >= 5.8:1, borders of controls #767676 4.5:1.
const CSS = `.dlg{display:flex;flex-direction:column;height:100%;min-height:0}
.h>:first-child{flex:1;min-width:0}
h2{margin:0;font-size:18px;line-height:1.3;font-weight:600}
[tabindex="-1"]:focus{outline:0}
.s{margin:2px 0 0;font-size:13px}
.bd{flex:1;min-height:0;overflow:auto;overscroll-behavior:contain;padding:20px}
.bd p{margin:0 0 12px}
.w{font-size:17px;font-weight:600}
h3{margin:0 0 6px;font-size:17px;line-height:1.3}
h4{margin:22px 0 6px;font-size:13px;font-weight:600;letter-spacing:.03em;text-transform:uppercase;color:#4a4a4a}
.card{margin:16px 0;padding:16px;border:1px solid #d6d6d6;border-radius:12px;background:#f7f8fa}
.bd .card p:last-child{margin:0}
.row{display:flex;flex-wrap:wrap;gap:8px}
.btn:hover{box-shadow:inset 0 0 0 99px #00000024}
.btn2,.bk{min-height:44px;border-radius:10px;font-weight:600;cursor:pointer;color:#1a1a1a}
.btn2{padding:10px 16px;border:1px solid #767676;background:#fff;text-align:left}
.btn2:hover,.bk:hover{background:#eef0f3}
.btn2[aria-disabled=true]{cursor:progress;color:#4a4a4a}
.wide{display:flex;width:100%;align-items:center;justify-content:space-between;gap:8px;margin:12px 0 0}
.bk{display:inline-flex;align-items:center;gap:2px;margin:-10px 0 6px -10px;padding:0 12px 0 4px;border:0;background:none}
.bd .st{margin:8px 0 0;font-size:14px}
.bd .st:empty{margin:0}
dl,ol,ul{margin:0;padding:0;list-style:none}
.kv{display:flex;gap:12px;padding:7px 0;border-bottom:1px solid #ececec}
dt{flex:0 0 34%;color:#4a4a4a}
dd{flex:1;min-width:0;margin:0;overflow-wrap:anywhere}
.bg{display:inline-block;margin-left:4px;padding:0 6px;border-radius:4px;font-size:12px;font-weight:600;line-height:20px}
.u{background:#fff4e5;color:#8a4b00}
.ok{background:#e6f4ea;color:#1e6b34}
li{display:grid;grid-template-columns:1fr auto;gap:0 12px;padding:8px 0;border-bottom:1px solid #ececec}
.t{font-weight:600;overflow-wrap:anywhere}
.pa{grid-column:1;color:#4a4a4a;font-size:13px;overflow-wrap:anywhere}
.du{grid-column:2;grid-row:1;color:#4a4a4a;font-size:13px;white-space:nowrap}
.note{color:#4a4a4a;font-size:13px}
.bd .act{margin:10px 0 0}`;

/**
 * Renders the panel into `container` (normally the launcher's `#baton-panel`, inside its shadow
 * root). Returns the unmount function.
 */
export function renderPanel(container: HTMLElement, session: BatonSession, onClose: () => void): () => void {
  const root = container.getRootNode();
  addStyles(root.nodeType === 11 ? (root as ShadowRoot) : document, CSS, session.options.nonce);
  render(<Panel session={session} onClose={onClose} />, container);

  // Mobile (full screen): keep the panel as tall as the visible viewport, so the on-screen
  // keyboard does not hide its bottom part.
  const vv = window.visualViewport;
  const style = container.style;
  const fit = () => {
    if (vv && window.innerWidth < 640) {
      style.height = `${vv.height}px`;
      style.top = `${vv.offsetTop}px`;
    } else {
      style.removeProperty('height');
      style.removeProperty('top');
    }
  };
  fit();
  vv?.addEventListener('resize', fit);
  vv?.addEventListener('scroll', fit);
  return () => {
    vv?.removeEventListener('resize', fit);
    vv?.removeEventListener('scroll', fit);
    style.removeProperty('height');
    style.removeProperty('top');
    render(null, container);
  };
}

interface Props {
  t: Text;
  snap: ContextSnapshot;
  session: BatonSession;
}

function Panel({ session, onClose }: { session: BatonSession; onClose: () => void }) {
  const [t] = useState<Text>(() => {
    const lang = pickLang(session.options.locale);
    return { ...launcherText[lang], ...panelText[lang] };
  });
  // Wrapped so a session that re-emits the same (mutated) object still re-renders.
  const [{ snap }, setSnap] = useState<{ snap: ContextSnapshot | null }>({ snap: null });
  // Layout effects run in the same commit as the render: no window where an event is missed
  // and focus moves before the next paint. The first snapshot arrives once the builder chunk is
  // in (usually already warmed by the launcher); later ones come with 'context' events.
  useLayoutEffect(() => {
    let live = true;
    session.getContext().then(
      (s) => live && setSnap((prev) => (prev.snap ? prev : { snap: s })),
      () => undefined,
    );
    const off = session.on('context', (s) => setSnap({ snap: s }));
    return () => {
      live = false;
      off();
    };
  }, [session]);

  const [view, setView] = useState<View>('home');
  const ref = useRef<HTMLDivElement>(null);
  const first = useRef(true);
  useLayoutEffect(() => {
    if (first.current) first.current = false;
    else ref.current?.querySelector<HTMLElement>('[data-focus]')?.focus();
  }, [view]);

  let body: ComponentChildren;
  if (!snap) body = <p class="m" role="status">{t.connecting}</p>;
  else switch (view) {
    case 'context':
      body = <ContextView t={t} snap={snap} session={session} onBack={() => setView('home')} />;
      break;
    default:
      body = <Home t={t} snap={snap} session={session} onShowContext={() => setView('context')} />;
  }

  return (
    <div ref={ref} class="dlg" role="dialog" aria-modal="false" aria-labelledby="baton-title">
      <div class="h">
        <div>
          <h2 id="baton-title" tabIndex={-1}>
            {t.chat}
          </h2>
          <p class="s">{t.subtitle}</p>
        </div>
        <button type="button" class="x" aria-label={t.close} onClick={onClose}>
          <Icon d={CLOSE_ICON} />
        </button>
      </div>
      <div class="bd" key={view}>
        {body}
      </div>
    </div>
  );
}

function Home({ t, snap, session, onShowContext }: Props & { onShowContext: () => void }) {
  const [answered, setAnswered] = useState<'granted' | 'denied' | null>(null);
  const [loc, setLoc] = useState<'idle' | 'busy' | 'ok' | 'fail'>('idle');
  const consentRef = useRef<HTMLDivElement>(null);
  const locRef = useRef<HTMLParagraphElement>(null);
  // The buttons the visitor pressed disappear: keep focus on the answer instead of losing it.
  useLayoutEffect(() => {
    if (answered) consentRef.current?.focus();
  }, [answered]);
  useLayoutEffect(() => {
    if (loc === 'ok') locRef.current?.focus();
  }, [loc]);

  const answer = (state: 'granted' | 'denied') => {
    setAnswered(state);
    session.consent(state);
  };
  const share = () => {
    if (loc === 'busy') return;
    setLoc('busy');
    session.shareLocation().then(
      (ok) => setLoc(ok ? 'ok' : 'fail'),
      () => setLoc('fail'),
    );
  };

  return (
    <>
      <p class="w">{t.welcome}</p>
      <p>{t.welcomeMore}</p>
      {(snap.consent === 'pending' || answered) && (
        <div class="card" ref={consentRef} tabIndex={-1}>
          {answered ? (
            <p role="status">{answered === 'granted' ? t.consentGranted : t.consentDenied}</p>
          ) : (
            <div role="group" aria-labelledby="baton-consent-q">
              <p id="baton-consent-q">{t.consentAsk}</p>
              <div class="row">
                <button type="button" class="btn" onClick={() => answer('granted')}>
                  {t.allow}
                </button>
                <button type="button" class="btn2" onClick={() => answer('denied')}>
                  {t.noThanks}
                </button>
              </div>
            </div>
          )}
        </div>
      )}
      {session.options.location === true && (
        <div>
          {!snap.location && loc !== 'ok' && (
            <button type="button" class="btn2 wide" aria-disabled={loc === 'busy'} onClick={share}>
              {loc === 'busy' ? t.locating : t.shareLocation}
            </button>
          )}
          <p class="st" role="status" ref={locRef} tabIndex={-1}>
            {loc === 'ok' ? t.locationShared : loc === 'fail' ? t.locationFailed : ''}
          </p>
        </div>
      )}
      <button type="button" class="btn2 wide" id="baton-show" data-focus onClick={onShowContext}>
        {t.showContext}
        <Icon d={CHEVRON_ICON} />
      </button>
    </>
  );
}

function ContextView({ t, snap, session, onBack }: Props & { onBack: () => void }) {
  const now = useNow();
  // Time since the snapshot, added to the running counters: time on page, and the dwell of the
  // last journey entry (the current page, whose dwell is "the time so far").
  const since = Math.max(0, now - snap.at);
  const { page, identity, journey, campaign, device, signals, custom, location, consent } = snap;
  const ref = useRef<HTMLElement>(null);
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
    <section ref={ref} aria-labelledby="baton-view-title">
      <button type="button" class="bk" onClick={onBack}>
        <Icon d={BACK_ICON} />
        {t.back}
      </button>
      <h3 id="baton-view-title" tabIndex={-1} data-focus>
        {t.contextTitle}
      </h3>
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
              session.withdrawLocation();
              focusHeading('baton-loc'); // the button goes away with the location
            }}
          >
            {t.stopSharing}
          </button>
        </>
      ) : (
        <p>{t.noLocation}</p>
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

function Icon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={d} />
    </svg>
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
