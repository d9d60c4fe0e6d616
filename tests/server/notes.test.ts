// Internal notes (issue 17): the team writes them in a conversation; the visitor never receives
// one, on any path: live frames, the welcome after a reconnection, `sync`, the unread count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, agent, login, makeContext, newClientId, postJson, readDb, startServer, visitor, type Client, type TestServer } from './helpers';

let ts: TestServer;
let samCookie: string;
let alexCookie: string;

beforeAll(async () => {
  ts = await startServer();
  await ts.server.createAgent({ email: 'sam@desk.test', name: 'Sam', password: PASSWORD });
  await ts.server.createAgent({ email: 'alex@desk.test', name: 'Alex', password: PASSWORD });
  samCookie = await login(ts, 'sam@desk.test');
  alexCookie = await login(ts, 'alex@desk.test');
});

afterAll(() => ts.close());

/** Every frame a visitor socket receives, as the raw text on the wire. */
function wire(client: Client): string[] {
  const seen: string[] = [];
  client.ws.on('message', (data) => seen.push(data.toString()));
  return seen;
}

const noteText = (what: string) => `Internal: ${what} ${newClientId()}`;

describe('internal notes', () => {
  it('reach the agents, never the visitor: live, on reconnection, by sync, in the unread count', async () => {
    const v = await visitor(ts, { context: makeContext(null, '/checkout') });
    const credential = v.welcome.credential as string;
    const visitorWire = wire(v.client);
    const sam = await agent(ts, samCookie);
    const asked = await v.client.request({ type: 'send', clientId: newClientId(), text: 'Where is my order?' }, 'ack');
    const id = asked.message.conversationId as string;

    // A note on the queued conversation, before anyone claims it (Alex previews it).
    const alex = await agent(ts, alexCookie);
    await alex.client.request({ type: 'open', conversationId: id }, 'conversation');
    const queuedText = noteText('VIP customer, be quick');
    const queuedClientId = newClientId();
    const queuedNote = await alex.client.request({ type: 'note', conversationId: id, clientId: queuedClientId, text: queuedText }, 'note');
    expect(queuedNote.note).toMatchObject({ conversationId: id, clientId: queuedClientId, text: queuedText, afterIndex: 1, agent: { name: 'Alex' } });

    // Sam claims: the note is in the conversation he gets.
    const claimed = await sam.client.request({ type: 'claim', conversationId: id }, 'conversation');
    expect(claimed.conversation.notes.map((n: { text: string }) => n.text)).toEqual([queuedText]);
    await v.client.next((f) => f.type === 'status' && f.status === 'active');

    // Sam writes a note, then a reply: the reply keeps the next message index (a note takes none).
    const ownText = noteText('refund approved by finance');
    const own = await sam.client.request({ type: 'note', conversationId: id, clientId: newClientId(), text: ownText }, 'note');
    expect(own.note).toMatchObject({ text: ownText, afterIndex: 1, agent: { name: 'Sam' } });
    const reply = await sam.client.request({ type: 'send', conversationId: id, clientId: newClientId(), text: 'It ships today.' }, 'ack');
    expect(reply.message.index).toBe(2);
    const seen = await v.client.next((f) => f.type === 'message' && f.message.text === 'It ships today.');
    expect(seen.message.index).toBe(2);
    // Nothing arrived for the notes before what the server sent after them.
    expect(await v.client.none('note')).toBe(true);

    // The visitor comes back on a new socket: the welcome, sync and unread count hold no note.
    v.client.close();
    expect((await postJson(ts, '/api/visitor/status', { credential })).json).toMatchObject({ unread: 1 });
    const back = await visitor(ts, { credential });
    const backWire = wire(back.client);
    expect(back.welcome.unread).toBe(1);
    expect(back.welcome.conversation.messages.map((m: { text: string }) => m.text)).toEqual(['Where is my order?', 'It ships today.']);
    const history = await back.client.request({ type: 'sync', conversationId: id, afterIndex: 0 }, 'history');
    expect(history.messages.map((m: { sender: string }) => m.sender)).toEqual(['visitor', 'agent']);

    // One more note while the visitor is connected: still nothing reaches them.
    await sam.client.request({ type: 'note', conversationId: id, clientId: newClientId(), text: noteText('called them back') }, 'note');
    expect(await back.client.none('note')).toBe(true);
    const everything = [...visitorWire, ...backWire, JSON.stringify(back.welcome)].join('\n');
    expect(everything).not.toContain('Internal:');
    expect(everything).not.toContain(queuedText);
    expect(everything).not.toContain(ownText);

    // Stored apart from the messages the visitor's paths read.
    expect(readDb(ts.dbPath, (db) => db.prepare("SELECT COUNT(*) AS n FROM messages WHERE text LIKE 'Internal:%'").get())).toEqual({ n: 0 });
    expect(readDb(ts.dbPath, (db) => db.prepare('SELECT COUNT(*) AS n FROM notes WHERE conversation_id = ?').get(id))).toEqual({ n: 3 });

    // Sam's other tab, after a reconnection, gets the notes with the conversation.
    const samAgain = await agent(ts, samCookie);
    const mine = samAgain.mine.find((c) => c.id === id)!;
    expect(mine.notes.map((n: { text: string }) => n.text)).toEqual([queuedText, ownText, expect.stringContaining('called them back')]);

    back.client.close();
    sam.client.close();
    samAgain.client.close();
    alex.client.close();
  });

  it('go only where the agent may write: not into another agent\'s conversation; a clientId is stored once', async () => {
    const v = await visitor(ts);
    const sam = await agent(ts, samCookie);
    const alex = await agent(ts, alexCookie);
    const asked = await v.client.request({ type: 'send', clientId: newClientId(), text: 'Hello?' }, 'ack');
    const id = asked.message.conversationId as string;
    await sam.client.request({ type: 'claim', conversationId: id }, 'conversation');

    const refused = await alex.client.request({ type: 'note', conversationId: id, clientId: newClientId(), text: 'Not mine to write' }, 'error');
    expect(refused.code).toBe('forbidden');

    const clientId = newClientId();
    const first = await sam.client.request({ type: 'note', conversationId: id, clientId, text: 'Once' }, 'note');
    const again = await sam.client.request({ type: 'note', conversationId: id, clientId, text: 'Once' }, 'note');
    expect(again.note.id).toBe(first.note.id);
    expect(readDb(ts.dbPath, (db) => db.prepare('SELECT COUNT(*) AS n FROM notes WHERE conversation_id = ?').get(id))).toEqual({ n: 1 });

    const empty = await sam.client.request({ type: 'note', conversationId: id, clientId: newClientId(), text: '   ' }, 'error');
    expect(empty.code).toBe('bad_frame');
    v.client.close();
    sam.client.close();
    alex.client.close();
  });
});
