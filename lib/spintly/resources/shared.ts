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
