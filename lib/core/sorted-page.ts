/**
 * `[...items].sort(compare).slice(start, start + count)` without sorting everything: a page of a long list (a door's
 * 2,000 holders, 25 shown) needs only the first `start + count` in order. Those are kept in a sorted buffer, and
 * every other item costs one comparison with the buffer's last. Same answer as the stable sort, ties in input order.
 */
export function sortedPage<T>(items: readonly T[], compare: (a: T, b: T) => number, start: number, count: number): T[] {
  const keep = start + count;
  // Deep pages gain nothing from the buffer (its inserts cost more than a sort).
  if (keep * 4 >= items.length) return [...items].sort(compare).slice(start, keep);
  const best: T[] = [];
  for (const item of items) {
    if (best.length === keep && compare(item, best[keep - 1]!) >= 0) continue;
    // After every equal item already kept: the one seen first stays first, as in a stable sort.
    let low = 0;
    let high = best.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compare(item, best[middle]!) < 0) high = middle;
      else low = middle + 1;
    }
    best.splice(low, 0, item);
    if (best.length > keep) best.pop();
  }
  return best.slice(start);
}
