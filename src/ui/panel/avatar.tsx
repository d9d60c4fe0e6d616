/** The agent's avatar in the panel header: initials on a colour, no image fetched. */
import type { AgentPublic } from '../../protocol/chat';

/** "Sam Lee" -> "SL", "sam" -> "S", "Sam (Demo agent)" -> "S": letters of the first and last words, asides left out. */
export function initials(name: string): string {
  const parts = name.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').replace(/[^\p{L}\p{N}\s]/gu, '').trim().split(/\s+/).filter(Boolean);
  const first = [...(parts[0] ?? '?')][0] ?? '?';
  const second = parts.length > 1 ? ([...parts[parts.length - 1]!][0] ?? '') : '';
  return (first + second).toUpperCase();
}

/** Black or white text, whichever reads better on `hex` (WCAG relative luminance). */
function textOn(hex: string): string {
  const h = hex.length === 4 ? hex.replace(/[0-9a-f]/gi, '$&$&') : hex;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? '#1a1a1a' : '#fff';
}

export function Avatar({ agent }: { agent: AgentPublic }) {
  // Only #rgb / #rrggbb colours from the server: nothing else reaches a style (no url(), no expressions).
  const ok = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(agent.color);
  return (
    <span class="av" aria-hidden="true" style={ok ? { background: agent.color, color: textOn(agent.color) } : undefined}>
      {initials(agent.name)}
    </span>
  );
}
