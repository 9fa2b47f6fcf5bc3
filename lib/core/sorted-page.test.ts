import { expect, it } from 'vitest';
import { sortedPage } from './sorted-page';

/** A small deterministic generator, so a failure names the case that broke. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

it('is the stable sort’s page for every page of lists with many equal keys', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const next = random(seed);
    const length = Math.floor(next() * 400);
    // Keys from a small range, so ties are common; the index tells equal keys apart.
    const items = Array.from({ length }, (_, index) => ({ key: Math.floor(next() * 30), index }));
    const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
    const sorted = [...items].sort(byKey);
    for (const count of [1, 7, 25]) {
      for (let start = 0; start <= length; start += count) {
        expect(sortedPage(items, byKey, start, count), `seed ${seed}, start ${start}, count ${count}`).toEqual(
          sorted.slice(start, start + count),
        );
      }
    }
  }
});

it('compares each item past the kept ones once, not log n times', () => {
  const items = Array.from({ length: 2_000 }, (_, index) => (index * 7_919) % 2_000);
  let comparisons = 0;
  const counted = (a: number, b: number) => {
    comparisons++;
    return a - b;
  };
  expect(sortedPage(items, counted, 0, 25)).toEqual(Array.from({ length: 25 }, (_, i) => i));
  // A full sort of 2,000 makes ~20,000 comparisons.
  expect(comparisons).toBeLessThan(8_000);
});

it('leaves the input as it was', () => {
  const items = [3, 1, 2];
  expect(sortedPage(items, (a, b) => a - b, 0, 1)).toEqual([1]);
  expect(items).toEqual([3, 1, 2]);
});
