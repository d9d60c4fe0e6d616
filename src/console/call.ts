/**
 * The agent's side of embedded calls (src/protocol/call.ts): incoming calls ring (sound, desktop
 * notification, screen-reader announcement) until answered, declined or ended; answering asks for
 * the agent's microphone (inside the click), then answers the visitor's WebRTC offer; mute is
 * `track.enabled`; hang-up, or the server's `call_ended`, releases everything.
 * Video (issue 19): the visitor's offer carries a video section from the start (see
 * src/transports/local/call.ts); this side answers it `sendrecv`, so either camera can go on later
 * with `replaceTrack` and a `call_camera` frame, without renegotiating.
 * Pure browser code over the console's socket (the store passes frames in and out); the views are
 * ./ui/CallBanner.tsx and ./ui/CallVideo.tsx.
 */
import type { AgentCallFrame, AgentCallServerFrame, CallEndedReason, CallIceServer, CallSignal, IncomingCall } from '../protocol/call';
import { microphoneFailure } from '../protocol/microphone';
import { cameraConstraints, cameraFailure, type CameraState } from '../protocol/camera';
import type { Notifier } from './notify';

/** The ring sound repeats this often while a call rings. */
export const RING_EVERY_MS = 3000;

export interface RingingCall extends IncomingCall {
  iceServers: CallIceServer[];
}

export interface ActiveCall {
  callId: string;
  conversationId: string;
  /** dialing: the agent calls the visitor (their panel rings); answering: microphone and server; connecting: WebRTC; connected: talking. */
  state: 'dialing' | 'answering' | 'connecting' | 'connected';
  connectedAt: number | null;
  muted: boolean;
  /** The visitor muted their microphone. */
  visitorMuted: boolean;
  /** The visitor's call has a video section (any widget of this version): the camera button shows. */
  canVideo: boolean;
  /** The agent's camera (off by default). */
  camera: CameraState;
  /** The agent's camera, for the small preview (null unless on). */
  localVideo: MediaStream | null;
  /** The visitor's camera while they have it on, else null. */
  remoteVideo: MediaStream | null;
}

export interface EndedCall {
  callId: string;
  conversationId: string;
  reason: CallEndedReason | 'mic_denied' | 'no_mic' | 'network';
  durationMs: number;
  at: number;
}

export interface CallsState {
  ringing: RingingCall[];
  active: ActiveCall | null;
  /** The last call this console took part in that ended (shown until the next call). */
  ended: EndedCall | null;
}

interface Hooks {
  send(frame: AgentCallFrame): boolean;
  changed(): void;
  notifier?: Notifier;
  announce?(text: string): void;
  /** A call starts ringing: show its conversation. */
  onRing?(call: RingingCall): void;
}

const stop = (s: MediaStream | null) => s?.getTracks().forEach((t) => t.stop());

export class AgentCalls {
  state: CallsState = { ringing: [], active: null, ended: null };
  private pc: RTCPeerConnection | null = null;
  private stream: MediaStream | null = null;
  private audio: HTMLAudioElement | null = null;
  private ice: CallIceServer[] = [];
  private remoteSet = false;
  private pending: RTCIceCandidateInit[] = [];
  private ringTimer: ReturnType<typeof setInterval> | undefined;
  private videoTx: RTCRtpTransceiver | null = null;
  private camera: MediaStream | null = null;
  private visitorVideo: MediaStream | null = null;
  private visitorCamera = false;

  constructor(private readonly h: Hooks) {}

  private set(patch: Partial<CallsState>): void {
    this.state = { ...this.state, ...patch };
    this.ringSound();
    this.h.changed();
  }

  /** Rings while something rings and no call is under way here. */
  private ringSound(): void {
    const should = this.state.ringing.length > 0 && !this.state.active;
    if (should && this.ringTimer === undefined) {
      this.h.notifier?.chime('call');
      this.ringTimer = setInterval(() => this.h.notifier?.chime('call'), RING_EVERY_MS);
    } else if (!should && this.ringTimer !== undefined) {
      clearInterval(this.ringTimer);
      this.ringTimer = undefined;
    }
  }

  onFrame(f: AgentCallServerFrame): void {
    switch (f.type) {
      case 'call_incoming': {
        if (this.state.ringing.some((r) => r.callId === f.call.callId)) return;
        const call: RingingCall = { ...f.call, iceServers: f.iceServers };
        this.set({ ringing: [...this.state.ringing, call] });
        this.h.onRing?.(call);
        return;
      }
      case 'call_dialing':
        if (this.state.active?.callId === f.callId) this.ice = f.iceServers;
        return;
      case 'call_accepted': {
        const a = this.state.active;
        if (a?.callId !== f.callId) return;
        this.set({ active: { ...a, state: 'connecting' } });
        return;
      }
      case 'call_signal':
        return void this.onSignal(f.callId, f.signal).catch(() => this.hangup());
      case 'call_mute': {
        const a = this.state.active;
        if (a?.callId === f.callId) this.set({ active: { ...a, visitorMuted: f.muted } });
        return;
      }
      case 'call_camera': {
        const a = this.state.active;
        if (a?.callId !== f.callId) return;
        this.visitorCamera = f.on;
        this.set({ active: { ...a, remoteVideo: f.on ? this.visitorVideo : null } });
        return;
      }
      case 'call_ended': {
        const ringing = this.state.ringing.filter((r) => r.callId !== f.callId);
        const mine = this.state.active?.callId === f.callId;
        if (mine) this.release();
        this.set({
          ringing,
          ...(mine ? { active: null, ended: { callId: f.callId, conversationId: f.conversationId, reason: f.reason, durationMs: f.durationMs, at: Date.now() } } : {}),
        });
      }
    }
  }

  /** The wrap-up after a call is done with ("Done"), or its conversation closed. */
  dismissEnded(): void {
    if (this.state.ended) this.set({ ended: null });
  }

  /** The conversation closed: nothing of a call in it stays on screen (a ring still going ends with the server's call_ended). */
  conversationClosed(conversationId: string): void {
    const ringing = this.state.ringing.filter((r) => r.conversationId !== conversationId);
    const ended = this.state.ended?.conversationId === conversationId ? null : this.state.ended;
    if (ringing.length !== this.state.ringing.length || ended !== this.state.ended) this.set({ ringing, ended });
  }

  /** Answers: the microphone first (this runs in the agent's click), then tells the server. */
  answer(callId: string): void {
    const call = this.state.ringing.find((r) => r.callId === callId);
    if (!call || this.state.active) return;
    this.ice = call.iceServers;
    this.set({
      active: { callId, conversationId: call.conversationId, state: 'answering', connectedAt: null, muted: false, visitorMuted: false, canVideo: false, camera: 'off', localVideo: null, remoteVideo: null },
      ringing: this.state.ringing.filter((r) => r.callId !== callId),
      ended: null,
    });
    const media = navigator.mediaDevices?.getUserMedia?.({ audio: true, video: false });
    if (!media) return this.fail(call, 'no_mic');
    media.then(
      (s) => {
        if (this.state.active?.callId !== callId) return stop(s);
        this.stream = s;
        if (!this.h.send({ type: 'call_answer', callId })) this.fail(call, 'network');
      },
      (e: unknown) => {
        // Any other failure of the microphone is shown as the one the agent can act on: check it.
        const why = microphoneFailure(e);
        this.fail(call, why === 'error' ? 'no_mic' : why);
      },
    );
  }

  /**
   * Calls the visitor of a conversation in their browser (issue 15's "Call now" on a callback): the
   * microphone first (this runs in the agent's click), then `call_dial`; the server rings the
   * visitor's panel, or ends it at once with `visitor_offline` (then the number is the way). Once
   * the visitor answers, their widget offers as in a call it started, and this side answers.
   */
  dial(conversationId: string): void {
    if (this.state.active) return;
    const callId = `d${Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('')}`;
    const ended = (reason: EndedCall['reason']) => {
      if (this.state.active?.callId !== callId) return;
      this.release();
      this.set({ active: null, ended: { callId, conversationId, reason, durationMs: 0, at: Date.now() } });
    };
    this.set({
      active: { callId, conversationId, state: 'dialing', connectedAt: null, muted: false, visitorMuted: false, canVideo: false, camera: 'off', localVideo: null, remoteVideo: null },
      ended: null,
    });
    const media = navigator.mediaDevices?.getUserMedia?.({ audio: true, video: false });
    if (!media) return ended('no_mic');
    media.then(
      (s) => {
        if (this.state.active?.callId !== callId) return stop(s);
        this.stream = s;
        if (!this.h.send({ type: 'call_dial', callId, conversationId })) ended('network');
      },
      (e: unknown) => {
        const why = microphoneFailure(e);
        ended(why === 'error' ? 'no_mic' : why);
      },
    );
  }

  /** The agent cannot take it (no microphone, connection down): decline so others may, and say why here. */
  private fail(call: RingingCall, reason: EndedCall['reason']): void {
    this.h.send({ type: 'call_decline', callId: call.callId });
    this.release();
    this.set({ active: null, ended: { callId: call.callId, conversationId: call.conversationId, reason, durationMs: 0, at: Date.now() } });
  }

  decline(callId: string): void {
    this.h.send({ type: 'call_decline', callId });
    this.set({ ringing: this.state.ringing.filter((r) => r.callId !== callId) });
  }

  hangup(): void {
    const a = this.state.active;
    if (!a) return;
    this.h.send({ type: 'call_hangup', callId: a.callId });
    // The server's call_ended follows and records the end; release now so the microphone goes off at once.
    this.release();
  }

  setMuted(muted: boolean): void {
    const a = this.state.active;
    if (!a || !this.stream) return;
    for (const t of this.stream.getAudioTracks()) t.enabled = !muted;
    this.h.send({ type: 'call_mute', callId: a.callId, muted });
    this.set({ active: { ...a, muted } });
  }

  /** The agent's camera on or off (in their click: the browser's prompt belongs to it). */
  async setCamera(on: boolean): Promise<void> {
    const a = this.state.active;
    const tx = this.videoTx;
    if (!a || !tx) return;
    const mine = () => this.state.active?.callId === a.callId && this.videoTx === tx;
    const patch = (p: Partial<ActiveCall>) => mine() && this.set({ active: { ...this.state.active!, ...p } });
    if (!on) {
      if (this.state.active!.camera === 'on') this.h.send({ type: 'call_camera', callId: a.callId, on: false });
      stop(this.camera);
      this.camera = null;
      patch({ camera: 'off', localVideo: null });
      return tx.sender.replaceTrack(null).catch(() => undefined);
    }
    if (a.camera === 'on' || a.camera === 'starting') return;
    patch({ camera: 'starting' });
    const starting = () => mine() && this.state.active!.camera === 'starting';
    let next: MediaStream;
    try {
      next = await navigator.mediaDevices.getUserMedia(cameraConstraints('user'));
    } catch (e) {
      if (starting()) patch({ camera: cameraFailure(e) });
      return;
    }
    if (!starting()) return stop(next);
    try {
      await tx.sender.replaceTrack(next.getVideoTracks()[0] ?? null);
    } catch {
      stop(next);
      if (starting()) patch({ camera: 'unavailable' });
      return;
    }
    if (!starting()) return stop(next);
    this.camera = next;
    this.h.send({ type: 'call_camera', callId: a.callId, on: true });
    patch({ camera: 'on', localVideo: next });
  }

  /** The socket dropped: the server ends the call (agent_left); nothing here can carry it on. */
  disconnected(): void {
    const a = this.state.active;
    this.release();
    this.set({
      ringing: [],
      active: null,
      ...(a ? { ended: { callId: a.callId, conversationId: a.conversationId, reason: 'network' as const, durationMs: a.connectedAt ? Date.now() - a.connectedAt : 0, at: Date.now() } } : {}),
    });
  }

  private async onSignal(callId: string, s: CallSignal): Promise<void> {
    const a = this.state.active;
    if (a?.callId !== callId || !this.stream) return;
    if (s.kind === 'offer') {
      const pc = this.peer(callId);
      await pc.setRemoteDescription({ type: 'offer', sdp: s.sdp });
      this.remoteSet = true;
      // The offer's video section: answered sendrecv, so this side's camera can go on later too.
      const video = pc.getTransceivers().find((t) => t.receiver.track.kind === 'video') ?? null;
      if (video && !this.videoTx) {
        video.direction = 'sendrecv';
        this.videoTx = video;
        const a2 = this.state.active;
        if (a2?.callId === callId) this.set({ active: { ...a2, canVideo: true } });
      }
      for (const c of this.pending.splice(0)) void pc.addIceCandidate(c).catch(() => undefined);
      const answer = await pc.createAnswer();
      await pc.setLocalDescription(answer);
      this.h.send({ type: 'call_signal', callId, signal: { kind: 'answer', sdp: pc.localDescription?.sdp ?? answer.sdp ?? '' } });
    } else if (s.kind === 'candidate') {
      const c = { candidate: s.candidate, sdpMid: s.sdpMid, sdpMLineIndex: s.sdpMLineIndex };
      if (this.pc && this.remoteSet) void this.pc.addIceCandidate(c).catch(() => undefined);
      else this.pending.push(c);
    }
  }

  private peer(callId: string): RTCPeerConnection {
    if (this.pc) return this.pc;
    const pc = (this.pc = new RTCPeerConnection({ iceServers: this.ice as RTCIceServer[] }));
    this.remoteSet = false;
    for (const t of this.stream!.getAudioTracks()) pc.addTrack(t, this.stream!);
    pc.onicecandidate = (e) => {
      if (e.candidate) {
        this.h.send({ type: 'call_signal', callId, signal: { kind: 'candidate', candidate: e.candidate.candidate, sdpMid: e.candidate.sdpMid, sdpMLineIndex: e.candidate.sdpMLineIndex } });
      }
    };
    pc.ontrack = (e) => {
      if (e.track.kind === 'video') {
        this.visitorVideo = new MediaStream([e.track]);
        const a = this.state.active;
        if (a?.callId === callId && this.visitorCamera) this.set({ active: { ...a, remoteVideo: this.visitorVideo } });
        return;
      }
      this.audio ??= new Audio();
      this.audio.autoplay = true;
      this.audio.srcObject = e.streams[0] ?? new MediaStream([e.track]);
      void this.audio.play().catch(() => undefined);
    };
    pc.onconnectionstatechange = () => {
      const a = this.state.active;
      if (this.pc !== pc || a?.callId !== callId) return;
      if (pc.connectionState === 'connected' && a.state !== 'connected') {
        this.set({ active: { ...a, state: 'connected', connectedAt: a.connectedAt ?? Date.now() } });
      } else if (pc.connectionState === 'failed') this.hangup();
    };
    return pc;
  }

  private release(): void {
    try {
      this.pc?.close();
    } catch {
      // closed already
    }
    this.pc = null;
    stop(this.stream);
    this.stream = null;
    if (this.audio) {
      this.audio.pause();
      this.audio.srcObject = null;
      this.audio = null;
    }
    this.pending = [];
    this.remoteSet = false;
    // The camera goes off with the call (its light too).
    stop(this.camera);
    this.camera = this.videoTx = this.visitorVideo = null;
    this.visitorCamera = false;
  }

  stop(): void {
    this.release();
    clearInterval(this.ringTimer);
    this.ringTimer = undefined;
  }
}
