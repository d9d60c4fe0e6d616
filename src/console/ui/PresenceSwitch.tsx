/** The agent's own presence for teammates (top bar): Online or Away. */
import type { JSX } from 'preact';
import type { AgentPresence } from '../../protocol/chat';
import type { ConsoleStore } from '../store';
import { text } from '../strings';

export function PresenceSwitch({ store }: { store: ConsoleStore }): JSX.Element {
  const me = store.state.agent?.id;
  const mine: AgentPresence = store.state.team.find((a) => a.id === me)?.presence ?? 'online';
  return (
    <label class={`presence-switch ${mine}`}>
      <span class="sr-only">{text.yourPresence}</span>
      <span class="dot" aria-hidden="true" />
      <select data-testid="presence" value={mine} disabled={!store.state.ready} onChange={(e) => store.setPresence(e.currentTarget.value as AgentPresence)}>
        <option value="online">{text.presence.online}</option>
        <option value="away">{text.presence.away}</option>
      </select>
    </label>
  );
}
