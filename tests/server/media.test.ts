// Photos on the embedded server (issue 16) over real HTTP and SQLite: what is stored is checked by
// its bytes and stripped of EXIF, files are content-addressed beside the database, served only to
// the conversation's visitor and to agents with nosniff, within a quota, and deleted with the
// conversation.
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_AGENT_MEDIA_PATH, HTTP_VISITOR_MEDIA_PATH } from '../../src/protocol/media';
import { inspectImage } from '../../src/server/embedded/imageBytes';
import { migrate } from '../../src/server/embedded/migrations';
import { MediaStore, QuotaExceeded } from '../../src/server/embedded/mediaStore';
import { GPS_MARKER_TEXT, containsBytes, jpegSegments, tinyJpeg, withGpsExif } from '../fixtures/exifJpeg';
import { agent, count, login, newClientId, readDb, request, startServer, visitor, type TestServer } from './helpers';

let ts: TestServer;
let cookie: string;

beforeAll(async () => {
  ts = await startServer();
  await ts.server.createAgent({ email: 'sam@desk.test', name: 'Sam', password: 'correct horse battery staple' });
  cookie = await login(ts, 'sam@desk.test');
});
afterAll(() => ts.close());

const upload = (credential: string | null, body: Uint8Array | string, opts: { clientId?: string; type?: string; origin?: string } = {}) =>
  request(`${ts.url}${HTTP_VISITOR_MEDIA_PATH}?clientId=${opts.clientId ?? newClientId()}`, {
    method: 'POST',
    headers: {
      'Content-Type': opts.type ?? 'image/jpeg',
      Origin: opts.origin ?? ts.origin,
      ...(credential ? { Authorization: `Bearer ${credential}` } : {}),
    },
    body: typeof body === 'string' ? body : Buffer.from(body),
  });

const storedFiles = (): string[] => {
  const dir = `${ts.dbPath}-media`;
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((sub) => readdirSync(join(dir, sub)).map((f) => join(dir, sub, f)));
};

describe('photos on the embedded server', () => {
  it('stores a visitor photo without its EXIF GPS, delivers it to the agent, serves it to both and nobody else', async () => {
    const { client, welcome } = await visitor(ts);
    const credential = welcome.credential as string;
    await client.request({ type: 'send', clientId: newClientId(), text: 'Here is the damage' }, 'ack');
    const conversationId = (await client.next('status')).conversationId as string;
    const desk = await agent(ts, cookie);
    await desk.client.request({ type: 'claim', conversationId }, 'conversation');

    const jpeg = withGpsExif(tinyJpeg());
    expect(containsBytes(jpeg, GPS_MARKER_TEXT)).toBe(true);
    const clientId = newClientId();
    const res = await upload(credential, jpeg, { clientId });
    expect(res.status).toBe(200);
    const message = res.json.message;
    expect(res.json.clientId).toBe(clientId);
    expect(message).toMatchObject({ conversationId, sender: 'visitor', clientId, text: '' });
    expect(message.media).toEqual([{ id: expect.stringMatching(/^f_/), contentType: 'image/jpeg', filename: null, size: tinyJpeg().length, width: 1, height: 1 }]);

    // The agent watching the conversation gets it live; the visitor's socket too (other tabs).
    const live = await desk.client.next((f) => f.type === 'message' && f.message.clientId === clientId);
    expect(live.message.media[0].id).toBe(message.media[0].id);
    expect((await client.next('message')).message.id).toBe(message.id);

    // On disk: one file, named by its SHA-256, with no APP1 segment and no trace of the GPS block.
    const files = storedFiles();
    expect(files).toHaveLength(1);
    const stored = new Uint8Array(readFileSync(files[0]!));
    expect(jpegSegments(stored)).not.toContain(0xe1);
    expect(containsBytes(stored, GPS_MARKER_TEXT)).toBe(false);
    expect(containsBytes(stored, 'Exif')).toBe(false);

    // Served to the visitor (Bearer) and the agent (cookie), as an image, never sniffed.
    const mine = await request(`${ts.url}${HTTP_VISITOR_MEDIA_PATH}/${message.media[0].id}`, { headers: { Authorization: `Bearer ${credential}`, Origin: ts.origin } });
    expect(mine.status).toBe(200);
    expect(mine.headers['content-type']).toBe('image/jpeg');
    expect(mine.headers['x-content-type-options']).toBe('nosniff');
    expect(mine.headers['content-security-policy']).toContain('sandbox');
    expect(mine.headers['access-control-allow-origin']).toBe(ts.origin);
    const agents = await request(`${ts.url}${HTTP_AGENT_MEDIA_PATH}/${message.media[0].id}`, { headers: { Cookie: cookie } });
    expect(agents.status).toBe(200);
    expect(agents.headers['content-type']).toBe('image/jpeg');

    // Not to another visitor, not without credentials, not to a stranger's cookie.
    const other = await visitor(ts);
    const theirs = await request(`${ts.url}${HTTP_VISITOR_MEDIA_PATH}/${message.media[0].id}`, { headers: { Authorization: `Bearer ${other.welcome.credential}` } });
    expect(theirs.status).toBe(404);
    expect((await request(`${ts.url}${HTTP_VISITOR_MEDIA_PATH}/${message.media[0].id}`)).status).toBe(401);
    expect((await request(`${ts.url}${HTTP_AGENT_MEDIA_PATH}/${message.media[0].id}`, { headers: { Cookie: 'baton_agent=forged' } })).status).toBe(401);

    // A resend of the same clientId (the answer was lost) is the same message, stored once.
    const again = await upload(credential, jpeg, { clientId });
    expect(again.status).toBe(200);
    expect(again.json.message.id).toBe(message.id);
    expect(count(ts.dbPath, 'media', 'conversation_id = ?', conversationId)).toBe(1);
    expect(storedFiles()).toHaveLength(1);

    // The agent sends a photo back; the visitor gets it.
    const agentClientId = newClientId();
    const sent = await request(`${ts.url}${HTTP_AGENT_MEDIA_PATH}?conversationId=${conversationId}&clientId=${agentClientId}`, {
      method: 'POST',
      headers: { 'Content-Type': 'image/jpeg', Origin: ts.origin, Cookie: cookie },
      body: Buffer.from(tinyJpeg()),
    });
    expect(sent.status).toBe(200);
    expect(sent.json.message).toMatchObject({ sender: 'agent', agent: { name: 'Sam' } });
    const back = await client.next((f) => f.type === 'message' && f.message.clientId === agentClientId);
    expect(back.message.media[0].contentType).toBe('image/jpeg');
    // Same bytes as the visitor's after stripping: one file for both.
    expect(storedFiles()).toHaveLength(1);
    client.close();
    other.client.close();
    desk.client.close();
  });

  it('refuses a non-image with an image name or type, clearly, and stores nothing', async () => {
    const { client, welcome } = await visitor(ts);
    const credential = welcome.credential as string;
    const before = storedFiles().length;
    const html = await upload(credential, '<html><script>alert(1)</script></html>', { type: 'image/jpeg' });
    expect(html.status).toBe(415);
    expect(html.json.error.message).toMatch(/not a photo/);
    const svg = await upload(credential, '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', { type: 'image/svg+xml' });
    expect(svg.status).toBe(415);
    // JPEG magic with a broken structure is not a JPEG either.
    const truncated = await upload(credential, tinyJpeg().subarray(0, 30));
    expect(truncated.status).toBe(415);
    expect(storedFiles()).toHaveLength(before);
    expect(readDb(ts.dbPath, (db) => (db.prepare("SELECT COUNT(*) AS n FROM messages WHERE media_json IS NOT NULL AND conversation_id IN (SELECT id FROM conversations WHERE visitor_id = ?)").get(welcome.visitorId) as { n: number }).n)).toBe(0);

    // Unknown credential, a foreign origin, a bad clientId, an agent writing where it did not claim.
    expect((await upload('x'.repeat(43), tinyJpeg())).status).toBe(401);
    expect((await upload(credential, tinyJpeg(), { origin: 'https://evil.test' })).status).toBe(403);
    expect((await upload(credential, tinyJpeg(), { clientId: 'no' })).status).toBe(400);
    const stranger = await request(`${ts.url}${HTTP_AGENT_MEDIA_PATH}?conversationId=c_nothing&clientId=${newClientId()}`, {
      method: 'POST',
      headers: { 'Content-Type': 'image/jpeg', Origin: ts.origin, Cookie: cookie },
      body: Buffer.from(tinyJpeg()),
    });
    expect(stranger.status).toBe(404);
    client.close();
  });

  it('answers a cross-origin preflight that carries the credential header', async () => {
    const res = await request(`${ts.url}${HTTP_VISITOR_MEDIA_PATH}`, {
      method: 'OPTIONS',
      headers: { Origin: ts.origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-headers']).toMatch(/Authorization/);
  });
});

describe('MediaStore', () => {
  const setup = () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-media-test-'));
    const db = new Database(join(dir, 'db.sqlite'));
    db.pragma('foreign_keys = ON');
    migrate(db);
    db.prepare("INSERT INTO visitors (id, credential_hash, created_at, last_seen_at) VALUES ('v_1', 'h', 0, 0)").run();
    for (const id of ['c_a', 'c_b']) db.prepare("INSERT INTO conversations (id, visitor_id, status, created_at, waiting_since) VALUES (?, 'v_1', 'waiting', 0, 0)").run(id);
    const store = new MediaStore(db, join(dir, 'media'), { maxBytes: 1000, maxFiles: 2 });
    return { dir, db, store, close: () => (db.close(), rmSync(dir, { recursive: true, force: true })) };
  };

  it('keeps a file while any conversation names it, and deletes it with the last one', () => {
    const { db, store, close } = setup();
    const image = inspectImage(Buffer.from(tinyJpeg()))!;
    const a = store.write(image, 1);
    store.attach(a, 'c_a', 'm_1');
    const b = store.write(image, 2);
    store.attach(b, 'c_b', 'm_2');
    expect(a.sha256).toBe(b.sha256);
    const path = store.file(a.media.id)!.path;
    expect(existsSync(path)).toBe(true);
    db.prepare("DELETE FROM conversations WHERE id = 'c_a'").run();
    expect(store.sweepOrphans()).toBe(1);
    expect(existsSync(path)).toBe(true); // c_b still has it
    expect(store.file(a.media.id)).toBeNull();
    db.prepare("DELETE FROM conversations WHERE id = 'c_b'").run();
    expect(store.sweepOrphans()).toBe(1);
    expect(existsSync(path)).toBe(false);
    close();
  });

  it('refuses past the quota of a conversation, in files and in bytes', () => {
    const { store, close } = setup();
    const image = inspectImage(Buffer.from(tinyJpeg()))!;
    const w = store.write(image, 1);
    store.attach(w, 'c_a', 'm_1');
    store.attach({ ...w, media: { ...w.media, id: 'f_2' } }, 'c_a', 'm_2');
    expect(() => store.checkQuota('c_a', 10)).toThrow(QuotaExceeded);
    expect(() => store.checkQuota('c_b', 1001)).toThrow(/limit/);
    expect(() => store.checkQuota('c_b', 10)).not.toThrow();
    close();
  });
});
