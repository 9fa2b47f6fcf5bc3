'use client';

import { useEffect, useState, type RefObject } from 'react';

export type RowRange = { start: number; end: number };

/**
 * The rows of a fixed-height list that are in view in a box scrolled to `scrollTop`, plus `overscan` rows either side
 * so keyboard moves and short scrolls land on rows already drawn. `end` is exclusive.
 */
export function visibleRows(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan: number,
): RowRange {
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
  return { start: Math.min(start, end), end };
}

/**
 * Windowing for a list whose rows all have the same height: re-renders only when the range of rows in view changes
 * (scrolling or resizing the box). On the server and before the first measurement it draws the first `overscan` rows,
 * which keeps the server's HTML small. A few lines of our own instead of a virtualiser library: rows never vary in
 * height here, and that is what the libraries' size goes into.
 */
export function useVisibleRows(
  box: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  overscan: number,
): RowRange {
  const [range, setRange] = useState<RowRange>(() => visibleRows(0, 0, rowHeight, count, overscan));
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => {
      const next = visibleRows(element.scrollTop, element.clientHeight, rowHeight, count, overscan);
      setRange((current) => (current.start === next.start && current.end === next.end ? current : next));
    };
    measure();
    element.addEventListener('scroll', measure, { passive: true });
    const resize = new ResizeObserver(measure);
    resize.observe(element);
    return () => {
      element.removeEventListener('scroll', measure);
      resize.disconnect();
    };
  }, [box, count, rowHeight, overscan]);
  return range;
}
