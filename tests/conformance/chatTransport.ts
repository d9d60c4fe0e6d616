/**
 * The chat transport conformance suite, written once: what any ChatTransport must do for Baton's
 * chat to behave the same over it. Each harness gives a fresh visitor (a transport not yet
 * connected), a way to act as the agent, and fault controls; the suite drives the transport
 * through a real ChatSession (what the widget renders) and checks what the visitor would see and
 * what the agent side has stored.
 *
 * Run by tests/server/conformance-local.test.ts (the embedded server, real WebSockets and SQLite)
 * and tests/server/conformance-twilio.test.ts (the server half with the real `twilio` package and
 * a fake of Twilio's cloud that implements the SDK's types).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatSession, type ChatState } from '../../src/core/chat/session';
import type { ChatTransport, ChatTransportEvents } from '../../src/core/chat/transport';
import { MEDIA_MAX_BYTES, MESSAGE_MAX_CHARS } from '../../src/protocol/chat';
import type { ContextSnapshot } from '../../src/protocol/context';
import { until } from '../until';

export interface AgentSide {
  /** The agent takes the visitor's conversation (claims it, or joins it). */
  join(): Promise<void>;
  send(text: string): Promise<void>;
  typing(on: boolean): Promise<void>;
  /** Every message stored in the conversation, in order, as the agent's desk reads it. */
  stored(): Promise<{ text: string; clientId: string; sender: 'visitor' | 'agent' | 'system' }[]>;
  /** Whether the agent's desk was told the visitor is typing. */
  sawVisitorTyping(): Promise<boolean>;
  /** The page path of the context the agent sees now. */
  contextPath(): Promise<string | null>;
  /** The visitor's read horizon as the service keeps it (Baton's 1-based index). */
  visitorReadIndex(): Promise<number>;
  /** The agent ends the conversation. */
  close(): Promise<void>;
  /** Transports with media: the attachments stored, per message, in order. */
  storedMedia?(): Promise<{ contentType: string; size: number }[][]>;
}

export interface ConformanceVisitor {
  transport: ChatTransport;
  agent: AgentSide;
  faults: {
    /** The network drops: the transport cannot reach the service until restore(). */
    drop(): Promise<void> | void;
    restore(): Promise<void> | void;
    /** The service refuses the next message the transport sends (throttling). Call just before send(). */
    refuseNextSend(): void;
    /**
     * The visitor's credential expires (Twilio: the access token). Absent for transports whose
     * credential does not expire (the embedded server's is a long-lived random secret).
     */
    expireCredential?(): Promise<void> | void;
    /** The credential is about to expire: the transport refreshes it without dropping the link. */
    credentialAboutToExpire?(): Promise<{ refreshed: () => boolean }>;
  };
  close(): Promise<void>;
}

export interface ConformanceHarness {
  name: string;
  setup(): Promise<void>;
  teardown(): Promise<void>;
  newVisitor(): Promise<ConformanceVisitor>;
  /** The context the visitor is on, at `path`. */
  context(path: string): ContextSnapshot;
}

export { until };

interface Run {
  v: ConformanceVisitor;
  chat: ChatSession;
  events: { [E in keyof ChatTransportEvents]?: ChatTransportEvents[E][] };
  state: () => ChatState;
  texts: () => string[];
}

export function chatTransportConformance(h: ConformanceHarness): void {
  describe(`chat transport conformance: ${h.name}`, () => {
    const runs: Run[] = [];
    beforeAll(() => h.setup());
    afterAll(async () => {
      for (const r of runs) {
        r.chat.destroy();
        await r.v.close();
      }
      await h.teardown();
    });

    /** A visitor whose chat is started and online. */
    const visitor = async (): Promise<Run> => {
      const v = await h.newVisitor();
      const events: Run['events'] = {};
      for (const e of ['state', 'welcome', 'ack', 'message', 'typing', 'status', 'history', 'error'] as const) {
        v.transport.on(e, (p) => ((events[e] ??= []) as unknown[]).push(p));
      }
      const chat = new ChatSession(v.transport, { onStart: () => v.transport.connect(h.context('/product/stormline')) });
      const run: Run = { v, chat, events, state: () => chat.getState(), texts: () => chat.getState().messages.map((m) => m.text) };
      runs.push(run);
      chat.start();
      await until(() => run.state().connection === 'online' && run.state().ready, 'online and welcomed');
      return run;
    };
    const sendAndWait = async (r: Run, text: string) => {
      const sent = r.chat.send(text);
      if (!sent.ok) throw new Error(`send refused: ${sent.reason}`);
      await until(() => r.state().messages.find((m) => m.clientId === sent.clientId)?.status === 'sent', `"${text}" acknowledged`);
      return sent.clientId;
    };

    it('sends: the message is acknowledged with its clientId and stored once for the agent', async () => {
      const r = await visitor();
      const clientId = await sendAndWait(r, 'Hello, is the Stormline waterproof?');
      const ack = r.events.ack!.find((a) => a.clientId === clientId)!;
      expect(ack.message).toMatchObject({ sender: 'visitor', text: 'Hello, is the Stormline waterproof?', index: 1 });
      expect(r.state().conversation?.id).toBe(ack.message.conversationId);
      expect(await r.v.agent.stored()).toEqual([{ text: 'Hello, is the Stormline waterproof?', clientId, sender: 'visitor' }]);
    });

    it('receives the agent\'s messages in order, once each, with the agent\'s name', async () => {
      const r = await visitor();
      await sendAndWait(r, 'Hi');
      await r.v.agent.join();
      await until(() => r.state().conversation?.status === 'active', 'conversation active once the agent joined');
      for (const t of ['One', 'Two', 'Three']) await r.v.agent.send(t);
      await until(() => r.texts().length === 4, 'three agent messages');
      expect(r.texts()).toEqual(['Hi', 'One', 'Two', 'Three']);
      const items = r.state().messages;
      expect(items.map((m) => m.index)).toEqual([1, 2, 3, 4]);
      expect(items.slice(1).every((m) => m.sender === 'agent' && m.agent?.name === 'Sam')).toBe(true);
      expect(r.state().unread).toBe(3);
      r.chat.markRead();
      await until(async () => (await r.v.agent.visitorReadIndex()) === 4, 'the read horizon reaches the service');
    });

    it('stores a resent clientId once and acknowledges it again', async () => {
      const r = await visitor();
      const clientId = await sendAndWait(r, 'Only once please');
      const first = r.events.ack!.find((a) => a.clientId === clientId)!.message;
      const acks = r.events.ack!.length;
      expect(r.v.transport.send({ clientId, text: 'Only once please' })).toBe(true);
      await until(() => r.events.ack!.length === acks + 1, 'the second ack');
      expect(r.events.ack!.at(-1)).toEqual({ clientId, message: first });
      expect((await r.v.agent.stored()).filter((m) => m.clientId === clientId)).toHaveLength(1);
      expect(r.texts()).toEqual(['Only once please']);
    });

    it('carries typing both ways', async () => {
      const r = await visitor();
      await sendAndWait(r, 'Typing test');
      await r.v.agent.join();
      await until(() => r.state().conversation?.status === 'active', 'active');
      r.chat.typing(true);
      await until(() => r.v.agent.sawVisitorTyping(), 'the agent sees the visitor typing');
      await r.v.agent.typing(true);
      await until(() => r.state().agentTyping, 'the visitor sees the agent typing');
      await r.v.agent.typing(false);
      await until(() => !r.state().agentTyping, 'the agent stopped typing');
    });

    it('reconnects by itself and shows the messages missed meanwhile, once each, in order', async () => {
      const r = await visitor();
      await sendAndWait(r, 'Before the drop');
      await r.v.agent.join();
      await r.v.agent.send('Answer 1');
      await until(() => r.texts().length === 2, 'the first answer');
      await r.v.faults.drop();
      await until(() => r.state().connection !== 'online', 'the link is seen down');
      await r.v.agent.send('Missed 1');
      await r.v.agent.send('Missed 2');
      await r.v.faults.restore();
      await until(() => r.state().connection === 'online', 'online again');
      await until(() => r.texts().length === 4, 'the missed messages');
      expect(r.texts()).toEqual(['Before the drop', 'Answer 1', 'Missed 1', 'Missed 2']);
      expect(r.state().messages.map((m) => m.index)).toEqual([1, 2, 3, 4]);
      // And the link works both ways again.
      await sendAndWait(r, 'After the drop');
      await r.v.agent.send('Welcome back');
      await until(() => r.texts().at(-1) === 'Welcome back', 'a live message after the reconnection');
      expect((await r.v.agent.stored()).map((m) => m.text)).toEqual(['Before the drop', 'Answer 1', 'Missed 1', 'Missed 2', 'After the drop', 'Welcome back']);
    });

    it('refreshes an expiring credential and recovers from an expired one, keeping the conversation', async (ctx) => {
      const r = await visitor();
      const { expireCredential, credentialAboutToExpire } = r.v.faults;
      if (!expireCredential || !credentialAboutToExpire) return ctx.skip(); // the credential of this transport does not expire
      await sendAndWait(r, 'Before expiry');
      const conversationId = r.state().conversation!.id;
      const about = await credentialAboutToExpire();
      await until(() => about.refreshed(), 'a fresh credential handed to the client');
      expect(r.state().connection).toBe('online');
      await expireCredential();
      await until(() => r.state().connection !== 'online', 'the expired link is seen down');
      await until(() => r.state().connection === 'online', 'online with a new credential');
      await r.v.agent.join();
      await r.v.agent.send('Still here');
      await until(() => r.texts().at(-1) === 'Still here', 'a message after the recovery');
      await sendAndWait(r, 'Me too');
      expect(r.state().conversation!.id).toBe(conversationId);
      expect((await r.v.agent.stored()).map((m) => m.text)).toEqual(['Before expiry', 'Still here', 'Me too']);
    });

    it('sends context updates the agent sees', async () => {
      const r = await visitor();
      await sendAndWait(r, 'Context test');
      await r.v.agent.join();
      await until(async () => (await r.v.agent.contextPath()) === '/product/stormline', 'the first context');
      r.v.transport.context(h.context('/checkout'));
      await until(async () => (await r.v.agent.contextPath()) === '/checkout', 'the new page', 12_000);
    });

    it('refuses an oversized message with its clientId, stores nothing, and stays connected', async () => {
      const r = await visitor();
      await sendAndWait(r, 'Short one');
      const clientId = 'oversized-0001';
      expect(r.v.transport.send({ clientId, text: 'x'.repeat(MESSAGE_MAX_CHARS + 1) })).toBe(true);
      await until(() => r.events.error?.find((e) => e.clientId === clientId), 'the refusal');
      expect(r.events.error!.find((e) => e.clientId === clientId)!.code).toBe('too_large');
      expect(r.state().connection).toBe('online');
      await sendAndWait(r, 'Still works');
      expect((await r.v.agent.stored()).map((m) => m.text)).toEqual(['Short one', 'Still works']);
    });

    it('reports a message the service refuses as failed, and a retry of the same clientId stores it once', async () => {
      const r = await visitor();
      await sendAndWait(r, 'First');
      r.v.faults.refuseNextSend();
      const sent = r.chat.send('Refused at first');
      if (!sent.ok) throw new Error('not sent');
      await until(() => r.state().messages.find((m) => m.clientId === sent.clientId)?.status === 'failed', 'marked failed');
      expect(r.state().messages.find((m) => m.clientId === sent.clientId)!.error).toBe('rate_limited');
      // The service refused it as rate limited: retried until the service takes it (a service that
      // throttles refills), and each retry is the same clientId.
      await until(() => {
        const m = r.state().messages.find((x) => x.clientId === sent.clientId);
        if (m?.status === 'failed') r.chat.retry(sent.clientId);
        return m?.status === 'sent';
      }, 'sent on retry', 8000, 100);
      expect((await r.v.agent.stored()).filter((m) => m.text === 'Refused at first')).toHaveLength(1);
    });

    it('shows a conversation the agent closed as closed, and the next message opens a new one', async () => {
      const r = await visitor();
      await sendAndWait(r, 'Thanks for the help');
      await r.v.agent.join();
      const first = r.state().conversation!.id;
      await r.v.agent.close();
      await until(() => r.state().conversation?.status === 'closed', 'the conversation shown closed');
      await sendAndWait(r, 'One more question');
      expect(r.state().conversation!.id).not.toBe(first);
      expect(r.texts()).toEqual(['One more question']);
      expect((await r.v.agent.stored()).map((m) => m.text)).toEqual(['One more question']);
      expect(r.state().connection).toBe('online');
    });

    it('sends photos where the transport declares media: limits, progress, stored once, shown by URL', async (ctx) => {
      const r = await visitor();
      const t = r.v.transport;
      if (!t.sendMedia || !t.mediaUrl || !r.v.agent.storedMedia) return ctx.skip(); // text-only transport
      await sendAndWait(r, 'Here is the tear');
      const photo = new Blob([new Uint8Array(2048).fill(7)], { type: 'image/png' });
      const steps: number[] = [];
      expect(t.sendMedia({ clientId: 'photo-00000001', file: photo, filename: 'tear.png', onProgress: (f) => steps.push(f) })).toBe(true);
      await until(() => r.events.ack?.find((a) => a.clientId === 'photo-00000001'), 'the photo acknowledged');
      const message = r.events.ack!.find((a) => a.clientId === 'photo-00000001')!.message;
      expect(message.media).toEqual([{ id: expect.any(String), contentType: 'image/png', filename: 'tear.png', size: 2048 }]);
      expect(steps[0]).toBe(0);
      expect(steps.at(-1)).toBe(1);
      expect(await t.mediaUrl(message.media![0]!.id)).toMatch(/^https:\/\//);
      // A resend of the same clientId is not stored twice.
      const acks = r.events.ack!.length;
      t.sendMedia({ clientId: 'photo-00000001', file: photo, filename: 'tear.png' });
      await until(() => r.events.ack!.length === acks + 1, 'the resend acknowledged');
      // Refused before anything is uploaded: a type that is not an image, a file over the limit.
      t.sendMedia({ clientId: 'photo-notimage1', file: new Blob(['%PDF'], { type: 'application/pdf' }) });
      t.sendMedia({ clientId: 'photo-toolarge1', file: new Blob([new Uint8Array(MEDIA_MAX_BYTES + 1)], { type: 'image/jpeg' }) });
      await until(() => (r.events.error ?? []).filter((e) => e.clientId?.startsWith('photo-')).length === 2, 'both refusals');
      expect(r.events.error!.find((e) => e.clientId === 'photo-notimage1')!.code).toBe('unsupported_media_type');
      expect(r.events.error!.find((e) => e.clientId === 'photo-toolarge1')!.code).toBe('too_large');
      expect(await r.v.agent.storedMedia()).toEqual([[], [{ contentType: 'image/png', size: 2048 }]]);
    });

    it('goes offline for good on disconnect() and refuses sends', async () => {
      const r = await visitor();
      r.v.transport.disconnect();
      expect(r.state().connection).toBe('offline');
      expect(r.v.transport.send({ clientId: 'after-disconnect', text: 'x' })).toBe(false);
      await new Promise((res) => setTimeout(res, 200));
      expect(r.state().connection).toBe('offline');
    });
  });
}
