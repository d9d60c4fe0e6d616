/**
 * A 24x24 single-path icon, hidden from assistive technology (its button carries the label).
 * `flip`: an icon that points the way the text reads (back, forward, send), mirrored right to left.
 */
export function Icon({ d, flip }: { d: string; flip?: boolean }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" class={flip ? 'flip' : undefined}>
      <path d={d} />
    </svg>
  );
}
