'use server';

import { revalidatePath } from 'next/cache';
import { describeDoorChange, doorChangeTargets, doorPeopleChangeSchema } from '../../validation/doors';
import { defineAction } from '../safe-action';
import { db } from '../../db';
import { recordDoorChange } from '../../grants/store';

/** Gives people a door, takes it away, or cancels a pending change — one call to Spintly for the door. */
export const changeDoorPeopleAction = defineAction({
  name: 'permissions.change_door',
  capability: 'permissions:write',
  input: doorPeopleChangeSchema,
  targets: doorChangeTargets,
  async run(input, { operator, spintly }) {
    await spintly.changeDoorUsers(input.doorId, {
      permissionsToAdd: input.add,
      permissionsToRemove: input.remove,
      pendingPermissionsToRemove: input.cancelPending,
    });
    await recordDoorChange(await db(), operator, input);
    revalidatePath('/sites', 'layout');
    return {
      spintlyStatus: 200,
      facts: { added: input.add.length, removed: input.remove.length, cancelled: input.cancelPending.length },
      message: `${describeDoorChange(input)}. The door's reader applies it at its next sync.`,
    };
  },
});
