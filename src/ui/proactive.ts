/**
 * Proactive help's chunk (boot option `proactive`, docs/proactive.md): imported by ./launcher once
 * the launcher is mounted (itself at idle), only on pages booted with rules, so pages without them
 * pay nothing. It gathers the page's facts for the rule engine (../core/proactive/rules.ts) when
 * they change (context changes, scroll, exit intent, timers; no polling) and shows the rule that
 * fires as a small message next to the launcher: never a modal, dismissible, still under
 * `prefers-reduced-motion`. Accepting puts the rule in the context (`trigger`) and opens the chat.
 */
import type { BatonSession } from '../core/session';
import { proactive, validRules, type ProactiveMemo } from '../core/proactive/rules';
import { CLOSE_ICON, svgIcon } from './icons';
import { LANGS, type Lang } from './i18n';
import { addStyles } from './styles';

/** The close button's name in each language, in ./i18n's LANGS order (this chunk loads before the panel's language). */
const DISMISS = 'Dismiss|Fermer|Schließen|Cerrar|Zavrieť|Zavřít|Zamknij|Закрыть|Закрити|关闭|關閉|閉じる|إغلاق|סגירה|Ðîšmîšš ··'.split('|');
export const dismissText = (lang: Lang) => DISMISS[LANGS.indexOf(lang)] || DISMISS[0]!;

/** A visit counts as returning when the journey has a page opened this long before this one. */
const RETURNING_GAP_MS = 30 * 60_000;

// Above the launcher (56 px + 12 px gap over its 20 px margin), above the call button when there is one.
const CSS = `.pm{position:fixed;z-index:2147483647;right:20px;bottom:88px;display:flex;max-width:min(300px,calc(100vw - 40px));background:#fff;color:#1a1a1a;border-radius:12px;box-shadow:0 4px 14px #0000004d;font:15px/1.4 system-ui,sans-serif;zoom:var(--z)}\
.l+.pm{left:20px;right:auto}.c~.pm{bottom:156px}\
.pm button{border:0;background:none;cursor:pointer}\
.pa{flex:1;padding:12px 4px 12px 14px;text-align:left}\
.pm svg{width:18px;height:18px}\
@media (prefers-reduced-motion:no-preference){.pm{animation:pi .25s}@keyframes pi{from{opacity:0;transform:translateY(8px)}}}`;

/**
 * Memory for the caps: the page's own, and with consent the session's (shown rules: sessionStorage)
 * and the browser's (the day's count: localStorage). Without consent (or once it is withdrawn)
 * Baton's keys there are removed: nothing stays stored without it.
 */
function memo(session: BatonSession): ProactiveMemo {
  const mem: Record<string, string | null> = {};
  const io = (k: string, v?: string) => {
    try {
      const store = k == 's' ? sessionStorage : localStorage;
      k = 'baton.pro.' + k;
      if (session.raw!().consent != 'granted') store.removeItem(k);
      else if (v) store.setItem(k, v);
      else return store.getItem(k);
    } catch {
      // Storage refused (sandboxed frames, quota): the page's memory holds it.
    }
  };
  return {
    get: (k) => io(k) ?? mem[k] ?? null,
    set(k, v) {
      io(k, (mem[k] = v));
    },
  };
}

/** Starts the rules for `session` in the launcher's shadow root; returns what stops them. */
export function mountProactive(root: ShadowRoot, session: BatonSession, openChat: () => void): () => void {
  // The site's rules for the shown language (boot option `translations`), else its default ones.
  const o = session.options;
  const rules = validRules(o.translations?.[(root.host as HTMLElement).lang]?.proactive ?? o.proactive, (message) => session.reportError({ code: 'invalid_argument', message }));
  const engine = proactive(rules, memo(session));
  const w = window;
  const doc = document;
  let scroll = 0;
  let exit = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let box: HTMLElement | null = null;
  addStyles(root, CSS, root.querySelector('style')?.nonce);

  const button = (cls: string, onclick: () => void) => {
    const b = doc.createElement('button');
    b.type = 'button';
    b.className = cls;
    b.onclick = onclick;
    return b;
  };
  const hide = () => {
    box?.remove();
    box = null;
  };
  const check = () => {
    clearTimeout(timer);
    if (box || session.isOpen()) return;
    const raw = session.raw!();
    const f = {
      ...raw,
      path: location.pathname,
      scrollPercent: scroll,
      exitIntent: exit,
      returning: raw.journey.some((j) => j.at < raw.pageStartedAt - RETURNING_GAP_MS),
    };
    const fired = engine.check(f);
    if (!fired) {
      const wait = engine.wait(f);
      if (wait != null) timer = setTimeout(check, wait);
      return;
    }
    const { rule, signal } = fired;
    engine.shown(rule, f.now);
    const b = (box = doc.createElement('div'));
    b.className = 'pm';
    box.id = 'baton-proactive';
    box.setAttribute('role', 'status');
    const accept = button('pa', () => {
      session.setPart!('trigger', { rule: rule.id, message: rule.message, signal, at: Date.now() });
      hide();
      openChat();
    });
    accept.textContent = rule.message;
    const x = button('x', () => (hide(), check()));
    x.setAttribute('aria-label', dismissText((root.host as HTMLElement).lang as Lang));
    x.append(svgIcon(CLOSE_ICON));
    // A survey rule: its own chunk fills the box with the question and its scale.
    if (rule.action?.kind == 'survey') void import('./microSurvey').then((m) => m.ask(b, rule, x, session, openChat, hide));
    else b.append(accept, x);
    // After the launcher (and its call button), so the CSS knows their side and place.
    const launcher = root.querySelector('.b:not(.c)');
    if (launcher) launcher.after(box);
    else root.prepend(box);
  };

  const onScroll = () => {
    const max = doc.documentElement.scrollHeight - w.innerHeight;
    const pct = max > 0 ? Math.round((w.scrollY / max) * 100) : 100;
    if (pct > scroll) (scroll = pct), check();
  };
  // Exit intent: the pointer leaves through the top of the window (desktop pointers only).
  const onOut = (e: MouseEvent) => {
    if (!e.relatedTarget && e.clientY <= 0 && w.matchMedia('(pointer:fine)').matches) (exit = true), check();
  };
  w.addEventListener('scroll', onScroll, { passive: true });
  doc.addEventListener('mouseout', onOut);
  const offs = [session.onChange(check), session.on('open', hide), session.on('close', check)];
  check();
  return () => {
    clearTimeout(timer);
    for (const off of offs) off();
    w.removeEventListener('scroll', onScroll);
    doc.removeEventListener('mouseout', onOut);
    hide();
  };
}
