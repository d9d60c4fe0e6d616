/**
 * Who is connected right now, and fan-out to them. In memory only: after a restart clients
 * reconnect, say hello again and get what they missed from the database.
 */
import type { AgentServerFrame, TeamPresence, VisitorServerFrame } from '../../protocol/chat';
import { AgentConnection, VisitorConnection, type Connection } from './connections';
import { AGENT_OPEN_VIEWS_MAX } from './limits';

export class Hub {
  /** Every socket, greeted or not: heartbeat and shutdown walk this. */
  readonly sockets = new Set<Connection<unknown>>();
  private readonly visitors = new Map<string, Set<VisitorConnection>>();
  private readonly agents = new Map<string, Set<AgentConnection>>();
  /** Conversation id -> agent sockets viewing it read-only. */
  private readonly viewers = new Map<string, Set<AgentConnection>>();
  /** Agents signed in who said they are away (forgotten with their last socket). */
  private readonly away = new Set<string>();

  // ---- membership ----

  addVisitor(conn: VisitorConnection): void {
    addTo(this.visitors, conn.visitorId!, conn);
  }

  /** True when this was the agent's first socket (agentsOnline went up). */
  addAgent(conn: AgentConnection): boolean {
    return addTo(this.agents, conn.agent.id, conn);
  }

  /** Forgets a closed socket. True when it was an agent's last one (agentsOnline went down). */
  remove(conn: Connection<unknown>): boolean {
    this.sockets.delete(conn);
    if (conn instanceof VisitorConnection) {
      if (conn.visitorId !== null) removeFrom(this.visitors, conn.visitorId, conn);
      return false;
    }
    if (conn instanceof AgentConnection) {
      for (const id of conn.views) removeFrom(this.viewers, id, conn);
      const last = removeFrom(this.agents, conn.agent.id, conn);
      if (last) this.away.delete(conn.agent.id);
      return last;
    }
    return false;
  }

  /** Agents with at least one open socket. */
  agentsOnline(): number {
    return this.agents.size;
  }

  /** Up to `max` agents online now (the panel's home shows them), in the order they came online. */
  team(max: number): AgentConnection['agent'][] {
    const out: AgentConnection['agent'][] = [];
    for (const set of this.agents.values()) {
      const first = set.values().next().value;
      if (first) out.push(first.agent);
      if (out.length >= max) break;
    }
    return out;
  }

  /** True when it changed. Only for an agent with a socket. */
  setAway(agentId: string, away: boolean): boolean {
    if (!this.agents.has(agentId) || this.away.has(agentId) === away) return false;
    if (away) this.away.add(agentId);
    else this.away.delete(agentId);
    return true;
  }

  /** Every agent with a socket and their presence: online ones first, then away, each in the order they came. */
  teamPresence(max: number): TeamPresence[] {
    const online: TeamPresence[] = [];
    const away: TeamPresence[] = [];
    for (const [id, set] of this.agents) {
      const agent = set.values().next().value!.agent;
      (this.away.has(id) ? away : online).push({ ...agent, presence: this.away.has(id) ? 'away' : 'online' });
    }
    return [...online, ...away].slice(0, max);
  }

  isConnected(agentId: string): boolean {
    return this.agents.has(agentId);
  }

  visitorSockets(): Iterable<VisitorConnection> {
    return [...this.visitors.values()].flatMap((set) => [...set]);
  }

  agentSockets(agentId?: string): AgentConnection[] {
    if (agentId !== undefined) return [...(this.agents.get(agentId) ?? [])];
    return [...this.agents.values()].flatMap((set) => [...set]);
  }

  socketsOfVisitor(visitorId: string): VisitorConnection[] {
    return [...(this.visitors.get(visitorId) ?? [])];
  }

  // ---- read-only views (`open`) ----

  view(conn: AgentConnection, conversationId: string): void {
    conn.views.delete(conversationId);
    conn.views.add(conversationId);
    addTo(this.viewers, conversationId, conn);
    while (conn.views.size > AGENT_OPEN_VIEWS_MAX) {
      const oldest = conn.views.values().next().value!;
      conn.views.delete(oldest);
      removeFrom(this.viewers, oldest, conn);
    }
  }

  /** Ends every read-only view of a conversation (it was claimed or closed: it is no longer everyone's). */
  dropViewers(conversationId: string): void {
    for (const conn of this.viewers.get(conversationId) ?? []) conn.views.delete(conversationId);
    this.viewers.delete(conversationId);
  }

  // ---- fan-out (each frame serialized once) ----

  toVisitor(visitorId: string, frame: VisitorServerFrame, except?: Connection<unknown>): void {
    const set = this.visitors.get(visitorId);
    if (!set) return;
    const data = JSON.stringify(frame);
    for (const conn of set) if (conn !== except) conn.sendRaw(data);
  }

  toAgent(agentId: string, frame: AgentServerFrame, except?: Connection<unknown>): void {
    const set = this.agents.get(agentId);
    if (!set) return;
    const data = JSON.stringify(frame);
    for (const conn of set) if (conn !== except) conn.sendRaw(data);
  }

  toAllAgents(frame: AgentServerFrame): void {
    if (this.agents.size === 0) return;
    this.toAllAgentsRaw(JSON.stringify(frame));
  }

  /** A frame already serialized (the queue feed serializes each summary once). */
  toAllAgentsRaw(data: string): void {
    for (const set of this.agents.values()) for (const conn of set) conn.sendRaw(data);
  }

  /** The conversation's claimer (every socket of that agent) and whoever views it read-only. */
  toWatchers(conversationId: string, claimerId: string | null, frame: AgentServerFrame, except?: Connection<unknown>): void {
    const targets = new Set<AgentConnection>(claimerId ? (this.agents.get(claimerId) ?? []) : []);
    for (const conn of this.viewers.get(conversationId) ?? []) targets.add(conn);
    if (targets.size === 0) return;
    const data = JSON.stringify(frame);
    for (const conn of targets) if (conn !== except) conn.sendRaw(data);
  }
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): boolean {
  let set = map.get(key);
  const first = !set;
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
  return first;
}

function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): boolean {
  const set = map.get(key);
  if (!set || !set.delete(value)) return false;
  if (set.size === 0) {
    map.delete(key);
    return true;
  }
  return false;
}
