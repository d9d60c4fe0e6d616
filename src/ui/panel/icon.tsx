/** A 24x24 single-path icon, hidden from assistive technology (its button carries the label). */
export function Icon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={d} />
    </svg>
  );
}
