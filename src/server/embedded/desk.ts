/**
 * The help desk's shared moves: what both visitor and agent handlers need to tell the other side
 * (status, queue, presence, context). Storage is ChatStore's, sockets are Hub's; the Desk decides
 * who hears about a change.
 */
import type { VisitorServerFrame } from '../../protocol/chat';
import type { ContextSnapshot } from '../../protocol/context';
import type { AgentStore } from './agentStore';
import { isQueued, storedContext, type ChatStore, type ConversationRecord } from './chatStore';
import type { Hub } from './hub';
import { QUEUE_BROADCAST_MIN_INTERVAL_MS } from './limits';
import { verifyContext } from './verifyContext';

export class Desk {
  private cancelQueueFlush: (() => void) | null = null;
  private lastQueueFlush = 0;

  constructor(
    readonly store: ChatStore,
    readonly agents: AgentStore,
    readonly hub: Hub,
    /** null: no identity signing, nothing is ever verified. */
    private readonly identitySecret: string | null,
  ) {}

  // ---- visitor status ----

  statusFrame(conversation: ConversationRecord): Extract<VisitorServerFrame, { type: 'status' }> {
    return {
      type: 'status',
      conversationId: conversation.id,
      status: conversation.status,
      agent: conversation.agentId ? this.agents.publicById(conversation.agentId) : null,
      position: this.store.position(conversation),
      agentsOnline: this.hub.agentsOnline(),
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

  /** agentsOnline changed: visitors with a conversation get `status`, the others `presence`. */
  presenceChanged(): void {
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
   * Verifies and stores a visitor's latest context, and pushes it at once (same tick, no polling)
   * to the agents who have the visitor's open conversation claimed or open.
   */
  applyContext(visitorId: string, snapshot: ContextSnapshot, now: number): void {
    const verified = verifyContext(snapshot, this.identitySecret, now);
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
    if (isQueued(conversation.status)) this.queueChanged(); // the summary shows page and name
  }

  // ---- queue ----

  /**
   * The queue changed: every agent gets it, and queued visitors whose place moved get `status`.
   * Coalesced: at most one broadcast per QUEUE_BROADCAST_MIN_INTERVAL_MS, the first one right after
   * the current I/O, so a burst of arrivals or claims costs one queue query and one frame per agent.
   */
  queueChanged(): void {
    if (this.cancelQueueFlush) return;
    const wait = this.lastQueueFlush + QUEUE_BROADCAST_MIN_INTERVAL_MS - Date.now();
    if (wait <= 0) {
      const handle = setImmediate(() => this.flushQueue());
      this.cancelQueueFlush = () => clearImmediate(handle);
    } else {
      const handle = setTimeout(() => this.flushQueue(), wait);
      this.cancelQueueFlush = () => clearTimeout(handle);
    }
  }

  private flushQueue(): void {
    this.cancelQueueFlush = null;
    this.lastQueueFlush = Date.now();
    try {
      const entries = this.store.queue();
      this.hub.toAllAgents({ type: 'queue', conversations: entries.map((e) => e.summary) });
      const agentsOnline = this.hub.agentsOnline();
      entries.forEach(({ visitorId, summary }, i) => {
        const position = i + 1;
        for (const conn of this.hub.socketsOfVisitor(visitorId)) {
          if (conn.lastPosition === position) continue;
          conn.lastPosition = position;
          conn.send({ type: 'status', conversationId: summary.id, status: summary.status, agent: null, position, agentsOnline });
        }
      });
    } catch (error) {
      console.error('[baton] queue broadcast failed:', error);
    }
  }

  // ---- nobody answered ----

  /** Waiting conversations nobody claimed since `cutoff` turn offline (leave-a-message); their visitors are told. */
  markUnansweredOffline(cutoff: number): void {
    const changed = this.store.transaction(() => this.store.markStaleWaitingOffline(cutoff));
    if (changed.length === 0) return;
    for (const conversation of changed) this.tellVisitorStatus(conversation);
    this.queueChanged();
  }

  stop(): void {
    this.cancelQueueFlush?.();
    this.cancelQueueFlush = null;
  }
}
