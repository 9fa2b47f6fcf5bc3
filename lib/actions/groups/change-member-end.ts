'use server';

import { revalidatePath } from 'next/cache';
import { db } from '../../db';
import { portalEnv } from '../../env';
import { formatDate } from '../../format';
import { setMembershipEnd } from '../../groups/store';
import { membershipWindow } from '../../groups/window';
import { changeMemberEndSchema } from '../../validation/groups';
import { defineAction } from '../safe-action';
import { groupOrRefuse, membershipOrRefuse, membershipTargets } from './shared';

/**
 * A membership's last day changed (extended, shortened, or removed): the membership and every open grant it gave
 * take the new end, which `access.expire` then keeps. Nothing is sent to Spintly (the doors are still given).
 */
export const changeGroupMemberEndAction = defineAction({
  name: 'groups.change_member_end',
  capability: 'groups:members',
  input: changeMemberEndSchema,
  targets: (input) => membershipTargets(input),
  async run(input) {
    const database = await db();
    const group = await groupOrRefuse(database, input.groupId);
    const membership = await membershipOrRefuse(database, group, input);
    const { display } = portalEnv();
    const { endsAt } = membershipWindow({ until: input.until }, Date.now(), display.timeZone);
    await setMembershipEnd(database, membership.id, endsAt);
    revalidatePath(`/access-groups/${group.id}`);
    return {
      facts: { until: input.until ?? null },
      message: endsAt
        ? `They keep the group’s doors until the end of ${formatDate(Date.parse(endsAt) - 1, display)}.`
        : 'They keep the group’s doors until removed.',
    };
  },
});
