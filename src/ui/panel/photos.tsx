/**
 * Photos in the panel (issue 16): the composer's photo button (on phones a choice between the
 * camera, through `capture`, and the photo library; on desktop the file picker), pasting and
 * dropping photos anywhere on the panel, and photos in the message list (a local preview while
 * sending, with a progress bar; then the stored photo; a full-size view on click).
 *
 * Every photo is downscaled and re-encoded in the browser before it leaves (src/view/photo.ts, a
 * lazy chunk loaded on the first photo): no EXIF, no GPS. Refusals are named (not an image, too
 * large, too many), in the composer's note.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ChatHandle, ChatItem } from '../../core/chat/session';
import { MEDIA_MAX_BYTES } from '../../protocol/chat';
import { CLOSE_ICON } from '../icons';
import type { Text } from './text';

type PhotoText = Text['photo'];
import type { ChatView } from './chat';
import { Icon } from './icon';

/** Material "image" and "photo camera" shapes. */
const IMAGE_ICON = 'M21 19V5a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2zM8.5 13.5l2.5 3.01L14.5 12l4.5 6H5l3.5-4.5z';
const CAMERA_ICON =
  'M12 15.2a3.2 3.2 0 1 0 0-6.4 3.2 3.2 0 0 0 0 6.4zM9 2 7.17 4H4a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2h-3.17L15 2H9zm3 15a5 5 0 1 1 0-10 5 5 0 0 1 0 10z';
/** At most this many photos from one pick, paste or drop (the server allows 12 a minute). */
const PHOTOS_AT_ONCE = 10;

const svg = (d: string) => <Icon d={d} />;

export const PHOTO_CSS = `.pb{flex:none;display:grid;place-items:center;width:44px;height:44px;border:0;border-radius:50%;background:none;color:#4a4a4a;cursor:pointer}\
.pb:hover{background:#eef0f3}.pb svg{width:24px;height:24px;fill:currentColor}\
.pm{position:absolute;bottom:100%;inset-inline-start:12px;margin:0 0 6px;padding:6px;border:1px solid #d6d6d6;border-radius:12px;background:#fff;box-shadow:0 6px 24px #0003;z-index:2}\
.pm button{display:flex;align-items:center;gap:10px;width:100%;min-height:44px;padding:0 14px;border:0;border-radius:8px;background:none;font:inherit;color:#1a1a1a;cursor:pointer}\
.pm button:hover{background:#eef0f3}.pm svg{width:22px;height:22px;fill:#4a4a4a}\
.cmp{position:relative}\
.phf{display:none}\
.bub.ph{padding:4px;background:none;border:1px solid #d6d6d6}\
.phb{display:block;padding:0;border:0;background:#eef0f3;border-radius:12px;overflow:hidden;cursor:zoom-in;max-width:100%}\
.phb img{display:block;width:220px;max-width:100%;height:auto;object-fit:cover}\
.phb span{display:grid;place-items:center;width:220px;max-width:100%;aspect-ratio:4/3;font-size:13px;color:#4a4a4a}\
.bub progress{display:block;width:100%;height:4px;margin:4px 0 0;accent-color:var(--b)}\
.phw{margin:4px 2px 0;font-size:12.5px;color:#4a4a4a;max-width:220px}\
.lb{position:absolute;inset:0;z-index:5;display:flex;flex-direction:column;background:#000e}\
.lb img{flex:1;min-height:0;width:100%;object-fit:contain}\
.lb .x{align-self:flex-end;margin:8px;color:#fff}\
.dlg[data-drop]::after{content:attr(data-drop);position:absolute;inset:8px;display:grid;place-items:center;border:2px dashed var(--b);border-radius:12px;background:#ffffffe6;font-weight:600;color:#1a1a1a;z-index:6;pointer-events:none}\
.dlg{position:relative}`;

/** What a visitor can see go wrong with a photo, from a refusal of the browser or the server. */
export function photoProblem(d: PhotoText, reason: string | null | undefined): string {
  if (reason === 'not_image' || reason === 'unsupported_media_type') return d.photoNotImage;
  if (reason === 'too_large') return d.photoTooLarge({ mb: Math.round(MEDIA_MAX_BYTES / (1024 * 1024)) });
  if (reason === 'source_too_large') return d.photoTooLarge({ mb: 40 });
  if (reason === 'rate_limited') return d.photoTooMany;
  if (reason === 'unsupported') return d.photoUnsupported;
  return d.photoFailed;
}

/**
 * Prepares (lazily loaded downscaler) and sends photos through the chat; reports a refusal with
 * `onNote` (null clears it). Returns the function that takes files.
 */
export function usePhotoSender(view: ChatView, t: Text, onNote: (note: string | null, bad?: boolean) => void, onSent: () => void): (files: Iterable<File>) => void {
  const d = t.photo;
  return (files) => {
    const list = [...files].slice(0, PHOTOS_AT_ONCE);
    if (!list.length) return;
    onNote(d.photoPreparing, false);
    void (async () => {
      const { preparePhoto } = await import('../../view/photo');
      let problem: string | null = null;
      for (const file of list) {
        const r = await preparePhoto(file);
        if (!r.ok) {
          problem = photoProblem(d, r.reason === 'too_large' && r.max > MEDIA_MAX_BYTES ? 'source_too_large' : r.reason);
          continue;
        }
        view.later((c) => {
          const sent = c.sendPhoto?.(r.blob, 'photo.jpg') ?? { ok: false as const, reason: 'unsupported' as const };
          if (!sent.ok) onNote(photoProblem(d, sent.reason === 'bad_type' ? 'not_image' : sent.reason), true);
          else onSent();
        });
      }
      onNote(problem, !!problem);
    })().catch(() => onNote(d.photoFailed, true));
  };
}

/** Images among pasted or dropped items (files only: a pasted image from the clipboard is a File too). */
export function imageFiles(data: DataTransfer | null): File[] {
  if (!data) return [];
  return [...data.files].filter((f) => f.type.startsWith('image/') || f.type === '');
}

/**
 * The composer's photo button. On a touch screen it offers the camera (`capture`) or the library;
 * elsewhere it opens the file picker. Also makes the whole panel a drop target for photos.
 */
/** A QR code's corners (the photo menu's "Scan a code", issue 19). */
const SCAN_ICON = 'M3 3h7v7H3zm2 2v3h3V5zm9-2h7v7h-7zm2 2v3h3V5zM3 14h7v7H3zm2 2v3h3v-3zm9-2h3v3h-3zm4 0h3v3h-3zm-4 4h3v3h-3zm4 0h3v3h-3z';

export function PhotoButton({ t, onFiles, onScan }: { t: Text; onFiles: (files: File[]) => void; onScan?: (() => void) | undefined }) {
  const d = t.photo;
  const pick = useRef<HTMLInputElement>(null);
  const camera = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const [menu, setMenu] = useState(false);
  const [coarse] = useState(() => !!globalThis.matchMedia?.('(pointer: coarse)').matches);
  const take = useRef(onFiles);
  take.current = onFiles;

  // Drop anywhere on the panel (desktop).
  useEffect(() => {
    const dlg = button.current?.closest<HTMLElement>('.dlg');
    if (!dlg) return;
    let depth = 0;
    const hasFiles = (e: DragEvent) => !!e.dataTransfer?.types.includes('Files');
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.type === 'dragenter') depth++;
      dlg.setAttribute('data-drop', d.photoDrop);
    };
    const leave = () => {
      if (--depth <= 0) {
        depth = 0;
        dlg.removeAttribute('data-drop');
      }
    };
    const drop = (e: DragEvent) => {
      depth = 0;
      dlg.removeAttribute('data-drop');
      if (!hasFiles(e)) return;
      e.preventDefault();
      take.current(imageFiles(e.dataTransfer));
    };
    dlg.addEventListener('dragenter', over);
    dlg.addEventListener('dragover', over);
    dlg.addEventListener('dragleave', leave);
    dlg.addEventListener('drop', drop);
    return () => {
      dlg.removeEventListener('dragenter', over);
      dlg.removeEventListener('dragover', over);
      dlg.removeEventListener('dragleave', leave);
      dlg.removeEventListener('drop', drop);
      dlg.removeAttribute('data-drop');
    };
  }, []);

  // The menu closes on a click elsewhere, and on Escape (handled on the menu, so the panel stays open).
  useLayoutEffect(() => {
    if (!menu) return;
    const root = button.current?.getRootNode() as ShadowRoot | Document;
    root.querySelector<HTMLElement>('.pm button')?.focus();
    const away = (e: Event) => {
      if (!(e.composedPath() as Node[]).some((n) => (n as Element).classList?.contains('pm'))) setMenu(false);
    };
    root.addEventListener('pointerdown', away);
    return () => root.removeEventListener('pointerdown', away);
  }, [menu]);
  const onMenuKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    setMenu(false);
    button.current?.focus();
  };

  const chosen = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = ''; // the same photo can be picked again
    setMenu(false);
    onFiles(files);
  };

  return (
    <>
      <button
        type="button"
        class="pb"
        ref={button}
        id="baton-photo"
        aria-label={d.photoSend}
        title={d.photoSend}
        aria-haspopup={coarse ? 'menu' : undefined}
        aria-expanded={coarse ? menu : undefined}
        onClick={() => (coarse ? setMenu(!menu) : pick.current?.click())}
      >
        {svg(IMAGE_ICON)}
      </button>
      {menu && (
        <div class="pm" role="menu" aria-label={d.photoMenu} onKeyDown={onMenuKey}>
          <button type="button" role="menuitem" onClick={() => camera.current?.click()}>
            {svg(CAMERA_ICON)}
            {d.photoTake}
          </button>
          <button type="button" role="menuitem" onClick={() => pick.current?.click()}>
            {svg(IMAGE_ICON)}
            {d.photoChoose}
          </button>
          {onScan && (
            <button
              type="button"
              role="menuitem"
              data-testid="scan-code"
              onClick={() => {
                setMenu(false);
                onScan();
              }}
            >
              {svg(SCAN_ICON)}
              {d.scanCode}
            </button>
          )}
        </div>
      )}
      <input ref={pick} class="phf" type="file" accept="image/*" multiple tabIndex={-1} aria-hidden="true" onChange={chosen} data-testid="photo-input" />
      <input ref={camera} class="phf" type="file" accept="image/*" capture="environment" tabIndex={-1} aria-hidden="true" onChange={chosen} data-testid="camera-input" />
    </>
  );
}

/** A photo in the message list: the local preview while it is sent, then the stored photo. */
export function PhotoBubble({ m, chat, t, who }: { m: ChatItem; chat: ChatHandle | null; t: Text; who: string }) {
  const d = t.photo;
  const media = m.media![0]!;
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (m.file) {
      const u = URL.createObjectURL(m.file);
      setUrl(u);
      return () => URL.revokeObjectURL(u);
    }
    if (media.id === 'local' || !chat?.mediaUrl) return;
    let live = true;
    chat.mediaUrl(media.id).then(
      (u) => live && (u ? setUrl(u) : setFailed(true)),
      () => live && setFailed(true),
    );
    return () => void (live = false);
  }, [m.file, media.id, chat]);
  const alt = m.sender === 'visitor' ? d.photoYours : d.photoFrom({ name: who });
  const ratio = media.width && media.height ? `${media.width} / ${media.height}` : undefined;
  const pct = Math.round((m.progress ?? 0) * 100);
  return (
    <>
      <button type="button" class="phb" aria-label={`${alt}. ${d.photoOpen}`} disabled={!url} onClick={() => setOpen(true)}>
        {url ? <img src={url} alt={alt} style={ratio ? { aspectRatio: ratio } : undefined} /> : <span>{failed ? d.photoUnavailable : d.photoLoading}</span>}
      </button>
      {m.status === 'sending' && (m.retryAt ? <PhotoWaiting d={d} until={m.retryAt} /> : <progress max={100} value={pct} aria-label={d.photoSending({ pct })} />)}
      {open && url && <Lightbox url={url} alt={alt} close={d.photoClose} onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * A photo the server refused for now (too many at once, or busy): it is kept and goes again by
 * itself; the visitor sees when, counted down each second.
 */
function PhotoWaiting({ d, until }: { d: PhotoText; until: number }) {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, [until]);
  const s = Math.ceil((until - now) / 1000);
  return (
    <p class="phw" data-testid="photo-waiting">
      {s > 0 ? d.photoWaiting({ s }) : d.photoRetrying}
    </p>
  );
}

/** The photo at full size over the panel; Escape or the button closes it and focus returns. */
function Lightbox({ url, alt, close, onClose }: { url: string; alt: string; close: string; onClose: () => void }) {
  const ref = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    const back = (ref.current?.getRootNode() as ShadowRoot | Document).activeElement as HTMLElement | null;
    ref.current?.focus();
    return () => back?.focus();
  }, []);
  return (
    <div class="lb" role="dialog" aria-modal="true" aria-label={alt} onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onClose())}>
      <button type="button" class="x" ref={ref} aria-label={close} onClick={onClose}>
        <Icon d={CLOSE_ICON} />
      </button>
      <img src={url} alt={alt} />
    </div>
  );
}
