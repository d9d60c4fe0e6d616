/** Twilio's webhooks POST application/x-www-form-urlencoded bodies: read one, bounded. */
import type { IncomingMessage } from 'node:http';
import { HttpError } from '../embedded/http';

/** Twilio's webhook bodies are a few kilobytes; anything past this is not Twilio. */
export const FORM_BODY_MAX_BYTES = 64 * 1024;

/** The fields of a form body (a repeated name keeps its last value, as Twilio never repeats one). */
export function readFormBody(req: IncomingMessage): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') {
      req.resume();
      reject(new HttpError(415, 'unsupported_media_type', 'Twilio webhooks are application/x-www-form-urlencoded'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > FORM_BODY_MAX_BYTES) {
        failed = true;
        reject(new HttpError(413, 'too_large', `The body is over ${FORM_BODY_MAX_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (failed) return;
      resolve(Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    });
    req.on('error', (error) => {
      if (!failed) reject(error);
      failed = true;
    });
  });
}
