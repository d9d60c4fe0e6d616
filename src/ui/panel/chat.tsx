/**
 * The conversation view of the panel (same lazy chunk): the message list, the agent's typing,
 * the waiting / ended states, the composer, and, when nobody can answer live, the e-mail asked in
 * the thread (one composer in every state).
 * It renders a ChatHandle's state (src/core/chat/session.ts) and calls its intents; message text
 * is rendered as text, with http(s) URLs as links built here (never HTML strings).
 */
import type { ComponentChildren, RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ChatHandle, ChatItem, ChatState, SendResult } from '../../core/chat/session';
import type { BatonSession } from '../../core/session';
import { MESSAGE_MAX_CHARS, type AgentPublic } from '../../protocol/chat';
import { MessageText } from '../../view/MessageText';
import { Avatar } from './avatar';
import { PhotoBubble, PhotoButton, imageFiles, photoProblem, usePhotoSender } from './photos';
import { Survey } from './survey';
import { TranscriptOffer } from './transcript';

import type { Text } from './text';

/** The counter under the composer appears this close to the limit. */
const COUNTER_FROM = MESSAGE_MAX_CHARS - 500;
const SEND_ICON = 'M2.01 21 23 12 2.01 3 2 10l15 2-15 2z';

export interface ChatView {
  chat: ChatHandle | null;
  state: ChatState | null;
  /** The chat could not start (a chunk did not load, a bad `server` option). */
  failed: boolean;
  retry(): void;
  /** Runs `fn` with the chat now, or as soon as it has loaded (the visitor may type before that). */
  later(fn: (chat: ChatHandle) => void): void;
}

/** Starts (or reuses) the session's chat and follows its state. */
export function useChat(session: BatonSession): ChatView {
  const [chat, setChat] = useState<ChatHandle | null>(null);
  const [state, setState] = useState<ChatState | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const ready = useRef<ChatHandle | null>(null);
  const waiting = useRef<((c: ChatHandle) => void)[]>([]);
  useEffect(() => {
    let live = true;
    let off = () => {};
    session.chat().then(
      (c) => {
        if (!live) return;
        ready.current = c;
        setChat(c);
        off = c.subscribe(setState);
        for (const fn of waiting.current.splice(0)) fn(c);
      },
      (e: unknown) => {
        if (!live) return;
        setFailed(true);
        session.reportError({ code: 'ui_failed', message: `the chat could not start: ${String((e as Error)?.message ?? e)}` });
      },
    );
    return () => {
      live = false;
      off();
    };
  }, [session, attempt]);
  return {
    chat,
    state,
    failed,
    retry: () => {
      setFailed(false);
      setAttempt((a) => a + 1);
    },
    later: (fn) => (ready.current ? fn(ready.current) : void waiting.current.push(fn)),
  };
}

/**
 * The composer's text, kept out of the panel's state: a keystroke re-renders the composer (and the
 * articles suggested above it), never the panel and its thread (`npm run bench:articles`).
 */
export interface Draft {
  readonly value: string;
  set(value: string): void;
  subscribe(fn: () => void): () => void;
}

export function createDraft(): Draft {
  let value = '';
  const subs = new Set<() => void>();
  return {
    get value() {
      return value;
    },
    set(v) {
      if (v === value) return;
      value = v;
      for (const fn of subs) fn();
    },
    subscribe(fn) {
      subs.add(fn);
      return () => subs.delete(fn);
    },
  };
}

/** The draft's text, re-rendering this component (only) when it changes. */
function useDraft(draft: Draft): string {
  const [, changed] = useState(0);
  useLayoutEffect(() => draft.subscribe(() => changed((n) => n + 1)), [draft]);
  return draft.value;
}

// ---- the conversation ----

interface ConversationProps {
  t: Text;
  view: ChatView;
  /** Shown above the messages of an empty conversation: the site's menu (visual IVR), a line to start. */
  intro: ComponentChildren;
  /** The visitor gave the e-mail for the reply (their preferred channel, ./preference.ts). */
  onEmail?: () => void;
}

export function Conversation({ t, view, intro, onEmail }: ConversationProps) {
  const { state, chat } = view;
  const conv = state?.conversation ?? null;
  const time = useTimeFormat(t.locale);
  // Nobody can answer live: the e-mail for the reply is asked as a message in the thread, after the
  // visitor's last message before anyone answered (so it stays where it was asked once someone
  // does). Once given, a line says where the reply goes; unanswered, it goes when someone joins.
  const asked = useRef<string | null>(null);
  const askHere = !!(state?.canEmail && conv && (conv.status === 'offline' || (conv.email && asked.current === conv.id)));
  if (askHere) asked.current = conv!.id;
  // The survey, last in the thread while due; once answered here, its thanks stay in its place.
  const surveyed = useRef<string | null>(null);
  const survey = conv?.survey === 'due' || (conv?.survey === 'done' && surveyed.current === conv.id);
  if (conv?.survey === 'due') surveyed.current = conv.id;

  // "Sam joined the conversation": where the agent joined, as first seen here (after the message
  // that was last then), or before their first message when the history already has one.
  const joinedAfter = useRef(new Map<string, { agent: AgentPublic; after: string | null }>());
  const items: ComponentChildren[] = [];
  if (state) {
    const msgs = state.messages;
    const agent = conv?.status === 'active' ? conv.agent : null;
    if (agent && !joinedAfter.current.has(agent.id) && !msgs.some((m) => m.agent?.id === agent.id)) {
      joinedAfter.current.set(agent.id, { agent, after: msgs.filter((m) => m.index != null).at(-1)?.key ?? null });
    }
    const joined = new Set<string>();
    const join = (a: AgentPublic) => {
      if (joined.has(a.id)) return;
      joined.add(a.id);
      items.push(
        <li key={`join-${a.id}`} class="sys" data-sender="system">
          {t.joined({ name: a.name })}
        </li>,
      );
    };
    const linesAfter = (key: string | null) => {
      for (const j of joinedAfter.current.values()) if (j.after === key) join(j.agent);
    };
    linesAfter(null);
    const firstAnswer = msgs.findIndex((m) => m.sender === 'agent' || m.sender === 'bot');
    let askAfter: string | null = null;
    if (askHere) for (const m of firstAnswer < 0 ? msgs : msgs.slice(0, firstAnswer)) if (m.sender === 'visitor') askAfter = m.key;
    const ask = askHere && chat ? <EmailAsk key="ask" t={t} chat={chat} email={conv!.email ?? null} onEmail={onEmail} /> : null;
    let prevAgent: string | null = null;
    // "Seen" (issue 15): under the visitor's last message, once the agent has read up to it.
    const lastMine = msgs.filter((m) => m.sender === 'visitor').at(-1);
    const seenKey = lastMine?.index != null && lastMine.index <= (conv?.seen ?? 0) ? lastMine.key : null;
    for (const m of msgs) {
      if (m.sender === 'agent' && m.agent) join(m.agent);
      // The name over a run of the same agent's (or the bot's) messages.
      const from = m.sender === 'agent' ? (m.agent?.id ?? null) : m.sender === 'bot' ? '\0bot' : null;
      const showName = from !== null && from !== prevAgent;
      prevAgent = from;
      items.push(<Message key={m.key} t={t} m={m} time={time} showName={showName} chat={chat} seen={m.key === seenKey} />);
      if (m.key === askAfter) items.push(ask);
      linesAfter(m.key);
    }
    if (ask && askAfter === null) items.push(ask);
    if (agent) join(agent);
    if (survey && chat) items.push(<Survey key="survey" t={t} chat={chat} done={conv!.survey === 'done'} />);
    // Then, one ask at a time: a copy of the conversation by e-mail.
    if (chat && state.canTranscript && conv?.status === 'closed' && conv.survey !== 'due' && msgs.length > 0) items.push(<TranscriptOffer key="transcript" t={t} chat={chat} conv={conv} />);
  }

  return (
    <>
      {intro}
      {items.length > 0 && (
        <ol class="msgs" aria-label={t.messages}>
          {items}
        </ol>
      )}
      {state?.agentTyping && (
        <p class="ty">
          <span class="dots" aria-hidden="true">
            <i />
            <i />
            <i />
          </span>
          {t.typing({ name: conv?.agent?.name ?? t.someone })}
        </p>
      )}
      {conv?.status === 'waiting' && conv.bot !== 'answering' && <p class="cst">{conv.position ? t.waitingAt({ n: conv.position }) : t.waiting}</p>}
      {conv?.status === 'offline' && !state?.canEmail && <p class="cst">{t.queuedOffline}</p>}
      {conv?.status === 'closed' && <p class="cst end">{t.ended}</p>}
    </>
  );
}

/**
 * The e-mail asked in the thread, as the team's message: a field and a button, never taking focus
 * from the composer. Once the server has it, one line says where the reply goes (focus, if it was
 * in this form, goes back to the composer).
 */
function EmailAsk({ t, chat, email, onEmail }: { t: Text; chat: ChatHandle; email: string | null; onEmail?: (() => void) | undefined }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLLIElement>(null);
  useLayoutEffect(() => {
    const root = ref.current?.getRootNode() as ShadowRoot | undefined;
    if (email && root && !root.activeElement && document.activeElement === document.body) root.getElementById('baton-input')?.focus();
  }, [email]);
  if (email) {
    return (
      <li ref={ref} class="sys" data-sender="system" data-testid="email-saved">
        {t.emailSaved({ email })}
      </li>
    );
  }
  const submit = (e: Event) => {
    e.preventDefault();
    const r = chat.setEmail(value);
    setError(r.ok ? null : r.reason === 'bad_email' ? t.badEmail : t.emailLater);
    if (r.ok) onEmail?.();
  };
  return (
    <li ref={ref} class="msg ag wide" data-sender="system" data-testid="email-ask">
      <form class="bub ask" onSubmit={submit} noValidate aria-labelledby="baton-ask">
        <p id="baton-ask">{t.askEmail}</p>
        <label for="baton-ask-email" class="sr">
          {t.emailLabel}
        </label>
        <div class="row2">
          <input
            id="baton-ask-email"
            type="email"
            autocomplete="email"
            placeholder={t.emailLabel}
            maxLength={320}
            value={value}
            aria-invalid={!!error || undefined}
            aria-describedby="baton-ask-note"
            onInput={(e) => {
              setValue(e.currentTarget.value);
              setError(null);
            }}
          />
          <button type="submit" class="btn2">
            {t.emailSave}
          </button>
        </div>
        <p id="baton-ask-note" class="note bad" aria-live="polite">
          {error}
        </p>
      </form>
    </li>
  );
}

function Message({ t, m, time, showName, chat, seen }: { t: Text; m: ChatItem; time: (at: number) => string; showName: boolean; chat: ChatHandle | null; seen?: boolean }) {
  if (m.sender === 'system') {
    return (
      <li class="sys" data-sender="system" data-index={m.index ?? undefined}>
        <MessageText text={m.text} />
      </li>
    );
  }
  const mine = m.sender === 'visitor';
  const bot = m.sender === 'bot';
  const who = mine ? t.you : bot ? (m.bot?.name ?? t.botBadge) : (m.agent?.name ?? t.someone);
  return (
    <li class={mine ? 'msg me' : bot ? 'msg ag bot' : 'msg ag'} data-sender={m.sender} data-status={m.status} data-index={m.index ?? undefined}>
      {showName && (
        <span class="who" aria-hidden="true">
          {/* The agent's face beside the first of their messages, as in the header: who wrote it, at a glance. */}
          {m.sender === 'agent' && m.agent && <Avatar agent={m.agent} />}
          <bdi>{who}</bdi>
          {bot && <span class="bg">{t.botBadge}</span>}
        </span>
      )}
      <div class={m.media?.length ? 'bub ph' : 'bub'}>
        <span class="sr">
          <bdi>{who}</bdi>
          {bot ? ` (${t.botBadge}): ` : ': '}
        </span>
        {m.media?.length ? <PhotoBubble m={m} chat={chat} t={t} who={who} /> : null}
        {/* Written by a person, in any script: its own direction, whatever the panel's. */}
        <bdi dir="auto" class="tx">
          <MessageText text={m.text} />
        </bdi>
      </div>
      <div class="meta">
        <time dateTime={new Date(m.at).toISOString()}>{time(m.at)}</time>
        {mine && m.status === 'sending' && <span>{` · ${t.sending}`}</span>}
        {mine && m.status === 'sent' && (seen ? <span data-testid="seen">{` · ${t.seen}`}</span> : <span class="sr">{` · ${t.sent}`}</span>)}
        {mine && m.status === 'failed' && (
          <>
            <span class="fl">{` · ${m.error === 'outbox_full' ? t.outboxFull : m.media?.length && m.error !== 'connection' ? photoProblem(t.photo, m.error) : t.failed}`}</span>
            {' '}
            <button type="button" class="rt" onClick={() => chat?.retry(m.clientId)}>
              {t.retry}
            </button>
          </>
        )}
      </div>
    </li>
  );
}

/**
 * "Talk to a person", at the top of the message box while the site's bot answers: always there,
 * always works. Pressed while the connection is down, it goes as soon as the chat is back online.
 */
export function Handover({ t, view }: { t: Text; view: ChatView }) {
  const { chat, state } = view;
  const [asked, setAsked] = useState(false);
  const answering = state?.conversation?.bot === 'answering';
  const online = state?.connection === 'online';
  useEffect(() => {
    if (asked && answering && online) chat?.handover();
  }, [asked, answering, online, chat]);
  if (!answering) return null;
  return (
    <button type="button" class="hov" data-testid="talk-to-person" aria-disabled={asked || undefined} onClick={() => setAsked(true)}>
      {asked ? t.gettingPerson : t.talkToPerson}
    </button>
  );
}

// ---- footer: composer, ended, failed ----

interface FooterProps {
  t: Text;
  view: ChatView;
  draft: Draft;
  /** After a message is sent: stay at the bottom of the list. */
  onSent: () => void;
  /** Above the message box, given what is typed: help articles suggested while the visitor types. */
  above?: (text: string) => ComponentChildren;
}

export function Footer({ t, view, draft, onSent, above }: FooterProps) {
  const { chat, state, failed, retry } = view;
  const endRef = useRef<HTMLButtonElement>(null);
  const closed = state?.conversation?.status === 'closed';
  // The composer the visitor was typing in goes away when the agent ends the conversation: if
  // focus went with it, put it on "Start a new conversation".
  useLayoutEffect(() => {
    const root = endRef.current?.getRootNode() as ShadowRoot | Document | undefined;
    if (closed && root && !root.activeElement && document.activeElement === document.body) endRef.current?.focus();
  }, [closed]);
  if (failed) {
    return (
      <div class="ft fx">
        <p class="note" role="alert">
          {t.chatFailed}
        </p>
        <button type="button" class="btn2" onClick={retry}>
          {t.retry}
        </button>
      </div>
    );
  }
  if (closed) {
    return (
      <div class="ft">
        <button type="button" class="btn wide2" ref={endRef} onClick={() => chat?.startNew()}>
          {t.startNew}
        </button>
      </div>
    );
  }
  // Nothing is connected until the visitor shows they want to chat (focus, typing, a send). The
  // first connection does not block sending (messages wait as "sending"); a lost one does.
  const c = state?.started ? state.connection : null;
  // With an outbox (state.durable) nothing is blocked: messages wait, shown as sending, and go when back.
  const lost = c === 'reconnecting' ? t.reconnectingNote : c === 'offline' ? t.offlineNote : null;
  const blocked = state?.durable ? null : lost;
  const status = c === 'connecting' ? t.connectingNote : state?.durable && lost ? (c === 'offline' ? t.offlineKeptNote : t.reconnectingKeptNote) : null;
  return <Composer t={t} view={view} reason={blocked} status={status} draft={draft} onSent={onSent} above={above} />;
}

interface ComposerProps {
  t: Text;
  view: ChatView;
  /** Why sending is not possible now (shown, and the send button disabled). */
  reason: string | null;
  /** What is going on (shown), sending still possible. */
  status: string | null;
  draft: Draft;
  onSent: () => void;
  above?: ((text: string) => ComponentChildren) | undefined;
}

function Composer({ t, view, reason, status, draft: store, onSent, above }: ComposerProps) {
  const { chat, later } = view;
  const draft = useDraft(store);
  const setDraft = store.set;
  const [refusal, setRefusal] = useState<string | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  const length = draft.trim().length;
  const over = length > MESSAGE_MAX_CHARS;
  const canSend = !reason && length > 0 && !over;
  useGrow(ref, draft);
  /** "Preparing your photo…" while the photo is made ready (a problem goes to `refusal`). */
  const [photoNote, setPhotoNote] = useState<string | null>(null);
  const sendPhotos = usePhotoSender(view, t, (n, bad) => (bad ? (setRefusal(n), setPhotoNote(null)) : setPhotoNote(n)), onSent);
  /** "Scan a code" (issue 19): its lazy chunk, loaded when the visitor picks it; sent only from its Send. */
  const [scanning, setScanning] = useState(false);
  const [Scan, setScan] = useState<typeof import('./scan/index').ScanView | null>(null);
  useEffect(() => {
    if (scanning && !Scan) void import('./scan/index').then((m) => setScan(() => m.ScanView));
  }, [scanning]);
  const closeScan = () => {
    setScanning(false);
    ref.current?.focus();
  };

  const submit = () => {
    if (reason) return;
    const text = draft;
    // Before the chat has loaded (a slow network), the message goes as soon as it has.
    later((c) => {
      const r: SendResult = c.send(text);
      if (r.ok) {
        if (ref.current?.value === text || !ref.current) setDraft('');
        setRefusal(null);
        onSent();
      } else setRefusal(r.reason === 'empty' ? t.empty : null);
    });
  };
  const note = reason ?? (over ? t.tooLong({ n: length, max: MESSAGE_MAX_CHARS }) : refusal ?? photoNote ?? status);
  const counter = length >= COUNTER_FROM && !over ? t.counter({ n: length, max: MESSAGE_MAX_CHARS }) : null;

  return (
    <form
      class="ft cmp"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {above?.(draft)}
      {scanning && Scan && (
        <Scan
          t={t}
          onClose={closeScan}
          onSend={(code) =>
            later((c) => {
              if (c.sendCode(code).ok) {
                closeScan();
                onSent();
              }
            })
          }
        />
      )}
      <label for="baton-input" class="sr">
        {t.messageLabel}
      </label>
      <div class="row2">
        {view.state?.canSendPhotos && !reason && <PhotoButton t={t} onFiles={sendPhotos} onScan={() => setScanning(true)} />}
        <textarea
          id="baton-input"
          ref={ref}
          rows={1}
          value={draft}
          placeholder={t.placeholder}
          enterkeyhint="send"
          aria-describedby="baton-note baton-count"
          aria-invalid={over || undefined}
          data-focus
          onFocus={() => later((c) => c.start())}
          onInput={(e) => {
            const v = e.currentTarget.value;
            setDraft(v);
            setRefusal(null);
            if (chat) chat.typing(v.trim().length > 0);
            else later((c) => c.start());
          }}
          onPaste={(e) => {
            const photos = view.state?.canSendPhotos ? imageFiles(e.clipboardData) : [];
            if (!photos.length) return;
            e.preventDefault();
            sendPhotos(photos);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey && !e.isComposing) {
              e.preventDefault();
              submit();
            }
          }}
        />
        <button type="submit" class="snd" aria-label={t.send} title={t.send} aria-disabled={!canSend}>
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" class="flip">
            <path d={SEND_ICON} />
          </svg>
        </button>
      </div>
      {/* The reason is announced when it changes; the counter is not (it changes with every key). */}
      <p class={over || refusal ? 'note bad' : 'note'}>
        <span id="baton-note" aria-live="polite">
          {note}
        </span>
        <span id="baton-count" class="cnt">
          {counter}
        </span>
      </p>
    </form>
  );
}

// ---- helpers ----

/** "14:05" / "2:05 PM" in the panel's language. */
function useTimeFormat(locale: string): (at: number) => string {
  const [f] = useState(() => new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }));
  return (at) => f.format(at);
}

/** Whether CSS sizes the composer to its text (asked once: the answer does not change). */
let fieldSizing: boolean | undefined;

/** Grows the composer with its text (browsers without `field-sizing: content`), up to the CSS max-height. */
function useGrow(ref: RefObject<HTMLTextAreaElement>, value: string): void {
  useLayoutEffect(() => {
    const el = ref.current;
    fieldSizing ??= typeof CSS !== 'undefined' && !!CSS.supports?.('field-sizing', 'content');
    if (!el || fieldSizing) return;
    el.style.height = 'auto';
    if (el.scrollHeight) el.style.height = `${el.scrollHeight + 2}px`;
  }, [value]);
}
