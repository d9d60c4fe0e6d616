/**
 * The agent's own presence for teammates (top bar): Available or Away. With the server's
 * `autoAwayMs` it also sets them away when idle and back at their next input (../autoAway.ts).
 */
import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import type { AgentPresence } from '../../protocol/chat';
import { startAutoAway } from '../autoAway';
import type { ConsoleStore } from '../store';
import { text } from '../strings';

const presenceOf = (store: ConsoleStore): AgentPresence | null => {
  const me = store.state.agent?.id;
  return store.state.team.find((a) => a.id === me)?.presence ?? null;
};

export function PresenceSwitch({ store }: { store: ConsoleStore }): JSX.Element {
  const mine: AgentPresence = presenceOf(store) ?? 'online';
  const afterMs = store.state.autoAwayMs;
  useEffect(() => (afterMs ? startAutoAway({ afterMs, presence: () => presenceOf(store), setPresence: (p) => store.setPresence(p) }) : undefined), [afterMs, store]);
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
