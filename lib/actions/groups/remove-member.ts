'use server';

import { revalidatePath } from 'next/cache';
import { Refusal } from '../../core/refusal';
import { db } from '../../db';
import { startGroupJob } from '../../groups/apply';
import { planRemoval } from '../../groups/plan';
import { getMembership, removeMembership } from '../../groups/store';
import { removeMemberSchema } from '../../validation/groups';
import { defineAction } from '../safe-action';
import { groupOrRefuse, peopleCount } from './shared';

/**
 * A person or company leaves a group: what the membership gave is taken back, door by door, unless another source
 * (a direct grant, another group) still gives it — as a job.
 */
export const removeGroupMemberAction = defineAction({
  name: 'groups.remove_member',
  capability: 'groups:members',
  input: removeMemberSchema,
  targets: (input) => [
    { type: 'group' as const, id: input.groupId },
    input.personId !== undefined
      ? { type: 'person' as const, id: input.personId, part: 'removed' as const }
      : { type: 'company' as const, id: input.companyId!, part: 'removed' as const },
  ],
  async run(input, { operator }) {
    const database = await db();
    const group = await groupOrRefuse(database, input.groupId);
    const membership = await getMembership(database, input.membershipId);
    // The member named (and scope-checked) must be this membership's: a crafted pair learns nothing.
    if (
      !membership ||
      membership.groupId !== group.id ||
      membership.removedAt !== null ||
      membership.personId !== (input.personId ?? null) ||
      membership.companyId !== (input.companyId ?? null)
    )
      throw new Refusal('This member has already left the group.', { reason: 'not_found' });
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
