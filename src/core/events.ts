/**
 * A typed event emitter whose listeners cannot break Baton: a listener that throws is reported
 * (console.error plus the `onListenerError` hook) and the remaining listeners still run.
 */
export type Handler<T> = (payload: T) => void;

export interface Emitter<Events> {
  on<E extends keyof Events>(event: E, fn: Handler<Events[E]>): () => void;
  off<E extends keyof Events>(event: E, fn: Handler<Events[E]>): void;
  emit<E extends keyof Events>(event: E, payload: Events[E]): void;
  /** Whether anyone listens: lets callers skip building a payload nobody reads. */
  has(event: keyof Events): boolean;
  clear(): void;
}

/**
 * Calls each listener with `payload`; one that throws is reported (console.error, and `onError`,
 * which must not throw) and the others still run. Every listener list of Baton's goes through here.
 */
export function notify<T>(listeners: Iterable<(payload: T) => void>, payload: T, event: string, onError?: (error: unknown) => void): void {
  // Copy: a listener may unsubscribe itself or others while we iterate.
  for (const fn of [...listeners]) {
    try {
      fn(payload);
    } catch (error) {
      console.error(`[Baton] a listener for "${event}" threw:`, error);
      onError?.(error);
    }
  }
}

export function createEmitter<Events>(onListenerError?: (event: keyof Events, error: unknown) => void): Emitter<Events> {
  const handlers = new Map<keyof Events, Set<Handler<never>>>();
  return {
    on(event, fn) {
      let set = handlers.get(event);
      if (!set) handlers.set(event, (set = new Set()));
      set.add(fn as Handler<never>);
      return () => void set!.delete(fn as Handler<never>);
    },
    off(event, fn) {
      handlers.get(event)?.delete(fn as Handler<never>);
    },
    emit(event, payload) {
      notify(handlers.get(event) ?? [], payload as never, event as string, onListenerError && ((error) => onListenerError(event, error)));
    },
    has(event) {
      return !!handlers.get(event)?.size;
    },
    clear() {
      handlers.clear();
    },
  };
}
