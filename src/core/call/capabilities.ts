/**
 * What every browser call needs, checked by feature (never by user agent), and the microphone
 * request every call side makes: shared by the platform's microphone (src/platform/microphone.ts)
 * and the call transports. Reads no global: the environment is passed in.
 */
import type { CallCapabilities } from './transport';

/** What a browser call is checked against: the page's globals (or a test's). */
export interface CallEnvironment {
  isSecureContext?: boolean;
  RTCPeerConnection?: unknown;
}

/**
 * Can this browser call? A secure context (https, or localhost), WebRTC and getUserMedia, in `env`
 * (the page's globals) and `media` (its `navigator.mediaDevices`), passed in by the platform or a
 * transport (tests pass their own).
 */
export function webCallCapabilities(env: CallEnvironment, media: { getUserMedia?: unknown } | null | undefined): CallCapabilities {
  if (env.isSecureContext === false) return { supported: false, reason: 'insecure_context' };
  if (typeof env.RTCPeerConnection !== 'function') return { supported: false, reason: 'no_webrtc' };
  if (typeof media?.getUserMedia !== 'function') return { supported: false, reason: 'no_getusermedia' };
  return { supported: true };
}

/** getUserMedia's constraints for a call: audio only, from `deviceId`, or the default microphone when it is empty. */
export function microphoneConstraints(deviceId?: string | null): { audio: true | { deviceId: { exact: string } }; video: false } {
  return { audio: deviceId ? { deviceId: { exact: deviceId } } : true, video: false };
}
