'use server';

import { db } from '../../db';
import { DOOR_CHANGE_JOB, type DoorChangeInput } from '../../jobs/door-change';
import { startJob } from '../../jobs/start';
import { doorChangeTargets, doorChangesSchema } from '../../validation/doors';
import { defineAction } from '../safe-action';

/**
 * The matrix's "Apply changes": every staged door becomes an item of one job (one Spintly call per door, never per
 * cell), so the changes finish on the server with the tab closed and each door keeps its own outcome. Every door and
 * person is scope-checked here first; each item checks again when it runs.
 */
export const applyDoorChangesAction = defineAction({
  name: 'jobs.start_doors',
  capability: 'permissions:write',
  input: doorChangesSchema,
  targets: (input) => [
    { type: 'site' as const, id: input.siteId },
    ...input.doors.flatMap((door) => doorChangeTargets({ ...door, siteId: input.siteId })),
  ],
  async run(input, { operator }) {
    const n = input.doors.length;
    const items: { input: DoorChangeInput }[] = input.doors.map((door) => ({
      input: { ...door, siteId: input.siteId },
    }));
    const jobId = await startJob(await db(), {
      kind: DOOR_CHANGE_JOB,
      title: `Door access changes on ${n} ${n === 1 ? 'door' : 'doors'}`,
      createdBy: operator.id,
      requestedBy: operator.email,
      items,
    });
    return { data: { jobId }, facts: { job: jobId, doors: n } };
  },
});
