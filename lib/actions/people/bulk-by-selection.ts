'use server';

import { z } from 'zod';
import { db } from '../../db';
import { chosenPeople } from '../../jobs/chosen-people';
import { BULK_ACTIONS, BULK_WORDS, peopleBulkKind, type BulkInput } from '../../jobs/people-bulk';
import { startJob } from '../../jobs/start';
import { peopleIdsSchema } from '../../validation/people';
import { defineAction } from '../safe-action';
import { bulkChangeNeedsStepUp } from '../../auth/step-up';

/**
 * Activates, deactivates, offboards or deletes the people selected on /users, as a job: each person an item with
 * its own outcome, finished on the server with the tab closed. Every id is scope-checked here first, and again per
 * item when it runs.
 */
export const bulkSelectionAction = defineAction({
  name: 'jobs.start_selection',
  capability: 'people:manage',
  input: peopleIdsSchema.extend({ action: z.enum(BULK_ACTIONS) }),
  targets: (input) => input.userIds.map((id) => ({ type: 'person' as const, id })),
  stepUp: (input) => bulkChangeNeedsStepUp(input.action, input.userIds.length),
  async run(input, { operator }) {
    const chosen = await chosenPeople(input.userIds);
    const n = input.userIds.length;
    const words = BULK_WORDS[input.action];
    const items: { input: BulkInput }[] = input.userIds.map((personId) => ({
      input: { action: input.action, personId, name: chosen.nameOf(personId) },
    }));
    const jobId = await startJob(await db(), {
      kind: peopleBulkKind.name,
      title: `${words.verb} ${chosen.summary}`,
      createdBy: operator.id,
      requestedBy: operator.email,
      items,
    });
    return { data: { jobId }, facts: { job: jobId, change: input.action, people: n } };
  },
});
