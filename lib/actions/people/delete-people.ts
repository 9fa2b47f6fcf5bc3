'use server';

import { revalidatePath } from 'next/cache';
import { peopleIdsSchema } from '../../validation/people';
import { defineAction } from '../safe-action';

/** Deletes people from Spintly, with their cards and door permissions. */
export const deletePeopleAction = defineAction({
  name: 'people.delete',
  capability: 'people:manage',
  input: peopleIdsSchema,
  targets: (input) => input.userIds.map((id) => ({ type: 'person' as const, id })),
  stepUp: true,
  changesPeople: true,
  async run(input, { spintly }) {
    await spintly.deleteUsers(input.userIds);
    revalidatePath('/users');
    const n = input.userIds.length;
    return { spintlyStatus: 200, message: `${n} ${n === 1 ? 'person' : 'people'} deleted.` };
  },
});
