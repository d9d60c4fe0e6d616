/**
 * The camera in a call (issue 19), the one policy both call sides follow (the widget's WebRTC
 * transport and the agent console), beside ./microphone.ts for the same reason: they share only
 * this layer.
 *
 * - which camera: `facingMode` as an ideal, never exact, so a laptop with one camera still gets it
 *   (the visitor asks for a phone's rear camera, to show a product; the agent their own face);
 * - 1280x720 as an ideal: a label or a serial number stays readable, and the browser scales down
 *   to what the device and the connection allow (WebRTC adapts the sent resolution to bandwidth);
 * - a refusal is `blocked` (the person or the browser said no) or `unavailable` (no camera, busy,
 *   failed): the same names as the microphone's, mapped from getUserMedia's DOMException.
 */
import { microphoneFailure } from './microphone';

export type CameraFacing = 'user' | 'environment';

/**
 * One side's camera in a call (off by default): `starting` while the browser asks for it; `blocked`
 * (refused) and `unavailable` (none, or in use) leave it off.
 */
export type CameraState = 'off' | 'starting' | 'on' | 'blocked' | 'unavailable';

/** getUserMedia's constraints for a call's camera: video only (the microphone is already in the call). */
export function cameraConstraints(facing: CameraFacing): { audio: false; video: { facingMode: { ideal: CameraFacing }; width: { ideal: number }; height: { ideal: number } } } {
  return { audio: false, video: { facingMode: { ideal: facing }, width: { ideal: 1280 }, height: { ideal: 720 } } };
}

/** Why the camera could not be had: `blocked` when refused, `unavailable` otherwise. */
export function cameraFailure(error: unknown): 'blocked' | 'unavailable' {
  return microphoneFailure(error) === 'mic_denied' ? 'blocked' : 'unavailable';
}
