// A code the visitor scanned (issue 19, src/protocol/scan.ts): it travels with the message as data
// (format and value), is checked by the server (a known format, a bounded value, the value as the
// text), is stored with the message (migration 17) and reaches the agent as data: live, and when
// the conversation is opened again later.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_VALUE_MAX_CHARS } from '../../src/protocol/scan';
import { PASSWORD, agent, login, newClientId, readDb, startServer, visitor, type TestServer } from './helpers';

let ts: TestServer;
let sam: string;

beforeAll(async () => {
  ts = await startServer();
  await ts.server.createAgent({ email: 'sam@scan.test', name: 'Sam', password: PASSWORD });
  sam = await login(ts, 'sam@scan.test');
});
afterAll(() => ts.close());

describe('a scanned code', () => {
  it('is stored with its message and reaches the agent as data, live and on reopening', async () => {
    const a = await agent(ts, sam);
    const { client: v } = await visitor(ts);
    const code = { format: 'ean_13', value: '4006381333931' };
    const ack = await v.request({ type: 'send', clientId: newClientId(), text: code.value, code }, 'ack');
    expect(ack.message).toMatchObject({ sender: 'visitor', text: code.value, code });
    const conversationId = ack.message.conversationId as string;
    const stored = readDb(ts.dbPath, (db) => db.prepare('SELECT code_json FROM messages WHERE conversation_id = ?').get(conversationId) as { code_json: string });
    expect(JSON.parse(stored.code_json)).toEqual(code);

    // The agent opens it (a later visit of the console): the message carries the code.
    const opened = await a.client.request({ type: 'open', conversationId }, (f) => f.type === 'conversation' && f.conversation.id === conversationId);
    expect(opened.conversation.messages.at(-1)).toMatchObject({ text: code.value, code });
    // Live: the next one arrives with its code too; a plain message has none.
    const qr = { format: 'qr_code', value: 'https://shop.example/warranty?serial=SN-88213' };
    v.send({ type: 'send', clientId: newClientId(), text: qr.value, code: qr });
    expect((await a.client.next((f) => f.type === 'message' && f.message.text === qr.value)).message.code).toEqual(qr);
    v.send({ type: 'send', clientId: newClientId(), text: 'thanks' });
    expect((await a.client.next((f) => f.type === 'message' && f.message.text === 'thanks')).message.code).toBeUndefined();
    v.close();
    a.client.close();
  });

  it('is refused, storing nothing, with an unknown format, an empty or oversized value, extra fields, or a text that is not its value', async () => {
    const { client: v } = await visitor(ts);
    const bad = [
      { format: 'qr', value: 'x' },
      { format: 'qr_code', value: '' },
      { format: 'qr_code', value: 'x'.repeat(CODE_VALUE_MAX_CHARS + 1) },
      { format: 'qr_code', value: 'x', label: 'y' },
    ];
    for (const code of bad) {
      const text = typeof code.value === 'string' && code.value ? code.value : 'x';
      expect(await v.request({ type: 'send', clientId: newClientId(), text, code }, 'error')).toMatchObject({ code: 'bad_frame' });
    }
    const clientId = newClientId();
    expect(await v.request({ type: 'send', clientId, text: 'something else', code: { format: 'ean_13', value: '4006381333931' } }, 'error')).toMatchObject({ code: 'bad_frame', clientId });
    expect(readDb(ts.dbPath, (db) => db.prepare('SELECT COUNT(*) AS n FROM messages WHERE code_json IS NOT NULL AND client_id = ?').get(clientId) as { n: number }).n).toBe(0);
    v.close();
  });
});
