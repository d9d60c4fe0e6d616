/**
 * The worker's side of the SDK protocol (./protocol.ts): runs the real SDK clients the page asks
 * for and answers with plain data. It holds the SDK's objects (clients, conversations, paginators,
 * media) by id; the page holds only proxies (../sdkWorkerClient.ts). Written against the narrow
 * Sdk* interfaces (../sdk.ts), so the unit tests run it over a MessageChannel with the fake SDK.
 */
import type { CreateSdkClient, SdkClient, SdkConversation, SdkMedia, SdkMessage, SdkParticipant } from '../sdk';
import type { Paginator } from '@twilio/conversations';
import type { Call, ConversationData, ConversationEvent, ErrorData, FromWorker, MessageData, PageData, ParticipantData, Port, Results, ToWorker } from './protocol';

/** Paginators kept for a later nextPage()/prevPage(): the transport follows each page at most once, soon. */
const PAGINATORS_KEPT = 32;

interface Hosted {
  client: SdkClient;
  conversations: Map<string, SdkConversation>;
  paginators: Map<number, Paginator<SdkMessage>>;
  media: Map<string, SdkMedia>;
}

export const participantData = (p: SdkParticipant): ParticipantData => ({ sid: p.sid, identity: p.identity, attributes: p.attributes, lastReadMessageIndex: p.lastReadMessageIndex, type: p.type });
export const conversationData = (c: SdkConversation): ConversationData => ({
  sid: c.sid,
  attributes: c.attributes,
  state: c.state ? { ...c.state } : undefined,
  lastReadMessageIndex: c.lastReadMessageIndex,
});
const errorData = (e: unknown): ErrorData => {
  const x = e as { message?: unknown; status?: unknown; code?: unknown } | null;
  return {
    message: typeof x?.message === 'string' ? x.message : String(e),
    ...(typeof x?.status === 'number' ? { status: x.status } : {}),
    ...(typeof x?.code === 'number' ? { code: x.code } : {}),
  };
};

/** Serves `port` (the worker's scope) with clients made by `create`. */
export function serveSdk(port: Port<ToWorker, FromWorker>, create: CreateSdkClient): void {
  const hosted = new Map<number, Hosted>();
  let nextPaginator = 1;
  const post = (m: FromWorker) => port.postMessage(m);

  const of = (client: number): Hosted => {
    const h = hosted.get(client);
    if (!h) throw new Error('this client was shut down');
    return h;
  };
  const messageData = (h: Hosted, m: SdkMessage): MessageData => ({
    sid: m.sid,
    index: m.index,
    author: m.author,
    body: m.body,
    attributes: m.attributes,
    dateCreated: m.dateCreated,
    type: m.type,
    attachedMedia:
      m.attachedMedia?.map((x) => {
        h.media.set(x.sid, x);
        return { sid: x.sid, filename: x.filename, contentType: x.contentType, size: x.size };
      }) ?? null,
  });
  const pageData = (h: Hosted, p: Paginator<SdkMessage>): PageData => {
    let paginator: number | null = null;
    if (p.hasNextPage || p.hasPrevPage) {
      paginator = nextPaginator++;
      h.paginators.set(paginator, p);
      if (h.paginators.size > PAGINATORS_KEPT) h.paginators.delete(h.paginators.keys().next().value!);
    }
    return { items: p.items.map((m) => messageData(h, m)), paginator, hasNextPage: p.hasNextPage, hasPrevPage: p.hasPrevPage };
  };
  const conversation = (h: Hosted, sid: string): SdkConversation => {
    const c = h.conversations.get(sid);
    if (!c) throw new Error(`no conversation ${sid} on this client`);
    return c;
  };

  /** Listens once to a conversation the page asked for, forwarding its events with its state after them. */
  const listen = (client: number, h: Hosted, c: SdkConversation) => {
    const send = (event: ConversationEvent) => post({ t: 'conversation', client, sid: c.sid, data: conversationData(c), event });
    c.on('messageAdded', (m) => send({ name: 'messageAdded', message: messageData(h, m) }));
    for (const name of ['typingStarted', 'typingEnded', 'participantJoined', 'participantLeft'] as const) {
      c.on(name, (p: SdkParticipant) => send({ name, participant: participantData(p) }));
    }
    c.on('participantUpdated', ({ participant, updateReasons }) => send({ name: 'participantUpdated', participant: participantData(participant), updateReasons: [...updateReasons] }));
    c.on('updated', ({ updateReasons }) => send({ name: 'updated', updateReasons: [...updateReasons] }));
  };

  const run = async (call: Call): Promise<Results[Call['op']]> => {
    switch (call.op) {
      case 'create': {
        const client = create(call.token);
        const h: Hosted = { client, conversations: new Map(), paginators: new Map(), media: new Map() };
        hosted.set(call.client, h);
        const id = call.client;
        client.on('connectionStateChanged', (state) => post({ t: 'client', client: id, event: { name: 'connectionStateChanged', state } }));
        client.on('tokenAboutToExpire', () => post({ t: 'client', client: id, event: { name: 'tokenAboutToExpire' } }));
        client.on('tokenExpired', () => post({ t: 'client', client: id, event: { name: 'tokenExpired' } }));
        client.on('initFailed', ({ error }) =>
          post({ t: 'client', client: id, event: { name: 'initFailed', ...(error ? { error: { terminal: !!error.terminal, message: String(error.message) } } : {}) } }),
        );
        return null;
      }
      case 'updateToken':
        await of(call.client).client.updateToken(call.token);
        return null;
      case 'shutdown': {
        const h = hosted.get(call.client);
        hosted.delete(call.client);
        if (!h) return null;
        for (const c of h.conversations.values()) c.removeAllListeners();
        h.client.removeAllListeners();
        await h.client.shutdown();
        return null;
      }
      case 'conversation': {
        const h = of(call.client);
        const c = await h.client.getConversationBySid(call.sid);
        if (h.conversations.get(call.sid) !== c) {
          h.conversations.set(call.sid, c);
          listen(call.client, h, c);
        }
        return conversationData(c);
      }
      case 'send':
        return conversation(of(call.client), call.sid).sendMessage(call.body as Parameters<SdkConversation['sendMessage']>[0], call.attributes);
      case 'typing':
        await conversation(of(call.client), call.sid).typing();
        return null;
      case 'read':
        return conversation(of(call.client), call.sid).advanceLastReadMessageIndex(call.index);
      case 'messages': {
        const h = of(call.client);
        return pageData(h, await conversation(h, call.sid).getMessages(call.pageSize, call.anchor, call.direction));
      }
      case 'page': {
        const h = of(call.client);
        const p = h.paginators.get(call.paginator);
        if (!p) throw new Error('this page is no longer kept');
        h.paginators.delete(call.paginator);
        return pageData(h, await (call.which === 'next' ? p.nextPage() : p.prevPage()));
      }
      case 'participants':
        return (await conversation(of(call.client), call.sid).getParticipants()).map(participantData);
      case 'mediaUrl': {
        const m = of(call.client).media.get(call.media);
        return m ? m.getContentTemporaryUrl() : null;
      }
    }
  };

  port.onmessage = ({ data }) => {
    if (data?.t !== 'call') return;
    const { id, call } = data;
    run(call).then(
      (value) => post({ t: 'result', id, ok: true, value }),
      (e: unknown) => post({ t: 'result', id, ok: false, error: errorData(e) }),
    );
  };
}
