/**
 * The chat panel (lazy chunk, loaded by ../launcher on first hover, focus or click). Renders into
 * the container the launcher created in its shadow root, reading only the headless BatonSession
 * (and the ChatHandle it gives). It opens on the conversation (./chat.tsx); "What the agent sees"
 * is a second view, reached from the header's eye button or the link in the welcome.
 * Everything is rendered as text by Preact: no HTML strings anywhere.
 */
import { render } from 'preact';
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { BatonSession } from '../../core/session';
import type { ContextSnapshot, CustomValue, IdentityField } from '../../protocol/context';
import { CLOSE_ICON } from '../icons';
import { launcherText, pickLang, type Lang } from '../i18n';
import { addStyles } from '../styles';
import { Avatar, Conversation, Footer, useChat } from './chat';
import { duration, panelText, type PanelText } from './strings';

type Text = PanelText & (typeof launcherText)['en'];

/**
 * The panel's views. When a view is shown after another, the element marked `data-focus` in it
 * gets focus (the context view's heading), or, back in the conversation, the button that left it.
 */
type View = 'chat' | 'context';

const BACK_ICON = 'M15.41 7.41 14 6l-6 6 6 6 1.41-1.41L10.83 12z';
const CHEVRON_ICON = 'M8.59 16.59 10 18l6-6-6-6-1.41 1.41L13.17 12z';
const EYE_ICON =
  'M12 4.5C7 4.5 2.73 7.61 1 12c1.73 4.39 6 7.5 11 7.5s9.27-3.11 11-7.5c-1.73-4.39-6-7.5-11-7.5zM12 17a5 5 0 1 1 0-10 5 5 0 0 1 0 10zm0-8a3 3 0 1 0 0 6 3 3 0 0 0 0-6z';
const IDENTITY_FIELDS: IdentityField[] = ['name', 'email', 'phone', 'id'];
/** Text on the brand colour: white, or black on a light brand colour (as in the launcher's sheet). */
const ON_BRAND = 'color:#fff;color:oklch(from var(--b) clamp(0,(.6 - l)*999,1) 0 0)';

// Panel styles; the frame, header, close button and .btn come from the launcher's sheet.
// Colours on white: #1a1a1a 17:1, #4a4a4a 8.9:1, #5c5c5c 6.7:1, #b3261e 6.5:1, badges >= 5.8:1,
// borders of controls #767676 4.5:1; agent bubbles #eef0f3 under #1a1a1a 15:1.
const CSS = `.dlg{display:flex;flex-direction:column;height:100%;min-height:0}\
.ti{flex:1;min-width:0}\
.x+.x{margin-left:0}\
h2{margin:0;font-size:18px;line-height:1.3;font-weight:600;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}\
[tabindex="-1"]:focus{outline:0}\
.s{margin:2px 0 0;font-size:13px}\
.av{flex:none;display:grid;place-items:center;width:40px;height:40px;border-radius:50%;background:#fff;color:#1a1a1a;font-weight:700;font-size:15px;box-shadow:0 0 0 2px #ffffffb3}\
.bd{flex:1;min-height:0;overflow:auto;overscroll-behavior:contain;padding:20px}\
.bd p{margin:0 0 12px}\
.w{font-size:17px;font-weight:600}\
h3{margin:0 0 6px;font-size:17px;line-height:1.3}\
h4{margin:22px 0 6px;font-size:13px;font-weight:600;letter-spacing:.03em;text-transform:uppercase;color:#4a4a4a}\
.card{margin:16px 0;padding:16px;border:1px solid #d6d6d6;border-radius:12px;background:#f7f8fa}\
.bd .card p:last-child{margin:0}\
.row{display:flex;flex-wrap:wrap;gap:8px}\
.btn:hover,.snd:hover{box-shadow:inset 0 0 0 99px #00000024}\
.btn2,.bk{min-height:44px;border-radius:10px;font-weight:600;cursor:pointer;color:#1a1a1a}\
.btn2{padding:10px 16px;border:1px solid #767676;background:#fff;text-align:left}\
.btn2:hover,.bk:hover{background:#eef0f3}\
.btn2[aria-disabled=true]{cursor:progress;color:#4a4a4a}\
.wide{display:flex;width:100%;align-items:center;justify-content:space-between;gap:8px;margin:12px 0 0}\
.bk{display:inline-flex;align-items:center;gap:2px;margin:-10px 0 6px -10px;padding:0 12px 0 4px;border:0;background:none}\
.bd .st{margin:8px 0 0;font-size:14px}\
.bd .st:empty{margin:0}\
dl,ol,ul{margin:0;padding:0;list-style:none}\
.kv{display:flex;gap:12px;padding:7px 0;border-bottom:1px solid #ececec}\
dt{flex:0 0 34%;color:#4a4a4a}\
dd{flex:1;min-width:0;margin:0;overflow-wrap:anywhere}\
.bg{display:inline-block;margin-left:4px;padding:0 6px;border-radius:4px;font-size:12px;font-weight:600;line-height:20px}\
.u{background:#fff4e5;color:#8a4b00}\
.ok{background:#e6f4ea;color:#1e6b34}\
li{display:grid;grid-template-columns:1fr auto;gap:0 12px;padding:8px 0;border-bottom:1px solid #ececec}\
.t{font-weight:600;overflow-wrap:anywhere}\
.pa{grid-column:1;color:#4a4a4a;font-size:13px;overflow-wrap:anywhere}\
.du{grid-column:2;grid-row:1;color:#4a4a4a;font-size:13px;white-space:nowrap}\
.note{color:#4a4a4a;font-size:13px}\
.bd .act{margin:10px 0 0}\
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}\
.msgs{display:flex;flex-direction:column;margin:4px 0 0}\
.msgs li{display:flex;flex-direction:column;padding:0;border:0}\
.msg{max-width:85%;margin-top:10px}\
.me{align-self:flex-end;align-items:flex-end}\
.ag{align-self:flex-start;align-items:flex-start}\
.bub{padding:9px 14px;border-radius:18px;white-space:pre-wrap;overflow-wrap:anywhere}\
.me .bub{background:var(--b);${ON_BRAND};border-bottom-right-radius:6px}\
.ag .bub{background:#eef0f3;color:#1a1a1a;border-bottom-left-radius:6px}\
.bub a{color:inherit;text-decoration:underline;text-underline-offset:2px}\
.bub a:focus-visible{outline-color:currentColor}\
.who{margin:0 0 3px 6px;font-size:13px;font-weight:600;color:#4a4a4a}\
.meta{display:flex;align-items:center;gap:4px;margin:3px 6px 0;font-size:12px;color:#5c5c5c;white-space:pre}\
.fl{color:#b3261e;font-weight:600}\
.rt{min-height:28px;padding:0 10px;border:1px solid #b3261e;border-radius:14px;background:#fff;color:#b3261e;font-size:12px;font-weight:600;cursor:pointer}\
.rt:hover{background:#fdecea}\
.msgs .sys{align-self:center;margin:14px 0 2px;text-align:center;font-size:13px;color:#4a4a4a}\
.bd .ty{display:flex;align-items:center;gap:8px;margin:12px 0 0;font-size:13px;color:#4a4a4a}\
.dots{display:inline-flex;gap:3px;padding:9px 11px;border-radius:14px;background:#eef0f3}\
.dots i{width:6px;height:6px;border-radius:50%;background:#5c5c5c;animation:bdot 1.2s infinite ease-in-out}\
.dots i:nth-child(2){animation-delay:.2s}\
.dots i:nth-child(3){animation-delay:.4s}\
@keyframes bdot{0%,60%,100%{opacity:.35;transform:none}30%{opacity:1;transform:translateY(-3px)}}\
@media (prefers-reduced-motion:reduce){.dots i{animation:none}}\
.bd .cst{margin:16px 0 0;text-align:center;font-size:14px;color:#4a4a4a}\
.bd .ok2{text-align:left;color:#1a1a1a;background:#e6f4ea;border-color:#a8d5b5}\
.ft{flex:none;margin:0;padding:10px 12px 12px;border-top:1px solid #e3e3e3;background:#fff}\
.fx{display:flex;align-items:center;justify-content:space-between;gap:12px}\
.ft .note{margin:6px 6px 0;font-size:12.5px}\
.ft .note:not(:has(:not(:empty))){display:none}\
.fx .note{margin:0}\
.note.bad,.bad{color:#b3261e}\
.cnt:not(:empty){margin-left:8px;white-space:nowrap}\
.row2{display:flex;align-items:flex-end;gap:8px}\
textarea,input{width:100%;margin:0;padding:10px 12px;border:1px solid #767676;border-radius:12px;background:#fff;color:#1a1a1a;font:inherit;font-size:16px;line-height:1.4}\
::placeholder{color:#6b6b6b;opacity:1}\
[aria-invalid=true]{border-color:#b3261e;box-shadow:0 0 0 1px #b3261e}\
#baton-input{flex:1;min-height:44px;max-height:140px;resize:none;border-radius:22px;padding:10px 16px;field-sizing:content}\
.snd{flex:none;width:44px;height:44px;padding:0;border:0;border-radius:50%;background:var(--b);${ON_BRAND};display:grid;place-items:center;cursor:pointer}\
.snd[aria-disabled=true]{background:#d6d6d6;color:#4a4a4a;cursor:default;box-shadow:none}\
.wide2{width:100%}\
.leave{margin-top:20px}\
.leave label{display:block;margin:14px 0 4px;font-weight:600}\
.bd .leave .note{margin:6px 0 0;font-size:13px}\
.bd .leave .bad:empty{margin:0}\
.leave textarea{min-height:104px;resize:vertical}\
.leave .btn{width:100%;margin-top:14px}`;

/**
 * Renders the panel into `container` (normally the launcher's `#baton-panel`, inside its shadow
 * root). Returns the unmount function.
 */
export function renderPanel(container: HTMLElement, session: BatonSession, onClose: () => void): () => void {
  const root = container.getRootNode();
  addStyles(root.nodeType === 11 ? (root as ShadowRoot) : document, CSS, session.options.nonce);
  render(<Panel session={session} onClose={onClose} />, container);

  // Mobile (full screen): keep the panel as tall as the visible viewport, so the on-screen
  // keyboard does not hide its bottom part (the composer).
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
  const [lang] = useState<Lang>(() => pickLang(session.options.locale));
  const [t] = useState<Text>(() => ({ ...launcherText[lang], ...panelText[lang] }));
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

  const chatView = useChat(session);
  const { chat, state } = chatView;
  const conv = state?.conversation ?? null;
  const agent = conv && conv.status !== 'closed' ? conv.agent : null;
  const [draft, setDraft] = useState('');
  const [view, setView] = useState<View>('chat');
  const viewRef = useRef(view);
  viewRef.current = view;
  /** The id of the button that opened the context view: focus goes back to it. */
  const returnTo = useRef('');
  const ref = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const first = useRef(true);
  useLayoutEffect(() => {
    if (first.current) first.current = false;
    else if (view === 'context') ref.current?.querySelector<HTMLElement>('.bd [data-focus]')?.focus();
    // Back: to the button that left, or the header's when that one is gone (messages came meanwhile).
    else (ref.current?.querySelector<HTMLElement>(`#${returnTo.current}`) ?? ref.current?.querySelector<HTMLElement>('#baton-info'))?.focus();
  }, [view]);
  const showContext = (from: string) => {
    returnTo.current = from;
    setView('context');
  };

  // Stay at the latest message while the visitor is at the bottom (or just sent one).
  const stick = useRef(true);
  const toBottom = () => {
    const b = body.current;
    if (b && viewRef.current === 'chat') b.scrollTop = b.scrollHeight;
  };
  useLayoutEffect(() => {
    if (stick.current && state?.messages.length) toBottom();
  }, [state?.messages, state?.agentTyping, conv?.status, state?.leftMessage, view]);

  // Read: while the conversation is on screen (panel open, page visible).
  const readRef = useRef(() => {});
  readRef.current = () => {
    if (chat && chat.getState().unread && session.isOpen() && viewRef.current === 'chat' && document.visibilityState !== 'hidden') chat.markRead();
  };
  useEffect(() => readRef.current(), [state, view]);
  useEffect(() => {
    const read = () => readRef.current();
    const off = session.on('open', () => {
      stick.current = true;
      toBottom();
      read();
    });
    document.addEventListener('visibilitychange', read);
    return () => {
      off();
      document.removeEventListener('visibilitychange', read);
    };
  }, [session]);

  // New agent messages, an agent joining, the end: told to screen readers (polite live region).
  const [live, setLive] = useState('');
  const seen = useRef<{ index: number; agent: string | null; status: string | null } | null>(null);
  useEffect(() => {
    if (!state?.ready) return;
    let index = seen.current?.index ?? 0;
    const said: string[] = [];
    for (const m of state.messages) {
      if (m.index == null || m.index <= index) continue;
      index = m.index;
      if (seen.current && m.sender === 'agent') said.push(t.said(m.agent?.name ?? t.someone, m.text));
    }
    const prev = seen.current;
    const agentId = conv?.agent?.id ?? null;
    if (prev && agentId && agentId !== prev.agent && conv?.agent) said.unshift(t.joined(conv.agent.name));
    if (prev && conv?.status === 'closed' && prev.status !== 'closed') said.push(t.ended);
    seen.current = { index, agent: agentId, status: conv?.status ?? null };
    if (said.length) setLive(said.join('\n'));
  }, [state]);

  const subtitle = agent ? t.agentSubtitle : state?.ready && !state.agentsOnline ? t.awaySubtitle : t.subtitle;

  let content: ComponentChildren;
  if (view === 'context') {
    content = snap ? (
      <ContextView t={t} snap={snap} session={session} onBack={() => setView('chat')} />
    ) : (
      <p class="m" role="status">
        {t.connecting}
      </p>
    );
  } else {
    const intro = snap && <Home t={t} snap={snap} session={session} brief={!!state?.messages.length} onShowContext={() => showContext('baton-show')} />;
    content = <Conversation t={t} lang={lang} view={chatView} intro={intro} draft={draft} setDraft={setDraft} />;
  }

  return (
    <div ref={ref} class="dlg" role="dialog" aria-modal="false" aria-labelledby="baton-title">
      <div class="h">
        {agent && <Avatar agent={agent} />}
        <div class="ti">
          <h2 id="baton-title" tabIndex={-1}>
            {agent ? agent.name : t.chat}
          </h2>
          <p class="s">{subtitle}</p>
        </div>
        {view === 'chat' && (
          <button type="button" class="x" id="baton-info" aria-label={t.showContext} title={t.showContext} onClick={() => showContext('baton-info')}>
            <Icon d={EYE_ICON} />
          </button>
        )}
        <button type="button" class="x" aria-label={t.close} onClick={onClose}>
          <Icon d={CLOSE_ICON} />
        </button>
      </div>
      <div
        class="bd"
        key={view}
        ref={body}
        onScroll={(e) => {
          const b = e.currentTarget;
          stick.current = b.scrollHeight - b.scrollTop - b.clientHeight < 48;
        }}
      >
        {content}
      </div>
      {view === 'chat' && (
        <Footer
          t={t}
          lang={lang}
          view={chatView}
          draft={draft}
          setDraft={setDraft}
          onSent={() => {
            stick.current = true;
          }}
        />
      )}
      <div class="sr" aria-live="polite">
        {live}
      </div>
    </div>
  );
}

/** The top of the conversation: welcome, the consent and location prompts, "What we share". */
function Home({ t, snap, session, brief, onShowContext }: Props & { brief: boolean; onShowContext: () => void }) {
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
      {!brief && <p>{t.welcomeMore}</p>}
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
      {!brief && (
        <button type="button" class="btn2 wide" id="baton-show" onClick={onShowContext}>
          {t.showContext}
          <Icon d={CHEVRON_ICON} />
        </button>
      )}
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
