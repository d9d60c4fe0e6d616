import type { SignalSource } from '../core/ports';
import { clip } from '../core/context/clip';

/**
 * The page's events behind the friction signals (src/core/context/signals.ts): clicks (for rage
 * clicks), uncaught errors, unhandled rejections, and the `invalid` events of a submit blocked by
 * validation. Passive listeners, in the capture phase where the page could stop propagation.
 */
export const browserSignals: SignalSource = {
  watch(sink) {
    const stops: (() => void)[] = [];
    const on = (target: EventTarget, type: string, fn: (e: Event) => void, capture = false) => {
      target.addEventListener(type, fn, { capture, passive: true });
      stops.push(() => target.removeEventListener(type, fn, { capture }));
    };
    on(document, 'click', (e) => {
      const m = e as MouseEvent;
      sink.click(m.clientX, m.clientY, () => describe(m.target));
    }, true);
    on(window, 'error', (e) => {
      const ev = e as ErrorEvent;
      // Resource load failures also reach window 'error' (not bubbling, only in capture): ignore them.
      if (ev.message === undefined) return;
      sink.error(ev.message || 'Script error');
    });
    on(window, 'unhandledrejection', (e) => {
      const reason = (e as PromiseRejectionEvent).reason;
      sink.rejection(reason instanceof Error ? reason.message : String(reason));
    });
    // 'invalid' fires once per invalid field of a blocked submit (core gathers them into one signal).
    on(document, 'invalid', (e) => {
      const field = e.target;
      if (!(field instanceof Element)) return;
      const form = (field as HTMLInputElement).form;
      sink.invalid(form ? describe(form) : 'form', field.getAttribute('name') || field.id || field.tagName.toLowerCase());
    }, true);
    return () => {
      for (const stop of stops.splice(0)) stop();
    };
  },
};

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
