'use client';

import { useEffect, useState, type RefObject } from 'react';

/**
 * What the glyphs mean, above the grid where it is read first, and — when the doors do not all fit — that the grid
 * scrolls sideways (at 1440 px about 9 of 15 doors are in view).
 */
export function MatrixLegend({
  doorCount,
  scrollRef,
}: {
  doorCount: number;
  scrollRef: RefObject<HTMLDivElement | null>;
}) {
  const [hidden, setHidden] = useState(false);
  useEffect(() => {
    const box = scrollRef.current;
    if (!box) return;
    const measure = () => setHidden(box.scrollWidth > box.clientWidth + 1);
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, [scrollRef]);
  return (
    <div
      className="flex flex-wrap items-baseline justify-between gap-2 text-xs text-slate-700"
      data-testid="matrix-legend"
    >
      <p>
        <span aria-hidden>✓</span> can open · <span aria-hidden>○</span> no access · <span aria-hidden>…</span> pending
        (the reader has not synced) · <span aria-hidden>!</span> pending for long · <span aria-hidden>+</span> staged
        grant · <span aria-hidden>−</span> staged revoke · <span aria-hidden>×</span> staged cancellation
      </p>
      {hidden && (
        <p className="font-medium text-indigo-800" data-testid="matrix-scroll-hint">
          {doorCount} doors — scroll sideways to see them all →
        </p>
      )}
    </div>
  );
}
