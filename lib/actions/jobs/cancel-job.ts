'use server';

import { z } from 'zod';
import { db } from '../../db';
import { jobFor } from '../../data/jobs';
import { requestCancel } from '../../jobs/store';
import { defineAction } from '../safe-action';
import { Refusal } from '../../core/refusal';

/** Stops a job after the items in flight; the rest are cancelled. Its starter or a super admin. */
export const cancelJobAction = defineAction({
  name: 'jobs.cancel',
  capability: 'people:manage',
  input: z.object({ jobId: z.uuid() }),
  targets: () => [],
  async run(input, { operator }) {
    const job = await jobFor(operator, input.jobId);
    if (!job) throw new Refusal('No such job.');
    if (!(await requestCancel(await db(), job.id))) throw new Refusal('This job has already finished.');
    return { facts: { job: job.id }, message: 'Stopping after the items in flight.' };
  },
});
