/**
 * Search across conversations and visitors (issue 17): the words of messages, a visitor's name,
 * e-mail or id, tags (SQLite FTS5 on the server), with filters on status, agent, tag and dates.
 * A result opens in the thread: claimable when queued, read-only when closed or another's.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConversationStatus, SearchFilters } from '../../protocol/chat';
import { visitorWho } from '../state';
import type { ConsoleStore } from '../store';
import { text } from '../strings';
import { VisitorLabel } from './common';
import { HistoryItem } from './VisitorHistory';

const STATUSES: ConversationStatus[] = ['waiting', 'active', 'offline', 'closed'];

/** "…the [[invoice]] for…" as text with the matched words in <mark> (never HTML from the server). */
export function Excerpt({ text: t }: { text: string }): JSX.Element {
  const parts = t.split(/\[\[|\]\]/);
  return <>{parts.map((p, i) => (i % 2 ? <mark key={i}>{p}</mark> : p))}</>;
}

/** A day from an <input type=date> (the agent's time zone), as ms; `end`: the start of the next day. */
function dayMs(value: string, end: boolean): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + (end ? 1 : 0)).getTime();
}

export function Search({ store, now, onOpen }: { store: ConsoleStore; now: number; onOpen(): void }): JSX.Element {
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [agent, setAgent] = useState('');
  const [tag, setTag] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const s = store.state;
  const results = s.search?.results ?? null;

  const submit = (e: Event) => {
    e.preventDefault();
    const filters: SearchFilters = {};
    if (status) filters.status = status as ConversationStatus;
    if (agent === 'me' && s.agent) filters.agentId = s.agent.id;
    if (tag.trim()) filters.tag = tag.trim();
    const f = dayMs(from, false);
    const t = dayMs(to, true);
    if (f !== undefined) filters.from = f;
    if (t !== undefined) filters.to = t;
    store.search(q, filters);
  };

  return (
    <main class="thread search" id="thread" aria-labelledby="search-title" data-testid="search" tabIndex={-1}>
      <h1 id="search-title">{text.searchTitle}</h1>
      <form class="search-form" role="search" onSubmit={submit}>
        <div class="q">
          <label class="sr-only" for="search-q">
            {text.searchLabel}
          </label>
          <input
            id="search-q"
            ref={input}
            type="search"
            data-testid="search-input"
            value={q}
            maxLength={200}
            placeholder={text.searchPlaceholder}
            onInput={(e) => setQ((e.target as HTMLInputElement).value)}
          />
          <button type="submit" class="btn primary" data-testid="search-submit">
            {text.searchButton}
          </button>
        </div>
        <label>
          {text.searchStatus}
          <select data-testid="search-status" value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}>
            <option value="">{text.anyStatus}</option>
            {STATUSES.map((st) => (
              <option key={st} value={st}>
                {text.status[st]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {text.searchAgent}
          <select data-testid="search-agent" value={agent} onChange={(e) => setAgent((e.target as HTMLSelectElement).value)}>
            <option value="">{text.anyAgent}</option>
            <option value="me">{text.meAgent}</option>
          </select>
        </label>
        <label>
          {text.searchTag}
          <input data-testid="search-tag" value={tag} maxLength={32} onInput={(e) => setTag((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {text.searchFrom}
          <input type="date" data-testid="search-from" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {text.searchTo}
          <input type="date" data-testid="search-to" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} />
        </label>
      </form>
      <p role="status" class="muted" data-testid="search-status-line">
        {s.search ? (results ? text.searchCount(results.length) : text.searching) : ''}
      </p>
      {results?.length ? (
        <ul class="search-results" data-testid="search-results">
          {results.map((r) => {
            const c = r.conversation;
            const { name } = visitorWho(c);
            return (
              <li key={c.id} data-testid="search-result" data-conversation-id={c.id}>
                <span class="search-who">
                  <VisitorLabel name={name} conversationId={c.id} visitorId={c.visitorId} />
                  {r.matchedIn ? <span class="muted"> · {text.matchedIn[r.matchedIn]}</span> : null}
                </span>
                <ul class="history">
                  <HistoryItem
                    q={c}
                    now={now}
                    excerpt={r.excerpt ? <Excerpt text={r.excerpt} /> : null}
                    onOpen={() => {
                      store.select(c.id, c);
                      onOpen();
                    }}
                  />
                </ul>
              </li>
            );
          })}
        </ul>
      ) : null}
    </main>
  );
}
