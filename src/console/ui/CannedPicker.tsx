/**
 * The composer's `/` popup: typing `/` (at the start or after a space) lists the canned replies
 * whose shortcut or text matches what follows; ArrowUp/ArrowDown choose, Enter or Tab insert the
 * reply with its variables filled (../cannedReplies.ts), Escape closes it. The textarea keeps the
 * focus throughout (aria-activedescendant names the chosen option), so typing goes on as usual.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { CannedReply, ReplyVariable } from '../../protocol/cannedReplies';
import { fillReply, firstName, matchReplies, slashQuery, type ReplyValues } from '../cannedReplies';
import { visitorWho, type Conversation } from '../state';
import type { ConsoleStore } from '../store';
import { text } from '../strings';

export const CANNED_LIST_ID = 'canned-list';

/** What the variables are in this conversation, for this agent. */
export function replyValues(c: Conversation, store: ConsoleStore): ReplyValues {
  const who = visitorWho(c.summary, c.context);
  const agent = store.state.agent;
  return {
    'visitor.name': who.name,
    'visitor.firstName': firstName(who.name),
    'visitor.email': who.email,
    'agent.name': agent?.name ?? null,
    'agent.firstName': firstName(agent?.name),
    'page.title': c.context?.page.title || c.summary.page?.title || null,
    'page.url': c.context?.page.url ?? null,
  };
}

export interface CannedPicker {
  /** The popup (null when closed). */
  view: JSX.Element | null;
  /** A line under the composer after an insert whose variables had no value (null otherwise). */
  warning: JSX.Element | null;
  /** The textarea's ARIA while the popup is open. */
  aria: Record<string, string | undefined>;
  /** The textarea's keydown: true when the popup used the key (the composer does nothing more). */
  onKeyDown(e: KeyboardEvent): boolean;
  /** The textarea's value or caret changed. */
  onInput(value: string, caret: number): void;
}

export function useCannedPicker(a: { c: Conversation; store: ConsoleStore; value: string; setValue(v: string, caret: number): void; onManage(): void }): CannedPicker {
  const { store } = a;
  const [at, setAt] = useState<{ start: number; query: string; caret: number } | null>(null);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const [missing, setMissing] = useState<ReplyVariable[]>([]);
  const [, setVersion] = useState(0);

  useEffect(() => store.replies.subscribe(() => setVersion((n) => n + 1)), []);
  useEffect(() => {
    setAt(null);
    setMissing([]);
  }, [a.c.summary.id]);

  const open = at !== null && dismissed !== at.start;
  if (open) store.replies.want();
  const matches = open ? matchReplies(store.replies.list, at.query) : [];
  const chosen = Math.min(active, Math.max(0, matches.length - 1));
  const values = open ? replyValues(a.c, store) : {};

  function insert(reply: CannedReply) {
    if (!at) return;
    const filled = fillReply(reply.text, values);
    const next = a.value.slice(0, at.start) + filled.text + a.value.slice(at.caret);
    setAt(null);
    setMissing(filled.missing);
    a.setValue(next, at.start + filled.text.length);
  }

  const optionId = (i: number) => `canned-opt-${i}`;
  return {
    view: open ? (
      <div class="canned" data-testid="canned">
        {matches.length ? (
          <ul role="listbox" id={CANNED_LIST_ID} aria-label={text.cannedListLabel}>
            {matches.map((r, i) => (
              <li
                key={r.id}
                id={optionId(i)}
                role="option"
                aria-selected={i === chosen}
                class={i === chosen ? 'on' : undefined}
                data-testid="canned-option"
                data-shortcut={r.shortcut}
                onMouseDown={(e) => {
                  e.preventDefault(); // the textarea keeps the focus
                  insert(r);
                }}
                onMouseMove={() => i !== chosen && setActive(i)}
              >
                <span class="sc">/{r.shortcut}</span>
                <span class={`scope ${r.scope}`}>{r.scope === 'team' ? text.replyTeam : text.replyMine}</span>
                <span class="tx">{fillReply(r.text, values).text}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="canned-empty" id={CANNED_LIST_ID} role="status">
            {!store.replies.loaded ? text.loading : at.query ? text.cannedNone(at.query) : text.cannedNoneYet}
          </p>
        )}
        <div class="canned-foot">
          <span>{text.cannedKeys}</span>
          <button
            type="button"
            class="link-btn"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              setDismissed(at.start);
              a.onManage();
            }}
          >
            {text.manageReplies}
          </button>
        </div>
      </div>
    ) : null,
    warning: missing.length ? (
      <p class="canned-warning" role="status" data-testid="canned-missing">
        {text.cannedMissing(missing.map((m) => text.replyVariable[m]))}
      </p>
    ) : null,
    aria: open
      ? { 'aria-controls': CANNED_LIST_ID, 'aria-autocomplete': 'list', 'aria-activedescendant': matches.length ? optionId(chosen) : undefined }
      : { 'aria-autocomplete': 'list' },
    onKeyDown(e) {
      if (!open || e.isComposing) return false;
      if (e.key === 'Escape') {
        setDismissed(at.start);
        return true;
      }
      if (!matches.length) return false;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActive((chosen + step + matches.length) % matches.length);
        return true;
      }
      if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') {
        insert(matches[chosen]!);
        return true;
      }
      return false;
    },
    onInput(value, caret) {
      const q = slashQuery(value, caret);
      setAt(q ? { ...q, caret } : null);
      if (!q || q.start !== at?.start) setActive(0);
      if (dismissed !== null && (!q || q.start !== dismissed)) setDismissed(null);
      if (missing.length && !q) setMissing((m) => (value ? m : []));
    },
  };
}
