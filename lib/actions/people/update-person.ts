'use server';

import { revalidatePath } from 'next/cache';
import { updatePersonSchema } from '../../validation/people';
import { defineAction } from '../safe-action';
import { refuseNewVisitorRole } from '../../visitors/role';
import { toSpintlyUser } from './to-spintly';

/** Saves a person's details. The new home site must be one of the operator's sites as well as the old one. */
export const updatePersonAction = defineAction({
  name: 'people.update',
  capability: 'people:write',
  input: updatePersonSchema,
  targets: (input) => [
    { type: 'person' as const, id: input.userId },
    { type: 'site' as const, id: input.homeSiteId },
  ],
  changesPeople: true,
  async run(input, { spintly }) {
    await refuseNewVisitorRole(spintly, input.roleIds, input.userId);
    await spintly.updateUsers([{ id: input.userId, ...toSpintlyUser(input) }]);
    revalidatePath('/users');
    revalidatePath(`/users/${input.userId}`);
    return { spintlyStatus: 200, data: { userId: input.userId }, message: `${input.name} was saved.` };
  },
});
