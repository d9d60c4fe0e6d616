/**
 * The launcher's call button, for sites that enable it (`launcher: { call: true }`). A chunk of
 * its own, imported by ../launcher once the launcher is mounted (itself at idle), so sites without
 * it pay nothing and sites with it pay after the page's load, not in the pre-interaction budget.
 * It sits above the chat launcher, hides while the panel is open (the panel has its own call
 * button), and starts the call in the visitor's click: the microphone prompt belongs to it.
 */
import type { BatonSession } from '../core/session';
import type { Lang } from './i18n';
import { svgIcon } from './icons';
import { PHONE_ICON } from './phoneIcon';
import { addStyles } from './styles';

// 56 px launcher + 12 px gap above its 20 px margin.
const CSS = '.c{bottom:88px}.c[hidden]{display:none}';

export const callText: Record<Lang, string> = { en: 'Call us', fr: 'Nous appeler' };

/** Adds the call button next to `launcher` (same shadow root, side and colours). Returns its removal. */
export function mountCallButton(launcher: HTMLButtonElement, session: BatonSession, openPanel: () => void): () => void {
  const root = launcher.getRootNode() as ShadowRoot;
  const lang: Lang = (root.host as HTMLElement).lang === 'fr' ? 'fr' : 'en';
  // Without constructable stylesheets the launcher styled the root with a <style nonce>: same nonce.
  addStyles(root, CSS, root.querySelector('style')?.nonce);
  const b = document.createElement('button');
  b.type = 'button';
  b.id = 'baton-launcher-call';
  b.className = launcher.className.replace(/\bb\b/, 'b c');
  b.title = callText[lang];
  b.setAttribute('aria-label', callText[lang]);
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
