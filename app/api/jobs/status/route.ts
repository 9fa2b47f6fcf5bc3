import { jobFor, jobIdSchema, toJobView } from '@/lib/data/jobs';
import { defineRoute } from '@/lib/http/define-route';

/** Where a job stands (`?id=`), for its progress bar; only its starter and super admins see it. */
export const GET = defineRoute({
  name: 'jobs.status',
  capability: 'people:write',
  query: jobIdSchema,
  audit: false,
  async run({ id }, { operator }) {
    const job = await jobFor(operator, id);
    if (!job) return { json: { message: 'No such job.' }, status: 404 };
    return { json: toJobView(job) };
  },
});
