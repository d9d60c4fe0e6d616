/**
 * Photos with Baton's embedded server (issue 16): uploaded over HTTP, not the socket (a photo is
 * hundreds of KB, a frame at most 64 KiB), with the visitor's credential in an Authorization
 * header (never in a URL), and fetched the same way to be shown (as a `blob:` URL: the server
 * gives a photo only to its conversation's visitor, so an `<img src>` without the credential
 * could not load it). Paths and limits: src/protocol/media.ts.
 *
 * - Upload progress from XMLHttpRequest's upload events (fetch reports none); where there is no
 *   XMLHttpRequest (Node, workers) fetch, with progress 0 then 1.
 * - The answer is the `ack` (the committed message); a refusal is an `error` with the message's
 *   clientId and the server's code (`unsupported_media_type`, `too_large`, `rate_limited`), a
 *   network failure or a 5xx is `unavailable` (the outbox sends it again later); a 429's or 503's
 *   Retry-After comes with it as `retryAfterMs`, so the outbox sends again after that wait.
 */
import { MEDIA_MAX_BYTES, MEDIA_TYPES, type ChatMessage, type HttpErrorBody } from '../../protocol/chat';
import { HTTP_VISITOR_MEDIA_PATH, mediaFilePath, type MediaAck } from '../../protocol/media';
import type { ChatTransportError, OutgoingMedia } from '../../core/chat/transport';

export interface MediaChannelDeps {
  server: string;
  /** The credential while connected and welcomed; null otherwise (send() then returns false). */
  credential(): string | null;
  onAck(clientId: string, message: ChatMessage): void;
  onError(error: ChatTransportError): void;
}

interface Answer {
  status: number;
  body: unknown;
  /** The answer's Retry-After header (seconds), when it has one. */
  retryAfter: string | null;
}

type Uploader = (url: string, headers: Record<string, string>, file: Blob, onProgress: (f: number) => void) => Promise<Answer>;

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

const xhrUpload: Uploader = (url, headers, file, onProgress) =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    // Never 1 before the server committed it: the last step is the answer.
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.min(0.99, e.loaded / e.total));
    xhr.onload = () => resolve({ status: xhr.status, body: parse(xhr.responseText), retryAfter: xhr.getResponseHeader('Retry-After') });
    xhr.onerror = xhr.onabort = xhr.ontimeout = () => reject(new Error('the upload failed (network)'));
    xhr.send(file);
  });

const fetchUpload: Uploader = async (url, headers, file) => {
  const res = await fetch(url, { method: 'POST', headers, body: file });
  return { status: res.status, body: parse(await res.text()), retryAfter: res.headers.get('Retry-After') };
};

export function createMediaChannel(deps: MediaChannelDeps): { send(m: OutgoingMedia): boolean; url(mediaId: string): Promise<string | null>; blob(mediaId: string): Promise<Blob | null> } {
  const base = deps.server.replace(/\/+$/, '') + HTTP_VISITOR_MEDIA_PATH;
  const inFlight = new Set<string>();
  const urls = new Map<string, Promise<string | null>>();
  const blobs = new Map<string, Promise<Blob | null>>();
  const upload: Uploader = typeof XMLHttpRequest === 'function' ? xhrUpload : fetchUpload;

  /** A photo's bytes, fetched once with the credential (never in a URL). */
  const blob = (mediaId: string): Promise<Blob | null> => {
    let got = blobs.get(mediaId);
    if (!got) {
      const credential = deps.credential();
      if (!credential) return Promise.resolve(null);
      got = fetch(mediaFilePath(base, mediaId), { headers: { Authorization: `Bearer ${credential}` } })
        .then((res) => (res.ok ? res.blob() : null))
        .catch(() => null);
      // A failure is not kept: the next ask tries again.
      got.then((b) => b ?? blobs.delete(mediaId), () => blobs.delete(mediaId));
      blobs.set(mediaId, got);
    }
    return got;
  };

  const refuse = (clientId: string, code: string, message: string) => queueMicrotask(() => deps.onError({ code, message, clientId }));

  return {
    send(m) {
      const credential = deps.credential();
      if (!credential) return false;
      if (!MEDIA_TYPES.includes(m.file.type)) return refuse(m.clientId, 'unsupported_media_type', `only ${MEDIA_TYPES.join(', ')} can be sent`), true;
      if (m.file.size > MEDIA_MAX_BYTES) return refuse(m.clientId, 'too_large', `the file is over ${MEDIA_MAX_BYTES} bytes`), true;
      if (inFlight.has(m.clientId)) return true; // already on its way
      inFlight.add(m.clientId);
      m.onProgress?.(0);
      const headers = { Authorization: `Bearer ${credential}`, 'Content-Type': m.file.type };
      upload(`${base}?clientId=${encodeURIComponent(m.clientId)}`, headers, m.file, (f) => m.onProgress?.(f))
        .then(({ status, body, retryAfter }) => {
          inFlight.delete(m.clientId);
          const ack = body as MediaAck | null;
          if (status === 200 && ack?.message) {
            m.onProgress?.(1);
            return deps.onAck(m.clientId, ack.message);
          }
          const error = (body as HttpErrorBody | null)?.error;
          // 5xx: not stored, try again later (the same clientId is stored once).
          const code = status >= 500 ? 'unavailable' : (error?.code ?? 'bad_request');
          // 429 and 503 say when to come back (Retry-After, in seconds): the outbox waits that long.
          const wait = retryAfter !== null && /^\d{1,9}$/.test(retryAfter.trim()) ? Number(retryAfter) * 1000 : undefined;
          deps.onError({ code, message: error?.message ?? `the server answered ${status}`, clientId: m.clientId, ...(wait !== undefined ? { retryAfterMs: wait } : {}) });
        })
        .catch((e: unknown) => {
          inFlight.delete(m.clientId);
          deps.onError({ code: 'unavailable', message: String((e as Error)?.message ?? e), clientId: m.clientId });
        });
      return true;
    },

    blob,

    url(mediaId) {
      let url = urls.get(mediaId);
      if (!url) {
        url = blob(mediaId).then((b) => (b ? URL.createObjectURL(b) : null));
        url.then((u) => u ?? urls.delete(mediaId), () => urls.delete(mediaId));
        urls.set(mediaId, url);
      }
      return url;
    },
  };
}
