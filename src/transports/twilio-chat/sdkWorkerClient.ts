/**
 * The page's side of the SDK in a worker: SdkClient proxies (./sdk.ts) that run every call in the
 * worker (./worker/host.ts) over one port and replay its events, so the transport (./transport.ts)
 * cannot tell them from the SDK. Calls get ids and become promises; events arrive in order with the
 * results (./worker/protocol.ts), and each updates the mirrored state (a client's connectionState,
 * a conversation's attributes, state and read horizon) before the listeners run.
 */
import type { Paginator } from '@twilio/conversations';
import type { CreateSdkClient, JSONValue, SdkClient, SdkConnectionState, SdkConversation, SdkConversationEvents, SdkMedia, SdkMessage, SdkParticipant } from './sdk';
import type { Call, ConversationData, FromWorker, MessageData, PageData, Port, Results, ToWorker } from './worker/protocol';

type Listener = (...args: never[]) => void;

/** on()/removeAllListeners() and emit, as the SDK's EventEmitter does it for the transport. */
class Listeners {
  private readonly _byEvent = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this._byEvent.set(event, [...(this._byEvent.get(event) ?? []), listener]);
    return this;
  }
  removeAllListeners(): this {
    this._byEvent.clear();
    return this;
  }
  protected _emit(event: string, ...args: unknown[]): void {
    for (const l of this._byEvent.get(event) ?? []) (l as (...a: unknown[]) => void)(...args);
  }
}

/** Makes SdkClients whose SDK runs behind `port` (a Worker whose host said 'ready'). */
export function connectSdkWorker(port: Port<FromWorker, ToWorker>): CreateSdkClient {
  let nextCall = 1;
  let nextClient = 1;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  const clients = new Map<number, WorkerClient>();

  const call = <Op extends Call['op']>(c: Extract<Call, { op: Op }>): Promise<Results[Op]> =>
    new Promise((resolve, reject) => {
      const id = nextCall++;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      port.postMessage({ t: 'call', id, call: c });
    });

  class WorkerMedia implements SdkMedia {
    constructor(
      private readonly _client: number,
      readonly sid: string,
      readonly filename: string | null,
      readonly contentType: string,
      readonly size: number,
    ) {}
    getContentTemporaryUrl(): Promise<string | null> {
      return call({ op: 'mediaUrl', client: this._client, media: this.sid });
    }
  }
  const message = (client: number, m: MessageData): SdkMessage => ({
    ...m,
    attachedMedia: m.attachedMedia?.map((x) => new WorkerMedia(client, x.sid, x.filename, x.contentType, x.size)) ?? null,
  });
  const page = (client: number, p: PageData): Paginator<SdkMessage> => {
    const follow = (which: 'next' | 'prev') => async () => {
      if (p.paginator === null) throw new Error(`no ${which} page`);
      return page(client, await call({ op: 'page', client, paginator: p.paginator, which }));
    };
    return { items: p.items.map((m) => message(client, m)), hasNextPage: p.hasNextPage, hasPrevPage: p.hasPrevPage, nextPage: follow('next'), prevPage: follow('prev') };
  };

  class WorkerConversation extends Listeners implements SdkConversation {
    attributes: JSONValue = {};
    state: SdkConversation['state'] = undefined;
    lastReadMessageIndex: number | null = null;
    constructor(
      private readonly _client: number,
      readonly sid: string,
    ) {
      super();
    }
    _update(d: ConversationData): void {
      this.attributes = d.attributes;
      this.state = d.state;
      this.lastReadMessageIndex = d.lastReadMessageIndex;
    }
    _event(e: Extract<FromWorker, { t: 'conversation' }>['event']): void {
      const client = this._client;
      if (e.name === 'messageAdded') this._emit(e.name, message(client, e.message));
      else if (e.name === 'participantUpdated') this._emit(e.name, { participant: e.participant as SdkParticipant, updateReasons: e.updateReasons });
      else if (e.name === 'updated') this._emit(e.name, { conversation: this, updateReasons: e.updateReasons } satisfies Parameters<SdkConversationEvents['updated']>[0]);
      else this._emit(e.name, e.participant);
    }
    sendMessage(body: Parameters<SdkConversation['sendMessage']>[0], attributes?: JSONValue): Promise<number> {
      // The transport sends text, or a photo as { contentType, filename, media: Blob } (cloned to the worker).
      if (body !== null && typeof body !== 'string' && !('media' in body && body.media instanceof Blob)) return Promise.reject(new Error('only text and Blob media cross to the SDK worker'));
      const b = body as string | { contentType: string; filename?: string; media: Blob } | null;
      return call({ op: 'send', client: this._client, sid: this.sid, body: typeof b === 'string' || b === null ? b ?? '' : { contentType: b.contentType, filename: b.filename ?? null, media: b.media }, attributes: attributes ?? {} });
    }
    typing(): Promise<void> {
      return call({ op: 'typing', client: this._client, sid: this.sid }).then(() => undefined);
    }
    advanceLastReadMessageIndex(index: number): Promise<number> {
      return call({ op: 'read', client: this._client, sid: this.sid, index });
    }
    async getMessages(pageSize?: number, anchor?: number, direction?: 'backwards' | 'forward'): Promise<Paginator<SdkMessage>> {
      return page(this._client, await call({ op: 'messages', client: this._client, sid: this.sid, pageSize, anchor, direction }));
    }
    async getParticipants(): Promise<SdkParticipant[]> {
      return (await call({ op: 'participants', client: this._client, sid: this.sid })) as SdkParticipant[];
    }
  }

  class WorkerClient extends Listeners implements SdkClient {
    connectionState: SdkConnectionState = 'connecting';
    readonly _conversations = new Map<string, WorkerConversation>();
    private readonly _created: Promise<null>;
    constructor(
      private readonly _id: number,
      token: string,
    ) {
      super();
      clients.set(_id, this);
      this._created = call({ op: 'create', client: _id, token });
    }
    _conversation(sid: string): WorkerConversation {
      let c = this._conversations.get(sid);
      if (!c) this._conversations.set(sid, (c = new WorkerConversation(this._id, sid)));
      return c;
    }
    _event(e: Extract<FromWorker, { t: 'client' }>['event']): void {
      if (e.name === 'connectionStateChanged') {
        this.connectionState = e.state;
        this._emit(e.name, e.state);
      } else if (e.name === 'initFailed') this._emit(e.name, { ...(e.error ? { error: e.error } : {}) });
      else this._emit(e.name);
    }
    async updateToken(token: string): Promise<this> {
      await this._created;
      await call({ op: 'updateToken', client: this._id, token });
      return this;
    }
    async getConversationBySid(sid: string): Promise<SdkConversation> {
      await this._created;
      const data = await call({ op: 'conversation', client: this._id, sid });
      const c = this._conversation(sid);
      c._update(data);
      return c;
    }
    async shutdown(): Promise<void> {
      clients.delete(this._id);
      this.removeAllListeners();
      await call({ op: 'shutdown', client: this._id });
    }
  }

  port.onmessage = ({ data }) => {
    if (data.t === 'result') {
      const w = waiting.get(data.id);
      waiting.delete(data.id);
      if (data.ok) w?.resolve(data.value);
      else w?.reject(Object.assign(new Error(data.error.message), data.error));
    } else if (data.t === 'client') clients.get(data.client)?._event(data.event);
    else if (data.t === 'conversation') {
      // An event may come before the result of getConversationBySid: the proxy is made then.
      const c = clients.get(data.client)?._conversation(data.sid);
      c?._update(data.data);
      c?._event(data.event);
    }
  };
  return (token) => new WorkerClient(nextClient++, token);
}
