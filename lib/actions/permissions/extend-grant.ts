'use server';

import { revalidatePath } from 'next/cache';
import { Refusal } from '../../core/refusal';
import { db } from '../../db';
import { portalEnv } from '../../env';
import { formatDateTime } from '../../format';
import { getGrant, setGrantEnd } from '../../grants/store';
import { accessWindow } from '../../grants/window';
import { extendGrantSchema } from '../../validation/temporary-access';
import { defineAction } from '../safe-action';

/** "Extend" on a temporary grant: a new end, counted from now. Nothing is sent to Spintly (the door is still given). */
export const extendGrantAction = defineAction({
  name: 'permissions.extend',
  capability: 'permissions:write',
  input: extendGrantSchema,
  targets: (input) => [
    { type: 'person' as const, id: input.userId },
    { type: 'door' as const, id: input.doorId },
  ],
  async run(input) {
    const database = await db();
    const grant = await getGrant(database, input.grantId);
    // Another person's or door's grant reads as one that does not exist, whatever the request claims.
    if (!grant || grant.personId !== input.userId || grant.doorId !== input.doorId)
      throw new Refusal('That temporary access no longer exists.', { reason: 'not_found' });
    if (grant.endedAt !== null || grant.endsAt === null)
      throw new Refusal('That access has already ended. Give the door again instead.');
    // A group's end is its membership's: changed on the group's page, for every door of it at once.
    if (grant.source !== 'direct')
      throw new Refusal('This access comes from an access group: change the membership’s end on the group’s page.');
    const { display } = portalEnv();
    const { endsAt } = accessWindow(input, Date.now(), display.timeZone);
    await setGrantEnd(database, grant.id, endsAt);
    revalidatePath(`/users/${input.userId}`, 'layout');
    const untilText = formatDateTime(endsAt, display);
    return { facts: { until: endsAt, untilText }, message: `Access now ends ${untilText}.` };
  },
});
