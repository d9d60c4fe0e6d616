/**
 * The launcher's unread badge (a tiny chunk of its own, loaded by ../launcher the first time the
 * unread count is not 0, so pages without anything unread never load it). The count is drawn on
 * the button and spoken as part of its name: "Chat, 2 unread messages".
 */
import type { Text } from './locales/catalog';
import { addStyles } from './styles';

// White on #c8102e: 5.9:1; the white ring keeps it apart from any brand colour.
const CSS = `.u{position:absolute;top:-4px;right:-4px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#c8102e;color:#fff;font:700 12px/22px system-ui,sans-serif;text-align:center;box-shadow:0 0 0 2px #fff}.u[hidden]{display:none}`;


/**
 * Shows `count` on the launcher button (hides the badge at 0) and puts it in the button's name,
 * after its label (the button's title), in the visitor's language (`t`: its chunk, loaded with this one).
 */
export function showUnread(button: HTMLElement, count: number, t: Text): void {
  const root = button.getRootNode() as ShadowRoot;
  const label = button.title;
  let badge = button.querySelector<HTMLElement>('.u');
  if (!badge) {
    // Without constructable stylesheets the launcher styled the shadow root with a <style nonce>:
    // the badge's sheet carries the same nonce.
    addStyles(root, CSS, root.querySelector('style')?.nonce);
    badge = document.createElement('span');
    badge.className = 'u';
    badge.setAttribute('aria-hidden', 'true');
    button.append(badge);
  }
  badge.hidden = !count;
  badge.textContent = count > 99 ? '99+' : String(count);
  button.setAttribute('aria-label', count ? `${label}, ${t.unreadMessages({ n: count })}` : label);
}
