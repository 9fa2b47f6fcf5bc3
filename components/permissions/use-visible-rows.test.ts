import { describe, expect, it } from 'vitest';
import { visibleRows } from './use-visible-rows';

describe('visibleRows', () => {
  it('draws only the overscan rows before the box is measured', () => {
    expect(visibleRows(0, 0, 40, 100, 8)).toEqual({ start: 0, end: 8 });
  });

  it('covers the rows in view plus the overscan either side', () => {
    // 400 px box scrolled to 1,000 px: rows 25 to 34 are in view.
    expect(visibleRows(1000, 400, 40, 100, 8)).toEqual({ start: 17, end: 43 });
  });

  it('counts a row that is partly in view', () => {
    expect(visibleRows(1010, 400, 40, 100, 0)).toEqual({ start: 25, end: 36 });
  });

  it('stops at the ends of the list', () => {
    expect(visibleRows(3800, 400, 40, 100, 8)).toEqual({ start: 87, end: 100 });
    expect(visibleRows(0, 400, 40, 5, 8)).toEqual({ start: 0, end: 5 });
    expect(visibleRows(0, 400, 40, 0, 8)).toEqual({ start: 0, end: 0 });
  });

  it('keeps start ≤ end when the box is scrolled past a list that shrank', () => {
    expect(visibleRows(4000, 400, 40, 10, 2)).toEqual({ start: 10, end: 10 });
  });
});
