import { z } from 'zod';
import { listPeopleInScope } from '@/lib/data/people';
import { defineRoute } from '@/lib/http/define-route';
import { CARD_NUMBER_PATTERN, normaliseCardNumber } from '@/lib/spintly/card-number';
import { safeText } from '@/lib/validation/text';

/** Fewer than two characters find nothing (too many matches to be useful). */
const searchQuerySchema = z.object({
  q: safeText().pipe(z.string().max(100)).catch(''),
  /** "Whose card is this?": the holder of exactly this number, when it is one. */
  card: z
    .string()
    .transform(normaliseCardNumber)
    .pipe(z.string().regex(CARD_NUMBER_PATTERN))
    .optional()
    .catch(undefined),
});

/** Find people by name, email, phone, employee code or card number, within the operator's sites (the directory). */
export const GET = defineRoute({
  name: 'people.search',
  capability: 'people:read',
  query: searchQuerySchema,
  audit: false,
  async run({ q, card }, { operator }) {
    if (card) {
      const holder = await listPeopleInScope(operator, { status: 'all', cardNumber: card }, 1);
      return { json: { people: holder.items, total: holder.total } };
    }
    if (q.length < 2) return { json: { people: [] } };
    const found = await listPeopleInScope(operator, { search: q, status: 'all' }, 20);
    return { json: { people: found.items, total: found.total } };
  },
});
