'use client';

import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';

export interface GridPosition {
  row: number;
  col: number;
}

/** How far PageUp and PageDown move the focus. */
const PAGE_ROWS = 10;

/**
 * Keyboard focus in a grid, as the WAI-ARIA grid pattern has it: arrows, Home/End along a row, Ctrl+Home/End to the
 * corners, PageUp/PageDown by a screenful, and Space/Enter to act on the focused cell. One cell is in the tab order
 * at a time (roving tabindex). The focused cell is kept focused and in view as the keys move it (the grid's sticky
 * header and first column are its scroll box's scroll padding, so "in view" means not hidden behind them); cells
 * are found by their `data-cell="row:col"`.
 */
export function useGridKeyboard(
  gridRef: RefObject<HTMLElement | null>,
  size: { rows: number; cols: number },
  onActivate: (at: GridPosition) => void,
) {
  const [focus, setFocus] = useState<GridPosition>({ row: 0, col: 0 });
  const focusWithin = useRef(false);

  useEffect(() => {
    if (!focusWithin.current) return;
    const cell = gridRef.current?.querySelector<HTMLElement>(`[data-cell="${focus.row}:${focus.col}"]`);
    cell?.focus({ preventScroll: true });
    cell?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [focus, gridRef]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const lastRow = size.rows - 1;
    const lastCol = size.cols - 1;
    const moves: Record<string, (f: GridPosition) => GridPosition> = {
      ArrowUp: (f) => ({ ...f, row: f.row - 1 }),
      ArrowDown: (f) => ({ ...f, row: f.row + 1 }),
      ArrowLeft: (f) => ({ ...f, col: f.col - 1 }),
      ArrowRight: (f) => ({ ...f, col: f.col + 1 }),
      PageUp: (f) => ({ ...f, row: f.row - PAGE_ROWS }),
      PageDown: (f) => ({ ...f, row: f.row + PAGE_ROWS }),
      Home: (f) => (event.ctrlKey ? { row: 0, col: 0 } : { ...f, col: 0 }),
      End: (f) => (event.ctrlKey ? { row: lastRow, col: lastCol } : { ...f, col: lastCol }),
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      focusWithin.current = true;
      setFocus((f) => {
        const next = move(f);
        return { row: Math.min(lastRow, Math.max(0, next.row)), col: Math.min(lastCol, Math.max(0, next.col)) };
      });
    } else if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      onActivate(focus);
    }
  };

  return {
    focus,
    setFocus,
    /** Spread on the grid element. */
    gridProps: {
      onKeyDown,
      onFocus: () => (focusWithin.current = true),
      onBlur: () => (focusWithin.current = false),
    },
  };
}
