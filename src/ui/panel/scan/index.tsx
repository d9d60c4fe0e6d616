/**
 * "Scan a code" (issue 19; a lazy chunk, imported when the visitor picks it in the photo menu on a
 * phone): the rear camera films, ./decode.ts reads a QR code or a barcode, the camera stops, and
 * the panel shows what it read. Nothing leaves the phone until the visitor presses Send: then the
 * code goes as a message whose text is its value and whose `code` says what it was (the agent sees
 * it as data). "Scan again" films anew; Close (or Escape) leaves with nothing sent.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { cameraConstraints } from '../../../protocol/camera';
import { codeFormatName, type ScannedCode } from '../../../protocol/scan';
import { addStyles } from '../../styles';
import type { Text } from '../text';
import { createReader } from './decode';

/** Between two reads of the film: about 6 a second, light enough for a phone. */
export const SCAN_EVERY_MS = 150;

const stop = (s: MediaStream | null) => s?.getTracks().forEach((k) => k.stop());

export function ScanView({ t, onSend, onClose }: { t: Text; onSend: (code: ScannedCode) => void; onClose: () => void }) {
  const d = t.photo;
  const box = useRef<HTMLElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const result = useRef<HTMLParagraphElement>(null);
  const [code, setCode] = useState<ScannedCode | null>(null);
  const [failed, setFailed] = useState(false);
  const [round, setRound] = useState(0);

  useLayoutEffect(() => {
    const root = box.current?.getRootNode();
    if (root && 'adoptedStyleSheets' in root) addStyles(root as ShadowRoot, SCAN_CSS);
  }, []);

  useEffect(() => {
    let live = true;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia(cameraConstraints('environment'));
      } catch {
        if (live) setFailed(true);
        return;
      }
      const v = video.current;
      if (!live || !v) return stop(stream);
      v.srcObject = stream;
      await v.play().catch(() => undefined);
      const read = await createReader();
      const tick = async () => {
        if (!live) return;
        const found = await read(v).catch(() => null);
        if (!live) return;
        if (!found) return void (timer = setTimeout(tick, SCAN_EVERY_MS));
        // Read: the camera goes off at once, before the visitor decides.
        stop(stream);
        v.srcObject = null;
        setCode(found);
      };
      void tick();
    })().catch(() => live && setFailed(true));
    return () => {
      live = false;
      clearTimeout(timer);
      stop(stream);
    };
  }, [round]);

  // What was read replaces the film: focus goes to it, so a screen reader reads it.
  useLayoutEffect(() => {
    if (code) result.current?.focus();
  }, [code]);

  return (
    <section
      class="scan"
      ref={box}
      aria-label={d.scanCode}
      data-testid="scan"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        onClose();
      }}
    >
      <div class="crow">
        <p class="cst">{d.scanCode}</p>
        <button type="button" class="x cx" aria-label={t.close} title={t.close} onClick={onClose}>
          ×
        </button>
      </div>
      {failed ? (
        <p class="err" role="alert">
          {t.call.cameraFailed}
        </p>
      ) : code ? (
        <div class="sres">
          <p role="status" tabIndex={-1} ref={result}>
            {d.scanConfirm}
          </p>
          <p class="sk" data-testid="scan-format">
            {codeFormatName(code.format)}
          </p>
          <p class="sval" dir="auto" data-testid="scan-value">
            {code.value}
          </p>
          <div class="row">
            <button type="button" class="btn" data-testid="scan-send" onClick={() => onSend(code)}>
              {t.send}
            </button>
            <button
              type="button"
              class="btn2"
              onClick={() => {
                setCode(null);
                setRound(round + 1);
              }}
            >
              {d.scanAgain}
            </button>
          </div>
        </div>
      ) : (
        <>
          <video ref={video} class="sv" autoplay muted playsInline aria-hidden="true" />
          <p class="sh" role="status">
            {d.scanHint}
          </p>
        </>
      )}
    </section>
  );
}

const SCAN_CSS = `.scan{padding:12px 20px;border-top:1px solid #d6d6d6;background:#f7f8fa}\
.sv{display:block;width:100%;aspect-ratio:4/3;max-height:40vh;object-fit:cover;background:#111;border-radius:10px;margin-top:8px}\
.sh{margin:8px 0 0;font-size:14px;color:#4a4a4a}\
.sres p{margin:8px 0 0}\
.sk{font-size:14px;color:#4a4a4a}\
.sval{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:17px;overflow-wrap:anywhere;user-select:all}\
.sres .row{margin-top:10px;gap:8px}`;
