import { z } from 'zod';
import { jobFor, jobIdSchema, smallJobItems, toJobView } from '@/lib/data/jobs';
import { defineRoute } from '@/lib/http/define-route';

/**
 * Where a job stands (`?id=`), for its progress bar; only its starter and super admins see it. `&items=1` adds each
 * item's outcome for a small job (a matrix apply's doors).
 */
export const GET = defineRoute({
  name: 'jobs.status',
  capability: 'people:manage',
  query: jobIdSchema.extend({ items: z.literal('1').optional().catch(undefined) }),
  audit: false,
  async run({ id, items }, { operator }) {
    const job = await jobFor(operator, id);
    if (!job) return { json: { message: 'No such job.' }, status: 404 };
    return { json: { ...toJobView(job), ...(items && { items: await smallJobItems(job) }) } };
  },
});
