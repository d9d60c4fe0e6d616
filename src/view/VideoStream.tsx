/**
 * A camera's `MediaStream` in a `<video>` (issue 19): the call views of the panel
 * (src/ui/panel/callVideo.tsx) and of the console (src/console/ui/CallVideo.tsx) show both sides'
 * cameras with it. Muted: a call's audio plays apart (its own element), and a muted video may
 * autoplay everywhere; `playsinline` so iOS does not go full screen.
 */
import { useEffect, useRef } from 'preact/hooks';

export function VideoStream({ stream, label, cls, testid }: { stream: MediaStream; label: string; cls: string; testid?: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const v = ref.current;
    if (!v) return;
    v.srcObject = stream;
    void v.play().catch(() => undefined);
    return () => void (v.srcObject = null);
  }, [stream]);
  return <video ref={ref} class={cls} data-testid={testid} aria-label={label} autoplay muted playsInline />;
}
