/**
 * Video in a call (issue 19), under the call bar: the visitor's camera large while they have it on,
 * the agent's own camera as a small preview in its corner (or alone), and while the agent's camera
 * is on, an indicator saying so (a red dot and words: never colour alone). The streams come from
 * the call controller (../call.ts); nothing renders while both cameras are off.
 */
import type { JSX } from 'preact';
import type { ActiveCall } from '../call';
import { text } from '../strings';
import { VideoStream as Stream } from '../../view/VideoStream';

export function CallVideo({ call, visitor }: { call: ActiveCall; visitor: string }): JSX.Element | null {
  const { remoteVideo, localVideo, camera } = call;
  if (!remoteVideo && !localVideo && camera === 'off') return null;
  const note =
    camera === 'on' ? text.callCameraOn : camera === 'starting' ? text.callCameraStarting : camera === 'blocked' ? text.callCameraBlocked : camera === 'unavailable' ? text.callCameraUnavailable : null;
  return (
    <div class="call-video" data-testid="call-video">
      {remoteVideo || localVideo ? (
        <div class={`cv-stage${remoteVideo ? '' : ' alone'}`}>
          {remoteVideo ? <Stream stream={remoteVideo} label={text.callVisitorVideo(visitor)} testid="call-remote-video" cls="cv-remote" /> : null}
          {localVideo ? <Stream stream={localVideo} label={text.callYourPreview} testid="call-local-video" cls="cv-local" /> : null}
        </div>
      ) : null}
      {note ? (
        <p class={`cv-note${camera === 'on' ? ' live' : ''}`} role="status" data-testid={camera === 'on' ? 'camera-indicator' : 'camera-note'}>
          {camera === 'on' ? <span class="rec-dot" aria-hidden="true" /> : null}
          {note}
        </p>
      ) : null}
    </div>
  );
}
