/**
 * Team admin on the embedded server (see src/protocol/team.ts): the routes, admins only. Disabling
 * an agent ends their sessions and closes their sockets at once, refuses their next login, and puts
 * their open conversations back in the queue; a password reset ends their sessions too. The last
 * enabled admin can neither be disabled nor lose the role, so the team is never locked out.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseBody } from '../../protocol/chatSchema';
import type { TeamResponse } from '../../protocol/team';
import { TeamChangeSchema } from '../../protocol/teamSchema';
import type { AgentAuth } from './agentAuth';
import { SESSION_ENDED_CLOSE } from './agentSocket';
import type { Desk } from './desk';
import { HttpError, readJsonBody, sendJson } from './http';
import { hashPassword } from './passwords';

export interface TeamRoutes {
  list(req: IncomingMessage, res: ServerResponse): void;
  change(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export function createTeamRoutes(deps: { desk: Desk; auth: AgentAuth; now?: () => number }): TeamRoutes {
  const { desk, auth } = deps;
  const { agents, hub, store } = desk;
  const now = deps.now ?? Date.now;

  const admin = (req: IncomingMessage): string => {
    const session = auth.sessionOf(req);
    if (!session) throw new HttpError(401, 'unauthorized', 'Not logged in');
    if (agents.roleOf(session.agent.id) !== 'admin') throw new HttpError(403, 'forbidden', 'Only admins manage the team');
    return session.agent.id;
  };
  const answer = (res: ServerResponse) => {
    const body: TeamResponse = { agents: agents.accounts().map((a) => ({ ...a, online: hub.isConnected(a.id) })) };
    sendJson(res, 200, body);
  };
  /** Ends every session of the agent and closes their sockets (the console goes back to sign-in). */
  const signOut = (agentId: string, reason: string) => {
    agents.deleteSessionsOf(agentId);
    for (const conn of hub.agentSockets(agentId)) conn.ws.close(SESSION_ENDED_CLOSE, reason);
  };
  const lastAdmin = (id: string) => agents.roleOf(id) === 'admin' && agents.enabledAdmins() <= 1;

  return {
    list(req, res) {
      admin(req);
      answer(res);
    },

    async change(req, res) {
      const me = admin(req);
      const body = parseBody(TeamChangeSchema, await readJsonBody(req));
      if (!body.ok) throw new HttpError(400, 'bad_request', body.message);
      const change = body.value;
      if (change.op === 'create') {
        try {
          await auth.createAgent({ email: change.email, name: change.name, password: change.password, role: change.role }, now());
        } catch (error) {
          throw new HttpError(409, 'bad_request', (error as Error).message.replace(/^createAgent: /, ''));
        }
        return answer(res);
      }
      if (!agents.publicById(change.id) || agents.roleOf(change.id) === null) throw new HttpError(404, 'not_found', 'No such agent');
      switch (change.op) {
        case 'role':
          if (change.role === 'agent' && lastAdmin(change.id)) throw new HttpError(409, 'bad_request', 'The team needs at least one admin');
          agents.setRole(change.id, change.role);
          break;
        case 'disable': {
          if (change.id === me) throw new HttpError(409, 'bad_request', 'You cannot disable yourself');
          if (lastAdmin(change.id)) throw new HttpError(409, 'bad_request', 'The team needs at least one admin');
          const requeued = store.transaction(() => {
            agents.setDisabled(change.id, now());
            return store.requeueOf(change.id, now());
          });
          signOut(change.id, 'disabled');
          for (const c of requeued) {
            desk.tellVisitorStatus(c);
            desk.queueChanged(c.id);
          }
          break;
        }
        case 'enable':
          agents.setDisabled(change.id, null);
          break;
        case 'password':
          agents.setPasswordHash(change.id, await hashPassword(change.password));
          if (change.id !== me) signOut(change.id, 'password reset');
          break;
        case 'skills':
          agents.setSkills(change.id, change.skills);
          desk.teamChanged(); // teammates' skills (transfer dialog), and automatic assignment looks again
          break;
        case 'capacity':
          agents.setCapacity(change.id, change.capacity);
          desk.teamChanged();
          break;
      }
      answer(res);
    },
  };
}
