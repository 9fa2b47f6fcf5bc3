'use client';

import { useState } from 'react';

/**
 * The ticked rows of a list shown a page at a time. Only rows on screen count: an id ticked on another page or
 * before a search, or gone since a refresh, is never acted on — a bulk action does exactly what the screen shows.
 */
export function useRowSelection(rowIds: readonly number[]) {
  const [ticked, setTicked] = useState<ReadonlySet<number>>(new Set());
  const selectedIds = rowIds.filter((id) => ticked.has(id));
  const allSelected = rowIds.length > 0 && selectedIds.length === rowIds.length;
  return {
    selectedIds,
    allSelected,
    isSelected: (id: number) => ticked.has(id),
    toggle: (id: number) =>
      setTicked((current) => {
        const next = new Set(current);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    toggleAll: () => setTicked(new Set(allSelected ? [] : rowIds)),
    clear: () => setTicked(new Set()),
  };
}
