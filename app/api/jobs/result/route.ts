import { jobFor, jobIdSchema, jobResultRows } from '@/lib/data/jobs';
import { defineRoute } from '@/lib/http/define-route';

/** A job's outcome per item as CSV (`?id=`): for an import, each row of the file with what happened to it. */
export const GET = defineRoute({
  name: 'jobs.export',
  capability: 'people:manage',
  query: jobIdSchema,
  audit: true,
  async run({ id }, { operator }) {
    const job = await jobFor(operator, id);
    if (!job) return { json: { message: 'No such job.' }, status: 404 };
    return {
      csv: {
        filename: `${job.kind}-${job.id.slice(0, 8)}-result.csv`,
        header: ['line', 'name', 'email', 'status', 'outcome', 'person_id', 'message'],
        rows: jobResultRows(job),
      },
    };
  },
});
