import 'server-only';
import { MAX_PER_PAGE, type PaginationAnswer } from '../contract';
import type { TaggedCache } from '../cache';
import type { Transport } from '../transport';

/** What every resource file of the client works with: the one transport (tokens, retries, lanes) and the cache. */
export interface ClientContext {
  transport: Transport;
  cache: TaggedCache;
}

export interface Page<T> {
  items: T[];
  pagination: PaginationAnswer;
}

/** Cache tags, for invalidating after the portal changes what they cover. */
export const CACHE_TAGS = {
  sites: 'sites',
  roles: 'roles',
  doors: (siteId: number) => `doors:${siteId}`,
  allDoors: 'doors:all',
} as const;

export const pagination = (page = 1, perPage = 25) => ({ page, perPage: Math.min(perPage, MAX_PER_PAGE) });

/**
 * Every page of a list: the first page tells the total, the rest are fetched in parallel (the concurrency limit
 * keeps that polite), so a 10,000-row list costs two round trips of latency, not a hundred.
 */
export async function walkPages<T>(fetchPage: (page: number, perPage: number) => Promise<Page<T>>): Promise<T[]> {
  const first = await fetchPage(1, MAX_PER_PAGE);
  const pages = Math.ceil(first.pagination.total / MAX_PER_PAGE);
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, pages - 1) }, (_, i) => fetchPage(i + 2, MAX_PER_PAGE)),
  );
  return [first, ...rest].flatMap((page) => page.items);
}

export interface WalkProgress {
  /** Pages handed over so far, this one included. */
  read: number;
  /** Pages in all, as the first page told. */
  total: number;
}

/**
 * Every page of a list, handed to `onPage` one at a time as each arrives (in no set order), for walks too big to hold
 * at once: 100,000 people are never in memory together. At most `concurrency` pages are fetched or waiting to be
 * handled, so a slow handler slows the walk instead of piling pages up; the first failed page stops it (no further
 * page is asked for) and the walk rejects with that error.
 */
export async function eachPage<T>(
  fetchPage: (page: number, perPage: number) => Promise<Page<T>>,
  onPage: (items: T[], progress: WalkProgress) => Promise<void>,
  concurrency = 8,
): Promise<void> {
  const first = await fetchPage(1, MAX_PER_PAGE);
  const total = Math.max(1, Math.ceil(first.pagination.total / MAX_PER_PAGE));
  let read = 0;
  let handling = Promise.resolve();
  // Handlers run one after another, whatever order the pages come in.
  const hand = (items: T[]) => (handling = handling.then(() => onPage(items, { read: ++read, total })));
  await hand(first.items);
  let next = 2;
  let failure = null as { error: unknown } | null; // set by the fetchers
  const fetcher = async () => {
    while (!failure && next <= total) {
      const page = next++;
      try {
        const { items } = await fetchPage(page, MAX_PER_PAGE);
        if (!failure) await hand(items);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  // Settled, not raced: when the walk rejects, no page of it is still being handled.
  await Promise.all(Array.from({ length: Math.min(concurrency, total - 1) }, fetcher));
  if (failure) throw failure.error;
}
