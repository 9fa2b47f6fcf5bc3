import { z } from 'zod';
import { activityQuerySchema, activitySince } from '@/lib/data/activity';
import { defineRoute } from '@/lib/http/define-route';

/** Events newer than `after` with /activity's filters, polled by the live list every few seconds (not audited). */
export const GET = defineRoute({
  name: 'activity.live',
  capability: 'activity:read',
  query: activityQuerySchema.extend({ after: z.string().max(40).catch('') }),
  audit: false,
  async run(query, { operator }) {
    return { json: { rows: await activitySince(operator, query, query.after) } };
  },
});
