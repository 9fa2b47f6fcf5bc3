'use server';

import { revalidatePath } from 'next/cache';
import { doorPeopleChangeSchema } from '../../validation/doors';
import { defineAction } from '../safe-action';

/** Gives people a door, takes it away, or cancels a pending change — one call to Spintly for the door. */
export const changeDoorPeopleAction = defineAction({
  name: 'permissions.change_door',
  capability: 'permissions:write',
  input: doorPeopleChangeSchema,
  targets: (input) => [
    { type: 'door' as const, id: input.doorId, siteId: input.siteId },
    ...input.add.map((id) => ({ type: 'person' as const, id, part: 'added' as const })),
    ...input.remove.map((id) => ({ type: 'person' as const, id, part: 'removed' as const })),
    ...input.cancelPending.map((id) => ({ type: 'person' as const, id, part: 'cancelled' as const })),
  ],
  async run(input, { spintly }) {
    await spintly.changeDoorUsers(input.doorId, {
      permissionsToAdd: input.add,
      permissionsToRemove: input.remove,
      pendingPermissionsToRemove: input.cancelPending,
    });
    revalidatePath('/sites', 'layout');
    const parts = [
      input.add.length > 0 && `${input.add.length} added`,
      input.remove.length > 0 && `${input.remove.length} removed`,
      input.cancelPending.length > 0 &&
        `${input.cancelPending.length} pending change${input.cancelPending.length === 1 ? '' : 's'} cancelled`,
    ].filter(Boolean);
    return {
      spintlyStatus: 200,
      auditDetail: `+${input.add.length} −${input.remove.length} cancel ${input.cancelPending.length}`,
      message: `${parts.join(', ')}. The door's reader applies it at its next sync.`,
    };
  },
});
