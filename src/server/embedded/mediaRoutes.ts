/**
 * The photo routes (issue 16; paths in src/protocol/media.ts):
 * - POST /api/visitor/media?clientId=  a visitor's photo (Bearer credential), into their open
 *   conversation or a new one, committed like a `send` (same clientId: stored once);
 * - POST /api/agent/media?conversationId=&clientId=  an agent's photo into a conversation it claimed;
 * - GET /api/visitor/media/<id>, /api/agent/media/<id>  the bytes, to that conversation's visitor
 *   (any of their devices' credentials) and to signed-in agents only.
 *
 * What is stored is checked by its bytes (magic numbers and structure, ./imageBytes.ts), never by
 * its name or declared type, with its metadata (EXIF, GPS) removed. It is served with the type
 * the server found, `X-Content-Type-Options: nosniff`, a CSP that forbids everything and
 * `Content-Disposition` naming an image file, so no browser ever renders it as HTML or script.
 */
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLIENT_ID_PATTERN, MEDIA_MAX_BYTES, MEDIA_TYPES, type ChatMessage } from '../../protocol/chat';
import { IMAGE_EXTENSION, MEDIA_ID_PATTERN, type ImageType, type MediaAck } from '../../protocol/media';
import type { AgentAuth } from './agentAuth';
import type { Desk } from './desk';
import type { ClientAddressOf } from './clientAddress';
import { HttpError, readBoundedBody, sendJson } from './http';
import { inspectImage } from './imageBytes';
import { MEDIA_CACHE_SECONDS, MEDIA_DOWNLOADS_PER_WINDOW, MEDIA_UPLOADS_PER_WINDOW, MEDIA_UPLOAD_WINDOW_MS } from './limits';
import { QuotaExceeded, type MediaStore } from './mediaStore';
import { AttemptLimiter } from './rateLimits';
import { newId } from './secrets';
import { isStorageUnavailable } from './storageFailures';
import { commitVisitorMessage, deliverVisitorMessage } from './visitorSocket';

export interface MediaRoutes {
  visitorUpload(req: IncomingMessage, res: ServerResponse): Promise<void>;
  visitorFile(req: IncomingMessage, res: ServerResponse): void;
  agentUpload(req: IncomingMessage, res: ServerResponse): Promise<void>;
  agentFile(req: IncomingMessage, res: ServerResponse): void;
}

/** The visitor's credential from `Authorization: Bearer …` (the widget never puts it in a URL). */
export function bearerCredential(req: IncomingMessage): string | null {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(header);
  return match ? match[1]! : null;
}

export function createMediaRoutes(deps: { desk: Desk; auth: AgentAuth; media: MediaStore; addressOf: ClientAddressOf }): MediaRoutes {
  const { desk, auth, media, addressOf } = deps;
  const uploads = new AttemptLimiter(MEDIA_UPLOADS_PER_WINDOW, MEDIA_UPLOAD_WINDOW_MS, 10_000);
  const downloads = new AttemptLimiter(MEDIA_DOWNLOADS_PER_WINDOW, MEDIA_UPLOAD_WINDOW_MS, 10_000);

  /** Per sender and per address: a visitor making new credentials still shares their address. */
  const limit = (limiter: AttemptLimiter, keys: string[], what: string) => {
    const now = Date.now();
    const wait = Math.max(...keys.map((k) => limiter.retryAfterMs(k, now)));
    if (wait > 0) {
      const seconds = Math.max(1, Math.ceil(wait / 1000));
      throw new HttpError(429, 'rate_limited', `Too many ${what}; try again in ${seconds} s`, { 'Retry-After': String(seconds) });
    }
    for (const k of keys) limiter.record(k, now);
  };

  const visitorOf = (req: IncomingMessage): string => {
    const credential = bearerCredential(req);
    const visitor = credential ? desk.store.visitorByCredential(credential) : null;
    if (!visitor) throw new HttpError(401, 'unauthorized', 'Unknown visitor (Authorization: Bearer <credential>)');
    return visitor.id;
  };

  const query = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://baton.invalid').searchParams;

  /** The upload's bytes, checked and stripped: 415 for anything that is not an image of an accepted type. */
  const readImage = async (req: IncomingMessage) => {
    const declared = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const accepted = `Only photos can be sent (${MEDIA_TYPES.join(', ')})`;
    if (!MEDIA_TYPES.includes(declared)) throw new HttpError(415, 'unsupported_media_type', accepted);
    const body = await readBoundedBody(req, declared, MEDIA_MAX_BYTES, accepted);
    const image = inspectImage(body);
    if (!image) throw new HttpError(415, 'unsupported_media_type', `This file is not a photo: its bytes are not a ${MEDIA_TYPES.join(', ')} image`);
    return image;
  };

  /** A commit that failed: the file goes unless something else names it; storage trouble is 503 (try again). */
  const failed = (sha256: string, error: unknown): never => {
    media.release(sha256);
    if (error instanceof QuotaExceeded) throw new HttpError(413, 'too_large', error.message);
    if (isStorageUnavailable(error)) throw new HttpError(503, 'unavailable', 'The server could not store this now: send it again later', { 'Retry-After': '2' });
    throw error;
  };

  const answer = (res: ServerResponse, clientId: string, message: ChatMessage) => {
    const body: MediaAck = { clientId, message };
    sendJson(res, 200, body);
  };

  const serve = (req: IncomingMessage, res: ServerResponse, allowed: (conversationId: string) => boolean) => {
    const id = decodeURIComponent(new URL(req.url ?? '/', 'http://baton.invalid').pathname.split('/').pop() ?? '');
    const file = MEDIA_ID_PATTERN.test(id) ? media.file(id) : null;
    // The same answer for "not yours" and "does not exist".
    if (!file || !allowed(file.conversationId)) throw new HttpError(404, 'not_found', 'No such photo');
    const type = file.contentType as ImageType;
    res.statusCode = 200;
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Length', file.size);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Content-Disposition', `inline; filename="photo-${file.id}.${IMAGE_EXTENSION[type] ?? 'img'}"`);
    res.setHeader('Cache-Control', `private, max-age=${MEDIA_CACHE_SECONDS}, immutable`);
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (req.method === 'HEAD') return void res.end();
    const stream = createReadStream(file.path);
    stream.on('error', (error) => {
      console.error('[baton] a photo file could not be read:', error);
      res.destroy();
    });
    stream.pipe(res);
  };

  return {
    async visitorUpload(req, res) {
      const visitorId = visitorOf(req);
      limit(uploads, [`v:${visitorId}`, `a:${addressOf(req)}`], 'photos');
      const clientId = query(req).get('clientId') ?? '';
      if (!CLIENT_ID_PATTERN.test(clientId)) throw new HttpError(400, 'bad_request', 'clientId must be 8..64 characters of A-Z, a-z, 0-9, _ and -');
      const image = await readImage(req);
      const now = Date.now();
      const written = media.write(image, now);
      const messageId = newId('m');
      let result;
      try {
        result = commitVisitorMessage(desk, visitorId, { clientId, text: '', media: [written.media], id: messageId }, now, (conversationId) => {
          media.checkQuota(conversationId, written.media.size);
          media.attach(written, conversationId, messageId);
        });
      } catch (error) {
        failed(written.sha256, error);
      }
      if (result!.kind === 'duplicate') {
        media.release(written.sha256);
        const { duplicate } = result!;
        if (duplicate.sender !== 'visitor') throw new HttpError(409, 'bad_request', 'clientId is already used by another message');
        return answer(res, clientId, duplicate);
      }
      answer(res, clientId, result!.message);
      deliverVisitorMessage(desk, visitorId, result!);
    },

    visitorFile(req, res) {
      const visitorId = visitorOf(req);
      limit(downloads, [`v:${visitorId}`], 'photo downloads');
      serve(req, res, (conversationId) => desk.store.conversation(conversationId)?.visitorId === visitorId);
    },

    async agentUpload(req, res) {
      const session = auth.sessionOf(req);
      if (!session) throw new HttpError(401, 'unauthorized', 'Not logged in');
      const agent = session.agent;
      limit(uploads, [`g:${agent.id}`], 'photos');
      const q = query(req);
      const clientId = q.get('clientId') ?? '';
      if (!CLIENT_ID_PATTERN.test(clientId)) throw new HttpError(400, 'bad_request', 'clientId must be 8..64 characters of A-Z, a-z, 0-9, _ and -');
      const conversation = desk.store.conversation(q.get('conversationId') ?? '');
      if (!conversation) throw new HttpError(404, 'not_found', 'No such conversation');
      if (conversation.agentId !== agent.id || conversation.status !== 'active') {
        throw new HttpError(403, 'forbidden', 'You can only send photos in open conversations you claimed');
      }
      const image = await readImage(req);
      const now = Date.now();
      const written = media.write(image, now);
      const { store, hub } = desk;
      let result: { kind: 'duplicate'; message: ChatMessage } | { kind: 'stored'; message: ChatMessage } | undefined;
      try {
        result = store.transaction(() => {
          const existing = store.messageByClientId(conversation.id, clientId);
          if (existing) return { kind: 'duplicate' as const, message: existing };
          media.checkQuota(conversation.id, written.media.size);
          const messageId = newId('m');
          media.attach(written, conversation.id, messageId);
          const message = store.appendMessage({ conversationId: conversation.id, clientId, sender: 'agent', text: '', agentId: agent.id, now, media: [written.media], id: messageId });
          return { kind: 'stored' as const, message };
        });
      } catch (error) {
        failed(written.sha256, error);
      }
      const { message } = result!;
      if (result!.kind === 'duplicate') {
        media.release(written.sha256);
        if (message.sender !== 'agent' || message.agent?.id !== agent.id) throw new HttpError(409, 'bad_request', 'clientId is already used by another message');
        return answer(res, clientId, message);
      }
      answer(res, clientId, message);
      hub.toAgent(agent.id, { type: 'message', message }); // every console tab of this agent
      hub.toWatchers(conversation.id, null, { type: 'message', message });
      hub.toVisitor(conversation.visitorId, { type: 'message', message });
    },

    agentFile(req, res) {
      const session = auth.sessionOf(req);
      if (!session) throw new HttpError(401, 'unauthorized', 'Not logged in');
      // Every signed-in agent may read every conversation (the queue, open views): so its photos too.
      serve(req, res, () => true);
    },
  };
}
