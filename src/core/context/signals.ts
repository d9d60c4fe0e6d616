import { SIGNALS_MAX, SIGNAL_MESSAGE_MAX, type FrictionSignal, type SignalType } from '../../protocol/context';
import type { SignalSink, SignalSource } from '../ports';
import { clip } from './clip';

/** A rage click: at least 3 clicks within 1 s, each within 30 px of the first. */
export const RAGE_CLICKS = 3;
export const RAGE_WINDOW_MS = 1000;
export const RAGE_RADIUS_PX = 30;

/**
 * Friction signals: rage clicks, uncaught errors, unhandled rejections and form submits blocked by
 * validation, from the facts the platform reports (src/platform/signals.ts). Aggregated by type and detail (count, first and latest time), the 20 most recent.
 * Error messages only: no stacks, no values the visitor typed. The engine stores them with the
 * journey (when consent allows), so a rage click on the previous page still reaches the agent.
 */
export class Signals implements SignalSink {
  private _list: FrictionSignal[] = [];
  private _clicks: { x: number; y: number; t: number }[] = [];
  private _burstCounted = false;
  private _invalidFields: string[] = [];
  private _invalidForm = '';
  private _stop = () => {};

  constructor(
    private readonly _path: () => string,
    private readonly _text: (s: string) => string,
    private readonly _now: () => number,
    private readonly _changed: () => void,
  ) {}

  /** Starts listening to the page (the platform's SignalSource reports to this SignalSink). */
  attach(source: SignalSource): void {
    this._stop();
    this._stop = source.watch(this);
  }

  detach(): void {
    this._stop();
    this._stop = () => {};
  }

  error(message: string): void {
    this.add('error', message);
  }

  rejection(message: string): void {
    this.add('unhandled_rejection', message);
  }

  snapshot(): FrictionSignal[] {
    return this._list.map((s) => ({ ...s }));
  }

  /** Puts stored signals (malformed ones ignored) before this page's, within the limit. */
  restore(stored: unknown): void {
    if (!Array.isArray(stored)) return;
    const ok = stored.filter(
      (s): s is FrictionSignal =>
        !!s && typeof s.type === 'string' && typeof s.detail === 'string' && typeof s.path === 'string' && typeof s.at === 'number' && typeof s.firstAt === 'number' && Number.isInteger(s.count) && s.count > 0,
    );
    this._list = [...ok.filter((o) => !this._list.some((s) => s.type === o.type && s.detail === o.detail)), ...this._list]
      .sort((a, b) => a.at - b.at)
      .slice(-SIGNALS_MAX);
  }

  clear(): void {
    this._list = [];
  }

  /** Exposed for tests and for sites' own signals through the same aggregation. */
  add(type: SignalType, detail: string, now = this._now(), path = this._path()): void {
    const d = clip(this._text(detail), SIGNAL_MESSAGE_MAX);
    const existing = this._list.find((s) => s.type === type && s.detail === d);
    if (existing) {
      existing.count++;
      existing.at = now;
      existing.path = path;
      this._list = [...this._list.filter((s) => s !== existing), existing];
    } else {
      this._list.push({ type, detail: d, path, firstAt: now, at: now, count: 1 });
      if (this._list.length > SIGNALS_MAX) this._list.shift();
    }
    this._changed();
  }

  click(x: number, y: number, describe: () => string): void {
    const t = this._now();
    const first = this._clicks[0];
    const near = first && t - first.t <= RAGE_WINDOW_MS && Math.hypot(x - first.x, y - first.y) <= RAGE_RADIUS_PX;
    if (!near) {
      this._clicks = [{ x, y, t }];
      this._burstCounted = false;
      return;
    }
    this._clicks.push({ x, y, t });
    // One signal per burst, however many more clicks follow in it.
    if (this._clicks.length >= RAGE_CLICKS && !this._burstCounted) {
      this._burstCounted = true;
      this.add('rage_click', describe());
    }
  }

  /** One field of a blocked submit: the fields reported in the same task become one signal. */
  invalid(form: string, field: string): void {
    if (!this._invalidFields.length) {
      // When and where the submit was blocked, read now: events the engine replays (the early
      // capture, src/platform/earlyCapture.ts) carry their own time and page only while delivered.
      const at = this._now();
      const path = this._path();
      setTimeout(() => {
        this.add('form_invalid', `${this._invalidForm}: ${this._invalidFields.join(', ')}`, at, path);
        this._invalidFields = [];
      }, 0);
    }
    this._invalidForm = form;
    if (!this._invalidFields.includes(field)) this._invalidFields.push(field);
  }
}
