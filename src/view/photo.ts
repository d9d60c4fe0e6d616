/**
 * A photo made ready to send, in the browser (issue 16): decoded, turned upright (the EXIF
 * orientation applied by the decoder), scaled down to fit PHOTO_MAX_DIMENSION, drawn on white (a
 * transparent PNG becomes a JPEG) and re-encoded as JPEG. Nothing of the original file survives
 * but its pixels: EXIF (GPS, camera, times), XMP, IPTC and comments are never copied by a canvas.
 * The server strips metadata again (src/server/embedded/imageBytes.ts) for clients that did not.
 *
 * A lazy chunk of its own, shared by the panel and the agent console, imported when a photo is
 * picked, pasted or dropped; `npm run bench` times it on a 12 MP photo at 4x CPU throttling.
 */
import { MEDIA_MAX_BYTES } from '../protocol/chat';
import { PHOTO_JPEG_QUALITY, PHOTO_MAX_DIMENSION, PHOTO_SOURCE_MAX_BYTES, sniffImageType } from '../protocol/media';

export interface PreparedPhoto {
  ok: true;
  /** The JPEG to send. */
  blob: Blob;
  width: number;
  height: number;
  /** The picked file's size in pixels. */
  sourceWidth: number;
  sourceHeight: number;
}

export type PhotoRefusal =
  /** The bytes are not a JPEG, PNG, WebP or GIF (whatever the name says), or do not decode. */
  | { ok: false; reason: 'not_image' }
  /** Over PHOTO_SOURCE_MAX_BYTES before downscaling, or still over MEDIA_MAX_BYTES after. */
  | { ok: false; reason: 'too_large'; max: number }
  /** The browser could not make the JPEG (out of memory, no canvas). */
  | { ok: false; reason: 'failed' };

/** The size that fits `max` on its longer side, keeping the aspect ratio (never upscaled). */
export function fitWithin(width: number, height: number, max = PHOTO_MAX_DIMENSION): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export async function preparePhoto(file: Blob): Promise<PreparedPhoto | PhotoRefusal> {
  if (file.size > PHOTO_SOURCE_MAX_BYTES) return { ok: false, reason: 'too_large', max: PHOTO_SOURCE_MAX_BYTES };
  // What the bytes are, not what the name or the picker says (a text file named photo.jpg).
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  if (!sniffImageType(head)) return { ok: false, reason: 'not_image' };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return { ok: false, reason: 'not_image' };
  }
  const sourceWidth = bitmap.width;
  const sourceHeight = bitmap.height;
  const { width, height } = fitWithin(sourceWidth, sourceHeight);
  try {
    const blob = await encode(bitmap, width, height);
    if (!blob) return { ok: false, reason: 'failed' };
    if (blob.size > MEDIA_MAX_BYTES) return { ok: false, reason: 'too_large', max: MEDIA_MAX_BYTES };
    return { ok: true, blob, width, height, sourceWidth, sourceHeight };
  } catch {
    return { ok: false, reason: 'failed' };
  } finally {
    bitmap.close();
  }
}

/** Draws the bitmap at the new size on white and encodes a JPEG (off the main thread where the browser can). */
async function encode(bitmap: ImageBitmap, width: number, height: number): Promise<Blob | null> {
  if (typeof OffscreenCanvas === 'function') {
    const canvas = new OffscreenCanvas(width, height);
    const g = canvas.getContext('2d');
    if (!g) return null;
    draw(g, bitmap, width, height);
    return canvas.convertToBlob({ type: 'image/jpeg', quality: PHOTO_JPEG_QUALITY });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d');
  if (!g) return null;
  draw(g, bitmap, width, height);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', PHOTO_JPEG_QUALITY));
}

function draw(g: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, bitmap: ImageBitmap, width: number, height: number): void {
  g.fillStyle = '#fff';
  g.fillRect(0, 0, width, height);
  g.imageSmoothingEnabled = true;
  g.imageSmoothingQuality = 'high';
  g.drawImage(bitmap, 0, 0, width, height);
}
