/**
 * The call transport port: what a call UI (Baton's panel, or a site's own) needs from whatever
 * carries the visitor's voice to an agent. Implemented at the edge: src/transports/local (WebRTC
 * between the visitor's and the agent's browsers, signalled over the embedded server's WebSocket)
 * and src/transports/twilio-voice (@twilio/voice-sdk). Each is a lazy chunk, imported only when the
 * visitor starts a call.
 *
 * Vendor-neutral on purpose: no RTCPeerConnection, no Twilio Device or Call crosses this boundary;
 * a transport maps its own objects and error codes into these states and reasons.
 */
import type { CameraFacing, CameraState } from '../../protocol/camera';

/**
 * idle: no call. media: asking for the microphone (the browser's prompt may be up). connecting:
 * signalling / registering. ringing: an agent's device rings. connected: talking. reconnecting:
 * the media path dropped and is being restored. ended: over (see CallEnd). A call that ended goes
 * back to idle when a new one starts.
 */
export type CallState = 'idle' | 'media' | 'connecting' | 'ringing' | 'connected' | 'reconnecting' | 'ended';

/**
 * Why a call ended. `mic_denied`, `no_mic` and `unsupported` end a call before it rang: the UI
 * shows the alternatives (chat, the phone line with a context code, a callback request).
 * `no_answer`: nobody answered in time (the UI offers leave-a-message or a callback).
 */
export type CallEndReason =
  | 'hangup' // the visitor hung up
  | 'remote_hangup' // the agent hung up
  | 'declined' // the agent declined
  | 'no_answer'
  | 'unavailable' // nobody could take calls (nobody online): never rung
  | 'mic_denied'
  | 'no_mic'
  | 'unsupported'
  | 'network' // the media path or signalling was lost for good
  | 'error';

export interface CallEnd {
  reason: CallEndReason;
  /** A transport's own code (a Twilio error code, a protocol error), for logs; never shown as is. */
  code?: string | number;
  message?: string;
  /** Connected time in ms (0 when it never connected). */
  durationMs: number;
}

/** A hint for the UI, from the transport's own statistics (RTT, jitter, loss, MOS...). */
export type CallQuality = 'good' | 'fair' | 'poor' | 'unknown';

/** Why this browser cannot call, when it cannot. */
export type CallUnsupportedReason = 'no_webrtc' | 'no_getusermedia' | 'insecure_context' | 'sdk_unsupported';

export interface CallCapabilities {
  supported: boolean;
  reason?: CallUnsupportedReason;
}

export interface InputDevice {
  deviceId: string;
  /** Empty until the visitor granted the microphone (browsers hide labels before). */
  label: string;
}

/** Which camera: the one facing the person (a laptop's), or a phone's rear one, to show a product. */
export type { CameraFacing };

/** This side's camera in a call (issue 19; off by default). */
export type { CameraState };

/** Video in a call: each side's camera, off until that side turns it on. */
export interface CallVideo {
  camera: CameraState;
  /** This side's camera, for a small preview (null unless `camera` is `on`). */
  local: MediaStream | null;
  /** The other side's camera while they have it on (null otherwise). */
  remote: MediaStream | null;
}

export interface CallTransportEvents {
  state: CallState;
  /** Once per call, with the state 'ended'. */
  ended: CallEnd;
  quality: CallQuality;
  muted: boolean;
  /** The microphones changed (plugged, unplugged, or labels revealed by the grant). */
  devices: InputDevice[];
  /** Either side's camera changed (transports that carry video only). */
  video: CallVideo;
}

export interface StartCallOptions {
  /** The chat conversation the call belongs to, when started from a chat (same thread, same context). */
  conversationId?: string;
  /**
   * The chat's credential (ChatTransport.credential), for transports whose server binds the call
   * to the conversation itself (Twilio Voice): it finds the conversation from the credential and
   * never trusts a conversation id the page names.
   */
  credential?: string;
  /** The microphone to use (from `devices`); the default one otherwise. */
  inputDeviceId?: string;
  /**
   * The microphone, already requested by CallSession inside the visitor's click (the transport's
   * chunk may still be loading then, and browsers tie the permission prompt and audio unlock to
   * that gesture). A transport that carries its own media uses this stream; one that opens the
   * microphone itself (an SDK) waits for it, so the permission is granted, then stops its tracks.
   * Its rejection is the visitor's answer: `mic_denied` or `no_mic` (src/protocol/microphone.ts).
   */
  microphone?: Promise<MediaStream>;
  /** Answers the agent's call with this id (a CallInvite, ./signalling.ts) instead of starting one. */
  answer?: string;
}

export interface CallTransport {
  /** Cheap, synchronous feature check (no prompt, no SDK download). */
  capabilities(): CallCapabilities;
  /**
   * Starts a call. Call it inside the visitor's click: it asks for the microphone first (the
   * browser prompt belongs to that gesture). Resolves once the call is under way or has ended
   * (the outcome is in the events, never a rejection).
   */
  start(options?: StartCallOptions): Promise<void>;
  /** Ends the call (any state); ends with reason 'hangup'. */
  hangup(): void;
  setMuted(muted: boolean): void;
  /** Switches the microphone, during a call too. */
  setInputDevice(deviceId: string): Promise<void>;
  /**
   * Turns this side's camera on or off during a connected call (call it in the visitor's click: the
   * browser's prompt belongs to it). Only transports that carry video have it (the embedded one;
   * Twilio Voice is audio only). Outcome in the `video` event, never a rejection.
   */
  setCamera?(on: boolean, facing?: CameraFacing): Promise<void>;
  /** Releases everything (devices, sockets, SDK objects). */
  destroy(): void;
  on<E extends keyof CallTransportEvents>(event: E, listener: (payload: CallTransportEvents[E]) => void): () => void;
}
