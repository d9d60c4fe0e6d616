/**
 * Reading a code from the camera (issue 19): the browser's BarcodeDetector where it has one
 * (Chrome on Android, ChromeOS and macOS: QR codes and the 1D barcodes of products, EAN-13, UPC…),
 * else jsQR (QR codes only), a chunk of its own imported only on the first frame that needs it.
 * Checked by feature, never by user agent. Both read a downscaled copy of the frame (at most
 * 640 px wide): enough for a code that fills a fair part of the picture, and cheap on a phone.
 */
import { CODE_FORMATS, CODE_VALUE_MAX_CHARS, type CodeFormat, type ScannedCode } from '../../../protocol/scan';

interface DetectedBarcode {
  format: string;
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorClass = (new (options?: { formats?: string[] }) => BarcodeDetectorLike) & { getSupportedFormats?(): Promise<string[]> };

/** The widest frame read, in pixels. */
export const SCAN_MAX_WIDTH = 640;

export type Reader = (video: HTMLVideoElement) => Promise<ScannedCode | null>;

const known = (format: string): format is CodeFormat => (CODE_FORMATS as readonly string[]).includes(format);
const usable = (value: string) => value.length > 0 && value.length <= CODE_VALUE_MAX_CHARS;

/** The reader this browser offers: BarcodeDetector with the formats it supports, else jsQR. */
export async function createReader(): Promise<Reader> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  const supported = Detector ? await Detector.getSupportedFormats?.().catch(() => []) : [];
  const formats = (supported ?? []).filter(known);
  if (Detector && formats.length) {
    const detector = new Detector({ formats });
    return async (video) => {
      const found = (await detector.detect(video)).find((b) => known(b.format) && usable(b.rawValue));
      return found ? { format: found.format as CodeFormat, value: found.rawValue } : null;
    };
  }
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  return async (video) => {
    const w = video.videoWidth;
    const h = video.videoHeight;
    if (!ctx || !w || !h) return null;
    const scale = Math.min(1, SCAN_MAX_WIDTH / w);
    canvas.width = Math.round(w * scale);
    canvas.height = Math.round(h * scale);
    ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
    const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const found = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
    return found && usable(found.data) ? { format: 'qr_code', value: found.data } : null;
  };
}
