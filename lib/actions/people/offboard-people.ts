'use server';

import { db } from '../../db';
import { chosenPeople } from '../../jobs/chosen-people';
import { offboardKind } from '../../jobs/offboard';
import { startJob } from '../../jobs/start';
import { peopleIdsSchema } from '../../validation/people';
import { defineAction } from '../safe-action';
import { bulkChangeNeedsStepUp } from '../../auth/step-up';

/**
 * Offboards people as a job (lib/jobs/offboard.ts): card taken back, every door removed, deactivated — each person an
 * item with its own outcome, finished on the server if the tab is closed. Every id is scope-checked here first.
 */
export const offboardPeopleAction = defineAction({
  name: 'jobs.start',
  capability: 'people:manage',
  input: peopleIdsSchema,
  targets: (input) => input.userIds.map((id) => ({ type: 'person' as const, id })),
  stepUp: (input) => bulkChangeNeedsStepUp('offboard', input.userIds.length),
  async run(input, { operator }) {
    const chosen = await chosenPeople(input.userIds);
    const n = input.userIds.length;
    const jobId = await startJob(await db(), {
      kind: offboardKind.name,
      title: `Offboarding of ${chosen.summary}`,
      createdBy: operator.id,
      requestedBy: operator.email,
      items: input.userIds.map((personId) => ({ input: { personId, name: chosen.nameOf(personId) } })),
    });
    return {
      data: { jobId },
      facts: { job: jobId, people: n },
      message: `Offboarding ${n} ${n === 1 ? 'person' : 'people'}…`,
    };
  },
});
