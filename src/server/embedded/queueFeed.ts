/**
 * The queue as the agents were last told it, and what to tell them next (issue 13: every change
 * used to re-send the whole queue to every agent; 300 conversations made a 655 KB frame).
 *
 * Agents get the queue once, after `welcome`, in `queue` pages of at most QUEUE_FRAME_MAX_BYTES,
 * then only `queue_changes` (added, updated, removed), also bounded. Both come from this mirror,
 * so a new agent's snapshot and the changes after it always fit together. Each summary is
 * serialized once when it changes, not once per agent or per broadcast; a conversation is sent as
 * `updated` at most once per QUEUE_UPDATE_MIN_INTERVAL_MS (its latest state, never lost: a later
 * change waits for the end of that second), while arrivals and departures go at once.
 */
import { QUEUE_FRAME_MAX_BYTES, type BotState, type ConversationStatus, type ConversationSummary } from '../../protocol/chat';
import type { QueueEntry } from './chatStore';

interface Mirrored {
  id: string;
  visitorId: string;
  status: ConversationStatus;
  waitingSince: number;
  /** The site's bot on it (./bot.ts): while `answering`, it has no place in the visitors' queue. */
  bot: BotState | undefined;
  /** The summary, serialized once. */
  json: string;
  /** Its UTF-8 size, for the frame bound. */
  bytes: number;
}

/** The changes of one flush, as frames ready to send, and whether the queue's membership moved. */
export interface QueueDelta {
  frames: string[];
  added: number;
  updated: number;
  removed: number;
  /** Conversations that changed place (a bot handover restarts the wait) or left the bot. */
  moved: number;
}

/** `{"type":"queue_changes","added":[],"updated":[],"removed":[]}` without the items. */
const CHANGES_ENVELOPE_BYTES = 64;
const PAGE_ENVELOPE_BYTES = 48;

export class QueueFeed {
  private readonly entries = new Map<string, Mirrored>();
  /** Ids oldest first, as the store orders the queue (waitingSince, then id). */
  private order: string[] = [];
  /** When each conversation was last sent as `updated`. */
  private readonly updatedAt = new Map<string, number>();

  constructor(
    /** `updated` at most this often per conversation. */
    private readonly updateIntervalMs: number,
    initial: QueueEntry[] = [],
  ) {
    for (const e of initial) this.entries.set(e.summary.id, mirrored(e));
    this.order = [...this.entries.keys()];
    this.order.sort(this.compare);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Visitors in queue order: their place is their index + 1. */
  visitorsInOrder(): Array<{ conversationId: string; visitorId: string; status: ConversationStatus; bot: BotState | undefined }> {
    return this.order.map((id) => {
      const e = this.entries.get(id)!;
      return { conversationId: id, visitorId: e.visitorId, status: e.status, bot: e.bot };
    });
  }

  /** The queue now, as `queue` pages (the last one says so); at least one page, empty when the queue is. */
  snapshotFrames(): string[] {
    const pages: string[] = [];
    let items: string[] = [];
    let bytes = PAGE_ENVELOPE_BYTES;
    for (const id of this.order) {
      const e = this.entries.get(id)!;
      if (items.length > 0 && bytes + e.bytes + 1 > QUEUE_FRAME_MAX_BYTES) {
        pages.push(page(items, false));
        items = [];
        bytes = PAGE_ENVELOPE_BYTES;
      }
      items.push(e.json);
      bytes += e.bytes + 1;
    }
    pages.push(page(items, true));
    return pages;
  }

  /**
   * Applies the store's current view of the conversations `ids` (an entry when queued, null when
   * not) and returns the frames that tell it. `deferred` receives the ids whose update must wait
   * (sent as `updated` less than updateIntervalMs ago), with the time they may go.
   */
  apply(current: Map<string, QueueEntry | null>, now: number, deferred: (id: string, at: number) => void): QueueDelta {
    const added: Mirrored[] = [];
    const updated: Mirrored[] = [];
    const removed: string[] = [];
    let moved = 0;
    for (const [id, entry] of current) {
      const had = this.entries.get(id);
      if (!entry) {
        if (had) {
          this.entries.delete(id);
          this.updatedAt.delete(id);
          removed.push(id);
        }
        continue;
      }
      const next = mirrored(entry);
      if (!had) {
        this.entries.set(id, next);
        added.push(next);
        continue;
      }
      if (had.json === next.json) continue;
      const last = this.updatedAt.get(id);
      if (last !== undefined && now - last < this.updateIntervalMs) {
        deferred(id, last + this.updateIntervalMs);
        continue;
      }
      this.entries.set(id, next);
      this.updatedAt.set(id, now);
      updated.push(next);
      if (had.waitingSince !== next.waitingSince || had.bot !== next.bot) moved++;
    }
    if (added.length || removed.length) this.reorder(added, removed);
    if (moved) this.order.sort(this.compare);
    // Forget update times that no longer hold anything back.
    if (this.updatedAt.size > 2 * this.entries.size + 64) {
      for (const [id, at] of this.updatedAt) if (now - at >= this.updateIntervalMs) this.updatedAt.delete(id);
    }
    return { frames: changeFrames(added, updated, removed), added: added.length, updated: updated.length, removed: removed.length, moved };
  }

  private reorder(added: Mirrored[], removed: string[]): void {
    if (removed.length) {
      const gone = new Set(removed);
      this.order = this.order.filter((id) => !gone.has(id));
    }
    for (const e of added) {
      const id = e.id;
      // Arrivals are almost always the newest: usually one comparison.
      let lo = 0;
      let hi = this.order.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.compare(this.order[mid]!, id) < 0) lo = mid + 1;
        else hi = mid;
      }
      this.order.splice(lo, 0, id);
    }
  }

  private readonly compare = (a: string, b: string): number => {
    const x = this.entries.get(a)!;
    const y = this.entries.get(b)!;
    return x.waitingSince - y.waitingSince || (a < b ? -1 : a > b ? 1 : 0);
  };
}

function mirrored(e: QueueEntry): Mirrored {
  const summary: ConversationSummary = e.summary;
  const json = JSON.stringify(summary);
  return { id: summary.id, visitorId: e.visitorId, status: summary.status, waitingSince: summary.waitingSince, bot: summary.bot, json, bytes: Buffer.byteLength(json) };
}

function page(items: string[], last: boolean): string {
  return `{"type":"queue","conversations":[${items.join(',')}],"last":${last}}`;
}

/** `queue_changes` frames, each within QUEUE_FRAME_MAX_BYTES; none when nothing changed. */
function changeFrames(added: Mirrored[], updated: Mirrored[], removed: string[]): string[] {
  const frames: string[] = [];
  let next = { added: [] as string[], updated: [] as string[], removed: [] as string[] };
  let bytes = CHANGES_ENVELOPE_BYTES;
  const flush = () => {
    if (!next.added.length && !next.updated.length && !next.removed.length) return;
    frames.push(`{"type":"queue_changes","added":[${next.added.join(',')}],"updated":[${next.updated.join(',')}],"removed":[${next.removed.join(',')}]}`);
    next = { added: [], updated: [], removed: [] };
    bytes = CHANGES_ENVELOPE_BYTES;
  };
  const put = (kind: keyof typeof next, json: string, size: number) => {
    if (bytes + size + 1 > QUEUE_FRAME_MAX_BYTES) flush();
    next[kind].push(json);
    bytes += size + 1;
  };
  // Removals first: small, and a claimed conversation leaves every agent's list at once.
  for (const id of removed) put('removed', JSON.stringify(id), Buffer.byteLength(id) + 2);
  for (const e of added) put('added', e.json, e.bytes);
  for (const e of updated) put('updated', e.json, e.bytes);
  flush();
  return frames;
}
