import { z } from 'zod';
import { parseDay } from '../format';
import { safeText } from './text';

/**
 * List pages keep their state in the URL: one zod schema per list (next to the data function that runs it) reads
 * it, and `toQueryString` (lib/query-string.ts, free of zod for client components) writes it back for links. Malformed values fall back to their defaults: a hand-edited URL
 * shows the list, never an error page.
 */
export type SearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

/** Fields most lists share. */
export const queryFields = {
  search: safeText().pipe(z.string().max(100)).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
  status: z.enum(['all', 'active', 'inactive']).default('all').catch('all'),
  id: z.coerce.number().int().positive().optional().catch(undefined),
  yesNo: z.enum(['yes', 'no']).optional().catch(undefined),
  /** A day as typed (dd/mm/yyyy or yyyy-mm-dd), kept as yyyy-mm-dd; anything else is dropped. */
  day: z
    .preprocess(
      (value) => (typeof value === 'string' ? (parseDay(value) ?? undefined) : value),
      z.iso.date().optional(),
    )
    .catch(undefined),
};

/** The URL's parameters as one flat object: the first of repeated ones, blanks dropped. */
export function flattenParams(params: SearchParams): Record<string, string> {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  const flat: Record<string, string> = {};
  for (const [key, value] of entries) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first !== '' && !(key in flat)) flat[key] = first;
  }
  return flat;
}

/** The URL's parameters through a list's schema. */
export function parseQuery<S extends z.ZodType>(schema: S, params: SearchParams): z.output<S> {
  return schema.parse(flattenParams(params));
}

/** The query of a list that is searched and paged and nothing else. */
export const searchAndPageSchema = z.object({ search: queryFields.search, page: queryFields.page });
