// @vitest-environment happy-dom
// The chat transport conformance suite against Baton's local transport and the REAL embedded
// server: real HTTP, real WebSockets (the `ws` package as the transport's WebSocket), real SQLite.
// happy-dom only provides the page globals the transport listens to (online, visibilitychange).
import WebSocket from 'ws';
import { chatTransportConformance, type AgentSide } from '../conformance/chatTransport';
import { createLocalTransport } from '../../src/transports/local/transport';
import { memoryStore } from '../../src/storage/memoryStore';
import { Client, PASSWORD, login, makeContext, newClientId, readDb, startServer, type TestServer } from './helpers';

let ts: TestServer;
let cookie: string;

chatTransportConformance({
  name: 'local (embedded server)',
  async setup() {
    ts = await startServer();
    await ts.server.createAgent({ email: 'sam@shop.test', name: 'Sam', password: PASSWORD });
    cookie = await login(ts, 'sam@shop.test');
  },
  teardown: () => ts.close(),
  context: (path) => makeContext(null, path),
  async newVisitor() {
    let blocked = false;
    let current: WebSocket | null = null;
    const origin = ts.origin;
    // The transport's WebSocket: to the real server, or (while the network is "down") to a closed port.
    class PageSocket extends WebSocket {
      constructor(url: string) {
        super(blocked ? 'ws://127.0.0.1:9/' : url, { headers: { Origin: origin } });
        if (!blocked) current = this;
      }
    }
    const transport = createLocalTransport({ server: ts.url, store: memoryStore(), consentGranted: () => false, WebSocket: PageSocket as never });
    let conversationId: string | null = null;
    transport.on('ack', ({ message }) => (conversationId = message.conversationId));
    let desk: Client | null = null;
    const conv = () => {
      if (!conversationId) throw new Error('the visitor has no conversation yet');
      return conversationId;
    };
    const agentSocket = async () => {
      if (!desk) {
        desk = await Client.connect(`${ts.wsUrl}/ws/agent`, { Origin: origin, Cookie: cookie });
        await desk.next('welcome');
      }
      return desk;
    };
    const agent: AgentSide = {
      async join() {
        const d = await agentSocket();
        await d.request({ type: 'claim', conversationId: conv() }, (f) => f.type === 'conversation' && f.conversation.id === conv());
      },
      async send(text) {
        const d = await agentSocket();
        const clientId = newClientId();
        await d.request({ type: 'send', conversationId: conv(), clientId, text }, (f) => f.type === 'ack' && f.clientId === clientId);
      },
      async typing(on) {
        (await agentSocket()).send({ type: 'typing', conversationId: conv(), on });
      },
      async stored() {
        return readDb(ts.dbPath, (db) => db.prepare('SELECT text, client_id AS clientId, sender FROM messages WHERE conversation_id = ? ORDER BY idx').all(conv()) as never);
      },
      async sawVisitorTyping() {
        const d = await agentSocket();
        return !(await d.none((f) => f.type === 'typing' && f.conversationId === conv() && f.on === true, 50));
      },
      async contextPath() {
        return readDb(ts.dbPath, (db) => (db.prepare('SELECT page_path AS p FROM conversations WHERE id = ?').get(conv()) as { p: string | null }).p);
      },
      async close() {
        const d = await agentSocket();
        await d.request({ type: 'close', conversationId: conv() }, (f) => f.type === 'closed' && f.conversationId === conv());
      },
      async visitorReadIndex() {
        return readDb(ts.dbPath, (db) => (db.prepare('SELECT read_index AS r FROM conversations WHERE id = ?').get(conv()) as { r: number }).r);
      },
    };
    return {
      transport,
      agent,
      faults: {
        drop() {
          blocked = true;
          current?.terminate();
        },
        restore() {
          blocked = false;
          // The browser says it is back online: the transport reconnects at once.
          window.dispatchEvent(new Event('online'));
        },
        refuseNextSend() {
          // Empty the server's per-socket token bucket (burst VISITOR_FRAME_BURST = 40) with typing frames.
          for (let i = 0; i < 50; i++) transport.typing(i % 2 === 0);
        },
      },
      async close() {
        transport.disconnect();
        desk?.close();
      },
    };
  },
});
