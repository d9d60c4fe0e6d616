/**
 * What the server reads of an uploaded image, and what it removes before storing it. The widget
 * re-encodes photos in the browser (no EXIF survives a canvas), but the server cannot trust that
 * every client did (a site's own UI, a script, an old widget), so it strips what can locate or
 * identify a person from the formats it accepts:
 * - JPEG: APP1 (EXIF, XMP: GPS, camera serial, time), APP3..APP13 (IPTC in APP13: names,
 *   places), APP15 and COM segments; APP0 (JFIF), APP2 (ICC colour profile) and APP14 (Adobe
 *   colour transform) stay, since without them colours or decoding change.
 * - PNG: eXIf, tEXt, iTXt, zTXt and tIME chunks.
 * - WebP: EXIF and XMP chunks (and their flags in VP8X).
 * - GIF: stored as is (no EXIF; comments are not read by anyone we serve).
 * A file whose structure does not parse is refused: it is not the image it claims to be.
 */
import { sniffImageType, type ImageType } from '../../protocol/media';

export interface InspectedImage {
  type: ImageType;
  width: number;
  height: number;
  /** The bytes to store: metadata removed. */
  bytes: Buffer;
}

/** The image with its metadata removed, or null when the bytes are not a well-formed image of an accepted type. */
export function inspectImage(input: Buffer): InspectedImage | null {
  const type = sniffImageType(input);
  try {
    if (type === 'image/jpeg') return jpeg(input);
    if (type === 'image/png') return png(input);
    if (type === 'image/webp') return webp(input);
    if (type === 'image/gif') return gif(input);
  } catch {
    return null;
  }
  return null;
}

const dims = (width: number, height: number) => width > 0 && height > 0;

function jpeg(b: Buffer): InspectedImage | null {
  const out: Buffer[] = [b.subarray(0, 2)];
  let i = 2;
  let width = 0;
  let height = 0;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    // Start of scan: the rest is entropy-coded data up to EOI; copied whole.
    if (marker === 0xda) {
      out.push(b.subarray(i));
      return dims(width, height) ? { type: 'image/jpeg', width, height, bytes: Buffer.concat(out) } : null;
    }
    // Standalone markers (RSTn, TEM) carry no length.
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      out.push(b.subarray(i, i + 2));
      i += 2;
      continue;
    }
    const length = b.readUInt16BE(i + 2);
    if (length < 2 || i + 2 + length > b.length) return null;
    const segment = b.subarray(i, i + 2 + length);
    // SOF0..SOF15 except DHT (C4), JPG (C8), DAC (CC): height then width.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      height = b.readUInt16BE(i + 5);
      width = b.readUInt16BE(i + 7);
    }
    const dropped = marker === 0xfe || (marker >= 0xe1 && marker <= 0xef && marker !== 0xe2 && marker !== 0xee);
    if (!dropped) out.push(segment);
    i += 2 + length;
  }
  return null;
}

const PNG_DROPPED = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME']);

function png(b: Buffer): InspectedImage | null {
  const out: Buffer[] = [b.subarray(0, 8)];
  let i = 8;
  let width = 0;
  let height = 0;
  while (i + 12 <= b.length) {
    const length = b.readUInt32BE(i);
    const type = b.toString('latin1', i + 4, i + 8);
    const end = i + 12 + length;
    if (end > b.length) return null;
    if (type === 'IHDR') {
      width = b.readUInt32BE(i + 8);
      height = b.readUInt32BE(i + 12);
    }
    if (!PNG_DROPPED.has(type)) out.push(b.subarray(i, end));
    i = end;
    if (type === 'IEND') return dims(width, height) ? { type: 'image/png', width, height, bytes: Buffer.concat(out) } : null;
  }
  return null;
}

function webp(b: Buffer): InspectedImage | null {
  const chunks: Buffer[] = [];
  let i = 12;
  let width = 0;
  let height = 0;
  let vp8x: Buffer | null = null;
  while (i + 8 <= b.length) {
    const type = b.toString('latin1', i, i + 4);
    const size = b.readUInt32LE(i + 4);
    const end = i + 8 + size + (size & 1);
    if (i + 8 + size > b.length) return null;
    const chunk = Buffer.from(b.subarray(i, Math.min(end, b.length)));
    if (type === 'VP8X' && size >= 10) {
      vp8x = chunk;
      width = 1 + chunk.readUIntLE(12, 3);
      height = 1 + chunk.readUIntLE(15, 3);
    } else if (type === 'VP8 ' && size >= 10 && !width) {
      width = chunk.readUInt16LE(8 + 6) & 0x3fff;
      height = chunk.readUInt16LE(8 + 8) & 0x3fff;
    } else if (type === 'VP8L' && size >= 5 && !width) {
      const bits = chunk.readUInt32LE(8 + 1);
      width = (bits & 0x3fff) + 1;
      height = ((bits >> 14) & 0x3fff) + 1;
    }
    if (type !== 'EXIF' && type !== 'XMP ') chunks.push(chunk);
    i = end;
  }
  // VP8X flags: bit 3 EXIF, bit 2 XMP; they must not announce chunks that are gone.
  if (vp8x) vp8x[8] = vp8x[8]! & ~0x0c;
  if (!dims(width, height)) return null;
  const body = Buffer.concat(chunks);
  const header = Buffer.from('RIFF0000WEBP', 'latin1');
  header.writeUInt32LE(4 + body.length, 4);
  return { type: 'image/webp', width, height, bytes: Buffer.concat([header, body]) };
}

function gif(b: Buffer): InspectedImage | null {
  if (b.length < 10) return null;
  const width = b.readUInt16LE(6);
  const height = b.readUInt16LE(8);
  return dims(width, height) ? { type: 'image/gif', width, height, bytes: b } : null;
}
