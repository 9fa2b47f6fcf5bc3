import { z } from 'zod';
import { allSiteOptions } from '@/lib/data/sites';
import { listPeopleInScope, toPersonRow } from '@/lib/data/people';
import { defineRoute } from '@/lib/http/define-route';
import { safeText } from '@/lib/validation/text';

/** Fewer than two characters find nothing (too many matches to be useful). */
const searchQuerySchema = z.object({ q: safeText().pipe(z.string().max(100)).catch('') });

/** Find people by name, email, phone, employee code or card number, within the operator's sites. */
export const GET = defineRoute({
  name: 'people.search',
  capability: 'people:read',
  query: searchQuerySchema,
  audit: false,
  async run({ q }, { operator }) {
    if (q.length < 2) return { json: { people: [] } };
    const [found, sites] = await Promise.all([
      listPeopleInScope(operator, { search: q, status: 'all' }, 20),
      allSiteOptions(),
    ]);
    const names = new Map(sites.map((s) => [s.id, s.name]));
    return { json: { people: found.items.map((u) => toPersonRow(u, names)), total: found.total } };
  },
});
