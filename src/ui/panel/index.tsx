/**
 * The chat panel (lazy chunk, loaded by ../launcher on first hover, focus or click). Renders into
 * the container the launcher created in its shadow root, reading only the headless BatonSession
 * (and the ChatHandle it gives). Separate views, as in the best messengers:
 * - Home (./home.tsx): greeting, team, the conversation or a way to start one, help, calling,
 *   "What the agent sees";
 * - Conversation (./chat.tsx): the thread only, the agent in the header, the composer (with help
 *   articles suggested above it while typing);
 * - Help and an article (./help/, a chunk of its own, only with the `articles` option);
 * - What the agent sees (./contextView.tsx) and the phone line (./phoneLine.tsx).
 * Moving forward focuses the new view's `data-focus` element; Back returns focus to the control
 * that left (found again by its `data-nav` name). Everything is rendered as text by Preact.
 */
import { render } from 'preact';
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Presence } from '../../core/chat/session';
import type { BatonSession } from '../../core/session';
import type { Article } from '../../protocol/articles';
import type { ContextSnapshot } from '../../protocol/context';
import { entryTitle } from '../../view/entryTitle';
import { CLOSE_ICON } from '../icons';
import { addStyles } from '../styles';
import { Avatar } from './avatar';
import { CALL_CSS, CallBar, CallButton, CallbackOffer, useCall } from './call';
import { Conversation, Footer, Handover, createDraft, useChat } from './chat';
import { ContinueEntry } from './continueEntry';
import type { Help } from './help/index';
import { Greeting, Home, ReplyTime } from './home';
import { Icon } from './icon';
import { PhoneLineView, telHref } from './phoneLine';
import { RoutingMenu, validateMenu } from './menu';
import type { RoutingContext } from '../../protocol/context';
import { PANEL_CSS } from './styles';
import { PHOTO_CSS } from './photos';
import type { Text, ViewProps } from './text';
import { createPreference, firstWay, remembered } from './preference';
import { HANDOFF_CSS, HandoffArrival, HandoffView, MovedHere, readMoved, writeMoved, type Moved } from './handoff';

type View = 'home' | 'chat' | 'help' | 'article' | 'context' | 'phone' | 'handoff';

const BACK_ICON = 'M15.41 7.41 14 6l-6 6 6 6 1.41-1.41L10.83 12z';
const HOME_ICON = 'M10 20v-6h4v6h5v-8h3L12 3 2 12h3v8z';
const CHAT_ICON = 'M20 2H4a2 2 0 0 0-2 2v18l4-4h14a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2z';
const HELP_ICON =
  'M11 18h2v-2h-2v2zm1-16a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16zm0-14a4 4 0 0 0-4 4h2a2 2 0 1 1 4 0c0 2-3 1.75-3 5h2c0-2.25 3-2.5 3-5a4 4 0 0 0-4-4z';

const TITLE = '#title';
/** Focus the message box (or the leave-a-message form's), not the menu a new conversation starts with. */
const COMPOSER = '#composer';

/** Who is online is asked again when the home shows and the last answer is older than this. */
const PRESENCE_FRESH_MS = 30_000;

/**
 * Renders the panel into `container` (normally the launcher's `#baton-panel`, inside its shadow
 * root). Returns the unmount function.
 */
export function renderPanel(container: HTMLElement, session: BatonSession, onClose: () => void, t: Text): () => void {
  const root = container.getRootNode();
  const styleRoot = root.nodeType === 11 ? (root as ShadowRoot) : document;
  addStyles(styleRoot, PANEL_CSS + CALL_CSS + PHOTO_CSS + HANDOFF_CSS, session.options.nonce);
  render(<Panel session={session} onClose={onClose} styleRoot={styleRoot} t={t} />, container);

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

/** The site's articles, searched and shown by the help chunk (only imported with the `articles` option). */
function useHelp(session: BatonSession, t: Text, styleRoot: ShadowRoot | Document): Help | null {
  const [help, setHelp] = useState<Help | null>(null);
  useEffect(() => {
    if (!(session.options.translations?.[t.lang]?.articles ?? session.options.articles)) return;
    let live = true;
    import('./help/index')
      .then((m) => m.createHelp(session, t, styleRoot))
      .then(
        (h) => live && setHelp(h),
        (e: unknown) => session.reportError({ code: 'ui_failed', message: `help articles could not load: ${String((e as Error)?.message ?? e)}` }),
      );
    return () => {
      live = false;
    };
  }, [session]);
  return help;
}

function Panel({ session, onClose, styleRoot, t }: { session: BatonSession; onClose: () => void; styleRoot: ShadowRoot | Document; t: Text }) {
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
  // The site's menu in the shown language (boot option `translations`), else its default one.
  const [menu] = useState(() => {
    const m = session.options.translations?.[t.lang]?.menu ?? session.options.menu;
    return m ? validateMenu(m) : null;
  });
  useEffect(() => {
    if (menu && !menu.ok) session.reportError({ code: 'invalid_argument', message: menu.error });
  }, [menu]);
  /** undefined: not touched here, the snapshot's says. */
  const [routing, setRouting] = useState<RoutingContext | null | undefined>(undefined);

  const chatView = useChat(session);
  const callView = useCall(session);
  // The way the visitor reaches us (issue 15, ./preference.ts): recorded when used, remembered with
  // consent; last visit's is read once the consent is known, put in the context until another is used.
  const consentNow = useRef(snap?.consent);
  consentNow.current = snap?.consent;
  const [prefer] = useState(() => createPreference(session, () => consentNow.current ?? 'pending'));
  const prior = useMemo(() => (snap ? remembered(snap.consent) : null), [snap?.consent]);
  useEffect(() => {
    if (prior && !session.raw?.().parts.preferences) session.setPart?.('preferences', prior);
  }, [prior]);
  const help = useHelp(session, t, styleRoot);
  const ct = t.call;
  const { chat, state } = chatView;
  const conv = state?.conversation ?? null;
  const agent = conv && conv.status !== 'closed' ? conv.agent : null;
  // The composer's text: a keystroke re-renders the composer, not this panel (see Draft).
  const [draft] = useState(createDraft);
  const [query, setQuery] = useState('');
  const [article, setArticle] = useState<Article | null>(null);
  const phoneLine = telHref(session.options.phone) ? t.phone.phoneLine : null;
  // "Continue on your phone" done: said in place of the message box until "Continue here".
  const [moved, setMoved] = useState<Moved | null>(readMoved);
  const consented = snap?.consent === 'granted';
  const stay = () => {
    writeMoved(null, false);
    setMoved(null);
  };
  // Kept across reloads only with consent; another conversation (a new one, or none) ends it.
  useEffect(() => {
    if (!moved) return;
    if ((moved.conversationId && conv && conv.id !== moved.conversationId) || conv?.status === 'closed') stay();
    else writeMoved(moved, consented);
  }, [moved, conv?.id, conv?.status, consented]);

  // ---- views and focus ----
  // Opened from a "Continue on your phone" link: straight to the conversation that continues here.
  const [view, setView] = useState<View>(() => (session.arrival?.() ? 'chat' : 'home'));
  const viewRef = useRef(view);
  viewRef.current = view;
  /** Where Back goes: the views left, each with the control that left it (its data-nav name). */
  const trail = useRef<{ view: View; from: string }[]>([]);
  /**
   * Focus after the next render: '' the new view's data-focus element, TITLE its heading, else
   * (Back) the control named so that left it; null: leave focus alone.
   */
  const focusNext = useRef<string | null>(null);
  /** The visitor moved between views: the panel no longer moves on its own (unread messages). */
  const touched = useRef(false);
  const ref = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const want = focusNext.current;
    focusNext.current = null;
    if (want === null) return;
    const el = ref.current;
    const target =
      (want === TITLE
        ? null
        : want === COMPOSER
          ? el?.querySelector<HTMLElement>('#baton-input, #baton-leave-text')
          : want
            ? el?.querySelector<HTMLElement>(`[data-nav="${want}"]`)
            : el?.querySelector<HTMLElement>('[data-focus]')) ??
      el?.querySelector<HTMLElement>('#baton-title');
    target?.focus();
  }, [view, article]);

  const go = (next: View, from: string, focus = '') => {
    touched.current = true;
    trail.current.push({ view: viewRef.current, from });
    focusNext.current = focus;
    setView(next);
  };
  const back = () => {
    touched.current = true;
    const prev = trail.current.pop() ?? { view: 'home' as View, from: '' };
    focusNext.current = prev.from;
    setView(prev.view);
  };
  /** The bottom bar: a section of its own, Back history starts over. */
  const tab = (next: View) => {
    touched.current = true;
    trail.current = [];
    if (next !== viewRef.current) setView(next);
    // The bar goes away in the conversation: focus its heading (the composer would connect the
    // chat); in Help, the search.
    if (next === 'chat') focusNext.current = TITLE;
    if (next === 'help') focusNext.current = '';
  };
  const openArticle = (a: Article, from: string) => {
    help?.opened(a);
    setArticle(a);
    go('article', from);
  };
  /** To the conversation: focus on the site's menu in a new one, else on its composer (which connects). */
  const toChat = (from: string) => {
    // "Send us a message" is the intent to chat: connect now, so the visitor learns at once
    // whether someone is there (or gets the leave-a-message form) while they pick a topic.
    if (from === 'start') chatView.later((c) => c.start());
    go('chat', from);
  };

  // Unread agent messages while the visitor has not moved yet: the conversation is what they want.
  useEffect(() => {
    if (!touched.current && viewRef.current === 'home' && state?.unread) {
      trail.current = [{ view: 'home', from: 'continue' }];
      const inPanel = ref.current?.contains((ref.current.getRootNode() as ShadowRoot).activeElement ?? null);
      focusNext.current = inPanel ? TITLE : null;
      setView('chat');
    }
  }, [state?.unread]);
  // A proactive message accepted (src/ui/proactive.ts puts its rule in the context, then opens the
  // panel): straight to the conversation, composer focused (which connects, with the trigger).
  const triggered = useRef(0);
  const trigger = snap?.trigger;
  useEffect(() => {
    if (trigger && trigger.at > triggered.current) {
      triggered.current = trigger.at;
      trail.current = [{ view: 'home', from: '' }];
      focusNext.current = COMPOSER;
      setView('chat');
    }
  }, [trigger?.at]);
  // Opened from a QR entry link (the boot put the scanned token in the context and opened the panel;
  // the snapshot builder read it): to the conversation about it, focus on its heading (the composer would connect).
  const entered = useRef(0);
  const entry = snap?.entry;
  useEffect(() => {
    if (entry && entry.at > entered.current) {
      entered.current = entry.at;
      trail.current = [{ view: 'home', from: '' }];
      focusNext.current = TITLE;
      setView('chat');
    }
  }, [entry?.at]);
  // A call started from elsewhere (the launcher's call button, Baton('call')) shows in the conversation.
  const calling = !!callView.state && callView.state.state !== 'idle' && callView.state.state !== 'ended';
  // "Call" while the server says nobody is online: the callback offer instead of a call (issue 15).
  const [askCallback, setAskCallback] = useState<false | 'nobody' | 'chosen'>(false);
  const booking = session.callbacks && <Booking session={session} t={t} styleRoot={styleRoot} onBooked={(pending) => prefer('callback', pending)} />;
  // An agent calls the visitor (issue 15's "Call now"): the conversation shows with Answer / Decline,
  // and a closed panel opens through the launcher (the panel has no other handle on its host).
  const invited = !!callView.state?.invite;
  useEffect(() => {
    if (calling) {
      prefer('call');
      setAskCallback(false); // the call replaces the callback offer (answering an agent's call, say)
    }
    if ((calling || invited) && viewRef.current !== 'chat') {
      trail.current = [{ view: 'home', from: 'call' }];
      setView('chat');
    }
    if (invited && !session.isOpen()) (styleRoot as ShadowRoot).getElementById?.('baton-launcher')?.click();
  }, [calling, invited]);

  // ---- who is online (the home's line and avatars), asked when the home shows ----
  const [presence, setPresence] = useState<{ p: Presence; at: number } | null>(null);
  useEffect(() => {
    if ((view !== 'home' && view !== 'chat') || !chat?.presence || (presence && Date.now() - presence.at < PRESENCE_FRESH_MS)) return;
    let live = true;
    chat.presence().then((p) => live && p && setPresence({ p, at: Date.now() }));
    return () => {
      live = false;
    };
  }, [view, chat]);
  // Once connected, the chat's own count is the truth.
  const known: Presence | null = state?.ready ? { agentsOnline: state.agentsOnline, team: presence?.p.team ?? [], availability: presence?.p.availability ?? null } : (presence?.p ?? null);
  const nobody = known?.agentsOnline === 0;

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
      if (seen.current && m.sender === 'agent') said.push(t.said({ name: m.agent?.name ?? t.someone, text: m.text }));
    }
    const prev = seen.current;
    const agentId = conv?.agent?.id ?? null;
    if (prev && agentId && agentId !== prev.agent && conv?.agent) said.unshift(t.joined({ name: conv.agent.name }));
    if (prev && conv?.status === 'closed' && prev.status !== 'closed') said.push(t.ended);
    seen.current = { index, agent: agentId, status: conv?.status ?? null };
    if (said.length) setLive(said.join('\n'));
  }, [state]);

  const ht = help?.t;
  let title: ComponentChildren = null;
  let content: ComponentChildren;
  let foot: ComponentChildren = null;
  const nav = (
    <nav class="nav" aria-label={t.sections}>
      <NavButton id="home" d={HOME_ICON} label={t.navHome} current={view === 'home'} onClick={() => tab('home')} />
      <NavButton id="chat" d={CHAT_ICON} label={t.navMessages} current={false} badge={state?.unread} onClick={() => tab('chat')} />
      {help && <NavButton id="help" d={HELP_ICON} label={help.t.help} current={view === 'help'} onClick={() => tab('help')} />}
    </nav>
  );

  if (view === 'home') {
    content = snap ? (
      <Home
        t={t}
        snap={snap}
        session={session}
        chat={chatView}
        call={callView}
        presence={known}
        help={help}
        phoneLine={phoneLine}
        // Not on a phone already (a touch screen without a fine pointer).
        handoff={session.handoff && !matchMedia('(pointer: coarse)').matches ? t.handoff.handoffEntry : null}
        go={(v, from) => (v === 'chat' ? toChat(from) : go(v, from))}
        onOpenArticle={openArticle}
        callLabel={ct.call}
        onNobody={
          nobody
            ? () => {
                setAskCallback('nobody');
                toChat('call');
              }
            : undefined
        }
        first={firstWay(prior, { call: callView.available, phone: !!phoneLine, callback: !!session.callbacks })}
        onCallback={
          session.callbacks &&
          (() => {
            setAskCallback('chosen');
            toChat('callback');
          })
        }
      />
    ) : (
      <Loading t={t} />
    );
    foot = nav;
  } else if (view === 'help' && help) {
    title = ht!.help;
    content = <help.HelpView help={help} query={query} setQuery={setQuery} onOpen={openArticle} onAsk={() => toChat('ask')} />;
    foot = nav;
  } else if (view === 'article' && help && article) {
    title = ht!.help;
    content = (
      <help.ArticleView
        key={article.id}
        help={help}
        article={article}
        onHelped={(a) => {
          // A conversation avoided, as far as anyone can tell: only when none is open.
          const s = chat?.getState();
          if (!s?.conversation || s.conversation.status === 'closed') chat?.reportHelped?.({ id: a.id, title: a.title.slice(0, 120) });
        }}
        onNeedHelp={() => {
          // "I still need help" starts the conversation: the agent gets the context, articles read included.
          chatView.later((c) => c.start());
          // Back in the conversation the article was opened from (Back then goes where it went
          // before), or on to it from Help or Home (Back returns to the article's list).
          if (trail.current.at(-1)?.view === 'chat') {
            trail.current.pop();
            focusNext.current = COMPOSER;
            setView('chat');
          } else go('chat', `a:${article.id}`, COMPOSER);
        }}
      />
    );
  } else if (view === 'context') {
    title = t.contextTitle;
    content = snap ? <LazyContextView t={t} snap={snap} session={session} /> : <Loading t={t} />;
  } else if (view === 'phone') {
    title = t.phone.phoneTitle;
    content = <PhoneLineView session={session} t={t} onCode={() => prefer('phone')} />;
  } else if (view === 'handoff') {
    title = t.handoff.handoffTitle;
    // "Continue here" leads to the conversation (Back from there: home); the header's Back goes back.
    content = (
      <HandoffView
        session={session}
        t={t}
        onMoved={(to) => setMoved({ to, conversationId: conv?.id ?? null })}
        onContinue={() => {
          stay();
          trail.current = [{ view: 'home', from: 'handoff' }];
          focusNext.current = TITLE;
          setView('chat');
        }}
      />
    );
  } else {
    // The conversation (and the fallback of a view whose data went away).
    const empty = !state?.messages.length && !conv;
    const intro = empty && (
      <>
        {menu?.ok && snap && <RoutingMenu session={session} nodes={menu.nodes} t={t} chosen={routing === undefined ? (snap.routing ?? null) : routing} onChosen={setRouting} />}
        {snap?.trigger && <p class="cst">{snap.trigger.message}</p>}
        <p class="cst" data-testid="empty-thread">
          {t.emptyThread}
        </p>
      </>
    );
    content = (
      <>
        <HandoffArrival session={session} t={t} />
        {entry && (
          <p class="ha" data-testid="entry-about">
            {t.entryAbout({ label: entryTitle(entry) })}
          </p>
        )}
        <Conversation t={t} view={chatView} intro={intro} onEmail={() => prefer('email')} />
      </>
    );
    foot = moved ? (
      <MovedHere t={t} to={moved.to} onContinue={stay} />
    ) : (
      <Footer
        t={t}
        view={chatView}
        draft={draft}
        onSent={() => {
          stick.current = true;
          // A chat started: the conversation's first message from the visitor.
          if ((chat?.getState().messages.filter((m) => m.sender === 'visitor').length ?? 0) <= 1) prefer('chat');
        }}
        // Articles while typing: only until an agent is there to help.
        above={(text) => (
          <>
            <Handover t={t} view={chatView} />
            <ContinueEntry t={t} view={chatView} styleRoot={styleRoot} nonce={session.options.nonce} />
            {help && !agent ? <help.Suggestions help={help} draft={text} onOpen={openArticle} /> : null}
          </>
        )}
      />
    );
  }
  const isChat = view === 'chat';

  return (
    <div ref={ref} class="dlg" lang={t.lang} dir={t.dir} role="dialog" aria-modal="false" aria-label={session.options.launcher ? session.options.launcher.label || t.chat : t.chat}>
      <div class={view === 'home' ? 'h hm' : 'h'}>
        {(isChat || (view !== 'home' && trail.current.length > 0)) && (
          <button type="button" class="bkx" aria-label={t.back} title={t.back} data-testid="back" onClick={back}>
            <Icon d={BACK_ICON} flip />
          </button>
        )}
        {view === 'home' && <Greeting t={t} snap={snap} presence={known} />}
        {isChat && agent && <Avatar agent={agent} />}
        {view !== 'home' && (
          <div class="ti">
            <h2 id="baton-title" tabIndex={-1} data-focus={view === 'context' || view === 'phone' || view === 'handoff' ? true : undefined}>
              {isChat ? (agent ? <bdi>{agent.name}</bdi> : t.chat) : title}
            </h2>
            {isChat && <p class="s">{agent ? t.agentSubtitle : <ReplyTime t={t} presence={known} />}</p>}
          </div>
        )}
        {isChat && <CallButton t={ct} session={session} view={callView} onNobody={nobody ? () => setAskCallback('nobody') : undefined} />}
        <button type="button" class="x" aria-label={t.close} onClick={onClose}>
          <Icon d={CLOSE_ICON} />
        </button>
      </div>
      <CallBar
        t={ct}
        view={callView}
        chat={chatView}
        agentName={conv?.agent?.name ?? null}
        onChat={() => {
          if (viewRef.current !== 'chat') go('chat', '');
          ref.current?.querySelector<HTMLElement>('#baton-input, #baton-leave-text')?.focus();
        }}
        phoneLine={phoneLine ? (b) => <PhoneLineView session={session} t={t} onBack={b} onCode={() => prefer('phone')} /> : undefined}
        booking={booking}
      />
      {askCallback && !calling && !invited && <CallbackOffer t={ct} chat={chatView} onClose={() => setAskCallback(false)} booking={booking} chosen={askCallback === 'chosen'} />}
      <div
        class={view === 'home' ? 'bd bh' : 'bd'}
        key={view === 'article' ? `article:${article?.id}` : view}
        // The conversation may hold nothing focusable (a call's system lines): its scrolling region
        // is a tab stop of its own then, so the keyboard can scroll it (axe: scrollable-region-focusable).
        {...(isChat && { tabIndex: 0, role: 'region', 'aria-labelledby': 'baton-title' })}
        ref={body}
        onScroll={(e) => {
          const b = e.currentTarget;
          stick.current = b.scrollHeight - b.scrollTop - b.clientHeight < 48;
        }}
      >
        {content}
      </div>
      {foot}
      <div class="sr" aria-live="polite">
        {live}
      </div>
    </div>
  );
}

/** The callback booking (./callback/): its own chunk, imported when the form shows. */
function Booking(props: { session: BatonSession; t: Text; styleRoot: ShadowRoot | Document; onBooked: (pending?: boolean) => void }) {
  const [C, setC] = useState<typeof import('./callback/index').CallbackBooking | null>(null);
  useEffect(() => void import('./callback/index').then((m) => setC(() => m.CallbackBooking)), []);
  return C && <C {...props} />;
}

function NavButton({ id, d, label, current, badge, onClick }: { id: string; d: string; label: string; current: boolean; badge?: number | undefined; onClick: () => void }) {
  return (
    <button type="button" class="nb" aria-current={current ? 'page' : undefined} data-tab={id} onClick={onClick}>
      <Icon d={d} />
      <span>{label}</span>
      {!!badge && <span class="nbg">{badge}</span>}
    </button>
  );
}

/** "What the agent sees" is a chunk of its own (./context/), loaded when the visitor opens it. */
function LazyContextView(p: ViewProps) {
  const [view, setView] = useState<typeof import('./context/contextView') | null>(null);
  useEffect(() => {
    void import('./context/contextView').then(setView, () => {}); // offline: the loading state stays, the way back too
  }, []);
  return view ? <view.ContextView {...p} /> : <Loading t={p.t} />;
}

function Loading({ t }: { t: Text }) {
  return (
    <p class="m" role="status">
      {t.connecting}
    </p>
  );
}
