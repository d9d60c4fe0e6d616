/**
 * At most one run per key per interval: the first value runs at once, later ones within the
 * interval replace each other and the latest runs when the interval ends (nothing is lost, only
 * superseded values are skipped). Only keys active in the last interval are kept in memory.
 */
export class KeyedThrottle<V> {
  private readonly windows = new Map<string, { pending: { value: V } | null; timer: NodeJS.Timeout }>();

  constructor(
    private readonly intervalMs: number,
    private readonly run: (key: string, value: V) => void,
  ) {}

  push(key: string, value: V): void {
    const open = this.windows.get(key);
    if (open) {
      open.pending = { value };
      return;
    }
    this.start(key);
    this.run(key, value);
  }

  /** Runs the key's waiting value now (someone needs it applied), starting a new interval. */
  flush(key: string): void {
    const open = this.windows.get(key);
    if (!open?.pending) return;
    const { value } = open.pending;
    clearTimeout(open.timer);
    this.start(key);
    this.run(key, value);
  }

  stop(): void {
    for (const w of this.windows.values()) clearTimeout(w.timer);
    this.windows.clear();
  }

  private start(key: string): void {
    const timer = setTimeout(() => {
      const w = this.windows.get(key);
      this.windows.delete(key);
      if (!w?.pending) return;
      this.start(key);
      try {
        this.run(key, w.pending.value);
      } catch (error) {
        console.error('[baton] throttled update failed:', error);
      }
    }, this.intervalMs);
    timer.unref();
    this.windows.set(key, { pending: null, timer });
  }
}
