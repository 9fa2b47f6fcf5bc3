import { expect, it } from 'vitest';
import { setBounded } from './bounded-map';

it('drops the oldest entry when a new key arrives at the limit, and never for a key it already has', () => {
  const map = new Map<string, number>();
  setBounded(map, 'a', 1, 2);
  setBounded(map, 'b', 2, 2);
  setBounded(map, 'a', 3, 2); // already there: nothing dropped
  expect([...map]).toEqual([
    ['a', 3],
    ['b', 2],
  ]);
  setBounded(map, 'c', 4, 2); // full: the oldest, a, goes
  expect([...map]).toEqual([
    ['b', 2],
    ['c', 4],
  ]);
});
