/**
 * Video in a call from the panel (issue 19): the agent's camera large while they have it on, the
 * visitor's own camera as a small preview in its corner (or alone), and while the visitor's camera
 * is on, an indicator saying so (a red dot and words). The visitor's camera is a phone's rear one
 * when there is one (CallBar asks for `environment`): they show a product rather than their face.
 * It renders the CallHandle's `video` (src/core/call/session.ts); nothing while both are off.
 */
import { VideoStream as Stream } from '../../view/VideoStream';
import type { CallVideo } from '../../core/call/transport';
import type { Text } from './text';

export function CallVideoView({ t, video, agentName }: { t: Text['call']; video: CallVideo; agentName: string | null }) {
  const { remote, local, camera } = video;
  const failed = camera === 'blocked' || camera === 'unavailable';
  if (!remote && !local && !failed) return null;
  return (
    <div class="cvid">
      {(camera === 'on' || failed) && (
        <p class={failed ? 'err' : 'live'} role="status">
          {camera === 'on' && <span class="dot" aria-hidden="true" />}
          {failed ? t.cameraFailed : t.cameraOn}
        </p>
      )}
      {(remote || local) && (
        <div class={remote ? 'stage' : 'stage solo'}>
          {remote && <Stream stream={remote} label={`${agentName ?? t.anAgent}: ${t.camera}`} cls="rv" />}
          {local && <Stream stream={local} label={t.cameraOn} cls="lv" />}
        </div>
      )}
    </div>
  );
}

/** Its styles, added with the call bar's (colours on white >= 4.5:1). */
export const CALL_VIDEO_CSS = `.cvid{margin-top:10px}\
.cvid p{margin:0 0 8px}\
.stage{position:relative;width:100%;aspect-ratio:16/9;background:#111;border-radius:10px;overflow:hidden}\
.stage.solo{width:40%;aspect-ratio:4/3}\
.rv{display:block;width:100%;height:100%;object-fit:contain}\
.lv{position:absolute;inset-inline-end:8px;bottom:8px;width:28%;aspect-ratio:4/3;object-fit:cover;border:2px solid #fff;border-radius:8px;background:#333}\
.solo .lv{position:static;width:100%;height:100%;border:0;border-radius:0}\
.cvid .live{display:flex;align-items:center;gap:6px;color:#b3261e;font-weight:600;font-size:14px}\
.call.vid{max-height:75%}\
.cvid .dot{width:10px;height:10px;border-radius:50%;background:#b3261e}`;
