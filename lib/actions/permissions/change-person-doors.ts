'use server';

import { revalidatePath } from 'next/cache';
import { personDoorsChangeSchema } from '../../validation/permissions';
import { companyEnvelopeOf } from '../../companies/membership';
import { defineAction } from '../safe-action';
import { db } from '../../db';
import { endDirectGrants, recordDirectGrants } from '../../grants/store';

/** Grants or revokes doors of one person, or cancels a pending change — one Spintly call for the person. */
export const changePersonDoorsAction = defineAction({
  name: 'permissions.change_person',
  capability: 'permissions:write',
  input: personDoorsChangeSchema,
  targets: (input) => [
    { type: 'person' as const, id: input.userId },
    ...input.grant.map((id) => ({ type: 'door' as const, id, part: 'added' as const })),
    ...input.revoke.map((id) => ({ type: 'door' as const, id, part: 'removed' as const })),
    ...input.cancelPending.map((id) => ({ type: 'door' as const, id, part: 'cancelled' as const })),
  ],
  async run(input, { operator, spintly }) {
    // A super or site admin may give a door outside the person's company envelope (a company admin cannot: the
    // scope check refused it); the record says so.
    const company = input.grant.length > 0 ? await companyEnvelopeOf(input.userId) : null;
    const outsideEnvelope = company ? input.grant.filter((id) => !company.doorIds.includes(id)).length : 0;
    await spintly.changeUserDoors(input.userId, {
      permissionsToAdd: input.grant,
      permissionsToRemove: input.revoke,
      pendingPermissionsToRemove: input.cancelPending,
    });
    // Where access comes from: given here is direct; revoked here ends every direct grant (temporary ones too), and so
    // does a cancelled pending grant (the door is not given after all; a cancelled revoke has none open).
    const database = await db();
    await recordDirectGrants(
      database,
      operator,
      input.grant.map((doorId) => ({ personId: input.userId, doorId })),
    );
    await endDirectGrants(
      database,
      [...input.revoke, ...input.cancelPending].map((doorId) => ({ personId: input.userId, doorId })),
    );
    revalidatePath(`/users/${input.userId}`, 'layout');
    return {
      spintlyStatus: 200,
      facts: {
        added: input.grant.length,
        removed: input.revoke.length,
        cancelled: input.cancelPending.length,
        ...(outsideEnvelope > 0 && { outsideEnvelope }),
      },
      message:
        input.cancelPending.length > 0
          ? 'Pending change cancelled.'
          : 'Saved. The door’s reader applies it at its next sync.',
    };
  },
});
