// Transcripts by e-mail (issue 15): once the conversation has ended its visitor can have the whole of
// it e-mailed (an .eml in the local outbox, with the messages), once per conversation, to the address
// given or typed; refused before the end, and limited per recipient so the server mails no stranger in bulk.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSCRIPTS_PER_RECIPIENT_PER_HOUR } from '../../src/server/embedded/limits';
import { PASSWORD, agent, login, newClientId, readDb, startServer, visitor, type TestServer } from './helpers';

let ts: TestServer;
let sam: string;

beforeAll(async () => {
  ts = await startServer();
  await ts.server.createAgent({ email: 'sam@desk.test', name: 'Sam', password: PASSWORD });
  sam = await login(ts, 'sam@desk.test');
});
afterAll(() => ts.close());

const transcriptsTo = (address: string) =>
  readDb(ts.dbPath, (db) => db.prepare("SELECT file FROM mail_outbox WHERE kind = 'transcript' AND to_address = ? ORDER BY created_at").all(address) as { file: string }[]);

/** A visitor's conversation, answered by Sam, then closed by Sam. */
async function endedConversation(text: string) {
  const a = await agent(ts, sam);
  const v = await visitor(ts);
  const ack = await v.client.request({ type: 'send', clientId: newClientId(), text }, 'ack');
  const conversationId = ack.message.conversationId as string;
  await a.client.request({ type: 'claim', conversationId }, 'conversation');
  return { a, v, conversationId, close: () => a.client.request({ type: 'close', conversationId }, 'closed') };
}

describe('a transcript by e-mail', () => {
  it('goes once the conversation has ended, once, with its messages; every tab hears it went', async () => {
    const { a, v, conversationId, close } = await endedConversation('Where is order 4411?');
    a.client.send({ type: 'send', conversationId, clientId: newClientId(), text: 'It left our warehouse this morning.' });
    await v.client.next((f) => f.type === 'message' && f.message.sender === 'agent');
    expect(await v.client.request({ type: 'transcript', email: 'zoe@example.com' }, 'error')).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/once the conversation has ended/) });
    await close();
    await v.client.next((f) => f.type === 'status' && f.status === 'closed');
    expect(await v.client.request({ type: 'transcript' }, 'error')).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/e-mail address/) });
    expect(await v.client.request({ type: 'transcript', email: 'not an address' }, 'error')).toMatchObject({ code: 'bad_frame' });
    const tab = await visitor(ts, { credential: v.welcome.credential as string });
    v.client.send({ type: 'transcript', email: 'zoe@example.com' });
    expect(await v.client.next((f) => f.type === 'status' && f.transcript === 'sent')).toMatchObject({ conversationId, status: 'closed', email: 'zoe@example.com' });
    expect(await tab.client.next((f) => f.type === 'status' && f.transcript === 'sent')).toMatchObject({ conversationId });
    const [mail, ...more] = transcriptsTo('zoe@example.com');
    expect(more).toEqual([]);
    const eml = readFileSync(join(`${ts.dbPath}-outbox`, mail!.file), 'utf8');
    expect(eml).toMatch(/^To: zoe@example\.com\r$/m);
    // The bodies are quoted-printable: look for words that survive it.
    expect(eml).toMatch(/warehouse/);
    expect(eml).toMatch(/4411/);
    // Once per conversation, from any socket; a reload still says it went.
    expect(await tab.client.request({ type: 'transcript', email: 'other@example.com' }, 'error')).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/already sent/) });
    expect(transcriptsTo('other@example.com')).toEqual([]);
    const again = await visitor(ts, { credential: v.welcome.credential as string });
    expect(again.welcome.conversation).toMatchObject({ id: conversationId, transcript: 'sent' });
    for (const c of [v, tab, again]) c.client.close();
    a.client.close();
  });

  it('goes to the address the visitor already gave, without typing it again', async () => {
    const { a, v, conversationId, close } = await endedConversation('Can you e-mail me about this?');
    v.client.send({ type: 'email', email: 'kept@example.com' });
    await v.client.next((f) => f.type === 'status' && f.email === 'kept@example.com');
    await close();
    v.client.send({ type: 'transcript' });
    expect(await v.client.next((f) => f.type === 'status' && f.transcript === 'sent')).toMatchObject({ conversationId });
    expect(transcriptsTo('kept@example.com')).toHaveLength(1);
    v.client.close();
    a.client.close();
  });

  it(`goes to one recipient at most ${TRANSCRIPTS_PER_RECIPIENT_PER_HOUR} times an hour, whatever the visitor`, async () => {
    const target = 'victim@example.com';
    const refusals: unknown[] = [];
    for (let i = 0; i <= TRANSCRIPTS_PER_RECIPIENT_PER_HOUR; i++) {
      const { a, v, close } = await endedConversation(`Question ${i}`);
      await close();
      await v.client.next((f) => f.type === 'status' && f.status === 'closed');
      v.client.send({ type: 'transcript', email: target });
      const answer = await v.client.next((f) => (f.type === 'status' && f.transcript === 'sent') || f.type === 'error');
      if (answer.type === 'error') refusals.push(answer);
      v.client.close();
      a.client.close();
    }
    expect(refusals).toEqual([expect.objectContaining({ code: 'rate_limited', retryAfterMs: expect.any(Number) })]);
    expect(transcriptsTo(target)).toHaveLength(TRANSCRIPTS_PER_RECIPIENT_PER_HOUR);
    expect(readdirSync(`${ts.dbPath}-outbox`).filter((f) => f.endsWith('.eml')).length).toBeGreaterThanOrEqual(TRANSCRIPTS_PER_RECIPIENT_PER_HOUR);
  });
});
