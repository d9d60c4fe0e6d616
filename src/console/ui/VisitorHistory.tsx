/**
 * A person's other conversations, in the context panel (issue 17): the same browser coming back, or
 * the same id the site signed on another device, is one person with several conversations. Each
 * opens in the thread (read-only when closed); the list of the one opened leads back.
 */
import type { JSX } from 'preact';
import type { ConversationSummary } from '../../protocol/chat';
import type { ConsoleStore } from '../store';
import { clock, dayLabel, fullTime, text } from '../strings';
import { Tags } from './Tags';

export function VisitorHistory({ store, conversationId, now }: { store: ConsoleStore; conversationId: string; now: number }): JSX.Element {
  const others = store.state.history[conversationId];
  if (!others) return <p class="muted">{text.earlierLoading}</p>;
  if (!others.length) return <p class="muted" data-testid="history-none">{text.earlierNone}</p>;
  return (
    <ul class="history" data-testid="visitor-history">
      {others.map((q) => (
        <HistoryItem key={q.id} q={q} now={now} onOpen={() => store.select(q.id, q)} />
      ))}
    </ul>
  );
}

export function HistoryItem({ q, now, onOpen, excerpt }: { q: ConversationSummary; now: number; onOpen(): void; excerpt?: JSX.Element | null }): JSX.Element {
  const when = `${dayLabel(q.createdAt, now)}, ${clock(q.createdAt)}`;
  return (
    <li class="history-item" data-testid="history-item" data-conversation-id={q.id} data-status={q.status}>
      <button type="button" class="history-open" onClick={onOpen} title={fullTime(q.createdAt)}>
        <span class="history-top">
          <span class="history-when">{when}</span>
          <span class={`tag ${q.status}`}>{text.status[q.status]}</span>
        </span>
        <span class="history-text">{excerpt ?? q.lastMessage?.text ?? text.noMessages}</span>
        <span class="tl-meta">
          {[q.agent?.name, q.routing?.path.join(' › ')].filter(Boolean).join(' · ')}
          {/* Issue 15 adds satisfaction answers to conversations: shown here once summaries carry them. */}
        </span>
      </button>
      {q.tags?.length ? <Tags tags={q.tags} /> : null}
    </li>
  );
}
