/**
 * The visual IVR: the site's menu (boot option `menu`), shown at the top of the panel before a chat
 * or call. The visitor's choice becomes the context's routing hints (`routing: { queue, skill,
 * path }`), which the agent console filters on and Twilio's task attributes carry. Never required:
 * the visitor may just type.
 *
 * Limits (validated here, in the panel chunk; a bad menu is reported with the 'error' event and not
 * shown): at most ROUTING_PATH_MAX levels, MENU_OPTIONS_MAX options per level, MENU_TOTAL_MAX in
 * all; labels 1..ROUTING_LABEL_MAX characters; queue and skill [A-Za-z0-9_.-]{1,40}. A child
 * without its own queue or skill inherits its parent's.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { MenuOption } from '../../api/types';
import type { BatonSession } from '../../core/session';
import { ROUTING_HINT_PATTERN, ROUTING_LABEL_MAX, ROUTING_PATH_MAX, type RoutingContext } from '../../protocol/context';
import type { Text } from './text';

export const MENU_OPTIONS_MAX = 8;
export const MENU_TOTAL_MAX = 40;

/** A validated menu node, with inherited hints resolved. */
export interface MenuNode {
  label: string;
  queue?: string;
  skill?: string;
  options: MenuNode[];
}

/** The menu as nodes, or why it is refused (one message naming the first problem). */
export function validateMenu(menu: unknown): { ok: true; nodes: MenuNode[] } | { ok: false; error: string } {
  let total = 0;
  const walk = (list: unknown, depth: number, where: string, inherited: { queue?: string | undefined; skill?: string | undefined }): MenuNode[] => {
    if (!Array.isArray(list) || list.length === 0) throw new Error(`${where} must be a non-empty array`);
    if (list.length > MENU_OPTIONS_MAX) throw new Error(`${where} has ${list.length} options; at most ${MENU_OPTIONS_MAX}`);
    if (depth > ROUTING_PATH_MAX) throw new Error(`${where} is nested too deep; at most ${ROUTING_PATH_MAX} levels`);
    return list.map((o: Partial<MenuOption> | null, i) => {
      const at = `${where}[${i}]`;
      if (!o || typeof o !== 'object') throw new Error(`${at} must be an object`);
      if (++total > MENU_TOTAL_MAX) throw new Error(`menu has more than ${MENU_TOTAL_MAX} options in all`);
      const label = typeof o.label === 'string' ? o.label.trim() : '';
      if (!label || label.length > ROUTING_LABEL_MAX) throw new Error(`${at}.label must be 1..${ROUTING_LABEL_MAX} characters`);
      for (const k of ['queue', 'skill'] as const) {
        if (o[k] !== undefined && (typeof o[k] !== 'string' || !ROUTING_HINT_PATTERN.test(o[k]!))) throw new Error(`${at}.${k} must match ${ROUTING_HINT_PATTERN}`);
      }
      const hints = { queue: o.queue ?? inherited.queue, skill: o.skill ?? inherited.skill };
      const node: MenuNode = { label, ...(hints.queue ? { queue: hints.queue } : {}), ...(hints.skill ? { skill: hints.skill } : {}), options: [] };
      if (o.options !== undefined) node.options = walk(o.options, depth + 1, `${at}.options`, hints);
      return node;
    });
  };
  try {
    return { ok: true, nodes: walk(menu, 1, 'menu', {}) };
  } catch (e) {
    return { ok: false, error: `boot({ menu }): ${(e as Error).message}` };
  }
}

/** The menu card: options, sub-options, then the chosen path with "Change". */
export function RoutingMenu({ session, nodes, t: all, chosen, onChosen }: { session: BatonSession; nodes: MenuNode[]; t: Text; chosen: RoutingContext | null; onChosen: (r: RoutingContext | null) => void }) {
  const t = all.menu;
  const [trail, setTrail] = useState<MenuNode[]>([]);
  const focus = useRef<HTMLDivElement>(null);
  const moved = useRef(false);
  useLayoutEffect(() => {
    if (moved.current) focus.current?.querySelector<HTMLElement>('button')?.focus();
  }, [trail, chosen]);

  const pick = (node: MenuNode) => {
    moved.current = true;
    if (node.options.length) return setTrail([...trail, node]);
    const path = [...trail, node].map((n) => n.label);
    const routing: RoutingContext = { ...(node.queue ? { queue: node.queue } : {}), ...(node.skill ? { skill: node.skill } : {}), path };
    session.setPart?.('routing', routing);
    onChosen(routing);
    setTrail([]);
  };

  if (chosen) {
    return (
      <div class="card menu" ref={focus} data-testid="routing-chosen">
        <p>
          {t.chosen}: <strong>{chosen.path.join(' › ')}</strong>
        </p>
        <button
          type="button"
          class="btn2"
          onClick={() => {
            moved.current = true;
            session.setPart?.('routing', null);
            onChosen(null);
          }}
        >
          {t.change}
        </button>
      </div>
    );
  }
  const level = trail.length ? trail[trail.length - 1]!.options : nodes;
  return (
    <div class="card menu" ref={focus} role="group" aria-labelledby="baton-menu-q" data-testid="routing-menu">
      <p id="baton-menu-q">{trail.length ? trail.map((n) => n.label).join(' › ') : t.ask}</p>
      <div class="row">
        {level.map((n, i) => (
          // The first option takes focus when the conversation opens on the menu (before the composer, which would connect).
          <button type="button" class="btn2" key={n.label} data-focus={i === 0 && !trail.length ? true : undefined} onClick={() => pick(n)}>
            {n.label}
          </button>
        ))}
        {trail.length > 0 && (
          <button
            type="button"
            class="btn2 bkm"
            onClick={() => {
              moved.current = true;
              setTrail(trail.slice(0, -1));
            }}
          >
            {t.back}
          </button>
        )}
      </div>
    </div>
  );
}
