/**
 * A fake of Twilio's cloud for Conversations, the only fake the tests allow (the edge of Twilio):
 * one in-memory service seen from both sides, as in production:
 *   - `httpClient`: the REST API the real `twilio` package calls from the server half (conversations
 *     fetched by sid or uniqueName, created, updated; participants added), recording every request;
 *   - `createClient(token)`: what `new Client(token)` of `@twilio/conversations` gives the browser.
 *     FakeClient / FakeConversation / FakeMessage / FakeParticipant implement the transport's SDK
 *     interfaces (src/transports/twilio-chat/sdk.ts), which are Picks of the SDK's own declarations
 *     proven to fit the real classes, so tsc checks this fake against the SDK's types.
 *
 * Event sequences replayed as the SDK documents them: a new client goes connectionStateChanged
 * 'connecting' -> 'connected' (then 'initialized'); a token that does not verify (bad signature,
 * expired, no ChatGrant for the service) gives 'denied' and initFailed; a network drop gives
 * 'connecting' until restored, then 'connected', and events of the gap are NOT replayed (the
 * client must fetch them by index); tokenAboutToExpire before expiry, tokenExpired at expiry with
 * the connection going 'disconnected' (the docs: a new client must be initialised).
 */
import { createHmac } from 'node:crypto';
import type { ConnectionState, ConversationUpdateReason, JSONValue, Paginator, SendMediaOptions } from '@twilio/conversations';
import type {
  SdkClient,
  SdkClientEvents,
  SdkConversation,
  SdkConversationEvents,
  SdkMedia,
  SdkMessage,
  SdkParticipant,
} from '../../src/transports/twilio-chat/sdk';

interface StoredMedia {
  sid: string;
  contentType: string;
  filename: string | null;
  size: number;
}
interface StoredMessage {
  media: StoredMedia[];
  sid: string;
  index: number;
  author: string;
  body: string;
  attributes: JSONValue;
  dateCreated: Date;
}
interface StoredConversation {
  sid: string;
  uniqueName: string | null;
  friendlyName: string;
  attributes: string;
  state: 'active' | 'inactive' | 'closed';
  /** By identity; a messaging participant (SMS, WhatsApp: no identity) by its sid. */
  participants: Map<string, StoredParticipant>;
  messages: StoredMessage[];
}

interface StoredParticipant {
  sid: string;
  /** '' for a messaging participant (Twilio: identity null). */
  identity: string;
  attributes: JSONValue;
  lastRead: number | null;
  /** A messaging participant's binding: the visitor's number and the company's (both `whatsapp:`-prefixed on WhatsApp). */
  binding?: { address: string; proxyAddress: string };
}

/** A text message that went to, or came from, a phone (an SMS or WhatsApp participant). */
export interface PhoneText {
  to: string;
  from: string;
  body: string;
}

export interface RecordedRequest {
  method: string;
  uri: string;
  data: Record<string, unknown> | undefined;
}

/** A Twilio SDK-style error: status + Twilio error code. */
export class FakeTwilioError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: number,
  ) {
    super(message);
  }
}

type Listener = (...args: never[]) => void;
class Emitter {
  private readonly listeners = new Map<string, Set<Listener>>();
  on(event: string, listener: Listener): this {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return this;
  }
  removeAllListeners(): this {
    this.listeners.clear();
    return this;
  }
  protected fire(event: string, ...args: unknown[]): void {
    for (const l of [...(this.listeners.get(event) ?? [])]) (l as (...a: unknown[]) => void)(...args);
  }
}

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

export class FakeMessage implements SdkMessage {
  constructor(private readonly m: StoredMessage) {}
  get sid() {
    return this.m.sid;
  }
  get index() {
    return this.m.index;
  }
  get author() {
    return this.m.author;
  }
  get body() {
    return this.m.body;
  }
  get attributes() {
    return this.m.attributes;
  }
  get dateCreated() {
    return this.m.dateCreated;
  }
  get type() {
    return this.m.media.length ? ('media' as const) : ('text' as const);
  }
  get attachedMedia() {
    return this.m.media.length ? this.m.media.map((x) => new FakeMedia(x)) : null;
  }
}

export class FakeMedia implements SdkMedia {
  constructor(private readonly m: StoredMedia) {}
  get sid() {
    return this.m.sid;
  }
  get filename() {
    return this.m.filename;
  }
  get contentType() {
    return this.m.contentType;
  }
  get size() {
    return this.m.size;
  }
  async getContentTemporaryUrl() {
    return `https://mcs.us1.twilio.com/v1/Services/fake/Media/${this.m.sid}/Content?temporary=1`;
  }
}

export class FakeParticipant implements SdkParticipant {
  readonly identity: string | null;
  readonly type: string;
  constructor(
    readonly sid: string,
    identity: string,
    readonly attributes: JSONValue,
    readonly lastReadMessageIndex: number | null,
    binding?: { address: string },
  ) {
    // As the SDK: a messaging participant has no identity, and its type is its channel.
    this.identity = binding ? null : identity;
    this.type = binding ? (binding.address.startsWith('whatsapp:') ? 'whatsapp' : 'sms') : 'chat';
  }
}
const participantOf = (p: StoredParticipant) => new FakeParticipant(p.sid, p.identity, p.attributes, p.lastRead, p.binding);

class FakePaginator<T> implements Paginator<T> {
  constructor(
    private readonly all: T[],
    private readonly from: number,
    private readonly size: number,
  ) {}
  get items() {
    return this.all.slice(this.from, this.from + this.size);
  }
  get hasNextPage() {
    return this.from + this.size < this.all.length;
  }
  get hasPrevPage() {
    return this.from > 0;
  }
  async nextPage() {
    return new FakePaginator(this.all, this.from + this.size, this.size);
  }
  async prevPage() {
    return new FakePaginator(this.all, Math.max(0, this.from - this.size), this.size);
  }
}

export class FakeConversation extends Emitter implements SdkConversation {
  constructor(
    private readonly cloud: FakeTwilioCloud,
    private readonly client: FakeClient,
    private readonly c: StoredConversation,
  ) {
    super();
  }
  get sid() {
    return this.c.sid;
  }
  get attributes(): JSONValue {
    return JSON.parse(this.c.attributes) as JSONValue;
  }
  get state() {
    return { current: this.c.state, dateUpdated: new Date() };
  }
  get lastReadMessageIndex() {
    return this.c.participants.get(this.client.identity)?.lastRead ?? null;
  }
  private check(): void {
    this.client.ensureConnected();
    if (!this.c.participants.has(this.client.identity)) throw new FakeTwilioError('User not participant of conversation', 403, 50107);
  }
  async sendMessage(message: unknown, messageAttributes?: JSONValue): Promise<number> {
    this.check();
    await tick();
    const refusal = this.cloud.takeRefusal();
    if (refusal) throw refusal;
    if (this.c.state === 'closed') throw new FakeTwilioError('Conversation is closed', 400, 50434);
    if (message && typeof message === 'object' && 'media' in message && message.media instanceof Blob) {
      const options = message as SendMediaOptions & { media: Blob };
      // A media message (SendMediaOptions): Twilio's media service takes files up to 150 MB.
      if (options.media.size > 150 * 1024 * 1024) throw new FakeTwilioError('Media too large', 413, 50511);
      const media = { sid: `ME${String(this.cloud.nextId()).padStart(32, '0')}`, contentType: options.contentType ?? 'application/octet-stream', filename: options.filename ?? null, size: options.media.size };
      return this.cloud.addMessage(this.c, this.client.identity, '', messageAttributes ?? {}, [media]).index;
    }
    if (typeof message !== 'string') throw new FakeTwilioError('Only text and SendMediaOptions in this fake', 400, 50500);
    if (message.length > 32 * 1024) throw new FakeTwilioError('Message body too long', 413, 50511);
    if (messageAttributes !== undefined && Buffer.byteLength(JSON.stringify(messageAttributes)) > 4096) throw new FakeTwilioError('Attributes too long', 400, 50007);
    return this.cloud.addMessage(this.c, this.client.identity, message, messageAttributes ?? {}).index;
  }
  async typing(): Promise<void> {
    this.check();
    this.cloud.typingFrom(this.c, this.client.identity);
  }
  async advanceLastReadMessageIndex(index: number): Promise<number> {
    this.check();
    const p = this.c.participants.get(this.client.identity)!;
    if (p.lastRead === null || index > p.lastRead) p.lastRead = index;
    return this.c.messages.filter((m) => m.index > (p.lastRead ?? -1)).length;
  }
  async getMessages(pageSize = 30, anchor?: number, direction: 'backwards' | 'forward' = 'backwards'): Promise<Paginator<SdkMessage>> {
    this.check();
    await tick();
    this.cloud.reads.push({ identity: this.client.identity, pageSize, anchor, direction });
    const all = this.c.messages.map((m) => new FakeMessage(m));
    if (direction === 'forward') {
      const from = all.findIndex((m) => m.index >= (anchor ?? 0));
      return new FakePaginator(from < 0 ? [] : all.slice(from), 0, pageSize);
    }
    const upTo = anchor === undefined ? all.length : all.findIndex((m) => m.index > anchor);
    const slice = all.slice(0, upTo < 0 ? all.length : upTo);
    return new FakePaginator(slice.slice(-pageSize), 0, pageSize);
  }
  async getParticipants(): Promise<SdkParticipant[]> {
    this.check();
    return [...this.c.participants.values()].map(participantOf);
  }
  emitEvent<E extends keyof SdkConversationEvents>(event: E, ...args: Parameters<SdkConversationEvents[E]>): void {
    this.fire(event, ...args);
  }
}

export class FakeClient extends Emitter implements SdkClient {
  connectionState: ConnectionState = 'connecting';
  identity = '';
  token: string;
  shutDown = false;
  private readonly conversations = new Map<string, FakeConversation>();
  private ready: Promise<void>;

  constructor(
    private readonly cloud: FakeTwilioCloud,
    token: string,
  ) {
    super();
    this.token = token;
    this.ready = this.connect();
    this.ready.catch(() => undefined); // reported through initFailed; getConversationBySid rethrows
  }

  private async connect(): Promise<void> {
    await tick();
    this.setConnection('connecting');
    await tick();
    const who = this.cloud.verifyToken(this.token);
    if (!who.ok) {
      this.setConnection('denied');
      this.fire('initFailed', { error: { terminal: true, message: who.reason } });
      throw new FakeTwilioError(who.reason, 401, 51007);
    }
    this.identity = who.identity;
    if (!this.cloud.online) await this.cloud.whenOnline();
    if (this.shutDown) return;
    this.setConnection('connected');
    this.fire('stateChanged', 'initialized');
    this.fire('initialized');
  }

  setConnection(s: ConnectionState): void {
    if (this.shutDown || this.connectionState === s) return;
    this.connectionState = s;
    this.fire('connectionStateChanged', s);
  }

  ensureConnected(): void {
    if (this.shutDown || this.connectionState !== 'connected') throw new FakeTwilioError('Twilsock is disconnected', 503, 0);
  }

  async shutdown(): Promise<void> {
    this.shutDown = true;
    this.cloud.clients.delete(this);
    this.removeAllListeners();
  }

  async updateToken(token: string): Promise<FakeClient> {
    const who = this.cloud.verifyToken(token);
    if (!who.ok) throw new FakeTwilioError(who.reason, 401, 51007);
    if (who.identity !== this.identity) throw new FakeTwilioError('Identity must not change', 400, 51000);
    this.token = token;
    this.cloud.tokenUpdates++;
    return this;
  }

  async getConversationBySid(sid: string): Promise<FakeConversation> {
    await this.ready;
    const c = this.cloud.bySid(sid);
    if (!c || !c.participants.has(this.identity)) throw new FakeTwilioError('Forbidden', 403, 50107);
    let conv = this.conversations.get(sid);
    if (!conv) this.conversations.set(sid, (conv = new FakeConversation(this.cloud, this, c)));
    return conv;
  }

  // ---- the cloud's side ----
  deliver<E extends keyof SdkConversationEvents>(sid: string, event: E, ...args: Parameters<SdkConversationEvents[E]>): void {
    if (this.connectionState !== 'connected') return; // missed: fetched by index after reconnecting
    this.conversations.get(sid)?.emitEvent(event, ...args);
  }
  clientEvent<E extends keyof SdkClientEvents>(event: E, ...args: Parameters<SdkClientEvents[E]>): void {
    this.fire(event, ...args);
  }
}

/** What a token check says. */
type TokenCheck = { ok: true; identity: string } | { ok: false; reason: string };

export interface FakeTwilioCloudOptions {
  accountSid: string;
  apiKey: string;
  apiSecret: string;
  serviceSid: string;
}

export class FakeTwilioCloud {
  readonly requests: RecordedRequest[] = [];
  /** getMessages calls (who, anchor, direction): proves missed messages are fetched by index. */
  readonly reads: { identity: string; pageSize: number; anchor: number | undefined; direction: string }[] = [];
  readonly clients = new Set<FakeClient>();
  tokenUpdates = 0;
  online = true;
  /** Tokens expired by expireTokens(), whatever their exp says. */
  private readonly expired = new Set<string>();
  private readonly convs = new Map<string, StoredConversation>();
  private next = 1;
  private refusals: FakeTwilioError[] = [];
  private onlineWaiters: (() => void)[] = [];

  constructor(readonly options: FakeTwilioCloudOptions) {}

  readonly createClient = (token: string): FakeClient => {
    const c = new FakeClient(this, token);
    this.clients.add(c);
    return c;
  };

  verifyToken(token: string): TokenCheck {
    const [h, p, s] = token.split('.');
    if (!h || !p || !s) return { ok: false, reason: 'malformed token' };
    if (createHmac('sha256', this.options.apiSecret).update(`${h}.${p}`).digest('base64url') !== s) return { ok: false, reason: 'bad signature' };
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as { iss: string; sub: string; exp: number; iat: number; grants?: { identity?: string; chat?: { service_sid?: string } } };
    if (payload.iss !== this.options.apiKey || payload.sub !== this.options.accountSid) return { ok: false, reason: 'wrong key or account' };
    if (payload.exp * 1000 <= Date.now() || this.expired.has(token)) return { ok: false, reason: 'token expired' };
    if (payload.grants?.chat?.service_sid !== this.options.serviceSid || !payload.grants.identity) return { ok: false, reason: 'no ChatGrant for the service' };
    return { ok: true, identity: payload.grants.identity };
  }

  bySid(key: string): StoredConversation | undefined {
    return this.convs.get(key) ?? [...this.convs.values()].find((c) => c.uniqueName === key);
  }

  conversation(uniqueName: string): StoredConversation | undefined {
    return this.bySid(uniqueName);
  }

  nextId(): number {
    return this.next++;
  }

  addMessage(c: StoredConversation, author: string, body: string, attributes: JSONValue, media: StoredMedia[] = []): StoredMessage {
    const m: StoredMessage = { media, sid: `IM${String(this.next++).padStart(32, '0')}`, index: c.messages.length, author, body, attributes, dateCreated: new Date() };
    c.messages.push(m);
    for (const client of this.clients) client.deliver(c.sid, 'messageAdded', new FakeMessage(m));
    // As Conversations does: every message goes out to the conversation's phones, but never back to its own author.
    for (const p of c.participants.values()) if (p.binding && p.binding.address !== author) this.texts.push({ to: p.binding.address, from: p.binding.proxyAddress, body });
    return m;
  }

  /** Texts sent to phones (SMS/WhatsApp participants) and received from them, in order. */
  readonly texts: PhoneText[] = [];
  /**
   * A text from a phone to the company's number (Twilio's inbound SMS or WhatsApp message): it lands
   * in the open conversation holding that pair, authored by the phone's address, as Conversations does.
   */
  textFrom(address: string, proxyAddress: string, body: string): StoredMessage {
    const c = [...this.convs.values()].find((x) => x.state !== 'closed' && [...x.participants.values()].some((p) => p.binding?.address === address && p.binding.proxyAddress === proxyAddress));
    if (!c) throw new Error(`no open conversation for ${address} -> ${proxyAddress}`);
    this.texts.push({ to: proxyAddress, from: address, body });
    return this.addMessage(c, address, body, {});
  }

  /** Who sent typing(), in order (what an agent desk would show). */
  readonly typingLog: string[] = [];
  typingFrom(c: StoredConversation, identity: string): void {
    this.typingLog.push(identity);
    const p = c.participants.get(identity);
    if (!p) return;
    const participant = participantOf(p);
    for (const client of this.clients) if (client.identity !== identity) client.deliver(c.sid, 'typingStarted', participant);
  }

  // ---- acting as the agent (Flex, or any desk on the REST API) ----
  agentJoin(uniqueName: string, identity: string, friendlyName: string): void {
    const c = this.mustFind(uniqueName);
    const p = { sid: `MB${String(this.next++).padStart(32, '0')}`, identity, attributes: { friendlyName } as JSONValue, lastRead: null };
    c.participants.set(identity, p);
    for (const client of this.clients) client.deliver(c.sid, 'participantJoined', new FakeParticipant(p.sid, identity, p.attributes, null));
  }
  agentSend(uniqueName: string, identity: string, text: string): void {
    this.addMessage(this.mustFind(uniqueName), identity, text, {});
  }
  agentTyping(uniqueName: string, identity: string, on: boolean): void {
    const c = this.mustFind(uniqueName);
    const p = c.participants.get(identity)!;
    const participant = new FakeParticipant(p.sid, identity, p.attributes, p.lastRead);
    for (const client of this.clients) if (client.identity !== identity) client.deliver(c.sid, on ? 'typingStarted' : 'typingEnded', participant);
  }
  close(uniqueName: string): void {
    const c = this.mustFind(uniqueName);
    c.state = 'closed';
    for (const client of this.clients) client.deliver(c.sid, 'updated', { conversation: null as unknown as SdkConversation, updateReasons: ['state'] as ConversationUpdateReason[] });
  }
  private mustFind(key: string): StoredConversation {
    const c = this.bySid(key);
    if (!c) throw new Error(`no conversation ${key}`);
    return c;
  }

  // ---- faults ----
  /** The network drops: every client goes 'connecting' and misses what happens until restore(). */
  drop(): void {
    this.online = false;
    for (const c of this.clients) c.setConnection('connecting');
  }
  restore(): void {
    this.online = true;
    for (const c of this.clients) c.setConnection('connected');
    for (const w of this.onlineWaiters.splice(0)) w();
  }
  whenOnline(): Promise<void> {
    return new Promise((r) => this.onlineWaiters.push(r));
  }
  /** The next sendMessage is refused (429 Too Many Requests, as Twilio throttles). */
  refuseNextSend(): void {
    this.refusals.push(new FakeTwilioError('Too many requests', 429, 20429));
  }
  takeRefusal(): FakeTwilioError | undefined {
    return this.refusals.shift();
  }
  /** Three minutes before expiry the SDK says so: tokenAboutToExpire on every client. */
  tokenAboutToExpire(): void {
    for (const c of this.clients) c.clientEvent('tokenAboutToExpire');
  }
  /** The tokens expire now: tokenExpired, then the connection goes 'disconnected' (for good). */
  expireTokens(): void {
    for (const c of [...this.clients]) {
      this.expired.add(c.token);
      c.clientEvent('tokenExpired');
      c.setConnection('disconnected');
    }
  }

  // ---- the REST API, for the real `twilio` package (a RequestClient stand-in) ----
  readonly httpClient = {
    request: async (opts: { method: string; uri: string; data?: Record<string, unknown>; params?: Record<string, unknown> }) => {
      const method = opts.method.toUpperCase();
      this.requests.push({ method, uri: opts.uri, data: opts.data });
      return this.rest(method, opts.uri, { ...opts.params, ...opts.data });
    },
  };

  /** Flex interactions created (Flex Interactions API), as posted. */
  readonly interactions: { channel: unknown; routing: unknown }[] = [];
  /** TaskRouter workers of any workspace (Flex agents), `available` when their activity is. */
  readonly workers: { sid: string; name: string; available: boolean }[] = [];

  private rest(method: string, uri: string, data: Record<string, unknown>) {
    const json = (statusCode: number, body: unknown) => ({ statusCode, body: JSON.stringify(body), headers: {} });
    if (uri === 'https://flex-api.twilio.com/v1/Interactions' && method === 'POST') {
      const channel = JSON.parse(String(data.Channel)) as unknown;
      const routing = JSON.parse(String(data.Routing)) as unknown;
      this.interactions.push({ channel, routing });
      return json(201, { sid: `KD${String(this.next++).padStart(32, '0')}`, channel, routing, url: uri });
    }
    const ws = /^https:\/\/taskrouter\.twilio\.com\/v1\/Workspaces\/(WS[0-9a-f]{32})\/Workers$/i.exec(uri);
    if (ws && method === 'GET') {
      const list = this.workers.filter((w) => data.Available === undefined || String(data.Available) === String(w.available));
      const meta = { page: 0, page_size: 50, first_page_url: uri, previous_page_url: null, url: uri, next_page_url: null, key: 'workers' };
      return json(200, { workers: list.map((w) => ({ sid: w.sid, friendly_name: w.name, available: w.available, activity_name: w.available ? 'Available' : 'Offline', workspace_sid: ws[1] })), meta });
    }
    const base = `https://conversations.twilio.com/v1/Services/${this.options.serviceSid}/Conversations`;
    const view = (c: StoredConversation) => ({ sid: c.sid, unique_name: c.uniqueName, friendly_name: c.friendlyName, attributes: c.attributes, chat_service_sid: this.options.serviceSid, account_sid: this.options.accountSid, state: c.state });
    if (!uri.startsWith(base)) return json(404, { status: 404, code: 20404, message: 'The requested resource was not found' });
    const rest = uri.slice(base.length);
    if (rest === '' && method === 'POST') {
      const uniqueName = data.UniqueName === undefined ? null : String(data.UniqueName);
      if (uniqueName && this.bySid(uniqueName)) return json(409, { status: 409, code: 50353, message: 'Conversation with provided unique name already exists' });
      const attributes = String(data.Attributes ?? '{}');
      if (Buffer.byteLength(attributes) > 16 * 1024) return json(400, { status: 400, code: 50007, message: 'Attributes too long' });
      const c: StoredConversation = { sid: `CH${String(this.next++).padStart(32, '0')}`, uniqueName, friendlyName: String(data.FriendlyName ?? ''), attributes, state: 'active', participants: new Map(), messages: [] };
      this.convs.set(c.sid, c);
      return json(201, view(c));
    }
    const m = /^\/([^/]+)(\/Participants|\/Messages)?(?:\/([^/]+))?$/.exec(rest);
    const c = m ? this.bySid(decodeURIComponent(m[1]!)) : undefined;
    if (!m || !c) return json(404, { status: 404, code: 20404, message: 'The requested resource was not found' });
    const meta = (key: string) => ({ page: 0, page_size: 50, first_page_url: uri, previous_page_url: null, url: uri, next_page_url: null, key });
    const participantView = (p: StoredParticipant) => ({
      sid: p.sid,
      conversation_sid: c.sid,
      identity: p.binding ? null : p.identity,
      attributes: JSON.stringify(p.attributes ?? {}),
      messaging_binding: p.binding ? { type: p.binding.address.startsWith('whatsapp:') ? 'whatsapp' : 'sms', address: p.binding.address, proxy_address: p.binding.proxyAddress } : null,
    });
    if (m[2] === '/Participants') {
      const one = m[3] ? [...c.participants.values()].find((p) => p.sid === decodeURIComponent(m[3]!) || p.identity === decodeURIComponent(m[3]!)) : undefined;
      if (m[3] && !one) return json(404, { status: 404, code: 20404, message: 'The requested resource was not found' });
      if (one && method === 'POST') {
        if (data.Attributes !== undefined) one.attributes = JSON.parse(String(data.Attributes)) as JSONValue;
        const participant = participantOf(one);
        for (const client of this.clients) client.deliver(c.sid, 'participantUpdated', { participant, updateReasons: ['attributes'] });
      }
      if (one) return json(200, participantView(one));
      if (method === 'GET') return json(200, { participants: [...c.participants.values()].map(participantView), meta: meta('participants') });
      const attributes = (data.Attributes === undefined ? {} : JSON.parse(String(data.Attributes))) as JSONValue;
      const address = data['MessagingBinding.Address'];
      if (address !== undefined) {
        // A messaging participant ("Add an SMS participant"): Twilio's checks, with its error codes.
        const proxyAddress = data['MessagingBinding.ProxyAddress'];
        if (typeof proxyAddress !== 'string' || proxyAddress === '') return json(400, { status: 400, code: 50412, message: 'Participant proxy address is empty' });
        const e164 = /^(whatsapp:)?\+[1-9][0-9]{6,14}$/;
        if (typeof address !== 'string' || !e164.test(address)) return json(400, { status: 400, code: 50407, message: 'Invalid messaging binding address' });
        if (!e164.test(proxyAddress) || address.startsWith('whatsapp:') !== proxyAddress.startsWith('whatsapp:')) return json(400, { status: 400, code: 50408, message: 'Invalid participant proxy address' });
        if (address === proxyAddress) return json(400, { status: 400, code: 50409, message: 'Participant address equals proxy address' });
        const taken = [...this.convs.values()].some((x) => x.state !== 'closed' && [...x.participants.values()].some((q) => q.binding?.address === address && q.binding.proxyAddress === proxyAddress));
        if (taken) return json(409, { status: 409, code: 50416, message: 'Participant and proxy address pair is already in use' });
        const sid = `MB${String(this.next++).padStart(32, '0')}`;
        const p: StoredParticipant = { sid, identity: '', attributes, lastRead: null, binding: { address, proxyAddress } };
        c.participants.set(sid, p);
        for (const client of this.clients) client.deliver(c.sid, 'participantJoined', participantOf(p));
        return json(201, participantView(p));
      }
      const identity = String(data.Identity);
      if (c.participants.has(identity)) return json(409, { status: 409, code: 50433, message: 'Participant already exists' });
      const p: StoredParticipant = { sid: `MB${String(this.next++).padStart(32, '0')}`, identity, attributes, lastRead: null };
      c.participants.set(identity, p);
      for (const client of this.clients) client.deliver(c.sid, 'participantJoined', participantOf(p));
      return json(201, participantView(p));
    }
    if (m[2] === '/Messages') {
      const messageView = (x: StoredMessage) => ({ sid: x.sid, conversation_sid: c.sid, index: x.index, author: x.author, body: x.body, attributes: JSON.stringify(x.attributes ?? {}), date_created: x.dateCreated.toISOString() });
      if (method === 'POST') return json(201, messageView(this.addMessage(c, String(data.Author ?? 'system'), String(data.Body ?? ''), JSON.parse(String(data.Attributes ?? '{}')) as JSONValue)));
      const size = Number(data.PageSize ?? 50);
      const list = data.Order === 'desc' ? [...c.messages].reverse() : c.messages;
      return json(200, { messages: list.slice(0, size).map(messageView), meta: meta('messages') });
    }
    if (method === 'POST') {
      if (data.Attributes !== undefined) {
        const attributes = String(data.Attributes);
        if (Buffer.byteLength(attributes) > 16 * 1024) return json(400, { status: 400, code: 50007, message: 'Attributes too long' });
        c.attributes = attributes;
        // As the SDK does: participants' clients hear that the conversation's attributes changed.
        for (const client of this.clients) client.deliver(c.sid, 'updated', { conversation: null as unknown as SdkConversation, updateReasons: ['attributes'] as ConversationUpdateReason[] });
      }
      if (data.UniqueName !== undefined) {
        const name = String(data.UniqueName);
        const other = this.bySid(name);
        if (other && other !== c) return json(409, { status: 409, code: 50353, message: 'Conversation with provided unique name already exists' });
        c.uniqueName = name;
      }
      if (data.State !== undefined) c.state = String(data.State) as StoredConversation['state'];
    }
    return json(200, view(c));
  }
}
