// Issue 13, finding 6: limits per address and per visitor, not only per socket. Each test repeats
// an abuse measured in the issue (750 visitor rows a second from one address, 1,000 sockets, sockets
// that never say hello, one visitor on 10 sockets storing 326 messages a second, 51 call_start in
// 4 s ringing every agent) on loopback, bounded, and shows it refused with `rate_limited` and a
// retry hint. Other loopback addresses (127.0.0.x) stand for other clients.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressKey, clientAddressOf } from '../../src/server/embedded/clientAddress';
import {
  CALL_STARTS_PER_VISITOR_BURST,
  HELLO_TIMEOUT_MS,
  NEW_VISITORS_PER_ADDRESS_BURST,
  VISITOR_MESSAGES_BURST,
  VISITOR_MESSAGES_PER_MINUTE,
  VISITOR_SOCKETS_PER_ADDRESS_MAX,
} from '../../src/server/embedded/limits';
import { Client, PASSWORD, agent, count, login, newClientId, postJson, request, startServer, type TestServer } from './helpers';

let ts: TestServer;
beforeAll(async () => {
  ts = await startServer();
});
afterAll(() => ts.close());

const visitorUrl = () => `${ts.wsUrl}/ws/visitor`;
const connectFrom = (address: string, headers: Record<string, string> = {}) => Client.connect(visitorUrl(), { Origin: ts.origin, ...headers }, address);

describe('new visitors per address', () => {
  it(`creates at most ${NEW_VISITORS_PER_ADDRESS_BURST} visitors a minute for one address; the rest are refused, closed 1013, with a retry hint`, async () => {
    const before = count(ts.dbPath, 'visitors');
    // The measured abuse: hellos without a credential as fast as possible (here 45, bounded, under the sockets-per-address limit).
    const clients = await Promise.all(Array.from({ length: 45 }, () => connectFrom('127.0.0.60')));
    const answers = await Promise.all(
      clients.map(async (c) => {
        c.send({ type: 'hello', v: 1 });
        return c.next((f) => f.type === 'welcome' || f.type === 'error');
      }),
    );
    const welcomed = answers.filter((f) => f.type === 'welcome');
    const refused = answers.filter((f) => f.type === 'error');
    expect(welcomed).toHaveLength(NEW_VISITORS_PER_ADDRESS_BURST);
    expect(refused).toHaveLength(45 - NEW_VISITORS_PER_ADDRESS_BURST);
    for (const f of refused) {
      expect(f).toMatchObject({ code: 'rate_limited' });
      expect(f.retryAfterMs).toBeGreaterThan(0);
      expect(f.retryAfterMs).toBeLessThanOrEqual(60_000);
    }
    const closes = await Promise.all(clients.filter((_, i) => answers[i]!.type === 'error').map((c) => c.closed));
    expect(new Set(closes.map((c) => c.code))).toEqual(new Set([1013]));
    expect(count(ts.dbPath, 'visitors') - before).toBe(NEW_VISITORS_PER_ADDRESS_BURST);

    // A known credential is not a new visitor: it still gets in from that address.
    const back = await connectFrom('127.0.0.60');
    expect(await back.request({ type: 'hello', v: 1, credential: welcomed[0]!.credential }, 'welcome')).toMatchObject({ visitorId: welcomed[0]!.visitorId });
    // A phone code asked without a credential makes a visitor too: refused the same way (429).
    const phone = await request(`${ts.url}/api/visitor/phone-code`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: ts.origin }, body: '{}', localAddress: '127.0.0.60' });
    expect(phone.status).toBe(429);
    expect(Number(phone.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected.
    const other = await connectFrom('127.0.0.61');
    expect((await other.request({ type: 'hello', v: 1 }, (f) => f.type === 'welcome' || f.type === 'error')).type).toBe('welcome');
    for (const c of [...clients, back, other]) c.close();
  });
});

describe('sockets per address', () => {
  it(`holds at most ${VISITOR_SOCKETS_PER_ADDRESS_MAX} visitor sockets per address; more are refused with 429 and Retry-After before upgrading`, async () => {
    const address = '127.0.0.62';
    const open: Client[] = [];
    for (let i = 0; i < VISITOR_SOCKETS_PER_ADDRESS_MAX; i++) open.push(await connectFrom(address));
    const refused = await Promise.all(Array.from({ length: 10 }, () => Client.refusal(visitorUrl(), { Origin: ts.origin }, address)));
    for (const r of refused) {
      expect(r.status).toBe(429);
      expect(JSON.parse(r.body)).toMatchObject({ error: { code: 'rate_limited' } });
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
    // Another address still connects; a place freed at this one is taken again.
    (await connectFrom('127.0.0.63')).close();
    open.pop()!.close();
    await expect.poll(async () => (await Client.refusal(visitorUrl(), { Origin: ts.origin }, address)).status, { timeout: 5000 }).toBe(101);
    for (const c of open) c.close();
  });
});

describe('hello timeout', () => {
  it(`closes a visitor socket that has not said hello within ${HELLO_TIMEOUT_MS / 1000} s (1008)`, async () => {
    const silent = await connectFrom('127.0.0.64');
    const started = Date.now();
    const closed = await Promise.race([silent.closed, new Promise<null>((r) => setTimeout(() => r(null), HELLO_TIMEOUT_MS + 5000))]);
    expect(closed).toMatchObject({ code: 1008, reason: 'hello expected' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(HELLO_TIMEOUT_MS - 100);
  }, HELLO_TIMEOUT_MS + 10_000);
});

describe('messages per visitor, across sockets', () => {
  it('stores one visitor\'s messages at the per-visitor rate however many sockets it writes through', async () => {
    const first = await connectFrom('127.0.0.65');
    const { credential } = await first.request({ type: 'hello', v: 1 }, 'welcome');
    const sockets = [first];
    for (let i = 1; i < 10; i++) {
      const c = await connectFrom('127.0.0.65');
      await c.request({ type: 'hello', v: 1, credential }, 'welcome');
      sockets.push(c);
    }
    const started = Date.now();
    // The measured abuse: 10 sockets writing at once (here 20 each, 200 in all).
    const outcomes = await Promise.all(
      sockets.flatMap((c) =>
        Array.from({ length: 20 }, () => {
          const clientId = newClientId();
          const answer = c.next((f) => (f.type === 'ack' || f.type === 'error') && f.clientId === clientId);
          c.send({ type: 'send', clientId, text: 'flood' });
          return answer;
        }),
      ),
    );
    const seconds = (Date.now() - started) / 1000;
    const acked = outcomes.filter((f) => f.type === 'ack').length;
    const refused = outcomes.filter((f) => f.type === 'error');
    // The burst, plus what the rate refilled while the test ran.
    expect(acked).toBeGreaterThanOrEqual(VISITOR_MESSAGES_BURST);
    expect(acked).toBeLessThanOrEqual(VISITOR_MESSAGES_BURST + Math.ceil((seconds * VISITOR_MESSAGES_PER_MINUTE) / 60) + 1);
    expect(refused.length).toBe(200 - acked);
    for (const f of refused) {
      expect(f.code).toBe('rate_limited');
      expect(f.retryAfterMs).toBeGreaterThan(0);
    }
    const conversationId = outcomes.find((f) => f.type === 'ack')!.message.conversationId;
    expect(count(ts.dbPath, 'messages', 'conversation_id = ?', conversationId)).toBe(acked);
    for (const c of sockets) c.close();
  });
});

describe('call_start per visitor', () => {
  it(`rings the agents for at most ${CALL_STARTS_PER_VISITOR_BURST} of 51 call_start in a row`, async () => {
    await ts.server.createAgent({ email: 'ring@desk.test', name: 'Ring', password: PASSWORD });
    const desk = (await agent(ts, await login(ts, 'ring@desk.test'))).client;
    const v = await connectFrom('127.0.0.66');
    await v.request({ type: 'hello', v: 1 }, 'welcome');
    let rang = 0;
    let limited = 0;
    // The measured abuse's pace: 51 starts in 4 s (under the socket's own frame rate, so only the per-visitor limit refuses).
    for (let i = 0; i < 51; i++) {
      await new Promise((r) => setTimeout(r, 75));
      const callId = `call_${i}_${newClientId()}`;
      v.send({ type: 'call_start', callId });
      const answer = await v.next((f) => (f.type === 'call_ringing' && f.callId === callId) || (f.type === 'error' && f.code === 'rate_limited'));
      if (answer.type === 'call_ringing') {
        rang++;
        v.send({ type: 'call_hangup', callId }); // handled before the next start (frames are handled in order)
      } else {
        limited++;
        expect(answer.retryAfterMs).toBeGreaterThan(0);
        await v.next((f) => f.type === 'call_ended' && f.callId === callId && f.reason === 'error');
      }
    }
    expect(rang).toBe(CALL_STARTS_PER_VISITOR_BURST);
    expect(limited).toBe(51 - CALL_STARTS_PER_VISITOR_BURST);
    let incoming = 0;
    while (!(await desk.none('call_incoming', 200))) incoming++;
    expect(incoming).toBe(CALL_STARTS_PER_VISITOR_BURST); // the agent's console rang 3 times, not 51
    v.close();
    desk.close();
  });
});

describe('behind a proxy', () => {
  it('ignores X-Forwarded-For unless told to trust proxies, then reads the address the trusted proxy appended', async () => {
    const peer = { socket: { remoteAddress: '::ffff:10.0.0.2' }, headers: { 'x-forwarded-for': '1.1.1.1, 203.0.113.5' } } as never;
    expect(clientAddressOf(0)(peer)).toBe('10.0.0.2');
    expect(clientAddressOf(1)(peer)).toBe('203.0.113.5');
    expect(clientAddressOf(2)(peer)).toBe('1.1.1.1');
    expect(clientAddressOf(1)({ socket: { remoteAddress: '10.0.0.2' }, headers: {} } as never)).toBe('10.0.0.2');
    expect(() => clientAddressOf(-1)).toThrow(/trustProxy/);
    expect(addressKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe(addressKey('2001:0db8:0:0:ffff::2'));
    expect(addressKey('192.0.2.1')).toBe('192.0.2.1');

    // Untrusted (the default): a client writing X-Forwarded-For cannot pick a new address per socket.
    const spoofed = await Promise.all(Array.from({ length: NEW_VISITORS_PER_ADDRESS_BURST + 1 }, (_, i) => connectFrom('127.0.0.67', { 'X-Forwarded-For': `198.51.100.${i}` })));
    const answers = await Promise.all(spoofed.map((c) => c.request({ type: 'hello', v: 1 }, (f) => f.type === 'welcome' || f.type === 'error')));
    expect(answers.filter((f) => f.type === 'error')).toHaveLength(1);
    for (const c of spoofed) c.close();

    // Trusted (one proxy): each forwarded client has its own budget; the address left of the proxy's is ignored.
    const proxied = await startServer({ trustProxy: 1 });
    try {
      const from = (xff: string) => Client.connect(`${proxied.wsUrl}/ws/visitor`, { Origin: proxied.origin, 'X-Forwarded-For': xff });
      const hello = async (xff: string) => {
        const c = await from(xff);
        const f = await c.request({ type: 'hello', v: 1 }, (x) => x.type === 'welcome' || x.type === 'error');
        c.close();
        return f.type;
      };
      for (let i = 0; i < NEW_VISITORS_PER_ADDRESS_BURST; i++) expect(await hello(`${i}.${i}.${i}.${i}, 203.0.113.5`)).toBe('welcome');
      expect(await hello('9.9.9.9, 203.0.113.5')).toBe('error');
      expect(await hello('203.0.113.6')).toBe('welcome');
      expect((await postJson(proxied, '/api/visitor/phone-code', {}, { 'X-Forwarded-For': '203.0.113.5' })).status).toBe(429);
    } finally {
      await proxied.close();
    }
  });
});
