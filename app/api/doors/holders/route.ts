import { z } from 'zod';
import { doorHolderIdsInScope } from '@/lib/data/doors';
import { defineRoute } from '@/lib/http/define-route';

/**
 * Who of the operator's people holds a door or will once its reader syncs, as ids: the door page's "Add people" asks
 * when it opens, so it does not offer them again. A door outside the operator's sites answers 404, as one that does
 * not exist.
 */
export const GET = defineRoute({
  name: 'doors.holders',
  capability: 'permissions:write',
  query: z.object({ doorId: z.coerce.number().int().positive() }),
  audit: false,
  async run({ doorId }, { operator }) {
    const holderIds = await doorHolderIdsInScope(operator, doorId);
    if (!holderIds) return { json: { message: 'No such door.' }, status: 404 };
    return { json: { holderIds } };
  },
});
