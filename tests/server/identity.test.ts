// Identity verification: only the server decides `verified`, from the site's HMAC or HS256 JWT.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIdentity, signIdentityJwt, verifyIdentityJwt } from '../../src/server/index';
import type { ContextSnapshot } from '../../src/protocol/context';
import { Client, PASSWORD, SECRET, agent, identity, login, makeContext, newClientId, readDb, startServer, visitor, type TestServer } from './helpers';

const ADA = { id: 'user_ada', name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0000' };
const NONE = { id: false, name: false, email: false, phone: false };

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
function handmadeJwt(header: object, payload: object, secret = SECRET): string {
  const body = `${b64(header)}.${b64(payload)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

describe('signIdentityJwt / verifyIdentityJwt', () => {
  it('round-trips and carries exp', () => {
    const token = signIdentityJwt({ sub: 'user_ada', name: 'Ada Lovelace' }, SECRET, 60);
    const claims = verifyIdentityJwt(token, SECRET);
    expect(claims).toMatchObject({ sub: 'user_ada', name: 'Ada Lovelace' });
    expect(claims!.exp - Math.floor(Date.now() / 1000)).toBeGreaterThan(50);
  });

  it('refuses tampering, other secrets, alg none, missing or past exp, future nbf, missing sub', () => {
    const token = signIdentityJwt({ sub: 'user_ada' }, SECRET);
    const [h, , s] = token.split('.');
    expect(verifyIdentityJwt(`${h}.${b64({ sub: 'user_admin', exp: inAnHour() })}.${s}`, SECRET)).toBeNull();
    expect(verifyIdentityJwt(token, 'another-secret')).toBeNull();
    expect(verifyIdentityJwt(`${b64({ alg: 'none' })}.${b64({ sub: 'user_ada', exp: inAnHour() })}.`, SECRET)).toBeNull();
    expect(verifyIdentityJwt(handmadeJwt({ alg: 'none' }, { sub: 'user_ada', exp: inAnHour() }), SECRET)).toBeNull();
    expect(verifyIdentityJwt(handmadeJwt({ alg: 'HS512' }, { sub: 'user_ada', exp: inAnHour() }), SECRET)).toBeNull();
    expect(verifyIdentityJwt(handmadeJwt({ alg: 'HS256' }, { sub: 'user_ada' }), SECRET)).toBeNull();
    expect(verifyIdentityJwt(handmadeJwt({ alg: 'HS256' }, { sub: 'user_ada', exp: Math.floor(Date.now() / 1000) - 1 }), SECRET)).toBeNull();
    expect(verifyIdentityJwt(handmadeJwt({ alg: 'HS256' }, { sub: 'user_ada', exp: inAnHour(), nbf: inAnHour() }), SECRET)).toBeNull();
    expect(verifyIdentityJwt(handmadeJwt({ alg: 'HS256' }, { exp: inAnHour() }), SECRET)).toBeNull();
    expect(verifyIdentityJwt('not.a.jwt', SECRET)).toBeNull();
    expect(verifyIdentityJwt(handmadeJwt({ alg: 'HS256', typ: 'JWT' }, { sub: 'user_ada', exp: inAnHour() }), SECRET)).toMatchObject({ sub: 'user_ada' });
  });
});

describe('verification through the server', () => {
  let ts: TestServer;
  let desk: Client;

  beforeAll(async () => {
    ts = await startServer();
    await ts.server.createAgent({ email: 'sam@desk.test', name: 'Sam', password: PASSWORD });
    desk = (await agent(ts, await login(ts, 'sam@desk.test'))).client;
  });
  afterAll(() => ts.close());

  /** What an agent sees of a visitor who said hello with `ctx` and wrote once. */
  async function seenByAgent(ctx: ContextSnapshot): Promise<{ identity: NonNullable<ContextSnapshot['identity']>; summaryVerified: { id: boolean; name: boolean; email: boolean }; stored: string }> {
    const v = await visitor(ts, { context: ctx });
    const ack = await v.client.request({ type: 'send', clientId: newClientId(), text: 'who am I?' }, 'ack');
    const conversationId = ack.message.conversationId as string;
    const opened = await desk.request({ type: 'open', conversationId }, (f) => f.type === 'conversation' && (f.conversation as { id: string }).id === conversationId);
    const stored = (readDb(ts.dbPath, (db) => db.prepare('SELECT context_json FROM conversations WHERE id = ?').get(conversationId)) as { context_json: string }).context_json;
    v.client.close();
    return { identity: opened.conversation.context.identity, summaryVerified: opened.conversation.visitor.verified, stored };
  }

  it('verifies the id with a valid HMAC, and strips the proof before storing and showing', async () => {
    const seen = await seenByAgent(makeContext(identity(ADA, { hmac: signIdentity(ADA.id, SECRET) })));
    expect(seen.identity.verified).toEqual({ id: true, name: false, email: false, phone: false });
    expect(seen.identity).not.toHaveProperty('proof');
    // The queue summary tells the fields apart too: the signed id does not verify the name and e-mail sent with it.
    expect(seen.summaryVerified).toEqual({ id: true, name: false, email: false });
    expect(seen.stored).not.toContain('proof');
    expect(seen.stored).not.toContain(signIdentity(ADA.id, SECRET));
  });

  it('verifies id and each matching field with a valid JWT', async () => {
    const jwt = signIdentityJwt({ sub: ADA.id, name: ADA.name, email: ADA.email }, SECRET);
    const seen = await seenByAgent(makeContext(identity(ADA, { jwt, hmac: signIdentity(ADA.id, SECRET) })));
    expect(seen.identity.verified).toEqual({ id: true, name: true, email: true, phone: false });
    expect(seen.summaryVerified).toEqual({ id: true, name: true, email: true });
    expect(seen.stored).not.toContain(jwt);
  });

  it('does not verify a field whose claim differs from the identity', async () => {
    const jwt = signIdentityJwt({ sub: ADA.id, name: 'Someone Else', email: ADA.email }, SECRET);
    const seen = await seenByAgent(makeContext(identity(ADA, { jwt })));
    expect(seen.identity.verified).toEqual({ id: true, name: false, email: true, phone: false });
    expect(seen.summaryVerified).toEqual({ id: true, name: false, email: true });
  });

  it('never verifies forged proof', async () => {
    const forged: Array<{ hmac?: string; jwt?: string }> = [
      { hmac: signIdentity(ADA.id, 'wrong-secret') },
      { hmac: signIdentity('user_other', SECRET) },
      { hmac: 'f'.repeat(64) },
      { jwt: signIdentityJwt({ sub: ADA.id, name: ADA.name }, 'wrong-secret') },
      { jwt: signIdentityJwt({ sub: 'user_other', name: ADA.name }, SECRET) },
      { jwt: handmadeJwt({ alg: 'HS256' }, { sub: ADA.id, name: ADA.name, exp: Math.floor(Date.now() / 1000) - 10 }) },
      { jwt: `${b64({ alg: 'none' })}.${b64({ sub: ADA.id, exp: inAnHour() })}.` },
    ];
    for (const proof of forged) {
      const seen = await seenByAgent(makeContext(identity(ADA, proof)));
      expect(seen.identity.verified, JSON.stringify(proof)).toEqual(NONE);
      expect(seen.summaryVerified).toEqual({ id: false, name: false, email: false });
    }
  });

  it("ignores the client's own verified: true", async () => {
    const seen = await seenByAgent(makeContext(identity(ADA, undefined, true)));
    expect(seen.identity.verified).toEqual(NONE);
    const live = await visitor(ts);
    const ack = await live.client.request({ type: 'send', clientId: newClientId(), text: 'hi' }, 'ack');
    const conversationId = ack.message.conversationId as string;
    await desk.request({ type: 'open', conversationId }, 'conversation');
    live.client.send({ type: 'context', context: makeContext(identity(ADA, { hmac: 'forged' }, true)) });
    const pushed = await desk.next((f) => f.type === 'context' && f.conversationId === conversationId);
    expect(pushed.context.identity.verified).toEqual(NONE);
    expect(pushed.context.identity).not.toHaveProperty('proof');
    live.client.close();
  });
});
