/**
 * Photos in a conversation (issue 16): the HTTP paths that carry them (a photo is megabytes, a
 * WebSocket frame at most 64 KiB), their limits, and the one check of what a file really is.
 * Types only from ./chat: the browser (panel, console, transports) and the server share it.
 */
import type { ChatMessage } from './chat';

/** The widest or tallest side of a photo after the browser downscaled it (src/view/photo.ts). */
export const PHOTO_MAX_DIMENSION = 2048;
/** JPEG quality of the re-encoded photo: a 2,048 px phone photo lands around 0.3–0.8 MB. */
export const PHOTO_JPEG_QUALITY = 0.85;
/**
 * A file the browser will not even try to decode (a phone photo is 2–12 MB; a 40 MB file is a
 * RAW or a panorama the tab may not have the memory to decode).
 */
export const PHOTO_SOURCE_MAX_BYTES = 40 * 1024 * 1024;

/**
 * POST: a visitor's photo. Body: the image bytes (Content-Type one of MEDIA_TYPES, at most
 * MEDIA_MAX_BYTES); `Authorization: Bearer <the visitor's credential>`; `?clientId=` the
 * message's id (idempotent like a `send`). 200: MediaAck. Opens a conversation when none is open.
 */
export const HTTP_VISITOR_MEDIA_PATH = '/api/visitor/media';
/** POST: an agent's photo into a conversation it claimed: `?conversationId=&clientId=`, the session cookie. */
export const HTTP_AGENT_MEDIA_PATH = '/api/agent/media';
/**
 * GET `${HTTP_VISITOR_MEDIA_PATH}/<mediaId>` (visitor: the Bearer credential) and
 * `${HTTP_AGENT_MEDIA_PATH}/<mediaId>` (agent: the session cookie): the stored bytes, only to the
 * conversation's visitor and to agents, as an image type with `X-Content-Type-Options: nosniff`.
 */
export const mediaFilePath = (base: string, mediaId: string): string => `${base}/${encodeURIComponent(mediaId)}`;

/** Media ids: `f_` and 16 url-safe characters (server-made). */
export const MEDIA_ID_PATTERN = /^f_[A-Za-z0-9_-]{16}$/;

/** The answer to an upload: the committed message (as an `ack` frame's). */
export interface MediaAck {
  clientId: string;
  message: ChatMessage;
}

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif';

/**
 * What the bytes are, from their first bytes (magic numbers), never from a name or a declared
 * type: JPEG (FF D8 FF), PNG (89 PNG CR LF SUB LF), WebP (RIFF....WEBP), GIF (GIF87a / GIF89a).
 * Anything else (SVG, HTML, PDF, text named photo.jpg) is null. SVG is never an image here: it
 * can carry script.
 */
export function sniffImageType(b: Uint8Array): ImageType | null {
  const at = (i: number, ...bytes: number[]) => bytes.every((x, k) => b[i + k] === x);
  if (b.length >= 4 && at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (b.length >= 8 && at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (b.length >= 12 && at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  if (b.length >= 6 && at(0, 0x47, 0x49, 0x46, 0x38) && (at(4, 0x37, 0x61) || at(4, 0x39, 0x61))) return 'image/gif';
  return null;
}

/** The file name extension for a stored type (downloads are named by the server, never by the sender). */
export const IMAGE_EXTENSION: Record<ImageType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif' };
