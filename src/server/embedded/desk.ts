/**
 * The help desk's shared moves: what both visitor and agent handlers need to tell the other side
 * (status, queue, presence, context). Storage is ChatStore's, sockets are Hub's; the Desk decides
 * who hears about a change. The queue agents see is ./queueFeed.ts: a snapshot once, then changes.
 */
import { TEAM_LISTED_MAX, type AgentServerFrame, type ChatMessage, type VisitorServerFrame } from '../../protocol/chat';
import type { ContextSnapshot, JourneyEntry } from '../../protocol/context';
import { joinJourneys } from './handoffs';
import type { AgentStore } from './agentStore';
import { isQueued, storedContext, type ChatStore, type ConversationRecord, type QueueEntry } from './chatStore';
import type { Hub } from './hub';
import { KeyedThrottle } from './keyedThrottle';
import { CONTEXT_PUSH_MIN_INTERVAL_MS, QUEUE_BROADCAST_MIN_INTERVAL_MS, QUEUE_UPDATE_MIN_INTERVAL_MS } from './limits';
import { QueueFeed } from './queueFeed';
import type { BotTurns } from './bot';
import type { ReplyMail } from './replyMail';
import type { ConversationSearch } from './conversationSearch';
import type { AutoAssign } from './assignment';
import { withUserAgent } from './userAgent';
import { verifyContext } from './verifyContext';

export class Desk {
  /** The next queue flush, and when it is due. */
  private flushTimer: { at: number; cancel(): void } | null = null;
  private lastQueueFlush = 0;
  /** Conversations whose place in the queue may have changed since the last flush. */
  private readonly dirty = new Set<string>();
  /** A change whose conversation is unknown: the next flush compares the whole queue. */
  private rescan = false;
  /** The queue as agents were last told it. */
  readonly queue: QueueFeed;
  /** The site's bot (./bot.ts), when createEmbeddedServer has one: it answers new conversations first. */
  bots: BotTurns | null = null;
  /** Replies by e-mail (./replyMail.ts), when createEmbeddedServer has a mailer. */
  mail: ReplyMail | null = null;
  /** A person's conversations, search and tags (./conversationSearch.ts), set by createEmbeddedServer. */
  search: ConversationSearch | null = null;
  /** Automatic assignment (./assignment.ts), when createEmbeddedServer turns it on. */
  assigner: AutoAssign | null = null;
  /** The console sets an agent away after this long without input (null: never); told in `welcome`. */
  autoAwayMs: number | null = null;
  /** A visitor's context is stored and pushed at most once per CONTEXT_PUSH_MIN_INTERVAL_MS (the latest wins). */
  private readonly contexts = new KeyedThrottle<{ snapshot: ContextSnapshot; now: number; userAgent: string | undefined }>(CONTEXT_PUSH_MIN_INTERVAL_MS, (visitorId, c) =>
    this.storeContext(visitorId, c.snapshot, c.now, c.userAgent),
  );

  constructor(
    readonly store: ChatStore,
    readonly agents: AgentStore,
    readonly hub: Hub,
    /** null: no identity signing, nothing is ever verified. */
    private readonly identitySecret: string | null,
  ) {
    this.queue = new QueueFeed(QUEUE_UPDATE_MIN_INTERVAL_MS, store.queue());
  }

  // ---- visitor status ----

  statusFrame(conversation: ConversationRecord): Extract<VisitorServerFrame, { type: 'status' }> {
    return {
      type: 'status',
      conversationId: conversation.id,
      status: conversation.status,
      agent: conversation.agentId ? this.agents.publicById(conversation.agentId) : null,
      position: this.store.position(conversation),
      agentsOnline: this.hub.agentsOnline(),
      ...(conversation.botState ? { bot: conversation.botState } : {}),
      ...(conversation.email ? { email: conversation.email } : {}),
      ...this.store.surveyField(conversation),
      ...this.mail?.transcripts.field(conversation.id),
      ...this.store.seenField(conversation),
    };
  }

  /** Every socket of the conversation's visitor gets its status (claimed, closed, offline, opened). */
  tellVisitorStatus(conversation: ConversationRecord): void {
    const sockets = this.hub.socketsOfVisitor(conversation.visitorId);
    if (sockets.length === 0) return;
    const frame = this.statusFrame(conversation);
    const data = JSON.stringify(frame);
    for (const conn of sockets) {
      conn.lastPosition = frame.position;
      conn.sendRaw(data);
    }
  }

  /** Who of the team is signed in and their presence, to every agent (`team`); assignment looks again. */
  teamChanged(): void {
    this.hub.toAllAgents(this.teamFrame());
    this.assigner?.schedule();
  }

  /** Signed-in agents with presence and skills, and every enabled agent's skills (a transfer's skill queues). */
  teamFrame(): Extract<AgentServerFrame, { type: 'team' }> {
    const routing = this.agents.routing();
    const agents = this.hub.teamPresence(TEAM_LISTED_MAX).map((a) => {
      const skills = routing.get(a.id)?.skills;
      return skills?.length ? { ...a, skills } : a;
    });
    const skills = new Set<string>();
    for (const r of routing.values()) for (const k of r.skills) skills.add(k);
    return { type: 'team', agents, ...(skills.size ? { skills: [...skills].sort() } : {}) };
  }

  /**
   * Gives a queued conversation to an agent (their claim, or automatic assignment): they get it in
   * full, its visitor the agent's name, the others the queue without it. Null when it was no longer queued.
   */
  handTo(conversationId: string, agentId: string): ConversationRecord | null {
    if (!this.store.transaction(() => this.store.claim(conversationId, agentId))) return null;
    const claimed = this.store.conversation(conversationId)!;
    this.hub.dropViewers(claimed.id); // it is this agent's now, not a queue item others may look into
    this.hub.toAgent(agentId, { type: 'conversation', conversation: this.store.detail(claimed) });
    this.tellVisitorStatus(claimed);
    this.queueChanged(claimed.id);
    return claimed;
  }

  /** agentsOnline changed: visitors with a conversation get `status`, the others `presence`; agents get `team`. */
  presenceChanged(): void {
    this.teamChanged();
    const now = Date.now();
    const agentsOnline = this.hub.agentsOnline();
    const byVisitor = new Map<string, string>();
    for (const conn of this.hub.visitorSockets()) {
      const visitorId = conn.visitorId!;
      let data = byVisitor.get(visitorId);
      if (data === undefined) {
        const conversation = this.store.currentConversationOf(visitorId, now);
        data = JSON.stringify(conversation ? this.statusFrame(conversation) : { type: 'presence', agentsOnline });
        byVisitor.set(visitorId, data);
      }
      conn.sendRaw(data);
    }
  }

  // ---- context ----

  /**
   * A visitor's latest context: verified, stored, and pushed (same tick, no polling) to the agents
   * who have the visitor's open conversation claimed or open. At most once a second per visitor:
   * the first at once, the latest of the rest at the end of the second (a storm of `context`
   * frames costs one write and one frame per agent a second).
   */
  applyContext(visitorId: string, snapshot: ContextSnapshot, now: number, userAgent?: string): void {
    this.contexts.push(visitorId, { snapshot, now, userAgent });
  }

  /**
   * Opens a conversation for the visitor with their latest context (one still held back by the
   * once-a-second limit is stored first). Call inside `store.transaction()`.
   */
  openConversation(a: { visitorId: string; status: 'waiting' | 'offline'; email: string | null; now: number; bot?: boolean }): ConversationRecord {
    this.contexts.flush(a.visitorId);
    return this.store.createConversation(a);
  }

  /**
   * The journey a conversation had before a device switch ("Continue on your phone":
   * ./handoffs.ts), joined under the new device's own; unset: none.
   */
  journeyBefore: ((conversationId: string) => JourneyEntry[]) | null = null;

  private storeContext(visitorId: string, snapshot: ContextSnapshot, now: number, userAgent: string | undefined): void {
    const verified = withUserAgent(verifyContext(snapshot, this.identitySecret, now), userAgent);
    const before = this.store.openConversationOf(visitorId);
    const earlier = before && this.journeyBefore ? this.journeyBefore(before.id) : [];
    if (earlier.length) verified.journey = joinJourneys(earlier, verified.journey);
    // How the conversation started stays with it: the proactive offer the visitor accepted
    // (`trigger`, set on that page only) is kept when a later page's or a reload's context has none;
    // so is the way the visitor chose to be reached (`preferences`, issue 15) until they use another,
    // and the QR code they scanned (`entry`, issue 19, with the server's verdict of then).
    if (before && (!verified.trigger || !verified.preferences || !verified.entry)) {
      const kept = partsOf(before.contextJson);
      if (!verified.trigger && kept?.trigger) verified.trigger = kept.trigger;
      if (!verified.preferences && kept?.preferences) verified.preferences = kept.preferences;
      if (!verified.entry && kept?.entry) verified.entry = kept.entry;
    }
    const stored = storedContext(verified);
    const conversation = this.store.transaction(() => {
      this.store.setVisitorContext(visitorId, stored);
      const open = this.store.openConversationOf(visitorId);
      if (open) this.store.setConversationContext(open.id, stored);
      return open;
    });
    if (!conversation) return;
    this.hub.toWatchers(conversation.id, conversation.status === 'active' ? conversation.agentId : null, {
      type: 'context',
      conversationId: conversation.id,
      context: verified,
    });
    if (isQueued(conversation.status)) this.queueChanged(conversation.id); // the summary shows page and name
  }

  // ---- system messages ----

  /**
   * A system message (a device switch, say) stored in the conversation and sent at once to its
   * visitor's sockets (every device) and to the agents watching it. `clientId` is server-made and
   * never a visitor's (a prefix such as `handoff-`).
   */
  systemMessage(conversationId: string, clientId: string, text: string, now: number): ChatMessage | null {
    const message = this.store.transaction(() =>
      this.store.conversation(conversationId) ? this.store.appendMessage({ conversationId, clientId, sender: 'system', text, agentId: null, now }) : null,
    );
    const conversation = message && this.store.conversation(conversationId);
    if (!message || !conversation) return null;
    this.hub.toVisitor(conversation.visitorId, { type: 'message', message });
    this.hub.toWatchers(conversation.id, conversation.status === 'active' ? conversation.agentId : null, { type: 'message', message });
    if (isQueued(conversation.status)) this.queueChanged(conversation.id);
    return message;
  }

  // ---- queue ----

  /** The queue for an agent that just said hello: `queue` pages, each within QUEUE_FRAME_MAX_BYTES. */
  queueSnapshot(): string[] {
    return this.queue.snapshotFrames();
  }

  /**
   * A conversation entered, changed in or left the queue (or, without an id, something did):
   * agents get the changes, and queued visitors whose place moved get `status`. Coalesced: at most
   * one flush per QUEUE_BROADCAST_MIN_INTERVAL_MS, the first right after the current I/O, so a
   * burst of arrivals or claims is one frame per agent.
   */
  queueChanged(conversationId?: string): void {
    if (conversationId === undefined) this.rescan = true;
    else this.dirty.add(conversationId);
    this.scheduleFlush(Date.now());
    this.assigner?.schedule();
  }

  private scheduleFlush(at: number): void {
    const due = Math.max(at, this.lastQueueFlush + QUEUE_BROADCAST_MIN_INTERVAL_MS);
    if (this.flushTimer && this.flushTimer.at <= due) return;
    this.flushTimer?.cancel();
    const wait = due - Date.now();
    if (wait <= 0) {
      const handle = setImmediate(() => this.flushQueue());
      this.flushTimer = { at: due, cancel: () => clearImmediate(handle) };
    } else {
      const handle = setTimeout(() => this.flushQueue(), wait);
      this.flushTimer = { at: due, cancel: () => clearTimeout(handle) };
    }
  }

  private flushQueue(): void {
    this.flushTimer = null;
    const now = Date.now();
    this.lastQueueFlush = now;
    try {
      const current = new Map<string, QueueEntry | null>();
      if (this.rescan) {
        this.rescan = false;
        for (const { conversationId } of this.queue.visitorsInOrder()) current.set(conversationId, null);
        for (const entry of this.store.queue()) current.set(entry.summary.id, entry);
      }
      for (const id of this.dirty) if (!current.has(id)) current.set(id, this.store.queueEntry(id));
      this.dirty.clear();
      let next = Infinity;
      const delta = this.queue.apply(current, now, (id, at) => {
        this.dirty.add(id); // sent as `updated` less than a second ago: its latest state goes at `at`
        next = Math.min(next, at);
      });
      for (const frame of delta.frames) this.hub.toAllAgentsRaw(frame);
      if (delta.added || delta.removed || delta.moved) this.tellQueuePositions();
      if (next !== Infinity) this.scheduleFlush(next);
    } catch (error) {
      console.error('[baton] queue broadcast failed:', error);
    }
  }

  /**
   * Queued visitors whose place moved get `status` (only theirs: the others' did not change).
   * Conversations the site's bot is answering have no place: nobody waits for a person there yet.
   */
  private tellQueuePositions(): void {
    const agentsOnline = this.hub.agentsOnline();
    let position = 0;
    for (const { conversationId, visitorId, status, bot } of this.queue.visitorsInOrder()) {
      if (bot === 'answering') continue;
      position++;
      for (const conn of this.hub.socketsOfVisitor(visitorId)) {
        if (conn.lastPosition === position) continue;
        conn.lastPosition = position;
        conn.send({ type: 'status', conversationId, status, agent: null, position, agentsOnline, ...(bot ? { bot } : {}) });
      }
    }
  }

  // ---- nobody answered ----

  /** Waiting conversations nobody claimed since `cutoff` turn offline (leave-a-message); their visitors are told. */
  markUnansweredOffline(cutoff: number): void {
    const changed = this.store.transaction(() => this.store.markStaleWaitingOffline(cutoff));
    if (changed.length === 0) return;
    for (const conversation of changed) {
      this.tellVisitorStatus(conversation);
      this.queueChanged(conversation.id);
    }
  }

  stop(): void {
    this.assigner?.stop();
    this.flushTimer?.cancel();
    this.flushTimer = null;
    this.contexts.stop();
  }
}

/** What a stored context (its JSON, validated when stored) carries for good: its trigger, preferences and scanned code, if any. */
function partsOf(json: string | null): Pick<ContextSnapshot, 'trigger' | 'preferences' | 'entry'> | undefined {
  if (!json) return undefined;
  try {
    return JSON.parse(json) as ContextSnapshot;
  } catch {
    return undefined;
  }
}
