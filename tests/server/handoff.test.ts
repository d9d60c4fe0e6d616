// "Continue on your phone" on the embedded server (issue 16), over real HTTP, WebSockets and
// SQLite: a link is signed by the server and carries no credential, works once, expires after
// 10 minutes; the phone gets its own credential for the same conversation; the agent and the
// desktop see the switch; requests are rate limited.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDOFF_TTL_MS, HTTP_HANDOFF_PATH, HTTP_HANDOFF_REDEEM_PATH, HTTP_HANDOFF_STATE_PATH } from '../../src/protocol/handoff';
import { deviceLabel } from '../../src/server/embedded/deviceLabel';
import { HANDOFF_REDEEMS_PER_ADDRESS } from '../../src/server/embedded/handoffRoutes';
import { createHandoffs } from '../../src/server/embedded/handoffs';
import { migrate } from '../../src/server/embedded/migrations';
import { agent, login, makeContext, newClientId, postJson, visitor, type TestServer, startServer } from './helpers';

const MAC_CHROME = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const IPHONE_SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

let ts: TestServer;
let cookie: string;

beforeAll(async () => {
  ts = await startServer();
  await ts.server.createAgent({ email: 'sam@desk.test', name: 'Sam', password: 'correct horse battery staple' });
  cookie = await login(ts, 'sam@desk.test');
});
afterAll(() => ts.close());

describe('handoff links', () => {
  it('moves a conversation to the phone once; the agent and the desktop see the switch', async () => {
    const { client: desktop, welcome } = await visitor(ts, { context: makeContext(null, '/product/stormline') });
    const credential = welcome.credential as string;
    await desktop.request({ type: 'send', clientId: newClientId(), text: 'Can I send you a photo from my phone?' }, 'ack');
    const conversationId = (await desktop.next('status')).conversationId as string;
    const desk = await agent(ts, cookie);
    await desk.client.request({ type: 'claim', conversationId }, 'conversation');

    const issued = await postJson(ts, HTTP_HANDOFF_PATH, { credential }, { 'User-Agent': MAC_CHROME });
    expect(issued.status).toBe(200);
    const { id, token, expiresAt } = issued.json as { id: string; token: string; expiresAt: number };
    expect(issued.json.credential).toBeUndefined(); // a known visitor gets no new one here
    expect(expiresAt - Date.now()).toBeGreaterThan(HANDOFF_TTL_MS - 60_000);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(HANDOFF_TTL_MS);
    // The token is the id and a signature: nothing of the credential, nothing stored as is.
    expect(token).toMatch(new RegExp(`^${id}\\.[A-Za-z0-9_-]{43}$`));
    expect(token).not.toContain(credential);

    // Before the phone: the desktop's QR view asks and hears "waiting".
    expect((await postJson(ts, HTTP_HANDOFF_STATE_PATH, { credential, id })).json).toEqual({ state: 'waiting' });

    // A forged signature is refused without telling whether the id exists.
    const forged = await postJson(ts, HTTP_HANDOFF_REDEEM_PATH, { token: `${id}.${'A'.repeat(43)}` }, { 'User-Agent': IPHONE_SAFARI });
    expect(forged.status).toBe(400);
    expect(forged.json.error.code).toBe('handoff_invalid');

    const phone = await postJson(ts, HTTP_HANDOFF_REDEEM_PATH, { token }, { 'User-Agent': IPHONE_SAFARI });
    expect(phone.status).toBe(200);
    expect(phone.json).toMatchObject({ conversationId, from: 'Mac Chrome' });
    const phoneCredential = phone.json.credential as string;
    expect(phoneCredential).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(phoneCredential).not.toBe(credential);

    // The agent and the desktop see the switch in the thread, at once.
    const switched = (f: { type: string; message?: { sender: string; text: string } }) => f.type === 'message' && f.message?.sender === 'system';
    expect((await desk.client.next(switched)).message.text).toBe('Continued on iPhone Safari (from Mac Chrome)');
    expect((await desktop.next(switched)).message.text).toBe('Continued on iPhone Safari (from Mac Chrome)');
    expect((await postJson(ts, HTTP_HANDOFF_STATE_PATH, { credential, id })).json).toEqual({ state: 'used', to: 'iPhone Safari' });

    // The phone's own credential opens the same conversation, with everything said so far.
    const { client: phoneSocket, welcome: phoneWelcome } = await visitor(ts, { credential: phoneCredential });
    expect(phoneWelcome.credential).toBe(phoneCredential); // the desktop's never reaches the phone
    expect(phoneWelcome.conversation.id).toBe(conversationId);
    expect(phoneWelcome.conversation.messages.map((m: { text: string }) => m.text)).toEqual(['Can I send you a photo from my phone?', 'Continued on iPhone Safari (from Mac Chrome)']);

    // The phone's context carries only its own page; the agent still sees the desktop's way there.
    const phoneContext = makeContext(null, '/cart');
    phoneContext.device.touch = true;
    phoneSocket.send({ type: 'context', context: phoneContext });
    const context = await desk.client.next((f) => f.type === 'context' && f.context.page.path === '/cart');
    expect(context.context.journey.map((e: { path: string }) => e.path)).toEqual(['/product/stormline', '/cart']);

    // Used once: a second phone (or the same link again) is refused, and nothing new is made.
    const again = await postJson(ts, HTTP_HANDOFF_REDEEM_PATH, { token }, { 'User-Agent': IPHONE_SAFARI });
    expect(again.status).toBe(410);
    expect(again.json.error.code).toBe('handoff_used');

    // Another visitor cannot read this link's state.
    const { welcome: other } = await visitor(ts);
    expect((await postJson(ts, HTTP_HANDOFF_STATE_PATH, { credential: other.credential, id })).status).toBe(404);

    // A malformed body gets a clear 400.
    expect((await postJson(ts, HTTP_HANDOFF_REDEEM_PATH, { token: 'nope' })).json.error.code).toBe('handoff_invalid');
    desktop.close();
    phoneSocket.close();
    desk.client.close();
  });

  it('a new link retires the earlier one; an expired link says so', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db);
    db.prepare("INSERT INTO visitors (id, credential_hash, created_at, last_seen_at) VALUES ('v_1', 'x', 0, 0)").run();
    db.prepare("INSERT INTO conversations (id, visitor_id, status, created_at, waiting_since) VALUES ('c_1', 'v_1', 'waiting', 0, 0)").run();
    const handoffs = createHandoffs(db);
    const t0 = 1_000_000;
    const first = handoffs.issue({ visitorId: 'v_1', conversationId: 'c_1', fromDevice: 'Mac Chrome', now: t0 });
    const second = handoffs.issue({ visitorId: 'v_1', conversationId: 'c_1', fromDevice: 'Mac Chrome', now: t0 + 1000 });
    expect(handoffs.redeem(first.token, 'iPhone Safari', t0 + 2000)).toEqual({ ok: false, refusal: 'handoff_expired' });
    expect(handoffs.state('v_1', first.id, t0 + 2000)).toEqual({ state: 'expired' });
    expect(handoffs.state('v_1', second.id, t0 + 2000)).toEqual({ state: 'waiting' });
    expect(handoffs.redeem(second.token, 'iPhone Safari', t0 + 1000 + HANDOFF_TTL_MS)).toEqual({ ok: false, refusal: 'handoff_expired' });
    const third = handoffs.issue({ visitorId: 'v_1', conversationId: 'c_1', fromDevice: 'Mac Chrome', now: t0 + 3000 });
    expect(handoffs.redeem(third.token, 'Android Chrome', t0 + 3000 + HANDOFF_TTL_MS - 1)).toMatchObject({ ok: true, visitorId: 'v_1', conversationId: 'c_1', from: 'Mac Chrome' });
    // Deleted with the conversation (retention): its signed link then reads as expired.
    db.prepare("DELETE FROM conversations WHERE id = 'c_1'").run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM handoffs').get()).toEqual({ n: 0 });
    // A restarted server (a new Handoffs on the same file) checks the same signatures.
    expect(createHandoffs(db).redeem(third.token, 'Android Chrome', t0 + 4000)).toEqual({ ok: false, refusal: 'handoff_expired' });
    expect(createHandoffs(db).redeem(`${third.id}.${'A'.repeat(43)}`, 'Android Chrome', t0 + 4000)).toEqual({ ok: false, refusal: 'handoff_invalid' });
    db.close();
  });

  it('opening links is rate limited per address', async () => {
    let last = 0;
    for (let i = 0; i <= HANDOFF_REDEEMS_PER_ADDRESS; i++) last = (await postJson(ts, HTTP_HANDOFF_REDEEM_PATH, { token: 'h_AAAAAAAAAAAAAAAA.' + 'B'.repeat(43) })).status;
    expect(last).toBe(429);
  });

  it('names devices by family, never echoing the header', () => {
    expect(deviceLabel(IPHONE_SAFARI)).toBe('iPhone Safari');
    expect(deviceLabel(MAC_CHROME)).toBe('Mac Chrome');
    expect(deviceLabel('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36')).toBe('Android Chrome');
    expect(deviceLabel('Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/131.0.0.0 Mobile Safari/537.36')).toBe('Android app');
    expect(deviceLabel('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0')).toBe('Windows Edge');
    expect(deviceLabel('<script>alert(1)</script>')).toBe('a computer browser');
  });
});
