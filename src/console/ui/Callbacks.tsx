/**
 * "Callbacks" in the sidebar (issue 15): the callbacks visitors booked, in due order, with their
 * number and time; one that is due is marked and announced (a reminder, once); "Call now" rings the
 * visitor's browser when they are on the site (an agent's call, `AgentCalls.dial`: their panel rings
 * with Answer / Decline; the conversation opens here with their context), else dials the number (a
 * tel: link: the agent's phone or softphone); "Open" shows the conversation
 * with the visitor's context, and Done / No answer / Move (to one of the next open slots).
 * Asked every CALLBACKS_POLL_MS and after each change (no frame of its own on the agent socket).
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { HTTP_AGENT_CALLBACKS_PATH, HTTP_AGENT_CALLBACK_PATH, HTTP_CALLBACK_SLOTS_PATH, type AgentCallback } from '../../protocol/callbacks';
import { clock, fullTime, shown, text } from '../strings';
import type { ConsoleStore } from '../store';
import { Icon } from './icons';

const CALLBACKS_POLL_MS = 30_000;

/** Its words (../strings.ts `callbacks`), in the shown language. */
const say = text.callbacks;

async function send(path: string, init?: RequestInit): Promise<unknown> {
  const res = await fetch(path, { credentials: 'same-origin', headers: { 'content-type': 'application/json', accept: 'application/json' }, ...init });
  if (!res.ok) throw new Error(String(res.status));
  return res.json();
}

export function Callbacks({ store, now }: { store: ConsoleStore; now: number }): JSX.Element {
  const [list, setList] = useState<AgentCallback[] | null>(null);
  const [slots, setSlots] = useState<number[]>([]);
  const [error, setError] = useState(false);
  const [reminder, setReminder] = useState('');
  const reminded = useRef(new Set<string>());
  const load = () =>
    send(HTTP_AGENT_CALLBACKS_PATH).then(
      (r) => {
        setList((r as { callbacks: AgentCallback[] }).callbacks);
        setError(false);
      },
      () => setError(true),
    );
  useEffect(() => {
    void load();
    void send(HTTP_CALLBACK_SLOTS_PATH, { method: 'POST', body: '{}' }).then((r) => setSlots((r as { slots: number[] }).slots), () => undefined);
    const timer = setInterval(() => void load(), CALLBACKS_POLL_MS);
    return () => clearInterval(timer);
  }, []);
  // A reminder once per callback when it comes due (read out by the live region).
  useEffect(() => {
    const due = (list ?? []).find((c) => c.status === 'booked' && c.at <= now && !reminded.current.has(c.id));
    if (!due) return;
    reminded.current.add(due.id);
    setReminder(say.reminder(due.visitorName ?? say.anonymous, due.phone));
  }, [list, now]);

  const update = (body: object) =>
    send(HTTP_AGENT_CALLBACK_PATH, { method: 'POST', body: JSON.stringify(body) }).then(
      () => load(),
      () => setError(true),
    );

  return (
    <section class="side-section" aria-labelledby="callbacks-h" data-testid="callbacks">
      <div class="side-head">
        <h2 id="callbacks-h">{say.title}</h2>
        {list?.some((c) => c.status === 'booked') ? <span class="count">{list.filter((c) => c.status === 'booked').length}</span> : null}
      </div>
      <p class="sr-only" role="status" aria-live="polite">
        {reminder}
      </p>
      {error ? <p class="empty">{say.failed}</p> : null}
      {list && !list.length ? <p class="empty">{say.none}</p> : null}
      <ul class="callbacks">
        {(list ?? []).map((c) => {
          const who = c.visitorName ?? say.anonymous;
          const due = c.status === 'booked' && c.at <= now;
          const inQueue = !!c.conversationId && (store.state.queue.some((q) => q.id === c.conversationId) || store.state.mine.includes(c.conversationId!));
          return (
            <li key={c.id} class={due ? 'cbk due' : 'cbk'} data-testid="callback" data-status={c.status} data-due={due ? 'true' : undefined}>
              <div class="cbk-top">
                <span class="cbk-who">{who}</span>
                <span class={due ? 'cbk-when due' : 'cbk-when'} title={fullTime(c.at)}>
                  {due ? (
                    <>
                      <Icon name="bell" /> {say.due}
                    </>
                  ) : (
                    say.dueAt(`${new Date(c.at).toLocaleDateString(shown.locale, { weekday: 'short' })} ${clock(c.at)}`)
                  )}
                </span>
              </div>
              <div class="cbk-phone">
                <a href={`tel:${c.phone}`} data-testid="callback-phone">
                  {c.phone}
                </a>
                {c.visitorOnline ? <span class="muted"> · {say.online}</span> : null}
              </div>
              {c.status === 'booked' ? (
                <div class="cbk-actions">
                  {c.visitorOnline && c.conversationId ? (
                    <button
                      type="button"
                      class="btn small primary"
                      data-testid="callback-call"
                      disabled={!!store.calls.state.active}
                      title={text.callbackRingBrowser}
                      onClick={() => {
                        store.select(c.conversationId!);
                        store.calls.dial(c.conversationId!);
                      }}
                    >
                      <Icon name="phone" />
                      {say.callNow}
                    </button>
                  ) : (
                    <a class="btn small primary" href={`tel:${c.phone}`} data-testid="callback-dial">
                      {say.callNow}
                    </a>
                  )}
                  {inQueue ? (
                    <button type="button" class="btn small" onClick={() => store.select(c.conversationId!)}>
                      {say.open}
                    </button>
                  ) : null}
                  <button type="button" class="btn small" data-testid="callback-done" onClick={() => void update({ id: c.id, status: 'done' })}>
                    {say.done}
                  </button>
                  <button type="button" class="btn small" data-testid="callback-no-answer" onClick={() => void update({ id: c.id, status: 'no_answer' })}>
                    {say.noAnswer}
                  </button>
                  {slots.filter((s) => s !== c.at).length ? (
                    <select
                      class="input small"
                      aria-label={say.moveLabel(who)}
                      value=""
                      onChange={(e) => {
                        const at = Number(e.currentTarget.value);
                        if (at) void update({ id: c.id, at });
                      }}
                    >
                      <option value="">{say.move}…</option>
                      {slots
                        .filter((s) => s !== c.at)
                        .map((s) => (
                          <option key={s} value={String(s)}>
                            {`${new Date(s).toLocaleDateString(shown.locale, { weekday: 'short' })} ${clock(s)}`}
                          </option>
                        ))}
                    </select>
                  ) : null}
                </div>
              ) : (
                <div class="cbk-status muted" data-testid="callback-status">
                  {say.status[c.status]}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
