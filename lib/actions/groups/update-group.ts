'use server';

import { revalidatePath } from 'next/cache';
import { db } from '../../db';
import { startGroupJob } from '../../groups/apply';
import { planDoorChange } from '../../groups/plan';
import { openMemberships, updateGroup } from '../../groups/store';
import { updateGroupSchema } from '../../validation/groups';
import { defineAction } from '../safe-action';
import { doorsWithSites, groupOrRefuse, peopleCount, refuseTakenName } from './shared';

/**
 * A group's name, description and doors. Doors added are given to everyone the group reaches and doors removed
 * taken back (unless another source still gives them) — as one job, one item per person.
 */
export const updateGroupAction = defineAction({
  name: 'groups.update',
  capability: 'groups:write',
  input: updateGroupSchema,
  targets: (input) => [
    { type: 'group' as const, id: input.groupId },
    ...input.doorIds.map((id) => ({ type: 'door' as const, id })),
  ],
  async run(input, { operator, spintly }) {
    const database = await db();
    const group = await groupOrRefuse(database, input.groupId);
    await refuseTakenName(database, input.name, group.id);
    const change = await updateGroup(database, group.id, {
      name: input.name,
      description: input.description ?? null,
      doors: await doorsWithSites(spintly, input.doorIds),
    });
    const items = await planDoorChange(database, group, await openMemberships(database, group.id), change);
    const jobId = await startGroupJob(database, operator, `Access group ${input.name}: door changes`, items);
    revalidatePath(`/access-groups/${group.id}`);
    return {
      data: { groupId: group.id, jobId, people: items.length },
      message: jobId ? `Saved. Changing the doors of ${peopleCount(items.length)} in the background.` : 'Saved.',
      facts: { doorsAdded: change.added.length, doorsRemoved: change.removed.length, people: items.length, job: jobId },
    };
  },
});
