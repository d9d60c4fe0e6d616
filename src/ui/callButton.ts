/**
 * The launcher's call button, for sites that enable it (`launcher: { call: true }`). A chunk of
 * its own, imported by ../launcher once the launcher is mounted (itself at idle), so sites without
 * it pay nothing and sites with it pay after the page's load, not in the pre-interaction budget.
 * It sits above the chat launcher, hides while the panel is open (the panel has its own call
 * button), and starts the call in the visitor's click: the microphone prompt belongs to it.
 */
import type { BatonSession } from '../core/session';
import { LANGS, type Lang } from './i18n';
import { svgIcon } from './icons';
import { PHONE_ICON } from './phoneIcon';
import { addStyles } from './styles';

// 56 px launcher + 12 px gap above its 20 px margin.
const CSS = '.c{bottom:88px}.c[hidden]{display:none}';

/** "Call us" in each language, in ./i18n's LANGS order (this chunk loads before the panel's language). */
const CALL = 'Call us|Nous appeler|Rufen Sie uns an|Llámanos|Zavolajte nám|Zavolejte nám|Zadzwoń do nas|Позвоните нам|Зателефонуйте нам|给我们打电话|打電話給我們|電話で相談|اتصل بنا|התקשרו אלינו|Ĉåļļ ûš ·····'.split('|');
export const callText = (lang: Lang) => CALL[LANGS.indexOf(lang)] || CALL[0]!;

/** Adds the call button next to `launcher` (same shadow root, side and colours). Returns its removal. */
export function mountCallButton(launcher: HTMLButtonElement, session: BatonSession, openPanel: () => void): () => void {
  const root = launcher.getRootNode() as ShadowRoot;
  const label = callText((root.host as HTMLElement).lang as Lang);
  // Without constructable stylesheets the launcher styled the root with a <style nonce>: same nonce.
  addStyles(root, CSS, root.querySelector('style')?.nonce);
  const b = document.createElement('button');
  b.type = 'button';
  b.id = 'baton-launcher-call';
  b.className = launcher.className.replace(/\bb\b/, 'b c');
  b.title = label;
  b.setAttribute('aria-label', label);
  b.append(svgIcon(PHONE_ICON));
  b.hidden = session.isOpen();
  b.onclick = () => {
    openPanel();
    // The microphone is asked for in this click, synchronously; the call chunk follows.
    session.startCall?.();
  };
  launcher.before(b);
  const offs = [session.on('open', () => (b.hidden = true)), session.on('close', () => (b.hidden = false))];
  return () => {
    for (const off of offs) off();
    b.remove();
  };
}
