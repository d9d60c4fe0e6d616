/**
 * The local call transport: WebRTC audio between the visitor's browser and the agent console,
 * signalled through Baton's embedded server on the chat's own socket (src/protocol/call.ts,
 * src/core/call/signalling.ts). Its own lazy chunk, imported when the visitor presses "Call".
 *
 * - the microphone: the stream CallSession requested inside the click (or asked for here);
 *   its refusal becomes mic_denied or no_mic through src/protocol/microphone.ts;
 * - `call_start` -> ringing; once an agent answers, this side offers (one audio track), ICE
 *   candidates trickle both ways through the server, with the ICE servers the server announced;
 * - mute is `track.enabled` (the peer receives silence, the connection stays); switching the
 *   microphone is `replaceTrack` (no renegotiation);
 * - the quality hint comes from getStats every 2 s: round-trip time, jitter and packet loss;
 * - video (issue 19): the offer carries a video section from the start (`sendrecv`, nothing sent),
 *   rather than renegotiating when a camera is turned on: no second offer/answer round (no glare
 *   when both sides turn their camera on at once; the console stays the answerer), and turning it
 *   on is `replaceTrack` plus a `call_camera` frame telling the other side to show it. The price:
 *   a bigger offer (~6 KB from Chromium, within CALL_SDP_MAX_BYTES) and video codecs
 *   negotiated for calls that never use them.
 */
import type { CallEndedReason, CallIceServer, CallSignal, VisitorCallFrame, VisitorCallServerFrame } from '../../protocol/call';
import { createEmitter } from '../../core/events';
import type { CallTransportDeps } from '../../core/call/call';
import { microphoneConstraints, webCallCapabilities } from '../../core/call/capabilities';
import { microphoneFailure } from '../../protocol/microphone';
import { cameraConstraints, cameraFailure } from '../../protocol/camera';
import type { EmbeddedCallSignals } from './transport';
import type { CallEnd, CallEndReason, CallQuality, CallState, CallTransport, CallTransportEvents, CameraState, InputDevice, StartCallOptions } from '../../core/call/transport';

/** How often the quality hint is refreshed from getStats. */
export const QUALITY_INTERVAL_MS = 2000;
/** No `call_ringing` (or `call_ended`) this long after `call_start`: the server is not answering. */
export const RING_ACK_TIMEOUT_MS = 10_000;
/** The chat connection must be up within this time for the call to start. */
export const SIGNALS_TIMEOUT_MS = 15_000;
/**
 * The chat connection dropped during a call: this long to get it back and `call_resume` before
 * giving up (the server waits 10 s by default; a little more here so its answer normally decides).
 */
export const RESUME_TIMEOUT_MS = 12_000;

/** Quality thresholds (ITU-T G.114 puts one-way delay above ~150 ms as noticeable; RTT is twice that). */
export const QUALITY_LIMITS = {
  good: { rttS: 0.3, jitterS: 0.03, loss: 0.02 },
  poor: { rttS: 0.6, jitterS: 0.1, loss: 0.08 },
} as const;

/** The name every call transport module exports (BatonTransport.call in src/core/transports.ts). */
export { createLocalCallTransport as createCallTransport };

/** What this page can do for a call (WebRTC, getUserMedia, a secure context). */
const pageCapabilities = () => webCallCapabilities(globalThis, globalThis.navigator?.mediaDevices);

/** The server's reason, from the visitor's side. */
export function endReasonOf(reason: CallEndedReason): CallEndReason {
  switch (reason) {
    case 'visitor_hangup':
      return 'hangup';
    case 'agent_hangup':
    case 'closed':
      return 'remote_hangup';
    case 'declined':
      return 'declined';
    case 'no_answer':
      return 'no_answer';
    case 'no_agents':
      return 'unavailable';
    case 'visitor_left':
    case 'agent_left':
      return 'network';
    default:
      return 'error';
  }
}

/** Quality from round-trip time (s), jitter (s) and the fraction of packets lost. */
export function qualityOf(rttS: number | undefined, jitterS: number | undefined, loss: number | undefined): CallQuality {
  if (rttS === undefined && jitterS === undefined && loss === undefined) return 'unknown';
  const { good, poor } = QUALITY_LIMITS;
  if ((rttS ?? 0) > poor.rttS || (jitterS ?? 0) > poor.jitterS || (loss ?? 0) > poor.loss) return 'poor';
  if ((rttS ?? 0) <= good.rttS && (jitterS ?? 0) <= good.jitterS && (loss ?? 0) <= good.loss) return 'good';
  return 'fair';
}

function newCallId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const stopStream = (s: MediaStream | null | undefined) => s?.getTracks().forEach((t) => t.stop());

export function createLocalCallTransport(deps: CallTransportDeps): CallTransport {
  const events = createEmitter<CallTransportEvents>();
  let state: CallState = 'idle';
  let callId: string | null = null;
  let stream: MediaStream | null = null;
  let pc: RTCPeerConnection | null = null;
  let audio: HTMLAudioElement | null = null;
  let signals: EmbeddedCallSignals | null = null;
  let offSignals = () => {};
  let offLost = () => {};
  let iceServers: CallIceServer[] = [];
  let remoteSet = false;
  let pendingCandidates: RTCIceCandidateInit[] = [];
  let muted = false;
  let connectedAt: number | null = null;
  let ackTimer: ReturnType<typeof setTimeout> | undefined;
  let resumeTimer: ReturnType<typeof setTimeout> | undefined;
  let qualityTimer: ReturnType<typeof setInterval> | undefined;
  let lastLoss: { lost: number; received: number } | null = null;
  /** Bumped per call, so late answers of an ended call's promises change nothing. */
  let generation = 0;
  /** The call's video section (see the header), this side's camera, and the other side's video. */
  let videoTx: RTCRtpTransceiver | null = null;
  let camera: MediaStream | null = null;
  let cameraState: CameraState = 'off';
  let remoteVideo: MediaStream | null = null;
  let remoteCamera = false;

  const emitVideo = () =>
    events.emit('video', { camera: cameraState, local: cameraState === 'on' ? camera : null, remote: remoteCamera ? remoteVideo : null });
  const stopCamera = () => {
    stopStream(camera);
    camera = null;
    cameraState = 'off';
  };

  const setState = (s: CallState) => {
    if (s === state) return;
    state = s;
    events.emit('state', s);
  };

  const refreshDevices = async () => {
    try {
      const list = await navigator.mediaDevices.enumerateDevices();
      const devices: InputDevice[] = list.filter((d) => d.kind === 'audioinput').map((d) => ({ deviceId: d.deviceId, label: d.label }));
      events.emit('devices', devices);
    } catch {
      // enumerateDevices is missing or refused: the device choice is simply not offered
    }
  };
  const onDeviceChange = () => void refreshDevices();

  const send = (signal: CallSignal) => {
    if (callId) signals?.send({ type: 'call_signal', callId, signal });
  };

  function end(reason: CallEndReason, extra: { code?: string | number; message?: string; serverDurationMs?: number } = {}): void {
    if (state === 'ended' || state === 'idle') return;
    generation++;
    const durationMs = connectedAt !== null ? Math.max(0, Date.now() - connectedAt) : (extra.serverDurationMs ?? 0);
    clearTimeout(ackTimer);
    clearTimeout(resumeTimer);
    clearInterval(qualityTimer);
    offSignals();
    offLost();
    offSignals = offLost = () => {};
    navigator.mediaDevices?.removeEventListener?.('devicechange', onDeviceChange);
    try {
      pc?.close();
    } catch {
      // already closed
    }
    pc = null;
    stopStream(stream);
    stream = null;
    // The camera goes off with the call (its light too).
    stopCamera();
    videoTx = remoteVideo = null;
    remoteCamera = false;
    if (audio) {
      audio.pause();
      audio.srcObject = null;
      audio = null;
    }
    callId = null;
    connectedAt = null;
    lastLoss = null;
    const info: CallEnd = { reason, durationMs };
    if (extra.code !== undefined) info.code = extra.code;
    if (extra.message !== undefined) info.message = extra.message;
    setState('ended');
    events.emit('ended', info);
  }

  const addCandidate = (c: RTCIceCandidateInit) => {
    if (!pc) return;
    if (!remoteSet) return void pendingCandidates.push(c);
    pc.addIceCandidate(c).catch(() => undefined); // a bad candidate is skipped, not fatal
  };

  async function offer(gen: number): Promise<void> {
    const Peer = (globalThis as { RTCPeerConnection: typeof RTCPeerConnection }).RTCPeerConnection;
    const peer = (pc = new Peer({ iceServers: iceServers as RTCIceServer[] }));
    remoteSet = false;
    pendingCandidates = [];
    for (const track of stream!.getAudioTracks()) peer.addTrack(track, stream!);
    videoTx = peer.addTransceiver('video', { direction: 'sendrecv' });
    emitVideo();
    peer.onicecandidate = (e) => {
      if (e.candidate) send({ kind: 'candidate', candidate: e.candidate.candidate, sdpMid: e.candidate.sdpMid, sdpMLineIndex: e.candidate.sdpMLineIndex });
    };
    peer.ontrack = (e) => {
      if (e.track.kind === 'video') {
        remoteVideo = new MediaStream([e.track]);
        return emitVideo();
      }
      // Not in the DOM: nothing to style, nothing a page script can find. Playback was unlocked by the click.
      audio ??= new Audio();
      audio.autoplay = true;
      audio.srcObject = e.streams[0] ?? new MediaStream([e.track]);
      void audio.play().catch(() => undefined);
    };
    peer.onconnectionstatechange = () => {
      if (gen !== generation) return;
      const s = peer.connectionState;
      if (s === 'connected') {
        connectedAt ??= Date.now();
        setState('connected');
        startQuality(peer, gen);
      } else if (s === 'disconnected' && state === 'connected') setState('reconnecting');
      else if (s === 'failed') {
        if (callId) signals?.send({ type: 'call_hangup', callId });
        end('network', { message: 'the audio connection failed' });
      }
    };
    const desc = await peer.createOffer();
    if (gen !== generation) return;
    await peer.setLocalDescription(desc);
    if (gen !== generation) return;
    send({ kind: 'offer', sdp: peer.localDescription?.sdp ?? desc.sdp ?? '' });
  }

  function startQuality(peer: RTCPeerConnection, gen: number): void {
    clearInterval(qualityTimer);
    let last: CallQuality | null = null;
    qualityTimer = setInterval(() => {
      peer.getStats().then(
        (report) => {
          if (gen !== generation) return;
          let rtt: number | undefined;
          let jitter: number | undefined;
          let lost = 0;
          let received = 0;
          report.forEach((s: Record<string, unknown>) => {
            if (s.type === 'candidate-pair' && s.nominated && typeof s.currentRoundTripTime === 'number') rtt = s.currentRoundTripTime;
            if (s.type === 'inbound-rtp' && s.kind === 'audio') {
              if (typeof s.jitter === 'number') jitter = s.jitter;
              lost += Number(s.packetsLost) || 0;
              received += Number(s.packetsReceived) || 0;
            }
          });
          // Loss over the last interval, not since the start of the call.
          const dl = lastLoss ? lost - lastLoss.lost : lost;
          const dr = lastLoss ? received - lastLoss.received : received;
          lastLoss = { lost, received };
          const loss = dl + dr > 0 ? Math.max(0, dl) / (Math.max(0, dl) + Math.max(0, dr)) : undefined;
          const q = qualityOf(rtt, jitter, loss);
          if (q !== last) events.emit('quality', (last = q));
        },
        () => undefined,
      );
    }, QUALITY_INTERVAL_MS);
  }

  function onFrame(f: VisitorCallServerFrame, gen: number): void {
    if (gen !== generation || f.callId !== callId) return;
    switch (f.type) {
      case 'call_ringing':
        clearTimeout(ackTimer);
        iceServers = f.iceServers;
        setState('ringing');
        return;
      case 'call_accepted':
        clearTimeout(ackTimer);
        setState('connecting');
        offer(gen).catch((e: unknown) => {
          if (gen !== generation) return;
          if (callId) signals?.send({ type: 'call_hangup', callId });
          end('error', { message: `could not start the audio: ${String((e as Error)?.message ?? e)}` });
        });
        return;
      case 'call_signal': {
        const s = f.signal;
        if (s.kind === 'answer' && pc) {
          pc.setRemoteDescription({ type: 'answer', sdp: s.sdp }).then(
            () => {
              remoteSet = true;
              for (const c of pendingCandidates.splice(0)) addCandidate(c);
            },
            () => end('error', { message: 'the agent’s answer was not understood' }),
          );
        } else if (s.kind === 'candidate') addCandidate({ candidate: s.candidate, sdpMid: s.sdpMid, sdpMLineIndex: s.sdpMLineIndex });
        return;
      }
      case 'call_mute':
        return; // the agent's mute: nothing to change here (their audio is silent)
      case 'call_camera':
        remoteCamera = f.on;
        return emitVideo();
      case 'call_resumed':
        clearTimeout(resumeTimer);
        if (state === 'reconnecting' && pc?.connectionState === 'connected') setState('connected');
        return;
      case 'call_ended':
        end(endReasonOf(f.reason), { code: f.reason, serverDurationMs: f.durationMs });
    }
  }

  /**
   * The chat connection dropped: the audio may well carry on (it does not pass through the server);
   * once the chat is back, this socket takes the call back (`call_resume`), else the call ends.
   */
  async function resume(gen: number): Promise<void> {
    if (state === 'connected') setState('reconnecting');
    clearTimeout(resumeTimer);
    resumeTimer = setTimeout(() => gen === generation && end('network', { message: 'the connection to the server did not come back' }), RESUME_TIMEOUT_MS);
    try {
      await deps.signals(); // resolves once the chat is connected again
    } catch {
      return; // the timer ends the call
    }
    if (gen === generation && callId) signals?.send({ type: 'call_resume', callId });
  }

  return {
    capabilities: pageCapabilities,

    async start(options: StartCallOptions = {}) {
      if (state !== 'idle' && state !== 'ended') return;
      const gen = ++generation;
      muted = false;
      setState('media');
      events.emit('muted', false);
      const caps = pageCapabilities();
      if (!caps.supported) {
        options.microphone?.then(stopStream, () => undefined);
        return end('unsupported', { code: caps.reason ?? 'unsupported' });
      }
      try {
        stream =
          (await options.microphone) ??
          (await navigator.mediaDevices.getUserMedia(microphoneConstraints(options.inputDeviceId)));
      } catch (error) {
        if (gen !== generation) return;
        return end(microphoneFailure(error), { code: (error as Error)?.name ?? 'error', message: String((error as Error)?.message ?? error) });
      }
      if (gen !== generation) return stopStream(stream);
      navigator.mediaDevices.addEventListener?.('devicechange', onDeviceChange);
      void refreshDevices(); // labels are visible now that the microphone is granted
      setState('connecting');
      try {
        let timer: ReturnType<typeof setTimeout> | undefined;
        // This call transport comes with the local chat transport (the `local` part,
        // src/compose/transports.ts), whose connection carries the embedded server's call frames.
        signals = (await Promise.race([
          deps.signals(),
          new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the connection to the server did not come up')), SIGNALS_TIMEOUT_MS))),
        ]).finally(() => clearTimeout(timer))) as EmbeddedCallSignals;
      } catch (error) {
        if (gen !== generation) return;
        return end('network', { message: String((error as Error)?.message ?? error) });
      }
      if (gen !== generation) return;
      const id = (callId = options.answer ?? newCallId());
      offSignals = signals.on((f) => onFrame(f, gen));
      offLost = deps.onSignalsLost(() => gen === generation && void resume(gen));
      // Answering an agent's call: the server then answers as for a call started here (ringing, accepted).
      const first: VisitorCallFrame = options.answer
        ? { type: 'call_pickup', callId: id }
        : { type: 'call_start', callId: id, ...(options.conversationId ? { conversationId: options.conversationId } : {}) };
      if (!signals.send(first)) {
        return end('network', { message: 'the connection to the server is down' });
      }
      ackTimer = setTimeout(() => gen === generation && end('network', { message: 'the server did not answer' }), RING_ACK_TIMEOUT_MS);
    },

    hangup() {
      if (state === 'idle' || state === 'ended') return;
      if (callId) signals?.send({ type: 'call_hangup', callId });
      end('hangup');
    },

    setMuted(next: boolean) {
      if (!stream || next === muted) return;
      muted = next;
      for (const t of stream.getAudioTracks()) t.enabled = !next;
      if (callId) signals?.send({ type: 'call_mute', callId, muted: next });
      events.emit('muted', next);
    },

    async setInputDevice(deviceId: string) {
      if (!stream) return; // before a call: CallSession passes it to the next start()
      const gen = generation;
      // '' is "the default microphone" (the choice the panel offers first).
      const next = await navigator.mediaDevices.getUserMedia(microphoneConstraints(deviceId));
      if (gen !== generation || !stream) return stopStream(next);
      const track = next.getAudioTracks()[0]!;
      track.enabled = !muted;
      const sender = pc?.getSenders().find((s) => s.track?.kind === 'audio');
      await sender?.replaceTrack(track);
      stopStream(stream);
      stream = next;
    },

    /** The camera: asked for at once (inside the click), then sent on the video section. */
    async setCamera(on: boolean, facing = 'environment') {
      const tx = videoTx;
      const id = callId;
      if (!tx || !id) return;
      const gen = generation;
      const tell = (next: boolean) => signals?.send({ type: 'call_camera', callId: id, on: next });
      if (!on) {
        if (cameraState === 'on') tell(false);
        stopCamera();
        emitVideo();
        return tx.sender.replaceTrack(null).catch(() => undefined);
      }
      if (cameraState === 'on' || cameraState === 'starting') return;
      cameraState = 'starting';
      emitVideo();
      let next: MediaStream;
      try {
        next = await navigator.mediaDevices.getUserMedia(cameraConstraints(facing));
      } catch (error) {
        if (gen !== generation || cameraState !== 'starting') return;
        cameraState = cameraFailure(error);
        return emitVideo();
      }
      // Turned off, or the call ended, while the browser asked.
      if (gen !== generation || cameraState !== 'starting') return stopStream(next);
      try {
        await tx.sender.replaceTrack(next.getVideoTracks()[0] ?? null);
      } catch {
        stopStream(next);
        if (gen !== generation || cameraState !== 'starting') return;
        cameraState = 'unavailable';
        return emitVideo();
      }
      if (gen !== generation || cameraState !== 'starting') return stopStream(next);
      camera = next;
      cameraState = 'on';
      tell(true);
      emitVideo();
    },

    destroy() {
      this.hangup();
      events.clear?.();
    },

    on: (event, listener) => events.on(event, listener),
  };
}
