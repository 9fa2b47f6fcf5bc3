'use server';

import { z } from 'zod';
import { db } from '../../db';
import { jobFor } from '../../data/jobs';
import { requestCancel } from '../../jobs/store';
import { ActionError, defineAction } from '../safe-action';

/** Stops a job after the items in flight; the rest are cancelled. Its starter or a super admin. */
export const cancelJobAction = defineAction({
  name: 'jobs.cancel',
  capability: 'people:write',
  input: z.object({ jobId: z.uuid() }),
  targets: () => [],
  async run(input, { operator }) {
    const job = await jobFor(operator, input.jobId);
    if (!job) throw new ActionError('No such job.');
    if (!(await requestCancel(await db(), job.id))) throw new ActionError('This job has already finished.');
    return { auditDetail: `job ${job.id}`, message: 'Stopping after the items in flight.' };
  },
});
