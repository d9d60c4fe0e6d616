/**
 * CallSession: the headless call state a UI renders (Baton's panel, or a site's own UI), over any
 * CallTransport (src/core/call/transport.ts). It owns what the visitor sees of a call: its state,
 * when it connected (for a timer), mute, the quality hint, the microphones, and, once over, why it
 * ended and what to offer instead.
 *
 * `start()` is synchronous on purpose: call it in the visitor's click handler. It asks for the
 * microphone there and then (the browser ties its prompt, and audio playback, to that gesture),
 * while the transport's chunk loads; the transport gets the pending stream.
 */
import type { CallCapabilities, CallEnd, CallEndReason, CallQuality, CallState, CallTransport, CallVideo, CameraFacing, InputDevice } from './transport';
import type { CallInvite } from './signalling';
import { notify } from '../events';

/**
 * What to offer once a call could not happen or was not answered: continue in the chat, call the
 * phone line (with a context code), ask to be called back (leave-a-message with a phone number),
 * or try the call again.
 */
export type CallAlternative = 'chat' | 'phone' | 'callback' | 'retry';

export interface CallSnapshot {
  state: CallState;
  /** When the call connected (ms since the epoch), for a timer; null when not connected. */
  connectedAt: number | null;
  muted: boolean;
  quality: CallQuality;
  devices: readonly InputDevice[];
  /** The microphone chosen by the visitor (null: the default one). */
  inputDeviceId: string | null;
  /** Why the last call ended (null while none ended). */
  end: CallEnd | null;
  /** What to offer now (empty while a call is under way, or after a normal hang-up). */
  alternatives: readonly CallAlternative[];
  /** Video (issue 19): null when the call's transport carries none (Twilio Voice) or no call is connected. */
  video: CallVideo | null;
  /** An agent calls the visitor (issue 15's "Call now"): ringing here until answered, declined or gone. */
  invite: CallInvite | null;
}

export interface CallHandle {
  /** Cheap check (no prompt, nothing loaded): can this browser call at all? */
  capabilities(): CallCapabilities;
  getState(): CallSnapshot;
  /** Calls `fn` with the state now and after every change. Returns the unsubscribe function. */
  subscribe(fn: (state: CallSnapshot) => void): () => void;
  /**
   * Starts a call. Call it synchronously from the visitor's click. Ignored while a call is under
   * way. `microphone`: a stream already asked for in that click (BatonSession.startCall), used
   * instead of asking again (and stopped when the call does not happen).
   */
  start(microphone?: Promise<MediaStream>): void;
  hangup(): void;
  setMuted(muted: boolean): void;
  setInputDevice(deviceId: string): void;
  /** Turns this side's camera on or off (in the visitor's click); ignored without `video`. */
  setCamera(on: boolean, facing?: CameraFacing): void;
  /** Answers the agent's call (`invite`), in the visitor's click like `start`. */
  answer(): void;
  /** Declines the agent's call. */
  decline(): void;
}

export interface CallSessionDeps {
  /** The transport (its chunk is imported on the first start). */
  transport(): Promise<CallTransport>;
  /** The cheap capability check, before any chunk is loaded. */
  capabilities(): CallCapabilities;
  /** Asks for the microphone now (inside the click); undefined when this browser has no getUserMedia. */
  microphone?(deviceId: string | null): Promise<MediaStream> | undefined;
  /** The chat conversation the call belongs to, if the visitor has one. */
  conversationId?(): string | undefined;
  /** The chat's credential (ChatTransport.credential), which a server uses to bind the call to the conversation. */
  credential?(): string | undefined;
  now?(): number;
  /** Agents' calls to the visitor (./signalling.ts): the invitation, or null once it is gone. Returns the unsubscribe function. */
  invites?(fn: (invite: CallInvite | null) => void): () => void;
  /** Declines an agent's call. */
  decline?(callId: string): void;
}

/** What the panel offers after each way a call can end. */
export function alternativesFor(reason: CallEndReason): CallAlternative[] {
  switch (reason) {
    case 'hangup':
    case 'remote_hangup':
      return [];
    case 'mic_denied':
    case 'no_mic':
    case 'unsupported':
      // No call from this browser: the other ways to reach someone, with the context.
      return ['chat', 'phone', 'callback'];
    case 'no_answer':
    case 'declined':
      return ['callback', 'chat', 'phone', 'retry'];
    case 'unavailable':
      // Calling again rings nobody either (issue 15): a callback first.
      return ['callback', 'chat', 'phone'];
    case 'network':
    case 'error':
      return ['retry', 'chat', 'phone', 'callback'];
  }
}

const ACTIVE: readonly CallState[] = ['media', 'connecting', 'ringing', 'connected', 'reconnecting'];

export class CallSession implements CallHandle {
  private _state: CallSnapshot = { state: 'idle', connectedAt: null, muted: false, quality: 'unknown', devices: [], inputDeviceId: null, end: null, alternatives: [], video: null, invite: null };
  private readonly _subs = new Set<(s: CallSnapshot) => void>();
  private _t: CallTransport | null = null;
  private _loading: Promise<CallTransport> | null = null;
  /** A hang-up pressed before the transport's chunk arrived. */
  private _cancelled = false;
  /** The microphone asked for in the click: released when the call ends, whatever the transport did with it. */
  private _mic: Promise<MediaStream> | undefined;

  /** The agent's call being answered by the next start. */
  private _answer: string | undefined;

  constructor(private readonly _d: CallSessionDeps) {
    _d.invites?.((invite) => {
      // A call under way here: the server refuses a second one in the conversation anyway.
      if (!invite || !ACTIVE.includes(this._state.state)) this._set({ invite });
    });
  }

  capabilities(): CallCapabilities {
    return this._d.capabilities();
  }

  getState(): CallSnapshot {
    return this._state;
  }

  subscribe(fn: (s: CallSnapshot) => void): () => void {
    this._subs.add(fn);
    notify([fn], this._state, 'call state');
    return () => void this._subs.delete(fn);
  }

  private _set(patch: Partial<CallSnapshot>): void {
    this._state = { ...this._state, ...patch };
    notify(this._subs, this._state, 'call state');
  }

  private _ended(end: CallEnd): void {
    // A transport that opened its own microphone (an SDK) may never have touched this stream.
    void this._mic?.then((s) => s.getTracks().forEach((k) => k.stop()), () => undefined);
    this._mic = undefined;
    this._set({ state: 'ended', end, connectedAt: null, alternatives: alternativesFor(end.reason), quality: 'unknown', muted: false, video: null });
  }

  start(asked?: Promise<MediaStream>): void {
    const release = () => void asked?.then((s) => s.getTracks().forEach((k) => k.stop()), () => undefined);
    if (ACTIVE.includes(this._state.state)) return release();
    const answer = this._answer;
    this._answer = undefined;
    const caps = this._d.capabilities();
    if (!caps.supported) {
      release();
      this._ended({ reason: 'unsupported', durationMs: 0, ...(caps.reason ? { code: caps.reason } : {}) });
      return;
    }
    this._cancelled = false;
    // A microphone other than the default was chosen: ask for that one (the click's permission holds).
    if (this._state.inputDeviceId) release();
    // Inside the click: the microphone first, then the transport's chunk (in parallel).
    const microphone = (this._mic = (!this._state.inputDeviceId && asked) || this._d.microphone?.(this._state.inputDeviceId));
    microphone?.catch(() => undefined); // handled by the transport; never an unhandled rejection
    this._set({ state: 'media', end: null, alternatives: [], connectedAt: null, muted: false, quality: 'unknown', invite: null });
    const conversationId = this._d.conversationId?.();
    const credential = this._d.credential?.();
    this._transport().then(
      (t) => {
        if (this._cancelled) {
          void microphone?.then((s) => s.getTracks().forEach((k) => k.stop()), () => undefined);
          return;
        }
        return t.start({
          ...(answer ? { answer } : {}),
          ...(conversationId ? { conversationId } : {}),
          ...(credential ? { credential } : {}),
          ...(this._state.inputDeviceId ? { inputDeviceId: this._state.inputDeviceId } : {}),
          ...(microphone ? { microphone } : {}),
        });
      },
      (e: unknown) => {
        void microphone?.then((s) => s.getTracks().forEach((k) => k.stop()), () => undefined);
        this._ended({ reason: 'error', durationMs: 0, message: `the call could not start: ${String((e as Error)?.message ?? e)}` });
      },
    );
  }

  private _transport(): Promise<CallTransport> {
    return (this._loading ||= this._d.transport().then(
      (t) => {
        this._t = t;
        t.on('state', (state) => {
          if (state === 'ended') return; // the 'ended' event carries the reason
          const now = (this._d.now ?? Date.now)();
          this._set({ state, connectedAt: state === 'connected' ? (this._state.connectedAt ?? now) : state === 'reconnecting' ? this._state.connectedAt : null });
        });
        t.on('ended', (end) => this._ended(end));
        t.on('quality', (quality) => this._set({ quality }));
        t.on('muted', (muted) => this._set({ muted }));
        t.on('devices', (devices) => this._set({ devices }));
        t.on('video', (video) => this._set({ video }));
        return t;
      },
      (e: unknown) => {
        this._loading = null; // try again on the next start
        throw e;
      },
    ));
  }

  hangup(): void {
    if (!ACTIVE.includes(this._state.state)) return;
    if (this._t) this._t.hangup();
    else {
      this._cancelled = true;
      this._ended({ reason: 'hangup', durationMs: 0 });
    }
  }

  answer(): void {
    const invite = this._state.invite;
    if (!invite || ACTIVE.includes(this._state.state)) return;
    this._answer = invite.callId;
    this.start();
  }

  decline(): void {
    const invite = this._state.invite;
    if (!invite) return;
    this._d.decline?.(invite.callId);
    this._set({ invite: null });
  }

  setMuted(muted: boolean): void {
    this._t?.setMuted(muted);
  }

  setInputDevice(deviceId: string): void {
    this._set({ inputDeviceId: deviceId || null });
    if (this._t && ACTIVE.includes(this._state.state)) void this._t.setInputDevice(deviceId).catch(() => undefined);
  }

  setCamera(on: boolean, facing?: CameraFacing): void {
    if (this._state.video) void this._t?.setCamera?.(on, facing);
  }

  destroy(): void {
    this._t?.destroy();
    this._subs.clear();
  }
}
