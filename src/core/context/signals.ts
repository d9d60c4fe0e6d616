import { SIGNALS_MAX, SIGNAL_MESSAGE_MAX, type FrictionSignal, type SignalType } from '../../protocol/context';
import { clip } from './clip';

/** A rage click: at least 3 clicks within 1 s, each within 30 px of the first. */
export const RAGE_CLICKS = 3;
export const RAGE_WINDOW_MS = 1000;
export const RAGE_RADIUS_PX = 30;

/**
 * Friction signals: rage clicks, uncaught errors, unhandled rejections and form submits blocked by
 * validation. Aggregated by type and detail (count, first and latest time), the 20 most recent.
 * Error messages only: no stacks, no values the visitor typed. The engine stores them with the
 * journey (when consent allows), so a rage click on the previous page still reaches the agent.
 */
export class Signals {
  private _list: FrictionSignal[] = [];
  private _clicks: { x: number; y: number; t: number }[] = [];
  private _burstCounted = false;
  private _invalidFields: string[] = [];
  private _invalidForm = '';
  private _stops: (() => void)[] = [];

  constructor(
    private readonly _path: () => string,
    private readonly _text: (s: string) => string,
    private readonly _now: () => number,
    private readonly _changed: () => void,
  ) {}

  attach(): void {
    const on = <K extends string>(target: EventTarget, type: K, fn: (e: Event) => void, capture = false) => {
      target.addEventListener(type, fn, { capture, passive: true });
      this._stops.push(() => target.removeEventListener(type, fn, { capture }));
    };
    on(document, 'click', (e) => this._click(e as MouseEvent), true);
    on(window, 'error', (e) => {
      const ev = e as ErrorEvent;
      // Resource load failures also reach window 'error' (not bubbling, only in capture): ignore them.
      if (ev.message === undefined) return;
      this.add('error', ev.message || 'Script error');
    });
    on(window, 'unhandledrejection', (e) => {
      const reason = (e as PromiseRejectionEvent).reason;
      this.add('unhandled_rejection', reason instanceof Error ? reason.message : String(reason));
    });
    // 'invalid' fires once per invalid field of a blocked submit: gather them into one signal.
    on(document, 'invalid', (e) => this._invalid(e.target as Element), true);
  }

  detach(): void {
    for (const stop of this._stops.splice(0)) stop();
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
  add(type: SignalType, detail: string): void {
    const d = clip(this._text(detail), SIGNAL_MESSAGE_MAX);
    const now = this._now();
    const existing = this._list.find((s) => s.type === type && s.detail === d);
    if (existing) {
      existing.count++;
      existing.at = now;
      existing.path = this._path();
      this._list = [...this._list.filter((s) => s !== existing), existing];
    } else {
      this._list.push({ type, detail: d, path: this._path(), firstAt: now, at: now, count: 1 });
      if (this._list.length > SIGNALS_MAX) this._list.shift();
    }
    this._changed();
  }

  private _click(e: MouseEvent): void {
    const t = this._now();
    const first = this._clicks[0];
    const near = first && t - first.t <= RAGE_WINDOW_MS && Math.hypot(e.clientX - first.x, e.clientY - first.y) <= RAGE_RADIUS_PX;
    if (!near) {
      this._clicks = [{ x: e.clientX, y: e.clientY, t }];
      this._burstCounted = false;
      return;
    }
    this._clicks.push({ x: e.clientX, y: e.clientY, t });
    // One signal per burst, however many more clicks follow in it.
    if (this._clicks.length >= RAGE_CLICKS && !this._burstCounted) {
      this._burstCounted = true;
      this.add('rage_click', describe(e.target));
    }
  }

  private _invalid(field: Element | null): void {
    if (!field) return;
    if (!this._invalidFields.length) {
      setTimeout(() => {
        this.add('form_invalid', `${this._invalidForm}: ${this._invalidFields.join(', ')}`);
        this._invalidFields = [];
      }, 0);
    }
    const form = (field as HTMLInputElement).form;
    this._invalidForm = form ? describe(form) : 'form';
    const name = field.getAttribute('name') || field.id || field.tagName.toLowerCase();
    if (!this._invalidFields.includes(name)) this._invalidFields.push(name);
  }
}

/** tag#id, or tag.class[name=...]: enough for an agent to recognise it; never its text (may be personal). */
function describe(target: EventTarget | null): string {
  if (!(target instanceof Element)) return 'page';
  // The control the visitor meant, not the icon or span inside it.
  const el = target.closest('button,a,label,input,select,textarea,summary,[role],[id]') || target;
  const tag = el.tagName.toLowerCase();
  if (el.id) return clip(`${tag}#${el.id}`, 80);
  const cls = typeof el.className === 'string' ? el.className.trim().split(/\s+/).slice(0, 2).join('.') : '';
  const name = el.getAttribute('name');
  return clip(`${tag}${cls ? '.' + cls : ''}${name ? `[name=${name}]` : ''}`, 80);
}
