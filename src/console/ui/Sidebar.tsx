/** The left column: the queue (waiting and offline conversations) and the agent's own conversations. */
import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { ConversationSummary } from '../../protocol/chat';
import { unreadCount, visitorWho, type ConsoleState, type Conversation } from '../state';
import type { ConsoleStore } from '../store';
import { clock, duration, text } from '../strings';
import { Avatar, VerifiedCheck, VisitorLabel } from './common';
import { Icon } from './icons';
import { PhoneLookup } from './PhoneLookup';
import { Callbacks } from './Callbacks';
import { VirtualList } from './VirtualList';
import { isMissedCall } from '../missedCall';

/** Waits longer than this are shown in red. */
const LONG_WAIT_MS = 5 * 60_000;

/**
 * A queue row's height, from what it shows (the CSS in styles.ts gives every line a fixed height:
 * .qtop 20 px, the other lines 18 px, 2 px apart; 10 px padding above and below; 2 px between rows).
 */
export function queueRowHeight(q: ConversationSummary): number {
  const lines = (q.routing || q.tags?.length ? 1 : 0) + (q.status === 'offline' ? 1 : 0) + (q.page ? 1 : 0) + 1; // + the preview
  return 10 + 20 + lines * 20 + 10 + 2;
}

export function matchesFilter(q: ConversationSummary, filter: string): boolean {
  const f = filter.trim().toLowerCase();
  if (!f) return true;
  return [q.visitor.name, q.visitor.email, q.email, q.page?.title, q.page?.path, q.lastMessage?.text, q.routing?.skill, q.routing?.queue, ...(q.routing?.path ?? []), ...(q.tags ?? [])]
    .some((v) => typeof v === 'string' && v.toLowerCase().includes(f));
}

function preview(q: ConversationSummary): string {
  if (!q.lastMessage) return text.noMessagesYet;
  const who = q.lastMessage.sender === 'agent' ? `${text.you}: ` : q.lastMessage.sender === 'bot' ? `${text.botSender}: ` : '';
  // Only photos have no text.
  return who + (q.lastMessage.text.replace(/\s+/g, ' ') || text.photo);
}

/** The page the visitor is on and the last message: the same two lines in the queue and in "mine". */
function PageAndPreview({ q }: { q: ConversationSummary }): JSX.Element {
  return (
    <>
      {q.page ? (
        <span class="qpage">
          <Icon name="page" />
          <span>{q.page.title || q.page.path}</span>
        </span>
      ) : null}
      <span class="qlast">{preview(q)}</span>
    </>
  );
}

/** A call rings in this conversation: its row says so (the call card is at the top, ./CallBanner.tsx). */
function RingingMark({ store, id }: { store: ConsoleStore; id: string }): JSX.Element | null {
  if (!store.calls.state.ringing.some((r) => r.conversationId === id)) return null;
  return (
    <span class="ringing-mark" data-testid="row-ringing">
      <Icon name="phone" />
      <span>{text.callRinging}</span>
    </span>
  );
}

function QueueItem({ q, store, now, position, size }: { q: ConversationSummary; store: ConsoleStore; now: number; position: number; size: number }): JSX.Element {
  const s = store.state;
  const { name, nameVerified } = visitorWho(q);
  const wait = now - q.waitingSince;
  const claiming = s.claiming === q.id;
  const nameId = `q-name-${q.id}`;
  const selected = s.selectedId === q.id;
  return (
    <li
      class={`qitem${selected ? ' selected' : ''}`}
      data-testid="queue-item"
      data-conversation-id={q.id}
      data-status={q.status}
      aria-setsize={size}
      aria-posinset={position}
      style={{ height: `${queueRowHeight(q)}px` }}
    >
      <button
        type="button"
        class="qopen"
        aria-current={selected ? 'true' : undefined}
        onClick={() => store.select(q.id)}
      >
        <Avatar name={name} seed={q.visitorId ?? q.id} />
        <span class="qmain">
          <span class="qtop">
            <span class="qname" id={nameId}>
              <VisitorLabel name={name} conversationId={q.id} visitorId={q.visitorId} />
            </span>
            {nameVerified ? <VerifiedCheck field="name" /> : null}
            <RingingMark store={store} id={q.id} />
            <span class={`qwait${wait >= LONG_WAIT_MS ? ' long' : ''}`} data-testid="queue-wait">
              {wait < 10_000 ? text.justArrived : text.waiting(duration(wait))}
            </span>
          </span>
          {q.routing || q.tags?.length ? (
            <span class="qskill">
              {q.routing ? (
                <>
                  <span class="tag skill" data-testid="queue-skill" title={q.routing.queue ? `queue ${q.routing.queue}` : undefined}>
                    {q.routing.skill ?? q.routing.queue ?? ''}
                  </span>
                  <span>{q.routing.path.join(' › ')}</span>
                </>
              ) : null}
              {q.tags?.map((t) => (
                <span key={t} class="chip tagchip" data-testid="queue-tag" data-tag={t}>
                  {t}
                </span>
              ))}
            </span>
          ) : null}
          {q.bot ? (
            <span class={`qbot ${q.bot}`} data-testid="queue-bot">
              <Icon name="bot" />
              <span>{q.bot === 'answering' ? text.botAnswering : text.botHandedOver}</span>
            </span>
          ) : null}
          {q.status === 'offline' ? (
            <span class="qoffline" data-testid="queue-offline">
              <Icon name={isMissedCall(q) ? 'phoneMissed' : 'mail'} />
              <span>
                {isMissedCall(q) ? text.missedCall : text.leftMessage}
                {q.email ? ` · ${q.email}` : ''}
              </span>
            </span>
          ) : null}
          <PageAndPreview q={q} />
        </span>
      </button>
      <button
        type="button"
        class={`btn small primary claim${claiming ? ' busy' : ''}`}
        data-testid="claim"
        aria-describedby={nameId}
        disabled={claiming || !s.ready}
        onClick={() => store.claim(q.id)}
      >
        {claiming ? text.claiming : text.claim}
      </button>
    </li>
  );
}

function MineItem({ c, store }: { c: Conversation; store: ConsoleStore }): JSX.Element {
  const s = store.state;
  const q = c.summary;
  const { name, nameVerified } = visitorWho(q, c.context);
  const unread = unreadCount(c);
  const selected = s.selectedId === q.id;
  const closed = q.status === 'closed';
  return (
    <li
      class={`qitem mitem${selected ? ' selected' : ''}${unread ? ' unread' : ''}`}
      data-testid="my-conversation"
      data-conversation-id={q.id}
      data-status={q.status}
    >
      <button type="button" class="qopen" aria-current={selected ? 'true' : undefined} onClick={() => store.select(q.id)}>
        <Avatar name={name} seed={q.visitorId ?? q.id} />
        <span class="qmain">
          <span class="qtop">
            <span class="qname">
              <VisitorLabel name={name} conversationId={q.id} visitorId={q.visitorId} />
            </span>
            {nameVerified ? <VerifiedCheck field="name" /> : null}
            <RingingMark store={store} id={q.id} />
            {closed ? <span class="tag closed">{text.closedTag}</span> : null}
            {q.csat ? (
              <span class="qcsat" data-testid="queue-csat">
                {text.csatShort(q.csat.score)}
              </span>
            ) : null}
            {unread ? (
              <span class="badge-unread" data-testid="unread">
                {unread}
                <span class="sr-only"> {text.unreadSuffix}</span>
              </span>
            ) : q.lastMessage ? (
              <span class="mtime">{clock(q.lastMessage.at)}</span>
            ) : null}
          </span>
          <PageAndPreview q={q} />
        </span>
      </button>
    </li>
  );
}

export function Sidebar({ store, now }: { store: ConsoleStore; now: number }): JSX.Element {
  const s: ConsoleState = store.state;
  const [filter, setFilter] = useState('');
  const [skill, setSkill] = useState('');
  // Skills of the site's menu that conversations in the queue carry (routing hints).
  const skills = useMemo(() => [...new Set(s.queue.map((q) => q.routing?.skill).filter((k): k is string => !!k))].sort(), [s.queue]);
  // Computed again only when the queue or a filter changes, not on every clock tick or message.
  const shown = useMemo(
    () => (filter.trim() || skill ? s.queue.filter((q) => matchesFilter(q, filter) && (!skill || q.routing?.skill === skill)) : s.queue),
    [s.queue, filter, skill],
  );
  const loading = s.queueIncoming !== null && s.queue.length === 0 && s.queueSize > 0;
  const count = loading ? s.queueSize : s.queue.length;
  const mine = s.mine
    .map((id) => s.conversations[id])
    .filter((c): c is Conversation => !!c)
    .sort((a, b) => Number(a.summary.status === 'closed') - Number(b.summary.status === 'closed'));
  const activeMine = mine.filter((c) => c.summary.status !== 'closed').length;

  return (
    <nav class="side" aria-label={text.conversationsNav} id="conversations">
      <section class="side-section" aria-labelledby="queue-h" data-testid="queue">
        <div class="side-head">
          <h2 id="queue-h">{text.queue}</h2>
          <span class={`count${count ? ' hot' : ''}`} data-testid="queue-count">
            {count}
            <span class="sr-only"> {text.waitingSuffix}</span>
          </span>
        </div>
        <div class="filter">
          <Icon name="search" />
          <input
            class="input"
            type="search"
            aria-label={text.filter}
            placeholder={text.filterPlaceholder}
            value={filter}
            onInput={(e) => setFilter(e.currentTarget.value)}
          />
        </div>
        {skills.length || skill ? (
          <div class="filter skill-filter">
            <select class="input" aria-label={text.skillFilter} data-testid="skill-filter" value={skill} onChange={(e) => setSkill(e.currentTarget.value)}>
              <option value="">{text.allSkills}</option>
              {[...new Set([...skills, ...(skill ? [skill] : [])])].map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {shown.length ? (
          <VirtualList
            items={shown}
            rowHeight={queueRowHeight}
            labelledBy="queue-h"
            testId="queue-list"
            renderRow={(q, i) => <QueueItem key={q.id} q={q} store={store} now={now} position={i + 1} size={shown.length} />}
          />
        ) : (
          <p class="empty">{loading ? text.queueLoading : s.queue.length ? text.queueNoMatch : text.queueEmpty}</p>
        )}
      </section>
      <section class="side-section" aria-labelledby="mine-h" data-testid="mine">
        <div class="side-head">
          <h2 id="mine-h">{text.mine}</h2>
          <span class="count">{activeMine}</span>
        </div>
        {mine.length ? (
          <ul class="list" aria-labelledby="mine-h">
            {mine.map((c) => (
              <MineItem key={c.summary.id} c={c} store={store} />
            ))}
          </ul>
        ) : (
          <p class="empty">{text.mineEmpty}</p>
        )}
      </section>
      <Callbacks store={store} now={now} />
      <PhoneLookup store={store} />
    </nav>
  );
}
