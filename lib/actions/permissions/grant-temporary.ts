'use server';

import { revalidatePath } from 'next/cache';
import { db } from '../../db';
import { portalEnv } from '../../env';
import { formatDateTime } from '../../format';
import { grantTemporaryAccess } from '../../grants/temporary';
import { accessWindow } from '../../grants/window';
import { temporaryAccessSchema } from '../../validation/temporary-access';
import { defineAction } from '../safe-action';

/**
 * Temporary access from the person page: doors until an end (4 hours, end of today, a week, a chosen day), with a
 * reason. The `access.expire` task takes each door away when its end comes — unless another source still gives it.
 */
export const grantTemporaryAccessAction = defineAction({
  name: 'permissions.grant_temporary',
  capability: 'permissions:write',
  input: temporaryAccessSchema,
  targets: (input) => [
    { type: 'person' as const, id: input.userId },
    ...input.doorIds.map((id) => ({ type: 'door' as const, id, part: 'added' as const })),
  ],
  async run(input, { operator, spintly }) {
    const { display } = portalEnv();
    const window = accessWindow(input, Date.now(), display.timeZone);
    const { scheduled } = await grantTemporaryAccess(await db(), spintly, operator, {
      personId: input.userId,
      doorIds: input.doorIds,
      ...window,
      reason: input.reason,
    });
    revalidatePath(`/users/${input.userId}`, 'layout');
    const untilText = formatDateTime(window.endsAt, display);
    const n = input.doorIds.length;
    return {
      spintlyStatus: 200,
      facts: { doors: n, until: window.endsAt, untilText, reason: input.reason, scheduled },
      message: scheduled
        ? `Scheduled: ${n === 1 ? 'the door opens' : `${n} doors open`} for them from ${formatDateTime(window.startsAt!, display)} until ${untilText}.`
        : `Given until ${untilText}. ${n === 1 ? 'It is' : 'They are'} taken away by itself then.`,
    };
  },
});
