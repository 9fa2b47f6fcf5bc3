import { z } from 'zod';
import { listPeopleInScope } from '@/lib/data/people';
import { defineRoute } from '@/lib/http/define-route';
import { safeText } from '@/lib/validation/text';

/** Fewer than two characters find nothing (too many matches to be useful). */
const searchQuerySchema = z.object({ q: safeText().pipe(z.string().max(100)).catch('') });

/** Find people by name, email, phone, employee code or card number, within the operator's sites (the directory). */
export const GET = defineRoute({
  name: 'people.search',
  capability: 'people:read',
  query: searchQuerySchema,
  audit: false,
  async run({ q }, { operator }) {
    if (q.length < 2) return { json: { people: [] } };
    const found = await listPeopleInScope(operator, { search: q, status: 'all' }, 20);
    return { json: { people: found.items, total: found.total } };
  },
});
