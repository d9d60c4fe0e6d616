/**
 * Photos in the agent console (issue 16): thumbnails in the thread (served to signed-in agents
 * only, same origin, with the session cookie), a lightbox (a modal <dialog>), and the agent's own
 * photos: a button in the composer, paste into it, or drop on the thread. Each photo is
 * downscaled and re-encoded first (src/view/photo.ts, loaded on the first one: no EXIF leaves),
 * then uploaded with progress; a failed one stays with Retry and its reason.
 */
import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { CLIENT_ID_PATTERN, type ChatMedia, type HttpErrorBody } from '../../protocol/chat';
import { HTTP_AGENT_MEDIA_PATH, mediaFilePath } from '../../protocol/media';
import { text } from '../strings';
import { useModal } from './useModal';
import { newClientId } from '../store';
import { Icon } from './icons';

/** A photo of a message: its thumbnail, opening the lightbox. */
export function PhotoThumbs({ media, who }: { media: ChatMedia[]; who: string }): JSX.Element {
  const [open, setOpen] = useState<ChatMedia | null>(null);
  return (
    <>
      {media.map((m) => (
        <button type="button" key={m.id} class="photo-thumb" data-testid="photo-thumb" aria-label={text.photoOpen(who)} onClick={() => setOpen(m)}>
          <img
            src={mediaFilePath(HTTP_AGENT_MEDIA_PATH, m.id)}
            alt={text.photoFrom(who)}
            width={m.width}
            height={m.height}
            loading="lazy"
            style={m.width && m.height ? { aspectRatio: `${m.width} / ${m.height}` } : undefined}
          />
        </button>
      ))}
      {open ? <Lightbox m={open} who={who} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

function Lightbox({ m, who, onClose }: { m: ChatMedia; who: string; onClose(): void }): JSX.Element {
  const modal = useModal(onClose);
  const ref = modal.ref;
  const src = mediaFilePath(HTTP_AGENT_MEDIA_PATH, m.id);
  return (
    <dialog {...modal} class="lightbox" data-testid="lightbox" aria-label={text.photoFrom(who)} onClick={(e) => e.target === ref.current && onClose()}>
      <img src={src} alt={text.photoFrom(who)} />
      <div class="lightbox-bar">
        <span>{m.width && m.height ? `${m.width} × ${m.height}` : ''}</span>
        <a class="btn" href={src} target="_blank" rel="noopener noreferrer">
          {text.photoFull}
        </a>
        <button type="button" class="btn" data-testid="lightbox-close" onClick={onClose} autofocus>
          <Icon name="x" />
          {text.photoClose}
        </button>
      </div>
    </dialog>
  );
}

interface Upload {
  clientId: string;
  blob: Blob | null;
  progress: number;
  status: 'preparing' | 'sending' | 'failed';
  error: string | null;
}

/**
 * The agent's photos for one conversation: `add(files)` prepares and uploads them; `view` lists
 * those not yet stored (a stored one arrives in the thread as a message over the socket).
 */
export function usePhotoUploads(conversationId: string): { add(files: Iterable<File>): void; view: JSX.Element | null } {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const set = (clientId: string, patch: Partial<Upload> | null) =>
    setUploads((list) => (patch ? list.map((u) => (u.clientId === clientId ? { ...u, ...patch } : u)) : list.filter((u) => u.clientId !== clientId)));

  const send = (clientId: string, blob: Blob) => {
    set(clientId, { status: 'sending', progress: 0, error: null });
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${HTTP_AGENT_MEDIA_PATH}?conversationId=${encodeURIComponent(conversationId)}&clientId=${clientId}`);
    xhr.setRequestHeader('Content-Type', blob.type);
    xhr.upload.onprogress = (e) => e.lengthComputable && set(clientId, { progress: Math.min(0.99, e.loaded / e.total) });
    xhr.onload = () => {
      if (xhr.status === 200) return set(clientId, null);
      let message = `${xhr.status}`;
      try {
        message = (JSON.parse(xhr.responseText) as HttpErrorBody).error.message;
      } catch {
        // not JSON: the status says enough
      }
      set(clientId, { status: 'failed', error: message });
    };
    xhr.onerror = () => set(clientId, { status: 'failed', error: text.photoNetwork });
    xhr.send(blob);
  };

  const add = (files: Iterable<File>) => {
    for (const file of [...files].slice(0, 10)) {
      const clientId = newClientId();
      if (!CLIENT_ID_PATTERN.test(clientId)) continue;
      setUploads((list) => [...list, { clientId, blob: null, progress: 0, status: 'preparing', error: null }]);
      void import('../../view/photo').then(async ({ preparePhoto }) => {
        const r = await preparePhoto(file);
        if (!r.ok) return set(clientId, { status: 'failed', error: r.reason === 'not_image' ? text.photoNotImage : r.reason === 'too_large' ? text.photoTooLarge : text.photoFailed });
        set(clientId, { blob: r.blob });
        send(clientId, r.blob);
      });
    }
  };

  const view = uploads.length ? (
    <ul class="uploads" aria-label={text.photoUploads}>
      {uploads.map((u) => (
        <li key={u.clientId} data-testid="photo-upload" data-status={u.status}>
          <span>{u.status === 'failed' ? `${text.photoNotSent}: ${u.error}` : u.status === 'preparing' ? text.photoPreparing : text.photoSending(Math.round(u.progress * 100))}</span>
          {u.status === 'sending' ? <progress max={100} value={Math.round(u.progress * 100)} aria-hidden="true" /> : null}
          {u.status === 'failed' && u.blob ? (
            <button type="button" class="link-btn" onClick={() => send(u.clientId, u.blob!)}>
              {text.retry}
            </button>
          ) : null}
          {u.status === 'failed' ? (
            <button type="button" class="link-btn danger" onClick={() => set(u.clientId, null)}>
              {text.discard}
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  ) : null;
  return { add, view };
}

/** Images among pasted or dropped files. */
export const imagesOf = (data: DataTransfer | null): File[] => [...(data?.files ?? [])].filter((f) => f.type.startsWith('image/') || f.type === '');

/** The composer's photo button (a file picker). */
export function PhotoPicker({ onFiles }: { onFiles(files: File[]): void }): JSX.Element {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" class="btn" data-testid="photo-button" onClick={() => input.current?.click()}>
        <Icon name="image" />
        {text.photoSend}
      </button>
      <input
        ref={input}
        type="file"
        accept="image/*"
        multiple
        hidden
        data-testid="photo-input"
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          onFiles(files);
        }}
      />
    </>
  );
}
