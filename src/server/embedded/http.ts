/**
 * Small HTTP helpers: JSON answers with safe headers, bounded bodies, cookies.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { HTTP_BODY_MAX_BYTES, type HttpErrorBody, type HttpErrorCode } from '../../protocol/chat';
import type { CallbackRefusal } from '../../protocol/callbacks';
import { JSON_MAX_DEPTH, nestsDeeperThan } from '../../protocol/jsonDepth';
import type { HandoffRefusal } from '../../protocol/handoff';

/** The codes of `{ error: { code } }`: the chat's, and the handoff routes' own (only the widget's handoff code reads those). */
export type ErrorCode = HttpErrorCode | HandoffRefusal | CallbackRefusal;

/** A refused body is read (and discarded) up to this, so the client gets our answer; beyond, the connection is cut. */
const DRAIN_MAX_BYTES = 1024 * 1024;

/** An HTTP refusal thrown by a route; the router turns it into `{ error: { code, message } }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Headers every answer of the embedded server carries. */
function baseHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'same-origin');
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  const data = Buffer.from(JSON.stringify(body), 'utf8');
  res.statusCode = status;
  baseHeaders(res);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', data.length);
  res.end(res.req?.method === 'HEAD' ? undefined : data);
}

export function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}): void {
  const body: Omit<HttpErrorBody, 'error'> & { error: { code: ErrorCode; message: string } } = { error: { code, message } };
  sendJson(res, status, body, headers);
}

/** A text answer (CSV, plain text) with the same safe headers as JSON. */
export function sendText(res: ServerResponse, status: number, body: string, contentType: string, headers: Record<string, string> = {}): void {
  const data = Buffer.from(body, 'utf8');
  res.statusCode = status;
  baseHeaders(res);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', data.length);
  res.end(res.req?.method === 'HEAD' ? undefined : data);
}

export function sendHtml(res: ServerResponse, html: string, headers: Record<string, string>): void {
  sendText(res, 200, html, 'text/html; charset=utf-8', headers);
}

/**
 * Reads a JSON body of at most HTTP_BODY_MAX_BYTES. Refuses other content types (415: also keeps
 * plain HTML forms from posting here), oversized bodies (413) and malformed JSON (400).
 */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const body = await readBoundedBody(req, 'application/json', HTTP_BODY_MAX_BYTES, 'The body must be JSON (Content-Type: application/json)');
  const text = body.toString('utf8');
  if (nestsDeeperThan(text)) throw new HttpError(400, 'bad_json', `The body nests deeper than ${JSON_MAX_DEPTH} levels`);
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'bad_json', 'The body is not valid JSON');
  }
}

/**
 * Reads a body of one content type, of at most maxBytes. Refuses another content type (415, with
 * wrongTypeMessage) and a larger body (413), reading the refused body away so the client gets the answer.
 */
export function readBoundedBody(req: IncomingMessage, contentType: string, maxBytes: number, wrongTypeMessage: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== contentType) {
      drain(req);
      reject(new HttpError(415, 'unsupported_media_type', wrongTypeMessage));
      return;
    }
    const tooLarge = () => new HttpError(413, 'too_large', `The body is over ${maxBytes} bytes`);
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > maxBytes) {
      drain(req);
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (failed) {
        if (size > DRAIN_MAX_BYTES) req.destroy();
        return;
      }
      if (size > maxBytes) {
        failed = true;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (error) => {
      if (!failed) reject(error);
      failed = true;
    });
  });
}

/** Discards a body we refuse, so the client can read our answer instead of seeing a reset. */
function drain(req: IncomingMessage): void {
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > DRAIN_MAX_BYTES) req.destroy();
  });
  req.on('error', () => {});
  req.resume();
}

export function readCookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

/** True over TLS, or behind a proxy that says the client used https (it only adds `Secure` to cookies). */
export function cameOverHttps(req: IncomingMessage): boolean {
  if ((req.socket as TLSSocket).encrypted) return true;
  const forwarded = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  return first === 'https';
}

/** The path of a request target, or null when it cannot be parsed. */
export function pathOf(req: IncomingMessage): string | null {
  try {
    return new URL(req.url ?? '/', 'http://baton.invalid').pathname;
  } catch {
    return null;
  }
}
