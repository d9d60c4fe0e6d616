/**
 * The transport's events. Its own few lines rather than core/events.ts: this chunk is also built as
 * a separate file (rollup.config.mjs), and sharing a module with baton.js would split that module
 * out of baton.js into one more request before interaction.
 */
import type { CallTransportEvents } from '../../core/call/transport';

type Listener<E extends keyof CallTransportEvents> = (payload: CallTransportEvents[E]) => void;

export function createCallEmitter() {
  const listeners = new Map<keyof CallTransportEvents, Set<Listener<never>>>();
  return {
    on<E extends keyof CallTransportEvents>(event: E, fn: Listener<E>): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(fn as Listener<never>);
      return () => void set!.delete(fn as Listener<never>);
    },
    emit<E extends keyof CallTransportEvents>(event: E, payload: CallTransportEvents[E]): void {
      for (const fn of [...(listeners.get(event) ?? [])]) {
        try {
          (fn as Listener<E>)(payload);
        } catch (error) {
          // A UI listener that throws must not break the call.
          console.error(`[Baton] a call listener for "${event}" threw:`, error);
        }
      }
    },
    clear(): void {
      listeners.clear();
    },
  };
}
