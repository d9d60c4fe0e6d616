/**
 * Calls in the console: a ringing call (who calls, from which page, answer / decline), the call
 * under way (timer, mute, hang up, the visitor's mute), and how the last one ended. The ringing
 * conversation is selected, so its thread and context panel are on screen while it rings.
 */
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { ConsoleStore } from '../store';
import { visitorName } from '../state';
import { text } from '../strings';
import { useNow } from './common';

/** 83 000 ms -> "01:23". */
export function callClock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

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

  const nameOf = (conversationId: string) => {
    const c = store.state.conversations[conversationId];
    return (c && visitorName(c.summary, c.context)) ?? text.visitor;
  };
  const pageOf = (conversationId: string) => store.state.conversations[conversationId]?.summary.page ?? null;

  if (!ringing.length && !calls.active && !calls.ended) return null;
  return (
    <div class="calls" data-testid="calls">
      {ringing.map((r, i) => {
        const page = pageOf(r.conversationId);
        return (
          <div class="call-bar ringing" key={r.callId} data-testid="call-ringing" data-conversation={r.conversationId} role="group" aria-label={text.callIncomingFrom(nameOf(r.conversationId))}>
            <span class="ring-dot" aria-hidden="true" />
            <span class="grow">
              <strong>{text.callIncomingFrom(nameOf(r.conversationId))}</strong>
              {page ? <span class="muted"> · {page.title || page.path}</span> : null}
              <span class="muted"> · {text.callRingingFor(callClock(now - r.startedAt))}</span>
            </span>
            <button type="button" class="btn small" onClick={() => store.select(r.conversationId)}>
              {text.callShow}
            </button>
            <button type="button" class="btn small danger" data-testid="call-decline" onClick={() => store.calls.decline(r.callId)}>
              {text.callDecline}
            </button>
            <button
              type="button"
              class="btn small primary"
              data-testid="call-answer"
              ref={i === 0 ? answerRef : null}
              onClick={() => {
                store.select(r.conversationId);
                store.calls.answer(r.callId);
              }}
            >
              {text.callAnswer}
            </button>
          </div>
        );
      })}
      {calls.active ? (
        <div class="call-bar active" data-testid="call-active" data-state={calls.active.state}>
          <span class="grow" role="status">
            <strong>
              {calls.active.state === 'connected' ? text.callWith(nameOf(calls.active.conversationId)) : text.callConnecting}
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
      ) : calls.ended ? (
        <div class="call-bar ended" data-testid="call-ended" data-reason={calls.ended.reason} role="status">
          <span class="grow">{text.callEnded(calls.ended.reason, callClock(calls.ended.durationMs))}</span>
        </div>
      ) : null}
    </div>
  );
}
