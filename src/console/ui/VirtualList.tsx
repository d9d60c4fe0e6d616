/**
 * A list that renders only the rows in view (and a screen's worth around them), so a queue of
 * 5,000 conversations costs what 30 cost (issue 13: with 1,000 the console froze for seconds).
 * Every row's height is known from its data (`rowHeight`, matching the CSS of the row), so the
 * scroll height, the position of any row and the rows in view are exact without measuring the DOM.
 * The list keeps its semantics: a <ul> whose <li>s carry aria-setsize/aria-posinset, so a screen
 * reader hears "3 of 5,000".
 */
import type { ComponentChild, JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';

/** Rows rendered beyond the visible area, above and below (px): scrolling never shows a blank. */
const OVERSCAN_PX = 600;
/** The view assumed before the scroller is laid out (and where there is no layout, e.g. tests). */
const INITIAL_VIEW_PX = 1000;
/** The list's bottom padding (.list in styles.ts). */
const LIST_PADDING_BOTTOM_PX = 10;

export interface VirtualListProps<T> {
  items: readonly T[];
  /** The row's height in px, margins included: must be what the CSS gives it. */
  rowHeight(item: T): number;
  /** One <li> for the item (its index in `items` gives aria-posinset). */
  renderRow(item: T, index: number): ComponentChild;
  /** The id of the heading that names the list. */
  labelledBy: string;
  testId?: string;
}

/** The first index whose row ends after `y` (offsets[i + 1] > y). */
function rowAt(offsets: Float64Array, y: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid + 1]! <= y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function VirtualList<T>({ items, rowHeight, renderRow, labelledBy, testId }: VirtualListProps<T>): JSX.Element {
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: INITIAL_VIEW_PX });
  const offsets = useMemo(() => {
    const o = new Float64Array(items.length + 1);
    for (let i = 0; i < items.length; i++) o[i + 1] = o[i]! + rowHeight(items[i]!);
    return o;
  }, [items, rowHeight]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    let frame = 0;
    const read = () => {
      frame = 0;
      const height = el.clientHeight || INITIAL_VIEW_PX;
      setView((v) => (v.top === el.scrollTop && v.height === height ? v : { top: el.scrollTop, height }));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(read);
    };
    el.addEventListener('scroll', schedule, { passive: true });
    const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(schedule) : null;
    resize?.observe(el);
    read();
    return () => {
      el.removeEventListener('scroll', schedule);
      resize?.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, []);

  const total = offsets[items.length]!;
  const first = items.length ? rowAt(offsets, Math.max(0, view.top - OVERSCAN_PX)) : 0;
  const end = items.length ? Math.min(items.length, rowAt(offsets, view.top + view.height + OVERSCAN_PX) + 1) : 0;
  const rows: ComponentChild[] = [];
  for (let i = first; i < end; i++) rows.push(renderRow(items[i]!, i));
  return (
    <div class="vscroll" ref={scroller} data-testid={testId}>
      <ul
        class="list vlist"
        aria-labelledby={labelledBy}
        style={{ paddingTop: `${offsets[first]}px`, height: `${total + LIST_PADDING_BOTTOM_PX}px` }}
      >
        {rows}
      </ul>
    </div>
  );
}
