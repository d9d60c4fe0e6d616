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
import type { ContextSnapshot } from '../../protocol/context';
import { CLOSE_ICON } from '../icons';
import { launcherText, pickLang, type Lang } from '../i18n';
import { addStyles } from '../styles';
import { Avatar } from './avatar';
import { CALL_CSS, CallBar, CallButton, useCall } from './call';
import { Conversation, Footer, useChat } from './chat';
import { ContextView } from './contextView';
import { Icon } from './icon';
import { PhoneLineView, telHref } from './phoneLine';
import { RoutingMenu, validateMenu } from './menu';
import type { RoutingContext } from '../../protocol/context';
import { phoneText } from './phoneStrings';
import { callText, panelText } from './strings';
import { PANEL_CSS } from './styles';
import { PHOTO_CSS } from './photos';
import { HANDOFF_CSS, HandoffArrival, HandoffView } from './handoff';
import { handoffText } from './handoffStrings';
import type { Text, ViewProps } from './text';


/**
 * The panel's views. When a view is shown after another, the element marked `data-focus` in it
 * gets focus (the context view's heading), or, back in the conversation, the button that left it.
 */
type View = 'chat' | 'context' | 'phone' | 'handoff';

const CHEVRON_ICON = 'M8.59 16.59 10 18l6-6-6-6-1.41 1.41L13.17 12z';
const EYE_ICON =
  'M12 4.5C7 4.5 2.73 7.61 1 12c1.73 4.39 6 7.5 11 7.5s9.27-3.11 11-7.5c-1.73-4.39-6-7.5-11-7.5zM12 17a5 5 0 1 1 0-10 5 5 0 0 1 0 10zm0-8a3 3 0 1 0 0 6 3 3 0 0 0 0-6z';

/**
 * Renders the panel into `container` (normally the launcher's `#baton-panel`, inside its shadow
 * root). Returns the unmount function.
 */
export function renderPanel(container: HTMLElement, session: BatonSession, onClose: () => void): () => void {
  const root = container.getRootNode();
  addStyles(root.nodeType === 11 ? (root as ShadowRoot) : document, PANEL_CSS + CALL_CSS + PHOTO_CSS + HANDOFF_CSS, session.options.nonce);
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

  // The site's menu (visual IVR), validated once; a bad one is reported and not shown.
  const [menu] = useState(() => (session.options.menu ? validateMenu(session.options.menu) : null));
  useEffect(() => {
    if (menu && !menu.ok) session.reportError({ code: 'invalid_argument', message: menu.error });
  }, [menu]);
  /** undefined: not touched here, the snapshot's says. */
  const [routing, setRouting] = useState<RoutingContext | null | undefined>(undefined);

  const chatView = useChat(session);
  const callView = useCall(session);
  const ct = callText[lang];
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
    else if (view !== 'chat') ref.current?.querySelector<HTMLElement>('.bd [data-focus]')?.focus();
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
  if (view === 'phone') {
    // The phone line: from the home's "Call us by phone" (and the call view's alternatives).
    content = <PhoneLineView session={session} lang={lang} onBack={() => setView('chat')} />;
  } else if (view === 'handoff') {
    content = <HandoffView session={session} lang={lang} onBack={() => setView('chat')} />;
  } else if (view === 'context') {
    content = snap ? (
      <ContextView t={t} snap={snap} session={session} onBack={() => setView('chat')} />
    ) : (
      <p class="m" role="status">
        {t.connecting}
      </p>
    );
  } else {
    const intro = snap && (
      <Home t={t} snap={snap} session={session} brief={!!state?.messages.length} onShowContext={() => showContext('baton-show')}>
        {menu?.ok && <RoutingMenu session={session} nodes={menu.nodes} lang={lang} chosen={routing === undefined ? (snap.routing ?? null) : routing} onChosen={setRouting} />}
        {telHref(session.options.phone) && (
          <button type="button" class="btn2 wide" id="baton-phone" onClick={() => ((returnTo.current = 'baton-phone'), setView('phone'))}>
            {phoneText[lang].phoneLine}
            <Icon d={CHEVRON_ICON} />
          </button>
        )}
        {/* Not on a phone already (a touch screen without a fine pointer). */}
        {session.handoff && !matchMedia('(pointer: coarse)').matches && (
          <button type="button" class="btn2 wide" id="baton-handoff" onClick={() => ((returnTo.current = 'baton-handoff'), setView('handoff'))}>
            {handoffText[lang].handoffEntry}
            <Icon d={CHEVRON_ICON} />
          </button>
        )}
      </Home>
    );
    content = (
      <>
        <HandoffArrival session={session} lang={lang} />
        <Conversation t={t} lang={lang} view={chatView} intro={intro} draft={draft} setDraft={setDraft} />
      </>
    );
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
        {view === 'chat' && <CallButton t={ct} session={session} view={callView} />}
        {view === 'chat' && (
          <button type="button" class="x" id="baton-info" aria-label={t.showContext} title={t.showContext} onClick={() => showContext('baton-info')}>
            <Icon d={EYE_ICON} />
          </button>
        )}
        <button type="button" class="x" aria-label={t.close} onClick={onClose}>
          <Icon d={CLOSE_ICON} />
        </button>
      </div>
      {view === 'chat' && (
        <CallBar
          t={ct}
          view={callView}
          chat={chatView}
          agentName={conv?.agent?.name ?? null}
          onChat={() => ref.current?.querySelector<HTMLElement>('#baton-input, #baton-leave-text')?.focus()}
          phoneLine={telHref(session.options.phone) ? (back) => <PhoneLineView session={session} lang={lang} onBack={back} /> : undefined}
        />
      )}
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
function Home({ t, snap, session, brief, onShowContext, children }: ViewProps & { brief: boolean; onShowContext: () => void; children?: ComponentChildren }) {
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
      {children}
    </>
  );
}
