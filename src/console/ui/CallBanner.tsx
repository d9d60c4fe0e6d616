/**
 * Calls in the console: a ringing call as a card (the caller's avatar and name or "Visitor #…", the
 * page, how long it has rung, Answer / Decline), the call under way (timer, mute, hang up, the
 * visitor's mute), and a wrap-up after it ends (how it ended and how long it lasted, "Done"). The
 * ringing conversation is selected, so its thread and context panel are on screen while it rings;
 * its row in the sidebar rings too (Sidebar.tsx). Nothing of a call stays once its conversation closes.
 * Durations are the thread's (callDuration, src/protocol/call.ts): one format, the server's figure.
 */
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { callDuration } from '../../protocol/call';
import type { ConsoleStore } from '../store';
import { visitorWho } from '../state';
import { text } from '../strings';
import { Avatar, VisitorLabel, shortRef as shortRefOf, useNow } from './common';
import { Icon } from './icons';
import { CallVideo } from './CallVideo';

/** 83 000 ms -> "1:23": the thread's format. */
export const callClock = callDuration;

export function CallBanner({ store }: { store: ConsoleStore }): JSX.Element | null {
  const calls = store.calls.state;
  const now = useNow(1000);
  const answerRef = useRef<HTMLButtonElement>(null);
  const ringing = calls.active ? [] : calls.ringing;
  const first = ringing[0]?.callId ?? null;
  // A call starting to ring takes the keyboard to "Answer" only when nothing else has focus.
  useEffect(() => {
    if (first && (document.activeElement === document.body || !document.activeElement)) answerRef.current?.focus();
  }, [first]);

  /** Who calls: the name, else "Visitor #…" from the visitor's id (as in the queue), with the avatar's seed. */
  const who = (conversationId: string) => {
    const c = store.state.conversations[conversationId];
    const name = c ? visitorWho(c.summary, c.context).name : null;
    const seed = c?.summary.visitorId ?? conversationId;
    const label = <VisitorLabel name={name} conversationId={conversationId} visitorId={c?.summary.visitorId} />;
    return { name, seed, label, text: name ?? `${text.visitor} ${shortRefOf(seed)}` };
  };
  const nameOf = (conversationId: string) => who(conversationId).text;
  const pageOf = (conversationId: string) => store.state.conversations[conversationId]?.summary.page ?? null;

  if (!ringing.length && !calls.active && !calls.ended) return null;
  return (
    <div class="calls" data-testid="calls">
      {ringing.map((r, i) => {
        const page = pageOf(r.conversationId);
        const w = who(r.conversationId);
        return (
          <div class="call-card ringing" key={r.callId} data-testid="call-ringing" data-conversation={r.conversationId} role="group" aria-label={text.callIncomingFrom(nameOf(r.conversationId))}>
            <span class="call-avatar">
              <Avatar name={w.name} seed={w.seed} size="lg" />
              <span class="ring-dot" aria-hidden="true" />
            </span>
            <span class="grow call-who">
              <span class="call-kicker">
                <Icon name="phone" /> {text.callIncoming} · <span data-testid="call-ringing-for">{text.callRingingFor(callClock(now - r.startedAt))}</span>
              </span>
              <strong class="call-name" data-testid="caller">
                {w.label}
              </strong>
              {page ? <span class="muted call-page">{page.title || page.path}</span> : null}
            </span>
            <span class="call-actions">
              <button type="button" class="btn danger" data-testid="call-decline" onClick={() => store.calls.decline(r.callId)}>
                {text.callDecline}
              </button>
              <button
                type="button"
                class="btn primary"
                data-testid="call-answer"
                ref={i === 0 ? answerRef : null}
                onClick={() => {
                  store.select(r.conversationId);
                  store.calls.answer(r.callId);
                }}
              >
                <Icon name="phone" />
                {text.callAnswer}
              </button>
            </span>
          </div>
        );
      })}
      {calls.active ? (
        <div class="call-bar active" data-testid="call-active" data-state={calls.active.state}>
          <span class="grow" role="status">
            <strong>
              {calls.active.state === 'connected'
                ? text.callWith(nameOf(calls.active.conversationId))
                : calls.active.state === 'dialing'
                  ? text.callDialing(nameOf(calls.active.conversationId))
                  : text.callConnecting}
            </strong>{' '}
            {calls.active.connectedAt ? (
              <span class="mono" data-testid="call-timer">
                {callClock(now - calls.active.connectedAt)}
              </span>
            ) : null}
            {calls.active.visitorMuted ? <span class="muted"> · {text.callVisitorMuted}</span> : null}
          </span>
          <button type="button" class="btn small" onClick={() => store.select(calls.active!.conversationId)}>
            {text.callShow}
          </button>
          {calls.active.canVideo ? (
            <button
              type="button"
              class="btn small"
              data-testid="call-camera"
              aria-pressed={calls.active.camera === 'on' ? 'true' : 'false'}
              onClick={() => void store.calls.setCamera(calls.active!.camera !== 'on' && calls.active!.camera !== 'starting')}
            >
              <Icon name="video" />
              {text.callCamera}
            </button>
          ) : null}
          <button
            type="button"
            class="btn small"
            data-testid="call-mute"
            aria-pressed={calls.active.muted ? 'true' : 'false'}
            onClick={() => store.calls.setMuted(!calls.active!.muted)}
          >
            {text.callMute}
          </button>
          <button type="button" class="btn small danger solid" data-testid="call-hangup" onClick={() => store.calls.hangup()}>
            {text.callHangUp}
          </button>
        </div>
      ) : null}
      {calls.active ? <CallVideo call={calls.active} visitor={nameOf(calls.active.conversationId)} /> : calls.ended ? (
        <div class="call-bar ended wrapup" data-testid="call-ended" data-reason={calls.ended.reason}>
          <span class="grow" role="status">
            <strong>{text.callWrapUp(nameOf(calls.ended.conversationId))}</strong> {text.callEnded(calls.ended.reason, callClock(calls.ended.durationMs))}
          </span>
          <button type="button" class="btn small" onClick={() => store.select(calls.ended!.conversationId)}>
            {text.callShow}
          </button>
          <button type="button" class="btn small primary" data-testid="call-done" onClick={() => store.calls.dismissEnded()}>
            {text.callDone}
          </button>
        </div>
      ) : null}
    </div>
  );
}
