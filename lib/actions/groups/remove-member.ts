'use server';

import { revalidatePath } from 'next/cache';
import { db } from '../../db';
import { startGroupJob } from '../../groups/apply';
import { planRemoval } from '../../groups/plan';
import { removeMembership } from '../../groups/store';
import { removeMemberSchema } from '../../validation/groups';
import { defineAction } from '../safe-action';
import { groupOrRefuse, membershipOrRefuse, membershipTargets, peopleCount } from './shared';

/**
 * A person or company leaves a group: what the membership gave is taken back, door by door, unless another source
 * (a direct grant, another group) still gives it — as a job.
 */
export const removeGroupMemberAction = defineAction({
  name: 'groups.remove_member',
  capability: 'groups:members',
  input: removeMemberSchema,
  targets: (input) => membershipTargets(input, 'removed'),
  async run(input, { operator }) {
    const database = await db();
    const group = await groupOrRefuse(database, input.groupId);
    const membership = await membershipOrRefuse(database, group, input);
    const items = await planRemoval(database, group, membership);
    await removeMembership(database, membership.id);
    const jobId = await startGroupJob(database, operator, `Access group ${group.name}: a member leaves`, items);
    revalidatePath(`/access-groups/${group.id}`);
    return {
      data: { jobId, people: items.length },
      message: jobId
        ? `Removed. Taking the group’s doors back from ${peopleCount(items.length)} (doors given another way stay).`
        : 'Removed.',
      facts: { people: items.length, job: jobId },
    };
  },
});
