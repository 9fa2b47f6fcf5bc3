'use server';

import { db } from '../../db';
import { directoryDb } from '../../directory';
import { startJob } from '../../jobs/start';
import { peopleIdsSchema } from '../../validation/people';
import { defineAction } from '../safe-action';

/**
 * Offboards people as a job (lib/jobs/offboard.ts): card taken back, every door removed, deactivated — each person an
 * item with its own outcome, finished on the server if the tab is closed. Every id is scope-checked here first.
 */
export const offboardPeopleAction = defineAction({
  name: 'jobs.start',
  capability: 'people:write',
  input: peopleIdsSchema,
  targets: (input) => input.userIds.map((id) => ({ type: 'person' as const, id })),
  async run(input, { operator }) {
    const { db: directory } = await directoryDb();
    const names = new Map(
      (await directory.selectFrom('people').select(['id', 'name']).where('id', 'in', input.userIds).execute()).map(
        (p) => [Number(p.id), p.name],
      ),
    );
    const n = input.userIds.length;
    const jobId = await startJob(await db(), {
      kind: 'offboard',
      title: `Offboarding of ${n === 1 ? (names.get(input.userIds[0]!) ?? '1 person') : `${n} people`}`,
      createdBy: operator.id,
      requestedBy: operator.email,
      items: input.userIds.map((personId) => ({
        input: { personId, name: names.get(personId) ?? `Person ${personId}` },
      })),
    });
    return {
      data: { jobId },
      auditDetail: `offboard job ${jobId}`,
      message: `Offboarding ${n} ${n === 1 ? 'person' : 'people'}…`,
    };
  },
});
