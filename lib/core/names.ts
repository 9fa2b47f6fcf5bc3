/**
 * What a site, door or person is called on a screen or in an export, from names already looked up (Spintly's cached
 * lists, the people directory). One fallback wording when a name is not known — the thing's kind and id, "Door 509" —
 * and one mark for "none" (a person with no home site), so every page says it the same way.
 */
export type Named = 'site' | 'door' | 'person' | 'company';

const KIND: Record<Named, string> = { site: 'Site', door: 'Door', person: 'Person', company: 'Company' };

/** The mark for "there is none" (no home site, no person on an event). */
export const NONE = '—';

/** The name of `id` from `names`, or "Site 3" when it is not known. */
export function nameFor(names: ReadonlyMap<number, string>, kind: Named, id: number): string {
  return names.get(id) ?? `${KIND[kind]} ${id}`;
}

/** As `nameFor`, with `NONE` for no id at all. */
export function nameOrNone(names: ReadonlyMap<number, string>, kind: Named, id: number | null): string {
  return id === null ? NONE : nameFor(names, kind, id);
}

/** Names by id from a list of sites, doors or people, for `nameFor`. */
export function namesById(items: Iterable<{ id: number; name: string }>): Map<number, string> {
  const names = new Map<number, string>();
  for (const item of items) names.set(item.id, item.name);
  return names;
}

const collator = new Intl.Collator('en', { sensitivity: 'base' });

/**
 * Orders names as a reader expects ("anita" beside "Anita", accents ignored), for sorting lists on the server; the
 * language is fixed, so the server's locale settings cannot change the order a page shows.
 */
export const compareNames = (a: string, b: string): number => collator.compare(a, b);
