import { z } from 'zod';
import { db } from '@/lib/db';
import { portalEnv } from '@/lib/env';
import { dayOf, formatDateTime } from '@/lib/format';
import { defineRoute } from '@/lib/http/define-route';
import { sourceWords } from '@/lib/data/reviews';
import { reachableReview } from '@/lib/reviews/access';
import { allItems } from '@/lib/reviews/store';

/**
 * An access review's evidence, as CSV for the auditor: every item frozen at the start (person, door, where the access
 * came from, since when, last entry), the decision, who made it and when, the comment, when it was applied and what that
 * did. Only for those who may open the review (404 otherwise, as for one that does not exist). Audited with the row count.
 */
export const GET = defineRoute({
  name: 'reviews.export',
  capability: 'reviews:read',
  query: z.object({ id: z.string().uuid() }),
  audit: true,
  async run({ id }, { operator }) {
    const database = await db();
    const review = await reachableReview(database, operator, id);
    if (!review) return { json: { message: 'No such review.' }, status: 404 };
    const { display } = portalEnv();
    const time = (iso: string | null) => (iso ? formatDateTime(iso, display) : '');
    async function* rows() {
      for await (const item of allItems(database, review!.id))
        yield [
          item.id,
          item.personId,
          item.personName,
          item.personActive ? 'active' : 'deactivated',
          item.doorId,
          item.doorName,
          sourceWords(item.source),
          time(item.since),
          item.lastEntryS === null ? '' : time(new Date(item.lastEntryS * 1000).toISOString()),
          item.decision ?? 'not decided',
          item.decidedByName ?? '',
          time(item.decidedAt),
          item.comment ?? '',
          time(item.appliedAt),
          item.outcome ?? '',
        ];
    }
    return {
      csv: {
        filename: `access-review-${review.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${dayOf(Date.now(), display.timeZone)}.csv`,
        header: [
          'item',
          'personId',
          'person',
          'personStatus',
          'doorId',
          'door',
          'accessFrom',
          'since',
          'lastEntry',
          'decision',
          'reviewer',
          'decidedAt',
          'comment',
          'appliedAt',
          'outcome',
        ],
        rows: rows(),
      },
    };
  },
});
