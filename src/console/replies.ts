/**
 * The canned replies this agent may use (the team's and their own), fetched from the server when
 * first needed (the composer's `/`, the Replies dialog) and again when the server says they changed
 * (`replies_changed`). Changes go through `change()`, which answers with the new list.
 */
import {
  HTTP_AGENT_REPLIES_CHANGE_PATH,
  HTTP_AGENT_REPLIES_PATH,
  type CannedReply,
  type RepliesChangeRequest,
  type RepliesResponse,
} from '../protocol/cannedReplies';

export type ChangeResult = { ok: true } | { ok: false; message: string | null };

export class Replies {
  list: CannedReply[] = [];
  canEditTeam = false;
  /** A list has arrived at least once. */
  loaded = false;
  private wanted = false;
  private inFlight: Promise<void> | null = null;
  private readonly listeners = new Set<() => void>();

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  }

  /** Fetches the list the first time it is needed; later calls reuse it. */
  want(): void {
    if (this.wanted) return;
    this.wanted = true;
    void this.refresh();
  }

  /** The server said the list changed: fetch it again, if anything here uses it. */
  stale(): void {
    if (this.wanted) void this.refresh();
  }

  refresh(): Promise<void> {
    this.inFlight ??= (async () => {
      try {
        const res = await fetch(HTTP_AGENT_REPLIES_PATH, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
        if (res.ok) this.take((await res.json()) as RepliesResponse);
      } catch {
        /* offline: the list stays as it was; the next `replies_changed` or reconnection fetches again */
      } finally {
        this.inFlight = null;
      }
    })();
    return this.inFlight;
  }

  async change(request: RepliesChangeRequest): Promise<ChangeResult> {
    try {
      const res = await fetch(HTTP_AGENT_REPLIES_CHANGE_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(request),
      });
      const body = (await res.json().catch(() => null)) as (RepliesResponse & { error?: { message?: string } }) | null;
      if (!res.ok || !body || !Array.isArray(body.replies)) return { ok: false, message: body?.error?.message ?? null };
      this.take(body);
      return { ok: true };
    } catch {
      return { ok: false, message: null };
    }
  }

  private take(body: RepliesResponse): void {
    this.list = body.replies;
    this.canEditTeam = body.canEditTeam === true;
    this.loaded = true;
    for (const fn of [...this.listeners]) fn();
  }
}
