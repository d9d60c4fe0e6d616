// Automatic away in the console (src/console/autoAway.ts): idle this long in every tab -> away;
// the next input -> available again, only when it was automatic.
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentPresence } from '../../src/protocol/chat';
import { AUTO_AWAY_KEY, LAST_INPUT_KEY, startAutoAway } from '../../src/console/autoAway';

afterEach(() => localStorage.clear());

function setup(initial: AgentPresence = 'online') {
  let t = 1_000_000;
  let presence: AgentPresence = initial;
  const sent: AgentPresence[] = [];
  let tick = () => {};
  const stop = startAutoAway({
    afterMs: 60_000,
    presence: () => presence,
    setPresence: (p) => {
      sent.push(p);
      presence = p; // the server's team frame, at once
    },
    now: () => t,
    every: (fn) => {
      tick = fn;
      return () => (tick = () => {});
    },
  });
  return {
    sent,
    stop,
    later(ms: number) {
      t += ms;
      tick();
    },
    input: () => window.dispatchEvent(new Event('keydown')),
    choose: (p: AgentPresence) => (presence = p),
    now: () => t,
  };
}

describe('automatic away', () => {
  it('sets away after the idle time, and back at the next input', () => {
    const s = setup();
    s.later(59_000);
    expect(s.sent).toEqual([]);
    s.input();
    s.later(59_000); // input reset the clock
    expect(s.sent).toEqual([]);
    s.later(1_000);
    expect(s.sent).toEqual(['away']);
    s.later(60_000);
    expect(s.sent).toEqual(['away']); // once
    s.input();
    expect(s.sent).toEqual(['away', 'online']);
    s.stop();
  });

  it('never brings back an agent who chose Away themselves', () => {
    const s = setup('away');
    s.later(120_000);
    s.input();
    expect(s.sent).toEqual([]);
    s.stop();
  });

  it('counts input in another tab of the console', () => {
    const s = setup();
    s.later(50_000);
    localStorage.setItem(LAST_INPUT_KEY, String(s.now())); // another tab, just now
    s.later(50_000);
    expect(s.sent).toEqual([]);
    s.later(10_000);
    expect(s.sent).toEqual(['away']);
    expect(localStorage.getItem(AUTO_AWAY_KEY)).toBe('1');
    s.stop();
    s.input(); // stopped: nothing more
    expect(s.sent).toEqual(['away']);
  });
});
