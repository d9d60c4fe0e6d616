/**
 * Automatic assignment (issue 17; `createEmbeddedServer({ assignment: { auto: true } })`, off by
 * default): the server gives waiting conversations out itself, oldest first, to agents who are
 * signed in and available (not away), below their capacity (concurrent chats), by skill, round robin.
 *
 * Skills: an agent with skills takes conversations asking for one of them and conversations asking
 * for none; an agent without skills takes any. A conversation asking for a skill (the visitor's
 * menu choice, or a transfer to that skill's queue) goes to an agent with that skill when one has
 * room, else to any other who may take it, else it waits. Among those, the one given a conversation
 * least recently goes first (then the one signed in first). Capacity limits only what assignment
 * gives: an agent may still claim more by hand. Left-message (offline) conversations and those the
 * site's bot is answering are not given out.
 */
import type { Desk } from './desk';

export interface AssignmentOptions {
  /** Give conversations out automatically. Default false: agents claim from the queue. */
  auto?: boolean;
  /** Concurrent chats an agent is given when their own capacity is not set (team admin). Default DEFAULT_AGENT_CAPACITY. */
  capacity?: number;
}

/** Concurrent chats automatic assignment gives an agent whose capacity an admin did not set. */
export const DEFAULT_AGENT_CAPACITY = 3;
/** One pass looks at most this many waiting conversations (the oldest). */
export const ASSIGN_SCAN_MAX = 500;

export interface AssignCandidate {
  id: string;
  skills: readonly string[];
  capacity: number;
  /** Active conversations now. */
  active: number;
  /** When they were last given one (a sequence number; 0: never). */
  lastAssigned: number;
}

/**
 * Who gets a conversation asking for `skill` (null: none), among available agents in the order they
 * signed in; null when nobody may take it now. Pure: tests/unit/assignment.test.ts.
 */
export function pickAgent(skill: string | null, candidates: readonly AssignCandidate[]): string | null {
  const mayTake = candidates.filter((a) => a.active < a.capacity && (skill === null || a.skills.length === 0 || a.skills.includes(skill)));
  const specialists = skill === null ? [] : mayTake.filter((a) => a.skills.includes(skill));
  const pool = specialists.length ? specialists : mayTake;
  let best: AssignCandidate | null = null;
  for (const a of pool) if (!best || a.lastAssigned < best.lastAssigned) best = a;
  return best?.id ?? null;
}

export class AutoAssign {
  private scheduled: NodeJS.Immediate | null = null;
  private readonly lastAssigned = new Map<string, number>();
  private sequence = 0;

  constructor(
    private readonly desk: Desk,
    private readonly defaultCapacity: number,
  ) {}

  /** Something changed (the queue, who is available, someone's load): one pass after the current I/O. */
  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = setImmediate(() => {
      this.scheduled = null;
      try {
        this.run();
      } catch (error) {
        console.error('[baton] automatic assignment failed:', error);
      }
    });
  }

  /** One pass: each waiting conversation, oldest first, to whoever `pickAgent` names. */
  run(): void {
    const { hub, agents, store } = this.desk;
    const routing = agents.routing();
    const active = store.activeCounts();
    const candidates: AssignCandidate[] = [];
    for (const member of hub.teamPresence(Number.MAX_SAFE_INTEGER)) {
      const r = routing.get(member.id);
      if (member.presence !== 'online' || !r) continue; // away, or disabled
      candidates.push({ id: member.id, skills: r.skills, capacity: r.capacity ?? this.defaultCapacity, active: active.get(member.id) ?? 0, lastAssigned: this.lastAssigned.get(member.id) ?? 0 });
    }
    if (!candidates.some((a) => a.active < a.capacity)) return; // everyone is full: the queue is not even read
    for (const waiting of store.waitingForAssignment(ASSIGN_SCAN_MAX)) {
      const agentId = pickAgent(waiting.skill, candidates);
      if (!agentId || !this.desk.handTo(waiting.id, agentId)) continue;
      const given = candidates.find((a) => a.id === agentId)!;
      given.active++;
      given.lastAssigned = ++this.sequence;
      this.lastAssigned.set(agentId, given.lastAssigned);
      if (!candidates.some((a) => a.active < a.capacity)) return;
    }
  }

  stop(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
  }
}
