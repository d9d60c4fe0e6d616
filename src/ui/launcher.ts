/**
 * The UI facade that loads with the page: a host element with a shadow root, the round launcher
 * button, and the empty panel container that shows "Connecting…" until the lazy Preact panel
 * (./panel/index, its own chunk) renders into it. Plain DOM, no Preact: this file, its CSS and
 * its strings count in the pre-interaction budget.
 *
 * The UI talks to Baton only through the headless `BatonSession`.
 */
import type { BatonSession } from '../core/session';
import { CHAT_ICON, CLOSE_ICON, svgIcon as icon } from './icons';
import { chatLabel, isRtl, launcherText, pickLocale } from './i18n';
import type { Text } from './locales/catalog';
import { addStyles } from './styles';

export interface UiController {
  open(): void;
  close(): void;
  destroy(): void;
}

/** What the lazy panel chunk exports (src/ui/panel/index.tsx). */
export interface PanelModule {
  renderPanel(container: HTMLElement, session: BatonSession, onClose: () => void, t: Text): () => void;
}

// Shared by the panel chunk too (same shadow root): host reset, launcher, panel frame, header,
// close button, primary button, focus rings. Text on the brand colour is white, or black when the
// brand colour is light (relative colour syntax; browsers without it keep white).
// Lines end with `\` (a line continuation): the sheet is one line, without newline bytes.
const ON_BRAND = 'color:#fff;color:oklch(from var(--b) clamp(0,(.6 - l)*999,1) 0 0)';
const CSS = `:host{all:initial!important;--b:#0b5fff}\
*{box-sizing:border-box}\
.b,.p{position:fixed;z-index:2147483647;right:20px;bottom:20px;font:15px/1.45 system-ui,sans-serif;zoom:var(--z)}\
.l{left:20px;right:auto}\
.b{width:56px;height:56px;margin:0;padding:0;border:0;border-radius:50%;cursor:pointer;display:grid;place-items:center;box-shadow:0 4px 14px #0000004d}\
.b,.h,.btn{background:var(--b);${ON_BRAND}}\
svg{width:24px;height:24px;fill:currentColor}\
.b svg{width:28px;height:28px}\
.b[aria-expanded=false] .i2,.b[aria-expanded=true] .i1{display:none}\
:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}\
.h :focus-visible{outline-color:currentColor;outline-offset:0}\
.b:focus-visible{outline:3px solid #fff;outline-offset:0;box-shadow:0 0 0 6px #1a1a1a}\
.p{bottom:92px;width:380px;height:600px;max-width:calc(100vw - 40px);max-height:calc(100vh - 112px);display:flex;flex-direction:column;overflow:hidden;background:#fff;color:#1a1a1a;border-radius:16px;box-shadow:0 12px 48px #0000004d}\
.n{bottom:20px;max-height:calc(100vh - 40px)}\
.p[hidden]{display:none}\
.h{flex:none;display:flex;align-items:center;gap:8px;min-height:76px;padding:12px 10px;padding-inline-start:20px}\
button{font:inherit}\
.x{flex:none;margin-inline-start:auto;width:44px;height:44px;padding:0;border:0;border-radius:50%;background:none;color:inherit;cursor:pointer;display:grid;place-items:center}\
.x:hover{background:#80808040}\
.m{margin:auto;padding:24px;text-align:center;color:#4a4a4a}\
.btn{min-height:44px;padding:10px 18px;border:0;border-radius:10px;font-weight:600;cursor:pointer}\
@media (max-width:639.98px){#baton-panel{inset:0;width:auto;height:100%;max-width:none;max-height:none;border-radius:0;padding:0 env(safe-area-inset-right) env(safe-area-inset-bottom) env(safe-area-inset-left)}.h{padding-top:calc(12px + env(safe-area-inset-top))}.b[aria-expanded=true]{display:none}}`;

/**
 * Mounts Baton's UI for `session` and returns its controller.
 * `loadPanel` is for tests; the default loads the panel chunk.
 */
export function mountUi(
  session: BatonSession,
  loadPanel: () => Promise<PanelModule> = () => import('./panel/index'),
): UiController {
  const doc = document;
  const o = session.options;
  const lo = o.launcher === false ? null : o.launcher || {};
  const { lang } = pickLocale(o.locale);
  const rtl = isRtl(lang);
  // English until the language's chunk is in (it loads with the panel's, on hover, focus or click).
  let t: { connecting: string; loadFailed: string; retry: string; close: string } = launcherText;

  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string) => {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  };
  const button = (cls: string, onClick: () => void, text?: string, label?: string) => {
    const b = el('button', cls, text);
    b.type = 'button';
    if (label) b.setAttribute('aria-label', label);
    b.onclick = onClick;
    return b;
  };

  let isOpen = false;
  let dead = false;
  let loading = false;
  let unmount: (() => void) | null = null;
  let chunk: Promise<[PanelModule, Text]> | null = null;
  let shellBody: HTMLElement | null = null;
  /** What had focus when the panel opened, to return to when there is no launcher. */
  let prev: Element | null = null;

  const host = el('div');
  host.id = 'baton-root';
  host.lang = lang;
  host.dir = rtl ? 'rtl' : 'ltr';
  host.popover = 'manual';
  if (lo && lo.color) host.style.setProperty('--b', lo.color);
  const root = host.attachShadow({ mode: 'open' });
  addStyles(root, CSS, o.nonce);

  // Right-to-left pages mirror: the launcher on the left unless the site placed it.
  const side = lo && (lo.position || (rtl ? 'left' : 0)) === 'left' ? ' l' : '';
  const panel = el('div', 'p' + side + (lo ? '' : ' n'));
  panel.id = 'baton-panel';
  panel.hidden = true;

  let btn: HTMLButtonElement | null = null;
  const offs: (() => void)[] = [];
  if (lo) {
    const label = o.translations?.[lang]?.label || lo.label || chatLabel(lang)!;
    btn = button('b' + side, () => (isOpen ? close() : open()), '', label);
    btn.id = 'baton-launcher';
    btn.title = label;
    btn.setAttribute('aria-expanded', 'false');
    btn.setAttribute('aria-controls', panel.id);
    btn.append(icon(CHAT_ICON, 'i1'), icon(CLOSE_ICON, 'i2'));
    btn.addEventListener('pointerenter', warm);
    btn.addEventListener('focus', warm);
    root.append(btn);
    // The unread badge: a tiny chunk, loaded with the first unread count (never 0 before a chat).
    offs.push(session.on('unread', (n) => void Promise.all([import('./badge'), text()]).then(([m, t]) => m.showUnread(btn!, n, t))));
    // The call button (opt-in): its own chunk, after the launcher, so it costs the page nothing.
    if (lo.call) void import('./callButton').then((m) => dead || offs.push(m.mountCallButton(btn!, session, open)));
  }
  // Proactive rules (opt-in): their chunk after the launcher, so pages without rules pay nothing.
  if (o.proactive || o.translations?.[lang]?.proactive) void import('./proactive').then((m) => dead || offs.push(m.mountProactive(root, session, open)));
  root.append(panel);
  root.addEventListener('keydown', (e) => {
    if ((e as KeyboardEvent).key === 'Escape' && isOpen) {
      e.stopPropagation();
      close();
    }
  });

  /**
   * Puts the host back when a SPA replaced or emptied `document.body`, in the top layer (Popover
   * API) where the browser has it: above any z-index, and out of reach of the page's `transform`,
   * `filter` or `overflow` on its ancestors; elsewhere the maximal z-index is the fallback. The
   * page's CSS `zoom` (html or body) is undone (`--z`), so the panel fits the viewport.
   */
  const attach = () => {
    const body = doc.body;
    if (!body) return;
    if (host.parentNode !== body) body.append(host);
    // Without currentCSSZoom, 1/undefined is NaN: an invalid zoom, ignored.
    host.style.setProperty('--z', 1 / (body as { currentCSSZoom?: number }).currentCSSZoom! + '');
    try {
      host.showPopover();
    } catch {
      // Already shown, or no Popover API (then not a popover at all).
    }
  };
  attach();
  if (!doc.body) doc.addEventListener('DOMContentLoaded', attach, { once: true });
  offs.push(session.onChange(attach));

  /** The visitor's language: its chunk, compiled once (./locales/catalog.ts caches it). */
  function text() {
    return import('./locales/catalog').then((c) => c.sessionText(session));
  }

  function fetchPanel(): Promise<[PanelModule, Text]> {
    // The panel's chunk and the language's, side by side.
    return (chunk ||= Promise.all([loadPanel(), text()]).catch((e: unknown) => {
      chunk = null; // let Retry (or the next hover) try again
      throw e;
    }));
  }

  function warm() {
    if (dead) return;
    fetchPanel().catch(() => {});
    // The panel's first render needs a snapshot: fetch the builder chunk alongside.
    session.getContext().catch(() => {});
  }

  /** Focus the panel's heading, or the close button of the loading state. */
  const focusIn = () => panel.querySelector<HTMLElement>('h2,.x')?.focus();

  /** Focus is ours to move: inside the panel, on the launcher, or nowhere in particular. */
  const focusIsOurs = () => {
    const a = root.activeElement;
    return a ? a === btn || panel.contains(a) : (doc.activeElement || doc.body) === doc.body;
  };

  /** The loading / error state shown until the panel chunk renders. */
  function shell(failed: boolean) {
    const keep = isOpen && focusIsOurs();
    if (!shellBody || shellBody.parentNode !== panel) {
      const head = el('div', 'h');
      head.append(button('x', close));
      head.firstChild!.appendChild(icon(CLOSE_ICON));
      shellBody = el('div', 'm');
      panel.replaceChildren(head, shellBody);
    }
    panel.firstElementChild!.firstElementChild!.setAttribute('aria-label', t.close);
    const msg = el('p', '', failed ? t.loadFailed : t.connecting);
    msg.setAttribute('role', failed ? 'alert' : 'status');
    shellBody.replaceChildren(msg);
    if (failed) shellBody.append(button('btn', load, t.retry));
    if (keep && !panel.contains(root.activeElement)) focusIn();
  }

  function load() {
    if (loading || unmount || dead) return;
    loading = true;
    shell(false);
    // The loading state in the visitor's language as soon as its (small) chunk is in.
    text().then((x) => ((t = x), loading && !dead && shell(false)), () => {});
    warm(); // the snapshot builder, alongside
    fetchPanel()
      .then(([m, text]) => {
        loading = false;
        if (dead) return;
        const keep = isOpen && focusIsOurs();
        panel.replaceChildren();
        shellBody = null;
        unmount = m.renderPanel(panel, session, close, text);
        if (keep) focusIn();
      })
      .catch((e: unknown) => {
        loading = false;
        if (dead) return;
        shell(true);
        session.reportError({ code: 'ui_failed', message: String((e as Error)?.message || e) });
      });
  }

  function open() {
    if (dead) return;
    attach();
    if (isOpen) return;
    isOpen = true;
    prev = doc.activeElement;
    panel.hidden = false;
    btn?.setAttribute('aria-expanded', 'true');
    if (!unmount) load();
    focusIn();
    session.setOpen(true);
  }

  function close() {
    if (!isOpen || dead) return;
    const keep = focusIsOurs();
    isOpen = false;
    panel.hidden = true;
    btn?.setAttribute('aria-expanded', 'false');
    // Focusing a removed element, the body or our host does nothing: no need to check which.
    if (keep) (btn || (prev as HTMLElement | null))?.focus?.();
    prev = null;
    session.setOpen(false);
  }

  return {
    open,
    close,
    destroy() {
      if (dead) return;
      if (isOpen) {
        isOpen = false;
        session.setOpen(false);
      }
      dead = true;
      for (const off of offs) off();
      unmount?.();
      host.remove();
    },
  };
}
