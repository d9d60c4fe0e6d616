/** The middle column: the selected conversation, its messages, and the composer. */
import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { MESSAGE_MAX_CHARS, NOTE_MAX_CHARS, type ChatMessage, type InternalNote } from '../../protocol/chat';
import { isVisitorTyping, visitorName, visitorWho, type Conversation, type PendingMessage } from '../state';
import type { ConsoleStore } from '../store';
import { clock, dayLabel, fullTime, text } from '../strings';
import { MessageText } from '../../view/MessageText';
import { memo } from '../../view/memo';
import { Avatar, VerifiedCheck, VisitorLabel } from './common';
import { Icon } from './icons';
import { PhotoPicker, PhotoThumbs, imagesOf, usePhotoUploads } from './Photos';
import { ScannedCodeCard } from './ScannedCode';
import { isMissedCall } from '../missedCall';
import { useCannedPicker } from './CannedPicker';
import { RepliesDialog } from './RepliesDialog';
import { TransferDialog } from './TransferDialog';
import { useModal } from './useModal';

/** The counter appears from here on. */
const COUNTER_FROM = MESSAGE_MAX_CHARS - 500;
/** Messages from the same sender closer than this are grouped under one name. */
const GROUP_MS = 5 * 60_000;

type Row =
  | { kind: 'day'; key: string; label: string }
  | { kind: 'msg'; key: string; m: ChatMessage; first: boolean }
  | { kind: 'note'; key: string; n: InternalNote }
  | { kind: 'pending'; key: string; p: PendingMessage; first: boolean };

function rows(c: Conversation, now: number): Row[] {
  const out: Row[] = [];
  let lastDay = '';
  let prev: { sender: string; agentId: string | null; at: number } | null = null;
  const push = (at: number, sender: string, agentId: string | null) => {
    const day = dayLabel(at, now);
    if (day !== lastDay) {
      out.push({ kind: 'day', key: `d-${at}`, label: day });
      lastDay = day;
      prev = null;
    }
    const p = prev as { sender: string; agentId: string | null; at: number } | null;
    const first = !p || p.sender !== sender || p.agentId !== agentId || at - p.at > GROUP_MS || sender === 'system';
    prev = { sender, agentId, at };
    return first;
  };
  // A note stands after the message that was the latest when it was written.
  const notes = [...c.notes].sort((a, b) => a.afterIndex - b.afterIndex || a.at - b.at);
  let j = 0;
  const notesUpTo = (index: number) => {
    for (; j < notes.length && notes[j]!.afterIndex <= index; j++) {
      const n = notes[j]!;
      push(n.at, 'note', null);
      out.push({ kind: 'note', key: n.id, n });
    }
  };
  for (const m of c.messages) {
    notesUpTo(m.index - 1);
    const first = push(m.at, m.sender, m.agent?.id ?? null);
    out.push({ kind: 'msg', key: m.id, m, first });
  }
  notesUpTo(Infinity);
  for (const p of c.pending) {
    const first = push(p.at, p.note ? 'note' : 'agent', 'me');
    out.push({ kind: 'pending', key: `p-${p.clientId}`, p, first });
  }
  return out;
}

/**
 * One row of the thread. Rows get only what they show (the message object, kept by the reducer
 * while unchanged, and a few strings and flags), so a change elsewhere (a new message, a typing
 * indicator, the 5 s clock) renders none of the rows that did not change.
 */
function MessageRow({ row, c, store, latestOwn }: { row: Row; c: Conversation; store: ConsoleStore; latestOwn: string | null }): JSX.Element {
  if (row.kind === 'day') {
    return (
      <li class="day" data-testid="day">
        {row.label}
      </li>
    );
  }
  if (row.kind === 'pending') return <PendingRow p={row.p} first={row.first} conversationId={c.summary.id} store={store} />;
  const me = store.state.agent;
  if (row.kind === 'note') return <NoteRow n={row.n} who={row.n.agent && me && row.n.agent.id === me.id ? text.you : (row.n.agent?.name ?? text.systemSender)} me={me?.id ?? null} />;
  const { m } = row;
  const own = m.sender === 'agent' && !!me && m.agent?.id === me.id;
  const who =
    m.sender === 'visitor'
      ? (visitorName(c.summary, c.context) ?? text.visitor)
      : m.sender === 'system'
        ? text.systemSender
        : m.sender === 'bot'
          ? (m.bot?.name ?? text.botSender)
          : own
          ? text.you
          : (m.agent?.name ?? text.systemSender);
  return <SentRow m={m} first={row.first} who={who} own={own} sent={own && latestOwn === m.id} />;
}

/** An internal note: the team's only, shown apart from the conversation (never sent to the visitor). */
const NoteRow = memo(function NoteRow({ n, who, me }: { n: InternalNote; who: string; me: string | null }) {
  const transfer = !!(n.transferTo || n.transferSkill);
  return (
    <li class={`msg note first${transfer ? ' transfer' : ''}`} data-testid="note" data-status="sent" data-id={n.id} data-transfer={transfer ? 'true' : undefined}>
      <span class="who">
        <Icon name="lock" />
        {n.transferTo
          ? text.transferLabel(who, n.transferTo.id === me ? text.you.toLowerCase() : n.transferTo.name)
          : n.transferSkill
            ? text.transferQueueLabel(who, n.transferSkill)
            : text.noteBy(who)}
      </span>
      {n.text ? (
        <div class="bubble">
          <MessageText text={n.text} />
        </div>
      ) : null}
      <div class="meta">
        <time dateTime={new Date(n.at).toISOString()} title={fullTime(n.at)}>
          {clock(n.at)}
        </time>
      </div>
    </li>
  );
});

const PendingRow = memo(function PendingRow({ p, first, conversationId, store }: { p: PendingMessage; first: boolean; conversationId: string; store: ConsoleStore }) {
  const failed = p.status === 'failed';
  return (
    <li
      class={`msg ${p.note ? 'note' : 'agent'} ${failed ? 'failed' : 'sending'}${first || p.note ? ' first' : ''}`}
      data-testid={p.note ? 'note' : 'message'}
      data-sender={p.note ? undefined : 'agent'}
      data-status={p.status}
      data-client-id={p.clientId}
    >
      {p.note ? (
        <span class="who">
          <Icon name="lock" />
          {text.noteBy(text.you)}
        </span>
      ) : first ? (
        <span class="who">{text.you}</span>
      ) : (
        <span class="sr-only">{text.you}: </span>
      )}
      <div class="bubble">
        <MessageText text={p.text} />
      </div>
      <div class="meta">
        {failed ? (
          <>
            <span class="fail" data-testid="message-failed">
              {text.failed}
              {p.error ? ` — ${text.errors[p.error]}` : ''}
            </span>
            <button type="button" class="link-btn" data-testid="retry" onClick={() => store.retry(conversationId, p.clientId)}>
              {text.retry}
            </button>
            <button type="button" class="link-btn danger" onClick={() => store.discard(conversationId, p.clientId)}>
              {text.discard}
            </button>
          </>
        ) : (
          <span data-testid="message-sending">{text.sending}</span>
        )}
      </div>
    </li>
  );
});

const SentRow = memo(function SentRow({ m, first, who, own, sent }: { m: ChatMessage; first: boolean; who: string; own: boolean; sent: boolean }) {
  return (
    <li
      class={`msg ${m.sender}${m.sender === 'agent' && !own ? ' other' : ''}${first ? ' first' : ''}`}
      data-testid="message"
      data-sender={m.sender}
      data-status="sent"
      data-index={m.index}
      data-id={m.id}
    >
      {m.sender !== 'system' ? (
        first ? (
          <span class="who">
            {who}
            {m.sender === 'bot' ? <span class="bot-badge">{text.botBadge}</span> : null}
          </span>
        ) : (
          <span class="sr-only">{m.sender === 'bot' ? `${who} (${text.botBadge})` : who}: </span>
        )
      ) : null}
      <div class={m.media?.length ? 'bubble photo' : 'bubble'}>
        {m.media?.length ? <PhotoThumbs media={m.media} who={who} /> : null}
        {m.code ? <ScannedCodeCard code={m.code} /> : <MessageText text={m.text} />}
      </div>
      {m.sender !== 'system' ? (
        <div class="meta">
          <time dateTime={new Date(m.at).toISOString()} title={fullTime(m.at)}>
            {clock(m.at)}
          </time>
          {sent ? <span aria-hidden="true">·</span> : null}
          {sent ? <span data-testid="message-sent">{text.sent}</span> : null}
        </div>
      ) : null}
    </li>
  );
});

const drafts = new Map<string, string>();
/** Conversations whose composer is writing an internal note (the agent switched to "Note"). */
const noteModes = new Set<string>();

function Composer({ c, store, name }: { c: Conversation; store: ConsoleStore; name: string }): JSX.Element {
  const id = c.summary.id;
  const [value, setValue] = useState(() => drafts.get(id) ?? '');
  const [noting, setNoting] = useState(() => noteModes.has(id));
  const [managing, setManaging] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  /** Where the caret goes after the next render (a canned reply was inserted). */
  const caretAfter = useRef<number | null>(null);

  useEffect(() => {
    setValue(drafts.get(id) ?? '');
    setNoting(noteModes.has(id));
    ref.current?.focus();
    return () => store.stopTyping(id);
  }, [id]);

  // A keyboard command (N, R): write a note or a reply here. Requests made before this composer showed are not its own.
  const seenIntent = useRef(store.intent?.n ?? 0);
  const intent = store.intent;
  useEffect(() => {
    if (!intent || intent.n <= seenIntent.current) return;
    seenIntent.current = intent.n;
    if (intent.kind === 'note' || intent.kind === 'reply') mode(intent.kind === 'note');
  }, [intent?.n]);

  function mode(note: boolean) {
    setNoting(note);
    if (note) {
      noteModes.add(id);
      store.stopTyping(id); // the visitor sees no "typing" for a note
    } else noteModes.delete(id);
    ref.current?.focus();
  }

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (caretAfter.current !== null) {
      el.setSelectionRange(caretAfter.current, caretAfter.current);
      caretAfter.current = null;
    }
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight + 2, 240)}px`;
  }, [value]);

  const length = value.trim().length;
  const over = length > MESSAGE_MAX_CHARS;
  const canSend = length > 0 && !over;
  const photos = usePhotoUploads(id);
  const picker = useCannedPicker({
    c,
    store,
    value,
    setValue: (v, caret) => {
      caretAfter.current = caret;
      update(v);
    },
    onManage: () => setManaging(true),
  });

  function update(v: string) {
    setValue(v);
    if (v) drafts.set(id, v);
    else drafts.delete(id);
    if (v.trim() && !noting) store.typed(id);
    else store.stopTyping(id);
  }

  function submit() {
    if (!canSend) return;
    if (noting ? store.sendNote(id, value) : store.sendMessage(id, value)) update('');
  }

  return (
    <>
    <form
      class={`composer${noting ? ' noting' : ''}`}
      aria-label={noting ? text.noteComposerLabel : text.composerLabel}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onDragOver={(e) => e.dataTransfer?.types.includes('Files') && e.preventDefault()}
      onDrop={(e) => {
        if (noting || !e.dataTransfer?.types.includes('Files')) return; // photos go to the visitor: never from a note
        e.preventDefault();
        photos.add(imagesOf(e.dataTransfer));
      }}
    >
      {photos.view}
      <div class="composer-modes" role="radiogroup" aria-label={text.composerMode}>
        <button type="button" role="radio" aria-checked={!noting} class="mode" data-testid="mode-reply" onClick={() => mode(false)}>
          {text.modeReply}
        </button>
        <button type="button" role="radio" aria-checked={noting} class="mode note" data-testid="mode-note" onClick={() => mode(true)}>
          <Icon name="lock" />
          {text.modeNote}
        </button>
      </div>
      <div class="composer-box">
        {picker.view}
        <label class="sr-only" for="composer">
          {noting ? text.noteComposerLabel : text.composerLabel}
        </label>
        <textarea
          ref={ref}
          id="composer"
          data-testid="composer"
          rows={2}
          placeholder={noting ? text.notePlaceholder : text.composerPlaceholder(name)}
          value={value}
          aria-describedby="composer-hint composer-count"
          aria-invalid={over ? 'true' : undefined}
          {...picker.aria}
          onInput={(e) => {
            update(e.currentTarget.value);
            picker.onInput(e.currentTarget.value, e.currentTarget.selectionStart);
          }}
          onPaste={(e) => {
            if (noting) return;
            const files = imagesOf(e.clipboardData);
            if (!files.length) return;
            e.preventDefault();
            photos.add(files);
          }}
          onKeyDown={(e) => {
            if (picker.onKeyDown(e)) {
              e.preventDefault();
              return;
            }
            if (e.key === 'Escape' && !e.isComposing) {
              e.currentTarget.blur(); // single-key shortcuts work again (ui/Keyboard.tsx)
              return;
            }
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && !e.altKey && !e.ctrlKey && !e.metaKey) {
              e.preventDefault();
              submit();
            }
          }}
        />
        <div class="composer-foot">
          <span class="hint" id="composer-hint">
            {noting ? text.noteHint : text.composerHint}
          </span>
          <span id="composer-count" class={`counter${over ? ' over' : ''}`} data-testid="composer-count">
            {length >= COUNTER_FROM
              ? over
                ? text.tooLong(length - MESSAGE_MAX_CHARS)
                : text.charCount(length, MESSAGE_MAX_CHARS)
              : ''}
          </span>
          {noting ? null : <PhotoPicker onFiles={photos.add} />}
          <button type="submit" class={`btn primary${noting ? ' note' : ''}`} data-testid="send" disabled={!canSend}>
            <Icon name={noting ? 'lock' : 'send'} />
            {noting ? text.addNote : text.send}
          </button>
        </div>
      </div>
      {picker.warning}
    </form>
    {managing ? (
      <RepliesDialog
        replies={store.replies}
        onClose={() => {
          setManaging(false);
          ref.current?.focus();
        }}
      />
    ) : null}
    </>
  );
}

function CloseDialog({ onClose, onConfirm }: { onClose(): void; onConfirm(note: string): void }): JSX.Element {
  const modal = useModal(onClose);
  const [note, setNote] = useState('');
  return (
    <dialog
      {...modal}
      class="modal"
      aria-labelledby="close-title"
      aria-describedby="close-intro"
      data-testid="close-dialog"
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(note);
        }}
      >
        <h2 id="close-title">{text.closeTitle}</h2>
        <p id="close-intro">{text.closeIntro}</p>
        <div class="field">
          <label for="close-note">{text.closeNote}</label>
          <textarea
            id="close-note"
            class="input"
            data-testid="close-note"
            maxLength={NOTE_MAX_CHARS}
            value={note}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
          {note.length > NOTE_MAX_CHARS - 200 ? (
            <span class="counter">{text.charCount(note.length, NOTE_MAX_CHARS)}</span>
          ) : null}
        </div>
        <div class="actions">
          <button type="button" class="btn" onClick={onClose}>
            {text.cancel}
          </button>
          <button type="submit" class="btn primary" data-testid="confirm-close">
            {text.confirmClose}
          </button>
        </div>
      </form>
    </dialog>
  );
}

export function Thread({ store, now }: { store: ConsoleStore; now: number }): JSX.Element {
  const s = store.state;
  const id = s.selectedId;
  const c = id ? s.conversations[id] : undefined;
  const listRef = useRef<HTMLDivElement>(null);
  const [closing, setClosing] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const count = c ? c.messages.length + c.pending.length : 0;
  const lastKey = useRef<{ id: string | null; count: number }>({ id: null, count: 0 });

  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const prev = lastKey.current;
    const switched = prev.id !== id;
    const nearBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 160;
    if (switched || (count > prev.count && nearBottom) || (c && c.pending.length && count > prev.count)) {
      el.scrollTop = el.scrollHeight;
    }
    lastKey.current = { id, count };
  });

  useEffect(() => {
    setClosing(false);
    setTransferring(false);
  }, [id]);
  // Keyboard commands (X, T) for the conversation shown, when it allows them.
  const seenIntent = useRef(store.intent?.n ?? 0);
  const intent = store.intent;
  useEffect(() => {
    if (!intent || intent.n <= seenIntent.current) return;
    seenIntent.current = intent.n;
    const shown = id ? s.conversations[id] : undefined;
    if (!shown || !s.agent) return;
    const own = shown.summary.agent?.id === s.agent.id && s.mine.includes(shown.summary.id) && shown.summary.status === 'active';
    if (intent.kind === 'close' && own) setClosing(true); // never while merely previewing (as the header's button)
    if (intent.kind === 'transfer' && own) setTransferring(true);
  }, [intent?.n]);

  // When what had focus disappears (the composer of a conversation that just closed, a removed
  // conversation), keyboard users land on the thread rather than at the top of the page.
  const status = c?.summary.status;
  const mounted = useRef(false);
  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    const active = document.activeElement;
    if (!active || active === document.body) document.getElementById('thread')?.focus({ preventScroll: true });
  }, [status, id]);

  // Stay pinned to the latest message while the list or the window changes size (banners, composer growth).
  const pinned = useRef(true);
  useEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const onScroll = () => {
      pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    const RO = (globalThis as { ResizeObserver?: typeof ResizeObserver }).ResizeObserver;
    const ro = RO
      ? new RO(() => {
          if (pinned.current) el.scrollTop = el.scrollHeight;
        })
      : null;
    ro?.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      ro?.disconnect();
    };
  }, [!!c]);

  if (!c) {
    return (
      <main class="thread" id="thread" aria-labelledby="thread-title" tabIndex={-1}>
        <div class="blank" data-testid="no-conversation">
          <div>
            <div class="blank-art" aria-hidden="true">
              <Icon name="inbox" />
            </div>
            <h1 id="thread-title">{text.pickOne}</h1>
            <p>{text.pickOneHelp}</p>
          </div>
        </div>
      </main>
    );
  }

  const q = c.summary;
  const me = s.agent;
  const { name, nameVerified, email, emailVerified } = visitorWho(q, c.context);
  const shown = name ?? text.visitor;
  const mine = !!me && q.agent?.id === me.id && s.mine.includes(q.id);
  const active = q.status === 'active';
  const inQueue = s.queue.some((x) => x.id === q.id);
  const otherAgent = q.agent && me && q.agent.id !== me.id ? q.agent : null;
  const typing = isVisitorTyping(c, now);
  let latestOwn: string | null = null;
  for (let i = c.messages.length - 1; i >= 0 && me; i--) {
    const m = c.messages[i]!;
    if (m.sender === 'agent' && m.agent?.id === me.id) {
      latestOwn = m.id;
      break;
    }
  }

  return (
    <main class="thread" id="thread" aria-labelledby="thread-title" data-testid="thread" data-conversation-id={q.id} tabIndex={-1}>
      <header class="thread-head">
        <Avatar name={name} seed={q.visitorId ?? q.id} size="lg" />
        <div class="thread-id">
          <h1 id="thread-title">
            <span class="t">
              <VisitorLabel name={name} conversationId={q.id} visitorId={q.visitorId} />
            </span>
            {nameVerified ? <VerifiedCheck field="name" /> : null}
            <span class={`tag ${q.status}`} data-testid="thread-status">
              {isMissedCall(q) ? text.missedCall : text.status[q.status]}
            </span>
          </h1>
          <div class="thread-sub">
            {email ? (
              <span data-testid="thread-email">
                {email}
                {emailVerified ? <VerifiedCheck field="email" /> : null}
              </span>
            ) : null}
            {email && q.page ? <span class="sep" aria-hidden="true">|</span> : null}
            {q.page ? <span>{q.page.title || q.page.path}</span> : null}
          </div>
        </div>
        <div class="thread-actions">
          {mine && active ? (
            <button type="button" class="btn" data-testid="transfer" onClick={() => setTransferring(true)}>
              {text.transfer}
            </button>
          ) : null}
          {/* Closing ends the visitor's conversation: only for one's own, never while merely previewing (issue 17). */}
          {mine && active ? (
            <button type="button" class="btn" data-testid="close-conversation" onClick={() => setClosing(true)}>
              {text.closeConversation}
            </button>
          ) : null}
          {mine && q.status === 'closed' ? (
            <button type="button" class="btn" onClick={() => store.remove(q.id)}>
              {text.removeFromList}
            </button>
          ) : null}
        </div>
      </header>

      <div>
        {q.status === 'offline' ? (
          <p class="notice offline">
            <Icon name={isMissedCall(q) ? 'phoneMissed' : 'mail'} />
            <span>{isMissedCall(q) ? text.missedCallNotice : text.offlineNotice(q.email)}</span>
          </p>
        ) : null}
        {q.status === 'closed' ? (
          <p class="notice closed" data-testid="closed-notice">
            <span>
              {text.closedNotice}
              {c.closeNote ? (
                <>
                  {' '}
                  {text.closeNoteLabel} <q>{c.closeNote}</q>
                </>
              ) : null}
            </span>
          </p>
        ) : otherAgent && active ? (
          <p class="notice">{text.handledBy(otherAgent.name)}</p>
        ) : !inQueue && !mine && (q.status === 'waiting' || q.status === 'offline') && c.loaded ? (
          <p class="notice closed">{text.notInQueue}</p>
        ) : null}
        {q.csat ? (
          <p class={`notice csat s${q.csat.score}`} data-testid="csat">
            <span>
              {text.csatLine(q.csat.score)}
              {q.csat.comment ? (
                <>
                  {': '}
                  <q>{q.csat.comment}</q>
                </>
              ) : null}
            </span>
          </p>
        ) : null}
      </div>

      {/* Focusable so the keyboard can scroll a thread with nothing focusable in it (axe: scrollable-region-focusable). */}
      <div class="msgs-wrap" ref={listRef} tabIndex={0}>
        {c.loaded && (c.messages[0]?.index ?? 1) > 1 ? (
          <p class="earlier">
            <button type="button" class="btn" data-testid="load-earlier" onClick={() => store.loadEarlier(q.id)}>
              {text.loadEarlier}
            </button>
          </p>
        ) : null}
        {c.loaded ? (
          <ol class="msgs" aria-label={text.messages} data-testid="messages">
            {rows(c, now).map((row) => (
              <MessageRow key={row.key} row={row} c={c} store={store} latestOwn={latestOwn} />
            ))}
          </ol>
        ) : otherAgent && active ? null : (
          <p class="loading" role="status">
            {text.loading}
          </p>
        )}
      </div>

      <div class="typing" data-testid="typing">
        {typing ? (
          <>
            <span class="dots" aria-hidden="true">
              <i />
              <i />
              <i />
            </span>
            <span>{text.typing(shown)}</span>
          </>
        ) : null}
      </div>

      {mine && active ? (
        <Composer c={c} store={store} name={shown} />
      ) : inQueue ? (
        <div class="claim-bar">
          <span>{text.previewNotice}</span>
          <button
            type="button"
            class="btn primary"
            data-testid="claim-thread"
            disabled={s.claiming === q.id || !s.ready}
            onClick={() => store.claim(q.id)}
          >
            {s.claiming === q.id ? text.claiming : text.claim}
          </button>
        </div>
      ) : (
        <div />
      )}

      {transferring ? <TransferDialog store={store} conversationId={q.id} onClose={() => setTransferring(false)} /> : null}
      {closing ? (
        <CloseDialog
          onClose={() => setClosing(false)}
          onConfirm={(note) => {
            if (store.close(q.id, note)) setClosing(false);
          }}
        />
      ) : null}
    </main>
  );
}
