'use server';

import { revalidatePath } from 'next/cache';
import { db } from '../../db';
import { forgetOffboarded } from '../../jobs/offboarded';
import { setPeopleActiveSchema } from '../../validation/people';
import { defineAction } from '../safe-action';

/**
 * Activates or deactivates people in one call. Deactivated people keep their doors but no door opens for them; an
 * offboarded person activated again is a member again, and is no longer deleted after OFFBOARD_DELETE_AFTER_DAYS.
 */
export const setPeopleActiveAction = defineAction({
  name: 'people.set_active',
  capability: 'people:write',
  input: setPeopleActiveSchema,
  targets: (input) => input.userIds.map((id) => ({ type: 'person' as const, id })),
  changesPeople: true,
  async run(input, { spintly }) {
    if (input.active) {
      await spintly.activateUsers(input.userIds);
      await forgetOffboarded(await db(), input.userIds);
    } else await spintly.deactivateUsers(input.userIds);
    revalidatePath('/users');
    const n = input.userIds.length;
    return {
      spintlyStatus: 200,
      facts: { active: input.active },
      message: `${n} ${n === 1 ? 'person' : 'people'} ${input.active ? 'activated' : 'deactivated'}.`,
    };
  },
});
