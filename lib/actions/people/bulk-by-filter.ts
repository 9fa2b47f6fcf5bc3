'use server';

import { z } from 'zod';
import { db } from '../../db';
import { peopleQuerySchema, streamPeopleInScope } from '../../data/people';
import { BULK_ACTIONS, BULK_WORDS, peopleBulkKind, type BulkInput } from '../../jobs/people-bulk';
import { startJob } from '../../jobs/start';
import { defineAction } from '../safe-action';
import { bulkChangeNeedsStepUp } from '../../auth/step-up';
import { Refusal } from '../../core/refusal';

/**
 * Activates, deactivates, offboards or deletes everyone matching a /users filter, as a job. The action receives the
 * filter, never a list of ids, and expands it here within the operator's scope (the same directory query as the
 * list), so "all 4,312 matching" cannot reach anyone outside their sites.
 */
export const bulkByFilterAction = defineAction({
  name: 'jobs.start_bulk',
  capability: 'people:manage',
  input: z.object({ action: z.enum(BULK_ACTIONS), filter: peopleQuerySchema, expected: z.number().int().min(1) }),
  targets: () => [],
  stepUp: (input) => bulkChangeNeedsStepUp(input.action, input.expected),
  async run(input, { operator }) {
    const items: { input: BulkInput }[] = [];
    for await (const person of streamPeopleInScope(operator, { ...input.filter, page: 1 }))
      items.push({ input: { action: input.action, personId: person.id, name: person.name } });
    if (items.length === 0) throw new Refusal('Nobody matches this filter any more.');
    // The count the operator confirmed: if the filter now matches many more (a sync landed), ask again.
    if (items.length > input.expected * 1.1 + 10)
      throw new Refusal(
        `The filter now matches ${items.length} people, not ${input.expected}. Reload and confirm again.`,
      );
    const words = BULK_WORDS[input.action];
    const jobId = await startJob(await db(), {
      kind: peopleBulkKind.name,
      title: `${words.verb} ${items.length} ${items.length === 1 ? 'person' : 'people'} matching a filter`,
      createdBy: operator.id,
      requestedBy: operator.email,
      items,
    });
    return { data: { jobId }, facts: { job: jobId, change: input.action, people: items.length } };
  },
});
