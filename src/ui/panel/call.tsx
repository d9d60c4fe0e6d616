/**
 * Calling from the panel (same lazy chunk): the header's call button and the call bar under the
 * header: ringing, connected with a timer, mute, hang up, the microphone choice and a quality
 * hint; once over, why, and the alternatives (continue in the chat, the phone line, a callback
 * request left in the conversation). It renders a CallHandle (src/core/call/session.ts): nothing
 * of the call's transport is here, and nothing of it loads before the visitor presses the button.
 * The chat stays usable below the bar during the call: both are the same conversation.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CallHandle, CallSnapshot } from '../../core/call/session';
import type { BatonSession } from '../../core/session';
import type { ChatView } from './chat';
import { Icon } from './icon';
import { CALL_VIDEO_CSS, CallVideoView } from './callVideo';
import { PHONE_ICON } from '../phoneIcon';
import type { Text } from './text';

type CallText = Text['call'];

const HANGUP_ICON =
  'M12 9c-1.6 0-3.15.25-4.6.72v3.1c0 .39-.23.74-.56.9-.98.49-1.87 1.12-2.66 1.85-.18.18-.43.28-.7.28-.28 0-.53-.11-.71-.29L.29 13.08a.96.96 0 0 1-.29-.7c0-.28.11-.53.29-.71C3.34 8.78 7.46 7 12 7s8.66 1.78 11.71 4.67c.18.18.29.43.29.71 0 .28-.11.53-.29.71l-2.48 2.48c-.18.18-.43.29-.71.29-.27 0-.52-.11-.7-.28a11.3 11.3 0 0 0-2.67-1.85 1 1 0 0 1-.56-.9v-3.1C15.15 9.25 13.6 9 12 9z';
const MIC_ICON =
  'M12 14c1.66 0 3-1.34 3-3V5c0-1.66-1.34-3-3-3S9 3.34 9 5v6c0 1.66 1.34 3 3 3zm5.3-3c0 3-2.54 5.1-5.3 5.1S6.7 14 6.7 11H5c0 3.41 2.72 6.23 6 6.72V21h2v-3.28c3.28-.48 6-3.3 6-6.72h-1.7z';
const CAMERA_ICON = 'M17 10.5V7a1 1 0 0 0-1-1H4a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1v-3.5l4 4v-11l-4 4z';
const MIC_OFF_ICON =
  'M19 11h-1.7c0 .74-.16 1.43-.43 2.05l1.23 1.23c.56-.98.9-2.09.9-3.28zm-4.02.17V5c0-1.66-1.34-3-3-3S9 3.34 9 5v.18l5.98 5.99zM4.27 3 3 4.27l6.01 6.01V11c0 1.66 1.33 3 2.99 3 .22 0 .44-.03.65-.08l1.66 1.66c-.71.33-1.5.52-2.31.52-2.76 0-5.3-2.1-5.3-5.1H5c0 3.41 2.72 6.23 6 6.72V21h2v-3.28c.91-.13 1.77-.45 2.54-.9L19.73 21 21 19.73 4.27 3z';

/** Phone numbers for a callback request: what people type (digits, spaces, + ( ) - .), 6 to 20 characters. */
const PHONE_PATTERN = /^\+?[0-9 ().-]{6,20}$/;

export interface CallView {
  /** Null until the (small) call chunk is in; null for good in builds without calls. */
  call: CallHandle | null;
  state: CallSnapshot | null;
  /** The session offers calls (the build has them). */
  available: boolean;
}

/** Loads the session's call handle (not its transport) and follows its state. */
export function useCall(session: BatonSession): CallView {
  const [call, setCall] = useState<CallHandle | null>(null);
  const [state, setState] = useState<CallSnapshot | null>(null);
  useEffect(() => {
    let live = true;
    let off = () => {};
    session.call?.().then(
      (c) => {
        if (!live) return;
        setCall(c);
        off = c.subscribe(setState);
      },
      () => undefined, // no calls in this build: no button
    );
    return () => {
      live = false;
      off();
    };
  }, [session]);
  return { call, state, available: !!session.call };
}

const busy = (s: CallSnapshot | null) => !!s && s.state !== 'idle' && s.state !== 'ended';

/** The header's call button. `start()` runs in the click itself, so the microphone prompt belongs to it. */
export function CallButton({ t, session, view, onNobody }: { t: CallText; session: BatonSession; view: CallView; onNobody?: (() => void) | undefined }) {
  if (!view.available) return null;
  const on = busy(view.state);
  return (
    <button
      type="button"
      class="x"
      id="baton-call"
      aria-label={t.call}
      title={t.call}
      aria-disabled={on}
      onClick={() => {
        if (on) return;
        // Nobody can take calls (the server said so): no microphone prompt, no ringing; a callback.
        if (onNobody) return onNobody();
        if (view.call) view.call.start();
        else session.startCall?.();
      }}
    >
      <Icon d={PHONE_ICON} />
    </button>
  );
}

function useSeconds(from: number | null): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (from === null) return;
    setNow(Date.now());
    const i = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(i);
  }, [from]);
  return from === null ? 0 : Math.max(0, Math.floor((now - from) / 1000));
}

/** 83 -> "01:23"; an hour or more -> "1:02:03". */
export function clock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const mm = String(Math.floor((seconds % 3600) / 60)).padStart(2, '0');
  const ss = String(seconds % 60).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

export interface CallBarProps {
  t: CallText;
  view: CallView;
  chat: ChatView;
  /** The agent's name once connected (from the conversation), else null. */
  agentName: string | null;
  /** Back to the chat: focus the composer. */
  onChat: () => void;
  /**
   * The phone-line view (the company's number with a context code: ./phoneLine.tsx). The
   * "Call our phone line" alternative is offered only when the panel passes it.
   */
  phoneLine?: ((back: () => void) => ComponentChildren) | undefined;
  /** Booking a callback at a time (./callback/, a lazy chunk), where the transport books them; else a number left in the chat. */
  booking?: ComponentChildren;
}

/** The call under the header: shown from the click until the visitor dismisses the outcome. */
export function CallBar({ t, view, chat, agentName, onChat, phoneLine, booking }: CallBarProps) {
  const { call, state } = view;
  const [dismissed, setDismissed] = useState(false);
  const [shown, setShown] = useState<'main' | 'phone' | 'callback'>('main');
  const statusRef = useRef<HTMLParagraphElement>(null);
  const seconds = useSeconds(state?.state === 'connected' ? state.connectedAt : null);
  const phase = state?.state ?? 'idle';
  useEffect(() => {
    if (busy(state)) {
      setDismissed(false);
      setShown('main');
    }
  }, [phase]);
  // The outcome replaces the buttons the visitor was using: focus moves to it, so it is read out.
  useLayoutEffect(() => {
    if (phase === 'ended') statusRef.current?.focus();
  }, [phase]);
  // An agent calls the visitor (issue 15's "Call now"): Answer (the microphone in this click) or Decline.
  if (call && state?.invite && !busy(state)) {
    return (
      <section class="call" aria-label={t.call} data-call-state="invite">
        <div class="crow">
          <p class="cst" role="alert">
            {t.invite({ name: state.invite.agent.name })}
          </p>
        </div>
        <div class="crow">
          <button type="button" class="btn2" onClick={() => call.decline()}>
            {t.decline}
          </button>
          <button type="button" class="hang ans" data-focus onClick={() => call.answer()}>
            <Icon d={PHONE_ICON} />
            {t.answer}
          </button>
        </div>
      </section>
    );
  }
  if (!call || !state || phase === 'idle' || dismissed) return null;

  const end = state.end;
  let line: string;
  switch (phase) {
    case 'media':
      line = t.callMedia;
      break;
    case 'connecting':
      line = t.callConnecting;
      break;
    case 'ringing':
      line = t.callRinging;
      break;
    case 'connected':
      line = t.callConnected({ name: agentName ?? t.anAgent });
      break;
    case 'reconnecting':
      line = t.callReconnecting;
      break;
    default:
      line = end ? (t.endReasons[end.reason] ?? t.callEnded) : t.callEnded;
  }

  const alternatives = (state.alternatives ?? []).filter((a) => a !== 'phone' || !!phoneLine);
  return (
    <section class={state.video?.remote || state.video?.local ? 'call vid' : 'call'} aria-label={t.call} data-call-state={phase}>
      <div class="crow">
        <p class="cst" role="status" ref={statusRef} tabIndex={-1}>
          {line}
          {phase === 'connected' && (
            <span class="tm" aria-hidden="true">
              {' '}
              {clock(seconds)}
            </span>
          )}
        </p>
        {busy(state) ? (
          <button type="button" class="hang" onClick={() => call.hangup()}>
            <Icon d={HANGUP_ICON} />
            {t.hangUp}
          </button>
        ) : (
          <button type="button" class="x cx" aria-label={t.dismiss} title={t.dismiss} onClick={() => setDismissed(true)}>
            ×
          </button>
        )}
      </div>
      {(phase === 'connected' || phase === 'reconnecting') && (
        <div class="crow">
          <button type="button" class="btn2 mute" aria-pressed={state.muted ? 'true' : 'false'} onClick={() => call.setMuted(!state.muted)}>
            <Icon d={state.muted ? MIC_OFF_ICON : MIC_ICON} />
            {t.mute}
          </button>
          {state.video && (
            <button
              type="button"
              class="btn2 cam"
              aria-pressed={state.video.camera === 'on' ? 'true' : 'false'}
              // A phone's rear camera: the visitor shows the product, not their face.
              onClick={() => call.setCamera(state.video?.camera !== 'on' && state.video?.camera !== 'starting', 'environment')}
            >
              <Icon d={CAMERA_ICON} />
              {t.camera}
            </button>
          )}
          {state.devices.length > 1 && (
            <label class="mic">
              <span class="sr">{t.microphone}</span>
              <select value={state.inputDeviceId ?? ''} onChange={(e) => call.setInputDevice(e.currentTarget.value)}>
                <option value="">{t.defaultMic}</option>
                {state.devices
                  .filter((d) => d.deviceId && d.deviceId !== 'default')
                  .map((d, i) => (
                    <option key={d.deviceId} value={d.deviceId}>
                      {d.label || `${t.microphone} ${i + 1}`}
                    </option>
                  ))}
              </select>
            </label>
          )}
          {state.quality !== 'unknown' && (
            <span class={`q q-${state.quality}`} data-quality={state.quality}>
              {t.quality[state.quality]}
            </span>
          )}
        </div>
      )}
      {state.video && <CallVideoView t={t} video={state.video} agentName={agentName} />}
      {phase === 'ended' && shown === 'main' && alternatives.length > 0 && (
        <div class="row alt">
          {alternatives.map((a) => (
            <button
              type="button"
              class="btn2"
              key={a}
              data-alt={a}
              onClick={() => {
                if (a === 'retry') call.start();
                else if (a === 'chat') {
                  setDismissed(true);
                  onChat();
                } else setShown(a);
              }}
            >
              {a === 'retry' ? t.callAgain : a === 'chat' ? t.altChat : a === 'phone' ? t.altPhone : t.altCallback}
            </button>
          ))}
        </div>
      )}
      {phase === 'ended' && shown === 'phone' && phoneLine?.(() => setShown('main'))}
      {phase === 'ended' && shown === 'callback' && (booking ?? <Callback t={t} chat={chat} />)}
    </section>
  );
}

/**
 * A call nobody can take (nobody online, issue 15): said before anything rings, with the callback
 * form in its place; the visitor can still write in the chat below.
 */
/** `chosen`: the visitor asked for a callback themselves (Home), so nothing says nobody is there. */
export function CallbackOffer({ t, chat, onClose, booking, chosen }: { t: CallText; chat: ChatView; onClose: () => void; booking?: ComponentChildren; chosen?: boolean }) {
  return (
    <section class="call" aria-label={t.call} data-call-state={chosen ? 'callback' : 'unavailable'}>
      <div class="crow">
        <p class="cst">{chosen ? '' : t.endReasons.unavailable}</p>
        <button type="button" class="x cx" aria-label={t.dismiss} title={t.dismiss} onClick={onClose}>
          ×
        </button>
      </div>
      {booking ?? <Callback t={t} chat={chat} />}
    </section>
  );
}

/** A callback request: the visitor's number, left in the conversation (a message, or leave-a-message when nobody is online). */
function Callback({ t, chat }: { t: CallText; chat: ChatView }) {
  const [phone, setPhone] = useState('');
  const [error, setError] = useState(false);
  const [done, setDone] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    if (done) doneRef.current?.focus();
    else input.current?.focus();
  }, [done]);
  if (done) {
    return (
      <p class="cst" role="status" tabIndex={-1} ref={doneRef}>
        {t.callbackDone}
      </p>
    );
  }
  return (
    <form
      class="cb"
      onSubmit={(e) => {
        e.preventDefault();
        const p = phone.trim();
        if (!PHONE_PATTERN.test(p)) {
          setError(true);
          input.current?.focus();
          return;
        }
        chat.later((c) => {
          const s = c.getState();
          const open = s.conversation && s.conversation.status !== 'closed';
          const r = open || s.agentsOnline > 0 ? c.send(t.callbackMessage({ phone: p })) : c.leaveMessage(t.callbackMessage({ phone: p }));
          if (r.ok) setDone(true);
        });
      }}
    >
      <label for="baton-cb">{t.callbackLabel}</label>
      <div class="row">
        <input
          id="baton-cb"
          ref={input}
          // First in the panel's order: moving to the conversation for a callback lands here.
          data-focus
          type="tel"
          autocomplete="tel"
          inputMode="tel"
          maxLength={20}
          value={phone}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'baton-cb-e' : undefined}
          onInput={(e) => {
            setPhone(e.currentTarget.value);
            setError(false);
          }}
        />
        <button type="submit" class="btn">
          {t.callbackSend}
        </button>
      </div>
      {error && (
        <p id="baton-cb-e" class="err" role="alert">
          {t.callbackBad}
        </p>
      )}
    </form>
  );
}

/** The call bar's styles, added with the panel's (colours on white >= 4.5:1). */
export const CALL_CSS = `.call{padding:12px 20px;border-bottom:1px solid #d6d6d6;background:#f7f8fa;max-height:60%;overflow:auto;overscroll-behavior:contain}\
.crow{display:flex;align-items:center;flex-wrap:wrap;gap:8px}\
.crow+.crow,.call .alt,.cb{margin-top:10px}\
.cst{flex:1;min-width:0;margin:0;font-weight:600}\
.tm{font-variant-numeric:tabular-nums;color:#4a4a4a;font-weight:400}\
.hang{display:inline-flex;align-items:center;gap:6px;min-height:44px;padding:0 14px;border:0;border-radius:22px;background:#b3261e;color:#fff;font-weight:600;cursor:pointer}\
.ans{background:#146c2e}\
.hang svg,.mute svg,.cam svg{width:20px;height:20px;fill:currentColor}\
.mute,.cam{display:inline-flex;align-items:center;gap:6px}\
.mute[aria-pressed=true],.cam[aria-pressed=true]{background:#1a1a1a;color:#fff}\
.mic select{min-height:44px;max-width:180px;border:1px solid #767676;border-radius:10px;background:#fff;color:#1a1a1a;padding:0 8px}\
.q{font-size:13px;color:#4a4a4a}\
.q-poor{color:#b3261e}\
.cx{color:#1a1a1a;font-size:22px}\
.cb label{display:block;margin-bottom:4px;font-size:14px}\
.cb input{flex:1;min-width:0;min-height:44px;border:1px solid #767676;border-radius:10px;padding:0 10px;font:inherit}\
.cb .row input{flex:1 1 11em}\
.err{margin:6px 0 0;color:#b3261e;font-size:14px}` + CALL_VIDEO_CSS;
