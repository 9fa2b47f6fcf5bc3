'use server';

import { revalidatePath } from 'next/cache';
import { db } from '../../db';
import { createGroup } from '../../groups/store';
import { createGroupSchema } from '../../validation/groups';
import { defineAction } from '../safe-action';
import { doorsWithSites, refuseTakenName } from './shared';

/** A new access group: a name, a description and doors at the operator's sites. Members come next, on its page. */
export const createGroupAction = defineAction({
  name: 'groups.create',
  capability: 'groups:write',
  input: createGroupSchema,
  targets: (input) => input.doorIds.map((id) => ({ type: 'door' as const, id })),
  creates: (input, data: { groupId: number } | undefined) => ({
    type: 'group',
    id: data?.groupId ?? 0,
    name: input.name,
    part: 'created',
  }),
  async run(input, { operator, spintly }) {
    const database = await db();
    await refuseTakenName(database, input.name);
    const groupId = await createGroup(database, operator, {
      name: input.name,
      description: input.description ?? null,
      doors: await doorsWithSites(spintly, input.doorIds),
    });
    revalidatePath('/access-groups');
    return {
      data: { groupId },
      message: `${input.name} created. Add its members next.`,
      facts: { doors: input.doorIds.length },
    };
  },
});
